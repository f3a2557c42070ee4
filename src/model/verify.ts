/**
 * The verifier: the design on a real engine. Creates the table from the derived keys and indexes
 * on DynamoDB Local, writes generated sample items for every entity, runs every pattern as the
 * request `requestFor` builds, and checks that exactly the expected items come back.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DesignSource, resolveDesign } from './design-source';
import { itemOf } from './keys';
import { LocalEngine, clientFor, loadDynamoDbClient, startLocalEngine } from './local-engine';
import { requestFor } from './requests';
import { DerivedDesign } from '../modeling/derive';
import { SampleItem, expectedBy, sampleItems, sampleParams } from '../modeling/samples';

export interface PatternVerification {
  readonly name: string;
  /** `table`, an index name, or `scan`. */
  readonly index: string;
  readonly passed: boolean;
  /** How many sample items the pattern must return, and how many came back. */
  readonly expected: number;
  readonly returned: number;
  /** Read capacity units the request consumed, as the engine reports them. */
  readonly consumedCapacity?: number;
  /** What was wrong: missing or unexpected items, or the engine's error. */
  readonly problem?: string;
}

export interface VerificationResult {
  readonly design: string;
  readonly passed: boolean;
  readonly items: number;
  readonly patterns: PatternVerification[];
  /** Milliseconds DynamoDB Local took to start (when the verifier started it). */
  readonly engineStartMillis?: number;
}

export interface VerifyOptions {
  /** An engine that is already running (e.g. `http://127.0.0.1:8000`); otherwise one is started and stopped. */
  readonly endpoint?: string;
  /** @default `<design name>-verify-<time>` */
  readonly tableName?: string;
}

/** The CreateTable input for a derived design (on demand; keys and indexes as derived). */
export function createTableInput(derived: DerivedDesign, tableName: string): any {
  const keys = [derived.table, ...derived.indexes].flatMap(s => [s.partitionKey, s.sortKey]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: derived.table.partitionKey, KeyType: 'HASH' }, { AttributeName: derived.table.sortKey, KeyType: 'RANGE' }],
    AttributeDefinitions: keys.map(name => ({ AttributeName: name, AttributeType: 'S' })),
    GlobalSecondaryIndexes: derived.indexes.length === 0 ? undefined : derived.indexes.map(index => ({
      IndexName: index.name,
      KeySchema: [{ AttributeName: index.partitionKey, KeyType: 'HASH' }, { AttributeName: index.sortKey, KeyType: 'RANGE' }],
      Projection: { ProjectionType: index.projection, ...(index.projection === 'INCLUDE' ? { NonKeyAttributes: index.nonKeyAttributes } : {}) },
    })),
  };
}

/** Verifies a design on DynamoDB Local. Throws `VerifierSetupError` when it cannot run. */
export async function verifyOnEngine(design: DesignSource, options: VerifyOptions = {}): Promise<VerificationResult> {
  const derived = resolveDesign(design);
  const sdk = loadDynamoDbClient();
  let engine: LocalEngine | undefined;
  const client = options.endpoint ? clientFor(options.endpoint) : (engine = await startLocalEngine()).client;
  const tableName = options.tableName ?? `${derived.document.name}-verify-${Date.now()}`;
  try {
    await client.send(new sdk.CreateTableCommand(createTableInput(derived, tableName)));
    const samples = sampleItems(derived);
    const byKey = new Map<string, SampleItem>();
    for (const sample of samples) {
      const item = itemOf(design, sample.entity, sample.attributes);
      byKey.set(`${item[derived.table.partitionKey]}|${item[derived.table.sortKey]}`, sample);
      await client.send(new sdk.PutItemCommand({ TableName: tableName, Item: marshall(item, { removeUndefinedValues: true }) }));
    }
    const patterns: PatternVerification[] = [];
    for (const pattern of derived.document.accessPatterns) {
      const params = sampleParams(pattern, samples);
      const expected = samples.filter(s => expectedBy(pattern, params, s));
      const request = requestFor(design, pattern.name, params, { tableName });
      const index = derived.plans[pattern.name].space;
      try {
        const returned: SampleItem[] = [];
        const unknown: string[] = [];
        let capacity = 0;
        let start: any;
        do {
          const input: any = {
            ...request.input,
            ExpressionAttributeValues: marshall(request.input.ExpressionAttributeValues, { removeUndefinedValues: true }),
            ReturnConsumedCapacity: 'TOTAL',
            ExclusiveStartKey: start,
          };
          const out = await client.send(request.operation === 'Query' ? new sdk.QueryCommand(input) : new sdk.ScanCommand(input));
          capacity += out.ConsumedCapacity?.CapacityUnits ?? 0;
          for (const raw of out.Items ?? []) {
            const item = unmarshall(raw);
            const key = `${item[derived.table.partitionKey]}|${item[derived.table.sortKey]}`;
            const sample = byKey.get(key);
            if (sample) returned.push(sample);
            else unknown.push(key);
          }
          start = out.LastEvaluatedKey;
        } while (start);
        const missing = expected.filter(s => !returned.includes(s));
        const extra = returned.filter(s => !expected.includes(s));
        const problems = [
          ...(missing.length ? [`missing ${missing.length} expected item(s) (${describe(missing)})`] : []),
          ...(extra.length ? [`returned ${extra.length} unexpected item(s) (${describe(extra)})`] : []),
          ...(unknown.length ? [`returned ${unknown.length} item(s) the verifier did not write`] : []),
          ...(expected.length === 0 ? ['no sample item matches the pattern, so nothing was proven'] : []),
        ];
        patterns.push({
          name: pattern.name,
          index,
          passed: problems.length === 0,
          expected: expected.length,
          returned: returned.length + unknown.length,
          consumedCapacity: capacity,
          problem: problems.join('; ') || undefined,
        });
      } catch (e: any) {
        const problem = `the engine rejected the request: ${e.name}: ${e.message}`;
        patterns.push({ name: pattern.name, index, passed: false, expected: expected.length, returned: 0, problem });
      }
    }
    const passed = patterns.every(p => p.passed);
    return { design: derived.document.name, passed, items: samples.length, patterns, engineStartMillis: engine?.startMillis };
  } finally {
    if (engine) {
      await engine.stop();
    } else {
      await client.send(new sdk.DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      client.destroy();
    }
  }
}

function describe(samples: SampleItem[]): string {
  const counts = new Map<string, number>();
  for (const s of samples) counts.set(s.entity, (counts.get(s.entity) ?? 0) + 1);
  return [...counts].map(([entity, n]) => `${n} ${entity}`).join(', ');
}

/** The result as lines of text, one per pattern. */
export function formatVerification(result: VerificationResult): string {
  const width = Math.max(...result.patterns.map(p => p.name.length));
  const lines = result.patterns.map(p => `${p.passed ? 'PASS' : 'FAIL'}  ${p.name.padEnd(width)}  ${p.index.padEnd(6)}  ${p.returned}/${p.expected} item(s)  ${p.consumedCapacity ?? '-'} RCU${p.problem ? `  ${p.problem}` : ''}`);
  const passed = result.patterns.filter(p => p.passed).length;
  return `${lines.join('\n')}\n${passed} of ${result.patterns.length} pattern(s) pass on DynamoDB Local (${result.items} sample items)\n`;
}
