import { Duration, Stack, Token } from 'aws-cdk-lib';
import { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { AlarmDefaults, AlarmOverrides } from './alarm-builder';
import { ALARM_DEFAULTS } from './alarm-defaults';
import { LatencyAlarmOptions, SystemErrorsAlarmOptions, TableMonitoringProps } from './table-monitoring-props';
import { checkProps } from '../shared/check-props';
import { invalid, isToken, show } from '../shared/errors';
import { validateIndexName as validateDynamoDbIndexName } from '../table/rules/indexes';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const STATISTIC = /^(Average|Sum|Minimum|Maximum|SampleCount|IQM|(p|tm|wm|tc|ts|pr)\d{1,2}(\.\d+)?|p100|(TM|WM|TC|TS|PR)\(.+\))$/;

const TUNED_ALARMS = [
  'readThrottles', 'writeThrottles', 'keyRangeThrottles', 'systemErrors', 'latency', 'readCapacityUtilization',
  'writeCapacityUtilization', 'replicationLatency', 'pendingReplication', 'userErrors', 'conditionalCheckFailures',
  'transactionConflicts', 'timeToLiveDeletionsStopped',
] as const;

const PERCENT_ALARMS = new Set(['readCapacityUtilization', 'writeCapacityUtilization']);

/**
 * Every check on `TableMonitoringProps`, in one place: a bad value throws our error naming the
 * construct path, the property, the value and the fix.
 */
export function validateTableMonitoringProps(path: string, props: TableMonitoringProps): void {
  checkProps(path, 'cdk-dynamodb-kit.TableMonitoringProps', props);
  if (props.alarmTopic && props.alarmAction) {
    invalid(path, 'alarmTopic', 'and alarmAction are both set', 'give one: alarmTopic for an SNS topic, alarmAction for any other action.');
  }
  const indexes: string[] = [];
  for (const name of props.globalSecondaryIndexNames ?? []) {
    validateIndexName(path, 'globalSecondaryIndexNames', name, indexes);
    indexes.push(name);
  }
  const regions: string[] = [];
  for (const region of props.replicaRegions ?? []) {
    validateRegion(path, 'replicaRegions', region, regions);
    regions.push(region);
  }
  for (const [property, value] of [['maxReadRequestUnits', props.maxReadRequestUnits], ['maxWriteRequestUnits', props.maxWriteRequestUnits]] as const) {
    if (value !== undefined && !Token.isUnresolved(value) && !(Number.isInteger(value) && value >= 1)) {
      invalid(path, property, `is ${showNumber(value)}`, 'use the whole number of request units the table allows per second (at least 1), or leave it out.');
    }
  }
  for (const key of TUNED_ALARMS) {
    const options = props[key];
    if (options === undefined) continue;
    // The system errors of every operation are one Metrics Insights query: three hours at most.
    const metricsInsights = key === 'systemErrors' && (options as SystemErrorsAlarmOptions).operations === undefined;
    validateAlarmOverrides(path, key, options, ALARM_DEFAULTS[key], {
      percent: PERCENT_ALARMS.has(key),
      range: metricsInsights ? METRICS_INSIGHTS_RANGE : ONE_DAY,
    });
  }
  const systemErrors: SystemErrorsAlarmOptions | undefined = props.systemErrors;
  if (systemErrors?.operations !== undefined && systemErrors.operations.length === 0) {
    invalid(path, 'systemErrors.operations', 'is empty', 'list at least one operation, or disable the alarm with enabled: false.');
  }
  const latency: LatencyAlarmOptions | undefined = props.latency;
  if (latency?.operations !== undefined) {
    if (latency.operations.length === 0) {
      invalid(path, 'latency.operations', 'is empty', 'list at least one operation with its threshold, or disable the alarm with enabled: false.');
    }
    for (const { operation, threshold } of latency.operations) {
      if (threshold?.isUnresolved()) {
        // Each threshold divides its operation's latency in the alarm's metric math expression, a string.
        invalid(path, 'latency.operations', `gives ${show(operation)} a token threshold, but thresholds are written into the alarm's metric math expression at synthesis`,
          'give the threshold as a Duration such as Duration.millis(100).');
      }
      const millis = threshold ? threshold.toMilliseconds({ integral: false }) : undefined;
      // Whole milliseconds: the threshold is written into the expression and the description in ms.
      if (millis === undefined || millis <= 0 || !Number.isInteger(millis)) {
        invalid(path, 'latency.operations', `gives ${show(operation)} a threshold of ${millis ?? show(threshold)} ms`, 'use a positive whole number of milliseconds such as Duration.millis(100).');
      }
    }
  }
  if (latency?.statistic !== undefined && !STATISTIC.test(latency.statistic)) {
    invalid(path, 'latency.statistic', `is ${show(latency.statistic)}`, 'use a CloudWatch statistic such as "p99", "p99.9", "Maximum" or "Average".');
  }
  const dashboardName = props.dashboardName;
  if (dashboardName !== undefined && !Token.isUnresolved(dashboardName) && !DASHBOARD_NAME.test(dashboardName)) {
    invalid(path, 'dashboardName', `is ${show(dashboardName)}`, 'use 1 to 255 letters, digits, "-" or "_" (CloudWatch dashboard names), or leave it out.');
  }
  for (const name of props.contributorInsightsRuleNames ?? []) {
    if (typeof name !== 'string' || name.length === 0) {
      invalid(path, 'contributorInsightsRuleNames', `contains ${show(name)}`, 'give the rule names shown in the CloudWatch console (Contributor Insights).');
    }
  }
}

/** The longest an alarm may look back, and what to say past it. */
export interface EvaluationRange {
  readonly seconds: number;
  /** Said after "times period is N seconds". */
  readonly beyond: string;
  readonly fix: string;
}

const ONE_DAY: EvaluationRange = { seconds: 86_400, beyond: '', fix: 'CloudWatch evaluates at most one day: lower evaluationPeriods or period.' };

/**
 * An alarm on a Metrics Insights query evaluates only the latest three hours of data (AWS's
 * "Limits that apply to alarms based on Metrics Insights queries"): the system-errors alarm over
 * every operation cannot look further back.
 */
const METRICS_INSIGHTS_RANGE: EvaluationRange = {
  seconds: 3 * 3600,
  beyond: ', more than the three hours an alarm on a Metrics Insights query evaluates',
  fix: 'lower evaluationPeriods or period, or give systemErrors.operations to alarm on metric math over those operations (up to one day).',
};

/** What an alarm's overrides are judged against beyond CloudWatch's own rules. */
export interface AlarmRules {
  /** The threshold is a percentage (above 0, at most 100). @default false */
  readonly percent?: boolean;
  /** Who publishes the one-minute metrics, for the period's error. @default 'DynamoDB' */
  readonly publisher?: string;
  /** @default one day */
  readonly range?: EvaluationRange;
}

/**
 * The overrides of one alarm (`key` names it in errors) against CloudWatch's rules and the
 * alarm's defaults entry: what the alarm will use is judged, a value left out taking the default.
 * Not tied to tables: any construct with one-minute metrics (`publisher` names who publishes them)
 * and an alarm defaults table uses it, as DaxCluster does.
 */
export function validateAlarmOverrides(path: string, key: string, options: AlarmOverrides,
  defaults: Pick<AlarmDefaults, 'evaluationPeriods' | 'period'>, rules: AlarmRules = {}): void {
  const { percent = false, publisher = 'DynamoDB', range = ONE_DAY } = rules;
  // Tokens (a CfnParameter's valueAsNumber, Lazy.number) are not judged: the deploy checks them.
  const threshold = options.threshold;
  if (threshold !== undefined && !Token.isUnresolved(threshold)) {
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0) {
      invalid(path, `${key}.threshold`, `is ${showNumber(threshold)}`, 'use a finite number of at least 0 in the alarm\'s unit.');
    }
    if (percent && (threshold <= 0 || threshold > 100)) {
      invalid(path, `${key}.threshold`, `is ${show(threshold)} but it is a percentage of capacity`, 'use a number above 0 and at most 100, such as 90.');
    }
  }
  // A token is skipped by the checks it takes part in, never by the others.
  const periods = isToken(options.evaluationPeriods) ? undefined : options.evaluationPeriods;
  if (periods !== undefined && !(Number.isInteger(periods) && periods >= 1)) {
    invalid(path, `${key}.evaluationPeriods`, `is ${showNumber(periods)}`, 'use a whole number of at least 1.');
  }
  const datapoints = isToken(options.datapointsToAlarm) ? undefined : options.datapointsToAlarm;
  if (datapoints !== undefined && !(Number.isInteger(datapoints) && datapoints >= 1)) {
    invalid(path, `${key}.datapointsToAlarm`, `is ${showNumber(datapoints)}`, 'use a whole number of at least 1.');
  }
  // Checked against what the alarm will use: a value left out takes the alarm's default.
  const periodsToken = isToken(options.evaluationPeriods);
  const effectivePeriods = periods ?? defaults.evaluationPeriods;
  if (datapoints !== undefined && !periodsToken && datapoints > effectivePeriods) {
    invalid(path, `${key}.datapointsToAlarm`, `is ${datapoints}, more than evaluationPeriods (${effectivePeriods}${periods === undefined ? ', the default' : ''})`,
      'use at most evaluationPeriods datapoints ("M out of N" needs M <= N), or raise evaluationPeriods.');
  }
  const period: Duration | undefined = options.period;
  if (period !== undefined) requirePeriodNotToken(path, `${key}.period`, period);
  if (period !== undefined) {
    const seconds = period.toMilliseconds({ integral: false }) / 1000;
    if (seconds < 60 || seconds % 60 !== 0) {
      invalid(path, `${key}.period`, `is ${seconds} seconds`, `${publisher} publishes one-minute data: use a whole number of minutes, such as Duration.minutes(1).`);
    }
  }
  const periodSeconds = (period ?? defaults.period).toSeconds();
  if ((period !== undefined || periods !== undefined) && !periodsToken && periodSeconds * effectivePeriods > range.seconds) {
    invalid(path, `${key}.evaluationPeriods`, `times period is ${periodSeconds * effectivePeriods} seconds${range.beyond}`, range.fix);
  }
}

/**
 * aws-cdk-lib's `cloudwatch.Metric` range-checks the period it is given, a token's encoded number
 * included, so an alarm period cannot come from a parameter.
 */
export function requirePeriodNotToken(path: string, property: string, period: Duration): void {
  if (!period.isUnresolved()) return;
  invalid(path, property, 'is a token, which aws-cdk-lib\'s CloudWatch metrics cannot take (they check the period at synthesis)',
    'give the period as a Duration, a whole number of minutes such as Duration.minutes(5).');
}

/** An index name to monitor: non-empty and not already monitored. */
export function validateIndexName(path: string, property: string, name: string, existing: string[]): void {
  if (typeof name !== 'string' || name.length === 0) {
    invalid(path, property, `contains ${show(name)}`, 'give the index names as the table declares them.');
  }
  // A name DynamoDB could not have (a 300-character one reached aws-cdk-lib's metric dimension check).
  validateDynamoDbIndexName(path, property, name);
  if (!Token.isUnresolved(name) && existing.includes(name)) {
    invalid(path, property, `repeats the index ${show(name)}`, 'monitor each index once.');
  }
}

/** A replica region: a region name, not the same twice. */
export function validateRegion(path: string, property: string, region: string, existing: string[]): void {
  if (typeof region !== 'string' || (!Token.isUnresolved(region) && !REGION.test(region))) {
    invalid(path, property, `contains ${show(region)}, which is not a region name`, 'use region names such as "eu-west-1".');
  }
  if (!Token.isUnresolved(region) && existing.includes(region)) {
    invalid(path, property, `repeats the region ${show(region)}`, 'list each replica region once.');
  }
}

/** Numbers as written (JSON would show NaN and Infinity as null). */
function showNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : show(value);
}

/**
 * The monitored index names against the indexes an in-app `TableV2` has at synth (its final
 * state: indexes added after the monitoring count). Throws our error for the first unknown name.
 */
export function validateMonitoredIndexesExist(
  path: string, indexNames: readonly string[], tableIndexNames: readonly string[] | undefined, tablePath: string,
): void {
  if (tableIndexNames === undefined) return;
  for (const name of indexNames) {
    if (!Token.isUnresolved(name) && !tableIndexNames.includes(name)) {
      invalid(path, 'globalSecondaryIndexNames', `contains ${show(name)}, but the table ${tablePath} has no such index`,
        `use the names of its global secondary indexes (${tableIndexNames.length > 0 ? tableIndexNames.map(show).join(', ') : 'it has none'}), or add the index to the table.`);
    }
  }
}

/**
 * The global secondary index names of a table made in this app (a `TableV2`, read from its
 * `AWS::DynamoDB::GlobalTable` at synth); undefined for an imported table, whose indexes are unknown.
 */
export function inAppIndexNames(table: IConstruct): string[] | undefined {
  const child = table.node.defaultChild;
  if (!(child instanceof CfnGlobalTable)) return undefined;
  const indexes: Array<{ indexName?: unknown }> = Stack.of(child).resolve(child.globalSecondaryIndexes) ?? [];
  return indexes.map(index => index.indexName).filter((name): name is string => typeof name === 'string');
}

/** Registers the index-name check on `monitoring`, run at synth against the table's final state. */
export function validateIndexesAtSynth(monitoring: IConstruct, table: IConstruct, indexNames: () => readonly string[]): void {
  monitoring.node.addValidation({
    validate: () => {
      validateMonitoredIndexesExist(monitoring.node.path, indexNames(), inAppIndexNames(table), table.node.path);
      return [];
    },
  });
}
