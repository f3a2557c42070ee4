import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { consumerFunction, productionTable } from './fixtures';
import { ConsumerFailureDestination, StreamConsumer } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';
import { expectKitError } from '../helpers/errors';

type Stack = ReturnType<typeof testStack>;

function consumerWith(stack: Stack, failureDestination?: ConsumerFailureDestination): StreamConsumer {
  return new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack), failureDestination });
}

function destinationOf(stack: Stack): any {
  return onlyResource(templateOf(stack), 'AWS::Lambda::EventSourceMapping').properties.DestinationConfig.OnFailure.Destination;
}

/** The function role's statements other than the stream and table-key ones. */
function destinationStatements(stack: Stack): any[] {
  const policies = Object.values(templateOf(stack).findResources('AWS::IAM::Policy')) as any[];
  return policies.flatMap(policy => policy.Properties.PolicyDocument.Statement)
    .filter(statement => !JSON.stringify(statement.Action).includes('dynamodb:'))
    .filter(statement => !JSON.stringify(statement.Resource).includes('OrdersKey'))
    .filter(statement => !JSON.stringify(statement.Action).includes('xray:'));
}

describe('the created failure queue (default)', () => {
  test('is encrypted with the table\'s customer-managed key, keeps messages 14 days, is retained, and is marked as a dead-letter queue', () => {
    const stack = testStack();
    const consumer = consumerWith(stack);
    const template = templateOf(stack);
    const queue = onlyResource(template, 'AWS::SQS::Queue');
    const tableKey = Object.keys(template.findResources('AWS::KMS::Key')).find(id => id.startsWith('OrdersKey'))!;
    expect(tableKey).toBeDefined();
    expect(Object.keys(template.findResources('AWS::KMS::Key')).some(id => id.startsWith('ConsumerFailureQueueKey'))).toBe(false);
    expect(queue.properties).toEqual({
      KmsMasterKeyId: { 'Fn::GetAtt': [tableKey, 'Arn'] },
      MessageRetentionPeriod: 1209600,
      RedriveAllowPolicy: { redrivePermission: 'allowAll' },
    });
    const resource = template.toJSON().Resources[queue.logicalId];
    expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(consumer.failureQueue).toBeDefined();
    expect(destinationOf(stack)).toEqual({ 'Fn::GetAtt': [queue.logicalId, 'Arn'] });
  });

  test('a table without a customer-managed key: the queue gets a rotating key of its own, retained', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack) });
    const template = templateOf(stack);
    const keys = Object.entries<any>(template.findResources('AWS::KMS::Key')).filter(([id]) => !id.startsWith('CdkDynamoDbKitAlarms'));
    expect(keys).toHaveLength(1);
    const key = { logicalId: keys[0][0], properties: keys[0][1].Properties };
    expect(key.logicalId).toMatch(/^ConsumerFailureQueueKey/);
    expect(key.properties.EnableKeyRotation).toBe(true);
    expect(template.toJSON().Resources[key.logicalId].DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [key.logicalId, 'Arn'] } });
  });

  test('denies requests without SSL', () => {
    const stack = testStack();
    consumerWith(stack);
    const policy = onlyResource(templateOf(stack), 'AWS::SQS::QueuePolicy');
    expect(policy.properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([expect.objectContaining({
      Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    })]));
  });

  test('removalPolicy DESTROY is settable and reaches the queue', () => {
    const stack = testStack();
    consumerWith(stack, ConsumerFailureDestination.createdQueue({ removalPolicy: RemovalPolicy.DESTROY }));
    const template = templateOf(stack);
    const queue = onlyResource(template, 'AWS::SQS::Queue');
    expect(template.toJSON().Resources[queue.logicalId].DeletionPolicy).toBe('Delete');
  });

  test('its own dead-letter queue is opt-in: then the failure queue redrives to it and the dead-letter queue is the one marked', () => {
    const stack = testStack();
    consumerWith(stack, ConsumerFailureDestination.createdQueue({ deadLetterQueue: true }));
    const template = templateOf(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::SQS::QueuePolicy', 2);
    const deadLetters = Object.keys(template.findResources('AWS::SQS::Queue')).find(id => id.startsWith('ConsumerFailureQueueDeadLetters'))!;
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLetters, 'Arn'] }, maxReceiveCount: 5 },
      RedriveAllowPolicy: Match.absent(),
    });
    const dlq = template.toJSON().Resources[deadLetters];
    expect(dlq.Properties.RedriveAllowPolicy).toEqual({ redrivePermission: 'allowAll' });
    expect(dlq.DeletionPolicy).toBe('Retain');
  });

  test('retention, key and receive count are settable; a receive count turns the dead-letter queue on', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'MyKey');
    consumerWith(stack, ConsumerFailureDestination.createdQueue({ retentionPeriod: Duration.days(4), encryptionKey: key, maxReceiveCount: 3 }));
    const template = templateOf(stack);
    const myKey = Object.keys(template.findResources('AWS::KMS::Key')).find(id => id.startsWith('MyKey'))!;
    expect(Object.keys(template.findResources('AWS::KMS::Key')).some(id => id.startsWith('ConsumerFailureQueueKey'))).toBe(false);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [myKey, 'Arn'] },
      MessageRetentionPeriod: 345600,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }),
    });
  });

  test.each([
    ['retention above 14 days', { retentionPeriod: Duration.days(15) }, 'failureDestination.retentionPeriod', /failureDestination.retentionPeriod is 15 days but SQS keeps messages between 1 minute and 14 days/],
    ['retention below a minute', { retentionPeriod: Duration.seconds(30) }, 'failureDestination.retentionPeriod', /is 30 seconds/],
    ['receive count zero', { maxReceiveCount: 0 }, 'failureDestination.maxReceiveCount', /failureDestination.maxReceiveCount is 0 but SQS accepts a whole number from 1 to 1000/],
  ])('%s is our error', (_name, options, property, message) => {
    const stack = testStack();
    const table = productionTable(stack);
    const handler = consumerFunction(stack);
    expectKitError(
      () => new StreamConsumer(stack, 'Consumer', { table, handler, failureDestination: ConsumerFailureDestination.createdQueue(options) }),
      { path: 'TestStack/Consumer', property, message });
  });
});

describe('your failure destination', () => {
  test('a queue: sqs:SendMessage and its key, nothing more, and an alarm on it', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'QueueKey');
    const queue = new sqs.Queue(stack, 'Mine', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    const consumer = consumerWith(stack, ConsumerFailureDestination.queue(queue));
    const template = templateOf(stack);
    const queueId = stack.getLogicalId(queue.node.defaultChild as any);
    const keyId = stack.getLogicalId(key.node.defaultChild as any);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    expect(destinationOf(stack)).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    expect(destinationStatements(stack)).toEqual([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    ]);
    expect(consumer.failureQueueAlarm).toBeDefined();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
    });
  });

  test('an SNS topic: sns:Publish on it; no queue alarm', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Failures');
    const consumer = consumerWith(stack, ConsumerFailureDestination.topic(topic));
    const topicId = stack.getLogicalId(topic.node.defaultChild as any);
    expect(destinationOf(stack)).toEqual({ Ref: topicId });
    expect(destinationStatements(stack)).toEqual([{ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: topicId } }]);
    templateOf(stack).resourceCountIs('AWS::SQS::Queue', 0);
    expect(consumer.failureQueue).toBeUndefined();
    expect(consumer.failureQueueAlarm).toBeUndefined();
    expect(consumer.alarms).toHaveLength(2);
  });

  test('an S3 bucket: s3:PutObject on its objects only, and its key', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Failures', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    consumerWith(stack, ConsumerFailureDestination.bucket(bucket));
    const bucketId = stack.getLogicalId(bucket.node.defaultChild as any);
    const keyId = stack.getLogicalId(bucket.encryptionKey!.node.defaultChild as any);
    expect(destinationOf(stack)).toEqual({ 'Fn::GetAtt': [bucketId, 'Arn'] });
    expect(destinationStatements(stack)).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] } },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    ]);
  });
});
