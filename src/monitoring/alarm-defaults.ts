import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import { AlarmDefaults } from './alarm-builder';

const GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
const NOT_BREACHING = cloudwatch.TreatMissingData.NOT_BREACHING;
const minute = Duration.minutes(1);

/**
 * Read and write throttles of the table and its indexes: one alarm (`Throttles`) while both are
 * tuned alike (the default), else `ReadThrottles` and `WriteThrottles` with these same defaults.
 */
const THROTTLES = atLeast(1, minute, 3, 5,
  'Any sustained throttling, read or write, is an outage for some callers (a throttled index write also throttles the table write); 3 of 5 ignores a single burst the SDK\'s retries absorb.');

/**
 * The one place where the table's alarm defaults are chosen, each with its reason; the README's
 * tables mirror it (test/monitoring/readme.test.ts).
 *
 * Counts: any sustained occurrence matters, a single burst the SDK's retries absorb does not
 * (3 of 5 one-minute periods). DynamoDB publishes most counts only when they are non-zero, so
 * missing data means "none happened" (not breaching).
 */
export const ALARM_DEFAULTS = {
  throttles: THROTTLES,
  readThrottles: THROTTLES,
  writeThrottles: THROTTLES,
  keyRangeThrottles: atLeast(1, minute, 3, 5,
    'Hot partitions: more capacity does not help, a better-spread key does.'),
  systemErrors: atLeast(1, minute, 3, 5,
    'HTTP 500s that last minutes are a service event, not noise.'),
  /** The ratio latency / threshold: 1 means "at the operation's threshold". */
  latency: atLeast(1, Duration.minutes(5), 3, 3,
    'Healthy single-item calls are single-digit milliseconds; 10x that at p99 for 15 minutes is a real degradation.'),
  readCapacityUtilization: atLeast(90, minute, 5, 5,
    'Autoscaling targets 70%; five minutes at 90% means it is at its maximum or cannot keep up, and throttling is next.'),
  writeCapacityUtilization: atLeast(90, minute, 5, 5,
    'As for reads.'),
  replicationLatency: atLeast(60_000, minute, 5, 5,
    'Normal is about a second; a minute of lag for five minutes means stale reads and conflicting writes in that region.'),
  pendingReplication: atLeast(1000, minute, 5, 5,
    'A backlog that stays above a thousand items for five minutes is not catching up.'),
  userErrors: atLeast(10, minute, 5, 5,
    'Account-wide HTTP 400s: a steady rate means a caller is sending bad requests.'),
  conditionalCheckFailures: atLeast(100, minute, 5, 5,
    'Optimistic-locking conflicts or duplicate requests; normal levels depend on the application.'),
  transactionConflicts: atLeast(10, minute, 5, 5,
    'Transactions contending for the same items.'),
  /** No data is no deletions: breaching. */
  timeToLiveDeletionsStopped: {
    threshold: 1,
    period: Duration.hours(1),
    evaluationPeriods: 24,
    datapointsToAlarm: 24,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    reason: 'No deletions for a day: TTL is off or the attribute is no longer written. No data means no deletions.',
  },
} satisfies { [name: string]: AlarmDefaults & { datapointsToAlarm: number } };

/** ">= threshold in `datapoints` of `periods` periods", missing data not breaching. */
function atLeast(threshold: number, period: Duration, datapointsToAlarm: number, evaluationPeriods: number, reason: string) {
  return { threshold, period, evaluationPeriods, datapointsToAlarm, treatMissingData: NOT_BREACHING, comparisonOperator: GTE, reason };
}

/** p99 thresholds by operation: single-item calls are single-digit ms when healthy. */
export const DEFAULT_LATENCY_THRESHOLDS: Array<{ operation: Operation; threshold: Duration }> = [
  { operation: Operation.GET_ITEM, threshold: Duration.millis(100) },
  { operation: Operation.PUT_ITEM, threshold: Duration.millis(100) },
  { operation: Operation.UPDATE_ITEM, threshold: Duration.millis(100) },
  { operation: Operation.QUERY, threshold: Duration.millis(250) },
  { operation: Operation.TRANSACT_WRITE_ITEMS, threshold: Duration.millis(500) },
];
