/**
 * From a design document to the table's keys, the fewest global secondary indexes, and a plan
 * for every access pattern — plus the problems found on the way.
 */
import { AccessPatternDocument, DesignDocument, KEY_TYPES, entitiesOf } from './document';
import { chooseEntityKeys, upperName as upper } from './entity-keys';
import { EntitySlot, KeySpace, ServedPlan, planOn } from './key-space';
import { templateOf } from './key-template';
import { DesignProblem, MAX_GLOBAL_SECONDARY_INDEXES, lowCardinality, pattern as patternSubject, problems } from './problems';

export type ProjectionKind = 'KEYS_ONLY' | 'INCLUDE' | 'ALL';

export interface DerivedIndex extends KeySpace {
  readonly projection: ProjectionKind;
  /** For `INCLUDE`: the attributes projected besides the keys. */
  readonly nonKeyAttributes: string[];
}

/** How a pattern is served: a key condition on the table or an index, or (allowScan) a Scan. */
export type PatternPlan = ServedPlan | { readonly space: 'scan' };

/** Whether the pattern is served by a key condition (not a Scan). */
export function isKeyPlan(plan: PatternPlan): plan is ServedPlan {
  return plan.space !== 'scan';
}

export interface DerivedDesign {
  readonly document: DesignDocument;
  readonly table: KeySpace;
  readonly indexes: DerivedIndex[];
  readonly plans: { [pattern: string]: PatternPlan };
  readonly problems: DesignProblem[];
}

export const TABLE_PARTITION_KEY = 'PK';
export const TABLE_SORT_KEY = 'SK';

/** One alternate key some patterns need: an entity (or item collection) by these attributes. */
interface Requirement {
  readonly entities: string[];
  readonly equals: string[];
  range?: string;
  readonly sparseOn?: string;
  readonly patterns: AccessPatternDocument[];
}

export function deriveDesign(document: DesignDocument): DerivedDesign {
  const found: DesignProblem[] = [];
  const keys = chooseEntityKeys(document, found);
  const table: KeySpace = { name: 'table', partitionKey: TABLE_PARTITION_KEY, sortKey: TABLE_SORT_KEY, slots: keys };
  const plans: { [pattern: string]: PatternPlan } = {};
  if (found.some(p => p.severity === 'error')) return { document, table, indexes: [], plans, problems: found };

  const requirements: Requirement[] = [];
  // Item collections first, so that a single entity's lookup by the same attributes rides on one.
  const collectionsFirst = [...document.accessPatterns.filter(p => p.entities), ...document.accessPatterns.filter(p => !p.entities)];
  for (const pattern of collectionsFirst) {
    const unknown = unknownAttributes(document, pattern);
    if (unknown.length > 0) {
      found.push(...unknown);
      continue;
    }
    const onTable = planOn(table, pattern);
    if (typeof onTable !== 'string') {
      plans[pattern.name] = onTable;
      continue;
    }
    const reason = indexCannotServe(document, pattern);
    if (reason) {
      if (pattern.allowScan) plans[pattern.name] = { space: 'scan' };
      else found.push(problems.unservable(pattern.name, `${reason}; the table's key does not serve it either: ${onTable}`));
      continue;
    }
    addRequirement(requirements, pattern);
  }

  const indexes = assignIndexes(requirements);
  if (indexes.length > MAX_GLOBAL_SECONDARY_INDEXES) {
    const counts = Object.keys(document.entities).map(e => `${e}: ${indexes.filter(i => i.slots[e]).length}`).join(', ');
    found.push(problems.tooManyIndexes(indexes.length, counts));
  }
  for (const requirement of requirements) {
    for (const pattern of requirement.patterns) {
      const space = indexes.find(i => i.slots[requirement.entities[0]] && typeof planOn(i, pattern) !== 'string');
      const plan = space ? planOn(space, pattern) : 'no derived index matches';
      if (typeof plan === 'string') found.push(problems.unservable(pattern.name, plan));
      else plans[pattern.name] = plan;
    }
  }
  for (const pattern of document.accessPatterns) {
    const plan = plans[pattern.name];
    if (!plan || plan.space === 'table' || plan.space === 'scan') continue;
    if (pattern.consistentRead) found.push(problems.consistentReadOnIndex(pattern.name, plan.space, entitiesOf(pattern)[0]));
    if (pattern.preferLocalIndex) found.push(problems.localIndex(pattern.name, plan.space));
  }
  for (const pattern of document.accessPatterns) {
    const plan = plans[pattern.name];
    const range = pattern.range;
    if (!plan || plan.space === 'scan' || !range || range.operator === '=') continue;
    if (entitiesOf(pattern).some(e => document.entities[e].attributes[range.attribute] === 'N')) found.push(problems.numberRange(pattern.name, range.attribute));
  }
  found.push(...hotPartitions(document, table, indexes));
  return { document, table, indexes, plans, problems: found };
}

function unknownAttributes(document: DesignDocument, pattern: AccessPatternDocument): DesignProblem[] {
  const out: DesignProblem[] = [];
  for (const entity of entitiesOf(pattern)) {
    const attributes = document.entities[entity].attributes;
    const named: [string, string][] = [
      ...pattern.equals.map(a => [a, 'equals'] as [string, string]),
      ...(pattern.range ? [[pattern.range.attribute, 'range.attribute'] as [string, string]] : []),
      ...(pattern.onlyItemsWith ? [[pattern.onlyItemsWith, 'onlyItemsWith'] as [string, string]] : []),
      ...(pattern.reads ?? []).map(a => [a, 'reads'] as [string, string]),
    ];
    for (const [attribute, field] of named) {
      if (!(attribute in attributes)) out.push(problems.patternAttributeMissing(pattern.name, entity, attribute, field));
    }
  }
  return out;
}

/** Why no index could serve the pattern either, or undefined when one can. */
function indexCannotServe(document: DesignDocument, pattern: AccessPatternDocument): string | undefined {
  for (const entity of entitiesOf(pattern)) {
    const types = document.entities[entity].attributes;
    for (const attribute of [...pattern.equals, ...(pattern.range ? [pattern.range.attribute] : [])]) {
      if (!(KEY_TYPES as readonly string[]).includes(types[attribute])) return `"${attribute}" of entity "${entity}" is ${types[attribute]}, which cannot be part of a key`;
    }
  }
  if (pattern.equals.length === 0 && !pattern.range && !pattern.onlyItemsWith) return 'it gives no attribute to look items up by';
  return undefined;
}

function addRequirement(requirements: Requirement[], pattern: AccessPatternDocument): void {
  const entities = entitiesOf(pattern);
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every(x => b.includes(x));
  const range = pattern.range?.attribute;
  const similar = (r: Requirement) => sameSet(r.equals, pattern.equals) && r.sparseOn === pattern.onlyItemsWith;
  const compatibleRange = (r: Requirement) => r.range === undefined || range === undefined || r.range === range;
  const existing = requirements.find(r => similar(r) && sameSet(r.entities, entities) && compatibleRange(r))
    // A single entity's lookup can ride on an item collection's index by the same attributes.
    ?? requirements.find(r => similar(r) && entities.length === 1 && r.entities.includes(entities[0]) && !r.range && !range);
  if (existing) {
    existing.range = existing.range ?? range;
    existing.patterns.push(pattern);
  } else {
    requirements.push({ entities, equals: [...pattern.equals], range, sparseOn: pattern.onlyItemsWith, patterns: [pattern] });
  }
}

/**
 * Gives each requirement the lowest-numbered index none of its entities uses yet: patterns of
 * different entities share (overload) an index; an entity that needs two alternate keys gets two.
 */
function assignIndexes(requirements: Requirement[]): DerivedIndex[] {
  const slotsByIndex: { [entity: string]: EntitySlot }[] = [];
  const patternsByIndex: AccessPatternDocument[][] = [];
  for (const requirement of requirements) {
    let i = 0;
    while (slotsByIndex[i] && requirement.entities.some(e => slotsByIndex[i][e])) i++;
    slotsByIndex[i] = slotsByIndex[i] ?? {};
    patternsByIndex[i] = [...(patternsByIndex[i] ?? []), ...requirement.patterns];
    const collection = requirement.entities.length > 1;
    const owner = upper(requirement.entities[0]);
    const head = requirement.equals.length > 0
      ? `${owner}#${requirement.equals.map(a => `{${a}}`).join('#')}`
      : `${owner}${requirement.sparseOn ? `#${upper(requirement.sparseOn)}` : ''}`;
    for (const entity of requirement.entities) {
      const sort = collection
        ? (requirement.range ? `{${requirement.range}}` : upper(entity))
        : `${upper(entity)}${requirement.range ? `#{${requirement.range}}` : ''}`;
      slotsByIndex[i][entity] = { partition: templateOf(head), sort: templateOf(sort), sparseOn: requirement.sparseOn };
    }
  }
  return slotsByIndex.map((slots, i) => {
    const name = `GSI${i + 1}`;
    const reads = patternsByIndex[i].map(p => p.reads);
    let projection: ProjectionKind = 'ALL';
    let nonKeyAttributes: string[] = [];
    if (reads.every(r => r !== undefined)) {
      nonKeyAttributes = [...new Set(reads.flatMap(r => r!))].sort();
      projection = nonKeyAttributes.length === 0 ? 'KEYS_ONLY' : 'INCLUDE';
    }
    return { name, partitionKey: `${name}PK`, sortKey: `${name}SK`, slots, projection, nonKeyAttributes };
  });
}

function hotPartitions(document: DesignDocument, table: KeySpace, indexes: DerivedIndex[]): DesignProblem[] {
  const out: DesignProblem[] = [];
  const seen = new Set<string>();
  for (const space of [table, ...indexes]) {
    for (const [entity, slot] of Object.entries(space.slots)) {
      const why = lowCardinality(slot.partition.attributes, document.entities[entity].attributes);
      const key = `${space.name}/${slot.partition.text}`;
      if (!why || seen.has(key)) continue;
      seen.add(key);
      const users = document.accessPatterns.filter(p => entitiesOf(p).includes(entity) && usesSpace(p, space, slot.partition.text));
      const subject = users.length > 0 ? patternSubject(users[0].name) : `entity "${entity}"`;
      out.push(problems.hotPartition(subject, space.name === 'table' ? 'the table\'s' : `${space.name}'s`, slot.partition.text, why));
    }
  }
  return out;
  function usesSpace(p: AccessPatternDocument, space: KeySpace, partition: string): boolean {
    const plan = planOn(space, p);
    return typeof plan !== 'string' && plan.partition.text === partition;
  }
}
