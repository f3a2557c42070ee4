// Every benchmark in one process and run: each figure with its baseline, the ratio and the goal
// of issue #13, printed and written to bench/RESULTS.md with the machine, Node and aws-cdk-lib.
// Run: npm run bench   (BENCH_SIZES=1,10 BENCH_ROUNDS=1 for a quick look; BENCH_OUT=- prints only)
// Figures from a loaded machine are not results: RESULTS.md records the load average at the start.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { runFullyFeaturedBenchmark } from './fully-featured';
import { runLoadBenchmark } from './load';
import { runStreamHandlerBenchmark } from './stream-handler';
import { runSynthBenchmark } from './synth';

/** One line of the results: what was measured, against what, and the goal it answers to. */
export interface Figure {
  readonly benchmark: string;
  readonly figure: string;
  readonly baseline: number;
  readonly ours: number;
  readonly unit: string;
  /** The goal, e.g. `ratio ≤ 1.25`, and whether this run meets it; none for figures kept for information. */
  readonly goal?: string;
  readonly met?: boolean;
}

/** The ratio ours / baseline, or a dash where the baseline has none of it (a stack's shared resources). */
const ratio = (f: Figure) => (f.baseline === 0 ? '—' : `${(f.ours / f.baseline).toFixed(2)}×`);

/** N = 200 takes about a minute a round on two cores: one round there keeps the whole run under five minutes. */
const LARGE = 200;
/**
 * Below this, a round takes a second or less and one noisy round moves the median (N = 1 measured
 * 1.2× and 2.8× in two runs of three rounds): these sizes run three times the rounds.
 */
const QUICK = 20;

function fullyFeatured(sizes: number[], rounds: number): Figure[] {
  const figures: Figure[] = [];
  const groups = [
    { sizes: sizes.filter(n => n < QUICK), rounds: rounds * 3 },
    { sizes: sizes.filter(n => n >= QUICK && n < LARGE), rounds },
    { sizes: sizes.filter(n => n >= LARGE), rounds: 1 },
  ];
  const results = groups.filter(g => g.sizes.length > 0)
    .flatMap(g => runFullyFeaturedBenchmark(g.sizes, g.rounds).map(r => ({ r, rounds: g.rounds })));
  for (const { r, rounds: done } of results) {
    const benchmark = `fully featured, N = ${r.tables}`;
    figures.push(
      { benchmark, figure: `synth time (median of ${done})`, baseline: r.baselineMs, ours: r.oursMs, unit: 'ms', goal: 'ratio ≤ 1.25', met: r.ratio <= 1.25 },
      { benchmark, figure: 'resources per table (the stack\'s total / N)', baseline: r.baselineResourcesPerTable, ours: r.oursResourcesPerTable, unit: '' },
      { benchmark, figure: 'resources each further table adds', baseline: r.baselineResourcesPerFurtherTable, ours: r.oursResourcesPerFurtherTable, unit: '', goal: '≤ 12', met: r.oursResourcesPerFurtherTable <= 12 },
      { benchmark, figure: 'resources a stack holds once (ours: the alarm topic, its policy, its key)', baseline: r.baselineResourcesPerStack, ours: r.oursResourcesPerStack, unit: '' },
      { benchmark, figure: 'template per table', baseline: r.baselineTemplateKbPerTable, ours: r.oursTemplateKbPerTable, unit: 'KB', goal: '≤ 10 KB', met: r.oursTemplateKbPerTable <= 10 },
      { benchmark, figure: 'tables per stack (500 resources)', baseline: r.baselineTablesPerStack, ours: r.oursTablesPerStack, unit: '', goal: '≥ 35', met: r.oursTablesPerStack >= 35 },
    );
  }
  return figures;
}

async function streamHandler(): Promise<Figure[]> {
  const r = await runStreamHandlerBenchmark();
  return [{ benchmark: 'stream handler', figure: r.name, baseline: r.baselineMs, ours: r.oursMs, unit: 'ms', goal: 'ratio ≤ 1.1', met: r.ratio <= 1.1 }];
}

function synth(): Figure[] {
  const r = runSynthBenchmark();
  const benchmark = `${r.tables} tables vs TableV2`;
  return [
    { benchmark, figure: `ProductionTable synth (median of ${r.rounds})`, baseline: r.baselineMs, ours: r.oursMs, unit: 'ms' },
    { benchmark, figure: `ProductionTable, monitoring off (median of ${r.rounds})`, baseline: r.baselineMs, ours: r.unmonitoredMs, unit: 'ms' },
  ];
}

/** The package root's load: baseline is the same require with the rule pack constructed (cdk-nag loaded). */
function packageLoad(): Figure[] {
  const r = runLoadBenchmark();
  if (!r) {
    console.log('  (lib/ is not compiled: run npx projen compile for these figures)');
    return [];
  }
  const benchmark = "require('cdk-dynamodb-kit')";
  return [
    { benchmark, figure: 'modules loaded (baseline: with the rule pack)', baseline: r.withPackModules, ours: r.modules, unit: '' },
    { benchmark, figure: 'of which cdk-nag', baseline: r.withPackNagModules, ours: r.nagModules, unit: '', goal: '= 0', met: r.nagModules === 0 },
    { benchmark, figure: `require time (median of ${r.rounds} processes)`, baseline: r.withPackMs, ours: r.ms, unit: 'ms' },
  ];
}

/** bench/report.ts arrives from another branch: run it when it is there. */
function report(): Figure[] {
  const file = path.join(__dirname, 'report.ts');
  if (!fs.existsSync(file)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runReportBenchmark } = require(file);
  const rows: Array<{ resources: number; tables: number; baselineMs: number; oursMs: number }> = runReportBenchmark();
  return rows.map(r => ({
    benchmark: `report, ${r.resources} resources`,
    figure: `${r.tables} tables (baseline: the old quadratic lookup)`,
    baseline: r.baselineMs,
    ours: r.oursMs,
    unit: 'ms',
    ...(r.tables >= 200 ? { goal: '< 1000 ms', met: r.oursMs < 1000 } : {}),
  }));
}

function versionOf(pkg: string): string {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const number = (value: number, unit: string) => `${value.toFixed(unit === 'ms' ? 1 : unit === 'KB' ? 2 : value % 1 ? 2 : 0)}${unit ? ` ${unit}` : ''}`;
const verdict = (f: Figure) => f.goal === undefined ? '' : `${f.goal}: ${f.met ? 'met' : 'NOT met'}`;

function markdown(figures: Figure[], machine: string[]): string {
  const rows = figures.map(f => `| ${f.benchmark} | ${f.figure} | ${number(f.baseline, f.unit)} | ${number(f.ours, f.unit)} | ${ratio(f)} | ${verdict(f)} |`);
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts): every benchmark in one process, each against a baseline',
    'measured in the same run. Goals from issue #13.',
    '',
    ...machine.map(line => `- ${line}`),
    '',
    '| benchmark | figure | baseline | ours | ratio | goal |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const load = os.loadavg()[0];
  const cpus = os.cpus();
  const sizes = (process.env.BENCH_SIZES ?? '1,10,50,200').split(',').map(Number);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const figures: Figure[] = [];
  const step = async (name: string, run: () => Figure[] | Promise<Figure[]>) => {
    const start = performance.now();
    const added = await run();
    figures.push(...added);
    console.log(`\n${name} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
    for (const f of added) {
      console.log(`  ${f.benchmark.padEnd(28)} ${f.figure.padEnd(46)} ${number(f.baseline, f.unit).padStart(11)} → ${number(f.ours, f.unit).padStart(11)}  ${ratio(f)}  ${verdict(f)}`);
    }
  };
  await step('fully featured tables against hand-wired aws-cdk-lib', () => fullyFeatured(sizes, rounds));
  await step('stream handler against a hand-written loop', streamHandler);
  await step('ProductionTable against TableV2', synth);
  await step('production-readiness report', report);
  await step('loading the package', packageLoad);

  const machine = [
    `date: ${new Date().toISOString()}`,
    `machine: ${cpus.length} cores (${cpus[0]?.model?.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory, ${os.platform()} ${os.release()}`,
    `load average at the start: ${load.toFixed(2)}${load > cpus.length * 0.5 ? ' (a busy machine: these figures are not final)' : ''}`,
    `Node ${process.version}, aws-cdk-lib ${versionOf('aws-cdk-lib')}, constructs ${versionOf('constructs')}, commit ${commit()}`,
    `run: ${((performance.now() - started) / 1000).toFixed(0)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
  console.log(`\n${machine.join('\n')}`);
  const unmet = figures.filter(f => f.met === false);
  console.log(unmet.length === 0 ? 'every goal met' : `${unmet.length} goal(s) not met`);
  if (process.env.BENCH_OUT !== '-') {
    const out = process.env.BENCH_OUT ?? path.join(__dirname, 'RESULTS.md');
    fs.writeFileSync(out, markdown(figures, machine));
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
