/**
 * The design document: entities and access patterns, language-neutral (JSON or YAML). This file
 * reads and shape-checks it; what the design means (can every pattern be served?) is judged in
 * `problems.ts`.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';

export const KEY_TYPES = ['S', 'N', 'B'] as const;
export const ATTRIBUTE_TYPES = ['S', 'N', 'B', 'BOOL', 'M', 'L', 'SS', 'NS', 'BS'] as const;
export const RANGE_OPERATORS = ['=', '<', '<=', '>', '>=', 'between', 'begins_with'] as const;
export type RangeOperator = typeof RANGE_OPERATORS[number];

export interface EntityDocument {
  /** Attribute name → DynamoDB type. */
  readonly attributes: { [name: string]: string };
  /** The primary key templates; without it the design chooses them from the patterns. */
  readonly key?: { readonly partition: string; readonly sort?: string };
}

export interface AccessPatternDocument {
  readonly name: string;
  /** The entity the pattern returns (or `entities` for an item collection). */
  readonly entity?: string;
  readonly entities?: string[];
  /** Attributes given by equality. */
  readonly equals: string[];
  readonly range?: { readonly attribute: string; readonly operator: RangeOperator };
  readonly consistentRead?: boolean;
  /** A sparse pattern: only the items that have this attribute. */
  readonly onlyItemsWith?: string;
  /** Accept a Scan for this pattern. */
  readonly allowScan?: boolean;
  /** The attributes the pattern reads (drives the index projection); omitted means all. */
  readonly reads?: string[];
  /** Asks for a local secondary index; the design warns and uses a global one. */
  readonly preferLocalIndex?: boolean;
}

export interface DesignDocument {
  readonly name: string;
  readonly entities: { [name: string]: EntityDocument };
  readonly accessPatterns: AccessPatternDocument[];
}

/** A document that cannot be read or does not have the shape of a design (exit 2 in the CLI). */
export class DesignInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesignInputError';
  }
}

/** Reads a JSON or YAML design file. */
export function readDesignFile(file: string): DesignDocument {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    throw new DesignInputError(`${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a folder, not a design document' : `cannot be read (${e.code ?? e.message})`}`);
  }
  let parsed: unknown;
  const yaml = /\.ya?ml$/i.test(file);
  try {
    parsed = yaml ? YAML.parse(text) : JSON.parse(text);
  } catch (e: any) {
    throw new DesignInputError(`${file}: not valid ${yaml ? 'YAML' : 'JSON'} (${String(e.message).split('\n')[0]})`);
  }
  return parseDesign(parsed, file);
}

const isObject = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(x => typeof x === 'string');

/** Checks the shape of a parsed document; `source` names it in messages. */
export function parseDesign(input: unknown, source = 'design'): DesignDocument {
  const fail = (where: string, problem: string): never => { throw new DesignInputError(`${source}: ${where} ${problem}`); };
  if (!isObject(input)) fail('the document', 'must be an object with "name", "entities" and "accessPatterns"');
  const doc = input as { [key: string]: unknown };
  if (typeof doc.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(doc.name)) fail('"name"', 'must be a name such as "Store" (letters, digits, _ . -)');
  if (!isObject(doc.entities) || Object.keys(doc.entities).length === 0) fail('"entities"', 'must be an object with at least one entity');
  const entities: { [name: string]: EntityDocument } = {};
  for (const [name, value] of Object.entries(doc.entities as object)) {
    const where = `entity "${name}"`;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) fail(where, 'must be named with letters, digits and _');
    if (!isObject(value) || !isObject(value.attributes)) fail(where, 'must have "attributes" (an object of attribute name → type)');
    const entity = value as { [key: string]: any };
    for (const [attribute, type] of Object.entries(entity.attributes)) {
      if (!(ATTRIBUTE_TYPES as readonly unknown[]).includes(type)) fail(`${where}: attribute "${attribute}"`, `has type ${JSON.stringify(type)}; use one of ${ATTRIBUTE_TYPES.join(', ')}`);
    }
    if (entity.key !== undefined) {
      if (!isObject(entity.key) || typeof entity.key.partition !== 'string' || (entity.key.sort !== undefined && typeof entity.key.sort !== 'string')) {
        fail(`${where}: "key"`, 'must be { "partition": "TEMPLATE", "sort": "TEMPLATE" } (sort optional)');
      }
    }
    const key = entity.key ? { partition: entity.key.partition, sort: entity.key.sort } : undefined;
    entities[name] = { attributes: { ...entity.attributes }, key };
  }
  if (!Array.isArray(doc.accessPatterns) || doc.accessPatterns.length === 0) fail('"accessPatterns"', 'must be a list with at least one pattern');
  const names = new Set<string>();
  const accessPatterns = (doc.accessPatterns as unknown[]).map((value, i) => {
    if (!isObject(value) || typeof value.name !== 'string' || value.name === '') return fail(`accessPatterns[${i}]`, 'must be an object with a "name"');
    const p = value as { [key: string]: any };
    const where = `pattern "${p.name}"`;
    if (names.has(p.name)) fail(where, 'is defined twice; give each pattern its own name');
    names.add(p.name);
    if ((p.entity === undefined) === (p.entities === undefined)) fail(where, 'must have either "entity" (one) or "entities" (an item collection)');
    if (p.entity !== undefined && typeof p.entity !== 'string') fail(`${where}: "entity"`, 'must be an entity name');
    if (p.entities !== undefined && (!isStringArray(p.entities) || p.entities.length < 2)) {
      fail(`${where}: "entities"`, 'must list at least two entity names');
    }
    for (const entity of p.entities ?? [p.entity]) {
      if (!(entity in entities)) fail(where, `names entity "${entity}", which is not in "entities"`);
    }
    if (!isStringArray(p.equals ?? [])) fail(`${where}: "equals"`, 'must be a list of attribute names');
    if (p.range !== undefined) {
      if (!isObject(p.range) || typeof p.range.attribute !== 'string' || !(RANGE_OPERATORS as readonly unknown[]).includes(p.range.operator)) {
        fail(`${where}: "range"`, `must be { "attribute": NAME, "operator": one of ${RANGE_OPERATORS.join(' ')} }`);
      }
    }
    for (const flag of ['consistentRead', 'allowScan', 'preferLocalIndex']) {
      if (p[flag] !== undefined && typeof p[flag] !== 'boolean') fail(`${where}: "${flag}"`, 'must be true or false');
    }
    if (p.onlyItemsWith !== undefined && typeof p.onlyItemsWith !== 'string') fail(`${where}: "onlyItemsWith"`, 'must be an attribute name');
    if (p.reads !== undefined && !isStringArray(p.reads)) fail(`${where}: "reads"`, 'must be a list of attribute names');
    const pattern: AccessPatternDocument = {
      name: p.name,
      entity: p.entity,
      entities: p.entities ? [...p.entities] : undefined,
      equals: [...(p.equals ?? [])],
      range: p.range ? { attribute: p.range.attribute, operator: p.range.operator } : undefined,
      consistentRead: p.consistentRead,
      onlyItemsWith: p.onlyItemsWith,
      allowScan: p.allowScan,
      reads: p.reads ? [...p.reads] : undefined,
      preferLocalIndex: p.preferLocalIndex,
    };
    return pattern;
  });
  return { name: doc.name as string, entities, accessPatterns };
}

/** The entities a pattern returns. */
export function entitiesOf(pattern: AccessPatternDocument): string[] {
  return pattern.entities ?? [pattern.entity!];
}
