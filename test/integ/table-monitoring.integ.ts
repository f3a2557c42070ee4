// integ-runner app (aws-cdk's convention), snapshot compared offline by `npx projen integ`; deployable with
// an AWS account (see test/integ/snapshots.ts). Test resources are destroyable; production keeps the defaults.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { AlarmTopic, TableMonitoring } from '../../src';

const app = new App();
const stack = new Stack(app, 'CdkDynamoDbKitTableMonitoringInteg');
const table = new TableV2(stack, 'Plain', { partitionKey: { name: 'pk', type: AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY });
const monitoring = new TableMonitoring(stack, 'Monitoring', { table, healthAlarm: true, dashboard: true });

const integ = new IntegTest(app, 'TableMonitoringInteg', { testCases: [stack] });
// CloudWatch accepted every alarm, with the stack's alarm topic as its action, and it is not in ALARM
// on an idle table (missing data is not breaching).
integ.assertions.awsApiCall('CloudWatch', 'describeAlarms', { AlarmNames: [monitoring.healthAlarm!.alarmName], AlarmTypes: ['CompositeAlarm'] })
  .expect(ExpectedResult.objectLike({ CompositeAlarms: [{ AlarmActions: [AlarmTopic.of(stack).topic.topicArn] }] }));
for (const alarm of monitoring.alarms) {
  integ.assertions.awsApiCall('CloudWatch', 'describeAlarms', { AlarmNames: [alarm.alarmName] })
    .expect(ExpectedResult.objectLike({ MetricAlarms: [{ AlarmActions: [AlarmTopic.of(stack).topic.topicArn] }] }));
}
