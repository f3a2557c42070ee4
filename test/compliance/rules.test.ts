import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dax from 'aws-cdk-lib/aws-dax';
import { AttributeType, Billing, BillingMode, Capacity, CfnGlobalTable, CfnGlobalTableProps, CfnTable, StreamViewType, Table, TableEncryption, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance } from 'cdk-nag';
import { check } from './nag';
import { ProductionTable } from '../../src';
import { ContributorInsightsEnabled } from '../../src/compliance/rules/contributor-insights-enabled';
import { CustomerManagedKey } from '../../src/compliance/rules/customer-managed-key';
import { DaxEncryptedAtRest } from '../../src/compliance/rules/dax-encrypted-at-rest';
import { DaxEncryptedInTransit } from '../../src/compliance/rules/dax-encrypted-in-transit';
import { DeletionProtectionEnabled } from '../../src/compliance/rules/deletion-protection-enabled';
import { InBackupPlan } from '../../src/compliance/rules/in-backup-plan';
import { PointInTimeRecoveryEnabled } from '../../src/compliance/rules/point-in-time-recovery-enabled';
import { ProvisionedCapacityAutoscaled } from '../../src/compliance/rules/provisioned-capacity-autoscaled';
import { RetainPolicy } from '../../src/compliance/rules/retain-policy';
import { StreamConsumerFailureHandling } from '../../src/compliance/rules/stream-consumer-failure-handling';
import { ThrottleAlarms } from '../../src/compliance/rules/throttle-alarms';
import { testStack } from '../helpers/app';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;
const GLOBAL = 'AWS::DynamoDB::GlobalTable';
const TABLE = 'AWS::DynamoDB::Table';
const partitionKey = { name: 'pk', type: AttributeType.STRING };
const EU_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111';
const byCustomer = { indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } };

function productionTable(stack: Stack, props: Partial<ConstructorParameters<typeof ProductionTable>[2]> = {}): ProductionTable {
  return new ProductionTable(stack, 'Orders', { partitionKey, ...props });
}

/** A global table with two replicas, the second one configured by `replica`. */
function globalTableWithReplica(
  stack: Stack,
  replica: Partial<CfnGlobalTable.ReplicaSpecificationProperty>,
  props: Partial<CfnGlobalTableProps> = {},
): CfnGlobalTable {
  const compliantReplica = (region: string) => ({
    region,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtectionEnabled: true,
    contributorInsightsSpecification: { enabled: true },
    sseSpecification: { kmsMasterKeyId: `arn:aws:kms:${region}:123456789012:key/abc` },
  });
  return new CfnGlobalTable(stack, 'Global', {
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    billingMode: 'PAY_PER_REQUEST',
    sseSpecification: { sseEnabled: true, sseType: 'KMS' },
    streamSpecification: { streamViewType: 'NEW_AND_OLD_IMAGES' },
    replicas: [compliantReplica('us-east-1'), { ...compliantReplica('eu-west-1'), ...replica }],
    ...props,
  });
}

describe('PointInTimeRecoveryEnabled', () => {
  test('a ProductionTable (GlobalTable) with defaults is compliant', () => {
    const stack = testStack();
    productionTable(stack);
    expect(check(PointInTimeRecoveryEnabled, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('a TableV2 with defaults is not: the gap in cdk-nag\'s own packs', () => {
    const stack = testStack();
    new TableV2(stack, 'Plain', { partitionKey });
    expect(check(PointInTimeRecoveryEnabled, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('one replica without PITR makes the global table non-compliant', () => {
    const stack = testStack();
    globalTableWithReplica(stack, { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } });
    expect(check(PointInTimeRecoveryEnabled, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('an AWS::DynamoDB::Table: on is compliant, off is not', () => {
    const on = testStack();
    new Table(on, 'T', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    expect(check(PointInTimeRecoveryEnabled, on, TABLE)).toBe(COMPLIANT);
    const off = testStack();
    new Table(off, 'T', { partitionKey });
    expect(check(PointInTimeRecoveryEnabled, off, TABLE)).toBe(NON_COMPLIANT);
  });

  test('other resources are not applicable', () => {
    const stack = testStack();
    new sqs.Queue(stack, 'Q');
    expect(check(PointInTimeRecoveryEnabled, stack, 'AWS::SQS::Queue')).toBe(NOT_APPLICABLE);
  });
});

describe('CustomerManagedKey', () => {
  test('a ProductionTable with replicas uses its own key in every region', () => {
    const stack = testStack();
    productionTable(stack, { replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': EU_KEY } });
    expect(check(CustomerManagedKey, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test.each([
    ['an AWS-managed key', TableEncryptionV2.awsManagedKey()],
    ['a DynamoDB-owned key', TableEncryptionV2.dynamoOwnedKey()],
  ])('a global table with %s is not compliant', (_name, encryption) => {
    const stack = testStack();
    new TableV2(stack, 'Plain', { partitionKey, encryption });
    expect(check(CustomerManagedKey, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('a replica without a key is not compliant', () => {
    const stack = testStack();
    globalTableWithReplica(stack, { sseSpecification: undefined });
    expect(check(CustomerManagedKey, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('a replica naming the AWS-managed alias is not compliant', () => {
    const stack = testStack();
    globalTableWithReplica(stack, { sseSpecification: { kmsMasterKeyId: 'alias/aws/dynamodb' } });
    expect(check(CustomerManagedKey, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('an AWS::DynamoDB::Table: customer-managed is compliant, AWS-managed is not', () => {
    const customer = testStack();
    new Table(customer, 'T', { partitionKey, encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: new kms.Key(customer, 'K', { enableKeyRotation: true }) });
    expect(check(CustomerManagedKey, customer, TABLE)).toBe(COMPLIANT);
    const managed = testStack();
    new Table(managed, 'T', { partitionKey, encryption: TableEncryption.AWS_MANAGED });
    expect(check(CustomerManagedKey, managed, TABLE)).toBe(NON_COMPLIANT);
  });
});

describe('DeletionProtectionEnabled', () => {
  test('a ProductionTable is compliant in every replica', () => {
    const stack = testStack();
    productionTable(stack, { replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': EU_KEY } });
    expect(check(DeletionProtectionEnabled, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('a replica that turns it off makes the table non-compliant', () => {
    const stack = testStack();
    productionTable(stack, { replicas: [{ region: 'eu-west-1', deletionProtection: false }], replicaKeyArns: { 'eu-west-1': EU_KEY } });
    expect(check(DeletionProtectionEnabled, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('an AWS::DynamoDB::Table: on is compliant, default is not', () => {
    const on = testStack();
    new Table(on, 'T', { partitionKey, deletionProtection: true });
    expect(check(DeletionProtectionEnabled, on, TABLE)).toBe(COMPLIANT);
    const off = testStack();
    new Table(off, 'T', { partitionKey });
    expect(check(DeletionProtectionEnabled, off, TABLE)).toBe(NON_COMPLIANT);
  });
});

describe('RetainPolicy', () => {
  test('a ProductionTable is retained', () => {
    const stack = testStack();
    productionTable(stack);
    expect(check(RetainPolicy, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('RemovalPolicy.DESTROY is not compliant', () => {
    const stack = testStack();
    productionTable(stack, { removalPolicy: RemovalPolicy.DESTROY });
    expect(check(RetainPolicy, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('a table with no policy at all (CloudFormation deletes it) is not compliant', () => {
    const stack = testStack();
    new CfnTable(stack, 'T', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }], billingMode: 'PAY_PER_REQUEST' });
    expect(check(RetainPolicy, stack, TABLE)).toBe(NON_COMPLIANT);
  });

  test('Retain on deletion but not on replacement is not compliant', () => {
    const stack = testStack();
    const table = productionTable(stack);
    (table.node.defaultChild as CfnGlobalTable).addOverride('UpdateReplacePolicy', 'Delete');
    expect(check(RetainPolicy, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });
});

describe('InBackupPlan', () => {
  test('a table added to a backup plan by reference is compliant', () => {
    const stack = testStack();
    const table = productionTable(stack);
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(table)] });
    expect(check(InBackupPlan, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('a table with a literal name selected by ARN is compliant', () => {
    const stack = testStack();
    productionTable(stack, { tableName: 'orders' });
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Tables', {
      resources: [backup.BackupResource.fromArn('arn:aws:dynamodb:us-east-1:123456789012:table/orders')],
    });
    expect(check(InBackupPlan, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('a backup plan that selects another table does not cover this one', () => {
    const stack = testStack();
    productionTable(stack, { tableName: 'orders' });
    const other = new TableV2(stack, 'Other', { partitionKey, tableName: 'orders-archive' });
    backup.BackupPlan.daily35DayRetention(stack, 'Plan').addSelection('Tables', { resources: [backup.BackupResource.fromDynamoDbTable(other)] });
    const orders = stack.node.findChild('Orders').node.defaultChild as CfnGlobalTable;
    expect(InBackupPlan(orders)).toBe(NON_COMPLIANT);
    expect(InBackupPlan(other.node.defaultChild as CfnGlobalTable)).toBe(COMPLIANT);
  });

  test('a table with no backup plan is not compliant', () => {
    const stack = testStack();
    productionTable(stack);
    expect(check(InBackupPlan, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });
});

describe('ProvisionedCapacityAutoscaled', () => {
  const autoscaled = () => Billing.provisioned({
    readCapacity: Capacity.autoscaled({ maxCapacity: 10 }),
    writeCapacity: Capacity.autoscaled({ maxCapacity: 10 }),
  });

  test('on-demand is compliant', () => {
    const stack = testStack();
    productionTable(stack);
    expect(check(ProvisionedCapacityAutoscaled, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('a global table autoscaled for the table, every index and every replica is compliant', () => {
    const stack = testStack();
    productionTable(stack, { billing: autoscaled(), globalSecondaryIndexes: [byCustomer], replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': EU_KEY } });
    expect(check(ProvisionedCapacityAutoscaled, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('fixed read capacity on the table is not compliant', () => {
    const stack = testStack();
    const billing = Billing.provisioned({ readCapacity: Capacity.fixed(5), writeCapacity: Capacity.autoscaled({ maxCapacity: 10 }) });
    productionTable(stack, { billing });
    expect(check(ProvisionedCapacityAutoscaled, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('fixed read capacity on one index in one replica is not compliant', () => {
    const stack = testStack();
    productionTable(stack, {
      billing: autoscaled(),
      globalSecondaryIndexes: [byCustomer],
      replicas: [{ region: 'eu-west-1', globalSecondaryIndexOptions: { byCustomer: { readCapacity: Capacity.fixed(5) } } }],
      replicaKeyArns: { 'eu-west-1': EU_KEY },
    });
    expect(check(ProvisionedCapacityAutoscaled, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('an AWS::DynamoDB::Table with scalable targets for the table and its index is compliant', () => {
    const stack = testStack();
    const table = new Table(stack, 'T', { partitionKey, billingMode: BillingMode.PROVISIONED });
    table.addGlobalSecondaryIndex(byCustomer);
    table.autoScaleReadCapacity({ minCapacity: 1, maxCapacity: 10 }).scaleOnUtilization({ targetUtilizationPercent: 70 });
    table.autoScaleWriteCapacity({ minCapacity: 1, maxCapacity: 10 }).scaleOnUtilization({ targetUtilizationPercent: 70 });
    table.autoScaleGlobalSecondaryIndexReadCapacity('byCustomer', { minCapacity: 1, maxCapacity: 10 })
      .scaleOnUtilization({ targetUtilizationPercent: 70 });
    table.autoScaleGlobalSecondaryIndexWriteCapacity('byCustomer', { minCapacity: 1, maxCapacity: 10 })
      .scaleOnUtilization({ targetUtilizationPercent: 70 });
    expect(check(ProvisionedCapacityAutoscaled, stack, TABLE)).toBe(COMPLIANT);
  });

  test('an AWS::DynamoDB::Table whose index is not autoscaled is not compliant', () => {
    const stack = testStack();
    const table = new Table(stack, 'T', { partitionKey, billingMode: BillingMode.PROVISIONED });
    table.addGlobalSecondaryIndex(byCustomer);
    table.autoScaleReadCapacity({ minCapacity: 1, maxCapacity: 10 }).scaleOnUtilization({ targetUtilizationPercent: 70 });
    table.autoScaleWriteCapacity({ minCapacity: 1, maxCapacity: 10 }).scaleOnUtilization({ targetUtilizationPercent: 70 });
    expect(check(ProvisionedCapacityAutoscaled, stack, TABLE)).toBe(NON_COMPLIANT);
  });
});

describe('ContributorInsightsEnabled', () => {
  test('a ProductionTable has it on for the table and its indexes in every replica', () => {
    const stack = testStack();
    productionTable(stack, { globalSecondaryIndexes: [byCustomer], replicas: [{ region: 'eu-west-1' }], replicaKeyArns: { 'eu-west-1': EU_KEY } });
    expect(check(ContributorInsightsEnabled, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('an index with it off in one replica is not compliant', () => {
    const stack = testStack();
    productionTable(stack, {
      globalSecondaryIndexes: [byCustomer],
      replicas: [{ region: 'eu-west-1', globalSecondaryIndexOptions: { byCustomer: { contributorInsightsSpecification: { enabled: false } } } }],
      replicaKeyArns: { 'eu-west-1': EU_KEY },
    });
    expect(check(ContributorInsightsEnabled, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('a TableV2 with defaults is not compliant', () => {
    const stack = testStack();
    new TableV2(stack, 'Plain', { partitionKey });
    expect(check(ContributorInsightsEnabled, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });
});

describe('ThrottleAlarms', () => {
  const plainTable = (stack: Stack, id = 'Plain') => new TableV2(stack, id, { partitionKey });

  test('a ProductionTable\'s default monitoring is compliant', () => {
    const stack = testStack();
    productionTable(stack);
    expect(check(ThrottleAlarms, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('a ProductionTable with monitoringEnabled: false is not compliant', () => {
    const stack = testStack();
    productionTable(stack, { monitoringEnabled: false });
    expect(check(ThrottleAlarms, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('alarms on read and write throttle events of the table are compliant', () => {
    const stack = testStack();
    const table = plainTable(stack);
    for (const [id, metricName] of [['Reads', 'ReadThrottleEvents'], ['Writes', 'WriteThrottleEvents']]) {
      table.metric(metricName, { period: Duration.minutes(1) }).createAlarm(stack, id, { threshold: 1, evaluationPeriods: 1 });
    }
    expect(check(ThrottleAlarms, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('an alarm on metric math over ThrottledRequests is compliant', () => {
    const stack = testStack();
    const table = plainTable(stack);
    new cloudwatch.MathExpression({
      expression: 'gets + puts',
      usingMetrics: {
        gets: table.metric('ThrottledRequests', { dimensionsMap: { TableName: table.tableName, Operation: 'GetItem' } }),
        puts: table.metric('ThrottledRequests', { dimensionsMap: { TableName: table.tableName, Operation: 'PutItem' } }),
      },
    }).createAlarm(stack, 'Throttles', { threshold: 1, evaluationPeriods: 1 });
    expect(check(ThrottleAlarms, stack, GLOBAL)).toBe(COMPLIANT);
  });

  test('an alarm on reads only is not compliant', () => {
    const stack = testStack();
    const table = plainTable(stack);
    table.metric('ReadThrottleEvents').createAlarm(stack, 'Reads', { threshold: 1, evaluationPeriods: 1 });
    expect(check(ThrottleAlarms, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('an alarm on another metric of the table is not compliant', () => {
    const stack = testStack();
    const table = plainTable(stack);
    table.metric('SystemErrors').createAlarm(stack, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    expect(check(ThrottleAlarms, stack, GLOBAL)).toBe(NON_COMPLIANT);
  });

  test('throttle alarms on another table do not count', () => {
    const stack = testStack();
    const orders = plainTable(stack, 'Orders');
    const other = plainTable(stack, 'Other');
    other.metric('ThrottledRequests').createAlarm(stack, 'Other throttles', { threshold: 1, evaluationPeriods: 1 });
    expect(ThrottleAlarms(orders.node.defaultChild as CfnGlobalTable)).toBe(NON_COMPLIANT);
    expect(ThrottleAlarms(other.node.defaultChild as CfnGlobalTable)).toBe(COMPLIANT);
  });

  test('an AWS::DynamoDB::Table without alarms is not compliant', () => {
    const stack = testStack();
    new Table(stack, 'T', { partitionKey });
    expect(check(ThrottleAlarms, stack, TABLE)).toBe(NON_COMPLIANT);
  });
});

describe('StreamConsumerFailureHandling', () => {
  function consumer(stack: Stack, options: { onFailure?: boolean; retryAttempts?: number }): void {
    const table = new TableV2(stack, 'Streamed', { partitionKey, dynamoStream: StreamViewType.NEW_IMAGE });
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}') });
    fn.addEventSource(new DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      onFailure: options.onFailure ? new SqsDlq(new sqs.Queue(stack, 'Failures')) : undefined,
      retryAttempts: options.retryAttempts,
    }));
  }
  const ESM = 'AWS::Lambda::EventSourceMapping';

  test('a failure destination and bounded retries are compliant', () => {
    const stack = testStack();
    consumer(stack, { onFailure: true, retryAttempts: 3 });
    expect(check(StreamConsumerFailureHandling, stack, ESM)).toBe(COMPLIANT);
  });

  test('no failure destination is not compliant', () => {
    const stack = testStack();
    consumer(stack, { retryAttempts: 3 });
    expect(check(StreamConsumerFailureHandling, stack, ESM)).toBe(NON_COMPLIANT);
  });

  test('unbounded retries (the default, -1) are not compliant', () => {
    const stack = testStack();
    consumer(stack, { onFailure: true });
    expect(check(StreamConsumerFailureHandling, stack, ESM)).toBe(NON_COMPLIANT);
  });

  test('a mapping on an imported DynamoDB stream ARN is checked too', () => {
    const stack = testStack();
    new lambda.CfnEventSourceMapping(stack, 'Imported', {
      functionName: 'fn',
      eventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000',
      startingPosition: 'LATEST',
    });
    expect(check(StreamConsumerFailureHandling, stack, ESM)).toBe(NON_COMPLIANT);
  });

  test('a mapping on an SQS queue is not applicable', () => {
    const stack = testStack();
    new lambda.CfnEventSourceMapping(stack, 'Queue', { functionName: 'fn', eventSourceArn: new sqs.Queue(stack, 'Q').queueArn });
    expect(check(StreamConsumerFailureHandling, stack, ESM)).toBe(NOT_APPLICABLE);
  });
});

describe('DAX encryption', () => {
  function cluster(stack: Stack, props: Partial<dax.CfnClusterProps>): void {
    new dax.CfnCluster(stack, 'Dax', { iamRoleArn: 'arn:aws:iam::123456789012:role/dax', nodeType: 'dax.r5.large', replicationFactor: 3, ...props });
  }
  const DAX = 'AWS::DAX::Cluster';

  test('SSE on and a TLS endpoint are compliant', () => {
    const stack = testStack();
    cluster(stack, { sseSpecification: { sseEnabled: true }, clusterEndpointEncryptionType: 'TLS' });
    expect(check(DaxEncryptedAtRest, stack, DAX)).toBe(COMPLIANT);
    expect(check(DaxEncryptedInTransit, stack, DAX)).toBe(COMPLIANT);
  });

  test('the defaults (no SSE, no TLS) are not compliant', () => {
    const stack = testStack();
    cluster(stack, {});
    expect(check(DaxEncryptedAtRest, stack, DAX)).toBe(NON_COMPLIANT);
    expect(check(DaxEncryptedInTransit, stack, DAX)).toBe(NON_COMPLIANT);
  });

  test('SSE explicitly off and endpoint encryption NONE are not compliant', () => {
    const stack = testStack();
    cluster(stack, { sseSpecification: { sseEnabled: false }, clusterEndpointEncryptionType: 'NONE' });
    expect(check(DaxEncryptedAtRest, stack, DAX)).toBe(NON_COMPLIANT);
    expect(check(DaxEncryptedInTransit, stack, DAX)).toBe(NON_COMPLIANT);
  });

  test('tables are not applicable', () => {
    const stack = testStack();
    productionTable(stack);
    expect(check(DaxEncryptedAtRest, stack, GLOBAL)).toBe(NOT_APPLICABLE);
    expect(check(DaxEncryptedInTransit, stack, GLOBAL)).toBe(NOT_APPLICABLE);
  });
});
