import { RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, Billing, Capacity, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable, ProductionTableProps } from '../../src';
import { testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

function warningsOf(props: Partial<ProductionTableProps>): string[] {
  const stack = testStack();
  new ProductionTable(stack, 'Orders', { partitionKey, ...props });
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map(w => String(w.entry.data));
}

describe('ProductionTable says what an opt-out gives up', () => {
  test('defaults produce no warning', () => {
    expect(warningsOf({})).toEqual([]);
  });

  test.each<[string, Partial<ProductionTableProps>, RegExp]>([
    ['an AWS-managed key', { encryption: TableEncryptionV2.awsManagedKey() }, /AWS-managed key: you give up your own key policy/],
    ['a DynamoDB-owned key', { encryption: TableEncryptionV2.dynamoOwnedKey() }, /DynamoDB-owned key: no key policy, no CloudTrail record/],
    ['deletion protection off', { deletionProtection: false }, /deletionProtection is false/],
    ['a destroy removal policy', { removalPolicy: RemovalPolicy.DESTROY }, /removal policy is destroy \(DeletionPolicy Delete\): removing the table from the stack deletes it/],
    ['PITR off', { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }, /point-in-time recovery is off/],
    ['PITR off (deprecated form)', { pointInTimeRecovery: false }, /point-in-time recovery is off/],
    ['a fixed read capacity', {
      billing: Billing.provisioned({ readCapacity: Capacity.fixed(5), writeCapacity: Capacity.autoscaled({ maxCapacity: 10 }) }),
    }, /billing has a fixed readCapacity/],
    ['a fixed index read capacity', {
      billing: Billing.provisioned({
        readCapacity: Capacity.autoscaled({ maxCapacity: 10 }),
        writeCapacity: Capacity.autoscaled({ maxCapacity: 10 }),
      }),
      globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'c', type: AttributeType.STRING }, readCapacity: Capacity.fixed(5) }],
    }, /index byCustomer has a fixed readCapacity/],
    ['a replica without deletion protection', {
      encryption: TableEncryptionV2.awsManagedKey(), replicas: [{ region: 'eu-west-1', deletionProtection: false }],
    }, /replica eu-west-1 has deletionProtection false/],
    ['a replica without PITR', {
      encryption: TableEncryptionV2.awsManagedKey(),
      replicas: [{ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }],
    }, /replica eu-west-1 has point-in-time recovery off/],
  ])('%s', (_name, props, message) => {
    const warnings = warningsOf(props);
    expect(warnings.some(w => message.test(w))).toBe(true);
  });
});
