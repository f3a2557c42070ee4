import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { resolveBilling } from './billing';
import { KeyedProductionTableProps as ProductionTableProps } from './design-keys';
import { validateBilling, validateCooldowns, validateRequestUnits } from './rules/capacity';
import { validateMultiRegionConsistency } from './rules/consistency';
import { validateGlobalSecondaryIndexes, validateLocalSecondaryIndexes, validateNonKeyAttributeCount, validateUniqueIndexNames } from './rules/indexes';
import { NAME_PATTERN, indexKeysOf, validateAttributeName, validateAttributeTypeConsistency, validateKeySchema, validateTimeToLiveIndexKeys } from './rules/keys';
import { validateRecoveryPeriod } from './rules/recovery';
import { validateReplicas } from './rules/replicas';
import { invalid, show } from '../shared/errors';

/**
 * Checks everything about the props that can be known before the table exists. Each failure
 * throws a `KitValidationError` that names the construct path, the property, the value and the fix.
 *
 * The index and replica rules live in `rules/`, shared with the `addGlobalSecondaryIndex` and
 * `addReplica` path (`validateAddedGlobalSecondaryIndex`, `validateAddedReplica`).
 */
export function validateProductionTableProps(path: string, stack: Stack, props: ProductionTableProps): void {
  validateTableName(path, props.tableName);
  if (props.removalPolicy === RemovalPolicy.SNAPSHOT) {
    invalid(path, 'removalPolicy', 'is RemovalPolicy.SNAPSHOT, which DynamoDB tables do not support',
      'use RemovalPolicy.RETAIN (the default), and AWS Backup or point-in-time recovery for copies.');
  }
  validateKeySchema(path, '', props.partitionKey, props.sortKey);
  validateTimeToLive(path, props);
  validatePointInTimeRecovery(path, props);
  validateBilling(path, props.billing);
  const billing = resolveBilling(props.billing);
  validateCooldowns(path, props.autoScaling, billing.mode);
  validateRequestUnits(path, 'billing', billing.maxReadRequestUnits, billing.maxWriteRequestUnits);

  const gsis = props.globalSecondaryIndexes ?? [];
  validateGlobalSecondaryIndexes(path, gsis, billing.mode);
  const lsis = props.localSecondaryIndexes ?? [];
  validateLocalSecondaryIndexes(path, lsis, props.partitionKey, props.sortKey);
  validateUniqueIndexNames(path, [...gsis, ...lsis].map(index => index.indexName));
  validateNonKeyAttributeCount(path, [...gsis, ...lsis]);
  validateAttributeTypes(path, props);

  validateReplicas(path, stack, props.replicas ?? [], billing.mode, gsis.map(gsi => gsi.indexName), props);
  validateMultiRegionConsistency(path, stack, props);
  if (props.monitoringEnabled === false && props.monitoring !== undefined) {
    invalid(path, 'monitoring', 'is set but monitoringEnabled is false', 'remove one: monitoringEnabled: false turns the alarms off, monitoring: {...} tunes them.');
  }
}

/** 3 to 255 characters DynamoDB accepts, or unset (a generated name). */
function validateTableName(path: string, tableName: string | undefined): void {
  if (tableName === undefined || Token.isUnresolved(tableName)) return;
  if (tableName.length < 3 || tableName.length > 255 || !NAME_PATTERN.test(tableName)) {
    invalid(path, 'tableName', `${show(tableName)} is not a valid DynamoDB table name`,
      'use 3 to 255 characters of a-z, A-Z, 0-9, "_", "-" and "." — or leave it unset so that CloudFormation generates one (a fixed name also blocks any update that replaces the table).');
  }
}

/** TTL names a non-key attribute, or a Number index key. */
function validateTimeToLive(path: string, props: ProductionTableProps): void {
  const ttl = props.timeToLiveAttribute;
  if (ttl === undefined || Token.isUnresolved(ttl)) return;
  if (ttl.trim() === '') {
    invalid(path, 'timeToLiveAttribute', `is ${show(ttl)}`,
      'name the Number attribute that holds the expiry time in epoch seconds, e.g. "expiresAt", or leave it unset to keep items forever.');
  }
  validateAttributeName(path, 'timeToLiveAttribute', ttl, 'attribute');
  const tableKeys = [props.partitionKey, props.sortKey].filter((key): key is Attribute => key !== undefined);
  if (tableKeys.some(key => key.name === ttl)) {
    invalid(path, 'timeToLiveAttribute', `${show(ttl)} is a key attribute of the table`,
      'choose a non-key attribute such as "expiresAt".');
  }
  const indexKeys = [
    ...(props.globalSecondaryIndexes ?? []).flatMap(indexKeysOf),
    ...(props.localSecondaryIndexes ?? []).map(lsi => lsi.sortKey),
  ];
  validateTimeToLiveIndexKeys(path, 'timeToLiveAttribute', ttl, indexKeys);
}

/** One of the two PITR props, and a recovery period DynamoDB accepts. */
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
  validateRecoveryPeriod(path, 'pointInTimeRecoverySpecification.recoveryPeriodInDays', days);
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
  validateAttributeTypeConsistency(path, keys);
}

/**
 * The key `ProductionTable` creates stands beside the table as `<id>Key`: a sibling already named so
 * would make aws-cdk-lib fail with "There is already a Construct with name ..." and no hint.
 */
export function validateCreatedKeyId(path: string, scope: IConstruct, keyId: string): void {
  if (scope.node.tryFindChild(keyId) === undefined) return;
  invalid(path, 'encryption', `is unset, so the table's KMS key is created as ${show(keyId)} beside the table, but ${scope.node.path || 'the app'} already has a construct with that id`,
    'rename that construct, give the table another id, or pass your key: encryption: TableEncryptionV2.customerManagedKey(key, replicaKeyArns).');
}

/** `addConsumer` with a handler in another stack creates the consumer there, as `<table id><id>`. */
export function validateConsumerId(path: string, handlerStack: IConstruct, consumerId: string): void {
  if (handlerStack.node.tryFindChild(consumerId) === undefined) return;
  invalid(path, 'addConsumer', `would create the consumer as ${show(consumerId)} in the handler's stack ${handlerStack.node.path}, which already has a construct with that id`,
    'give the consumer another id, or create it there yourself: new StreamConsumer(handlerStack, "Id", { table, handler }).');
}
