import { GuardStack, StackTemplate } from './stack-tree';
import { TemplateInputError } from '../template/errors';
import { LoadedStack, TemplateSet, stacksOf } from '../template/loader';

/** The stacks of a loaded set, each with its nested stacks as a tree. */
export function guardStacks(set: TemplateSet): GuardStack[] {
  const loaded = stacksOf(set);
  const children = new Map<string, LoadedStack[]>();
  for (const stack of loaded) {
    if (stack.parent) children.set(stack.parent.id, [...children.get(stack.parent.id) ?? [], stack]);
  }
  const build = (stack: LoadedStack, path: string): StackTemplate => ({
    path,
    template: stack.template,
    nested: Object.fromEntries((children.get(stack.id) ?? []).map(child => [child.parent!.logicalId, build(child, `${path}/${child.parent!.logicalId}`)])),
  });
  return loaded.filter(stack => !stack.parent).map(stack => ({
    displayName: stack.id,
    stackName: stack.stackName,
    account: stack.environment.account,
    region: stack.environment.region,
    root: build(stack, stack.id),
  }));
}

/** Unknown (environment-agnostic) matches anything: the same stack synthesized with and without an env. */
function sameEnvironment(a: GuardStack, b: GuardStack): boolean {
  const same = (x?: string, y?: string) => x === undefined || y === undefined || x === y;
  return same(a.account, b.account) && same(a.region, b.region);
}

/** A stack of `before` and the stack it becomes in `after`. */
export interface StackPair {
  /** What findings call the stack: its name on the `after` side. */
  readonly name: string;
  readonly before: GuardStack;
  readonly after: GuardStack;
}

/**
 * Pairs stacks by what CloudFormation deploys to: the stack name and environment, not the
 * artifact id (renaming the artifact with a pinned `stackName` updates the same stack). A template
 * file compared with anything pairs with the one stack on the other side.
 */
export function pairStacks(before: TemplateSet, after: TemplateSet): { pairs: StackPair[]; removed: GuardStack[] } {
  const b = guardStacks(before);
  const a = guardStacks(after);
  if (before.singleFile || after.singleFile) {
    if (b.length !== 1 || a.length !== 1) {
      const [many, manySet] = b.length !== 1 ? [b, before] : [a, after];
      throw new TemplateInputError(`${manySet.source} has ${many.length} stacks (${many.map(s => s.displayName).join(', ') || 'none'}), so it is unclear which to compare with the template; pass two cdk.out folders, or two template files.`);
    }
    const name = after.singleFile ? b[0].displayName : a[0].displayName;
    return { pairs: [{ name, before: b[0], after: a[0] }], removed: [] };
  }
  if (b.length === 0) throw new TemplateInputError(`${before.source}: the cloud assembly has no stacks; synthesize the app first.`);
  if (a.length === 0) throw new TemplateInputError(`${after.source}: the cloud assembly has no stacks; synthesize the app first.`);
  const pairs: StackPair[] = [];
  const removed: GuardStack[] = [];
  const taken = new Set<GuardStack>();
  for (const stack of b) {
    const match = a.find(s => !taken.has(s) && s.stackName === stack.stackName && sameEnvironment(s, stack));
    if (!match) {
      removed.push(stack);
      continue;
    }
    taken.add(match);
    pairs.push({ name: match.displayName, before: stack, after: match });
  }
  return { pairs, removed };
}
