import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkContributorInsights } from '../../template';
import { isTable, verdict, viewOf } from '../template';

/**
 * DynamoDB tables have CloudWatch Contributor Insights on for the table and every global secondary
 * index (for a global table: in every replica).
 * @param node the CfnResource to check
 */
export function ContributorInsightsEnabled(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  return verdict(checkContributorInsights(viewOf(node))) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
