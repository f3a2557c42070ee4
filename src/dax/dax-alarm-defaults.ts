import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { AlarmDefaults } from '../monitoring/alarm-builder';

/** One DAX alarm: its metric, its evaluation, whether it is on by default, and why. */
export interface DaxAlarmDefault extends AlarmDefaults {
  /** The metric in the `AWS/DAX` namespace (dimension `ClusterId`). */
  readonly metricName: string;
  readonly statistic: string;
  readonly onByDefault: boolean;
  /** Why this threshold: the README's table says the same. */
  readonly reason: string;
}

const GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
// DAX publishes a metric only when its value is non-zero: no data is "nothing happened".
const NOT_BREACHING = cloudwatch.TreatMissingData.NOT_BREACHING;
const minute = Duration.minutes(1);

/**
 * The one place where DAX alarm defaults are chosen; the README's DAX table mirrors it. Shaped as
 * `ALARM_DEFAULTS` (src/monitoring/alarm-defaults.ts), so that the shared alarm builder can take
 * these rows as they are.
 */
export const DAX_ALARM_DEFAULTS = {
  cpuUtilization: atLeast('CPUUtilization', cloudwatch.Stats.MAXIMUM, true, 70, minute, 5, 5,
    'A node above 70% for five minutes has no room left: if one of three nodes fails, the other two take its load (+50%) and throttle.'),
  throttledRequests: atLeast('ThrottledRequestCount', cloudwatch.Stats.SUM, true, 1, minute, 3, 5,
    'DAX throttles only when a node is at capacity; throttles in 3 of 5 minutes are sustained, not a burst the client retries absorb. Add nodes or a larger type.'),
  errorRequests: atLeast('ErrorRequestCount', cloudwatch.Stats.SUM, true, 10, minute, 5, 5,
    'User errors (throttles, validation, failed conditions) at 10 a minute for five minutes are a bug or a misconfigured client, not noise.'),
  faultRequests: atLeast('FaultRequestCount', cloudwatch.Stats.SUM, true, 1, minute, 3, 5,
    'Internal errors of DAX or of DynamoDB behind it should not happen at all; in 3 of 5 minutes they are an outage, not a blip.'),
  cacheMemoryUtilization: atLeast('CacheMemoryUtilization', cloudwatch.Stats.MAXIMUM, true, 90, Duration.minutes(5), 3, 3,
    'A cache above 90% for 15 minutes is evicting live items: hit rate falls and reads go to DynamoDB. Use a larger node type or a shorter TTL.'),
  evictedSize: atLeast('EvictedSize', cloudwatch.Stats.SUM, false, 1, Duration.minutes(5), 3, 3,
    'Optional: a full cache evicts as it works, so evictions alone are not a fault; evictions for 15 minutes mean the working set does not fit.'),
} satisfies { [name: string]: DaxAlarmDefault };

/** ">= threshold in `datapoints` of `periods` periods", missing data not breaching. */
function atLeast(metricName: string, statistic: string, onByDefault: boolean, threshold: number, period: Duration,
  datapointsToAlarm: number, evaluationPeriods: number, reason: string): DaxAlarmDefault {
  const evaluation = { threshold, period, evaluationPeriods, datapointsToAlarm, treatMissingData: NOT_BREACHING, comparisonOperator: GTE };
  return { metricName, statistic, onByDefault, reason, ...evaluation };
}

/** The alarm names, in the order the alarms are created. */
export type DaxAlarmName = keyof typeof DAX_ALARM_DEFAULTS;
