import { CfnResourceJson, TemplateSet } from '../shared/templates';

export const TABLE_TYPES = ['AWS::DynamoDB::GlobalTable', 'AWS::DynamoDB::Table'];

/** What a reviewer wants to know about one table before it reaches production. */
export interface TableSummary {
  readonly stackName: string;
  readonly logicalId: string;
  readonly constructPath?: string;
  readonly type: string;
  readonly keys: string;
  readonly billing: string;
  readonly pointInTimeRecovery: string;
  readonly encryption: string;
  readonly deletionProtection: string;
  readonly removalPolicy: string;
  readonly replicas: string[];
  readonly timeToLive?: string;
  readonly stream?: string;
  readonly indexes: string[];
  /** Backup selections (AWS Backup) that name the table. */
  readonly backupSelections: number;
  /** CloudWatch alarms on the table's metrics. */
  readonly alarms: number;
  /** Lambda event source mappings on the table's stream, and how many have a failure destination. */
  readonly streamConsumers: number;
  readonly streamConsumersWithFailureDestination: number;
  /** Production defaults this table does not meet; empty when it is ready. */
  readonly gaps: string[];
}

export function summarizeTables(templates: TemplateSet): TableSummary[] {
  return Object.entries(templates.stacks).flatMap(([stackName, template]) => {
    const resources = Object.values(template.Resources);
    return Object.entries(template.Resources)
      .filter(([, resource]) => TABLE_TYPES.includes(resource.Type))
      .map(([logicalId, resource]) => summarizeTable(stackName, logicalId, resource, resources));
  });
}

/** Whether a resource's properties point at the table (`Ref` or `Fn::GetAtt` of its logical ID). */
function refersTo(resource: CfnResourceJson, logicalId: string): boolean {
  const text = JSON.stringify(resource.Properties ?? {});
  return text.includes(`{"Ref":"${logicalId}"}`) || text.includes(`{"Fn::GetAtt":["${logicalId}",`);
}

function summarizeTable(stackName: string, logicalId: string, resource: CfnResourceJson, stackResources: CfnResourceJson[]): TableSummary {
  const related = (type: string) => stackResources.filter(r => r.Type === type && refersTo(r, logicalId));
  const consumers = related('AWS::Lambda::EventSourceMapping');
  const props = resource.Properties ?? {};
  const isGlobal = resource.Type === 'AWS::DynamoDB::GlobalTable';
  // A GlobalTable keeps per-region settings in Replicas; a Table keeps them at the top level.
  const regional: any[] = isGlobal ? props.Replicas ?? [] : [props];
  const pitr = regional.map(r => r.PointInTimeRecoverySpecification);
  const pitrOn = pitr.length > 0 && pitr.every(p => p?.PointInTimeRecoveryEnabled === true);
  const encryption = describeEncryption(props, regional, isGlobal);
  const deletionProtected = regional.length > 0 && regional.every(r => r.DeletionProtectionEnabled === true);
  const retained = resource.DeletionPolicy === 'Retain' && resource.UpdateReplacePolicy !== 'Delete';
  const gaps = [
    ...(pitrOn ? [] : ['point-in-time recovery is off']),
    ...(encryption.startsWith('customer-managed') ? [] : [`encryption is ${encryption}, not a customer-managed key`]),
    ...(deletionProtected ? [] : ['deletion protection is off']),
    ...(retained ? [] : ['the table is deleted when removed from the stack (no Retain policy)']),
  ];
  return {
    stackName,
    logicalId,
    constructPath: resource.Metadata?.['aws:cdk:path'],
    type: resource.Type,
    keys: describeKeys(props.KeySchema),
    billing: props.BillingMode ?? 'PROVISIONED',
    pointInTimeRecovery: pitrOn ? `on (${Math.min(...pitr.map(p => p.RecoveryPeriodInDays ?? 35))} days)` : 'off',
    encryption,
    deletionProtection: deletionProtected ? 'on' : 'off',
    removalPolicy: resource.DeletionPolicy ?? 'Delete',
    replicas: isGlobal ? regional.map(r => describeRegion(r.Region)) : [],
    timeToLive: props.TimeToLiveSpecification?.Enabled ? props.TimeToLiveSpecification.AttributeName : undefined,
    stream: props.StreamSpecification?.StreamViewType,
    indexes: [
      ...(props.GlobalSecondaryIndexes ?? []).map((i: any) => `${i.IndexName} (global: ${describeKeys(i.KeySchema)})`),
      ...(props.LocalSecondaryIndexes ?? []).map((i: any) => `${i.IndexName} (local: ${describeKeys(i.KeySchema)})`),
    ],
    backupSelections: related('AWS::Backup::BackupSelection').length,
    alarms: related('AWS::CloudWatch::Alarm').length,
    streamConsumers: consumers.length,
    streamConsumersWithFailureDestination: consumers.filter(c => c.Properties?.DestinationConfig?.OnFailure?.Destination).length,
    gaps,
  };
}

function describeKeys(keySchema: any[] | undefined): string {
  return (keySchema ?? []).map(k => `${k.AttributeName} ${k.KeyType === 'HASH' ? '(partition)' : '(sort)'}`).join(', ');
}

function describeEncryption(props: any, regional: any[], isGlobal: boolean): string {
  const sse = props.SSESpecification;
  if (!sse?.SSEEnabled) return 'DynamoDB-owned key';
  const keyIds = isGlobal ? regional.map(r => r.SSESpecification?.KMSMasterKeyId) : [sse.KMSMasterKeyId];
  return keyIds.every(k => k !== undefined) ? 'customer-managed KMS key' : 'AWS-managed KMS key';
}

function describeRegion(region: unknown): string {
  return typeof region === 'string' ? region : 'stack region';
}

/** A short, human-readable report of every table. */
export function formatSummaries(summaries: TableSummary[]): string {
  if (summaries.length === 0) return 'No DynamoDB tables found.\n';
  const blocks = summaries.map(s => [
    `${s.stackName}/${s.logicalId}${s.constructPath ? `  (${s.constructPath})` : ''}  ${s.type}`,
    `  keys:                ${s.keys}`,
    `  billing:             ${s.billing}`,
    `  point-in-time rec.:  ${s.pointInTimeRecovery}`,
    `  encryption:          ${s.encryption}`,
    `  deletion protection: ${s.deletionProtection}; removal policy ${s.removalPolicy}`,
    `  replicas:            ${s.replicas.length > 0 ? s.replicas.join(', ') : 'none'}`,
    `  indexes:             ${s.indexes.length > 0 ? s.indexes.join('; ') : 'none'}`,
    `  TTL / stream:        ${s.timeToLive ?? 'off'} / ${s.stream ?? 'off'}`,
    `  backup plans:        ${s.backupSelections > 0 ? `in ${s.backupSelections}` : 'none (PITR only)'}`,
    `  alarms:              ${s.alarms}`,
    `  stream consumers:    ${s.streamConsumers} (${s.streamConsumersWithFailureDestination} with a failure destination)`,
    s.gaps.length === 0 ? '  production-ready:    yes' : `  production-ready:    NO — ${s.gaps.join('; ')}`,
  ].join('\n'));
  const ready = summaries.filter(s => s.gaps.length === 0).length;
  return `${blocks.join('\n\n')}\n\n${ready} of ${summaries.length} table(s) meet the production defaults.\n`;
}
