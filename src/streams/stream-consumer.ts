import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { ITable, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONSUMER_ALARM_DEFAULTS } from './alarm-defaults';
import { ConsumerFailureDestination } from './failure-destination';
import { StreamConsumerProps } from './stream-consumer-props';
import { resolveStream } from './stream-source';
import { validateStreamConsumerProps } from './validation';
import { resolveAlarmAction } from '../monitoring/alarm-action';
import { AlarmBuilder } from '../monitoring/alarm-builder';
import { checkArgument } from '../shared/check-props';
import { pathOf } from '../shared/errors';
import { watchStackLimits } from '../shared/stack-limits';

/** Read the stream; nothing on the table itself. */
const STREAM_READ_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

/**
 * A Lambda function wired to a DynamoDB table's stream with production defaults.
 *
 * Compared with aws-cdk-lib's `DynamoEventSource`: retries are bounded (5) and failing batches
 * are bisected; a batch given up on goes to a failure destination (an encrypted SQS queue by
 * default) instead of vanishing; partial batch responses are on; batch size is checked against
 * DynamoDB's real limit; event filters are typed; the function may read this table's stream only
 * (and decrypt with the table's key); the stream is enabled on the table if needed; and the
 * consumer has alarms for lag, errors, throttles and failed records, which notify `alarmAction` or
 * by default the stack's `AlarmTopic`.
 *
 * @example
 * import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
 * import { StreamConsumer } from 'cdk-dynamodb-kit';
 *
 * const table = new TableV2(this, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
 * const consumer = new StreamConsumer(this, 'OrdersIndexer', { table, handler });
 * // consumer.failureQueue holds the batches given up on; replay from it.
 */
export class StreamConsumer extends Construct {
  /** The event source mapping. */
  public readonly eventSourceMapping: lambda.EventSourceMapping;

  /** The ARN of the stream the function reads. */
  public readonly streamArn: string;

  /** The stream view type, if it is known at synthesis. */
  public readonly streamViewType?: StreamViewType;

  /** The failure queue, when the failure destination is an SQS queue (created or yours). */
  public readonly failureQueue?: sqs.IQueue;

  /** The consumer's alarms (empty when `alarmsEnabled` is false). */
  public readonly alarms: cloudwatch.IAlarm[];

  /** Alarm: the function lags behind the newest record by more than the threshold. */
  public readonly iteratorAgeAlarm?: cloudwatch.Alarm;

  /**
   * Alarm: the function failed or was throttled at least once in 5 minutes (`Errors` + `Throttles`,
   * one alarm, construct id `ErrorsAndThrottlesAlarm`).
   */
  public readonly errorsAlarm?: cloudwatch.Alarm;

  /**
   * The same alarm as `errorsAlarm`: errors and throttles are watched together.
   */
  public readonly throttlesAlarm?: cloudwatch.Alarm;

  /** Alarm: at least one failed batch is waiting in the failure queue. */
  public readonly failureQueueAlarm?: cloudwatch.Alarm;

  private readonly handler: lambda.IFunction;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    validateStreamConsumerProps(pathOf(scope, id), props);
    super(scope, id);
    watchStackLimits(this);
    const filters = (props.filters ?? []).map(filter => filter._render());

    const stream = resolveStream(props.table, props.streamViewType);
    this.streamArn = stream.streamArn;
    this.streamViewType = stream.viewType;
    this.handler = props.handler;

    const streamGrant = grantStreamRead(props.table, props.handler, stream.streamArn);
    const failureDestination = (props.failureDestination ?? ConsumerFailureDestination.createdQueue())
      ._bind(this, props.handler, props.table.encryptionKey);
    this.failureQueue = failureDestination.queue;

    this.eventSourceMapping = new lambda.EventSourceMapping(this, 'Mapping', {
      target: props.handler,
      eventSourceArn: stream.streamArn,
      startingPosition: props.startingPosition ?? lambda.StartingPosition.TRIM_HORIZON,
      batchSize: props.batchSize ?? 100,
      maxBatchingWindow: props.maxBatchingWindow,
      parallelizationFactor: props.parallelizationFactor ?? 1,
      tumblingWindow: props.tumblingWindow,
      retryAttempts: props.retryAttempts ?? 5,
      // aws-cdk-lib range-checks maxRecordAge, a token's encoded number too: a token is set on the L1 below.
      maxRecordAge: props.maxRecordAge?.isUnresolved() ? undefined : props.maxRecordAge ?? Duration.hours(24),
      bisectBatchOnError: props.bisectBatchOnError ?? true,
      reportBatchItemFailures: props.reportBatchItemFailures ?? true,
      onFailure: failureDestination.eventSourceDlq,
      supportS3OnFailureDestination: true,
      filters: filters.length > 0 ? filters.map(filter => lambda.FilterCriteria.filter(filter.pattern)) : undefined,
    });
    if (props.maxRecordAge?.isUnresolved()) {
      (this.eventSourceMapping.node.defaultChild as lambda.CfnEventSourceMapping).maximumRecordAgeInSeconds = props.maxRecordAge.toSeconds();
    }
    // Lambda checks the role's permissions when it creates the mapping.
    streamGrant.applyBefore(this.eventSourceMapping);
    const defaultPolicy = props.handler.role?.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) this.eventSourceMapping.node.addDependency(defaultPolicy);

    acknowledgeSynchronousInvocation(props.handler, this.node.path);

    const alarms = new AlarmBuilder(this, {
      // An alarm nobody is notified of is useless: without an action of the user's, the stack's topic.
      action: () => resolveAlarmAction(this, { alarmAction: props.alarmAction }).action,
      notifyOnOk: false,
    });
    if (props.alarmsEnabled ?? true) {
      const defaults = CONSUMER_ALARM_DEFAULTS;
      [this.iteratorAgeAlarm] = alarms.create('IteratorAgeAlarm', {
        defaults: defaults.iteratorAge,
        overrides: { threshold: props.iteratorAgeAlarmThreshold?.toMilliseconds() },
        metric: period => props.handler.metric('IteratorAge', { statistic: cloudwatch.Stats.MAXIMUM, period }),
        description: `Stream consumer ${this.node.path} lags behind the table's stream: records may expire (24 h) before they are processed.`,
      });
      // One alarm, not two: the same things watched, one resource fewer.
      [this.errorsAlarm] = alarms.create('ErrorsAndThrottlesAlarm', {
        defaults: defaults.errorsAndThrottles,
        metric: period => new cloudwatch.MathExpression({
          expression: 'FILL(errors, 0) + FILL(throttles, 0)',
          usingMetrics: {
            errors: props.handler.metricErrors({ statistic: cloudwatch.Stats.SUM }),
            throttles: props.handler.metricThrottles({ statistic: cloudwatch.Stats.SUM }),
          },
          period,
          label: 'Errors + throttles',
        }),
        description: `Stream consumer ${this.node.path}: the function failed (a poison record may be blocking its shard) or was throttled (the stream falls behind). See its Errors and Throttles metrics.`,
      });
      this.throttlesAlarm = this.errorsAlarm;
      const failureQueue = this.failureQueue;
      if (failureQueue) {
        [this.failureQueueAlarm] = alarms.create('FailureQueueAlarm', {
          defaults: defaults.failureQueueMessages,
          metric: period => failureQueue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period }),
          description: `Stream consumer ${this.node.path}: records were given up on; replay them from the failure queue.`,
        });
      }
    }
    this.alarms = [...alarms.alarms];
  }

  /**
   * Adds an action to every consumer alarm (for example the table's alarm topic).
   */
  public addAlarmAction(...actions: cloudwatch.IAlarmAction[]): void {
    for (const alarm of this.alarms) {
      (alarm as cloudwatch.Alarm).addAlarmAction(...actions);
    }
  }

  /**
   * The age of the newest record the function has processed (stream lag), maximum per minute.
   */
  public metricIteratorAge(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArgument(this.node.path, 'metricIteratorAge.props', 'aws-cdk-lib.aws_cloudwatch.MetricOptions', props, true);
    return this.handler.metric('IteratorAge', { statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(1), ...props });
  }
}

/**
 * Permits the function to read this stream only, plus `kms:Decrypt` with the table's key. All four
 * actions Lambda asks for ("GetRecords, GetShardIterator, DescribeStream, and ListStreams ... on
 * your stream") are scoped to the stream's ARN: no `*` (as `Table.grantStreamRead` gives
 * `ListStreams`) and no `stream/*` wildcard (which cdk-nag's AwsSolutions-IAM5 flags).
 */
function grantStreamRead(table: ITable, handler: lambda.IFunction, streamArn: string): iam.Grant {
  const grant = iam.Grant.addToPrincipal({ grantee: handler, actions: STREAM_READ_ACTIONS, resourceArns: [streamArn] });
  table.encryptionKey?.grant(handler, 'kms:Decrypt');
  return grant;
}

/**
 * cdk-nag's Serverless, HIPAA and NIST packs ask every function for a dead-letter queue. A stream
 * consumer is invoked synchronously by its event source mapping: a function's dead-letter queue
 * (for asynchronous invocations) never sees a stream record; the mapping's on-failure destination does.
 */
function acknowledgeSynchronousInvocation(handler: lambda.IFunction, consumerPath: string): void {
  if (!(handler instanceof lambda.Function)) return;
  const reason = `Invoked synchronously by the DynamoDB stream event source mapping of ${consumerPath}, whose on-failure destination receives failed batches; a function dead-letter queue (asynchronous invocations only) never sees stream records.`;
  for (const id of ['Serverless-LambdaDLQ', 'HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ']) {
    Validations.of(handler).acknowledge({ id, reason });
  }
}
