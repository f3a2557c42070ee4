// Synthesis cost and footprint of N fully featured tables — a ProductionTable with a GSI, a stream
// consumer and default monitoring — against the same N hand-wired with plain aws-cdk-lib (TableV2,
// a KMS key, DynamoEventSource with an SQS failure queue, six alarms), in the same process.
// Run alone: npx ts-node --transpile-only bench/fully-featured.ts   (BENCH_SIZES=1,10 BENCH_ROUNDS=3)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AttributeType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ProductionTable } from '../src';
import { median } from './measure';

export interface FullyFeaturedFigures {
  readonly tables: number;
  readonly baselineMs: number;
  readonly oursMs: number;
  readonly ratio: number;
  /** CloudFormation resources per table beyond the user's function and its role (the stack's total / N). */
  readonly baselineResourcesPerTable: number;
  readonly oursResourcesPerTable: number;
  /**
   * What each further table adds, beyond its function and role: resources(N + 1) - resources(N).
   * The average above also carries what a stack holds once (our alarm topic, its policy and key).
   */
  readonly baselineResourcesPerFurtherTable: number;
  readonly oursResourcesPerFurtherTable: number;
  /** Resources a stack holds once, whatever its number of tables. */
  readonly baselineResourcesPerStack: number;
  readonly oursResourcesPerStack: number;
  readonly baselineTemplateKbPerTable: number;
  readonly oursTemplateKbPerTable: number;
  /** How many tables, each with its function and role, fit CloudFormation's 500 resources. */
  readonly baselineTablesPerStack: number;
  readonly oursTablesPerStack: number;
}

type Build = (stack: Stack, id: string, handler: lambda.Function) => void;

const schema = {
  partitionKey: { name: 'pk', type: AttributeType.STRING },
  sortKey: { name: 'sk', type: AttributeType.STRING },
  globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
  timeToLiveAttribute: 'expiresAt',
};

/** What a careful engineer wires by hand for the same protection, with aws-cdk-lib alone. */
const handWired: Build = (stack, id, handler) => {
  const key = new kms.Key(stack, `${id}Key`, { enableKeyRotation: true });
  const table = new TableV2(stack, id, {
    ...schema,
    encryption: TableEncryptionV2.customerManagedKey(key),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
    deletionProtection: true,
    contributorInsightsSpecification: { enabled: true },
    dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
  });
  const failures = new sqs.Queue(stack, `${id}Failures`, {
    encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14),
  });
  handler.addEventSource(new DynamoEventSource(table, {
    startingPosition: lambda.StartingPosition.TRIM_HORIZON,
    onFailure: new SqsDlq(failures),
    bisectBatchOnError: true,
    reportBatchItemFailures: true,
    retryAttempts: 10,
    maxRecordAge: Duration.hours(24),
  }));
  const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number) =>
    new cloudwatch.Alarm(stack, `${id}${name}`, { metric, threshold, evaluationPeriods: 3, datapointsToAlarm: 2 });
  alarm('ReadThrottles', table.metric('ReadThrottleEvents', { statistic: 'Sum' }), 1);
  alarm('WriteThrottles', table.metric('WriteThrottleEvents', { statistic: 'Sum' }), 1);
  alarm('SystemErrors', table.metric('SystemErrors', { statistic: 'Sum' }), 1);
  alarm('ConsumerIteratorAge', handler.metric('IteratorAge', { statistic: 'Maximum' }), 300_000);
  alarm('ConsumerErrors', handler.metricErrors(), 1);
  alarm('FailureQueueMessages', failures.metricApproximateNumberOfMessagesVisible(), 1);
};

const ours: Build = (stack, id, handler) => {
  const table = new ProductionTable(stack, id, schema);
  table.addConsumer(`${id}Consumer`, { handler });
};

function handlerFor(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, `${id}Handler`, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
  });
}

interface Synthesized { readonly ms: number; readonly resources: number; readonly bytes: number }

function synthesize(build: Build, tables: number): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const start = performance.now();
  // N = 50 and 200 pass CloudFormation's 500 resources (aws-cdk-lib refuses at synth): lift the
  // limit to measure synth cost per table; the tables-per-stack figure answers to the limit.
  const app = new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < tables; i++) build(stack, `Table${i}`, handlerFor(stack, `Table${i}`));
  let assembly;
  try {
    assembly = app.synth();
  } catch (error) {
    fs.rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  const ms = performance.now() - start;
  const template = assembly.getStackByName('Bench').template;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { ms, resources: Object.keys(template.Resources).length, bytes: JSON.stringify(template).length };
}

/** Resources a further table adds (beyond its function and role), and what a stack holds once. */
function resourceShape(build: Build): { perFurtherTable: number; perStack: number } {
  const one = synthesize(build, 1).resources;
  const two = synthesize(build, 2).resources;
  return { perFurtherTable: two - one - 2, perStack: one - (two - one) };
}

/** Each size: warm up, then alternate baseline and ours round by round so that drift hits both. */
export function runFullyFeaturedBenchmark(sizes: number[], rounds: number): FullyFeaturedFigures[] {
  const baselineShape = resourceShape(handWired);
  const oursShape = resourceShape(ours);
  return sizes.map(tables => {
    const baseline: Synthesized[] = [];
    const candidate: Synthesized[] = [];
    for (let round = 0; round < rounds; round++) {
      baseline.push(synthesize(handWired, tables));
      candidate.push(synthesize(ours, tables));
    }
    const baselineMs = median(baseline.map(s => s.ms));
    const oursMs = median(candidate.map(s => s.ms));
    // The user's function and its service role are the same on both sides.
    const perTable = (s: Synthesized) => s.resources / tables - 2;
    // How many tables, each with its function and role, fit beside what the stack holds once.
    const tablesPerStack = (shape: { perFurtherTable: number; perStack: number }) => Math.floor((500 - shape.perStack) / (shape.perFurtherTable + 2));
    return {
      tables,
      baselineMs,
      oursMs,
      ratio: oursMs / baselineMs,
      baselineResourcesPerTable: perTable(baseline[0]),
      oursResourcesPerTable: perTable(candidate[0]),
      baselineResourcesPerFurtherTable: baselineShape.perFurtherTable,
      oursResourcesPerFurtherTable: oursShape.perFurtherTable,
      baselineResourcesPerStack: baselineShape.perStack,
      oursResourcesPerStack: oursShape.perStack,
      baselineTemplateKbPerTable: baseline[0].bytes / tables / 1024,
      oursTemplateKbPerTable: candidate[0].bytes / tables / 1024,
      baselineTablesPerStack: tablesPerStack(baselineShape),
      oursTablesPerStack: tablesPerStack(oursShape),
    };
  });
}

if (require.main === module) {
  const sizes = (process.env.BENCH_SIZES ?? '1,10,50').split(',').map(Number);
  console.table(runFullyFeaturedBenchmark(sizes, Number(process.env.BENCH_ROUNDS ?? 3)));
}
