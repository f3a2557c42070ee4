import { Duration } from 'aws-cdk-lib';
import { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { ExportMode } from './export-mode';

/**
 * The file format of an export.
 */
export enum ExportFormat {
  /** DynamoDB JSON, one item per line. */
  DYNAMODB_JSON = 'DYNAMODB_JSON',
  /** Amazon Ion. */
  ION = 'ION',
}

/**
 * Properties of a `ScheduledExport`.
 */
export interface ScheduledExportProps {
  /**
   * The table to export. Point-in-time recovery must be on.
   */
  readonly table: ITableV2;

  /**
   * When to export.
   *
   * @default - every day at 03:00 UTC
   */
  readonly schedule?: scheduler.ScheduleExpression;

  /**
   * Full or incremental.
   *
   * @default ExportMode.full()
   */
  readonly mode?: ExportMode;

  /**
   * The file format.
   *
   * @default ExportFormat.DYNAMODB_JSON
   */
  readonly format?: ExportFormat;

  /**
   * The bucket to export to. When you bring your own, you own its encryption, versioning, access
   * and lifecycle settings; if it has a KMS key (`bucket.encryptionKey`) the exports use it.
   *
   * @default - a bucket created here: KMS-encrypted with a new customer-managed key, versioned,
   * public access blocked, SSL-only, objects moved to `archiveStorageClass` after `archiveAfter`,
   * retained when removed from the stack
   */
  readonly bucket?: s3.IBucket;

  /**
   * The key prefix of the exports in the bucket. The role may write under this prefix only.
   *
   * @default 'dynamodb-exports/<construct id>/'
   */
  readonly prefix?: string;

  /**
   * When the created bucket moves exports to `archiveStorageClass` (ignored with `bucket`).
   *
   * @default Duration.days(30)
   */
  readonly archiveAfter?: Duration;

  /**
   * The archive storage class of the created bucket (ignored with `bucket`).
   *
   * @default s3.StorageClass.GLACIER - cheap, restored within hours, which suits exports kept for audits
   */
  readonly archiveStorageClass?: s3.StorageClass;

  /**
   * The KMS key of the export's own resources: the created bucket (ignored with `bucket`) and, in
   * incremental mode, the state machine's execution log group. Pass one key to share it with the
   * table, the backup vault and the failure queue (one key policy, one revocation switch, one
   * CloudTrail trail of uses for all of them; see the README's Security section). The construct
   * adds to the key's policy what CloudWatch Logs needs; an imported key's policy is yours to
   * change.
   *
   * @default - a new customer-managed key with rotation (`BucketKey`), retained on removal, whose
   * policy limits grants to AWS services (Control Tower CT.KMS.PR.3)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long the created bucket's server access logs are kept (ignored with `bucket`). They move
   * to S3 Glacier after 90 days; without an end the log bucket would grow forever.
   *
   * @default Duration.days(365) - a year, PCI DSS's minimum for an audit trail
   */
  readonly accessLogsRetention?: Duration;

  /**
   * Whether the schedule runs.
   *
   * @default true
   */
  readonly enabled?: boolean;
}
