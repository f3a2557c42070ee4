import { NESTED_STACK_TYPE } from './stack-tree';
import { isTableType } from '../template/resource-types';

/**
 * Resources beyond tables whose replacement or removal loses data, and what is lost or left
 * behind. A table has its own rules (key schema, indexes, replicas); an event source mapping holds
 * no data but its position in the stream (see rules/event-source-mapping.ts).
 */
export interface StatefulKind {
  /** What the resource is, for messages ("the queue"). */
  readonly noun: string;
  /** What it holds ("its messages"). */
  readonly holds: string;
  /** What deleting it loses. */
  readonly lost: string;
  /** What an orphaned (Retain) one leaves behind. */
  readonly left: string;
  /** What to do instead. */
  readonly safeChange: string;
}

export const STATEFUL_KINDS: { readonly [type: string]: StatefulKind } = {
  'AWS::SQS::Queue': {
    noun: 'the queue',
    holds: 'its messages',
    lost: 'every message in it is deleted (for a consumer\'s failure queue or dead-letter queue: the only copy of the failed records)',
    left: 'the old queue and the messages in it stay in the account, unmanaged, while producers and consumers move to a new, empty queue',
    safeChange: 'if the queue must change, drain it first (redrive its messages) and set RemovalPolicy.RETAIN before the deploy.',
  },
  'AWS::S3::Bucket': {
    noun: 'the bucket',
    holds: 'its objects',
    lost: 'the bucket and its objects are deleted (CloudFormation fails to delete a bucket that still has objects, unless an auto-delete custom resource empties it first)',
    left: 'the old bucket and its objects stay in the account, unmanaged, and a new, empty bucket takes its place',
    safeChange: 'to move the data, copy the objects (S3 Batch Replication) to the new bucket before retiring the old one with RemovalPolicy.RETAIN.',
  },
  'AWS::KMS::Key': {
    noun: 'the KMS key',
    holds: 'its key material (what it encrypted stays readable)',
    lost: 'the key is scheduled for deletion; once deleted, everything encrypted with it (tables, backups, exports, queues, objects) can never be decrypted again',
    left: 'the old key stays enabled in the account, unmanaged; data encrypted with it stays readable, while new data is encrypted with a new key',
    safeChange: 'never let CloudFormation delete a key that encrypted data: set RemovalPolicy.RETAIN, and re-encrypt before retiring it.',
  },
  'AWS::Backup::BackupVault': {
    noun: 'the backup vault',
    holds: 'its recovery points',
    lost: 'the vault is deleted with its recovery points (CloudFormation fails to delete a vault that holds recovery points)',
    left: 'the old vault and its recovery points stay, unmanaged; new backups go to a new, empty vault',
    safeChange: 'keep RemovalPolicy.RETAIN on vaults.',
  },
  'AWS::Kinesis::Stream': {
    noun: 'the Kinesis stream',
    holds: 'its records',
    lost: 'the stream and every record not yet read are deleted, and consumers must be pointed at the new stream',
    left: 'the old stream and its records stay, unmanaged, and producers move to a new, empty stream',
    safeChange: 'to change it, create the new stream beside the old, move producers, let consumers drain the old one, then remove it.',
  },
  'AWS::Logs::LogGroup': {
    noun: 'the log group',
    holds: 'its log events',
    lost: 'the log group and all its log events are deleted',
    left: 'the old log group and its events stay, unmanaged, and new events go to a new log group',
    safeChange: 'export the logs you must keep (to S3) before removing a log group, or set RemovalPolicy.RETAIN.',
  },
};

export const EVENT_SOURCE_MAPPING_TYPE = 'AWS::Lambda::EventSourceMapping';

/**
 * Types that hold data which the service specification does not mark stateful (its `isStateful`
 * covers databases, file systems, queues, buckets and a few more), each checked to exist in it.
 */
const HOLD_DATA_BEYOND_THE_SPEC = [
  'AWS::Cassandra::Table',
  'AWS::CodeCommit::Repository',
  'AWS::DocDBElastic::Cluster',
  'AWS::ECR::Repository',
  'AWS::ElastiCache::ServerlessCache',
  'AWS::MemoryDB::Cluster',
  'AWS::OpenSearchServerless::Collection',
  'AWS::RDS::GlobalCluster',
  'AWS::S3Express::DirectoryBucket',
  'AWS::Timestream::Table',
];

/**
 * Judged elsewhere: tables by their own rules, nested stacks by comparing the resources inside
 * them as part of their parent.
 */
function judgedElsewhere(type: string): boolean {
  return isTableType(type) || type === NESTED_STACK_TYPE;
}

/**
 * Types whose DeletionPolicy or UpdateReplacePolicy may be `Snapshot`: CloudFormation takes a
 * snapshot before it deletes one, so the data can be restored (CloudFormation's DeletionPolicy
 * attribute reference).
 */
const SNAPSHOT_TYPES = [
  'AWS::EC2::Volume',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::Neptune::DBCluster',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::Redshift::Cluster',
];

/** Whether CloudFormation snapshots this type before deleting it under `policy`. */
export function snapshotsBeforeDeleting(type: string, policy: string | undefined): boolean {
  return policy === 'Snapshot' && SNAPSHOT_TYPES.includes(type);
}

/**
 * The DeletionPolicy CloudFormation applies when the template gives none: Snapshot for an
 * `AWS::RDS::DBCluster`, and for an `AWS::RDS::DBInstance` outside a cluster (no
 * DBClusterIdentifier); Delete for everything else. (No such exception is documented for
 * UpdateReplacePolicy: a replacement without one deletes.)
 */
export function effectiveDeletionPolicy(resource: { Type: string; DeletionPolicy?: string; Properties?: any }): string {
  if (resource.DeletionPolicy !== undefined) return resource.DeletionPolicy;
  if (resource.Type === 'AWS::RDS::DBCluster') return 'Snapshot';
  if (resource.Type === 'AWS::RDS::DBInstance' && resource.Properties?.DBClusterIdentifier === undefined) return 'Snapshot';
  return 'Delete';
}

let specStatefulTypes: ReadonlySet<string> | undefined;

/**
 * The types the AWS service specification (the database `cdk diff` reads) marks stateful. Loaded
 * on first use only (about 0.4 s): most updates replace or remove nothing.
 */
function statefulInSpec(type: string): boolean {
  if (!specStatefulTypes) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec') as typeof import('@aws-cdk/aws-service-spec');
    specStatefulTypes = new Set(loadAwsServiceSpecSync().all('resource').filter(r => r.isStateful).map(r => r.cloudFormationType));
  }
  return specStatefulTypes.has(type);
}

/** What any other resource that holds data loses or leaves behind, named by its type. */
function genericKind(type: string): StatefulKind {
  const snapshots = SNAPSHOT_TYPES.includes(type);
  return {
    noun: `the ${type}`,
    holds: 'the data it holds',
    lost: 'it is deleted with the data it holds, which no later deploy brings back',
    left: 'the old one stays in the account with its data, unmanaged, and a new, empty one takes its place',
    safeChange: snapshots
      ? 'restore the data into the new one from a snapshot before moving clients to it.'
      : 'copy the data into the new one (a backup, an export or a copy job) before moving clients to it.',
  };
}

/**
 * What a resource of this type holds and loses, or undefined for a type that holds no data (or
 * is judged by other rules): our own words for the types above, the type's name for any other
 * that the service specification marks stateful or that holds data beyond it.
 */
export function statefulKindOf(type: string): StatefulKind | undefined {
  if (Object.prototype.hasOwnProperty.call(STATEFUL_KINDS, type)) return STATEFUL_KINDS[type];
  if (typeof type !== 'string' || judgedElsewhere(type) || !type.startsWith('AWS::')) return undefined;
  return HOLD_DATA_BEYOND_THE_SPEC.includes(type) || statefulInSpec(type) ? genericKind(type) : undefined;
}
