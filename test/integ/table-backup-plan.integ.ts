// integ-runner app (aws-cdk's convention), snapshot compared offline by `npx projen integ`; deployable with
// an AWS account (see test/integ/snapshots.ts). Test resources are destroyable; production keeps the defaults.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable, TableBackupPlan } from '../../src';

const app = new App();
const stack = new Stack(app, 'CdkDynamoDbKitTableBackupPlanInteg');
const backups = new TableBackupPlan(stack, 'Backups', { removalPolicy: RemovalPolicy.DESTROY });
const table = new ProductionTable(stack, 'Orders', {
  partitionKey: { name: 'pk', type: AttributeType.STRING },
  backup: backups,
  removalPolicy: RemovalPolicy.DESTROY,
  deletionProtection: false,
});

const integ = new IntegTest(app, 'TableBackupPlanInteg', { testCases: [stack] });
// AWS Backup accepted the plan and the selection, and the selection names the table by ARN.
// (A restore is out of reach of a test: the first recovery point exists only after the schedule runs.)
integ.assertions.awsApiCall('Backup', 'getBackupPlan', { BackupPlanId: backups.plan.backupPlanId })
  .expect(ExpectedResult.objectLike({ BackupPlanId: backups.plan.backupPlanId }));
integ.assertions.awsApiCall('Backup', 'listBackupSelections', { BackupPlanId: backups.plan.backupPlanId })
  .expect(ExpectedResult.objectLike({ BackupSelectionsList: [{ BackupPlanId: backups.plan.backupPlanId }] }));
integ.assertions.awsApiCall('Backup', 'describeBackupVault', { BackupVaultName: backups.vault.backupVaultName })
  .expect(ExpectedResult.objectLike({ EncryptionKeyArn: backups.encryptionKey.keyArn }));
void table;
