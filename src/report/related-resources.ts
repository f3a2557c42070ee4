import { CfnResourceJson, ReferenceIndex } from '../template';

/** The resources around a table that decide whether it is ready: backups, alarms, stream consumers. */
export interface RelatedResources {
  /** AWS Backup selections whose `Resources` name the table (tag-based selections cannot be seen). */
  readonly backupSelections: number;
  /** CloudWatch alarms on the table's own metrics. */
  readonly tableAlarms: number;
  /** CloudWatch alarms on its stream consumers: their function, failure destination or mapping. */
  readonly consumerAlarms: number;
  /** Lambda event source mappings on the table's stream. */
  readonly streamConsumers: number;
  readonly streamConsumersWithFailureDestination: number;
}

const ALARM = 'AWS::CloudWatch::Alarm';
const BACKUP_SELECTION = 'AWS::Backup::BackupSelection';
const EVENT_SOURCE_MAPPING = 'AWS::Lambda::EventSourceMapping';

/** What refers to the table, from the template's reference index (constant work per referrer). */
export function relatedResources(index: ReferenceIndex, tableId: string): RelatedResources {
  const backups = index.referrersOf(tableId, BACKUP_SELECTION).filter(([, selection]) => selects(index, selection, tableId));
  const consumers = index.referrersOf(tableId, EVENT_SOURCE_MAPPING);
  const tableAlarms = new Set(index.referrersOf(tableId, ALARM).map(([id]) => id));
  const consumerAlarms = new Set<string>();
  for (const [consumerId] of consumers) {
    // The mapping's own alarms, and those of what it names: the function and the failure destination.
    const around = [consumerId, ...[...index.referencesOf(consumerId)].filter(id => id !== tableId)];
    for (const id of around) {
      for (const [alarmId] of index.referrersOf(id, ALARM)) if (!tableAlarms.has(alarmId)) consumerAlarms.add(alarmId);
    }
  }
  return {
    backupSelections: backups.length,
    tableAlarms: tableAlarms.size,
    consumerAlarms: consumerAlarms.size,
    streamConsumers: consumers.length,
    streamConsumersWithFailureDestination: consumers.filter(([, c]) => c.Properties?.DestinationConfig?.OnFailure?.Destination !== undefined).length,
  };
}

/** Whether the selection's `Resources` (not `NotResources`, not its conditions) name the table. */
function selects(index: ReferenceIndex, selection: CfnResourceJson, tableId: string): boolean {
  const resources = selection.Properties?.BackupSelection?.Resources;
  return Array.isArray(resources) && index.valueRefersTo(resources, tableId);
}
