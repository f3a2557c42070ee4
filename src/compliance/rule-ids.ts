/**
 * The pack's name and rule IDs, apart from the rules themselves: the rules need cdk-nag, and
 * `DynamoDbProductionChecks.RULE_IDS` must be readable without loading it (issue #13).
 * test/compliance/rule-ids.test.ts holds this list to the pack's rules.
 */

/** The prefix of every rule ID, and the plugin name in the validation report. */
export const PACK_NAME = 'DynamoDbProduction';

/** The names of the rule functions, in the order the pack applies and reports them. */
export const RULE_NAMES: readonly string[] = [
  'PointInTimeRecoveryEnabled',
  'CustomerManagedKey',
  'DeletionProtectionEnabled',
  'RetainPolicy',
  'InBackupPlan',
  'ProvisionedCapacityAutoscaled',
  'ContributorInsightsEnabled',
  'ThrottleAlarms',
  'StreamConsumerFailureHandling',
  'DaxEncryptedAtRest',
  'DaxEncryptedInTransit',
  'BackupVaultRetained',
];

/** `DynamoDbProduction-<rule>`: what a finding is called and what an acknowledgement names. */
export const RULE_IDS: readonly string[] = RULE_NAMES.map(name => `${PACK_NAME}-${name}`);
