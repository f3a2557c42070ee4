import { provisionedMinimumMonthlyCost } from './provisioned-cost';
import { RelatedResources, relatedResources } from './related-resources';
import {
  BillingView, CheckResult, Decided, DeployTimeValue, EncryptionView, IndexView, KeySchemaView, KinesisDestinationView, LoadedStack,
  PointInTimeRecoveryView, ReferenceIndex, ReplicaSource, TABLE_TYPE, TableResourceType, TableView, TemplateSet, TimeToLiveView, VectorIndexView,
  checkCustomerManagedKey, checkDeletionProtection, checkPointInTimeRecovery, checkRetained, isDeployTime, readTables, stacksOf,
} from '../template';

/** A region other than the stack's own, with its settings. */
export interface ReplicaReport {
  readonly region: Decided<string>;
  readonly source: ReplicaSource;
  /** False for a legacy replica: its settings are DynamoDB's defaults, not the template's. */
  readonly settingsInTemplate: boolean;
  readonly pitr: Decided<PointInTimeRecoveryView>;
  readonly deletionProtection: Decided<boolean>;
  readonly encryption: Decided<EncryptionView>;
  readonly contributorInsights: Decided<boolean>;
  readonly tableClass: Decided<string>;
}

/**
 * What a reviewer wants to know about one table before it reaches production, as typed values
 * (the `--json` output is this).
 */
export interface TableReport extends RelatedResources {
  /** The stack's id in the set (`Stage/Stack`, `Stack/NestedStackResource` for a nested stack). */
  readonly stack: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** For a table in a nested stack: the parent stack's id and the nested stack resource's logical ID. */
  readonly nestedIn?: { readonly stack: string; readonly logicalId: string };
  readonly logicalId: string;
  readonly constructPath?: string;
  readonly type: TableResourceType;
  readonly tableName?: Decided<string>;
  /** Undefined for a cross-account replica: its keys are the source table's (`inheritedFrom`). */
  readonly keys?: Decided<KeySchemaView>;
  /** Undefined for a cross-account replica: its billing is the source table's (`inheritedFrom`). */
  readonly billing?: Decided<BillingView>;
  /** `GlobalTableSourceArn`: keys and billing are inherited from this table in another account. */
  readonly inheritedFrom?: Decided<string>;
  /**
   * A provisioned table's cost at its minimum capacity, in USD a month at the default us-east-1 list
   * prices (`PriceTable.usEast1()`), every region counted; undefined for on-demand tables.
   */
  readonly provisionedMinimumMonthlyCostUsd?: number;
  /** The stack's own region (the table itself). */
  readonly region?: Decided<string>;
  readonly pitr?: Decided<PointInTimeRecoveryView>;
  readonly deletionProtection?: Decided<boolean>;
  readonly encryption?: Decided<EncryptionView>;
  readonly contributorInsights?: Decided<boolean>;
  readonly tableClass?: Decided<string>;
  /** The other regions (the stack's own region is never listed here), legacy replicas included. */
  readonly replicas: Decided<ReplicaReport[]>;
  readonly globalSecondaryIndexes: Decided<Array<Decided<IndexView>>>;
  readonly localSecondaryIndexes: Decided<Array<Decided<IndexView>>>;
  readonly vectorIndexes: Decided<Array<Decided<VectorIndexView>>>;
  readonly stream?: Decided<string>;
  readonly timeToLive?: Decided<TimeToLiveView>;
  readonly kinesisStreamingDestinations: Array<{ readonly region: Decided<string>; readonly destination: Decided<KinesisDestinationView> }>;
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
  /** Every alarm counted for the table: its own and its consumers'. */
  readonly alarms: number;
  /** What the template leaves to deploy time (`GlobalSecondaryIndexes is decided at deploy time by condition IsProd`). */
  readonly undecided: string[];
  /** Production defaults this table does not meet, or cannot be judged on; empty when it is ready. */
  readonly gaps: string[];
  readonly ready: boolean;
}

/** The whole report: the `--json` output. */
export interface Report {
  /** Every table meets the production defaults, and no nested stack was left unread. */
  readonly ready: boolean;
  readonly tables: TableReport[];
  /** Nested stacks whose template is not in the folder (a TemplateURL to a template made elsewhere): their tables are not seen. */
  readonly unreadNestedStacks: Array<{ readonly stack: string; readonly logicalId: string }>;
}

/** The report of a template set. */
export function buildReport(set: TemplateSet): Report {
  const tables = reportTables(set);
  const unreadNestedStacks = stacksOf(set).flatMap(stack => stack.unreadNestedStacks.map(logicalId => ({ stack: stack.id, logicalId })));
  return { ready: tables.every(t => t.ready) && unreadNestedStacks.length === 0, tables, unreadNestedStacks };
}

/** The report of every table of every stack (nested stacks too), in stack order. Linear in the number of resources. */
export function reportTables(set: TemplateSet): TableReport[] {
  return stacksOf(set).flatMap(stack => {
    const tables = readTables(stack.template, { stackRegion: stack.environment.region });
    if (tables.length === 0) return [];
    const index = ReferenceIndex.of(stack.template);
    return tables.map(table => reportTable(stack, table, relatedResources(index, table.logicalId)));
  });
}

function gapsOf(checks: CheckResult[]): string[] {
  return checks.flatMap(check => [
    ...check.problems,
    ...check.undecided.map(marker => `${marker.description}: cannot be judged from the template`),
  ]);
}

function reportTable(stack: LoadedStack, table: TableView, related: RelatedResources): TableReport {
  const checks = [checkPointInTimeRecovery(table), checkCustomerManagedKey(table), checkDeletionProtection(table), checkRetained(table)];
  const gaps = [...new Set(gapsOf(checks))];
  const regions = isDeployTime(table.replicas) ? undefined : table.replicas;
  const own = regions?.find(r => r.isStackRegion) ?? (regions && table.type === TABLE_TYPE ? regions[0] : undefined);
  const others: Decided<ReplicaReport[]> = isDeployTime(table.replicas) ? table.replicas : table.replicas.filter(r => r !== own).map(r => ({
    region: r.region,
    source: r.source,
    settingsInTemplate: r.settingsInTemplate,
    pitr: r.pointInTimeRecovery,
    deletionProtection: r.deletionProtection,
    encryption: r.encryption,
    contributorInsights: r.contributorInsights,
    tableClass: r.tableClass,
  }));
  return {
    stack: stack.id,
    stackName: stack.stackName,
    nestedIn: stack.parent ? { stack: stack.parent.id, logicalId: stack.parent.logicalId } : undefined,
    logicalId: table.logicalId,
    constructPath: table.constructPath,
    type: table.type,
    tableName: table.tableName,
    keys: table.keys,
    billing: table.billing,
    inheritedFrom: table.crossAccountSource,
    provisionedMinimumMonthlyCostUsd: provisionedMinimumMonthlyCost(table),
    region: own?.region,
    pitr: own?.pointInTimeRecovery,
    deletionProtection: own?.deletionProtection,
    encryption: own?.encryption,
    contributorInsights: own?.contributorInsights,
    tableClass: own?.tableClass,
    replicas: others,
    globalSecondaryIndexes: table.globalSecondaryIndexes,
    localSecondaryIndexes: table.localSecondaryIndexes,
    vectorIndexes: table.vectorIndexes,
    stream: table.streamViewType,
    timeToLive: table.timeToLive,
    kinesisStreamingDestinations: (regions ?? []).flatMap(r =>
      r.kinesisStreamingDestination ? [{ region: r.region, destination: r.kinesisStreamingDestination }] : []),
    deletionPolicy: table.deletionPolicy,
    updateReplacePolicy: table.updateReplacePolicy,
    ...related,
    alarms: related.tableAlarms + related.consumerAlarms,
    undecided: table.deployTimeValues.map((marker: DeployTimeValue) => marker.description),
    gaps,
    ready: gaps.length === 0,
  };
}

