import { Template } from 'aws-cdk-lib/assertions';

/** One metric an alarm reads, flattened for assertions. */
export interface ReadMetric {
  readonly id?: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: { [name: string]: any };
  readonly stat: string;
  readonly period: number;
}

/** The alarms whose logical id starts with `prefix` (construct ids are part of logical ids). */
export function alarmsStartingWith(template: Template, prefix: string): Array<{ logicalId: string; properties: any }> {
  return Object.entries<any>(template.findResources('AWS::CloudWatch::Alarm'))
    .filter(([id]) => id.startsWith(prefix))
    .map(([logicalId, resource]) => ({ logicalId, properties: resource.Properties }));
}

/** The one alarm whose logical id is `prefix` followed by CDK's 8-character hash. */
export function alarm(template: Template, prefix: string): any {
  const matches = alarmsStartingWith(template, prefix).filter(a => /^[0-9A-F]{8}$/.test(a.logicalId.slice(prefix.length)));
  if (matches.length !== 1) {
    throw new Error(`expected one alarm ${prefix}, found ${matches.length}: ${Object.keys(template.findResources('AWS::CloudWatch::Alarm')).join(', ')}`);
  }
  return matches[0].properties;
}

/** Every metric the alarm reads, whether it watches one metric or a math expression. */
export function metricsRead(props: any): ReadMetric[] {
  if (props.MetricName) {
    return [{
      namespace: props.Namespace,
      metricName: props.MetricName,
      dimensions: dims(props.Dimensions),
      stat: props.Statistic ?? props.ExtendedStatistic,
      period: props.Period,
    }];
  }
  return (props.Metrics as any[]).filter(m => m.MetricStat).map(m => ({
    id: m.Id,
    namespace: m.MetricStat.Metric.Namespace,
    metricName: m.MetricStat.Metric.MetricName,
    dimensions: dims(m.MetricStat.Metric.Dimensions),
    stat: m.MetricStat.Stat,
    period: m.MetricStat.Period,
  }));
}

/** The expression the alarm watches (ReturnData true). */
export function watchedExpression(props: any): string {
  return (props.Metrics as any[]).find(m => m.ReturnData !== false).Expression;
}

/** The other expressions, by id. */
export function innerExpressions(props: any): { [id: string]: string } {
  return Object.fromEntries((props.Metrics as any[]).filter(m => m.Expression && m.ReturnData === false).map(m => [m.Id, m.Expression]));
}

function dims(dimensions: Array<{ Name: string; Value: any }> | undefined): { [name: string]: any } {
  return Object.fromEntries((dimensions ?? []).map(d => [d.Name, d.Value]));
}
