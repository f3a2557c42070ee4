import { Duration } from 'aws-cdk-lib';
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { alarm, alarmsStartingWith, metricsRead } from './helpers';
import { TableMonitoring, TableMonitoringProps } from '../../src';
import { KitValidationError } from '../../src/shared/errors';
import { templateOf, testStack } from '../helpers/app';
import { kitErrorOf } from '../helpers/errors';

function monitor(props: Partial<TableMonitoringProps>) {
  const stack = testStack();
  const table = TableV2.fromTableName(stack, 'Imported', 'orders');
  const monitoring = new TableMonitoring(stack, 'Monitoring', { table, ...props });
  return { stack, monitoring, template: templateOf(stack) };
}

function errorOf(props: Partial<TableMonitoringProps>): KitValidationError {
  return kitErrorOf(() => monitor(props));
}

describe('every alarm is tunable', () => {
  test('period, evaluation periods, datapoints, missing data and threshold override the defaults', () => {
    const { template } = monitor({
      writeThrottles: {
        threshold: 5, period: Duration.minutes(5), evaluationPeriods: 2, datapointsToAlarm: 1, treatMissingData: TreatMissingData.MISSING,
      },
    });
    const props = alarm(template, 'MonitoringWriteThrottles');
    expect([props.Threshold, props.EvaluationPeriods, props.DatapointsToAlarm, props.TreatMissingData]).toEqual([5, 2, 1, 'missing']);
    expect(metricsRead(props).map(m => m.period)).toEqual([300]);
  });

  test('fewer evaluation periods than the default datapoints lowers the datapoints to match', () => {
    const props = alarm(monitor({ systemErrors: { evaluationPeriods: 2 } }).template, 'MonitoringSystemErrors');
    expect([props.EvaluationPeriods, props.DatapointsToAlarm]).toEqual([2, 2]);
  });

  test.each(['systemErrors', 'latency'] as const)('%s: enabled false removes the alarm', (key) => {
    const { template, monitoring } = monitor({ [key]: { enabled: false } });
    expect(monitoring.alarms).toHaveLength(2);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
  });

  test.each([
    ['readThrottles', 'WriteThrottles', 'WriteThrottleEvents'],
    ['writeThrottles', 'ReadThrottles', 'ReadThrottleEvents'],
  ] as const)('%s: enabled false leaves the other direction watched, in an alarm of its own', (key, remaining, metricName) => {
    const { template, monitoring } = monitor({ [key]: { enabled: false } });
    expect(monitoring.alarms).toHaveLength(3);
    expect(alarmsStartingWith(template, 'MonitoringThrottles')).toEqual([]);
    expect(metricsRead(alarm(template, `Monitoring${remaining}`)).map(m => m.metricName)).toEqual([metricName]);
  });

  test('read and write throttles tuned alike stay one alarm; tuned apart, two', () => {
    const tuning = { threshold: 5, period: Duration.minutes(2) };
    const same = monitor({ readThrottles: { ...tuning }, writeThrottles: { ...tuning } }).template;
    expect(alarm(same, 'MonitoringThrottles').Threshold).toBe(5);
    expect(metricsRead(alarm(same, 'MonitoringThrottles')).map(m => m.metricName).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    const apart = monitor({ readThrottles: { threshold: 5 } }).template;
    expect(alarmsStartingWith(apart, 'MonitoringThrottles')).toEqual([]);
    expect([alarm(apart, 'MonitoringReadThrottles').Threshold, alarm(apart, 'MonitoringWriteThrottles').Threshold]).toEqual([5, 1]);
  });

  test('an optional alarm given with enabled: false stays off', () => {
    expect(alarmsStartingWith(monitor({ userErrors: { enabled: false } }).template, 'MonitoringUserErrors')).toEqual([]);
  });

  test('three hours of system errors pass; with operations named (metric math), up to a day', () => {
    expect(alarm(monitor({ systemErrors: { period: Duration.minutes(36) } }).template, 'MonitoringSystemErrors').EvaluationPeriods).toBe(5);
    const named = alarm(monitor({ systemErrors: { period: Duration.hours(4), operations: [Operation.GET_ITEM] } }).template, 'MonitoringSystemErrors');
    expect(named.Metrics.find((m: any) => m.MetricStat).MetricStat.Period).toBe(14_400);
  });

  test('system error operations are selectable (Operation dimension follows)', () => {
    const props = alarm(monitor({ systemErrors: { operations: [Operation.EXECUTE_STATEMENT] } }).template, 'MonitoringSystemErrors');
    expect(metricsRead(props).map(m => m.dimensions)).toEqual([{ TableName: 'orders', Operation: 'ExecuteStatement' }]);
  });
});

describe('the composite table-health alarm', () => {
  test('is off by default', () => {
    monitor({}).template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 0);
  });

  test('is ALARM when any alarm is, including alarms added later, and carries the action', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Topic');
    const monitoring = new TableMonitoring(stack, 'Monitoring', { table: TableV2.fromTableName(stack, 'Imported', 'orders'), alarmTopic: topic, healthAlarm: true });
    monitoring.addReplicaRegion('eu-west-1');
    const template = templateOf(stack);
    const composite = Object.values<any>(template.findResources('AWS::CloudWatch::CompositeAlarm'));
    expect(composite).toHaveLength(1);
    const rule = JSON.stringify(composite[0].Properties.AlarmRule);
    for (const id of Object.keys(template.findResources('AWS::CloudWatch::Alarm'))) expect(rule).toContain(id);
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(4);
    expect(composite[0].Properties.AlarmActions).toEqual([stack.resolve(topic.topicArn)]);
    expect(monitoring.healthAlarm).toBeDefined();
  });
});

describe('bad options throw our error naming the construct path, property, value and fix', () => {
  test.each<[string, Partial<TableMonitoringProps>, string, RegExp]>([
    ['both actions', { alarmTopic: new sns.Topic(testStack(), 'Pager'), alarmAction: { bind: () => ({ alarmActionArn: 'x' }) } }, 'alarmTopic', /both set; give one/],
    ['a topic that is not a topic (JavaScript)', { alarmTopic: {} as any }, 'alarmTopic', /alarmTopic is \{\}, not an ITopic; pass an ITopic/],
    ['a Duration given as a number (JavaScript)', { readThrottles: { period: 60 as any } }, 'readThrottles.period', /readThrottles.period is 60, not a Duration; pass a Duration, such as Duration.minutes\(5\)/],
    ['null for an optional value (JavaScript)', { latency: { operations: null as any } }, 'latency.operations', /latency.operations is null; leave it out for the default, or pass a list of OperationLatencyThresholds/],
    ['an element of a list missing (JavaScript)', { systemErrors: { operations: [undefined as any] } }, 'systemErrors.operations[0]', /systemErrors.operations\[0\] is undefined; pass an Operation, or leave the element out/],
    ['a required value of a nested struct missing (JavaScript)', { latency: { operations: [{ operation: Operation.GET_ITEM } as any] } }, 'latency.operations[0].threshold', /latency.operations\[0\].threshold is missing; pass a Duration/],
    ['a negative threshold', { readThrottles: { threshold: -1 } }, 'readThrottles.threshold', /is -1; use a finite number/],
    ['a NaN threshold', { systemErrors: { threshold: NaN } }, 'systemErrors.threshold', /is NaN; use a finite number/],
    ['a utilization above 100%', { readCapacityUtilization: { threshold: 150 } }, 'readCapacityUtilization.threshold', /percentage of capacity/],
    ['zero evaluation periods', { latency: { evaluationPeriods: 0 } }, 'latency.evaluationPeriods', /is 0; use a whole number of at least 1/],
    ['more datapoints than periods', { writeThrottles: { evaluationPeriods: 2, datapointsToAlarm: 3 } }, 'writeThrottles.datapointsToAlarm', /more than evaluationPeriods/],
    ['more datapoints than the default periods', { latency: { datapointsToAlarm: 5 } }, 'latency.datapointsToAlarm', /is 5, more than evaluationPeriods \(3, the default\)/],
    ['a period that makes the default evaluation longer than a day', { readThrottles: { period: Duration.hours(6) } }, 'readThrottles.evaluationPeriods', /times period is 108000 seconds/],
    ['a 30-second period', { readThrottles: { period: Duration.seconds(30) } }, 'readThrottles.period', /30 seconds.*whole number of minutes/],
    ['more than a day of evaluation', { userErrors: { period: Duration.hours(2), evaluationPeriods: 24 } }, 'userErrors.evaluationPeriods', /at most one day/],
    ['a repeated index', { globalSecondaryIndexNames: ['byA', 'byA'] }, 'globalSecondaryIndexNames', /repeats the index "byA"/],
    ['an empty index name', { globalSecondaryIndexNames: [''] }, 'globalSecondaryIndexNames', /contains ""/],
    ['a bad region', { replicaRegions: ['Europe'] }, 'replicaRegions', /"Europe", which is not a region name/],
    ['a repeated region', { replicaRegions: ['eu-west-1', 'eu-west-1'] }, 'replicaRegions', /repeats the region/],
    ['a fractional maximum', { maxReadRequestUnits: 1.5 }, 'maxReadRequestUnits', /is 1.5/],
    ['no system error operations', { systemErrors: { operations: [] } }, 'systemErrors.operations', /is empty/],
    ['system errors of every operation over more than three hours (a Metrics Insights query)', { systemErrors: { period: Duration.minutes(37) } },
      'systemErrors.evaluationPeriods', /times period is 11100 seconds, more than the three hours .*give systemErrors.operations/],
    ['no latency operations', { latency: { operations: [] } }, 'latency.operations', /is empty/],
    ['a zero latency threshold', { latency: { operations: [{ operation: Operation.QUERY, threshold: Duration.millis(0) }] } }, 'latency.operations', /"Query" a threshold of 0 ms/],
    ['an unknown latency statistic', { latency: { statistic: 'median' } }, 'latency.statistic', /is "median"; use a CloudWatch statistic/],
    ['an empty rule name', { contributorInsightsRuleNames: [''] }, 'contributorInsightsRuleNames', /contains ""/],
  ])('%s', (_, props, property, message) => {
    const error = errorOf(props);
    expect(error.property).toBe(property);
    expect(error.message).toMatch(/^TestStack\/Monitoring: /);
    expect(error.message).toMatch(message);
  });

  test('addGlobalSecondaryIndex and addReplicaRegion validate too', () => {
    const { monitoring } = monitor({ globalSecondaryIndexNames: ['byA'], replicaRegions: ['eu-west-1'] });
    expect(() => monitoring.addGlobalSecondaryIndex('byA')).toThrow(/addGlobalSecondaryIndex repeats the index "byA"/);
    expect(() => monitoring.addReplicaRegion('eu-west-1')).toThrow(/addReplicaRegion repeats the region "eu-west-1"/);
    expect(() => monitoring.addReplicaRegion('moon')).toThrow(/addReplicaRegion contains "moon"/);
  });
});
