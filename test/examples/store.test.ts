import * as fs from 'fs';
import * as path from 'path';
import { Match } from 'aws-cdk-lib/assertions';
import { StoreStack, buildApp } from '../../examples/orders/app';
import { designDocs } from '../../src/model/docs';
import { readDesignFile } from '../../src/modeling/document';
import { testApp, templateOf } from '../helpers/app';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'orders');

function storeTemplate() {
  const app = buildApp(testApp());
  return templateOf(app.node.findChild('StoreService') as StoreStack);
}

describe('example app: the store\'s single table, from examples/orders/store.design.json', () => {
  test('the design has customers, orders, order items and products, at least 8 patterns, a sparse one and an item collection', () => {
    const document = readDesignFile(path.join(EXAMPLE, 'store.design.json'));
    expect(Object.keys(document.entities).sort()).toEqual(['Customer', 'Order', 'OrderItem', 'Product']);
    expect(document.accessPatterns.length).toBeGreaterThanOrEqual(8);
    expect(document.accessPatterns.some(p => p.onlyItemsWith)).toBe(true);
    expect(document.accessPatterns.some(p => p.entities)).toBe(true);
  });

  test('the table has the derived keys and indexes, with every production default', () => {
    const template = storeTemplate();
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
        GlobalSecondaryIndexes: [
          Match.objectLike({ IndexName: 'GSI1', KeySchema: [{ AttributeName: 'GSI1PK', KeyType: 'HASH' }, { AttributeName: 'GSI1SK', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }),
          Match.objectLike({
            IndexName: 'GSI2',
            KeySchema: [{ AttributeName: 'GSI2PK', KeyType: 'HASH' }, { AttributeName: 'GSI2SK', KeyType: 'RANGE' }],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['customerId', 'orderId', 'quantity', 'total'] },
          }),
        ],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      }),
    });
    template.resourceCountIs('AWS::Backup::BackupSelection', 1);
  });

  test('the generated docs in examples/orders/design are up to date (regenerate: cdk-dynamodb-kit design docs examples/orders/store.design.json --out examples/orders/design)', () => {
    const generated = designDocs(readDesignFile(path.join(EXAMPLE, 'store.design.json')), 'store.design.json');
    expect(Object.keys(generated).sort()).toEqual(['Store.access-patterns.md', 'Store.workbench.json']);
    for (const [file, text] of Object.entries(generated)) {
      expect(fs.readFileSync(path.join(EXAMPLE, 'design', file), 'utf8')).toBe(text);
    }
  });

  test('the template is unchanged (snapshot, in addition to the assertions above)', () => {
    expect(storeTemplate().toJSON()).toMatchSnapshot();
  });
});
