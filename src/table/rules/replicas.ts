import { Stack, Token } from 'aws-cdk-lib';
import { BillingMode, ReplicaTableProps, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { validateCapacity, validateRequestUnits } from './capacity';
import { validateRecoveryPeriod } from './recovery';
import { invalid, regionOfArn, show } from '../../shared/errors';

/** What the replica rules need to know about the table a replica joins (its resolved settings). */
export interface ReplicatedTable {
  readonly billingMode: BillingMode;
  readonly globalSecondaryIndexNames: readonly string[];
  readonly replicaRegions: readonly string[];
  /** Whether the table is encrypted with a customer-managed key, which each replica region needs its own of. */
  readonly hasCustomerManagedKey: boolean;
  readonly replicaKeyArns: { readonly [region: string]: string };
  /** A multi-region strongly consistent table: its three regions are fixed at construction. */
  readonly stronglyConsistent: boolean;
}

/** The props path: each replica, its index options, the regions once each, and a key for each region. */
export function validateReplicas(
  path: string, stack: Stack, replicas: ReplicaTableProps[], billingMode: BillingMode, indexNames: string[],
  keys: { encryption?: TableEncryptionV2; replicaKeyArns?: { [region: string]: string } },
): void {
  replicas.forEach((replica, i) => validateReplica(path, `replicas[${i}]`, stack, replica, billingMode));
  replicas.forEach((replica, i) => validateReplicaIndexNames(path, `replicas[${i}]`, replica, indexNames));
  validateUniqueReplicaRegions(path, replicas);
  validateReplicaKeys(path, stack, keys, replicas.map(replica => replica.region));
}

/**
 * The `addReplica` path: the replica itself, its index options, its region against the regions the
 * table already has, and a key for it.
 */
export function validateAddedReplica(path: string, property: string, stack: Stack, replica: ReplicaTableProps, table: ReplicatedTable): void {
  if (table.stronglyConsistent) {
    invalid(path, property, `adds region ${show(replica.region)} to a strongly consistent (MRSC) table, which spans exactly three regions, fixed when it is created`,
      'list every region at construction (replicas, and witnessRegion), or use MultiRegionConsistency.EVENTUAL to add replicas later.');
  }
  validateReplica(path, property, stack, replica, table.billingMode);
  validateReplicaIndexNames(path, property, replica, [...table.globalSecondaryIndexNames]);
  if (table.replicaRegions.includes(replica.region)) {
    invalid(path, property, `repeats the region ${show(replica.region)}`, 'add each replica region once.');
  }
  if (table.hasCustomerManagedKey && !table.replicaKeyArns[replica.region]) {
    invalid(path, property, `adds region ${show(replica.region)} but the table has no customer-managed KMS key for it`,
      `pass its key ARN at construction: replicaKeyArns: { ${show(replica.region)}: "arn:aws:kms:..." }.`);
  }
}

/** Checks one replica, from props or from `addReplica`. */
export function validateReplica(path: string, property: string, stack: Stack, replica: ReplicaTableProps, billingMode: BillingMode): void {
  if (Token.isUnresolved(stack.region)) {
    invalid(path, `${property}.region`, `is ${show(replica.region)} but the stack ${stack.node.path} is environment-agnostic`,
      'give the stack an explicit region, e.g. new Stack(app, "Id", { env: { account: "123456789012", region: "us-east-1" } }).');
  }
  if (Token.isUnresolved(replica.region)) {
    invalid(path, `${property}.region`, `is a token (${show(replica.region)}), but a global table's replica regions must be known at synth`,
      'write the region name, e.g. region: "eu-west-1" (a CfnParameter or an imported value cannot choose a replica region).');
  }
  if (typeof replica.region !== 'string' || replica.region === '') {
    invalid(path, `${property}.region`, `is ${show(replica.region)}`, 'give a region name such as "eu-west-1".');
  }
  if (replica.region === stack.region) {
    invalid(path, `${property}.region`, `is ${show(replica.region)}, the region of the stack itself`,
      'the table already lives there: remove this replica or choose another region.');
  }
  if (billingMode === BillingMode.PAY_PER_REQUEST && replica.readCapacity) {
    invalid(path, `${property}.readCapacity`, 'is set but the table bills on demand (PAY_PER_REQUEST)',
      'remove it, or use maxReadRequestUnits to cap the replica\'s on-demand reads.');
  }
  if (billingMode === BillingMode.PROVISIONED && replica.maxReadRequestUnits !== undefined) {
    invalid(path, `${property}.maxReadRequestUnits`, `is ${show(replica.maxReadRequestUnits)} but the table has provisioned billing`,
      'remove it, or set readCapacity for the replica instead.');
  }
  validateReplicaPointInTimeRecovery(path, property, replica);
  validateRequestUnits(path, property, replica.maxReadRequestUnits, undefined);
  validateCapacity(path, `${property}.readCapacity`, replica.readCapacity);
  for (const [indexName, options] of Object.entries(replica.globalSecondaryIndexOptions ?? {})) {
    const optionPath = `${property}.globalSecondaryIndexOptions.${indexName}`;
    validateCapacity(path, `${optionPath}.readCapacity`, options.readCapacity);
    if (billingMode === BillingMode.PAY_PER_REQUEST && options.readCapacity) {
      invalid(path, `${optionPath}.readCapacity`, 'is set but the table bills on demand (PAY_PER_REQUEST)',
        'remove it, or use maxReadRequestUnits instead.');
    }
    if (billingMode === BillingMode.PROVISIONED && options.maxReadRequestUnits !== undefined) {
      invalid(path, `${optionPath}.maxReadRequestUnits`, `is ${show(options.maxReadRequestUnits)} but the table has provisioned billing`,
        'remove it, or set readCapacity instead.');
    }
    validateRequestUnits(path, optionPath, options.maxReadRequestUnits, undefined);
  }
}

/** A replica's own PITR: a recovery period only when it is on, and one DynamoDB accepts. */
function validateReplicaPointInTimeRecovery(path: string, property: string, replica: ReplicaTableProps): void {
  const spec = replica.pointInTimeRecoverySpecification;
  const days = spec?.recoveryPeriodInDays;
  if (spec === undefined || days === undefined) return;
  const field = `${property}.pointInTimeRecoverySpecification.recoveryPeriodInDays`;
  if (!spec.pointInTimeRecoveryEnabled) {
    invalid(path, field, `is ${show(days)} but the replica's point-in-time recovery is disabled`,
      'enable it for the replica (pointInTimeRecoveryEnabled: true) or remove recoveryPeriodInDays.');
  }
  validateRecoveryPeriod(path, field, days);
}

/** A replica's index options name indexes the table has. */
export function validateReplicaIndexNames(path: string, property: string, replica: ReplicaTableProps, indexNames: string[]): void {
  for (const indexName of Object.keys(replica.globalSecondaryIndexOptions ?? {})) {
    if (!indexNames.includes(indexName)) {
      invalid(path, `${property}.globalSecondaryIndexOptions.${indexName}`, 'names an index the table does not have',
        `use one of the table's globalSecondaryIndexes (${indexNames.length > 0 ? indexNames.map(show).join(', ') : 'none yet'}).`);
    }
  }
}

/** Each replica region once. */
export function validateUniqueReplicaRegions(path: string, replicas: ReplicaTableProps[]): void {
  const seen = new Set<string>();
  replicas.forEach((replica, i) => {
    if (seen.has(replica.region)) {
      invalid(path, `replicas[${i}].region`, `repeats ${show(replica.region)}`, 'list each replica region once.');
    }
    seen.add(replica.region);
  });
}

/**
 * With a customer-managed key, DynamoDB needs a key in every replica region: KMS keys are regional.
 */
export function validateReplicaKeys(
  path: string, stack: Stack, props: { encryption?: TableEncryptionV2; replicaKeyArns?: { [region: string]: string } }, replicaRegions: string[],
): void {
  const encryption = props.encryption;
  const usesOurKey = encryption === undefined;
  if (!usesOurKey && props.replicaKeyArns !== undefined) {
    invalid(path, 'replicaKeyArns', 'is set together with encryption',
      'pass the replica keys to TableEncryptionV2.customerManagedKey(tableKey, replicaKeyArns) instead, or drop encryption to use the key this construct creates.');
  }
  const keyArns = usesOurKey ? props.replicaKeyArns ?? {} : encryption.replicaKeyArns ?? {};
  const needsKeys = usesOurKey || encryption.tableKey !== undefined;
  if (!needsKeys) return;
  const keyProperty = usesOurKey ? 'replicaKeyArns' : 'encryption.replicaKeyArns';
  for (const [region, arn] of Object.entries(keyArns)) validateReplicaKeyArn(path, `${keyProperty}.${region}`, region, arn);
  const stackRegion = stack.region;
  if (!Token.isUnresolved(stackRegion) && keyArns[stackRegion] !== undefined) {
    invalid(path, usesOurKey ? 'replicaKeyArns' : 'encryption', `has a key for ${show(stackRegion)}, the stack's own region`,
      'the table key encrypts the stack\'s own region: list only the replica regions.');
  }
  const missing = replicaRegions.filter(region => !Token.isUnresolved(region) && keyArns[region] === undefined);
  if (missing.length > 0) {
    const property = usesOurKey ? 'replicaKeyArns' : 'encryption';
    invalid(path, property, `has no customer-managed KMS key for replica region(s) ${missing.map(show).join(', ')}`,
      `KMS keys are regional: create a key in each replica region and pass its ARN, e.g. replicaKeyArns: { ${show(missing[0])}: "arn:aws:kms:${missing[0]}:123456789012:key/..." }, or choose encryption: TableEncryptionV2.awsManagedKey() (gives up your own key policy).`);
  }
}

/**
 * A replica key is a KMS key ARN of the replica's own region. aws-cdk-lib reads the region from the
 * ARN, failing without a path on anything else ("ARNs must start with arn:"), and CloudFormation
 * fails the deploy on a key from another region. A token is left to the deploy.
 */
export function validateReplicaKeyArn(path: string, property: string, region: string, arn: string): void {
  const example = `"arn:aws:kms:${region}:123456789012:key/..."`;
  if (typeof arn !== 'string' || arn.trim() === '') {
    invalid(path, property, `is ${show(arn)}`, `give the ARN of the replica region's KMS key, e.g. ${example}.`);
  }
  if (Token.isUnresolved(arn) || Token.isUnresolved(region)) return;
  const arnRegion = regionOfArn(arn);
  if (arnRegion === undefined || !arn.startsWith('arn:')) {
    invalid(path, property, `is ${show(arn)}, not a KMS key ARN`,
      `give the key's full ARN, e.g. ${example} (an alias or key id cannot say which region the key is in).`);
  }
  if (arnRegion !== region) {
    invalid(path, property, `is ${show(arn)}, a key in ${show(arnRegion)}, but the replica is in ${show(region)}`,
      `KMS keys are regional: use a key created in ${region}, e.g. ${example}.`);
  }
}
