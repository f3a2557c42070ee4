import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { isTable, render } from '../template';

const RETAINING_DELETION_POLICIES = ['Retain', 'RetainExceptOnCreate'];

/**
 * DynamoDB tables and global tables are retained when removed from the stack or replaced
 * (`DeletionPolicy` and `UpdateReplacePolicy` are `Retain`).
 * @param node the CfnResource to check
 */
export function RetainPolicy(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const table = render(node);
  const retained = RETAINING_DELETION_POLICIES.includes(table.deletionPolicy ?? 'Delete') && table.updateReplacePolicy === 'Retain';
  return retained ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
