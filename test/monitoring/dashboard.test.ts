import { Stack } from 'aws-cdk-lib';
import { BillingMode, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { TableMonitoring, TableMonitoringProps } from '../../src';
import { templateOf, testStack } from '../helpers/app';

/** The dashboard body, resolved and parsed (table name tokens become "orders"). */
function dashboardOf(props: Partial<TableMonitoringProps>, after?: (m: TableMonitoring, stack: Stack) => void): any {
  const stack = testStack();
  const monitoring = new TableMonitoring(stack, 'Monitoring', { table: TableV2.fromTableName(stack, 'Imported', 'orders'), ...props });
  after?.(monitoring, stack);
  const dashboards = Object.values<any>(templateOf(stack).findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0].Properties.DashboardBody;
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part: any) => typeof part === 'string' ? part : tokenText(part)).join('');
  return JSON.parse(text);
}

/** Tokens inside the body's JSON strings, as plain text. */
function tokenText(part: any): string {
  if (part.Ref === 'AWS::Region') return 'us-east-1';
  if (part['Fn::GetAtt']) return `arn-of-${part['Fn::GetAtt'][0]}`;
  return `ref-${part.Ref}`;
}

function titles(body: any): string[] {
  return body.widgets.map((w: any) => w.properties.title ?? w.properties.markdown.split('\n')[0]);
}

function metricNames(widget: any): string[] {
  return widget.properties.metrics.filter((m: any[]) => typeof m[0] === 'string').map((m: any[]) => m[1]);
}

describe('the dashboard', () => {
  test('is not created by default', () => {
    const stack = testStack();
    new TableMonitoring(stack, 'Monitoring', { table: TableV2.fromTableName(stack, 'Imported', 'orders') });
    templateOf(stack).resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  test('has alarms, capacity, throttles by cause, latency, errors, replication, consumer lag and top keys', () => {
    const body = dashboardOf({ dashboard: true, replicaRegions: ['eu-west-1'], globalSecondaryIndexNames: ['byCustomer'] }, (monitoring, stack) => {
      monitoring.addConsumerLag(lambda.Function.fromFunctionArn(stack, 'Consumer', 'arn:aws:lambda:us-east-1:123456789012:function:orders-consumer'), 'orders consumer');
    });
    expect(titles(body)).toEqual([
      '# DynamoDB table orders', 'Alarms', 'Capacity (units per second)', 'Throttle events by cause (table and indexes)', 'Latency p99 (ms)',
      'Errors', 'Replication latency (ms)', 'Stream consumer lag (IteratorAge, ms)', '### Contributor Insights top keys',
    ]);
    const [, alarms, capacity, throttles, latency, errors, replication, lag] = body.widgets;
    expect(alarms.properties.alarms).toHaveLength(4);
    expect(metricNames(capacity)).toEqual(['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits']);
    expect(new Set(metricNames(throttles))).toEqual(new Set([
      'ReadThrottleEvents', 'WriteThrottleEvents', 'ReadKeyRangeThroughputThrottleEvents', 'WriteKeyRangeThroughputThrottleEvents',
      'ReadMaxOnDemandThroughputThrottleEvents', 'WriteMaxOnDemandThroughputThrottleEvents', 'ReadAccountLimitThrottleEvents', 'WriteAccountLimitThrottleEvents',
    ]));
    expect(metricNames(latency)).toEqual(Array(5).fill('SuccessfulRequestLatency'));
    expect(metricNames(errors)).toEqual(['ConditionalCheckFailedRequests', 'TransactionConflict', 'UserErrors']);
    // System errors of every operation: the alarm's Metrics Insights query, not one metric per operation.
    expect(errors.properties.metrics[0]).toEqual([{
      expression: 'SELECT SUM(SystemErrors) FROM "AWS/DynamoDB" WHERE TableName = \'orders\'',
      label: 'System errors (all operations)',
      period: 60,
    }]);
    expect(replication.properties.metrics).toEqual([['AWS/DynamoDB', 'ReplicationLatency', 'ReceivingRegion', 'eu-west-1', 'TableName', 'orders', { label: 'to eu-west-1', period: 60 }]]);
    expect(lag.properties.metrics).toEqual([['AWS/Lambda', 'IteratorAge', 'FunctionName', 'orders-consumer', { label: 'orders consumer', period: 60, stat: 'Maximum' }]]);
  });

  test('provisioned tables show provisioned capacity and the provisioned-throughput throttle cause', () => {
    const body = dashboardOf({ dashboard: true, billingMode: BillingMode.PROVISIONED });
    const capacity = body.widgets.find((w: any) => w.properties.title?.startsWith('Capacity'));
    expect(metricNames(capacity)).toEqual(['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits', 'ProvisionedReadCapacityUnits', 'ProvisionedWriteCapacityUnits']);
    const throttles = body.widgets.find((w: any) => w.properties.title?.startsWith('Throttle'));
    expect(metricNames(throttles)).toContain('ReadProvisionedThroughputThrottleEvents');
    expect(metricNames(throttles)).not.toContain('ReadMaxOnDemandThroughputThrottleEvents');
  });

  test('without replicas or consumers it says so instead of drawing empty graphs', () => {
    const body = dashboardOf({ dashboard: true });
    const markdown = body.widgets.filter((w: any) => w.type === 'text').map((w: any) => w.properties.markdown).join('\n');
    expect(markdown).toMatch(/Not a global table/);
    expect(markdown).toMatch(/No stream consumers registered/);
  });

  test('Contributor Insights rule names become top-keys widgets', () => {
    const body = dashboardOf({ dashboard: true, contributorInsightsRuleNames: ['DynamoDBContributorInsights-PKC-orders-1700000000000'] });
    const widget = body.widgets.find((w: any) => w.properties.insightRule);
    expect(widget.properties.insightRule).toEqual({ maxContributorCount: 10, orderBy: 'Sum', ruleName: 'DynamoDBContributorInsights-PKC-orders-1700000000000' });
    expect(widget.properties.region).toBe('us-east-1');
  });

  test('the dashboard name is settable', () => {
    const stack = testStack();
    new TableMonitoring(stack, 'Monitoring', { table: TableV2.fromTableName(stack, 'Imported', 'orders'), dashboard: true, dashboardName: 'orders-table' });
    templateOf(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'orders-table' });
  });
});
