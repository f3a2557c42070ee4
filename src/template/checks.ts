import { Decided, DeployTimeValue, isDeployTime } from './deploy-time';
import { EncryptionKind, ReplicaView, TableView } from './table-view';

/**
 * The production checks of one table, judged on its typed view: the report's gaps and the rule
 * pack's verdicts are these, so the two cannot disagree.
 */
export interface CheckResult {
  /** True only when the check is met everywhere and nothing is left to deploy time. */
  readonly met: boolean;
  /** What is not met, one line each (`point-in-time recovery is off in eu-west-1`). */
  readonly problems: string[];
  /** Values the check needs that the template leaves to deploy time. */
  readonly undecided: DeployTimeValue[];
}

const ENCRYPTION_LABELS: { [kind in EncryptionKind]: string } = {
  'dynamodb-owned': 'DynamoDB-owned key',
  'aws-managed': 'AWS-managed KMS key',
  'customer-managed': 'customer-managed KMS key',
};

/** How people read an encryption kind (`AWS-managed KMS key`). */
export function encryptionLabel(kind: EncryptionKind): string {
  return ENCRYPTION_LABELS[kind];
}

/** How people read a replica's region (`eu-west-1`, `eu-west-1 (legacy replica)`). */
export function regionLabel(replica: ReplicaView): string {
  const region = isDeployTime(replica.region) ? replica.region.description : replica.region;
  return replica.source === 'legacy-replica' ? `${region} (legacy replica)` : region;
}

function result(problems: string[], undecided: DeployTimeValue[]): CheckResult {
  return { met: problems.length === 0 && undecided.length === 0, problems, undecided };
}

/**
 * Applies a per-replica test to every region of the table. `failure` returns the problem's
 * wording for a replica that fails (without the region), or undefined when it passes. Failing in
 * every region reads without regions; failing in some names them.
 */
function everyReplica<T>(
  table: TableView,
  pick: (replica: ReplicaView) => Decided<T>,
  failure: (value: T, replica: ReplicaView) => string | undefined,
): CheckResult {
  if (isDeployTime(table.replicas)) return result([], [table.replicas]);
  if (table.replicas.length === 0) return result(['the global table lists no replicas'], []);
  const undecided: DeployTimeValue[] = [];
  const failing = new Map<string, string[]>();
  for (const replica of table.replicas) {
    const value = pick(replica);
    if (isDeployTime(value)) {
      undecided.push(value);
      continue;
    }
    const problem = failure(value, replica);
    if (problem !== undefined) failing.set(problem, [...failing.get(problem) ?? [], regionLabel(replica)]);
  }
  const total = table.replicas.length;
  const problems = [...failing.entries()].map(([problem, regions]) =>
    total === 1 || regions.length === total ? problem : `${problem} in ${regions.join(', ')}`);
  return result(problems, undecided);
}

/** Point-in-time recovery is on in every region. */
export function checkPointInTimeRecovery(table: TableView): CheckResult {
  const flat = everyReplica(table, r => r.pointInTimeRecovery, (pitr, replica) => {
    if (isDeployTime(pitr.enabled)) return undefined;
    if (pitr.enabled) return undefined;
    return replica.settingsInTemplate ? 'point-in-time recovery is off' : 'point-in-time recovery is off (not set by the template)';
  });
  const undecided = isDeployTime(table.replicas) ? [] : table.replicas
    .map(r => r.pointInTimeRecovery)
    .flatMap(p => !isDeployTime(p) && isDeployTime(p.enabled) ? [p.enabled] : []);
  return result(flat.problems, [...flat.undecided, ...undecided]);
}

/** Every region is encrypted with a customer-managed KMS key (`alias/aws/dynamodb` is AWS-managed). */
export function checkCustomerManagedKey(table: TableView): CheckResult {
  return everyReplica(table, r => r.encryption, encryption =>
    encryption.kind === 'customer-managed' ? undefined : `encryption is ${encryptionLabel(encryption.kind)}, not a customer-managed key`);
}

/** Deletion protection is on in every region. */
export function checkDeletionProtection(table: TableView): CheckResult {
  return everyReplica(table, r => r.deletionProtection, (on, replica) =>
    on ? undefined : replica.settingsInTemplate ? 'deletion protection is off' : 'deletion protection is off (not set by the template)');
}

/** Contributor Insights is on for the table and every global secondary index, in every region. */
export function checkContributorInsights(table: TableView): CheckResult {
  if (isDeployTime(table.globalSecondaryIndexes)) return result([], [table.globalSecondaryIndexes]);
  const indexes = table.globalSecondaryIndexes;
  const undecided = indexes.filter(isDeployTime);
  const named = indexes.filter((i): i is Exclude<typeof i, DeployTimeValue> => !isDeployTime(i));
  const tableLevel = everyReplica(table, r => r.contributorInsights, on => on ? undefined : 'Contributor Insights is off');
  const perIndex = named.map(index => everyReplica(table,
    replica => replica.source === 'replica' ? replica.indexes[index.name]?.contributorInsights ?? false : replica.source === 'table' ? index.contributorInsights ?? false : false,
    on => on ? undefined : `Contributor Insights is off for index ${index.name}`));
  return result(
    [...tableLevel.problems, ...perIndex.flatMap(c => c.problems)],
    [...undecided, ...tableLevel.undecided, ...perIndex.flatMap(c => c.undecided)],
  );
}

/** DeletionPolicy retains the table (Retain or RetainExceptOnCreate) and UpdateReplacePolicy is Retain. */
export function checkRetained(table: TableView): CheckResult {
  if (!table.retainedOnRemoval) return result(['the table is deleted when removed from the stack (no Retain policy)'], []);
  if (!table.retainedOnReplacement) {
    return result([`DeletionPolicy is ${table.deletionPolicy} but UpdateReplacePolicy is ${table.updateReplacePolicy}: a replacement (new key schema, new name) deletes the table`], []);
  }
  return result([], []);
}
