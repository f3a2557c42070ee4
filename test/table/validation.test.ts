import { Duration, Stack } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  Capacity,
  GlobalSecondaryIndexPropsV2,
  TableEncryptionV2,
} from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ProductionTable, ProductionTableProps } from '../../src';
import { KitValidationError } from '../../src/shared/errors';
import { envAgnosticStack, testStack } from '../helpers/app';
import { kitErrorOf } from '../helpers/errors';

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const provisioned = Billing.provisioned({
  readCapacity: Capacity.autoscaled({ maxCapacity: 100 }),
  writeCapacity: Capacity.autoscaled({ maxCapacity: 100 }),
});

function gsi(indexName: string, extra: Partial<GlobalSecondaryIndexPropsV2> = {}): GlobalSecondaryIndexPropsV2 {
  return { indexName, partitionKey: { name: `${indexName}pk`, type: AttributeType.STRING }, ...extra };
}

/** Builds the table and returns the error it throws, failing when it throws none or another kind. */
function errorOf(props: Partial<ProductionTableProps>, stack: Stack = testStack()): KitValidationError {
  return kitErrorOf(() => new ProductionTable(stack, 'Orders', { partitionKey, ...props }));
}

describe('ProductionTable validation: each message names the path, the property, the value and the fix', () => {
  test('TTL attribute empty', () => {
    const error = errorOf({ timeToLiveAttribute: ' ' });
    expect(error.property).toBe('timeToLiveAttribute');
    expect(error.message).toMatch(/^TestStack\/Orders: timeToLiveAttribute is " "; name the Number attribute/);
  });

  test('TTL attribute that is a key of the table', () => {
    const error = errorOf({ timeToLiveAttribute: 'pk' });
    expect(error.message).toBe('TestStack/Orders: timeToLiveAttribute "pk" is a key attribute of the table; choose a non-key attribute such as "expiresAt".');
  });

  test('TTL attribute that is a string-typed index key', () => {
    const error = errorOf({ timeToLiveAttribute: 'byStatuspk', globalSecondaryIndexes: [gsi('byStatus')] });
    expect(error.message).toMatch(/timeToLiveAttribute "byStatuspk" is an index key of type S, but TTL reads a Number/);
  });

  test('a TTL attribute that is a Number index key is allowed', () => {
    const stack = testStack();
    expect(() => new ProductionTable(stack, 'Orders', {
      partitionKey,
      timeToLiveAttribute: 'expiresAt',
      globalSecondaryIndexes: [gsi('byExpiry', { sortKey: { name: 'expiresAt', type: AttributeType.NUMBER } })],
    })).not.toThrow();
  });

  test('more than 20 global secondary indexes', () => {
    const indexes = Array.from({ length: 21 }, (_, i) => gsi(`index${i}`));
    const error = errorOf({ globalSecondaryIndexes: indexes });
    expect(error.property).toBe('globalSecondaryIndexes');
    expect(error.message).toMatch(/has 21 indexes but DynamoDB allows at most 20; merge access patterns/);
  });

  test('a 21st index added later', () => {
    const table = new ProductionTable(testStack(), 'Orders', {
      partitionKey,
      globalSecondaryIndexes: Array.from({ length: 20 }, (_, i) => gsi(`index${i}`)),
    });
    expect(() => table.addGlobalSecondaryIndex(gsi('oneTooMany'))).toThrow(
      /TestStack\/Orders: addGlobalSecondaryIndex would add "oneTooMany" as index 21 but DynamoDB allows at most 20/);
  });

  test('more than 5 local secondary indexes', () => {
    const lsis = Array.from({ length: 6 }, (_, i) => ({ indexName: `local${i}`, sortKey: { name: `s${i}`, type: AttributeType.STRING } }));
    const error = errorOf({ sortKey: { name: 'sk', type: AttributeType.STRING }, localSecondaryIndexes: lsis });
    expect(error.message).toMatch(/localSecondaryIndexes has 6 indexes but DynamoDB allows at most 5/);
  });

  test('a local secondary index on a table without a sort key', () => {
    const error = errorOf({ localSecondaryIndexes: [{ indexName: 'byDate', sortKey: { name: 'date', type: AttributeType.STRING } }] });
    expect(error.message).toMatch(/localSecondaryIndexes\[0\] \("byDate"\) needs a table with a sort key/);
  });

  test.each([
    [0, /recoveryPeriodInDays is 0; use a whole number of days from 1 to 35/],
    [36, /recoveryPeriodInDays is 36; use a whole number of days from 1 to 35/],
    [2.5, /recoveryPeriodInDays is 2.5; use a whole number/],
  ])('PITR period %p outside 1–35', (days, message) => {
    const error = errorOf({ pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: days } });
    expect(error.property).toBe('pointInTimeRecoverySpecification.recoveryPeriodInDays');
    expect(error.message).toMatch(message);
  });

  test('a PITR period with PITR disabled', () => {
    const error = errorOf({ pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false, recoveryPeriodInDays: 7 } });
    expect(error.message).toMatch(/recoveryPeriodInDays is 7 but point-in-time recovery is disabled/);
  });

  test('both PITR forms', () => {
    const error = errorOf({ pointInTimeRecovery: true, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    expect(error.message).toMatch(/pointInTimeRecovery and pointInTimeRecoverySpecification are both set; use pointInTimeRecoverySpecification only/);
  });

  test('index capacity on an on-demand table', () => {
    const error = errorOf({ globalSecondaryIndexes: [gsi('byCustomer', { readCapacity: Capacity.fixed(5) })] });
    expect(error.property).toBe('globalSecondaryIndexes[0].readCapacity');
    expect(error.message).toMatch(/is set but the table bills on demand \(PAY_PER_REQUEST\); remove it, or use maxReadRequestUnits/);
  });

  test('index max request units on a provisioned table', () => {
    const error = errorOf({ billing: provisioned, globalSecondaryIndexes: [gsi('byCustomer', { maxWriteRequestUnits: 10 })] });
    expect(error.message).toMatch(/globalSecondaryIndexes\[0\].maxWriteRequestUnits is 10 but the table has provisioned billing/);
  });

  test('a fixed write capacity on an index', () => {
    const error = errorOf({ billing: provisioned, globalSecondaryIndexes: [gsi('byCustomer', { writeCapacity: Capacity.fixed(5) })] });
    expect(error.message).toMatch(/globalSecondaryIndexes\[0\].writeCapacity is Capacity.fixed\(...\), which a global table/);
  });

  test('a fixed write capacity on the table', () => {
    const billing = Billing.provisioned({ readCapacity: Capacity.fixed(5), writeCapacity: Capacity.fixed(5) });
    const error = errorOf({ billing });
    expect(error.message).toMatch(/billing has a fixed writeCapacity, which a global table \(TableV2\) cannot have; use writeCapacity: Capacity.autoscaled/);
  });

  test.each([0, -1, 1.5])('max request units %p', (units) => {
    const error = errorOf({ globalSecondaryIndexes: [gsi('byCustomer', { maxReadRequestUnits: units })] });
    expect(error.message).toMatch(new RegExp(`maxReadRequestUnits is ${units}; use a whole number of request units of at least 1`));
  });

  test('replica read capacity on an on-demand table', () => {
    const error = errorOf({ replicas: [{ region: 'eu-west-1', readCapacity: Capacity.fixed(5) }], encryption: TableEncryptionV2.awsManagedKey() });
    expect(error.message).toMatch(/replicas\[0\].readCapacity is set but the table bills on demand/);
  });

  test('replica max read units on a provisioned table', () => {
    const error = errorOf({ billing: provisioned, replicas: [{ region: 'eu-west-1', maxReadRequestUnits: 5 }], encryption: TableEncryptionV2.awsManagedKey() });
    expect(error.message).toMatch(/replicas\[0\].maxReadRequestUnits is 5 but the table has provisioned billing/);
  });

  test('replica index options that do not fit the billing mode', () => {
    const error = errorOf({
      globalSecondaryIndexes: [gsi('byCustomer')],
      replicas: [{ region: 'eu-west-1', globalSecondaryIndexOptions: { byCustomer: { readCapacity: Capacity.fixed(5) } } }],
      encryption: TableEncryptionV2.awsManagedKey(),
    });
    expect(error.message).toMatch(/replicas\[0\].globalSecondaryIndexOptions.byCustomer.readCapacity is set but the table bills on demand/);
  });

  test('a replica in the stack\'s own region', () => {
    const error = errorOf({ replicas: [{ region: 'us-east-1' }], encryption: TableEncryptionV2.awsManagedKey() });
    expect(error.message).toBe('TestStack/Orders: replicas[0].region is "us-east-1", the region of the stack itself; the table already lives there: remove this replica or choose another region.');
  });

  test('a replica on an environment-agnostic stack', () => {
    const error = errorOf({ replicas: [{ region: 'eu-west-1' }], encryption: TableEncryptionV2.awsManagedKey() }, envAgnosticStack());
    expect(error.message).toMatch(/^AgnosticStack\/Orders: replicas\[0\].region is "eu-west-1" but the stack AgnosticStack is environment-agnostic; give the stack an explicit region/);
  });

  test('a replica region listed twice', () => {
    const error = errorOf({ replicas: [{ region: 'eu-west-1' }, { region: 'eu-west-1' }], encryption: TableEncryptionV2.awsManagedKey() });
    expect(error.message).toMatch(/replicas\[1\].region repeats "eu-west-1"/);
  });

  test('a replica region without a customer-managed key, with the created key', () => {
    const error = errorOf({ replicas: [{ region: 'eu-west-1' }] });
    expect(error.property).toBe('replicaKeyArns');
    expect(error.message).toMatch(/replicaKeyArns has no customer-managed KMS key for replica region\(s\) "eu-west-1"; KMS keys are regional: .*replicaKeyArns: \{ "eu-west-1": "arn:aws:kms:eu-west-1:123456789012:key\/..." \}, or choose encryption: TableEncryptionV2.awsManagedKey\(\)/);
  });

  test('a replica region without a key, with a key the user brings', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'MyKey');
    const error = errorOf({ replicas: [{ region: 'eu-west-1' }], encryption: TableEncryptionV2.customerManagedKey(key) }, stack);
    expect(error.property).toBe('encryption');
  });

  test('replicaKeyArns together with encryption', () => {
    const error = errorOf({ encryption: TableEncryptionV2.awsManagedKey(), replicaKeyArns: { 'eu-west-1': 'arn' } });
    expect(error.message).toMatch(/replicaKeyArns is set together with encryption/);
  });

  test('a replica added later without a key', () => {
    const table = new ProductionTable(testStack(), 'Orders', { partitionKey });
    expect(() => table.addReplica({ region: 'eu-west-1' })).toThrow(
      /TestStack\/Orders: addReplica adds region "eu-west-1" but the table has no customer-managed KMS key for it/);
  });

  test('a replica added later in the stack region', () => {
    const table = new ProductionTable(testStack(), 'Orders', { partitionKey, encryption: TableEncryptionV2.awsManagedKey() });
    expect(() => table.addReplica({ region: 'us-east-1' })).toThrow(/addReplica.region is "us-east-1", the region of the stack itself/);
  });

  test('a replica added later twice', () => {
    const table = new ProductionTable(testStack(), 'Orders', { partitionKey, encryption: TableEncryptionV2.awsManagedKey(), replicas: [{ region: 'eu-west-1' }] });
    expect(() => table.addReplica({ region: 'eu-west-1' })).toThrow(/addReplica repeats the region "eu-west-1"/);
  });

  test.each(['ab', 'orders table', 'x'.repeat(256), 'orders/v2'])('table name %p', (tableName) => {
    const error = errorOf({ tableName });
    expect(error.property).toBe('tableName');
    expect(error.message).toMatch(/is not a valid DynamoDB table name; use 3 to 255 characters of a-z, A-Z, 0-9/);
  });

  test.each(['ab', 'by customer'])('index name %p', (indexName) => {
    const error = errorOf({ globalSecondaryIndexes: [gsi(indexName)] });
    expect(error.property).toBe('globalSecondaryIndexes[0].indexName');
    expect(error.message).toMatch(/is not a valid index name; use 3 to 255 characters/);
  });

  test('a short index name added later', () => {
    const table = new ProductionTable(testStack(), 'Orders', { partitionKey });
    expect(() => table.addGlobalSecondaryIndex(gsi('ab'))).toThrow(/addGlobalSecondaryIndex.indexName "ab" is not a valid index name/);
  });

  test('duplicate index names across global and local indexes', () => {
    const error = errorOf({
      sortKey: { name: 'sk', type: AttributeType.STRING },
      globalSecondaryIndexes: [gsi('byDate')],
      localSecondaryIndexes: [{ indexName: 'byDate', sortKey: { name: 'date', type: AttributeType.STRING } }],
    });
    expect(error.message).toMatch(/name "byDate" twice; give every index its own name/);
  });

  test('valid names at the limits synthesize', () => {
    const stack = testStack();
    expect(() => new ProductionTable(stack, 'Orders', {
      partitionKey,
      tableName: 'a.b',
      globalSecondaryIndexes: [gsi('x'.repeat(255), { partitionKey: { name: 'y'.repeat(255), type: AttributeType.STRING } })],
    })).not.toThrow();
  });

  test('the error is thrown before anything is added to the tree', () => {
    const stack = testStack();
    expect(() => new ProductionTable(stack, 'Orders', { partitionKey, timeToLiveAttribute: 'pk' })).toThrow(KitValidationError);
    expect(stack.node.children).toHaveLength(0);
  });

  test('a cooldown that is not a whole number of seconds', () => {
    const error = errorOf({ billing: provisioned, autoScaling: { scaleInCooldown: Duration.millis(1500) } });
    expect(error.message).toMatch(/autoScaling.scaleInCooldown is 1 second 500 millis; use a whole number of seconds/);
  });

  test('cooldowns on an on-demand table', () => {
    const error = errorOf({ autoScaling: { scaleOutCooldown: Duration.seconds(60) } });
    expect(error.message).toMatch(/autoScaling is set but the table bills on demand \(PAY_PER_REQUEST\), which does not autoscale/);
  });
});

describe('the add* path shares the props rules', () => {
  test('an index added later with a name the table has', () => {
    const table = new ProductionTable(testStack(), 'Orders', {
      partitionKey, globalSecondaryIndexes: [{ indexName: 'byDate', partitionKey: { name: 'date', type: AttributeType.STRING } }],
    });
    expect(() => table.addGlobalSecondaryIndex({ indexName: 'byDate', partitionKey: { name: 'day', type: AttributeType.STRING } }))
      .toThrow(/TestStack\/Orders: addGlobalSecondaryIndex.indexName is "byDate", the name of an index the table already has/);
  });

  test('a replica added later with options for an index the table does not have', () => {
    const table = new ProductionTable(testStack(), 'Orders', { partitionKey, encryption: TableEncryptionV2.awsManagedKey() });
    expect(() => table.addReplica({ region: 'eu-west-1', globalSecondaryIndexOptions: { noSuchIndex: { contributorInsights: true } } }))
      .toThrow(/addReplica.globalSecondaryIndexOptions.noSuchIndex names an index the table does not have/);
  });
});
