import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { StreamViewType, Table, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { consumerFunction, partitionKey, productionTable } from './fixtures';
import { AlarmTopic, ProductionTable, StreamConsumer, StreamConsumerProps } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';
import { expectKitError } from '../helpers/errors';
import { alarm as alarmProps, metricsRead, watchedExpression } from '../monitoring/helpers';

const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/Imported/stream/2026-01-01T00:00:00.000';
const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/Imported';

function mapping(stack: ReturnType<typeof testStack>) {
  return onlyResource(templateOf(stack), 'AWS::Lambda::EventSourceMapping').properties;
}

function consumerProps(stack: ReturnType<typeof testStack>, extra: Partial<StreamConsumerProps> = {}): StreamConsumerProps {
  return { table: productionTable(stack), handler: consumerFunction(stack), ...extra };
}

function expectError(build: () => unknown, property: string, message: RegExp): void {
  expectKitError(build, { path: 'TestStack/Consumer', property, message });
}

describe('StreamConsumer event source mapping defaults', () => {
  test('reads the stream from TRIM_HORIZON with bounded retries, record age, bisection and partial batch responses', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    const properties = mapping(stack);
    expect(properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      ParallelizationFactor: 1,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 86400,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(properties.MaximumBatchingWindowInSeconds).toBeUndefined();
    expect(properties.TumblingWindowInSeconds).toBeUndefined();
    expect(properties.FilterCriteria).toBeUndefined();
  });

  test('points at the table stream and sends failures to the created queue', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    const template = templateOf(stack);
    const table = onlyResource(template, 'AWS::DynamoDB::GlobalTable');
    const queueId = onlyResource(template, 'AWS::SQS::Queue').logicalId;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [table.logicalId, 'StreamArn'] },
      FunctionName: { Ref: Match.stringLikeRegexp('^Indexer') },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  test('the mapping is created after the role policy that lets Lambda read the stream', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    const { resource } = onlyResource(templateOf(stack), 'AWS::Lambda::EventSourceMapping');
    expect(resource.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^IndexerServiceRoleDefaultPolicy/)]));
  });
});

describe('StreamConsumer options', () => {
  test('every tuning setting reaches the mapping', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack, {
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: 1000,
      maxBatchingWindow: Duration.seconds(10),
      parallelizationFactor: 10,
      tumblingWindow: Duration.minutes(15),
      retryAttempts: 0,
      maxRecordAge: Duration.days(7),
      bisectBatchOnError: false,
      reportBatchItemFailures: false,
    }));
    const properties = mapping(stack);
    expect(properties).toMatchObject({
      StartingPosition: 'LATEST',
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 10,
      ParallelizationFactor: 10,
      TumblingWindowInSeconds: 900,
      MaximumRetryAttempts: 0,
      MaximumRecordAgeInSeconds: 604800,
      BisectBatchOnFunctionError: false,
    });
    expect(properties.FunctionResponseTypes).toBeUndefined();
  });

  test('ProductionTable.addConsumer wires the table itself', () => {
    const stack = testStack();
    const table = productionTable(stack);
    const consumer = table.addConsumer('Indexer', { handler: consumerFunction(stack, 'Fn'), batchSize: 50 });
    expect(consumer.node.path).toBe('TestStack/Orders/Indexer');
    const { logicalId } = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable');
    templateOf(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 50,
      EventSourceArn: { 'Fn::GetAtt': [logicalId, 'StreamArn'] },
    });
  });
});

describe('StreamConsumer enables the table stream', () => {
  test('a ProductionTable with no stream gets NEW_AND_OLD_IMAGES', () => {
    const stack = testStack();
    const consumer = new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(consumer.streamViewType).toBe(StreamViewType.NEW_AND_OLD_IMAGES);
  });

  test('streamViewType chooses the view type when the consumer enables the stream', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack, { streamViewType: StreamViewType.KEYS_ONLY }));
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    });
  });

  test('a table whose stream is set keeps it, and two consumers share it', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey, dynamoStream: StreamViewType.NEW_IMAGE });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack) });
    new StreamConsumer(stack, 'Second', { table, handler: consumerFunction(stack, 'Other') });
    const template = templateOf(stack);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
  });

  test('a ProductionTable with replicas keeps its NEW_AND_OLD_IMAGES stream', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', {
      partitionKey,
      replicas: [{ region: 'eu-west-1' }],
      replicaKeyArns: { 'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111' },
    });
    const consumer = table.addConsumer('Indexer', { handler: consumerFunction(stack) });
    expect(consumer.streamViewType).toBe(StreamViewType.NEW_AND_OLD_IMAGES);
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  test('a replica added after the consumer enabled a KEYS_ONLY stream brings NEW_AND_OLD_IMAGES, as global tables need', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack), streamViewType: StreamViewType.KEYS_ONLY });
    table.addReplica({ region: 'eu-west-1' });
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  test('a plain TableV2 with no stream gets one', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack) });
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  test('a Table (v1) with no stream gets one', () => {
    const stack = testStack();
    const table = new Table(stack, 'Legacy', { partitionKey });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack) });
    const { logicalId } = onlyResource(templateOf(stack), 'AWS::DynamoDB::Table');
    templateOf(stack).hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    templateOf(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: { 'Fn::GetAtt': [logicalId, 'StreamArn'] } });
  });

  test('an imported table uses its stream ARN', () => {
    const stack = testStack();
    const table = TableV2.fromTableAttributes(stack, 'Imported', { tableArn: TABLE_ARN, tableStreamArn: STREAM_ARN });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack) });
    templateOf(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: STREAM_ARN });
    templateOf(stack).resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
  });

  test('an imported table without a stream ARN is an error', () => {
    const stack = testStack();
    const table = TableV2.fromTableArn(stack, 'Imported', TABLE_ARN);
    expectError(() => new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack) }),
      'table', /imported table "TestStack\/Imported" with no stream ARN; .*tableStreamArn/);
  });

  test('a streamViewType that differs from the table stream is an error', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey, dynamoStream: StreamViewType.KEYS_ONLY });
    expectError(() => new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack), streamViewType: StreamViewType.NEW_IMAGE }),
      'streamViewType', /is "NEW_IMAGE" but the table's stream is "KEYS_ONLY" already/);
  });
});

describe('StreamConsumer with an imported function', () => {
  test('the mapping targets it and its role gets the grants; nothing is acknowledged on it', () => {
    const stack = testStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/indexer', { mutable: true });
    const handler = lambda.Function.fromFunctionAttributes(stack, 'Imported', {
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:indexer', role, sameEnvironment: true,
    });
    new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler });
    const template = templateOf(stack);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionName: 'indexer' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: ['indexer'],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage' })]) },
    });
    expect(handler.node.metadata).toEqual([]);
  });
});

describe('StreamConsumer least privilege', () => {
  function statements(stack: ReturnType<typeof testStack>): any[] {
    const policies = templateOf(stack).findResources('AWS::IAM::Policy');
    return Object.values(policies).flatMap((policy: any) => policy.Properties.PolicyDocument.Statement)
      // X-Ray tracing of the test function is not the consumer's doing.
      .filter((statement: any) => ![statement.Action].flat().some((action: string) => action.startsWith('xray:')));
  }

  test('the role reads this stream only, decrypts with the table key and sends to the failure queue (under the table key); nothing else', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    const template = templateOf(stack);
    const table = onlyResource(template, 'AWS::DynamoDB::GlobalTable').logicalId;
    const tableKey = Object.keys(template.findResources('AWS::KMS::Key')).find(id => id.startsWith('OrdersKey'))!;
    const queueKey = tableKey;
    const queue = onlyResource(template, 'AWS::SQS::Queue').logicalId;
    expect(statements(stack)).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        Resource: { 'Fn::GetAtt': [table, 'StreamArn'] },
      },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [tableKey, 'Arn'] } },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queue, 'Arn'] } },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [queueKey, 'Arn'] } },
    ]);
  });

  test('no statement has a wildcard resource', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    const resources = statements(stack).flatMap(statement => [statement.Resource].flat());
    expect(resources.length).toBeGreaterThan(0);
    expect(JSON.stringify(resources)).not.toContain('*');
  });

  test('a table with no customer-managed key adds no KMS statement for the stream', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack) });
    const kmsStatements = statements(stack).filter(statement => [statement.Action].flat().includes('kms:Decrypt'));
    expect(kmsStatements).toHaveLength(1); // the failure queue's own key only (the table has no customer-managed key to share)
    expect(JSON.stringify(kmsStatements[0].Resource)).toMatch(/ConsumerFailureQueueKey/);
  });
});

describe('StreamConsumer alarms', () => {
  /** The alarms of the consumer (the table may have its own). */
  function consumerAlarms(stack: ReturnType<typeof testStack>): any[] {
    const alarms = templateOf(stack).findResources('AWS::CloudWatch::Alarm');
    return Object.entries(alarms).filter(([id]) => id.startsWith('Consumer')).map(([, alarm]) => alarm);
  }

  test('iterator age, errors and throttles (one alarm), and failure-queue alarms exist', () => {
    const stack = testStack();
    const consumer = new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    const template = templateOf(stack);
    expect(consumerAlarms(stack)).toHaveLength(3);
    expect(consumer.alarms).toHaveLength(3);
    expect(consumer.errorsAlarm).toBeDefined();
    expect(consumer.throttlesAlarm).toBe(consumer.errorsAlarm);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Namespace: 'AWS/Lambda',
      Statistic: 'Maximum',
      Threshold: 300000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
    });
    const errorsAndThrottles = alarmProps(template, 'ConsumerErrorsAndThrottlesAlarm');
    expect(watchedExpression(errorsAndThrottles)).toBe('FILL(errors, 0) + FILL(throttles, 0)');
    expect(metricsRead(errorsAndThrottles).map(m => [m.id, m.namespace, m.metricName, m.stat, m.period])).toEqual([
      ['errors', 'AWS/Lambda', 'Errors', 'Sum', 300],
      ['throttles', 'AWS/Lambda', 'Throttles', 'Sum', 300],
    ]);
    const { Threshold, ComparisonOperator, EvaluationPeriods, TreatMissingData } = errorsAndThrottles;
    expect([Threshold, ComparisonOperator, EvaluationPeriods, TreatMissingData]).toEqual([1, 'GreaterThanOrEqualToThreshold', 1, 'notBreaching']);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test('iteratorAgeAlarmThreshold sets the lag threshold', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack, { iteratorAgeAlarmThreshold: Duration.minutes(1) }));
    templateOf(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 60000 });
  });

  test('alarmAction goes to every alarm, and addAlarmAction adds more', () => {
    const stack = testStack();
    const first = new sns.Topic(stack, 'First');
    const second = new sns.Topic(stack, 'Second');
    const consumer = new StreamConsumer(stack, 'Consumer', consumerProps(stack, { alarmAction: new cwActions.SnsAction(first) }));
    consumer.addAlarmAction(new cwActions.SnsAction(second));
    const alarms = consumerAlarms(stack);
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms as any[]) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^First/) }, { Ref: expect.stringMatching(/^Second/) }]);
    }
  });

  test('without alarmAction, every alarm notifies the stack\'s alarm topic (created for an imported table)', () => {
    const stack = testStack();
    const table = TableV2.fromTableAttributes(stack, 'Imported', { tableArn: TABLE_ARN, tableStreamArn: STREAM_ARN });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack) });
    const template = templateOf(stack);
    const topic = onlyResource(template, 'AWS::SNS::Topic');
    expect(topic.logicalId).toMatch(/^CdkDynamoDbKitAlarmsTopic/);
    expect(stack.resolve(AlarmTopic.of(stack).topic.topicArn)).toEqual({ Ref: topic.logicalId });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const alarms = consumerAlarms(stack);
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic.logicalId }]);
  });

  test('a consumer of a default ProductionTable shares the table\'s alarm topic', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    const template = templateOf(stack);
    const topicId = onlyResource(template, 'AWS::SNS::Topic').logicalId;
    for (const alarm of Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'))) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  test('with alarmAction, no topic is created', () => {
    const stack = testStack();
    const table = TableV2.fromTableAttributes(stack, 'Imported', { tableArn: TABLE_ARN, tableStreamArn: STREAM_ARN });
    const pager = sns.Topic.fromTopicArn(stack, 'Pager', 'arn:aws:sns:us-east-1:123456789012:pager');
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack), alarmAction: new cwActions.SnsAction(pager) });
    templateOf(stack).resourceCountIs('AWS::SNS::Topic', 0);
    for (const alarm of consumerAlarms(stack)) expect(alarm.Properties.AlarmActions).toEqual(['arn:aws:sns:us-east-1:123456789012:pager']);
  });

  test('alarmsEnabled: false creates no alarm and no topic', () => {
    const stack = testStack();
    const table = TableV2.fromTableAttributes(stack, 'Imported', { tableArn: TABLE_ARN, tableStreamArn: STREAM_ARN });
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack), alarmsEnabled: false });
    templateOf(stack).resourceCountIs('AWS::SNS::Topic', 0);
  });

  test('alarmsEnabled: false creates none', () => {
    const stack = testStack();
    const consumer = new StreamConsumer(stack, 'Consumer', consumerProps(stack, { alarmsEnabled: false }));
    expect(consumerAlarms(stack)).toEqual([]);
    expect(consumer.alarms).toEqual([]);
    expect(consumer.iteratorAgeAlarm).toBeUndefined();
  });

  test('metricIteratorAge is the function IteratorAge maximum', () => {
    const stack = testStack();
    const consumer = new StreamConsumer(stack, 'Consumer', consumerProps(stack));
    const metric = consumer.metricIteratorAge();
    expect(metric.metricName).toBe('IteratorAge');
    expect(metric.statistic).toBe(cloudwatch.Stats.MAXIMUM);
  });
});

describe('StreamConsumer validation', () => {
  const cases: Array<[string, Partial<StreamConsumerProps>, string, RegExp]> = [
    ['batch size above DynamoDB Streams limit', { batchSize: 1001 }, 'batchSize', /batchSize is 1001 but must be a whole number from 1 to 1000; DynamoDB Streams returns at most 1000/],
    ['batch size zero', { batchSize: 0 }, 'batchSize', /batchSize is 0 but must be a whole number from 1 to 1000/],
    ['fractional batch size', { batchSize: 10.5 }, 'batchSize', /batchSize is 10.5/],
    ['parallelization factor 11', { parallelizationFactor: 11 }, 'parallelizationFactor', /from 1 to 10/],
    ['negative retries', { retryAttempts: -1 }, 'retryAttempts', /retryAttempts is -1 but must be a whole number from 0 to 10000/],
    ['record age under a minute', { maxRecordAge: Duration.seconds(30) }, 'maxRecordAge', /maxRecordAge is 30 seconds but must be from 1 minute to 7 days/],
    ['record age over 7 days', { maxRecordAge: Duration.days(8) }, 'maxRecordAge', /maxRecordAge is 8 days/],
    ['batching window over 5 minutes', { maxBatchingWindow: Duration.minutes(6) }, 'maxBatchingWindow', /from 0 seconds to 5 minutes/],
    ['tumbling window over 15 minutes', { tumblingWindow: Duration.minutes(16) }, 'tumblingWindow', /from 0 seconds to 15 minutes/],
    ['zero iterator age threshold', { iteratorAgeAlarmThreshold: Duration.seconds(0) }, 'iteratorAgeAlarmThreshold', /iteratorAgeAlarmThreshold is 0 seconds/],
    ['a number where a Duration belongs', { maxRecordAge: 3600 as any }, 'maxRecordAge', /maxRecordAge is 3600, not a Duration; pass a Duration/],
  ];
  test.each(cases)('%s', (_name, extra, property, message) => {
    const stack = testStack();
    const props = consumerProps(stack, extra);
    expectError(() => new StreamConsumer(stack, 'Consumer', props), property, message);
  });

  test('filters that are not a list are our error', () => {
    const stack = testStack();
    const props = consumerProps(stack, { filters: 'INSERT' as any });
    expectError(() => new StreamConsumer(stack, 'Consumer', props), 'filters', /filters is "INSERT", not a list/);
  });

  test('a missing handler is our error, not a TypeError', () => {
    const stack = testStack();
    expectError(() => new StreamConsumer(stack, 'Consumer', { table: productionTable(stack) } as any), 'handler', /handler is undefined; pass the lambda.IFunction/);
  });

  test('a missing table is our error, not a TypeError', () => {
    const stack = testStack();
    expectError(() => new StreamConsumer(stack, 'Consumer', { handler: consumerFunction(stack) } as any), 'table', /table is undefined/);
  });
});
