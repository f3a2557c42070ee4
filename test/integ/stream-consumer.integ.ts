// integ-runner app (aws-cdk's convention), snapshot compared offline by `npx projen integ`; deployable with
// an AWS account (see test/integ/snapshots.ts). Test resources are destroyable; production keeps the defaults.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ProductionTable, StreamConsumer } from '../../src';

const app = new App();
const stack = new Stack(app, 'CdkDynamoDbKitStreamConsumerInteg');
const partitionKey = { name: 'pk', type: AttributeType.STRING };
const orders = new ProductionTable(stack, 'Orders', { partitionKey, removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
const index = new TableV2(stack, 'Index', { partitionKey, removalPolicy: RemovalPolicy.DESTROY });

// The consumer copies each new image into the index table: reading it there proves the record
// went through the event source mapping and the function.
const handler = new lambda.Function(stack, 'Indexer', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  memorySize: 256,
  timeout: Duration.seconds(30),
  environment: { INDEX_TABLE: index.tableName },
  code: lambda.Code.fromInline([
    "const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');",
    'const client = new DynamoDBClient({});',
    'exports.handler = async (event) => {',
    '  for (const record of event.Records) {',
    '    if (record.dynamodb.NewImage) await client.send(new PutItemCommand({ TableName: process.env.INDEX_TABLE, Item: record.dynamodb.NewImage }));',
    '  }',
    '  return { batchItemFailures: [] };',
    '};',
  ].join('\n')),
});
index.grantWriteData(handler);
const consumer = new StreamConsumer(stack, 'OrdersIndexer', { table: orders, handler });

const integ = new IntegTest(app, 'StreamConsumerInteg', { testCases: [stack] });
const item = { pk: { S: 'order#1' }, status: { S: 'shipped' } };
integ.assertions.awsApiCall('DynamoDB', 'putItem', { TableName: orders.tableName, Item: item })
  .next(integ.assertions.awsApiCall('DynamoDB', 'getItem', { TableName: index.tableName, Key: { pk: item.pk } })
    .expect(ExpectedResult.objectLike({ Item: item }))
    .waitForAssertions({ totalTimeout: Duration.minutes(5), interval: Duration.seconds(15) }))
  .next(integ.assertions.awsApiCall('SQS', 'getQueueAttributes', {
    QueueUrl: consumer.failureQueue!.queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages'],
  }).expect(ExpectedResult.objectLike({ Attributes: { ApproximateNumberOfMessages: '0' } })));
