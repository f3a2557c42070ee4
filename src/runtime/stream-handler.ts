/**
 * Lambda-side helper for DynamoDB stream consumers. Not part of the jsii API: handler authors
 * import it from `cdk-dynamodb-kit/runtime` in their function code.
 *
 * Records are processed one at a time, in stream order. The first record that throws stops the
 * batch: it is reported as the only batch item failure (its sequence number), so Lambda retries
 * from it and every record after it; records after it are not passed to the handler. This keeps
 * per-shard ordering and never reports a record as processed that was not.
 */
// Both are peer dependencies of the runtime entry point (optional for CDK-only users); until
// package.json declares them so, they are devDependencies.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall, unmarshallOptions } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** A plain-object item (an image unmarshalled from DynamoDB JSON). */
export type Item = Record<string, any>;

/** One change from the stream, with its images as plain objects. */
export interface StreamChange<T extends Item = Item> {
  /** INSERT, MODIFY or REMOVE. */
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The item's key attributes. */
  readonly keys: Item;
  /** The item after the change (absent for REMOVE and for view types without it). */
  readonly newImage?: T;
  /** The item before the change (absent for INSERT and for view types without it). */
  readonly oldImage?: T;
  /** The record's sequence number (what a batch item failure reports). */
  readonly sequenceNumber: string;
  /** True for a delete made by Time to Live. */
  readonly isTtlExpiry: boolean;
  /** The raw record, for anything else. */
  readonly record: DynamoDBRecord;
}

/** Processes one change; throw to fail it. */
export type StreamChangeHandler<T extends Item = Item> = (change: StreamChange<T>, context?: Context) => unknown | Promise<unknown>;

/** Where failures are logged. */
export interface StreamLogger {
  error(message: string, details: Record<string, unknown>): void;
}

export interface StreamHandlerOptions {
  /** How images are unmarshalled (for example `{ wrapNumbers: true }` for numbers beyond 2^53). */
  readonly unmarshall?: unmarshallOptions;
  /** Where the poison record is logged. Default: one JSON line on `console.error`. */
  readonly logger?: StreamLogger;
}

const TTL_PRINCIPAL = 'dynamodb.amazonaws.com';

/** Thrown for the records after the first failure, which are not processed in this invocation. */
class SkippedAfterFailure extends Error {
  constructor() {
    super('not processed: an earlier record of the batch failed');
    this.name = 'SkippedAfterFailure';
  }
}

const consoleLogger: StreamLogger = {
  error: (message, details) => console.error(JSON.stringify({ level: 'ERROR', message, ...details })),
};

/** Turns a raw stream record into a `StreamChange` with plain-object images. */
export function toStreamChange<T extends Item = Item>(record: DynamoDBRecord, options: StreamHandlerOptions = {}): StreamChange<T> {
  const data = record.dynamodb ?? {};
  const convert = (image: unknown) => (image ? unmarshall(image as any, options.unmarshall) as T : undefined);
  return {
    eventName: record.eventName as StreamChange['eventName'],
    keys: convert(data.Keys) ?? {},
    newImage: convert(data.NewImage),
    oldImage: convert(data.OldImage),
    sequenceNumber: data.SequenceNumber ?? '',
    isTtlExpiry: record.eventName === 'REMOVE' && (record as any).userIdentity?.principalId === TTL_PRINCIPAL,
    record,
  };
}

/**
 * Processes a `DynamoDBStreamEvent` and returns the partial batch response Lambda expects
 * (`reportBatchItemFailures` must be on, as `StreamConsumer` sets it).
 */
export async function processStreamEvent<T extends Item = Item>(
  event: DynamoDBStreamEvent,
  handler: StreamChangeHandler<T>,
  context?: Context,
  options: StreamHandlerOptions = {},
): Promise<DynamoDBBatchResponse> {
  const logger = options.logger ?? consoleLogger;
  let failed = false;
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const recordHandler = async (record: DynamoDBRecord) => {
    if (failed) throw new SkippedAfterFailure();
    const change = toStreamChange<T>(record, options);
    try {
      return await handler(change, context);
    } catch (error) {
      failed = true;
      logger.error('Stream record failed; Lambda retries the batch from this record', {
        eventID: record.eventID,
        eventName: record.eventName,
        sequenceNumber: change.sequenceNumber,
        keys: change.keys,
        eventSourceARN: record.eventSourceARN,
        awsRequestId: context?.awsRequestId,
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      });
      throw error;
    }
  };
  const response = await processPartialResponse(event, recordHandler, processor, {
    context,
    processInParallel: false,
    throwOnFullBatchFailure: false,
  });
  // Lambda resumes from the lowest reported sequence number: report only the first failure.
  return { batchItemFailures: response.batchItemFailures.slice(0, 1) };
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
