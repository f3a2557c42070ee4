import { GuardFinding } from '../findings';
import { StackTemplate } from '../stack-tree';
import { effectiveDeletionPolicy, statefulKindOf } from '../stateful-kinds';
import { GuardRule, canonical, finding, keptOnDeletion, same } from './rule';
import { isTableType } from '../../template/resource-types';
import { CfnTemplate } from '../../template/template-json';

/** A condition's definition with every condition it refers to (`{"Condition": name}`), as comparable JSON. */
function definitionOf(template: CfnTemplate, name: string): string {
  const conditions: { [name: string]: unknown } = (template as any).Conditions ?? {};
  const seen = new Map<string, unknown>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {value.forEach(visit);} else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'Condition' && typeof inner === 'string') refer(inner);
        else visit(inner);
      }
    }
  };
  const refer = (condition: string): void => {
    if (seen.has(condition)) return;
    const definition = Object.prototype.hasOwnProperty.call(conditions, condition) ? conditions[condition] : undefined;
    seen.set(condition, definition);
    visit(definition);
  };
  refer(name);
  return canonical([...seen].sort(([a], [b]) => a.localeCompare(b)));
}

/** Each template present on both sides (a stack, and the nested stacks kept under the same logical ID). */
function* templatePairs(before: StackTemplate, after: StackTemplate): Generator<[string, CfnTemplate, CfnTemplate]> {
  yield [after.path, before.template, after.template];
  for (const [id, nested] of Object.entries(after.nested)) {
    if (before.nested[id] && before.template.Resources[id]?.Type === after.template.Resources[id]?.Type) {
      yield* templatePairs(before.nested[id], nested);
    }
  }
}

/**
 * A table, or another resource that holds data, that now exists only where a condition is true:
 * its `Condition` was added, renamed, or its definition changed. Where the condition is false,
 * CloudFormation deletes the resource on this deploy, by its DeletionPolicy. The diff does not see
 * it when only the Conditions section changed, so every resource kept on both sides is read.
 */
export const conditionalExistence: GuardRule = {
  kinds: ['CONDITION_ADDED'],
  check: ({ before, after }) => {
    const out: GuardFinding[] = [];
    for (const [path, beforeTemplate, afterTemplate] of templatePairs(before, after)) {
      for (const [logicalId, resource] of Object.entries(afterTemplate.Resources ?? {})) {
        const old = beforeTemplate.Resources?.[logicalId];
        if (!old || !resource || old.Type !== resource.Type || resource.Condition === undefined) continue;
        const table = isTableType(resource.Type);
        const kind = table ? undefined : statefulKindOf(resource.Type);
        if (!table && !kind) continue;
        const condition = resource.Condition;
        const unchanged = typeof condition === 'string' && same(old.Condition, condition)
          && definitionOf(beforeTemplate, condition) === definitionOf(afterTemplate, condition);
        if (unchanged) continue;
        const kept = keptOnDeletion(resource);
        const fate = kept === 'retained' ? 'takes it out of the stack and it is orphaned (DeletionPolicy Retain): it stays in the account with its data, unmanaged'
          : kept === 'snapshot' ? 'deletes it after a final snapshot (DeletionPolicy Snapshot): the data survives in the snapshot only'
            : undefined;
        const noun = table ? 'the table' : kind!.noun;
        const what = old.Condition === undefined ? `now exists only where the condition ${JSON.stringify(condition)} is true`
          : `exists only where the condition ${JSON.stringify(condition)} is true, and that condition changed`;
        out.push(finding('CONDITION_ADDED', fate ? 'warning' : 'blocking', { path, logicalId, resourceType: resource.Type }, 'Condition',
          old.Condition ?? '(none)', condition,
          `${noun} ${what}: where it is false, this deploy ${fate ?? `deletes it with its data (DeletionPolicy ${effectiveDeletionPolicy(resource)})`}`,
          'check the condition\'s value in every environment the stack deploys to; keep resources that hold data out of conditions, '
          + 'or set RemovalPolicy.RETAIN and deploy that first; accept it with allow: [\'CONDITION_ADDED\'] once checked.'));
      }
    }
    return out;
  },
};
