import { RemovalPolicy } from 'aws-cdk-lib';
import { ContributorInsightsSpecification, PointInTimeRecoverySpecification } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTableProps } from './production-table-props';

/**
 * Our production defaults, where `TableV2`'s are not production-safe. The one place a default is
 * chosen; the table's settings (settings.ts) apply them once and everything downstream reads those.
 */

/** The longest point-in-time recovery period DynamoDB offers, and our default. */
export const DEFAULT_RECOVERY_PERIOD_DAYS = 35;

/** Retained: removing the table from the stack must not delete its data. */
export const DEFAULT_REMOVAL_POLICY = RemovalPolicy.RETAIN;

/** On: a console click or a stack change must not delete the table. */
export const DEFAULT_DELETION_PROTECTION = true;

/** Point-in-time recovery on for 35 days, unless either PITR prop says otherwise. */
export function defaultPointInTimeRecovery(props: ProductionTableProps): PointInTimeRecoverySpecification {
  if (props.pointInTimeRecoverySpecification) return props.pointInTimeRecoverySpecification;
  if (props.pointInTimeRecovery === false) return { pointInTimeRecoveryEnabled: false };
  return { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: DEFAULT_RECOVERY_PERIOD_DAYS };
}

/** Contributor Insights on for the table and every index, unless either prop says otherwise. */
export function defaultContributorInsights(props: ProductionTableProps): ContributorInsightsSpecification {
  if (props.contributorInsightsSpecification) return props.contributorInsightsSpecification;
  return { enabled: props.contributorInsights ?? true };
}
