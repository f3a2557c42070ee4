import { readFileSync } from 'fs';
import { join } from 'path';
import { DAX_ALARM_DEFAULTS, DaxAlarmName } from '../../src/dax/dax-alarm-defaults';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const start = readme.indexOf('## DAX\n');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

describe('the README\'s DAX section matches the code', () => {
  test.each(Object.keys(DAX_ALARM_DEFAULTS) as DaxAlarmName[])('alarm %s: its row has the metric, statistic, threshold and M of N', name => {
    const defaults = DAX_ALARM_DEFAULTS[name];
    const row = section.split('\n').find(line => line.startsWith(`| \`${name}\``));
    expect(row).toBeDefined();
    expect(row).toContain(`\`${defaults.metricName}\` (${defaults.statistic}`);
    expect(row).toContain(`>= ${defaults.threshold}`);
    expect(row).toContain(`${defaults.datapointsToAlarm} of ${defaults.evaluationPeriods} ${defaults.period.toMinutes() === 1 ? 'one' : 'five'}-minute periods`);
    expect(row!.includes('optional')).toBe(!defaults.onByDefault);
  });

  test('the resource count is the one the tests measure', () => {
    expect(section).toContain('A default cluster adds **11** resources');
    expect(section).toContain('plus the stack\'s alarm topic (3)');
  });

  test('every warning id is documented', () => {
    for (const id of ['daxReplicationFactor', 'daxEncryptionAtRestOff', 'daxEncryptionInTransitOff', 'daxAlarmsOff']) {
      expect(section).toContain(`\`cdk-dynamodb-kit:${id}\``);
    }
  });

  test('the defaults the table names are the code\'s', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'dax', 'dax-cluster.ts'), 'utf8');
    expect(source).toContain('const DEFAULT_NODE_TYPE = \'dax.r5.large\'');
    expect(source).toContain('const DEFAULT_REPLICATION_FACTOR = 3');
    expect(source).toContain('const DEFAULT_TTL = Duration.minutes(5)');
    for (const text of ['`dax.r5.large`', '`replicationFactor: 3`', '5 minutes', 'port 9111', '`@amazon-dax-sdk/lib-dax`', 'allowDefaultPortFrom(reader)', 'grantReadData(reader)']) {
      expect(section).toContain(text);
    }
  });
});
