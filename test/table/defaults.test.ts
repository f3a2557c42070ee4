import { RemovalPolicy } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AttributeType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ProductionTable } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const REPLICA_KEYS = {
  'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111',
  'ap-southeast-2': 'arn:aws:kms:ap-southeast-2:123456789012:key/22222222-2222-2222-2222-222222222222',
};

/** The KMS keys in the template other than the stack's alarm topic key (tested in test/monitoring). */
function keysBesideAlarmTopic(template: ReturnType<typeof templateOf>): string[] {
  return Object.keys(template.findResources('AWS::KMS::Key')).filter(id => !id.startsWith('CdkDynamoDbKitAlarms'));
}

function primaryReplica(template: ReturnType<typeof templateOf>): any {
  const { properties } = onlyResource(template, 'AWS::DynamoDB::GlobalTable');
  return properties.Replicas.find((replica: any) => replica.Region === 'us-east-1');
}

describe('ProductionTable defaults', () => {
  test('synthesizes one AWS::DynamoDB::GlobalTable with the key schema it was given', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey, sortKey: { name: 'sk', type: AttributeType.STRING } });
    const template = templateOf(stack);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  test('point-in-time recovery is on with a 35-day recovery period', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey });
    expect(primaryReplica(templateOf(stack)).PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: 35,
    });
  });

  test('the recovery period is settable', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', {
      partitionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 },
    });
    expect(primaryReplica(templateOf(stack)).PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: 7,
    });
  });

  test('deletion protection is on and the table is retained on removal and replacement', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey });
    const { resource } = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable');
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
    expect(primaryReplica(templateOf(stack)).DeletionProtectionEnabled).toBe(true);
  });

  test('contributor insights is on for the table and every global secondary index', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', {
      partitionKey,
      globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
    });
    const replica = primaryReplica(templateOf(stack));
    expect(replica.ContributorInsightsSpecification).toEqual({ Enabled: true });
    expect(replica.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'byCustomer', ContributorInsightsSpecification: { Enabled: true } },
    ]);
  });

  test('a customer-managed KMS key with rotation and a retain policy encrypts the table', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', { partitionKey });
    const template = templateOf(stack);
    const keys = keysBesideAlarmTopic(template);
    expect(keys).toHaveLength(1);
    const keyId = keys[0];
    expect(template.toJSON().Resources[keyId]).toMatchObject({
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } });
    expect(primaryReplica(template).SSESpecification).toEqual({ KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(table.encryptionKey).toBe(table.createdKey);
  });

  test('the key stands beside the table, so the table keeps the construct path TableV2 gives it', () => {
    const productionStack = testStack();
    new ProductionTable(productionStack, 'Orders', { partitionKey });
    const plainStack = testStack();
    new TableV2(plainStack, 'Orders', { partitionKey });
    const productionId = onlyResource(templateOf(productionStack), 'AWS::DynamoDB::GlobalTable').logicalId;
    const plainId = onlyResource(templateOf(plainStack), 'AWS::DynamoDB::GlobalTable').logicalId;
    expect(productionId).toBe(plainId);
    expect(productionStack.node.tryFindChild('OrdersKey')).toBeInstanceOf(kms.Key);
  });

  test('a key the user brings is used and no key is created', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const table = new ProductionTable(stack, 'Orders', { partitionKey, encryption: TableEncryptionV2.customerManagedKey(key) });
    const template = templateOf(stack);
    expect(keysBesideAlarmTopic(template)).toEqual([stack.getLogicalId(key.node.defaultChild as any)]);
    expect(table.createdKey).toBeUndefined();
    expect(primaryReplica(template).SSESpecification.KMSMasterKeyId).toEqual(stack.resolve(key.keyArn));
  });

  test('an AWS-managed key chosen explicitly is used and no key is created', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey, encryption: TableEncryptionV2.awsManagedKey() });
    const template = templateOf(stack);
    expect(keysBesideAlarmTopic(template)).toEqual([]);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } });
  });

  test('no stream without replicas or consumers', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey });
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: Match.absent() });
  });

  test('the stream view type is settable', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey, dynamoStream: StreamViewType.KEYS_ONLY });
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'KEYS_ONLY' } });
  });

  test('TTL is enabled on the attribute given', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey, timeToLiveAttribute: 'expiresAt' });
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  test('explicit opt-outs are honoured', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', {
      partitionKey,
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
      contributorInsightsSpecification: { enabled: false },
    });
    const template = templateOf(stack);
    const { resource } = onlyResource(template, 'AWS::DynamoDB::GlobalTable');
    expect(resource.DeletionPolicy).toBe('Delete');
    const replica = primaryReplica(template);
    expect(replica.DeletionProtectionEnabled).toBe(false);
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: false });
    expect(replica.ContributorInsightsSpecification).toEqual({ Enabled: false });
  });

  test('the deprecated boolean forms are still accepted', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey, pointInTimeRecovery: false, contributorInsights: false });
    const replica = primaryReplica(templateOf(stack));
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: false });
    expect(replica.ContributorInsightsSpecification).toEqual({ Enabled: false });
  });
});

describe('ProductionTable replicas', () => {
  function tableWithReplicas(stack = testStack()) {
    const table = new ProductionTable(stack, 'Orders', {
      partitionKey,
      replicas: [{ region: 'eu-west-1' }, { region: 'ap-southeast-2', deletionProtection: false }],
      replicaKeyArns: REPLICA_KEYS,
    });
    return { stack, table, template: templateOf(stack) };
  }

  test('every replica gets PITR, contributor insights and deletion protection unless it says otherwise', () => {
    const { template } = tableWithReplicas();
    const { properties } = onlyResource(template, 'AWS::DynamoDB::GlobalTable');
    expect(properties.Replicas.map((replica: any) => replica.Region).sort()).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    const byRegion = Object.fromEntries(properties.Replicas.map((replica: any) => [replica.Region, replica]));
    for (const region of ['eu-west-1', 'ap-southeast-2']) {
      expect(byRegion[region].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 });
      expect(byRegion[region].ContributorInsightsSpecification).toEqual({ Enabled: true });
      expect(byRegion[region].SSESpecification).toEqual({ KMSMasterKeyId: REPLICA_KEYS[region as keyof typeof REPLICA_KEYS] });
    }
    expect(byRegion['eu-west-1'].DeletionProtectionEnabled).toBe(true);
    expect(byRegion['ap-southeast-2'].DeletionProtectionEnabled).toBe(false);
  });

  test('replicas get a NEW_AND_OLD_IMAGES stream', () => {
    const { template } = tableWithReplicas();
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  test('replicaRegions lists the replicas, including ones added later', () => {
    const { table } = tableWithReplicas();
    expect(table.replicaRegions).toEqual(['eu-west-1', 'ap-southeast-2']);
  });

  test('a replica added later is validated and rendered', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', {
      partitionKey,
      replicas: [{ region: 'eu-west-1' }],
      replicaKeyArns: { ...REPLICA_KEYS, 'us-west-2': 'arn:aws:kms:us-west-2:123456789012:key/3' },
    });
    table.addReplica({ region: 'us-west-2' });
    expect(table.replicaRegions).toEqual(['eu-west-1', 'us-west-2']);
    const { properties } = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable');
    expect(properties.Replicas.map((replica: any) => replica.Region)).toContain('us-west-2');
  });
});
