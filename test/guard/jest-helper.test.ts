import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { guardStack, removeTempDirs, synthAssembly, tempDir } from './synth';
import { ProductionTable } from '../../src';
import { checkUpdate, expectSafeUpdate } from '../../src/guard/jest';
import { testStack } from '../helpers/app';

const pk = { name: 'pk', type: AttributeType.STRING };

function ordersTemplate(options: { sortKey?: boolean; gsis?: string[] } = {}): any {
  const stack = guardStack();
  new ProductionTable(stack, 'Orders', {
    partitionKey: pk,
    sortKey: options.sortKey ? { name: 'sk', type: AttributeType.STRING } : undefined,
    globalSecondaryIndexes: (options.gsis ?? []).map(name => ({ indexName: name, partitionKey: { name, type: AttributeType.STRING } })),
  });
  return Template.fromStack(stack).toJSON();
}

// A committed baseline, as a user keeps it (here written to a temporary folder).
const baselineFile = path.join(tempDir('baseline-'), 'OrdersStack.template.json');
afterAll(removeTempDirs);
fs.writeFileSync(baselineFile, JSON.stringify(ordersTemplate({ gsis: ['byEmail'] }), null, 1));

describe('expectSafeUpdate', () => {
  test('passes for a safe change against the committed baseline file, and returns the findings', () => {
    const findings = expectSafeUpdate(baselineFile, ordersTemplate({ gsis: ['byEmail', 'byStatus'] }));
    expect(findings.map(f => f.kind)).toEqual(['GSI_ADDED']);
  });

  test('throws, naming the finding and the safe way, for a change that would lose data', () => {
    expect(() => expectSafeUpdate(baselineFile, ordersTemplate({ sortKey: true, gsis: ['byEmail'] })))
      .toThrow(/expected the update to be safe, but 1 finding\(s\) would lose data or fail the deploy:\n\nBLOCKING TABLE_REPLACED .*\n {2}property: KeySchema[\s\S]*safe way: create a new table/);
  });

  test('failOn can include warnings; allow accepts a kind for this change', () => {
    const after = ordersTemplate();
    expect(() => expectSafeUpdate(baselineFile, after)).not.toThrow();
    expect(() => expectSafeUpdate(baselineFile, after, { failOn: ['blocking', 'warning'] })).toThrow(/WARNING GSI_REMOVED/);
    expect(() => expectSafeUpdate(baselineFile, after, { failOn: ['blocking', 'warning'], allow: ['GSI_REMOVED'] })).not.toThrow();
  });

  test('works on parsed templates and on cdk.out folders', () => {
    expect(() => expectSafeUpdate(ordersTemplate(), ordersTemplate({ gsis: ['byA', 'byB'] }))).toThrow(/GSI_LIMIT_EXCEEDED/);
    const dir = synthAssembly(app => new ProductionTable(testStack({}, app), 'Orders', { partitionKey: pk }));
    expect(checkUpdate(dir, dir).findings).toEqual([]);
    expect(checkUpdate(dir, ordersTemplate({ sortKey: true })).findings.map(f => f.kind)).toEqual(['TABLE_REPLACED']);
    expect(checkUpdate(ordersTemplate({ sortKey: true }), dir).findings.map(f => f.kind)).toEqual(['TABLE_REPLACED']);
  });

  test('a baseline that is not a template is a clear error', () => {
    expect(() => expectSafeUpdate({ hello: 'world' }, ordersTemplate())).toThrow(/before: not a CloudFormation template/);
  });
});
