import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnGlobalTable, CfnTable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledgeInPacks, acknowledgeWildcardResource } from './acknowledgements';
import { invalid, pathOf } from '../shared/errors';

/** How far behind real time DynamoDB's latest restorable time may lag; incremental windows end this long before the scheduled time. */
const PITR_LAG_MINUTES = 15;

/**
 * What an incremental export writes for each changed item.
 */
export enum IncrementalExportViewType {
  /** The item as it was before and after the change. */
  NEW_AND_OLD_IMAGES = 'NEW_AND_OLD_IMAGES',
  /** The item as it is after the change. */
  NEW_IMAGE = 'NEW_IMAGE',
}

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
 * Options of incremental exports.
 */
export interface IncrementalExportOptions {
  /**
   * The span of changes each export covers; set it to the schedule's interval so that the exports
   * are contiguous. DynamoDB accepts 15 minutes to 24 hours.
   */
  readonly window: Duration;

  /**
   * What each changed item is written as.
   *
   * @default IncrementalExportViewType.NEW_AND_OLD_IMAGES - a change can be audited and undone
   */
  readonly viewType?: IncrementalExportViewType;
}

/**
 * Full or incremental: `ExportMode.full()` or `ExportMode.incremental({ window })`.
 */
export abstract class ExportMode {
  /**
   * A full export of the table as of the scheduled time. The schedule's universal target calls
   * `ExportTableToPointInTime` directly.
   */
  public static full(): ExportMode {
    return new ModeValue(undefined);
  }

  /**
   * The changes made in the `window` before each scheduled time (ending 15 minutes before it,
   * the most DynamoDB's restorable time lags). The window is computed from the scheduled time by
   * a one-step Step Functions state machine (JSONata, no Lambda), which the schedule starts:
   * EventBridge Scheduler's universal target cannot do date arithmetic.
   */
  public static incremental(options: IncrementalExportOptions): ExportMode {
    return new ModeValue(options);
  }

  /** @internal */
  public abstract readonly _incremental?: IncrementalExportOptions;
}

class ModeValue extends ExportMode {
  constructor(public readonly _incremental?: IncrementalExportOptions) {
    super();
  }
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
   * Whether the schedule runs.
   *
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * Exports a DynamoDB table to S3 on a schedule (`ExportTableToPointInTime`), full or incremental,
 * through EventBridge Scheduler: no Lambda function to maintain.
 *
 * The role the schedule uses may export this table to this bucket (under the prefix) and nothing
 * else. The table needs point-in-time recovery: a table made in this app with it off is an error;
 * for an imported table, whose settings cannot be read, a warning says the export fails at run
 * time if PITR is off.
 *
 * @example
 * import { Duration } from 'aws-cdk-lib';
 * import { ExportMode, ProductionTable, ScheduledExport } from 'cdk-dynamodb-kit';
 *
 * const orders = new ProductionTable(this, 'Orders', { partitionKey });
 * new ScheduledExport(this, 'NightlyExport', { table: orders });
 * new ScheduledExport(this, 'HourlyChanges', {
 *   table: orders,
 *   schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
 *   mode: ExportMode.incremental({ window: Duration.hours(1) }),
 * });
 */
export class ScheduledExport extends Construct {
  /** The bucket the exports are written to. */
  public readonly bucket: s3.IBucket;

  /** The key prefix of the exports. */
  public readonly prefix: string;

  /** The schedule. */
  public readonly schedule: scheduler.Schedule;

  /** The role that starts each export. */
  public readonly role: iam.IRole;

  /** The state machine that computes each incremental window (incremental mode only). */
  public readonly stateMachine?: sfn.IStateMachine;

  constructor(scope: Construct, id: string, props: ScheduledExportProps) {
    const path = pathOf(scope, id);
    const pitrKnown = checkPointInTimeRecovery(path, props.table);
    const incremental = props.mode?._incremental;
    if (incremental) {
      const minutes = incremental.window.toMinutes({ integral: false });
      if (minutes < 15 || minutes > 24 * 60) {
        invalid(path, 'mode.window', `is ${incremental.window.toHumanString()}, outside the 15 minutes to 24 hours DynamoDB accepts for an incremental export`,
          'use a window from Duration.minutes(15) to Duration.hours(24), equal to the schedule interval.');
      }
    }
    if (props.prefix !== undefined && (props.prefix.startsWith('/') || props.prefix.includes('*'))) {
      invalid(path, 'prefix', `is ${JSON.stringify(props.prefix)}`, 'use a key prefix without a leading "/" or "*", such as "exports/orders/".');
    }
    super(scope, id);
    if (!pitrKnown) {
      Annotations.of(this).addWarningV2('cdk-dynamodb-kit:exportPitrUnknown',
        `the table ${props.table.node.path} is imported, so its point-in-time recovery cannot be checked; each export fails at run time if PITR is off.`);
    }

    this.bucket = props.bucket ?? this.createBucket(props);
    this.prefix = props.prefix ?? `dynamodb-exports/${id}/`;
    const bucketKey = this.bucket.encryptionKey;

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal(incremental ? 'states.amazonaws.com' : 'scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Exports ${props.table.node.path} to s3://<bucket>/${this.prefix}`,
    });
    this.role = role;
    const statements = exportStatements(props.table, this.bucket, this.prefix);
    if (bucketKey) statements.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Encrypt'], resources: [bucketKey.keyArn] }));
    // A customer-managed policy, not an inline one (HIPAA, NIST 800-53 R5 and PCI DSS IAMNoInlinePolicy).
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `Lets ${this.node.path} export ${props.table.node.path} to s3://<bucket>/${this.prefix}`,
      statements,
      roles: [role],
    });
    acknowledgeWildcardResource(policy, this.bucket.arnForObjects(`${this.prefix}*`),
      'DynamoDB\'s ExportTableToPointInTime writes many objects with generated names (AWSDynamoDB/<export id>/data/...) under the S3Prefix, so the role '
      + `needs PutObject on exactly <bucket>/${this.prefix}*: the smallest resource an export can use, with no other prefix or bucket.`);
    // Everything the schedule target would add to the role is in the policy above already.
    const targetRole = role.withoutPolicyUpdates();

    const request: { [key: string]: unknown } = {
      TableArn: props.table.tableArn,
      S3Bucket: this.bucket.bucketName,
      S3BucketOwner: Stack.of(this).account,
      S3Prefix: this.prefix,
      ExportFormat: props.format ?? ExportFormat.DYNAMODB_JSON,
      ...(bucketKey ? { S3SseAlgorithm: 'KMS', S3SseKmsKeyId: bucketKey.keyArn } : { S3SseAlgorithm: 'AES256' }),
    };
    const schedule = props.schedule ?? scheduler.ScheduleExpression.cron({ minute: '0', hour: '3' });
    if (incremental) this.checkWindowMatchesRate(schedule, incremental.window);
    const description = `Exports ${props.table.node.path} to S3 (${incremental ? 'incremental' : 'full'})`;

    let target: scheduler.IScheduleTarget;
    if (incremental) {
      const machine = this.incrementalStateMachine(request, incremental);
      this.stateMachine = machine;
      target = new targets.StepFunctionsStartExecution(machine, {
        input: scheduler.ScheduleTargetInput.fromObject({
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
          executionId: scheduler.ContextAttribute.executionId,
        }),
        retryAttempts: 3,
      });
    } else {
      target = new targets.Universal({
        service: 'dynamodb',
        action: 'exportTableToPointInTime',
        // A retried invocation keeps its execution id: DynamoDB returns the export already started.
        input: scheduler.ScheduleTargetInput.fromObject({ ...request, ClientToken: scheduler.ContextAttribute.executionId }),
        role: targetRole,
        policyStatements: statements,
        retryAttempts: 3,
      });
    }
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      schedule,
      target,
      description,
      enabled: props.enabled ?? true,
    });
    // The first run must find the role's permissions in place.
    this.schedule.node.addDependency(policy);
    this.stateMachine?.node.addDependency(policy);
  }

  /** Warns when a rate schedule and the window differ: the exports would overlap or leave gaps. */
  private checkWindowMatchesRate(schedule: scheduler.ScheduleExpression, window: Duration): void {
    const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(schedule.expressionString);
    const minutes = match ? Number(match[1]) * { minute: 1, hour: 60, day: 1440 }[match[2] as 'minute' | 'hour' | 'day'] : undefined;
    const windowMinutes = window.toMinutes({ integral: false });
    if (minutes !== undefined && minutes !== windowMinutes) {
      Annotations.of(this).addWarningV2('cdk-dynamodb-kit:exportWindow',
        `mode.window is ${window.toHumanString()} but the schedule runs every ${minutes} minutes: the incremental exports ${windowMinutes < minutes ? 'leave gaps (changes in between are never exported)' : 'overlap (changes are exported twice)'}. Make them equal.`);
    }
  }

  private createBucket(props: ScheduledExportProps): s3.IBucket {
    const key = new kms.Key(this, 'BucketKey', {
      description: `Encrypts the DynamoDB exports of ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const archive = { storageClass: props.archiveStorageClass ?? s3.StorageClass.GLACIER, transitionAfter: props.archiveAfter ?? Duration.days(30) };
    const bucket = new s3.Bucket(this, 'Bucket', {
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
    this.logAccessTo(bucket);
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
  private logAccessTo(bucket: s3.Bucket): void {
    const logs = new s3.Bucket(this, 'AccessLogs', {
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
      conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    }));
    (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: logs.bucketName };
  }

  private incrementalStateMachine(request: { [key: string]: unknown }, options: IncrementalExportOptions): sfn.StateMachine {
    const windowMs = options.window.toMilliseconds();
    const lagMs = PITR_LAG_MINUTES * 60 * 1000;
    const definition = {
      Comment: 'Incremental export of the window ending 15 minutes before the scheduled time',
      QueryLanguage: 'JSONata',
      StartAt: 'Export',
      States: {
        Export: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:dynamodb:exportTableToPointInTime',
          Arguments: {
            ...request,
            ExportType: 'INCREMENTAL_EXPORT',
            ClientToken: '{% $states.input.executionId %}',
            IncrementalExportSpecification: {
              ExportFromTime: `{% $fromMillis($toMillis($states.input.scheduledTime) - ${windowMs + lagMs}) %}`,
              ExportToTime: `{% $fromMillis($toMillis($states.input.scheduledTime) - ${lagMs}) %}`,
              ExportViewType: options.viewType ?? IncrementalExportViewType.NEW_AND_OLD_IMAGES,
            },
          },
          End: true,
        },
      },
    };
    return new sfn.StateMachine(this, 'IncrementalExport', {
      definitionBody: sfn.DefinitionBody.fromString(Stack.of(this).toJsonString(definition)),
      role: this.role,
      comment: 'Starts an incremental DynamoDB export for the window ending 15 minutes before the scheduled time',
    });
  }
}

/** The least privilege to export `table` into `bucket` under `prefix`. */
function exportStatements(table: ITableV2, bucket: s3.IBucket, prefix: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'ExportThisTable',
      actions: ['dynamodb:ExportTableToPointInTime'],
      resources: [table.tableArn],
    }),
    new iam.PolicyStatement({
      sid: 'WriteUnderThePrefix',
      actions: ['s3:AbortMultipartUpload', 's3:PutObject', 's3:PutObjectAcl'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
    }),
  ];
}

/**
 * Throws when a table made in this app has point-in-time recovery off. Returns false when the
 * table is imported and its settings cannot be read.
 */
function checkPointInTimeRecovery(path: string, table: ITableV2): boolean {
  const child = table.node.defaultChild;
  const stack = Stack.of(table);
  let enabled: boolean | undefined;
  if (child instanceof CfnGlobalTable) {
    const replicas: any[] = stack.resolve(child.replicas) ?? [];
    const local = replicas.find(r => JSON.stringify(r.region) === JSON.stringify(stack.resolve(stack.region))) ?? replicas[0];
    enabled = local?.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === true;
  } else if (child instanceof CfnTable) {
    enabled = stack.resolve(child.pointInTimeRecoverySpecification)?.pointInTimeRecoveryEnabled === true;
  }
  if (enabled === false) {
    invalid(path, 'table', `is ${table.node.path}, which has point-in-time recovery off, and DynamoDB exports only from PITR`,
      'turn it on (ProductionTable does by default; TableV2: pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }).');
  }
  return enabled !== undefined;
}
