import { readFileSync } from 'fs';
import { join } from 'path';
import { consumerFunction, productionTable } from './fixtures';
import { StreamConsumer } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const start = readme.indexOf('## Stream consumers');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1) === -1 ? undefined : readme.indexOf('\n## ', start + 1));

function row(setting: string): string {
  const line = section.split('\n').find(text => text.startsWith(`| ${setting} |`));
  expect(line).toBeDefined();
  return line!.split('|')[2];
}

describe('the README table of consumer defaults matches what a default consumer synthesizes', () => {
  const stack = testStack();
  new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack) });
  const template = templateOf(stack);
  const mapping = onlyResource(template, 'AWS::Lambda::EventSourceMapping').properties;

  test('starting position, retries, record age, bisection, batch size', () => {
    expect(row('starting position')).toContain(`\`${mapping.StartingPosition}\``);
    expect(row('retries').trim()).toBe(String(mapping.MaximumRetryAttempts));
    expect(row('maximum record age')).toContain(`${mapping.MaximumRecordAgeInSeconds / 3600} hours`);
    expect(row('bisect batch on error').trim()).toBe(mapping.BisectBatchOnFunctionError ? 'on' : 'off');
    expect(row('partial batch responses').trim()).toBe(mapping.FunctionResponseTypes ? 'on' : 'off');
    expect(row('batch size')).toContain(`(default ${mapping.BatchSize})`);
  });

  test('failure queue retention and the iterator age threshold', () => {
    const queue = onlyResource(template, 'AWS::SQS::Queue').resource as any;
    expect(row('failure destination')).toContain(`${queue.Properties.MessageRetentionPeriod / 86400} days`);
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'IteratorAge' } }))[0] as any;
    expect(row('alarms')).toContain(`iterator age > ${alarm.Properties.Threshold / 60000} min`);
  });

  test('the consumer example is at most ten lines of code', () => {
    const block = section.slice(section.indexOf('```ts') + 5, section.indexOf('```', section.indexOf('```ts') + 5));
    const lines = block.split('\n').filter(line => line.trim() !== '' && !line.trim().startsWith('import '));
    expect(lines.length).toBeLessThanOrEqual(10);
    expect(block).toContain('addConsumer(');
  });
});
