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
