import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeInPacks } from './acknowledgements';

/** The archive settings of the bucket a `ScheduledExport` creates. */
export interface ExportBucketOptions {
  readonly archiveAfter?: Duration;
  readonly archiveStorageClass?: s3.StorageClass;
}

/**
 * The bucket a `ScheduledExport` creates when none is given (construct ids `BucketKey`, `Bucket`
 * and `AccessLogs` under `scope`): KMS-encrypted with a new customer-managed key, versioned, public
 * access blocked, SSL-only, exports archived after `archiveAfter`, retained, with server access logs.
 */
export function createExportBucket(scope: Construct, options: ExportBucketOptions): s3.Bucket {
  const key = new kms.Key(scope, 'BucketKey', {
    description: `Encrypts the DynamoDB exports of ${scope.node.path}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
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
  logAccessTo(scope, bucket);
  acknowledgeInPacks(bucket, 'S3BucketReplicationEnabled',
    'Exports are reproducible: the table\'s point-in-time recovery can restore and export any second of its recovery window again, '
    + 'and this bucket is versioned and retained when the stack is removed. Cross-region replication would need a second bucket, region and role '
    + 'that belong to the account\'s disaster-recovery design, not to this construct; bring your own replicated bucket with the bucket prop.');
  return bucket;
}

/**
 * Sends the S3 server access logs of `bucket` to a bucket of their own: SSE-S3 (the only default
 * encryption S3 log delivery supports), versioned, private, SSL-only, retained. Log delivery
 * writes through a bucket policy for logging.s3.amazonaws.com, for this bucket and account only;
 * ACLs stay disabled whatever the app's `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` flag.
 */
function logAccessTo(scope: Construct, bucket: s3.Bucket): void {
  const logs = new s3.Bucket(scope, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const noSelfLogging = 'This bucket receives the S3 server access logs of the export bucket; logging a log bucket to itself would log its own log '
    + 'deliveries without end, and a further log bucket would only move the finding. Changes to it are recorded by CloudTrail management events '
    + '(object reads too, where the account turns on S3 data events).';
  Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: noSelfLogging });
  acknowledgeInPacks(logs, 'S3BucketLoggingEnabled', noSelfLogging);
  acknowledgeInPacks(logs, 'S3DefaultEncryptionKMS',
    'S3 server access log delivery supports only SSE-S3 default encryption on the target bucket (not SSE-KMS), so this bucket is encrypted with S3-managed keys; '
    + 'the logs hold request metadata, not exported items.');
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
