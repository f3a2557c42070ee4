import { TableView } from '../../template/table-view';
import { CfnResourceJson, CfnTemplate } from '../../template/template-json';
import { ResourceChange } from '../engine';
import { FindingKind, GuardFinding, Severity } from '../findings';
import { Move } from '../moves';
import { StackTemplate } from '../stack-tree';
import { effectiveDeletionPolicy, snapshotsBeforeDeleting } from '../stateful-kinds';

/** A table that exists before and after under the same logical ID and type, read into its typed view. */
export interface TableUpdate {
  /** The template the table is in. */
  readonly path: string;
  readonly logicalId: string;
  readonly before: TableView;
  readonly after: TableView;
  /** The templates the table is in, for the resources tied to it (legacy replicas). */
  readonly beforeTemplate: CfnTemplate;
  readonly afterTemplate: CfnTemplate;
}

/** What every rule sees of one stack's update. */
export interface UpdateContext {
  /** The stack, as findings name it. */
  readonly stack: string;
  /** The stack's region, when the cloud assembly says. */
  readonly region?: string;
  readonly before: StackTemplate;
  readonly after: StackTemplate;
  /** Every resource that changes, nested stacks included, as `@aws-cdk/cloudformation-diff` sees it. */
  readonly changes: readonly ResourceChange[];
  /** Removed and added resources paired as one resource moved (a renamed construct). */
  readonly moves: readonly Move[];
  /** Every table present on both sides under the same logical ID and type. */
  readonly tables: readonly TableUpdate[];
}

/**
 * One rule of the guard, as cdk-nag has one rule per file: it looks at the update and returns
 * what it finds. Rules never throw on a template CloudFormation accepts.
 */
export interface GuardRule {
  /** The finding kinds this rule can return. */
  readonly kinds: readonly FindingKind[];
  check(context: UpdateContext): GuardFinding[];
}

/** Where a finding is: the template path, logical ID and resource type. */
export interface FindingPlace {
  readonly path: string;
  readonly logicalId: string;
  readonly resourceType: string;
}

export function finding(kind: FindingKind, severity: Severity, place: FindingPlace, property: string,
  before: unknown, after: unknown, problem: string, safeChange: string): GuardFinding {
  const { path: stack, logicalId, resourceType } = place;
  return { kind, severity, stack, logicalId, resourceType, property, before, after, problem, safeChange };
}

/** A table update as a finding place. */
export function tablePlace(table: TableUpdate): FindingPlace {
  return { path: table.path, logicalId: table.logicalId, resourceType: table.before.type };
}

/** A change as a finding place (the type before the update, or after for a created resource). */
export function changePlace(change: ResourceChange): FindingPlace {
  return { path: change.path, logicalId: change.logicalId, resourceType: change.before?.Type ?? change.after?.Type ?? '(unknown)' };
}

/** JSON with sorted keys, so that equal values compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v))
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]]))
    : v) ?? 'undefined';
}

export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export const RETAINING = ['Retain', 'RetainExceptOnCreate'];

/** DeletionPolicy keeps the resource when it leaves the stack. */
export function retainedOnRemoval(resource: { DeletionPolicy?: string } | undefined): boolean {
  return RETAINING.includes(resource?.DeletionPolicy as string);
}

/** How the data of a resource CloudFormation deletes from the stack survives, if it does. */
export type Kept = 'retained' | 'snapshot' | undefined;

/** What the resource's DeletionPolicy (CloudFormation's default included) keeps when it leaves the stack. */
export function keptOnDeletion(resource: CfnResourceJson): Kept {
  const policy = effectiveDeletionPolicy(resource);
  if (RETAINING.includes(policy)) return 'retained';
  return snapshotsBeforeDeleting(resource.Type, policy) ? 'snapshot' : undefined;
}

/** A number as CloudFormation reads one (a number, or a string of one); undefined for an intrinsic. */
export function literalNumber(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * A boolean as CloudFormation reads one (true, false, or those words in any case); undefined for
 * an intrinsic or anything else.
 */
export function literalBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

/** A resource's `Enabled` as CloudFormation reads it: true unless the template says false; an intrinsic is decided at deploy. */
export function enabledFlag(properties: any): boolean | 'decided at deploy' {
  if (properties?.Enabled === undefined) return true;
  return literalBoolean(properties.Enabled) ?? 'decided at deploy';
}
