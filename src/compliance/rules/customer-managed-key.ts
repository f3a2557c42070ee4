import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { GLOBAL_TABLE, TABLE, isTrue, literal, render, replicasOf } from '../template';

/** The alias of the AWS-managed key for DynamoDB: encryption with it is not customer-managed. */
const AWS_MANAGED_KEY_ALIAS = 'alias/aws/dynamodb';

/**
 * DynamoDB tables, and every replica of a global table, are encrypted with a customer-managed KMS
 * key (not a DynamoDB-owned or AWS-managed key).
 * @param node the CfnResource to check
 */
export function CustomerManagedKey(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType === TABLE) {
    const sse = render(node).properties.SSESpecification;
    return sse && isTrue(node, sse.SSEEnabled) && isCustomerKey(sse.KMSMasterKeyId)
      ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node.cfnResourceType === GLOBAL_TABLE) {
    const table = render(node);
    const sse = table.properties.SSESpecification;
    if (!sse || !isTrue(node, sse.SSEEnabled) || literal(node, sse.SSEType ?? 'KMS') !== 'KMS') return NagRuleCompliance.NON_COMPLIANT;
    const replicas = replicasOf(table);
    const allCustomer = replicas.length > 0 && replicas.every(replica => isCustomerKey(replica.SSESpecification?.KMSMasterKeyId));
    return allCustomer ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}

/** A key named by ARN, ID, alias or a reference to a key in the template, other than the AWS-managed alias. */
function isCustomerKey(keyId: any): boolean {
  if (typeof keyId === 'string') return keyId !== '' && !keyId.endsWith(AWS_MANAGED_KEY_ALIAS);
  // A reference (Ref, Fn::GetAtt, Fn::ImportValue...) names a key this or another template made.
  return typeof keyId === 'object' && keyId !== null;
}
