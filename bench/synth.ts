// Synthesis cost of a ProductionTable (with its key, monitoring and validation) against a plain
// TableV2 with the same schema, measured in the same process and printed as a ratio.
// Run: npx projen bench   (BENCH_ROUNDS=20 for more rounds)
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable } from '../src';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const TABLES_PER_STACK = 10;
const schema = {
  partitionKey: { name: 'pk', type: AttributeType.STRING },
  sortKey: { name: 'sk', type: AttributeType.STRING },
  globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
  timeToLiveAttribute: 'expiresAt',
};

function synthesize(build: (stack: Stack, id: string) => void): number {
  const start = performance.now();
  const app = new App();
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < TABLES_PER_STACK; i++) build(stack, `Table${i}`);
  app.synth();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const baseline = (stack: Stack, id: string) => new TableV2(stack, id, schema);
const candidate = (stack: Stack, id: string) => new ProductionTable(stack, id, schema);
const unmonitored = (stack: Stack, id: string) => new ProductionTable(stack, id, { ...schema, monitoringEnabled: false });

// Warm up both paths (module loading, JIT) before measuring; alternate to share any drift.
synthesize(baseline);
synthesize(candidate);
synthesize(unmonitored);
const times = { baseline: [] as number[], candidate: [] as number[], unmonitored: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  times.baseline.push(synthesize(baseline));
  times.candidate.push(synthesize(candidate));
  times.unmonitored.push(synthesize(unmonitored));
}
const base = median(times.baseline);
const line = (label: string, ms: number) => `  ${label.padEnd(34)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / base).toFixed(2)}x`;
console.log(`synth of ${TABLES_PER_STACK} tables, median of ${ROUNDS} rounds:`);
console.log(line('TableV2 (baseline)', base));
console.log(line('ProductionTable', median(times.candidate)));
console.log(line('ProductionTable, monitoring off', median(times.unmonitored)));
