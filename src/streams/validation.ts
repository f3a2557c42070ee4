import { Duration, Token } from 'aws-cdk-lib';
import { ITable, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import { StreamFilter } from './filters';
import { RenderedFilter } from './private/types';
import { StreamConsumerProps } from './stream-consumer-props';
import { consumedViewType, tableStream } from './stream-source';
import { checkProps } from '../shared/check-props';
import { invalid, millisOf, show } from '../shared/errors';
import { requireConvertibleToken } from '../shared/token-durations';

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

function durationIn(path: string, property: string, value: Duration | undefined, min: Duration, max: Duration, fix: string, unit: 'seconds' | 'milliseconds' = 'seconds'): void {
  if (value === undefined) return;
  if (!(value instanceof Duration)) {
    invalid(path, property, `is ${show(value)}, not a Duration`, 'pass a Duration such as Duration.minutes(1).');
  }
  // A token (Duration.seconds(param.valueAsNumber)) is not range-checked: the deploy checks it. But
  // CloudFormation cannot convert units (maxRecordAge, which aws-cdk-lib range-checks, goes on the L1).
  if (value.isUnresolved()) {
    requireConvertibleToken(path, property, value, unit);
    return;
  }
  const millis = millisOf(value)!;
  // aws-cdk-lib converts to whole units and fails without a path on a fraction (Duration.seconds(90.5)).
  if (!Number.isInteger(unit === 'seconds' ? millis / 1000 : millis)) {
    invalid(path, property, `is ${value.toHumanString()}, not a whole number of ${unit}`,
      unit === 'seconds' ? 'Lambda takes whole seconds: round it, e.g. Duration.seconds(90).' : 'use whole milliseconds, e.g. Duration.millis(1500).');
  }
  if (millis < min.toMilliseconds() || millis > max.toMilliseconds()) {
    invalid(path, property, `is ${value.toHumanString()} but must be from ${min.toHumanString()} to ${max.toHumanString()}`, fix);
  }
}

/**
 * Every check on `StreamConsumerProps`, in one place, before anything is created: Lambda's and
 * DynamoDB's real limits on the numbers and durations, the filters (each validates itself, then
 * the list: duplicates, pattern length, images the stream carries), the failure destination and
 * the table's stream.
 */
export function validateStreamConsumerProps(path: string, props: StreamConsumerProps): void {
  checkProps(path, 'cdk-dynamodb-kit.StreamConsumerProps', props);
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
    'choose a positive duration below the stream\'s 24-hour retention, such as 5 minutes.', 'milliseconds');
  if (props.filters !== undefined) {
    if (!Array.isArray(props.filters)) invalid(path, 'filters', `is ${show(props.filters)}, not a list`, 'pass a list of StreamFilter.');
    if (props.filters.length > MAX_FILTERS) {
      invalid(path, 'filters', `has ${props.filters.length} filters but Lambda allows ${MAX_FILTERS} per event source mapping`,
        'merge alternatives: StreamFilter.eventNames() and ImageCondition.stringEquals() take several values.');
    }
  }
  props.failureDestination?._validate(path);
  const filters = validateFilters(path, props.filters ?? []);
  validateStream(path, props.table, props.streamViewType, filters);
}

/** Each filter, then the list as Lambda sees it; returns the compiled filters. */
function validateFilters(path: string, filters: StreamFilter[]): RenderedFilter[] {
  const rendered = filters.map((filter, index) => {
    if (!filter || typeof (filter as any)._validate !== 'function') {
      invalid(path, `filters[${index}]`, `is ${show(filter)}`, 'build filters with the StreamFilter factories, such as StreamFilter.eventNames(StreamEventName.INSERT).');
    }
    filter._validate(path, `filters[${index}]`);
    return filter._render();
  });
  const seen = new Map<string, number>();
  for (const [index, filter] of rendered.entries()) {
    const text = JSON.stringify(filter.pattern);
    if (seen.has(text)) {
      invalid(path, `filters[${index}]`, `repeats filters[${seen.get(text)}]`, 'remove the duplicate (Lambda rejects repeated filters).');
    }
    seen.set(text, index);
    if (text.length > MAX_PATTERN_LENGTH) {
      invalid(path, `filters[${index}]`, `compiles to a pattern of ${text.length} characters but Lambda allows ${MAX_PATTERN_LENGTH}`, 'split it or test fewer values.');
    }
  }
  return rendered;
}

const WITH_NEW_IMAGE: string[] = [StreamViewType.NEW_IMAGE, StreamViewType.NEW_AND_OLD_IMAGES];
const WITH_OLD_IMAGE: string[] = [StreamViewType.OLD_IMAGE, StreamViewType.NEW_AND_OLD_IMAGES];

/** The table has a stream to read (or the consumer can enable one) that carries what the filters test. */
function validateStream(path: string, table: ITable, requested: StreamViewType | undefined, filters: RenderedFilter[]): void {
  const stream = tableStream(table);
  const declared = stream.declaredViewType;
  if (stream.cfn && declared !== undefined && requested !== undefined && !Token.isUnresolved(declared) && declared !== requested) {
    invalid(path, 'streamViewType', `is ${show(requested)} but the table's stream is ${show(declared)} already`,
      'leave streamViewType unset, or change the table\'s own stream setting (every consumer shares one stream).');
  }
  if (!stream.cfn && !table.tableStreamArn) {
    invalid(path, 'table', `is the imported table ${show(table.node.path)} with no stream ARN`,
      'enable its stream and import it with TableV2.fromTableAttributes({ tableArn, tableStreamArn }).');
  }
  const viewType = consumedViewType(stream, requested);
  if (viewType === undefined || Token.isUnresolved(viewType)) return;
  const needsNew = filters.some(filter => filter.needsNewImage);
  const needsOld = filters.some(filter => filter.needsOldImage);
  for (const [needed, image, allowed] of [[needsNew, 'new', WITH_NEW_IMAGE], [needsOld, 'old', WITH_OLD_IMAGE]] as const) {
    if (needed && !allowed.includes(viewType)) {
      invalid(path, 'filters', `test the ${image} image but the table's stream view type ${show(viewType)} does not carry it`,
        `use StreamViewType.${allowed.join(' or StreamViewType.')} for the table's stream, or filter on keys and event names only.`);
    }
  }
}
