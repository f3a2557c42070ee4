import { Duration, Stack } from 'aws-cdk-lib';
import { StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as fc from 'fast-check';
import { consumerFunction, partitionKey, productionTable } from './fixtures';
import { ImageAttributeType, ImageCondition, StreamConsumer, StreamEventName, StreamFilter } from '../../src';
import { KitValidationError } from '../../src/shared/errors';
import { fuzzCase, fuzzTemplateOf } from '../fuzz/harness';
import { TokenKind, constructIdArb, durationOf, durationSpecArb, numberOf, tokenKindArb } from '../fuzz/token-arbitraries';
import { envAgnosticStack, testStack } from '../helpers/app';

/** Seeded and bounded: 1000 runs by default; `FUZZ_RUNS=100` for a quick look, `FUZZ_RUNS=10000 FUZZ_SEED=<n>` to explore new ground. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

const ATTRIBUTES = ['status', 'total', 'sk', ''];
const VIEW_TYPES = [StreamViewType.KEYS_ONLY, StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE, StreamViewType.NEW_AND_OLD_IMAGES];

/** Plain data, so that a counterexample prints readably; turned into objects in `build`. */
const conditionArb = fc.oneof(
  fc.record({ kind: fc.constant('equals'), attribute: fc.constantFrom(...ATTRIBUTES), values: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('prefix'), attribute: fc.constantFrom(...ATTRIBUTES), prefix: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('range'), attribute: fc.constantFrom(...ATTRIBUTES), min: fc.option(fc.integer({ min: -5, max: 5 })), max: fc.option(fc.integer({ min: -5, max: 5 })) }),
  fc.record({ kind: fc.constant('exists'), attribute: fc.constantFrom(...ATTRIBUTES) }),
);
const leafFilterArb = fc.oneof(
  fc.record({ kind: fc.constant('events'), names: fc.subarray(['INSERT', 'MODIFY', 'REMOVE']) }),
  fc.record({ kind: fc.constant('ttlOnly') }),
  fc.record({ kind: fc.constant('noTtl') }),
  fc.record({ kind: fc.constantFrom('new', 'old'), conditions: fc.array(conditionArb, { maxLength: 2 }) }),
);
const filterArb = fc.oneof(leafFilterArb, fc.record({ kind: fc.constant('allOf'), parts: fc.array(leafFilterArb, { maxLength: 3 }) }));

const specArb = fc.record({
  id: constructIdArb('Consumer'),
  // One in four in a stack without account and region (cdk init's default): tokens in ARNs and names.
  envAgnostic: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  table: fc.constantFrom('production', 'tableV2', 'imported'),
  tableViewType: fc.constantFrom(...VIEW_TYPES),
  streamViewType: fc.option(fc.constantFrom(...VIEW_TYPES), { freq: 2 }),
  batchSize: fc.option(fc.oneof(
    { arbitrary: fc.integer({ min: -2, max: 1100 }), weight: 4 },
    { arbitrary: fc.double({ min: 0, max: 20, noNaN: true }), weight: 1 },
  ), { freq: 2 }),
  parallelizationFactor: fc.option(fc.integer({ min: -1, max: 12 }), { freq: 2 }),
  retryAttempts: fc.option(fc.integer({ min: -2, max: 10002 }), { freq: 2 }),
  maxRecordAgeSeconds: fc.option(fc.integer({ min: 0, max: 700_000 }), { freq: 2 }),
  batchingWindowSeconds: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 2 }),
  tumblingWindowSeconds: fc.option(fc.integer({ min: 0, max: 1000 }), { freq: 2 }),
  filters: fc.option(fc.array(filterArb, { maxLength: 6 }), { freq: 2 }),
  // Issue #12: fractional, other-unit and token Durations, and numbers given as tokens.
  durations: fc.option(fc.record({
    maxRecordAge: durationSpecArb(60, 604_800),
    maxBatchingWindow: durationSpecArb(0, 300),
    tumblingWindow: durationSpecArb(0, 900),
    iteratorAgeAlarmThreshold: durationSpecArb(1, 604_800),
  }, { requiredKeys: [] }), { freq: 2 }),
  tokenNumbers: fc.option(fc.record({
    batchSize: tokenKindArb, retryAttempts: tokenKindArb, parallelizationFactor: tokenKindArb,
  }, { requiredKeys: [] }), { freq: 3 }),
}, { requiredKeys: ['id', 'envAgnostic', 'table', 'tableViewType'] });

type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

function condition(c: any): ImageCondition {
  switch (c.kind) {
    case 'equals': return ImageCondition.stringEquals(c.attribute, ...c.values);
    case 'prefix': return ImageCondition.stringBeginsWith(c.attribute, c.prefix);
    case 'range': return ImageCondition.numberRange(c.attribute, { min: c.min ?? undefined, max: c.max ?? undefined });
    default: return ImageCondition.exists(c.attribute, ImageAttributeType.STRING);
  }
}

function filter(f: any): StreamFilter {
  switch (f.kind) {
    case 'events': return StreamFilter.eventNames(...f.names as StreamEventName[]);
    case 'ttlOnly': return StreamFilter.ttlExpiriesOnly();
    case 'noTtl': return StreamFilter.excludingTtlExpiries();
    case 'new': return StreamFilter.newImage(...f.conditions.map(condition));
    case 'old': return StreamFilter.oldImage(...f.conditions.map(condition));
    default: return StreamFilter.allOf(...f.parts.map(filter));
  }
}

function table(stack: Stack, spec: Spec) {
  if (spec.table === 'production') return productionTable(stack);
  if (spec.table === 'tableV2') return new TableV2(stack, 'Plain', { partitionKey, dynamoStream: spec.tableViewType });
  const tableArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/Imported';
  return TableV2.fromTableAttributes(stack, 'Imported', { tableArn, tableStreamArn: `${tableArn}/stream/2026` });
}

const seconds = (value: number | null | undefined) => (value === null || value === undefined ? undefined : Duration.seconds(value));

/**
 * The number, as a token of `kind` when one is given (a token is never a bad value). A Lazy
 * resolves at synth, so the template carries its value: it stands for valid values only.
 */
function tokenOr(stack: Stack, value: number | null | undefined, kind: TokenKind | undefined, range: [number, number]): number | undefined {
  if (value === null || value === undefined) return undefined;
  const valid = Number.isInteger(value) && value >= range[0] && value <= range[1];
  return numberOf(stack, { value, token: kind === 'lazy' && !valid ? undefined : kind });
}

function outcomeOf(spec: Spec): 'template' | 'rejected' {
  const stack = spec.envAgnostic ? envAgnosticStack() : testStack();
  const props = {
    table: table(stack, spec),
    handler: consumerFunction(stack),
    streamViewType: spec.streamViewType ?? undefined,
    batchSize: tokenOr(stack, spec.batchSize, spec.tokenNumbers?.batchSize, [1, 1000]),
    parallelizationFactor: tokenOr(stack, spec.parallelizationFactor, spec.tokenNumbers?.parallelizationFactor, [1, 10]),
    retryAttempts: tokenOr(stack, spec.retryAttempts, spec.tokenNumbers?.retryAttempts, [0, 10000]),
    maxRecordAge: durationOf(stack, spec.durations?.maxRecordAge) ?? seconds(spec.maxRecordAgeSeconds),
    maxBatchingWindow: durationOf(stack, spec.durations?.maxBatchingWindow) ?? seconds(spec.batchingWindowSeconds),
    tumblingWindow: durationOf(stack, spec.durations?.tumblingWindow) ?? seconds(spec.tumblingWindowSeconds),
    iteratorAgeAlarmThreshold: durationOf(stack, spec.durations?.iteratorAgeAlarmThreshold),
    filters: spec.filters?.map(filter),
  };
  try {
    new StreamConsumer(stack, spec.id, props);
  } catch (error) {
    if (!(error instanceof KitValidationError)) throw error;
    if (!error.message.startsWith(`${stack.node.path}/${spec.id}: `) || !error.message.includes(error.property)) {
      throw new Error(`an error that does not name the construct and property: ${error.message}`);
    }
    return 'rejected';
  }
  fuzzTemplateOf(stack); // CloudFormation schema validation on the seeded sample (fuzz/harness.ts)
  return 'template';
}

describe('StreamConsumer with fuzzed props: a valid template or our error naming the property, nothing else', () => {
  test(`${RUNS} generated prop sets (seed ${SEED})`, () => {
    const outcomes = { template: 0, rejected: 0 };
    fc.assert(fc.property(specArb, spec => {
      outcomes[fuzzCase(() => outcomeOf(spec))] += 1;
    }), { numRuns: RUNS, seed: SEED });
    expect(outcomes.template).toBeGreaterThan(RUNS * 0.1);
    expect(outcomes.rejected).toBeGreaterThan(RUNS * 0.1);
  }, 300_000);
});
