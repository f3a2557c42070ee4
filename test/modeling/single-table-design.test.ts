import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match } from 'aws-cdk-lib/assertions';
import { AttributeType, ProjectionType } from 'aws-cdk-lib/aws-dynamodb';
import { ISSUE_EXAMPLE, changed } from './fixtures';
import { ProductionTable, SingleTableDesign } from '../../src';
import { tableKeysFromDesign } from '../../src/modeling/table-keys';
import { templateOf, testStack } from '../helpers/app';

describe('SingleTableDesign', () => {
  test('fromJson: generic string keys and the derived indexes as TableV2 props', () => {
    const design = SingleTableDesign.fromJson(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.find((p: any) => p.name === 'orderById').reads = ['total'];
    }));
    expect(design.name).toBe('Store');
    expect(design.partitionKey).toEqual({ name: 'PK', type: AttributeType.STRING });
    expect(design.sortKey).toEqual({ name: 'SK', type: AttributeType.STRING });
    expect(design.globalSecondaryIndexes).toEqual([
      { indexName: 'GSI1', partitionKey: { name: 'GSI1PK', type: AttributeType.STRING }, sortKey: { name: 'GSI1SK', type: AttributeType.STRING }, projectionType: ProjectionType.INCLUDE, nonKeyAttributes: ['total'] },
      { indexName: 'GSI2', partitionKey: { name: 'GSI2PK', type: AttributeType.STRING }, sortKey: { name: 'GSI2SK', type: AttributeType.STRING }, projectionType: ProjectionType.ALL },
    ]);
    expect(design.accessPatterns.find(p => p.name === 'getCustomer')).toEqual({
      name: 'getCustomer', entities: ['Customer'], index: 'table', keyCondition: 'PK = "CUSTOMER#{customerId}" AND SK = "PROFILE"',
    });
    expect(design.warnings).toHaveLength(1);
  });

  test('fromFile reads JSON (and YAML)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'design-'));
    try {
      fs.writeFileSync(path.join(dir, 'store.design.yml'), `name: Store\nentities: ${JSON.stringify(ISSUE_EXAMPLE.entities)}\naccessPatterns: ${JSON.stringify(ISSUE_EXAMPLE.accessPatterns)}\n`);
      expect(SingleTableDesign.fromFile(path.join(dir, 'store.design.yml')).globalSecondaryIndexes).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a design with errors throws, listing every error', () => {
    expect(() => SingleTableDesign.fromJson(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.find((p: any) => p.name === 'orderById').consistentRead = true;
      doc.entities.Order.key.sort = 'ORDER#{orderedAt}';
    }))).toThrow(/^design "Store" has 1 error\(s\):\n {2}- entity "Order": key.sort "ORDER#\{orderedAt\}" names attribute "orderedAt"/);
    expect(() => SingleTableDesign.fromJson(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.find((p: any) => p.name === 'orderById').consistentRead = true;
    }))).toThrow(/pattern "orderById": asks for consistentRead but is served by GSI1/);
  });

  test('a ProductionTable from the design has its keys and indexes (tableKeysFromDesign keeps extra indexes after the design\'s)', () => {
    const stack = testStack();
    const design = SingleTableDesign.fromJson(ISSUE_EXAMPLE);
    const extra = { indexName: 'byTotal', partitionKey: { name: 'total', type: AttributeType.NUMBER } };
    new ProductionTable(stack, 'Store', tableKeysFromDesign(design, [extra]));
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'GSI2PK', AttributeType: 'S' }, { AttributeName: 'GSI2SK', AttributeType: 'S' }]),
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'GSI1', KeySchema: [{ AttributeName: 'GSI1PK', KeyType: 'HASH' }, { AttributeName: 'GSI1SK', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }),
        Match.objectLike({ IndexName: 'GSI2' }),
        Match.objectLike({ IndexName: 'byTotal' }),
      ],
    });
  });
});
