import { readFileSync } from 'fs';
import { join } from 'path';
import { ALARM_DEFAULTS } from '../../src/monitoring/alarm-defaults';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Monitoring'));

describe('the README documents every alarm with its default', () => {
  test.each([
    ['Throttles', '>= 1 in 3 of 5', ALARM_DEFAULTS.throttles],
    ['SystemErrors', '>= 1 in 3 of 5', ALARM_DEFAULTS.systemErrors],
    ['ReadCapacityUtilization', '>= 90% for 5 of 5', ALARM_DEFAULTS.readCapacityUtilization],
    ['ReplicationLatency', '>= 60 000 ms for 5 of 5', ALARM_DEFAULTS.replicationLatency],
  ])('%s: %s', (id, text, defaults) => {
    const row = section.split('\n').find(line => line.startsWith(`| \`${id}`));
    expect(row).toContain(text);
    expect(text.replace(/ /g, '')).toContain(`${defaults.threshold}`);
    expect(text).toContain(`${defaults.datapointsToAlarm} of ${defaults.evaluationPeriods}`);
  });

  test('every optional alarm has a row', () => {
    for (const key of ['keyRangeThrottles', 'pendingReplication', 'userErrors', 'conditionalCheckFailures', 'transactionConflicts', 'timeToLiveDeletionsStopped']) {
      expect(section).toContain(`| \`${key}\``);
    }
  });

  test('the resource count of a default table is the one the tests measure', () => {
    expect(section).toContain('**3** `AWS::CloudWatch::Alarm`');
    expect(section).toContain('**3** for the alarm topic: `AWS::SNS::Topic`, `AWS::SNS::TopicPolicy`, `AWS::KMS::Key`');
    expect(section).toContain('A stack with one default `ProductionTable` has 8 resources');
    expect(section).toContain('is 12 resources beyond the consumer\'s function and role');
  });

  test('the alarm topic is documented where alarms are: its id, its key policy for CloudWatch, how to subscribe', () => {
    for (const text of ['`CdkDynamoDbKitAlarms`', '`cloudwatch.amazonaws.com`', '`kms:Decrypt`, `kms:GenerateDataKey*`', 'monitoring!.alarmTopic!.addSubscription', 'AlarmTopic.of(this).topic']) {
      expect(section).toContain(text);
    }
  });
});
