import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';

/** The resolved evaluation of one alarm. */
export interface AlarmDefaults {
  readonly threshold: number;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: cloudwatch.TreatMissingData;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
}

const GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
const NOT_BREACHING = cloudwatch.TreatMissingData.NOT_BREACHING;
const minute = Duration.minutes(1);

/**
 * The one place where alarm defaults are chosen; the README's table mirrors it.
 *
 * Counts: any sustained occurrence matters, a single burst the SDK's retries absorb does not
 * (3 of 5 one-minute periods). DynamoDB publishes most counts only when they are non-zero, so
 * missing data means "none happened" (not breaching).
 */
export const ALARM_DEFAULTS = {
  readThrottles: atLeast(1, minute, 3, 5),
  writeThrottles: atLeast(1, minute, 3, 5),
  keyRangeThrottles: atLeast(1, minute, 3, 5),
  systemErrors: atLeast(1, minute, 3, 5),
  /** The ratio latency / threshold: 1 means "at the operation's threshold". */
  latency: atLeast(1, Duration.minutes(5), 3, 3),
  readCapacityUtilization: atLeast(90, minute, 5, 5),
  writeCapacityUtilization: atLeast(90, minute, 5, 5),
  replicationLatency: atLeast(60_000, minute, 5, 5),
  pendingReplication: atLeast(1000, minute, 5, 5),
  userErrors: atLeast(10, minute, 5, 5),
  conditionalCheckFailures: atLeast(100, minute, 5, 5),
  transactionConflicts: atLeast(10, minute, 5, 5),
  /** No data is no deletions: breaching. */
  timeToLiveDeletionsStopped: {
    threshold: 1,
    period: Duration.hours(1),
    evaluationPeriods: 24,
    datapointsToAlarm: 24,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
  },
} satisfies { [name: string]: AlarmDefaults };

/** ">= threshold in `datapoints` of `periods` periods", missing data not breaching. */
function atLeast(threshold: number, period: Duration, datapointsToAlarm: number, evaluationPeriods: number): AlarmDefaults {
  return { threshold, period, evaluationPeriods, datapointsToAlarm, treatMissingData: NOT_BREACHING, comparisonOperator: GTE };
}

/** The operations whose system errors are watched by default: the ten item operations, one alarm. */
export const DEFAULT_SYSTEM_ERROR_OPERATIONS: Operation[] = [
  Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY, Operation.SCAN,
  Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM, Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_GET_ITEMS, Operation.TRANSACT_WRITE_ITEMS,
];

/** p99 thresholds by operation: single-item calls are single-digit ms when healthy. */
export const DEFAULT_LATENCY_THRESHOLDS: Array<{ operation: Operation; threshold: Duration }> = [
  { operation: Operation.GET_ITEM, threshold: Duration.millis(100) },
  { operation: Operation.PUT_ITEM, threshold: Duration.millis(100) },
  { operation: Operation.UPDATE_ITEM, threshold: Duration.millis(100) },
  { operation: Operation.QUERY, threshold: Duration.millis(250) },
  { operation: Operation.TRANSACT_WRITE_ITEMS, threshold: Duration.millis(500) },
];
