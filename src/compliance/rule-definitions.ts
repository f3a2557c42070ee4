/**
 * The rules of the pack with their levels and messages. Loaded only by the pack's cdk-nag side
 * (production-nag-pack.ts): every rule file imports cdk-nag.
 */
import { IApplyRule, NagMessageLevel } from 'cdk-nag';
import { BackupVaultRetained } from './rules/backup-vault-retained';
import { ContributorInsightsEnabled } from './rules/contributor-insights-enabled';
import { CustomerManagedKey } from './rules/customer-managed-key';
import { DaxEncryptedAtRest } from './rules/dax-encrypted-at-rest';
import { DaxEncryptedInTransit } from './rules/dax-encrypted-in-transit';
import { DeletionProtectionEnabled } from './rules/deletion-protection-enabled';
import { InBackupPlan } from './rules/in-backup-plan';
import { PointInTimeRecoveryEnabled } from './rules/point-in-time-recovery-enabled';
import { ProvisionedCapacityAutoscaled } from './rules/provisioned-capacity-autoscaled';
import { RetainPolicy } from './rules/retain-policy';
import { StreamConsumerFailureHandling } from './rules/stream-consumer-failure-handling';
import { ThrottleAlarms } from './rules/throttle-alarms';

export type RuleDefinition = Omit<IApplyRule, 'node'>;

/** The rules of the pack, in the order they are reported. Rule IDs are `DynamoDbProduction-<rule>`. */
export const RULES: RuleDefinition[] = [
  {
    rule: PointInTimeRecoveryEnabled,
    level: NagMessageLevel.ERROR,
    info: 'The DynamoDB table, or a replica of the global table, does not have point-in-time recovery enabled.',
    explanation: 'Point-in-time recovery restores the table to any second of the last 1 to 35 days: the way back from a bad deploy, script or delete, which is usually noticed days later. cdk-nag\'s own PITR rules check only AWS::DynamoDB::Table; this one checks every replica of an AWS::DynamoDB::GlobalTable too.',
  },
  {
    rule: CustomerManagedKey,
    level: NagMessageLevel.ERROR,
    info: 'The DynamoDB table, or a replica of the global table, is not encrypted with a customer-managed KMS key.',
    explanation: 'With a customer-managed key you own the key policy, CloudTrail records every use of the key, and access to the data can be revoked by disabling it. DynamoDB-owned and AWS-managed keys (alias/aws/dynamodb) give none of that. A global table needs a key ARN in every replica\'s SSESpecification.',
  },
  {
    rule: DeletionProtectionEnabled,
    level: NagMessageLevel.ERROR,
    info: 'The DynamoDB table, or a replica of the global table, does not have deletion protection enabled.',
    explanation: 'Deletion protection stops a console click, an SDK call or a stack change from deleting the table and its data. For a global table it is set per replica.',
  },
  {
    rule: RetainPolicy,
    level: NagMessageLevel.ERROR,
    info: 'The DynamoDB table does not have DeletionPolicy and UpdateReplacePolicy Retain.',
    explanation: 'Without a retain policy, removing the table from the stack, or a change that replaces it (a new key schema, a new name), deletes the table and its data. Use RemovalPolicy.RETAIN.',
  },
  {
    rule: InBackupPlan,
    level: NagMessageLevel.ERROR,
    info: 'The DynamoDB table is not selected by an AWS Backup plan in its stack.',
    explanation: 'AWS Backup keeps backups beyond the 35 days of point-in-time recovery, in a vault with its own access policy and optionally in another account or region. The rule looks for an AWS::Backup::BackupSelection that names the table\'s ARN; tag-based selections cannot be verified from the template and need an acknowledgement.',
  },
  {
    rule: ProvisionedCapacityAutoscaled,
    level: NagMessageLevel.ERROR,
    info: 'The DynamoDB table has provisioned capacity that is not autoscaled for the table and every global secondary index.',
    explanation: 'Fixed provisioned capacity throttles requests as soon as traffic grows. Autoscale reads and writes of the table and of every index (for a global table: in every replica), or use on-demand billing.',
  },
  {
    rule: ContributorInsightsEnabled,
    level: NagMessageLevel.WARN,
    info: 'The DynamoDB table does not have CloudWatch Contributor Insights enabled for the table and every global secondary index.',
    explanation: 'Contributor Insights shows the most accessed and most throttled keys: the first thing to look at when a hot key throttles. It is billed per event, hence a warning rather than an error.',
  },
  {
    rule: ThrottleAlarms,
    level: NagMessageLevel.ERROR,
    info: 'The DynamoDB table has no CloudWatch alarms on its read and write throttling.',
    explanation: 'Throttled requests are failed requests for the application. Alarm on ThrottledRequests, or on the Read...ThrottleEvents and Write...ThrottleEvents metrics (directly or in metric math), with the table\'s TableName dimension.',
  },
  {
    rule: StreamConsumerFailureHandling,
    level: NagMessageLevel.ERROR,
    info: 'The Lambda event source mapping on a DynamoDB stream has no on-failure destination or does not bound its retries.',
    explanation: 'By default a failing batch is retried until its records expire (24 hours), blocking the shard, and is then lost. Set MaximumRetryAttempts (0 to 10000) and an on-failure destination (SQS, SNS or S3) so that failed records are kept and the stream moves on.',
  },
  {
    rule: DaxEncryptedAtRest,
    level: NagMessageLevel.ERROR,
    info: 'The DAX cluster does not have server-side encryption enabled.',
    explanation: 'DAX caches table items in memory and on disk; without SSE those copies of the data are not encrypted at rest. SSE can only be chosen when the cluster is created.',
  },
  {
    rule: DaxEncryptedInTransit,
    level: NagMessageLevel.ERROR,
    info: 'The DAX cluster endpoint does not require TLS (ClusterEndpointEncryptionType is not TLS).',
    explanation: 'Without TLS, items travel between the application and the cluster in clear text. Endpoint encryption can only be chosen when the cluster is created.',
  },
  {
    rule: BackupVaultRetained,
    level: NagMessageLevel.ERROR,
    info: 'The AWS Backup vault, or the KMS key in the stack that encrypts it, does not have DeletionPolicy and UpdateReplacePolicy Retain.',
    explanation: 'Recovery points are the copy that outlives the table. Deleting the vault key makes every recovery point in the vault unreadable, and removing the vault from the stack deletes it with its access policy. Use RemovalPolicy.RETAIN for both.',
  },
];
