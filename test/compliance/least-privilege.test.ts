import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ConsumerFailureDestination, ExportMode, ProductionTable, ScheduledExport, StreamConsumer, TableBackupPlan } from '../../src';
import { GRANTS_FOR_AWS_SERVICES_ONLY_SID } from '../../src/shared/key-policy';
import { testStack } from '../helpers/app';
import { GRANTS_FOR_AWS_SERVICES_ONLY } from '../helpers/key-policy';
import { consumerFunction } from '../streams/fixtures';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

/** A fully featured table: backup plan, consumer with a created queue on its own key, incremental export, alarm topic. */
function fullyFeatured(stack: Stack) {
  const table = new ProductionTable(stack, 'Orders', { partitionKey, backup: new TableBackupPlan(stack, 'Backup') });
  new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack), failureDestination: ConsumerFailureDestination.createdQueue() });
  new ScheduledExport(stack, 'Export', { table, mode: ExportMode.incremental({ window: Duration.days(1) }) });
  return table;
}

/** The construct paths of the stack's KMS keys, sorted. */
function keyPaths(stack: Stack): string[] {
  return stack.node.findAll().filter((c): c is kms.CfnKey => c instanceof kms.CfnKey).map(c => c.node.path).sort();
}

describe('CT.KMS.PR.3: every key the library creates limits kms:CreateGrant to AWS services', () => {
  const stack = testStack();
  fullyFeatured(stack);
  const keys = Template.fromStack(stack).findResources('AWS::KMS::Key');

  test('the table, alarm topic, backup vault and export keys (and the failure queue\'s, when it has its own)', () => {
    expect(keyPaths(stack)).toEqual(expect.arrayContaining([
      'TestStack/OrdersKey/Resource', 'TestStack/CdkDynamoDbKitAlarms/Key/Resource', 'TestStack/Backup/VaultKey/Resource', 'TestStack/Export/BucketKey/Resource',
    ]));
    for (const [id, key] of Object.entries<any>(keys)) {
      expect({ id, statement: key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === GRANTS_FOR_AWS_SERVICES_ONLY_SID) })
        .toEqual({ id, statement: GRANTS_FOR_AWS_SERVICES_ONLY });
    }
  });

  test('the deny leaves the account\'s key administration in place (the default kms:* statement for the account root)', () => {
    for (const key of Object.values<any>(keys)) {
      expect(key.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: 'kms:*', Principal: { AWS: expect.anything() } }));
    }
  });

  test('a key the user passes in is left alone: its policy is the user\'s', () => {
    const own = testStack();
    const key = new kms.Key(own, 'MyKey', { enableKeyRotation: true });
    new TableBackupPlan(own, 'Backup', { encryptionKey: key, tables: [new ProductionTable(own, 'Orders', { partitionKey })] });
    const policy = Template.fromStack(own).findResources('AWS::KMS::Key')[own.getLogicalId(key.node.defaultChild as kms.CfnKey)].Properties.KeyPolicy;
    expect(policy.Statement.map((s: any) => s.Sid)).not.toContain(GRANTS_FOR_AWS_SERVICES_ONLY_SID);
  });
});

describe('the stream consumer\'s role: what Lambda\'s event source mapping needs for DynamoDB Streams, on this stream only', () => {
  test('DescribeStream, GetRecords, GetShardIterator and ListStreams on the stream ARN, kms:Decrypt on the table key; nothing on "*"', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', { partitionKey });
    const handler = consumerFunction(stack);
    new StreamConsumer(stack, 'Consumer', { table, handler });
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const statements = Object.values<any>(policies).flatMap(p => p.Properties.PolicyDocument.Statement);
    const streamRead = statements.filter(s => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(streamRead).toEqual([{
      Effect: 'Allow',
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      Resource: { 'Fn::GetAtt': [stack.getLogicalId(table.node.defaultChild as any), 'StreamArn'] },
    }]);
    const tableKeyArn = { 'Fn::GetAtt': [stack.getLogicalId(table.createdKey!.node.defaultChild as kms.CfnKey), 'Arn'] };
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'kms:Decrypt', Resource: tableKeyArn }));
    // "*" only for the user's own tracing (X-Ray); no DynamoDB or KMS action on "*".
    expect(statements.filter(s => s.Resource === '*').flatMap(s => [s.Action].flat()).every((a: string) => a.startsWith('xray:'))).toBe(true);
  });
});

describe('shared keys: one customer-managed key for the table, its backups, its failure queue and its exports', () => {
  test('each construct takes the key; only the alarm topic keeps its own (CloudWatch must be allowed on it)', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'SharedKey', { enableKeyRotation: true });
    const table = new ProductionTable(stack, 'Orders', {
      partitionKey,
      encryption: TableEncryptionV2.customerManagedKey(key),
      backup: new TableBackupPlan(stack, 'Backup', { encryptionKey: key }),
    });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack), failureDestination: ConsumerFailureDestination.createdQueue({ encryptionKey: key }) });
    new ScheduledExport(stack, 'Export', { table, encryptionKey: key, mode: ExportMode.incremental({ window: Duration.days(1) }) });
    const template = Template.fromStack(stack);
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] };
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toHaveLength(2);
    expect(keyPaths(stack)).toEqual(['TestStack/CdkDynamoDbKitAlarms/Key/Resource', 'TestStack/SharedKey/Resource']);
    template.hasResourceProperties('AWS::Backup::BackupVault', { EncryptionKeyArn: keyArn });
    template.hasResourceProperties('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { KMSMasterKeyID: keyArn, SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: keyArn });
    for (const queue of Object.values<any>(template.findResources('AWS::SQS::Queue'))) expect(queue.Properties.KmsMasterKeyId).toEqual(keyArn);
  });
});
