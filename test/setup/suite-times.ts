// Prints the slowest test suites of the last jest run: wall time from test-reports/junit.xml
// (jest-junit, one <testsuite> per file) and CPU time from test-reports/suite-cpu.json (suite-cpu.ts).
// On a shared machine, sort by CPU time: wall time grows with the load of others.
// Run: npx projen test:times [COUNT]   (after `npx projen test`)
import * as fs from 'fs';
import * as path from 'path';

interface SuiteTime { readonly file: string; readonly tests: number; wallSeconds: number; cpuSeconds?: number }

export function readSuiteTimes(reportDir: string): SuiteTime[] {
  const xml = fs.readFileSync(path.join(reportDir, 'junit.xml'), 'utf8');
  const suites = new Map<string, SuiteTime>();
  for (const match of xml.matchAll(/<testsuite\s([^>]*)>([\s\S]*?)<\/testsuite>/g)) {
    const attribute = (text: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(text)?.[1];
    const file = attribute(match[2], 'file') ?? attribute(match[1], 'name') ?? '?';
    const suite = suites.get(file) ?? { file, tests: 0, wallSeconds: 0 };
    suite.wallSeconds += Number(attribute(match[1], 'time') ?? 0);
    (suite as { tests: number }).tests += Number(attribute(match[1], 'tests') ?? 0);
    suites.set(file, suite);
  }
  const cpuFile = path.join(reportDir, 'suite-cpu.json');
  if (fs.existsSync(cpuFile)) {
    for (const { suite, cpuSeconds } of JSON.parse(fs.readFileSync(cpuFile, 'utf8'))) {
      const entry = suites.get(path.relative(process.cwd(), suite));
      if (entry) entry.cpuSeconds = cpuSeconds;
    }
  }
  return [...suites.values()];
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 15);
  const suites = readSuiteTimes(path.join(process.cwd(), 'test-reports'));
  const key = (s: SuiteTime) => s.cpuSeconds ?? s.wallSeconds;
  suites.sort((a, b) => key(b) - key(a));
  const total = (f: (s: SuiteTime) => number | undefined) => suites.reduce((sum, s) => sum + (f(s) ?? 0), 0);
  console.log(`${suites.length} suites: ${total(s => s.cpuSeconds).toFixed(0)} s CPU, ${total(s => s.wallSeconds).toFixed(0)} s wall (summed per suite)`);
  console.log(`${'CPU s'.padStart(7)} ${'wall s'.padStart(7)} ${'tests'.padStart(5)}  suite`);
  for (const s of suites.slice(0, count)) {
    console.log(`${(s.cpuSeconds?.toFixed(1) ?? '-').padStart(7)} ${s.wallSeconds.toFixed(1).padStart(7)} ${String(s.tests).padStart(5)}  ${s.file}`);
  }
}
