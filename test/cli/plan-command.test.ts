import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli, spawnCli } from '../helpers/cli';

/** In this process: the command's logic, without a ts-node start per test (the first test spawns the real command line). */
const run = (...args: string[]) => runCli(args);

describe('cdk-dynamodb-kit plan', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const location = path.join(dir, name);
    fs.writeFileSync(location, content);
    return location;
  };
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // 2,000 B: 1 read block (0.5 eventually consistent), 2 write units. 400 reads/s → 200 RCU,
  // 100 writes/s → 200 WCU; partitions ceil(200 / 3,000 + 200 / 1,000) = 1.
  const workload = JSON.stringify({ itemSizeBytes: 2000, readsPerSecond: 400, writesPerSecond: 100, storageGb: 20 });

  test('prints the plan for a person, exit 0 (the real command line)', () => {
    const { status, stdout } = spawnCli(['plan', file('steady.json', workload)]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^readCapacityUnits: +200$/m);
    expect(stdout).toMatch(/^writeCapacityUnits: +200$/m);
    expect(stdout).toMatch(/^partitions: +2$/m); // storage: ceil(20 GB / 10 GB) = 2
    expect(stdout).toMatch(/^recommendation: +PROVISIONED: /m);
    expect(stdout).toMatch(/^billing: +Billing.provisioned\(\{ readCapacity: Capacity.autoscaled\(\{ minCapacity: 286, /m); // ceil(200 / 0.7)
    expect(stdout).toMatch(/^explanation:\n {2}table read: ceil\(2,000 B \/ 4,096 B\) = 1 × 0.5/m);
  });

  test('--json prints the plan as data, with the same field names', () => {
    const { status, stdout } = run('plan', file('steady.json', workload), '--json');
    expect(status).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan).toMatchObject({
      readCapacityUnits: 200,
      writeCapacityUnits: 200,
      indexWriteCapacityUnits: {},
      replicatedWriteCapacityUnits: 0,
      readRequestUnitsPerMonth: 200 * 2_628_000,
      writeRequestUnitsPerMonth: 200 * 2_628_000,
      monthlyCost: { storage: 5, pointInTimeRecovery: 4 }, // 20 GB × $0.25, 20 GB × $0.20
      recommendation: { recommendation: 'PROVISIONED' },
      billing: expect.stringMatching(/^Billing.provisioned\(/),
    });
    expect(plan.explanation.length).toBeGreaterThan(10);
  });

  test.each([
    ['no file', () => [], /^cdk-dynamodb-kit plan: usage: cdk-dynamodb-kit plan WORKLOAD.json \[--json\]\n$/],
    ['a missing file', () => [path.join(dir, 'missing.json')], /missing.json: no such file\n$/],
    ['a folder', () => [dir], /: a folder, not a workload file\n$/],
    ['bad JSON', () => [file('bad.json', '{ itemSizeBytes: 1 ')], /bad.json: not JSON \(/],
    ['an invalid workload', () => [file('negative.json', JSON.stringify({ ...JSON.parse(workload), readsPerSecond: -1 }))],
      /^cdk-dynamodb-kit plan: CapacityPlanner.plan: workload.readsPerSecond is -1, not a finite number 0 or more; give an average number per second, 0 or more\n$/],
    ['an unknown field', () => [file('typo.json', JSON.stringify({ ...JSON.parse(workload), peakReadPerSecond: 900 }))],
      /typo.json: peakReadPerSecond is not a field we know; use only itemSizeBytes/],
    ['an item over 400 KB', () => [file('big.json', JSON.stringify({ ...JSON.parse(workload), itemSizeBytes: 409_601 }))],
      /workload.itemSizeBytes is 409601 bytes, over DynamoDB's item limit of 400 KB/],
  ])('%s: exit 2, one line, no stack trace', (_name, args, message) => {
    const { status, stdout, stderr } = run('plan', ...args());
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('with --json, bad input is {"error": ...} and exit 2', () => {
    const { status, stdout } = run('plan', path.join(dir, 'missing.json'), '--json');
    expect(status).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ error: expect.stringMatching(/missing.json: no such file$/) });
  });

  test('the usage lists plan', () => {
    expect(run().stderr).toMatch(/cdk-dynamodb-kit plan WORKLOAD.json \[--json\]/);
  });
});
