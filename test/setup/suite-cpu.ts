import * as fs from 'fs';
import * as path from 'path';

/**
 * Per-suite CPU time (user + system of this worker and of the child processes it waited for, from
 * the suite's first module load to its last hook), written into the run's temp directory;
 * global-teardown.ts gathers them into test-reports/suite-cpu.json beside junit.xml. On a shared machine wall times measure the load:
 * CPU time measures the suite.
 */
const start = process.cpuUsage();
const startChildren = childrenCpuSeconds();

/**
 * CPU time of the finished child processes this worker waited for (the CLI tests' `spawnSync`,
 * DynamoDB Local's Java): cutime + cstime of /proc/self/stat, in clock ticks (100 per second on
 * Linux). 0 where /proc is missing.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

afterAll(() => {
  const runDir = process.env.CDK_DYNAMODB_KIT_TEST_TMPDIR;
  const suite = expect.getState().testPath;
  if (!runDir || !suite) return;
  const { user, system } = process.cpuUsage(start);
  const dir = path.join(runDir, 'suite-cpu');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`),
    JSON.stringify({ suite, cpuSeconds: (user + system) / 1e6 + childrenCpuSeconds() - startChildren }));
});
