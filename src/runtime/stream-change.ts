// The record-to-change conversion: DynamoDB JSON in, plain objects out. `@aws-sdk/util-dynamodb` is a
// bundled dependency of cdk-dynamodb-kit, so handler code importing `cdk-dynamodb-kit/runtime` needs
// nothing else installed.
import { unmarshall, unmarshallOptions } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord } from './lambda-types';

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

/** Processes one change; throw (or reject) to fail it. */
export type StreamChangeHandler<T extends Item = Item> = (change: StreamChange<T>, context?: Context) => unknown | Promise<unknown>;

/** Where failures are logged. */
export interface StreamLogger {
  error(message: string, details: Record<string, unknown>): void;
}

export interface StreamHandlerOptions {
  /**
   * How images are unmarshalled, for example `{ wrapNumbers: true }` to keep numbers beyond 2^53
   * exact. Without it, an integer beyond 2^53 becomes a `BigInt` and a decimal beyond 2^53 cannot
   * be unmarshalled: its record fails (and is retried) like a record whose handler throws.
   */
  readonly unmarshall?: unmarshallOptions;
  /** Where the failing record is logged. Default: one JSON line on `console.error`. */
  readonly logger?: StreamLogger;
}

const TTL_PRINCIPAL = 'dynamodb.amazonaws.com';

/**
 * Turns a raw stream record into a `StreamChange` with plain-object images. Throws when an image
 * cannot be unmarshalled (an unknown attribute type, a decimal beyond 2^53 without `wrapNumbers`);
 * `processStreamEvent` treats that as the record failing.
 */
export function toStreamChange<T extends Item = Item>(record: DynamoDBRecord, options: StreamHandlerOptions = {}): StreamChange<T> {
  const data = record.dynamodb ?? {};
  const unmarshalling = options.unmarshall;
  return {
    eventName: record.eventName as StreamChange['eventName'],
    keys: data.Keys ? unmarshall(data.Keys as any, unmarshalling) : {},
    newImage: data.NewImage ? unmarshall(data.NewImage as any, unmarshalling) as T : undefined,
    oldImage: data.OldImage ? unmarshall(data.OldImage as any, unmarshalling) as T : undefined,
    sequenceNumber: data.SequenceNumber ?? '',
    isTtlExpiry: record.eventName === 'REMOVE' && (record as any).userIdentity?.principalId === TTL_PRINCIPAL,
    record,
  };
}
