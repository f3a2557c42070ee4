// Issue #12: the stream handler never loses a record. Each case reproduces a way the Powertools-based
// helper lost one (a silent success, a skipped record, a crash, a missing log line).
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { insert, record, recordingLogger, silent, withStreamData } from './records';
import { processStreamEvent, StreamChange, UnreportableRecordFailure } from '../../src/runtime';

const context = { awsRequestId: 'request-1' } as Context;

/** Runs the batch, keeping the keys of the records the handler finished without error. */
async function run(records: DynamoDBRecord[], fail: (change: StreamChange) => boolean | unknown, options = {}) {
  const processed: string[] = [];
  const seen: string[] = [];
  const response = await processStreamEvent({ Records: records }, async change => {
    seen.push(change.keys.pk);
    const failure = fail(change);
    if (failure !== false) throw failure;
    processed.push(change.keys.pk);
  }, context, { logger: silent, ...options });
  return { response, processed, seen };
}

const poison = (pk: string, thrown: unknown = new Error(`poison ${pk}`)) => (change: StreamChange) => (change.keys.pk === pk ? thrown : false);

describe('a failing record without a sequence number fails the invocation (Lambda retries the whole batch)', () => {
  const unidentified = (sequence: number) => withStreamData(insert(sequence), { SequenceNumber: undefined });
  const expectedMessage = (position: string, eventID: string, cause: string) =>
    `Stream record ${position} (eventID ${eventID}) failed in handler, and it or a record after it has no valid dynamodb.SequenceNumber, `
    + 'so no batch item failure can say where to resume; failing the invocation so that Lambda retries the whole batch. '
    + `Cause: ${cause}`;

  test('alone in its batch: not a success', async () => {
    const attempt = processStreamEvent({ Records: [unidentified(1)] }, () => { throw new Error('boom'); }, context, { logger: silent });
    await expect(attempt).rejects.toThrow(UnreportableRecordFailure);
    await expect(attempt).rejects.toThrow(expectedMessage('1 of 1', 'event-1', 'boom'));
  });

  test('second of three: Lambda does not resume after it', async () => {
    const records = [insert(1), unidentified(2), insert(3)];
    const seen: string[] = [];
    const attempt = processStreamEvent({ Records: records }, change => {
      seen.push(change.keys.pk);
      if (change.keys.pk === 'order#2') throw new Error('bad order#2');
    }, context, { logger: silent });
    await expect(attempt).rejects.toThrow(expectedMessage('2 of 3', 'event-2', 'bad order#2'));
    expect(seen).toEqual(['order#1', 'order#2']);
  });

  test('the failing record has one but a record after it does not: no identifier covers it', async () => {
    const records = [insert(1), insert(2), unidentified(3)];
    await expect(run(records, poison('order#2'))).rejects.toThrow(expectedMessage('2 of 3', 'event-2', 'poison order#2'));
  });

  test.each([
    ['an empty string', ''],
    ['not digits', 'shard-1#42'],
    ['a number, not a string', 1002],
  ])('a sequence number that is %s is no identifier', async (_title, sequenceNumber) => {
    const records = [insert(1), withStreamData(insert(2), { SequenceNumber: sequenceNumber })];
    await expect(run(records, poison('order#2'))).rejects.toThrow(expectedMessage('2 of 2', 'event-2', 'poison order#2'));
  });

  test('the original error is the cause, and the record is logged', async () => {
    const logger = recordingLogger();
    const original = new Error('boom');
    const error = await processStreamEvent({ Records: [unidentified(1)] }, () => { throw original; }, context, { logger }).catch(e => e);
    expect(error.cause).toBe(original);
    expect(error.name).toBe('UnreportableRecordFailure');
    expect(logger.lines).toEqual([{
      message: 'Stream record failed and cannot be reported; the invocation fails so Lambda retries the whole batch',
      details: expect.objectContaining({ eventID: 'event-1', keys: { pk: 'order#1' }, sequenceNumber: undefined, error: expect.objectContaining({ message: 'boom' }) }),
    }]);
  });

  test('records without a sequence number that succeed are no problem', async () => {
    const { response, processed } = await run([unidentified(1), unidentified(2)], () => false);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(processed).toEqual(['order#1', 'order#2']);
  });

  test('a record without one before the failure does not matter: it was processed', async () => {
    const { response, processed } = await run([unidentified(1), insert(2), insert(3)], poison('order#2'));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1002' }] });
    expect(processed).toEqual(['order#1']);
  });
});

describe('an image that cannot be unmarshalled is a failing record: reported, logged, and nothing after it runs', () => {
  const unknownType = withStreamData(insert(2), { NewImage: { pk: { S: 'order#2' }, total: { Z: '1' } } });
  const bigDecimal = withStreamData(insert(2), { NewImage: { pk: { S: 'order#2' }, total: { N: '12345678901234567890.5' } } });

  test('an unknown attribute type', async () => {
    const logger = recordingLogger();
    const seen: string[] = [];
    const response = await processStreamEvent({ Records: [insert(1), unknownType, insert(3)] }, change => {
      seen.push(change.keys.pk);
    }, context, { logger });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1002' }] });
    expect(seen).toEqual(['order#1']);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0].message).toBe('Stream record failed; Lambda retries the batch from this record');
    expect(logger.lines[0].details).toMatchObject({
      failedIn: 'unmarshall',
      eventID: 'event-2',
      sequenceNumber: '1002',
      keys: { pk: 'order#2' },
      recordIndex: 1,
      batchSize: 3,
      notProcessed: 1,
      error: { name: 'Error', message: 'Unsupported type passed: Z' },
    });
  });

  test('a decimal beyond 2^53 without wrapNumbers', async () => {
    const logger = recordingLogger();
    const seen: string[] = [];
    const response = await processStreamEvent({ Records: [insert(1), bigDecimal, insert(3)] }, change => {
      seen.push(change.keys.pk);
    }, context, { logger });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1002' }] });
    expect(seen).toEqual(['order#1']);
    expect(logger.lines[0].details.error.message).toBe("12345678901234567890.5 can't be converted to BigInt. Set options.wrapNumbers to get string value.");
  });

  test('the same decimal with wrapNumbers is processed exactly', async () => {
    const totals: string[] = [];
    const response = await processStreamEvent({ Records: [insert(1), bigDecimal, insert(3)] }, change => {
      if (change.newImage?.total) totals.push(String(change.newImage.total));
    }, context, { logger: silent, unmarshall: { wrapNumbers: true } });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(totals).toEqual(['12345678901234567890.5']);
  });

  test('a key that cannot be unmarshalled is logged as DynamoDB sent it', async () => {
    const logger = recordingLogger();
    const badKey = withStreamData(insert(1), { Keys: { pk: { N: '12345678901234567890.5' }, sk: { N: '7' } } });
    await processStreamEvent({ Records: [badKey] }, () => undefined, context, { logger });
    expect(logger.lines[0].details.keys).toEqual({ pk: '12345678901234567890.5', sk: 7 });
  });
});

describe('whatever the handler throws or rejects with gives a partial batch response', () => {
  test.each([
    ['rejects with undefined', () => Promise.reject(undefined), 'undefined'],
    ['throws undefined', () => { throw undefined; }, 'undefined'],
    ['throws null', () => { throw null; }, 'null'],
    ['rejects with null', () => Promise.reject(null), 'null'],
    ['throws a number', () => { throw 42; }, '42'],
    ['throws a string', () => { throw 'plain'; }, 'plain'],
    ['throws a symbol', () => { throw Symbol('poison'); }, 'Symbol(poison)'],
    ['throws an object without a prototype', () => { throw Object.create(null); }, 'a thrown value that cannot be described'],
    ['throws an error whose message getter throws', () => {
      const error = new Error('x');
      Object.defineProperty(error, 'message', { get: () => { throw new Error('getter'); } });
      throw error;
    }, 'a thrown value that cannot be described'],
  ])('a handler that %s', async (_title, handler, logged) => {
    const logger = recordingLogger();
    const response = await processStreamEvent({ Records: [insert(1), insert(2)] }, change => (change.keys.pk === 'order#2' ? handler() : undefined), context, { logger });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1002' }] });
    expect(logger.lines[0].details.error).toBe(logged);
  });

  test('an error-like object from another realm keeps its name and message', async () => {
    const logger = recordingLogger();
    await processStreamEvent({ Records: [insert(1)] }, () => { throw { name: 'TimeoutError', message: 'socket hang up' }; }, context, { logger });
    expect(logger.lines[0].details.error).toEqual({ name: 'TimeoutError', message: 'socket hang up' });
  });

  test('a handler that is not a function fails the first record, reported', async () => {
    const response = await processStreamEvent({ Records: [insert(1)] }, undefined as any, context, { logger: silent });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
  });
});

describe('logging never throws and never changes the response', () => {
  const bigKey = withStreamData(insert(1), { Keys: { pk: { N: '12345678901234567890' } } });

  test('a key beyond 2^53 (a BigInt) is logged by the default logger as its digits', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await processStreamEvent({ Records: [bigKey] }, () => { throw new Error('x'); }, context);
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(JSON.parse(spy.mock.calls[0][0] as string)).toMatchObject({ level: 'ERROR', keys: { pk: '12345678901234567890' }, error: { message: 'x' } });
    } finally {
      spy.mockRestore();
    }
  });

  test('a custom logger is given JSON-safe keys', async () => {
    const logger = recordingLogger();
    await processStreamEvent({ Records: [bigKey] }, () => { throw new Error('x'); }, context, { logger });
    expect(logger.lines[0].details.keys).toEqual({ pk: '12345678901234567890' });
    expect(() => JSON.stringify(logger.lines[0].details)).not.toThrow();
  });

  test('a logger that throws: the failure is still reported and goes to console.error', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const logger = { error: () => { throw new Error('log sink down'); } };
      const response = await processStreamEvent({ Records: [insert(1), insert(2)] }, () => { throw new Error('x'); }, context, { logger });
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
      expect(JSON.parse(spy.mock.calls[0][0] as string)).toMatchObject({ sequenceNumber: '1001', loggerError: { message: 'log sink down' } });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('ordering: a failure never lets Lambda skip a record after it', () => {
  test('records after the failure are not processed, and the resume point is the failure', async () => {
    const { response, seen } = await run([1, 2, 3, 4, 5].map(insert), poison('order#3'));
    expect(seen).toEqual(['order#1', 'order#2', 'order#3']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1003' }] });
  });

  test('in a batch out of order, the lowest sequence number from the failure on is reported', async () => {
    const records = [insert(1), insert(5), insert(3), insert(4)];
    const { response } = await run(records, poison('order#5'));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1003' }] });
  });

  test('sequence numbers beyond 2^53 and with leading zeros compare as numbers', async () => {
    const records = [
      withStreamData(insert(1), { SequenceNumber: '000000000000000000000120' }),
      withStreamData(insert(2), { SequenceNumber: '99999999999999999999999' }),
      withStreamData(insert(3), { SequenceNumber: '100000000000000000000000' }),
      withStreamData(insert(4), { SequenceNumber: '00000000000000000000000099999999999999999999998' }),
    ];
    const { response } = await run(records, poison('order#2'));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '00000000000000000000000099999999999999999999998' }] });
  });

  test('an empty batch, or one without Records, is a success', async () => {
    expect(await processStreamEvent({ Records: [] }, () => { throw new Error('never'); })).toEqual({ batchItemFailures: [] });
    expect(await processStreamEvent({} as any, () => { throw new Error('never'); })).toEqual({ batchItemFailures: [] });
  });

  test('a REMOVE record (no new image) fails and is reported like any other', async () => {
    const { response } = await run([record(1, 'REMOVE', { oldImage: { pk: 'order#1' } })], poison('order#1'));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
  });
});
