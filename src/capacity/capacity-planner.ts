import { BillingRecommendation, CapacityPlan } from './capacity-plan';
import { billingFor, chooseBilling, indexCapacityWarnings, warningsFor } from './choice';
import { computeCosts } from './costs';
import { roundUsd } from './format';
import { ProvisionedCapacity } from './provisioned-capacity';
import { minimumProvisionedMonthlyCost } from './provisioned-cost';
import { computeThroughput } from './throughput';
import { resolveWorkload } from './validation';
import { Workload } from './workload';
import { checkProps } from '../shared/check-props';

/**
 * From a workload to capacity units, partitions, monthly cost and the `Billing` to use, by
 * DynamoDB's published arithmetic. Pure: no AWS calls, no network, the same plan every time.
 *
 * @example
 * import { CapacityPlanner, ProductionTable } from 'cdk-dynamodb-kit';
 *
 * const plan = CapacityPlanner.plan({ itemSizeBytes: 2000, readsPerSecond: 400, writesPerSecond: 100, storageGb: 50 });
 * new ProductionTable(this, 'Orders', { partitionKey, billing: plan.billing });
 */
export class CapacityPlanner {
  /**
   * Plans the capacity and cost of `workload`.
   *
   * @throws our error naming the field and the value, for a negative or non-finite rate, a share
   * outside 0–1, an item over 400 KB, or index reads that name an unknown index
   */
  public static plan(workload: Workload): CapacityPlan {
    const resolved = resolveWorkload(workload);
    const explanation: string[] = [];
    const explain = (line: string) => { explanation.push(line); };
    const throughput = computeThroughput(resolved, explain);
    const costs = computeCosts(resolved, throughput, explain);
    const recommendation = chooseBilling(resolved, costs);
    explain(`recommendation: ${recommendation.recommendation}: ${recommendation.reason}`);
    const { billing, code } = billingFor(recommendation, throughput, costs);
    const provisioned = recommendation.recommendation === BillingRecommendation.PROVISIONED;
    explain(`billing: ${code}` + (provisioned
      ? ' (minCapacity: the average at 70%; maxCapacity: ceil(the peak units / 0.7), at least twice minCapacity)'
        + (throughput.indexes.length ? '; each index\'s own capacity is in the warnings' : '')
      : ''));
    explain('not counted: the free tier, data transfer, DynamoDB Streams reads, on-demand backups, exports and reserved capacity');
    const perIndex = (pick: (i: typeof throughput.indexes[number]) => number) =>
      Object.fromEntries(throughput.indexes.map(i => [i.indexName, pick(i)]));
    return {
      readCapacityUnits: throughput.readCapacityUnits,
      writeCapacityUnits: throughput.writeCapacityUnits,
      indexReadCapacityUnits: perIndex(i => i.readCapacityUnits),
      indexWriteCapacityUnits: perIndex(i => i.writeCapacityUnits),
      replicatedWriteCapacityUnits: throughput.replicatedWriteCapacityUnits,
      readRequestUnitsPerMonth: throughput.readRequestUnitsPerMonth,
      writeRequestUnitsPerMonth: Math.round(throughput.localWriteRequestUnitsPerMonth + throughput.replicatedWriteRequestUnitsPerMonth),
      partitions: throughput.partitions,
      monthlyCost: {
        onDemand: roundUsd(costs.onDemand),
        provisioned: roundUsd(costs.provisioned),
        storage: roundUsd(costs.storage),
        pointInTimeRecovery: roundUsd(costs.pointInTimeRecovery),
      },
      recommendation,
      billing,
      billingCode: code,
      warnings: [...warningsFor(resolved, throughput), ...indexCapacityWarnings(recommendation, throughput, costs)],
      explanation,
    };
  }

  /**
   * What provisioned capacity costs per month (730 hours), in USD: for the report's
   * "provisioned capacity costs ≈ $X/month at the minimum".
   */
  public static minimumProvisionedMonthlyCost(capacity: ProvisionedCapacity): number {
    checkProps('CapacityPlanner.minimumProvisionedMonthlyCost', 'cdk-dynamodb-kit.ProvisionedCapacity', capacity, 'capacity');
    return minimumProvisionedMonthlyCost(capacity);
  }

  private constructor() {}
}
