// What one CloudWatch alarm costs at synthesis, by shape, against a single-metric alarm in the same
// run: the evidence behind issue #13's synth goal. aws-cdk-lib's template validator (on in every
// synth) costs about a millisecond per metric-math entry that reads a metric (MetricStat), more per
// entry the more an alarm has, and a fifth of one per dimension; expressions and Metrics Insights
// queries cost little. The alarms are raw CfnResources, so only the validator and rendering differ.
// Run alone: npx ts-node --transpile-only bench/alarm-shapes.ts   (ALARMS=200 ROUNDS=5)
// Compare CDK_VALIDATION=false: the shapes then cost about the same.
import { CfnParameter, CfnResource } from 'aws-cdk-lib';
import { median, timedSynth } from './measure';

const TABLE = { Ref: 'TableName' };
const COMMON = { EvaluationPeriods: 3, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' };

/** A metric-math entry that reads `SuccessfulRequestLatency` of one operation (two dimensions), or of the table alone. */
function metricStat(index: number, dimensions: 1 | 2): object {
  const all = [{ Name: 'TableName', Value: TABLE }, { Name: 'Operation', Value: `Operation${index}` }];
  return {
    Id: `m${index}`,
    ReturnData: false,
    MetricStat: { Metric: { Namespace: 'AWS/DynamoDB', MetricName: 'SuccessfulRequestLatency', Dimensions: all.slice(0, dimensions) }, Period: 300, Stat: 'p99' },
  };
}

/** One expression over `entries` metric reads: the shape of our latency (5) and throttle (4) alarms. */
function metricMath(entries: number, dimensions: 1 | 2): object {
  const ids = Array.from({ length: entries }, (_, i) => `FILL(m${i} / 100, 0)`);
  return { ...COMMON, Metrics: [{ Id: 'e', Expression: `MAX([${ids.join(', ')}])`, ReturnData: true }, ...Array.from({ length: entries }, (_, i) => metricStat(i, dimensions))] };
}

const SHAPES: { readonly [name: string]: object } = {
  'single metric (the baseline)': { ...COMMON, Namespace: 'AWS/DynamoDB', MetricName: 'ReadThrottleEvents', Dimensions: [{ Name: 'TableName', Value: TABLE }], Statistic: 'Sum', Period: 60 },
  'Metrics Insights query': { ...COMMON, Metrics: [{ Id: 'q', Expression: { 'Fn::Join': ['', ['SELECT SUM(SystemErrors) FROM "AWS/DynamoDB" WHERE TableName = \'', TABLE, '\'']] }, Period: 60, ReturnData: true }] },
  'metric math, 1 metric read': metricMath(1, 2),
  'metric math, 2 metric reads': metricMath(2, 2),
  'metric math, 4 metric reads': metricMath(4, 2),
  'metric math, 5 metric reads': metricMath(5, 2),
  'metric math, 5 metric reads, 1 dimension each': metricMath(5, 1),
  'metric math, 10 metric reads': metricMath(10, 2),
};

function synthesize(properties: object, alarms: number): number {
  return timedSynth('bench-alarms-', stack => {
    new CfnParameter(stack, 'TableName', { type: 'String' }).overrideLogicalId('TableName');
    // One resource in every stack, the empty one included: the validator finds nothing to report.
    new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic', properties: { TopicName: TABLE } });
    for (let i = 0; i < alarms; i++) new CfnResource(stack, `Alarm${i}`, { type: 'AWS::CloudWatch::Alarm', properties });
  });
}

/** Milliseconds per alarm of each shape (the stack's own cost taken out), median of the rounds. */
export function runAlarmShapeBenchmark(alarms: number, rounds: number): Array<{ shape: string; msPerAlarm: number }> {
  const empty = () => synthesize({}, 0);
  empty();
  const times = new Map<string, number[]>(Object.keys(SHAPES).map(shape => [shape, []]));
  const emptyTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    emptyTimes.push(empty());
    for (const [shape, properties] of Object.entries(SHAPES)) times.get(shape)!.push(synthesize(properties, alarms));
  }
  const base = median(emptyTimes);
  return [...times].map(([shape, ms]) => ({ shape, msPerAlarm: (median(ms) - base) / alarms }));
}

if (require.main === module) {
  const results = runAlarmShapeBenchmark(Number(process.env.ALARMS ?? 100), Number(process.env.ROUNDS ?? 5));
  const baseline = results[0].msPerAlarm;
  for (const { shape, msPerAlarm } of results) {
    console.log(`${shape.padEnd(48)} ${msPerAlarm.toFixed(2).padStart(6)} ms per alarm  ${(msPerAlarm / baseline).toFixed(2)}×`);
  }
}
