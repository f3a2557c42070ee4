import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BillingMode, ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';

/**
 * How one alarm evaluates. Every field falls back to that alarm's documented default.
 *
 * `enabled`: alarms that are on by default stay on unless `enabled: false`; optional alarms are
 * turned on by passing their options object (with `enabled` left out or `true`).
 */
export interface AlarmTuning {
  /**
   * Whether to create this alarm.
   *
   * @default - true for default alarms; for optional alarms, true when the options object is given
   */
  readonly enabled?: boolean;

  /**
   * The period over which the metric is aggregated. DynamoDB publishes one-minute data, so a whole
   * number of minutes.
   *
   * @default - the alarm's documented default
   */
  readonly period?: Duration;

  /**
   * How many periods the alarm looks at.
   *
   * @default - the alarm's documented default
   */
  readonly evaluationPeriods?: number;

  /**
   * How many of those periods must breach ("M out of N").
   *
   * @default - the alarm's documented default
   */
  readonly datapointsToAlarm?: number;

  /**
   * What a period with no data means.
   *
   * @default - the alarm's documented default
   */
  readonly treatMissingData?: cloudwatch.TreatMissingData;
}

/**
 * Options of an alarm on one number (a count, a percentage or milliseconds, as the alarm says).
 */
export interface ThresholdAlarmOptions extends AlarmTuning {
  /**
   * The threshold, in the alarm's unit.
   *
   * @default - the alarm's documented default
   */
  readonly threshold?: number;
}

/**
 * Options of the system-errors alarm.
 */
export interface SystemErrorsAlarmOptions extends ThresholdAlarmOptions {
  /**
   * The operations whose `SystemErrors` are summed, by metric math: one metric each, more than 10
   * split over several alarms (CloudWatch allows 10 metrics per metric-math alarm). Give them to
   * keep the alarm off CloudWatch's quota of alarms on Metrics Insights queries (200 per account
   * and Region by default; a warning says when one app passes 80% of it) or to evaluate more
   * than the three hours such an alarm can.
   *
   * @default - every operation, summed by one CloudWatch Metrics Insights query over every
   * `SystemErrors` series of the table (`SELECT SUM(SystemErrors) FROM "AWS/DynamoDB" WHERE TableName = '<table>'`)
   */
  readonly operations?: Operation[];
}

/**
 * A latency threshold for one operation.
 */
export interface OperationLatencyThreshold {
  /** The operation (the `Operation` dimension). */
  readonly operation: Operation;
  /** The latency above which the operation counts as slow. */
  readonly threshold: Duration;
}

/**
 * Options of the latency alarm. It watches `MAX(latency(op) / threshold(op))` over the operations,
 * so it fires when any operation is slower than its own threshold (alarm threshold 1).
 */
export interface LatencyAlarmOptions extends AlarmTuning {
  /**
   * The operations watched, each with its threshold. More than 10 are split over several alarms.
   *
   * @default - GetItem 100 ms, PutItem 100 ms, UpdateItem 100 ms, Query 250 ms,
   * TransactWriteItems 500 ms
   */
  readonly operations?: OperationLatencyThreshold[];

  /**
   * The statistic of `SuccessfulRequestLatency`.
   *
   * @default 'p99'
   */
  readonly statistic?: string;
}

/**
 * Everything about `TableMonitoring` except which table: what `ProductionTable`'s `monitoring`
 * prop takes.
 */
export interface TableMonitoringOptions {
  /**
   * An SNS topic notified by every alarm (and when it returns to OK). Give this or `alarmAction`,
   * not both.
   *
   * @default - the stack's `AlarmTopic`, shared by every table and stream consumer of the stack:
   * an SNS topic encrypted with its own KMS key that CloudWatch may use, TLS only. An alarm
   * without an action notifies nobody (and fails the HIPAA and NIST `CloudWatchAlarmAction`
   * rules), so there is always one; subscribe to it through `monitoring.alarmTopic`.
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Any alarm action (SNS, Lambda, SSM, ...) applied to every alarm. Give this or `alarmTopic`.
   * No topic is created when it is given.
   *
   * @default - an SNS action for `alarmTopic` (by default the stack's `AlarmTopic`)
   */
  readonly alarmAction?: cloudwatch.IAlarmAction;

  /**
   * Whether the action also runs when an alarm returns to OK, so that a page or ticket closes.
   *
   * @default true
   */
  readonly notifyOnOk?: boolean;

  /**
   * Read throttle events of the table and every monitored index, summed.
   *
   * @default - on: Sum >= 1 per 1-minute period in 3 of 5 periods, missing data not breaching
   */
  readonly readThrottles?: ThresholdAlarmOptions;

  /**
   * Write throttle events of the table and every monitored index, summed.
   *
   * @default - on: Sum >= 1 per 1-minute period in 3 of 5 periods, missing data not breaching
   */
  readonly writeThrottles?: ThresholdAlarmOptions;

  /**
   * Optional: hot-partition throttling (`Read/WriteKeyRangeThroughputThrottleEvents`) of the table
   * and every monitored index. Raising capacity does not fix these; a better-spread key does.
   *
   * @default - off; when given: Sum >= 1 per minute in 3 of 5 periods, missing data not breaching
   */
  readonly keyRangeThrottles?: ThresholdAlarmOptions;

  /**
   * `SystemErrors` (HTTP 500) summed over operations: every operation by default (one Metrics
   * Insights query), or the operations given.
   *
   * @default - on: Sum >= 1 per 1-minute period in 3 of 5 periods, missing data not breaching
   */
  readonly systemErrors?: SystemErrorsAlarmOptions;

  /**
   * Slow operations (`SuccessfulRequestLatency`).
   *
   * @default - on: p99 above each operation's threshold for 3 of 3 5-minute periods, missing data
   * not breaching
   */
  readonly latency?: LatencyAlarmOptions;

  /**
   * Read capacity utilization in percent: consumed / provisioned for provisioned tables (table and
   * every monitored index, the worst one), consumed / `maxReadRequestUnits` for on-demand tables
   * with a maximum. Not created for on-demand tables without a maximum.
   *
   * @default - on where it applies: >= 90% for 5 of 5 1-minute periods, missing data not breaching
   */
  readonly readCapacityUtilization?: ThresholdAlarmOptions;

  /**
   * Write capacity utilization in percent, as `readCapacityUtilization`.
   *
   * @default - on where it applies: >= 90% for 5 of 5 1-minute periods, missing data not breaching
   */
  readonly writeCapacityUtilization?: ThresholdAlarmOptions;

  /**
   * Replication latency in milliseconds from this region to each replica region (one alarm per
   * replica region).
   *
   * @default - on for global tables: Average >= 60000 ms for 5 of 5 1-minute periods, missing data
   * not breaching
   */
  readonly replicationLatency?: ThresholdAlarmOptions;

  /**
   * Optional: `PendingReplicationCount` per replica region. DynamoDB publishes it for global tables
   * version 2017.11.29 (legacy) only, not for the `AWS::DynamoDB::GlobalTable` tables `TableV2`
   * creates.
   *
   * @default - off; when given: Sum >= 1000 for 5 of 5 1-minute periods, missing data not breaching
   */
  readonly pendingReplication?: ThresholdAlarmOptions;

  /**
   * Optional: `UserErrors` (HTTP 400). DynamoDB publishes this metric for the whole account and
   * region, not per table: create it on one table per account and region.
   *
   * @default - off; when given: Sum >= 10 per minute for 5 of 5 periods, missing data not breaching
   */
  readonly userErrors?: ThresholdAlarmOptions;

  /**
   * Optional: conditional-check failures of the table (optimistic-locking conflicts, duplicates).
   *
   * @default - off; when given: Sum >= 100 per minute for 5 of 5 periods, missing data not breaching
   */
  readonly conditionalCheckFailures?: ThresholdAlarmOptions;

  /**
   * Optional: item-level requests rejected because of conflicting transactions.
   *
   * @default - off; when given: Sum >= 10 per minute for 5 of 5 periods, missing data not breaching
   */
  readonly transactionConflicts?: ThresholdAlarmOptions;

  /**
   * Optional: TTL deletions stopped. Fires when fewer than `threshold` items were deleted by TTL in
   * each period of the window; no data counts as no deletions (breaching).
   *
   * @default - off; when given: Sum < 1 per 1-hour period for 24 of 24 periods, missing data breaching
   */
  readonly timeToLiveDeletionsStopped?: ThresholdAlarmOptions;

  /**
   * Whether to add a composite "table health" alarm that is in ALARM when any alarm of this
   * monitoring is, with the same action.
   *
   * @default false - each alarm notifies on its own
   */
  readonly healthAlarm?: boolean;

  /**
   * Whether to create a CloudWatch dashboard for the table: capacity, throttles by cause, latency,
   * errors, replication latency, stream consumer lag and Contributor Insights top keys.
   *
   * @default false - dashboards cost money per month; alarms do the watching
   */
  readonly dashboard?: boolean;

  /**
   * The dashboard's name.
   *
   * @default - a name generated by CloudFormation
   */
  readonly dashboardName?: string;

  /**
   * Names of Contributor Insights rules to show as top-keys widgets. DynamoDB names its rules
   * `DynamoDBContributorInsights-<PKC|PKT|SKC|SKT>-<table>-<creation time>`, which is unknown at
   * synthesis; copy the names from the CloudWatch console.
   *
   * @default - a text widget that explains where the table's top keys are
   */
  readonly contributorInsightsRuleNames?: string[];
}

/**
 * Properties of `TableMonitoring`.
 */
export interface TableMonitoringProps extends TableMonitoringOptions {
  /**
   * The table to monitor: a `ProductionTable`, a `TableV2` or an imported table.
   */
  readonly table: ITableV2;

  /**
   * The global secondary indexes to monitor with the table (throttles, capacity). `ITableV2`
   * does not list its indexes, so name them.
   *
   * @default - none (for a `ProductionTable`, its indexes)
   */
  readonly globalSecondaryIndexNames?: string[];

  /**
   * The replica regions to watch replication latency to.
   *
   * @default - none (for a `ProductionTable`, its replica regions)
   */
  readonly replicaRegions?: string[];

  /**
   * The table's billing mode: provisioned tables get consumed-vs-provisioned alarms.
   *
   * @default BillingMode.PAY_PER_REQUEST
   */
  readonly billingMode?: BillingMode;

  /**
   * The maximum read request units of an on-demand table, for the near-the-cap alarm.
   *
   * @default - no maximum, no alarm
   */
  readonly maxReadRequestUnits?: number;

  /**
   * The maximum write request units of an on-demand table, for the near-the-cap alarm.
   *
   * @default - no maximum, no alarm
   */
  readonly maxWriteRequestUnits?: number;
}
