import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkPointInTimeRecovery } from '../../template';
import { isTable, verdict, viewOf } from '../template';

/**
 * DynamoDB tables, and every replica of a global table (legacy `Custom::DynamoDBReplica` replicas
 * too), have point-in-time recovery on.
 * @param node the CfnResource to check
 */
export function PointInTimeRecoveryEnabled(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  return verdict(checkPointInTimeRecovery(viewOf(node))) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
