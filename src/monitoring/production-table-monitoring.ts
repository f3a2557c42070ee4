import { Annotations } from 'aws-cdk-lib';
import { Billing, BillingMode, GlobalSecondaryIndexPropsV2, ITableV2, ReplicaTableProps } from 'aws-cdk-lib/aws-dynamodb';
import { TableMonitoring } from './table-monitoring';
import { TableMonitoringOptions } from './table-monitoring-props';
import { invalid } from '../shared/errors';

/** What `ProductionTable` passes: the monitoring props and the table's own settings. */
export interface ProductionTableMonitoringInput {
  readonly monitoring?: TableMonitoringOptions;
  readonly monitoringEnabled?: boolean;
  readonly billing?: Billing;
  readonly globalSecondaryIndexes?: GlobalSecondaryIndexPropsV2[];
  readonly replicas?: ReplicaTableProps[];
}

/**
 * Creates the default `TableMonitoring` of a `ProductionTable` (construct id `Monitoring`, a child
 * of the table), from the table's own indexes, replicas and billing. Returns undefined, with a
 * warning, when `monitoringEnabled` is false.
 */
export function monitorProductionTable(table: ITableV2, props: ProductionTableMonitoringInput): TableMonitoring | undefined {
  if (props.monitoringEnabled === false) {
    if (props.monitoring !== undefined) {
      invalid(table.node.path, 'monitoring', 'is set but monitoringEnabled is false', 'remove one: monitoringEnabled: false turns the alarms off, monitoring: {...} tunes them.');
    }
    Annotations.of(table).addWarningV2('cdk-dynamodb-kit:monitoringOff',
      'monitoringEnabled is false: no alarms watch this table\'s throttling, errors, latency or replication.');
    return undefined;
  }
  const billingMode = props.billing?.mode ?? BillingMode.PAY_PER_REQUEST;
  const onDemand = billingMode === BillingMode.PAY_PER_REQUEST;
  return new TableMonitoring(table, 'Monitoring', {
    ...props.monitoring,
    table,
    globalSecondaryIndexNames: (props.globalSecondaryIndexes ?? []).map(gsi => gsi.indexName),
    replicaRegions: (props.replicas ?? []).map(replica => replica.region),
    billingMode,
    maxReadRequestUnits: onDemand ? asNumber(props.billing?._renderReadCapacity()) : undefined,
    maxWriteRequestUnits: onDemand ? asNumber(props.billing?._renderWriteCapacity()) : undefined,
  });
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
