import { spawnSync } from 'child_process';
import * as path from 'path';
import { SingleTableDesign } from '../../src';
import { itemOf, keysOf, queryFor, requestFor, scanFor } from '../../src/model';
import { ISSUE_EXAMPLE, changed } from '../modeling/fixtures';

const ORDER = { customerId: 'c1', orderId: 'o1', orderDate: '2026-03-01', status: 'NEW', total: 42 };

describe('keysOf and itemOf', () => {
  test('the table key and every index key the entity has', () => {
    expect(keysOf(ISSUE_EXAMPLE, 'Order', { ...ORDER, awaitingShipmentSince: '2026-03-02' })).toEqual({
      PK: 'CUSTOMER#c1', SK: 'ORDER#2026-03-01#o1', GSI1PK: 'ORDER#o1', GSI1SK: 'ORDER', GSI2PK: 'ORDER#AWAITING_SHIPMENT_SINCE', GSI2SK: 'ORDER#2026-03-02',
    });
  });

  test('a sparse index\'s keys are left out when the item lacks the attribute', () => {
    expect(keysOf(ISSUE_EXAMPLE, 'Order', ORDER)).toEqual({ PK: 'CUSTOMER#c1', SK: 'ORDER#2026-03-01#o1', GSI1PK: 'ORDER#o1', GSI1SK: 'ORDER' });
  });

  test('a SingleTableDesign works the same as its document', () => {
    expect(keysOf(SingleTableDesign.fromJson(ISSUE_EXAMPLE), 'Customer', { customerId: 'c1' })).toEqual({ PK: 'CUSTOMER#c1', SK: 'PROFILE' });
  });

  test('itemOf adds the keys to the attributes', () => {
    expect(itemOf(ISSUE_EXAMPLE, 'Customer', { customerId: 'c1', name: 'Ada' })).toEqual({ customerId: 'c1', name: 'Ada', PK: 'CUSTOMER#c1', SK: 'PROFILE' });
  });

  test('a missing key attribute or an unknown entity is a clear error', () => {
    expect(() => keysOf(ISSUE_EXAMPLE, 'Order', { customerId: 'c1', orderDate: 'd' })).toThrow('Order: SK "ORDER#{orderDate}#{orderId}" (the table\'s key) needs "orderId", missing from the item');
    expect(() => keysOf(ISSUE_EXAMPLE, 'Invoice', {})).toThrow('design "Store" has no entity "Invoice"; it has Customer, Order');
  });

  test('a document with design errors is refused', () => {
    expect(() => keysOf(changed(ISSUE_EXAMPLE, d => { d.accessPatterns[3].consistentRead = true; }), 'Order', ORDER)).toThrow(/has 1 error\(s\):\n {2}- pattern "orderById": asks for consistentRead/);
  });
});

describe('queryFor: the QueryCommand input of a pattern', () => {
  test('a table pattern with a consistent read', () => {
    expect(queryFor(ISSUE_EXAMPLE, 'getCustomer', { customerId: 'c1' }, { tableName: 'Store' })).toEqual({
      TableName: 'Store',
      KeyConditionExpression: '#pk = :pk AND #sk = :sk',
      ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
      ExpressionAttributeValues: { ':pk': 'CUSTOMER#c1', ':sk': 'PROFILE' },
      ConsistentRead: true,
    });
  });

  test('a between range on a composite sort key: the upper bound covers every order of the last day', () => {
    expect(queryFor(ISSUE_EXAMPLE, 'ordersOfCustomer', { customerId: 'c1', orderDate: ['2026-01-01', '2026-01-31'] })).toEqual({
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
      ExpressionAttributeNames: { '#pk': 'PK', '#sk': 'SK' },
      ExpressionAttributeValues: { ':pk': 'CUSTOMER#c1', ':lo': 'ORDER#2026-01-01', ':hi': 'ORDER#2026-01-31#\u{10FFFF}' },
    });
  });

  test('an index pattern names the index; a partition only one entity uses, or an item collection, needs no sort condition', () => {
    expect(queryFor(ISSUE_EXAMPLE, 'orderById', { orderId: 'o1' })).toEqual({
      IndexName: 'GSI1',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'GSI1PK' },
      ExpressionAttributeValues: { ':pk': 'ORDER#o1' },
    });
    expect(queryFor(ISSUE_EXAMPLE, 'customerWithOrders', { customerId: 'c1' })).toEqual({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'PK' },
      ExpressionAttributeValues: { ':pk': 'CUSTOMER#c1' },
    });
  });

  test('missing parameters and unknown patterns are clear errors', () => {
    expect(() => queryFor(ISSUE_EXAMPLE, 'ordersOfCustomer', { customerId: 'c1' })).toThrow('ordersOfCustomer: needs "orderDate" as [from, to] in its parameters');
    expect(() => queryFor(ISSUE_EXAMPLE, 'ordersOfCustomer', { customerId: 'c1', orderDate: '2026' })).toThrow('ordersOfCustomer: "orderDate" must be a [from, to] pair in its parameters');
    expect(() => queryFor(ISSUE_EXAMPLE, 'nope', {})).toThrow(/has no access pattern "nope"; it has getCustomer, ordersOfCustomer/);
  });

  test('an allowScan pattern is a Scan with the entity and the conditions as a filter', () => {
    const doc = changed(ISSUE_EXAMPLE, d => { d.accessPatterns.push({ name: 'ordersWithStatus', entity: 'Order', equals: [], range: { attribute: 'status', operator: 'begins_with' }, allowScan: true }); });
    expect(requestFor(doc, 'ordersWithStatus', { status: 'N' }).operation).toBe('Query');
    const everything = changed(ISSUE_EXAMPLE, d => { d.entities.Order.attributes.gift = 'BOOL'; d.accessPatterns.push({ name: 'gifts', entity: 'Order', equals: ['gift'], allowScan: true }); });
    expect(scanFor(everything, 'gifts', { gift: true })).toEqual({
      FilterExpression: '(begins_with(#PK, :pk0) AND begins_with(#SK, :sk0)) AND #e0 = :e0',
      ExpressionAttributeNames: { '#PK': 'PK', '#SK': 'SK', '#e0': 'gift' },
      ExpressionAttributeValues: { ':pk0': 'CUSTOMER#', ':sk0': 'ORDER#', ':e0': true },
    });
    expect(() => queryFor(everything, 'gifts', { gift: true })).toThrow('gifts: is served by a Scan ("allowScan"); build it with requestFor or scanFor');
  });
});

describe('cdk-dynamodb-kit/model in a Lambda bundle', () => {
  test('loads neither aws-cdk-lib nor constructs (only the document\'s own code)', () => {
    const script = "require('./src/model'); const loaded = Object.keys(require.cache).filter(f => /node_modules\\/(aws-cdk-lib|constructs)\\//.test(f)); console.log(JSON.stringify(loaded));";
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
