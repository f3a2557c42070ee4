import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { GLOBAL_TABLE, TABLE, isTrue, render, replicasOf } from '../template';

/**
 * DynamoDB tables, and every replica of a global table, have point-in-time recovery on.
 * @param node the CfnResource to check
 */
export function PointInTimeRecoveryEnabled(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType === TABLE) {
    const spec = render(node).properties.PointInTimeRecoverySpecification;
    return spec && isTrue(node, spec.PointInTimeRecoveryEnabled) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node.cfnResourceType === GLOBAL_TABLE) {
    const replicas = replicasOf(render(node));
    const allOn = replicas.length > 0 && replicas.every(replica => {
      const spec = replica.PointInTimeRecoverySpecification;
      return spec && isTrue(node, spec.PointInTimeRecoveryEnabled);
    });
    return allOn ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
