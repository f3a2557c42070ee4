import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isTrue, render } from '../template';

/**
 * DAX clusters encrypt their cache, configuration and logs at rest (`SSESpecification.SSEEnabled`).
 * @param node the CfnResource to check
 */
export function DaxEncryptedAtRest(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::DAX::Cluster') return NagRuleCompliance.NOT_APPLICABLE;
  const sse = render(node).properties.SSESpecification;
  return sse && isTrue(node, sse.SSEEnabled) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
