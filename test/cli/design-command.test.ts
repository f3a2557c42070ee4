import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli, spawnCli } from '../helpers/cli';
import { ISSUE_EXAMPLE, changed } from '../modeling/fixtures';

const STORE = path.join(__dirname, '..', '..', 'examples', 'orders', 'store.design.json');

/**
 * In this process (the command's logic, no ts-node start per test), except `verify`, which answers
 * asynchronously, and a changed environment: those run the real command line.
 */
function run(args: string[], env?: NodeJS.ProcessEnv) {
  return env || args[1] === 'verify' ? spawnCli(args, env) : runCli(args);
}

describe('cdk-dynamodb-kit design', () => {
  let dir: string;
  const file = (name: string, content: unknown) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
    return at;
  };
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'design-cli-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('check: a valid design exits 0 and prints its indexes and key conditions', () => {
    const { status, stdout } = run(['design', 'check', STORE]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Store: valid; table keys PK\/SK, 2 global secondary index\(es\)/);
    expect(stdout).toMatch(/getCustomer +table +PK = "CUSTOMER#\{customerId\}" AND SK = "PROFILE" +\(consistent\)/);
  });

  test('check --json: the indexes and how each pattern is served', () => {
    const { status, stdout } = run(['design', 'check', file('issue.json', ISSUE_EXAMPLE), '--json']);
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.globalSecondaryIndexes).toEqual([
      { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL' },
      { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', projection: 'ALL' },
    ]);
    expect(summary.accessPatterns[3]).toMatchObject({ name: 'orderById', index: 'GSI1', keyCondition: 'GSI1PK = "ORDER#{orderId}"' });
    expect(summary.warnings).toHaveLength(1);
  });

  test('check: design errors exit 1, each naming the pattern and the fix', () => {
    const bad = file('bad-design.json', changed(ISSUE_EXAMPLE, d => { d.accessPatterns[3].consistentRead = true; }));
    const { status, stdout } = run(['design', 'check', bad]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^error: pattern "orderById": asks for consistentRead but is served by GSI1.*; drop "consistentRead"/m);
    const json = run(['design', 'check', bad, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, errors: [expect.stringMatching(/^pattern "orderById"/)] });
  });

  test.each([
    [['design'], /usage: cdk-dynamodb-kit design check FILE/],
    [['design', 'draw', 'x.json'], /usage: cdk-dynamodb-kit design check FILE/],
    [['design', 'docs', 'x.json'], /usage: cdk-dynamodb-kit design check FILE/],
    [['design', 'check', '/nonexistent/store.json'], /^cdk-dynamodb-kit design: \/nonexistent\/store.json: no such file\n$/],
    [['design', 'check', os.tmpdir()], /is a folder, not a design document/],
  ])('bad input %p exits 2 with one line and no stack trace', (args, message) => {
    const { status, stderr } = run(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    ['not-json.json', '{"name": "Store", ', ['check']],
    ['not-yaml.yaml', 'name: [Store', ['check']],
    ['wrong-shape.json', { name: 'Store', entities: [], accessPatterns: {} }, ['check', 'verify', 'docs']],
    ['null.json', 'null', ['check']],
  ])('an unreadable document (%s) exits 2 with one line', (name, content, verbs) => {
    for (const verb of verbs) {
      const { status, stderr } = run(['design', verb, file(name, content), ...(verb === 'docs' ? ['--out', dir] : [])]);
      expect(status).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(new RegExp(`^cdk-dynamodb-kit design: .*${name}: `));
    }
  });

  test('docs --out writes the access-pattern matrix and the Workbench model', () => {
    const out = path.join(dir, 'docs');
    const { status, stdout } = run(['design', 'docs', STORE, '--out', out]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/wrote .*Store.access-patterns.md\nwrote .*Store.workbench.json/);
    expect(fs.readFileSync(path.join(out, 'Store.access-patterns.md'), 'utf8')).toMatch(/```mermaid\nflowchart LR/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'Store.workbench.json'), 'utf8'))).toMatchObject({ ModelName: 'Store' });
  });

  test('verify: every pattern passes on DynamoDB Local (exit 0), with the capacity each consumed', () => {
    const { status, stdout } = run(['design', 'verify', STORE, '--json']);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.passed).toBe(true);
    expect(result.patterns.map((p: any) => p.consumedCapacity)).not.toContain(undefined);
  });

  test('verify: a design with errors exits 1 without starting the engine', () => {
    const { status, stderr } = run(['design', 'verify', file('bad.json', changed(ISSUE_EXAMPLE, d => { d.accessPatterns[3].consistentRead = true; }))]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/error: pattern "orderById"/);
  });

  test('verify: no Java exits 2, saying so', () => {
    const { status, stderr } = run(['design', 'verify', STORE], { ...process.env, PATH: '/nonexistent' });
    expect(status).toBe(2);
    expect(stderr).toMatch(/^cdk-dynamodb-kit design: cannot start java for DynamoDB Local \(is Java 17 or later installed and on PATH\?\)/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
