import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamLogger } from '../../src/runtime';

export const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2026';

/** A stream record as Lambda passes it, sequence number 1000 + `sequence`, key `order#<sequence>`. */
export function record(sequence: number, eventName: 'INSERT' | 'MODIFY' | 'REMOVE', images: { newImage?: object; oldImage?: object } = {}): DynamoDBRecord {
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    eventSourceARN: STREAM_ARN,
    dynamodb: {
      Keys: marshall({ pk: `order#${sequence}` }) as any,
      NewImage: images.newImage ? marshall(images.newImage) as any : undefined,
      OldImage: images.oldImage ? marshall(images.oldImage) as any : undefined,
      SequenceNumber: String(1000 + sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** An INSERT of `{ pk: order#<sequence> }`. */
export const insert = (sequence: number) => record(sequence, 'INSERT', { newImage: { pk: `order#${sequence}` } });

/** The same record with its `dynamodb` fields changed (undefined removes one). */
export function withStreamData(raw: DynamoDBRecord, changes: Record<string, unknown>): DynamoDBRecord {
  const dynamodb: Record<string, unknown> = { ...raw.dynamodb, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete dynamodb[name];
  return { ...raw, dynamodb: dynamodb as DynamoDBRecord['dynamodb'] };
}

/** A logger that keeps what it is given. */
export function recordingLogger(): StreamLogger & { lines: Array<{ message: string; details: Record<string, any> }> } {
  const lines: Array<{ message: string; details: Record<string, any> }> = [];
  return { lines, error: (message, details) => { lines.push({ message, details }); } };
}

export const silent: StreamLogger = { error: () => undefined };
