import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { minimumProvisionedMonthlyCost } from '../capacity/provisioned-cost';
import { CapacityView, Decided, ReplicaView, TableView, isDeployTime } from '../template';

/** The literal number of a decided value, or undefined (a deploy-time value, a missing one). */
function literal(value: Decided<number> | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The capacity a provisioned setting keeps at the least: autoscaling's minimum, or the fixed units. */
function minimumOf(capacity: CapacityView | undefined): number | undefined {
  if (!capacity) return undefined;
  return capacity.autoScaling ? literal(capacity.autoScaling.minCapacity) : literal(capacity.units);
}

/**
 * What a provisioned table costs a month at its minimum capacity (table and indexes, in its own
 * region and every replica region), at the default us-east-1 list prices of `PriceTable.usEast1()`;
 * undefined for on-demand tables and for capacities left to deploy time. The minimum is what the
 * table pays even when idle, which is the figure a reviewer asks for.
 */
export function provisionedMinimumMonthlyCost(table: TableView): number | undefined {
  const billing = table.billing;
  if (billing === undefined || isDeployTime(billing) || billing.mode !== 'PROVISIONED') return undefined;
  if (isDeployTime(table.replicas) || isDeployTime(table.globalSecondaryIndexes)) return undefined;
  const own: ReplicaView | undefined = table.replicas.find(r => r.isStackRegion) ?? table.replicas[0];
  let read = minimumOf(own?.readCapacity ?? billing.readCapacity);
  let write = minimumOf(billing.writeCapacity);
  for (const index of table.globalSecondaryIndexes) {
    if (isDeployTime(index)) return undefined;
    const indexRead = minimumOf(own?.indexes[index.name]?.readCapacity ?? index.readCapacity);
    const indexWrite = minimumOf(index.writeCapacity);
    // An index without capacity of its own shares none: TableV2 gives it the table's by default.
    read = read === undefined ? undefined : read + (indexRead ?? read);
    write = write === undefined ? undefined : write + (indexWrite ?? write);
  }
  if (read === undefined || write === undefined) return undefined;
  const tableClass = own && !isDeployTime(own.tableClass) && own.tableClass === 'STANDARD_INFREQUENT_ACCESS'
    ? TableClass.STANDARD_INFREQUENT_ACCESS : TableClass.STANDARD;
  const replicaCount = table.replicas.filter(r => r !== own).length;
  return minimumProvisionedMonthlyCost({ readCapacityUnits: read, writeCapacityUnits: write, replicaCount, tableClass });
}
