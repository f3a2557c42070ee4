import { GUARD_RULES, GuardFinding, GuardRule, compareTemplates } from '../../src/guard';

/**
 * Every rule of the guard with a safe and an unsafe update, on hand-written templates (the
 * corpus of synthesized assemblies is corpus.test.ts). As cdk-nag tests each rule with a compliant
 * and a non-compliant case.
 */

const KEY = { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] };
const RETAIN = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };

function table(props: object = {}, policies: object = RETAIN): any {
  return { Type: 'AWS::DynamoDB::Table', Properties: { ...KEY, BillingMode: 'PAY_PER_REQUEST', ...props }, ...policies };
}

function globalTable(props: object = {}, replica: object = {}): any {
  return { Type: 'AWS::DynamoDB::GlobalTable', Properties: { ...KEY, BillingMode: 'PAY_PER_REQUEST', Replicas: [{ Region: 'us-east-1', ...replica }], ...props }, ...RETAIN };
}

function gsi(name: string, type = 'S', projection = 'ALL'): { index: object; attribute: object } {
  return {
    index: { IndexName: name, KeySchema: [{ AttributeName: name, KeyType: 'HASH' }], Projection: { ProjectionType: projection } },
    attribute: { AttributeName: name, AttributeType: type },
  };
}

function withIndexes(...indexes: Array<{ index: object; attribute: object }>): object {
  return { GlobalSecondaryIndexes: indexes.map(i => i.index), AttributeDefinitions: [...KEY.AttributeDefinitions, ...indexes.map(i => i.attribute)] };
}

const queue = (props: object = {}, policies: object = { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' }) => ({ Type: 'AWS::SQS::Queue', Properties: props, ...policies });
const mapping = (props: object) => ({ Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: 'f', EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1', ...props } });
const ifProd = (yes: unknown, no: unknown) => ({ 'Fn::If': ['IsProd', yes, no] });

type Resources = { [id: string]: any };
interface Case {
  readonly rule: GuardRule;
  readonly safe: [Resources, Resources];
  readonly unsafe: [Resources, Resources];
  /** The finding the unsafe update must give. */
  readonly expected: string;
}

const T = 'Orders1A2B3C4D';
const CASES: Case[] = [
  { rule: rule('RESOURCE_TYPE_CHANGED'), safe: [{ [T]: table() }, { [T]: table({ TableClass: 'STANDARD' }) }], unsafe: [{ [T]: table() }, { [T]: globalTable() }], expected: 'blocking:RESOURCE_TYPE_CHANGED:Type' },
  { rule: rule('LOGICAL_ID_CHANGED'), safe: [{ [T]: table() }, { [T]: table({ TableClass: 'STANDARD' }) }], unsafe: [{ [T]: table() }, { OrdersTable9F8E7D6C: table({ ...withIndexes(gsi('byEmail')) }) }], expected: 'blocking:LOGICAL_ID_CHANGED:(logical ID)' },
  { rule: rule('TABLE_REPLACED'), safe: [{ [T]: table() }, { [T]: table({ ContributorInsightsSpecification: { Enabled: true } }) }], unsafe: [{ [T]: table() }, { [T]: table({ KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }) }], expected: 'blocking:TABLE_REPLACED:KeySchema' },
  { rule: rule('GSI_LIMIT_EXCEEDED'), safe: [{ [T]: table() }, { [T]: table(withIndexes(gsi('a'))) }], unsafe: [{ [T]: table() }, { [T]: table(withIndexes(gsi('a'), gsi('b'))) }], expected: 'blocking:GSI_LIMIT_EXCEEDED:GlobalSecondaryIndexes' },
  { rule: rule('GSI_REBUILT'), safe: [{ [T]: table(withIndexes(gsi('a'))) }, { [T]: table(withIndexes(gsi('a'))) }], unsafe: [{ [T]: table(withIndexes(gsi('a'))) }, { [T]: table(withIndexes(gsi('a', 'S', 'KEYS_ONLY'))) }], expected: 'blocking:GSI_REBUILT:GlobalSecondaryIndexes[a]' },
  { rule: rule('GSI_KEY_TYPE_CHANGED'), safe: [{ [T]: table(withIndexes(gsi('a'))) }, { [T]: table({ ...withIndexes(gsi('a')), TableClass: 'STANDARD' }) }], unsafe: [{ [T]: table(withIndexes(gsi('a'))) }, { [T]: table(withIndexes(gsi('a', 'N'))) }], expected: 'blocking:GSI_KEY_TYPE_CHANGED:GlobalSecondaryIndexes[a].AttributeDefinitions' },
  { rule: rule('GSI_REMOVED'), safe: [{ [T]: table(withIndexes(gsi('a'))) }, { [T]: table(withIndexes(gsi('a'))) }], unsafe: [{ [T]: table(withIndexes(gsi('a'))) }, { [T]: table() }], expected: 'warning:GSI_REMOVED:GlobalSecondaryIndexes[a]' },
  { rule: rule('REPLICA_REMOVED'), safe: [{ [T]: globalTable({ Replicas: [{ Region: { Ref: 'AWS::Region' } }] }) }, { [T]: globalTable() }], unsafe: [{ [T]: globalTable({ Replicas: [{ Region: 'us-east-1' }, { Region: 'eu-west-1' }] }) }, { [T]: globalTable() }], expected: 'blocking:REPLICA_REMOVED:Replicas[eu-west-1]' },
  { rule: rule('PITR_DISABLED'), safe: [{ [T]: table({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 } }) }, { [T]: table({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }) }], unsafe: [{ [T]: table({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }) }, { [T]: table() }], expected: 'warning:PITR_DISABLED:PointInTimeRecoverySpecification' },
  { rule: rule('DELETION_PROTECTION_REMOVED'), safe: [{ [T]: table() }, { [T]: table({ DeletionProtectionEnabled: true }) }], unsafe: [{ [T]: globalTable({}, { DeletionProtectionEnabled: true }) }, { [T]: globalTable({}, { DeletionProtectionEnabled: false }) }], expected: 'warning:DELETION_PROTECTION_REMOVED:Replicas[us-east-1].DeletionProtectionEnabled' },
  { rule: rule('RETAIN_REMOVED'), safe: [{ Q: queue() }, { Q: queue({}, RETAIN) }], unsafe: [{ Q: queue({}, RETAIN) }, { Q: queue() }], expected: 'warning:RETAIN_REMOVED:DeletionPolicy' },
  { rule: rule('ENCRYPTION_CHANGED'), safe: [{ [T]: table({ SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/aws/dynamodb' } }) }, { [T]: table({ SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } }) }], unsafe: [{ [T]: table({ SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/a' } }) }, { [T]: table({ SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/b' } }) }], expected: 'warning:ENCRYPTION_CHANGED:SSESpecification.KMSMasterKeyId' },
  { rule: rule('TTL_ATTRIBUTE_CHANGED'), safe: [{ [T]: table({ TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }) }, { [T]: table({ TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' }, TableClass: 'STANDARD' }) }], unsafe: [{ [T]: table({ TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }) }, { [T]: table({ TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }) }], expected: 'blocking:TTL_ATTRIBUTE_CHANGED:TimeToLiveSpecification.AttributeName' },
  { rule: rule('STREAM_DISABLED'), safe: [{ [T]: table() }, { [T]: table({ StreamSpecification: { StreamViewType: 'NEW_IMAGE' } }) }], unsafe: [{ [T]: table({ StreamSpecification: { StreamViewType: 'NEW_IMAGE' } }) }, { [T]: table({ StreamSpecification: { StreamViewType: 'KEYS_ONLY' } }) }], expected: 'blocking:STREAM_VIEW_TYPE_CHANGED:StreamSpecification.StreamViewType' },
  { rule: rule('BILLING_MODE_SWITCHED'), safe: [{ [T]: table() }, { [T]: table({ BillingMode: 'PAY_PER_REQUEST' }) }], unsafe: [{ [T]: table() }, { [T]: table({ BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }) }], expected: 'warning:BILLING_MODE_SWITCHED:BillingMode' },
  { rule: rule('DECIDED_AT_DEPLOY'), safe: [{ [T]: table({ GlobalSecondaryIndexes: ifProd([gsi('a').index], { Ref: 'AWS::NoValue' }) }) }, { [T]: table({ GlobalSecondaryIndexes: ifProd([gsi('a').index], { Ref: 'AWS::NoValue' }) }) }], unsafe: [{ [T]: table() }, { [T]: table({ GlobalSecondaryIndexes: ifProd([gsi('a').index], { Ref: 'AWS::NoValue' }) }) }], expected: 'warning:DECIDED_AT_DEPLOY:GlobalSecondaryIndexes' },
  { rule: rule('MAPPING_WEAKENED'), safe: [{ M: mapping({ StartingPosition: 'LATEST', DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:a' } } }) }, { M: mapping({ StartingPosition: 'LATEST', BatchSize: 10, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:b' } } }) }], unsafe: [{ M: mapping({ StartingPosition: 'LATEST', DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:a' } } }) }, { M: mapping({ StartingPosition: 'LATEST' }) }], expected: 'blocking:MAPPING_WEAKENED:DestinationConfig.OnFailure' },
  { rule: rule('RETENTION_SHORTENED'), safe: [{ Q: queue() }, { Q: queue({ MessageRetentionPeriod: 1209600 }) }], unsafe: [{ Q: queue({ MessageRetentionPeriod: 1209600 }) }, { Q: queue({ MessageRetentionPeriod: 3600 }) }], expected: 'blocking:RETENTION_SHORTENED:MessageRetentionPeriod' },
  { rule: rule('OBJECT_EXPIRATION_SHORTENED'), safe: [{ B: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Id: 'logs', Status: 'Enabled', ExpirationInDays: 30 }] } } } }, { B: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Id: 'logs', Status: 'Enabled', ExpirationInDays: 365 }] } } } }], unsafe: [{ B: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Id: 'logs', Status: 'Enabled', ExpirationInDays: 365 }] } } } }, { B: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Id: 'logs', Status: 'Enabled', ExpirationInDays: 7 }] } } } }], expected: 'warning:OBJECT_EXPIRATION_SHORTENED:LifecycleConfiguration.Rules[logs].ExpirationInDays' },
  { rule: rule('KEY_DISABLED'), safe: [{ K: { Type: 'AWS::KMS::Key', Properties: { Enabled: false } } }, { K: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } } }], unsafe: [{ K: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } } }, { K: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, Enabled: false } } }], expected: 'blocking:KEY_DISABLED:Enabled' },
  { rule: rule('CONDITION_ADDED'), safe: [{ Q: queue() }, { Q: queue({ VisibilityTimeout: 60 }) }], unsafe: [{ Q: queue() }, { Q: { ...queue(), Condition: 'IsProd' } }], expected: 'blocking:CONDITION_ADDED:Condition' },
  { rule: rule('RESOURCE_REPLACED'), safe: [{ Q: queue() }, { Q: queue({ VisibilityTimeout: 60 }) }], unsafe: [{ Q: queue() }, { Q: queue({ FifoQueue: true }) }], expected: 'blocking:RESOURCE_REPLACED:FifoQueue' },
  { rule: rule('MAPPING_RECREATED'), safe: [{ M: mapping({ StartingPosition: 'LATEST' }) }, { M: mapping({ StartingPosition: 'LATEST', BatchSize: 10 }) }], unsafe: [{ M: mapping({ StartingPosition: 'LATEST' }) }, { M: mapping({ StartingPosition: 'LATEST', EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2' }) }], expected: 'blocking:MAPPING_RECREATED:StartingPosition' },
];

function rule(kind: string): GuardRule {
  const found = GUARD_RULES.find(r => (r.kinds as readonly string[]).includes(kind));
  if (!found) throw new Error(`no rule reports ${kind}`);
  return found;
}

function run(checked: GuardRule, [before, after]: [Resources, Resources]): string[] {
  return compareTemplates({ Resources: before }, { Resources: after }, 'TestStack')
    .filter((f: GuardFinding) => (checked.kinds as readonly string[]).includes(f.kind))
    .map(f => `${f.severity}:${f.kind}:${f.property}`);
}

describe.each(CASES.map(c => [c.rule.kinds.join(', '), c] as const))('rule %s', (_name, c) => {
  test('the safe update gives nothing', () => {
    expect(run(c.rule, c.safe)).toEqual([]);
  });

  test('the unsafe update is found', () => {
    expect(run(c.rule, c.unsafe)).toContain(c.expected);
  });
});

test('every rule has a case', () => {
  const tested = new Set(CASES.map(c => c.rule));
  expect(GUARD_RULES.filter(r => !tested.has(r)).map(r => r.kinds.join(', '))).toEqual([]);
});

describe('resources that hold data, beyond tables', () => {
  const policies = (retain: boolean) => retain ? RETAIN : { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' };
  const resource = (type: string, props: object, retain: boolean) => ({ Type: type, Properties: props, ...policies(retain) });
  const removal = (type: string, retain: boolean) => compareTemplates({ Resources: { R: resource(type, {}, retain) } }, { Resources: {} }, 'TestStack');

  test.each([
    ['AWS::SQS::Queue', /every message in it is deleted/],
    ['AWS::S3::Bucket', /the bucket and its objects are deleted/],
    ['AWS::KMS::Key', /can never be decrypted again/],
    ['AWS::Backup::BackupVault', /deleted with its recovery points/],
    ['AWS::Kinesis::Stream', /every record not yet read are deleted/],
    ['AWS::Logs::LogGroup', /all its log events are deleted/],
  ])('%s removed with Delete: blocking, saying what is lost; with Retain: a warning saying what is left', (type, lost) => {
    const [deleted] = removal(type, false);
    expect([deleted.kind, deleted.severity]).toEqual(['RESOURCE_REMOVED', 'blocking']);
    expect(deleted.problem).toMatch(lost);
    const [orphaned] = removal(type, true);
    expect([orphaned.kind, orphaned.severity]).toEqual(['RESOURCE_REMOVED', 'warning']);
    expect(orphaned.problem).toMatch(/orphaned \(DeletionPolicy Retain\): it stays in the account with/);
  });

  test('a replaced log group with Retain is orphaned (warning); a fixed-name queue cannot be replaced (blocking)', () => {
    const group = compareTemplates(
      { Resources: { G: resource('AWS::Logs::LogGroup', { LogGroupName: 'a' }, true) } },
      { Resources: { G: resource('AWS::Logs::LogGroup', { LogGroupName: 'b' }, true) } }, 'TestStack');
    expect(group.map(f => `${f.severity}:${f.kind}`)).toEqual(['warning:RESOURCE_REPLACED']);
    expect(group[0].problem).toMatch(/LogGroupName changed, which replaces the log group .*orphaned \(UpdateReplacePolicy Retain\)/);
    const named = compareTemplates(
      { Resources: { Q: queue({ QueueName: 'q' }) } }, { Resources: { Q: queue({ QueueName: 'q', FifoQueue: true }) } }, 'TestStack');
    expect(named[0].problem).toMatch(/fixed QueueName, so the deploy fails/);
  });

  // A guard that knew six types said "safe" while a database, a file system, a user pool or a
  // secret was deleted: every type the service specification marks stateful is judged.
  test.each([
    'AWS::RDS::DBCluster', 'AWS::EFS::FileSystem', 'AWS::Cognito::UserPool', 'AWS::SecretsManager::Secret',
    'AWS::OpenSearchService::Domain', 'AWS::ElastiCache::ReplicationGroup', 'AWS::EC2::Volume',
    // Hold data, though the specification does not say so.
    'AWS::ECR::Repository', 'AWS::Cassandra::Table', 'AWS::MemoryDB::Cluster',
  ])('%s removed with Delete: blocking, naming the type; with Retain: a warning', type => {
    const [deleted] = removal(type, false);
    expect([deleted.kind, deleted.severity]).toEqual(['RESOURCE_REMOVED', 'blocking']);
    expect(deleted.problem).toContain(`the ${type} leaves the stack and CloudFormation deletes it`);
    expect(deleted.problem).toMatch(/it is deleted with the data it holds/);
    const [orphaned] = removal(type, true);
    expect([orphaned.kind, orphaned.severity]).toEqual(['RESOURCE_REMOVED', 'warning']);
  });

  test('a resource that holds no data (a role, a topic, an alarm) removed: nothing to report', () => {
    for (const type of ['AWS::IAM::Role', 'AWS::SNS::Topic', 'AWS::CloudWatch::Alarm', 'AWS::Lambda::Function']) {
      expect(removal(type, false)).toEqual([]);
    }
  });

  test('Snapshot keeps the data of the types CloudFormation snapshots: a warning; elsewhere it deletes', () => {
    const snapshot = { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' };
    const removedWith = (type: string, properties: object, deletion: object) =>
      compareTemplates({ Resources: { R: { Type: type, Properties: properties, ...deletion } } }, { Resources: {} }, 'TestStack');
    const [volume] = removedWith('AWS::EC2::Volume', {}, snapshot);
    expect([volume.severity, volume.problem]).toEqual(['warning', expect.stringMatching(/deletes it after a final snapshot \(DeletionPolicy Snapshot\)/)]);
    // Not snapshotted by CloudFormation: Snapshot is no protection.
    expect(removedWith('AWS::EFS::FileSystem', {}, snapshot)[0].severity).toBe('blocking');
    // RDS snapshots by default: a DB cluster, and a DB instance outside a cluster, with no DeletionPolicy.
    expect(removedWith('AWS::RDS::DBCluster', {}, {})[0].severity).toBe('warning');
    expect(removedWith('AWS::RDS::DBInstance', {}, {})[0].severity).toBe('warning');
    expect(removedWith('AWS::RDS::DBInstance', { DBClusterIdentifier: 'c' }, {})[0].severity).toBe('blocking');
  });

  test('a replaced database: Snapshot on both sides is a warning that the new one is empty; Delete is blocking', () => {
    const db = (encrypted: boolean, policy: string) => ({ Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', StorageEncrypted: encrypted }, DeletionPolicy: policy, UpdateReplacePolicy: policy });
    const replaced = (policy: string) => compareTemplates({ Resources: { D: db(false, policy) } }, { Resources: { D: db(true, policy) } }, 'TestStack');
    const [snapshotted] = replaced('Snapshot');
    expect([snapshotted.kind, snapshotted.severity, snapshotted.property]).toEqual(['RESOURCE_REPLACED', 'warning', 'StorageEncrypted']);
    expect(snapshotted.problem).toMatch(/deleted after a final snapshot \(UpdateReplacePolicy Snapshot\): the data survives in the snapshot only, and a new, empty one takes its place/);
    expect(replaced('Delete')[0].severity).toBe('blocking');
  });

  test('a database moved to another logical ID with Delete: blocking; its DeletionPolicy weakened: a warning', () => {
    const secret = (policy: string) => ({ Type: 'AWS::SecretsManager::Secret', Properties: { Description: 'db password' }, DeletionPolicy: policy, UpdateReplacePolicy: policy });
    const moved = compareTemplates({ Resources: { DbSecretA1B2C3D4: secret('Delete') } }, { Resources: { DatabaseSecretE5F6A7B8: secret('Delete') } }, 'TestStack');
    expect(moved.map(f => `${f.severity}:${f.kind}`)).toContain('blocking:RESOURCE_MOVED');
    const weakened = compareTemplates({ Resources: { S: secret('Retain') } }, { Resources: { S: secret('Delete') } }, 'TestStack');
    expect(weakened.map(f => `${f.severity}:${f.kind}:${f.property}`)).toEqual(['warning:RETAIN_REMOVED:DeletionPolicy', 'warning:RETAIN_REMOVED:UpdateReplacePolicy']);
    const cluster = (policy?: string) => ({ Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' }, ...(policy ? { DeletionPolicy: policy } : {}) });
    expect(compareTemplates({ Resources: { C: cluster('Snapshot') } }, { Resources: { C: cluster() } }, 'TestStack')).toEqual([]);
    expect(compareTemplates({ Resources: { C: cluster('Snapshot') } }, { Resources: { C: cluster('Delete') } }, 'TestStack').map(f => f.problem))
      .toEqual([expect.stringMatching(/is no longer snapshotted/)]);
  });

  test('a mapping recreated at TRIM_HORIZON replays the stream (warning); one on an SQS queue loses nothing', () => {
    const replay = compareTemplates({ Resources: { M: mapping({ StartingPosition: 'TRIM_HORIZON' }) } },
      { Resources: { M: mapping({ StartingPosition: 'TRIM_HORIZON', EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2' }) } }, 'TestStack');
    expect(replay.map(f => `${f.severity}:${f.kind}`)).toEqual(['warning:MAPPING_RECREATED']);
    const sqs = compareTemplates({ Resources: { M: mapping({ EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:a' }) } },
      { Resources: { M: mapping({ EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:b' }) } }, 'TestStack');
    expect(sqs).toEqual([]);
    const removed = compareTemplates({ Resources: { M: mapping({ StartingPosition: 'LATEST' }) } }, { Resources: {} }, 'TestStack');
    expect(removed.map(f => `${f.severity}:${f.kind}`)).toEqual(['warning:MAPPING_REMOVED']);
  });
});

test('a KMS key whose Enabled is left to a condition: a warning; re-enabled, or enabled as the string "true": nothing', () => {
  const key = (properties: object) => ({ Resources: { K: { Type: 'AWS::KMS::Key', Properties: properties } } });
  const kinds = (before: object, after: object) => compareTemplates(key(before), key(after), 'TestStack').filter(f => f.kind === 'KEY_DISABLED').map(f => f.severity);
  expect(kinds({}, { Enabled: { 'Fn::If': ['IsProd', true, false] } })).toEqual(['warning']);
  expect(kinds({ Enabled: 'false' }, { Enabled: true })).toEqual([]);
  expect(kinds({}, { Enabled: 'true' })).toEqual([]);
  expect(kinds({ Enabled: true }, { Enabled: 'false' })).toEqual(['blocking']);
  // CloudFormation reads the words in any case.
  expect(kinds({ Enabled: 'True' }, { Enabled: 'False' })).toEqual(['blocking']);
});

test('retention shortened: against the defaults too, a log group from forever (a warning); left to a parameter or a condition, a warning', () => {
  const one = (type: string, before: object, after: object) => compareTemplates({ Resources: { R: { Type: type, Properties: before } } }, { Resources: { R: { Type: type, Properties: after } } }, 'TestStack')
    .filter(f => f.kind === 'RETENTION_SHORTENED').map(f => `${f.severity}:${f.property}:${f.problem}`);
  expect(one('AWS::SQS::Queue', {}, { MessageRetentionPeriod: '60' })).toEqual([expect.stringMatching(/^blocking:MessageRetentionPeriod:the retention is shortened from 345600 seconds to 60 seconds: SQS deletes every message already older/)]);
  expect(one('AWS::SQS::Queue', { MessageRetentionPeriod: 60 }, {})).toEqual([]);
  expect(one('AWS::Kinesis::Stream', { RetentionPeriodHours: 168 }, {})).toEqual([expect.stringMatching(/^blocking:RetentionPeriodHours:the retention is shortened from 168 hours to 24 hours/)]);
  expect(one('AWS::Logs::LogGroup', {}, { RetentionInDays: 7 })).toEqual([expect.stringMatching(/^warning:RetentionInDays:the retention is shortened from forever to 7 days/)]);
  expect(one('AWS::Logs::LogGroup', { RetentionInDays: 7 }, {})).toEqual([]);
  expect(one('AWS::SQS::Queue', { MessageRetentionPeriod: 1209600 }, { MessageRetentionPeriod: { Ref: 'Retention' } }))
    .toEqual([expect.stringMatching(/^warning:MessageRetentionPeriod:the retention may be shortened: MessageRetentionPeriod is decided at deploy time by Retention \(Ref\).*SQS deletes every message/)]);
  expect(one('AWS::Kinesis::Stream', { RetentionPeriodHours: { 'Fn::If': ['IsProd', 168, 24] } }, { RetentionPeriodHours: 168 }))
    .toEqual([expect.stringMatching(/^warning:RetentionPeriodHours:the retention may be shortened: RetentionPeriodHours is decided at deploy time by condition IsProd/)]);
  expect(one('AWS::Logs::LogGroup', {}, { RetentionInDays: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 7] } })).toEqual([expect.stringMatching(/^warning:RetentionInDays:the retention may be shortened/)]);
  // The same parameter on both sides is the same retention.
  expect(one('AWS::SQS::Queue', { MessageRetentionPeriod: { Ref: 'Retention' } }, { MessageRetentionPeriod: { Ref: 'Retention' }, VisibilityTimeout: 60 })).toEqual([]);
});

test('a bucket lifecycle: an expiration added (also of noncurrent versions, also without an Id) is a warning; a disabled rule or a longer one is not', () => {
  const bucket = (...rules: object[]) => ({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' }, LifecycleConfiguration: { Rules: rules } } } } });
  const found = (before: object, after: object) => compareTemplates(before as any, after as any, 'TestStack').filter(f => f.kind === 'OBJECT_EXPIRATION_SHORTENED').map(f => `${f.property}:${f.before}->${f.after}`);
  const archive = { Id: 'archive', Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }] };
  expect(found(bucket(archive), bucket({ ...archive, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }))).toEqual(['LifecycleConfiguration.Rules[archive].NoncurrentVersionExpiration.NoncurrentDays:(none)->30']);
  expect(found(bucket(), bucket({ Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 1 }))).toEqual([expect.stringMatching(/^LifecycleConfiguration.Rules\[filter:.*tmp.*\].ExpirationInDays:\(none\)->1$/)]);
  expect(found(bucket(), bucket({ Id: 'off', Status: 'Disabled', ExpirationInDays: 1 }))).toEqual([]);
  expect(found(bucket({ Id: 'logs', Status: 'Enabled', ExpirationInDays: 30 }), bucket({ Id: 'logs', Status: 'Enabled', ExpirationInDays: 90 }))).toEqual([]);
});

test('a bucket lifecycle left to deploy time (the days, the Status, the rules): a warning, never "safe"; unchanged: nothing', () => {
  const bucket = (lifecycle: unknown) => ({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: lifecycle } } } });
  const found = (before: unknown, after: unknown) => compareTemplates(bucket(before), bucket(after), 'TestStack').filter(f => f.kind === 'OBJECT_EXPIRATION_SHORTENED').map(f => `${f.severity}:${f.property}:${f.problem}`);
  const logs = (changes: object) => ({ Rules: [{ Id: 'logs', Status: 'Enabled', ExpirationInDays: 365, ...changes }] });
  expect(found(logs({}), logs({ ExpirationInDays: { Ref: 'Days' } }))).toEqual([expect.stringMatching(/^warning:LifecycleConfiguration.Rules\[logs\].ExpirationInDays:rule "logs" of the bucket may expire objects sooner: .*ExpirationInDays is decided at deploy time by Days \(Ref\)/)]);
  expect(found(logs({ Status: 'Disabled', ExpirationInDays: 1 }), logs({ Status: { 'Fn::If': ['IsProd', 'Enabled', 'Disabled'] }, ExpirationInDays: 1 })))
    .toEqual([expect.stringMatching(/^warning:LifecycleConfiguration.Rules\[logs\].ExpirationInDays:.*Status is decided at deploy time by condition IsProd/)]);
  expect(found(undefined, { Rules: { 'Fn::If': ['IsProd', [], [{ Status: 'Enabled', ExpirationInDays: 1 }]] } })).toEqual([expect.stringMatching(/^warning:LifecycleConfiguration:the bucket's lifecycle rules may expire objects sooner: LifecycleConfiguration is decided at deploy time by condition IsProd/)]);
  expect(found(logs({}), { 'Fn::If': ['IsProd', logs({}), { Ref: 'AWS::NoValue' }] })).toEqual([expect.stringMatching(/^warning:LifecycleConfiguration:/)]);
  const undecided = logs({ ExpirationInDays: { Ref: 'Days' } });
  expect(found(undecided, undecided)).toEqual([]);
});

describe('a stream mapping that keeps fewer records, updated in place', () => {
  const weakened = (before: object, after: object) => compareTemplates({ Resources: { M: mapping({ StartingPosition: 'TRIM_HORIZON', ...before }) } }, { Resources: { M: mapping({ StartingPosition: 'TRIM_HORIZON', ...after }) } }, 'TestStack')
    .map(f => `${f.severity}:${f.kind}:${f.property}`);

  test('partial batch responses no longer read: blocking (a streamHandler\'s failed records would count as processed)', () => {
    expect(weakened({ FunctionResponseTypes: ['ReportBatchItemFailures'] }, {})).toEqual(['blocking:MAPPING_WEAKENED:FunctionResponseTypes']);
    expect(weakened({}, { FunctionResponseTypes: ['ReportBatchItemFailures'] })).toEqual([]);
  });

  test('left to deploy time (Fn::If, a parameter): a warning where it may drop or skip records, never "safe"', () => {
    const onFailure = { DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Q', 'Arn'] } } } };
    const maybeNone = { 'Fn::If': ['IsProd', { 'Fn::GetAtt': ['Q', 'Arn'] }, { Ref: 'AWS::NoValue' }] };
    expect(weakened(onFailure, { DestinationConfig: { OnFailure: { Destination: maybeNone } } })).toEqual(['warning:MAPPING_WEAKENED:DestinationConfig.OnFailure']);
    expect(weakened(onFailure, { DestinationConfig: { 'Fn::If': ['IsProd', onFailure.DestinationConfig, { Ref: 'AWS::NoValue' }] } })).toEqual(['warning:MAPPING_WEAKENED:DestinationConfig.OnFailure']);
    expect(weakened({ DestinationConfig: { OnFailure: { Destination: maybeNone } } }, {})).toEqual(['warning:MAPPING_WEAKENED:DestinationConfig.OnFailure']);
    expect(weakened(onFailure, { DestinationConfig: { OnFailure: { Destination: { Ref: 'AWS::NoValue' } } } })).toEqual(['blocking:MAPPING_WEAKENED:DestinationConfig.OnFailure']);
    expect(weakened({ FunctionResponseTypes: ['ReportBatchItemFailures'] }, { FunctionResponseTypes: { 'Fn::If': ['IsProd', ['ReportBatchItemFailures'], []] } })).toEqual(['warning:MAPPING_WEAKENED:FunctionResponseTypes']);
    expect(weakened({ FunctionResponseTypes: [{ 'Fn::If': ['IsProd', 'ReportBatchItemFailures', { Ref: 'AWS::NoValue' }] }] }, {})).toEqual(['warning:MAPPING_WEAKENED:FunctionResponseTypes']);
    expect(weakened({}, { Enabled: { Ref: 'ConsumerOn' } })).toEqual(['warning:MAPPING_WEAKENED:Enabled']);
    // The same deploy-time value on both sides: nothing changed.
    expect(weakened({ Enabled: { Ref: 'ConsumerOn' }, DestinationConfig: { OnFailure: { Destination: maybeNone } } }, { Enabled: { Ref: 'ConsumerOn' }, DestinationConfig: { OnFailure: { Destination: maybeNone } }, BatchSize: 10 })).toEqual([]);
  });

  test('a filter added or changed, or the mapping disabled: warnings; a filter removed or the mapping enabled: nothing', () => {
    const filter = (pattern: string) => ({ FilterCriteria: { Filters: [{ Pattern: pattern }] } });
    expect(weakened({}, filter('{"eventName":["INSERT"]}'))).toEqual(['warning:MAPPING_WEAKENED:FilterCriteria']);
    expect(weakened(filter('{"eventName":["INSERT"]}'), filter('{"eventName":["MODIFY"]}'))).toEqual(['warning:MAPPING_WEAKENED:FilterCriteria']);
    expect(weakened(filter('{"eventName":["INSERT"]}'), {})).toEqual([]);
    expect(weakened({}, { Enabled: false })).toEqual(['warning:MAPPING_WEAKENED:Enabled']);
    expect(weakened({ Enabled: false }, { Enabled: true })).toEqual([]);
    expect(weakened({}, { Enabled: 'FALSE' })).toEqual(['warning:MAPPING_WEAKENED:Enabled']);
    expect(weakened({}, { FilterCriteria: null })).toEqual([]);
  });

  test('an SQS mapping (no StartingPosition) is not judged here', () => {
    const sqs = (properties: object) => ({ Resources: { M: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: 'f', EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:q', ...properties } } } });
    expect(compareTemplates(sqs({ FunctionResponseTypes: ['ReportBatchItemFailures'] }), sqs({}), 'TestStack')).toEqual([]);
  });
});

describe('a resource that holds data put under a condition', () => {
  const isProd = (value = 'prod') => ({ 'Fn::Equals': [{ Ref: 'Env' }, value] });
  const template = (resources: Resources, conditions: object = {}) => ({ Parameters: { Env: { Type: 'String' } }, Conditions: conditions, Resources: resources });
  const findings = (before: object, after: object) => compareTemplates(before as any, after as any, 'TestStack')
    .filter(f => f.kind === 'CONDITION_ADDED').map(f => `${f.severity}:${f.logicalId}:${f.before}->${f.after}`);

  test('a Condition added to a table: blocking with Delete, a warning with Retain (orphaned)', () => {
    const deleted = table({}, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    expect(findings(template({ [T]: deleted }), template({ [T]: { ...deleted, Condition: 'IsProd' } }, { IsProd: isProd() }))).toEqual([`blocking:${T}:(none)->IsProd`]);
    const [retained] = compareTemplates(template({ [T]: table() }) as any, template({ [T]: { ...table(), Condition: 'IsProd' } }, { IsProd: isProd() }) as any, 'TestStack')
      .filter(f => f.kind === 'CONDITION_ADDED');
    expect([retained.severity, retained.problem]).toEqual(['warning', expect.stringMatching(/^the table now exists only where the condition "IsProd" is true: where it is false, this deploy takes it out of the stack and it is orphaned/)]);
  });

  test('the same condition, unchanged: nothing; renamed, or redefined (also through a condition it refers to): found', () => {
    const conditional = (name: string) => ({ Q: { ...queue(), Condition: name } });
    const base = { IsProd: { 'Fn::And': [isProd(), { Condition: 'InRegion' }] }, InRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } };
    expect(findings(template(conditional('IsProd'), base), template(conditional('IsProd'), base))).toEqual([]);
    expect(findings(template(conditional('IsProd'), base), template(conditional('IsLive'), { ...base, IsLive: isProd('live') }))).toEqual(['blocking:Q:IsProd->IsLive']);
    expect(findings(template(conditional('IsProd'), base), template(conditional('IsProd'), { IsProd: isProd('production') }))).toEqual(['blocking:Q:IsProd->IsProd']);
    const elsewhere = { ...base, InRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } };
    expect(findings(template(conditional('IsProd'), base), template(conditional('IsProd'), elsewhere))).toEqual(['blocking:Q:IsProd->IsProd']);
  });

  test('a condition removed, or on a resource that holds no data (an alarm): nothing; on an RDS cluster: snapshotted, a warning', () => {
    expect(findings(template({ Q: { ...queue(), Condition: 'IsProd' } }, { IsProd: isProd() }), template({ Q: queue() }))).toEqual([]);
    const alarm = { Type: 'AWS::CloudWatch::Alarm', Properties: {} };
    expect(findings(template({ A: alarm }), template({ A: { ...alarm, Condition: 'IsProd' } }, { IsProd: isProd() }))).toEqual([]);
    const cluster = { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' } };
    expect(findings(template({ C: cluster }), template({ C: { ...cluster, Condition: 'IsProd' } }, { IsProd: isProd() }))).toEqual(['warning:C:(none)->IsProd']);
  });
});

describe('intrinsics never crash a rule', () => {
  test.each(['GlobalSecondaryIndexes', 'LocalSecondaryIndexes', 'KeySchema', 'AttributeDefinitions', 'TimeToLiveSpecification', 'StreamSpecification', 'PointInTimeRecoverySpecification', 'SSESpecification', 'BillingMode'])('%s as Fn::If on both sides, changed', (property) => {
    const before = { Resources: { [T]: table({ [property]: ifProd({ a: 1 }, { Ref: 'AWS::NoValue' }) }) }, Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } } };
    const after = { Resources: { [T]: table({ [property]: ifProd({ a: 2 }, { Ref: 'AWS::NoValue' }) }) }, Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } } };
    const findings = compareTemplates(before, after, 'TestStack');
    expect(findings.filter(f => f.kind === 'DECIDED_AT_DEPLOY').map(f => f.property)).toEqual([property]);
    expect(findings.find(f => f.kind === 'DECIDED_AT_DEPLOY')!.problem).toMatch(/decided at deploy time by condition IsProd/);
  });

  test('Replicas under Fn::If on a GlobalTable', () => {
    const findings = compareTemplates({ Resources: { [T]: globalTable() } }, { Resources: { [T]: globalTable({ Replicas: ifProd([{ Region: 'us-east-1' }, { Region: 'eu-west-1' }], [{ Region: 'us-east-1' }]) }) } }, 'TestStack');
    expect(findings.map(f => `${f.severity}:${f.kind}:${f.property}`)).toEqual(['warning:DECIDED_AT_DEPLOY:Replicas']);
  });
});
