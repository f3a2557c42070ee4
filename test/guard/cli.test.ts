import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { runGuard } from './command';
import { removeTempDirs, synthAssembly, tempDir } from './synth';
import { ProductionTable } from '../../src';

const pk = { name: 'pk', type: AttributeType.STRING };
const sk = { name: 'sk', type: AttributeType.STRING };

const run = runGuard;

function app(version: 'main' | 'branch' | 'safe'): string {
  return synthAssembly(a => {
    const orders = new Stack(a, 'OrdersStack', { env: { account: '123456789012', region: 'us-east-1' } });
    new ProductionTable(orders, 'Orders', { partitionKey: pk, sortKey: version === 'branch' ? sk : undefined });
    new ProductionTable(orders, 'Audit', { partitionKey: pk, contributorInsights: version !== 'safe' });
    if (version === 'main') {
      const legacy = new Stack(a, 'LegacyStack', { env: { account: '123456789012', region: 'us-east-1' } });
      new ProductionTable(legacy, 'Legacy', { partitionKey: pk });
    }
  });
}

const tmp = tempDir('guard-cli-');
afterAll(removeTempDirs);
const main = app('main');
const branch = app('branch');
const safe = app('safe');
const mainTemplate = path.join(main, 'OrdersStack.template.json');
const branchTemplate = path.join(branch, 'OrdersStack.template.json');

describe('guard command on cloud assemblies', () => {
  test('a replacing change exits 1 and says why and how, for people', () => {
    const { code, stdout, stderr } = run(['--before', main, '--after', branch]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^BLOCKING TABLE_REPLACED {2}OrdersStack\/Orders\w+ \(AWS::DynamoDB::GlobalTable\)$/m);
    expect(stdout).toMatch(/^ {2}property: KeySchema$/m);
    expect(stdout).toMatch(/^ {2}safe way: create a new table/m);
    expect(stdout).toMatch(/^INFO STACK_REMOVED {2}LegacyStack\/Legacy/m);
    expect(stdout).toMatch(/2 table\(s\) in 1 stack\(s\) compared: 1 blocking, 0 warning\(s\), 1 info\./);
    expect(stdout).toMatch(/NOT SAFE/);
  });

  test('--json for machines', () => {
    const { code, stdout } = run(['--before', main, '--after', branch, '--json']);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.safe).toBe(false);
    expect(result.stacksCompared).toEqual(['OrdersStack']);
    expect(result.findings.map((f: any) => [f.kind, f.severity, f.stack, f.property])).toEqual([
      ['TABLE_REPLACED', 'blocking', 'OrdersStack', 'KeySchema'],
      ['STACK_REMOVED', 'info', 'LegacyStack', '(stack)'],
    ]);
    expect(result.findings[0]).toEqual(expect.objectContaining({ before: [{ AttributeName: 'pk', KeyType: 'HASH' }], after: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] }));
  });

  test('a safe change exits 0 (contributor insights off; a stack left out of the app is information)', () => {
    const { code, stdout } = run(['--before', main, '--after', safe]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/0 blocking, 0 warning\(s\), 1 info\./);
    expect(stdout).toMatch(/Safe to deploy/);
    const json = JSON.parse(run(['--after=' + safe, '--before=' + safe, '--json']).stdout);
    expect(json).toEqual({ safe: true, findings: [], stacksCompared: ['OrdersStack'], tablesCompared: 2 });
  });

  test('a template file against an assembly of one stack, and two template files', () => {
    expect(run(['--before', mainTemplate, '--after', branchTemplate]).code).toBe(1);
    expect(run(['--before', mainTemplate, '--after', safe]).code).toBe(0);
  });
});

describe('stages', () => {
  test('stacks inside a Stage (nested cloud assemblies) are compared too', () => {
    const staged = (sortKey: boolean) => synthAssembly(a => {
      const prod = new Stage(a, 'Prod', { env: { account: '123456789012', region: 'us-east-1' } });
      new ProductionTable(new Stack(prod, 'Data'), 'Orders', { partitionKey: pk, sortKey: sortKey ? sk : undefined });
    });
    const { code, stdout } = run(['--before', staged(false), '--after', staged(true), '--json']);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).findings;
    expect(findings.map((f: any) => [f.stack, f.kind, f.property])).toEqual([[expect.stringMatching(/^assembly-Prod\/Prod\w*Data/), 'TABLE_REPLACED', 'KeySchema']]);
  });
});

describe('bad input exits 2 with a message and no stack trace', () => {
  const notJson = path.join(tmp, 'not.json');
  fs.writeFileSync(notJson, 'Resources:\n  Foo: bar\n');
  const notTemplate = path.join(tmp, 'package.json');
  fs.writeFileSync(notTemplate, JSON.stringify({ name: 'x' }));
  const emptyDir = fs.mkdtempSync(path.join(tmp, 'empty-'));

  // A mistake on the command line shows the usage; a bad file is one line naming it.
  test.each([
    ['a missing path', ['--before', '/nope/cdk.out', '--after', safe], /\/nope\/cdk.out: no such file or folder/, false],
    ['a file that is not JSON', ['--before', notJson, '--after', safe], /not\.json: not JSON \(.*\); pass the JSON template from cdk\.out \(YAML is not read\)/, false],
    ['JSON that is not a template', ['--before', notTemplate, '--after', safe], /package\.json: not a CloudFormation template \(no "Resources" object\)/, false],
    ['a folder that is not a cloud assembly', ['--before', emptyDir, '--after', safe], /not a cloud assembly \(no manifest.json\)/, false],
    ['an assembly of two stacks against a template', ['--before', main, '--after', mainTemplate], /has 2 stacks \(OrdersStack, LegacyStack\), so it is unclear which to compare/, false],
    ['no --before', ['--after', safe], /--before is required/, true],
    ['no --after', ['--before', safe], /--after is required/, true],
    ['--before without a value', ['--before', '--after', safe], /--before needs a path/, true],
    ['an unknown flag', ['--before', safe, '--after', safe, '--yaml'], /unknown argument "--yaml"/, true],
  ])('%s', (_label, args, message, usage) => {
    const { code, stdout, stderr } = run(args as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^cdk-dynamodb-kit guard: /);
    if (usage) expect(stderr).toMatch(/usage: cdk-dynamodb-kit guard --before OLD --after NEW \[--json\]/);
    else expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    const json = run([...args as string[], '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: expect.stringMatching(message) });
  });

  test('an assembly without stacks, and a broken manifest', () => {
    const empty = synthAssembly(() => undefined);
    expect(run(['--before', empty, '--after', safe]).stderr).toMatch(/the cloud assembly has no stacks; synthesize the app first/);
    expect(run(['--before', safe, '--after', empty]).code).toBe(2);
    const broken = fs.mkdtempSync(path.join(tmp, 'broken-'));
    fs.writeFileSync(path.join(broken, 'manifest.json'), '{');
    const { code, stderr } = run(['--before', broken, '--after', safe]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/manifest\.json: not JSON \(syntax error at line 1, column 2\)/);
  });

  test('--help prints the usage and exits 0', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: cdk-dynamodb-kit guard/);
  });
});

describe('the real command line (src/cli/main.ts)', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', path.join(__dirname, '../../src/cli/main.ts'), 'guard', ...args], { encoding: 'utf-8' });

  test('exit codes 1, 0 and 2 reach the shell', () => {
    const unsafe = cli(['--before', main, '--after', branch, '--json']);
    expect(unsafe.status).toBe(1);
    expect(JSON.parse(unsafe.stdout).safe).toBe(false);
    expect(cli(['--before', safe, '--after', safe]).status).toBe(0);
    const bad = cli(['--before', path.join(tmp, 'missing.json'), '--after', safe]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/missing\.json: no such file or folder/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
