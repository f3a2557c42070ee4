import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkDeletionProtection } from '../../template';
import { isTable, verdict, viewOf } from '../template';

/**
 * DynamoDB tables, and every replica of a global table, have deletion protection on.
 * @param node the CfnResource to check
 */
export function DeletionProtectionEnabled(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  return verdict(checkDeletionProtection(viewOf(node))) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
