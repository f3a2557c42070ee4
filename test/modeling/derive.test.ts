import { ISSUE_EXAMPLE, changed } from './fixtures';
import { deriveDesign } from '../../src/modeling/derive';
import { parseDesign } from '../../src/modeling/document';
import { summarize } from '../../src/modeling/summary';

const summaryOf = (document: unknown) => summarize(deriveDesign(parseDesign(document)));

describe('derivation: keys and the fewest indexes', () => {
  test('the issue\'s example: the table serves its own key\'s patterns, Order needs two alternate keys, so two indexes', () => {
    const summary = summaryOf(ISSUE_EXAMPLE);
    expect(summary.valid).toBe(true);
    expect(summary.partitionKey).toBe('PK');
    expect(summary.sortKey).toBe('SK');
    expect(summary.globalSecondaryIndexes.map(i => [i.indexName, i.partitionKey, i.sortKey])).toEqual([['GSI1', 'GSI1PK', 'GSI1SK'], ['GSI2', 'GSI2PK', 'GSI2SK']]);
    expect(Object.fromEntries(summary.accessPatterns.map(p => [p.name, p.index]))).toEqual({
      getCustomer: 'table', ordersOfCustomer: 'table', customerWithOrders: 'table', orderById: 'GSI1', ordersAwaitingShipment: 'GSI2',
    });
    expect(summary.accessPatterns.find(p => p.name === 'ordersOfCustomer')!.keyCondition)
      .toBe('PK = "CUSTOMER#{customerId}" AND SK BETWEEN "ORDER#{orderDate.from}" AND "ORDER#{orderDate.to}#\\u{10FFFF}"');
    expect(summary.accessPatterns.find(p => p.name === 'customerWithOrders')!.keyCondition).toBe('PK = "CUSTOMER#{customerId}"');
    expect(summary.entities.Order).toMatchObject({ GSI1PK: 'ORDER#{orderId}', GSI2PK: 'ORDER#AWAITING_SHIPMENT_SINCE', GSI2SK: 'ORDER#{awaitingShipmentSince}' });
  });

  test('patterns of different entities share one overloaded index', () => {
    const summary = summaryOf(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns = doc.accessPatterns.filter((p: any) => p.name !== 'ordersAwaitingShipment');
      doc.accessPatterns.push({ name: 'customerByEmail', entity: 'Customer', equals: ['email'] });
    }));
    expect(summary.globalSecondaryIndexes.map(i => i.indexName)).toEqual(['GSI1']);
    expect(summary.entities.Customer).toMatchObject({ GSI1PK: 'CUSTOMER#{email}', GSI1SK: 'CUSTOMER' });
    expect(summary.entities.Order).toMatchObject({ GSI1PK: 'ORDER#{orderId}', GSI1SK: 'ORDER' });
  });

  test('two patterns of one entity by the same attributes share an alternate key (one by equality, one with a range)', () => {
    const summary = summaryOf(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns = doc.accessPatterns.filter((p: any) => p.name !== 'ordersAwaitingShipment' && p.name !== 'orderById');
      doc.accessPatterns.push({ name: 'ordersByStatus', entity: 'Order', equals: ['status'] });
      doc.accessPatterns.push({ name: 'recentOrdersByStatus', entity: 'Order', equals: ['status'], range: { attribute: 'orderDate', operator: '>=' } });
    }));
    expect(summary.globalSecondaryIndexes).toHaveLength(1);
    expect(summary.entities.Order).toMatchObject({ GSI1PK: 'ORDER#{status}', GSI1SK: 'ORDER#{orderDate}' });
  });

  test('an entity\'s lookup rides on an item collection\'s index by the same attribute', () => {
    const summary = summaryOf(changed(ISSUE_EXAMPLE, doc => {
      doc.entities.Line = { attributes: { orderId: 'S', lineId: 'S' }, key: { partition: 'LINE#{orderId}', sort: 'LINE#{lineId}' } };
      doc.accessPatterns = doc.accessPatterns.filter((p: any) => p.name !== 'ordersAwaitingShipment');
      doc.accessPatterns.push({ name: 'orderWithLines', entities: ['Order', 'Line'], equals: ['orderId'] });
    }));
    expect(summary.globalSecondaryIndexes).toHaveLength(1);
    expect(summary.accessPatterns.filter(p => p.index === 'GSI1').map(p => [p.name, p.keyCondition])).toEqual([
      ['orderById', 'GSI1PK = "ORDER#{orderId}" AND GSI1SK = "ORDER"'],
      ['orderWithLines', 'GSI1PK = "ORDER#{orderId}"'],
    ]);
  });

  test('a sparse pattern gets an index written only for items with the attribute', () => {
    const derived = deriveDesign(parseDesign(ISSUE_EXAMPLE));
    expect(derived.indexes[1].slots.Order.sparseOn).toBe('awaitingShipmentSince');
    expect(summaryOf(ISSUE_EXAMPLE).accessPatterns.find(p => p.name === 'ordersAwaitingShipment')).toMatchObject({ sparse: 'awaitingShipmentSince' });
  });

  test.each([
    [undefined, undefined, { projection: 'ALL' }],
    [[], [], { projection: 'KEYS_ONLY' }],
    [['total'], ['name'], { projection: 'INCLUDE', nonKeyAttributes: ['name', 'total'] }],
    [['total'], undefined, { projection: 'ALL' }],
  ])('projection from what the patterns read: %p and %p → %p', (reads1, reads2, expected) => {
    const summary = summaryOf(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns = doc.accessPatterns.filter((p: any) => p.name !== 'ordersAwaitingShipment');
      doc.accessPatterns.find((p: any) => p.name === 'orderById').reads = reads1;
      doc.accessPatterns.push({ name: 'customerByEmail', entity: 'Customer', equals: ['email'], reads: reads2 });
    }));
    expect(summary.globalSecondaryIndexes).toEqual([{ indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', ...expected }]);
  });

  test('without a "key", the design chooses one from the entity\'s patterns', () => {
    const summary = summaryOf({
      name: 'Shop',
      entities: {
        Customer: { attributes: { customerId: 'S', name: 'S' } },
        Order: { attributes: { customerId: 'S', orderId: 'S', orderDate: 'S' } },
        Product: { attributes: { productId: 'S' } },
      },
      accessPatterns: [
        { name: 'customerWithOrders', entities: ['Customer', 'Order'], equals: ['customerId'] },
        { name: 'ordersOfCustomer', entity: 'Order', equals: ['customerId'], range: { attribute: 'orderDate', operator: '>=' } },
        { name: 'getProduct', entity: 'Product', equals: ['productId'] },
      ],
    });
    expect(summary.errors).toEqual([]);
    expect(summary.entities).toEqual({
      Customer: { PK: 'CUSTOMER#{customerId}', SK: 'CUSTOMER' },
      Order: { PK: 'CUSTOMER#{customerId}', SK: 'ORDER#{orderDate}#{orderId}' },
      Product: { PK: 'PRODUCT#{productId}', SK: 'PRODUCT' },
    });
    expect(summary.globalSecondaryIndexes).toEqual([]);
    expect(summary.accessPatterns.every(p => p.index === 'table')).toBe(true);
  });

  test('a pattern whose single-entity lookup would also return another entity\'s items moves to an index', () => {
    // Both sort keys start with "X#" (and cannot collide: they end differently), so a prefix
    // condition on the table would return both entities.
    const summary = summaryOf({
      name: 'Mixed',
      entities: {
        A: { attributes: { p: 'S', a: 'S' }, key: { partition: 'P#{p}', sort: 'X#{a}#A' } },
        B: { attributes: { p: 'S', b: 'S' }, key: { partition: 'P#{p}', sort: 'X#{b}#B' } },
      },
      accessPatterns: [
        { name: 'aByA', entity: 'A', equals: ['p', 'a'] },
        { name: 'bsOfP', entity: 'B', equals: ['p'] },
      ],
    });
    expect(summary.errors).toEqual([]);
    expect(summary.accessPatterns.map(p => [p.name, p.index])).toEqual([['aByA', 'table'], ['bsOfP', 'GSI1']]);
  });

  test('allowScan accepts a pattern no key can serve, as a Scan', () => {
    const summary = summaryOf(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.push({ name: 'everyOrder', entity: 'Order', equals: [], allowScan: true });
    }));
    expect(summary.valid).toBe(true);
    expect(summary.accessPatterns.find(p => p.name === 'everyOrder')).toMatchObject({ index: 'scan', keyCondition: 'Scan (allowScan)' });
  });
});
