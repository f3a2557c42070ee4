import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * CloudWatch's hard limit for an alarm on metric math: at most 10 metrics (`MetricStat` entries).
 * Each result here has one expression (sub-expressions are written inline), so the limit on
 * expressions per alarm is never reached.
 */
export const MAX_METRICS_PER_ALARM = 10;

/**
 * One signal to combine: a metric, or an expression over a few metrics (ids are local to the
 * signal; `combine` renames them).
 */
export interface Signal {
  readonly metrics: { [id: string]: cloudwatch.IMetric };
  /** An expression over the ids of `metrics`; omitted for a single metric. */
  readonly expression?: string;
}

export interface CombineOptions {
  /** `SUM` adds the signals (counts), `MAX` takes the worst (ratios, latencies). */
  readonly fn: 'SUM' | 'MAX';
  readonly period: Duration;
  readonly label: string;
}

/**
 * Combines signals into as few math expressions as CloudWatch's alarm limits allow: each result
 * reads at most 10 metrics and is one expression, with each signal's expression inline
 * (`MAX([FILL(m0l / 100, 0), ...])`, not one `e0: m0l / 100` entry per signal): the template, and
 * the validator that reads it at every synthesis, grow with the entries. Missing points count as
 * 0 (`FILL(x, 0)`), so one quiet index does not blank the sum.
 */
export function combine(signals: Signal[], options: CombineOptions): cloudwatch.MathExpression[] {
  const chunks: Signal[][] = [];
  let current: Signal[] = [];
  let metricCount = 0;
  for (const signal of signals) {
    const metrics = Object.keys(signal.metrics).length;
    if (current.length > 0 && metricCount + metrics > MAX_METRICS_PER_ALARM) {
      chunks.push(current);
      current = [];
      metricCount = 0;
    }
    current.push(signal);
    metricCount += metrics;
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((chunk, index) => renderChunk(chunk, {
    ...options,
    label: chunks.length > 1 ? `${options.label} (part ${index + 1} of ${chunks.length})` : options.label,
  }));
}

function renderChunk(signals: Signal[], options: CombineOptions): cloudwatch.MathExpression {
  const usingMetrics: { [id: string]: cloudwatch.IMetric } = {};
  const terms: string[] = [];
  signals.forEach((signal, s) => {
    const renamed: { [id: string]: cloudwatch.IMetric } = {};
    let expression = signal.expression;
    for (const [id, metric] of Object.entries(signal.metrics)) {
      const newId = `m${s}${id}`;
      renamed[newId] = metric;
      if (expression) expression = expression.replace(new RegExp(`\\b${id}\\b`, 'g'), newId);
    }
    Object.assign(usingMetrics, renamed);
    if (expression) {
      terms.push(`FILL(${expression}, 0)`);
    } else {
      terms.push(...Object.keys(renamed).map(id => `FILL(${id}, 0)`));
    }
  });
  return new cloudwatch.MathExpression({
    expression: `${options.fn}([${terms.join(', ')}])`,
    usingMetrics,
    period: options.period,
    label: options.label,
  });
}
