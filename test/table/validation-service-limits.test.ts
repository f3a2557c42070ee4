import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import { AttributeType, Billing, GlobalSecondaryIndexPropsV2, ProjectionType, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ProductionTable, ProductionTableProps } from '../../src';
import { TEST_CONTEXT, TEST_ENV, templateOf, testStack } from '../helpers/app';
import { expectKitError } from '../helpers/errors';
import { consumerFunction } from '../streams/fixtures';

/*
 * Templates DynamoDB or CloudFormation would reject, and aws-cdk-lib errors without a path: each is
 * our error at synthesis, naming the path, the property, the value and the fix (issue #12).
 */

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const keyArn = (region: string) => `arn:aws:kms:${region}:123456789012:key/11111111-2222-3333-4444-555555555555`;

function build(props: Partial<ProductionTableProps>, stack: Stack = testStack()): ProductionTable {
  return new ProductionTable(stack, 'Orders', { partitionKey, ...props });
}

function gsi(indexName: string, extra: Partial<GlobalSecondaryIndexPropsV2> = {}): GlobalSecondaryIndexPropsV2 {
  return { indexName, partitionKey: { name: `${indexName}pk`, type: AttributeType.STRING }, ...extra };
}

describe('names and projections DynamoDB rejects', () => {
  test('a TTL attribute name over 255 bytes', () => {
    expectKitError(() => build({ timeToLiveAttribute: 'e'.repeat(256) }), {
      path: 'TestStack/Orders', property: 'timeToLiveAttribute', message: /timeToLiveAttribute "e{40}\.\.\." is not a valid attribute name; use 1 to 255 bytes/,
    });
  });

  test('a TTL attribute name of exactly 255 characters is accepted', () => {
    expect(() => build({ timeToLiveAttribute: 'e'.repeat(255) })).not.toThrow();
  });

  test('more than 20 nonKeyAttributes in one index', () => {
    const nonKeyAttributes = Array.from({ length: 21 }, (_, i) => `a${i}`);
    expectKitError(() => build({ globalSecondaryIndexes: [gsi('byStatus', { projectionType: ProjectionType.INCLUDE, nonKeyAttributes })] }), {
      path: 'TestStack/Orders',
      property: 'globalSecondaryIndexes[0].nonKeyAttributes',
      message: /nonKeyAttributes lists 21 attributes but DynamoDB projects at most 20 per index; use ProjectionType.ALL/,
    });
  });

  test('20 nonKeyAttributes in one index are accepted', () => {
    const nonKeyAttributes = Array.from({ length: 20 }, (_, i) => `a${i}`);
    expect(() => build({ globalSecondaryIndexes: [gsi('byStatus', { projectionType: ProjectionType.INCLUDE, nonKeyAttributes })] })).not.toThrow();
  });
});

describe('replica keys', () => {
  const stack = () => testStack();

  test('a replica key ARN from another region than its replica', () => {
    expectKitError(() => build({ replicas: [{ region: 'ap-southeast-2' }], replicaKeyArns: { 'ap-southeast-2': keyArn('eu-west-1') } }, stack()), {
      path: 'TestStack/Orders',
      property: 'replicaKeyArns.ap-southeast-2',
      message: /replicaKeyArns.ap-southeast-2 is "arn:aws:kms:eu-west-1:.*", a key in "eu-west-1", but the replica is in "ap-southeast-2"; KMS keys are regional: use a key created in ap-southeast-2/,
    });
  });

  test('the same check on the keys given with encryption', () => {
    const s = stack();
    const tableKey = new kms.Key(s, 'TableKey');
    expectKitError(() => build({
      replicas: [{ region: 'ap-southeast-2' }],
      encryption: TableEncryptionV2.customerManagedKey(tableKey, { 'ap-southeast-2': keyArn('eu-west-1') }),
    }, s), { path: 'TestStack/Orders', property: 'encryption.replicaKeyArns.ap-southeast-2', message: /a key in "eu-west-1", but the replica is in "ap-southeast-2"/ });
  });

  test('a key given as an alias', () => {
    expectKitError(() => build({ replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': 'alias/my-key' } }, stack()), {
      path: 'TestStack/Orders',
      property: 'replicaKeyArns.eu-west-1',
      message: /replicaKeyArns.eu-west-1 is "alias\/my-key", not a KMS key ARN; give the key's full ARN, e.g. "arn:aws:kms:eu-west-1:123456789012:key\/\.\.\."/,
    });
  });

  test('an empty key ARN', () => {
    expectKitError(() => build({ replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': '' } }, stack()), {
      path: 'TestStack/Orders', property: 'replicaKeyArns.eu-west-1', message: /replicaKeyArns.eu-west-1 is ""; give the ARN of the replica region's KMS key/,
    });
  });

  test('a key ARN that is a token is not judged', () => {
    const s = stack();
    const arn = new CfnParameter(s, 'ReplicaKey').valueAsString;
    expect(() => build({ replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': arn } }, s)).not.toThrow();
  });

  test('an alias ARN in the right region is accepted', () => {
    expect(() => build({ replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:alias/orders' } }, stack())).not.toThrow();
  });

  test('a token replica region', () => {
    const s = stack();
    const region = new CfnParameter(s, 'ReplicaRegion').valueAsString;
    expectKitError(() => build({ replicas: [{ region }], replicaKeyArns: { 'eu-west-1': keyArn('eu-west-1') } }, s), {
      path: 'TestStack/Orders', property: 'replicas[0].region', message: /replicas\[0\].region is a token .*, but a global table's replica regions must be known at synth; write the region name/,
    });
  });
});

describe('replica point-in-time recovery', () => {
  const replicaKeyArns = { 'eu-west-1': keyArn('eu-west-1') };

  test('a recovery period with PITR off for the replica', () => {
    expectKitError(() => build({
      replicaKeyArns, replicas: [{ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false, recoveryPeriodInDays: 7 } }],
    }), {
      path: 'TestStack/Orders',
      property: 'replicas[0].pointInTimeRecoverySpecification.recoveryPeriodInDays',
      message: /recoveryPeriodInDays is 7 but the replica's point-in-time recovery is disabled; enable it for the replica/,
    });
  });

  test('a replica recovery period of 50 days', () => {
    expectKitError(() => build({
      replicaKeyArns, replicas: [{ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 50 } }],
    }), {
      path: 'TestStack/Orders',
      property: 'replicas[0].pointInTimeRecoverySpecification.recoveryPeriodInDays',
      message: /recoveryPeriodInDays is 50; use a whole number of days from 1 to 35/,
    });
  });

  test('the same through addReplica', () => {
    const table = build({ replicaKeyArns });
    expectKitError(() => table.addReplica({ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 0 } }), {
      path: 'TestStack/Orders', property: 'addReplica.pointInTimeRecoverySpecification.recoveryPeriodInDays', message: /is 0; use a whole number of days from 1 to 35/,
    });
  });
});

describe('addGlobalSecondaryIndex runs every check the constructor runs', () => {
  test('an index keyed on the TTL attribute as a string', () => {
    const table = build({ timeToLiveAttribute: 'expiresAt' });
    expectKitError(() => table.addGlobalSecondaryIndex({ indexName: 'byExpiry', partitionKey: { name: 'expiresAt', type: AttributeType.STRING } }), {
      path: 'TestStack/Orders', property: 'addGlobalSecondaryIndex', message: /addGlobalSecondaryIndex "expiresAt" is an index key of type S, but TTL reads a Number of epoch seconds/,
    });
  });

  test('an index keyed on the TTL attribute as a Number is accepted', () => {
    const table = build({ timeToLiveAttribute: 'expiresAt' });
    expect(() => table.addGlobalSecondaryIndex({ indexName: 'byExpiry', partitionKey: { name: 'expiresAt', type: AttributeType.NUMBER } })).not.toThrow();
  });

  test('an attribute with another type than the table gives it', () => {
    const table = build({});
    expectKitError(() => table.addGlobalSecondaryIndex({ indexName: 'byPk', partitionKey: { name: 'pk', type: AttributeType.NUMBER } }), {
      path: 'TestStack/Orders', property: 'addGlobalSecondaryIndex.partitionKey', message: /defines "pk" as N but partitionKey defines it as S/,
    });
  });

  test('an attribute with another type than an earlier added index gives it', () => {
    const table = build({});
    table.addGlobalSecondaryIndex({ indexName: 'byStatus', partitionKey: { name: 'status', type: AttributeType.STRING } });
    expectKitError(() => table.addGlobalSecondaryIndex({ indexName: 'byStatusNumber', partitionKey: { name: 'status', type: AttributeType.NUMBER } }), {
      path: 'TestStack/Orders', property: 'addGlobalSecondaryIndex.partitionKey', message: /defines "status" as N but addGlobalSecondaryIndex.partitionKey defines it as S/,
    });
  });

  test('the 100 nonKeyAttributes across all indexes', () => {
    const many = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}${i}`);
    const table = build({
      globalSecondaryIndexes: ['a', 'b', 'c', 'd', 'e'].map(p => gsi(`index${p}`, { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: many(p) })),
    });
    expectKitError(() => table.addGlobalSecondaryIndex(gsi('indexf', { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: ['f'] })), {
      path: 'TestStack/Orders', property: 'addGlobalSecondaryIndex.nonKeyAttributes', message: /would bring the table's indexes to 101 nonKeyAttributes but DynamoDB allows at most 100/,
    });
  });
});

describe('numeric tokens are not range-checked', () => {
  test('replica PITR periods, on-demand maximums and capacities from parameters synthesize', () => {
    const stack = testStack();
    const units = new CfnParameter(stack, 'Units', { type: 'Number' }).valueAsNumber;
    const days = new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber;
    build({
      billing: Billing.onDemand({ maxReadRequestUnits: units, maxWriteRequestUnits: Lazy.number({ produce: () => 100 }) }),
      replicaKeyArns: { 'eu-west-1': keyArn('eu-west-1'), 'us-west-2': keyArn('us-west-2') },
      replicas: [
        { region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: days } },
        { region: 'us-west-2', maxReadRequestUnits: units },
      ],
    }, stack);
    expect(() => templateOf(stack)).not.toThrow();
  });

  test('a token table PITR period reaches every replica that does not set its own (TableV2 range-checks a stand-in)', () => {
    const stack = testStack();
    const days = new CfnParameter(stack, 'Days', { type: 'Number', default: 7 }).valueAsNumber;
    build({
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: days },
      replicaKeyArns: { 'eu-west-1': keyArn('eu-west-1') },
      replicas: [{ region: 'eu-west-1' }],
    }, stack);
    const [table] = Object.values(templateOf(stack).findResources('AWS::DynamoDB::GlobalTable')) as any[];
    expect(table.Properties.Replicas.map((r: any) => r.PointInTimeRecoverySpecification))
      .toEqual([{ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: { Ref: 'Days' } }, { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: { Ref: 'Days' } }]);
  });

});

describe('a sibling construct already named <id>Key', () => {
  test('is our error naming the fix, not aws-cdk-lib\'s "There is already a Construct"', () => {
    const stack = testStack();
    new kms.Key(stack, 'OrdersKey');
    expectKitError(() => build({}, stack), {
      path: 'TestStack/Orders',
      property: 'encryption',
      message: /encryption is unset, so the table's KMS key is created as "OrdersKey" beside the table, but TestStack already has a construct with that id; rename that construct/,
    });
  });

  test('is no problem when the table has its own key', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'OrdersKey');
    expect(() => build({ encryption: TableEncryptionV2.customerManagedKey(key) }, stack)).not.toThrow();
  });
});

describe('addConsumer with a handler in another stack', () => {
  let outdir: string;
  beforeEach(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cross-stack-')); });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('creates the consumer in the handler\'s stack, and the app synthesizes without a cycle', () => {
    const app = new App({ outdir, context: TEST_CONTEXT });
    const tableStack = new Stack(app, 'Data', { env: TEST_ENV });
    const handlerStack = new Stack(app, 'Workers', { env: TEST_ENV });
    const table = new ProductionTable(tableStack, 'Orders', { partitionKey });
    const consumer = table.addConsumer('Indexer', { handler: consumerFunction(handlerStack) });
    expect(consumer.node.path).toBe('Workers/OrdersIndexer');
    const assembly = app.synth();
    const workers = assembly.getStackByName('Workers').template;
    expect(Object.values<any>(workers.Resources).filter(r => r.Type === 'AWS::Lambda::EventSourceMapping')).toHaveLength(1);
    expect(Object.values<any>(assembly.getStackByName('Data').template.Resources).filter(r => r.Type === 'AWS::Lambda::EventSourceMapping')).toHaveLength(0);
  });

  test('an id already taken in the handler\'s stack is our error', () => {
    const app = new App({ outdir, context: TEST_CONTEXT });
    const tableStack = new Stack(app, 'Data', { env: TEST_ENV });
    const handlerStack = new Stack(app, 'Workers', { env: TEST_ENV });
    const table = new ProductionTable(tableStack, 'Orders', { partitionKey });
    const handler: lambda.IFunction = consumerFunction(handlerStack, 'OrdersIndexer');
    expectKitError(() => table.addConsumer('Indexer', { handler }), {
      path: 'Data/Orders', property: 'addConsumer', message: /would create the consumer as "OrdersIndexer" in the handler's stack Workers, which already has a construct with that id/,
    });
  });
});
