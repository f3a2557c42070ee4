import { Decided, decide, deployTime, intrinsicOf } from './deploy-time';
import { globalTableCapacity } from './read-keys';
import { CapacityView, EncryptionView, KinesisDestinationView, PointInTimeRecoveryView, ReplicaView } from './table-view';

/** What a table's region is called when the template does not say which region the stack is in. */
export const STACK_REGION = '(stack region)';

/** The alias of the AWS-managed key for DynamoDB: naming it explicitly is still AWS-managed, not customer-managed. */
export const AWS_MANAGED_KEY_ALIAS = 'alias/aws/dynamodb';

/** DynamoDB's default recovery window when PITR is on without a period. */
export const DEFAULT_RECOVERY_PERIOD_DAYS = 35;

const isTrue = (value: unknown) => value === true || value === 'true';

export function readPointInTimeRecovery(property: string, spec: unknown): Decided<PointInTimeRecoveryView> {
  return decide(property, spec, (s: any) => {
    const enabled = decide(`${property}.PointInTimeRecoveryEnabled`, s.PointInTimeRecoveryEnabled, isTrue) ?? false;
    if (enabled === false) return { enabled };
    return { enabled, recoveryPeriodInDays: decide(`${property}.RecoveryPeriodInDays`, s.RecoveryPeriodInDays, Number) ?? DEFAULT_RECOVERY_PERIOD_DAYS };
  }) ?? { enabled: false };
}

export function readFlag(property: string, value: unknown): Decided<boolean> {
  return decide(property, value, isTrue) ?? false;
}

export function readContributorInsights(property: string, spec: unknown): Decided<boolean> {
  return decide(property, spec, (s: any) => readFlag(`${property}.Enabled`, s.Enabled)) ?? false;
}

export function readKinesis(property: string, spec: unknown): Decided<KinesisDestinationView> | undefined {
  return decide(property, spec, (s: any) => ({
    streamArn: s.StreamArn,
    approximateCreationDateTimePrecision: decide(`${property}.ApproximateCreationDateTimePrecision`, s.ApproximateCreationDateTimePrecision, String),
  }));
}

function isAwsManagedKey(key: unknown): boolean {
  return key === undefined || key === '' || (typeof key === 'string' && (key === AWS_MANAGED_KEY_ALIAS || key.endsWith(`:${AWS_MANAGED_KEY_ALIAS}`)));
}

/**
 * Encryption at rest from the table's SSESpecification (SSEEnabled, SSEType) and the key: the
 * table's own KMSMasterKeyId for an `AWS::DynamoDB::Table`, the replica's for a GlobalTable.
 * A key given by reference (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`) is a customer-managed key the
 * template names; only `Fn::If` leaves the key to deploy time.
 */
export function readEncryption(sse: unknown, keyProperty: string, key: unknown): Decided<EncryptionView> {
  if (intrinsicOf(sse) !== undefined) return deployTime('SSESpecification', sse);
  const spec = (sse ?? {}) as any;
  const enabled = decide('SSESpecification.SSEEnabled', spec.SSEEnabled, isTrue) ?? false;
  if (enabled !== true) return enabled === false ? { kind: 'dynamodb-owned' } : enabled;
  const type = decide('SSESpecification.SSEType', spec.SSEType, String) ?? 'KMS';
  if (typeof type !== 'string') return type;
  if (type !== 'KMS') return { kind: 'dynamodb-owned' };
  if (intrinsicOf(key) === 'Fn::If') return deployTime(keyProperty, key);
  return isAwsManagedKey(key) ? { kind: 'aws-managed' } : { kind: 'customer-managed', key };
}

/** `{"Ref": "AWS::Region"}` or the stack's literal region: the stack region. */
export function readRegion(property: string, region: unknown, stackRegion: string | undefined): { region: Decided<string>; isStackRegion: boolean } {
  if (intrinsicOf(region) === 'Ref' && (region as any).Ref === 'AWS::Region') return { region: stackRegion ?? STACK_REGION, isStackRegion: true };
  if (typeof region === 'string') return { region, isStackRegion: region === stackRegion };
  return { region: deployTime(property, region), isStackRegion: false };
}

/** The replica's own settings for each index of a GlobalTable. */
function readReplicaIndexes(property: string, indexes: unknown): ReplicaView['indexes'] {
  const out: { [name: string]: { contributorInsights: Decided<boolean>; readCapacity?: CapacityView } } = {};
  if (!Array.isArray(indexes)) return out;
  indexes.forEach((index, i) => {
    if (typeof index?.IndexName !== 'string') return;
    out[index.IndexName] = {
      contributorInsights: readContributorInsights(`${property}[${i}].ContributorInsightsSpecification`, index.ContributorInsightsSpecification),
      readCapacity: globalTableCapacity(`${property}[${i}].ReadProvisionedThroughputSettings`, index.ReadProvisionedThroughputSettings, 'Read'),
    };
  });
  return out;
}

/** One entry of a GlobalTable's Replicas. */
export function readGlobalReplica(property: string, replica: any, sse: unknown, stackRegion: string | undefined): ReplicaView {
  return {
    ...readRegion(`${property}.Region`, replica.Region, stackRegion),
    source: 'replica',
    settingsInTemplate: true,
    pointInTimeRecovery: readPointInTimeRecovery(`${property}.PointInTimeRecoverySpecification`, replica.PointInTimeRecoverySpecification),
    deletionProtection: readFlag(`${property}.DeletionProtectionEnabled`, replica.DeletionProtectionEnabled),
    encryption: readEncryption(sse, `${property}.SSESpecification.KMSMasterKeyId`, replica.SSESpecification?.KMSMasterKeyId),
    contributorInsights: readContributorInsights(`${property}.ContributorInsightsSpecification`, replica.ContributorInsightsSpecification),
    tableClass: decide(`${property}.TableClass`, replica.TableClass, String) ?? 'STANDARD',
    kinesisStreamingDestination: readKinesis(`${property}.KinesisStreamSpecification`, replica.KinesisStreamSpecification),
    readCapacity: globalTableCapacity(`${property}.ReadProvisionedThroughputSettings`, replica.ReadProvisionedThroughputSettings, 'Read'),
    maxReadRequestUnits: decide(`${property}.ReadOnDemandThroughputSettings.MaxReadRequestUnits`, replica.ReadOnDemandThroughputSettings?.MaxReadRequestUnits, Number),
    indexes: readReplicaIndexes(`${property}.GlobalSecondaryIndexes`, replica.GlobalSecondaryIndexes),
  };
}

/** The one region of an `AWS::DynamoDB::Table`: its settings are top-level properties. */
export function readTableRegion(props: any, stackRegion: string | undefined): ReplicaView {
  return {
    region: stackRegion ?? STACK_REGION,
    isStackRegion: true,
    source: 'table',
    settingsInTemplate: true,
    pointInTimeRecovery: readPointInTimeRecovery('PointInTimeRecoverySpecification', props.PointInTimeRecoverySpecification),
    deletionProtection: readFlag('DeletionProtectionEnabled', props.DeletionProtectionEnabled),
    encryption: readEncryption(props.SSESpecification, 'SSESpecification.KMSMasterKeyId', props.SSESpecification?.KMSMasterKeyId),
    contributorInsights: readContributorInsights('ContributorInsightsSpecification', props.ContributorInsightsSpecification),
    tableClass: decide('TableClass', props.TableClass, String) ?? 'STANDARD',
    kinesisStreamingDestination: readKinesis('KinesisStreamSpecification', props.KinesisStreamSpecification),
    indexes: {},
  };
}

/**
 * A `Custom::DynamoDBReplica`: the old `Table` construct creates the replica with an UpdateTable
 * call, so the template sets none of its PITR, deletion protection or Contributor Insights: they
 * are a new replica's defaults (off). It is encrypted like the table (the construct refuses a
 * customer-managed key with replicationRegions) and has the table's class.
 */
export function readLegacyReplica(logicalId: string, resource: any, table: ReplicaView, stackRegion: string | undefined): ReplicaView {
  return {
    ...readRegion(`${logicalId}.Region`, resource.Properties?.Region, stackRegion),
    source: 'legacy-replica',
    replicaLogicalId: logicalId,
    settingsInTemplate: false,
    pointInTimeRecovery: { enabled: false },
    deletionProtection: false,
    encryption: table.encryption,
    contributorInsights: false,
    tableClass: table.tableClass,
    indexes: {},
  };
}
