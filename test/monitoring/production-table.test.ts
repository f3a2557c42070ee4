import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, Billing, Capacity } from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { alarm, alarmsStartingWith, metricsRead, watchedExpression } from './helpers';
import { ProductionTable, ProductionTableProps, TableMonitoring } from '../../src';
import { templateOf, testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const REPLICA_KEYS = {
  'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111',
  'ap-southeast-2': 'arn:aws:kms:ap-southeast-2:123456789012:key/22222222-2222-2222-2222-222222222222',
};

function table(props: Partial<ProductionTableProps> = {}) {
  const stack = testStack();
  const orders = new ProductionTable(stack, 'Orders', { partitionKey, ...props });
  return { stack, orders, template: templateOf(stack) };
}

/** Resource counts by type, without the table and its key, and without the stack's alarm topic (once per stack). */
function addedResources(template: ReturnType<typeof templateOf>): { [type: string]: number } {
  const counts: { [type: string]: number } = {};
  for (const [id, resource] of Object.entries<any>(template.toJSON().Resources)) {
    if (resource.Type === 'AWS::DynamoDB::GlobalTable' || id.startsWith('OrdersKey') || id.startsWith('CdkDynamoDbKitAlarms')) continue;
    counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
  }
  return counts;
}

/** The stack's alarm topic resources, by type. */
function alarmTopicResources(template: ReturnType<typeof templateOf>): { [type: string]: number } {
  const counts: { [type: string]: number } = {};
  for (const [id, resource] of Object.entries<any>(template.toJSON().Resources)) {
    if (id.startsWith('CdkDynamoDbKitAlarms')) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
  }
  return counts;
}

describe('ProductionTable monitors itself by default', () => {
  test('a default table adds exactly 3 alarms, and the stack once its alarm topic (README: resource count)', () => {
    const { template, orders } = table();
    expect(addedResources(template)).toEqual({ 'AWS::CloudWatch::Alarm': 3 });
    expect(alarmTopicResources(template)).toEqual({ 'AWS::KMS::Key': 1, 'AWS::SNS::Topic': 1, 'AWS::SNS::TopicPolicy': 1 });
    expect(Object.keys(template.toJSON().Resources)).toHaveLength(8); // table, its key, 3 alarms, topic, its key, its policy
    expect(orders.monitoring).toBeInstanceOf(TableMonitoring);
    for (const id of ['Throttles', 'SystemErrors', 'Latency']) {
      expect(alarm(template, `OrdersMonitoring${id}`)).toBeDefined();
    }
  });

  test('indexes cost no extra alarm; each replica region adds one; provisioned billing adds two', () => {
    const { template } = table({
      billing: Billing.provisioned({
        readCapacity: Capacity.autoscaled({ maxCapacity: 50 }),
        writeCapacity: Capacity.autoscaled({ maxCapacity: 50 }),
      }),
      globalSecondaryIndexes: ['byA', 'byB', 'byC'].map(indexName => ({ indexName, partitionKey: { name: indexName, type: AttributeType.STRING } })),
      replicas: [{ region: 'eu-west-1' }, { region: 'ap-southeast-2' }],
      replicaKeyArns: REPLICA_KEYS,
    });
    expect(addedResources(template)['AWS::CloudWatch::Alarm']).toBe(3 + 2 + 2);
    const read = metricsRead(alarm(template, 'OrdersMonitoringThrottles'));
    expect(read.map(m => m.dimensions.GlobalSecondaryIndexName)).toEqual([undefined, 'byA', 'byB', 'byC', undefined, 'byA', 'byB', 'byC']);
    expect(metricsRead(alarm(template, 'OrdersMonitoringReadCapacityUtilization')).map(m => m.metricName)).toContain('ProvisionedReadCapacityUnits');
    expect(metricsRead(alarm(template, 'OrdersMonitoringReplicationLatencyApSoutheast2'))[0].dimensions.ReceivingRegion).toBe('ap-southeast-2');
  });

  test('on-demand maximum throughput from the billing becomes the near-the-cap alarm', () => {
    const { template } = table({ billing: Billing.onDemand({ maxReadRequestUnits: 1000, maxWriteRequestUnits: 400 }) });
    expect(watchedExpression(alarm(template, 'OrdersMonitoringReadCapacityUtilization'))).toBe('MAX([FILL(100 * m0c / PERIOD(m0c) / 1000, 0)])');
    expect(watchedExpression(alarm(template, 'OrdersMonitoringWriteCapacityUtilization'))).toBe('MAX([FILL(100 * m0c / PERIOD(m0c) / 400, 0)])');
  });

  test('the default action is the stack\'s alarm topic, exposed as monitoring.alarmTopic; info says so; no warnings', () => {
    const { stack, template, orders } = table();
    const topicRef = stack.resolve(orders.monitoring!.alarmTopic!.topicArn);
    expect(topicRef).toEqual({ Ref: expect.stringMatching(/^CdkDynamoDbKitAlarmsTopic/) });
    for (const a of Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(a.Properties.AlarmActions).toEqual([topicRef]);
      expect(a.Properties.OKActions).toEqual([topicRef]);
    }
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findInfo('/TestStack/Orders/Monitoring', Match.stringLikeRegexp('notify the stack\'s alarm topic'))).toHaveLength(1);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('monitoring options tune it: topic on every alarm, thresholds, disabled alarms, optional alarms', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alarms');
    new ProductionTable(stack, 'Orders', {
      partitionKey,
      monitoring: { alarmTopic: topic, readThrottles: { threshold: 25 }, latency: { enabled: false }, conditionalCheckFailures: {} },
    });
    const template = templateOf(stack);
    expect(alarm(template, 'OrdersMonitoringReadThrottles').Threshold).toBe(25);
    expect(alarmsStartingWith(template, 'OrdersMonitoringLatency')).toEqual([]);
    expect(alarm(template, 'OrdersMonitoringConditionalCheckFailures')).toBeDefined();
    const alarms = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(4); // ReadThrottles and WriteThrottles (tuned apart), SystemErrors, ConditionalCheckFailures
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([stack.resolve(topic.topicArn)]);
    template.resourceCountIs('AWS::SNS::Topic', 1); // the user's: no alarm topic of ours
  });

  test('monitoringEnabled: false opts out with a warning: no alarm, no topic, no monitoring property', () => {
    const { stack, template, orders } = table({ monitoringEnabled: false });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    expect(orders.monitoring).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('monitoringEnabled is false'));
  });

  test('monitoringEnabled: false with monitoring options is a clear error', () => {
    expect(() => table({ monitoringEnabled: false, monitoring: { dashboard: true } }))
      .toThrow('TestStack/Orders: monitoring is set but monitoringEnabled is false; remove one');
  });

  test('an index added later gets its own throttle alarms; a replica added later gets its latency alarm', () => {
    const stack = testStack();
    const orders = new ProductionTable(stack, 'Orders', { partitionKey, replicaKeyArns: REPLICA_KEYS });
    orders.addGlobalSecondaryIndex({ indexName: 'byStatus', partitionKey: { name: 'status', type: AttributeType.STRING } });
    orders.addReplica({ region: 'eu-west-1' });
    const template = templateOf(stack);
    const indexAlarm = alarm(template, 'OrdersMonitoringThrottlesIndexByStatus');
    expect(metricsRead(indexAlarm).map(m => [m.metricName, m.dimensions.GlobalSecondaryIndexName])).toEqual([['ReadThrottleEvents', 'byStatus'], ['WriteThrottleEvents', 'byStatus']]);
    expect(metricsRead(alarm(template, 'OrdersMonitoringReplicationLatencyEuWest1'))[0].dimensions).toEqual({
      TableName: stack.resolve(orders.tableName), ReceivingRegion: 'eu-west-1',
    });
  });
});
