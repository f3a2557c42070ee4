/**
 * Key spaces (the table, each index) and whether a pattern can be served by one of them.
 */
import { AccessPatternDocument, entitiesOf } from './document';
import { KeyPlan, keyCondition, symbolicParams } from './key-condition';
import { KeyTemplate, leadingLiteral, mayCollide } from './key-template';

/** One entity's key in a key space. */
export interface EntitySlot {
  readonly partition: KeyTemplate;
  readonly sort: KeyTemplate;
  /** A sparse slot: written only for items that have this attribute. */
  readonly sparseOn?: string;
}

export interface KeySpace {
  /** `table`, or the index name. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly slots: { [entity: string]: EntitySlot };
}

/** A pattern's plan on a key space. */
export interface ServedPlan extends KeyPlan {
  readonly space: string;
}

/** Could a sort key of `other` start with `literal` (so a prefix condition would return it)? */
function mayStartWith(other: KeyTemplate, literal: string): boolean {
  if (other.attributes.length === 0) return other.text.startsWith(literal);
  const lead = leadingLiteral(other);
  return lead.startsWith(literal) || literal.startsWith(lead);
}

/**
 * The plan for `pattern` on `space`, or the reason it cannot be served there by one key
 * condition that returns exactly the wanted entities' items.
 */
export function planOn(space: KeySpace, pattern: AccessPatternDocument): ServedPlan | string {
  const entities = entitiesOf(pattern);
  const slots = entities.map(e => space.slots[e]);
  if (slots.some(s => s === undefined)) return `not every entity of the pattern has a key in ${space.name}`;
  const partition = slots[0].partition;
  if (slots.some(s => s.partition.text !== partition.text)) return 'the entities do not share a partition template';
  const wanted = pattern.onlyItemsWith;
  if (slots.some(s => s.sparseOn !== wanted)) return wanted ? `${space.name} is not sparse on "${wanted}"` : `${space.name} holds only some items`;
  const equals = new Set(pattern.equals);
  if (!partition.attributes.every(a => equals.has(a))) return 'the partition key needs attributes the pattern does not give';
  const rest = pattern.equals.filter(a => !partition.attributes.includes(a));
  const collection = entities.length > 1;
  if (collection && rest.length > 0) return 'an item collection is selected by its partition only';
  for (const slot of slots) {
    const leading = slot.sort.attributes.slice(0, rest.length);
    if (rest.some(a => !leading.includes(a))) return `the sort key "${slot.sort.text}" does not start with ${rest.join(', ')}`;
  }
  if (collection && pattern.range) {
    const first = slots[0].sort;
    if (slots.some(s => s.sort.attributes[0] !== pattern.range!.attribute || leadingLiteral(s.sort) !== leadingLiteral(first))) {
      return `the entities' sort keys do not all start with "${pattern.range.attribute}"`;
    }
  }
  const others = Object.entries(space.slots).filter(([e, s]) => !entities.includes(e) && mayCollide(s.partition, partition));
  const exclusive = others.length === 0;
  if (!exclusive) {
    if (collection) return `entities ${others.map(([e]) => e).join(', ')} can share the partition`;
    const sort = slots[0].sort;
    const lead = leadingLiteral(sort);
    // Equality on the whole sort key needs only that no other entity's sort key can equal it.
    const whole = !pattern.range && rest.length === sort.attributes.length;
    const mixed = others.filter(([, s]) => whole ? mayCollide(s.sort, sort) : mayStartWith(s.sort, lead));
    if (mixed.length > 0 || (lead === '' && !whole)) {
      return `sort keys of ${(mixed.length ? mixed : others).map(([e]) => e).join(', ')} can start like "${slots[0].sort.text}"`;
    }
  }
  const plan: ServedPlan = {
    space: space.name, partition, sort: slots[0].sort, sortEquals: rest.length, range: pattern.range, collection, exclusive,
  };
  const symbolic = keyCondition(plan, symbolicParams(pattern.equals, pattern.range));
  return typeof symbolic === 'string' ? symbolic : plan;
}
