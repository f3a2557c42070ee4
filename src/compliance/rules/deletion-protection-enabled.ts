import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { GLOBAL_TABLE, TABLE, isTrue, render, replicasOf } from '../template';

/**
 * DynamoDB tables, and every replica of a global table, have deletion protection on.
 * @param node the CfnResource to check
 */
export function DeletionProtectionEnabled(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType === TABLE) {
    return isTrue(node, render(node).properties.DeletionProtectionEnabled) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node.cfnResourceType === GLOBAL_TABLE) {
    const replicas = replicasOf(render(node));
    const allOn = replicas.length > 0 && replicas.every(replica => isTrue(node, replica.DeletionProtectionEnabled));
    return allOn ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
