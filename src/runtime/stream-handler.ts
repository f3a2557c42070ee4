/**
 * Lambda-side helper for DynamoDB stream consumers. Not part of the jsii API: handler authors
 * import it from `cdk-dynamodb-kit/runtime` in their function code.
 *
 * Records are processed one at a time, in stream order; unmarshalling a record's images is part of
 * processing it. The first record that fails (its images cannot be unmarshalled, or the handler
 * throws or rejects, with anything) stops the batch: records after it are not passed to the
 * handler, and the response reports one batch item failure, at the record's sequence number, so
 * Lambda retries from it and every record after it. When no sequence number can say where to
 * resume, the invocation fails instead and Lambda retries the whole batch. Either way no record is
 * reported as processed that was not, and per-shard ordering holds.
 *
 * A plain loop, not Powertools' BatchProcessor: that one drops a failure whose record has no
 * sequence number from the response (a silent success) and reads `.message` of whatever was
 * thrown, and its per-record bookkeeping costs more than the loop it replaces.
 */
import { consoleLogger, describeError, errorMessage, keysForLog, logSafely, resumePointFrom, UnreportableRecordFailure } from './failure-report';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from './lambda-types';
import { Item, StreamChange, StreamChangeHandler, StreamHandlerOptions, toStreamChange } from './stream-change';

const SUCCESS: () => DynamoDBBatchResponse = () => ({ batchItemFailures: [] });

/**
 * Processes a `DynamoDBStreamEvent` and returns the partial batch response Lambda expects
 * (`reportBatchItemFailures` must be on, as `StreamConsumer` sets it). Throws
 * `UnreportableRecordFailure` when a record fails and cannot be reported.
 */
export async function processStreamEvent<T extends Item = Item>(
  event: DynamoDBStreamEvent,
  handler: StreamChangeHandler<T>,
  context?: Context,
  options: StreamHandlerOptions = {},
): Promise<DynamoDBBatchResponse> {
  const records = event?.Records ?? [];
  for (let index = 0; index < records.length; index++) {
    let change: StreamChange<T> | undefined;
    try {
      change = toStreamChange<T>(records[index], options);
      await handler(change, context);
    } catch (error) {
      return failedAt(event, index, change, error, context, options);
    }
  }
  return SUCCESS();
}

/** Logs the failing record and answers Lambda so that it resumes at it (or retries everything). */
function failedAt(
  event: DynamoDBStreamEvent,
  index: number,
  change: StreamChange | undefined,
  error: unknown,
  context: Context | undefined,
  options: StreamHandlerOptions,
): DynamoDBBatchResponse {
  const records = event.Records;
  const record = records[index];
  const resumeAt = resumePointFrom(records, index);
  const failedIn = change ? 'handler' : 'unmarshall';
  const details = {
    failedIn,
    eventID: record?.eventID,
    eventName: record?.eventName,
    sequenceNumber: record?.dynamodb?.SequenceNumber,
    keys: keysForLog(record, change),
    recordIndex: index,
    batchSize: records.length,
    notProcessed: records.length - index - 1,
    eventSourceARN: record?.eventSourceARN,
    awsRequestId: context?.awsRequestId,
    error: describeError(error),
  };
  const logger = options.logger ?? consoleLogger;
  if (resumeAt !== undefined) {
    logSafely(logger, 'Stream record failed; Lambda retries the batch from this record', { ...details, resumeAt });
    return { batchItemFailures: [{ itemIdentifier: resumeAt }] };
  }
  const message = `Stream record ${index + 1} of ${records.length} (eventID ${record?.eventID}) failed in ${failedIn}, `
    + 'and it or a record after it has no valid dynamodb.SequenceNumber, so no batch item failure can say where to resume; '
    + `failing the invocation so that Lambda retries the whole batch. Cause: ${errorMessage(error)}`;
  logSafely(logger, 'Stream record failed and cannot be reported; the invocation fails so Lambda retries the whole batch', details);
  throw new UnreportableRecordFailure(message, error);
}

/**
 * Makes a Lambda handler for a DynamoDB stream from a function that processes one change:
 *
 * ```ts
 * import { streamHandler } from 'cdk-dynamodb-kit/runtime';
 * export const handler = streamHandler(async change => { ... change.newImage ... });
 * ```
 */
export function streamHandler<T extends Item = Item>(handler: StreamChangeHandler<T>, options: StreamHandlerOptions = {}) {
  return (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => processStreamEvent(event, handler, context, options);
}
