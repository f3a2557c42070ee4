import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { TableReference, isTable, render, resourcesInStack } from '../template';

/** Counts every throttled request, reads and writes alike. */
const ALL_THROTTLES = 'ThrottledRequests';
/** ReadThrottleEvents, ReadProvisionedThroughputThrottleEvents, ReadKeyRangeThroughputThrottleEvents... */
const READ_THROTTLES = /^Read\w*Throttle\w*$/;
const WRITE_THROTTLES = /^Write\w*Throttle\w*$/;

/**
 * DynamoDB tables have CloudWatch alarms on their read and write throttling: an
 * `AWS::CloudWatch::Alarm` in the same stack whose metric, or one of the metrics of its metric math,
 * is an `AWS/DynamoDB` throttle metric (`ThrottledRequests`, `Read...ThrottleEvents`,
 * `Write...ThrottleEvents`) with the table's `TableName` dimension.
 * @param node the CfnResource to check
 */
export function ThrottleAlarms(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const table = new TableReference(render(node));
  const metricNames = resourcesInStack(node, 'AWS::CloudWatch::Alarm')
    .flatMap(alarm => metricsOf(alarm.properties))
    .filter(metric => metric.Namespace === 'AWS/DynamoDB' && namesTable(metric.Dimensions, table))
    .map(metric => String(metric.MetricName));
  const reads = metricNames.some(name => name === ALL_THROTTLES || READ_THROTTLES.test(name));
  const writes = metricNames.some(name => name === ALL_THROTTLES || WRITE_THROTTLES.test(name));
  return reads && writes ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

/** The metrics an alarm watches: its own metric, or the metrics inside its metric math. */
function metricsOf(alarm: any): any[] {
  if (alarm.MetricName !== undefined) return [alarm];
  const queries = Array.isArray(alarm.Metrics) ? alarm.Metrics : [];
  return queries.map((query: any) => query.MetricStat?.Metric).filter((metric: any) => metric !== undefined);
}

function namesTable(dimensions: any, table: TableReference): boolean {
  return Array.isArray(dimensions) && dimensions.some(dimension => dimension.Name === 'TableName' && table.isName(dimension.Value));
}
