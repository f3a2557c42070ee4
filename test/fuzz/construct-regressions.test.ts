import { CfnParameter, Duration, Lazy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { AttributeType, Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BackupSchedule, ExportMode, ProductionTable, ScheduledExport, TableBackupPlan, TableBackupPlanProps, TableMonitoring, TableMonitoringProps } from '../../src';
import { templateOf, testStack } from '../helpers/app';
import { kitErrorOf } from '../helpers/errors';

/**
 * Counterexamples the fuzzers of TableMonitoring, TableBackupPlan and ScheduledExport found, fixed,
 * and kept here in their smallest form: each was an aws-cdk-lib error that did not name our property.
 */

const partitionKey = { name: 'pk', type: AttributeType.STRING };

describe('TableMonitoring, found by the fuzzer', () => {
  test.each([['a slash', 'slash/name'], ['a space', 'has space'], ['empty', ''], ['256 characters', 'x'.repeat(256)]])('dashboardName with %s (aws-cdk-lib: InvalidDashboardName)', (_label, dashboardName) => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    const error = kitErrorOf(() => new TableMonitoring(stack, 'Monitoring', { table, dashboard: true, dashboardName }));
    expect(error.property).toBe('dashboardName');
    expect(error.message.startsWith('TestStack/Monitoring: dashboardName ')).toBe(true);
  });

  function monitoringError(props: Partial<TableMonitoringProps>) {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    return kitErrorOf(() => new TableMonitoring(stack, 'Monitoring', { table, ...props }));
  }

  test('a token alarm period (aws-cdk-lib: PeriodMustBeValidInterval, with the encoded number)', () => {
    const error = monitoringError({ readThrottles: { period: Duration.seconds(Lazy.number({ produce: () => 60 })) } });
    expect(error.property).toBe('readThrottles.period');
    expect(error.message).toMatch(/readThrottles.period is a token, which aws-cdk-lib's CloudWatch metrics cannot take .*; give the period as a Duration/);
  });

  test('a token datapointsToAlarm no longer skips the period check after it', () => {
    const datapointsToAlarm = Lazy.number({ produce: () => 1 });
    const error = monitoringError({ readThrottles: { datapointsToAlarm, period: Duration.millis(1) } });
    expect(error.property).toBe('readThrottles.period');
    expect(error.message).toMatch(/readThrottles.period is 0.001 seconds; DynamoDB publishes one-minute data/);
  });

  test('a token latency threshold (it is written into the metric math expression)', () => {
    const threshold = Duration.millis(new CfnParameter(testStack(), 'Ms', { type: 'Number' }).valueAsNumber);
    const error = monitoringError({ latency: { operations: [{ operation: Operation.GET_ITEM, threshold }] } });
    expect(error.property).toBe('latency.operations');
    expect(error.message).toMatch(/gives "GetItem" a token threshold, but thresholds are written into the alarm's metric math expression at synthesis; give the threshold as a Duration/);
  });

  test('a latency threshold of a fraction of a millisecond (aws-cdk-lib: MustBeWholeNumber)', () => {
    const error = monitoringError({ latency: { operations: [{ operation: Operation.GET_ITEM, threshold: Duration.millis(0.5) }] } });
    expect(error.property).toBe('latency.operations');
    expect(error.message).toMatch(/gives "GetItem" a threshold of 0.5 ms; use a positive whole number of milliseconds/);
  });

  test('two token replica regions (aws-cdk-lib: "There is already a Construct")', () => {
    const stack = testStack();
    const table = TableV2.fromTableName(stack, 'Imported', 'orders');
    const region = (id: string) => new CfnParameter(stack, id, { default: 'eu-west-1' }).valueAsString;
    new TableMonitoring(stack, 'Monitoring', { table, replicaRegions: [region('A'), region('B')] });
    const ids = Object.keys(templateOf(stack).findResources('AWS::CloudWatch::Alarm'));
    expect(ids.filter(id => id.startsWith('MonitoringReplicationLatencyToken'))).toHaveLength(2);
  });

  test('two indexes added later whose names read the same in a construct id (by-date, by_date)', () => {
    const stack = testStack();
    const orders = new ProductionTable(stack, 'Orders', { partitionKey });
    orders.addGlobalSecondaryIndex({ indexName: 'by-date', partitionKey: { name: 'day', type: AttributeType.STRING } });
    orders.addGlobalSecondaryIndex({ indexName: 'by_date', partitionKey: { name: 'day', type: AttributeType.STRING } });
    const ids = Object.keys(templateOf(stack).findResources('AWS::CloudWatch::Alarm'));
    expect(ids.filter(id => /ThrottlesIndexByDate/.test(id))).toHaveLength(2);
  });

  test('an index name DynamoDB could not have (aws-cdk-lib: DimensionValueLengthInvalid)', () => {
    const error = monitoringError({ globalSecondaryIndexNames: ['x'.repeat(300)] });
    expect(error.property).toBe('globalSecondaryIndexNames');
    expect(error.message).toMatch(/globalSecondaryIndexNames "x{300}" is not a valid index name; use 3 to 255 characters/);
  });

  test('a valid dashboardName synthesizes', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    new TableMonitoring(stack, 'Monitoring', { table, dashboard: true, dashboardName: 'orders_table-health' });
    templateOf(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'orders_table-health' });
  });
});

describe('TableBackupPlan, found by the fuzzer', () => {
  function rejectedProperty(props: TableBackupPlanProps): string {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    return kitErrorOf(() => new TableBackupPlan(stack, 'Backup', { tables: [table], ...props })).property;
  }

  test.each([['a space', 'has space'], ['one character', 'a'], ['51 characters', 'x'.repeat(51)], ['dots', 'dots.in.name']])('backupVaultName with %s (aws-cdk-lib: ExpectedVaultNameMatch)', (_label, backupVaultName) => {
    expect(rejectedProperty({ backupVaultName })).toBe('backupVaultName');
  });

  test('vaultLock.minRetention below one day (aws-cdk-lib: ShortestMinimumRetentionPeriodSpecify)', () => {
    expect(rejectedProperty({ vaultLock: { minRetention: Duration.hours(0) } })).toBe('vaultLock.minRetention');
  });

  test('vaultLock durations that are not whole days (aws-cdk-lib: CannotConvertedIntoWhole)', () => {
    expect(rejectedProperty({ vaultLock: { minRetention: Duration.hours(36) } })).toBe('vaultLock.minRetention');
    expect(rejectedProperty({ vaultLock: { minRetention: Duration.days(1), maxRetention: Duration.hours(60) } })).toBe('vaultLock.maxRetention');
    expect(rejectedProperty({ vaultLock: { minRetention: Duration.days(1), changeableFor: Duration.hours(80) } })).toBe('vaultLock.changeableFor');
  });

  test('vaultLock.maxRetention equal to minRetention (aws-cdk-lib: MaximumRetentionPeriod, must be greater)', () => {
    expect(rejectedProperty({ vaultLock: { minRetention: Duration.days(35), maxRetention: Duration.days(35) } })).toBe('vaultLock.maxRetention');
  });

  test('moveToColdStorageAfter or retention not in whole days (aws-cdk-lib: CannotConvertedIntoWhole)', () => {
    expect(rejectedProperty({ schedules: [BackupSchedule.monthly({ moveToColdStorageAfter: Duration.hours(12) })] }))
      .toBe('schedules[Monthly].moveToColdStorageAfter');
    expect(rejectedProperty({ schedules: [BackupSchedule.daily({ retention: Duration.hours(36) })] })).toBe('schedules[Daily].retention');
  });

  test('copyTo.retention not in whole days', () => {
    const stack = testStack();
    const destinationVault = backup.BackupVault.fromBackupVaultArn(stack, 'Dr', 'arn:aws:backup:eu-west-1:123456789012:backup-vault:dr');
    const table = new TableV2(stack, 'Plain', { partitionKey });
    expect(kitErrorOf(() => new TableBackupPlan(stack, 'Backup', { tables: [table], copyTo: { destinationVault, retention: Duration.hours(12) } })).property)
      .toBe('copyTo.retention');
  });

  test('vaultLock.minRetention of a fractional millisecond (aws-cdk-lib: CannotConvertedIntoWhole, from our own check)', () => {
    expect(rejectedProperty({ vaultLock: { minRetention: Duration.millis(0.5) } })).toBe('vaultLock.minRetention');
  });

  test('token durations in another unit than days (aws-cdk-lib: a token cannot be converted)', () => {
    const hoursToken = () => Duration.hours(Lazy.number({ produce: () => 48 }));
    expect(rejectedProperty({ vaultLock: { minRetention: hoursToken() } })).toBe('vaultLock.minRetention');
    expect(rejectedProperty({ schedules: [BackupSchedule.daily({ retention: hoursToken() })] })).toBe('schedules[Daily].retention');
    expect(rejectedProperty({ schedules: [BackupSchedule.monthly({ moveToColdStorageAfter: hoursToken() })] })).toBe('schedules[Monthly].moveToColdStorageAfter');
  });

  test('token durations in days are not judged: they reach the template', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    const days = new CfnParameter(stack, 'Days', { type: 'Number', default: 35 }).valueAsNumber;
    new TableBackupPlan(stack, 'Backup', {
      tables: [table],
      schedules: [BackupSchedule.daily({ retention: Duration.days(days) })],
      vaultLock: { minRetention: Duration.days(days) },
    });
    const template = templateOf(stack);
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [{ Lifecycle: { DeleteAfterDays: { Ref: 'Days' } } }] },
    });
    template.hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { MinRetentionDays: { Ref: 'Days' } } });
  });

  test('a token minRetention no longer skips the 3-day changeableFor check (aws-cdk-lib: BackupEnforcesHourCoolingPeriod)', () => {
    const minRetention = Duration.days(Lazy.number({ produce: () => 7 }));
    expect(rejectedProperty({ vaultLock: { minRetention, changeableFor: Duration.hours(24) } })).toBe('vaultLock.changeableFor');
  });

  test('a lock and schedules in whole days still synthesize', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    new TableBackupPlan(stack, 'Backup', {
      tables: [table],
      backupVaultName: 'orders-vault_1',
      schedules: [BackupSchedule.daily({ retention: Duration.days(35) })],
      vaultLock: { minRetention: Duration.days(7), maxRetention: Duration.days(36), changeableFor: Duration.hours(72) },
    });
    templateOf(stack).hasResourceProperties('AWS::Backup::BackupVault', { BackupVaultName: 'orders-vault_1' });
  });
});

describe('ScheduledExport, found by the fuzzer', () => {
  function exportError(build: (table: TableV2) => ConstructorParameters<typeof ScheduledExport>[2]) {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    return kitErrorOf(() => new ScheduledExport(stack, 'Export', build(table)));
  }

  test('a token incremental window (judged as its encoded number: "outside 15 minutes to 24 hours")', () => {
    const error = exportError(table => ({ table, mode: ExportMode.incremental({ window: Duration.minutes(Lazy.number({ produce: () => 60 })) }) }));
    expect(error.property).toBe('mode.window');
    expect(error.message).toMatch(/mode.window is a token, but the window is written into the export's state machine at synthesis; give the window as a Duration/);
  });

  test('a token archiveAfter in hours (S3 lifecycle days cannot be converted from a token)', () => {
    const error = exportError(table => ({ table, archiveAfter: Duration.hours(Lazy.number({ produce: () => 48 })) }));
    expect(error.property).toBe('archiveAfter');
    expect(error.message).toMatch(/archiveAfter is a token in another unit than days, which CloudFormation cannot convert; make it from the parameter in days: Duration.days\(param.valueAsNumber\)/);
  });
});
