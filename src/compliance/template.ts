import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { NagRules } from 'cdk-nag';
import { CheckResult, Decided, LEGACY_REPLICA_TYPE, TableView, isDeployTime, isTableType, readTable } from '../template';

/**
 * A resource as it is written to the template: CloudFormation names, tokens resolved, overrides
 * and escape hatches applied. Rules read this rather than L1 properties, so they see what
 * CloudFormation will see (including resources made with `new CfnResource(...)`).
 */
export interface RenderedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: any;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  readonly metadata?: { [key: string]: any };
}

/** Whether the resource is a DynamoDB table (`AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable`). */
export function isTable(node: CfnResource): boolean {
  return isTableType(node.cfnResourceType);
}

/**
 * The table resource read through the same typed view as the report and the guard: rendered to
 * its template JSON, with the stack's region and the table's legacy replicas in the stack.
 */
export function viewOf(node: CfnResource): TableView {
  const table = render(node);
  const stack = Stack.of(node);
  const legacyReplicas = resourcesInStack(node, LEGACY_REPLICA_TYPE)
    .filter(replica => replica.properties.TableName?.Ref === table.logicalId)
    .map(replica => [replica.logicalId, { Type: replica.type, Properties: replica.properties }] as const);
  return readTable(table.logicalId, {
    Type: table.type,
    Properties: table.properties,
    DeletionPolicy: table.deletionPolicy,
    UpdateReplacePolicy: table.updateReplacePolicy,
    Metadata: table.metadata,
  }, { stackRegion: Token.isUnresolved(stack.region) ? undefined : stack.region, legacyReplicas });
}

/**
 * A check's verdict for cdk-nag. A value the template leaves to deploy time (`Fn::If` on a
 * condition) throws, which cdk-nag reports as a finding that must be looked at: never a silent pass.
 */
export function verdict(check: CheckResult): boolean {
  if (check.undecided.length > 0) {
    throw new Error(`${check.undecided.map(marker => marker.description).join('; ')}: the rule cannot decide from the template`);
  }
  return check.met;
}

/** The value, or (for a value left to deploy time) the same throw as `verdict`. */
export function definite<T>(value: Decided<T>): T {
  if (isDeployTime(value)) verdict({ met: false, problems: [], undecided: [value] });
  return value as T;
}

export function render(node: CfnResource): RenderedResource {
  const stack = Stack.of(node);
  const rendered = stack.resolve((node as any)._toCloudFormation());
  const [logicalId, resource] = Object.entries<any>(rendered.Resources ?? {})[0];
  return {
    logicalId,
    type: resource.Type,
    properties: resource.Properties ?? {},
    deletionPolicy: resource.DeletionPolicy,
    updateReplacePolicy: resource.UpdateReplacePolicy,
    metadata: resource.Metadata,
  };
}

/** Every resource of a CloudFormation type in the stack of `node`, rendered. */
export function resourcesInStack(node: CfnResource, type: string): RenderedResource[] {
  const stack = Stack.of(node);
  return readOnce(stack, `rendered:${type}`, () => cfnResourcesOf(stack).filter(child => child.cfnResourceType === type).map(render));
}

/** The stack's own CloudFormation resources (not those of its nested stacks). */
export function cfnResourcesOf(stack: Stack): CfnResource[] {
  return readOnce(stack, 'resources', () => stack.node.findAll()
    .filter((child): child is CfnResource => CfnResource.isCfnResource(child) && Stack.of(child) === stack));
}

/** The stack's DynamoDB tables by logical ID. */
export function tablesByLogicalId(stack: Stack): Map<string, CfnResource> {
  return readOnce(stack, 'tables', () => new Map(cfnResourcesOf(stack).filter(isTable).map(table => [stack.resolve(table.logicalId) as string, table])));
}

/** What one run of the rule pack has read of each stack, by what was read; undefined outside a run. */
let readInRun: Map<Stack, Map<string, unknown>> | undefined;

/** `read()` once per stack and key during a run of the rule pack; every time outside one. */
function readOnce<T>(stack: Stack, key: string, read: () => T): T {
  if (!readInRun) return read();
  let readings = readInRun.get(stack);
  if (!readings) readInRun.set(stack, readings = new Map());
  if (!readings.has(key)) readings.set(key, read());
  return readings.get(key) as T;
}

/**
 * Runs the rule pack over a tree with each stack searched once, and its resources of a type
 * rendered once: rules that look for other resources of the stack (a table's alarms, backup
 * selections, replicas, a mapping's table) would otherwise do so once per resource they check.
 * The tree does not change while the rules read it.
 */
export function withStacksReadOnce<T>(run: () => T): T {
  const outer = readInRun;
  readInRun = outer ?? new Map();
  try {
    return run();
  } finally {
    readInRun = outer;
  }
}

/**
 * A value that must be a literal (not an intrinsic) for the rule to decide. An intrinsic makes the
 * rule throw, which cdk-nag reports as a finding that must be looked at, never a silent pass.
 */
export function literal(node: CfnResource, value: any): any {
  return NagRules.resolveIfPrimitive(node, value);
}

/** True only for the literal `true`. */
export function isTrue(node: CfnResource, value: any): boolean {
  return literal(node, value) === true;
}

/**
 * How a template value can name a table: by reference to its logical ID (`Ref`, `Fn::GetAtt`) or,
 * for a table with a literal name, by `table/<name>` in an ARN.
 */
export class TableReference {
  /** The table's literal name, if the template gives one. */
  public readonly tableName?: string;
  private readonly logicalId: string;
  private readonly logicalIdPattern: RegExp;
  private readonly namePattern?: RegExp;

  constructor(table: RenderedResource) {
    this.logicalId = table.logicalId;
    this.logicalIdPattern = new RegExp(`"${escape(table.logicalId)}"`);
    const name = table.properties.TableName;
    this.tableName = typeof name === 'string' ? name : undefined;
    this.namePattern = this.tableName !== undefined ? new RegExp(`table/${escape(this.tableName)}(?![\\w.-])`) : undefined;
  }

  /** Whether the value (any JSON) refers to the table. */
  public isIn(value: any): boolean {
    if (value === undefined) return false;
    const text = JSON.stringify(value);
    return this.logicalIdPattern.test(text) || (this.namePattern?.test(text) ?? false);
  }

  /** Whether the value is the table's name: a `Ref` to the table or its literal name. */
  public isName(value: any): boolean {
    if (typeof value === 'string') return value === this.tableName;
    return value?.Ref === this.logicalId;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
