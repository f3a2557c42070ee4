import * as fc from 'fast-check';
import { TableSpec, buildProps, tableSpecArb } from './arbitraries';
import { fuzzCase, fuzzTemplateOf } from './harness';
import { constructIdArb } from './token-arbitraries';
import { ProductionTable } from '../../src';
import { KitValidationError } from '../../src/shared/errors';
import { envAgnosticStack, testApp, testStack } from '../helpers/app';

/**
 * Seeded and bounded: 1000 runs, about 35 s on an idle two-core machine (100 s when it is busy).
 * `FUZZ_RUNS=100` for a quick look; `FUZZ_RUNS=10000 FUZZ_SEED=<n>` to explore new ground.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

type Outcome = { kind: 'template' } | { kind: 'rejected'; property: string } | { kind: 'factory-refused' };

/**
 * Builds a ProductionTable from the spec in a fresh test app (CloudFormation schema validation on)
 * and synthesizes it. Returns how it ended; throws on any other ending, which fails the property.
 */
export function outcomeOf(spec: TableSpec, id = 'Fuzzed'): Outcome {
  const app = testApp();
  const stack = spec.envAgnostic ? envAgnosticStack(app) : testStack({}, app);
  let props;
  try {
    props = buildProps(stack, spec);
  } catch {
    return { kind: 'factory-refused' };
  }
  try {
    new ProductionTable(stack, id, props);
  } catch (e) {
    if (!(e instanceof KitValidationError)) throw e;
    if (!e.property || !e.message.includes(e.property) || !e.message.startsWith(`${stack.node.path}/${id}: `)) {
      throw new Error(`KitValidationError without the construct and property named: ${e.message}`);
    }
    return { kind: 'rejected', property: e.property };
  }
  fuzzTemplateOf(stack); // CloudFormation schema validation on the seeded sample (harness.ts)
  return { kind: 'template' };
}

describe('ProductionTable with fuzzed props: a valid template or our error naming the property, nothing else', () => {
  test(`${RUNS} generated prop sets (seed ${SEED})`, () => {
    const outcomes = { 'template': 0, 'rejected': 0, 'factory-refused': 0 };
    const blamed: { [property: string]: number } = {};
    fc.assert(fc.property(tableSpecArb, constructIdArb('Fuzzed'), (spec, id) => {
      const outcome = fuzzCase(() => outcomeOf(spec, id));
      outcomes[outcome.kind] += 1;
      if (outcome.kind === 'rejected') {
        const property = outcome.property.replace(/\[\d+\]/g, '[]');
        blamed[property] = (blamed[property] ?? 0) + 1;
      }
    }), { numRuns: RUNS, seed: SEED });
    if (process.env.FUZZ_REPORT) console.log(JSON.stringify({ outcomes, blamed }, undefined, 1));
    // The generators must reach both endings often, or the property proves little.
    expect(outcomes.template).toBeGreaterThan(RUNS * 0.15);
    expect(outcomes.rejected).toBeGreaterThan(RUNS * 0.15);
  });
});
