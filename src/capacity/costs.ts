import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { num, price, usd } from './format';
import { minimumProvisionedMonthlyCost } from './provisioned-cost';
import { Throughput } from './throughput';
import { convergedCapacity, HOURS_PER_MONTH } from './units';
import { ResolvedWorkload } from './validation';

/** The monthly costs, unrounded (the recommendation compares these), and the capacity autoscaling converges to. */
export interface Costs {
  readonly onDemand: number;
  readonly provisioned: number;
  readonly storage: number;
  readonly pointInTimeRecovery: number;
  /** Converged read capacity of the table (autoscaling's floor when provisioned). */
  readonly provisionedReadCapacity: number;
  /** Converged write capacity of the table. */
  readonly provisionedWriteCapacity: number;
  /** Converged read capacity of each index, in the order of `Throughput.indexes`. */
  readonly indexReadCapacity: number[];
  /** Converged write capacity of each index. */
  readonly indexWriteCapacity: number[];
}

const MILLION = 1_000_000;

/** On-demand, provisioned, storage and PITR costs per month, each step written to `explain`. */
export function computeCosts(w: ResolvedWorkload, t: Throughput, explain: (line: string) => void): Costs {
  const prices = w.prices.pricesFor(w.tableClass);
  const className = w.tableClass === TableClass.STANDARD_INFREQUENT_ACCESS ? 'Standard-IA' : 'Standard';
  explain(`prices: ${className} table class, ${w.prices.source}`);

  const onDemandReads = t.readRequestUnitsPerMonth / MILLION * prices.onDemandReadPerMillion;
  const onDemandWrites = t.localWriteRequestUnitsPerMonth / MILLION * prices.onDemandWritePerMillion;
  const onDemandReplicated = t.replicatedWriteRequestUnitsPerMonth / MILLION * prices.onDemandReplicatedWritePerMillion;
  const onDemand = onDemandReads + onDemandWrites + onDemandReplicated;
  explain(`monthlyCost.onDemand = ${num(t.readRequestUnitsPerMonth / MILLION)} M read units × ${price(prices.onDemandReadPerMillion)}`
    + ` + ${num(t.localWriteRequestUnitsPerMonth / MILLION)} M write units × ${price(prices.onDemandWritePerMillion)}`
    + (t.replicaCount ? ` + ${num(t.replicatedWriteRequestUnitsPerMonth / MILLION)} M replicated write units × ${price(prices.onDemandReplicatedWritePerMillion)}` : '')
    + ` = ${usd(onDemand)}`);

  const tableReads = convergedCapacity(t.averageReadUnits);
  const tableWrites = convergedCapacity(t.averageWriteUnits);
  const indexReads = t.indexes.map(i => convergedCapacity(i.averageReadUnits));
  const indexWrites = t.indexes.map(i => convergedCapacity(i.averageWriteUnits));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const reads = tableReads + sum(indexReads);
  // Replicas apply every write (a global table's write capacity is shared) and, unless given their
  // own readCapacity, inherit the read capacity too: this prices what the plan's Billing deploys.
  const replicaReads = reads;
  const writes = tableWrites + sum(indexWrites);
  explain(`provisioned at 70% utilisation: table max(1, ceil(${num(t.averageReadUnits)} average read units/s / 0.7)) = ${tableReads} RCU, `
    + `max(1, ceil(${num(t.averageWriteUnits)} average write units/s / 0.7)) = ${tableWrites} WCU`
    + t.indexes.map((index, i) => `; index ${index.indexName} max(1, ceil(${num(index.averageReadUnits)} / 0.7)) = ${indexReads[i]} RCU, `
      + `max(1, ceil(${num(index.averageWriteUnits)} / 0.7)) = ${indexWrites[i]} WCU`).join('')
    + (t.replicaCount ? `; each replica region ${replicasText(t.indexes.length)}` : ''));
  const provisioned = minimumProvisionedMonthlyCost({
    readCapacityUnits: reads,
    writeCapacityUnits: writes,
    replicaCount: t.replicaCount,
    replicaReadCapacityUnits: replicaReads,
    tableClass: w.tableClass,
    prices: w.prices,
  });
  explain(`monthlyCost.provisioned = (${reads} RCU × ${price(prices.provisionedReadPerCapacityUnitHour)} + ${writes} WCU × ${price(prices.provisionedWritePerCapacityUnitHour)}`
    + (t.replicaCount ? ` + ${regionsText(t.replicaCount)} × (${replicaReads} RCU × ${price(prices.provisionedReadPerCapacityUnitHour)} + ${writes} replicated WCU × ${price(prices.provisionedReplicatedWritePerCapacityUnitHour)})` : '')
    + ` per hour) × ${HOURS_PER_MONTH} h = ${usd(provisioned)}`);

  const regions = 1 + t.replicaCount;
  const storage = w.storageGb * prices.storagePerGbMonth * regions;
  explain(`monthlyCost.storage = ${num(w.storageGb)} GB × ${price(prices.storagePerGbMonth)} per GB-month × ${regions} region(s) = ${usd(storage)}`);
  const pitrPrice = w.prices.pointInTimeRecoveryPerGbMonth;
  const pointInTimeRecovery = w.pointInTimeRecovery ? w.storageGb * pitrPrice * regions : 0;
  explain(w.pointInTimeRecovery
    ? `monthlyCost.pointInTimeRecovery = ${num(w.storageGb)} GB × ${price(pitrPrice)} per GB-month × ${regions} region(s) = ${usd(pointInTimeRecovery)}`
    : 'monthlyCost.pointInTimeRecovery = $0.00 (point-in-time recovery off)');

  return {
    onDemand,
    provisioned,
    storage,
    pointInTimeRecovery,
    provisionedReadCapacity: tableReads,
    provisionedWriteCapacity: tableWrites,
    indexReadCapacity: indexReads,
    indexWriteCapacity: indexWrites,
  };
}

function replicasText(indexCount: number): string {
  return `the same RCU${indexCount ? ' for the table and each index' : ''} (replicas inherit the read capacity; give a replica its own readCapacity if it serves fewer reads) and the same WCU as replicated WCU`;
}

/** "1 replica region", "2 replica regions". */
export function regionsText(count: number): string {
  return `${count} replica region${count === 1 ? '' : 's'}`;
}
