import { Annotations, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledgeAwsManagedPolicy } from './acknowledgements';
import { BackupSchedule } from './backup-schedule';
import { BackupVaultLockOptions, ITableBackupPlan, TableBackupPlanProps } from './table-backup-plan-props';
import { validateTableBackupPlanProps } from './validation';
import { warnWhenVaultIsNotRetained } from './vault-retention';
import { checkArgument } from '../shared/check-props';
import { iamDescription } from '../shared/descriptions';
import { limitGrantsToAwsServices } from '../shared/key-policy';

/**
 * AWS Backup for one or many DynamoDB tables: a vault encrypted with a customer-managed key, a
 * plan (daily kept 35 days, monthly kept a year with a cold-storage transition by default), and a
 * selection that names each table by ARN, which compliance checks such as cdk-nag's
 * `DynamoDBInBackupPlan` can see (they do not see tag-based selections).
 *
 * @example
 * import { BackupSchedule, ProductionTable, TableBackupPlan } from 'cdk-dynamodb-kit';
 *
 * const backups = new TableBackupPlan(this, 'Backups', { schedules: [BackupSchedule.daily({ hourUtc: 3 })] });
 * new ProductionTable(this, 'Orders', { partitionKey, backup: backups });
 */
export class TableBackupPlan extends Construct implements ITableBackupPlan {
  /** The vault holding the recovery points. */
  public readonly vault: backup.IBackupVault;

  /** The plan. */
  public readonly plan: backup.BackupPlan;

  /** The key that encrypts the vault. */
  public readonly encryptionKey: kms.IKey;

  /** The role AWS Backup assumes to back up and restore the tables. */
  public readonly role: iam.IRole;

  private readonly tableArns: string[] = [];
  private readonly tables: ITableV2[] = [];
  private keyPolicy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: TableBackupPlanProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const schedules = props.schedules ?? [BackupSchedule.daily(), BackupSchedule.monthly()];
    validateTableBackupPlanProps(this.node.path, { ...props, schedules });

    this.encryptionKey = props.encryptionKey ?? limitGrantsToAwsServices(new kms.Key(this, 'VaultKey', {
      description: `Encrypts the AWS Backup vault of ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy,
    }));
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.backupVaultName,
      encryptionKey: this.encryptionKey,
      removalPolicy,
      lockConfiguration: props.vaultLock,
    });
    if (props.vaultLock) this.warnAboutLock(props.vaultLock);
    warnWhenVaultIsNotRetained(this, this.vault, this.encryptionKey);

    const copyTo = props.copyTo ? [props.copyTo.destinationVault] : [];
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: schedules.map(schedule => schedule._render(this.vault, copyTo, props.copyTo?.retention)),
    });

    const servicePolicies = ['Backup', 'Restores']
      .map(kind => iam.ManagedPolicy.fromAwsManagedPolicyName(`service-role/AWSBackupServiceRolePolicyFor${kind}`));
    this.role = new iam.Role(this, 'Role', {
      // Bound to this account (confused deputy). IfExists: AWS Backup's documentation does not say
      // that it sends aws:SourceAccount when it assumes the role; a request that carries another
      // account is denied, and a missing key cannot lock AWS Backup out (a backup that cannot
      // assume its role is a backup lost).
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com', {
        conditions: { StringEqualsIfExists: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: iamDescription(`AWS Backup role for the tables of ${this.node.path}`),
      managedPolicies: servicePolicies,
    });
    for (const policy of servicePolicies) {
      acknowledgeAwsManagedPolicy(this.role, policy, 'AWS Backup\'s AWSBackupServiceRolePolicyForBackup and AWSBackupServiceRolePolicyForRestores are the '
        + 'policies AWS documents for the role AWS Backup assumes; AWS keeps them current as the service adds resource types and API calls, '
        + 'which a copy in this library would miss. Only backup.amazonaws.com can assume the role, and this plan uses it for its selection only (these tables, by ARN).');
    }

    new backup.CfnBackupSelection(this, 'Selection', {
      backupPlanId: this.plan.backupPlanId,
      backupSelection: {
        selectionName: 'tables',
        iamRoleArn: this.role.roleArn,
        resources: Lazy.list({ produce: () => [...this.tableArns] }),
      },
    });
    this.node.addValidation({
      validate: () => this.tables.length === 0
        ? [`${this.node.path}: tables is empty; add a table with tables: [...], plan.addTable(table) or ProductionTable's backup prop.`]
        : [],
    });

    for (const table of props.tables ?? []) this.addTable(table);
  }

  /**
   * Adds a table to the plan, selected by its ARN. The backup role may use the table's
   * customer-managed key, which backing up and restoring an encrypted table needs; that permission
   * is in a customer-managed policy of the plan (`<plan>/KeyAccess`), not an inline one.
   */
  public addTable(table: ITableV2): void {
    checkArgument(this.node.path, 'addTable.table', 'aws-cdk-lib.aws_dynamodb.ITableV2', table);
    if (this.tables.includes(table)) return;
    this.tables.push(table);
    this.tableArns.push(table.tableArn);
    const key = table.encryptionKey;
    if (!key) return;
    this.keyPolicy ??= new iam.ManagedPolicy(this, 'KeyAccess', {
      description: iamDescription(`Lets AWS Backup use the keys of the tables of ${this.node.path}`),
      roles: [this.role],
    });
    this.keyPolicy.addStatements(new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
    }), new iam.PolicyStatement({
      // DynamoDB creates a grant on the table's key when AWS Backup restores it: only such grants.
      actions: ['kms:CreateGrant'],
      resources: [key.keyArn],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }));
  }

  private warnAboutLock(lock: BackupVaultLockOptions): void {
    const message = lock.changeableFor
      ? `vaultLock is in compliance mode: ${lock.changeableFor.toHumanString()} after deploy it becomes immutable. Nobody, not even the account root or AWS, can then delete a recovery point before ${lock.minRetention.toHumanString()}, remove the lock or delete the vault. This cannot be undone.`
      : `vaultLock is in governance mode: recovery points cannot be deleted before ${lock.minRetention.toHumanString()} except by principals allowed backup:DeleteBackupVaultLockConfiguration. Add changeableFor to make it immutable (compliance mode, cannot be undone).`;
    Annotations.of(this).addWarningV2('cdk-dynamodb-kit:vaultLock', message);
  }
}
