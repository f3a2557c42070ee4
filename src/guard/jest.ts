import { GuardResult, compareLocations, compareTemplateSets } from './compare';
import { GuardFinding, Severity } from './findings';
import { formatFinding } from './format';
import { TemplateSet, asTemplate, loadTemplates } from '../template';

/** A template (parsed JSON), a template file, or a cdk.out folder. */
export type TemplateSource = string | object;

/** Options of `expectSafeUpdate`. */
export interface SafeUpdateOptions {
  /**
   * The severities that fail the assertion.
   *
   * @default ['blocking'] - data loss or a failing deploy
   */
  readonly failOn?: Severity[];
  /** Finding kinds you accept for this change (e.g. `['GSI_REMOVED']`). */
  readonly allow?: string[];
}

function asSet(source: TemplateSource, side: string): TemplateSet | string {
  if (typeof source === 'string') return source;
  return { source: side, singleFile: true, stacks: { Stack: asTemplate(source, side) } };
}

/** Compares and returns the result, without asserting. */
export function checkUpdate(before: TemplateSource, after: TemplateSource): GuardResult {
  const b = asSet(before, 'before');
  const a = asSet(after, 'after');
  if (typeof b === 'string' && typeof a === 'string') return compareLocations(b, a);
  return compareTemplateSets(typeof b === 'string' ? loadTemplates(b) : b, typeof a === 'string' ? loadTemplates(a) : a);
}

/**
 * Throws, listing each finding and its safe way, when updating `before` to `after` would lose
 * data or fail the deploy. Use it in a jest test against a committed baseline:
 *
 *   const after = Template.fromStack(stack).toJSON();
 *   expectSafeUpdate('test/baseline/OrdersStack.template.json', after);
 *
 * Returns the findings that did not fail, so a test can look at warnings too.
 */
export function expectSafeUpdate(before: TemplateSource, after: TemplateSource, options: SafeUpdateOptions = {}): GuardFinding[] {
  const failOn = options.failOn ?? ['blocking'];
  const allow = new Set(options.allow ?? []);
  const { findings } = checkUpdate(before, after);
  const failing = findings.filter(f => failOn.includes(f.severity) && !allow.has(f.kind));
  if (failing.length > 0) {
    const error = new Error(`expected the update to be safe, but ${failing.length} finding(s) would lose data or fail the deploy:\n\n${failing.map(formatFinding).join('\n\n')}`);
    error.name = 'UnsafeUpdateError';
    throw error;
  }
  return findings;
}
