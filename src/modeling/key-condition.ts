/**
 * The key condition of a pattern on one key space (the table or an index). One function builds
 * it for the runtime request builders (real values), the docs and `design check` (placeholders),
 * and the planner (to ask whether a condition exists at all), so they cannot disagree.
 */
import { RangeOperator } from './document';
import { KeyTemplate, MAX_CHAR, literalAfter, prefixThrough, render } from './key-template';

/** How a pattern reads one key space: the templates of its entity there and what it fixes. */
export interface KeyPlan {
  /** The partition template (shared by every entity of an item collection). */
  readonly partition: KeyTemplate;
  /** The sort template of the pattern's (first) entity. */
  readonly sort: KeyTemplate;
  /** How many leading sort placeholders the pattern gives by equality. */
  readonly sortEquals: number;
  readonly range?: { readonly attribute: string; readonly operator: RangeOperator };
  /** An item collection: every entity in the partition is wanted, so no sort condition selects one. */
  readonly collection: boolean;
  /** No other entity can share the partition, so the sort key needs not tell entities apart. */
  readonly exclusive: boolean;
}

export interface KeyConditionParts {
  /** e.g. `#pk = :pk AND begins_with(#sk, :sk)` */
  readonly expression: string;
  /** `:pk`, `:sk`, `:lo`, `:hi` → the string each stands for. */
  readonly values: { [placeholder: string]: string };
  /** Whether the condition names the sort key. */
  readonly usesSortKey: boolean;
}

/** Parameter values: an attribute's value, or `[from, to]` for a `between` range. */
export type PatternParams = { [attribute: string]: unknown };

/**
 * The condition, or a reason in words when one key condition cannot select exactly the wanted
 * items (the planner then looks for another key space).
 */
export function keyCondition(plan: KeyPlan, params: PatternParams): KeyConditionParts | string {
  const pk = render(plan.partition, params);
  if (typeof pk !== 'string') return `needs ${pk.missing.join(', ')}`;
  const sort = sortCondition(plan, params);
  if (typeof sort === 'string') return sort;
  if (!sort) return { expression: '#pk = :pk', values: { ':pk': pk }, usesSortKey: false };
  return { expression: `#pk = :pk AND ${sort.expression}`, values: { ':pk': pk, ...sort.values }, usesSortKey: true };
}

function sortCondition(plan: KeyPlan, params: PatternParams): { expression: string; values: { [k: string]: string } } | undefined | string {
  const { sort, sortEquals: k } = plan;
  if (!plan.range) {
    if (plan.collection) return undefined;
    if (k === sort.attributes.length) {
      const full = render(sort, params);
      if (typeof full !== 'string') return `needs ${full.missing.join(', ')}`;
      if (k === 0 && plan.exclusive) return undefined;
      return { expression: '#sk = :sk', values: { ':sk': full } };
    }
    const prefix = prefixThrough(sort, k, params);
    if (prefix === '') return plan.exclusive ? undefined : `cannot tell this entity from others in the partition: sort key "${sort.text}" starts with a placeholder`;
    return { expression: 'begins_with(#sk, :sk)', values: { ':sk': prefix } };
  }
  if (sort.attributes[k] !== plan.range.attribute) return `the sort key "${sort.text}" does not have "${plan.range.attribute}" after the attributes given by equality`;
  const p = prefixThrough(sort, k, params);
  if (p === '' && !plan.exclusive && !plan.collection) return `cannot tell this entity from others in the partition: sort key "${sort.text}" starts with a placeholder`;
  const lit = literalAfter(sort, k);
  const moreAttributes = sort.attributes.length > k + 1;
  const suffix = moreAttributes ? lit + MAX_CHAR : lit;
  const value = (name: string, v: unknown) => {
    if (v === undefined || v === null || v === '') throw new PatternParamError(name);
    return String(v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v);
  };
  const attr = plan.range.attribute;
  const between = (lo: string, hi: string) => ({ expression: '#sk BETWEEN :lo AND :hi', values: { ':lo': lo, ':hi': hi } });
  const compare = (op: string, v: string) => ({ expression: `#sk ${op} :sk`, values: { ':sk': v } });
  switch (plan.range.operator) {
    case 'between': {
      const bounds = params[attr];
      if (!Array.isArray(bounds) || bounds.length !== 2) throw new PatternParamError(attr, 'a [from, to] pair');
      return between(p + value(attr, bounds[0]), p + value(attr, bounds[1]) + suffix);
    }
    case 'begins_with':
      return { expression: 'begins_with(#sk, :sk)', values: { ':sk': p + value(attr, params[attr]) } };
    case '=': {
      const v = p + value(attr, params[attr]) + lit;
      return moreAttributes ? { expression: 'begins_with(#sk, :sk)', values: { ':sk': v } } : compare('=', v);
    }
    case '<=': {
      const v = value(attr, params[attr]);
      return p ? between(p, p + v + suffix) : compare('<=', v + suffix);
    }
    case '>=': {
      const v = value(attr, params[attr]);
      return p ? between(p + v, p + MAX_CHAR) : compare('>=', v);
    }
    case '<': {
      const v = value(attr, params[attr]);
      if (!p) return compare('<', v);
      if (suffix) return between(p, p + v);
      return plan.exclusive ? compare('<', p + v) : `a strict "<" on the last part of "${sort.text}" cannot also keep other entities out of the partition`;
    }
    case '>': {
      const v = value(attr, params[attr]);
      const above = moreAttributes ? p + v + lit + MAX_CHAR : p + v + lit + '\u0000';
      return p ? between(above, p + MAX_CHAR) : compare('>', moreAttributes ? v + lit + MAX_CHAR : v + lit);
    }
  }
}

/** A parameter of a request builder is missing or of the wrong form. */
export class PatternParamError extends Error {
  constructor(public readonly attribute: string, expected = 'a value') {
    super(`"${attribute}" must be ${expected}`);
    this.name = 'PatternParamError';
  }
}

/** Placeholder parameters (`{customerId}`, `[{orderDate.from}, {orderDate.to}]`) for docs and checks. */
export function symbolicParams(attributes: string[], range?: { attribute: string; operator: RangeOperator }): PatternParams {
  const params: PatternParams = Object.fromEntries(attributes.map(a => [a, `{${a}}`]));
  if (range) params[range.attribute] = range.operator === 'between' ? [`{${range.attribute}.from}`, `{${range.attribute}.to}`] : `{${range.attribute}}`;
  return params;
}

/** The condition in words, with the key names and values written in: `PK = "CUSTOMER#{customerId}" AND ...`. */
export function describeCondition(parts: KeyConditionParts, pkName: string, skName: string): string {
  return parts.expression
    .replace(/#pk/g, pkName).replace(/#sk/g, skName)
    .replace(/:(pk|sk|lo|hi)\b/g, (_, name) => JSON.stringify(parts.values[`:${name}`]).replace(/\\u[0-9a-f]{4}|[\u{10000}-\u{10FFFF}]/giu, m => m === '\\u0000' ? '\\u0000' : '\\u{10FFFF}'));
}
