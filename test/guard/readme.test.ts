import { readFileSync } from 'fs';
import { join } from 'path';
import { FINDING_KINDS } from '../../src/guard';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const start = readme.indexOf('## Data protection and safe change');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

describe('the README documents the guard', () => {
  test.each(Object.keys(FINDING_KINDS))('finding %s has a row in the table', (kind) => {
    const row = section.split('\n').find(line => line.startsWith('|') && line.includes(`\`${kind}\``));
    expect(row).toBeDefined();
  });

  test('the CI recipe synthesizes main, synthesizes the branch and runs the guard', () => {
    expect(section).toMatch(/Synthesize main[\s\S]*cdk synth[\s\S]*Synthesize the branch[\s\S]*cdk synth[\s\S]*cdk-dynamodb-kit guard --before \.\.\/cdk\.out\.main --after cdk\.out\.branch/);
  });

  test('the exit codes are the ones the command returns', () => {
    expect(section).toContain('Exit 0: safe. Exit 1: at least one **blocking** finding');
    expect(section).toContain('Exit 2: bad input');
  });

  test('the nested-stack example has the format the command prints, and every resource kind judged is listed', () => {
    expect(section).toMatch(/```text\nBLOCKING TABLE_REPLACED {2}OrdersStack\/DataNestedStack\w+\/Orders[0-9A-F]{8} \(AWS::DynamoDB::GlobalTable\)\n {2}property: KeySchema\n/);
    for (const kind of ['SQS queues', 'S3 buckets', 'KMS keys', 'AWS Backup vaults', 'Kinesis streams', 'log groups', 'Event source mappings', 'Nested stacks']) {
      expect(section).toContain(kind);
    }
  });
});
