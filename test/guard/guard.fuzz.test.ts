import * as fc from 'fast-check';
import { TemplateInputError, compareTemplates } from '../../src/guard';
import { RUNS, SEED } from '../fuzz/harness';

/**
 * Templates CloudFormation accepts can put an intrinsic (Fn::If, Ref) wherever a value goes, and
 * hand-written ones put odd values anywhere. Whatever a table, a queue or a mapping holds, the
 * guard returns findings (or our input error), never a TypeError such as
 * "(items ?? []).map is not a function".
 */

const intrinsic = fc.oneof(
  fc.constant({ 'Fn::If': ['IsProd', [{ AttributeName: 'pk', KeyType: 'HASH' }], { Ref: 'AWS::NoValue' }] }),
  fc.constant({ Ref: 'AWS::NoValue' }),
  fc.constant({ Ref: 'AWS::Region' }),
  fc.constant({ Ref: 'SomeParameter' }),
  fc.constant({ 'Fn::GetAtt': ['Key', 'Arn'] }),
  fc.constant({ 'Fn::ImportValue': 'x' }),
);
const junk = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 5 }),
  fc.constant([]), fc.constant({}), fc.constant([null]), fc.constant([{}]), fc.constant([1, 'a']),
);
const key = (name: string) => ({ AttributeName: name, KeyType: 'HASH' });
const value = (good: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: intrinsic }, { weight: 1, arbitrary: junk });
const list = (item: fc.Arbitrary<unknown>) =>
  value(fc.array(fc.oneof({ weight: 4, arbitrary: item }, { weight: 1, arbitrary: intrinsic }, { weight: 1, arbitrary: junk }), { maxLength: 3 }));

const index = fc.record({
  IndexName: value(fc.constantFrom('a', 'b', 'c')),
  KeySchema: list(fc.constantFrom(key('pk'), key('g'), { AttributeName: 's', KeyType: 'RANGE' })),
  Projection: value(fc.record({ ProjectionType: value(fc.constantFrom('ALL', 'KEYS_ONLY')) })),
}, { requiredKeys: [] });

const tableProps = fc.record({
  KeySchema: list(fc.constantFrom(key('pk'), key('id'), { AttributeName: 'sk', KeyType: 'RANGE' })),
  AttributeDefinitions: list(fc.record({
    AttributeName: value(fc.constantFrom('pk', 'id', 'g', 'sk')),
    AttributeType: value(fc.constantFrom('S', 'N')),
  })),
  GlobalSecondaryIndexes: list(index),
  LocalSecondaryIndexes: list(index),
  Replicas: list(fc.record({
    Region: value(fc.constantFrom('us-east-1', 'eu-west-1')),
    PointInTimeRecoverySpecification: value(fc.record({
      PointInTimeRecoveryEnabled: value(fc.boolean()),
      RecoveryPeriodInDays: value(fc.integer({ min: 1, max: 35 })),
    })),
    DeletionProtectionEnabled: value(fc.boolean()),
    SSESpecification: value(fc.record({ KMSMasterKeyId: value(fc.constantFrom('alias/aws/dynamodb', 'arn:aws:kms:us-east-1:1:key/a')) })),
  }, { requiredKeys: [] })),
  TableName: value(fc.constantFrom('orders', 'orders-v2')),
  BillingMode: value(fc.constantFrom('PAY_PER_REQUEST', 'PROVISIONED')),
  StreamSpecification: value(fc.record({ StreamViewType: value(fc.constantFrom('NEW_IMAGE', 'NEW_AND_OLD_IMAGES')) })),
  TimeToLiveSpecification: value(fc.record({ Enabled: value(fc.boolean()), AttributeName: value(fc.constantFrom('ttl', 'expiresAt')) })),
  PointInTimeRecoverySpecification: value(fc.record({ PointInTimeRecoveryEnabled: value(fc.boolean()) })),
  SSESpecification: value(fc.record({ SSEEnabled: value(fc.boolean()), SSEType: value(fc.constantFrom('KMS')), KMSMasterKeyId: value(fc.constantFrom('alias/aws/dynamodb', 'k')) })),
  DeletionProtectionEnabled: value(fc.boolean()),
}, { requiredKeys: [] });

const policy = fc.constantFrom(undefined, 'Retain', 'Delete', 'RetainExceptOnCreate', 'Snapshot');
const resource = fc.oneof(
  fc.record({ Type: fc.constantFrom('AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'), Properties: tableProps, DeletionPolicy: policy, UpdateReplacePolicy: policy }, { requiredKeys: ['Type'] }),
  fc.record({ Type: fc.constant('Custom::DynamoDBReplica'), Properties: fc.record({ TableName: value(fc.constant({ Ref: 'T1A2B3C4D' })), Region: value(fc.constantFrom('us-west-2', 'eu-west-1')) }, { requiredKeys: [] }) }),
  fc.record({ Type: fc.constantFrom('AWS::SQS::Queue', 'AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup'), Properties: fc.record({ QueueName: value(fc.constantFrom('q1', 'q2')), FifoQueue: value(fc.boolean()) }, { requiredKeys: [] }), DeletionPolicy: policy }, { requiredKeys: ['Type'] }),
  fc.record({ Type: fc.constant('AWS::Lambda::EventSourceMapping'), Properties: fc.record({ StartingPosition: value(fc.constantFrom('LATEST', 'TRIM_HORIZON')), EventSourceArn: value(fc.constantFrom('arn:1', 'arn:2')) }, { requiredKeys: [] }) }),
);
const resources = fc.dictionary(fc.constantFrom('T1A2B3C4D', 'T9F8E7D6C', 'Q', 'M', 'R1'), resource, { maxKeys: 4 });

test('any tables, queues and mappings, before and after: findings or our error, never a TypeError', () => {
  let compared = 0;
  fc.assert(fc.property(resources, resources, (before, after) => {
    try {
      const findings = compareTemplates({ Resources: before, Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } } }, { Resources: after }, 'Fuzz');
      expect(Array.isArray(findings)).toBe(true);
      for (const f of findings) expect(typeof f.problem).toBe('string');
      compared++;
    } catch (e) {
      if (!(e instanceof TemplateInputError)) throw e;
    }
  }), { numRuns: RUNS, seed: SEED });
  expect(compared).toBeGreaterThan(RUNS * 0.9);
});
