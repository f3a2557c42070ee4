import * as fc from 'fast-check';
import { cfnGlobalTable, cfnTable, templateOf } from './fixtures';
import { formatReport } from '../../src/report/format';
import { reportTables } from '../../src/report/table-report';
import { asTemplate, readTables } from '../../src/template';
import { RUNS, SEED } from '../fuzz/harness';

/** A rich table of each type: every property the view reads, so that mutations reach them all. */
const BASES = [
  cfnGlobalTable({
    GlobalSecondaryIndexes: [{ IndexName: 'g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] } }],
    StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' },
    WriteProvisionedThroughputSettings: {
      WriteCapacityAutoScalingSettings: { MinCapacity: 1, MaxCapacity: 10, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } },
    },
    VectorIndexes: [{ IndexName: 'v', Dimensions: 3, DistanceFunction: 'COSINE', VectorAttribute: { AttributeName: 'e' } }],
  }, { Metadata: { 'aws:cdk:path': 'S/T/Resource' } }),
  cfnTable({
    LocalSecondaryIndexes: [{ IndexName: 'l', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 's', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
    KinesisStreamSpecification: { StreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s' },
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    TableName: 'orders',
  }, { DeletionPolicy: 'Retain' }),
];

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.constant([]),
  fc.constant([null]),
  fc.constant({}),
  fc.constant({ 'Fn::If': ['IsProd', [], { Ref: 'AWS::NoValue' }] }),
  fc.constant({ Ref: 'AWS::NoValue' }),
  fc.constant({ Ref: 'Param' }),
  fc.constant({ 'Fn::GetAtt': ['X', 'Arn'] }),
);

/** Every path to a value inside the resource. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function replaced(value: any, path: Array<string | number>, by: unknown): any {
  if (path.length === 0) return by;
  const base = typeof value === 'object' && value !== null ? value : {};
  const copy = Array.isArray(base) ? [...base] : { ...base };
  copy[path[0]] = replaced(base[path[0]], path.slice(1), by);
  return copy;
}

describe('the typed view never throws on a table resource of any shape', () => {
  test.each(BASES.map((base, i) => [base.Type, i] as const))('%s: any one or two values replaced by anything', (_type, i) => {
    const base = BASES[i];
    const all = paths(base).filter(p => p.length > 0);
    const mutation = fc.tuple(fc.constantFrom(...all), anyValue);
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), mutations => {
      const resource = mutations.reduce((r, [path, by]) => replaced(r, path, by), base);
      let template;
      try {
        template = asTemplate(templateOf({ T: resource }), 'fuzz');
      } catch (e) {
        // Refused by the loader's check (a resource or Properties that is not an object): fine.
        expect((e as Error).name).toBe('TemplateInputError');
        return;
      }
      readTables(template, { stackRegion: 'us-east-1' });
      const set = { source: 'fuzz', singleFile: true, stacks: { S: template } };
      formatReport(reportTables(set));
    }), { numRuns: RUNS, seed: SEED });
  });
});
