import type { Context, DynamoDBRecord } from 'aws-lambda';
import { record, silent } from './records';
import { processStreamEvent, StreamChange, streamHandler, toStreamChange } from '../../src/runtime';

const context = { awsRequestId: 'request-1' } as Context;

describe('toStreamChange', () => {
  test('unmarshalls keys and images to plain objects', () => {
    const change = toStreamChange(record(1, 'MODIFY', { newImage: { pk: 'order#1', n: 2, list: [1, 'a'] }, oldImage: { pk: 'order#1', n: 1 } }));
    expect(change).toMatchObject({
      eventName: 'MODIFY',
      keys: { pk: 'order#1' },
      newImage: { pk: 'order#1', n: 2, list: [1, 'a'] },
      oldImage: { pk: 'order#1', n: 1 },
      sequenceNumber: '1001',
      isTtlExpiry: false,
    });
  });

  test('a record without images or stream data has empty keys and no images', () => {
    const change = toStreamChange({ eventName: 'REMOVE' } as DynamoDBRecord);
    expect(change.keys).toEqual({});
    expect(change.newImage).toBeUndefined();
    expect(change.oldImage).toBeUndefined();
    expect(change.sequenceNumber).toBe('');
  });

  test('unmarshall options pass through (wrapNumbers keeps big numbers exact)', () => {
    const raw = record(1, 'INSERT');
    raw.dynamodb!.NewImage = { big: { N: '12345678901234567890' } };
    const change = toStreamChange(raw, { unmarshall: { wrapNumbers: true } });
    expect(change.newImage!.big.value).toBe('12345678901234567890');
  });

  test('only a REMOVE by the DynamoDB service is a TTL expiry', () => {
    const identity = { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } };
    expect(toStreamChange({ ...record(1, 'REMOVE'), ...identity } as any).isTtlExpiry).toBe(true);
    expect(toStreamChange({ ...record(1, 'MODIFY'), ...identity } as any).isTtlExpiry).toBe(false);
    expect(toStreamChange(record(1, 'REMOVE')).isTtlExpiry).toBe(false);
  });
});

describe('processStreamEvent', () => {
  const records = [1, 2, 3, 4].map(n => record(n, 'INSERT', { newImage: { pk: `order#${n}` } }));

  test('processes records in order, one at a time', async () => {
    const order: string[] = [];
    let running = 0;
    const response = await processStreamEvent({ Records: records }, async change => {
      running++;
      expect(running).toBe(1);
      await new Promise(resolve => setTimeout(resolve, 5));
      order.push(change.newImage!.pk);
      running--;
    });
    expect(order).toEqual(['order#1', 'order#2', 'order#3', 'order#4']);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  test('the first rejection is the only failure; later records are skipped', async () => {
    const seen: number[] = [];
    const response = await processStreamEvent({ Records: records }, async (change: StreamChange) => {
      seen.push(Number(change.sequenceNumber));
      if (change.sequenceNumber === '1002') throw new Error('poison');
    }, context, { logger: silent });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1002' }] });
    expect(seen).toEqual([1001, 1002]);
  });

  test('the last record failing reports it alone', async () => {
    const response = await processStreamEvent({ Records: records }, change => {
      if (change.sequenceNumber === '1004') throw new Error('last');
    }, context, { logger: silent });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1004' }] });
  });

  test('logs the poison record key, sequence number, event and request id, not its images', async () => {
    const logged: any[] = [];
    await processStreamEvent({ Records: records }, () => { throw new Error('boom'); }, context, {
      logger: { error: (message, details) => logged.push({ message, ...details }) },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      message: expect.stringMatching(/retries the batch from this record/),
      eventID: 'event-1',
      eventName: 'INSERT',
      sequenceNumber: '1001',
      keys: { pk: 'order#1' },
      eventSourceARN: records[0].eventSourceARN,
      awsRequestId: 'request-1',
      error: { name: 'Error', message: 'boom' },
    });
    expect(JSON.stringify(logged[0])).not.toMatch(/NewImage/);
  });

  test('a thrown non-Error is logged as a string', async () => {
    const logged: any[] = [];
    await processStreamEvent({ Records: records.slice(0, 1) }, () => { throw 'plain'; }, undefined, {
      logger: { error: (_message, details) => logged.push(details) },
    });
    expect(logged[0].error).toBe('plain');
  });

  test('the default logger writes one JSON line to console.error', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await processStreamEvent({ Records: records.slice(0, 1) }, () => { throw new Error('x'); });
      expect(spy).toHaveBeenCalledTimes(1);
      const line = JSON.parse(spy.mock.calls[0][0] as string);
      expect(line).toMatchObject({ level: 'ERROR', sequenceNumber: '1001', keys: { pk: 'order#1' } });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('streamHandler', () => {
  test('makes a Lambda handler that passes the context and returns the partial batch response', async () => {
    const contexts: unknown[] = [];
    const handler = streamHandler(async (change, ctx) => {
      contexts.push(ctx);
      if (change.sequenceNumber === '1002') throw new Error('no');
    }, { logger: silent });
    const records = [1, 2, 3].map(n => record(n, 'INSERT', { newImage: { pk: `order#${n}` } }));
    expect(await handler({ Records: records }, context)).toEqual({ batchItemFailures: [{ itemIdentifier: '1002' }] });
    expect(contexts).toEqual([context, context]);
  });
});
