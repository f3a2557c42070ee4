import { Duration, Lazy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { alarmDescription } from '../shared/descriptions';

/**
 * One alarm's defaults, as data: how it evaluates, and why those numbers. Each construct keeps a
 * table of these (`monitoring/alarm-defaults.ts` for tables, `streams/alarm-defaults.ts` for
 * consumers); the README's tables mirror them.
 */
export interface AlarmDefaults {
  readonly threshold: number;
  /** The period the metric is aggregated over. */
  readonly period: Duration;
  readonly evaluationPeriods: number;
  /**
   * How many of the evaluation periods must breach. Left out: all of them (CloudWatch's own
   * default, and then not written to the template).
   */
  readonly datapointsToAlarm?: number;
  readonly treatMissingData: cloudwatch.TreatMissingData;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
  /** Why this default is the production-safe one. */
  readonly reason: string;
}

/** What a user may change of one alarm; every field falls back to the alarm's defaults. */
export interface AlarmOverrides {
  /** Whether to create the alarm (see `AlarmRequest.onByDefault`). */
  readonly enabled?: boolean;
  readonly threshold?: number;
  readonly period?: Duration;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: cloudwatch.TreatMissingData;
}

/** How one alarm evaluates once the overrides are applied. */
export interface ResolvedAlarm {
  readonly threshold: number;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData: cloudwatch.TreatMissingData;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
}

/** One alarm to create: its defaults, the user's overrides, its metric and what it means. */
export interface AlarmRequest {
  readonly defaults: AlarmDefaults;
  readonly overrides?: AlarmOverrides;
  /**
   * True: created unless `overrides.enabled` is false. False (an optional alarm): created only
   * when overrides are given and `enabled` is not false.
   *
   * @default true
   */
  readonly onByDefault?: boolean;
  /**
   * The metric at the resolved period (the period is a default the user may override, and math
   * expressions take it when they are built). Several metrics (a sum split to stay within
   * CloudWatch's limits per alarm) give one alarm each: `<id>`, `<id>Part2`, ...; none, no alarm.
   */
  readonly metric: (period: Duration) => cloudwatch.IMetric | cloudwatch.IMetric[];
  /** The alarm description: what is wrong and what to look at. */
  readonly description: string;
}

/** Where the alarms of one builder notify. */
export interface AlarmNotification {
  /** The action of every alarm; called once, when the first alarm is created. */
  readonly action: () => cloudwatch.IAlarmAction;
  /** Whether the action also runs when an alarm returns to OK. */
  readonly notifyOnOk: boolean;
}

/**
 * The one place alarms are made: applies the user's overrides to a defaults entry, creates the
 * `cloudwatch.Alarm` (a child of `scope`), gives it the action and keeps it. Knows nothing of
 * tables: `TableMonitoring`, `StreamConsumer` (and `DaxCluster`) pass their metrics and defaults.
 */
export class AlarmBuilder {
  private readonly created: cloudwatch.Alarm[] = [];
  private resolvedAction?: cloudwatch.IAlarmAction;

  constructor(private readonly scope: Construct, private readonly notification: AlarmNotification) {}

  /** Every alarm created so far, in creation order (a live list: later alarms join it). */
  public get alarms(): cloudwatch.Alarm[] {
    return this.created;
  }

  /** Creates the alarm(s) of a request; none when it is disabled or has no metric. */
  public create(id: string, request: AlarmRequest): cloudwatch.Alarm[] {
    const resolved = resolveAlarm(request.defaults, request.overrides, request.onByDefault ?? true);
    if (!resolved) return [];
    const metrics = ([] as cloudwatch.IMetric[]).concat(request.metric(resolved.period));
    return metrics.map((metric, i) => {
      const alarm = new cloudwatch.Alarm(this.scope, i === 0 ? id : `${id}Part${i + 1}`, {
        metric,
        threshold: resolved.threshold,
        evaluationPeriods: resolved.evaluationPeriods,
        datapointsToAlarm: resolved.datapointsToAlarm,
        treatMissingData: resolved.treatMissingData,
        comparisonOperator: resolved.comparisonOperator,
        alarmDescription: alarmDescription(request.description),
      });
      this.notify(alarm);
      this.created.push(alarm);
      return alarm;
    });
  }

  /**
   * A composite alarm in ALARM when any alarm of this builder is, including alarms created after
   * it (the rule is rendered at synthesis). It notifies like the others and is not in `alarms`.
   */
  public createAnyOf(id: string, description: string): cloudwatch.CompositeAlarm {
    const composite = new cloudwatch.CompositeAlarm(this.scope, id, {
      alarmDescription: alarmDescription(description),
      alarmRule: new LazyAnyOfRule(() => this.created),
    });
    this.notify(composite);
    return composite;
  }

  private notify(alarm: cloudwatch.AlarmBase): void {
    this.resolvedAction ??= this.notification.action();
    alarm.addAlarmAction(this.resolvedAction);
    if (this.notification.notifyOnOk) alarm.addOkAction(this.resolvedAction);
  }
}

/**
 * A defaults entry with the user's overrides applied, or undefined when the alarm is off. A
 * `datapointsToAlarm` left out follows a lowered `evaluationPeriods` ("3 of 5" becomes "2 of 2").
 */
export function resolveAlarm(defaults: AlarmDefaults, overrides: AlarmOverrides | undefined, onByDefault: boolean): ResolvedAlarm | undefined {
  const enabled = overrides?.enabled ?? (onByDefault || overrides !== undefined);
  if (!enabled) return undefined;
  const evaluationPeriods = overrides?.evaluationPeriods ?? defaults.evaluationPeriods;
  return {
    threshold: overrides?.threshold ?? defaults.threshold,
    period: overrides?.period ?? defaults.period,
    evaluationPeriods,
    datapointsToAlarm: overrides?.datapointsToAlarm
      ?? (defaults.datapointsToAlarm === undefined ? undefined : Math.min(defaults.datapointsToAlarm, evaluationPeriods)),
    treatMissingData: overrides?.treatMissingData ?? defaults.treatMissingData,
    comparisonOperator: defaults.comparisonOperator,
  };
}

/** An "any of" rule over alarms that may still be added after the composite alarm is created. */
class LazyAnyOfRule implements cloudwatch.IAlarmRule {
  constructor(private readonly alarms: () => cloudwatch.IAlarm[]) {}
  public renderAlarmRule(): string {
    return Lazy.string({ produce: () => cloudwatch.AlarmRule.anyOf(...this.alarms()).renderAlarmRule() });
  }
}
