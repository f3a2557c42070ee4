// Synthesis cost of a ProductionTable (with its key, monitoring and validation) against a plain
// TableV2 with the same schema, measured in the same process and printed as a ratio.
// Run alone: npx ts-node --transpile-only bench/synth.ts   (BENCH_ROUNDS=20 for more rounds)
import { Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { median, timedSynth } from './measure';
import { ProductionTable } from '../src';

export interface SynthFigures {
  readonly tables: number;
  readonly rounds: number;
  readonly baselineMs: number;
  readonly oursMs: number;
  readonly unmonitoredMs: number;
}

const TABLES_PER_STACK = 10;
const schema = {
  partitionKey: { name: 'pk', type: AttributeType.STRING },
  sortKey: { name: 'sk', type: AttributeType.STRING },
  globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
  timeToLiveAttribute: 'expiresAt',
};

function synthesize(build: (stack: Stack, id: string) => void): number {
  return timedSynth('bench-synth-', stack => {
    for (let i = 0; i < TABLES_PER_STACK; i++) build(stack, `Table${i}`);
  });
}

const baseline = (stack: Stack, id: string) => new TableV2(stack, id, schema);
const candidate = (stack: Stack, id: string) => new ProductionTable(stack, id, schema);
const unmonitored = (stack: Stack, id: string) => new ProductionTable(stack, id, { ...schema, monitoringEnabled: false });

/** Ten tables per stack: TableV2 (the baseline), ProductionTable, and ProductionTable without monitoring. */
export function runSynthBenchmark(rounds = Number(process.env.BENCH_ROUNDS ?? 8)): SynthFigures {
  // Warm up both paths (module loading, JIT) before measuring; alternate to share any drift.
  synthesize(baseline);
  synthesize(candidate);
  synthesize(unmonitored);
  const times = { baseline: [] as number[], candidate: [] as number[], unmonitored: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    times.baseline.push(synthesize(baseline));
    times.candidate.push(synthesize(candidate));
    times.unmonitored.push(synthesize(unmonitored));
  }
  return {
    tables: TABLES_PER_STACK,
    rounds,
    baselineMs: median(times.baseline),
    oursMs: median(times.candidate),
    unmonitoredMs: median(times.unmonitored),
  };
}

if (require.main === module) {
  const figures = runSynthBenchmark();
  const line = (label: string, ms: number) => `  ${label.padEnd(34)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / figures.baselineMs).toFixed(2)}x`;
  console.log(`synth of ${figures.tables} tables, median of ${figures.rounds} rounds:`);
  console.log(line('TableV2 (baseline)', figures.baselineMs));
  console.log(line('ProductionTable', figures.oursMs));
  console.log(line('ProductionTable, monitoring off', figures.unmonitoredMs));
}
