import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BillingMode, Operation } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ThrottleCause } from './table-metric-factory';
import type { TableMonitoring } from './table-monitoring';

/** A stream consumer whose lag the dashboard shows. */
export interface ConsumerLag {
  readonly fn: lambda.IFunction;
  readonly label: string;
}

export interface DashboardSources {
  readonly monitoring: TableMonitoring;
  readonly indexNames: () => string[];
  readonly regions: () => string[];
  readonly consumers: () => ConsumerLag[];
  readonly billingMode: BillingMode;
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
export function buildDashboard(dashboard: cloudwatch.Dashboard, sources: DashboardSources): void {
  const { monitoring } = sources;
  const metrics = monitoring.metrics;
  const tableName = monitoring.table.tableName;
  const perSecond = (id: string, metric: cloudwatch.IMetric, label: string) => new cloudwatch.MathExpression({
    expression: `${id} / PERIOD(${id})`, usingMetrics: { [id]: metric }, period: Duration.minutes(1), label,
  });

  dashboard.addWidgets(
    new cloudwatch.TextWidget({ markdown: `# DynamoDB table ${tableName}`, width: 24, height: 1 }),
  );
  dashboard.addWidgets(
    new LazyWidget(WIDTH, HEIGHT, () => new cloudwatch.AlarmStatusWidget({
      title: 'Alarms', alarms: monitoring.alarms, width: WIDTH, height: HEIGHT,
    })),
    new cloudwatch.GraphWidget({
      title: 'Capacity (units per second)',
      width: WIDTH,
      height: HEIGHT,
      left: [
        perSecond('consumedRead', metrics.metricConsumedReadCapacityUnits(), 'Consumed read'),
        perSecond('consumedWrite', metrics.metricConsumedWriteCapacityUnits(), 'Consumed write'),
        ...(sources.billingMode === BillingMode.PROVISIONED ? [
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
        monitoring.metricThrottleEvents(),
        ...causesFor(sources.billingMode).map(cause => monitoring.metricThrottleEventsForCause(cause)),
      ],
    })),
    new cloudwatch.GraphWidget({
      title: 'Latency p99 (ms)',
      width: WIDTH,
      height: HEIGHT,
      left: sources.latencyOperations.map(operation => metrics.metricSuccessfulRequestLatency(operation)
        .with({ label: operation, period: Duration.minutes(1) })),
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Errors',
      width: WIDTH,
      height: HEIGHT,
      left: [
        monitoring.metricSystemErrors(),
        metrics.metricConditionalCheckFailedRequests().with({ label: 'Conditional check failed', period: Duration.minutes(1) }),
        metrics.metricTransactionConflict().with({ label: 'Transaction conflicts', period: Duration.minutes(1) }),
      ],
      right: [metrics.metricUserErrors().with({ label: 'User errors (whole account and region)', period: Duration.minutes(1) })],
    }),
    new LazyWidget(WIDTH, HEIGHT, () => sources.regions().length === 0
      ? text('Replication latency', 'Not a global table: no replica regions are monitored.')
      : new cloudwatch.GraphWidget({
        title: 'Replication latency (ms)',
        width: WIDTH,
        height: HEIGHT,
        left: sources.regions().map(region => metrics.metricReplicationLatency(region).with({ label: `to ${region}`, period: Duration.minutes(1) })),
      })),
  );
  dashboard.addWidgets(
    new LazyWidget(WIDTH, HEIGHT, () => sources.consumers().length === 0
      ? text('Stream consumer lag', 'No stream consumers registered (`addConsumerLag`).')
      : new cloudwatch.GraphWidget({
        title: 'Stream consumer lag (IteratorAge, ms)',
        width: WIDTH,
        height: HEIGHT,
        left: sources.consumers().map(c => c.fn.metric('IteratorAge', { statistic: cloudwatch.Stats.MAXIMUM, label: c.label, period: Duration.minutes(1) })),
      })),
    ...contributorInsightsWidgets(tableName, sources.contributorInsightsRuleNames, Stack.of(monitoring).region),
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
