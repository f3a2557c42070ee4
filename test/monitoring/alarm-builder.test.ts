import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { resolveAlarmAction } from '../../src/monitoring/alarm-action';
import { AlarmBuilder, AlarmDefaults, resolveAlarm } from '../../src/monitoring/alarm-builder';
import { ALARM_DEFAULTS } from '../../src/monitoring/alarm-defaults';
import { CONSUMER_ALARM_DEFAULTS } from '../../src/streams/alarm-defaults';
import { testStack } from '../helpers/app';

const defaults: AlarmDefaults = {
  threshold: 5,
  period: Duration.minutes(1),
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  reason: 'a test',
};

function metricAt(period: Duration): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: 'Test', metricName: 'Count', statistic: 'Sum', period });
}

function builderIn(options: { notifyOnOk?: boolean } = {}) {
  const stack = testStack();
  const scope = new Construct(stack, 'Owner');
  const topic = new sns.Topic(stack, 'Topic');
  let calls = 0;
  const builder = new AlarmBuilder(scope, {
    action: () => { calls++; return resolveAlarmAction(scope, { alarmTopic: topic }).action; },
    notifyOnOk: options.notifyOnOk ?? true,
  });
  return { stack, builder, topicArn: stack.resolve(topic.topicArn), actionCalls: () => calls };
}

describe('resolveAlarm: a defaults entry with the overrides applied', () => {
  test('no overrides: the defaults', () => {
    expect(resolveAlarm(defaults, undefined, true)).toEqual({
      threshold: 5,
      period: defaults.period,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: defaults.treatMissingData,
      comparisonOperator: defaults.comparisonOperator,
    });
  });

  test('a lowered evaluationPeriods lowers the default datapoints with it', () => {
    expect(resolveAlarm(defaults, { evaluationPeriods: 2 }, true)?.datapointsToAlarm).toBe(2);
    expect(resolveAlarm(defaults, { evaluationPeriods: 2, datapointsToAlarm: 1 }, true)?.datapointsToAlarm).toBe(1);
  });

  test('no default datapoints: left out (every period), unless the user gives them', () => {
    const allPeriods = { ...defaults, datapointsToAlarm: undefined };
    expect(resolveAlarm(allPeriods, undefined, true)?.datapointsToAlarm).toBeUndefined();
    expect(resolveAlarm(allPeriods, { datapointsToAlarm: 2 }, true)?.datapointsToAlarm).toBe(2);
  });

  test('on by default unless enabled: false; optional alarms only with options', () => {
    expect(resolveAlarm(defaults, { enabled: false }, true)).toBeUndefined();
    expect(resolveAlarm(defaults, undefined, false)).toBeUndefined();
    expect(resolveAlarm(defaults, {}, false)).toBeDefined();
    expect(resolveAlarm(defaults, { enabled: false }, false)).toBeUndefined();
  });

  test('the comparison is never overridden', () => {
    expect(resolveAlarm(defaults, { threshold: 9, treatMissingData: cloudwatch.TreatMissingData.BREACHING }, true)).toMatchObject({
      threshold: 9, treatMissingData: 'breaching', comparisonOperator: 'GreaterThanThreshold',
    });
  });
});

describe('AlarmBuilder: creation, ids, actions', () => {
  test('one alarm from a defaults entry, the metric built at the resolved period, the action on ALARM and OK', () => {
    const { stack, builder, topicArn } = builderIn();
    const [alarm] = builder.create('Count', { defaults, overrides: { period: Duration.minutes(3) }, metric: metricAt, description: 'Too many.' });
    expect(alarm.node.path).toBe('TestStack/Owner/Count');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Count',
      Period: 180,
      Threshold: 5,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmDescription: 'Too many.',
      AlarmActions: [topicArn],
      OKActions: [topicArn],
    });
  });

  test('several metrics give one alarm each, <id>, <id>Part2, ...; none give no alarm', () => {
    const { builder } = builderIn();
    const made = builder.create('Sum', { defaults, metric: period => [metricAt(period), metricAt(period), metricAt(period)], description: 'd' });
    expect(made.map(a => a.node.id)).toEqual(['Sum', 'SumPart2', 'SumPart3']);
    expect(builder.create('None', { defaults, metric: () => [], description: 'd' })).toEqual([]);
    expect(builder.alarms).toHaveLength(3);
  });

  test('a disabled alarm is not created and does not resolve the action', () => {
    const { builder, actionCalls } = builderIn();
    expect(builder.create('Off', { defaults, overrides: { enabled: false }, metric: metricAt, description: 'd' })).toEqual([]);
    expect(builder.create('Optional', { defaults, onByDefault: false, metric: metricAt, description: 'd' })).toEqual([]);
    expect(actionCalls()).toBe(0);
  });

  test('the action is resolved once, for the first alarm', () => {
    const { builder, actionCalls } = builderIn();
    builder.create('A', { defaults, metric: metricAt, description: 'd' });
    builder.create('B', { defaults, metric: metricAt, description: 'd' });
    expect(actionCalls()).toBe(1);
  });

  test('notifyOnOk false: no OK action', () => {
    const { stack, builder } = builderIn({ notifyOnOk: false });
    builder.create('A', { defaults, metric: metricAt, description: 'd' });
    const alarm = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))[0] as any;
    expect(alarm.Properties.AlarmActions).toHaveLength(1);
    expect(alarm.Properties.OKActions).toBeUndefined();
  });

  test('the any-of composite covers alarms created after it, and is not one of the alarms', () => {
    const { stack, builder } = builderIn();
    builder.create('A', { defaults, metric: metricAt, description: 'd' });
    builder.createAnyOf('Health', 'Any.');
    builder.create('B', { defaults, metric: metricAt, description: 'd' });
    expect(builder.alarms.map(a => a.node.id)).toEqual(['A', 'B']);
    const composite = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::CompositeAlarm'))[0] as any;
    const rule = JSON.stringify(composite.Properties.AlarmRule);
    expect(rule).toContain('OwnerA');
    expect(rule).toContain('OwnerB');
  });
});

describe('resolveAlarmAction', () => {
  test('alarmAction as given, alarmTopic as an SNS action, otherwise the stack topic', () => {
    const stack = testStack();
    const action: cloudwatch.IAlarmAction = { bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:123456789012:mine' }) };
    expect(resolveAlarmAction(stack, { alarmAction: action })).toEqual({ action });
    const topic = new sns.Topic(stack, 'T');
    expect(resolveAlarmAction(stack, { alarmTopic: topic }).topic).toBe(topic);
    const fallback = resolveAlarmAction(stack, {});
    expect(fallback.stackTopic?.node.path).toBe('TestStack/CdkDynamoDbKitAlarms');
    expect(fallback.topic).toBe(fallback.stackTopic?.topic);
  });
});

describe('alarm defaults are data with reasons', () => {
  test.each([
    ...Object.entries(ALARM_DEFAULTS).map(([name, entry]) => [`table ${name}`, entry] as const),
    ...Object.entries(CONSUMER_ALARM_DEFAULTS).map(([name, entry]) => [`consumer ${name}`, entry] as const),
  ])('%s has a reason and a consistent evaluation', (_, entry: AlarmDefaults) => {
    expect(entry.reason.length).toBeGreaterThan(10);
    expect(entry.datapointsToAlarm ?? entry.evaluationPeriods).toBeLessThanOrEqual(entry.evaluationPeriods);
    expect(entry.period.toSeconds() * entry.evaluationPeriods).toBeLessThanOrEqual(86_400);
  });
});
