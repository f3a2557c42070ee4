import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BillingMode, Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { TableMetricFactory, TableMonitoring, ThrottleCause, ThroughputKind } from '../../src';
import { combine, MAX_METRICS_PER_ALARM } from '../../src/monitoring/metric-math';
import { testStack } from '../helpers/app';

function factory() {
  const stack = testStack();
  const table = TableV2.fromTableName(stack, 'Imported', 'orders');
  return { stack, metrics: new TableMetricFactory(table), table };
}

function describeMetric(metric: cloudwatch.IMetric): any {
  const config = metric.toMetricConfig().metricStat!;
  const dimensions = Object.fromEntries((config.dimensions ?? []).map(d => [d.name, d.value]));
  return { namespace: config.namespace, metricName: config.metricName, dimensions, statistic: config.statistic };
}

describe('TableMetricFactory: names and dimensions as DynamoDB publishes them', () => {
  test.each<[string, (f: TableMetricFactory) => cloudwatch.IMetric, string, { [name: string]: string }, string]>([
    ['read throttles of the table', f => f.metricReadThrottleEvents(), 'ReadThrottleEvents', {}, 'Sum'],
    ['write throttles of an index', f => f.metricWriteThrottleEvents('byCustomer'), 'WriteThrottleEvents', { GlobalSecondaryIndexName: 'byCustomer' }, 'Sum'],
    ['a cause-specific throttle metric', f => f.metricThrottleEventsForCause(ThroughputKind.READ, ThrottleCause.MAX_ON_DEMAND_THROUGHPUT),
      'ReadMaxOnDemandThroughputThrottleEvents', {}, 'Sum'],
    ['an index account-limit throttle metric', f => f.metricThrottleEventsForCause(ThroughputKind.WRITE, ThrottleCause.ACCOUNT_LIMIT, 'byCustomer'),
      'WriteAccountLimitThrottleEvents', { GlobalSecondaryIndexName: 'byCustomer' }, 'Sum'],
    ['provisioned-throughput throttles', f => f.metricThrottleEventsForCause(ThroughputKind.WRITE, ThrottleCause.PROVISIONED_THROUGHPUT),
      'WriteProvisionedThroughputThrottleEvents', {}, 'Sum'],
    ['throttled requests per operation', f => f.metricThrottledRequests(Operation.QUERY), 'ThrottledRequests', { Operation: 'Query' }, 'Sum'],
    ['system errors per operation', f => f.metricSystemErrors(Operation.PUT_ITEM), 'SystemErrors', { Operation: 'PutItem' }, 'Sum'],
    ['latency per operation, p99', f => f.metricSuccessfulRequestLatency(Operation.GET_ITEM), 'SuccessfulRequestLatency', { Operation: 'GetItem' }, 'p99'],
    ['consumed read of an index', f => f.metricConsumedReadCapacityUnits('byCustomer'), 'ConsumedReadCapacityUnits', { GlobalSecondaryIndexName: 'byCustomer' }, 'Sum'],
    ['provisioned write', f => f.metricProvisionedWriteCapacityUnits(), 'ProvisionedWriteCapacityUnits', {}, 'Average'],
    ['replication latency', f => f.metricReplicationLatency('eu-west-1'), 'ReplicationLatency', { ReceivingRegion: 'eu-west-1' }, 'Average'],
    ['pending replication', f => f.metricPendingReplicationCount('eu-west-1'), 'PendingReplicationCount', { ReceivingRegion: 'eu-west-1' }, 'Sum'],
    ['conditional check failures', f => f.metricConditionalCheckFailedRequests(), 'ConditionalCheckFailedRequests', {}, 'Sum'],
    ['transaction conflicts', f => f.metricTransactionConflict(), 'TransactionConflict', {}, 'Sum'],
    ['TTL deletions', f => f.metricTimeToLiveDeletedItemCount(), 'TimeToLiveDeletedItemCount', {}, 'Sum'],
  ])('%s', (_, make, metricName, extraDimensions, statistic) => {
    const { metrics } = factory();
    expect(describeMetric(make(metrics))).toEqual({ namespace: 'AWS/DynamoDB', metricName, dimensions: { TableName: 'orders', ...extraDimensions }, statistic });
  });

  test('user errors carry no dimension: the metric is account-wide', () => {
    expect(describeMetric(factory().metrics.metricUserErrors())).toEqual({ namespace: 'AWS/DynamoDB', metricName: 'UserErrors', dimensions: {}, statistic: 'Sum' });
  });
});

describe('TableMonitoring metric methods', () => {
  test('metricThrottleEvents sums reads and writes of the table and every index', () => {
    const stack = testStack();
    const monitoring = new TableMonitoring(stack, 'M', { table: TableV2.fromTableName(stack, 'Imported', 'orders'), globalSecondaryIndexNames: ['byA'] });
    const expression = monitoring.metricThrottleEvents() as cloudwatch.MathExpression;
    expect(expression.expression).toBe('SUM([FILL(read0, 0), FILL(write0, 0), FILL(read1, 0), FILL(write1, 0)])');
    expect(Object.values(expression.usingMetrics).map(describeMetric).map(m => [m.metricName, m.dimensions.GlobalSecondaryIndexName])).toEqual([
      ['ReadThrottleEvents', undefined], ['WriteThrottleEvents', undefined], ['ReadThrottleEvents', 'byA'], ['WriteThrottleEvents', 'byA'],
    ]);
    expect(describeMetric(monitoring.metricReplicationLatency('eu-west-1')).dimensions).toEqual({ TableName: 'orders', ReceivingRegion: 'eu-west-1' });
    expect(describeMetric(monitoring.metricLatency(Operation.QUERY, 'p50')).statistic).toBe('p50');
    const cause = monitoring.metricThrottleEventsForCause(ThrottleCause.KEY_RANGE_THROUGHPUT) as cloudwatch.MathExpression;
    expect(Object.values(cause.usingMetrics).map(m => describeMetric(m).metricName)).toEqual([
      'ReadKeyRangeThroughputThrottleEvents', 'WriteKeyRangeThroughputThrottleEvents', 'ReadKeyRangeThroughputThrottleEvents', 'WriteKeyRangeThroughputThrottleEvents',
    ]);
    const allOperations = monitoring.metricSystemErrors() as cloudwatch.MathExpression;
    expect([allOperations.expression, allOperations.usingMetrics]).toEqual([
      'SELECT SUM(SystemErrors) FROM "AWS/DynamoDB" WHERE TableName = \'orders\'', {},
    ]);
    expect(Object.keys((monitoring.metricSystemErrors([Operation.QUERY, Operation.SCAN]) as cloudwatch.MathExpression).usingMetrics)).toEqual(['systemErrors0', 'systemErrors1']);
  });

  test('capacity utilization methods divide consumed by provisioned, or by the on-demand maximum', () => {
    const stack = testStack();
    const table = TableV2.fromTableName(stack, 'Imported', 'orders');
    const provisioned = new TableMonitoring(stack, 'P', { table, billingMode: BillingMode.PROVISIONED });
    expect((provisioned.metricWriteCapacityUtilization('byA') as cloudwatch.MathExpression).expression).toBe('100 * c / PERIOD(c) / p');
    const onDemand = new TableMonitoring(stack, 'D', { table, maxReadRequestUnits: 300 });
    expect((onDemand.metricReadCapacityUtilization() as cloudwatch.MathExpression).expression).toBe('100 * c / PERIOD(c) / 300');
  });
});

describe('combine: metric math within CloudWatch alarm limits', () => {
  const metric = (i: number) => new cloudwatch.Metric({ namespace: 'N', metricName: `M${i}`, period: undefined });

  test.each([1, 9, 10, 11, 25, 42])('%i single-metric signals: every part has at most 10 metrics and all signals are kept', (n) => {
    const parts = combine(Array.from({ length: n }, (_, i) => ({ metrics: { x: metric(i) } })), { fn: 'SUM', period: Duration.minutes(1), label: 'L' });
    expect(parts).toHaveLength(Math.ceil(n / MAX_METRICS_PER_ALARM));
    const counts = parts.map(p => Object.keys(p.usingMetrics).length);
    expect(counts.every(c => c <= MAX_METRICS_PER_ALARM)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
  });

  test('two-metric expression signals: at most 5 per part (10 metrics), each expression inline in the one expression of its part', () => {
    const signals = Array.from({ length: 11 }, (_, i) => ({ metrics: { c: metric(i), p: metric(100 + i) }, expression: 'c / p' }));
    const parts = combine(signals, { fn: 'MAX', period: Duration.minutes(1), label: 'L' });
    expect(parts.map(p => Object.keys(p.usingMetrics).length)).toEqual([10, 10, 2]);
    for (const part of parts) {
      expect(Object.values(part.usingMetrics).every(m => m instanceof cloudwatch.Metric)).toBe(true);
    }
    expect(parts[0].expression).toBe(`MAX([${[0, 1, 2, 3, 4].map(i => `FILL(m${i}c / m${i}p, 0)`).join(', ')}])`);
    expect(parts[2].label).toBe('L (part 3 of 3)');
  });

  test('one-metric expression signals: 10 per part, no sub-expression entries', () => {
    const signals = Array.from({ length: 11 }, (_, i) => ({ metrics: { l: metric(i) }, expression: 'l / 100' }));
    const parts = combine(signals, { fn: 'MAX', period: Duration.minutes(1), label: 'L' });
    expect(parts.map(p => Object.keys(p.usingMetrics).length)).toEqual([10, 1]);
    expect(parts[1].expression).toBe('MAX([FILL(m0l / 100, 0)])');
  });
});
