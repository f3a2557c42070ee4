import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AlarmDefaults } from '../monitoring/alarm-builder';

const GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
const NOT_BREACHING = cloudwatch.TreatMissingData.NOT_BREACHING;

/**
 * The one place where a stream consumer's alarm defaults are chosen, each with its reason. The
 * Lambda metrics are published only when the function runs, so missing data is "nothing
 * happened" (not breaching). Without `datapointsToAlarm`, every evaluation period must breach.
 */
export const CONSUMER_ALARM_DEFAULTS = {
  iteratorAge: {
    threshold: Duration.minutes(5).toMilliseconds(),
    period: Duration.minutes(1),
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    treatMissingData: NOT_BREACHING,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    reason: 'Records expire from the stream after 24 hours: five minutes behind in 3 of 5 minutes is a consumer not keeping up, noticed long before a record is lost.',
  },
  /**
   * Errors and throttles of the function summed, one alarm: both leave the shard unread (a failed
   * batch is retried, a throttled one not run), both alarm at the first occurrence.
   */
  errorsAndThrottles: {
    threshold: 1,
    period: Duration.minutes(5),
    evaluationPeriods: 1,
    treatMissingData: NOT_BREACHING,
    comparisonOperator: GTE,
    reason: 'A failed invocation retries the same batch (one failure may be a poison record blocking its shard), and a throttled function does not read its shard: either way the stream falls behind.',
  },
  failureQueueMessages: {
    threshold: 1,
    period: Duration.minutes(5),
    evaluationPeriods: 1,
    treatMissingData: NOT_BREACHING,
    comparisonOperator: GTE,
    reason: 'Each message is a batch Lambda gave up on: its records are in no table yet and must be replayed before the queue\'s retention ends.',
  },
} satisfies { [name: string]: AlarmDefaults };
