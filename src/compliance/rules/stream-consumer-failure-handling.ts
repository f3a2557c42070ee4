import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { literal, render, tablesByLogicalId } from '../template';

/** Lambda's upper bound for MaximumRetryAttempts; -1 (the default) retries until the record expires. */
const MAX_RETRY_ATTEMPTS = 10000;
const DYNAMODB_STREAM_ARN = /^arn:[\w-]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/stream\//;

/**
 * Lambda event source mappings that read a DynamoDB stream send failed batches to a failure
 * destination (`DestinationConfig.OnFailure`) and retry a bounded number of times
 * (`MaximumRetryAttempts` from 0 to 10000; the default, -1, retries until the record expires and
 * blocks the shard for up to 24 hours).
 * @param node the CfnResource to check
 */
export function StreamConsumerFailureHandling(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::Lambda::EventSourceMapping') return NagRuleCompliance.NOT_APPLICABLE;
  const mapping = render(node).properties;
  if (!readsDynamoDbStream(node, mapping.EventSourceArn)) return NagRuleCompliance.NOT_APPLICABLE;
  const hasDestination = mapping.DestinationConfig?.OnFailure?.Destination !== undefined;
  const retries = literal(node, mapping.MaximumRetryAttempts ?? -1);
  const bounded = typeof retries === 'number' && retries >= 0 && retries <= MAX_RETRY_ATTEMPTS;
  return hasDestination && bounded ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

/** A literal DynamoDB stream ARN, or `Fn::GetAtt [<table in this stack>, StreamArn]`. */
function readsDynamoDbStream(node: CfnResource, arn: any): boolean {
  if (typeof arn === 'string') return DYNAMODB_STREAM_ARN.test(arn);
  const getAtt = arn?.['Fn::GetAtt'];
  if (!Array.isArray(getAtt) || getAtt[1] !== 'StreamArn') return false;
  return typeof getAtt[0] === 'string' && tablesByLogicalId(node.stack).has(getAtt[0]);
}
