import { Billing, Capacity } from 'aws-cdk-lib/aws-dynamodb';
import { BillingChoice, BillingRecommendation } from './capacity-plan';
import { Costs } from './costs';
import { num, usd } from './format';
import { Throughput } from './throughput';
import { ceilUnits, PARTITION_READ_UNITS, PARTITION_WRITE_UNITS, TARGET_UTILIZATION } from './units';
import { ResolvedWorkload } from './validation';

/** A peak above this multiple of the average outruns autoscaling. */
const BURST_RATIO = 2;

/**
 * On demand when the peak is more than twice the average (autoscaling reacts in minutes and burst
 * capacity holds only about five minutes of unused capacity, so the peak would be throttled) or
 * when on demand is cheaper; provisioned otherwise.
 */
export function chooseBilling(w: ResolvedWorkload, costs: Costs): BillingChoice {
  const bursts = [
    ['reads', w.peakReadsPerSecond, w.readsPerSecond],
    ['writes', w.peakWritesPerSecond, w.writesPerSecond],
  ].filter(([, peak, average]) => (peak as number) > BURST_RATIO * (average as number));
  if (bursts.length) {
    const [what, peak, average] = bursts[0];
    return {
      recommendation: BillingRecommendation.ON_DEMAND,
      reason: `peak ${what} (${num(peak as number)}/s) are more than twice the average (${num(average as number)}/s): autoscaling reacts in minutes `
        + 'and burst capacity holds only about five minutes of unused capacity, so provisioned capacity would throttle the peak',
    };
  }
  const costsText = `on demand ${usd(costs.onDemand)}/month, provisioned ${usd(costs.provisioned)}/month`;
  if (costs.onDemand < costs.provisioned) {
    return { recommendation: BillingRecommendation.ON_DEMAND, reason: `on demand is cheaper: ${costsText}` };
  }
  return {
    recommendation: BillingRecommendation.PROVISIONED,
    reason: `traffic is steady (peaks at most twice the average) and provisioned capacity at 70% utilisation is cheaper: ${costsText}`,
  };
}

/** Autoscaling from the converged capacity to the peak's, as `Capacity.autoscaled` options. */
interface Range {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly targetUtilizationPercent: number;
}

// The ceiling is the peak at the target utilisation, and at least twice the floor: traffic beyond
// the stated peak then costs more for a while instead of being throttled.
function range(min: number, peakUnits: number): Range {
  return {
    minCapacity: min,
    maxCapacity: Math.max(2 * min, ceilUnits(peakUnits / TARGET_UTILIZATION)),
    targetUtilizationPercent: TARGET_UTILIZATION * 100,
  };
}

function code(r: Range): string {
  return `Capacity.autoscaled({ minCapacity: ${r.minCapacity}, maxCapacity: ${r.maxCapacity}, targetUtilizationPercent: ${r.targetUtilizationPercent} })`;
}

/** The `Billing` matching the recommendation, and the same as TypeScript source. */
export function billingFor(choice: BillingChoice, t: Throughput, costs: Costs): { billing: Billing; code: string } {
  if (choice.recommendation === BillingRecommendation.ON_DEMAND) return { billing: Billing.onDemand(), code: 'Billing.onDemand()' };
  const read = range(costs.provisionedReadCapacity, t.readCapacityUnits);
  const write = range(costs.provisionedWriteCapacity, t.writeCapacityUnits);
  return {
    billing: Billing.provisioned({ readCapacity: Capacity.autoscaled(read), writeCapacity: Capacity.autoscaled(write) }),
    code: `Billing.provisioned({ readCapacity: ${code(read)}, writeCapacity: ${code(write)} })`,
  };
}

/**
 * With provisioned billing an index inherits the table's capacity unless given its own: an index
 * that needs more throttles, and its throttling throttles the table's writes. Each index's own
 * capacity, as code to paste into its `globalSecondaryIndexes` entry.
 */
export function indexCapacityWarnings(choice: BillingChoice, t: Throughput, costs: Costs): string[] {
  if (choice.recommendation !== BillingRecommendation.PROVISIONED) return [];
  return t.indexes.map((index, i) => {
    const read = range(costs.indexReadCapacity[i], index.readCapacityUnits);
    const write = range(costs.indexWriteCapacity[i], index.writeCapacityUnits);
    return `index ${index.indexName}: with provisioned billing it inherits the table's capacity unless given its own, and the monthly cost assumes its own: `
      + `give it readCapacity: ${code(read)}, writeCapacity: ${code(write)}`;
  });
}

/** What will go wrong whatever the billing: a hot key over a partition's limits, an index that throttles the table. */
export function warningsFor(w: ResolvedWorkload, t: Throughput): string[] {
  const warnings: string[] = [];
  if (w.hotKeyShare !== undefined) {
    const hotReads = w.hotKeyShare * t.readCapacityUnits;
    const hotWrites = w.hotKeyShare * t.writeCapacityUnits;
    if (hotReads > PARTITION_READ_UNITS) {
      warnings.push(`hot key: ${num(w.hotKeyShare)} of ${num(t.readCapacityUnits)} RCU at the peak is ${num(hotReads)} RCU on one partition key, over one partition's `
        + `${num(PARTITION_READ_UNITS)} RCU: those reads throttle whatever the capacity; cache them (DAX) or spread the key`);
    }
    if (hotWrites > PARTITION_WRITE_UNITS) {
      warnings.push(`hot key: ${num(w.hotKeyShare)} of ${num(t.writeCapacityUnits)} WCU at the peak is ${num(hotWrites)} WCU on one partition key, over one partition's `
        + `${num(PARTITION_WRITE_UNITS)} WCU: those writes throttle whatever the capacity; shard the key (a suffix such as #0–#9)`);
    }
  }
  for (const index of t.indexes) {
    if (index.writeCapacityUnits > PARTITION_WRITE_UNITS) {
      warnings.push(`index ${index.indexName}: ${num(index.writeCapacityUnits)} WCU at the peak is over one partition's ${num(PARTITION_WRITE_UNITS)} WCU: if its partition key `
        + 'has few values (a status, a type), its writes throttle, and a throttled index throttles the table\'s writes too; key it on a value with many values');
    }
  }
  return warnings;
}
