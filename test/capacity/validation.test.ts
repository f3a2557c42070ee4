import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { CapacityPlanner, PriceTable, ReadConsistency, Workload } from '../../src';
import { expectKitError } from '../helpers/errors';

const valid: Workload = {
  itemSizeBytes: 1000,
  readsPerSecond: 10,
  writesPerSecond: 10,
  storageGb: 1,
  globalSecondaryIndexes: [{ indexName: 'byStatus', writeShare: 0.5, projectedItemSizeBytes: 100 }],
};

/** Expects `CapacityPlanner.plan: workload.<property> <message>` for `change` applied to a valid workload. */
function expectInvalid(change: object, property: string, message: RegExp) {
  expectKitError(() => CapacityPlanner.plan({ ...valid, ...change } as Workload), { path: 'CapacityPlanner.plan', property: `workload.${property}`, message });
}

describe('invalid workloads are our error, naming the field and the value', () => {
  test('a valid workload plans', () => {
    expect(() => CapacityPlanner.plan(valid)).not.toThrow();
  });

  test.each([
    ['readsPerSecond', -1, 'CapacityPlanner.plan: workload.readsPerSecond is -1, not a finite number 0 or more; give an average number per second, 0 or more'],
    ['writesPerSecond', NaN, 'CapacityPlanner.plan: workload.writesPerSecond is NaN, not a finite number 0 or more; give an average number per second, 0 or more'],
    ['peakReadsPerSecond', Infinity, 'CapacityPlanner.plan: workload.peakReadsPerSecond is Infinity, not a finite number 0 or more; give an average number per second, 0 or more'],
    ['readsPerSecond', '100', 'CapacityPlanner.plan: workload.readsPerSecond is "100", not a finite number 0 or more; give an average number per second, 0 or more'],
    ['storageGb', -5, 'CapacityPlanner.plan: workload.storageGb is -5, not a finite number 0 or more; give the table size in GB (0 for a new, empty table)'],
    ['storageGb', undefined, 'CapacityPlanner.plan: workload.storageGb is undefined, not a finite number 0 or more; give the table size in GB (0 for a new, empty table)'],
  ])('a bad rate or amount: %s = %p', (field, value, message) => {
    expect(() => CapacityPlanner.plan({ ...valid, [field]: value } as Workload)).toThrow(message);
    expectInvalid({ [field]: value }, field, /not a finite number 0 or more/);
  });

  test('a peak below the average', () => {
    expectInvalid({ peakWritesPerSecond: 5 }, 'peakWritesPerSecond', /^CapacityPlanner.plan: workload.peakWritesPerSecond is 5, below the average writesPerSecond \(10\); give the rate at the busiest time, at least the average$/);
  });

  test.each([
    [{ transactionalWriteShare: 1.5 }, 'transactionalWriteShare', 1.5],
    [{ hotKeyShare: -0.1 }, 'hotKeyShare', -0.1],
    [{ globalSecondaryIndexes: [{ indexName: 'byStatus', writeShare: 2, projectedItemSizeBytes: 100 }] }, 'globalSecondaryIndexes[0].writeShare', 2],
    [{ indexReads: [{ indexName: 'byStatus', readShare: 1.01 }] }, 'indexReads[0].readShare', 1.01],
  ])('a share outside 0–1: %p', (change, property, value) => {
    expectInvalid(change, property, new RegExp(`^CapacityPlanner.plan: workload.${property.replace(/[[\]]/g, '\\$&')} is ${value}, not a share between 0 and 1; give a fraction such as 0.25 for a quarter$`));
  });

  test('index read shares that add up to more than all reads', () => {
    expectInvalid({
      globalSecondaryIndexes: [
        { indexName: 'a', writeShare: 1, projectedItemSizeBytes: 100 },
        { indexName: 'b', writeShare: 1, projectedItemSizeBytes: 100 },
      ],
      indexReads: [{ indexName: 'a', readShare: 0.6 }, { indexName: 'b', readShare: 0.6 }],
    }, 'indexReads', /^CapacityPlanner.plan: workload.indexReads shares add up to 1.2, more than all reads; give shares of readsPerSecond that add up to 1 at most/);
  });

  test('an item over 400 KB, and an index item over it', () => {
    expectInvalid({ itemSizeBytes: 409_601 }, 'itemSizeBytes',
      /^CapacityPlanner.plan: workload.itemSizeBytes is 409601 bytes, over DynamoDB's item limit of 400 KB \(409,600 bytes\); store large attributes in S3/);
    expectInvalid({ globalSecondaryIndexes: [{ indexName: 'byStatus', writeShare: 1, projectedItemSizeBytes: 500_000 }] },
      'globalSecondaryIndexes[0].projectedItemSizeBytes', /is 500000 bytes, over DynamoDB's item limit/);
    expectInvalid({ itemSizeBytes: 0 }, 'itemSizeBytes', /is 0, not a size in bytes; give the average item size in bytes, more than 0/);
  });

  test('index reads that name an unknown index', () => {
    expectInvalid({ indexReads: [{ indexName: 'byStatuss', readShare: 0.5 }] }, 'indexReads[0].indexName',
      /^CapacityPlanner.plan: workload.indexReads\[0\].indexName is "byStatuss", not an index of globalSecondaryIndexes; name one of "byStatus"$/);
    expectInvalid({ globalSecondaryIndexes: undefined, indexReads: [{ indexName: 'byStatus', readShare: 0.5 }] }, 'indexReads[0].indexName',
      /name an index listed in globalSecondaryIndexes \(there are none\)$/);
  });

  test('an index listed twice, or without a name', () => {
    const index = { indexName: 'byStatus', writeShare: 1, projectedItemSizeBytes: 100 };
    expectInvalid({ globalSecondaryIndexes: [index, index] }, 'globalSecondaryIndexes[1].indexName', /is "byStatus", a name already listed; list each index once/);
    expectInvalid({ globalSecondaryIndexes: [{ ...index, indexName: '' }] }, 'globalSecondaryIndexes[0].indexName', /is "", not an index name/);
  });

  test('an unknown enum value', () => {
    expectInvalid({ readConsistency: 'STRONGLY' }, 'readConsistency', /is "STRONGLY", not a known value; use one of EVENTUAL, STRONG, TRANSACTIONAL$/);
    expectInvalid({ tableClass: 'GLACIER' }, 'tableClass', /use one of STANDARD, STANDARD_INFREQUENT_ACCESS$/);
    const known = { ...valid, readConsistency: ReadConsistency.STRONG, tableClass: TableClass.STANDARD_INFREQUENT_ACCESS };
    expect(() => CapacityPlanner.plan(known)).not.toThrow();
  });

  test('replica regions: a bad name or a region listed twice', () => {
    expectInvalid({ replicaRegions: ['eu-west'] }, 'replicaRegions[0]', /is "eu-west", not a region name; give a region such as "eu-west-1"/);
    expectInvalid({ replicaRegions: ['eu-west-1', 'eu-west-1'] }, 'replicaRegions[1]', /a region already listed/);
  });

  test('prices that are not a PriceTable, a flag that is not a boolean, a list that is not a list', () => {
    expectInvalid({ prices: { standard: {} } }, 'prices', /is \{"standard":\{\}\}, not a PriceTable; use PriceTable.usEast1/);
    expectInvalid({ pointInTimeRecovery: 'yes' }, 'pointInTimeRecovery', /is "yes", not true or false/);
    expectInvalid({ replicaRegions: 'eu-west-1' }, 'replicaRegions', /is "eu-west-1", not a list/);
    expect(() => CapacityPlanner.plan({ ...valid, prices: PriceTable.usEast1() })).not.toThrow();
  });

  test('no workload at all', () => {
    expectKitError(() => CapacityPlanner.plan(undefined as unknown as Workload), { path: 'CapacityPlanner.plan', property: 'workload', message: /is undefined, not an object/ });
  });
});
