import { Duration, Token } from 'aws-cdk-lib';
import { StreamConsumerProps } from './stream-consumer-props';
import { invalid, show } from '../shared/errors';

/** DynamoDB Streams returns at most 1000 records per GetRecords call. */
export const MAX_BATCH_SIZE = 1000;
/** Lambda's default quota of filters per event source mapping. */
export const MAX_FILTERS = 5;
/** Lambda's limit on the length of one filter pattern. */
export const MAX_PATTERN_LENGTH = 4096;

function wholeNumberIn(path: string, property: string, value: number | undefined, min: number, max: number, fix: string): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(path, property, `is ${show(value)} but must be a whole number from ${min} to ${max}`, fix);
  }
}

function durationIn(path: string, property: string, value: Duration | undefined, min: Duration, max: Duration, fix: string): void {
  if (value === undefined) return;
  if (!(value instanceof Duration)) {
    invalid(path, property, `is ${show(value)}, not a Duration`, 'pass a Duration such as Duration.minutes(1).');
  }
  if (value.isUnresolved()) return;
  const seconds = value.toSeconds();
  if (seconds < min.toSeconds() || seconds > max.toSeconds()) {
    invalid(path, property, `is ${value.toHumanString()} but must be from ${min.toHumanString()} to ${max.toHumanString()}`, fix);
  }
}

/** Checks every number and duration of the props against Lambda's and DynamoDB's real limits. */
export function validateConsumerProps(path: string, props: StreamConsumerProps): void {
  if (!props || !props.table) invalid(path, 'table', `is ${show(props?.table)}`, 'pass the table whose stream to consume.');
  if (!props.handler) invalid(path, 'handler', `is ${show(props.handler)}`, 'pass the lambda.IFunction that processes the records.');
  wholeNumberIn(path, 'batchSize', props.batchSize, 1, MAX_BATCH_SIZE,
    'DynamoDB Streams returns at most 1000 records per read; choose 1 to 1000 (default 100).');
  wholeNumberIn(path, 'parallelizationFactor', props.parallelizationFactor, 1, 10, 'choose 1 to 10 (default 1).');
  wholeNumberIn(path, 'retryAttempts', props.retryAttempts, 0, 10000,
    'choose 0 to 10000 (default 5); failed batches then go to the failure destination.');
  durationIn(path, 'maxRecordAge', props.maxRecordAge, Duration.minutes(1), Duration.days(7),
    'choose 1 minute to 7 days (default 24 hours, the stream\'s retention).');
  durationIn(path, 'maxBatchingWindow', props.maxBatchingWindow, Duration.seconds(0), Duration.minutes(5), 'choose zero to 5 minutes.');
  durationIn(path, 'tumblingWindow', props.tumblingWindow, Duration.seconds(0), Duration.minutes(15), 'choose zero to 15 minutes.');
  durationIn(path, 'iteratorAgeAlarmThreshold', props.iteratorAgeAlarmThreshold, Duration.seconds(1), Duration.days(7),
    'choose a positive duration below the stream\'s 24-hour retention, such as 5 minutes.');
  if (props.filters !== undefined) {
    if (!Array.isArray(props.filters)) invalid(path, 'filters', `is ${show(props.filters)}, not a list`, 'pass a list of StreamFilter.');
    if (props.filters.length > MAX_FILTERS) {
      invalid(path, 'filters', `has ${props.filters.length} filters but Lambda allows ${MAX_FILTERS} per event source mapping`,
        'merge alternatives: StreamFilter.eventNames() and ImageCondition.stringEquals() take several values.');
    }
  }
  const problem = props.failureDestination?._problem();
  if (problem) invalid(path, problem.property, problem.problem, problem.fix);
}
