import { FindingKind, GuardFinding, Severity } from './findings';
import { CfnTemplate, TemplateInputError, TemplateSet, asTemplate, loadTemplates } from '../shared/templates';

const TABLE = 'AWS::DynamoDB::Table';
const GLOBAL_TABLE = 'AWS::DynamoDB::GlobalTable';
const TABLE_TYPES = [TABLE, GLOBAL_TABLE];

interface Resource {
  readonly Type: string;
  readonly Properties?: any;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** The result of comparing two templates or two cloud assemblies. */
export interface GuardResult {
  readonly findings: GuardFinding[];
  /** The stacks present on both sides and compared. */
  readonly stacksCompared: string[];
  /** The number of DynamoDB tables (before) that were compared. */
  readonly tablesCompared: number;
}

/**
 * Compares every `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` of two templates and
 * returns what the update would do to each.
 */
export function compareTemplates(before: unknown, after: unknown, stackName = 'Stack'): GuardFinding[] {
  return new TemplateComparison(stackName, asTemplate(before, 'before'), asTemplate(after, 'after')).findings();
}

/**
 * Compares two template files or two cloud assembly folders (`cdk.out`), stack by stack. A
 * template file compared with an assembly of one stack compares that stack.
 */
export function compareLocations(beforePath: string, afterPath: string): GuardResult {
  return compareTemplateSets(loadTemplates(beforePath), loadTemplates(afterPath));
}

/** Compares two loaded sets of templates, stack by stack. */
export function compareTemplateSets(before: TemplateSet, after: TemplateSet): GuardResult {
  const pairs = pairStacks(before, after);
  const findings: GuardFinding[] = [];
  let tablesCompared = 0;
  for (const [name, b, a] of pairs) {
    const comparison = new TemplateComparison(name, b, a);
    tablesCompared += comparison.tableCount;
    findings.push(...comparison.findings());
  }
  for (const [name, template] of Object.entries(before.stacks)) {
    if (before.singleFile || after.singleFile || name in after.stacks) continue;
    const tables = Object.entries(template.Resources).filter(([, r]) => TABLE_TYPES.includes(r.Type));
    for (const [logicalId, resource] of tables) {
      findings.push(finding('STACK_REMOVED', 'info', name, logicalId, resource.Type, '(stack)', name, undefined,
        `the stack ${name} is not in ${after.source}; \`cdk deploy\` does not delete stacks, so the table stays until the stack is destroyed`,
        'if you mean to remove it, set RETAIN first, then destroy the stack; if the stack was renamed, the new stack creates a new empty table: keep the stack name (stackName) instead.'));
    }
  }
  return { findings, stacksCompared: pairs.map(([name]) => name), tablesCompared };
}

function pairStacks(before: TemplateSet, after: TemplateSet): Array<[string, CfnTemplate, CfnTemplate]> {
  const b = Object.entries(before.stacks);
  const a = Object.entries(after.stacks);
  if (before.singleFile || after.singleFile) {
    if (b.length !== 1 || a.length !== 1) {
      const [many, manySet] = b.length !== 1 ? [b, before] : [a, after];
      throw new TemplateInputError(`${manySet.source} has ${many.length} stacks (${many.map(([n]) => n).join(', ') || 'none'}), so it is unclear which to compare with the template; pass two cdk.out folders, or two template files.`);
    }
    return [[after.singleFile ? b[0][0] : a[0][0], b[0][1], a[0][1]]];
  }
  if (b.length === 0) throw new TemplateInputError(`${before.source}: the cloud assembly has no stacks; synthesize the app first.`);
  if (a.length === 0) throw new TemplateInputError(`${after.source}: the cloud assembly has no stacks; synthesize the app first.`);
  return b.filter(([name]) => name in after.stacks).map(([name, template]) => [name, template, after.stacks[name]]);
}

function finding(kind: FindingKind, severity: Severity, stack: string, logicalId: string, resourceType: string,
  property: string, before: unknown, after: unknown, problem: string, safeChange: string): GuardFinding {
  return { kind, severity, stack, logicalId, resourceType, property, before, after, problem, safeChange };
}

/** JSON with sorted keys, so that equal values compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v))
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]]))
    : v) ?? 'undefined';
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function byName<T>(items: T[] | undefined, key: (item: T) => string): Map<string, T> {
  return new Map((items ?? []).map(item => [key(item), item]));
}

class TemplateComparison {
  private readonly out: GuardFinding[] = [];

  constructor(private readonly stack: string, private readonly before: CfnTemplate, private readonly after: CfnTemplate) {}

  public get tableCount(): number {
    return this.tables(this.before).length;
  }

  public findings(): GuardFinding[] {
    const beforeTables = this.tables(this.before);
    const afterTables = this.tables(this.after);
    const added = afterTables.filter(([id, r]) => this.before.Resources[id]?.Type !== r.Type);
    for (const [logicalId, b] of beforeTables) {
      const a = this.after.Resources[logicalId];
      if (!a || a.Type !== b.Type) {
        this.removed(logicalId, b, added);
      } else {
        new TableComparison(this.stack, logicalId, b, a, this.out).run();
      }
    }
    return this.out;
  }

  private tables(template: CfnTemplate): Array<[string, Resource]> {
    return Object.entries(template.Resources).filter(([, r]) => TABLE_TYPES.includes(r?.Type));
  }

  private removed(logicalId: string, b: Resource, added: Array<[string, Resource]>): void {
    const props = b.Properties ?? {};
    const successor = added.find(([, a]) => a.Type === b.Type && (
      (props.TableName !== undefined && same(props.TableName, a.Properties?.TableName))
      || (same(props.KeySchema, a.Properties?.KeySchema) && same(props.AttributeDefinitions, a.Properties?.AttributeDefinitions)
        && same(indexNames(props), indexNames(a.Properties ?? {})))));
    const retained = b.DeletionPolicy === 'Retain' || b.DeletionPolicy === 'RetainExceptOnCreate';
    const fate = retained
      ? 'the old table is orphaned (RETAIN): it keeps its data but the stack no longer manages it'
      : 'the old table is deleted with all its data (DeletionPolicy is not Retain)';
    if (successor) {
      const fixedName = successor[1].Properties?.TableName !== undefined;
      this.out.push(finding('LOGICAL_ID_CHANGED', 'blocking', this.stack, logicalId, b.Type, '(logical ID)', logicalId, successor[0],
        `the table looks moved to logical ID ${successor[0]} (a renamed or moved construct): CloudFormation creates a new, empty table and ${fate}`
        + (fixedName ? '; with the same fixed TableName the create fails and the deploy rolls back' : ''),
        `keep the old logical ID: (table.node.defaultChild as CfnResource).overrideLogicalId('${logicalId}'), or move it with \`cdk refactor\`; never let CloudFormation recreate a table that holds data.`));
      return;
    }
    this.out.push(finding('TABLE_REMOVED', retained ? 'warning' : 'blocking', this.stack, logicalId, b.Type, '(resource)', 'present', 'absent',
      `the table is removed from the stack: ${fate}`,
      retained
        ? 'if this is intended, nothing is lost; to manage the table again, bring it back with `cdk import`. If not, restore the construct with the same id.'
        : 'set RemovalPolicy.RETAIN (and deploy that) before removing the table, or keep it; a deleted table can only come back from a backup.'));
  }
}

function indexNames(props: any): string[] {
  return [...(props.GlobalSecondaryIndexes ?? []), ...(props.LocalSecondaryIndexes ?? [])].map((i: any) => i.IndexName).sort();
}

class TableComparison {
  private readonly b: any;
  private readonly a: any;
  private readonly global: boolean;

  constructor(private readonly stack: string, private readonly logicalId: string, private readonly before: Resource,
    private readonly after: Resource, private readonly out: GuardFinding[]) {
    this.b = before.Properties ?? {};
    this.a = after.Properties ?? {};
    this.global = before.Type === GLOBAL_TABLE;
  }

  public run(): void {
    this.replacement();
    this.indexes();
    if (this.global) this.replicas();
    this.protection();
    this.timeToLive();
    this.stream();
    this.billing();
  }

  private add(kind: FindingKind, severity: Severity, property: string, before: unknown, after: unknown, problem: string, safeChange: string): void {
    this.out.push(finding(kind, severity, this.stack, this.logicalId, this.before.Type, property, before, after, problem, safeChange));
  }

  private replacement(): void {
    const replaceRetained = this.before.UpdateReplacePolicy === 'Retain';
    const fate = replaceRetained
      ? 'the old table is orphaned (UpdateReplacePolicy Retain) with all the data, and the stack now points at a new, empty table'
      : 'the old table is deleted with all its data (UpdateReplacePolicy is not Retain) and a new, empty one takes its place';
    const fixedName = this.a.TableName !== undefined && same(this.a.TableName, this.b.TableName);
    const outcome = fixedName
      ? `CloudFormation must replace the table but it has a fixed TableName, so the deploy fails ("cannot update a stack when a custom-named resource requires replacing"); without the name, ${fate}`
      : `CloudFormation replaces the table: ${fate}`;
    const migrate = 'create a new table under a new construct id beside the old one, copy the data (export to S3 and import, or a backfill job), move readers and writers, then remove the old table with RETAIN; or restore the old definition and adopt a new table with `cdk import`';
    if (!same(this.b.KeySchema, this.a.KeySchema)) {
      this.add('TABLE_REPLACED', 'blocking', 'KeySchema', this.b.KeySchema, this.a.KeySchema, `the key schema changed: ${outcome}`, migrate + '.');
    } else {
      const keyNames: string[] = (this.b.KeySchema ?? []).map((k: any) => k.AttributeName);
      const types = (props: any) => keyNames.map(name =>
        (props.AttributeDefinitions ?? []).find((d: any) => d.AttributeName === name)?.AttributeType);
      if (!same(types(this.b), types(this.a))) {
        this.add('TABLE_REPLACED', 'blocking', 'AttributeDefinitions', types(this.b), types(this.a), `a key attribute changed type: ${outcome}`, migrate + '.');
      }
    }
    if (!same(this.b.LocalSecondaryIndexes, this.a.LocalSecondaryIndexes)) {
      this.add('TABLE_REPLACED', 'blocking', 'LocalSecondaryIndexes', this.b.LocalSecondaryIndexes, this.a.LocalSecondaryIndexes,
        `local secondary indexes can only be set when a table is created: ${outcome}`,
        `use a global secondary index instead (added in place, one per deploy), or ${migrate}.`);
    }
    if (!same(this.b.TableName, this.a.TableName)) {
      this.add('TABLE_REPLACED', 'blocking', 'TableName', this.b.TableName, this.a.TableName,
        `a table cannot be renamed: CloudFormation replaces the table: ${fate}`,
        `keep the old TableName; if the name must change, ${migrate}.`);
    }
  }

  private indexes(): void {
    const key = (i: any) => i.IndexName;
    const b = byName<any>(this.b.GlobalSecondaryIndexes, key);
    const a = byName<any>(this.a.GlobalSecondaryIndexes, key);
    const added = [...a.keys()].filter(name => !b.has(name));
    const removed = [...b.keys()].filter(name => !a.has(name));
    const changed = [...b.keys()].filter(name => a.has(name)
      && !same([b.get(name).KeySchema, b.get(name).Projection], [a.get(name).KeySchema, a.get(name).Projection]));
    const operations = added.length + removed.length + 2 * changed.length;
    if (operations > 1) {
      this.add('GSI_LIMIT_EXCEEDED', 'blocking', 'GlobalSecondaryIndexes', [...b.keys()], [...a.keys()],
        `${[added.length && `creates ${added.join(', ')}`, removed.length && `deletes ${removed.join(', ')}`, changed.length && `rebuilds ${changed.join(', ')}`].filter(Boolean).join(' and ')}: `
        + 'CloudFormation creates or deletes at most one global secondary index per update and rejects the deploy',
        'add one GSI per deploy (and delete one per deploy), waiting for each to become ACTIVE before the next.');
    }
    for (const name of changed) {
      this.add('GSI_REBUILT', 'blocking', `GlobalSecondaryIndexes[${name}]`,
        { KeySchema: b.get(name).KeySchema, Projection: b.get(name).Projection },
        { KeySchema: a.get(name).KeySchema, Projection: a.get(name).Projection },
        'an index\'s key schema and projection cannot change in place: CloudFormation rejects the update (it would have to delete and rebuild the index)',
        `add a new index under a new name in one deploy, move queries to it once it is ACTIVE, then delete ${name} in a later deploy.`);
    }
    for (const name of removed) {
      this.add('GSI_REMOVED', 'warning', `GlobalSecondaryIndexes[${name}]`, b.get(name), undefined,
        `the index ${name} is deleted: queries that use it fail, and bringing it back means a full backfill`,
        'first deploy code that no longer queries the index, then remove it (one index per deploy).');
    }
    if (operations <= 1) {
      for (const name of added) {
        this.add('GSI_ADDED', 'info', `GlobalSecondaryIndexes[${name}]`, undefined, a.get(name),
          `the index ${name} is created and backfilled from the table; it cannot be queried until ACTIVE (minutes to hours on a large table)`,
          'deploy code that queries the new index only after it is ACTIVE.');
      }
    }
  }

  private replicas(): void {
    const b = byName<any>(this.b.Replicas, r => canonical(r.Region).replace(/"/g, ''));
    const a = byName<any>(this.a.Replicas, r => canonical(r.Region).replace(/"/g, ''));
    const added = [...a.keys()].filter(region => !b.has(region));
    const removed = [...b.keys()].filter(region => !a.has(region));
    if (added.length + removed.length > 1) {
      this.add('REPLICA_LIMIT_EXCEEDED', 'blocking', 'Replicas', [...b.keys()], [...a.keys()],
        `${[added.length && `adds ${added.join(', ')}`, removed.length && `removes ${removed.join(', ')}`].filter(Boolean).join(' and ')}: `
        + 'CloudFormation adds or removes at most one replica per update and rejects the deploy',
        'add or remove one replica region per deploy.');
    }
    for (const region of removed) {
      const protectedReplica = deletionProtected(b.get(region), this.b);
      this.add('REPLICA_REMOVED', 'blocking', `Replicas[${region}]`, b.get(region), undefined,
        protectedReplica
          ? `removing the replica in ${region} deletes that region's table, but it has deletion protection, so the deploy fails`
          : `removing the replica in ${region} deletes that region's table and its data; clients reading or writing there fail`,
        `move traffic out of ${region} first; if the replica has deletion protection, turn it off in one deploy and remove the replica in the next; take a backup if that region's data matters.`);
    }
    for (const region of added) {
      this.add('REPLICA_ADDED', 'info', `Replicas[${region}]`, undefined, a.get(region),
        `a replica is created in ${region} and filled from the table; the update can take hours on a large table`,
        'add one region per deploy; make sure the region has a KMS key when the table uses a customer-managed key.');
    }
  }

  /** The protection settings, per region for a global table. */
  private protection(): void {
    this.retainPolicy('DeletionPolicy', this.before.DeletionPolicy, this.after.DeletionPolicy);
    this.retainPolicy('UpdateReplacePolicy', this.before.UpdateReplacePolicy, this.after.UpdateReplacePolicy);
    const scopes: Array<[string, any, any]> = this.global
      ? [...byName<any>(this.b.Replicas, r => canonical(r.Region).replace(/"/g, ''))].filter(([region]) => (this.a.Replicas ?? []).some((r: any) => canonical(r.Region).replace(/"/g, '') === region))
        .map(([region, replica]) => [`Replicas[${region}].`, replica, (this.a.Replicas as any[]).find(r => canonical(r.Region).replace(/"/g, '') === region)])
      : [['', this.b, this.a]];
    for (const [prefix, b, a] of scopes) {
      const pitrB = b.PointInTimeRecoverySpecification;
      const pitrA = a.PointInTimeRecoverySpecification;
      if (pitrB?.PointInTimeRecoveryEnabled === true && pitrA?.PointInTimeRecoveryEnabled !== true) {
        this.add('PITR_DISABLED', 'warning', `${prefix}PointInTimeRecoverySpecification`, pitrB, pitrA,
          'point-in-time recovery is turned off: the continuous backups are discarded and the table can no longer be restored to a moment before a bad write',
          'keep PITR on; if cost is the reason, shorten RecoveryPeriodInDays instead.');
      } else if (pitrB?.PointInTimeRecoveryEnabled === true && (pitrA.RecoveryPeriodInDays ?? 35) < (pitrB.RecoveryPeriodInDays ?? 35)) {
        this.add('PITR_SHORTENED', 'warning', `${prefix}PointInTimeRecoverySpecification.RecoveryPeriodInDays`, pitrB.RecoveryPeriodInDays ?? 35, pitrA.RecoveryPeriodInDays ?? 35,
          'the point-in-time recovery window is shortened: restore points older than the new window are lost at once',
          'make sure an AWS Backup plan (TableBackupPlan) covers the older history before shortening.');
      }
      if (deletionProtected(b, {}) && !deletionProtected(a, {})) {
        this.add('DELETION_PROTECTION_REMOVED', 'warning', `${prefix}DeletionProtectionEnabled`, true, a.DeletionProtectionEnabled,
          'deletion protection is turned off: the table can now be deleted by a console click, an SDK call or a stack change',
          'turn it off only in the deploy right before an intended deletion, and back it up first.');
      }
      const keyB = b.SSESpecification?.KMSMasterKeyId;
      const keyA = a.SSESpecification?.KMSMasterKeyId;
      if (!same(keyB, keyA)) {
        this.encryption(`${prefix}SSESpecification.KMSMasterKeyId`, keyB, keyA);
      }
    }
    const sseB = { SSEEnabled: this.b.SSESpecification?.SSEEnabled ?? false, SSEType: this.b.SSESpecification?.SSEType };
    const sseA = { SSEEnabled: this.a.SSESpecification?.SSEEnabled ?? false, SSEType: this.a.SSESpecification?.SSEType };
    if (!same(sseB, sseA)) this.encryption('SSESpecification', sseB, sseA);
  }

  private encryption(property: string, before: unknown, after: unknown): void {
    this.add('ENCRYPTION_CHANGED', 'warning', property, before, after,
      'the table is re-encrypted with a different key or key type; backups and exports made before stay encrypted with the old key, and moving off a customer-managed key gives up your key policy',
      'keep the old key enabled (never schedule its deletion) until the table and every backup that needs it are gone; change the key in a deploy of its own.');
  }

  private retainPolicy(attribute: string, before: string | undefined, after: string | undefined): void {
    const retains = (policy?: string) => policy === 'Retain' || policy === 'RetainExceptOnCreate';
    if (retains(before) && !retains(after)) {
      this.add('RETAIN_REMOVED', 'warning', attribute, before, after ?? 'Delete',
        attribute === 'DeletionPolicy'
          ? 'the table is no longer retained: removing it from the stack, or deleting the stack, deletes it and its data'
          : 'the table is no longer retained on replacement: a future replacing change deletes the old table and its data',
        'keep RemovalPolicy.RETAIN on tables that hold data; if you are deleting the table on purpose, back it up first.');
    }
  }

  private timeToLive(): void {
    const b = this.b.TimeToLiveSpecification;
    const a = this.a.TimeToLiveSpecification;
    if (b?.Enabled === true && a?.Enabled === true && !same(b.AttributeName, a.AttributeName)) {
      this.add('TTL_ATTRIBUTE_CHANGED', 'blocking', 'TimeToLiveSpecification.AttributeName', b.AttributeName, a.AttributeName,
        'DynamoDB cannot switch the TTL attribute of a table with TTL on in one update, so the deploy fails',
        'two deploys: turn TTL off (Enabled false) and deploy; then turn it on with the new attribute and deploy, at least an hour later (DynamoDB allows one TTL change per hour).');
    } else if (b?.Enabled === true && a?.Enabled !== true) {
      this.add('TTL_DISABLED', 'warning', 'TimeToLiveSpecification', b, a,
        'time to live is turned off: expired items are no longer deleted and accumulate (storage cost, larger scans); turning it back on takes up to an hour',
        'if you are renaming the attribute, this is the first of two deploys; otherwise keep TTL on.');
    }
  }

  private stream(): void {
    const b = this.b.StreamSpecification?.StreamViewType;
    const a = this.a.StreamSpecification?.StreamViewType;
    if (!b || same(b, a)) return;
    if (a) {
      this.add('STREAM_VIEW_TYPE_CHANGED', 'blocking', 'StreamSpecification.StreamViewType', b, a,
        'DynamoDB cannot change the view type of an enabled stream in one update, so the deploy fails; and the new stream has a new ARN, so every consumer (Lambda event source mappings, pipes, Kinesis adapters) must be re-pointed',
        'two deploys: remove the stream consumers and the stream, deploy; add the stream with the new view type and the consumers, deploy. Expect to miss or replay the changes made in between.');
      return;
    }
    const multiRegion = this.global && (this.a.Replicas ?? []).length > 1;
    this.add('STREAM_DISABLED', multiRegion ? 'blocking' : 'warning', 'StreamSpecification', this.b.StreamSpecification, this.a.StreamSpecification,
      multiRegion
        ? 'a global table with replicas needs its stream (NEW_AND_OLD_IMAGES): the deploy fails'
        : 'the stream is turned off: consumers stop receiving changes, unread records are lost after 24 hours, and a new stream gets a new ARN',
      'remove the consumers first, in their own deploy; keep the stream while any consumer, pipe or replica needs it.');
  }

  private billing(): void {
    const b = this.b.BillingMode ?? 'PROVISIONED';
    const a = this.a.BillingMode ?? 'PROVISIONED';
    if (b === a) return;
    this.add('BILLING_MODE_SWITCHED', 'warning', 'BillingMode', b, a,
      `the table switches from ${b} to ${a}: DynamoDB limits how often a table may switch (a second switch inside the limit window fails the deploy), ${a === 'PROVISIONED' ? 'and provisioned capacity throttles when traffic exceeds it' : 'and on-demand cost follows traffic with no ceiling'}`,
      a === 'PROVISIONED'
        ? 'set capacity from the consumed-capacity metrics of the last weeks, with autoscaling; switch in a deploy of its own.'
        : 'set maximum throughput (MaxReadRequestUnits / MaxWriteRequestUnits) if you need a cost ceiling; switch in a deploy of its own.');
  }
}

function deletionProtected(props: any, table: any): boolean {
  return (props.DeletionProtectionEnabled ?? table.DeletionProtectionEnabled) === true;
}
