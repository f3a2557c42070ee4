import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../examples/orders/app';
import { testApp } from '../helpers/app';

const MAIN = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
const TS_NODE = require.resolve('ts-node/dist/bin.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [TS_NODE, '--transpile-only', MAIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cdk-dynamodb-kit report', () => {
  let cdkOut: string;
  beforeAll(() => {
    cdkOut = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    const app = testApp();
    app.node.setContext('aws:cdk:enable-path-metadata', true); // as the CDK CLI does
    buildApp(app);
    const assembly = app.synth();
    execFileSync('cp', ['-r', `${assembly.directory}/.`, cdkOut]);
  });

  test('summarizes every table of a cloud assembly and exits 0 when all are ready', () => {
    const { status, stdout } = run('report', cdkOut);
    expect(stdout).toMatch(/OrdersService\/Orders\w+ {2}\(OrdersService\/Orders\/Resource\) {2}AWS::DynamoDB::GlobalTable/);
    expect(stdout).toMatch(/replicas: {12}eu-west-1, ap-southeast-2, stack region|replicas: {12}eu-west-1, ap-southeast-2, us-east-1/);
    expect(status).toBe(0);
  });

  test('--json prints the summaries as data', () => {
    const { status, stdout } = run('report', cdkOut, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)[0]).toMatchObject({ stackName: 'OrdersService', gaps: [] });
  });

  test('a template file works too', () => {
    const { status, stdout } = run('report', path.join(cdkOut, 'OrdersService.template.json'));
    expect(status).toBe(0);
    expect(stdout).toMatch(/1 of 1 table\(s\) meet the production defaults/);
  });

  test.each([
    [['report'], /usage: cdk-dynamodb-kit report/],
    [['report', '/nonexistent/cdk.out'], /\/nonexistent\/cdk.out: no such file or folder/],
    [['report', os.tmpdir()], /not a cloud assembly \(no manifest.json\)/],
    [['nonsense'], /unknown command "nonsense"/],
  ])('bad input %p exits 2 with a clear message and no stack trace', (args, message) => {
    const { status, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('a file that is not a template exits 2', () => {
    const file = path.join(cdkOut, 'not-a-template.json');
    fs.writeFileSync(file, '{"hello": 1}');
    const { status, stderr } = run('report', file);
    expect(status).toBe(2);
    expect(stderr).toMatch(/not a CloudFormation template \(no "Resources" object\)/);
  });
});
