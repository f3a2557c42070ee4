import { CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import { AttributeType, Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { TableMonitoring, TableMonitoringProps } from '../../src';
import { templateOf, testStack } from '../helpers/app';
import { expectKitError } from '../helpers/errors';

/* Issue #12: index names an in-app table does not have, and numeric tokens that must not be judged. */

const partitionKey = { name: 'pk', type: AttributeType.STRING };

function inAppTable(stack: Stack): TableV2 {
  return new TableV2(stack, 'Orders', { partitionKey, globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }] });
}

function monitor(stack: Stack, table: TableV2 | ReturnType<typeof TableV2.fromTableName>, props: Partial<TableMonitoringProps>): TableMonitoring {
  return new TableMonitoring(stack, 'Monitoring', { table, ...props });
}

describe('index names the table does not have', () => {
  test('an in-app TableV2: our error at synth, listing the indexes it has', () => {
    const stack = testStack();
    monitor(stack, inAppTable(stack), { globalSecondaryIndexNames: ['byCustomer', 'byStatus'] });
    expectKitError(() => templateOf(stack), {
      path: 'TestStack/Monitoring',
      property: 'globalSecondaryIndexNames',
      message: /globalSecondaryIndexNames contains "byStatus", but the table TestStack\/Orders has no such index; use the names of its global secondary indexes \("byCustomer"\)/,
    });
  });

  test('an index added to the table after the monitoring counts (the final state is judged)', () => {
    const stack = testStack();
    const table = inAppTable(stack);
    monitor(stack, table, { globalSecondaryIndexNames: ['byStatus'] });
    table.addGlobalSecondaryIndex({ indexName: 'byStatus', partitionKey: { name: 'status', type: AttributeType.STRING } });
    expect(() => templateOf(stack)).not.toThrow();
  });

  test('an index added through addGlobalSecondaryIndex of the monitoring is checked too', () => {
    const stack = testStack();
    monitor(stack, inAppTable(stack), {}).addGlobalSecondaryIndex('byNothing');
    expectKitError(() => templateOf(stack), { path: 'TestStack/Monitoring', property: 'globalSecondaryIndexNames', message: /contains "byNothing"/ });
  });

  test('an imported table is not checked: its indexes are unknown', () => {
    const stack = testStack();
    monitor(stack, TableV2.fromTableName(stack, 'Imported', 'orders'), { globalSecondaryIndexNames: ['byAnything'] });
    expect(() => templateOf(stack)).not.toThrow();
  });
});

describe('numeric tokens are not range-checked', () => {
  test('thresholds, evaluation periods, datapoints and on-demand maximums from parameters synthesize', () => {
    const stack = testStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    monitor(stack, TableV2.fromTableName(stack, 'Imported', 'orders'), {
      maxReadRequestUnits: n,
      maxWriteRequestUnits: Lazy.number({ produce: () => 1000 }),
      readThrottles: { threshold: n, evaluationPeriods: n, datapointsToAlarm: n },
      systemErrors: { threshold: Lazy.number({ produce: () => 5 }), operations: [Operation.GET_ITEM] },
    } as Partial<TableMonitoringProps>);
    expect(() => templateOf(stack)).not.toThrow();
  });
});
