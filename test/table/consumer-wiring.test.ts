import { Match } from 'aws-cdk-lib/assertions';
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

  test('with monitoring off, the consumer still gets its own alarms, with no action', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING }, monitoringEnabled: false });
    const handler = new lambda.Function(stack, 'Indexer', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    table.addConsumer('Indexer', { handler });
    templateOf(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', AlarmActions: Match.absent() });
  });
});
