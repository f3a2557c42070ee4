import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeControlTower, acknowledgeInPacks } from './acknowledgements';
import { invalid } from '../shared/errors';
import { limitGrantsToAwsServices } from '../shared/key-policy';

/** The settings of the bucket a `ScheduledExport` creates. */
export interface ExportBucketOptions {
  readonly archiveAfter?: Duration;
  readonly archiveStorageClass?: s3.StorageClass;
  /** The key of the bucket; a new customer-managed key (`BucketKey`) when absent. */
  readonly encryptionKey?: kms.IKey;
  /** How long the server access logs are kept. */
  readonly accessLogsRetention?: Duration;
}

/** How long S3 server access logs are kept by default: PCI DSS's minimum for an audit trail (10.7). */
export const DEFAULT_ACCESS_LOGS_RETENTION = Duration.days(365);

const OBJECT_LOCK_REASON = 'Object Lock (WORM) is a records-retention decision: in compliance mode nobody can shorten it, and it must be chosen '
  + 'with the retention period the account\'s rules require. The bucket is versioned and retained instead (a deleted or overwritten object stays a '
  + 'noncurrent version); bring a bucket with Object Lock through the bucket prop where your rules require WORM storage.';
const NOTIFICATIONS_REASON = 'Nothing in this construct consumes the bucket\'s events, and a notification needs a destination chosen by its consumer; '
  + 'add one (bucket.addEventNotification, or EventBridge) where something should react to new objects. Every write and read is recorded by the '
  + 'server access logs and CloudTrail.';

/**
 * The bucket a `ScheduledExport` creates when none is given (construct ids `BucketKey`, `Bucket`
 * and `AccessLogs` under `scope`): KMS-encrypted with a new customer-managed key, versioned, public
 * access blocked, SSL-only, exports archived after `archiveAfter`, retained, with server access logs.
 */
export function createExportBucket(scope: Construct, options: ExportBucketOptions): s3.Bucket {
  const key = options.encryptionKey ?? limitGrantsToAwsServices(new kms.Key(scope, 'BucketKey', {
    description: `Encrypts the DynamoDB exports of ${scope.node.path}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  }));
  const archive = {
    storageClass: options.archiveStorageClass ?? s3.StorageClass.GLACIER,
    transitionAfter: options.archiveAfter ?? Duration.days(30),
  };
  const bucket = new s3.Bucket(scope, 'Bucket', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{
      id: 'archive-exports',
      transitions: [archive],
      noncurrentVersionTransitions: [archive],
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    }],
  });
  logAccessTo(scope, bucket, accessLogsRetention(scope.node.path, options.accessLogsRetention));
  acknowledgeControlTower(bucket, 'CT.S3.PR.9', 's3_bucket_object_lock_enabled_check', OBJECT_LOCK_REASON);
  acknowledgeControlTower(bucket, 'CT.S3.PR.4', 's3_event_notifications_enabled_check', NOTIFICATIONS_REASON);
  acknowledgeInPacks(bucket, 'S3BucketReplicationEnabled',
    'Exports are reproducible: the table\'s point-in-time recovery can restore and export any second of its recovery window again, '
    + 'and this bucket is versioned and retained when the stack is removed. Cross-region replication would need a second bucket, region and role '
    + 'that belong to the account\'s disaster-recovery design, not to this construct; bring your own replicated bucket with the bucket prop.');
  return bucket;
}

/** The retention in whole days (an S3 expiration counts days); a token is taken as it is. */
function accessLogsRetention(path: string, retention: Duration | undefined): Duration {
  if (retention === undefined) return DEFAULT_ACCESS_LOGS_RETENTION;
  const days = retention.isUnresolved() ? undefined : retention.toDays({ integral: false });
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    invalid(path, 'accessLogsRetention', `is ${retention.toHumanString()} but S3 expires objects after a whole number of days, at least 1`,
      'use Duration.days(n), such as Duration.days(365).');
  }
  return retention;
}

/**
 * Sends the S3 server access logs of `bucket` to a bucket of their own: SSE-S3 (the only default
 * encryption S3 log delivery supports), versioned, private, SSL-only, retained, logs moved to
 * Glacier after 90 days and expired after `retention`. Log delivery
 * writes through a bucket policy for logging.s3.amazonaws.com, for this bucket and account only;
 * ACLs stay disabled whatever the app's `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` flag.
 */
function logAccessTo(scope: Construct, bucket: s3.Bucket, retention: Duration): void {
  const archiveAfter = Duration.days(90);
  const logs = new s3.Bucket(scope, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    // Without an end the log bucket grows forever (CT.S3.PR.3 and CT.S3.PR.6): logs older than the
    // retention expire; a deleted log stays a noncurrent version for 30 days.
    lifecycleRules: [{
      id: 'expire-access-logs',
      transitions: retention.toDays() > archiveAfter.toDays() ? [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: archiveAfter }] : [],
      expiration: retention,
      noncurrentVersionExpiration: Duration.days(30),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    }],
  });
  const noSelfLogging = 'This bucket receives the S3 server access logs of the export bucket; logging a log bucket to itself would log its own log '
    + 'deliveries without end, and a further log bucket would only move the finding. Changes to it are recorded by CloudTrail management events '
    + '(object reads too, where the account turns on S3 data events).';
  Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: noSelfLogging });
  acknowledgeInPacks(logs, 'S3BucketLoggingEnabled', noSelfLogging);
  acknowledgeControlTower(logs, 'CT.S3.PR.2', 's3_bucket_logging_enabled_check', noSelfLogging);
  const sseS3Only = 'The Amazon S3 User Guide (Enabling server access logging) says default encryption of the destination bucket may be SSE-S3 only; '
    + 'SSE-KMS is not supported (aws-cdk-lib does not stop a customer-managed key, but AWS does not support it and logs could be lost). So this bucket '
    + 'is encrypted with S3-managed keys; the logs hold request metadata, not exported items, which stay under the export bucket\'s KMS key.';
  acknowledgeInPacks(logs, 'S3DefaultEncryptionKMS', sseS3Only);
  acknowledgeControlTower(logs, 'CT.S3.PR.10', 's3_bucket_default_encryption_kms_check', sseS3Only);
  acknowledgeControlTower(logs, 'CT.S3.PR.9', 's3_bucket_object_lock_enabled_check', OBJECT_LOCK_REASON);
  acknowledgeControlTower(logs, 'CT.S3.PR.4', 's3_event_notifications_enabled_check', NOTIFICATIONS_REASON);
  acknowledgeInPacks(logs, 'S3BucketReplicationEnabled',
    'These are access logs of a bucket whose exports are reproducible from the table\'s point-in-time recovery; the bucket is versioned and retained, '
    + 'and cross-region replication would need a second bucket, region and role that belong to the account\'s disaster-recovery design.');
  logs.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'S3ServerAccessLogDelivery',
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [logs.arnForObjects('*')],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
  }));
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: logs.bucketName };
}
