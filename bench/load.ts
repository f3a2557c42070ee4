// What `require('cdk-dynamodb-kit')` costs: modules loaded, how many of them are cdk-nag's, and the
// time the require takes, each in a fresh Node process (the module cache makes a second require
// free). The baseline is the same require followed by `new DynamoDbProductionChecks()`, which
// loads cdk-nag: what every require cost before the rule pack loaded it lazily (issue #13).
// Reads the compiled package (lib/), so compile first (npx projen compile).
// Run alone: npx ts-node --transpile-only bench/load.ts   (BENCH_ROUNDS=15 for more rounds)
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface LoadFigures {
  readonly rounds: number;
  readonly modules: number;
  readonly nagModules: number;
  readonly ms: number;
  readonly withPackModules: number;
  readonly withPackNagModules: number;
  readonly withPackMs: number;
}

/** The compiled package root; the benchmark measures what a user's `require` loads. */
export const PACKAGE_ROOT = path.join(__dirname, '..', 'lib', 'index.js');

interface OneLoad {
  readonly modules: number;
  readonly nagModules: number;
  readonly ms: number;
}

/** One fresh process: require the package (and construct the pack, if asked); count and time it. */
function loadOnce(constructPack: boolean): OneLoad {
  const script = `
    const start = process.hrtime.bigint();
    const kit = require(${JSON.stringify(PACKAGE_ROOT)});
    ${constructPack ? 'new kit.DynamoDbProductionChecks();' : ''}
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({ modules: loaded.length, nagModules: loaded.filter(k => k.includes('/cdk-nag/')).length, ms }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Undefined when the package is not compiled: there is nothing a user would load yet. */
export function runLoadBenchmark(rounds = Number(process.env.BENCH_ROUNDS ?? 7)): LoadFigures | undefined {
  if (!fs.existsSync(PACKAGE_ROOT)) return undefined;
  const ours: OneLoad[] = [];
  const withPack: OneLoad[] = [];
  // Alternated, so a change in the machine's load falls on both sides.
  for (let round = 0; round < rounds; round++) {
    ours.push(loadOnce(false));
    withPack.push(loadOnce(true));
  }
  return {
    rounds,
    modules: ours[0].modules,
    nagModules: ours[0].nagModules,
    ms: median(ours.map(l => l.ms)),
    withPackModules: withPack[0].modules,
    withPackNagModules: withPack[0].nagModules,
    withPackMs: median(withPack.map(l => l.ms)),
  };
}

if (require.main === module) {
  const figures = runLoadBenchmark();
  if (!figures) {
    console.log(`no ${path.relative(process.cwd(), PACKAGE_ROOT)}: compile first`);
  } else {
    console.log(`require('cdk-dynamodb-kit'):                ${figures.modules} modules, ${figures.nagModules} of them cdk-nag's, ${figures.ms.toFixed(1)} ms (median of ${figures.rounds})`);
    console.log(`require + new DynamoDbProductionChecks(): ${figures.withPackModules} modules, ${figures.withPackNagModules} of them cdk-nag's, ${figures.withPackMs.toFixed(1)} ms`);
  }
}
