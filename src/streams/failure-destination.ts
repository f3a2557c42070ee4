import { Duration, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BoundFailureDestination } from './private/types';
import { checkProps } from '../shared/check-props';
import { invalid, millisOf, show } from '../shared/errors';
import { limitGrantsToAwsServices } from '../shared/key-policy';

/**
 * Settings for the failure queue a `StreamConsumer` creates.
 */
export interface CreatedFailureQueueOptions {
  /**
   * How long a failure record stays in the queue. Records of a poison batch are gone from the
   * stream after 24 hours; the queue is the only copy left, so keep it as long as SQS allows.
   *
   * @default Duration.days(14) - the SQS maximum
   */
  readonly retentionPeriod?: Duration;

  /**
   * The KMS key that encrypts the queue (and its dead-letter queue, when there is one).
   *
   * @default - the table's key when the table is encrypted with a customer-managed key (the
   * records described in the queue are the table's: whoever may read them through the table may
   * read their description, and no second key costs $1 a month); otherwise a customer-managed key
   * with rotation, created for the queue and retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Whether the queue gets a dead-letter queue of its own, for messages that a tool replaying
   * failures received `maxReceiveCount` times without deleting them.
   *
   * @default - false, unless `maxReceiveCount` is given: the failure queue is itself the
   * dead-letter destination of the event source mapping, and a replay tool that deletes what it
   * replayed never sends a message further
   */
  readonly deadLetterQueue?: boolean;

  /**
   * How many times a tool that replays failures may receive a record before SQS moves it to the
   * queue's own dead-letter queue. Giving it turns `deadLetterQueue` on.
   *
   * @default 5 - when `deadLetterQueue` is on
   */
  readonly maxReceiveCount?: number;

  /**
   * What happens to the queue (and its dead-letter queue and its own key) when it is removed from
   * the stack or the stack is deleted.
   *
   * @default RemovalPolicy.RETAIN - the queue holds the only copy of the batches Lambda gave up
   * on; deleting it with the stack would lose them
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Where Lambda sends a description of a batch it gives up on (after the retries or when the
 * records are older than the maximum record age), so that the records can be found and replayed.
 *
 * The function's role is allowed to send to it and nothing more.
 */
export abstract class ConsumerFailureDestination {
  /**
   * An SQS queue created for the consumer (the default): encrypted with the table's
   * customer-managed key (or one of its own), 14-day retention, SSL-only, retained on removal;
   * its own dead-letter queue is opt-in.
   */
  public static createdQueue(options: CreatedFailureQueueOptions = {}): ConsumerFailureDestination {
    checkProps('ConsumerFailureDestination.createdQueue', 'cdk-dynamodb-kit.CreatedFailureQueueOptions', options);
    return new CreatedQueueDestination(options);
  }

  /** Your SQS queue. */
  public static queue(queue: sqs.IQueue): ConsumerFailureDestination {
    return new QueueDestination(queue);
  }

  /** Your SNS topic. */
  public static topic(topic: sns.ITopic): ConsumerFailureDestination {
    return new TopicDestination(topic);
  }

  /**
   * Your S3 bucket. Unlike a queue or topic, an S3 destination receives the whole failed batch,
   * not only its description.
   */
  public static bucket(bucket: s3.IBucket): ConsumerFailureDestination {
    return new BucketDestination(bucket);
  }

  /**
   * Creates what is needed and permits the function's role to send to the destination.
   * `tableKey` is the table's customer-managed key, if it has one.
   * @internal
   */
  public abstract _bind(scope: Construct, handler: lambda.IFunction, tableKey?: kms.IKey): BoundFailureDestination;

  /**
   * Fails with our error, naming the consumer at `path`, when the settings cannot make a valid
   * destination. Called before `_bind`.
   * @internal
   */
  public _validate(_path: string): void {}
}

const SQS_MIN_RETENTION = Duration.minutes(1);
const SQS_MAX_RETENTION = Duration.days(14);

class CreatedQueueDestination extends ConsumerFailureDestination {
  constructor(private readonly options: CreatedFailureQueueOptions) {
    super();
  }

  public _validate(path: string): void {
    const retention = this.options.retentionPeriod;
    // A token is left to the deploy; a fraction of a second would fail in aws-cdk-lib without a path.
    const millis = retention && millisOf(retention);
    if (retention && millis !== undefined && !Number.isInteger(millis / 1000)) {
      invalid(path, 'failureDestination.retentionPeriod', `is ${retention.toHumanString()}, not a whole number of seconds`,
        'SQS keeps messages for whole seconds: use e.g. Duration.days(14) (the default).');
    }
    if (retention && millis !== undefined
      && (millis < SQS_MIN_RETENTION.toMilliseconds() || millis > SQS_MAX_RETENTION.toMilliseconds())) {
      invalid(path, 'failureDestination.retentionPeriod', `is ${retention.toHumanString()} but SQS keeps messages between 1 minute and 14 days`,
        'choose a period in that range (the default, 14 days, gives the most time to replay).');
    }
    const count = this.options.maxReceiveCount;
    if (count !== undefined && !Token.isUnresolved(count) && (!Number.isInteger(count) || count < 1 || count > 1000)) {
      invalid(path, 'failureDestination.maxReceiveCount', `is ${count} but SQS accepts a whole number from 1 to 1000`, 'choose a value in that range, such as 5.');
    }
  }

  public _bind(scope: Construct, handler: lambda.IFunction, tableKey?: kms.IKey): BoundFailureDestination {
    const removalPolicy = this.options.removalPolicy ?? RemovalPolicy.RETAIN;
    const key = this.options.encryptionKey ?? tableKey ?? limitGrantsToAwsServices(new kms.Key(scope, 'FailureQueueKey', {
      description: `Encrypts the failure queue of the stream consumer ${scope.node.path}`,
      enableKeyRotation: true,
      removalPolicy,
    }));
    const withDeadLetterQueue = this.options.deadLetterQueue ?? this.options.maxReceiveCount !== undefined;
    const deadLetterQueue = withDeadLetterQueue ? new sqs.Queue(scope, 'FailureQueueDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: SQS_MAX_RETENTION,
      removalPolicy,
      // The failure queue's own redrive policy names this queue, so it cannot be named here
      // (a circular reference): see the failure queue below for what "allowAll" allows.
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    }) : undefined;
    if (deadLetterQueue) acknowledgeLastStop(deadLetterQueue, 'failure records that a replay tool received too often');
    const queue = new sqs.Queue(scope, 'FailureQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: this.options.retentionPeriod ?? SQS_MAX_RETENTION,
      removalPolicy,
      deadLetterQueue: deadLetterQueue && { queue: deadLetterQueue, maxReceiveCount: this.options.maxReceiveCount ?? 5 },
      // Without a dead-letter queue of its own, the queue says what it is: a dead-letter queue
      // (of the event source mapping, which SQS's redrive settings do not govern). "allowAll" lets
      // another queue of this account and region name it as its dead-letter queue, which takes
      // sqs:SetQueueAttributes on that other queue; "byQueue" needs a source queue to name and
      // "denyAll" would call it a queue without a dead-letter queue (Control Tower's CT.SQS.PR.1).
      redriveAllowPolicy: deadLetterQueue ? undefined : { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    if (!deadLetterQueue) acknowledgeLastStop(queue, 'batches the event source mapping gave up on (it is the mapping\'s on-failure destination)');
    grantSendToQueue(queue, handler);
    return { eventSourceDlq: destination(queue.queueArn), queue };
  }
}

/**
 * cdk-nag's SQS3 (AwsSolutions) and SQSRedrivePolicy (Serverless) ask every queue for a
 * dead-letter queue unless another queue or a function names it as theirs; an event source
 * mapping's on-failure destination is not recognised. This queue is a last stop: a dead-letter
 * queue of its own would only move the problem.
 */
function acknowledgeLastStop(queue: sqs.Queue, holds: string): void {
  const reason = `This queue is a dead-letter queue, the last stop for ${holds}; a further dead-letter queue would only move the problem. `
    + 'It is marked as one (RedriveAllowPolicy), which cdk-nag does not read.';
  for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
    Validations.of(queue).acknowledge({ id, reason });
  }
}

class QueueDestination extends ConsumerFailureDestination {
  constructor(private readonly queue: sqs.IQueue) {
    super();
  }

  public _validate(path: string): void {
    if (this.queue.fifo) {
      invalid(path, 'failureDestination', `is the FIFO queue ${show(this.queue.node.path)}, but Lambda sends a stream's failure records to standard queues only`,
        'use a standard queue, or ConsumerFailureDestination.createdQueue() (the default).');
    }
  }

  public _bind(_scope: Construct, handler: lambda.IFunction, _tableKey?: kms.IKey): BoundFailureDestination {
    grantSendToQueue(this.queue, handler);
    return { eventSourceDlq: destination(this.queue.queueArn), queue: this.queue };
  }
}

class TopicDestination extends ConsumerFailureDestination {
  constructor(private readonly topic: sns.ITopic) {
    super();
  }

  public _validate(path: string): void {
    if (this.topic.fifo) {
      invalid(path, 'failureDestination', `is the FIFO topic ${show(this.topic.node.path)}, but Lambda sends a stream's failure records to standard topics only`,
        'use a standard topic, or ConsumerFailureDestination.createdQueue() (the default).');
    }
  }

  public _bind(_scope: Construct, handler: lambda.IFunction, _tableKey?: kms.IKey): BoundFailureDestination {
    // sns:Publish on the topic, and kms:Decrypt/GenerateDataKey* on its key if it has one.
    this.topic.grantPublish(handler);
    return { eventSourceDlq: destination(this.topic.topicArn) };
  }
}

class BucketDestination extends ConsumerFailureDestination {
  constructor(private readonly bucket: s3.IBucket) {
    super();
  }

  public _bind(_scope: Construct, handler: lambda.IFunction, _tableKey?: kms.IKey): BoundFailureDestination {
    iam.Grant.addToPrincipalOrResource({
      grantee: handler,
      actions: ['s3:PutObject'],
      resourceArns: [this.bucket.arnForObjects('*')],
      resource: this.bucket,
    });
    this.bucket.encryptionKey?.grant(handler, 'kms:GenerateDataKey', 'kms:Decrypt');
    return { eventSourceDlq: destination(this.bucket.bucketArn) };
  }
}

/** sqs:SendMessage on the queue, and what its KMS key needs for it; nothing more. */
function grantSendToQueue(queue: sqs.IQueue, handler: lambda.IFunction): void {
  queue.grant(handler, 'sqs:SendMessage');
  queue.encryptionMasterKey?.grant(handler, 'kms:GenerateDataKey', 'kms:Decrypt');
}

function destination(arn: string): lambda.IEventSourceDlq {
  return { bind: () => ({ destination: arn }) };
}
