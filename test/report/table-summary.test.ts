import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, CfnTable, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { buildApp, OrdersStack } from '../../examples/orders/app';
import { ProductionTable } from '../../src';
import { formatSummaries, summarizeTables } from '../../src/report/table-summary';
import { templateOf, testApp, testStack } from '../helpers/app';

function summariesOf(build: (stack: ReturnType<typeof testStack>) => void) {
  const app = testApp();
  app.node.setContext('aws:cdk:enable-path-metadata', true); // as the CDK CLI does
  const stack = testStack({}, app);
  build(stack);
  return summarizeTables({ source: 'test', singleFile: false, stacks: { TestStack: templateOf(stack).toJSON() as any } });
}

describe('table summary', () => {
  test('a default ProductionTable meets every production default', () => {
    const [summary] = summariesOf(stack => new ProductionTable(stack, 'Orders', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
    }));
    expect(summary).toMatchObject({
      stackName: 'TestStack',
      type: 'AWS::DynamoDB::GlobalTable',
      constructPath: 'TestStack/Orders/Resource',
      keys: 'pk (partition), sk (sort)',
      billing: 'PAY_PER_REQUEST',
      pointInTimeRecovery: 'on (35 days)',
      encryption: 'customer-managed KMS key',
      deletionProtection: 'on',
      removalPolicy: 'Retain',
      timeToLive: 'expiresAt',
      gaps: [],
    });
    expect(formatSummaries([summary])).toMatch(/production-ready: {4}yes\n\n1 of 1 table\(s\) meet the production defaults/);
  });

  test('a table with the defaults turned off lists every gap', () => {
    const [summary] = summariesOf(stack => new ProductionTable(stack, 'Orders', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      encryption: TableEncryptionV2.awsManagedKey(),
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
    }));
    expect(summary.gaps).toEqual([
      'point-in-time recovery is off',
      'encryption is AWS-managed KMS key, not a customer-managed key',
      'deletion protection is off',
      'the table is deleted when removed from the stack (no Retain policy)',
    ]);
    expect(formatSummaries([summary])).toMatch(/production-ready: {4}NO — point-in-time recovery is off;/);
  });

  test('an AWS::DynamoDB::Table is summarized from its top-level settings', () => {
    const [summary] = summariesOf(stack => new CfnTable(stack, 'Legacy', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    }));
    expect(summary).toMatchObject({ type: 'AWS::DynamoDB::Table', pointInTimeRecovery: 'on (35 days)', encryption: 'DynamoDB-owned key', replicas: [] });
    expect(summary.gaps).toContain('deletion protection is off');
  });

  test('backup selections, alarms and stream consumers that refer to the table are counted', () => {
    const app = buildApp(testApp());
    const orders = app.node.findChild('OrdersService') as OrdersStack;
    const [summary] = summarizeTables({ source: 'test', singleFile: false, stacks: { OrdersService: templateOf(orders).toJSON() as any } });
    expect(summary.backupSelections).toBe(1);
    expect(summary.streamConsumers).toBe(1);
    expect(summary.streamConsumersWithFailureDestination).toBe(1);
    expect(summary.alarms).toBeGreaterThanOrEqual(4);
    expect(formatSummaries([summary])).toMatch(/backup plans: {8}in 1\n {2}alarms: {14}\d+\n {2}stream consumers: {4}1 \(1 with a failure destination\)/);
  });

  test('a bare table has none of them', () => {
    const [summary] = summariesOf(stack => new CfnTable(stack, 'Bare', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
    }));
    expect(summary).toMatchObject({ backupSelections: 0, alarms: 0, streamConsumers: 0 });
    expect(formatSummaries([summary])).toMatch(/backup plans: {8}none \(PITR only\)/);
  });

  test('no tables', () => {
    expect(formatSummaries([])).toBe('No DynamoDB tables found.\n');
  });
});
