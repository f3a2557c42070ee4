import { Annotations, Duration, Lazy, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { BillingMode, ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ALARM_DEFAULTS, AlarmDefaults, DEFAULT_LATENCY_THRESHOLDS, DEFAULT_SYSTEM_ERROR_OPERATIONS } from './alarm-defaults';
import { AlarmTopic } from './alarm-topic';
import { buildDashboard, ConsumerLag } from './dashboard';
import { combine, Signal } from './metric-math';
import { TableMetricFactory, ThrottleCause, ThroughputKind } from './table-metric-factory';
import { AlarmTuning, TableMonitoringProps, ThresholdAlarmOptions } from './table-monitoring-props';
import { validateMonitoringProps, validateIndexName, validateRegion } from './validation';

type AlarmKey = keyof typeof ALARM_DEFAULTS;

/**
 * Alarms, an optional dashboard and metric methods for one DynamoDB table: any `ITableV2`
 * (a `ProductionTable`, which creates one by default, a `TableV2`, an imported table).
 *
 * On by default, each with a documented threshold: read and write throttles (table and indexes,
 * combined with metric math), system errors, p99 latency of the main operations, capacity
 * utilization (provisioned tables, and on-demand tables with a maximum), replication latency per
 * replica region. Optional: hot-partition throttles, pending replication, user errors,
 * conditional-check failures, transaction conflicts, TTL deletions stopped, a composite
 * "table health" alarm. Every alarm gets the same action: `alarmTopic`, `alarmAction`, or by default
 * the stack's `AlarmTopic` (one encrypted SNS topic per stack, shared by every table).
 */
export class TableMonitoring extends Construct {
  /** The monitored table. */
  public readonly table: ITableV2;

  /** The table's plain metrics, with DynamoDB's dimensions. */
  public readonly metrics: TableMetricFactory;

  /**
   * The action applied to every alarm: `alarmAction`, an SNS action for `alarmTopic`, or by
   * default one for the stack's `AlarmTopic`. Reuse it for alarms of your own, such as a stream
   * consumer's.
   */
  public readonly alarmAction: cloudwatch.IAlarmAction;

  /**
   * The topic the alarms notify: `alarmTopic`, or the stack's `AlarmTopic` when neither
   * `alarmTopic` nor `alarmAction` was given (subscribe to it). Undefined with `alarmAction`.
   */
  public readonly alarmTopic?: sns.ITopic;

  /** The composite "table health" alarm, when `healthAlarm` is true. */
  public readonly healthAlarm?: cloudwatch.CompositeAlarm;

  /** The dashboard, when `dashboard` is true. */
  public readonly dashboard?: cloudwatch.Dashboard;

  private readonly props: TableMonitoringProps;
  private readonly indexNames: string[];
  private readonly regions: string[];
  private readonly alarmList: cloudwatch.Alarm[] = [];
  private readonly consumers: ConsumerLag[] = [];
  private readonly notifyOnOk: boolean;

  constructor(scope: Construct, id: string, props: TableMonitoringProps) {
    super(scope, id);
    validateMonitoringProps(this.node.path, props);
    this.props = props;
    this.table = props.table;
    this.metrics = new TableMetricFactory(props.table);
    this.indexNames = [...(props.globalSecondaryIndexNames ?? [])];
    this.regions = [...(props.replicaRegions ?? [])];
    this.notifyOnOk = props.notifyOnOk ?? true;
    if (props.alarmAction) {
      this.alarmAction = props.alarmAction;
    } else if (props.alarmTopic) {
      this.alarmTopic = props.alarmTopic;
      this.alarmAction = new actions.SnsAction(props.alarmTopic);
    } else {
      const stackTopic = AlarmTopic.of(this);
      this.alarmTopic = stackTopic.topic;
      this.alarmAction = stackTopic.alarmAction;
      // Info, not a warning: the defaults must synthesize cleanly under `cdk synth --strict`.
      Annotations.of(this).addInfo(`the table alarms notify the stack's alarm topic ${stackTopic.topic.node.path} (SNS, encrypted with its own KMS key), `
        + 'which has no subscriber until you add one: table.monitoring.alarmTopic.addSubscription(new EmailSubscription(\'oncall@example.com\')), '
        + 'or the same topic as AlarmTopic.of(stack).topic. Pass alarmTopic or alarmAction to notify your own instead.');
    }

    this.createThrottleAlarms('', this.indexNames, true);
    this.createSystemErrorsAlarms();
    this.createLatencyAlarms();
    this.createCapacityAlarms();
    for (const region of this.regions) this.createReplicaAlarms(region);
    this.createOptionalTableAlarms();

    if (props.healthAlarm) {
      this.healthAlarm = new cloudwatch.CompositeAlarm(this, 'TableHealth', {
        alarmDescription: `Any alarm of the DynamoDB table ${this.table.tableName} is in ALARM.`,
        alarmRule: new LazyAnyOfRule(() => this.alarmList),
      });
      this.applyActions(this.healthAlarm);
    }
    if (props.dashboard) {
      this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
        dashboardName: props.dashboardName,
      });
      buildDashboard(this.dashboard, {
        monitoring: this,
        indexNames: () => this.indexNames,
        regions: () => this.regions,
        consumers: () => this.consumers,
        billingMode: props.billingMode ?? BillingMode.PAY_PER_REQUEST,
        latencyOperations: (props.latency?.operations ?? DEFAULT_LATENCY_THRESHOLDS).map(t => t.operation),
        contributorInsightsRuleNames: props.contributorInsightsRuleNames,
      });
    }
  }

  /** Every alarm this monitoring created (not the composite health alarm). */
  public get alarms(): cloudwatch.IAlarm[] {
    return [...this.alarmList];
  }

  /**
   * Monitors a global secondary index added after this monitoring was created: its read and write
   * throttles get their own alarms (and its capacity, on provisioned tables).
   */
  public addGlobalSecondaryIndex(indexName: string): void {
    validateIndexName(this.node.path, 'addGlobalSecondaryIndex', indexName, this.indexNames);
    this.indexNames.push(indexName);
    this.createThrottleAlarms(indexName, [indexName], false);
    this.createCapacityAlarmsFor(indexName, [indexName], false);
  }

  /**
   * Watches replication to a replica region added after this monitoring was created.
   */
  public addReplicaRegion(region: string): void {
    validateRegion(this.node.path, 'addReplicaRegion', region, this.regions);
    this.regions.push(region);
    this.createReplicaAlarms(region);
  }

  /**
   * Shows a stream consumer's lag (its Lambda function's `IteratorAge`, Maximum) on the dashboard.
   * `StreamConsumer` calls this; alarms on the lag are the consumer's own.
   */
  public addConsumerLag(consumer: lambda.IFunction, label?: string): void {
    this.consumers.push({ fn: consumer, label: label ?? consumer.node.id });
  }

  /**
   * Read and write throttle events of the table and every monitored index, summed (one math
   * expression; a graph may hold more metrics than an alarm).
   */
  public metricThrottleEvents(period?: Duration): cloudwatch.IMetric {
    const metrics: { [id: string]: cloudwatch.IMetric } = {};
    [undefined, ...this.indexNames].forEach((index, i) => {
      metrics[`read${i}`] = this.metrics.metricReadThrottleEvents(index);
      metrics[`write${i}`] = this.metrics.metricWriteThrottleEvents(index);
    });
    return new cloudwatch.MathExpression({
      expression: `SUM([${Object.keys(metrics).map(id => `FILL(${id}, 0)`).join(', ')}])`,
      usingMetrics: metrics,
      period: period ?? Duration.minutes(1),
      label: 'Throttle events (table and indexes)',
    });
  }

  /**
   * Throttle events of one cause, reads and writes, of the table and every monitored index.
   */
  public metricThrottleEventsForCause(cause: ThrottleCause, period?: Duration): cloudwatch.IMetric {
    const metrics: { [id: string]: cloudwatch.IMetric } = {};
    const prefix = cause[0].toLowerCase() + cause.slice(1);
    [undefined, ...this.indexNames].forEach((index, i) => {
      metrics[`${prefix}Read${i}`] = this.metrics.metricThrottleEventsForCause(ThroughputKind.READ, cause, index);
      metrics[`${prefix}Write${i}`] = this.metrics.metricThrottleEventsForCause(ThroughputKind.WRITE, cause, index);
    });
    return new cloudwatch.MathExpression({
      expression: `SUM([${Object.keys(metrics).map(id => `FILL(${id}, 0)`).join(', ')}])`,
      usingMetrics: metrics,
      period: period ?? Duration.minutes(1),
      label: `${cause} throttle events`,
    });
  }

  /**
   * System errors of the given operations (default: the ten item operations), summed.
   */
  public metricSystemErrors(operations?: Operation[], period?: Duration): cloudwatch.IMetric {
    const metrics: { [id: string]: cloudwatch.IMetric } = {};
    (operations ?? DEFAULT_SYSTEM_ERROR_OPERATIONS).forEach((op, i) => { metrics[`systemErrors${i}`] = this.metrics.metricSystemErrors(op); });
    return new cloudwatch.MathExpression({
      expression: `SUM([${Object.keys(metrics).map(id => `FILL(${id}, 0)`).join(', ')}])`,
      usingMetrics: metrics,
      period: period ?? Duration.minutes(1),
      label: 'System errors',
    });
  }

  /** `SuccessfulRequestLatency` of one operation (default p99). */
  public metricLatency(operation: Operation, statistic?: string): cloudwatch.IMetric {
    return this.metrics.metricSuccessfulRequestLatency(operation, statistic);
  }

  /** `ReplicationLatency` (Average, ms) from this region to `receivingRegion`. */
  public metricReplicationLatency(receivingRegion: string): cloudwatch.IMetric {
    return this.metrics.metricReplicationLatency(receivingRegion);
  }

  /** `PendingReplicationCount` to `receivingRegion` (legacy 2017.11.29 global tables only). */
  public metricPendingReplicationCount(receivingRegion: string): cloudwatch.IMetric {
    return this.metrics.metricPendingReplicationCount(receivingRegion);
  }

  /**
   * Read capacity utilization in percent of the table or one index: consumed / provisioned, or
   * consumed / `maxReadRequestUnits` on an on-demand table with a maximum.
   */
  public metricReadCapacityUtilization(indexName?: string, period?: Duration): cloudwatch.IMetric {
    return utilizationExpression(this.utilizationSignal(ThroughputKind.READ, indexName)!, period ?? Duration.minutes(1), `Read capacity utilization ${indexName ?? 'table'} (%)`);
  }

  /** Write capacity utilization in percent, as `metricReadCapacityUtilization`. */
  public metricWriteCapacityUtilization(indexName?: string, period?: Duration): cloudwatch.IMetric {
    return utilizationExpression(this.utilizationSignal(ThroughputKind.WRITE, indexName)!, period ?? Duration.minutes(1), `Write capacity utilization ${indexName ?? 'table'} (%)`);
  }

  private createThrottleAlarms(idSuffix: string, indexes: Array<string | undefined>, includeTable: boolean): void {
    const targets = includeTable ? [undefined, ...indexes] : indexes;
    const describe = includeTable ? `the table ${this.table.tableName} and ${indexes.length} index(es)` : `the index ${indexes.join(', ')} of ${this.table.tableName}`;
    const suffix = idSuffix ? `Index${sanitize(idSuffix)}` : '';
    for (const kind of [ThroughputKind.READ, ThroughputKind.WRITE]) {
      const key: AlarmKey = kind === ThroughputKind.READ ? 'readThrottles' : 'writeThrottles';
      const tuning = this.resolve(key, this.props[key], true);
      if (!tuning) continue;
      const signals = targets.map(index => ({
        metrics: { t: kind === ThroughputKind.READ ? this.metrics.metricReadThrottleEvents(index) : this.metrics.metricWriteThrottleEvents(index) },
      }));
      this.alarmsOn(`${kind}Throttles${suffix}`, combine(signals, { fn: 'SUM', period: tuning.period, label: `${kind} throttle events` }), tuning,
        `${kind} requests to ${describe} are being throttled. See the dashboard's throttles by cause, and Contributor Insights for hot keys.`);
    }
    const hot = this.resolve('keyRangeThrottles', this.props.keyRangeThrottles, false);
    if (hot) {
      const signals: Signal[] = targets.flatMap(index => [ThroughputKind.READ, ThroughputKind.WRITE].map(kind => ({
        metrics: { t: this.metrics.metricThrottleEventsForCause(kind, ThrottleCause.KEY_RANGE_THROUGHPUT, index) },
      })));
      this.alarmsOn(`KeyRangeThrottles${suffix}`, combine(signals, { fn: 'SUM', period: hot.period, label: 'Key-range (hot partition) throttle events' }), hot,
        `Hot partitions: requests to ${describe} exceed a single partition's throughput. More capacity will not help; spread the key.`);
    }
  }

  private createSystemErrorsAlarms(): void {
    const tuning = this.resolve('systemErrors', this.props.systemErrors, true);
    if (!tuning) return;
    const operations = this.props.systemErrors?.operations ?? DEFAULT_SYSTEM_ERROR_OPERATIONS;
    const signals = operations.map(op => ({ metrics: { s: this.metrics.metricSystemErrors(op) } }));
    this.alarmsOn('SystemErrors', combine(signals, { fn: 'SUM', period: tuning.period, label: 'System errors' }), tuning,
      `DynamoDB returned HTTP 500 errors for ${this.table.tableName} (${operations.join(', ')}).`);
  }

  private createLatencyAlarms(): void {
    const tuning = this.resolve('latency', this.props.latency, true);
    if (!tuning) return;
    const thresholds = this.props.latency?.operations ?? DEFAULT_LATENCY_THRESHOLDS;
    const statistic = this.props.latency?.statistic ?? cloudwatch.Stats.p(99);
    const signals = thresholds.map(({ operation, threshold }) => ({
      metrics: { l: this.metrics.metricSuccessfulRequestLatency(operation, statistic) },
      expression: `l / ${threshold.toMilliseconds()}`,
    }));
    const described = thresholds.map(t => `${t.operation} ${t.threshold.toMilliseconds()} ms`).join(', ');
    this.alarmsOn('Latency', combine(signals, { fn: 'MAX', period: tuning.period, label: `${statistic} latency / threshold` }), tuning,
      `${statistic} SuccessfulRequestLatency of ${this.table.tableName} is above its threshold for at least one operation (${described}). The value is latency divided by threshold.`);
  }

  private createCapacityAlarms(): void {
    this.createCapacityAlarmsFor('', [undefined, ...this.indexNames], true);
  }

  private createCapacityAlarmsFor(idSuffix: string, targets: Array<string | undefined>, includesTable: boolean): void {
    const suffix = idSuffix ? `Index${sanitize(idSuffix)}` : '';
    for (const kind of [ThroughputKind.READ, ThroughputKind.WRITE]) {
      const key: AlarmKey = kind === ThroughputKind.READ ? 'readCapacityUtilization' : 'writeCapacityUtilization';
      const tuning = this.resolve(key, this.props[key], true);
      if (!tuning) continue;
      const signals = targets.map(index => this.utilizationSignal(kind, index)).filter((s): s is Signal => s !== undefined);
      if (signals.length === 0) continue;
      const cap = this.isProvisioned ? 'provisioned capacity' : `the on-demand maximum (max${kind}RequestUnits)`;
      this.alarmsOn(`${kind}CapacityUtilization${suffix}`, combine(signals, { fn: 'MAX', period: tuning.period, label: `${kind} capacity utilization (%)` }), tuning,
        `${kind} consumption of ${includesTable ? `${this.table.tableName} or one of its indexes` : `index ${idSuffix} of ${this.table.tableName}`} is near ${cap}; requests will throttle. Raise the maximum or find the traffic.`);
    }
  }

  private utilizationSignal(kind: ThroughputKind, index: string | undefined): Signal | undefined {
    const read = kind === ThroughputKind.READ;
    const consumed = read ? this.metrics.metricConsumedReadCapacityUnits(index) : this.metrics.metricConsumedWriteCapacityUnits(index);
    if (this.isProvisioned) {
      const provisioned = read ? this.metrics.metricProvisionedReadCapacityUnits(index) : this.metrics.metricProvisionedWriteCapacityUnits(index);
      return { metrics: { c: consumed, p: provisioned }, expression: '100 * c / PERIOD(c) / p' };
    }
    const max = kind === ThroughputKind.READ ? this.props.maxReadRequestUnits : this.props.maxWriteRequestUnits;
    if (max === undefined || index !== undefined) return undefined;
    return { metrics: { c: consumed }, expression: `100 * c / PERIOD(c) / ${max}` };
  }

  private get isProvisioned(): boolean {
    return this.props.billingMode === BillingMode.PROVISIONED;
  }

  private createReplicaAlarms(region: string): void {
    const id = sanitize(region);
    const latency = this.resolve('replicationLatency', this.props.replicationLatency, true);
    if (latency) {
      this.alarmOn(`ReplicationLatency${id}`, this.metrics.metricReplicationLatency(region).with({ period: latency.period }), latency,
        `Replication of ${this.table.tableName} to ${region} lags (average ReplicationLatency in ms). Reads there are stale; check throttling in ${region}.`);
    }
    const pending = this.resolve('pendingReplication', this.props.pendingReplication, false);
    if (pending) {
      this.alarmOn(`PendingReplication${id}`, this.metrics.metricPendingReplicationCount(region).with({ period: pending.period }), pending,
        `Item updates of ${this.table.tableName} not yet replicated to ${region} (legacy global tables only).`);
    }
  }

  private createOptionalTableAlarms(): void {
    const optional: Array<{ key: AlarmKey; id: string; metric: cloudwatch.Metric; description: string }> = [
      { key: 'userErrors', id: 'UserErrors', metric: this.metrics.metricUserErrors(), description: 'DynamoDB UserErrors (HTTP 400) of the whole account and region, not only this table.' },
      { key: 'conditionalCheckFailures', id: 'ConditionalCheckFailures', metric: this.metrics.metricConditionalCheckFailedRequests(), description: `Conditional checks on ${this.table.tableName} fail often: concurrent writers or duplicate requests.` },
      { key: 'transactionConflicts', id: 'TransactionConflicts', metric: this.metrics.metricTransactionConflict(), description: `Transactions on ${this.table.tableName} conflict with each other often.` },
      { key: 'timeToLiveDeletionsStopped', id: 'TimeToLiveDeletionsStopped', metric: this.metrics.metricTimeToLiveDeletedItemCount(), description: `TTL has deleted no items of ${this.table.tableName} for the whole window: TTL may be off or the attribute unset.` },
    ];
    for (const { key, id, metric, description } of optional) {
      const tuning = this.resolve(key, (this.props as any)[key], false);
      if (tuning) this.alarmOn(id, metric.with({ period: tuning.period }), tuning, description);
    }
  }

  private resolve(key: AlarmKey, options: ThresholdAlarmOptions | AlarmTuning | undefined, onByDefault: boolean): AlarmDefaults | undefined {
    const enabled = options?.enabled ?? (onByDefault || options !== undefined);
    if (!enabled) return undefined;
    const defaults: AlarmDefaults = ALARM_DEFAULTS[key];
    const evaluationPeriods = options?.evaluationPeriods ?? defaults.evaluationPeriods;
    return {
      threshold: (options as ThresholdAlarmOptions | undefined)?.threshold ?? defaults.threshold,
      period: options?.period ?? defaults.period,
      evaluationPeriods,
      datapointsToAlarm: options?.datapointsToAlarm ?? Math.min(defaults.datapointsToAlarm, evaluationPeriods),
      treatMissingData: options?.treatMissingData ?? defaults.treatMissingData,
      comparisonOperator: defaults.comparisonOperator,
    };
  }

  private alarmsOn(id: string, metrics: cloudwatch.IMetric[], tuning: AlarmDefaults, description: string): void {
    metrics.forEach((metric, i) => this.alarmOn(i === 0 ? id : `${id}Part${i + 1}`, metric, tuning, description));
  }

  private alarmOn(id: string, metric: cloudwatch.IMetric, tuning: AlarmDefaults, description: string): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: tuning.threshold,
      evaluationPeriods: tuning.evaluationPeriods,
      datapointsToAlarm: tuning.datapointsToAlarm,
      treatMissingData: tuning.treatMissingData,
      comparisonOperator: tuning.comparisonOperator,
      alarmDescription: description,
    });
    this.applyActions(alarm);
    this.alarmList.push(alarm);
  }

  private applyActions(alarm: cloudwatch.AlarmBase): void {
    alarm.addAlarmAction(this.alarmAction);
    if (this.notifyOnOk) alarm.addOkAction(this.alarmAction);
  }
}

/** An "any of" rule over alarms that may still be added after the composite alarm is created. */
class LazyAnyOfRule implements cloudwatch.IAlarmRule {
  constructor(private readonly alarms: () => cloudwatch.IAlarm[]) {}
  public renderAlarmRule(): string {
    return Lazy.string({ produce: () => cloudwatch.AlarmRule.anyOf(...this.alarms()).renderAlarmRule() });
  }
}

function utilizationExpression(signal: Signal, period: Duration, label: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({ expression: signal.expression!, usingMetrics: signal.metrics, period, label });
}

/** Letters and digits only, for construct ids. */
function sanitize(value: string): string {
  if (Token.isUnresolved(value)) return 'Token';
  return value.split(/[^A-Za-z0-9]+/).filter(Boolean).map(part => part[0].toUpperCase() + part.slice(1)).join('');
}
