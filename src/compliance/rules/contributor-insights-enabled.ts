import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { GLOBAL_TABLE, TABLE, indexesOf, isTrue, render, replicaIndex, replicasOf } from '../template';

/**
 * DynamoDB tables have CloudWatch Contributor Insights on for the table and every global secondary
 * index (for a global table: in every replica).
 * @param node the CfnResource to check
 */
export function ContributorInsightsEnabled(node: CfnResource): NagRuleResult {
  const enabled = (settings: any) => settings?.ContributorInsightsSpecification !== undefined
    && isTrue(node, settings.ContributorInsightsSpecification.Enabled);
  if (node.cfnResourceType === TABLE) {
    const table = render(node);
    const allOn = enabled(table.properties) && indexesOf(table).every(enabled);
    return allOn ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node.cfnResourceType === GLOBAL_TABLE) {
    const table = render(node);
    const indexNames: string[] = indexesOf(table).map(index => index.IndexName);
    const replicas = replicasOf(table);
    const allOn = replicas.length > 0 && replicas.every(replica =>
      enabled(replica) && indexNames.every(name => enabled(replicaIndex(replica, name))));
    return allOn ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}
