import { diffStack } from './engine';
import { GuardFinding } from './findings';
import { findMoves } from './moves';
import { GUARD_RULES, TableUpdate, UpdateContext } from './rules';
import { GuardStack, StackTemplate, allResources } from './stack-tree';
import { pairStacks } from './stacks';
import { TemplateSet, asTemplate, isTableType, loadTemplates, readTables } from '../template';

/** The result of comparing two templates or two cloud assemblies. */
export interface GuardResult {
  readonly findings: GuardFinding[];
  /** The stacks present on both sides and compared (matched by CloudFormation stack name and environment). */
  readonly stacksCompared: string[];
  /** The number of DynamoDB tables (before, nested stacks included) that were compared. */
  readonly tablesCompared: number;
}

/**
 * Compares two templates and returns what the update would do to every table and every other
 * resource that holds data.
 */
export function compareTemplates(before: unknown, after: unknown, stackName = 'Stack'): GuardFinding[] {
  const set = (value: unknown, side: string): TemplateSet => ({ source: side, singleFile: true, stacks: { [stackName]: asTemplate(value, side) } });
  return compareTemplateSets(set(before, 'before'), set(after, 'after')).findings;
}

/**
 * Compares two template files or two cloud assembly folders (`cdk.out`), stack by stack, nested
 * stacks included. A template file compared with an assembly of one stack compares that stack.
 */
export function compareLocations(beforePath: string, afterPath: string): GuardResult {
  return compareTemplateSets(loadTemplates(beforePath), loadTemplates(afterPath));
}

/** Compares two loaded sets of templates, stack by stack. */
export function compareTemplateSets(before: TemplateSet, after: TemplateSet): GuardResult {
  const { pairs, removed } = pairStacks(before, after);
  const findings: GuardFinding[] = [];
  let tablesCompared = 0;
  for (const pair of pairs) {
    const result = compareStacks(pair.name, pair.before, pair.after);
    tablesCompared += result.tablesCompared;
    findings.push(...result.findings);
  }
  for (const stack of removed) {
    for (const { template, logicalId, resource } of allResources(stack.root)) {
      if (!isTableType(resource.Type)) continue;
      findings.push({
        kind: 'STACK_REMOVED',
        severity: 'info',
        stack: template.path,
        logicalId,
        resourceType: resource.Type,
        property: '(stack)',
        before: stack.stackName,
        after: undefined,
        problem: `the stack ${stack.stackName} is not in ${after.source}; \`cdk deploy\` does not delete stacks, so the table stays until the stack is destroyed`,
        safeChange: 'if you mean to remove it, set RETAIN first, then destroy the stack; if the stack was renamed, the new stack creates a new empty table: keep the stack name (stackName) instead.',
      });
    }
  }
  return { findings, stacksCompared: pairs.map(p => p.name), tablesCompared };
}

/** The same tree under another root name, so that both sides of a renamed artifact have the same paths. */
function rooted(template: StackTemplate, path: string): StackTemplate {
  return {
    path,
    template: template.template,
    nested: Object.fromEntries(Object.entries(template.nested).map(([id, nested]) => [id, rooted(nested, `${path}/${id}`)])),
  };
}

/** Tables on both sides under the same logical ID and type, in every template both sides keep. */
function tableUpdates(before: StackTemplate, after: StackTemplate, stackRegion?: string): TableUpdate[] {
  const afterTables = new Map(readTables(after.template, { stackRegion }).map(t => [t.logicalId, t]));
  const out: TableUpdate[] = [];
  for (const table of readTables(before.template, { stackRegion })) {
    const next = afterTables.get(table.logicalId);
    if (next && next.type === table.type) {
      const templates = { beforeTemplate: before.template, afterTemplate: after.template };
      out.push({ path: before.path, logicalId: table.logicalId, before: table, after: next, ...templates });
    }
  }
  for (const [id, nested] of Object.entries(before.nested)) {
    if (after.nested[id] && before.template.Resources[id]?.Type === after.template.Resources[id]?.Type) {
      out.push(...tableUpdates(nested, after.nested[id], stackRegion));
    }
  }
  return out;
}

/** Compares one stack (and its nested stacks) before and after. */
export function compareStacks(name: string, before: GuardStack, after: GuardStack): { findings: GuardFinding[]; tablesCompared: number } {
  const b = rooted(before.root, name);
  const a = rooted(after.root, name);
  const region = after.region ?? before.region;
  const changes = diffStack(b, a);
  const context: UpdateContext = {
    stack: name,
    region,
    before: b,
    after: a,
    changes,
    moves: findMoves(changes),
    tables: tableUpdates(b, a, region),
  };
  const findings = GUARD_RULES.flatMap(rule => rule.check(context));
  const tablesCompared = allResources(b).filter(r => isTableType(r.resource.Type)).length;
  return { findings, tablesCompared };
}
