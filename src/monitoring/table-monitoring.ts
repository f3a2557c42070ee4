import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BillingMode, ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { resolveAlarmAction } from './alarm-action';
import { AlarmBuilder } from './alarm-builder';
import { DEFAULT_LATENCY_THRESHOLDS } from './alarm-defaults';
import { buildDashboard, ConsumerLag } from './dashboard';
import { noteWhenUnsubscribed } from './subscriber-notice';
import { TableAlarms } from './table-alarms';
import { TableMetricFactory, ThrottleCause, ThroughputKind } from './table-metric-factory';
import { TableMonitoringProps } from './table-monitoring-props';
import { TableShape } from './table-shape';
import { validateIndexName, validateIndexesAtSynth, validateRegion, validateTableMonitoringProps } from './validation';
import { watchStackLimits } from '../shared/stack-limits';

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
 *
 * @example
 * import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
 * import { AlarmTopic, TableMonitoring } from 'cdk-dynamodb-kit';
 *
 * new TableMonitoring(this, 'LegacyMonitoring', {
 *   table: TableV2.fromTableName(this, 'Legacy', 'legacy-orders'),
 *   globalSecondaryIndexNames: ['byCustomer'],
 *   healthAlarm: true,
 * });
 * // Nobody is notified until someone subscribes to the stack's alarm topic:
 * AlarmTopic.of(this).topic.addSubscription(new sns_subscriptions.EmailSubscription('oncall@example.com'));
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

  private readonly shape: TableShape;
  private readonly builder: AlarmBuilder;
  private readonly tableAlarms: TableAlarms;
  private readonly consumers: ConsumerLag[] = [];

  constructor(scope: Construct, id: string, props: TableMonitoringProps) {
    super(scope, id);
    validateTableMonitoringProps(this.node.path, props);
    watchStackLimits(this);
    this.table = props.table;
    this.metrics = new TableMetricFactory(props.table);
    this.shape = {
      tableName: props.table.tableName,
      indexNames: [...(props.globalSecondaryIndexNames ?? [])],
      regions: [...(props.replicaRegions ?? [])],
      billingMode: props.billingMode ?? BillingMode.PAY_PER_REQUEST,
      maxReadRequestUnits: props.maxReadRequestUnits,
      maxWriteRequestUnits: props.maxWriteRequestUnits,
    };
    validateIndexesAtSynth(this, props.table, () => this.shape.indexNames);
    const resolved = resolveAlarmAction(this, props);
    this.alarmAction = resolved.action;
    this.alarmTopic = resolved.topic;
    if (resolved.stackTopic) {
      // Judged at synthesis: a subscription added after this constructor is seen. `table.monitoring`
      // exists on a ProductionTable only; any other table's user reaches the topic through the stack.
      noteWhenUnsubscribed(this, resolved.stackTopic.topic, () => (props.table as any).monitoring === this);
    }

    this.builder = new AlarmBuilder(this, { action: () => resolved.action, notifyOnOk: props.notifyOnOk ?? true });
    this.tableAlarms = new TableAlarms(this.builder, this.metrics, this.shape, props);
    this.tableAlarms.createAll();

    if (props.healthAlarm) {
      this.healthAlarm = this.builder.createAnyOf('TableHealth', `Any alarm of the DynamoDB table ${this.table.tableName} is in ALARM.`);
    }
    if (props.dashboard) {
      this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
        dashboardName: props.dashboardName,
      });
      buildDashboard(this.dashboard, {
        metrics: this.metrics,
        shape: this.shape,
        region: Stack.of(this).region,
        alarms: () => this.alarms,
        consumers: this.consumers,
        latencyOperations: (props.latency?.operations ?? DEFAULT_LATENCY_THRESHOLDS).map(t => t.operation),
        contributorInsightsRuleNames: props.contributorInsightsRuleNames,
      });
    }
  }

  /** Every alarm this monitoring created (not the composite health alarm). */
  public get alarms(): cloudwatch.IAlarm[] {
    return [...this.builder.alarms];
  }

  /**
   * Monitors a global secondary index added after this monitoring was created: its read and write
   * throttles get their own alarms (and its capacity, on provisioned tables).
   */
  public addGlobalSecondaryIndex(indexName: string): void {
    validateIndexName(this.node.path, 'addGlobalSecondaryIndex', indexName, this.shape.indexNames);
    this.shape.indexNames.push(indexName);
    this.tableAlarms.forIndex(indexName);
  }

  /**
   * Watches replication to a replica region added after this monitoring was created.
   */
  public addReplicaRegion(region: string): void {
    validateRegion(this.node.path, 'addReplicaRegion', region, this.shape.regions);
    this.shape.regions.push(region);
    this.tableAlarms.forRegion(region);
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
    return this.metrics._metricThrottleEvents(this.shape.indexNames, period ?? Duration.minutes(1));
  }

  /**
   * Throttle events of one cause, reads and writes, of the table and every monitored index.
   */
  public metricThrottleEventsForCause(cause: ThrottleCause, period?: Duration): cloudwatch.IMetric {
    return this.metrics._metricThrottleEventsForCause(cause, this.shape.indexNames, period ?? Duration.minutes(1));
  }

  /**
   * System errors of the given operations, summed; without operations, of every operation, by one
   * CloudWatch Metrics Insights query (what the default alarm watches).
   */
  public metricSystemErrors(operations?: Operation[], period?: Duration): cloudwatch.IMetric {
    const at = period ?? Duration.minutes(1);
    return operations ? this.metrics._metricSystemErrors(operations, at) : this.metrics._metricSystemErrorsOfAllOperations(at);
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
    return this.metrics._metricCapacityUtilization(this.metrics._capacityUtilizationSignal(ThroughputKind.READ, indexName, this.shape)!,
      period ?? Duration.minutes(1), `Read capacity utilization ${indexName ?? 'table'} (%)`);
  }

  /** Write capacity utilization in percent, as `metricReadCapacityUtilization`. */
  public metricWriteCapacityUtilization(indexName?: string, period?: Duration): cloudwatch.IMetric {
    return this.metrics._metricCapacityUtilization(this.metrics._capacityUtilizationSignal(ThroughputKind.WRITE, indexName, this.shape)!,
      period ?? Duration.minutes(1), `Write capacity utilization ${indexName ?? 'table'} (%)`);
  }
}
