import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fc from 'fast-check';
import { partitionKey } from './fixtures';
import { DaxCluster, DaxClusterProps, DaxEndpointEncryption } from '../../src';
import { DAX_ALARM_DEFAULTS } from '../../src/dax/dax-alarm-defaults';
import { Outcome, RUNS, SEED, expectTemplateOrOurError, fuzzTemplateOf, rejectionOf } from '../fuzz/harness';
import { constructIdArb, NumberSpec, TokenKind, durationOf, durationSpecArb, numberSpecArb, sometimes, wildNameArb, numberIn, wholeIn } from '../fuzz/token-arbitraries';
import { envAgnosticStack, testStack } from '../helpers/app';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const SUBNETS = ['subnet-0a', 'subnet-0b', 'subnet-0c'];
const ALARMS = Object.keys(DAX_ALARM_DEFAULTS) as Array<keyof typeof DAX_ALARM_DEFAULTS>;

/**
 * Plain data, so that a counterexample prints readably; turned into props in `build`. Two moods, as
 * the other fuzz suites: `careful` (valid values) and `careless` (any value may be invalid, 1 in 4).
 */
function specArb(careless: boolean) {
  const mixed = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
    careless ? fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid }) : valid;
  const tuningArb = fc.record({
    enabled: fc.boolean(),
    periodSeconds: mixed(fc.constantFrom(60, 300, 3600), fc.constantFrom(0.5, 1, 30, 90)),
    // Any Duration (fractional seconds, another unit, a token) in place of the period, 1 in 5.
    period: sometimes(durationSpecArb(60, 3600)),
    evaluationPeriods: mixed(fc.integer({ min: 1, max: 24 }), fc.constantFrom(0, -1, 2.5, Number.NaN, 2000)),
    evaluationPeriodsToken: sometimes(fc.constantFrom('param' as const, 'lazy' as const)),
    datapointsToAlarm: mixed(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, -3, 1.5, 100)),
    threshold: numberSpecArb(mixed(fc.integer({ min: 0, max: 100 }), fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY))),
    treatMissingData: fc.constantFrom(...Object.values(cloudwatch.TreatMissingData)),
  }, { requiredKeys: [] });
  return fc.record({
    id: constructIdArb('Cache'),
    // One in four in a stack without account and region (cdk init's default): tokens in ARNs and names.
    envAgnostic: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    subnets: mixed(fc.constantFrom(3, 2), fc.constantFrom(0, 1)),
    nodeType: mixed(fc.constantFrom('dax.r5.large', 'dax.r5.4xlarge', 'dax.t3.small', 'dax.t3.medium'), fc.constantFrom('', 'r5.large', 'dax.r5', 'DAX.R5.LARGE', 'dax..large')),
    replicationFactor: mixed(fc.integer({ min: 1, max: 11 }), fc.constantFrom(0, -1, 12, 2.5, Number.NaN)),
    replicationFactorToken: sometimes(fc.constantFrom('param' as const, 'lazy' as const)),
    itemTtlMs: mixed(fc.integer({ min: 0, max: 86_400 }).map(s => s * 1000), fc.constantFrom(1, 999, 1500, 0.5)),
    queryTtlMs: mixed(fc.integer({ min: 0, max: 86_400 }).map(s => s * 1000), fc.constantFrom(1, 250, 0.25)),
    // Any Duration (fractional, another unit, a token) in place of the TTLs, 1 in 5.
    itemTtl: sometimes(durationSpecArb(0, 86_400)),
    queryTtl: sometimes(durationSpecArb(0, 86_400)),
    clusterName: mixed(fc.stringMatching(/^[a-z][a-z0-9]{0,9}(-[a-z0-9]{1,8})?$/), fc.oneof(fc.constantFrom('', '1abc', 'a--b', 'ends-', 'x'.repeat(21), 'has space'), wildNameArb)),
    window: mixed(fc.constantFrom('sun:05:00-sun:06:00', 'mon:23:30-tue:00:30'), fc.constantFrom('', 'sun:25:00-sun:26:00', '05:00-06:00', 'sunday:05:00-sunday:06:00')),
    tls: fc.boolean(),
    sse: fc.boolean(),
    alarmsEnabled: fc.boolean(),
    action: mixed(fc.constantFrom('stackTopic', 'ownTopic', 'action'), fc.constant('both')),
    notifyOnOk: fc.boolean(),
    tunings: fc.dictionary(fc.constantFrom(...ALARMS), tuningArb, { maxKeys: 3 }),
  }, { requiredKeys: ['id', 'envAgnostic', 'subnets', 'action', 'tunings'] }).map(spec => {
    if (careless) return spec;
    // Careful specs are consistent: datapoints within the periods, enough zones for the nodes.
    const tunings = Object.fromEntries(Object.entries(spec.tunings).map(([name, t]) => {
      const periods = t.evaluationPeriods ?? DAX_ALARM_DEFAULTS[name as keyof typeof DAX_ALARM_DEFAULTS].evaluationPeriods;
      const periodSeconds = t.periodSeconds ?? DAX_ALARM_DEFAULTS[name as keyof typeof DAX_ALARM_DEFAULTS].period.toSeconds();
      return [name, {
        ...t,
        datapointsToAlarm: Math.min(t.datapointsToAlarm ?? periods, periods),
        evaluationPeriods: Math.min(periods, Math.floor(86_400 / periodSeconds)),
      }];
    }));
    return { ...spec, tunings, subnets: Math.max(spec.subnets, Math.min(spec.replicationFactor ?? 3, 3)) };
  });
}

const fuzzedSpecArb = fc.oneof(specArb(false), specArb(true));
type Spec = typeof fuzzedSpecArb extends fc.Arbitrary<infer T> ? T : never;

function withToken(value: number | undefined, token: TokenKind | undefined): NumberSpec | undefined {
  return value === undefined ? undefined : { value, token };
}

function build(stack: Stack, spec: Spec): DaxClusterProps {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789', availabilityZones: ZONES, privateSubnetIds: SUBNETS });
  const topic = spec.action === 'stackTopic' ? undefined : new sns.Topic(stack, 'Own', { enforceSSL: true });
  const alarms: { [name: string]: any } = {};
  for (const [name, t] of Object.entries(spec.tunings)) {
    alarms[name] = {
      ...t,
      period: durationOf(stack, t.period) ?? (t.periodSeconds === undefined ? undefined : Duration.millis(t.periodSeconds * 1000)),
      evaluationPeriods: numberIn(stack, withToken(t.evaluationPeriods, t.evaluationPeriodsToken), wholeIn(1, 24)),
      threshold: numberIn(stack, t.threshold, n => Number.isFinite(n) && n >= 0),
      periodSeconds: undefined,
      evaluationPeriodsToken: undefined,
    };
  }
  return {
    vpc,
    vpcSubnets: { subnets: vpc.privateSubnets.slice(0, spec.subnets) },
    tables: [new TableV2(stack, 'Orders', { partitionKey })],
    nodeType: spec.nodeType,
    replicationFactor: numberIn(stack, withToken(spec.replicationFactor, spec.replicationFactorToken), wholeIn(1, 11)),
    itemCacheTtl: durationOf(stack, spec.itemTtl) ?? (spec.itemTtlMs === undefined ? undefined : Duration.millis(spec.itemTtlMs)),
    queryCacheTtl: durationOf(stack, spec.queryTtl) ?? (spec.queryTtlMs === undefined ? undefined : Duration.millis(spec.queryTtlMs)),
    clusterName: spec.clusterName,
    preferredMaintenanceWindow: spec.window,
    endpointEncryption: spec.tls === undefined ? undefined : spec.tls ? DaxEndpointEncryption.TLS : DaxEndpointEncryption.NONE,
    serverSideEncryption: spec.sse,
    alarmsEnabled: spec.alarmsEnabled,
    alarmTopic: spec.action === 'ownTopic' || spec.action === 'both' ? topic : undefined,
    alarmAction: spec.action === 'action' || spec.action === 'both' ? new actions.SnsAction(topic!) : undefined,
    notifyOnOk: spec.notifyOnOk,
    alarms,
  };
}

function outcomeOf(spec: Spec): Outcome {
  const stack = spec.envAgnostic ? envAgnosticStack() : testStack();
  const props = build(stack, spec);
  try {
    new DaxCluster(stack, spec.id, props);
  } catch (error) {
    return rejectionOf(error, `${stack.node.path}/${spec.id}`);
  }
  fuzzTemplateOf(stack); // CloudFormation schema validation on the seeded sample (harness.ts)
  return { kind: 'template' };
}

describe('DaxCluster with fuzzed props: a valid template or our error naming the property, nothing else', () => {
  test(`${RUNS} generated prop sets (seed ${SEED})`, () => {
    expectTemplateOrOurError(fuzzedSpecArb, outcomeOf);
  }, 600_000);
});
