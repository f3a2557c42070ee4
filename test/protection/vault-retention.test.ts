import { RemovalPolicies, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ProductionTable, TableBackupPlan, TableBackupPlanProps } from '../../src';
import { testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

function planIn(stack: Stack, props: TableBackupPlanProps = {}): TableBackupPlan {
  return new TableBackupPlan(stack, 'Backup', { tables: [new ProductionTable(stack, 'Orders', { partitionKey })], ...props });
}

function planWarnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('/TestStack/Backup', Match.anyValue()).map(w => String(w.entry.data));
}

const KEY_LOSS = /vault's KMS key is not retained \(DeletionPolicy Delete\): .*every recovery point in the vault is unreadable/;
const VAULT_LOSS = /backup vault is not retained \(DeletionPolicy Delete\): removing the plan from the stack deletes the vault/;

describe('TableBackupPlan warns when the vault or its key is not retained', () => {
  test('the default (retained) is silent', () => {
    const stack = testStack();
    planIn(stack);
    expect(planWarnings(stack)).toEqual([]);
  });

  test('removalPolicy: DESTROY warns about the key and the vault, once each', () => {
    const stack = testStack();
    planIn(stack, { removalPolicy: RemovalPolicy.DESTROY });
    const warnings = planWarnings(stack);
    expect(warnings.filter(w => KEY_LOSS.test(w))).toHaveLength(1);
    expect(warnings.filter(w => VAULT_LOSS.test(w))).toHaveLength(1);
    Annotations.fromStack(stack).hasWarning('/TestStack/Backup', Match.stringLikeRegexp('nothing can be restored'));
  });

  test('RemovalPolicies.of(stack).destroy() after construction is seen too', () => {
    const stack = testStack();
    planIn(stack);
    RemovalPolicies.of(stack).destroy();
    expect(planWarnings(stack).filter(w => KEY_LOSS.test(w) || VAULT_LOSS.test(w))).toHaveLength(2);
  });

  test('your own key with a destroy policy is judged; an imported key is not', () => {
    const stack = testStack();
    planIn(stack, { encryptionKey: new kms.Key(stack, 'Mine', { removalPolicy: RemovalPolicy.DESTROY }) });
    expect(planWarnings(stack).filter(w => KEY_LOSS.test(w))).toHaveLength(1);
    const other = testStack();
    planIn(other, { encryptionKey: kms.Key.fromKeyArn(other, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/abc') });
    expect(planWarnings(other)).toEqual([]);
  });
});
