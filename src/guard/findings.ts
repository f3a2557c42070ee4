/**
 * What the update guard reports. Plain TypeScript (not part of the jsii surface): the guard reads
 * files and runs in Node.js, in CI and in tests.
 */

/** How bad a finding is. */
export type Severity =
  /** The deploy would lose data or fail: the guard exits 1. */
  | 'blocking'
  /** The deploy succeeds but weakens protection or breaks something that depends on the table. */
  | 'warning'
  /** Worth knowing; nothing to fix. */
  | 'info';

/** Every kind of finding, each with one reason. */
export const FINDING_KINDS = {
  TABLE_REMOVED: 'the table leaves the template: deleted with its data, or orphaned with RETAIN',
  LOGICAL_ID_CHANGED: 'the table moved to a new logical ID: CloudFormation creates a new empty table',
  TABLE_REPLACED: 'a property that requires replacement changed: a new empty table',
  RESOURCE_TYPE_CHANGED: 'a resource changed type under the same logical ID (Table to GlobalTable): CloudFormation rejects the update',
  RESOURCE_REPLACED: 'a resource that holds data (queue, bucket, key, vault, stream, log group) is replaced',
  RESOURCE_REMOVED: 'a resource that holds data leaves the stack: deleted, or orphaned with Retain',
  RESOURCE_MOVED: 'a resource that holds data moved to a new logical ID with a renamed construct: a new empty one is created',
  MAPPING_RECREATED: 'an event source mapping is recreated: the stream is replayed (TRIM_HORIZON) or records are skipped (LATEST)',
  MAPPING_WEAKENED: 'a stream mapping updated in place keeps fewer records: its on-failure destination or partial batch responses removed, a filter added, or the mapping disabled',
  MAPPING_REMOVED: 'an event source mapping is removed: the consumer stops reading the stream',
  GSI_KEY_TYPE_CHANGED: 'the type of an index key attribute changed (S to N): the index cannot change in place',
  DECIDED_AT_DEPLOY: 'a property that changed is decided at deploy time (Fn::If on a condition): the guard cannot judge it',
  RETENTION_SHORTENED: 'a queue, Kinesis stream or log group keeps its data for less time: what is older is deleted at once',
  OBJECT_EXPIRATION_SHORTENED: 'a bucket\'s lifecycle rule now expires objects, or expires them sooner: older objects are deleted',
  KEY_DISABLED: 'a KMS key is disabled: what it encrypts becomes unreadable, and DynamoDB archives its tables after seven days',
  CONDITION_ADDED: 'a resource that holds data now exists only under a condition (added, renamed or redefined): where it is false, CloudFormation deletes it',
  GSI_LIMIT_EXCEEDED: 'more than one global secondary index created or deleted in one update',
  GSI_REBUILT: 'an index changed its key schema or projection in place',
  GSI_REMOVED: 'an index is deleted',
  GSI_ADDED: 'an index is created and backfilled',
  REPLICA_LIMIT_EXCEEDED: 'more than one replica added or removed in one update',
  REPLICA_REMOVED: 'a replica is removed, deleting that region\'s table',
  REPLICA_ADDED: 'a replica is added',
  PITR_DISABLED: 'point-in-time recovery turned off',
  PITR_SHORTENED: 'point-in-time recovery period shortened',
  DELETION_PROTECTION_REMOVED: 'deletion protection turned off',
  RETAIN_REMOVED: 'DeletionPolicy or UpdateReplacePolicy of a table or a resource that holds data changed from Retain',
  ENCRYPTION_CHANGED: 'the encryption key or type changed',
  TTL_ATTRIBUTE_CHANGED: 'the TTL attribute changed while TTL is on',
  TTL_ENABLED: 'time to live is turned on for a table that holds items: those whose attribute holds a past time are deleted',
  TTL_DISABLED: 'time to live turned off',
  STREAM_VIEW_TYPE_CHANGED: 'the stream view type changed',
  STREAM_DISABLED: 'the stream is turned off',
  BILLING_MODE_SWITCHED: 'the billing mode switched',
  STACK_REMOVED: 'a stack with tables is not in the new assembly (matched by CloudFormation stack name and environment)',
} as const;

export type FindingKind = keyof typeof FINDING_KINDS;

/** One thing the update would do to a table or another resource that holds data. */
export interface GuardFinding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  /**
   * The stack (artifact id in a cloud assembly, or the template file name), followed, for a
   * resource in a nested stack, by the logical ID of each `AWS::CloudFormation::Stack` on the way
   * (`OrdersStack/DataNestedStackDataNestedStackResource1A2B3C4D`).
   */
  readonly stack: string;
  readonly logicalId: string;
  readonly resourceType: string;
  /** The property that changed, e.g. `KeySchema`, `Replicas[eu-west-1]`, `GlobalSecondaryIndexes[byEmail]`. */
  readonly property: string;
  readonly before: unknown;
  readonly after: unknown;
  /** What CloudFormation or DynamoDB will do. */
  readonly problem: string;
  /** The safe way to make the change. */
  readonly safeChange: string;
}

/** True when a finding would lose data or fail the deploy. */
export function isBlocking(finding: GuardFinding): boolean {
  return finding.severity === 'blocking';
}
