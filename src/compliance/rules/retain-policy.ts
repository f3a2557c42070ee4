import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkRetained } from '../../template';
import { isTable, verdict, viewOf } from '../template';

/**
 * DynamoDB tables and global tables are retained when removed from the stack or replaced
 * (`DeletionPolicy` Retain or RetainExceptOnCreate, and `UpdateReplacePolicy` Retain).
 * @param node the CfnResource to check
 */
export function RetainPolicy(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  return verdict(checkRetained(viewOf(node))) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
