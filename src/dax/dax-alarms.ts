import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { DAX_ALARM_DEFAULTS, DaxAlarmDefault, DaxAlarmName } from './dax-alarm-defaults';
import { DaxClusterAlarms } from './dax-cluster-props';
import { AlarmBuilder, AlarmDefaults, resolveAlarm } from '../monitoring/alarm-builder';

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

/** Creates the cluster's alarms through the shared alarm builder (the one tables and consumers use). */
export function createDaxAlarms(target: DaxAlarmTarget, options: DaxClusterAlarms = {}): cloudwatch.Alarm[] {
  const builder = new AlarmBuilder(target.scope, { action: () => target.action, notifyOnOk: target.notifyOnOk });
  for (const name of Object.keys(DAX_ALARM_DEFAULTS) as DaxAlarmName[]) {
    const defaults: DaxAlarmDefault = DAX_ALARM_DEFAULTS[name];
    const tuning = resolveAlarm(defaults, options[name], defaults.onByDefault);
    if (!tuning) continue;
    builder.create(alarmId(name), {
      defaults,
      overrides: options[name],
      onByDefault: defaults.onByDefault,
      metric: period => target.metric(defaults.metricName, defaults.statistic, period),
      description: `DAX cluster ${target.clusterName}: ${defaults.metricName} (${defaults.statistic}) >= ${tuning.threshold} in ${tuning.datapointsToAlarm ?? tuning.evaluationPeriods} of ${tuning.evaluationPeriods} periods. ${defaults.reason}`,
    });
  }
  return builder.alarms;
}
