import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BillingMode, ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { combine, Signal } from './metric-math';
import type { TableShape } from './table-shape';
import { checkArgument } from '../shared/check-props';

/** The CloudWatch namespace DynamoDB publishes to. */
export const DYNAMODB_NAMESPACE = 'AWS/DynamoDB';

/**
 * Whether a throttle metric counts reads or writes.
 */
export enum ThroughputKind {
  /** Read requests (`Read...ThrottleEvents`). */
  READ = 'Read',
  /** Write requests (`Write...ThrottleEvents`). */
  WRITE = 'Write',
}

/**
 * Why DynamoDB throttled a request: the cause-specific throttle metrics DynamoDB publishes since
 * 2025 (`<Read|Write><Cause>ThrottleEvents`, dimensions `TableName` and, for an index,
 * `GlobalSecondaryIndexName`).
 */
export enum ThrottleCause {
  /** Requests above the provisioned capacity of a provisioned table or index. */
  PROVISIONED_THROUGHPUT = 'ProvisionedThroughput',
  /**
   * Requests above a single partition's limit (a hot key): more capacity does not fix it, a
   * better-spread key does.
   */
  KEY_RANGE_THROUGHPUT = 'KeyRangeThroughput',
  /** Requests above the maximum throughput configured on an on-demand table or index. */
  MAX_ON_DEMAND_THROUGHPUT = 'MaxOnDemandThroughput',
  /** Requests of an on-demand table or index above the per-table account quota of the region. */
  ACCOUNT_LIMIT = 'AccountLimit',
}

/**
 * The DynamoDB CloudWatch metrics of one table, each with the dimensions DynamoDB publishes it
 * under: `TableName`; plus `GlobalSecondaryIndexName` for index metrics, `Operation` for
 * `SystemErrors`, `ThrottledRequests` and `SuccessfulRequestLatency`, `ReceivingRegion` for
 * replication metrics; none for the account-wide `UserErrors`.
 *
 * Plain metrics only (a 5-minute period unless said otherwise); `TableMonitoring` combines them
 * into alarms and the dashboard. Works for any `ITableV2`, including imported ones.
 */
export class TableMetricFactory {
  constructor(private readonly table: ITableV2) {
    checkArgument('TableMetricFactory', 'table', 'aws-cdk-lib.aws_dynamodb.ITableV2', table);
  }

  /** A method's argument checked against its declared type: our error, named by the table's path, not a TypeError. */
  private check(argument: string, type: string, value: unknown, optional = false): void {
    checkArgument(`${this.table.node.path} (TableMetricFactory)`, argument, type, value, optional);
  }

  /**
   * Any `AWS/DynamoDB` metric of this table, with `TableName` and the extra dimensions given.
   */
  public metric(metricName: string, statistic: string, extraDimensions?: { [name: string]: string }): cloudwatch.Metric {
    this.check('metric.metricName', 'string', metricName);
    this.check('metric.statistic', 'string', statistic);
    this.check('metric.extraDimensions', 'map<string>', extraDimensions, true);
    return new cloudwatch.Metric({
      namespace: DYNAMODB_NAMESPACE,
      metricName,
      dimensionsMap: { TableName: this.table.tableName, ...extraDimensions },
      statistic,
      period: Duration.minutes(5),
    });
  }

  /**
   * `ReadThrottleEvents` (Sum) of the table, or of one global secondary index. The table's figure
   * does not include its indexes.
   */
  public metricReadThrottleEvents(indexName?: string): cloudwatch.Metric {
    this.check('metricReadThrottleEvents.indexName', 'string', indexName, true);
    return this.metric('ReadThrottleEvents', cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /**
   * `WriteThrottleEvents` (Sum) of the table, or of one global secondary index.
   */
  public metricWriteThrottleEvents(indexName?: string): cloudwatch.Metric {
    this.check('metricWriteThrottleEvents.indexName', 'string', indexName, true);
    return this.metric('WriteThrottleEvents', cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /**
   * A cause-specific throttle metric (Sum), e.g. `ReadKeyRangeThroughputThrottleEvents`, of the
   * table or of one global secondary index.
   */
  public metricThrottleEventsForCause(kind: ThroughputKind, cause: ThrottleCause, indexName?: string): cloudwatch.Metric {
    this.check('metricThrottleEventsForCause.kind', 'cdk-dynamodb-kit.ThroughputKind', kind);
    this.check('metricThrottleEventsForCause.cause', 'cdk-dynamodb-kit.ThrottleCause', cause);
    this.check('metricThrottleEventsForCause.indexName', 'string', indexName, true);
    return this.metric(`${kind}${cause}ThrottleEvents`, cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /**
   * `ThrottledRequests` (Sum) for one operation (dimensions `TableName`, `Operation`).
   */
  public metricThrottledRequests(operation: Operation): cloudwatch.Metric {
    this.check('metricThrottledRequests.operation', 'aws-cdk-lib.aws_dynamodb.Operation', operation);
    return this.metric('ThrottledRequests', cloudwatch.Stats.SUM, { Operation: operation });
  }

  /**
   * `SystemErrors` (Sum, HTTP 500s) for one operation (dimensions `TableName`, `Operation`).
   */
  public metricSystemErrors(operation: Operation): cloudwatch.Metric {
    this.check('metricSystemErrors.operation', 'aws-cdk-lib.aws_dynamodb.Operation', operation);
    return this.metric('SystemErrors', cloudwatch.Stats.SUM, { Operation: operation });
  }

  /**
   * `SuccessfulRequestLatency` for one operation (dimensions `TableName`, `Operation`).
   *
   * @param statistic default `p99`
   */
  public metricSuccessfulRequestLatency(operation: Operation, statistic?: string): cloudwatch.Metric {
    this.check('metricSuccessfulRequestLatency.operation', 'aws-cdk-lib.aws_dynamodb.Operation', operation);
    this.check('metricSuccessfulRequestLatency.statistic', 'string', statistic, true);
    return this.metric('SuccessfulRequestLatency', statistic ?? cloudwatch.Stats.p(99), { Operation: operation });
  }

  /** `ConsumedReadCapacityUnits` (Sum) of the table or one global secondary index. */
  public metricConsumedReadCapacityUnits(indexName?: string): cloudwatch.Metric {
    this.check('metricConsumedReadCapacityUnits.indexName', 'string', indexName, true);
    return this.metric('ConsumedReadCapacityUnits', cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /** `ConsumedWriteCapacityUnits` (Sum) of the table or one global secondary index. */
  public metricConsumedWriteCapacityUnits(indexName?: string): cloudwatch.Metric {
    this.check('metricConsumedWriteCapacityUnits.indexName', 'string', indexName, true);
    return this.metric('ConsumedWriteCapacityUnits', cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /** `ProvisionedReadCapacityUnits` (Average) of the table or one global secondary index. */
  public metricProvisionedReadCapacityUnits(indexName?: string): cloudwatch.Metric {
    this.check('metricProvisionedReadCapacityUnits.indexName', 'string', indexName, true);
    return this.metric('ProvisionedReadCapacityUnits', cloudwatch.Stats.AVERAGE, indexDimension(indexName));
  }

  /** `ProvisionedWriteCapacityUnits` (Average) of the table or one global secondary index. */
  public metricProvisionedWriteCapacityUnits(indexName?: string): cloudwatch.Metric {
    this.check('metricProvisionedWriteCapacityUnits.indexName', 'string', indexName, true);
    return this.metric('ProvisionedWriteCapacityUnits', cloudwatch.Stats.AVERAGE, indexDimension(indexName));
  }

  /**
   * `ReplicationLatency` (Average, milliseconds) from this region to a replica region
   * (dimensions `TableName`, `ReceivingRegion`).
   */
  public metricReplicationLatency(receivingRegion: string): cloudwatch.Metric {
    this.check('metricReplicationLatency.receivingRegion', 'string', receivingRegion);
    return this.metric('ReplicationLatency', cloudwatch.Stats.AVERAGE, { ReceivingRegion: receivingRegion });
  }

  /**
   * `PendingReplicationCount` (Sum) from this region to a replica region (dimensions `TableName`,
   * `ReceivingRegion`). DynamoDB publishes it for global tables version 2017.11.29 (legacy) only.
   */
  public metricPendingReplicationCount(receivingRegion: string): cloudwatch.Metric {
    this.check('metricPendingReplicationCount.receivingRegion', 'string', receivingRegion);
    return this.metric('PendingReplicationCount', cloudwatch.Stats.SUM, { ReceivingRegion: receivingRegion });
  }

  /** `ConditionalCheckFailedRequests` (Sum) of the table. */
  public metricConditionalCheckFailedRequests(): cloudwatch.Metric {
    return this.metric('ConditionalCheckFailedRequests', cloudwatch.Stats.SUM);
  }

  /** `TransactionConflict` (Sum): item-level requests rejected by conflicting transactions. */
  public metricTransactionConflict(): cloudwatch.Metric {
    return this.metric('TransactionConflict', cloudwatch.Stats.SUM);
  }

  /** `TimeToLiveDeletedItemCount` (Sum): items deleted by TTL. */
  public metricTimeToLiveDeletedItemCount(): cloudwatch.Metric {
    return this.metric('TimeToLiveDeletedItemCount', cloudwatch.Stats.SUM);
  }

  /**
   * `UserErrors` (Sum): HTTP 400s of every table in the account and region (DynamoDB publishes it
   * with no dimension), not of this table alone.
   */
  public metricUserErrors(): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: DYNAMODB_NAMESPACE,
      metricName: 'UserErrors',
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    });
  }

  // Derived metrics: the metric math (sums, ratios, utilizations) that alarms and the dashboard
  // use, in one place. Internal, so the public surface stays plain metrics (the class doc above);
  // `TableMonitoring`'s metric methods expose the ones users asked for.

  /** Read and write throttle events of the table and the indexes, summed. @internal */
  public _metricThrottleEvents(indexNames: string[], period: Duration): cloudwatch.MathExpression {
    const metrics: { [id: string]: cloudwatch.IMetric } = {};
    [undefined, ...indexNames].forEach((index, i) => {
      metrics[`read${i}`] = this.metricReadThrottleEvents(index);
      metrics[`write${i}`] = this.metricWriteThrottleEvents(index);
    });
    return sumOf(metrics, period, 'Throttle events (table and indexes)');
  }

  /** Throttle events of one cause, reads and writes, of the table and the indexes, summed. @internal */
  public _metricThrottleEventsForCause(cause: ThrottleCause, indexNames: string[], period: Duration): cloudwatch.MathExpression {
    const metrics: { [id: string]: cloudwatch.IMetric } = {};
    const prefix = cause[0].toLowerCase() + cause.slice(1);
    [undefined, ...indexNames].forEach((index, i) => {
      metrics[`${prefix}Read${i}`] = this.metricThrottleEventsForCause(ThroughputKind.READ, cause, index);
      metrics[`${prefix}Write${i}`] = this.metricThrottleEventsForCause(ThroughputKind.WRITE, cause, index);
    });
    return sumOf(metrics, period, `${cause} throttle events`);
  }

  /** System errors of the operations, summed. @internal */
  public _metricSystemErrors(operations: Operation[], period: Duration): cloudwatch.MathExpression {
    const metrics: { [id: string]: cloudwatch.IMetric } = {};
    operations.forEach((op, i) => { metrics[`systemErrors${i}`] = this.metricSystemErrors(op); });
    return sumOf(metrics, period, 'System errors');
  }

  /**
   * System errors of every operation of the table, summed by one CloudWatch Metrics Insights
   * query over every `SystemErrors` series with the table's `TableName`, whatever its other
   * dimensions (`FROM` the namespace, not `SCHEMA(...)`, which would keep only exact dimension
   * sets and could miss a series published with one more, as streams' may be): one query entry in an alarm where metric math needs one
   * `MetricStat` entry per operation (the template, and the validator that reads it at every
   * synthesis, grow with the entries). Alarms accept Metrics Insights queries (AWS's "Alarms on
   * Metrics Insights queries"); the account's default quota is 200 such alarms per Region, counted
   * by `metrics-insights-quota.ts`. DynamoDB table names hold no quote, so the name needs no escaping.
   * @internal
   */
  public _metricSystemErrorsOfAllOperations(period: Duration): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: `SELECT SUM(SystemErrors) FROM "${DYNAMODB_NAMESPACE}" WHERE TableName = '${this.table.tableName}'`,
      usingMetrics: {},
      period,
      label: 'System errors (all operations)',
    });
  }

  /** Consumed capacity units per second of the table (the Sum divided by the period). @internal */
  public _metricConsumedCapacityPerSecond(kind: ThroughputKind, period: Duration, label: string): cloudwatch.MathExpression {
    const id = `consumed${kind}`;
    const metric = kind === ThroughputKind.READ ? this.metricConsumedReadCapacityUnits() : this.metricConsumedWriteCapacityUnits();
    return new cloudwatch.MathExpression({ expression: `${id} / PERIOD(${id})`, usingMetrics: { [id]: metric }, period, label });
  }

  /**
   * Capacity utilization in percent of the table or one index: consumed / provisioned, or consumed
   * / the on-demand maximum (table only). Undefined where there is no capacity to compare with.
   * @internal
   */
  public _capacityUtilizationSignal(kind: ThroughputKind, indexName: string | undefined, shape: TableShape): Signal | undefined {
    const read = kind === ThroughputKind.READ;
    const consumed = read ? this.metricConsumedReadCapacityUnits(indexName) : this.metricConsumedWriteCapacityUnits(indexName);
    if (shape.billingMode === BillingMode.PROVISIONED) {
      const provisioned = read ? this.metricProvisionedReadCapacityUnits(indexName) : this.metricProvisionedWriteCapacityUnits(indexName);
      return { metrics: { c: consumed, p: provisioned }, expression: '100 * c / PERIOD(c) / p' };
    }
    const max = read ? shape.maxReadRequestUnits : shape.maxWriteRequestUnits;
    if (max === undefined || indexName !== undefined) return undefined;
    return { metrics: { c: consumed }, expression: `100 * c / PERIOD(c) / ${max}` };
  }

  /** One utilization signal as a math expression. @internal */
  public _metricCapacityUtilization(signal: Signal, period: Duration, label: string): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({ expression: signal.expression!, usingMetrics: signal.metrics, period, label });
  }

  // Alarm-sized: the same sums and maxima, split to stay within CloudWatch's limits per alarm.

  /**
   * Throttle events of the kinds (reads, writes or both) of the targets (undefined: the table),
   * summed: reads of every target first, then writes. @internal
   */
  public _throttleAlarmMetrics(kinds: ThroughputKind[], targets: Array<string | undefined>, period: Duration): cloudwatch.MathExpression[] {
    const signals = kinds.flatMap(kind => targets.map(index => ({
      metrics: { t: kind === ThroughputKind.READ ? this.metricReadThrottleEvents(index) : this.metricWriteThrottleEvents(index) },
    })));
    const label = kinds.length === 1 ? `${kinds[0]} throttle events` : 'Read and write throttle events';
    return combine(signals, { fn: 'SUM', period, label });
  }

  /** Key-range (hot partition) throttle events, reads and writes, of the targets, summed. @internal */
  public _keyRangeThrottleAlarmMetrics(targets: Array<string | undefined>, period: Duration): cloudwatch.MathExpression[] {
    const signals: Signal[] = targets.flatMap(index => [ThroughputKind.READ, ThroughputKind.WRITE].map(kind => ({
      metrics: { t: this.metricThrottleEventsForCause(kind, ThrottleCause.KEY_RANGE_THROUGHPUT, index) },
    })));
    return combine(signals, { fn: 'SUM', period, label: 'Key-range (hot partition) throttle events' });
  }

  /** System errors of the operations, summed. @internal */
  public _systemErrorsAlarmMetrics(operations: Operation[], period: Duration): cloudwatch.MathExpression[] {
    const signals = operations.map(op => ({ metrics: { s: this.metricSystemErrors(op) } }));
    return combine(signals, { fn: 'SUM', period, label: 'System errors' });
  }

  /** The worst latency / threshold ratio over the operations (1: at its threshold). @internal */
  public _latencyRatioAlarmMetrics(thresholds: Array<{ operation: Operation; threshold: Duration }>, statistic: string,
    period: Duration): cloudwatch.MathExpression[] {
    const signals = thresholds.map(({ operation, threshold }) => ({
      metrics: { l: this.metricSuccessfulRequestLatency(operation, statistic) },
      expression: `l / ${threshold.toMilliseconds()}`,
    }));
    return combine(signals, { fn: 'MAX', period, label: `${statistic} latency / threshold` });
  }

  /** The worst capacity utilization (%) over the targets; none where no target has a capacity. @internal */
  public _capacityUtilizationAlarmMetrics(kind: ThroughputKind, targets: Array<string | undefined>, shape: TableShape,
    period: Duration): cloudwatch.MathExpression[] {
    const signals = targets.map(index => this._capacityUtilizationSignal(kind, index, shape)).filter((s): s is Signal => s !== undefined);
    if (signals.length === 0) return [];
    return combine(signals, { fn: 'MAX', period, label: `${kind} capacity utilization (%)` });
  }
}

/** The sum of the metrics, a missing point counting as 0 (one quiet index does not blank it). */
function sumOf(metrics: { [id: string]: cloudwatch.IMetric }, period: Duration, label: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: `SUM([${Object.keys(metrics).map(id => `FILL(${id}, 0)`).join(', ')}])`,
    usingMetrics: metrics,
    period,
    label,
  });
}

function indexDimension(indexName: string | undefined): { [name: string]: string } {
  // null is "no index", as jsii passes an omitted optional argument from other languages.
  return indexName == null ? {} : { GlobalSecondaryIndexName: indexName };
}
