import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fc from 'fast-check';
import { Outcome, RUNS, SEED, expectTemplateOrOurError, fuzzTemplateOf, rejectionOf } from './harness';
import { constructIdArb, durationOf, durationSpecArb, numberSpecArb, sometimes, wildNameArb, numberIn, wholeIn } from './token-arbitraries';
import { TableMonitoring, TableMonitoringProps } from '../../src';
import { envAgnosticStack, testStack } from '../helpers/app';


const partitionKey = { name: 'pk', type: AttributeType.STRING };
const ALARMS = [
  'readThrottles', 'writeThrottles', 'keyRangeThrottles', 'systemErrors', 'latency', 'readCapacityUtilization',
  'writeCapacityUtilization', 'replicationLatency', 'pendingReplication', 'userErrors', 'conditionalCheckFailures',
  'transactionConflicts', 'timeToLiveDeletionsStopped',
] as const;
const OPERATIONS = Object.values(Operation) as Operation[];

/**
 * Plain data, so that a counterexample prints readably; turned into props in `build`. Specs come in
 * two moods, as ProductionTable's: `careful` (every value valid, combinations made consistent) and
 * `careless` (any value may be invalid, weight 1 in 4), half of the runs each.
 */
function specArb(careless: boolean) {
  const mixed = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
    careless ? fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid }) : valid;
  const tuningArb = fc.record({
    enabled: fc.boolean(),
    periodSeconds: mixed(fc.constantFrom(60, 120, 300, 3600), fc.constantFrom(0, 1, 30, 90, 86_400, 172_800)),
    // Any Duration (fractional seconds, another unit, a token) in place of the period, 1 in 5.
    period: sometimes(durationSpecArb(60, 3600)),
    evaluationPeriods: numberSpecArb(mixed(fc.integer({ min: 1, max: 24 }), fc.constantFrom(0, -1, 2.5, Number.NaN, 2000))),
    datapointsToAlarm: numberSpecArb(mixed(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, -3, 1.5, 100))),
    threshold: numberSpecArb(mixed(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, -1, 0.5, 101, 1e9, Number.NaN, Number.POSITIVE_INFINITY))),
    treatMissingData: fc.constantFrom(...Object.values(cloudwatch.TreatMissingData)),
  }, { requiredKeys: [] }).map(t => careless || t.datapointsToAlarm === undefined || t.evaluationPeriods === undefined
    ? t : { ...t, datapointsToAlarm: { ...t.datapointsToAlarm, value: Math.min(t.datapointsToAlarm.value, t.evaluationPeriods.value) } });

  return fc.record({
    id: constructIdArb('Monitoring'),
    // One in four in a stack without account and region (cdk init's default): tokens in ARNs and names.
    envAgnostic: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    table: fc.constantFrom('tableV2', 'imported'),
    action: mixed(fc.constantFrom('stackTopic', 'ownTopic', 'action'), fc.constant('both')),
    notifyOnOk: fc.boolean(),
    indexNames: fc.array(mixed(fc.constantFrom('byCustomer', 'byStatus', 'byDate'), fc.oneof(fc.constantFrom('', 'byCustomer'), wildNameArb)), { maxLength: 4 }),
    regions: fc.array(mixed(fc.constantFrom('eu-west-1', 'us-west-2', 'ap-southeast-2', 'token'), fc.constantFrom('', 'mars', 'EU-WEST-1', 'eu-west-1')), { maxLength: 3 }),
    provisioned: fc.boolean(),
    maxRead: numberSpecArb(mixed(fc.integer({ min: 1, max: 40_000 }), fc.constantFrom(0, -1, 1.5, Number.NaN))),
    maxWrite: numberSpecArb(mixed(fc.integer({ min: 1, max: 40_000 }), fc.constantFrom(0, -1, 1.5, Number.NaN))),
    tunings: fc.dictionary(fc.constantFrom(...ALARMS), tuningArb, { maxKeys: 4 }),
    systemErrorOperations: mixed(fc.subarray(OPERATIONS, { minLength: 1 }), fc.constant([] as Operation[])),
    latencyOperations: fc.array(fc.record({
      operation: fc.constantFrom(...OPERATIONS),
      thresholdMs: mixed(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(0)),
      threshold: sometimes(durationSpecArb(0, 5)),
    }), { minLength: careless ? 0 : 1, maxLength: 12 }),
    latencyStatistic: mixed(fc.constantFrom('p99', 'p99.9', 'p50', 'Maximum', 'Average', 'tm99'), fc.constantFrom('', 'p', 'p999x', 'max', 'P99')),
    healthAlarm: fc.boolean(),
    dashboard: fc.boolean(),
    dashboardName: mixed(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), fc.oneof(fc.constantFrom('', 'has space', 'slash/name', 'x'.repeat(300)), wildNameArb)),
    ruleNames: fc.array(mixed(fc.constant('DynamoDBContributorInsights-PKC-Orders-1700000000000'), fc.constant('')), { maxLength: 2 }),
  }, { requiredKeys: ['id', 'envAgnostic', 'table', 'action', 'tunings'] }).map(spec => careless ? spec : {
    ...spec,
    indexNames: [...new Set(spec.indexNames)],
    regions: [...new Set(spec.regions)],
  });
}

const fuzzedSpecArb = fc.oneof(specArb(false), specArb(true));

type Spec = typeof fuzzedSpecArb extends fc.Arbitrary<infer T> ? T : never;

let regionParameters = 0;

function build(stack: Stack, spec: Spec): TableMonitoringProps {
  const table = spec.table === 'tableV2'
    ? new TableV2(stack, 'Plain', { partitionKey })
    : TableV2.fromTableArn(stack, 'Imported', 'arn:aws:dynamodb:us-east-1:123456789012:table/Imported');
  const topic = spec.action === 'stackTopic' ? undefined : new sns.Topic(stack, 'Own', { enforceSSL: true });
  const tunings: { [key: string]: any } = {};
  for (const [key, t] of Object.entries(spec.tunings)) {
    tunings[key] = {
      enabled: t.enabled,
      period: durationOf(stack, t.period) ?? (t.periodSeconds === undefined ? undefined : Duration.seconds(t.periodSeconds)),
      evaluationPeriods: numberIn(stack, t.evaluationPeriods, wholeIn(1, 24)),
      // A Lazy datapoint count must stay within the periods it resolves beside: 1 always does.
      datapointsToAlarm: numberIn(stack, t.datapointsToAlarm, wholeIn(1, 1)),
      threshold: numberIn(stack, t.threshold, wholeIn(1, 100)),
      treatMissingData: t.treatMissingData,
    };
  }
  if (tunings.systemErrors && spec.systemErrorOperations) tunings.systemErrors.operations = spec.systemErrorOperations;
  if (tunings.latency) {
    tunings.latency.statistic = spec.latencyStatistic;
    if (spec.latencyOperations) {
      tunings.latency.operations = spec.latencyOperations.map(o => ({
        operation: o.operation,
        threshold: durationOf(stack, o.threshold) ?? Duration.millis(o.thresholdMs),
      }));
    }
  }
  return {
    table,
    alarmTopic: spec.action === 'ownTopic' || spec.action === 'both' ? topic : undefined,
    alarmAction: spec.action === 'action' || spec.action === 'both' ? new actions.SnsAction(topic!) : undefined,
    notifyOnOk: spec.notifyOnOk,
    globalSecondaryIndexNames: spec.indexNames,
    replicaRegions: spec.regions?.map(region => region === 'token'
      ? new CfnParameter(stack, `Region${regionParameters++}`, { default: 'eu-central-1' }).valueAsString : region),
    billingMode: spec.provisioned === undefined ? undefined : spec.provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
    maxReadRequestUnits: numberIn(stack, spec.maxRead, wholeIn(1, 40_000)),
    maxWriteRequestUnits: numberIn(stack, spec.maxWrite, wholeIn(1, 40_000)),
    ...tunings,
    healthAlarm: spec.healthAlarm,
    dashboard: spec.dashboard,
    dashboardName: spec.dashboardName,
    contributorInsightsRuleNames: spec.ruleNames,
  };
}

function outcomeOf(spec: Spec): Outcome {
  const stack = spec.envAgnostic ? envAgnosticStack() : testStack();
  const props = build(stack, spec);
  try {
    new TableMonitoring(stack, spec.id, props);
    // Index names are judged at synth, against the in-app table's final state: our error there too.
    fuzzTemplateOf(stack); // CloudFormation schema validation on the seeded sample (harness.ts)
  } catch (error) {
    return rejectionOf(error, `${stack.node.path}/${spec.id}`);
  }
  return { kind: 'template' };
}

describe('TableMonitoring with fuzzed props: a valid template or our error naming the property, nothing else', () => {
  test(`${RUNS} generated prop sets (seed ${SEED})`, () => {
    expectTemplateOrOurError(fuzzedSpecArb, outcomeOf);
  }, 300_000);
});
