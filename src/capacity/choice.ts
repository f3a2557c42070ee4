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

/** The `Billing` matching the recommendation, and the same as TypeScript source. */
export function billingFor(choice: BillingChoice, t: Throughput, costs: Costs): { billing: Billing; code: string } {
  if (choice.recommendation === BillingRecommendation.ON_DEMAND) return { billing: Billing.onDemand(), code: 'Billing.onDemand()' };
  // The ceiling is the peak at the target utilisation, and at least twice the floor: traffic
  // beyond the stated peak then costs more for a while instead of being throttled.
  const range = (min: number, peak: number) => ({
    minCapacity: min,
    maxCapacity: Math.max(2 * min, ceilUnits(peak / TARGET_UTILIZATION)),
    targetUtilizationPercent: TARGET_UTILIZATION * 100,
  });
  const read = range(costs.provisionedReadCapacity, t.readCapacityUnits);
  const write = range(costs.provisionedWriteCapacity, t.writeCapacityUnits);
  const text = (o: typeof read) => `Capacity.autoscaled({ minCapacity: ${o.minCapacity}, maxCapacity: ${o.maxCapacity}, targetUtilizationPercent: ${o.targetUtilizationPercent} })`;
  return {
    billing: Billing.provisioned({ readCapacity: Capacity.autoscaled(read), writeCapacity: Capacity.autoscaled(write) }),
    code: `Billing.provisioned({ readCapacity: ${text(read)}, writeCapacity: ${text(write)} })`,
  };
}

/** What will go wrong whatever the billing: a hot key over a partition's limits, an index that throttles the table. */
export function warningsFor(w: ResolvedWorkload, t: Throughput): string[] {
  const warnings: string[] = [];
  if (w.hotKeyShare !== undefined) {
    const hotReads = w.hotKeyShare * t.readCapacityUnits;
    const hotWrites = w.hotKeyShare * t.writeCapacityUnits;
    if (hotReads > PARTITION_READ_UNITS) {
      warnings.push(`hot key: ${num(w.hotKeyShare)} of ${t.readCapacityUnits} RCU at the peak is ${num(hotReads)} RCU on one partition key, over one partition's `
        + `${num(PARTITION_READ_UNITS)} RCU: those reads throttle whatever the capacity; cache them (DAX) or spread the key`);
    }
    if (hotWrites > PARTITION_WRITE_UNITS) {
      warnings.push(`hot key: ${num(w.hotKeyShare)} of ${t.writeCapacityUnits} WCU at the peak is ${num(hotWrites)} WCU on one partition key, over one partition's `
        + `${num(PARTITION_WRITE_UNITS)} WCU: those writes throttle whatever the capacity; shard the key (a suffix such as #0–#9)`);
    }
  }
  for (const index of t.indexes) {
    if (index.writeCapacityUnits > PARTITION_WRITE_UNITS) {
      warnings.push(`index ${index.indexName}: ${index.writeCapacityUnits} WCU at the peak is over one partition's ${num(PARTITION_WRITE_UNITS)} WCU: if its partition key `
        + 'has few values (a status, a type), its writes throttle, and a throttled index throttles the table\'s writes too; key it on a value with many values');
    }
    if (index.writeCapacityUnits > t.writeCapacityUnits) {
      warnings.push(`index ${index.indexName}: needs ${index.writeCapacityUnits} WCU at the peak, more than the table's ${t.writeCapacityUnits}: `
        + 'give it its own writeCapacity when provisioned, or its throttling throttles the table\'s writes');
    }
  }
  return warnings;
}
