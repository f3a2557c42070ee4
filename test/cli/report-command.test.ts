import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { NestedStack, Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { buildApp } from '../../examples/orders/app';
import { TEST_ENV } from '../helpers/app';
import { runCli, spawnCli } from '../helpers/cli';
import { TempDir, appIn, cfnTable, templateOf } from '../template/fixtures';

const SECRET = 'TOP-SECRET-CONTENT-4242';

/** In this process: the command's logic, without a ts-node start per test (the first test and --version spawn the real command line). */
const run = (...args: string[]) => runCli(args);

describe('cdk-dynamodb-kit report', () => {
  let tmp: TempDir;
  let cdkOut: string;
  beforeAll(() => {
    tmp = new TempDir();
    cdkOut = path.join(tmp.dir, 'cdk.out');
    const assembly = buildApp(appIn(path.join(tmp.dir, 'synth'))).synth();
    execFileSync('cp', ['-r', `${assembly.directory}/.`, cdkOut]);
  });
  afterAll(() => tmp.cleanup());

  test('summarizes every table of a cloud assembly and exits 0 when all are ready (the real command line)', () => {
    const { status, stdout } = spawnCli(['report', cdkOut]);
    expect(stdout).toMatch(/OrdersService\/Orders\w+ {2}\(OrdersService\/Orders\/Resource\) {2}AWS::DynamoDB::GlobalTable/);
    expect(stdout).toMatch(/region: {14}us-east-1 \(the stack's\)/);
    // The stack's own region is the table, not one of its replicas.
    expect(stdout).toMatch(/replicas: {12}eu-west-1 \([^\n]*; ap-southeast-2 \([^\n]*\)\n/);
    expect(stdout).not.toMatch(/replicas:[^\n]*us-east-1/);
    expect(status).toBe(0);
  });

  test('--json prints typed values', () => {
    const { status, stdout } = run('report', cdkOut, '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ready: true, unreadNestedStacks: [] });
    expect(report.tables[0]).toMatchObject({
      stack: 'OrdersService',
      pitr: { enabled: true, recoveryPeriodInDays: 35 },
      deletionProtection: true,
      encryption: { kind: 'customer-managed' },
      keys: { partitionKey: { name: 'pk', type: 'S' } },
      gaps: [],
      ready: true,
    });
  });

  test('a template file works too', () => {
    const { status, stdout } = run('report', path.join(cdkOut, 'OrdersService.template.json'));
    expect(status).toBe(0);
    expect(stdout).toMatch(/1 of 1 table\(s\) meet the production defaults/);
    // The manifest beside it gives the stack's region: the table's own region is not a replica.
    expect(stdout).toMatch(/region: {14}us-east-1 \(the stack's\)\n/);
  });

  test('a table that is not ready exits 1', () => {
    const file = tmp.file('NotReady.template.json', templateOf({ T: cfnTable() }));
    const { status, stdout } = run('report', file);
    expect(status).toBe(1);
    expect(stdout).toMatch(/production-ready: {4}NO — point-in-time recovery is off/);
  });

  test('tables in nested stacks are reported', () => {
    const app = appIn(path.join(tmp.dir, 'nested.out'));
    const parent = new Stack(app, 'Parent', { env: TEST_ENV });
    new TableV2(new NestedStack(parent, 'Storage'), 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const { status, stdout } = run('report', app.synth().directory);
    expect(stdout).toMatch(/Parent\/Storage\w+\/Orders\w+ {2}\(Parent\/Storage\/Orders\/Resource\) {2}AWS::DynamoDB::GlobalTable\n {2}nested stack: {8}Storage\w+ of Parent/);
    // A plain TableV2 has none of the production defaults.
    expect(status).toBe(1);
  });

  test.each([
    [['report'], /usage: cdk-dynamodb-kit report/],
    [['report', '/nonexistent/cdk.out'], /\/nonexistent\/cdk.out: no such file or folder/],
    [['report', '--nonsense', 'x'], /unknown option "--nonsense"/],
    [['nonsense'], /unknown command "nonsense"/],
  ])('bad input %p exits 2 with a clear message and no stack trace', (args, message) => {
    const { status, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('a folder that is not an assembly, and a file that is not a template, exit 2', () => {
    const empty = path.join(tmp.dir, 'empty');
    fs.mkdirSync(empty);
    expect(run('report', empty)).toMatchObject({ status: 2, stderr: expect.stringMatching(/not a cloud assembly \(no manifest.json\)/) });
    const file = tmp.file('not-a-template.json', '{"hello": 1}');
    expect(run('report', file)).toMatchObject({ status: 2, stderr: expect.stringMatching(/not a CloudFormation template \(no "Resources" object\)/) });
  });

  describe('hostile input: exit 2, one line naming the file and the problem, nothing of a file outside the assembly', () => {
    /** A cloud assembly with one stack whose templateFile is `templateFile`, beside a secret file outside it. */
    function hostile(name: string, templateFile: string, files: { [file: string]: string } = {}): string {
      tmp.file(`${name}/secret.json`, JSON.stringify(templateOf({ Secret: { Type: 'AWS::SQS::Queue', Properties: { QueueName: SECRET } } })));
      tmp.file(`${name}/cdk.out/manifest.json`, JSON.stringify({
        version: '36.0.0',
        artifacts: { S: { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/us-east-1', properties: { templateFile } } },
      }));
      for (const [file, content] of Object.entries(files)) tmp.file(`${name}/cdk.out/${file}`, content);
      return path.join(tmp.dir, name, 'cdk.out');
    }

    const cases: Array<[string, () => string, RegExp]> = [
      ['templateFile ../secret.json', () => hostile('up', '../secret.json'), /manifest\.json: the templateFile of artifact "S" "\.\.\/secret\.json" is outside the assembly folder/],
      ['an absolute templateFile', () => hostile('abs', path.join(tmp.dir, 'abs', 'secret.json')), /is an absolute path; only files inside the assembly folder/],
      ['a symlink out of the assembly', () => {
        const dir = hostile('link', 'S.template.json');
        fs.symlinkSync(path.join(tmp.dir, 'link', 'secret.json'), path.join(dir, 'S.template.json'));
        return dir;
      }, /"S\.template\.json" is a link that leaves the assembly folder/],
      ['a null resource', () => hostile('null', 'S.template.json', { 'S.template.json': '{"Resources": {"Orders": null}}' }), /S\.template\.json: resource "Orders" is null/],
      ['a templateFile that is a folder', () => {
        const dir = hostile('folder', 'sub');
        fs.mkdirSync(path.join(dir, 'sub'));
        return dir;
      }, /sub: is a folder, not a template file/],
      ['a self-referencing nested assembly', () => {
        const dir = path.join(tmp.dir, 'self', 'cdk.out');
        tmp.file('self/cdk.out/manifest.json', JSON.stringify({ version: '36.0.0', artifacts: { Me: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } } }));
        return dir;
      }, /nested assembly "Me" refers back to an assembly already being read \(a cycle\)/],
      ['very deep JSON', () => hostile('deep', 'S.template.json', { 'S.template.json': `{"Resources": ${'['.repeat(50000)}${']'.repeat(50000)}}` }), /nested deeper than \d+ levels/],
      ['invalid JSON', () => hostile('invalid', 'S.template.json', { 'S.template.json': `{"Resources": ${SECRET}` }), /S\.template\.json: not JSON/],
    ];

    test.each(cases)('%s', (_name, make, message) => {
      const dir = make();
      const { status, stdout, stderr } = run('report', dir);
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stdout + stderr).not.toContain(SECRET);
      expect(stderr).not.toMatch(/\n\s+at /);
    });

    test('with --json the error is JSON too', () => {
      const { status, stdout, stderr } = run('report', hostile('json', '../secret.json'), '--json');
      expect(status).toBe(2);
      expect(JSON.parse(stdout)).toEqual({ error: expect.stringMatching(/is outside the assembly folder/) });
      expect(stdout + stderr).not.toContain(SECRET);
    });

    test('a UTF-8 BOM is accepted', () => {
      const { status, stdout } = run('report', hostile('bom', 'S.template.json', { 'S.template.json': `\uFEFF${JSON.stringify(templateOf({ T: cfnTable() }))}` }));
      expect(status).toBe(1);
      expect(stdout).toMatch(/S\/T {2}AWS::DynamoDB::Table/);
    });
  });
});

describe('cdk-dynamodb-kit --help and --version', () => {
  test('--help documents every command and the exit codes', () => {
    const { status, stdout } = run('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/cdk-dynamodb-kit report CDK_OUT_DIR\|TEMPLATE \[--json\]/);
    expect(stdout).toMatch(/cdk-dynamodb-kit guard --before OLD --after NEW \[--json\]/);
    expect(stdout).toMatch(/exit codes: 0 success; 1 a finding/);
  });

  test('report --help prints the report\'s options and exit codes', () => {
    const { status, stdout } = run('report', '--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/exit 0: every table meets the production defaults; 1: one does not; 2: bad input/);
  });

  test('--version prints the version of package.json (the real command line)', () => {
    const { status, stdout } = spawnCli(['--version']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')).version);
  });
});
