import * as fc from 'fast-check';
import { KitValidationError } from '../../src/shared/errors';

/**
 * Seeded and bounded: 1000 runs by default. `FUZZ_RUNS=100` for a quick look;
 * `FUZZ_RUNS=10000 FUZZ_SEED=<n>` to explore new ground; `FUZZ_REPORT=1` prints the outcomes.
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
export const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

export type Outcome = { kind: 'template' } | { kind: 'rejected'; property: string };

/**
 * Our error, naming the construct path and the property, is a rejection; any other error is
 * rethrown, so that it fails the property.
 */
export function rejectionOf(error: unknown, constructPath: string): Outcome {
  if (!(error instanceof KitValidationError)) throw error;
  if (!error.message.startsWith(`${constructPath}: `) || !error.property || !error.message.includes(error.property)) {
    throw new Error(`an error that does not name the construct and property: ${error.message}`);
  }
  return { kind: 'rejected', property: error.property };
}

/** Runs the property over `RUNS` specs and checks that both outcomes are common (the generator reaches both). */
export function expectTemplateOrOurError<T>(specs: fc.Arbitrary<T>, outcomeOf: (spec: T) => Outcome): void {
  const outcomes = { template: 0, rejected: 0 };
  const blamed: { [property: string]: number } = {};
  fc.assert(fc.property(specs, spec => {
    const outcome = outcomeOf(spec);
    outcomes[outcome.kind] += 1;
    if (outcome.kind === 'rejected') blamed[outcome.property] = (blamed[outcome.property] ?? 0) + 1;
  }), { numRuns: RUNS, seed: SEED });
  if (process.env.FUZZ_REPORT) console.log(JSON.stringify({ outcomes, blamed }, undefined, 1));
  expect(outcomes.template).toBeGreaterThan(RUNS * 0.1);
  expect(outcomes.rejected).toBeGreaterThan(RUNS * 0.1);
}
