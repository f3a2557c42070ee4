import { Token } from 'aws-cdk-lib';
import { Attribute, BillingMode, GlobalSecondaryIndexPropsV2, LocalSecondaryIndexProps, ProjectionType } from 'aws-cdk-lib/aws-dynamodb';
import { validateCapacity, validateRequestUnits, validateWriteCapacity } from './capacity';
import {
  NAME_PATTERN, validateAttributeName, validateAttributeTypeConsistency, validateIndexKeySchema, validateKeySchema, validateTimeToLiveIndexKeys,
} from './keys';
import { invalid, show } from '../../shared/errors';

/** DynamoDB's own limits, which aws-cdk-lib lets through or reports without saying where. */
export const MAX_GLOBAL_SECONDARY_INDEXES = 20;
export const MAX_LOCAL_SECONDARY_INDEXES = 5;
export const MAX_NON_KEY_ATTRIBUTES = 100;
/** DynamoDB's limit on one index's `Projection.NonKeyAttributes`. */
export const MAX_NON_KEY_ATTRIBUTES_PER_INDEX = 20;

/** What the index rules need to know about the table an index joins (its resolved settings). */
export interface IndexedTable {
  readonly billingMode: BillingMode;
  /** The global and local secondary indexes the table has so far. */
  readonly globalSecondaryIndexNames: readonly string[];
  readonly localSecondaryIndexNames: readonly string[];
  /** The table's TTL attribute, which an index may key on only as a Number. */
  readonly timeToLiveAttribute?: string;
  /** The key attributes of the table and its indexes so far, with the property that declared each. */
  readonly keyAttributes: ReadonlyArray<readonly [string, Attribute]>;
  /** The `nonKeyAttributes` projected by the table's indexes so far. */
  readonly nonKeyAttributeCount: number;
}

/**
 * The props path: the list of global secondary indexes, then each index. The same rules as
 * `validateAddedGlobalSecondaryIndex`, said about the list.
 */
export function validateGlobalSecondaryIndexes(path: string, gsis: GlobalSecondaryIndexPropsV2[], billingMode: BillingMode): void {
  if (gsis.length > MAX_GLOBAL_SECONDARY_INDEXES) {
    invalid(path, 'globalSecondaryIndexes', `has ${gsis.length} indexes but DynamoDB allows at most ${MAX_GLOBAL_SECONDARY_INDEXES}`,
      'merge access patterns into overloaded indexes (generic key names such as "gsi1pk"/"gsi1sk") or move some to another table.');
  }
  gsis.forEach((gsi, i) => validateGlobalSecondaryIndex(path, `globalSecondaryIndexes[${i}]`, gsi, billingMode));
}

/**
 * The `addGlobalSecondaryIndex` path: the index itself, the index count and its name against the
 * indexes the table already has.
 */
export function validateAddedGlobalSecondaryIndex(path: string, property: string, gsi: GlobalSecondaryIndexPropsV2, table: IndexedTable): void {
  validateGlobalSecondaryIndex(path, property, gsi, table.billingMode);
  const count = table.globalSecondaryIndexNames.length;
  if (count >= MAX_GLOBAL_SECONDARY_INDEXES) {
    invalid(path, property, `would add ${show(gsi.indexName)} as index ${count + 1} but DynamoDB allows at most ${MAX_GLOBAL_SECONDARY_INDEXES}`,
      'merge access patterns into overloaded indexes or move some to another table.');
  }
  const taken = [...table.globalSecondaryIndexNames, ...table.localSecondaryIndexNames];
  if (!Token.isUnresolved(gsi.indexName) && taken.includes(gsi.indexName)) {
    invalid(path, `${property}.indexName`, `is ${show(gsi.indexName)}, the name of an index the table already has`, 'give every index its own name.');
  }
  // The rules the constructor applies to the props' whole list, applied to the list with this index.
  const keys = indexKeysWithProperties(property, gsi);
  validateTimeToLiveIndexKeys(path, property, table.timeToLiveAttribute, keys.map(([, key]) => key));
  validateAttributeTypeConsistency(path, [...table.keyAttributes, ...keys]);
  const projectedCount = table.nonKeyAttributeCount + (gsi.nonKeyAttributes?.length ?? 0);
  if (projectedCount > MAX_NON_KEY_ATTRIBUTES) {
    invalid(path, `${property}.nonKeyAttributes`, `would bring the table's indexes to ${projectedCount} nonKeyAttributes but DynamoDB allows at most ${MAX_NON_KEY_ATTRIBUTES} across all indexes`,
      'project fewer attributes (KEYS_ONLY and a read of the table), or use ProjectionType.ALL on the indexes that need many.');
  }
}

/** An index's key attributes, each with the property that declares it (`<property>.partitionKeys[0]`...). */
export function indexKeysWithProperties(property: string, gsi: GlobalSecondaryIndexPropsV2): Array<[string, Attribute]> {
  const pairs: Array<[string, Attribute | undefined]> = [
    [`${property}.partitionKey`, gsi.partitionKey],
    [`${property}.sortKey`, gsi.sortKey],
    ...(gsi.partitionKeys ?? []).map((key, j): [string, Attribute] => [`${property}.partitionKeys[${j}]`, key]),
    ...(gsi.sortKeys ?? []).map((key, j): [string, Attribute] => [`${property}.sortKeys[${j}]`, key]),
  ];
  return pairs.filter((pair): pair is [string, Attribute] => pair[1] !== undefined);
}

/** The props path: the list of local secondary indexes, then each index. */
export function validateLocalSecondaryIndexes(
  path: string, lsis: LocalSecondaryIndexProps[], tablePartitionKey: Attribute, tableSortKey: Attribute | undefined,
): void {
  if (lsis.length > MAX_LOCAL_SECONDARY_INDEXES) {
    invalid(path, 'localSecondaryIndexes', `has ${lsis.length} indexes but DynamoDB allows at most ${MAX_LOCAL_SECONDARY_INDEXES}`,
      'use global secondary indexes for the rest.');
  }
  lsis.forEach((lsi, i) => validateLocalSecondaryIndex(path, `localSecondaryIndexes[${i}]`, lsi, tablePartitionKey, tableSortKey));
}

/** Checks a global secondary index, from props or from `addGlobalSecondaryIndex`. */
export function validateGlobalSecondaryIndex(path: string, property: string, gsi: GlobalSecondaryIndexPropsV2, billingMode: BillingMode): void {
  validateIndexName(path, `${property}.indexName`, gsi.indexName);
  validateIndexKeySchema(path, property, gsi);
  validateProjection(path, property, gsi);
  validateCapacity(path, `${property}.readCapacity`, gsi.readCapacity);
  validateCapacity(path, `${property}.writeCapacity`, gsi.writeCapacity);
  if (billingMode === BillingMode.PAY_PER_REQUEST) {
    for (const field of ['readCapacity', 'writeCapacity'] as const) {
      if (gsi[field]) {
        invalid(path, `${property}.${field}`, 'is set but the table bills on demand (PAY_PER_REQUEST)',
          'remove it, or use maxReadRequestUnits / maxWriteRequestUnits to cap on-demand throughput, or use Billing.provisioned(...) for the table.');
      }
    }
  } else {
    for (const field of ['maxReadRequestUnits', 'maxWriteRequestUnits'] as const) {
      if (gsi[field] !== undefined) {
        invalid(path, `${property}.${field}`, `is ${show(gsi[field])} but the table has provisioned billing`,
          'remove it, or set readCapacity / writeCapacity for the index instead.');
      }
    }
    validateWriteCapacity(path, `${property}.writeCapacity`, gsi.writeCapacity);
  }
  validateRequestUnits(path, property, gsi.maxReadRequestUnits, gsi.maxWriteRequestUnits);
}

/** 3 to 255 characters DynamoDB accepts in an index name. */
export function validateIndexName(path: string, property: string, indexName: string): void {
  if (Token.isUnresolved(indexName)) return;
  if (indexName.length < 3 || indexName.length > 255 || !NAME_PATTERN.test(indexName)) {
    invalid(path, property, `${show(indexName)} is not a valid index name`,
      'use 3 to 255 characters of a-z, A-Z, 0-9, "_", "-" and ".", e.g. "byCustomer".');
  }
}

/** Global and local secondary indexes share one namespace. */
export function validateUniqueIndexNames(path: string, names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      invalid(path, 'globalSecondaryIndexes', `and localSecondaryIndexes name ${show(name)} twice`, 'give every index its own name.');
    }
    seen.add(name);
  }
}

/** A local index shares the table's partition key and needs a table with a sort key. */
export function validateLocalSecondaryIndex(
  path: string, property: string, lsi: LocalSecondaryIndexProps, tablePartitionKey: Attribute, tableSortKey: Attribute | undefined,
): void {
  validateIndexName(path, `${property}.indexName`, lsi.indexName);
  if (!tableSortKey) {
    invalid(path, property, `(${show(lsi.indexName)}) needs a table with a sort key`,
      'add sortKey to the table (this replaces an existing table: only do it for a new one) or use a global secondary index.');
  }
  validateKeySchema(path, `${property}.`, tablePartitionKey, lsi.sortKey, 'the table\'s partitionKey');
  validateProjection(path, property, lsi);
}

/** aws-cdk-lib's rule, said with the index's path: nonKeyAttributes go with INCLUDE, and only with it. */
export function validateProjection(path: string, property: string, index: { projectionType?: ProjectionType; nonKeyAttributes?: string[] }): void {
  const include = index.projectionType === ProjectionType.INCLUDE;
  if (include && (index.nonKeyAttributes ?? []).length === 0) {
    invalid(path, `${property}.nonKeyAttributes`, 'is empty but projectionType is INCLUDE',
      'list the attributes to copy into the index, or use ProjectionType.KEYS_ONLY or ALL.');
  }
  if (!include && index.nonKeyAttributes !== undefined) {
    invalid(path, `${property}.nonKeyAttributes`, `is set but projectionType is ${index.projectionType ?? ProjectionType.ALL}`,
      'remove it (ALL already projects every attribute), or use projectionType: ProjectionType.INCLUDE.');
  }
  const projected = index.nonKeyAttributes ?? [];
  if (projected.length > MAX_NON_KEY_ATTRIBUTES_PER_INDEX) {
    invalid(path, `${property}.nonKeyAttributes`, `lists ${projected.length} attributes but DynamoDB projects at most ${MAX_NON_KEY_ATTRIBUTES_PER_INDEX} per index`,
      'use ProjectionType.ALL for an index that needs more, or split the access pattern across indexes.');
  }
  const seen = new Set<string>();
  projected.forEach((name, i) => {
    validateAttributeName(path, `${property}.nonKeyAttributes[${i}]`, name, 'attribute');
    if (seen.has(name)) invalid(path, `${property}.nonKeyAttributes[${i}]`, `repeats ${show(name)}`, 'list each attribute once.');
    seen.add(name);
  });
}

/** DynamoDB's limit on projected non-key attributes, across all indexes of a table. */
export function validateNonKeyAttributeCount(path: string, indexes: Array<{ nonKeyAttributes?: string[] }>): void {
  const count = indexes.reduce((sum, index) => sum + (index.nonKeyAttributes?.length ?? 0), 0);
  if (count > MAX_NON_KEY_ATTRIBUTES) {
    invalid(path, 'globalSecondaryIndexes', `and localSecondaryIndexes project ${count} nonKeyAttributes but DynamoDB allows at most ${MAX_NON_KEY_ATTRIBUTES} across all indexes`,
      'project fewer attributes (KEYS_ONLY and a read of the table), or use ProjectionType.ALL on the indexes that need many.');
  }
}
