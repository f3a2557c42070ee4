import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isInTree } from '../shared/tree';

/**
 * CloudWatch's default quota of alarms on Metrics Insights queries, per account and Region (AWS's
 * "Limits that apply to alarms based on Metrics Insights queries"). Past it, CloudFormation fails
 * to create the alarm.
 */
export const METRICS_INSIGHTS_ALARMS_PER_REGION = 200;
/** Warn from this share of the quota on, as for CloudFormation's stack limits. */
const WARNING_SHARE = 0.8;

/** The alarms registered per app root, shared across copies of this library in one app. */
const REGISTRY = Symbol.for('cdk-dynamodb-kit.metricsInsightsAlarms');

/**
 * Counts an alarm on a Metrics Insights query, and warns at synthesis (on the final tree) when one
 * app holds more than 80% of the default quota in one account and Region. Other apps and stacks
 * deployed elsewhere count against the same quota, so the count here is a floor.
 */
export function countMetricsInsightsAlarm(alarm: IConstruct): void {
  const root = alarm.node.root as IConstruct & { [REGISTRY]?: IConstruct[] };
  let alarms = root[REGISTRY];
  if (!alarms) {
    alarms = [];
    Object.defineProperty(root, REGISTRY, { value: alarms });
    root.node.addValidation({ validate: () => { warnNearQuota(alarms!); return []; } });
  }
  alarms.push(alarm);
}

function warnNearQuota(alarms: IConstruct[]): void {
  const byEnvironment = new Map<string, IConstruct[]>();
  for (const alarm of alarms.filter(isInTree)) {
    const key = environmentOf(Stack.of(alarm));
    if (!byEnvironment.has(key)) byEnvironment.set(key, []);
    byEnvironment.get(key)!.push(alarm);
  }
  for (const [environment, inEnvironment] of byEnvironment) {
    if (inEnvironment.length <= METRICS_INSIGHTS_ALARMS_PER_REGION * WARNING_SHARE) continue;
    Annotations.of(Stack.of(inEnvironment[0])).addWarningV2('cdk-dynamodb-kit:metricsInsightsAlarmQuota',
      `this app creates ${inEnvironment.length} alarms on CloudWatch Metrics Insights queries in ${environment} (one per table: the system-errors alarm), `
      + `over ${WARNING_SHARE * 100}% of CloudWatch's default quota of ${METRICS_INSIGHTS_ALARMS_PER_REGION} per account and Region; `
      + 'ask for a higher quota before deploying, or give monitoring.systemErrors.operations to alarm on metric math over those operations instead.');
  }
}

/** Env-agnostic stacks all count as one: they deploy wherever the CLI's credentials point. */
function environmentOf(stack: Stack): string {
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) return 'the account and Region of the environment-agnostic stacks';
  return `account ${stack.account}, ${stack.region}`;
}
