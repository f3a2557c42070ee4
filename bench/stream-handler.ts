// Throughput of the stream handler helper (`cdk-dynamodb-kit/runtime`) against the loop a careful
// author would write by hand for the same job: for every record, unmarshall the keys and the images
// the record carries, call the same business function, and on the first failure report that
// record's sequence number. Both run over the same 10,000 generated records (a mix of INSERT, MODIFY
// and REMOVE of a realistic order item) in batches of 100 (StreamConsumer's default batch size),
// alternated in one process, median of the rounds. The business function is trivial on purpose:
// what is left is the helper's own cost. Goal (issue #13): ours ≤ 1.1× the loop's time.
// Run: npx ts-node --transpile-only bench/stream-handler.ts   (BENCH_ROUNDS=30 for more rounds)
import { performance } from 'perf_hooks';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { median } from './measure';
import { streamHandler } from '../src/runtime';

const RECORDS = 10_000;
const BATCH_SIZE = 100;

export interface BenchmarkResult {
  readonly name: string;
  readonly baselineMs: number;
  readonly oursMs: number;
  readonly ratio: number;
}

function order(n: number, status: string) {
  return {
    pk: `order#${n}`,
    sk: 'meta',
    status,
    total: 12.5 + n,
    quantity: n % 7,
    paid: n % 2 === 0,
    customerId: `customer#${n % 97}`,
    tags: new Set(['gift', `batch-${n % 5}`]),
    address: { city: 'Lyon', zip: '69001', lines: ['1 rue de la République', `apt ${n % 40}`] },
    lines: [{ sku: `sku-${n % 13}`, qty: 1, price: 9.5 }, { sku: 'sku-x', qty: 2, price: 1.5 }],
    updatedAt: 1_764_000_000 + n,
  };
}

/** Stream records as Lambda passes them: a third INSERT, a third MODIFY, a third REMOVE. */
function generateRecords(count: number): DynamoDBRecord[] {
  const records: DynamoDBRecord[] = [];
  for (let n = 0; n < count; n++) {
    const eventName = (['INSERT', 'MODIFY', 'REMOVE'] as const)[n % 3];
    const before = order(n, 'open');
    const after = order(n, 'shipped');
    records.push({
      eventID: `event-${n}`,
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2026-12-01T00:00:00.000',
      dynamodb: {
        ApproximateCreationDateTime: 1_764_000_000 + n,
        Keys: marshall({ pk: before.pk, sk: before.sk }) as any,
        NewImage: eventName === 'REMOVE' ? undefined : marshall(after) as any,
        OldImage: eventName === 'INSERT' ? undefined : marshall(before) as any,
        SequenceNumber: String(100_000_000_000_000_000_000n + BigInt(n)),
        SizeBytes: 300,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  }
  return records;
}

function batches(records: DynamoDBRecord[]): DynamoDBStreamEvent[] {
  const events: DynamoDBStreamEvent[] = [];
  for (let i = 0; i < records.length; i += BATCH_SIZE) events.push({ Records: records.slice(i, i + BATCH_SIZE) });
  return events;
}

/** The same business logic for both: reads the keys and an image, as a real (async) consumer would. */
let checksum = 0;
type Image = Record<string, any> | undefined;
async function business(keys: Record<string, any>, newImage: Image, oldImage: Image): Promise<void> {
  checksum += (newImage ?? oldImage)!.total + keys.pk.length;
}

/** The hand-written loop: what the helper replaces. */
async function handWritten(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    const data = record.dynamodb!;
    try {
      const keys = unmarshall(data.Keys as any);
      const newImage = data.NewImage ? unmarshall(data.NewImage as any) : undefined;
      const oldImage = data.OldImage ? unmarshall(data.OldImage as any) : undefined;
      await business(keys, newImage, oldImage);
    } catch (error) {
      console.error(JSON.stringify({ message: 'record failed', sequenceNumber: data.SequenceNumber, error: String(error) }));
      return { batchItemFailures: [{ itemIdentifier: data.SequenceNumber! }] };
    }
  }
  return { batchItemFailures: [] };
}

const ours = streamHandler(change => business(change.keys, change.newImage, change.oldImage));

async function timeRun(events: DynamoDBStreamEvent[], run: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>): Promise<number> {
  const start = performance.now();
  for (const event of events) {
    const response = await run(event);
    if (response.batchItemFailures.length !== 0) throw new Error('the benchmark batch failed');
  }
  return performance.now() - start;
}

export async function runStreamHandlerBenchmark(rounds = Number(process.env.BENCH_ROUNDS ?? 15)): Promise<BenchmarkResult> {
  const events = batches(generateRecords(RECORDS));
  const context = { awsRequestId: 'bench' } as any;
  const baselineRun = (event: DynamoDBStreamEvent) => handWritten(event);
  const oursRun = (event: DynamoDBStreamEvent) => ours(event, context);
  // Warm up both paths (JIT) before measuring; alternate the order to share any drift.
  for (let i = 0; i < 3; i++) {
    await timeRun(events, baselineRun);
    await timeRun(events, oursRun);
  }
  const baseline: number[] = [];
  const candidate: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      baseline.push(await timeRun(events, baselineRun));
      candidate.push(await timeRun(events, oursRun));
    } else {
      candidate.push(await timeRun(events, oursRun));
      baseline.push(await timeRun(events, baselineRun));
    }
  }
  if (!Number.isFinite(checksum)) throw new Error('the business function was optimized away');
  const baselineMs = median(baseline);
  const oursMs = median(candidate);
  return {
    name: `streamHandler, ${RECORDS} records in batches of ${BATCH_SIZE} (median of ${rounds} rounds)`,
    baselineMs,
    oursMs,
    ratio: oursMs / baselineMs,
  };
}

if (require.main === module) {
  runStreamHandlerBenchmark().then(result => {
    const perSecond = (ms: number) => Math.round(RECORDS / (ms / 1000)).toLocaleString('en-US');
    console.log(result.name);
    console.log(`  hand-written loop (baseline) ${result.baselineMs.toFixed(1).padStart(7)} ms  ${perSecond(result.baselineMs)} records/s`);
    console.log(`  streamHandler                ${result.oursMs.toFixed(1).padStart(7)} ms  ${perSecond(result.oursMs)} records/s  ${result.ratio.toFixed(2)}x`);
  }).catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
