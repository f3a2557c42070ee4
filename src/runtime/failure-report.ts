// What the handler helper tells Lambda and the logs when a record fails. Lambda's contract for a
// DynamoDB stream with ReportBatchItemFailures: it resumes the shard at the lowest reported sequence
// number; an empty list is a success; an empty or null itemIdentifier fails the whole batch. So a
// failure is reported only with a sequence number that is certainly valid, and one that cannot be
// fails the invocation instead (a whole-batch retry), never a silent success.
import { NumberValueImpl, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from './lambda-types';
import type { StreamChange, StreamLogger } from './stream-change';

/** DynamoDB Streams sequence numbers are decimal digits (21 to 40 of them on AWS). */
const SEQUENCE_NUMBER = /^[0-9]+$/;

/** The record's sequence number if it is one Lambda can resume at, else undefined. */
export function sequenceNumberOf(record: unknown): string | undefined {
  const value = (record as DynamoDBRecord | undefined)?.dynamodb?.SequenceNumber;
  return typeof value === 'string' && SEQUENCE_NUMBER.test(value) ? value : undefined;
}

/** Numeric order of two sequence numbers (strings of digits, possibly longer than a double is exact). */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=[0-9])/, '');
  const y = b.replace(/^0+(?=[0-9])/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Where Lambda must resume so that no record from `failedIndex` on is skipped: the lowest sequence
 * number among the failing record and every record after it (none of them was processed). In a
 * batch from one shard that is the failing record's own; taking the lowest keeps the promise for a
 * batch out of order too. Undefined when one of them has no valid sequence number: then no
 * itemIdentifier can say where to resume.
 */
export function resumePointFrom(records: readonly unknown[], failedIndex: number): string | undefined {
  let lowest: string | undefined;
  for (let i = failedIndex; i < records.length; i++) {
    const sequenceNumber = sequenceNumberOf(records[i]);
    if (sequenceNumber === undefined) return undefined;
    if (lowest === undefined || compareSequenceNumbers(sequenceNumber, lowest) < 0) lowest = sequenceNumber;
  }
  return lowest;
}

/**
 * Thrown by `processStreamEvent` when a record fails and no batch item failure can name where to
 * resume (the failing record, or one after it, has no valid `dynamodb.SequenceNumber`): failing the
 * invocation makes Lambda retry the whole batch, where a partial response would skip records.
 */
export class UnreportableRecordFailure extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'UnreportableRecordFailure';
  }
}

/** An error as plain JSON, whatever was thrown (`undefined`, `null`, a string, an object without a prototype). */
export function describeError(error: unknown): unknown {
  try {
    if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
    if (error !== null && typeof error === 'object' && typeof (error as any).message === 'string') {
      return { name: String((error as any).name ?? 'Error'), message: (error as any).message };
    }
    return String(error);
  } catch {
    return 'a thrown value that cannot be described';
  }
}

/** One line for a message (the error's message, or the thrown value). */
export function errorMessage(error: unknown): string {
  const described = describeError(error);
  return typeof described === 'string' ? described : (described as { message: string }).message;
}

/** JSON.stringify's replacer for unmarshalled values: BigInt, sets, binaries and wrapped numbers as JSON. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Set) return [...value];
  if (value instanceof NumberValueImpl) return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/** JSON text for anything: never throws (a BigInt key would make plain `JSON.stringify` throw). */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, jsonSafe) ?? 'null';
  } catch (error) {
    return JSON.stringify({ unloggable: errorMessage(error) });
  }
}

/** Numbers stay numbers when exact, else stay the string DynamoDB sent (for the log only). */
const exactOrString = (text: string): number | string => (String(Number(text)) === text ? Number(text) : text);

/** The record's keys as plain JSON for the log, even when its images could not be unmarshalled. */
export function keysForLog(record: unknown, change: StreamChange | undefined): unknown {
  if (change) return JSON.parse(safeJson(change.keys));
  const keys = (record as DynamoDBRecord | undefined)?.dynamodb?.Keys;
  if (!keys) return {};
  try {
    return JSON.parse(safeJson(unmarshall(keys as any, { wrapNumbers: exactOrString })));
  } catch {
    return JSON.parse(safeJson(keys));
  }
}

/** The default logger: one JSON line on `console.error`, whatever the details hold. */
export const consoleLogger: StreamLogger = {
  error: (message, details) => console.error(safeJson({ level: 'ERROR', message, ...details })),
};

/** Logs without ever throwing: a logger that throws must not change what Lambda is told. */
export function logSafely(logger: StreamLogger, message: string, details: Record<string, unknown>): void {
  try {
    logger.error(message, details);
  } catch (loggerError) {
    if (logger === consoleLogger) return;
    try {
      consoleLogger.error(message, { ...details, loggerError: describeError(loggerError) });
    } catch {
      // Nowhere left to write to; the batch response is what matters.
    }
  }
}
