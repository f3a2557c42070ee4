/**
 * Generated sample items for every entity, and the parameters each pattern is tried with: what
 * `design verify` writes and queries, and what the docs and the Workbench model show. Values are
 * deterministic, so generated files only change when the design does.
 */
import { DerivedDesign } from './derive';
import { AccessPatternDocument, entitiesOf } from './document';
import { PatternParams } from './key-condition';

export const SAMPLES_PER_ENTITY = 4;

export interface SampleItem {
  readonly entity: string;
  /** The entity's attributes (without the generic keys). */
  readonly attributes: { [attribute: string]: unknown };
}

const DATE_LIKE = /(date|day|at|since|time)$/i;

function sampleValue(attribute: string, type: string, k: number): unknown {
  switch (type) {
    case 'S': return DATE_LIKE.test(attribute) ? `2026-0${k + 1}-15` : `${attribute}-${k + 1}`;
    // Across a digit boundary, so that a range over a number in a string key shows its text order.
    case 'N': return [9, 10, 99, 100][k] ?? k;
    case 'B': return new Uint8Array([k + 1]);
    case 'BOOL': return k % 2 === 0;
    case 'M': return { note: `${attribute}-${k + 1}` };
    case 'L': return [`${attribute}-${k + 1}`];
    case 'SS': return new Set([`${attribute}-${k + 1}`]);
    case 'NS': return new Set([k + 1]);
    default: return new Set([new Uint8Array([k + 1])]);
  }
}

/**
 * `SAMPLES_PER_ENTITY` items per entity. The attribute that makes an item's key unique (the last
 * placeholder of its table key) counts 1..n; every other attribute takes two values, so related
 * entities share them (orders of customer-1 and customer-2). Partition attributes alternate item
 * by item and the others pair by pair, so that within one partition the rest still differ and
 * ranges have something to exclude.
 * Attributes that make a pattern sparse are left out of every second item.
 */
export function sampleItems(derived: DerivedDesign): SampleItem[] {
  const items: SampleItem[] = [];
  const sparse = new Set(derived.document.accessPatterns.map(p => p.onlyItemsWith).filter(Boolean));
  for (const [entity, doc] of Object.entries(derived.document.entities)) {
    const slot = derived.table.slots[entity];
    const keyAttributes = slot ? [...slot.partition.attributes, ...slot.sort.attributes] : [];
    // Attributes a non-sparse key needs are on every item; the sparse ones on every second.
    const required = new Set([derived.table, ...derived.indexes].map(s => s.slots[entity]).filter(s => s && !s.sparseOn)
      .flatMap(s => [...s!.partition.attributes, ...s!.sort.attributes]));
    const unique = keyAttributes[keyAttributes.length - 1];
    const valueIndex = (attribute: string, i: number) =>
      attribute === unique ? i : slot?.partition.attributes.includes(attribute) ? i % 2 : Math.floor(i / 2) % 2;
    for (let i = 0; i < SAMPLES_PER_ENTITY; i++) {
      const attributes: { [attribute: string]: unknown } = {};
      for (const [attribute, type] of Object.entries(doc.attributes)) {
        if (sparse.has(attribute) && !required.has(attribute) && i % 2 === 1) continue;
        attributes[attribute] = sampleValue(attribute, type, valueIndex(attribute, i));
      }
      items.push({ entity, attributes });
    }
  }
  return items;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Parameters for a pattern taken from the samples: the first item that the pattern can return. */
export function sampleParams(pattern: AccessPatternDocument, samples: SampleItem[]): PatternParams {
  const mine = samples.filter(s => s.entity === entitiesOf(pattern)[0]);
  const eligible = mine.filter(s => !pattern.onlyItemsWith || s.attributes[pattern.onlyItemsWith] !== undefined);
  const first = eligible[0] ?? mine[0];
  const params: PatternParams = {};
  for (const attribute of pattern.equals) params[attribute] = first.attributes[attribute];
  if (pattern.range) {
    const attribute = pattern.range.attribute;
    // The range's values among the items of the same partition, so that it selects some of them.
    const candidates = eligible.filter(s => pattern.equals.every(e => compare(s.attributes[e], params[e]) === 0));
    const values = [...new Set(candidates.map(s => s.attributes[attribute]).filter(v => v !== undefined))].sort(compare);
    const low = values[0];
    const high = values[1] ?? values[0];
    params[attribute] = {
      'between': [low, high], '<=': high, '<': high, '>=': high, '>': low, '=': first.attributes[attribute], 'begins_with': first.attributes[attribute],
    }[pattern.range.operator];
  }
  return params;
}

/** Whether a sample item is one the pattern must return for `params`. */
export function expectedBy(pattern: AccessPatternDocument, params: PatternParams, sample: SampleItem): boolean {
  if (!entitiesOf(pattern).includes(sample.entity)) return false;
  const a = sample.attributes;
  if (pattern.onlyItemsWith && a[pattern.onlyItemsWith] === undefined) return false;
  if (!pattern.equals.every(e => compare(a[e], params[e]) === 0)) return false;
  if (!pattern.range) return true;
  const value = a[pattern.range.attribute];
  if (value === undefined) return false;
  const p = params[pattern.range.attribute];
  switch (pattern.range.operator) {
    case 'between': return compare(value, (p as unknown[])[0]) >= 0 && compare(value, (p as unknown[])[1]) <= 0;
    case 'begins_with': return String(value).startsWith(String(p));
    case '=': return compare(value, p) === 0;
    case '<': return compare(value, p) < 0;
    case '<=': return compare(value, p) <= 0;
    case '>': return compare(value, p) > 0;
    case '>=': return compare(value, p) >= 0;
  }
}
