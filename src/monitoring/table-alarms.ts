import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BillingMode } from 'aws-cdk-lib/aws-dynamodb';
import { AlarmBuilder, AlarmOverrides } from './alarm-builder';
import { ALARM_DEFAULTS, DEFAULT_LATENCY_THRESHOLDS } from './alarm-defaults';
import { countMetricsInsightsAlarm } from './metrics-insights-quota';
import { TableMetricFactory, ThroughputKind } from './table-metric-factory';
import { TableMonitoringOptions } from './table-monitoring-props';
import type { TableShape } from './table-shape';

const KINDS = [ThroughputKind.READ, ThroughputKind.WRITE];

/**
 * Which alarms a table gets and what each says: the table's defaults entries, the user's
 * overrides and the derived metrics, handed to the alarm builder. Alarms for an index or a
 * replica region added later are created by `forIndex` and `forRegion`.
 */
export class TableAlarms {
  /** The construct-id suffix given to each index name and region, unique within the table's alarms. */
  private readonly suffixes = new Map<string, string>();

  constructor(
    private readonly builder: AlarmBuilder,
    private readonly metrics: TableMetricFactory,
    private readonly shape: TableShape,
    private readonly options: TableMonitoringOptions,
  ) {}

  /**
   * Letters and digits of an index name or region, for construct ids; a second name that reads the
   * same (`by-date` and `by_date`, or two tokens) gets a number, instead of a clash in the tree.
   */
  private suffixOf(value: string): string {
    const known = this.suffixes.get(value);
    if (known) return known;
    const base = sanitize(value);
    const used = new Set(this.suffixes.values());
    let suffix = base;
    for (let n = 2; used.has(suffix); n++) suffix = `${base}${n}`;
    this.suffixes.set(value, suffix);
    return suffix;
  }

  /** The alarms of the table as it is now, in the order their ids have always had. */
  public createAll(): void {
    this.throttles('', this.shape.indexNames, true);
    this.systemErrors();
    this.latency();
    this.capacity('', [undefined, ...this.shape.indexNames], true);
    for (const region of this.shape.regions) this.forRegion(region);
    this.optional();
  }

  /** The throttle (and, on provisioned tables, capacity) alarms of an index added later. */
  public forIndex(indexName: string): void {
    this.throttles(indexName, [indexName], false);
    this.capacity(indexName, [indexName], false);
  }

  /** The replication alarms of one replica region. */
  public forRegion(region: string): void {
    const id = this.suffixOf(region);
    const tableName = this.shape.tableName;
    this.builder.create(`ReplicationLatency${id}`, {
      defaults: ALARM_DEFAULTS.replicationLatency,
      overrides: this.options.replicationLatency,
      metric: period => this.metrics.metricReplicationLatency(region).with({ period }),
      description: `Replication of ${tableName} to ${region} lags (average ReplicationLatency in ms). Reads there are stale; check throttling in ${region}.`,
    });
    this.builder.create(`PendingReplication${id}`, {
      defaults: ALARM_DEFAULTS.pendingReplication,
      overrides: this.options.pendingReplication,
      onByDefault: false,
      metric: period => this.metrics.metricPendingReplicationCount(region).with({ period }),
      description: `Item updates of ${tableName} not yet replicated to ${region} (legacy global tables only).`,
    });
  }

  /**
   * One alarm on read and write throttles summed, while both are tuned alike (the default): one
   * alarm of up to 10 metrics watches the same events as two, at half the template. Tuned apart
   * (a different threshold, one of them off), each gets its own alarm.
   */
  private throttles(idSuffix: string, indexes: string[], includeTable: boolean): void {
    const tableName = this.shape.tableName;
    const targets = includeTable ? [undefined, ...indexes] : indexes;
    const describe = includeTable ? `the table ${tableName} and ${indexes.length} index(es)` : `the index ${indexes.join(', ')} of ${tableName}`;
    const suffix = idSuffix ? `Index${this.suffixOf(idSuffix)}` : '';
    const read = this.options.readThrottles;
    const write = this.options.writeThrottles;
    const groups: Array<{ id: string; kinds: ThroughputKind[]; overrides?: AlarmOverrides }> = sameTuning(read, write)
      ? [{ id: `Throttles${suffix}`, kinds: KINDS, overrides: read ?? write }]
      : [
        { id: `ReadThrottles${suffix}`, kinds: [ThroughputKind.READ], overrides: read },
        { id: `WriteThrottles${suffix}`, kinds: [ThroughputKind.WRITE], overrides: write },
      ];
    for (const group of groups) {
      const what = group.kinds.length === KINDS.length ? 'Read and write' : group.kinds[0];
      this.builder.create(group.id, {
        defaults: ALARM_DEFAULTS.throttles,
        overrides: group.overrides,
        metric: period => this.metrics._throttleAlarmMetrics(group.kinds, targets, period),
        description: `${what} requests to ${describe} are being throttled. See the dashboard's throttles by cause, and Contributor Insights for hot keys.`,
      });
    }
    this.builder.create(`KeyRangeThrottles${suffix}`, {
      defaults: ALARM_DEFAULTS.keyRangeThrottles,
      overrides: this.options.keyRangeThrottles,
      onByDefault: false,
      metric: period => this.metrics._keyRangeThrottleAlarmMetrics(targets, period),
      description: `Hot partitions: requests to ${describe} exceed a single partition's throughput. More capacity will not help; spread the key.`,
    });
  }

  /**
   * Every operation by one Metrics Insights query (one entry, where metric math would need one
   * metric per operation), unless the user names the operations: then metric math over those.
   */
  private systemErrors(): void {
    const operations = this.options.systemErrors?.operations;
    const [alarm] = this.builder.create('SystemErrors', {
      defaults: ALARM_DEFAULTS.systemErrors,
      overrides: this.options.systemErrors,
      metric: period => operations
        ? this.metrics._systemErrorsAlarmMetrics(operations, period)
        : this.metrics._metricSystemErrorsOfAllOperations(period),
      description: `DynamoDB returned HTTP 500 errors for ${this.shape.tableName} (${operations ? operations.join(', ') : 'any operation'}).`,
    });
    if (alarm && !operations) countMetricsInsightsAlarm(alarm);
  }

  private latency(): void {
    const thresholds = this.options.latency?.operations ?? DEFAULT_LATENCY_THRESHOLDS;
    const statistic = this.options.latency?.statistic ?? cloudwatch.Stats.p(99);
    const described = thresholds.map(t => `${t.operation} ${t.threshold.toMilliseconds()} ms`).join(', ');
    this.builder.create('Latency', {
      defaults: ALARM_DEFAULTS.latency,
      overrides: this.options.latency,
      metric: period => this.metrics._latencyRatioAlarmMetrics(thresholds, statistic, period),
      description: `${statistic} SuccessfulRequestLatency of ${this.shape.tableName} is above its threshold for at least one operation (${described}). The value is latency divided by threshold.`,
    });
  }

  private capacity(idSuffix: string, targets: Array<string | undefined>, includesTable: boolean): void {
    const tableName = this.shape.tableName;
    const suffix = idSuffix ? `Index${this.suffixOf(idSuffix)}` : '';
    for (const kind of KINDS) {
      const read = kind === ThroughputKind.READ;
      const cap = this.shape.billingMode === BillingMode.PROVISIONED ? 'provisioned capacity' : `the on-demand maximum (max${kind}RequestUnits)`;
      this.builder.create(`${kind}CapacityUtilization${suffix}`, {
        defaults: read ? ALARM_DEFAULTS.readCapacityUtilization : ALARM_DEFAULTS.writeCapacityUtilization,
        overrides: read ? this.options.readCapacityUtilization : this.options.writeCapacityUtilization,
        metric: period => this.metrics._capacityUtilizationAlarmMetrics(kind, targets, this.shape, period),
        description: `${kind} consumption of ${includesTable ? `${tableName} or one of its indexes` : `index ${idSuffix} of ${tableName}`} is near ${cap}; requests will throttle. Raise the maximum or find the traffic.`,
      });
    }
  }

  private optional(): void {
    const tableName = this.shape.tableName;
    const options = this.options;
    this.optionalAlarm('UserErrors', 'userErrors', options.userErrors, this.metrics.metricUserErrors(),
      'DynamoDB UserErrors (HTTP 400) of the whole account and region, not only this table.');
    this.optionalAlarm('ConditionalCheckFailures', 'conditionalCheckFailures', options.conditionalCheckFailures, this.metrics.metricConditionalCheckFailedRequests(),
      `Conditional checks on ${tableName} fail often: concurrent writers or duplicate requests.`);
    this.optionalAlarm('TransactionConflicts', 'transactionConflicts', options.transactionConflicts, this.metrics.metricTransactionConflict(),
      `Transactions on ${tableName} conflict with each other often.`);
    this.optionalAlarm('TimeToLiveDeletionsStopped', 'timeToLiveDeletionsStopped', options.timeToLiveDeletionsStopped, this.metrics.metricTimeToLiveDeletedItemCount(),
      `TTL has deleted no items of ${tableName} for the whole window: TTL may be off or the attribute unset.`);
  }

  private optionalAlarm(id: string, key: keyof typeof ALARM_DEFAULTS, overrides: AlarmOverrides | undefined, metric: cloudwatch.Metric,
    description: string): void {
    this.builder.create(id, { defaults: ALARM_DEFAULTS[key], overrides, onByDefault: false, metric: period => metric.with({ period }), description });
  }
}

/** Whether read and write throttles are tuned alike: both left out, or the same fields given. */
function sameTuning(read: AlarmOverrides | undefined, write: AlarmOverrides | undefined): boolean {
  if (read === undefined || write === undefined) return read === write;
  const fields: Array<keyof AlarmOverrides> = ['enabled', 'threshold', 'period', 'evaluationPeriods', 'datapointsToAlarm', 'treatMissingData'];
  return fields.every(field => {
    const a = read[field];
    const b = write[field];
    return a === b || (a instanceof Duration && b instanceof Duration && !a.isUnresolved() && !b.isUnresolved() && a.toSeconds() === b.toSeconds());
  });
}

/** Letters and digits only, for construct ids. */
function sanitize(value: string): string {
  if (Token.isUnresolved(value)) return 'Token';
  return value.split(/[^A-Za-z0-9]+/).filter(Boolean).map(part => part[0].toUpperCase() + part.slice(1)).join('');
}
