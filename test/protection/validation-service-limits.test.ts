import { CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BackupSchedule, ProductionTable, ScheduledExport, TableBackupPlan } from '../../src';
import { testStack } from '../helpers/app';
import { expectKitError } from '../helpers/errors';

/* Issue #12: backup rules AWS Backup rejects, archive rules S3 rejects, tokens not judged. */

const partitionKey = { name: 'pk', type: AttributeType.STRING };

function plan(schedules: BackupSchedule[], stack: Stack = testStack()): TableBackupPlan {
  return new TableBackupPlan(stack, 'Backups', { schedules });
}

const custom = (ruleName: string, schedule = events.Schedule.cron({ minute: '0', hour: '3' })) =>
  BackupSchedule.custom({ ruleName, schedule, retention: Duration.days(7) });

describe('backup rule names AWS Backup rejects (^[a-zA-Z0-9\\-\\_\\.]{1,50}$)', () => {
  test.each(['', 'nightly backup', 'sauvegarde-été', 'x'.repeat(51)])('%j', ruleName => {
    expectKitError(() => plan([custom(ruleName)]), {
      path: 'TestStack/Backups', property: `schedules[${ruleName}].ruleName`, message: /ruleName is ".*", which AWS Backup rejects; use 1 to 50 letters, digits, "-", "_" or "."/,
    });
  });

  test('a name of 50 allowed characters is accepted', () => {
    expect(() => plan([custom('Nightly-1_a.b'.padEnd(50, 'x'))])).not.toThrow();
  });
});

describe('schedules more frequent than hourly (AWS Backup\'s shortest interval is one hour)', () => {
  test.each(['cron(* * * * ? *)', 'cron(*/15 * * * ? *)', 'cron(0,30 * * * ? *)', 'cron(0-5 3 * * ? *)'])('%s', expression => {
    expectKitError(() => plan([custom('Frequent', events.Schedule.expression(expression))]), {
      path: 'TestStack/Backups', property: 'schedules[Frequent].schedule', message: /runs more often than once an hour .* but AWS Backup's shortest interval is one hour; give the minute as one number/,
    });
  });

  test('hourly is accepted', () => {
    expect(() => plan([custom('Hourly', events.Schedule.expression('cron(0 * * * ? *)'))])).not.toThrow();
  });
});

describe('tokens are not range-checked', () => {
  test('hourUtc, dayOfMonth and retentions from parameters', () => {
    const stack = testStack();
    const hour = new CfnParameter(stack, 'Hour', { type: 'Number' }).valueAsNumber;
    const days = new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber;
    expect(() => plan([
      BackupSchedule.daily({ hourUtc: hour, retention: Duration.days(days) }),
      BackupSchedule.monthly({ hourUtc: Lazy.number({ produce: () => 4 }), dayOfMonth: days, disableColdStorage: true }),
    ], stack)).not.toThrow();
  });
});

describe('the export bucket\'s archive rule', () => {
  function exportWith(archiveAfter: Duration, archiveStorageClass?: s3.StorageClass, stack: Stack = testStack()): ScheduledExport {
    return new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'Orders', { partitionKey }), archiveAfter, archiveStorageClass });
  }

  test('archiveAfter in hours is our error, not aws-cdk-lib\'s "Resolution error"', () => {
    expectKitError(() => exportWith(Duration.hours(36)), {
      path: 'TestStack/Export', property: 'archiveAfter', message: /archiveAfter is 1 day 12 hours, not a whole number of days; S3 lifecycle rules count whole days/,
    });
  });

  test('STANDARD_IA after fewer than 30 days', () => {
    expectKitError(() => exportWith(Duration.days(1), s3.StorageClass.INFREQUENT_ACCESS), {
      path: 'TestStack/Export', property: 'archiveAfter', message: /archiveAfter is 1 day, but S3 moves objects to STANDARD_IA only after at least 30 days; use Duration.days\(30\) or more/,
    });
  });

  test('ONEZONE_IA after 29 days', () => {
    expectKitError(() => exportWith(Duration.days(29), s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS), {
      path: 'TestStack/Export', property: 'archiveAfter', message: /only after at least 30 days/,
    });
  });

  test('STANDARD_IA after 30 days and GLACIER after 1 day are accepted', () => {
    expect(() => exportWith(Duration.days(30), s3.StorageClass.INFREQUENT_ACCESS)).not.toThrow();
    expect(() => exportWith(Duration.days(1), s3.StorageClass.GLACIER)).not.toThrow();
  });
});
