import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';

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
  constructor(private readonly table: ITableV2) {}

  /**
   * Any `AWS/DynamoDB` metric of this table, with `TableName` and the extra dimensions given.
   */
  public metric(metricName: string, statistic: string, extraDimensions?: { [name: string]: string }): cloudwatch.Metric {
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
    return this.metric('ReadThrottleEvents', cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /**
   * `WriteThrottleEvents` (Sum) of the table, or of one global secondary index.
   */
  public metricWriteThrottleEvents(indexName?: string): cloudwatch.Metric {
    return this.metric('WriteThrottleEvents', cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /**
   * A cause-specific throttle metric (Sum), e.g. `ReadKeyRangeThroughputThrottleEvents`, of the
   * table or of one global secondary index.
   */
  public metricThrottleEventsForCause(kind: ThroughputKind, cause: ThrottleCause, indexName?: string): cloudwatch.Metric {
    return this.metric(`${kind}${cause}ThrottleEvents`, cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /**
   * `ThrottledRequests` (Sum) for one operation (dimensions `TableName`, `Operation`).
   */
  public metricThrottledRequests(operation: Operation): cloudwatch.Metric {
    return this.metric('ThrottledRequests', cloudwatch.Stats.SUM, { Operation: operation });
  }

  /**
   * `SystemErrors` (Sum, HTTP 500s) for one operation (dimensions `TableName`, `Operation`).
   */
  public metricSystemErrors(operation: Operation): cloudwatch.Metric {
    return this.metric('SystemErrors', cloudwatch.Stats.SUM, { Operation: operation });
  }

  /**
   * `SuccessfulRequestLatency` for one operation (dimensions `TableName`, `Operation`).
   *
   * @param statistic default `p99`
   */
  public metricSuccessfulRequestLatency(operation: Operation, statistic?: string): cloudwatch.Metric {
    return this.metric('SuccessfulRequestLatency', statistic ?? cloudwatch.Stats.p(99), { Operation: operation });
  }

  /** `ConsumedReadCapacityUnits` (Sum) of the table or one global secondary index. */
  public metricConsumedReadCapacityUnits(indexName?: string): cloudwatch.Metric {
    return this.metric('ConsumedReadCapacityUnits', cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /** `ConsumedWriteCapacityUnits` (Sum) of the table or one global secondary index. */
  public metricConsumedWriteCapacityUnits(indexName?: string): cloudwatch.Metric {
    return this.metric('ConsumedWriteCapacityUnits', cloudwatch.Stats.SUM, indexDimension(indexName));
  }

  /** `ProvisionedReadCapacityUnits` (Average) of the table or one global secondary index. */
  public metricProvisionedReadCapacityUnits(indexName?: string): cloudwatch.Metric {
    return this.metric('ProvisionedReadCapacityUnits', cloudwatch.Stats.AVERAGE, indexDimension(indexName));
  }

  /** `ProvisionedWriteCapacityUnits` (Average) of the table or one global secondary index. */
  public metricProvisionedWriteCapacityUnits(indexName?: string): cloudwatch.Metric {
    return this.metric('ProvisionedWriteCapacityUnits', cloudwatch.Stats.AVERAGE, indexDimension(indexName));
  }

  /**
   * `ReplicationLatency` (Average, milliseconds) from this region to a replica region
   * (dimensions `TableName`, `ReceivingRegion`).
   */
  public metricReplicationLatency(receivingRegion: string): cloudwatch.Metric {
    return this.metric('ReplicationLatency', cloudwatch.Stats.AVERAGE, { ReceivingRegion: receivingRegion });
  }

  /**
   * `PendingReplicationCount` (Sum) from this region to a replica region (dimensions `TableName`,
   * `ReceivingRegion`). DynamoDB publishes it for global tables version 2017.11.29 (legacy) only.
   */
  public metricPendingReplicationCount(receivingRegion: string): cloudwatch.Metric {
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
}

function indexDimension(indexName: string | undefined): { [name: string]: string } {
  return indexName === undefined ? {} : { GlobalSecondaryIndexName: indexName };
}
