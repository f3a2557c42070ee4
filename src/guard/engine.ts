import { ResourceImpact as DiffImpact, fullDiff } from '@aws-cdk/cloudformation-diff';
import { StackTemplate, emptyTemplate } from './stack-tree';
import { CfnResourceJson } from '../template/template-json';

/**
 * `@aws-cdk/cloudformation-diff`'s ResourceImpact values, declared here so that the guard's
 * declarations do not depend on that package's types (which name its peer
 * `@aws-sdk/client-cloudformation`).
 */
export const ResourceImpact = {
  WILL_UPDATE: 'WILL_UPDATE',
  WILL_CREATE: 'WILL_CREATE',
  WILL_REPLACE: 'WILL_REPLACE',
  MAY_REPLACE: 'MAY_REPLACE',
  WILL_DESTROY: 'WILL_DESTROY',
  WILL_ORPHAN: 'WILL_ORPHAN',
  WILL_IMPORT: 'WILL_IMPORT',
  NO_CHANGE: 'NO_CHANGE',
} as const;
export type ResourceImpact = typeof ResourceImpact[keyof typeof ResourceImpact];

/**
 * What CloudFormation will do to one resource, as `cdk diff` computes it: `@aws-cdk/cloudformation-diff`
 * reads, from the CloudFormation resource specification, which property changes replace a resource
 * (and propagates replacement to resources that reference a replaced one). The guard's rules judge
 * these changes; none of them hand-writes which property replaces what.
 */
export interface ResourceChange {
  /** The template the resource is in (`OrdersStack`, or `OrdersStack/<nested stack logical ID>`). */
  readonly path: string;
  readonly logicalId: string;
  /** The resource before the update; undefined when it is created. */
  readonly before?: CfnResourceJson;
  /** The resource after the update; undefined when it is removed (or its nested stack is). */
  readonly after?: CfnResourceJson;
  /** WILL_UPDATE, WILL_REPLACE, MAY_REPLACE, WILL_DESTROY, WILL_ORPHAN, WILL_CREATE. */
  readonly impact: ResourceImpact;
  /** The properties whose change replaces (WILL_REPLACE) or may replace (MAY_REPLACE) the resource. */
  readonly replacingProperties: ReadonlyArray<{ readonly property: string; readonly impact: ResourceImpact }>;
  /** The resource type changed under the same logical ID (CloudFormation rejects this). */
  readonly typeChanged: boolean;
}

/** The resource types' names, for messages. */
export function typeOf(change: ResourceChange): string {
  return change.before?.Type ?? change.after?.Type ?? '(unknown)';
}

/**
 * Every resource that changes between two versions of a stack, its nested stacks included. A
 * nested stack that is removed (or whose resource changes type) takes every resource in it along:
 * each is destroyed or orphaned by its own DeletionPolicy, as CloudFormation does when it deletes
 * the nested stack.
 */
export function diffStack(before: StackTemplate | undefined, after: StackTemplate | undefined): ResourceChange[] {
  const path = (after ?? before)!.path;
  const b = before ?? emptyTemplate(path);
  const a = after ?? emptyTemplate(path);
  const out: ResourceChange[] = [];
  const diff = fullDiff(b.template as any, a.template as any);
  diff.resources.forEachDifference((logicalId, change) => {
    if (!change.isDifferent) return;
    out.push({
      path,
      logicalId,
      before: change.oldValue as CfnResourceJson | undefined,
      after: change.newValue as CfnResourceJson | undefined,
      impact: change.changeImpact as ResourceImpact,
      replacingProperties: Object.entries(change.propertyUpdates)
        .filter(([, p]) => p.changeImpact === DiffImpact.WILL_REPLACE || p.changeImpact === DiffImpact.MAY_REPLACE)
        .map(([property, p]) => ({ property, impact: p.changeImpact as ResourceImpact })),
      typeChanged: change.oldValue !== undefined && change.newValue !== undefined && change.oldValue.Type !== change.newValue.Type,
    });
  });
  for (const id of new Set([...Object.keys(b.nested), ...Object.keys(a.nested)])) {
    const kept = b.template.Resources[id]?.Type === a.template.Resources[id]?.Type;
    if (b.nested[id] && a.nested[id] && kept) {
      out.push(...diffStack(b.nested[id], a.nested[id]));
    } else {
      if (b.nested[id]) out.push(...diffStack(b.nested[id], undefined));
      if (a.nested[id]) out.push(...diffStack(undefined, a.nested[id]));
    }
  }
  return out;
}

/** The resource will no longer exist as it was: replaced, or removed from the stack. */
export function isGone(change: ResourceChange): boolean {
  return change.after === undefined || change.typeChanged
    || change.impact === ResourceImpact.WILL_REPLACE || change.impact === ResourceImpact.MAY_REPLACE;
}

