import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Billing, Capacity, Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { alarm, alarmsStartingWith, innerExpressions, metricsRead, watchedExpression } from './helpers';
import { TableMonitoring, TableMonitoringProps } from '../../src';
import { templateOf, testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const NS = 'AWS/DynamoDB';

interface Fixture {
  readonly stack: Stack;
  readonly template: Template;
  readonly table: any;
  readonly topic: any;
}

/** A plain TableV2 with one index, monitored with a topic and the options given. */
function monitored(options: Partial<TableMonitoringProps> = {}, billing?: Billing): Fixture {
  const stack = testStack();
  const table = new TableV2(stack, 'Orders', {
    partitionKey,
    billing,
    globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
  });
  const topic = new sns.Topic(stack, 'Alarms');
  new TableMonitoring(stack, 'Monitoring', {
    table,
    alarmTopic: topic,
    globalSecondaryIndexNames: ['byCustomer'],
    ...options,
  });
  return { stack, template: templateOf(stack), table: stack.resolve(table.tableName), topic: stack.resolve(topic.topicArn) };
}

function expectEvaluation(props: any, expected: {
  threshold: number; comparison: string; evaluationPeriods: number; datapointsToAlarm: number; treatMissingData: string;
}): void {
  expect({
    threshold: props.Threshold,
    comparison: props.ComparisonOperator,
    evaluationPeriods: props.EvaluationPeriods,
    datapointsToAlarm: props.DatapointsToAlarm,
    treatMissingData: props.TreatMissingData,
  }).toEqual(expected);
}

function expectActions(props: any, topic: any): void {
  expect(props.AlarmActions).toEqual([topic]);
  expect(props.OKActions).toEqual([topic]);
}

describe('throttle alarms (on by default): table and every index, summed with metric math', () => {
  test('Throttles sums ReadThrottleEvents and WriteThrottleEvents of the table and the index, in one alarm', () => {
    const { template, table, topic } = monitored();
    const props = alarm(template, 'MonitoringThrottles');
    expect(metricsRead(props)).toEqual([
      { id: 'm0t', namespace: NS, metricName: 'ReadThrottleEvents', dimensions: { TableName: table }, stat: 'Sum', period: 60 },
      { id: 'm1t', namespace: NS, metricName: 'ReadThrottleEvents', dimensions: { TableName: table, GlobalSecondaryIndexName: 'byCustomer' }, stat: 'Sum', period: 60 },
      { id: 'm2t', namespace: NS, metricName: 'WriteThrottleEvents', dimensions: { TableName: table }, stat: 'Sum', period: 60 },
      { id: 'm3t', namespace: NS, metricName: 'WriteThrottleEvents', dimensions: { TableName: table, GlobalSecondaryIndexName: 'byCustomer' }, stat: 'Sum', period: 60 },
    ]);
    expect(watchedExpression(props)).toBe('SUM([FILL(m0t, 0), FILL(m1t, 0), FILL(m2t, 0), FILL(m3t, 0)])');
    expect(props.Metrics).toHaveLength(5);
    expectEvaluation(props, { threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 3, treatMissingData: 'notBreaching' });
    expectActions(props, topic);
    expect(alarmsStartingWith(template, 'MonitoringReadThrottles')).toEqual([]);
    expect(alarmsStartingWith(template, 'MonitoringWriteThrottles')).toEqual([]);
  });

  test('twenty indexes stay under the 10-metrics-per-alarm limit by splitting into parts', () => {
    const stack = testStack();
    const table = TableV2.fromTableName(stack, 'Imported', 'orders');
    const indexes = Array.from({ length: 20 }, (_, i) => `gsi${i}`);
    new TableMonitoring(stack, 'Monitoring', { table, globalSecondaryIndexNames: indexes });
    const template = templateOf(stack);
    const parts = alarmsStartingWith(template, 'MonitoringThrottles');
    expect(parts).toHaveLength(5);
    const read = parts.flatMap(p => metricsRead(p.properties));
    expect(read).toHaveLength(42);
    for (const part of parts) expect(metricsRead(part.properties).length).toBeLessThanOrEqual(10);
    for (const metricName of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      expect(new Set(read.filter(m => m.metricName === metricName).map(m => m.dimensions.GlobalSecondaryIndexName ?? '(table)')))
        .toEqual(new Set(['(table)', ...indexes]));
    }
    expect(read.every(m => m.dimensions.TableName === 'orders')).toBe(true);
  });

  test('keyRangeThrottles (optional) reads the cause-specific hot-partition metrics of the table and the index', () => {
    const { template, table, topic } = monitored({ keyRangeThrottles: {} });
    const props = alarm(template, 'MonitoringKeyRangeThrottles');
    expect(metricsRead(props).map(m => [m.metricName, m.dimensions, m.stat, m.period])).toEqual([
      ['ReadKeyRangeThroughputThrottleEvents', { TableName: table }, 'Sum', 60],
      ['WriteKeyRangeThroughputThrottleEvents', { TableName: table }, 'Sum', 60],
      ['ReadKeyRangeThroughputThrottleEvents', { TableName: table, GlobalSecondaryIndexName: 'byCustomer' }, 'Sum', 60],
      ['WriteKeyRangeThroughputThrottleEvents', { TableName: table, GlobalSecondaryIndexName: 'byCustomer' }, 'Sum', 60],
    ]);
    expect(metricsRead(props).every(m => m.namespace === NS)).toBe(true);
    expectEvaluation(props, { threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 3, treatMissingData: 'notBreaching' });
    expectActions(props, topic);
  });

  test('keyRangeThrottles is off by default', () => {
    expect(alarmsStartingWith(monitored().template, 'MonitoringKeyRangeThrottles')).toEqual([]);
  });
});

describe('system errors alarm (on by default)', () => {
  test('sums SystemErrors of every operation of the table by one Metrics Insights query, over 1-minute periods', () => {
    const { template, table, topic } = monitored();
    const props = alarm(template, 'MonitoringSystemErrors');
    expect(props.Metrics).toEqual([{
      Id: 'expr_1',
      Expression: { 'Fn::Join': ['', ['SELECT SUM(SystemErrors) FROM "AWS/DynamoDB" WHERE TableName = \'', table, '\'']] },
      Label: 'System errors (all operations)',
      Period: 60,
      ReturnData: true,
    }]);
    expectEvaluation(props, { threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 3, treatMissingData: 'notBreaching' });
    expectActions(props, topic);
  });

  test('a table name from a CfnParameter is joined into the query (the template validates)', () => {
    const stack = testStack();
    const name = new CfnParameter(stack, 'TableName', { type: 'String' });
    new TableMonitoring(stack, 'Monitoring', { table: TableV2.fromTableName(stack, 'Imported', name.valueAsString) });
    const props = alarm(templateOf(stack), 'MonitoringSystemErrors');
    expect(props.Metrics[0].Expression).toEqual({ 'Fn::Join': ['', [expect.stringMatching(/WHERE TableName = '$/), { Ref: 'TableName' }, '\'']] });
  });

  test('named operations are summed by metric math, each with TableName and Operation', () => {
    const operations = [Operation.GET_ITEM, Operation.PUT_ITEM];
    const { template, table } = monitored({ systemErrors: { operations } });
    const props = alarm(template, 'MonitoringSystemErrors');
    const read = metricsRead(props);
    expect(read.map(m => m.dimensions)).toEqual(['GetItem', 'PutItem'].map(op => ({ TableName: table, Operation: op })));
    expect(read.every(m => m.namespace === NS && m.metricName === 'SystemErrors' && m.stat === 'Sum' && m.period === 60)).toBe(true);
    expect(watchedExpression(props)).toBe('SUM([FILL(m0s, 0), FILL(m1s, 0)])');
  });

  test('all fourteen operations split over two alarms of at most 10 metrics', () => {
    const all = Object.values(Operation);
    const { template } = monitored({ systemErrors: { operations: all } });
    const parts = alarmsStartingWith(template, 'MonitoringSystemErrors');
    expect(parts.map(p => metricsRead(p.properties).length).sort()).toEqual([10, 4]);
    expect(parts.flatMap(p => metricsRead(p.properties).map(m => m.dimensions.Operation)).sort()).toEqual([...all].sort());
  });
});

describe('latency alarm (on by default)', () => {
  test('watches MAX(p99 / threshold) of GetItem, PutItem, UpdateItem, Query and TransactWriteItems', () => {
    const { template, table, topic } = monitored();
    const props = alarm(template, 'MonitoringLatency');
    expect(metricsRead(props).map(m => [m.namespace, m.metricName, m.dimensions, m.stat, m.period])).toEqual(
      ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'TransactWriteItems'].map(op =>
        [NS, 'SuccessfulRequestLatency', { TableName: table, Operation: op }, 'p99', 300]));
    expect(innerExpressions(props)).toEqual({});
    expect(watchedExpression(props)).toBe('MAX([FILL(m0l / 100, 0), FILL(m1l / 100, 0), FILL(m2l / 100, 0), FILL(m3l / 250, 0), FILL(m4l / 500, 0)])');
    expect(props.Metrics).toHaveLength(6);
    expectEvaluation(props, { threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching' });
    expectActions(props, topic);
  });

  test('operations, thresholds and statistic are tunable', () => {
    const { template } = monitored({
      latency: { operations: [{ operation: Operation.SCAN, threshold: Duration.seconds(2) }], statistic: 'p90', period: Duration.minutes(1) },
    });
    const props = alarm(template, 'MonitoringLatency');
    expect(metricsRead(props).map(m => [m.dimensions.Operation, m.stat, m.period])).toEqual([['Scan', 'p90', 60]]);
    expect(watchedExpression(props)).toBe('MAX([FILL(m0l / 2000, 0)])');
  });
});

describe('capacity utilization alarms', () => {
  const provisioned = Billing.provisioned({
    readCapacity: Capacity.autoscaled({ maxCapacity: 100 }),
    writeCapacity: Capacity.autoscaled({ maxCapacity: 100 }),
  });

  test.each([
    ['Read', 'ConsumedReadCapacityUnits', 'ProvisionedReadCapacityUnits'],
    ['Write', 'ConsumedWriteCapacityUnits', 'ProvisionedWriteCapacityUnits'],
  ])('provisioned: %s consumed / provisioned of the table and the index, the worst one, >= 90%%', (kind, consumed, provisionedName) => {
    const { template, table, topic } = monitored({ billingMode: provisioned.mode }, provisioned);
    const props = alarm(template, `Monitoring${kind}CapacityUtilization`);
    expect(metricsRead(props).map(m => [m.namespace, m.metricName, m.dimensions, m.stat, m.period])).toEqual([
      [NS, consumed, { TableName: table }, 'Sum', 60],
      [NS, provisionedName, { TableName: table }, 'Average', 60],
      [NS, consumed, { TableName: table, GlobalSecondaryIndexName: 'byCustomer' }, 'Sum', 60],
      [NS, provisionedName, { TableName: table, GlobalSecondaryIndexName: 'byCustomer' }, 'Average', 60],
    ]);
    expect(innerExpressions(props)).toEqual({});
    expect(watchedExpression(props)).toBe('MAX([FILL(100 * m0c / PERIOD(m0c) / m0p, 0), FILL(100 * m1c / PERIOD(m1c) / m1p, 0)])');
    expectEvaluation(props, { threshold: 90, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching' });
    expectActions(props, topic);
  });

  test('on demand with a maximum: consumption per second against maxReadRequestUnits/maxWriteRequestUnits', () => {
    const { template, table } = monitored({ maxReadRequestUnits: 500, maxWriteRequestUnits: 200 });
    const read = alarm(template, 'MonitoringReadCapacityUtilization');
    expect(metricsRead(read).map(m => [m.metricName, m.dimensions, m.stat, m.period])).toEqual([['ConsumedReadCapacityUnits', { TableName: table }, 'Sum', 60]]);
    expect(watchedExpression(read)).toBe('MAX([FILL(100 * m0c / PERIOD(m0c) / 500, 0)])');
    const write = alarm(template, 'MonitoringWriteCapacityUtilization');
    expect(watchedExpression(write)).toBe('MAX([FILL(100 * m0c / PERIOD(m0c) / 200, 0)])');
    expect(write.Threshold).toBe(90);
  });

  test('on demand without a maximum: no capacity alarm', () => {
    const { template } = monitored();
    expect(alarmsStartingWith(template, 'MonitoringReadCapacityUtilization')).toEqual([]);
    expect(alarmsStartingWith(template, 'MonitoringWriteCapacityUtilization')).toEqual([]);
  });
});

describe('replication alarms', () => {
  test('replication latency (on by default): one alarm per replica region, ReceivingRegion dimension', () => {
    const { template, table, topic } = monitored({ replicaRegions: ['eu-west-1', 'ap-southeast-2'] });
    for (const [id, region] of [['EuWest1', 'eu-west-1'], ['ApSoutheast2', 'ap-southeast-2']]) {
      const props = alarm(template, `MonitoringReplicationLatency${id}`);
      expect(metricsRead(props)).toEqual([
        { namespace: NS, metricName: 'ReplicationLatency', dimensions: { TableName: table, ReceivingRegion: region }, stat: 'Average', period: 60 },
      ]);
      expectEvaluation(props, { threshold: 60000, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching' });
      expectActions(props, topic);
    }
  });

  test('no replica regions: no replication alarm', () => {
    expect(alarmsStartingWith(monitored().template, 'MonitoringReplication')).toEqual([]);
  });

  test('pending replication (optional, legacy global tables): per region', () => {
    const { template, table, topic } = monitored({ replicaRegions: ['eu-west-1'], pendingReplication: { threshold: 50 } });
    const props = alarm(template, 'MonitoringPendingReplicationEuWest1');
    expect(metricsRead(props)).toEqual([
      { namespace: NS, metricName: 'PendingReplicationCount', dimensions: { TableName: table, ReceivingRegion: 'eu-west-1' }, stat: 'Sum', period: 60 },
    ]);
    expectEvaluation(props, { threshold: 50, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching' });
    expectActions(props, topic);
  });
});

describe('optional table alarms', () => {
  test('user errors: the account-wide metric, with no dimension', () => {
    const { template, topic } = monitored({ userErrors: {} });
    const props = alarm(template, 'MonitoringUserErrors');
    expect(metricsRead(props)).toEqual([{ namespace: NS, metricName: 'UserErrors', dimensions: {}, stat: 'Sum', period: 60 }]);
    expect(props.AlarmDescription).toMatch(/whole account and region/);
    expectEvaluation(props, { threshold: 10, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching' });
    expectActions(props, topic);
  });

  test.each([
    ['ConditionalCheckFailures', { conditionalCheckFailures: {} }, 'ConditionalCheckFailedRequests', 100],
    ['TransactionConflicts', { transactionConflicts: {} }, 'TransactionConflict', 10],
  ])('%s: Sum of %s with TableName', (id, options, metricName, threshold) => {
    const { template, table, topic } = monitored(options as Partial<TableMonitoringProps>);
    const props = alarm(template, `Monitoring${id}`);
    expect(metricsRead(props)).toEqual([{ namespace: NS, metricName, dimensions: { TableName: table }, stat: 'Sum', period: 60 }]);
    expectEvaluation(props, { threshold, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching' });
    expectActions(props, topic);
  });

  test('TTL deletions stopped: fewer than 1 deletion per hour for 24 hours, no data breaching', () => {
    const { template, table, topic } = monitored({ timeToLiveDeletionsStopped: {} });
    const props = alarm(template, 'MonitoringTimeToLiveDeletionsStopped');
    expect(metricsRead(props)).toEqual([{ namespace: NS, metricName: 'TimeToLiveDeletedItemCount', dimensions: { TableName: table }, stat: 'Sum', period: 3600 }]);
    expectEvaluation(props, { threshold: 1, comparison: 'LessThanThreshold', evaluationPeriods: 24, datapointsToAlarm: 24, treatMissingData: 'breaching' });
    expectActions(props, topic);
  });

  test('none of them by default', () => {
    const { template } = monitored({ replicaRegions: ['eu-west-1'] });
    for (const id of ['UserErrors', 'ConditionalCheckFailures', 'TransactionConflicts', 'TimeToLiveDeletionsStopped', 'PendingReplication']) {
      expect(alarmsStartingWith(template, `Monitoring${id}`)).toEqual([]);
    }
  });
});

describe('alarm actions', () => {
  test('every alarm, default and optional, gets the topic as alarm and OK action', () => {
    const { template, topic } = monitored({
      replicaRegions: ['eu-west-1'],
      maxReadRequestUnits: 10,
      keyRangeThrottles: {},
      pendingReplication: {},
      userErrors: {},
      conditionalCheckFailures: {},
      transactionConflicts: {},
      timeToLiveDeletionsStopped: {},
    });
    const alarms = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(11); // 3 default, read capacity (max given), replication latency, 6 optional
    for (const a of alarms) expectActions(a.Properties, topic);
  });

  test('any IAlarmAction is applied and exposed as alarmAction; notifyOnOk false leaves OK actions out', () => {
    const stack = testStack();
    const table = TableV2.fromTableName(stack, 'Imported', 'orders');
    const action = { bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:123456789012:pager' }) };
    const monitoring = new TableMonitoring(stack, 'Monitoring', { table, alarmAction: action, notifyOnOk: false });
    expect(monitoring.alarmAction).toBe(action);
    const alarms = Object.values<any>(templateOf(stack).findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions).toEqual(['arn:aws:sns:us-east-1:123456789012:pager']);
      expect(a.Properties.OKActions).toBeUndefined();
    }
  });

  test('alarmAction of a topic is an SNS action for that topic', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    const monitoring = new TableMonitoring(stack, 'Monitoring', { table: TableV2.fromTableName(stack, 'Imported', 'orders'), alarmTopic: topic });
    expect(stack.resolve(monitoring.alarmAction!.bind(stack, monitoring.alarms[0]).alarmActionArn)).toEqual(stack.resolve(topic.topicArn));
  });
});
