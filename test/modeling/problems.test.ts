import { ISSUE_EXAMPLE, changed } from './fixtures';
import { deriveDesign } from '../../src/modeling/derive';
import { parseDesign } from '../../src/modeling/document';

function problemsOf(document: unknown) {
  return deriveDesign(parseDesign(document)).problems;
}

/** The one problem with `code`, checked to be the only one of its severity. */
function onlyProblem(document: unknown, code: string) {
  const found = problemsOf(document);
  const mine = found.filter(p => p.code === code);
  expect(mine).toHaveLength(1);
  return mine[0];
}

describe('design errors: each names the pattern or entity and the fix', () => {
  test('a pattern no key or index can serve (nothing to look up by)', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.push({ name: 'everyOrder', entity: 'Order', equals: [] });
    }), 'UNSERVABLE_PATTERN');
    expect(problem.severity).toBe('error');
    expect(problem.message).toMatch(/^pattern "everyOrder": no key or index can serve it without a Scan or a filter \(it gives no attribute to look items up by; .*\); .*add an "equals" attribute or "onlyItemsWith".*"allowScan": true/);
  });

  test('a pattern no key or index can serve (an attribute that cannot be in a key)', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.entities.Order.attributes.gift = 'BOOL';
      doc.accessPatterns.push({ name: 'giftOrders', entity: 'Order', equals: ['gift'] });
    }), 'UNSERVABLE_PATTERN');
    expect(problem.message).toMatch(/^pattern "giftOrders": no key or index can serve it without a Scan or a filter \("gift" of entity "Order" is BOOL, which cannot be part of a key/);
  });

  test('consistentRead on a pattern served by a global secondary index', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.find((p: any) => p.name === 'orderById').consistentRead = true;
    }), 'CONSISTENT_READ_ON_INDEX');
    expect(problem.severity).toBe('error');
    expect(problem.message).toBe('pattern "orderById": asks for consistentRead but is served by GSI1, and global secondary indexes are eventually consistent; '
      + 'drop "consistentRead", or give entity "Order" a "key" that serves the pattern from the table');
  });

  test('a key template that names an attribute the entity lacks', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.entities.Order.key.sort = 'ORDER#{orderedAt}#{orderId}';
    }), 'UNKNOWN_ATTRIBUTE');
    expect(problem.message).toBe('entity "Order": key.sort "ORDER#{orderedAt}#{orderId}" names attribute "orderedAt", which the entity does not have; add "orderedAt" to its attributes or fix the template');
  });

  test('a pattern that names an attribute the entity lacks', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.find((p: any) => p.name === 'orderById').equals = ['orderNumber'];
    }), 'UNKNOWN_ATTRIBUTE');
    expect(problem.message).toBe('pattern "orderById": equals names attribute "orderNumber", which entity "Order" does not have; add it to the entity\'s attributes or fix the pattern');
  });

  test('a key template that is malformed', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.entities.Order.key.sort = 'ORDER#{orderDate}{orderId}';
    }), 'BAD_TEMPLATE');
    expect(problem.message).toMatch(/^entity "Order": key.sort "ORDER#\{orderDate\}\{orderId\}" has two placeholders with no literal between them .*; write literals and \{attribute\} placeholders/);
  });

  test('two entities whose key templates can produce the same key', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.entities.Customer.key.sort = 'ORDER#{name}';
    }), 'KEY_COLLISION');
    expect(problem.message).toBe('entity "Customer": and entity "Order" can produce the same key (PK "CUSTOMER#{customerId}", SK "ORDER#{name}"), so one would overwrite the other; '
      + 'start their sort (or partition) templates with different literals, e.g. "CUSTOMER#" and "ORDER#"');
  });

  test('a key with no attribute: every item of the entity would have the same key', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.entities.Customer.key = { partition: 'CUSTOMERS', sort: 'CUSTOMER' };
      doc.accessPatterns = doc.accessPatterns.filter((p: any) => p.entity === 'Order');
    }), 'KEY_COLLISION');
    expect(problem.message).toBe('entity "Customer": has the key PK "CUSTOMERS", SK "CUSTOMER" with no attribute in it, so every Customer gets the same key and each write replaces the last; '
      + 'put the attribute that identifies an item in the sort template, e.g. "CUSTOMER#{customerId}"');
  });

  test('keys that differ in a literal do not collide', () => {
    expect(problemsOf(ISSUE_EXAMPLE).filter(p => p.code === 'KEY_COLLISION')).toEqual([]);
  });

  test('more indexes than DynamoDB allows', () => {
    const attributes = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`code${i}`, 'S']));
    const problem = onlyProblem({
      name: 'Wide',
      entities: { Thing: { attributes: { thingId: 'S', ...attributes }, key: { partition: 'THING#{thingId}' } } },
      accessPatterns: Object.keys(attributes).map(a => ({ name: `by ${a}`, entity: 'Thing', equals: [a] })),
    }, 'TOO_MANY_INDEXES');
    expect(problem.message).toMatch(/^design: needs 21 global secondary indexes, more than the 20 DynamoDB allows per table \(Thing: 21\); serve some patterns from the table's key/);
  });

  test('an entity with no key and no pattern to choose one from', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.entities.Coupon = { attributes: { code: 'S' } };
    }), 'NO_KEY');
    expect(problem.message).toBe('entity "Coupon": has no "key" and no access pattern to choose one from; give it a "key" or a pattern with "equals"');
  });
});

describe('design warnings', () => {
  test('a constant partition key is a hot partition', () => {
    const warnings = problemsOf(ISSUE_EXAMPLE).filter(p => p.severity === 'warning');
    expect(warnings).toEqual([expect.objectContaining({ code: 'HOT_PARTITION' })]);
    expect(warnings[0].message).toMatch(/^pattern "ordersAwaitingShipment": GSI2's partition key "ORDER#AWAITING_SHIPMENT_SINCE" is a constant, so its items crowd into few partitions .*; add a high-cardinality attribute, or a shard suffix/);
  });

  test('a status (or a date) as the only partition attribute is a hot partition', () => {
    const found = problemsOf(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.push({ name: 'ordersByStatus', entity: 'Order', equals: ['status'] });
      doc.accessPatterns.push({ name: 'ordersOfDay', entity: 'Order', equals: ['orderDate'] });
    }));
    const messages = found.filter(p => p.code === 'HOT_PARTITION').map(p => p.message);
    expect(messages).toContainEqual(expect.stringMatching(/^pattern "ordersByStatus": GSI\d's partition key "ORDER#\{status\}" has only "status", a status, type or date with few distinct values/));
    expect(messages).toContainEqual(expect.stringMatching(/^pattern "ordersOfDay": GSI\d's partition key "ORDER#\{orderDate\}" has only "orderDate"/));
  });

  test('a pattern asking for a local secondary index: the 10 GB item-collection limit', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.find((p: any) => p.name === 'orderById').preferLocalIndex = true;
    }), 'LOCAL_INDEX');
    expect(problem.severity).toBe('warning');
    expect(problem.message).toMatch(/^pattern "orderById": asks for a local secondary index; the design serves it with GSI1 instead, because an LSI caps every item collection .* at 10 GB and can only be added when the table is created/);
  });

  test('a range over a number inside a string key compares as text', () => {
    const problem = onlyProblem(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns.push({ name: 'bigOrders', entity: 'Order', equals: ['customerId'], range: { attribute: 'total', operator: '>=' } });
    }), 'NUMBER_RANGE');
    expect(problem.severity).toBe('warning');
    expect(problem.message).toBe('pattern "bigOrders": ranges over "total", a number, inside a string key, where it compares as text ("10" < "9"); '
      + 'store it zero-padded as S (e.g. "0000000010"), or keep every value the same number of digits');
  });

  test('a high-cardinality partition key has no warning', () => {
    expect(problemsOf(changed(ISSUE_EXAMPLE, doc => {
      doc.accessPatterns = doc.accessPatterns.filter((p: any) => p.name !== 'ordersAwaitingShipment');
    }))).toEqual([]);
  });
});
