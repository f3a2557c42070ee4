import { Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { TableMonitoring } from '../../src';
import { MAX_TEMPLATE_BYTES, measureExactly } from '../../src/shared/stack-limits';
import { testStack } from '../helpers/app';

/** A monitored table (its table and 3 alarms, the alarm topic's 3 resources: 7) plus `more` queues. */
function stackWith(resources: number): Stack {
  const stack = testStack();
  const table = new TableV2(stack, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  new TableMonitoring(stack, 'Monitoring', { table });
  for (let i = 0; i < resources - 7; i++) new sqs.CfnQueue(stack, `Queue${i}`);
  return stack;
}

function warnings(stack: Stack, id: string): any[] {
  return Annotations.fromStack(stack).findWarning('/TestStack', Match.stringLikeRegexp(id));
}

describe('a stack near CloudFormation\'s limits warns, once, with the limit, the count and the fix', () => {
  test('400 resources (80% of 500): the warning names the count, the limit and the fix', () => {
    const stack = stackWith(400);
    const found = warnings(stack, 'stackNearResourceLimit');
    expect(found).toHaveLength(1);
    expect(found[0].entry.data).toMatch(/the stack has 400 resources, over 80% of CloudFormation's limit of 500 per stack; split its tables over several stacks \(or nested stacks\)/);
  });

  test('399 resources: no warning (the test above can fail)', () => {
    expect(warnings(stackWith(399), 'stackNearResourceLimit')).toEqual([]);
  });

  test('resources added after our constructs count: judged at synthesis', () => {
    const stack = stackWith(399);
    new sqs.CfnQueue(stack, 'Late');
    expect(warnings(stack, 'stackNearResourceLimit')).toHaveLength(1);
  });

  test('two monitorings in one stack: one warning', () => {
    const stack = stackWith(400);
    new TableMonitoring(stack, 'Second', { table: TableV2.fromTableName(stack, 'Imported', 'legacy') });
    expect(warnings(stack, 'stackNearResourceLimit')).toHaveLength(1);
  });

  test('a template over 80% of 1 MB: the warning names its size and the fix', () => {
    const stack = stackWith(7);
    for (let i = 0; i < 250; i++) new ssm.CfnParameter(stack, `Parameter${i}`, { type: 'String', value: 'x'.repeat(3600) });
    const found = warnings(stack, 'stackNearTemplateSizeLimit');
    expect(found).toHaveLength(1);
    expect(found[0].entry.data).toMatch(/the stack's template is about 9\d\d KB, over 80% of CloudFormation's limit of 1 MB \(1024 KB\) per template; split its tables/);
    expect(warnings(stack, 'stackNearResourceLimit')).toEqual([]);
  });

  test('a small template: no size warning', () => {
    const stack = stackWith(7);
    for (let i = 0; i < 250; i++) new ssm.CfnParameter(stack, `Parameter${i}`, { type: 'String', value: 'x' });
    expect(warnings(stack, 'stackNearTemplateSizeLimit')).toEqual([]);
  });
});

describe('the template size is estimated, and measured exactly only near the limit', () => {
  test('one large resource among small ones of its type still counts (the estimate sees literal sizes)', () => {
    const stack = stackWith(7);
    for (let i = 0; i < 249; i++) new ssm.CfnParameter(stack, `Parameter${i}`, { type: 'String', value: 'x' });
    new ssm.CfnParameter(stack, 'Large', { type: 'String', value: 'x'.repeat(900_000) });
    const found = warnings(stack, 'stackNearTemplateSizeLimit');
    expect(found).toHaveLength(1);
    expect(found[0].entry.data).toMatch(/the stack's template is about 9\d\d KB/);
  });

  test('one large resource among small ones of its type is not inflated by their ratio: 600 KB, no warning', () => {
    const stack = stackWith(7);
    for (let i = 0; i < 249; i++) new ssm.CfnParameter(stack, `Parameter${i}`, { type: 'String', value: 'x' });
    new ssm.CfnParameter(stack, 'Large', { type: 'String', value: 'x'.repeat(600_000) });
    expect(warnings(stack, 'stackNearTemplateSizeLimit')).toEqual([]);
  });

  test('sizes that only resolution shows (a token resolving to a long value) are corrected per type', () => {
    const stack = stackWith(7);
    for (let i = 0; i < 250; i++) {
      new ssm.CfnParameter(stack, `Parameter${i}`, { type: 'String', value: Lazy.string({ produce: () => 'y'.repeat(3600) }) });
    }
    expect(warnings(stack, 'stackNearTemplateSizeLimit')).toHaveLength(1);
  });

  test('measured exactly only between 60% of 1 MB and the limit: below, the estimate cannot hide 80%; past the limit, it cannot hide a template under 80%', () => {
    expect([0.59, 0.6, 0.8, 0.99, 1, 2].map(share => measureExactly(MAX_TEMPLATE_BYTES * share))).toEqual([false, true, true, true, false, false]);
  });

  test('a template estimated past the limit warns with the estimate', () => {
    const stack = stackWith(7);
    for (let i = 0; i < 300; i++) new ssm.CfnParameter(stack, `Parameter${i}`, { type: 'String', value: 'x'.repeat(3600) });
    const found = warnings(stack, 'stackNearTemplateSizeLimit');
    expect(found).toHaveLength(1);
    expect(found[0].entry.data).toMatch(/the stack's template is about 1\d\d\d KB, over 80%/);
  });
});
