import { DesignSource, resolveDesign } from './design-source';
import { DerivedDesign } from '../modeling/derive';
import { render } from '../modeling/key-template';

/** Generic key attributes of an item: `{ PK, SK, GSI1PK, GSI1SK, ... }`. */
export type ItemKeys = { [keyAttribute: string]: string };

function entityOf(derived: DerivedDesign, entity: string) {
  const doc = derived.document.entities[entity];
  if (!doc) throw new Error(`design "${derived.document.name}" has no entity "${entity}"; it has ${Object.keys(derived.document.entities).join(', ')}`);
  return doc;
}

/**
 * The key attributes of an item of `entity`: the table's `PK`/`SK` and the keys of every index
 * the entity has a place in. A sparse index's keys are left out when the item lacks the
 * attribute that makes it sparse (or one its keys are made of). Throws when an attribute another
 * key needs is missing: an item silently left out of an index is a read that finds nothing.
 */
export function keysOf(design: DesignSource, entity: string, item: { [attribute: string]: unknown }): ItemKeys {
  const derived = resolveDesign(design);
  entityOf(derived, entity);
  const keys: ItemKeys = {};
  for (const space of [derived.table, ...derived.indexes]) {
    const slot = space.slots[entity];
    if (!slot) continue;
    // A sparse index holds only the items that have its attributes: the others are left out of it.
    const absent = (a: string) => item[a] === undefined || item[a] === null || item[a] === '';
    if (slot.sparseOn !== undefined && [slot.sparseOn, ...slot.partition.attributes, ...slot.sort.attributes].some(absent)) continue;
    for (const [name, template] of [[space.partitionKey, slot.partition], [space.sortKey, slot.sort]] as const) {
      const value = render(template, item);
      if (typeof value !== 'string') {
        const where = space.name === 'table' ? 'the table\'s key' : `index ${space.name}`;
        throw new Error(`${entity}: ${name} "${template.text}" (${where}) needs ${value.missing.map(m => `"${m}"`).join(', ')}, missing from the item`);
      }
      keys[name] = value;
    }
  }
  return keys;
}

/** The item to write: its attributes and its key attributes (from `keysOf`). */
export function itemOf(design: DesignSource, entity: string, item: { [attribute: string]: unknown }): { [attribute: string]: unknown } {
  return { ...item, ...keysOf(design, entity, item) };
}
