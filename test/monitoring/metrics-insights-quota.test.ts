import { NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TableMonitoring, TableMonitoringProps } from '../../src';
import { testApp, TEST_ENV } from '../helpers/app';

const ONLY_SYSTEM_ERRORS: Partial<TableMonitoringProps> = {
  readThrottles: { enabled: false }, writeThrottles: { enabled: false }, latency: { enabled: false },
};
const QUOTA_WARNING = 'cdk-dynamodb-kit:metricsInsightsAlarmQuota';

/** `count` monitored tables (their system-errors alarm only), in stacks of at most 100. */
function monitoredTables(scope: Construct, count: number, env: { account?: string; region?: string } | undefined, name: string,
  options: Partial<TableMonitoringProps> = {}): Stack[] {
  const stacks: Stack[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 100 === 0) stacks.push(new Stack(scope, `${name}${stacks.length}`, { env }));
    const stack = stacks[stacks.length - 1];
    new TableMonitoring(stack, `Monitoring${i}`, { table: TableV2.fromTableName(stack, `Table${i}`, `table-${i}`), ...ONLY_SYSTEM_ERRORS, ...options });
  }
  return stacks;
}

function quotaWarnings(stacks: Stack[]): string[] {
  return stacks.flatMap(stack => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(QUOTA_WARNING)).map(w => w.entry.data as string));
}

describe('alarms on Metrics Insights queries: a warning past 80% of the default quota of 200 per account and Region', () => {
  test('161 in one environment, over two stacks: one warning with the count, the quota and the fix', () => {
    const found = quotaWarnings(monitoredTables(testApp(), 161, TEST_ENV, 'Tables'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/this app creates 161 alarms on CloudWatch Metrics Insights queries in account 123456789012, us-east-1 .*over 80% of CloudWatch's default quota of 200 per account and Region; ask for a higher quota before deploying, or give monitoring.systemErrors.operations/);
  });

  test('160: no warning (the test above can fail)', () => {
    expect(quotaWarnings(monitoredTables(testApp(), 160, TEST_ENV, 'Tables'))).toEqual([]);
  });

  test('two Regions are two quotas: 100 in each, no warning', () => {
    const app = testApp();
    const stacks = [
      ...monitoredTables(app, 100, TEST_ENV, 'East'),
      ...monitoredTables(app, 100, { ...TEST_ENV, region: 'eu-west-1' }, 'West'),
    ];
    expect(quotaWarnings(stacks)).toEqual([]);
  });

  test('environment-agnostic stacks count together (they deploy to one account and Region)', () => {
    const found = quotaWarnings(monitoredTables(testApp(), 161, undefined, 'Agnostic'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/161 alarms .* in the account and Region of the environment-agnostic stacks/);
  });

  test('alarms in nested stacks and in a Stage count in their environment', () => {
    const app = testApp();
    const parent = new Stack(app, 'Parent', { env: TEST_ENV });
    const nested = new NestedStack(parent, 'Nested');
    for (let i = 0; i < 100; i++) {
      new TableMonitoring(nested, `Monitoring${i}`, { table: TableV2.fromTableName(nested, `Table${i}`, `nested-${i}`), ...ONLY_SYSTEM_ERRORS });
    }
    const staged = monitoredTables(new Stage(app, 'Prod'), 61, TEST_ENV, 'Staged');
    expect(quotaWarnings([parent, ...staged])).toHaveLength(1);
  });

  test('judged on the final tree: an alarm removed after construction does not count', () => {
    const stacks = monitoredTables(testApp(), 161, TEST_ENV, 'Tables');
    const monitoring = stacks[0].node.findChild('Monitoring0');
    expect(monitoring.node.tryRemoveChild('SystemErrors')).toBe(true);
    expect(quotaWarnings(stacks)).toEqual([]);
  });

  test('system errors of named operations use metric math and do not count', () => {
    const stacks = monitoredTables(testApp(), 161, TEST_ENV, 'Named', { systemErrors: { operations: [Operation.GET_ITEM] } });
    expect(quotaWarnings(stacks)).toEqual([]);
  });
});
