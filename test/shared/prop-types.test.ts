import { readFileSync } from 'fs';
import { join } from 'path';
import { CfnParameter, Duration, Lazy } from 'aws-cdk-lib';
import { AttributeType, Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AlarmTopic, BackupSchedule, CapacityPlanner, ConsumerFailureDestination, ExportMode, ImageCondition, PriceTable, ProductionTable, StreamConsumer, TableBackupPlan, TableMonitoring } from '../../src';
import { checkProps } from '../../src/shared/check-props';
import { PROP_TYPES } from '../../src/shared/prop-types.generated';
import { testStack } from '../helpers/app';
import { kitErrorOf } from '../helpers/errors';

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const MONITORING = 'cdk-dynamodb-kit.TableMonitoringProps';

/** The error checkProps gives, as text; '' when the props pass. */
function typeError(props: unknown, fqn = MONITORING): string {
  try {
    checkProps('TestStack/Monitoring', fqn, props);
    return '';
  } catch (error) {
    return String((error as Error).message);
  }
}

describe('props of the wrong JavaScript type get our error, not a TypeError', () => {
  const table = TableV2.fromTableName(testStack(), 'Legacy', 'legacy');

  test.each([
    ['a number for a Duration', { table, readThrottles: { period: 60 } }, /^TestStack\/Monitoring: readThrottles.period is 60, not a Duration; pass a Duration, such as Duration.minutes\(5\)\.$/],
    ['a string for a number', { table, readThrottles: { threshold: '5' } }, /readThrottles.threshold is "5", not a number; pass a number/],
    ['a list that is not a list', { table, globalSecondaryIndexNames: 'byEmail' }, /globalSecondaryIndexNames is "byEmail", not a list of strings/],
    ['an element of the wrong type', { table, globalSecondaryIndexNames: ['byEmail', 7] }, /globalSecondaryIndexNames\[1\] is 7, not a string/],
    ['a value outside an enum', { table, billingMode: 'ON_DEMAND' }, /billingMode is "ON_DEMAND", not a BillingMode; use one of BillingMode\.PAY_PER_REQUEST, BillingMode\.PROVISIONED/],
    ['an object without the interface\'s methods', { table, alarmAction: { arn: 'x' } }, /alarmAction is \{"arn":"x"\}, not an IAlarmAction; pass an IAlarmAction/],
    ['null for an optional struct', { table, latency: null }, /latency is null; leave it out for the default, or pass a LatencyAlarmOptions/],
    ['a required value of a nested struct missing', { table, latency: { operations: [{ threshold: Duration.millis(100) }] } }, /latency.operations\[0\].operation is missing; pass an Operation/],
    ['props that are not an object', 'table', /props are "table", not an object; pass a TableMonitoringProps/],
  ])('%s', (_name, props, expected) => {
    expect(typeError(props)).toMatch(expected);
  });

  test('tokens are not bad values: a parameter number, a Lazy string, a Duration of a token', () => {
    const stack = testStack();
    const threshold = new CfnParameter(stack, 'Threshold', { type: 'Number' }).valueAsNumber;
    expect(typeError({
      table,
      readThrottles: { threshold, period: Duration.minutes(Lazy.number({ produce: () => 5 })) },
      dashboardName: Lazy.string({ produce: () => 'orders' }),
      globalSecondaryIndexNames: Lazy.list({ produce: () => ['byEmail'] }),
    })).toBe('');
  });

  test('good values pass, and a class is recognised by its methods (another copy of aws-cdk-lib fails instanceof)', () => {
    const duration = Duration.minutes(5);
    const copy = Object.create(null);
    for (const method of PROP_TYPES.types['aws-cdk-lib.Duration'].methods!) copy[method] = (duration as any)[method].bind(duration);
    expect(typeError({ table, readThrottles: { period: copy }, latency: { operations: [{ operation: Operation.GET_ITEM, threshold: Duration.millis(50) }] }, billingMode: 'PAY_PER_REQUEST' })).toBe('');
  });

  test('every construct checks its props first: the construct path, the property, the value and the fix', () => {
    const stack = testStack();
    expect(kitErrorOf(() => new ProductionTable(stack, 'Orders', { partitionKey, monitoring: { readThrottles: { period: 60 as any } } })).message)
      .toBe('TestStack/Orders: monitoring.readThrottles.period is 60, not a Duration; pass a Duration, such as Duration.minutes(5).');
    expect(kitErrorOf(() => new TableMonitoring(stack, 'Monitoring', { table, notifyOnOk: 'yes' as any })).message).toMatch(/^TestStack\/Monitoring: notifyOnOk is "yes", not a boolean/);
    const orders = new ProductionTable(stack, 'Shipments', { partitionKey });
    const handler = new lambda.Function(stack, 'Handler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    expect(kitErrorOf(() => new StreamConsumer(stack, 'Consumer', { table: orders, handler, batchSize: '10' as any })).message).toMatch(/^TestStack\/Consumer: batchSize is "10", not a number/);
    expect(kitErrorOf(() => orders.addConsumer('Late', { handler, maxRecordAge: 3600 as any })).message).toMatch(/^TestStack\/Shipments: addConsumer.maxRecordAge is 3600, not a Duration/);
    expect(kitErrorOf(() => orders.addConsumer('Null', null as any)).message).toBe('TestStack/Shipments: addConsumer is null; pass a StreamConsumerOptions.');
    expect(kitErrorOf(() => orders.addGlobalSecondaryIndex({ indexName: 'byEmail', partitionKey: 'email' as any })).message)
      .toBe('TestStack/Shipments: addGlobalSecondaryIndex.partitionKey is "email", not an Attribute; pass an Attribute.');
    expect(kitErrorOf(() => orders.addReplica({ region: 7 as any })).message).toMatch(/addReplica.region is 7, not a string/);
  });
});

test('static factories check their options too, named by the factory', () => {
  expect(() => BackupSchedule.daily({ retention: 35 as any })).toThrow('BackupSchedule.daily: retention is 35, not a Duration; pass a Duration, such as Duration.minutes(5).');
  expect(() => ExportMode.incremental({ window: 5 as any })).toThrow(/^ExportMode.incremental: window is 5, not a Duration/);
  expect(() => ImageCondition.numberRange('n', { min: '1' as any })).toThrow(/^ImageCondition.numberRange: min is "1", not a number/);
  expect(() => PriceTable.usEast1({ standard: 'cheap' as any })).toThrow(/^PriceTable.usEast1: standard is "cheap", not a/);
  expect(() => ConsumerFailureDestination.createdQueue({ deadLetterQueue: 'yes' as any })).toThrow(/^ConsumerFailureDestination.createdQueue: deadLetterQueue is "yes", not a boolean/);
});

test('methods check their arguments: a table, a grantee, a scope, a capacity', () => {
  const stack = testStack();
  const table = new TableV2(stack, 'Orders', { partitionKey });
  const plan = new TableBackupPlan(stack, 'Plan');
  expect(() => plan.addTable(null as any)).toThrow('TestStack/Plan: addTable.table is null; pass an ITableV2.');
  expect(() => plan.addTable({ tableName: 'x' } as any)).toThrow(/addTable.table is \{"tableName":"x"\}, not an ITableV2/);
  expect(() => AlarmTopic.of(undefined as any)).toThrow('AlarmTopic.of: scope is undefined; pass an IConstruct.');
  expect(() => CapacityPlanner.minimumProvisionedMonthlyCost(null as any)).toThrow(/^CapacityPlanner.minimumProvisionedMonthlyCost: capacity is null/);
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
  const orders = new ProductionTable(stack, 'Global', { partitionKey });
  expect(() => orders.grantReadDataGlobally(null as any)).toThrow('TestStack/Global: grantee is null; pass an IGrantable.');
  expect(() => orders.grantGlobally(role, 'dynamodb:GetItem', 5 as any)).toThrow(/actions\[1\] is 5, not a string/);
  // An object that has what IGrantable requires passes.
  plan.addTable(table);
  expect(() => checkProps('X', 'cdk-dynamodb-kit.DaxClusterProps', { vpc: role, tables: [table] })).toThrow(/vpc is an object of class Role, not an IVpc/);
});

test('the generated types cover every props struct of the package, and what they refer to', () => {
  for (const name of ['ProductionTableProps', 'TableMonitoringProps', 'StreamConsumerProps', 'StreamConsumerOptions', 'DaxClusterProps', 'TableBackupPlanProps', 'ScheduledExportProps']) {
    expect(Object.keys(PROP_TYPES.structs)).toContain(`cdk-dynamodb-kit.${name}`);
  }
  expect(PROP_TYPES.structs['cdk-dynamodb-kit.ProductionTableProps'].partitionKey).toEqual({ type: 'aws-cdk-lib.aws_dynamodb.Attribute', optional: true });
  expect(PROP_TYPES.types['aws-cdk-lib.aws_dynamodb.BillingMode']).toEqual({ kind: 'enum' });
});

test('the types come from the oldest aws-cdk-lib the peer range accepts (interfaces only gain members)', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const installed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf8'));
  expect(installed.version).toBe(manifest.peerDependencies['aws-cdk-lib'].replace(/^\^/, ''));
});
