import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { DynamoDbProductionChecks, ExportFormat, ExportMode, IncrementalExportViewType, ProductionTable, ScheduledExport, ScheduledExportProps } from '../../src';
import { KitValidationError } from '../../src/shared/errors';
import { acknowledgementsIn, unacknowledgedFindings } from '../compliance/nag';
import { onlyResource, templateOf, testApp, testStack } from '../helpers/app';
import { kitErrorOf } from '../helpers/errors';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

function idOf(stack: Stack, construct: any): string {
  return stack.getLogicalId(construct.node.defaultChild ?? construct);
}

/** The statements of every policy (inline or customer-managed) attached to the role. */
function policyStatements(template: Template, roleId: string, type: 'AWS::IAM::Policy' | 'AWS::IAM::ManagedPolicy' | 'any' = 'any'): any[] {
  const types = type === 'any' ? ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'] : [type];
  return types.flatMap(t => Object.values(template.findResources(t)))
    .filter((p: any) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('ScheduledExport, full, with the created bucket', () => {
  const stack = testStack();
  const table = new ProductionTable(stack, 'Orders', { partitionKey });
  const exp = new ScheduledExport(stack, 'Export', { table });
  const template = templateOf(stack);
  const tableId = idOf(stack, table);
  const bucketId = idOf(stack, exp.bucket);
  const roleId = idOf(stack, exp.role);
  const keyId = stack.getLogicalId(exp.bucket.encryptionKey!.node.defaultChild as any);

  test('the bucket is KMS-encrypted, versioned, private, retained and archives after 30 days', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: {
          Rules: [Match.objectLike({
            Id: 'archive-exports',
            Status: 'Enabled',
            Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }],
            NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }],
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          })],
        },
      },
      DeletionPolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true, Description: Match.stringLikeRegexp('exports of TestStack/Export') }, DeletionPolicy: 'Retain' });
  });

  test('the bucket refuses requests without SSL', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Principal: { AWS: '*' } })] },
    });
  });

  test('a daily schedule whose universal target calls ExportTableToPointInTime with this table and bucket', () => {
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0].Properties;
    expect(schedule.ScheduleExpression).toBe('cron(0 3 * * ? *)');
    expect(schedule.State).toBe('ENABLED');
    expect(schedule.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    expect(schedule.Target.Arn).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:::aws-sdk:dynamodb:exportTableToPointInTime']] });
    expect(schedule.Target.RoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(schedule.Target.RetryPolicy).toEqual(expect.objectContaining({ MaximumRetryAttempts: 3 }));
    const input = JSON.stringify(schedule.Target.Input);
    for (const field of ['"S3Prefix\\":\\"dynamodb-exports/Export/\\"', '"S3BucketOwner\\":\\"123456789012\\"', '"ExportFormat\\":\\"DYNAMODB_JSON\\"', '"S3SseAlgorithm\\":\\"KMS\\"']) {
      expect(input).toContain(field);
    }
    expect(input).not.toContain('ExportType');
    expect(input).toContain('"ClientToken\\":\\"<aws.scheduler.execution-id>\\"');
    expect(JSON.stringify(schedule.Target.Input)).toContain(`"${tableId}","Arn"`);
    expect(JSON.stringify(schedule.Target.Input)).toContain(`"Ref":"${bucketId}"`);
    expect(JSON.stringify(schedule.Target.Input)).toContain(`"${keyId}","Arn"`);
  });

  test('the role is assumed by EventBridge Scheduler from this account only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
      },
    });
  });

  test('the role may export this table to this bucket prefix, with this key, and nothing else', () => {
    const statements = policyStatements(template, roleId);
    expect(statements).toHaveLength(3);
    expect(statements).toEqual(expect.arrayContaining([
      { Sid: 'ExportThisTable', Effect: 'Allow', Action: 'dynamodb:ExportTableToPointInTime', Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } },
      {
        Sid: 'WriteUnderThePrefix',
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:PutObject', 's3:PutObjectAcl'],
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/dynamodb-exports/Export/*']] },
      },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Encrypt'], Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    ]));
    const all = JSON.stringify(policyStatements(template, roleId));
    expect(all).not.toContain('"*"');
  });

  test('no state machine in full mode', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
  });

  test('no warnings (the universal target gets our statements, not its default "*" policy)', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('incremental exports', () => {
  const stack = testStack();
  const table = new ProductionTable(stack, 'Orders', { partitionKey });
  const exp = new ScheduledExport(stack, 'Export', {
    table,
    mode: ExportMode.incremental({ window: Duration.hours(1), viewType: IncrementalExportViewType.NEW_IMAGE }),
    schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
    format: ExportFormat.ION,
  });
  const template = templateOf(stack);
  const roleId = idOf(stack, exp.role);
  const machineId = idOf(stack, exp.stateMachine);

  test('the schedule starts the state machine with the scheduled time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      Target: { Arn: { Ref: machineId }, Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>","executionId":"<aws.scheduler.execution-id>"}' },
    });
  });

  test('the state machine exports the hour ending 15 minutes before the scheduled time', () => {
    const definition = JSON.stringify(Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0].Properties.DefinitionString);
    expect(definition).toContain('arn:aws:states:::aws-sdk:dynamodb:exportTableToPointInTime');
    expect(definition).toContain('\\"QueryLanguage\\":\\"JSONata\\"');
    expect(definition).toContain('\\"ExportType\\":\\"INCREMENTAL_EXPORT\\"');
    expect(definition).toContain('\\"ExportViewType\\":\\"NEW_IMAGE\\"');
    expect(definition).toContain('\\"ExportFormat\\":\\"ION\\"');
    expect(definition).toContain(`$toMillis($states.input.scheduledTime) - ${(60 + 15) * 60000}`);
    expect(definition).toContain(`$toMillis($states.input.scheduledTime) - ${15 * 60000}`);
    expect(definition).toContain('\\"ClientToken\\":\\"{% $states.input.executionId %}\\"');
    expect(definition).not.toMatch(/Lambda/i);
  });

  test('the state machine role is the export role: this table, this prefix, this key', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'states.amazonaws.com' } })] },
    });
    const actions = policyStatements(template, roleId).map(s => s.Action);
    expect(actions).toHaveLength(5);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:ExportTableToPointInTime', ['s3:AbortMultipartUpload', 's3:PutObject', 's3:PutObjectAcl'], ['kms:GenerateDataKey', 'kms:Encrypt']]));
  });

  test('the scheduler role may start this state machine only', () => {
    const schedulerRoleArn = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0].Properties.Target.RoleArn;
    const schedulerRoleId = schedulerRoleArn['Fn::GetAtt'][0];
    expect(policyStatements(template, schedulerRoleId)).toEqual([{ Sid: 'StartThisStateMachine', Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: machineId } }]);
  });

  test('the scheduler role is the construct\'s own, assumable by this account\'s schedules only, with no inline policy (not aws-cdk-lib\'s shared SchedulerRoleForTarget)', () => {
    const schedulerRoleId = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0].Properties.Target.RoleArn['Fn::GetAtt'][0];
    expect(schedulerRoleId).toMatch(/^ExportSchedulerRole/);
    expect(template.findResources('AWS::IAM::Role')[schedulerRoleId].Properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    }]);
    expect(template.findResources('AWS::IAM::Policy')).toEqual({});
  });

  test('every execution is logged (ALL, with its data) to a log group kept a year and encrypted with the export\'s key, and traced', () => {
    const machine = onlyResource(template, 'AWS::StepFunctions::StateMachine').properties;
    const logGroup = onlyResource(template, 'AWS::Logs::LogGroup');
    expect(machine.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.LoggingConfiguration).toEqual({
      Level: 'ALL',
      IncludeExecutionData: true,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroup.logicalId, 'Arn'] } } }],
    });
    expect(logGroup.properties.RetentionInDays).toBe(365);
    expect(logGroup.resource.DeletionPolicy).toBe('Retain');
    const bucketKeyId = stack.getLogicalId(stack.node.findChild('Export').node.findChild('BucketKey').node.defaultChild as any);
    expect(logGroup.properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [bucketKeyId, 'Arn'] });
  });

  test('the key lets CloudWatch Logs use it for log groups of this account and region only (the encryption context)', () => {
    const bucketKeyId = stack.getLogicalId(stack.node.findChild('Export').node.findChild('BucketKey').node.defaultChild as any);
    const statements = template.findResources('AWS::KMS::Key')[bucketKeyId].Properties.KeyPolicy.Statement;
    expect(statements).toContainEqual(expect.objectContaining({
      Sid: 'AllowCloudWatchLogsOfThisAccount',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:*']] } } },
    }));
  });

  test('the log-delivery and X-Ray actions on "*" are acknowledged on the export policy, saying they do not support resource-level permissions', () => {
    const policy = stack.node.findChild('Export').node.findChild('Policy');
    const ack = acknowledgementsIn(policy).find(a => a.id.endsWith('AwsSolutions-IAM5[Resource::*]'));
    expect(ack?.reason).toMatch(/do not support resource-level permissions/);
  });

  test('a window equal to the rate: no warning; a different one: a warning', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    const s = testStack();
    new ScheduledExport(s, 'Export', {
      table: new ProductionTable(s, 'T', { partitionKey }),
      mode: ExportMode.incremental({ window: Duration.minutes(30) }),
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
    });
    Annotations.fromStack(s).hasWarning('/TestStack/Export', Match.stringLikeRegexp('mode.window is 30 minutes but the schedule runs every 60 minutes: the incremental exports leave gaps'));
    const o = testStack();
    new ScheduledExport(o, 'Export', {
      table: new ProductionTable(o, 'T', { partitionKey }),
      mode: ExportMode.incremental({ window: Duration.hours(2) }),
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(60)),
    });
    Annotations.fromStack(o).hasWarning('/TestStack/Export', Match.stringLikeRegexp('overlap'));
  });

  test.each([Duration.minutes(10), Duration.hours(25)])('a window of %s is an error', (window) => {
    const s = testStack();
    const error = kitErrorOf(() => new ScheduledExport(s, 'Export', { table: new ProductionTable(s, 'T', { partitionKey }), mode: ExportMode.incremental({ window }) }));
    expect(error.property).toBe('mode.window');
    expect(error.message).toMatch(/^TestStack\/Export: mode.window is .*outside the 15 minutes to 24 hours/);
  });
});

describe('your own bucket and prefix', () => {
  test('writes under your prefix, with your bucket key; creates no bucket', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Mine', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
    const exp = new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'T', { partitionKey }), bucket, prefix: 'exports/orders/' });
    const template = templateOf(stack);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    const statements = policyStatements(template, idOf(stack, exp.role));
    expect(statements.find(st => st.Sid === 'WriteUnderThePrefix').Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [idOf(stack, bucket), 'Arn'] }, '/exports/orders/*']] });
    expect(statements.find(st => st.Action[0] === 'kms:GenerateDataKey').Resource).toEqual({ 'Fn::GetAtt': [idOf(stack, key), 'Arn'] });
  });

  test('an S3-managed bucket gets AES256 and no KMS permission', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Mine', 'my-exports');
    const exp = new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'T', { partitionKey }), bucket });
    const template = templateOf(stack);
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0].Properties;
    expect(JSON.stringify(schedule.Target.Input)).toContain('\\"S3SseAlgorithm\\":\\"AES256\\"');
    expect(JSON.stringify(schedule.Target.Input)).toContain('my-exports');
    expect(policyStatements(template, idOf(stack, exp.role)).map(s => s.Sid)).toEqual(['ExportThisTable', 'WriteUnderThePrefix']);
  });

  test.each(['/exports', 'exports/*'])('prefix %s is an error', (prefix) => {
    const stack = testStack();
    const error = kitErrorOf(() => new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'T', { partitionKey }), prefix }));
    expect(error.property).toBe('prefix');
  });

  test('archive settings of the created bucket', () => {
    const stack = testStack();
    new ScheduledExport(stack, 'Export', {
      table: new ProductionTable(stack, 'T', { partitionKey }),
      archiveAfter: Duration.days(90),
      archiveStorageClass: s3.StorageClass.DEEP_ARCHIVE,
      enabled: false,
    });
    const template = templateOf(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ Transitions: [{ StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 90 }] })] },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { State: 'DISABLED' });
  });
});

describe('point-in-time recovery', () => {
  test('a TableV2 with PITR off is a clear error', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    const error = kitErrorOf(() => new ScheduledExport(stack, 'Export', { table }));
    expect(error.property).toBe('table');
    expect(error.message).toBe('TestStack/Export: table is TestStack/Plain, which has point-in-time recovery off, and DynamoDB exports only from PITR; '
      + 'turn it on (ProductionTable does by default; TableV2: pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }).');
  });

  test('a ProductionTable that opted out of PITR is a clear error', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'T', { partitionKey, pointInTimeRecovery: false });
    expect(() => new ScheduledExport(stack, 'Export', { table })).toThrow(KitValidationError);
  });

  test('a TableV2 with PITR on is accepted (mode full, said explicitly)', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'T', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    new ScheduledExport(stack, 'Export', { table, mode: ExportMode.full() });
    templateOf(stack).resourceCountIs('AWS::Scheduler::Schedule', 1);
  });

  test('a Table (AWS::DynamoDB::Table) with PITR off is an error too', () => {
    const stack = testStack();
    const table = new Table(stack, 'Old', { partitionKey }) as any;
    expect(() => new ScheduledExport(stack, 'Export', { table })).toThrow(/point-in-time recovery off/);
  });

  test('an imported table cannot be checked: a warning, and the export is still made', () => {
    const stack = testStack();
    const table = TableV2.fromTableName(stack, 'Imported', 'legacy');
    new ScheduledExport(stack, 'Export', { table });
    Annotations.fromStack(stack).hasWarning('/TestStack/Export', Match.stringLikeRegexp('imported, so its point-in-time recovery cannot be checked'));
    templateOf(stack).resourceCountIs('AWS::Scheduler::Schedule', 1);
  });
});

describe('server access logs of the created bucket', () => {
  const stack = testStack();
  const exp = new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'Orders', { partitionKey }) });
  const template = templateOf(stack);
  const bucketId = idOf(stack, exp.bucket);
  const logsId = stack.getLogicalId(exp.node.findChild('AccessLogs').node.defaultChild as any);

  test('the export bucket logs to a dedicated bucket', () => {
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: logsId } } });
    expect(templateOf(stack).findResources('AWS::S3::Bucket')[bucketId].Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId } });
  });

  test('the log bucket is SSE-S3 encrypted, versioned, private, without ACLs, retained, and logs nowhere', () => {
    const logs = template.findResources('AWS::S3::Bucket')[logsId];
    expect(logs.Properties).toEqual({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: expect.anything(),
    });
    expect(logs.DeletionPolicy).toBe('Retain');
    expect(logs.UpdateReplacePolicy).toBe('Retain');
  });

  test('the log bucket does not grow forever (CT.S3.PR.3/PR.6): logs move to Glacier after 90 days and expire after a year; deleted ones 30 days later', () => {
    expect(template.findResources('AWS::S3::Bucket')[logsId].Properties.LifecycleConfiguration).toEqual({
      Rules: [{
        Id: 'expire-access-logs',
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        ExpirationInDays: 365,
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }],
    });
  });

  test('accessLogsRetention sets the expiry; one under 90 days expires without a Glacier transition', () => {
    const s = testStack();
    new ScheduledExport(s, 'Export', { table: new ProductionTable(s, 'T', { partitionKey }), accessLogsRetention: Duration.days(30) });
    const rule = Object.values(Template.fromStack(s).findResources('AWS::S3::Bucket'))
      .map((b: any) => b.Properties.LifecycleConfiguration?.Rules?.[0]).find(r => r?.Id === 'expire-access-logs');
    expect(rule).toMatchObject({ ExpirationInDays: 30 });
    expect(rule.Transitions).toBeUndefined();
  });

  test.each([Duration.hours(36), Duration.hours(12)])('accessLogsRetention of %s is our error naming the property', (retention) => {
    const s = testStack();
    const error = kitErrorOf(() => new ScheduledExport(s, 'Export', { table: new ProductionTable(s, 'T', { partitionKey }), accessLogsRetention: retention }));
    expect(error.property).toBe('accessLogsRetention');
    expect(error.message).toMatch(/^TestStack\/Export: accessLogsRetention is .* whole number of days/);
  });

  test('incremental with an imported encryptionKey: a warning says what its key policy must allow for the log group', () => {
    const s = testStack();
    new ScheduledExport(s, 'Export', {
      table: new ProductionTable(s, 'T', { partitionKey }),
      encryptionKey: kms.Key.fromKeyArn(s, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/33333333-3333-3333-3333-333333333333'),
      mode: ExportMode.incremental({ window: Duration.days(1) }),
    });
    Annotations.fromStack(s).hasWarning('/TestStack/Export', Match.stringLikeRegexp('encryptionKey is imported.*logs.<region>.amazonaws.com'));
  });

  test('the log bucket refuses requests without SSL and takes log deliveries from the export bucket in this account only', () => {
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p: any) => p.Properties.Bucket.Ref === logsId) as any;
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      {
        Sid: 'S3ServerAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logsId, 'Arn'] }, '/*']] },
        Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucketId, 'Arn'] } }, StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]));
  });

  test('no ACL, whatever the serverAccessLogsUseBucketPolicy feature flag', () => {
    for (const flag of [true, false]) {
      const app = testApp();
      app.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', flag);
      const s = testStack({}, app);
      new ScheduledExport(s, 'Export', { table: new ProductionTable(s, 'Orders', { partitionKey }) });
      const buckets = Object.values(templateOf(s).findResources('AWS::S3::Bucket'));
      expect(buckets.map((b: any) => b.Properties.AccessControl)).toEqual([undefined, undefined]);
    }
  });

  test('no access log bucket when you bring your own bucket', () => {
    const s = testStack();
    new ScheduledExport(s, 'Export', { table: new ProductionTable(s, 'Orders', { partitionKey }), bucket: s3.Bucket.fromBucketName(s, 'Mine', 'my-exports') });
    templateOf(s).resourceCountIs('AWS::S3::Bucket', 0);
  });
});

describe('the role\'s permissions are one customer-managed policy', () => {
  test('no inline policy; the managed policy is attached to the role, and the schedule waits for it', () => {
    const stack = testStack();
    const exp = new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'Orders', { partitionKey }) });
    const template = templateOf(stack);
    const roleId = idOf(stack, exp.role);
    expect(policyStatements(template, roleId, 'AWS::IAM::Policy')).toEqual([]);
    expect(policyStatements(template, roleId, 'AWS::IAM::ManagedPolicy')).toHaveLength(3);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: roleId }], Description: Match.stringLikeRegexp('export TestStack/Orders') });
    expect(template.findResources('AWS::IAM::Role')[roleId].Properties.Policies).toBeUndefined();
    const policyId = stack.getLogicalId(exp.node.findChild('Policy').node.defaultChild as any);
    expect(onlyResource(template, 'AWS::Scheduler::Schedule').resource.DependsOn).toContain(policyId);
  });

  test('incremental: the state machine role has the same single policy and no inline one', () => {
    const stack = testStack();
    const exp = new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'Orders', { partitionKey }), mode: ExportMode.incremental({ window: Duration.days(1) }) });
    const template = templateOf(stack);
    const roleId = idOf(stack, exp.role);
    expect(policyStatements(template, roleId, 'AWS::IAM::Policy')).toEqual([]);
    expect(policyStatements(template, roleId, 'AWS::IAM::ManagedPolicy').map(st => st.Sid)).toEqual(['ExportThisTable', 'WriteUnderThePrefix', undefined, 'DeliverExecutionLogs', 'SendTraces']);
    const policyId = stack.getLogicalId(exp.node.findChild('Policy').node.defaultChild as any);
    expect(onlyResource(template, 'AWS::StepFunctions::StateMachine').resource.DependsOn).toContain(policyId);
  });
});

describe('acknowledged findings, each on its resource with its reason', () => {
  function acknowledgements(props: Partial<ScheduledExportProps> = {}) {
    const app = testApp();
    const stack = testStack({}, app);
    new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'Orders', { partitionKey }), ...props });
    return acknowledgementsIn(stack).filter(a => a.path.startsWith('TestStack/Export/'));
  }

  test('the exact list', () => {
    const found = acknowledgements();
    const bucketArn = '<ExportBucketFD42BCED.Arn>';
    expect(found.map(a => `${a.path} ${a.id}`).sort()).toEqual([
      'TestStack/Export/AccessLogs AwsSolutions-S1',
      ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].flatMap(pack => [
        `TestStack/Export/AccessLogs ${pack}-S3BucketLoggingEnabled`,
        `TestStack/Export/AccessLogs ${pack}-S3BucketReplicationEnabled`,
        `TestStack/Export/AccessLogs ${pack}-S3DefaultEncryptionKMS`,
        `TestStack/Export/Bucket ${pack}-S3BucketReplicationEnabled`,
      ]),
      ...['s3_bucket_logging_enabled_check', 's3_bucket_default_encryption_kms_check', 's3_bucket_object_lock_enabled_check', 's3_event_notifications_enabled_check']
        .map(rule => `TestStack/Export/AccessLogs cdk-validator-cfnguard::${rule}`),
      ...['s3_bucket_object_lock_enabled_check', 's3_event_notifications_enabled_check'].map(rule => `TestStack/Export/Bucket cdk-validator-cfnguard::${rule}`),
      `TestStack/Export/Policy AwsSolutions-IAM5[Resource::${bucketArn}/dynamodb-exports/Export/*]`,
    ].sort());
  });

  test.each([
    ['AwsSolutions-IAM5[', /smallest resource an export can use/],
    ['AwsSolutions-S1', /log bucket to itself/],
    ['HIPAA.Security-S3BucketLoggingEnabled', /log bucket to itself/],
    ['NIST.800.53.R5-S3DefaultEncryptionKMS', /SSE-S3 only; SSE-KMS is not supported/],
    ['cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check', /^CT.S3.PR.10: .*SSE-S3 only; SSE-KMS is not supported/],
    ['cdk-validator-cfnguard::s3_bucket_logging_enabled_check', /^CT.S3.PR.2: .*log bucket to itself/],
    ['cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check', /^CT.S3.PR.9: .*records-retention decision.*bring a bucket with Object Lock/],
    ['cdk-validator-cfnguard::s3_event_notifications_enabled_check', /^CT.S3.PR.4: .*Nothing in this construct consumes/],
    ['PCI.DSS.321-S3BucketReplicationEnabled', /point-in-time recovery.*versioned and retained/],
  ])('%s says why', (id, reason) => {
    const found = acknowledgements().filter(a => a.id.startsWith(id));
    expect(found.length).toBeGreaterThan(0);
    for (const a of found) expect(a.reason).toMatch(reason);
  });

  test('the export bucket\'s replication reason relies on PITR and a retained, versioned bucket', () => {
    const found = acknowledgements().find(a => a.path === 'TestStack/Export/Bucket' && a.id === 'HIPAA.Security-S3BucketReplicationEnabled');
    expect(found?.reason).toMatch(/point-in-time recovery can restore and export any second.*versioned and retained/);
  });

  test('your own bucket: only the prefix wildcard, on its own ARN; no bucket findings are acknowledged for you', () => {
    const s3Arn = 'arn:<AWS::Partition>:s3:::my-exports';
    const app = testApp();
    const stack = testStack({}, app);
    new ScheduledExport(stack, 'Export', {
      table: new ProductionTable(stack, 'Orders', { partitionKey }),
      bucket: s3.Bucket.fromBucketName(stack, 'Mine', 'my-exports'),
      prefix: 'exports/orders/',
    });
    expect(acknowledgementsIn(stack).filter(a => a.path.startsWith('TestStack/Export')).map(a => a.id))
      .toEqual([`AwsSolutions-IAM5[Resource::${s3Arn}/exports/orders/*]`]);
  });
});

describe('AwsSolutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1, Serverless and DynamoDbProduction', () => {
  const packs = () => [
    new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(),
    new PCIDSS321Checks(), new ServerlessChecks(), new DynamoDbProductionChecks(),
  ];
  function findingsUnderExport(props: Partial<ScheduledExportProps> = {}, build?: (stack: Stack) => Partial<ScheduledExportProps>) {
    const app = testApp();
    const stack = testStack({}, app);
    new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'Orders', { partitionKey }), ...props, ...build?.(stack) });
    return unacknowledgedFindings(app, packs()).filter(f => f.includes(' TestStack/Export/'));
  }

  test.each<[string, Partial<ScheduledExportProps>, ((stack: Stack) => Partial<ScheduledExportProps>) | undefined]>([
    ['default props', {}, undefined],
    ['a custom prefix', { prefix: 'exports/orders/' }, undefined],
    ['your own bucket', {}, (stack) => ({ bucket: s3.Bucket.fromBucketName(stack, 'Mine', 'my-exports') })],
  ])('%s: nothing unacknowledged in the export', (_name, props, build) => {
    expect(findingsUnderExport(props, build)).toEqual([]);
  });

  test('the checks can fail: an acknowledgement covers only the resource it names (a bucket renamed afterwards is reported)', () => {
    const app = testApp();
    const stack = testStack({}, app);
    const exp = new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'Orders', { partitionKey }) });
    (exp.bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId('Renamed');
    expect(unacknowledgedFindings(app, packs()).filter(f => f.includes(' TestStack/Export/')))
      .toEqual(['AwsSolutions-IAM5[Resource::<Renamed.Arn>/dynamodb-exports/Export/*] TestStack/Export/Policy/Resource']);
  });
});

describe('ScheduledExport validates before it builds', () => {
  test('a bad incremental window is refused before the construct exists', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(() => new ScheduledExport(stack, 'Export', { table, mode: ExportMode.incremental({ window: Duration.minutes(5) }) }))
      .toThrow(/TestStack\/Export: mode.window is 5 minutes, outside the 15 minutes to 24 hours/);
    expect(stack.node.tryFindChild('Export')).toBeUndefined();
  });
});
