import { AttributeType, Billing, Capacity } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable } from '../../src';
import { formatTable } from '../../src/report/format';
import { reportTables } from '../../src/report/table-report';
import { TemplateSet } from '../../src/template';
import { TEST_ENV } from '../helpers/app';
import { templateJson } from '../template/fixtures';

function reportOf(build: Parameters<typeof templateJson>[0]) {
  const template = templateJson(build);
  const set: TemplateSet = {
    source: 'test',
    singleFile: false,
    stacks: { TestStack: template },
    details: { TestStack: { id: 'TestStack', stackName: 'TestStack', environment: { region: TEST_ENV.region }, templateFile: 'test', template, unreadNestedStacks: [] } },
  };
  return reportTables(set)[0];
}

const keys = { partitionKey: { name: 'pk', type: AttributeType.STRING } };

describe('the report prices provisioned tables at their minimum capacity', () => {
  test('a provisioned table with one replica: table and replica, reads and (replicated) writes', () => {
    const report = reportOf(stack => new ProductionTable(stack, 'Orders', {
      ...keys,
      billing: Billing.provisioned({
        readCapacity: Capacity.autoscaled({ minCapacity: 10, maxCapacity: 100 }),
        writeCapacity: Capacity.autoscaled({ minCapacity: 5, maxCapacity: 50 }),
      }),
      replicas: [{ region: 'eu-west-1' }],
      replicaKeyArns: { 'eu-west-1': 'arn:aws:kms:eu-west-1:111111111111:key/6f1c2a9e-0d1b-4c55-9a44-0a4f5b3f0e11' },
    }));
    // By hand, us-east-1 list prices: 730 h × (10 RCU × $0.00013 + 5 WCU × $0.00065) = $3.3215 in the
    // table's region; the replica reads 10 RCU and replicates the 5 WCU at the same prices: × 2 = $6.643.
    expect(report.provisionedMinimumMonthlyCostUsd).toBeCloseTo(6.643, 3);
    expect(formatTable(report)).toContain('provisioned cost:    ≈ $6.64/month at the minimum capacity (us-east-1 list prices)');
  });

  test('an index without capacity of its own takes the table\'s (TableV2 gives it the table\'s)', () => {
    const report = reportOf(stack => new ProductionTable(stack, 'Orders', {
      ...keys,
      billing: Billing.provisioned({ readCapacity: Capacity.fixed(4), writeCapacity: Capacity.autoscaled({ minCapacity: 2, maxCapacity: 20 }) }),
      globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
    }));
    // 730 h × ((4 + 4) RCU × $0.00013 + (2 + 2) WCU × $0.00065) = 730 × (0.00104 + 0.0026) = $2.6572.
    expect(report.provisionedMinimumMonthlyCostUsd).toBeCloseTo(2.6572, 4);
  });

  test('an on-demand table has no such line', () => {
    const report = reportOf(stack => new ProductionTable(stack, 'Orders', keys));
    expect(report.provisionedMinimumMonthlyCostUsd).toBeUndefined();
    expect(formatTable(report)).not.toContain('provisioned cost');
  });
});
