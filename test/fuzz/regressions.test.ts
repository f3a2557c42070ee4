import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, Billing, Capacity, ProjectionType, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ProductionTable, ProductionTableProps } from '../../src';
import { KitValidationError } from '../../src/shared/errors';
import { envAgnosticStack, onlyResource, templateOf, testStack } from '../helpers/app';

/** Counterexamples the fuzzer found, fixed, and kept here in their smallest form. */

const partitionKey = { name: 'pk', type: AttributeType.STRING };

function rejectedProperty(props: Partial<ProductionTableProps>, stack: Stack = testStack()): string {
  try {
    new ProductionTable(stack, 'Fuzzed', { partitionKey, ...props });
  } catch (e) {
    if (e instanceof KitValidationError) return e.property;
    throw e;
  }
  throw new Error('expected a KitValidationError');
}

describe('environment-agnostic stacks (cdk init\'s default)', () => {
  test('a ProductionTable with default props synthesizes, encrypted with the key it creates', () => {
    const stack = envAgnosticStack();
    const table = new ProductionTable(stack, 'Orders', { partitionKey });
    const template = templateOf(stack);
    const keyId = stack.getLogicalId(table.createdKey!.node.defaultChild as kms.CfnKey);
    expect(onlyResource(template, 'AWS::DynamoDB::GlobalTable').properties.Replicas).toEqual([expect.objectContaining({
      Region: { Ref: 'AWS::Region' },
      SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    })]);
  });

  test('a ProductionTable with the user\'s own customer-managed key synthesizes', () => {
    const stack = envAgnosticStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new ProductionTable(stack, 'Orders', { partitionKey, encryption: TableEncryptionV2.customerManagedKey(key) });
    const replicas = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable').properties.Replicas;
    expect(replicas[0].SSESpecification).toEqual({ KMSMasterKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] } });
  });

  test('replicas still need a known region, and say so', () => {
    expect(rejectedProperty({ replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': 'arn:aws:kms:eu-west-1:1:key/1' } }, envAgnosticStack()))
      .toBe('replicas[0].region');
  });
});

describe('found by the fuzzer: each is now our error, naming the property', () => {
  const S = AttributeType.STRING;

  test('a sort key that is the partition key again (the template had one attribute definition)', () => {
    expect(rejectedProperty({ sortKey: { name: 'pk', type: S } })).toBe('sortKey');
  });

  test('a local index whose sort key is the table\'s partition key', () => {
    expect(rejectedProperty({ sortKey: { name: 'sk', type: S }, localSecondaryIndexes: [{ indexName: 'byPk', sortKey: { name: 'pk', type: S } }] }))
      .toBe('localSecondaryIndexes[0].sortKey');
  });

  test('nonKeyAttributes without INCLUDE (aws-cdk-lib threw without saying which index)', () => {
    expect(rejectedProperty({ globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: S }, nonKeyAttributes: ['total'] }] }))
      .toBe('globalSecondaryIndexes[0].nonKeyAttributes');
  });

  test('the same non-key attribute twice (CloudFormation: array items are not unique)', () => {
    expect(rejectedProperty({
      globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: S }, projectionType: ProjectionType.INCLUDE, nonKeyAttributes: ['sk', 'sk'] }],
    })).toBe('globalSecondaryIndexes[0].nonKeyAttributes[1]');
  });

  test('RemovalPolicy.SNAPSHOT (CloudFormation: UpdateReplacePolicy must be Delete or Retain)', () => {
    expect(rejectedProperty({ removalPolicy: RemovalPolicy.SNAPSHOT })).toBe('removalPolicy');
  });
});

describe('aws-cdk-lib errors the fuzzer can reach, checked first by us (from aws-cdk-lib\'s own error list)', () => {
  const S = AttributeType.STRING;
  const N = AttributeType.NUMBER;

  test('an attribute with two types across table and index keys', () => {
    expect(rejectedProperty({ globalSecondaryIndexes: [{ indexName: 'byPk', partitionKey: { name: 'pk', type: N } }] }))
      .toBe('globalSecondaryIndexes[0].partitionKey');
  });

  test('replica options for an index the table does not have', () => {
    expect(rejectedProperty({
      replicas: [{ region: 'eu-west-1', globalSecondaryIndexOptions: { noSuchIndex: { contributorInsightsSpecification: { enabled: true } } } }],
      encryption: TableEncryptionV2.awsManagedKey(),
    })).toBe('replicas[0].globalSecondaryIndexOptions.noSuchIndex');
  });

  test('a replica key for the stack\'s own region', () => {
    expect(rejectedProperty({ replicaKeyArns: { 'us-east-1': 'arn:aws:kms:us-east-1:123456789012:key/1' } })).toBe('replicaKeyArns');
  });

  test('capacity below 1 unit', () => {
    const billing = Billing.provisioned({ readCapacity: Capacity.fixed(0), writeCapacity: Capacity.autoscaled({ maxCapacity: 10 }) });
    expect(rejectedProperty({ billing })).toBe('billing.readCapacity');
    const minZero = Billing.provisioned({
      readCapacity: Capacity.autoscaled({ minCapacity: 0, maxCapacity: 10 }),
      writeCapacity: Capacity.autoscaled({ maxCapacity: 10 }),
    });
    expect(rejectedProperty({ billing: minZero })).toBe('billing.readCapacity');
  });

  test('on-demand maximum request units below 1', () => {
    expect(rejectedProperty({ billing: Billing.onDemand({ maxReadRequestUnits: 0 }) })).toBe('billing.maxReadRequestUnits');
  });

  test('a key attribute name that is empty or longer than 255 bytes', () => {
    expect(rejectedProperty({ partitionKey: { name: '', type: S } })).toBe('partitionKey.name');
    expect(rejectedProperty({ sortKey: { name: 'x'.repeat(256), type: S } })).toBe('sortKey.name');
  });
});

describe('multi-attribute index keys (reached once the fuzzer made one mistake at a time)', () => {
  const key = (name: string) => ({ name, type: AttributeType.STRING });

  test.each([
    ['neither partitionKey nor partitionKeys', { indexName: 'byX' }, 'globalSecondaryIndexes[0].partitionKey'],
    ['both partitionKey and partitionKeys', { indexName: 'byX', partitionKey: key('a'), partitionKeys: [key('b')] }, 'globalSecondaryIndexes[0].partitionKey'],
    ['an empty partitionKeys', { indexName: 'byX', partitionKeys: [] }, 'globalSecondaryIndexes[0].partitionKeys'],
    ['five partition key attributes', { indexName: 'byX', partitionKeys: ['a', 'b', 'c', 'd', 'e'].map(key) }, 'globalSecondaryIndexes[0].partitionKeys'],
    ['both sortKey and sortKeys', { indexName: 'byX', partitionKey: key('a'), sortKey: key('b'), sortKeys: [key('c')] }, 'globalSecondaryIndexes[0].sortKeys'],
    ['an attribute twice in one key (CloudFormation: items are not unique)', { indexName: 'byX', partitionKeys: [key('a')], sortKeys: [key('a')] },
      'globalSecondaryIndexes[0].sortKeys[0]'],
  ])('%s', (_name, gsi, property) => {
    expect(rejectedProperty({ globalSecondaryIndexes: [gsi as any] })).toBe(property);
  });

  test('a valid multi-attribute key synthesizes', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Fuzzed', { partitionKey, globalSecondaryIndexes: [{ indexName: 'byTenantRegion', partitionKeys: [key('tenant'), key('region')], sortKeys: [key('at')] }] });
    expect(onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable').properties.GlobalSecondaryIndexes[0].KeySchema).toEqual([
      { AttributeName: 'tenant', KeyType: 'HASH' }, { AttributeName: 'region', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' },
    ]);
  });
});
