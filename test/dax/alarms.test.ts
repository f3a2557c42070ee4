import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { daxCluster } from './fixtures';
import { DAX_ALARM_DEFAULTS } from '../../src/dax/dax-alarm-defaults';
import { testStack } from '../helpers/app';

function clusterAlarms(template: Template): Array<[string, any]> {
  return Object.entries<any>(template.findResources('AWS::CloudWatch::Alarm'))
    .filter(([id]) => id.startsWith('Cache'))
    .map(([id, r]) => [id, r.Properties]);
}

function alarmOn(template: Template, metricName: string): any {
  const found = clusterAlarms(template).filter(([, p]) => p.MetricName === metricName);
  if (found.length !== 1) throw new Error(`expected one alarm on ${metricName}, found ${found.length}`);
  return found[0][1];
}

describe('alarms, on by default', () => {
  const { stack, cluster } = daxCluster();
  const template = Template.fromStack(stack);
  const clusterId = Object.keys(template.findResources('AWS::DAX::Cluster'))[0];
  const topicId = Object.keys(template.findResources('AWS::SNS::Topic')).find(id => id.startsWith('CdkDynamoDbKitAlarms'))!;

  test('five alarms: CPU, throttles, errors, faults, cache memory (evictions are optional)', () => {
    expect(clusterAlarms(template).map(([, p]) => p.MetricName).sort())
      .toEqual(['CPUUtilization', 'CacheMemoryUtilization', 'ErrorRequestCount', 'FaultRequestCount', 'ThrottledRequestCount']);
    expect(cluster.alarms).toHaveLength(5);
  });

  test.each(Object.entries(DAX_ALARM_DEFAULTS).filter(([, d]) => d.onByDefault))('%s: metric, statistic, threshold and evaluation as documented', (_name, defaults) => {
    expect(alarmOn(template, defaults.metricName)).toMatchObject({
      Namespace: 'AWS/DAX',
      Dimensions: [{ Name: 'ClusterId', Value: { Ref: clusterId } }],
      Statistic: defaults.statistic,
      Period: defaults.period.toSeconds(),
      Threshold: defaults.threshold,
      EvaluationPeriods: defaults.evaluationPeriods,
      DatapointsToAlarm: defaults.datapointsToAlarm,
      TreatMissingData: 'notBreaching',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test('every alarm notifies the stack\'s alarm topic, on ALARM and on OK, and says why', () => {
    for (const [, props] of clusterAlarms(template)) {
      expect(props.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(props.OKActions).toEqual([{ Ref: topicId }]);
      expect(props.AlarmDescription).toBeDefined();
    }
    expect(stack.resolve(cluster.alarmTopic!.topicArn)).toEqual({ Ref: topicId });
  });
});

describe('resources', () => {
  test('a default cluster adds 11 resources, and the stack alarm topic 3 more when it is the first to need it', () => {
    const { stack } = daxCluster({}, testStack());
    const all = Template.fromStack(stack).toJSON().Resources as { [id: string]: { Type: string } };
    const ofCluster = Object.entries(all).filter(([id]) => id.startsWith('Cache')).map(([, r]) => r.Type).sort();
    expect(ofCluster).toEqual([
      'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Alarm',
      'AWS::DAX::Cluster', 'AWS::DAX::ParameterGroup', 'AWS::DAX::SubnetGroup', 'AWS::EC2::SecurityGroup', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role',
    ]);
    const topic = Object.entries(all).filter(([id]) => id.startsWith('CdkDynamoDbKitAlarms')).map(([, r]) => r.Type).sort();
    expect(topic).toEqual(['AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy']);
  });

  test('the stack alarm topic is named in an info message, not a warning', () => {
    const { stack } = daxCluster();
    Annotations.fromStack(stack).hasInfo('/TestStack/Cache', Match.stringLikeRegexp('DAX alarms notify the stack\'s alarm topic TestStack/CdkDynamoDbKitAlarms/Topic'));
  });
});

describe('alarm options', () => {
  test('tuning one alarm, turning one off, turning the optional evictions on', () => {
    const { stack } = daxCluster({
      alarms: {
        cpuUtilization: { threshold: 80, evaluationPeriods: 10, datapointsToAlarm: 8 },
        errorRequests: { enabled: false },
        evictedSize: { period: Duration.minutes(10) },
      },
    });
    const template = Template.fromStack(stack);
    expect(alarmOn(template, 'CPUUtilization')).toMatchObject({ Threshold: 80, EvaluationPeriods: 10, DatapointsToAlarm: 8 });
    expect(clusterAlarms(template).some(([, p]) => p.MetricName === 'ErrorRequestCount')).toBe(false);
    expect(alarmOn(template, 'EvictedSize')).toMatchObject({ Statistic: 'Sum', Period: 600, Threshold: 1, EvaluationPeriods: 3 });
  });

  test('fewer evaluation periods than the default datapoints: datapoints follow', () => {
    const { stack } = daxCluster({ alarms: { throttledRequests: { evaluationPeriods: 2 } } });
    expect(alarmOn(Template.fromStack(stack), 'ThrottledRequestCount')).toMatchObject({ EvaluationPeriods: 2, DatapointsToAlarm: 2 });
  });

  test('your topic: no stack alarm topic is created', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'OnCall');
    daxCluster({ alarmTopic: topic }, stack);
    const template = Template.fromStack(stack);
    for (const [, props] of clusterAlarms(template)) expect(props.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^OnCall/) }]);
  });

  test('your action, without OK notifications', () => {
    const { stack, cluster } = daxCluster({ alarmAction: { bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:123456789012:pager' }) }, notifyOnOk: false });
    for (const [, props] of clusterAlarms(Template.fromStack(stack))) {
      expect(props.AlarmActions).toEqual(['arn:aws:sns:us-east-1:123456789012:pager']);
      expect(props.OKActions).toBeUndefined();
    }
    expect(cluster.alarmTopic).toBeUndefined();
  });

  test('alarms off: none on the cluster', () => {
    const { stack, cluster } = daxCluster({ alarmsEnabled: false });
    expect(clusterAlarms(Template.fromStack(stack))).toEqual([]);
    expect(cluster.alarms).toEqual([]);
  });

  test('metric methods read the cluster\'s dimension', () => {
    const { stack, cluster } = daxCluster();
    const metrics = [
      cluster.metricCpuUtilization(), cluster.metricCacheMemoryUtilization(), cluster.metricThrottledRequestCount(),
      cluster.metricItemCacheHits(), cluster.metricItemCacheMisses(),
    ];
    for (const metric of metrics) {
      expect(metric.namespace).toBe('AWS/DAX');
      expect(stack.resolve(metric.dimensions)).toEqual({ ClusterId: stack.resolve(cluster.clusterName) });
    }
    expect(cluster.metricCpuUtilization().statistic).toBe('Maximum');
  });
});
