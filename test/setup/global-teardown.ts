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
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
