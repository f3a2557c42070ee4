import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { TableReference, isTable, render, resourcesInStack } from '../template';

/**
 * DynamoDB tables and global tables are selected by an AWS Backup plan: an
 * `AWS::Backup::BackupSelection` in the same stack names the table's ARN (by reference, or
 * literally as `...:table/<name>`). Tag-based selections cannot be verified from the template.
 * @param node the CfnResource to check
 */
export function InBackupPlan(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const table = new TableReference(render(node));
  const selected = resourcesInStack(node, 'AWS::Backup::BackupSelection').some(selection => {
    const resources = selection.properties.BackupSelection?.Resources;
    return Array.isArray(resources) && resources.some(resource => table.isIn(resource));
  });
  return selected ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
