// Cost of the production-readiness report against the number of resources in a template: the
// report indexes references once per template, so time per resource should stay flat as the
// template grows. The old way (serialise every candidate resource for every table) is measured
// beside it as the quadratic baseline.
// Run: npx ts-node --transpile-only bench/report.ts   (BENCH_ROUNDS=20 for more rounds)
import { performance } from 'perf_hooks';
import { reportTables } from '../src/report/table-report';
import { CfnTemplate, TemplateSet } from '../src/template';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
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

function time(run: () => unknown): number {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

console.log(`report time by template size, median of ${ROUNDS} rounds:`);
console.log(`  ${'resources'.padStart(9)} ${'report'.padStart(10)} ${'µs/resource'.padStart(12)} ${'old way'.padStart(10)} ${'µs/resource'.padStart(12)}`);
for (const size of SIZES) {
  const template = templateOf(size);
  const set: TemplateSet = { source: 'bench', singleFile: true, stacks: { Bench: template } };
  reportTables(set); // warm up
  const report = time(() => reportTables(set));
  const old = time(() => quadraticBaseline(template));
  const n = Object.keys(template.Resources).length;
  console.log(`  ${String(n).padStart(9)} ${report.toFixed(1).padStart(8)}ms ${((report * 1000) / n).toFixed(1).padStart(12)} ${old.toFixed(1).padStart(8)}ms ${((old * 1000) / n).toFixed(1).padStart(12)}`);
}
