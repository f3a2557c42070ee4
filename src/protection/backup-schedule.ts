import { Duration, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import { invalid, show } from '../shared/errors';

/** The shortest retention AWS Backup accepts after a move to cold storage. */
const MIN_COLD_STORAGE_DAYS = 90;

/**
 * Options of a daily backup.
 */
export interface DailyBackupOptions {
  /**
   * The hour (UTC, 0-23) the backup window opens.
   *
   * @default 5 - early morning in the Americas and Europe, outside most peak traffic
   */
  readonly hourUtc?: number;

  /**
   * How long each daily recovery point is kept.
   *
   * @default Duration.days(35) - matches the longest point-in-time recovery window, so a daily
   * snapshot covers at least as far back as PITR does
   */
  readonly retention?: Duration;
}

/**
 * Options of a monthly backup.
 */
export interface MonthlyBackupOptions {
  /**
   * The day of the month (1-28) the backup is taken.
   *
   * @default 1
   */
  readonly dayOfMonth?: number;

  /**
   * The hour (UTC, 0-23) the backup window opens.
   *
   * @default 5
   */
  readonly hourUtc?: number;

  /**
   * How long each monthly recovery point is kept.
   *
   * @default Duration.days(365) - a year of month-end history for audits and late-found corruption
   */
  readonly retention?: Duration;

  /**
   * How long after creation a recovery point moves to cold storage (cheaper, slower to restore).
   * Needs AWS Backup's advanced DynamoDB backup features turned on in the account; the
   * retention must be at least 90 days longer than this.
   *
   * @default Duration.days(30) - recent months stay warm for a quick restore
   */
  readonly moveToColdStorageAfter?: Duration;

  /**
   * Keep monthly recovery points warm (no cold-storage transition), for accounts without AWS
   * Backup's advanced DynamoDB features.
   *
   * @default false
   */
  readonly disableColdStorage?: boolean;
}

/**
 * Options of a backup on your own schedule.
 */
export interface CustomBackupOptions {
  /**
   * A name for the rule, unique in the plan.
   */
  readonly ruleName: string;

  /**
   * When the backup runs (a cron or rate expression, UTC).
   */
  readonly schedule: events.Schedule;

  /**
   * How long each recovery point is kept.
   */
  readonly retention: Duration;

  /**
   * How long after creation a recovery point moves to cold storage.
   *
   * @default - never
   */
  readonly moveToColdStorageAfter?: Duration;
}

/**
 * When a `TableBackupPlan` backs up, and how long it keeps each recovery point.
 *
 * One rule of the plan: `BackupSchedule.daily()`, `BackupSchedule.monthly()` or
 * `BackupSchedule.custom({...})`.
 */
export abstract class BackupSchedule {
  /**
   * A daily backup, kept 35 days unless you say otherwise.
   */
  public static daily(options: DailyBackupOptions = {}): BackupSchedule {
    return new RuleSchedule('Daily', 'daily', {
      hourUtc: options.hourUtc ?? 5,
      retention: options.retention ?? Duration.days(35),
    });
  }

  /**
   * A monthly backup, kept a year and moved to cold storage after 30 days unless you say otherwise.
   */
  public static monthly(options: MonthlyBackupOptions = {}): BackupSchedule {
    return new RuleSchedule('Monthly', 'monthly', {
      hourUtc: options.hourUtc ?? 5,
      dayOfMonth: options.dayOfMonth ?? 1,
      retention: options.retention ?? Duration.days(365),
      moveToColdStorageAfter: options.disableColdStorage ? undefined : (options.moveToColdStorageAfter ?? Duration.days(30)),
    });
  }

  /**
   * A backup on your own schedule.
   */
  public static custom(options: CustomBackupOptions): BackupSchedule {
    return new RuleSchedule(options.ruleName, 'custom', {
      schedule: options.schedule,
      retention: options.retention,
      moveToColdStorageAfter: options.moveToColdStorageAfter,
    });
  }

  /** The rule's name in the plan. */
  public abstract readonly ruleName: string;

  /** How long each recovery point is kept. */
  public abstract readonly retention: Duration;

  /**
   * Checks the schedule's own settings (called by the plan's validation, before any render).
   *
   * @internal
   */
  public abstract _validate(constructPath: string): void;

  /**
   * Renders the rule of a validated schedule.
   *
   * @internal
   */
  public abstract _render(vault: backup.IBackupVault, copyTo: backup.IBackupVault[], copyRetention?: Duration): backup.BackupPlanRule;
}

interface RuleSettings {
  readonly hourUtc?: number;
  readonly dayOfMonth?: number;
  readonly schedule?: events.Schedule;
  readonly retention: Duration;
  readonly moveToColdStorageAfter?: Duration;
}

class RuleSchedule extends BackupSchedule {
  constructor(public readonly ruleName: string, private readonly kind: 'daily' | 'monthly' | 'custom', private readonly settings: RuleSettings) {
    super();
  }

  public get retention(): Duration {
    return this.settings.retention;
  }

  public _validate(path: string): void {
    const s = this.settings;
    const property = `schedules[${this.ruleName}]`;
    if (s.hourUtc !== undefined && !(Number.isInteger(s.hourUtc) && s.hourUtc >= 0 && s.hourUtc <= 23)) {
      invalid(path, `${property}.hourUtc`, `is ${show(s.hourUtc)}, not an hour of the day`, 'use a whole number from 0 to 23.');
    }
    if (s.dayOfMonth !== undefined && !(Number.isInteger(s.dayOfMonth) && s.dayOfMonth >= 1 && s.dayOfMonth <= 28)) {
      invalid(path, `${property}.dayOfMonth`, `is ${show(s.dayOfMonth)}, which not every month has`, 'use a whole number from 1 to 28.');
    }
    if (s.schedule && !s.schedule.expressionString.startsWith('cron(')) {
      invalid(path, `${property}.schedule`, `is ${s.schedule.expressionString}, but AWS Backup takes cron expressions only`, 'use events.Schedule.cron({...}).');
    }
    const retentionDays = s.retention.toDays({ integral: false });
    if (retentionDays < 1) {
      invalid(path, `${property}.retention`, `is ${s.retention.toHumanString()}, shorter than AWS Backup's one-day minimum`, 'keep recovery points at least Duration.days(1).');
    }
    // AWS Backup's lifecycle counts whole days (aws-cdk-lib's BackupPlanRule converts with toDays()).
    for (const [name, duration] of [['retention', s.retention], ['moveToColdStorageAfter', s.moveToColdStorageAfter]] as const) {
      if (duration && !Token.isUnresolved(duration.toSeconds()) && !Number.isInteger(duration.toDays({ integral: false }))) {
        invalid(path, `${property}.${name}`, `is ${duration.toHumanString()}, not a whole number of days`, 'use Duration.days(n): AWS Backup counts lifecycle days.');
      }
    }
    if (s.moveToColdStorageAfter) {
      const coldDays = s.moveToColdStorageAfter.toDays({ integral: false });
      if (retentionDays - coldDays < MIN_COLD_STORAGE_DAYS) {
        invalid(path, `${property}.moveToColdStorageAfter`, `is ${s.moveToColdStorageAfter.toHumanString()} with retention ${s.retention.toHumanString()}, but AWS Backup keeps a cold recovery point at least ${MIN_COLD_STORAGE_DAYS} days`,
          `make retention at least ${coldDays + MIN_COLD_STORAGE_DAYS} days, or move to cold storage earlier.`);
      }
    }
  }

  public _render(vault: backup.IBackupVault, copyTo: backup.IBackupVault[], copyRetention?: Duration): backup.BackupPlanRule {
    const s = this.settings;
    const copyActions = copyTo.map(destination => ({
      destinationBackupVault: destination,
      deleteAfter: copyRetention ?? s.retention,
      moveToColdStorageAfter: copyRetention ? undefined : s.moveToColdStorageAfter,
    }));
    return new backup.BackupPlanRule({
      ruleName: this.ruleName,
      backupVault: vault,
      scheduleExpression: s.schedule ?? this.cron(),
      deleteAfter: s.retention,
      moveToColdStorageAfter: s.moveToColdStorageAfter,
      startWindow: Duration.hours(1),
      completionWindow: Duration.hours(8),
      copyActions: copyActions.length > 0 ? copyActions : undefined,
    });
  }

  private cron(): events.Schedule {
    const hour = String(this.settings.hourUtc);
    if (this.kind === 'monthly') {
      return events.Schedule.cron({ minute: '0', hour, day: String(this.settings.dayOfMonth), month: '*', year: '*' });
    }
    return events.Schedule.cron({ minute: '0', hour, day: '*', month: '*', year: '*' });
  }
}
