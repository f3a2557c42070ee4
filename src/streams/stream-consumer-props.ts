import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { ITable, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ConsumerFailureDestination } from './failure-destination';
import { StreamFilter } from './filters';

/**
 * How a Lambda function consumes a table's stream. Used by `ProductionTable.addConsumer()`;
 * `StreamConsumerProps` adds the table.
 *
 * Every default differs from aws-cdk-lib's `DynamoEventSource` where that one is unsafe: there,
 * a failing record is retried until it expires from the stream (24 hours, blocking its shard),
 * then dropped without a trace.
 */
export interface StreamConsumerOptions {
  /**
   * The function that processes the records. Its handler should report partial batch failures
   * (`cdk-dynamodb-kit/runtime` does).
   */
  readonly handler: lambda.IFunction;

  /**
   * Where in the stream the function starts reading on first deploy.
   *
   * @default StartingPosition.TRIM_HORIZON - the oldest record still in the stream, so that
   * nothing written before the mapping became active is missed
   */
  readonly startingPosition?: lambda.StartingPosition;

  /**
   * The most records the function receives in one invocation, from 1 to 1000 (DynamoDB Streams
   * returns at most 1000 records per read; Lambda's own limit of 10000 does not apply).
   *
   * @default 100 - Lambda's default for streams
   */
  readonly batchSize?: number;

  /**
   * How long Lambda gathers records before invoking, from zero to 5 minutes.
   *
   * @default - no batching window: records are delivered as they arrive, for the lowest latency
   */
  readonly maxBatchingWindow?: Duration;

  /**
   * How many batches of one shard are processed at the same time, from 1 to 10. Records with the
   * same partition key stay in order whatever the factor.
   *
   * @default 1
   */
  readonly parallelizationFactor?: number;

  /**
   * The length of a tumbling window for stateful aggregation, from zero to 15 minutes.
   *
   * @default - no tumbling window
   */
  readonly tumblingWindow?: Duration;

  /**
   * How many times a failing batch is retried before it goes to the failure destination, from 0
   * to 10000.
   *
   * @default 5 - enough to ride out a transient error; a poison record stops blocking its shard
   * within minutes (with bisection, the retries close in on it) instead of 24 hours
   */
  readonly retryAttempts?: number;

  /**
   * Records older than this go to the failure destination instead of the function, from 1 minute
   * to 7 days.
   *
   * @default Duration.hours(24) - the stream's retention: a record is never dropped silently by
   * expiring from the stream
   */
  readonly maxRecordAge?: Duration;

  /**
   * Whether a failing batch is split in two and each half retried, to isolate the failing record.
   *
   * @default true
   */
  readonly bisectBatchOnError?: boolean;

  /**
   * Whether the function reports which record failed (`batchItemFailures`), so that Lambda
   * retries from that record instead of the whole batch.
   *
   * @default true - the handler helper in `cdk-dynamodb-kit/runtime` reports them
   */
  readonly reportBatchItemFailures?: boolean;

  /**
   * Where Lambda sends a description of each batch it gives up on.
   *
   * @default ConsumerFailureDestination.createdQueue() - an encrypted SQS queue keeping records 14 days
   */
  readonly failureDestination?: ConsumerFailureDestination;

  /**
   * Which records invoke the function (alternatives: a record passes if it matches any). At most
   * 5, Lambda's default quota per event source mapping.
   *
   * @default - every record invokes the function
   */
  readonly filters?: StreamFilter[];

  /**
   * The stream view type. When the table has no stream yet, the stream is enabled with this view
   * type; when it has one, the two must agree. For an imported table, it declares the view type
   * of its stream so that filters on images can be checked.
   *
   * @default - the table's view type; NEW_AND_OLD_IMAGES when the stream is enabled by the consumer,
   * so that handlers see the item before and after each change
   */
  readonly streamViewType?: StreamViewType;

  /**
   * Whether to create the consumer's alarms: iterator age (stream lag), errors, throttles and
   * messages in the failure queue.
   *
   * @default true
   */
  readonly alarmsEnabled?: boolean;

  /**
   * The action of every consumer alarm (for example an SNS topic action). `addAlarmAction()` adds
   * more. `ProductionTable.addConsumer` passes the table monitoring's action.
   *
   * @default - an SNS action for the stack's `AlarmTopic` (one encrypted topic per stack, shared
   * with the tables' alarms), created if the stack has none yet; none when `alarmsEnabled` is false
   */
  readonly alarmAction?: cloudwatch.IAlarmAction;

  /**
   * The iterator age (how far the function lags behind the newest record) that raises the alarm.
   *
   * @default Duration.minutes(5)
   */
  readonly iteratorAgeAlarmThreshold?: Duration;
}

/**
 * Properties of a `StreamConsumer`.
 */
export interface StreamConsumerProps extends StreamConsumerOptions {
  /**
   * The table whose stream is consumed: a `ProductionTable`, a `TableV2` or `Table` of this app
   * (its stream is enabled if it has none), or an imported table with a stream ARN
   * (`TableV2.fromTableAttributes({ tableArn, tableStreamArn })`).
   */
  readonly table: ITable;
}
