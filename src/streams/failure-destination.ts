import { Duration, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BoundFailureDestination } from './private/types';
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
   * The KMS key that encrypts the queue (and its own dead-letter queue).
   *
   * @default - a customer-managed key with rotation, created for the queue
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How many times a tool that replays failures may receive a record before SQS moves it to the
   * queue's own dead-letter queue.
   *
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/**
 * Where Lambda sends a description of a batch it gives up on (after the retries or when the
 * records are older than the maximum record age), so that the records can be found and replayed.
 *
 * The function's role is allowed to send to it and nothing more.
 */
export abstract class ConsumerFailureDestination {
  /**
   * An SQS queue created for the consumer: encrypted with a customer-managed KMS key, 14-day
   * retention, SSL-only, with its own dead-letter queue (the default).
   */
  public static createdQueue(options: CreatedFailureQueueOptions = {}): ConsumerFailureDestination {
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
   * @internal
   */
  public abstract _bind(scope: Construct, handler: lambda.IFunction): BoundFailureDestination;

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
    });
    const retentionPeriod = this.options.retentionPeriod ?? SQS_MAX_RETENTION;
    const deadLetterQueue = new sqs.Queue(scope, 'FailureQueueDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: SQS_MAX_RETENTION,
    });
    Validations.of(deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This is the last stop for failure records that a replay tool received too often; a further dead-letter queue would only move the problem.',
    });
    const queue = new sqs.Queue(scope, 'FailureQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod,
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: this.options.maxReceiveCount ?? 5 },
    });
    grantSendToQueue(queue, handler);
    return { eventSourceDlq: destination(queue.queueArn), queue };
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

  public _bind(_scope: Construct, handler: lambda.IFunction): BoundFailureDestination {
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

  public _bind(_scope: Construct, handler: lambda.IFunction): BoundFailureDestination {
    // sns:Publish on the topic, and kms:Decrypt/GenerateDataKey* on its key if it has one.
    this.topic.grantPublish(handler);
    return { eventSourceDlq: destination(this.topic.topicArn) };
  }
}

class BucketDestination extends ConsumerFailureDestination {
  constructor(private readonly bucket: s3.IBucket) {
    super();
  }

  public _bind(_scope: Construct, handler: lambda.IFunction): BoundFailureDestination {
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
