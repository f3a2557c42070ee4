import { AttributeType, Capacity } from 'aws-cdk-lib/aws-dynamodb';
import { BillingRecommendation, CapacityPlanner, ProductionTable, Workload } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';

function plan(workload: Partial<Workload>) {
  return CapacityPlanner.plan({ itemSizeBytes: 1000, readsPerSecond: 0, writesPerSecond: 0, storageGb: 0, ...workload });
}

describe('the on-demand / provisioned break-even', () => {
  // Writes only, 1 KB items (1 write unit), no reads, no storage.
  // On demand: x writes/s × 2,628,000 s × $0.625 / million = x × $1.6425 a month.
  // Provisioned: the minimum of 1 RCU and ceil(x / 0.7) = 1 WCU (x ≤ 0.7):
  //   (1 × $0.00013 + 1 × $0.00065) × 730 h = $0.5694 a month.
  // Break-even: x = 0.5694 / 1.6425 = 0.3467 writes/s.
  test('just below it, on demand is cheaper', () => {
    const result = plan({ writesPerSecond: 0.34 }); // 0.34 × 1.6425 = $0.55845
    expect(result.monthlyCost.onDemand).toBe(0.5585);
    expect(result.monthlyCost.provisioned).toBe(0.5694);
    expect(result.recommendation).toEqual({
      recommendation: BillingRecommendation.ON_DEMAND,
      reason: 'on demand is cheaper: on demand $0.5585/month, provisioned $0.5694/month',
    });
    expect(result.billingCode).toBe('Billing.onDemand()');
  });

  test('just above it, provisioned is cheaper', () => {
    const result = plan({ writesPerSecond: 0.35 }); // 0.35 × 1.6425 = $0.574875
    expect(result.monthlyCost.onDemand).toBe(0.5749);
    expect(result.recommendation.recommendation).toBe(BillingRecommendation.PROVISIONED);
    expect(result.recommendation.reason).toBe('traffic is steady (peaks at most twice the average) and provisioned capacity at 70% utilisation is cheaper: '
      + 'on demand $0.5749/month, provisioned $0.5694/month');
  });
});

describe('a peak more than twice the average goes on demand whatever the cost', () => {
  test('reads at 2.01 × the average', () => {
    const result = plan({ readsPerSecond: 100, peakReadsPerSecond: 201 });
    expect(result.recommendation.recommendation).toBe(BillingRecommendation.ON_DEMAND);
    expect(result.recommendation.reason).toMatch(/^peak reads \(201\/s\) are more than twice the average \(100\/s\): autoscaling reacts in minutes and burst capacity holds only about five minutes/);
    expect(result.monthlyCost.provisioned).toBeLessThan(result.monthlyCost.onDemand); // cheaper, but it would throttle
  });

  test('writes at 2.1 × the average', () => {
    const result = plan({ readsPerSecond: 100, writesPerSecond: 10, peakWritesPerSecond: 21 });
    expect(result.recommendation.reason).toMatch(/^peak writes \(21\/s\) are more than twice/);
  });

  test('exactly twice the average is still steady', () => {
    // 1,000 B eventually consistent: 0.5 units. Average 100 reads/s = 50 units/s.
    // On demand: 50 × 2,628,000 × $0.125 / million = $16.425.
    // Provisioned: ceil(50 / 0.7) = 72 RCU, 1 WCU: (72 × $0.00013 + $0.00065) × 730 = $7.3073.
    const result = plan({ readsPerSecond: 100, peakReadsPerSecond: 200 });
    expect(result.monthlyCost.onDemand).toBe(16.425);
    expect(result.monthlyCost.provisioned).toBe(7.3073);
    expect(result.recommendation.recommendation).toBe(BillingRecommendation.PROVISIONED);
  });
});

describe('billing: what the plan hands to ProductionTable', () => {
  // Peak 200 reads/s × 0.5 = 100 RCU. Autoscaling: from the average at 70% (72 RCU) to
  // max(2 × 72, ceil(100 / 0.7) = 143) = 144; writes from 1 to max(2 × 1, 0) = 2.
  const steady = { readsPerSecond: 100, peakReadsPerSecond: 200, globalSecondaryIndexes: [{ indexName: 'byStatus', writeShare: 1, projectedItemSizeBytes: 100 }] };

  test('provisioned: autoscaled from the average at 70% to the peak', () => {
    const result = plan(steady);
    expect(result.billingCode).toBe('Billing.provisioned({ '
      + 'readCapacity: Capacity.autoscaled({ minCapacity: 72, maxCapacity: 144, targetUtilizationPercent: 70 }), '
      + 'writeCapacity: Capacity.autoscaled({ minCapacity: 1, maxCapacity: 2, targetUtilizationPercent: 70 }) })');

    const stack = testStack();
    new ProductionTable(stack, 'Orders', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      billing: result.billing,
      globalSecondaryIndexes: [{
        indexName: 'byStatus',
        partitionKey: { name: 'status', type: AttributeType.STRING },
        // as the warning says: the index's own capacity (no reads query it; writes 0 units/s)
        readCapacity: Capacity.autoscaled({ minCapacity: 1, maxCapacity: 2 }),
        writeCapacity: Capacity.autoscaled({ minCapacity: 1, maxCapacity: 2 }),
      }],
    });
    const props = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable').properties;
    expect(props.BillingMode).toBe('PROVISIONED');
    expect(props.WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings).toEqual({
      MinCapacity: 1, MaxCapacity: 2, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 },
    });
    expect(props.Replicas[0].ReadProvisionedThroughputSettings.ReadCapacityAutoScalingSettings).toEqual({
      MinCapacity: 72, MaxCapacity: 144, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 },
    });
  });

  test('provisioned with indexes: each index\'s own capacity is a warning with the code', () => {
    expect(plan(steady).warnings).toEqual([
      'index byStatus: with provisioned billing it inherits the table\'s capacity unless given its own, and the monthly cost assumes its own: '
      + 'give it readCapacity: Capacity.autoscaled({ minCapacity: 1, maxCapacity: 2, targetUtilizationPercent: 70 }), '
      + 'writeCapacity: Capacity.autoscaled({ minCapacity: 1, maxCapacity: 2, targetUtilizationPercent: 70 })',
    ]);
  });

  test('on demand: Billing.onDemand(), and no index capacity to give', () => {
    const result = plan({ ...steady, peakReadsPerSecond: 1000 });
    expect(result.billingCode).toBe('Billing.onDemand()');
    expect(result.billing.mode).toBe('PAY_PER_REQUEST');
    expect(result.warnings).toEqual([]);
  });
});
