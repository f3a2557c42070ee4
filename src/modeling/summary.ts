/**
 * The derived design as data: what `design check --json` prints and the docs render.
 */
import { DerivedDesign, TABLE_PARTITION_KEY, TABLE_SORT_KEY, isKeyPlan } from './derive';
import { entitiesOf } from './document';
import { describeCondition, keyCondition, symbolicParams } from './key-condition';

export interface IndexSummary {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly projection: string;
  readonly nonKeyAttributes?: string[];
}

export interface PatternSummary {
  readonly name: string;
  readonly entities: string[];
  /** `table`, an index name, or `scan`. */
  readonly index: string;
  readonly keyCondition: string;
  readonly consistentRead: boolean;
  readonly sparse?: string;
}

export interface DesignSummary {
  readonly name: string;
  readonly valid: boolean;
  readonly errors: string[];
  readonly warnings: string[];
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly entities: { [entity: string]: { [key: string]: string } };
  readonly globalSecondaryIndexes: IndexSummary[];
  readonly accessPatterns: PatternSummary[];
}

export function summarize(derived: DerivedDesign): DesignSummary {
  const errors = derived.problems.filter(p => p.severity === 'error').map(p => p.message);
  const entities: DesignSummary['entities'] = {};
  for (const entity of Object.keys(derived.document.entities)) {
    const keys: { [key: string]: string } = {};
    for (const space of [derived.table, ...derived.indexes]) {
      const slot = space.slots[entity];
      if (!slot) continue;
      keys[space.partitionKey] = slot.partition.text;
      keys[space.sortKey] = slot.sort.text;
    }
    entities[entity] = keys;
  }
  return {
    name: derived.document.name,
    valid: errors.length === 0,
    errors,
    warnings: derived.problems.filter(p => p.severity === 'warning').map(p => p.message),
    partitionKey: TABLE_PARTITION_KEY,
    sortKey: TABLE_SORT_KEY,
    entities,
    globalSecondaryIndexes: derived.indexes.map(index => ({
      indexName: index.name,
      partitionKey: index.partitionKey,
      sortKey: index.sortKey,
      projection: index.projection,
      ...(index.projection === 'INCLUDE' ? { nonKeyAttributes: index.nonKeyAttributes } : {}),
    })),
    accessPatterns: derived.document.accessPatterns.filter(p => derived.plans[p.name]).map(pattern => {
      const plan = derived.plans[pattern.name];
      let condition = 'Scan (allowScan)';
      if (isKeyPlan(plan)) {
        const space = plan.space === 'table' ? derived.table : derived.indexes.find(i => i.name === plan.space)!;
        const parts = keyCondition(plan, symbolicParams(pattern.equals, pattern.range));
        condition = typeof parts === 'string' ? parts : describeCondition(parts, space.partitionKey, space.sortKey);
      }
      return {
        name: pattern.name,
        entities: entitiesOf(pattern),
        index: plan.space,
        keyCondition: condition,
        consistentRead: plan.space === 'table' && pattern.consistentRead === true,
        ...(pattern.onlyItemsWith ? { sparse: pattern.onlyItemsWith } : {}),
      };
    }),
  };
}
