import { RemovalPolicy } from 'aws-cdk-lib';
import {
  ContributorInsightsSpecification,
  PointInTimeRecoverySpecification,
  TableEncryptionV2,
  TablePropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { CooldownApplier } from './autoscaling';
import { ProductionTableProps } from './production-table-props';
import { allowRegionAgnosticStack } from './region-agnostic-encryption';

/** The longest point-in-time recovery period DynamoDB offers, and our default. */
export const DEFAULT_RECOVERY_PERIOD_DAYS = 35;

/**
 * Resolves our production defaults into the `TablePropsV2` that `TableV2` receives. The one place
 * where a default is chosen; everything downstream reads the resolved values.
 */
export function resolveTableProps(props: ProductionTableProps, createdKey: IKey | undefined): TablePropsV2 {
  const cooldowns = new CooldownApplier(props.autoScaling);
  const {
    replicaKeyArns, autoScaling, pointInTimeRecovery, contributorInsights,
    ...tableProps
  } = props;
  return {
    ...tableProps,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    deletionProtection: props.deletionProtection ?? true,
    pointInTimeRecoverySpecification: resolvePointInTimeRecovery(props),
    contributorInsightsSpecification: resolveContributorInsights(props),
    encryption: allowRegionAgnosticStack(props.encryption ?? TableEncryptionV2.customerManagedKey(createdKey!, replicaKeyArns)),
    billing: cooldowns.billing(props.billing),
    globalSecondaryIndexes: props.globalSecondaryIndexes?.map(gsi => cooldowns.globalSecondaryIndex(gsi)),
    replicas: props.replicas?.map(replica => cooldowns.replica(replica)),
  };
}

function resolvePointInTimeRecovery(props: ProductionTableProps): PointInTimeRecoverySpecification {
  if (props.pointInTimeRecoverySpecification) return props.pointInTimeRecoverySpecification;
  if (props.pointInTimeRecovery === false) return { pointInTimeRecoveryEnabled: false };
  return { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: DEFAULT_RECOVERY_PERIOD_DAYS };
}

function resolveContributorInsights(props: ProductionTableProps): ContributorInsightsSpecification {
  if (props.contributorInsightsSpecification) return props.contributorInsightsSpecification;
  return { enabled: props.contributorInsights ?? true };
}
