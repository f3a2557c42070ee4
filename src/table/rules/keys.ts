import { Token } from 'aws-cdk-lib';
import { Attribute, AttributeType, GlobalSecondaryIndexPropsV2 } from 'aws-cdk-lib/aws-dynamodb';
import { invalid, show } from '../../shared/errors';

/** The names DynamoDB accepts for tables and indexes. */
export const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

/**
 * Checks the key attributes of a table or index: names DynamoDB accepts, and a sort key that is
 * not the partition key again. `prefix` is the property path of the table or index ("" for the table).
 */
export function validateKeySchema(path: string, prefix: string, partitionKey: Attribute, sortKey: Attribute | undefined, partitionKeyLabel = 'partitionKey'): void {
  validateAttributeName(path, `${prefix}partitionKey.name`, partitionKey?.name);
  if (sortKey === undefined) return;
  validateAttributeName(path, `${prefix}sortKey.name`, sortKey.name);
  if (!Token.isUnresolved(sortKey.name) && sortKey.name === partitionKey?.name) {
    invalid(path, `${prefix}sortKey`, `names ${show(sortKey.name)}, the same attribute as ${partitionKeyLabel}`,
      'a key needs two different attributes: choose another sort key attribute (e.g. "sk"), or leave sortKey unset.');
  }
}

/** An index key: `partitionKey` or `partitionKeys` (1 to 4), `sortKey` or `sortKeys` (up to 4), each attribute once. */
export function validateIndexKeySchema(path: string, property: string, gsi: GlobalSecondaryIndexPropsV2): void {
  if ((gsi.partitionKey === undefined) === (gsi.partitionKeys === undefined)) {
    invalid(path, `${property}.partitionKey`, gsi.partitionKey === undefined ? 'is missing (and so is partitionKeys)' : 'and partitionKeys are both set',
      'give exactly one: partitionKey for one attribute, or partitionKeys for a multi-attribute key.');
  }
  if (gsi.sortKey !== undefined && gsi.sortKeys !== undefined) {
    invalid(path, `${property}.sortKeys`, 'and sortKey are both set', 'give one: sortKey for one attribute, or sortKeys for a multi-attribute key.');
  }
  for (const field of ['partitionKeys', 'sortKeys'] as const) {
    const keys = gsi[field];
    if (keys !== undefined && (keys.length > 4 || (field === 'partitionKeys' && keys.length === 0))) {
      invalid(path, `${property}.${field}`, `has ${keys.length} attributes`, 'a multi-attribute key has 1 to 4 attributes (sortKeys: up to 4).');
    }
  }
  const partition = gsi.partitionKeys ?? (gsi.partitionKey ? [gsi.partitionKey] : []);
  const sort = gsi.sortKeys ?? (gsi.sortKey ? [gsi.sortKey] : []);
  const seen = new Set<string>();
  [...partition.map((key, i): [string, Attribute] => [gsi.partitionKeys ? `partitionKeys[${i}]` : 'partitionKey', key]),
    ...sort.map((key, i): [string, Attribute] => [gsi.sortKeys ? `sortKeys[${i}]` : 'sortKey', key])].forEach(([field, key]) => {
    validateAttributeName(path, `${property}.${field}.name`, key.name);
    if (!Token.isUnresolved(key.name) && seen.has(key.name)) {
      invalid(path, `${property}.${field}`, `names ${show(key.name)} a second time in the index key`, 'use each attribute once across the partition and sort key.');
    }
    seen.add(key.name);
  });
}

export function validateAttributeName(path: string, property: string, name: string | undefined, kind = 'key attribute'): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  if (name.length < 1 || Buffer.byteLength(name, 'utf8') > 255) {
    invalid(path, property, `${show(name.length > 40 ? `${name.slice(0, 40)}...` : name)} is not a valid ${kind} name`,
      'use 1 to 255 bytes, e.g. "pk".');
  }
}

export function indexKeysOf(gsi: GlobalSecondaryIndexPropsV2): Attribute[] {
  return [
    ...(gsi.partitionKey ? [gsi.partitionKey] : []),
    ...(gsi.partitionKeys ?? []),
    ...(gsi.sortKey ? [gsi.sortKey] : []),
    ...(gsi.sortKeys ?? []),
  ];
}

/** An index key that is the TTL attribute must be a Number (TTL reads epoch seconds); `property` is blamed. */
export function validateTimeToLiveIndexKeys(path: string, property: string, ttl: string | undefined, indexKeys: Attribute[]): void {
  if (ttl === undefined || Token.isUnresolved(ttl)) return;
  const typedKey = indexKeys.find(key => key.name === ttl && key.type !== AttributeType.NUMBER);
  if (typedKey) {
    invalid(path, property, `${show(ttl)} is an index key of type ${typedKey.type}, but TTL reads a Number of epoch seconds`,
      'choose a Number attribute such as "expiresAt".');
  }
}

/**
 * An attribute has one type across the table's and its indexes' keys. `keys` are (property, key)
 * pairs in declaration order: the later one of a conflicting pair is blamed.
 */
export function validateAttributeTypeConsistency(path: string, keys: ReadonlyArray<readonly [string, Attribute | undefined]>): void {
  const first = new Map<string, readonly [string, Attribute]>();
  for (const [property, key] of keys) {
    if (key === undefined || Token.isUnresolved(key.name)) continue;
    const earlier = first.get(key.name);
    if (earlier && earlier[1].type !== key.type) {
      invalid(path, property, `defines ${show(key.name)} as ${key.type} but ${earlier[0]} defines it as ${earlier[1].type}`,
        'an attribute has one type in the table and all its indexes: use the same type, or another attribute name.');
    }
    if (!earlier) first.set(key.name, [property, key]);
  }
}
