import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { CapacityPlanner, PriceTable, ReadConsistency } from '../../src';
import { workloadFromJson } from '../../src/capacity/workload-json';
import { expectKitError } from '../helpers/errors';

describe('workloadFromJson: the plan command\'s file', () => {
  test('the same field names, enums by name, prices as overrides of usEast1()', () => {
    const workload = workloadFromJson({
      itemSizeBytes: 1024,
      readsPerSecond: 1,
      writesPerSecond: 1,
      storageGb: 1,
      readConsistency: 'STRONG',
      tableClass: 'STANDARD_INFREQUENT_ACCESS',
      globalSecondaryIndexes: [{ indexName: 'byStatus', writeShare: 1, projectedItemSizeBytes: 100 }],
      indexReads: [{ indexName: 'byStatus', readShare: 0.5 }],
      prices: { standardInfrequentAccess: { storagePerGbMonth: 0.05 } },
    }, 'w.json');
    expect(workload.readConsistency).toBe(ReadConsistency.STRONG);
    expect(workload.tableClass).toBe(TableClass.STANDARD_INFREQUENT_ACCESS);
    expect(workload.prices).toBeInstanceOf(PriceTable);
    expect(workload.prices!.standardInfrequentAccess.storagePerGbMonth).toBe(0.05);
    expect(CapacityPlanner.plan(workload).monthlyCost.storage).toBe(0.05); // 1 GB × $0.05
  });

  test('an unknown field is an error, not silently ignored (a misspelt peak would plan for steady traffic)', () => {
    expectKitError(() => workloadFromJson({ itemSizeBytes: 1, peakReadPerSecond: 10 }, 'w.json'),
      { path: 'w.json', property: 'peakReadPerSecond', message: /^w.json: peakReadPerSecond is not a field we know; use only itemSizeBytes, readsPerSecond/ });
    expectKitError(() => workloadFromJson({ globalSecondaryIndexes: [{ name: 'x' }] }, 'w.json'),
      { path: 'w.json', property: 'globalSecondaryIndexes[0].name', message: /is not a field we know; use only indexName, writeShare, projectedItemSizeBytes$/ });
    expectKitError(() => workloadFromJson({ prices: { standard: { wcu: 1 } } }, 'w.json'),
      { path: 'w.json', property: 'prices.standard.wcu', message: /is not a field we know/ });
  });

  test('a file that is not an object', () => {
    expectKitError(() => workloadFromJson([1, 2], 'w.json'), { path: 'w.json', property: 'the workload', message: /is \[1,2\], not a JSON object/ });
  });
});
