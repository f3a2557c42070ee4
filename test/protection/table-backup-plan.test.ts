import { Duration, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import { AttributeType, Table, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { BackupSchedule, DynamoDbProductionChecks, ProductionTable, TableBackupPlan } from '../../src';
import { acknowledgementsIn, unacknowledgedFindings } from '../compliance/nag';
import { onlyResource, templateOf, testApp, testStack } from '../helpers/app';
import { kitErrorOf } from '../helpers/errors';
import { GRANTS_FOR_AWS_SERVICES_ONLY } from '../helpers/key-policy';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

function arnOf(logicalId: string) {
  return { 'Fn::GetAtt': [logicalId, 'Arn'] };
}

describe('TableBackupPlan defaults', () => {
  const stack = testStack();
  const table = new ProductionTable(stack, 'Orders', { partitionKey });
  const plan = new TableBackupPlan(stack, 'Backup', { tables: [table] });
  const template = templateOf(stack);
  const tableId = stack.getLogicalId(table.node.defaultChild as any);

  test('a vault encrypted with a customer-managed key with rotation, both retained', () => {
    template.hasResource('AWS::Backup::BackupVault', {
      Properties: { EncryptionKeyArn: { 'Fn::GetAtt': [stack.getLogicalId(plan.encryptionKey.node.defaultChild as any), 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, Description: Match.stringLikeRegexp('Backup vault') },
      DeletionPolicy: 'Retain',
    });
  });

  test('daily kept 35 days and monthly kept a year, cold after 30 days, in the vault', () => {
    const vaultName = { 'Fn::GetAtt': [Match.stringLikeRegexp('BackupVault'), 'BackupVaultName'] };
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          {
            RuleName: 'Daily',
            ScheduleExpression: 'cron(0 5 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
            TargetBackupVault: vaultName,
            StartWindowMinutes: 60,
            CompletionWindowMinutes: 480,
          },
          {
            RuleName: 'Monthly',
            ScheduleExpression: 'cron(0 5 1 * ? *)',
            Lifecycle: { DeleteAfterDays: 365, MoveToColdStorageAfterDays: 30 },
            TargetBackupVault: vaultName,
          },
        ],
      },
    });
    const rules = Object.values(template.findResources('AWS::Backup::BackupPlan'))[0].Properties.BackupPlan.BackupPlanRule;
    expect(rules).toHaveLength(2);
    expect(rules[0].CopyActions).toBeUndefined();
  });

  test('the selection names the table by ARN and uses the plan role', () => {
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupPlanId: { 'Fn::GetAtt': [Match.stringLikeRegexp('BackupPlan'), 'BackupPlanId'] },
      BackupSelection: {
        SelectionName: 'tables',
        IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('BackupRole'), 'Arn'] },
        Resources: [arnOf(tableId)],
      },
    });
    template.resourceCountIs('AWS::Backup::BackupSelection', 1);
  });

  test('the role is assumed by AWS Backup with the backup and restore managed policies', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' })] },
      ManagedPolicyArns: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup']] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores']] },
      ],
    });
  });

  test('the role may use the table key and nothing else, through a customer-managed policy (no inline policy)', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const { properties } = onlyResource(template, 'AWS::IAM::ManagedPolicy');
    expect(properties.Roles).toEqual([{ Ref: stack.getLogicalId(plan.role.node.defaultChild as any) }]);
    expect(properties.Description).toMatch(/keys of the tables of TestStack\/Backup/);
    const keyArn = arnOf(stack.getLogicalId(table.createdKey!.node.defaultChild as any));
    expect(properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'],
      Resource: keyArn,
    }, {
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: keyArn,
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }]);
  });

  test('the role trusts AWS Backup on behalf of this account only (confused deputy; IfExists so a missing key cannot lock AWS Backup out)', () => {
    const { properties } = onlyResource(template, 'AWS::IAM::Role');
    expect(properties.AssumeRolePolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Service: 'backup.amazonaws.com' },
      Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } },
    }]);
  });

  test('the vault key denies kms:CreateGrant unless the grant is for an AWS resource or the caller is an AWS service (CT.KMS.PR.3)', () => {
    const vaultKeyId = stack.getLogicalId(plan.encryptionKey.node.defaultChild as any);
    expect(template.findResources('AWS::KMS::Key')[vaultKeyId].Properties.KeyPolicy.Statement).toContainEqual(GRANTS_FOR_AWS_SERVICES_ONLY);
  });

  test('the AWS managed backup and restore policies are acknowledged on the role, each by its ARN, with the reason', () => {
    const found = acknowledgementsIn(stack).filter(a => a.path.startsWith('TestStack/Backup'));
    expect(found.map(a => `${a.path} ${a.id}`)).toEqual(['Backup', 'Restores'].map(kind =>
      `TestStack/Backup/Role AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyFor${kind}]`));
    for (const a of found) expect(a.reason).toMatch(/policies AWS documents for the role AWS Backup assumes; AWS keeps them current/);
  });

  test('no vault lock unless asked', () => {
    template.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: Match.absent() });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('joining a plan', () => {
  test('ProductionTable backup prop, addTable and tables all land in one selection', () => {
    const stack = testStack();
    const a = new TableV2(stack, 'A', { partitionKey });
    const plan = new TableBackupPlan(stack, 'Backup', { tables: [a] });
    const b = new ProductionTable(stack, 'B', { partitionKey, backup: plan });
    const c = new TableV2(stack, 'C', { partitionKey });
    plan.addTable(c);
    plan.addTable(c);
    const resources = templateOf(stack).findResources('AWS::Backup::BackupSelection');
    const selected = Object.values(resources)[0].Properties.BackupSelection.Resources;
    expect(selected).toEqual([a, b, c].map(t => arnOf(stack.getLogicalId(t.node.defaultChild as any))));
  });

  test('a plan with no table fails synthesis with a clear message', () => {
    const stack = testStack();
    new TableBackupPlan(stack, 'Backup');
    expect(() => templateOf(stack)).toThrow(/TestStack\/Backup: tables is empty; add a table/);
  });

  test('an imported table joins by its ARN', () => {
    const stack = testStack();
    const imported = TableV2.fromTableArn(stack, 'Imported', 'arn:aws:dynamodb:us-east-1:123456789012:table/legacy');
    new TableBackupPlan(stack, 'Backup', { tables: [imported] });
    templateOf(stack).hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: { Resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/legacy'] },
    });
  });
});

describe('schedules', () => {
  test('typed factories set times, retention and cold storage', () => {
    const stack = testStack();
    new TableBackupPlan(stack, 'Backup', {
      tables: [new TableV2(stack, 'T', { partitionKey })],
      schedules: [
        BackupSchedule.daily({ hourUtc: 2, retention: Duration.days(7) }),
        BackupSchedule.monthly({ dayOfMonth: 15, hourUtc: 1, retention: Duration.days(730), moveToColdStorageAfter: Duration.days(90) }),
        BackupSchedule.custom({ ruleName: 'Hourly', schedule: events.Schedule.cron({ minute: '30' }), retention: Duration.days(2) }),
      ],
    });
    templateOf(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({ RuleName: 'Daily', ScheduleExpression: 'cron(0 2 * * ? *)', Lifecycle: { DeleteAfterDays: 7 } }),
          Match.objectLike({ RuleName: 'Monthly', ScheduleExpression: 'cron(0 1 15 * ? *)', Lifecycle: { DeleteAfterDays: 730, MoveToColdStorageAfterDays: 90 } }),
          Match.objectLike({ RuleName: 'Hourly', ScheduleExpression: 'cron(30 * * * ? *)', Lifecycle: { DeleteAfterDays: 2 } }),
        ],
      },
    });
  });

  test('monthly without cold storage', () => {
    const stack = testStack();
    new TableBackupPlan(stack, 'Backup', {
      tables: [new TableV2(stack, 'T', { partitionKey })],
      schedules: [BackupSchedule.monthly({ disableColdStorage: true })],
    });
    templateOf(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 365 } })] },
    });
  });

  test.each([
    ['schedules[Daily].hourUtc', () => [BackupSchedule.daily({ hourUtc: 24 })], /hourUtc is 24, not an hour of the day; use a whole number from 0 to 23/],
    ['schedules[Monthly].dayOfMonth', () => [BackupSchedule.monthly({ dayOfMonth: 31 })], /dayOfMonth is 31, which not every month has/],
    ['schedules[Daily].retention', () => [BackupSchedule.daily({ retention: Duration.hours(12) })], /retention is 12 hours, shorter than AWS Backup's one-day minimum/],
    ['schedules[Monthly].moveToColdStorageAfter', () => [BackupSchedule.monthly({ retention: Duration.days(100) })], /keeps a cold recovery point at least 90 days; make retention at least 120 days/],
    ['schedules[Hourly].schedule', () => [BackupSchedule.custom({ ruleName: 'Hourly', schedule: events.Schedule.rate(Duration.hours(1)), retention: Duration.days(1) })], /schedule is rate\(1 hour\), but AWS Backup takes cron expressions only/],
    ['schedules', () => [], /schedules is empty/],
    ['schedules', () => [BackupSchedule.daily(), BackupSchedule.daily()], /two rules named "Daily"/],
  ])('%s is checked', (property, schedules, message) => {
    const stack = testStack();
    const error = kitErrorOf(() => new TableBackupPlan(stack, 'Backup', { schedules: schedules() }));
    expect(error.property).toBe(property);
    expect(error.message).toMatch(/^TestStack\/Backup: /);
    expect(error.message).toMatch(message);
  });
});

describe('copies to another region or account', () => {
  test('every rule copies to the destination vault with the same lifecycle', () => {
    const stack = testStack();
    const dr = backup.BackupVault.fromBackupVaultArn(stack, 'Dr', 'arn:aws:backup:eu-west-1:111122223333:backup-vault:dr');
    new TableBackupPlan(stack, 'Backup', { tables: [new TableV2(stack, 'T', { partitionKey })], copyTo: { destinationVault: dr } });
    templateOf(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({ RuleName: 'Daily', CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:dr', Lifecycle: { DeleteAfterDays: 35 } }] }),
          Match.objectLike({ RuleName: 'Monthly', CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:dr', Lifecycle: { DeleteAfterDays: 365, MoveToColdStorageAfterDays: 30 } }] }),
        ],
      },
    });
  });

  test('copy retention can differ', () => {
    const stack = testStack();
    const dr = backup.BackupVault.fromBackupVaultArn(stack, 'Dr', 'arn:aws:backup:eu-west-1:111122223333:backup-vault:dr');
    new TableBackupPlan(stack, 'Backup', {
      tables: [new TableV2(stack, 'T', { partitionKey })],
      schedules: [BackupSchedule.daily()],
      copyTo: { destinationVault: dr, retention: Duration.days(90) },
    });
    templateOf(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [Match.objectLike({ CopyActions: [{ DestinationBackupVaultArn: Match.anyValue(), Lifecycle: { DeleteAfterDays: 90 } }] })],
      },
    });
  });
});

describe('vault lock', () => {
  test('governance mode: locked, with a warning', () => {
    const stack = testStack();
    new TableBackupPlan(stack, 'Backup', { tables: [new TableV2(stack, 'T', { partitionKey })], vaultLock: { minRetention: Duration.days(7) } });
    const template = templateOf(stack);
    template.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { MinRetentionDays: 7 } });
    Annotations.fromStack(stack).hasWarning('/TestStack/Backup', Match.stringLikeRegexp('governance mode'));
  });

  test('compliance mode: immutable after the grace time, loudly', () => {
    const stack = testStack();
    new TableBackupPlan(stack, 'Backup', {
      tables: [new TableV2(stack, 'T', { partitionKey })],
      vaultLock: { minRetention: Duration.days(30), maxRetention: Duration.days(400), changeableFor: Duration.days(3) },
    });
    templateOf(stack).hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 30, MaxRetentionDays: 400, ChangeableForDays: 3 },
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/Backup', Match.stringLikeRegexp('compliance mode.*This cannot be undone'));
  });

  test.each([
    ['vaultLock.maxRetention', { minRetention: Duration.days(30), maxRetention: Duration.days(10) }, /shorter than minRetention/],
    ['vaultLock.changeableFor', { minRetention: Duration.days(1), changeableFor: Duration.days(1) }, /3-day minimum grace time/],
    ['vaultLock', { minRetention: Duration.days(60) }, /schedule "Daily" keeps 35 days, so its backups would fail/],
    ['vaultLock', { minRetention: Duration.days(1), maxRetention: Duration.days(100) }, /schedule "Monthly" keeps 365 days/],
  ])('%s is checked', (property, vaultLock, message) => {
    const stack = testStack();
    const error = kitErrorOf(() => new TableBackupPlan(stack, 'Backup', { vaultLock }));
    expect(error.property).toBe(property);
    expect(error.message).toMatch(message);
  });
});

describe('your own key and vault name', () => {
  test('the vault uses the given key and name; no key is created', () => {
    const stack = testStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new TableBackupPlan(stack, 'Backup', { tables: [new TableV2(stack, 'T', { partitionKey })], encryptionKey: key, backupVaultName: 'orders' });
    const template = templateOf(stack);
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: 'orders',
      EncryptionKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    template.resourceCountIs('AWS::KMS::Key', 0);
  });
});

describe('cdk-nag backup rules (HIPAA, NIST 800-53 R5)', () => {
  // cdk-nag's DynamoDB rules inspect AWS::DynamoDB::Table only, so the check uses `Table`.
  function nagViolations(inPlan: boolean) {
    const app = testApp();
    const stack = testStack({}, app);
    const table = new Table(stack, 'Orders', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    if (inPlan) new TableBackupPlan(stack, 'Backup', { tables: [table] });
    const rules = (pack: HIPAASecurityChecks | NIST80053R5Checks) => pack.validateScope(stack).violations
      .map(v => v.ruleName)
      .filter(name => /DynamoDB(InBackupPlan|PITREnabled)/.test(name));
    return { hipaa: rules(new HIPAASecurityChecks()), nist: rules(new NIST80053R5Checks()), app };
  }

  test('a table in a TableBackupPlan passes DynamoDBInBackupPlan and DynamoDBPITREnabled', () => {
    const { hipaa, nist, app } = nagViolations(true);
    expect(hipaa).toEqual([]);
    expect(nist).toEqual([]);
    Validations.of(app).addPlugins(new HIPAASecurityChecks(app), new NIST80053R5Checks(app));
    expect(() => app.synth()).not.toThrow(/DynamoDBInBackupPlan/);
  });

  test('the same table outside a plan fails them (the check can fail)', () => {
    const { hipaa, nist } = nagViolations(false);
    expect(hipaa).toEqual([expect.stringMatching(/HIPAA.Security-DynamoDBInBackupPlan/)]);
    expect(nist).toEqual([expect.stringMatching(/NIST.800.53.R5-DynamoDBInBackupPlan/)]);
  });
});

describe('the key policy follows the tables', () => {
  test('tables without a customer-managed key: no policy besides the AWS managed ones', () => {
    const stack = testStack();
    new TableBackupPlan(stack, 'Backup', { tables: [new TableV2(stack, 'T', { partitionKey })] });
    const template = templateOf(stack);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('two tables with keys: one policy, one statement per key', () => {
    const stack = testStack();
    const a = new ProductionTable(stack, 'A', { partitionKey });
    const b = new ProductionTable(stack, 'B', { partitionKey });
    new TableBackupPlan(stack, 'Backup', { tables: [a, b] });
    const template = templateOf(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const statements = onlyResource(template, 'AWS::IAM::ManagedPolicy').properties.PolicyDocument.Statement;
    for (const t of [a, b]) {
      const keyArn = arnOf(stack.getLogicalId(t.createdKey!.node.defaultChild as any));
      const forKey = statements.filter((st: any) => JSON.stringify(st.Resource) === JSON.stringify(keyArn));
      expect(forKey.map((st: any) => st.Condition)).toEqual([undefined, { Bool: { 'kms:GrantIsForAWSResource': 'true' } }]);
    }
    expect(statements).toHaveLength(4);
  });
});

describe('AwsSolutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1, Serverless and DynamoDbProduction', () => {
  const packs = () => [
    new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(),
    new PCIDSS321Checks(), new ServerlessChecks(), new DynamoDbProductionChecks(),
  ];

  test('nothing unacknowledged in the plan (default props)', () => {
    const app = testApp();
    const stack = testStack({}, app);
    new TableBackupPlan(stack, 'Backup', { tables: [new ProductionTable(stack, 'Orders', { partitionKey })] });
    expect(unacknowledgedFindings(app, packs()).filter(f => f.includes(' TestStack/Backup/'))).toEqual([]);
  });

  test('the checks can fail: another AWS managed policy on the role is reported', () => {
    const app = testApp();
    const stack = testStack({}, app);
    const plan = new TableBackupPlan(stack, 'Backup', { tables: [new ProductionTable(stack, 'Orders', { partitionKey })] });
    plan.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    expect(unacknowledgedFindings(app, packs()).filter(f => f.includes(' TestStack/Backup/')))
      .toEqual(['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess] TestStack/Backup/Role/Resource']);
  });
});

describe('TableBackupPlan validates before it builds', () => {
  test('a bad schedule is refused before the vault, its key or the plan exist', () => {
    const stack = testStack();
    expect(() => new TableBackupPlan(stack, 'Backup', { schedules: [BackupSchedule.daily({ hourUtc: 24 })] })).toThrow(/schedules\[Daily\]\.hourUtc is 24/);
    expect(stack.node.tryFindChild('Backup')?.node.children.map(child => child.node.id) ?? []).toEqual([]);
  });
});
