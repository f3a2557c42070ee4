import { Annotations } from 'aws-cdk-lib';
import { BillingMode, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { TableMonitoring } from './table-monitoring';
import { TableMonitoringOptions } from './table-monitoring-props';

/**
 * What `ProductionTable` passes: the monitoring options and the table's resolved settings
 * (`ProductionTableSettings` has these fields), so that billing is worked out in one place.
 */
export interface ProductionTableMonitoringInput {
  readonly monitoring?: TableMonitoringOptions;
  readonly monitoringEnabled: boolean;
  readonly billingMode: BillingMode;
  readonly maxReadRequestUnits?: number;
  readonly maxWriteRequestUnits?: number;
  readonly globalSecondaryIndexNames: string[];
  readonly replicaRegions: string[];
}

/**
 * Creates the default `TableMonitoring` of a `ProductionTable` (construct id `Monitoring`, a child
 * of the table), from the table's own indexes, replicas and billing. Returns undefined, with a
 * warning, when `monitoringEnabled` is false (validation has refused `monitoring` with it).
 */
export function monitorProductionTable(table: ITableV2, settings: ProductionTableMonitoringInput): TableMonitoring | undefined {
  if (!settings.monitoringEnabled) {
    Annotations.of(table).addWarningV2('cdk-dynamodb-kit:monitoringOff',
      'monitoringEnabled is false: no alarms watch this table\'s throttling, errors, latency or replication.');
    return undefined;
  }
  const onDemand = settings.billingMode === BillingMode.PAY_PER_REQUEST;
  return new TableMonitoring(table, 'Monitoring', {
    ...settings.monitoring,
    table,
    globalSecondaryIndexNames: settings.globalSecondaryIndexNames,
    replicaRegions: settings.replicaRegions,
    billingMode: settings.billingMode,
    maxReadRequestUnits: onDemand ? settings.maxReadRequestUnits : undefined,
    maxWriteRequestUnits: onDemand ? settings.maxWriteRequestUnits : undefined,
  });
}
