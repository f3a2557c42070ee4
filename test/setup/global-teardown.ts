import * as fs from 'fs';
import * as path from 'path';

/**
 * Removes the run's temp directory made by global-setup.ts, with every `cdk.out*` folder in it.
 * Before that, when the run writes the JUnit report, the per-suite CPU times (suite-cpu.ts) go beside
 * it as test-reports/suite-cpu.json, read by `npx projen test:times`.
 */
export default function globalTeardown(globalConfig: { reporters?: Array<string | [string, any]>; rootDir?: string }): void {
  const runDir = process.env.CDK_DYNAMODB_KIT_TEST_TMPDIR;
  if (!runDir) return;
  try {
    const junit = (globalConfig.reporters ?? []).find(r => (Array.isArray(r) ? r[0] : r).includes('jest-junit'));
    const cpuDir = path.join(runDir, 'suite-cpu');
    if (junit && fs.existsSync(cpuDir)) {
      const outputDirectory = path.resolve(globalConfig.rootDir ?? process.cwd(), (Array.isArray(junit) && junit[1]?.outputDirectory) || '.');
      const suites = fs.readdirSync(cpuDir).map(file => JSON.parse(fs.readFileSync(path.join(cpuDir, file), 'utf8')));
      fs.mkdirSync(outputDirectory, { recursive: true });
      fs.writeFileSync(path.join(outputDirectory, 'suite-cpu.json'), `${JSON.stringify(suites, undefined, 1)}\n`);
    }
    warnAboutLeftovers(runDir);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

/**
 * A test that writes to a fixed path (`/tmp/...`) or a child that ignores TMPDIR (Java uses
 * java.io.tmpdir) escapes the run directory. Name what appeared in the parent temp directory during
 * the run; on a shared machine another process may have made it, so this warns, it does not fail.
 */
function warnAboutLeftovers(runDir: string): void {
  const before = path.join(runDir, 'parent-before.json');
  if (!fs.existsSync(before)) return;
  const { parent, entries } = JSON.parse(fs.readFileSync(before, 'utf8')) as { parent: string; entries: string[] };
  const known = new Set(entries);
  const added = fs.readdirSync(parent).filter(name => !known.has(name) && path.join(parent, name) !== runDir
    && /^(cdk\.out|cdk-dynamodb-kit-|design|plan|report|guard)/.test(name) && !name.startsWith('cdk-dynamodb-kit-jest-'));
  if (added.length > 0) {
    process.stderr.write(`tests may have left ${added.length} item(s) in ${parent} (outside the run's TMPDIR): ${added.slice(0, 10).join(', ')}\n`);
  }
}
