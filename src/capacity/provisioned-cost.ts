import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { PriceTable } from './price-table';
import { ProvisionedCapacity } from './provisioned-capacity';
import { HOURS_PER_MONTH } from './units';
import { invalid, show as showJson } from '../shared/errors';

/**
 * What provisioned capacity costs per month (730 hours), in USD:
 * `730 × (RCU × RCU-hour + WCU × WCU-hour + replicas × (replica RCU × RCU-hour + WCU × replicated WCU-hour))`.
 *
 * Given a table's minimum capacities (the autoscaling floor), it is the least the table costs in
 * throughput however idle it is: the report's "provisioned capacity costs ≈ $X/month at the minimum".
 */
export function minimumProvisionedMonthlyCost(capacity: ProvisionedCapacity): number {
  const where = 'minimumProvisionedMonthlyCost';
  const check = (field: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      invalid(where, field, `is ${show(value)}, not a finite number 0 or more`, 'give capacity units (or a count of regions), 0 or more');
    }
    return value;
  };
  const reads = check('readCapacityUnits', capacity.readCapacityUnits);
  const writes = check('writeCapacityUnits', capacity.writeCapacityUnits);
  const replicas = check('replicaCount', capacity.replicaCount ?? 0);
  const replicaReads = check('replicaReadCapacityUnits', capacity.replicaReadCapacityUnits ?? reads);
  const prices = (capacity.prices ?? PriceTable.usEast1()).pricesFor(capacity.tableClass ?? TableClass.STANDARD);
  const perHour = reads * prices.provisionedReadPerCapacityUnitHour
    + writes * prices.provisionedWritePerCapacityUnitHour
    + replicas * (replicaReads * prices.provisionedReadPerCapacityUnitHour + writes * prices.provisionedReplicatedWritePerCapacityUnitHour);
  return perHour * HOURS_PER_MONTH;
}

/** A value for a message: NaN and Infinity as themselves (JSON would print them as null). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : showJson(value);
}
