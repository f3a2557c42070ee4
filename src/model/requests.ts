import { DesignSource, resolveDesign } from './design-source';
import { DerivedDesign, isKeyPlan } from '../modeling/derive';
import { AccessPatternDocument, entitiesOf } from '../modeling/document';
import { PatternParamError, PatternParams, keyCondition } from '../modeling/key-condition';
import { leadingLiteral } from '../modeling/key-template';

/** Options of the request builders. */
export interface RequestOptions {
  /** Sets `TableName` on the request. */
  readonly tableName?: string;
}

/** The input of a `@aws-sdk/lib-dynamodb` `QueryCommand` (plain values, not attribute-value maps). */
export interface QueryInput {
  TableName?: string;
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeNames: { [name: string]: string };
  ExpressionAttributeValues: { [name: string]: unknown };
  ConsistentRead?: boolean;
}

/** The input of a `@aws-sdk/lib-dynamodb` `ScanCommand`, for patterns the design serves by a Scan (`allowScan`). */
export interface ScanInput {
  TableName?: string;
  FilterExpression: string;
  ExpressionAttributeNames: { [name: string]: string };
  ExpressionAttributeValues: { [name: string]: unknown };
  ConsistentRead?: boolean;
}

export type PatternRequest = { readonly operation: 'Query'; readonly input: QueryInput } | { readonly operation: 'Scan'; readonly input: ScanInput };

function patternOf(derived: DerivedDesign, name: string): AccessPatternDocument {
  const pattern = derived.document.accessPatterns.find(p => p.name === name);
  if (!pattern) throw new Error(`design "${derived.document.name}" has no access pattern "${name}"; it has ${derived.document.accessPatterns.map(p => p.name).join(', ')}`);
  return pattern;
}

function checkParams(pattern: AccessPatternDocument, params: PatternParams): void {
  for (const attribute of [...pattern.equals, ...(pattern.range ? [pattern.range.attribute] : [])]) {
    const value = params[attribute];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${pattern.name}: needs "${attribute}"${pattern.range?.attribute === attribute && pattern.range.operator === 'between' ? ' as [from, to]' : ''} in its parameters`);
    }
  }
}

/** The request that serves `pattern` with `params`: a Query, or a Scan for `allowScan` patterns. */
export function requestFor(design: DesignSource, pattern: string, params: PatternParams, options: RequestOptions = {}): PatternRequest {
  const derived = resolveDesign(design);
  const doc = patternOf(derived, pattern);
  checkParams(doc, params);
  const plan = derived.plans[pattern];
  const table = options.tableName ? { TableName: options.tableName } : {};
  const consistent = doc.consistentRead ? { ConsistentRead: true } : {};
  if (!isKeyPlan(plan)) return { operation: 'Scan', input: { ...table, ...scanFilter(derived, doc, params), ...consistent } };
  const space = plan.space === 'table' ? derived.table : derived.indexes.find(i => i.name === plan.space)!;
  let parts;
  try {
    parts = keyCondition(plan, params);
  } catch (e) {
    if (e instanceof PatternParamError) throw new Error(`${pattern}: ${e.message} in its parameters`);
    throw e;
  }
  if (typeof parts === 'string') throw new Error(`${pattern}: ${parts}`);
  return {
    operation: 'Query',
    input: {
      ...table,
      ...(plan.space === 'table' ? {} : { IndexName: plan.space }),
      KeyConditionExpression: parts.expression,
      ExpressionAttributeNames: { '#pk': space.partitionKey, ...(parts.usesSortKey ? { '#sk': space.sortKey } : {}) },
      ExpressionAttributeValues: parts.values,
      ...consistent,
    },
  };
}

/** The `QueryCommand` input for a pattern; throws for a pattern the design serves by a Scan (use `requestFor`). */
export function queryFor(design: DesignSource, pattern: string, params: PatternParams, options: RequestOptions = {}): QueryInput {
  const request = requestFor(design, pattern, params, options);
  if (request.operation !== 'Query') throw new Error(`${pattern}: is served by a Scan ("allowScan"); build it with requestFor or scanFor`);
  return request.input;
}

/** The `ScanCommand` input for an `allowScan` pattern. */
export function scanFor(design: DesignSource, pattern: string, params: PatternParams, options: RequestOptions = {}): ScanInput {
  const request = requestFor(design, pattern, params, options);
  if (request.operation !== 'Scan') throw new Error(`${pattern}: is served by a Query; build it with queryFor`);
  return request.input;
}

const OPERATORS: { [op: string]: string } = { '=': '=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** A Scan keeps the pattern's entities by their key prefixes and its conditions as a filter. */
function scanFilter(derived: DerivedDesign, pattern: AccessPatternDocument, params: PatternParams) {
  const names: { [k: string]: string } = { '#PK': derived.table.partitionKey, '#SK': derived.table.sortKey };
  const values: { [k: string]: unknown } = {};
  const byEntity = entitiesOf(pattern).map((entity, i) => {
    const slot = derived.table.slots[entity];
    values[`:pk${i}`] = leadingLiteral(slot.partition);
    values[`:sk${i}`] = leadingLiteral(slot.sort);
    return `(begins_with(#PK, :pk${i}) AND begins_with(#SK, :sk${i}))`;
  });
  const conditions = [byEntity.length > 1 ? `(${byEntity.join(' OR ')})` : byEntity[0]];
  pattern.equals.forEach((attribute, i) => {
    names[`#e${i}`] = attribute;
    values[`:e${i}`] = params[attribute];
    conditions.push(`#e${i} = :e${i}`);
  });
  if (pattern.onlyItemsWith) {
    names['#w'] = pattern.onlyItemsWith;
    conditions.push('attribute_exists(#w)');
  }
  if (pattern.range) {
    names['#r'] = pattern.range.attribute;
    const value = params[pattern.range.attribute];
    if (pattern.range.operator === 'between') {
      const [lo, hi] = value as unknown[];
      Object.assign(values, { ':lo': lo, ':hi': hi });
      conditions.push('#r BETWEEN :lo AND :hi');
    } else if (pattern.range.operator === 'begins_with') {
      values[':r'] = value;
      conditions.push('begins_with(#r, :r)');
    } else {
      values[':r'] = value;
      conditions.push(`#r ${OPERATORS[pattern.range.operator]} :r`);
    }
  }
  return { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}
