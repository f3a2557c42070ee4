import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { DAX_ALARM_DEFAULTS, DaxAlarmDefault, DaxAlarmName } from './dax-alarm-defaults';
import { DaxClusterAlarms } from './dax-cluster-props';
import type { AlarmDefaults } from '../monitoring/alarm-defaults';
import { ThresholdAlarmOptions } from '../monitoring/table-monitoring-props';

/** What the alarms need from the cluster. */
export interface DaxAlarmTarget {
  readonly scope: Construct;
  /** The cluster name as the `ClusterId` dimension has it. */
  readonly clusterName: string;
  readonly action: cloudwatch.IAlarmAction;
  readonly notifyOnOk: boolean;
  readonly metric: (metricName: string, statistic: string, period: AlarmDefaults['period']) => cloudwatch.IMetric;
}

/** Construct ids of the alarms: the option name with a capital. */
function alarmId(name: DaxAlarmName): string {
  return name[0].toUpperCase() + name.slice(1);
}

/** Defaults, overridden field by field by the user's options (as `TableMonitoring.resolve` does). */
export function resolveDaxAlarm(defaults: DaxAlarmDefault, options: ThresholdAlarmOptions | undefined): AlarmDefaults | undefined {
  const enabled = options?.enabled ?? (defaults.onByDefault || options !== undefined);
  if (!enabled) return undefined;
  const evaluationPeriods = options?.evaluationPeriods ?? defaults.evaluationPeriods;
  return {
    threshold: options?.threshold ?? defaults.threshold,
    period: options?.period ?? defaults.period,
    evaluationPeriods,
    datapointsToAlarm: options?.datapointsToAlarm ?? Math.min(defaults.datapointsToAlarm, evaluationPeriods),
    treatMissingData: options?.treatMissingData ?? defaults.treatMissingData,
    comparisonOperator: defaults.comparisonOperator,
  };
}

/** Creates the cluster's alarms, each with the action (and the OK action unless turned off). */
export function createDaxAlarms(target: DaxAlarmTarget, options: DaxClusterAlarms = {}): cloudwatch.Alarm[] {
  const alarms: cloudwatch.Alarm[] = [];
  for (const name of Object.keys(DAX_ALARM_DEFAULTS) as DaxAlarmName[]) {
    const defaults: DaxAlarmDefault = DAX_ALARM_DEFAULTS[name];
    const tuning = resolveDaxAlarm(defaults, options[name]);
    if (!tuning) continue;
    const alarm = new cloudwatch.Alarm(target.scope, alarmId(name), {
      metric: target.metric(defaults.metricName, defaults.statistic, tuning.period),
      threshold: tuning.threshold,
      evaluationPeriods: tuning.evaluationPeriods,
      datapointsToAlarm: tuning.datapointsToAlarm,
      treatMissingData: tuning.treatMissingData,
      comparisonOperator: tuning.comparisonOperator,
      alarmDescription: `DAX cluster ${target.clusterName}: ${defaults.metricName} (${defaults.statistic}) >= ${tuning.threshold} in ${tuning.datapointsToAlarm} of ${tuning.evaluationPeriods} periods. ${defaults.reason}`,
    });
    alarm.addAlarmAction(target.action);
    if (target.notifyOnOk) alarm.addOkAction(target.action);
    alarms.push(alarm);
  }
  return alarms;
}
