import { Duration } from 'aws-cdk-lib';
import { TablePropsV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { TableMonitoringOptions } from '../monitoring/table-monitoring-props';
import type { ITableBackupPlan } from '../protection/table-backup-plan-props';

/**
 * Cooldowns for the target-tracking autoscaling of provisioned capacity.
 *
 * aws-cdk-lib's `Capacity.autoscaled()` sets the target (70% by default) but not the cooldowns;
 * these apply to every autoscaled read and write capacity of the table, its indexes and replicas.
 */
export interface AutoScalingCooldowns {
  /**
   * How long after a scale-in before another scale-in may start.
   *
   * @default - Application Auto Scaling's default (no cooldown)
   */
  readonly scaleInCooldown?: Duration;

  /**
   * How long after a scale-out before another scale-out may start.
   *
   * @default - Application Auto Scaling's default (no cooldown)
   */
  readonly scaleOutCooldown?: Duration;
}

/**
 * Properties of a `ProductionTable`: every `TablePropsV2` property, with the same name and meaning,
 * plus the settings below.
 *
 * Where `TableV2`'s default is not production-safe, `ProductionTable` resolves a different one
 * (jsii cannot re-declare an inherited property, so they are listed here):
 *
 * - `pointInTimeRecoverySpecification`: enabled, recovery period 35 days. An errant deploy or
 *   script is noticed days later, not minutes. (`TableV2`: off.)
 * - `encryption`: a customer-managed KMS key created beside the table (construct id `<id>Key`),
 *   rotation on, retain policy; replica regions use `replicaKeyArns`. You control the key policy,
 *   CloudTrail records every use, access can be revoked. Choosing
 *   `TableEncryptionV2.awsManagedKey()` or `dynamoOwnedKey()` is allowed and adds a warning.
 *   (`TableV2`: DynamoDB-owned key.)
 * - `deletionProtection`: true, inherited by every replica that does not say otherwise.
 *   (`TableV2`: false.)
 * - `removalPolicy`: `RemovalPolicy.RETAIN`; anything else adds a warning.
 * - `contributorInsightsSpecification`: enabled for the table and every global secondary index,
 *   the first thing to look at when a hot key throttles. (`TableV2`: off.)
 * - `billing`: on demand, as in `TableV2`; with `Billing.provisioned`, `Capacity.autoscaled`
 *   targets 70% utilization and `autoScaling` sets the cooldowns; a fixed read capacity adds a
 *   warning.
 * - `dynamoStream`: `NEW_AND_OLD_IMAGES` when there are replicas, as in `TableV2`.
 */
export interface ProductionTableProps extends TablePropsV2 {
  /**
   * ARNs of the customer-managed KMS keys for the replica regions, by region, used with the key
   * this construct creates. Every replica region needs one: KMS keys are regional.
   *
   * @default - none; required when there are replicas and `encryption` is not set
   */
  readonly replicaKeyArns?: { [region: string]: string };

  /**
   * Cooldowns for every autoscaled capacity of the table, its indexes and replicas (provisioned
   * billing only).
   *
   * @default - Application Auto Scaling's defaults
   */
  readonly autoScaling?: AutoScalingCooldowns;

  /**
   * Tunes the table's default monitoring (`TableMonitoring`): alarm action, thresholds, optional
   * alarms, dashboard. The table's indexes, replica regions and billing are filled in.
   *
   * @default - every default alarm with its documented threshold, notifying the stack's `AlarmTopic`
   * (an info annotation says how to subscribe)
   */
  readonly monitoring?: TableMonitoringOptions;

  /**
   * Whether the table gets its default monitoring. `false` opts out (with a warning), e.g. when
   * alarms come from elsewhere; it cannot be combined with `monitoring`.
   *
   * @default true - throttling, errors, latency and replication lag are watched from day one
   */
  readonly monitoringEnabled?: boolean;

  /**
   * A backup plan the table joins (selected by ARN), e.g. a `TableBackupPlan`.
   *
   * @default - no AWS Backup plan; point-in-time recovery still covers the last 35 days
   */
  readonly backup?: ITableBackupPlan;
}
