import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BillingMode, Operation } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { TableMetricFactory, ThrottleCause, ThroughputKind } from './table-metric-factory';
import type { TableShape } from './table-shape';

/** A stream consumer whose lag the dashboard shows. */
export interface ConsumerLag {
  readonly fn: lambda.IFunction;
  readonly label: string;
}

/**
 * What the dashboard shows, as inputs: the table's metrics, its shape and its alarms. Lists that
 * grow after the dashboard is built (indexes, regions, consumers, alarms) are read at synthesis.
 */
export interface DashboardInputs {
  readonly metrics: TableMetricFactory;
  readonly shape: TableShape;
  /** The region the table's metrics are in (Contributor Insights widgets name it). */
  readonly region: string;
  readonly alarms: () => cloudwatch.IAlarm[];
  readonly consumers: readonly ConsumerLag[];
  readonly latencyOperations: Operation[];
  readonly contributorInsightsRuleNames?: string[];
}

const WIDTH = 12;
const HEIGHT = 6;

/**
 * Fills the table's dashboard. Widgets that depend on indexes, replicas and consumers added later
 * are rendered at synthesis, so `addGlobalSecondaryIndex`, `addReplicaRegion` and
 * `addConsumerLag` show up without rebuilding the dashboard.
 */
export function buildDashboard(dashboard: cloudwatch.Dashboard, inputs: DashboardInputs): void {
  const { metrics, shape } = inputs;
  const tableName = shape.tableName;
  const minute = Duration.minutes(1);

  dashboard.addWidgets(
    new cloudwatch.TextWidget({ markdown: `# DynamoDB table ${tableName}`, width: 24, height: 1 }),
  );
  dashboard.addWidgets(
    new LazyWidget(WIDTH, HEIGHT, () => new cloudwatch.AlarmStatusWidget({
      title: 'Alarms', alarms: inputs.alarms(), width: WIDTH, height: HEIGHT,
    })),
    new cloudwatch.GraphWidget({
      title: 'Capacity (units per second)',
      width: WIDTH,
      height: HEIGHT,
      left: [
        metrics._metricConsumedCapacityPerSecond(ThroughputKind.READ, minute, 'Consumed read'),
        metrics._metricConsumedCapacityPerSecond(ThroughputKind.WRITE, minute, 'Consumed write'),
        ...(shape.billingMode === BillingMode.PROVISIONED ? [
          metrics.metricProvisionedReadCapacityUnits().with({ label: 'Provisioned read', period: Duration.minutes(1) }),
          metrics.metricProvisionedWriteCapacityUnits().with({ label: 'Provisioned write', period: Duration.minutes(1) }),
        ] : []),
      ],
    }),
  );
  dashboard.addWidgets(
    new LazyWidget(WIDTH, HEIGHT, () => new cloudwatch.GraphWidget({
      title: 'Throttle events by cause (table and indexes)',
      width: WIDTH,
      height: HEIGHT,
      left: [
        metrics._metricThrottleEvents(shape.indexNames, minute),
        ...causesFor(shape.billingMode).map(cause => metrics._metricThrottleEventsForCause(cause, shape.indexNames, minute)),
      ],
    })),
    new cloudwatch.GraphWidget({
      title: 'Latency p99 (ms)',
      width: WIDTH,
      height: HEIGHT,
      left: inputs.latencyOperations.map(operation => metrics.metricSuccessfulRequestLatency(operation)
        .with({ label: operation, period: Duration.minutes(1) })),
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Errors',
      width: WIDTH,
      height: HEIGHT,
      left: [
        metrics._metricSystemErrorsOfAllOperations(minute),
        metrics.metricConditionalCheckFailedRequests().with({ label: 'Conditional check failed', period: Duration.minutes(1) }),
        metrics.metricTransactionConflict().with({ label: 'Transaction conflicts', period: Duration.minutes(1) }),
      ],
      right: [metrics.metricUserErrors().with({ label: 'User errors (whole account and region)', period: Duration.minutes(1) })],
    }),
    new LazyWidget(WIDTH, HEIGHT, () => shape.regions.length === 0
      ? text('Replication latency', 'Not a global table: no replica regions are monitored.')
      : new cloudwatch.GraphWidget({
        title: 'Replication latency (ms)',
        width: WIDTH,
        height: HEIGHT,
        left: shape.regions.map(region => metrics.metricReplicationLatency(region).with({ label: `to ${region}`, period: Duration.minutes(1) })),
      })),
  );
  dashboard.addWidgets(
    new LazyWidget(WIDTH, HEIGHT, () => inputs.consumers.length === 0
      ? text('Stream consumer lag', 'No stream consumers registered (`addConsumerLag`).')
      : new cloudwatch.GraphWidget({
        title: 'Stream consumer lag (IteratorAge, ms)',
        width: WIDTH,
        height: HEIGHT,
        left: inputs.consumers.map(c => c.fn.metric('IteratorAge', { statistic: cloudwatch.Stats.MAXIMUM, label: c.label, period: Duration.minutes(1) })),
      })),
    ...contributorInsightsWidgets(tableName, inputs.contributorInsightsRuleNames, inputs.region),
  );
}

/** The throttle causes that can happen under a billing mode. */
function causesFor(billingMode: BillingMode): ThrottleCause[] {
  return billingMode === BillingMode.PROVISIONED
    ? [ThrottleCause.PROVISIONED_THROUGHPUT, ThrottleCause.KEY_RANGE_THROUGHPUT]
    : [ThrottleCause.KEY_RANGE_THROUGHPUT, ThrottleCause.MAX_ON_DEMAND_THROUGHPUT, ThrottleCause.ACCOUNT_LIMIT];
}

function contributorInsightsWidgets(tableName: string, ruleNames: string[] | undefined, region: string): cloudwatch.IWidget[] {
  if (!ruleNames || ruleNames.length === 0) {
    return [text('Contributor Insights top keys',
      `DynamoDB names its Contributor Insights rules \`DynamoDBContributorInsights-<PKC|PKT|SKC|SKT>-${tableName}-<creation time>\`; `
      + 'open the table\'s Monitor tab in the DynamoDB console, or pass `contributorInsightsRuleNames` to show them here.')];
  }
  return ruleNames.map(ruleName => new ContributorInsightsWidget(ruleName, region));
}

function text(title: string, body: string): cloudwatch.TextWidget {
  return new cloudwatch.TextWidget({ markdown: `### ${title}\n\n${body}`, width: WIDTH, height: HEIGHT });
}

/** A widget whose content is decided at synthesis. */
class LazyWidget extends cloudwatch.ConcreteWidget {
  constructor(width: number, height: number, private readonly render: () => cloudwatch.IWidget) {
    super(width, height);
  }

  public toJson(): any[] {
    const widget = this.render();
    widget.position(this.x ?? 0, this.y ?? 0);
    return widget.toJson();
  }
}

/** The top contributors of a Contributor Insights rule. */
class ContributorInsightsWidget extends cloudwatch.ConcreteWidget {
  constructor(private readonly ruleName: string, private readonly region: string) {
    super(WIDTH, HEIGHT);
  }

  public toJson(): any[] {
    return [{
      type: 'metric',
      width: this.width,
      height: this.height,
      x: this.x,
      y: this.y,
      properties: {
        title: `Top keys: ${this.ruleName}`,
        region: this.region,
        view: 'timeSeries',
        stacked: false,
        period: 60,
        insightRule: { maxContributorCount: 10, orderBy: 'Sum', ruleName: this.ruleName },
        legend: { position: 'bottom' },
      },
    }];
  }

}
