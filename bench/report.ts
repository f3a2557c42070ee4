// Cost of the production-readiness report against the number of resources in a template: the
// report indexes references once per template, so time per resource should stay flat as the
// template grows. The old way (serialise every candidate resource for every table) is measured
// beside it as the quadratic baseline.
// Run alone: npx ts-node --transpile-only bench/report.ts   (BENCH_ROUNDS=20 for more rounds)
import { performance } from 'perf_hooks';
import { reportTables } from '../src/report/table-report';
import { CfnTemplate, TemplateSet } from '../src/template';

const SIZES = [500, 1000, 2000, 4000];

/** A template of `size` resources: per table, one alarm, one backup selection, one consumer (mapping, function, queue) and its alarm. */
function templateOf(size: number): CfnTemplate {
  const resources: { [id: string]: any } = {};
  for (let i = 0; Object.keys(resources).length < size; i++) {
    const table = `Table${i}`;
    resources[table] = {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        Replicas: [{ Region: { Ref: 'AWS::Region' }, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }],
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    };
    resources[`${table}Alarm`] = { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Name: 'TableName', Value: { Ref: table } }] } };
    resources[`${table}Backup`] = { Type: 'AWS::Backup::BackupSelection', Properties: { BackupSelection: { Resources: [{ 'Fn::GetAtt': [table, 'Arn'] }] } } };
    resources[`${table}Function`] = { Type: 'AWS::Lambda::Function', Properties: {} };
    resources[`${table}Queue`] = { Type: 'AWS::SQS::Queue', Properties: {} };
    resources[`${table}Mapping`] = {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] },
        FunctionName: { Ref: `${table}Function` },
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [`${table}Queue`, 'Arn'] } } },
      },
    };
    resources[`${table}ConsumerAlarm`] = { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Name: 'FunctionName', Value: { Ref: `${table}Function` } }] } };
  }
  return { Resources: resources };
}

/** The old report's way of finding what refers to each table. */
function quadraticBaseline(template: CfnTemplate): number {
  const resources = Object.values(template.Resources);
  let related = 0;
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::DynamoDB::GlobalTable') continue;
    for (const candidate of resources) {
      const text = JSON.stringify(candidate.Properties ?? {});
      if (text.includes(`{"Ref":"${id}"}`) || text.includes(`{"Fn::GetAtt":["${id}",`)) related++;
    }
  }
  return related;
}

/** Median of `rounds` runs, or of those done within 5 s (the quadratic baseline takes 20 s a run at 4,000 resources). */
function time(run: () => unknown, rounds: number): number {
  const times: number[] = [];
  const budget = performance.now() + 5_000;
  for (let round = 0; round < rounds && (round === 0 || performance.now() < budget); round++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

export interface ReportFigures {
  readonly resources: number;
  readonly tables: number;
  /** The quadratic way the report used to find what refers to each table. */
  readonly baselineMs: number;
  readonly oursMs: number;
  readonly ratio: number;
  readonly oursMicrosecondsPerResource: number;
}

/** The report over templates of 500 to 4,000 resources (about 70 to 570 tables), median of the rounds. */
export function runReportBenchmark(rounds = Number(process.env.BENCH_ROUNDS ?? 5)): ReportFigures[] {
  return SIZES.map(size => {
    const template = templateOf(size);
    const set: TemplateSet = { source: 'bench', singleFile: true, stacks: { Bench: template } };
    reportTables(set); // warm up
    const oursMs = time(() => reportTables(set), rounds);
    const baselineMs = time(() => quadraticBaseline(template), rounds);
    const resources = Object.keys(template.Resources).length;
    const tables = Object.values(template.Resources).filter(r => r.Type === 'AWS::DynamoDB::GlobalTable').length;
    return { resources, tables, baselineMs, oursMs, ratio: oursMs / baselineMs, oursMicrosecondsPerResource: (oursMs * 1000) / resources };
  });
}

if (require.main === module) {
  const figures = runReportBenchmark();
  console.log('report time by template size (median of the rounds):');
  console.log(`  ${'resources'.padStart(9)} ${'report'.padStart(10)} ${'µs/resource'.padStart(12)} ${'old way'.padStart(10)} ${'µs/resource'.padStart(12)}`);
  for (const f of figures) {
    console.log(`  ${String(f.resources).padStart(9)} ${f.oursMs.toFixed(1).padStart(8)}ms ${f.oursMicrosecondsPerResource.toFixed(1).padStart(12)} ${f.baselineMs.toFixed(1).padStart(8)}ms ${((f.baselineMs * 1000) / f.resources).toFixed(1).padStart(12)}`);
  }
}
