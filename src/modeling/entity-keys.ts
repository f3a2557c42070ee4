/**
 * Every entity's primary key templates (on the table's generic `PK`/`SK`): the ones the document
 * gives, checked, or ones chosen from the entity's access patterns.
 */
import { AccessPatternDocument, DesignDocument, KEY_TYPES, entitiesOf } from './document';
import { EntitySlot } from './key-space';
import { KeyTemplate, mayCollide, parseTemplate, templateOf } from './key-template';
import { DesignProblem, problems } from './problems';

export const upperName = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const placeholders = (attributes: string[]) => attributes.map(a => `{${a}}`).join('#');

export function chooseEntityKeys(document: DesignDocument, found: DesignProblem[]): { [entity: string]: EntitySlot } {
  const keys: { [entity: string]: EntitySlot } = {};
  const given = Object.entries(document.entities).filter(([, e]) => e.key);
  for (const [name, entity] of given) {
    const partition = checked(document, name, 'partition', entity.key!.partition, found);
    const sort = checked(document, name, 'sort', entity.key!.sort ?? upperName(name), found);
    if (partition && sort) keys[name] = { partition, sort };
  }
  for (const [name] of Object.entries(document.entities).filter(([, e]) => !e.key)) {
    const chosen = chooseKey(document, name, keys);
    if (chosen) keys[name] = chosen;
    else found.push(problems.noKey(name));
  }
  const names = Object.keys(keys);
  for (const name of names) {
    const { partition, sort } = keys[name];
    if (partition.attributes.length + sort.attributes.length === 0) found.push(problems.constantKey(name, partition.text, sort.text));
  }
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [keys[names[i]], keys[names[j]]];
      if (mayCollide(a.partition, b.partition) && mayCollide(a.sort, b.sort)) {
        found.push(problems.keyCollision(names[i], names[j], a.partition.text, a.sort.text));
      }
    }
  }
  return keys;
}

function checked(document: DesignDocument, entity: string, which: string, text: string, found: DesignProblem[]): KeyTemplate | undefined {
  const parsed = parseTemplate(text);
  if (typeof parsed === 'string') {
    found.push(problems.badTemplate(entity, which, text, parsed));
    return undefined;
  }
  const attributes = document.entities[entity].attributes;
  let ok = true;
  for (const attribute of parsed.attributes) {
    if (!(attribute in attributes)) {
      found.push(problems.templateAttributeMissing(entity, which, text, attribute));
      ok = false;
    } else if (!(KEY_TYPES as readonly string[]).includes(attributes[attribute])) {
      found.push(problems.keyAttributeType(entity, which, attribute, attributes[attribute]));
      ok = false;
    }
  }
  return ok ? parsed : undefined;
}

/**
 * A key for an entity the document gives none: the partition of an item collection it belongs
 * to (shared with the other entities), else the attributes of its first pattern; the sort key is
 * the entity's name, the pattern's range attribute and its `<entity>Id` attribute if it has one.
 */
function chooseKey(document: DesignDocument, name: string, keys: { [entity: string]: EntitySlot }): EntitySlot | undefined {
  const attributes = document.entities[name].attributes;
  const keyable = (list: string[]) => list.every(a => (KEY_TYPES as readonly string[]).includes(attributes[a]));
  const mine = document.accessPatterns.filter(p => entitiesOf(p).includes(name) && !p.onlyItemsWith && p.equals.length > 0 && keyable(p.equals));
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every(x => b.includes(x));
  let partition: KeyTemplate | undefined;
  for (const pattern of mine.filter(p => p.entities)) {
    const shared = pattern.entities!.map(e => keys[e]).find(k => k && sameSet(k.partition.attributes, pattern.equals));
    partition = shared?.partition ?? templateOf(`${upperName(pattern.entities![0])}#${placeholders(pattern.equals)}`);
    break;
  }
  const single = mine.filter(p => !p.entities);
  if (!partition && single.length > 0) partition = templateOf(`${upperName(name)}#${placeholders(single[0].equals)}`);
  if (!partition) return undefined;
  const ranged: AccessPatternDocument | undefined = single.find(p =>
    p.range && sameSet(p.equals, partition!.attributes) && keyable([p.range.attribute]));
  const range = ranged?.range?.attribute;
  const idName = `${name[0].toLowerCase()}${name.slice(1)}Id`;
  const usable = idName in attributes && !partition.attributes.includes(idName) && idName !== range && keyable([idName]);
  const id = usable ? idName : undefined;
  const sortAttributes = [range, id].filter((a): a is string => a !== undefined);
  const sort = templateOf(`${upperName(name)}${sortAttributes.length ? `#${placeholders(sortAttributes)}` : ''}`);
  return { partition, sort };
}
