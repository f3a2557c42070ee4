import * as path from 'path';
import { SingleTableDesign } from '../../src';
import { verifyDesign } from '../../src/model/jest';
import { LocalEngine, startLocalEngine } from '../../src/model/local-engine';
import * as requests from '../../src/model/requests';
import { verifyOnEngine } from '../../src/model/verify';
import { EVERY_OPERATOR, ISSUE_EXAMPLE } from '../modeling/fixtures';

const STORE = path.join(__dirname, '..', '..', 'examples', 'orders', 'store.design.json');

describe('the verifier on DynamoDB Local', () => {
  let engine: LocalEngine;
  beforeAll(async () => { engine = await startLocalEngine(); });
  afterAll(() => engine?.stop());

  test('the example store design: every pattern returns exactly its expected items', async () => {
    const result = await verifyDesign(SingleTableDesign.fromFile(STORE), { endpoint: engine.endpoint });
    expect(result.passed).toBe(true);
    expect(result.patterns.length).toBeGreaterThanOrEqual(8);
    for (const pattern of result.patterns) {
      expect(pattern).toMatchObject({ passed: true });
      expect(pattern.expected).toBeGreaterThan(0);
      expect(pattern.consumedCapacity).toBeGreaterThan(0);
    }
  });

  test('every range operator on a partition three entities share, an item collection, an index and a Scan', async () => {
    const result = await verifyOnEngine(EVERY_OPERATOR, { endpoint: engine.endpoint });
    expect(result.patterns.filter(p => !p.passed)).toEqual([]);
    expect(result.patterns.find(p => p.name === 'allAlerts')).toMatchObject({ index: 'scan', passed: true, expected: 4 });
  });

  test('the issue\'s example, with its sparse index', async () => {
    const result = await verifyOnEngine(ISSUE_EXAMPLE, { endpoint: engine.endpoint });
    expect(result.patterns.filter(p => !p.passed)).toEqual([]);
    expect(result.patterns.find(p => p.name === 'ordersAwaitingShipment')).toMatchObject({ index: 'GSI2', expected: 2, returned: 2 });
  });

  test('a range over a number in a string key fails where text order differs from number order (the warning, proven)', async () => {
    const document = { ...ISSUE_EXAMPLE, accessPatterns: [{ name: 'bigOrders', entity: 'Order', equals: ['customerId'], range: { attribute: 'total', operator: '>=' } }] };
    const result = await verifyOnEngine(document, { endpoint: engine.endpoint });
    expect(result.patterns[0]).toMatchObject({ passed: false, problem: expect.stringMatching(/returned 1 unexpected item\(s\) \(1 Order\)/) });
  });

  test('a request that returns other entities\' items fails the pattern (the verifier can fail)', async () => {
    const real = requests.requestFor;
    const spy = jest.spyOn(requests, 'requestFor').mockImplementation((design, pattern, params, options) => {
      const request = real(design, pattern, params, options);
      if (pattern !== 'getCustomer' || request.operation !== 'Query') return request;
      // Drop the sort condition: the customer's whole item collection comes back.
      return { operation: 'Query', input: { ...request.input, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'PK' }, ExpressionAttributeValues: { ':pk': request.input.ExpressionAttributeValues[':pk'] } } };
    });
    try {
      await expect(verifyDesign(ISSUE_EXAMPLE, { endpoint: engine.endpoint }))
        .rejects.toThrow(/does not serve every access pattern on DynamoDB Local:\nFAIL {2}getCustomer .*returned 2 unexpected item\(s\) \(2 Order\)/);
    } finally {
      spy.mockRestore();
    }
  });
});
