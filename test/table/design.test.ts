import * as path from 'path';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable, SingleTableDesign } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';
import { expectKitError } from '../helpers/errors';

const design = SingleTableDesign.fromFile(path.join(__dirname, '..', '..', 'examples', 'orders', 'store.design.json'));

function tableOf(props: Partial<ConstructorParameters<typeof ProductionTable>[2]>) {
  const stack = testStack();
  new ProductionTable(stack, 'Store', props);
  return onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable').properties;
}

describe('ProductionTable design prop', () => {
  test('the table gets the design\'s keys and indexes, exactly as if given by hand', () => {
    const fromDesign = tableOf({ design });
    const byHand = tableOf({ partitionKey: design.partitionKey, sortKey: design.sortKey, globalSecondaryIndexes: design.globalSecondaryIndexes });
    expect(fromDesign).toEqual(byHand);
    expect(fromDesign.KeySchema).toEqual([
      { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: design.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(design.globalSecondaryIndexes.length).toBeGreaterThan(0);
    expect(fromDesign.GlobalSecondaryIndexes.map((gsi: any) => gsi.IndexName)).toEqual(design.globalSecondaryIndexes.map(gsi => gsi.indexName));
  });

  test('indexes of the props come after the design\'s', () => {
    const extra = { indexName: 'bySku', partitionKey: { name: 'sku', type: AttributeType.STRING } };
    const names = tableOf({ design, globalSecondaryIndexes: [extra] }).GlobalSecondaryIndexes.map((gsi: any) => gsi.IndexName);
    expect(names).toEqual([...design.globalSecondaryIndexes.map(gsi => gsi.indexName), 'bySku']);
  });

  test.each(['partitionKey', 'sortKey'] as const)('design with %s is our error', property => {
    expectKitError(() => tableOf({ design, [property]: { name: 'x', type: AttributeType.STRING } }), {
      path: 'TestStack/Store', property, message: /is set together with design .*remove .* and keep design/,
    });
  });
});

test('neither design nor partitionKey is our error, naming partitionKey', () => {
  expectKitError(() => tableOf({}), { path: 'TestStack/Store', property: 'partitionKey', message: /is missing \(and so is design\); give partitionKey: .* or design: SingleTableDesign.fromFile/ });
});
