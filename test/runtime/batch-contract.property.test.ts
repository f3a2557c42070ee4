// Property-based tests of the handler helper against Lambda's contract for DynamoDB streams with
// ReportBatchItemFailures: Lambda resumes the shard at the lowest reported sequence number, an empty
// list is a success, and a failed invocation retries the whole batch. Lambda knows every record's
// true sequence number even when the event we are given lacks it, so the oracle judges by the true
// one: every record below the resume point must have been processed successfully.
import type { DynamoDBRecord } from 'aws-lambda';
import * as fc from 'fast-check';
import { processStreamEvent, UnreportableRecordFailure } from '../../src/runtime';
import { RUNS, SEED } from '../fuzz/harness';

type SequenceNumberShape = 'valid' | 'missing' | 'empty' | 'not digits';
type ImageShape = 'plain' | 'unknown attribute type' | 'decimal beyond 2^53' | 'integer beyond 2^53';
type Outcome = 'ok' | 'throws an Error' | 'rejects with an Error' | 'rejects with undefined' | 'throws null' | 'throws a string' | 'throws an object without a prototype';

interface RecordSpec {
  readonly sequenceNumber: SequenceNumberShape;
  readonly image: ImageShape;
  readonly outcome: Outcome;
}

const sequenceNumberShape = fc.oneof(
  { weight: 12, arbitrary: fc.constant<SequenceNumberShape>('valid') },
  { weight: 1, arbitrary: fc.constantFrom<SequenceNumberShape>('missing', 'empty', 'not digits') },
);
const imageShape = fc.oneof(
  { weight: 10, arbitrary: fc.constant<ImageShape>('plain') },
  { weight: 1, arbitrary: fc.constantFrom<ImageShape>('unknown attribute type', 'decimal beyond 2^53', 'integer beyond 2^53') },
);
const outcome = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Outcome>('ok') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Outcome>('throws an Error', 'rejects with an Error', 'rejects with undefined', 'throws null', 'throws a string', 'throws an object without a prototype'),
  },
);
const recordSpec = fc.record({ sequenceNumber: sequenceNumberShape, image: imageShape, outcome });

/** A batch: the records' specs, their true sequence numbers (beyond 2^53, ascending unless shuffled) and the options. */
const batch = fc.array(recordSpec, { minLength: 1, maxLength: 40 }).chain(specs => fc.record({
  specs: fc.constant(specs),
  gaps: fc.array(fc.bigInt({ min: 1n, max: 10n ** 6n }), { minLength: specs.length, maxLength: specs.length }),
  order: fc.oneof(
    { weight: 4, arbitrary: fc.constant(specs.map((_, i) => i)) },
    { weight: 1, arbitrary: fc.shuffledSubarray(specs.map((_, i) => i), { minLength: specs.length, maxLength: specs.length }) },
  ),
  wrapNumbers: fc.boolean(),
}));

const BASE = 10n ** 20n;

function trueSequenceNumbers(gaps: bigint[], order: number[]): bigint[] {
  const ascending: bigint[] = [];
  let next = BASE;
  for (const gap of gaps) ascending.push(next += gap);
  return order.map(position => ascending[position]);
}

function eventSequenceNumber(shape: SequenceNumberShape, truth: bigint): string | undefined {
  switch (shape) {
    case 'valid': return truth.toString();
    case 'missing': return undefined;
    case 'empty': return '';
    case 'not digits': return `shard-${truth}`;
  }
}

function imageOf(index: number, shape: ImageShape): Record<string, unknown> {
  const pk = { S: `item#${index}` };
  switch (shape) {
    case 'plain': return { pk, n: { N: String(index) } };
    case 'unknown attribute type': return { pk, n: { Z: '1' } };
    case 'decimal beyond 2^53': return { pk, n: { N: '12345678901234567890.5' } };
    case 'integer beyond 2^53': return { pk, n: { N: '12345678901234567890' } };
  }
}

function toRecord(index: number, spec: RecordSpec, truth: bigint): DynamoDBRecord {
  const sequenceNumber = eventSequenceNumber(spec.sequenceNumber, truth);
  const keys = spec.image === 'integer beyond 2^53' ? { pk: { S: `item#${index}` }, big: { N: '12345678901234567890' } } : { pk: { S: `item#${index}` } };
  return {
    eventID: `event-${index}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: keys as any,
      NewImage: imageOf(index, spec.image) as any,
      ...(sequenceNumber === undefined ? {} : { SequenceNumber: sequenceNumber }),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

function fail(kind: Outcome, index: number): unknown {
  switch (kind) {
    case 'throws an Error': throw new Error(`record ${index} failed`);
    case 'rejects with an Error': return Promise.reject(new Error(`record ${index} failed`));
    case 'rejects with undefined': return Promise.reject(undefined);
    case 'throws null': throw null;
    case 'throws a string': throw `record ${index} failed`;
    case 'throws an object without a prototype': throw Object.create(null);
    case 'ok': return undefined;
  }
}

const unmarshallFails = (spec: RecordSpec, wrapNumbers: boolean) =>
  spec.image === 'unknown attribute type' || (spec.image === 'decimal beyond 2^53' && !wrapNumbers);
const fails = (spec: RecordSpec, wrapNumbers: boolean) => unmarshallFails(spec, wrapNumbers) || spec.outcome !== 'ok';

describe('one invocation keeps Lambda\'s contract', () => {
  test('every record is processed before the resume point or retried; a success means all were processed', async () => {
    const outcomes = { success: 0, partial: 0, wholeBatchRetry: 0 };
    await fc.assert(fc.asyncProperty(batch, async ({ specs, gaps, order, wrapNumbers }) => {
      const truths = trueSequenceNumbers(gaps, order);
      const records = specs.map((spec, i) => toRecord(i, spec, truths[i]));
      const calls: number[] = [];
      const processed = new Set<number>();
      const logged: Array<Record<string, unknown>> = [];
      let response;
      let thrown: unknown;
      try {
        response = await processStreamEvent({ Records: records }, async change => {
          const index = Number(String(change.keys.pk).slice('item#'.length));
          calls.push(index);
          await fail(specs[index].outcome, index);
          processed.add(index);
        }, undefined, { unmarshall: { wrapNumbers }, logger: { error: (_message, details) => logged.push(details) } });
      } catch (error) {
        thrown = error;
      }

      const firstFailure = specs.findIndex(spec => fails(spec, wrapNumbers));
      // Records run in order, one at a time, and nothing runs after the first failure.
      const lastCalled = firstFailure === -1 ? specs.length - 1 : unmarshallFails(specs[firstFailure], wrapNumbers) ? firstFailure - 1 : firstFailure;
      expect(calls).toEqual(specs.slice(0, lastCalled + 1).map((_, i) => i));
      expect(logged).toHaveLength(firstFailure === -1 ? 0 : 1);
      logged.forEach(details => expect(() => JSON.stringify(details)).not.toThrow());

      if (thrown !== undefined) {
        // A failed invocation: Lambda retries the whole batch. Only when nothing else is safe.
        expect(thrown).toBeInstanceOf(UnreportableRecordFailure);
        expect(firstFailure).not.toBe(-1);
        expect(specs.slice(firstFailure).some(spec => spec.sequenceNumber !== 'valid')).toBe(true);
        outcomes.wholeBatchRetry++;
        return;
      }
      const failures = response!.batchItemFailures;
      if (failures.length === 0) {
        expect(firstFailure).toBe(-1);
        expect(processed.size).toBe(specs.length);
        outcomes.success++;
        return;
      }
      outcomes.partial++;
      // Lambda's reading of a partial response: every identifier is a sequence number of the batch; resume at the lowest.
      for (const { itemIdentifier } of failures) {
        expect(records.map(record => record.dynamodb?.SequenceNumber)).toContain(itemIdentifier);
        expect(itemIdentifier).toMatch(/^[0-9]+$/);
      }
      const resumeAt = failures.map(failure => BigInt(failure.itemIdentifier)).reduce((a, b) => (b < a ? b : a));
      truths.forEach((truth, i) => {
        if (truth < resumeAt) expect(processed.has(i)).toBe(true);
      });
      // And the failure itself is retried.
      expect(truths[firstFailure] >= resumeAt).toBe(true);
      expect(specs.slice(firstFailure).every(spec => spec.sequenceNumber === 'valid')).toBe(true);
    }), { numRuns: RUNS, seed: SEED });
    // The generator reaches every kind of answer.
    expect(outcomes.success).toBeGreaterThan(RUNS * 0.05);
    expect(outcomes.partial).toBeGreaterThan(RUNS * 0.05);
    expect(outcomes.wholeBatchRetry).toBeGreaterThan(RUNS * 0.05);
  });
});

describe('Lambda replaying a shard until it is through loses nothing', () => {
  // Each record fails its first `failuresBeforeSuccess` attempts (with anything), like a downstream outage.
  const shardRecord = fc.record({
    failuresBeforeSuccess: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
    outcome: outcome.filter(kind => kind !== 'ok'),
    sequenceNumber: sequenceNumberShape,
  });
  const shard = fc.record({
    records: fc.array(shardRecord, { minLength: 1, maxLength: 30 }),
    batchSize: fc.integer({ min: 1, max: 10 }),
  });

  test('every record is processed, and first processed in stream order', async () => {
    await fc.assert(fc.asyncProperty(shard, async ({ records: specs, batchSize }) => {
      const truths = specs.map((_, i) => BASE + BigInt(i) * 3n);
      const raw = specs.map((spec, i) => toRecord(i, { sequenceNumber: spec.sequenceNumber, image: 'plain', outcome: 'ok' }, truths[i]));
      const attemptsLeft = specs.map(spec => spec.failuresBeforeSuccess);
      const successes: number[] = [];
      let checkpoint = 0;
      for (let invocation = 0; checkpoint < raw.length; invocation++) {
        if (invocation > 500) throw new Error('the shard is stuck');
        const inBatch = raw.slice(checkpoint, checkpoint + batchSize);
        let response;
        try {
          response = await processStreamEvent({ Records: inBatch }, async change => {
            const index = Number(String(change.keys.pk).slice('item#'.length));
            if (attemptsLeft[index] > 0) {
              attemptsLeft[index]--;
              await fail(specs[index].outcome, index);
            }
            successes.push(index);
          }, undefined, { logger: { error: () => undefined } });
        } catch (error) {
          expect(error).toBeInstanceOf(UnreportableRecordFailure);
          continue; // Lambda retries the same batch.
        }
        if (response.batchItemFailures.length === 0) {
          checkpoint += inBatch.length;
          continue;
        }
        const resumeAt = response.batchItemFailures.map(failure => BigInt(failure.itemIdentifier)).reduce((a, b) => (b < a ? b : a));
        const next = truths.findIndex(truth => truth >= resumeAt);
        expect(next).toBeGreaterThanOrEqual(checkpoint);
        checkpoint = next;
      }
      const firstSuccesses = successes.filter((index, position) => successes.indexOf(index) === position);
      expect(firstSuccesses).toEqual(specs.map((_, i) => i));
    }), { numRuns: RUNS, seed: SEED });
  });
});
