import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { KitValidationError } from '../../src/shared/errors';

/**
 * Seeded and bounded: 1000 runs by default. `FUZZ_RUNS=100` for a quick look;
 * `FUZZ_RUNS=10000 FUZZ_SEED=<n>` to explore new ground; `FUZZ_REPORT=1` prints the outcomes.
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
export const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

/**
 * aws-cdk-lib's CloudFormation validator (WASM, on every synth of a test app) is most of a fuzz
 * case's cost and linear in the template. Every `VALIDATE_EVERY`-th synthesized case (counted from
 * the first, so the sample is fixed by the seed) is validated against CloudFormation's schemas, and
 * so is every case once a property has failed (fast-check's shrinking then sees the same checks).
 * `FUZZ_VALIDATE_EVERY=1` validates every case.
 */
export const VALIDATE_EVERY = Math.max(1, Number(process.env.FUZZ_VALIDATE_EVERY ?? 20));
let synthesizedCases = 0;
let validateEveryCase = false;

/** The template of a fuzzed stack: built like `templateOf`, validated on the seeded sample only. */
export function fuzzTemplateOf(stack: Stack): Template {
  const validate = validateEveryCase || synthesizedCases % VALIDATE_EVERY === 0;
  synthesizedCases += 1;
  return validate ? Template.fromStack(stack) : withoutBuiltInValidation(() => Template.fromStack(stack));
}

/**
 * aws-cdk-lib skips its built-in validator when CDK_VALIDATION is 'false' (read at every synth, in
 * core/lib/private/synthesis-validation.js); set only around this synth, restored even on error.
 */
function withoutBuiltInValidation<T>(synth: () => T): T {
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    return synth();
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}

/** Runs one case of a property; a failure turns on validation of every later case (shrinking). */
export function fuzzCase<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    validateEveryCase = true;
    throw error;
  }
}

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
    const outcome = fuzzCase(() => outcomeOf(spec));
    outcomes[outcome.kind] += 1;
    if (outcome.kind === 'rejected') blamed[outcome.property] = (blamed[outcome.property] ?? 0) + 1;
  }), { numRuns: RUNS, seed: SEED });
  if (process.env.FUZZ_REPORT) console.log(JSON.stringify({ outcomes, blamed }, undefined, 1));
  expect(outcomes.template).toBeGreaterThan(RUNS * 0.1);
  expect(outcomes.rejected).toBeGreaterThan(RUNS * 0.1);
}
