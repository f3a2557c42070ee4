import { Duration, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import { checkProps } from '../shared/check-props';
import { invalid, show } from '../shared/errors';
import { requireConvertibleToken } from '../shared/token-durations';

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
    checkProps('BackupSchedule.daily', 'cdk-dynamodb-kit.DailyBackupOptions', options);
    return new RuleSchedule('Daily', 'daily', {
      hourUtc: options.hourUtc ?? 5,
      retention: options.retention ?? Duration.days(35),
    });
  }

  /**
   * A monthly backup, kept a year and moved to cold storage after 30 days unless you say otherwise.
   */
  public static monthly(options: MonthlyBackupOptions = {}): BackupSchedule {
    checkProps('BackupSchedule.monthly', 'cdk-dynamodb-kit.MonthlyBackupOptions', options);
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
    checkProps('BackupSchedule.custom', 'cdk-dynamodb-kit.CustomBackupOptions', options);
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

/** AWS Backup's rule names: 1 to 50 letters, digits, "-", "_" or "." (`^[a-zA-Z0-9\-\_\.]{1,50}$`). */
const RULE_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;

function validateRuleName(path: string, property: string, ruleName: string): void {
  if (Token.isUnresolved(ruleName)) return;
  if (typeof ruleName !== 'string' || !RULE_NAME.test(ruleName)) {
    const shown = typeof ruleName === 'string' && ruleName.length > 60 ? `${ruleName.slice(0, 60)}...` : ruleName;
    invalid(path, `${property}.ruleName`, `is ${show(shown)}, which AWS Backup rejects`, 'use 1 to 50 letters, digits, "-", "_" or ".", such as "Hourly".');
  }
}

/**
 * AWS Backup takes cron expressions, at most once an hour: the minute field must be one minute
 * (`cron(0 * * * ? *)` is hourly; `*`, a range, a list or a step in it runs more often).
 */
function validateCron(path: string, property: string, expression: string): void {
  if (Token.isUnresolved(expression)) return;
  if (!expression.startsWith('cron(')) {
    invalid(path, property, `is ${expression}, but AWS Backup takes cron expressions only`, 'use events.Schedule.cron({...}).');
  }
  const minute = expression.slice('cron('.length).trim().split(/\s+/)[0];
  if (!/^\d{1,2}$/.test(minute) || Number(minute) > 59) {
    invalid(path, property, `is ${expression}, which runs more often than once an hour (minute field ${show(minute)}), but AWS Backup's shortest interval is one hour`,
      'give the minute as one number, e.g. events.Schedule.cron({ minute: "0" }) for hourly or events.Schedule.cron({ minute: "0", hour: "*/12" }).');
  }
}

/** A duration in days (fractions kept); undefined for a token, which is left to the deploy. */
function daysOf(duration: Duration): number | undefined {
  return duration.isUnresolved() ? undefined : duration.toDays({ integral: false });
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
    validateRuleName(path, property, this.ruleName);
    // Tokens (a CfnParameter's valueAsNumber, Lazy.number) are not judged: the deploy checks them.
    if (s.hourUtc !== undefined && !Token.isUnresolved(s.hourUtc) && !(Number.isInteger(s.hourUtc) && s.hourUtc >= 0 && s.hourUtc <= 23)) {
      invalid(path, `${property}.hourUtc`, `is ${show(s.hourUtc)}, not an hour of the day`, 'use a whole number from 0 to 23.');
    }
    const day = s.dayOfMonth;
    if (day !== undefined && !Token.isUnresolved(day) && !(Number.isInteger(day) && day >= 1 && day <= 28)) {
      invalid(path, `${property}.dayOfMonth`, `is ${show(s.dayOfMonth)}, which not every month has`, 'use a whole number from 1 to 28.');
    }
    if (s.schedule) validateCron(path, `${property}.schedule`, s.schedule.expressionString);
    const retentionDays = daysOf(s.retention);
    if (retentionDays !== undefined && retentionDays < 1) {
      invalid(path, `${property}.retention`, `is ${s.retention.toHumanString()}, shorter than AWS Backup's one-day minimum`, 'keep recovery points at least Duration.days(1).');
    }
    // AWS Backup's lifecycle counts whole days (aws-cdk-lib's BackupPlanRule converts with toDays()).
    for (const [name, duration] of [['retention', s.retention], ['moveToColdStorageAfter', s.moveToColdStorageAfter]] as const) {
      if (duration?.isUnresolved()) requireConvertibleToken(path, `${property}.${name}`, duration, 'days');
      const days = duration && daysOf(duration);
      if (days !== undefined && !Number.isInteger(days)) {
        invalid(path, `${property}.${name}`, `is ${duration!.toHumanString()}, not a whole number of days`, 'use Duration.days(n): AWS Backup counts lifecycle days.');
      }
    }
    const coldDays = s.moveToColdStorageAfter && daysOf(s.moveToColdStorageAfter);
    if (coldDays !== undefined && retentionDays !== undefined && retentionDays - coldDays < MIN_COLD_STORAGE_DAYS) {
      invalid(path, `${property}.moveToColdStorageAfter`, `is ${s.moveToColdStorageAfter!.toHumanString()} with retention ${s.retention.toHumanString()}, but AWS Backup keeps a cold recovery point at least ${MIN_COLD_STORAGE_DAYS} days`,
        `make retention at least ${coldDays + MIN_COLD_STORAGE_DAYS} days, or move to cold storage earlier.`);
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
