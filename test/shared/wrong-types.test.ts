import { Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DaxCluster, ProductionTable, ScheduledExport, StreamConsumer, TableBackupPlan, TableMonitoring } from '../../src';
import { KitValidationError } from '../../src/shared/errors';
import { PROP_TYPES } from '../../src/shared/prop-types.generated';
import { testStack } from '../helpers/app';

/**
 * Every property of every construct's props, one level into our own structs, given each value of
 * the wrong JavaScript type: the construct throws our error or accepts it, never a TypeError (nor
 * any other error without the construct path).
 */
const WRONG: unknown[] = [60, '5', true, {}, [], null, () => 1];
const partitionKey = { name: 'pk', type: AttributeType.STRING };

type Make = (stack: Stack, props: any) => unknown;
interface Subject { readonly fqn: string; readonly base: (stack: Stack) => object; readonly make: Make }

function handlerIn(stack: Stack): lambda.IFunction {
  return new lambda.Function(stack, 'Handler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
}

const SUBJECTS: { [name: string]: Subject } = {
  ProductionTable: { fqn: 'cdk-dynamodb-kit.ProductionTableProps', base: () => ({ partitionKey }), make: (stack, props) => new ProductionTable(stack, 'Subject', props) },
  TableMonitoring: { fqn: 'cdk-dynamodb-kit.TableMonitoringProps', base: stack => ({ table: new TableV2(stack, 'Table', { partitionKey }) }), make: (stack, props) => new TableMonitoring(stack, 'Subject', props) },
  StreamConsumer: {
    fqn: 'cdk-dynamodb-kit.StreamConsumerProps',
    base: stack => ({ table: new ProductionTable(stack, 'Table', { partitionKey }), handler: handlerIn(stack) }),
    make: (stack, props) => new StreamConsumer(stack, 'Subject', props),
  },
  DaxCluster: {
    fqn: 'cdk-dynamodb-kit.DaxClusterProps',
    base: stack => ({ vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] }), tables: [new TableV2(stack, 'Table', { partitionKey })] }),
    make: (stack, props) => new DaxCluster(stack, 'Subject', props),
  },
  TableBackupPlan: { fqn: 'cdk-dynamodb-kit.TableBackupPlanProps', base: () => ({}), make: (stack, props) => new TableBackupPlan(stack, 'Subject', props) },
  ScheduledExport: { fqn: 'cdk-dynamodb-kit.ScheduledExportProps', base: stack => ({ table: new ProductionTable(stack, 'Table', { partitionKey }) }), make: (stack, props) => new ScheduledExport(stack, 'Subject', props) },
};

/** Property paths to spoil: each property, and each property of one of our structs under it. */
function pathsOf(fqn: string): string[][] {
  const out: string[][] = [];
  for (const [name, { type }] of Object.entries(PROP_TYPES.structs[fqn])) {
    out.push([name]);
    if (type.startsWith('cdk-dynamodb-kit.') && PROP_TYPES.structs[type]) {
      for (const inner of Object.keys(PROP_TYPES.structs[type])) out.push([name, inner]);
    }
  }
  return out;
}

function spoiled(base: object, path: string[], value: unknown): object {
  if (path.length === 1) return { ...base, [path[0]]: value };
  return { ...base, [path[0]]: { ...((base as any)[path[0]] ?? {}), [path[1]]: value } };
}

describe.each(Object.entries(SUBJECTS))('%s: props of the wrong type are our error, never a TypeError', (_name, subject) => {
  test.each(pathsOf(subject.fqn).map(path => [path.join('.'), path]))('%s', (_label, path) => {
    const failures: string[] = [];
    for (const value of WRONG) {
      const stack = testStack();
      try {
        subject.make(stack, spoiled(subject.base(stack), path as string[], value));
      } catch (error) {
        // Ours, or aws-cdk-lib's own error about its own props that names the construct.
        const named = error instanceof KitValidationError || typeof (error as any)?.constructPath === 'string';
        if (!named) failures.push(`${String(value)}: ${(error as Error).constructor.name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/**
 * The metric methods (TableMetricFactory, StreamConsumer, DaxCluster): each argument given each
 * wrong value, the others right. Our error with the path, never a TypeError, never a metric with a
 * number where CloudWatch wants a dimension string.
 */
describe('metric methods: arguments of the wrong type are our error, never a TypeError', () => {
  const right: { [argument: string]: unknown } = { indexName: 'byCustomer', operation: 'GetItem', statistic: 'p99', receivingRegion: 'eu-west-1', metricName: 'CPUUtilization', kind: 'Read', cause: 'KeyRangeThroughput', extraDimensions: { Operation: 'Query' }, props: { period: undefined } };
  const factory = (stack: Stack) => new TableMonitoring(stack, 'Monitoring', { table: new TableV2(stack, 'Table', { partitionKey }) }).metrics as any;
  const consumer = (stack: Stack) => new StreamConsumer(stack, 'Consumer', { table: new ProductionTable(stack, 'Table', { partitionKey }), handler: handlerIn(stack) }) as any;
  const dax = (stack: Stack) => SUBJECTS.DaxCluster.make(stack, SUBJECTS.DaxCluster.base(stack)) as any;
  const METHODS: Array<[string, (stack: Stack) => any, string[], boolean[]]> = [
    ['metric', factory, ['metricName', 'statistic', 'extraDimensions'], [false, false, true]],
    ['metricReadThrottleEvents', factory, ['indexName'], [true]],
    ['metricWriteThrottleEvents', factory, ['indexName'], [true]],
    ['metricThrottleEventsForCause', factory, ['kind', 'cause', 'indexName'], [false, false, true]],
    ['metricThrottledRequests', factory, ['operation'], [false]],
    ['metricSystemErrors', factory, ['operation'], [false]],
    ['metricSuccessfulRequestLatency', factory, ['operation', 'statistic'], [false, true]],
    ['metricConsumedReadCapacityUnits', factory, ['indexName'], [true]],
    ['metricConsumedWriteCapacityUnits', factory, ['indexName'], [true]],
    ['metricProvisionedReadCapacityUnits', factory, ['indexName'], [true]],
    ['metricProvisionedWriteCapacityUnits', factory, ['indexName'], [true]],
    ['metricReplicationLatency', factory, ['receivingRegion'], [false]],
    ['metricPendingReplicationCount', factory, ['receivingRegion'], [false]],
    ['metricIteratorAge', consumer, ['props'], [true]],
    ['metric', dax, ['metricName', 'props'], [false, true]],
    ['metricCpuUtilization', dax, ['props'], [true]],
    ['metricItemCacheMisses', dax, ['props'], [true]],
  ];
  test.each(METHODS.map(([method, owner, args, optional], i) => [`${i < 13 ? 'TableMetricFactory' : i === 13 ? 'StreamConsumer' : 'DaxCluster'}.${method}`, method, owner, args, optional] as const))('%s', (_label, method, owner, args, optional) => {
    const stack = testStack();
    const subject = owner(stack);
    const failures: string[] = [];
    args.forEach((argument, position) => {
      const wrongValues = [...WRONG, ...(argument === 'props' ? [{ period: 60 }, { statistic: 5 }, { dimensionsMap: { A: 5 } }] : [])]
        .filter(value => !(optional[position] && value === undefined));
      for (const value of wrongValues) {
        const values = args.map((a, i) => (i === position ? value : right[a]));
        try {
          subject[method](...values);
          // A wrong value passed: only where the type allows it (a string for a string, an object for options).
          // null for an optional argument is its absence, as jsii passes it from other languages.
          const accepted = (optional[position] && value === null)
            || typeof value === 'string' && ['metricName', 'statistic', 'indexName', 'receivingRegion'].includes(argument)
            || (argument === 'props' && (value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)))
            || (argument === 'extraDimensions' && value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
          if (!accepted) failures.push(`${argument}=${JSON.stringify(value) ?? String(value)}: accepted`);
        } catch (error) {
          if (!(error instanceof KitValidationError)) failures.push(`${argument}=${JSON.stringify(value) ?? String(value)}: ${(error as Error).constructor.name}: ${(error as Error).message}`);
        }
      }
    });
    expect(failures).toEqual([]);
  });

  test('the error names the table, the method\'s argument and the fix', () => {
    expect(() => factory(testStack()).metricReadThrottleEvents(5)).toThrow(/TestStack\/Table \(TableMetricFactory\).*metricReadThrottleEvents\.indexName is 5, not a string/);
    expect(() => consumer(testStack()).metricIteratorAge({ period: 60 })).toThrow(/TestStack\/Consumer.*metricIteratorAge\.props\.period is 60, not a Duration/);
  });
});
