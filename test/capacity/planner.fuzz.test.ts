import * as fc from 'fast-check';
import { BillingRecommendation, CapacityPlan, CapacityPlanner, ReadConsistency, Workload } from '../../src';
import { expectTemplateOrOurError, Outcome, rejectionOf } from '../fuzz/harness';

/** Valid values 3 times in 4, invalid ones (negative, non-finite, out of range, wrong type) otherwise. */
const mixed = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: invalid }) as fc.Arbitrary<T>;
const rate = mixed(fc.double({ min: 0, max: 50_000, noNaN: true }), fc.constantFrom(-1, NaN, Infinity, '10'));
const share = mixed(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-0.1, 1.5, NaN));
const size = mixed(fc.integer({ min: 1, max: 409_600 }), fc.constantFrom(0, 409_601, -5, Infinity));
const names = ['byStatus', 'byCustomer', 'byDate'];

const indexesArb = fc.uniqueArray(fc.constantFrom(...names), { maxLength: 3 }).chain(indexNames => fc.record({
  globalSecondaryIndexes: fc.tuple(...indexNames.map(indexName =>
    fc.record({ indexName: fc.constant(indexName), writeShare: share, projectedItemSizeBytes: size }))),
  indexReads: indexNames.length
    ? fc.array(fc.record({
      indexName: mixed(fc.constantFrom(...indexNames), fc.constant('byNothing')),
      readShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    }), { maxLength: 2 })
    : fc.constant([]),
}));

const workloadArb: fc.Arbitrary<Workload> = fc.record({
  itemSizeBytes: size,
  readsPerSecond: rate,
  writesPerSecond: rate,
  peakFactor: fc.option(mixed(fc.double({ min: 1, max: 4, noNaN: true }), fc.constant(0.5)), { nil: undefined }),
  readConsistency: fc.option(mixed(fc.constantFrom(...Object.values(ReadConsistency)), fc.constant('STRONGLY')), { nil: undefined }),
  transactionalWriteShare: fc.option(share, { nil: undefined }),
  indexes: indexesArb,
  replicaRegions: fc.subarray(['eu-west-1', 'ap-southeast-2', 'us-west-2']),
  storageGb: mixed(fc.double({ min: 0, max: 10_000, noNaN: true }), fc.constantFrom(-1, NaN)),
  hotKeyShare: fc.option(share, { nil: undefined }),
}).map(({ peakFactor, indexes, ...w }) => ({
  ...w,
  ...indexes,
  peakReadsPerSecond: peakFactor === undefined || typeof w.readsPerSecond !== 'number' ? undefined : w.readsPerSecond * peakFactor,
  peakWritesPerSecond: peakFactor === undefined || typeof w.writesPerSecond !== 'number' ? undefined : w.writesPerSecond * peakFactor,
}) as Workload);

/** What every plan promises, whatever the workload. */
function checkPlan(plan: CapacityPlan): void {
  for (const units of [plan.readCapacityUnits, plan.writeCapacityUnits, plan.replicatedWriteCapacityUnits, plan.readRequestUnitsPerMonth,
    plan.writeRequestUnitsPerMonth, ...Object.values(plan.indexWriteCapacityUnits), ...Object.values(plan.indexReadCapacityUnits)]) {
    expect(Number.isInteger(units) && units >= 0).toBe(true);
  }
  expect(plan.partitions).toBeGreaterThanOrEqual(1);
  for (const cost of Object.values(plan.monthlyCost)) expect(Number.isFinite(cost) && cost >= 0).toBe(true);
  if (plan.recommendation.recommendation === BillingRecommendation.PROVISIONED) {
    expect(plan.monthlyCost.provisioned).toBeLessThanOrEqual(plan.monthlyCost.onDemand);
    for (const [, min, max] of plan.billingCode.matchAll(/minCapacity: (\d+), maxCapacity: (\d+)/g)) expect(Number(min)).toBeLessThanOrEqual(Number(max));
  } else {
    expect(plan.billingCode).toBe('Billing.onDemand()');
  }
  expect(plan.explanation.join('\n')).not.toMatch(/NaN|undefined|Infinity/);
}

describe('CapacityPlanner.plan, fuzzed', () => {
  test('every workload gets a plan that keeps its promises, or our error naming the field', () => {
    expectTemplateOrOurError(workloadArb, (workload): Outcome => {
      let plan: CapacityPlan;
      try {
        plan = CapacityPlanner.plan(workload);
      } catch (e) {
        return rejectionOf(e, 'CapacityPlanner.plan');
      }
      checkPlan(plan);
      return { kind: 'template' };
    });
  });
});
