import { Duration, Stack, Token } from 'aws-cdk-lib';
import { CfnGlobalTable, CfnTable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BackupSchedule } from './backup-schedule';
import type { ScheduledExportProps } from './scheduled-export-props';
import type { BackupVaultLockOptions, TableBackupPlanProps } from './table-backup-plan-props';
import { checkProps } from '../shared/check-props';
import { invalid, show } from '../shared/errors';
import { requireConvertibleToken } from '../shared/token-durations';

/**
 * Checks a `TableBackupPlan`'s props, with its schedules resolved (the default pair when none are
 * given), before anything is created. Each schedule validates itself (`BackupSchedule._validate`).
 */
export function validateTableBackupPlanProps(path: string, props: TableBackupPlanProps & { readonly schedules: BackupSchedule[] }): void {
  checkProps(path, 'cdk-dynamodb-kit.TableBackupPlanProps', props);
  const schedules = props.schedules;
  if (schedules.length === 0) {
    invalid(path, 'schedules', 'is empty, so nothing would be backed up', 'pass at least one schedule, e.g. [BackupSchedule.daily()].');
  }
  const names = schedules.map(s => s.ruleName);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) {
    invalid(path, 'schedules', `has two rules named ${show(repeated)}`, 'give each BackupSchedule.custom() a unique ruleName, and use daily() and monthly() once each.');
  }
  const vaultName = props.backupVaultName;
  if (vaultName !== undefined && !Token.isUnresolved(vaultName) && !/^[a-zA-Z0-9_-]{2,50}$/.test(vaultName)) {
    invalid(path, 'backupVaultName', `is ${show(vaultName)}`, 'use 2 to 50 letters, digits, "-" or "_" (AWS Backup vault names), or leave it out.');
  }
  const copyRetention = props.copyTo?.retention;
  if (copyRetention?.isUnresolved()) {requireConvertibleToken(path, 'copyTo.retention', copyRetention, 'days');} else if (copyRetention) {
    const days = copyRetention.toDays({ integral: false });
    if (!(Number.isInteger(days) && days >= 1)) {
      invalid(path, 'copyTo.retention', `is ${copyRetention.toHumanString()}`, 'keep copies a whole number of days, at least Duration.days(1).');
    }
  }
  if (props.vaultLock) validateVaultLock(path, props.vaultLock, schedules);
  // Each schedule checks itself here, before the plan renders any of them.
  for (const schedule of schedules) schedule._validate(path);
}

/** Whole days AWS Backup accepts, a range that is one, and every schedule's retention inside it. */
function validateVaultLock(path: string, lock: BackupVaultLockOptions, schedules: BackupSchedule[]): void {
  // AWS Backup (and aws-cdk-lib's BackupVault) take whole days: at least 1, a maximum above the minimum and at most 36500.
  for (const [property, duration] of [['minRetention', lock.minRetention], ['maxRetention', lock.maxRetention], ['changeableFor', lock.changeableFor]] as const) {
    if (duration?.isUnresolved()) {
      requireConvertibleToken(path, `vaultLock.${property}`, duration, 'days');
      continue;
    }
    const days = duration?.toDays({ integral: false });
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 36500)) {
      invalid(path, `vaultLock.${property}`, `is ${duration!.toHumanString()}`, 'use a whole number of days from 1 to 36500, such as Duration.days(35).');
    }
  }
  // A token (Duration.days(param.valueAsNumber)) is skipped by the checks it takes part in, never by the others.
  const resolved = (d: Duration | undefined) => (d === undefined || d.isUnresolved() ? undefined : d);
  const changeableFor = resolved(lock.changeableFor);
  if (changeableFor && changeableFor.toDays({ integral: false }) < 3) {
    invalid(path, 'vaultLock.changeableFor', `is ${changeableFor.toHumanString()}, shorter than the 3-day minimum grace time`, 'use Duration.days(3) or more, to leave time to test before the lock is permanent.');
  }
  const min = resolved(lock.minRetention);
  const max = resolved(lock.maxRetention);
  if (!min || (lock.maxRetention && !max)) return;
  const minDays = min.toDays({ integral: false });
  const maxDays = max?.toDays({ integral: false });
  if (maxDays !== undefined && maxDays <= minDays) {
    invalid(path, 'vaultLock.maxRetention', `is ${max!.toHumanString()}, ${maxDays < minDays ? 'shorter than' : 'the same as'} minRetention ${min.toHumanString()}`, 'make maxRetention longer than minRetention.');
  }
  for (const schedule of schedules.filter(s => !s.retention.isUnresolved())) {
    const days = schedule.retention.toDays({ integral: false });
    if (days < minDays || (maxDays !== undefined && days > maxDays)) {
      invalid(path, 'vaultLock', `allows retention from ${min.toHumanString()}${max ? ` to ${max.toHumanString()}` : ''} but schedule ${show(schedule.ruleName)} keeps ${schedule.retention.toHumanString()}, so its backups would fail`,
        'widen the lock\'s retention range or change the schedule\'s retention.');
    }
  }
}

/**
 * Checks a `ScheduledExport`'s props before anything is created: the table's point-in-time
 * recovery (when it can be read), the mode (`ExportMode._validate`) and the prefix.
 */
export function validateScheduledExportProps(path: string, props: ScheduledExportProps): void {
  checkProps(path, 'cdk-dynamodb-kit.ScheduledExportProps', props);
  if (pointInTimeRecoveryOf(props.table) === false) {
    invalid(path, 'table', `is ${props.table.node.path}, which has point-in-time recovery off, and DynamoDB exports only from PITR`,
      'turn it on (ProductionTable does by default; TableV2: pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }).');
  }
  props.mode?._validate(path);
  if (props.bucket === undefined) validateArchive(path, props.archiveAfter, props.archiveStorageClass);
  if (props.prefix !== undefined && (props.prefix.startsWith('/') || props.prefix.includes('*'))) {
    invalid(path, 'prefix', `is ${JSON.stringify(props.prefix)}`, 'use a key prefix without a leading "/" or "*", such as "exports/orders/".');
  }
}

/**
 * Whether a table made in this app has point-in-time recovery on (its own region's replica for a
 * global table); undefined when the table is imported and its settings cannot be read.
 */
export function pointInTimeRecoveryOf(table: ITableV2): boolean | undefined {
  const child = table.node.defaultChild;
  const stack = Stack.of(table);
  if (child instanceof CfnGlobalTable) {
    const replicas: any[] = stack.resolve(child.replicas) ?? [];
    const local = replicas.find(r => JSON.stringify(r.region) === JSON.stringify(stack.resolve(stack.region))) ?? replicas[0];
    return local?.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === true;
  }
  if (child instanceof CfnTable) {
    return stack.resolve(child.pointInTimeRecoverySpecification)?.pointInTimeRecoveryEnabled === true;
  }
  return undefined;
}

/** S3's minimum days in STANDARD before a move to an infrequent-access class. */
const MIN_DAYS_BEFORE_INFREQUENT_ACCESS = 30;

/**
 * The created bucket's lifecycle rule: S3 counts whole days (aws-cdk-lib fails with a bare
 * "Resolution error" on `Duration.hours(36)`), and refuses STANDARD_IA or ONEZONE_IA before 30 days.
 */
function validateArchive(path: string, archiveAfter: Duration | undefined, storageClass: s3.StorageClass | undefined): void {
  if (archiveAfter === undefined) return;
  if (archiveAfter.isUnresolved()) return requireConvertibleToken(path, 'archiveAfter', archiveAfter, 'days');
  const days = archiveAfter.toDays({ integral: false });
  if (!Number.isInteger(days) || days < 0) {
    invalid(path, 'archiveAfter', `is ${archiveAfter.toHumanString()}, not a whole number of days`, 'S3 lifecycle rules count whole days: use Duration.days(n), e.g. Duration.days(30) (the default).');
  }
  const infrequent = [s3.StorageClass.INFREQUENT_ACCESS, s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS].map(c => c.value);
  if (storageClass && infrequent.includes(storageClass.value) && days < MIN_DAYS_BEFORE_INFREQUENT_ACCESS) {
    invalid(path, 'archiveAfter', `is ${archiveAfter.toHumanString()}, but S3 moves objects to ${storageClass.value} only after at least ${MIN_DAYS_BEFORE_INFREQUENT_ACCESS} days`,
      `use Duration.days(${MIN_DAYS_BEFORE_INFREQUENT_ACCESS}) or more, or archiveStorageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, which has no such minimum.`);
  }
}
