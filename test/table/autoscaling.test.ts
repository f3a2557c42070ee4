import { Duration } from 'aws-cdk-lib';
import { AttributeType, Billing, Capacity, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

const writePolicy = (settings: any) =>
  settings.WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings.TargetTrackingScalingPolicyConfiguration;
const readPolicy = (settings: any) =>
  settings.ReadProvisionedThroughputSettings.ReadCapacityAutoScalingSettings.TargetTrackingScalingPolicyConfiguration;

function synthProvisioned(extra: object = {}) {
  const stack = testStack();
  new ProductionTable(stack, 'Orders', {
    partitionKey,
    billing: Billing.provisioned({
      readCapacity: Capacity.autoscaled({ minCapacity: 5, maxCapacity: 100 }),
      writeCapacity: Capacity.autoscaled({ minCapacity: 5, maxCapacity: 50 }),
    }),
    globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
    replicas: [{ region: 'eu-west-1' }],
    encryption: TableEncryptionV2.awsManagedKey(),
    ...extra,
  });
  return onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable').properties;
}

describe('ProductionTable autoscaling', () => {
  test('provisioned billing autoscales the table and every index at a 70% target', () => {
    const props = synthProvisioned();
    expect(props.BillingMode).toBe('PROVISIONED');
    expect(props.WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings).toEqual({
      MinCapacity: 5, MaxCapacity: 50, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 },
    });
    expect(writePolicy(props.GlobalSecondaryIndexes[0])).toEqual({ TargetValue: 70 });
    for (const replica of props.Replicas) {
      expect(replica.ReadProvisionedThroughputSettings.ReadCapacityAutoScalingSettings).toEqual({
        MinCapacity: 5, MaxCapacity: 100, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 },
      });
      expect(readPolicy(replica.GlobalSecondaryIndexes[0])).toEqual({ TargetValue: 70 });
    }
  });

  test('cooldowns reach every autoscaled capacity: table, index and replica, read and write', () => {
    const props = synthProvisioned({ autoScaling: { scaleInCooldown: Duration.minutes(5), scaleOutCooldown: Duration.seconds(30) } });
    const expected = { TargetValue: 70, ScaleInCooldown: 300, ScaleOutCooldown: 30 };
    expect(writePolicy(props)).toEqual(expected);
    expect(writePolicy(props.GlobalSecondaryIndexes[0])).toEqual(expected);
    for (const replica of props.Replicas) {
      expect(readPolicy(replica)).toEqual(expected);
      expect(readPolicy(replica.GlobalSecondaryIndexes[0])).toEqual(expected);
    }
  });

  test('an index added later gets the cooldowns too', () => {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', {
      partitionKey,
      billing: Billing.provisioned({
        readCapacity: Capacity.autoscaled({ maxCapacity: 10 }),
        writeCapacity: Capacity.autoscaled({ maxCapacity: 10 }),
      }),
      autoScaling: { scaleOutCooldown: Duration.seconds(45) },
    });
    table.addGlobalSecondaryIndex({
      indexName: 'byStatus',
      partitionKey: { name: 'status', type: AttributeType.STRING },
      writeCapacity: Capacity.autoscaled({ maxCapacity: 20 }),
    });
    const props = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable').properties;
    expect(props.GlobalSecondaryIndexes[0].WriteProvisionedThroughputSettings.WriteCapacityAutoScalingSettings).toEqual({
      MinCapacity: 1, MaxCapacity: 20, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, ScaleOutCooldown: 45 },
    });
  });

  test('a fixed read capacity passes through unchanged', () => {
    const props = synthProvisioned({
      billing: Billing.provisioned({ readCapacity: Capacity.fixed(10), writeCapacity: Capacity.autoscaled({ maxCapacity: 50 }) }),
      autoScaling: { scaleInCooldown: Duration.minutes(1) },
    });
    expect(props.Replicas[0].ReadProvisionedThroughputSettings).toEqual({ ReadCapacityUnits: 10 });
  });
});
