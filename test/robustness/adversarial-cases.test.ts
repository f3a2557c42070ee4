/* Issue #12, tried as an adversary would: tokens across nested stacks and stages, shared props objects, unicode ids with RemovalPolicies. */
import { CfnParameter, Duration, Lazy, NestedStack, RemovalPolicies, Stack, Stage, App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable, ScheduledExport, TableBackupPlan, BackupSchedule, ExportMode } from '../../src';
import { TEST_CONTEXT, TEST_ENV, envAgnosticStack, testApp, testStack } from '../helpers/app';
import { consumerFunction } from '../streams/fixtures';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

test('token PITR period in a nested stack, with addReplica after construction', () => {
  const parent = testStack();
  const nested = new NestedStack(parent, 'Nested');
  const days = new CfnParameter(nested, 'Days', { type: 'Number', default: 7 }).valueAsNumber;
  const t = new ProductionTable(nested, 'Orders', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: days }, replicaKeyArns: { 'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/abc' } });
  t.addReplica({ region: 'eu-west-1' });
  const tpl = Template.fromStack(nested);
  const [g] = Object.values(tpl.findResources('AWS::DynamoDB::GlobalTable')) as any[];
  expect(g.Properties.Replicas.map((r: any) => r.PointInTimeRecoverySpecification.RecoveryPeriodInDays)).toEqual([{ Ref: 'Days' }, { Ref: 'Days' }]);
});

test('the same props object in two tables is not mutated', () => {
  const stack = testStack();
  const spec = { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: Lazy.number({ produce: () => 9 }) };
  const props = { partitionKey, pointInTimeRecoverySpecification: spec };
  const token = spec.recoveryPeriodInDays;
  new ProductionTable(stack, 'A', props);
  new ProductionTable(stack, 'B', props);
  // Had the first table put its stand-in (35) into the user's object, the second would render 35.
  expect(spec.recoveryPeriodInDays).toBe(token);
  const tables = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable')) as any[];
  expect(tables.map(t => t.Properties.Replicas[0].PointInTimeRecoverySpecification.RecoveryPeriodInDays)).toEqual([9, 9]);
});

test('token maxRecordAge on an env-agnostic stack and a consumer in a stage', () => {
  const app = testApp();
  const stage = new Stage(app, 'Prod', { env: TEST_ENV });
  const stack = new Stack(stage, 'Data');
  const t = new ProductionTable(stack, 'Orders', { partitionKey });
  const age = new CfnParameter(stack, 'Age', { type: 'Number', default: 600 }).valueAsNumber;
  t.addConsumer('Indexer', { handler: consumerFunction(stack), maxRecordAge: Duration.seconds(age) });
  Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', { MaximumRecordAgeInSeconds: { Ref: 'Age' } });
  const agnostic = envAgnosticStack(testApp());
  const t2 = new ProductionTable(agnostic, 'Orders', { partitionKey });
  t2.addConsumer('Indexer', { handler: consumerFunction(agnostic), maxRecordAge: Duration.seconds(Lazy.number({ produce: () => 120 })) });
  Template.fromStack(agnostic).hasResourceProperties('AWS::Lambda::EventSourceMapping', { MaximumRecordAgeInSeconds: 120 });
});

test('unicode ids everywhere, in a stage, with RemovalPolicies applied', () => {
  const app = new App({ context: TEST_CONTEXT });
  const stage = new Stage(app, 'Etape', { env: TEST_ENV });
  const stack = new Stack(stage, 'Donnees');
  const t = new ProductionTable(stack, 'Commandes-été-名前', { partitionKey, backup: undefined });
  new TableBackupPlan(stack, 'Sauvegarde 🙂', { tables: [t], schedules: [BackupSchedule.daily()] });
  new ScheduledExport(stack, 'Export-'.repeat(40), { table: t, mode: ExportMode.incremental({ window: Duration.hours(1) }) });
  t.addConsumer('Indexeur-ü', { handler: consumerFunction(stack) });
  RemovalPolicies.of(stack).retain();
  expect(() => Template.fromStack(stack)).not.toThrow();
});
