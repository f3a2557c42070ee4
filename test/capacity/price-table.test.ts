import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { CapacityPlanner, PriceTable } from '../../src';
import { minimumProvisionedMonthlyCost } from '../../src/capacity';
import { expectKitError } from '../helpers/errors';

describe('PriceTable.usEast1()', () => {
  test('holds the us-east-1 list prices (after the 2024-11-01 on-demand cut) and says where they come from', () => {
    const prices = PriceTable.usEast1();
    expect(prices.pricesFor(TableClass.STANDARD)).toEqual({
      onDemandReadPerMillion: 0.125,
      onDemandWritePerMillion: 0.625,
      onDemandReplicatedWritePerMillion: 0.625,
      provisionedReadPerCapacityUnitHour: 0.00013,
      provisionedWritePerCapacityUnitHour: 0.00065,
      provisionedReplicatedWritePerCapacityUnitHour: 0.00065,
      storagePerGbMonth: 0.25,
    });
    expect(prices.pricesFor(TableClass.STANDARD_INFREQUENT_ACCESS)).toMatchObject({ storagePerGbMonth: 0.10, onDemandWritePerMillion: 0.78125 });
    expect(prices.pointInTimeRecoveryPerGbMonth).toBe(0.20);
    expect(prices.source).toMatch(/^us-east-1 list prices read 2026-12-01 from https:\/\/aws.amazon.com\/dynamodb\/pricing\//);
  });

  test('any price can be overridden, the others stay', () => {
    const prices = PriceTable.usEast1({ standard: { provisionedWritePerCapacityUnitHour: 0.0005 }, pointInTimeRecoveryPerGbMonth: 0.1 });
    expect(prices.standard.provisionedWritePerCapacityUnitHour).toBe(0.0005);
    expect(prices.standard.provisionedReadPerCapacityUnitHour).toBe(0.00013);
    expect(prices.standardInfrequentAccess.provisionedWritePerCapacityUnitHour).toBe(0.00081);
    expect(prices.pointInTimeRecoveryPerGbMonth).toBe(0.1);
    expect(prices.source).toBe('us-east-1 list prices, with overrides');
  });

  test('a plan uses the overridden prices', () => {
    // 1 KB × 10 writes/s = 26.28 M write units a month × $1 per million = $26.28
    const plan = CapacityPlanner.plan({
      itemSizeBytes: 1024,
      readsPerSecond: 0,
      writesPerSecond: 10,
      storageGb: 0,
      prices: PriceTable.usEast1({ standard: { onDemandWritePerMillion: 1 }, source: 'our negotiated prices' }),
    });
    expect(plan.monthlyCost.onDemand).toBe(26.28);
    expect(plan.explanation).toContain('prices: Standard table class, our negotiated prices');
  });

  test('a negative or non-finite price is our error', () => {
    expectKitError(() => PriceTable.usEast1({ standard: { storagePerGbMonth: -1 } }),
      { path: 'PriceTable', property: 'standard.storagePerGbMonth', message: /is -1, not a price; give a finite number of USD, 0 or more/ });
    expectKitError(() => PriceTable.usEast1({ pointInTimeRecoveryPerGbMonth: NaN }),
      { path: 'PriceTable', property: 'pointInTimeRecoveryPerGbMonth', message: /is NaN, not a price/ });
  });
});

describe('minimumProvisionedMonthlyCost (the report\'s "provisioned capacity costs ≈ $X/month at the minimum")', () => {
  test('one region: 730 h × (RCU × $0.00013 + WCU × $0.00065)', () => {
    // 730 × (10 × 0.00013 + 5 × 0.00065) = 730 × 0.00455 = $3.3215
    expect(minimumProvisionedMonthlyCost({ readCapacityUnits: 10, writeCapacityUnits: 5 })).toBeCloseTo(3.3215, 10);
  });

  test('replicas provision the same reads and replicated writes', () => {
    // 730 × (0.00455 + 2 × (10 × 0.00013 + 5 × 0.00065)) = 730 × 0.01365 = $9.9645
    expect(minimumProvisionedMonthlyCost({ readCapacityUnits: 10, writeCapacityUnits: 5, replicaCount: 2 })).toBeCloseTo(9.9645, 10);
    // replicas with 1 RCU: 730 × (0.00455 + 2 × (0.00013 + 0.00325)) = 730 × 0.01131 = $8.2563
    const oneReplicaRcu = { readCapacityUnits: 10, writeCapacityUnits: 5, replicaCount: 2, replicaReadCapacityUnits: 1 };
    expect(minimumProvisionedMonthlyCost(oneReplicaRcu)).toBeCloseTo(8.2563, 10);
  });

  test('Standard-IA and overridden prices', () => {
    // 730 × (10 × 0.00016 + 5 × 0.00081) = 730 × 0.00565 = $4.1245
    const infrequent = { readCapacityUnits: 10, writeCapacityUnits: 5, tableClass: TableClass.STANDARD_INFREQUENT_ACCESS };
    expect(minimumProvisionedMonthlyCost(infrequent)).toBeCloseTo(4.1245, 10);
    // 730 × (10 × 0.001 + 0) = $7.30
    const prices = PriceTable.usEast1({ standard: { provisionedReadPerCapacityUnitHour: 0.001 } });
    expect(minimumProvisionedMonthlyCost({ readCapacityUnits: 10, writeCapacityUnits: 0, prices })).toBeCloseTo(7.3, 10);
  });

  test('the same on CapacityPlanner, for jsii languages', () => {
    expect(CapacityPlanner.minimumProvisionedMonthlyCost({ readCapacityUnits: 10, writeCapacityUnits: 5 })).toBeCloseTo(3.3215, 10);
  });

  test('a negative capacity is our error', () => {
    expectKitError(() => minimumProvisionedMonthlyCost({ readCapacityUnits: -1, writeCapacityUnits: 5 }),
      { path: 'minimumProvisionedMonthlyCost', property: 'readCapacityUnits', message: /is -1, not a finite number 0 or more/ });
  });
});
