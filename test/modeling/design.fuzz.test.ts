import * as fc from 'fast-check';
import { LocalEngine, startLocalEngine } from '../../src/model/local-engine';
import { verifyOnEngine } from '../../src/model/verify';
import { deriveDesign } from '../../src/modeling/derive';
import { DesignInputError, parseDesign } from '../../src/modeling/document';
import { RUNS, SEED } from '../fuzz/harness';

/** How many valid designs run on DynamoDB Local (`FUZZ_DESIGNS=200` to explore). */
const DESIGNS = Number(process.env.FUZZ_DESIGNS ?? 25);
const ENTITIES = ['Customer', 'Order', 'Item', 'Product'];
const SHARED = ['groupId', 'createdAt', 'status', 'name'];
const OPERATORS = ['=', '<', '<=', '>', '>=', 'between', 'begins_with'];
const idOf = (entity: string) => `${entity[0].toLowerCase()}${entity.slice(1)}Id`;

/** Random designs over a few entities that share attributes, with and without keys. */
const designs = fc.uniqueArray(fc.constantFrom(...ENTITIES), { minLength: 1, maxLength: 4 }).chain(entities => {
  const attributesOf = (e: string) => [idOf(e), ...SHARED];
  const key = (e: string) => fc.option(fc.record({
    partition: fc.constantFrom(`${e.toUpperCase()}#{${idOf(e)}}`, 'GROUP#{groupId}', `${e.toUpperCase()}`),
    sort: fc.constantFrom(`${e.toUpperCase()}`, `${e.toUpperCase()}#{${idOf(e)}}`, `${e.toUpperCase()}#{createdAt}#{${idOf(e)}}`),
  }), { nil: undefined });
  const single = fc.constantFrom(...entities).chain(entity => fc.record({
    entity: fc.constant(entity),
    equals: fc.subarray(attributesOf(entity), { maxLength: 2 }),
    range: fc.option(fc.record({ attribute: fc.constantFrom(...attributesOf(entity)), operator: fc.constantFrom(...OPERATORS) }), { nil: undefined }),
    consistentRead: fc.option(fc.boolean(), { nil: undefined }),
    onlyItemsWith: fc.option(fc.constantFrom('status', 'name'), { nil: undefined }),
    allowScan: fc.option(fc.constant(true), { nil: undefined }),
  }));
  const collection = entities.length < 2 ? single : fc.record({
    entities: fc.uniqueArray(fc.constantFrom(...entities), { minLength: 2, maxLength: entities.length }),
    equals: fc.constant(['groupId']),
  });
  return fc.record({
    keys: fc.tuple(...entities.map(key)),
    patterns: fc.array(fc.oneof({ weight: 3, arbitrary: single }, { weight: 1, arbitrary: collection }), { minLength: 1, maxLength: 6 }),
  }).map(({ keys, patterns }) => ({
    name: 'Fuzz',
    entities: Object.fromEntries(entities.map((e, i) => [e, {
      attributes: Object.fromEntries(attributesOf(e).map(a => [a, 'S'])),
      ...(keys[i] ? { key: keys[i] } : {}),
    }])),
    accessPatterns: patterns.map((p, i) => {
      const pattern: any = { name: `p${i}`, ...p };
      // A range on an attribute also given by equality is not a pattern anyone writes.
      if (pattern.range && pattern.equals.includes(pattern.range.attribute)) delete pattern.range;
      for (const k of Object.keys(pattern)) if (pattern[k] === undefined) delete pattern[k];
      return pattern;
    }),
  }));
});

describe('fuzzed designs', () => {
  test('derivation never fails with anything but a design problem, and every valid design has a plan for each pattern', () => {
    let valid = 0;
    fc.assert(fc.property(designs, document => {
      const derived = deriveDesign(parseDesign(document));
      const errors = derived.problems.filter(p => p.severity === 'error');
      for (const problem of derived.problems) expect(problem.message.startsWith(`${problem.subject}: `)).toBe(true);
      if (errors.length === 0) {
        valid++;
        for (const pattern of document.accessPatterns) expect(derived.plans[pattern.name]).toBeDefined();
      }
    }), { numRuns: RUNS, seed: SEED });
    expect(valid).toBeGreaterThan(RUNS * 0.1);
  });

  test('arbitrary JSON is a design or a DesignInputError, never another error', () => {
    fc.assert(fc.property(fc.jsonValue(), value => {
      try {
        parseDesign(value);
      } catch (e) {
        if (!(e instanceof DesignInputError)) throw e;
      }
    }), { numRuns: RUNS, seed: SEED });
  });

  describe('on DynamoDB Local', () => {
    let engine: LocalEngine;
    beforeAll(async () => { engine = await startLocalEngine(); });
    afterAll(() => engine?.stop());

    test('every valid design returns exactly the expected items for every pattern', async () => {
      const samples = fc.sample(designs, { numRuns: DESIGNS * 10, seed: SEED })
        .filter(d => !deriveDesign(parseDesign(d)).problems.some(p => p.severity === 'error'))
        .slice(0, DESIGNS);
      expect(samples.length).toBe(DESIGNS);
      for (const [i, document] of samples.entries()) {
        const result = await verifyOnEngine(document, { endpoint: engine.endpoint, tableName: `fuzz-${i}` });
        const failed = result.patterns.filter(p => !p.passed && !/nothing was proven/.test(p.problem ?? ''));
        if (failed.length > 0) throw new Error(`design ${JSON.stringify(document)}\nfailed: ${JSON.stringify(failed)}`);
      }
    }, 600_000);
  });
});
