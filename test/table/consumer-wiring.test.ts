import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ProductionTable } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';

function tableWithConsumer(monitoring: object = {}) {
  const stack = testStack();
  const topic = new sns.Topic(stack, 'Oncall');
  const table = new ProductionTable(stack, 'Orders', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    monitoring: { alarmTopic: topic, dashboard: true, ...monitoring },
  });
  const handler = new lambda.Function(stack, 'Indexer', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
  });
  const consumer = table.addConsumer('Indexer', { handler });
  return { stack, topic, consumer, template: templateOf(stack) };
}

describe('ProductionTable.addConsumer wires the consumer into the table\'s monitoring', () => {
  test('consumer alarms notify the table\'s alarm action', () => {
    const { template, consumer } = tableWithConsumer();
    const topicId = onlyResource(template, 'AWS::SNS::Topic').logicalId;
    expect(consumer.iteratorAgeAlarm).toBeDefined();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  test('an explicit alarm action on the consumer wins', () => {
    const stack = testStack();
    const tableTopic = new sns.Topic(stack, 'TableTopic');
    const consumerTopic = new sns.Topic(stack, 'ConsumerTopic');
    const table = new ProductionTable(stack, 'Orders', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      monitoring: { alarmTopic: tableTopic },
    });
    const handler = new lambda.Function(stack, 'Indexer', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    table.addConsumer('Indexer', { handler, alarmAction: new SnsAction(consumerTopic) });
    const template = templateOf(stack);
    const consumerTopicId = Object.keys(template.findResources('AWS::SNS::Topic')).find(id => id.startsWith('ConsumerTopic'));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', AlarmActions: [{ Ref: consumerTopicId }] });
  });

  test('the consumer\'s lag is on the table\'s dashboard', () => {
    const { template } = tableWithConsumer();
    const body = JSON.stringify(onlyResource(template, 'AWS::CloudWatch::Dashboard').properties.DashboardBody);
    expect(body).toContain('Stream consumer lag (IteratorAge, ms)');
    expect(body).toMatch(/IteratorAge.*FunctionName/);
  });

  test('with default monitoring, the table and its consumer notify the one alarm topic of the stack', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const handler = new lambda.Function(stack, 'Indexer', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    table.addConsumer('Indexer', { handler });
    const template = templateOf(stack);
    const topicId = onlyResource(template, 'AWS::SNS::Topic').logicalId;
    expect(stack.resolve(table.monitoring!.alarmTopic!.topicArn)).toEqual({ Ref: topicId });
    const alarms = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3 + 3); // the table's 3, the consumer's 3
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  test('with monitoring off, the consumer still gets its own alarms, notifying the stack\'s alarm topic', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING }, monitoringEnabled: false });
    const handler = new lambda.Function(stack, 'Indexer', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    table.addConsumer('Indexer', { handler });
    const template = templateOf(stack);
    const topicId = onlyResource(template, 'AWS::SNS::Topic').logicalId;
    expect(topicId).toMatch(/^CdkDynamoDbKitAlarmsTopic/);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', AlarmActions: [{ Ref: topicId }] });
  });

  test('with alarms off and monitoring off, no topic is created', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING }, monitoringEnabled: false });
    const handler = new lambda.Function(stack, 'Indexer', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    table.addConsumer('Indexer', { handler, alarmsEnabled: false });
    templateOf(stack).resourceCountIs('AWS::SNS::Topic', 0);
  });
});
