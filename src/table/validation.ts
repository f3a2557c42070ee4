import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import {
  Attribute,
  AttributeType,
  Billing,
  BillingMode,
  Capacity,
  CapacityMode,
  GlobalSecondaryIndexPropsV2,
  LocalSecondaryIndexProps,
  ProjectionType,
  ReplicaTableProps,
} from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTableProps } from './production-table-props';
import { invalid, show } from '../shared/errors';

/** DynamoDB's own limits, which aws-cdk-lib lets through or reports without saying where. */
export const MAX_GLOBAL_SECONDARY_INDEXES = 20;
export const MAX_LOCAL_SECONDARY_INDEXES = 5;
export const MAX_NON_KEY_ATTRIBUTES = 100;
const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

/**
 * Checks everything about the props that can be known before the table exists. Each failure
 * throws a `KitValidationError` that names the construct path, the property, the value and the fix.
 */
export function validateTableProps(path: string, stack: Stack, props: ProductionTableProps): void {
  validateTableName(path, props.tableName);
  if (props.removalPolicy === RemovalPolicy.SNAPSHOT) {
    invalid(path, 'removalPolicy', 'is RemovalPolicy.SNAPSHOT, which DynamoDB tables do not support',
      'use RemovalPolicy.RETAIN (the default), and AWS Backup or point-in-time recovery for copies.');
  }
  validateKeySchema(path, '', props.partitionKey, props.sortKey);
  validateTimeToLive(path, props);
  validatePointInTimeRecovery(path, props);
  const billingMode = props.billing?.mode ?? BillingMode.PAY_PER_REQUEST;
  validateBilling(path, props.billing);
  validateCooldowns(path, props, billingMode);
  if (billingMode === BillingMode.PAY_PER_REQUEST) {
    validateRequestUnits(path, 'billing', asNumber(props.billing?._renderReadCapacity()), asNumber(props.billing?._renderWriteCapacity()));
  }

  const gsis = props.globalSecondaryIndexes ?? [];
  if (gsis.length > MAX_GLOBAL_SECONDARY_INDEXES) {
    invalid(path, 'globalSecondaryIndexes', `has ${gsis.length} indexes but DynamoDB allows at most ${MAX_GLOBAL_SECONDARY_INDEXES}`,
      'merge access patterns into overloaded indexes (generic key names such as "gsi1pk"/"gsi1sk") or move some to another table.');
  }
  gsis.forEach((gsi, i) => validateGlobalSecondaryIndex(path, `globalSecondaryIndexes[${i}]`, gsi, billingMode));

  const lsis = props.localSecondaryIndexes ?? [];
  if (lsis.length > MAX_LOCAL_SECONDARY_INDEXES) {
    invalid(path, 'localSecondaryIndexes', `has ${lsis.length} indexes but DynamoDB allows at most ${MAX_LOCAL_SECONDARY_INDEXES}`,
      'use global secondary indexes for the rest.');
  }
  lsis.forEach((lsi, i) => validateLocalSecondaryIndex(path, `localSecondaryIndexes[${i}]`, lsi, props.partitionKey, props.sortKey));
  validateUniqueIndexNames(path, [...gsis, ...lsis].map(index => index.indexName));
  validateNonKeyAttributeCount(path, [...gsis, ...lsis]);
  validateAttributeTypes(path, props);

  const replicas = props.replicas ?? [];
  replicas.forEach((replica, i) => validateReplica(path, `replicas[${i}]`, stack, replica, billingMode));
  replicas.forEach((replica, i) => validateReplicaIndexNames(path, `replicas[${i}]`, replica, gsis.map(gsi => gsi.indexName)));
  validateUniqueReplicaRegions(path, replicas);
  validateReplicaKeys(path, stack, props, replicas.map(replica => replica.region));
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

/** Checks a replica, from props or from `addReplica`. */
export function validateReplica(path: string, property: string, stack: Stack, replica: ReplicaTableProps, billingMode: BillingMode): void {
  if (Token.isUnresolved(stack.region)) {
    invalid(path, `${property}.region`, `is ${show(replica.region)} but the stack ${stack.node.path} is environment-agnostic`,
      'give the stack an explicit region, e.g. new Stack(app, "Id", { env: { account: "123456789012", region: "us-east-1" } }).');
  }
  if (!Token.isUnresolved(replica.region) && replica.region === stack.region) {
    invalid(path, `${property}.region`, `is ${show(replica.region)}, the region of the stack itself`,
      'the table already lives there: remove this replica or choose another region.');
  }
  if (billingMode === BillingMode.PAY_PER_REQUEST && replica.readCapacity) {
    invalid(path, `${property}.readCapacity`, 'is set but the table bills on demand (PAY_PER_REQUEST)',
      'remove it, or use maxReadRequestUnits to cap the replica\'s on-demand reads.');
  }
  if (billingMode === BillingMode.PROVISIONED && replica.maxReadRequestUnits !== undefined) {
    invalid(path, `${property}.maxReadRequestUnits`, `is ${show(replica.maxReadRequestUnits)} but the table has provisioned billing`,
      'remove it, or set readCapacity for the replica instead.');
  }
  validateRequestUnits(path, property, replica.maxReadRequestUnits, undefined);
  validateCapacity(path, `${property}.readCapacity`, replica.readCapacity);
  for (const [indexName, options] of Object.entries(replica.globalSecondaryIndexOptions ?? {})) {
    const optionPath = `${property}.globalSecondaryIndexOptions.${indexName}`;
    validateCapacity(path, `${optionPath}.readCapacity`, options.readCapacity);
    if (billingMode === BillingMode.PAY_PER_REQUEST && options.readCapacity) {
      invalid(path, `${optionPath}.readCapacity`, 'is set but the table bills on demand (PAY_PER_REQUEST)',
        'remove it, or use maxReadRequestUnits instead.');
    }
    if (billingMode === BillingMode.PROVISIONED && options.maxReadRequestUnits !== undefined) {
      invalid(path, `${optionPath}.maxReadRequestUnits`, `is ${show(options.maxReadRequestUnits)} but the table has provisioned billing`,
        'remove it, or set readCapacity instead.');
    }
    validateRequestUnits(path, optionPath, options.maxReadRequestUnits, undefined);
  }
}

function validateTableName(path: string, tableName: string | undefined): void {
  if (tableName === undefined || Token.isUnresolved(tableName)) return;
  if (tableName.length < 3 || tableName.length > 255 || !NAME_PATTERN.test(tableName)) {
    invalid(path, 'tableName', `${show(tableName)} is not a valid DynamoDB table name`,
      'use 3 to 255 characters of a-z, A-Z, 0-9, "_", "-" and "." — or leave it unset so that CloudFormation generates one (a fixed name also blocks any update that replaces the table).');
  }
}

function validateIndexName(path: string, property: string, indexName: string): void {
  if (Token.isUnresolved(indexName)) return;
  if (indexName.length < 3 || indexName.length > 255 || !NAME_PATTERN.test(indexName)) {
    invalid(path, property, `${show(indexName)} is not a valid index name`,
      'use 3 to 255 characters of a-z, A-Z, 0-9, "_", "-" and ".", e.g. "byCustomer".');
  }
}

function validateUniqueIndexNames(path: string, names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      invalid(path, 'globalSecondaryIndexes', `and localSecondaryIndexes name ${show(name)} twice`, 'give every index its own name.');
    }
    seen.add(name);
  }
}

function validateTimeToLive(path: string, props: ProductionTableProps): void {
  const ttl = props.timeToLiveAttribute;
  if (ttl === undefined || Token.isUnresolved(ttl)) return;
  if (ttl.trim() === '') {
    invalid(path, 'timeToLiveAttribute', `is ${show(ttl)}`,
      'name the Number attribute that holds the expiry time in epoch seconds, e.g. "expiresAt", or leave it unset to keep items forever.');
  }
  const tableKeys = [props.partitionKey, props.sortKey].filter((key): key is Attribute => key !== undefined);
  if (tableKeys.some(key => key.name === ttl)) {
    invalid(path, 'timeToLiveAttribute', `${show(ttl)} is a key attribute of the table`,
      'choose a non-key attribute such as "expiresAt".');
  }
  const indexKeys = [
    ...(props.globalSecondaryIndexes ?? []).flatMap(indexKeysOf),
    ...(props.localSecondaryIndexes ?? []).map(lsi => lsi.sortKey),
  ];
  const typedKey = indexKeys.find(key => key.name === ttl && key.type !== AttributeType.NUMBER);
  if (typedKey) {
    invalid(path, 'timeToLiveAttribute', `${show(ttl)} is an index key of type ${typedKey.type}, but TTL reads a Number of epoch seconds`,
      'choose a Number attribute such as "expiresAt".');
  }
}

function indexKeysOf(gsi: GlobalSecondaryIndexPropsV2): Attribute[] {
  return [
    ...(gsi.partitionKey ? [gsi.partitionKey] : []),
    ...(gsi.partitionKeys ?? []),
    ...(gsi.sortKey ? [gsi.sortKey] : []),
    ...(gsi.sortKeys ?? []),
  ];
}

function validatePointInTimeRecovery(path: string, props: ProductionTableProps): void {
  const spec = props.pointInTimeRecoverySpecification;
  if (spec && props.pointInTimeRecovery !== undefined) {
    invalid(path, 'pointInTimeRecovery', 'and pointInTimeRecoverySpecification are both set',
      'use pointInTimeRecoverySpecification only (pointInTimeRecovery is deprecated).');
  }
  const days = spec?.recoveryPeriodInDays;
  if (days === undefined) return;
  if (!spec?.pointInTimeRecoveryEnabled) {
    invalid(path, 'pointInTimeRecoverySpecification.recoveryPeriodInDays', `is ${show(days)} but point-in-time recovery is disabled`,
      'enable it (pointInTimeRecoveryEnabled: true) or remove recoveryPeriodInDays.');
  }
  if (!Number.isInteger(days) || days < 1 || days > 35) {
    invalid(path, 'pointInTimeRecoverySpecification.recoveryPeriodInDays', `is ${show(days)}`,
      'use a whole number of days from 1 to 35 (35 is the production default).');
  }
}

function validateBilling(path: string, billing: Billing | undefined): void {
  if (billing?.mode !== BillingMode.PROVISIONED) return;
  let write;
  try {
    write = billing._renderWriteCapacity();
  } catch {
    invalid(path, 'billing', 'has a fixed writeCapacity, which a global table (TableV2) cannot have',
      'use writeCapacity: Capacity.autoscaled({ maxCapacity: ... }).');
  }
  validateRenderedCapacity(path, 'billing.readCapacity', billing._renderReadCapacity());
  validateRenderedCapacity(path, 'billing.writeCapacity', write);
}

function validateCooldowns(path: string, props: ProductionTableProps, billingMode: BillingMode): void {
  if (props.autoScaling === undefined) return;
  if (billingMode !== BillingMode.PROVISIONED) {
    invalid(path, 'autoScaling', 'is set but the table bills on demand (PAY_PER_REQUEST), which does not autoscale',
      'remove it, or use billing: Billing.provisioned({ readCapacity: Capacity.autoscaled(...), writeCapacity: Capacity.autoscaled(...) }).');
  }
  for (const field of ['scaleInCooldown', 'scaleOutCooldown'] as const) {
    const cooldown = props.autoScaling[field];
    if (cooldown !== undefined && !Token.isUnresolved(cooldown) && !Number.isInteger(cooldown.toMilliseconds() / 1000)) {
      invalid(path, `autoScaling.${field}`, `is ${cooldown.toHumanString()}`, 'use a whole number of seconds, e.g. Duration.seconds(60).');
    }
  }
}

function validateWriteCapacity(path: string, property: string, capacity: Capacity | undefined): void {
  if (capacity?.mode === CapacityMode.FIXED) {
    invalid(path, property, 'is Capacity.fixed(...), which a global table (TableV2) cannot have for writes',
      'use Capacity.autoscaled({ maxCapacity: ... }).');
  }
}

function validateRequestUnits(path: string, property: string, maxRead: number | undefined, maxWrite: number | undefined): void {
  for (const [field, value] of [['maxReadRequestUnits', maxRead], ['maxWriteRequestUnits', maxWrite]] as const) {
    if (value !== undefined && !Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1)) {
      invalid(path, `${property}.${field}`, `is ${show(value)}`, 'use a whole number of request units of at least 1, or leave it unset for no cap.');
    }
  }
}

function validateLocalSecondaryIndex(
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
function validateProjection(path: string, property: string, index: { projectionType?: ProjectionType; nonKeyAttributes?: string[] }): void {
  const include = index.projectionType === ProjectionType.INCLUDE;
  if (include && (index.nonKeyAttributes ?? []).length === 0) {
    invalid(path, `${property}.nonKeyAttributes`, 'is empty but projectionType is INCLUDE',
      'list the attributes to copy into the index, or use ProjectionType.KEYS_ONLY or ALL.');
  }
  if (!include && index.nonKeyAttributes !== undefined) {
    invalid(path, `${property}.nonKeyAttributes`, `is set but projectionType is ${index.projectionType ?? ProjectionType.ALL}`,
      'remove it (ALL already projects every attribute), or use projectionType: ProjectionType.INCLUDE.');
  }
  const seen = new Set<string>();
  (index.nonKeyAttributes ?? []).forEach((name, i) => {
    validateAttributeName(path, `${property}.nonKeyAttributes[${i}]`, name, 'attribute');
    if (seen.has(name)) invalid(path, `${property}.nonKeyAttributes[${i}]`, `repeats ${show(name)}`, 'list each attribute once.');
    seen.add(name);
  });
}

function validateNonKeyAttributeCount(path: string, indexes: Array<{ nonKeyAttributes?: string[] }>): void {
  const count = indexes.reduce((sum, index) => sum + (index.nonKeyAttributes?.length ?? 0), 0);
  if (count > MAX_NON_KEY_ATTRIBUTES) {
    invalid(path, 'globalSecondaryIndexes', `and localSecondaryIndexes project ${count} nonKeyAttributes but DynamoDB allows at most ${MAX_NON_KEY_ATTRIBUTES} across all indexes`,
      'project fewer attributes (KEYS_ONLY and a read of the table), or use ProjectionType.ALL on the indexes that need many.');
  }
}

/** An attribute has one type across the table's and its indexes' keys. */
function validateAttributeTypes(path: string, props: ProductionTableProps): void {
  const keys: Array<[string, Attribute | undefined]> = [
    ['partitionKey', props.partitionKey],
    ['sortKey', props.sortKey],
    ...(props.globalSecondaryIndexes ?? []).flatMap((gsi, i): Array<[string, Attribute | undefined]> => [
      [`globalSecondaryIndexes[${i}].partitionKey`, gsi.partitionKey],
      [`globalSecondaryIndexes[${i}].sortKey`, gsi.sortKey],
      ...(gsi.partitionKeys ?? []).map((key, j): [string, Attribute] => [`globalSecondaryIndexes[${i}].partitionKeys[${j}]`, key]),
      ...(gsi.sortKeys ?? []).map((key, j): [string, Attribute] => [`globalSecondaryIndexes[${i}].sortKeys[${j}]`, key]),
    ]),
    ...(props.localSecondaryIndexes ?? []).map((lsi, i): [string, Attribute] => [`localSecondaryIndexes[${i}].sortKey`, lsi.sortKey]),
  ];
  const first = new Map<string, [string, Attribute]>();
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

function validateReplicaIndexNames(path: string, property: string, replica: ReplicaTableProps, indexNames: string[]): void {
  for (const indexName of Object.keys(replica.globalSecondaryIndexOptions ?? {})) {
    if (!indexNames.includes(indexName)) {
      invalid(path, `${property}.globalSecondaryIndexOptions.${indexName}`, 'names an index the table does not have',
        `use one of the table's globalSecondaryIndexes (${indexNames.length > 0 ? indexNames.map(show).join(', ') : 'none yet'}).`);
    }
  }
}

/** Fixed units and autoscaling bounds are whole numbers of at least 1, and min <= max. */
function validateCapacity(path: string, property: string, capacity: Capacity | undefined): void {
  if (capacity !== undefined) validateRenderedCapacity(path, property, capacity._renderReadCapacity());
}

/** Checks what a `Capacity` or `Billing` renders (fixed units, or autoscaling settings). */
function validateRenderedCapacity(path: string, property: string, rendered: any): void {
  const settings = rendered?.readCapacityAutoScalingSettings ?? rendered?.writeCapacityAutoScalingSettings;
  const values: Array<[string, unknown]> = settings
    ? [['minCapacity', settings.minCapacity], ['maxCapacity', settings.maxCapacity]]
    : [['units', rendered?.readCapacityUnits ?? rendered?.writeCapacityUnits]];
  for (const [name, value] of values) {
    if (typeof value === 'number' && !Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1)) {
      invalid(path, property, `has ${name} ${show(value)}`, 'use a whole number of capacity units of at least 1.');
    }
  }
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * Checks the key attributes of a table or index: names DynamoDB accepts, and a sort key that is
 * not the partition key again. `prefix` is the property path of the table or index ("" for the table).
 */
function validateKeySchema(path: string, prefix: string, partitionKey: Attribute, sortKey: Attribute | undefined, partitionKeyLabel = 'partitionKey'): void {
  validateAttributeName(path, `${prefix}partitionKey.name`, partitionKey?.name);
  if (sortKey === undefined) return;
  validateAttributeName(path, `${prefix}sortKey.name`, sortKey.name);
  if (!Token.isUnresolved(sortKey.name) && sortKey.name === partitionKey?.name) {
    invalid(path, `${prefix}sortKey`, `names ${show(sortKey.name)}, the same attribute as ${partitionKeyLabel}`,
      'a key needs two different attributes: choose another sort key attribute (e.g. "sk"), or leave sortKey unset.');
  }
}

/** An index key: `partitionKey` or `partitionKeys` (1 to 4), `sortKey` or `sortKeys` (up to 4), each attribute once. */
function validateIndexKeySchema(path: string, property: string, gsi: GlobalSecondaryIndexPropsV2): void {
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

function validateAttributeName(path: string, property: string, name: string | undefined, kind = 'key attribute'): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  if (name.length < 1 || Buffer.byteLength(name, 'utf8') > 255) {
    invalid(path, property, `${show(name.length > 40 ? `${name.slice(0, 40)}...` : name)} is not a valid ${kind} name`,
      'use 1 to 255 bytes, e.g. "pk".');
  }
}

function validateUniqueReplicaRegions(path: string, replicas: ReplicaTableProps[]): void {
  const seen = new Set<string>();
  replicas.forEach((replica, i) => {
    if (seen.has(replica.region)) {
      invalid(path, `replicas[${i}].region`, `repeats ${show(replica.region)}`, 'list each replica region once.');
    }
    seen.add(replica.region);
  });
}

/**
 * With a customer-managed key, DynamoDB needs a key in every replica region: KMS keys are regional.
 */
export function validateReplicaKeys(path: string, stack: Stack, props: ProductionTableProps, replicaRegions: string[]): void {
  const encryption = props.encryption;
  const usesOurKey = encryption === undefined;
  if (!usesOurKey && props.replicaKeyArns !== undefined) {
    invalid(path, 'replicaKeyArns', 'is set together with encryption',
      'pass the replica keys to TableEncryptionV2.customerManagedKey(tableKey, replicaKeyArns) instead, or drop encryption to use the key this construct creates.');
  }
  const keyArns = usesOurKey ? props.replicaKeyArns ?? {} : encryption.replicaKeyArns ?? {};
  const needsKeys = usesOurKey || encryption.tableKey !== undefined;
  if (!needsKeys) return;
  const stackRegion = stack.region;
  if (!Token.isUnresolved(stackRegion) && keyArns[stackRegion] !== undefined) {
    invalid(path, usesOurKey ? 'replicaKeyArns' : 'encryption', `has a key for ${show(stackRegion)}, the stack's own region`,
      'the table key encrypts the stack\'s own region: list only the replica regions.');
  }
  const missing = replicaRegions.filter(region => !Token.isUnresolved(region) && keyArns[region] === undefined);
  if (missing.length > 0) {
    const property = usesOurKey ? 'replicaKeyArns' : 'encryption';
    invalid(path, property, `has no customer-managed KMS key for replica region(s) ${missing.map(show).join(', ')}`,
      `KMS keys are regional: create a key in each replica region and pass its ARN, e.g. replicaKeyArns: { ${show(missing[0])}: "arn:aws:kms:${missing[0]}:123456789012:key/..." }, or choose encryption: TableEncryptionV2.awsManagedKey() (gives up your own key policy).`);
  }
}
