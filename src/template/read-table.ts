import { Decided, DeployTimeValue, decide, decideList, isDeployTime, isNoValue } from './deploy-time';
import { fixedCapacity, globalTableCapacity, readAttributeTypes, readIndexes, readKeySchema, readVectorIndexes } from './read-keys';
import { readGlobalReplica, readLegacyReplica, readTableRegion } from './read-replicas';
import { GLOBAL_TABLE_TYPE, LEGACY_REPLICA_TYPE, TableResourceType, isTableType } from './resource-types';
import { BillingView, ReplicaView, TableView } from './table-view';
import { CfnResourceJson, CfnTemplate } from './template-json';

/** What the reader needs to know about the stack the table is in. */
export interface ReadTableOptions {
  /** The stack's region (from the cloud assembly's environment), so that replicas in it read as the stack's own region. */
  readonly stackRegion?: string;
  /** The `Custom::DynamoDBReplica` resources of this table, by logical ID (`readTables` finds them). */
  readonly legacyReplicas?: ReadonlyArray<readonly [string, CfnResourceJson]>;
}

const RETAINED_ON_REMOVAL = ['Retain', 'RetainExceptOnCreate'];

/** Reads one `AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable` resource into its typed view. */
export function readTable(logicalId: string, resource: CfnResourceJson, options: ReadTableOptions = {}): TableView {
  if (!isTableType(resource.Type)) throw new Error(`readTable: ${logicalId} is a ${resource.Type}, not a DynamoDB table`);
  const type: TableResourceType = resource.Type;
  const props = resource.Properties ?? {};
  const isGlobal = type === GLOBAL_TABLE_TYPE;
  const types = readAttributeTypes(props.AttributeDefinitions);
  const crossAccountSource = decide('GlobalTableSourceArn', props.GlobalTableSourceArn, String);
  const replicas = isGlobal ? globalReplicas(props, options.stackRegion) : [readTableRegion(props, options.stackRegion)];
  const withLegacy = isDeployTime(replicas) ? replicas : [
    ...replicas,
    ...(options.legacyReplicas ?? []).map(([id, r]) =>
      readLegacyReplica(id, r, replicas[0] ?? readTableRegion({}, options.stackRegion), options.stackRegion)),
  ];
  const deletionPolicy = typeof resource.DeletionPolicy === 'string' ? resource.DeletionPolicy : 'Delete';
  const updateReplacePolicy = typeof resource.UpdateReplacePolicy === 'string' ? resource.UpdateReplacePolicy : 'Delete';
  const view: Omit<TableView, 'deployTimeValues'> = {
    logicalId,
    type,
    constructPath: typeof resource.Metadata?.['aws:cdk:path'] === 'string' ? resource.Metadata['aws:cdk:path'] : undefined,
    tableName: decide('TableName', props.TableName, String),
    keys: readKeySchema('KeySchema', props.KeySchema, types),
    globalSecondaryIndexes: readIndexes('GlobalSecondaryIndexes', props.GlobalSecondaryIndexes, 'global', types, isGlobal),
    localSecondaryIndexes: readIndexes('LocalSecondaryIndexes', props.LocalSecondaryIndexes, 'local', types, isGlobal),
    vectorIndexes: readVectorIndexes(props.VectorIndexes),
    billing: crossAccountSource !== undefined && props.BillingMode === undefined ? undefined : readBilling(props, isGlobal),
    replicas: withLegacy,
    streamViewType: decide('StreamSpecification', props.StreamSpecification, (s: any) => decide('StreamSpecification.StreamViewType', s.StreamViewType, String)) as Decided<string> | undefined,
    timeToLive: decide('TimeToLiveSpecification', props.TimeToLiveSpecification, (t: any) => ({
      enabled: decide('TimeToLiveSpecification.Enabled', t.Enabled, v => v === true || v === 'true') ?? false,
      attributeName: decide('TimeToLiveSpecification.AttributeName', t.AttributeName, String),
    })),
    deletionPolicy,
    updateReplacePolicy,
    retainedOnRemoval: RETAINED_ON_REMOVAL.includes(deletionPolicy),
    retainedOnReplacement: updateReplacePolicy === 'Retain',
    crossAccountSource,
    condition: typeof resource.Condition === 'string' ? resource.Condition : undefined,
    resource,
  };
  return { ...view, deployTimeValues: markersIn(view) };
}

function globalReplicas(props: any, stackRegion: string | undefined): Decided<ReplicaView[]> {
  const list = decideList<ReplicaView>('Replicas', props.Replicas, (replica, at) => readGlobalReplica(at, replica, props.SSESpecification, stackRegion));
  if (isDeployTime(list)) return list;
  const marker = list.find(isDeployTime);
  // One replica that is an intrinsic leaves the set of regions to deploy time.
  if (marker) return marker;
  const replicas = list as ReplicaView[];
  return [...replicas.filter(r => r.isStackRegion), ...replicas.filter(r => !r.isStackRegion)];
}

function readBilling(props: any, isGlobal: boolean): Decided<BillingView> {
  const mode = decide('BillingMode', props.BillingMode, String) ?? 'PROVISIONED';
  if (isGlobal) {
    return {
      mode,
      writeCapacity: globalTableCapacity('WriteProvisionedThroughputSettings', props.WriteProvisionedThroughputSettings, 'Write'),
      maxWriteRequestUnits: decide('WriteOnDemandThroughputSettings.MaxWriteRequestUnits', props.WriteOnDemandThroughputSettings?.MaxWriteRequestUnits, Number),
    };
  }
  return {
    mode,
    readCapacity: fixedCapacity('ProvisionedThroughput.ReadCapacityUnits', props.ProvisionedThroughput?.ReadCapacityUnits),
    writeCapacity: fixedCapacity('ProvisionedThroughput.WriteCapacityUnits', props.ProvisionedThroughput?.WriteCapacityUnits),
    maxReadRequestUnits: decide('OnDemandThroughput.MaxReadRequestUnits', props.OnDemandThroughput?.MaxReadRequestUnits, Number),
    maxWriteRequestUnits: decide('OnDemandThroughput.MaxWriteRequestUnits', props.OnDemandThroughput?.MaxWriteRequestUnits, Number),
  };
}

/** Every deploy-time marker in the view (the view is small: a walk of it, not of the template). */
function markersIn(view: Omit<TableView, 'deployTimeValues'>): DeployTimeValue[] {
  const found = new Map<string, DeployTimeValue>();
  const walk = (value: unknown): void => {
    if (isDeployTime(value)) {
      found.set(value.property, value);
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(walk);
    }
  };
  const { resource: _resource, ...rest } = view;
  walk(rest);
  return [...found.values()];
}

/** Options of `readTables`. */
export interface ReadTablesOptions {
  readonly stackRegion?: string;
}

/**
 * Every DynamoDB table of a template, with its legacy replicas (`Custom::DynamoDBReplica`, tied to
 * the table by a `Ref` to it or its literal name). One pass over the resources.
 */
export function readTables(template: CfnTemplate, options: ReadTablesOptions = {}): TableView[] {
  const tables: Array<[string, CfnResourceJson]> = [];
  const byName = new Map<string, string>();
  const legacy = new Map<string, Array<[string, CfnResourceJson]>>();
  const replicaResources: Array<[string, CfnResourceJson]> = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (isTableType(resource?.Type)) {
      tables.push([logicalId, resource]);
      const name = resource.Properties?.TableName;
      if (typeof name === 'string') byName.set(name, logicalId);
    } else if (resource?.Type === LEGACY_REPLICA_TYPE) {
      replicaResources.push([logicalId, resource]);
    }
  }
  for (const [logicalId, resource] of replicaResources) {
    const name = resource.Properties?.TableName;
    const byRef = !isNoValue(name) && typeof name?.Ref === 'string' ? name.Ref : undefined;
    const tableId = typeof name === 'string' ? byName.get(name) : byRef;
    if (tableId === undefined) continue;
    legacy.set(tableId, [...legacy.get(tableId) ?? [], [logicalId, resource]]);
  }
  return tables.map(([logicalId, resource]) =>
    readTable(logicalId, resource, { stackRegion: options.stackRegion, legacyReplicas: legacy.get(logicalId) }));
}
