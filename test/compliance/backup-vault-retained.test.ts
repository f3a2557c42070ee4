import { RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { check } from './nag';
import { ProductionTable, TableBackupPlan, TableBackupPlanProps } from '../../src';
import { BackupVaultRetained } from '../../src/compliance/rules/backup-vault-retained';
import { testStack } from '../helpers/app';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;
const VAULT = 'AWS::Backup::BackupVault';

function planStack(props: TableBackupPlanProps = {}) {
  const stack = testStack();
  const table = new ProductionTable(stack, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const plan = new TableBackupPlan(stack, 'Backup', { tables: [table], ...props });
  return { stack, plan };
}

describe('BackupVaultRetained', () => {
  test('a TableBackupPlan with defaults (vault and key retained) is compliant', () => {
    expect(check(BackupVaultRetained, planStack().stack, VAULT)).toBe(COMPLIANT);
  });

  test('removalPolicy: DESTROY (vault and key deleted) is not compliant', () => {
    expect(check(BackupVaultRetained, planStack({ removalPolicy: RemovalPolicy.DESTROY }).stack, VAULT)).toBe(NON_COMPLIANT);
  });

  test('a retained vault whose key in the stack is deleted is not compliant', () => {
    const { stack, plan } = planStack();
    plan.encryptionKey.applyRemovalPolicy(RemovalPolicy.DESTROY);
    expect(check(BackupVaultRetained, stack, VAULT)).toBe(NON_COMPLIANT);
  });

  test('a retained vault with a key given by ARN is judged on the vault alone', () => {
    const stack = testStack();
    new backup.BackupVault(stack, 'Vault', {
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/abc'),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    expect(check(BackupVaultRetained, stack, VAULT)).toBe(COMPLIANT);
  });

  test('other resources are not applicable', () => {
    expect(check(BackupVaultRetained, planStack().stack, 'AWS::DynamoDB::GlobalTable')).toBe(NOT_APPLICABLE);
  });
});
