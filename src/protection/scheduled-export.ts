import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './acknowledgements';
import { createExportBucket } from './export-bucket';
import { incrementalExportStateMachine } from './export-mode';
import { ExportFormat, ScheduledExportProps } from './scheduled-export-props';
import { pointInTimeRecoveryOf, validateScheduledExportProps } from './validation';
import { iamDescription } from '../shared/descriptions';
import { pathOf } from '../shared/errors';

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
    validateScheduledExportProps(path, props);
    const incremental = props.mode?._incremental;
    super(scope, id);
    if (pointInTimeRecoveryOf(props.table) === undefined) {
      Annotations.of(this).addWarningV2('cdk-dynamodb-kit:exportPitrUnknown',
        `the table ${props.table.node.path} is imported, so its point-in-time recovery cannot be checked; each export fails at run time if PITR is off.`);
    }

    this.bucket = props.bucket ?? createExportBucket(this, props);
    /** The key of the export's own resources: the user's shared key, or the created bucket's. */
    const ownKey = props.encryptionKey ?? (props.bucket ? undefined : this.bucket.encryptionKey);
    this.prefix = props.prefix ?? `dynamodb-exports/${id}/`;
    const bucketKey = this.bucket.encryptionKey;

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal(incremental ? 'states.amazonaws.com' : 'scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: iamDescription(`Exports ${props.table.node.path} to s3://<bucket>/${this.prefix}`),
    });
    this.role = role;
    const statements = exportStatements(props.table, this.bucket, this.prefix);
    if (bucketKey) statements.push(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Encrypt'], resources: [bucketKey.keyArn] }));
    if (incremental) statements.push(...executionLogAndTraceStatements());
    // A customer-managed policy, not an inline one (HIPAA, NIST 800-53 R5 and PCI DSS IAMNoInlinePolicy).
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: iamDescription(`Lets ${this.node.path} export ${props.table.node.path} to s3://<bucket>/${this.prefix}`),
      statements,
      roles: [role],
    });
    if (incremental) {
      acknowledgeWildcardResource(policy, '*', 'The state machine delivers its execution log to CloudWatch Logs and its traces to X-Ray: the log-delivery actions '
        + '(logs:CreateLogDelivery and the other vended-log actions) and xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules and GetSamplingTargets '
        + 'do not support resource-level permissions, so AWS documents them on "*"; they read or write no data of the table or bucket.');
    }
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
      const machine = incrementalExportStateMachine(this, request, incremental, targetRole, ownKey);
      this.stateMachine = machine;
      target = new targets.StepFunctionsStartExecution(machine, {
        role: schedulerRoleFor(this, machine),
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

}

/**
 * What the incremental mode's state machine needs to log each execution and trace it (aws-cdk-lib
 * would put the same statements in an inline policy on the role).
 */
function executionLogAndTraceStatements(): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'DeliverExecutionLogs',
      actions: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries',
        'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'SendTraces',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      resources: ['*'],
    }),
  ];
}

/**
 * The role EventBridge Scheduler uses to start the incremental export's state machine: this
 * account's schedules only, `states:StartExecution` on this state machine only, in a customer-managed
 * policy (aws-cdk-lib's default target role keeps it inline).
 */
function schedulerRoleFor(scope: Construct, machine: sfn.IStateMachine): iam.IRole {
  const role = new iam.Role(scope, 'SchedulerRole', {
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: iamDescription(`Starts the incremental export state machine of ${scope.node.path}`),
  });
  new iam.ManagedPolicy(scope, 'SchedulerPolicy', {
    description: iamDescription(`Lets the schedule of ${scope.node.path} start its state machine`),
    statements: [new iam.PolicyStatement({ sid: 'StartThisStateMachine', actions: ['states:StartExecution'], resources: [machine.stateMachineArn] })],
    roles: [role],
  });
  return role.withoutPolicyUpdates();
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
