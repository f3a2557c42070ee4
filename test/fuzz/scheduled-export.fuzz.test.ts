import { Duration, Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as fc from 'fast-check';
import { Outcome, RUNS, SEED, expectTemplateOrOurError, fuzzTemplateOf, rejectionOf } from './harness';
import { constructIdArb, durationOf, durationSpecArb, sometimes, wildNameArb } from './token-arbitraries';
import { ExportFormat, ExportMode, IncrementalExportViewType, ProductionTable, ScheduledExport, ScheduledExportProps } from '../../src';
import { envAgnosticStack, testStack } from '../helpers/app';


const partitionKey = { name: 'pk', type: AttributeType.STRING };
const STORAGE_CLASSES = [
  s3.StorageClass.GLACIER, s3.StorageClass.DEEP_ARCHIVE, s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, s3.StorageClass.INFREQUENT_ACCESS,
];

/**
 * Plain data, turned into props in `build`. `careful` specs hold valid values only; `careless`
 * ones mix in invalid values (a table without PITR, windows out of range, bad prefixes), weight 1 in 4.
 */
function specArb(careless: boolean) {
  const mixed = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
    careless ? fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid }) : valid;
  return fc.record({
    id: constructIdArb('Export'),
    // One in four in a stack without account and region (cdk init's default): tokens in ARNs and names.
    envAgnostic: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    table: mixed(fc.constantFrom('production', 'tableV2Pitr', 'imported'), fc.constant('tableV2NoPitr')),
    schedule: fc.oneof(
      fc.record({ kind: fc.constant('rate' as const), minutes: fc.constantFrom(15, 30, 60, 120, 1440, 7, 2880) }),
      fc.record({ kind: fc.constant('cron' as const), hour: fc.integer({ min: 0, max: 23 }) }),
    ),
    incremental: fc.option(fc.record({
      windowMinutes: mixed(fc.integer({ min: 15, max: 1440 }), fc.constantFrom(0, 1, 14, 1441, 2880)),
      // Any Duration (fractional, another unit, a token) in place of the whole minutes, 1 in 5.
      window: sometimes(durationSpecArb(15 * 60, 24 * 3600)),
      viewType: fc.option(fc.constantFrom(...Object.values(IncrementalExportViewType)), { nil: undefined }),
    }), { nil: undefined }),
    format: fc.option(fc.constantFrom(...Object.values(ExportFormat)), { nil: undefined }),
    ownBucket: fc.constantFrom('none', 'kms', 's3Managed'),
    prefix: fc.option(mixed(
      fc.stringMatching(/^[a-z0-9][a-z0-9/_.-]{0,30}$/),
      fc.oneof(fc.constantFrom('/leading', '*', 'exports/*/x', '//'), wildNameArb),
    ), { nil: undefined }),
    archiveAfterDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
    archiveAfter: sometimes(durationSpecArb(0, 400 * 86_400)),
    archiveStorageClass: fc.option(fc.constantFrom(...STORAGE_CLASSES), { nil: undefined }),
    enabled: fc.option(fc.boolean(), { nil: undefined }),
  });
}

const fuzzedSpecArb = fc.oneof(specArb(false), specArb(true));
type Spec = typeof fuzzedSpecArb extends fc.Arbitrary<infer T> ? T : never;

function build(stack: Stack, spec: Spec): ScheduledExportProps {
  let table;
  if (spec.table === 'production') table = new ProductionTable(stack, 'Orders', { partitionKey });
  else if (spec.table === 'imported') table = TableV2.fromTableArn(stack, 'Imported', 'arn:aws:dynamodb:us-east-1:123456789012:table/Imported');
  else table = new TableV2(stack, 'Plain', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: spec.table === 'tableV2Pitr' } });
  let bucket: s3.IBucket | undefined;
  if (spec.ownBucket === 'kms') {
    bucket = new s3.Bucket(stack, 'Mine', { encryption: s3.BucketEncryption.KMS, encryptionKey: new kms.Key(stack, 'MineKey', { enableKeyRotation: true }) });
  } else if (spec.ownBucket === 's3Managed') {
    bucket = new s3.Bucket(stack, 'Mine', { encryption: s3.BucketEncryption.S3_MANAGED });
  }
  return {
    table,
    schedule: spec.schedule.kind === 'rate'
      ? scheduler.ScheduleExpression.rate(Duration.minutes(spec.schedule.minutes))
      : scheduler.ScheduleExpression.cron({ minute: '0', hour: String(spec.schedule.hour) }),
    mode: spec.incremental
      ? ExportMode.incremental({
        window: durationOf(stack, spec.incremental.window) ?? Duration.minutes(spec.incremental.windowMinutes),
        viewType: spec.incremental.viewType,
      })
      : ExportMode.full(),
    format: spec.format,
    bucket,
    prefix: spec.prefix,
    archiveAfter: durationOf(stack, spec.archiveAfter) ?? (spec.archiveAfterDays === undefined ? undefined : Duration.days(spec.archiveAfterDays)),
    archiveStorageClass: spec.archiveStorageClass,
    enabled: spec.enabled,
  };
}

function outcomeOf(spec: Spec): Outcome {
  const stack = spec.envAgnostic ? envAgnosticStack() : testStack();
  const props = build(stack, spec);
  try {
    new ScheduledExport(stack, spec.id, props);
  } catch (error) {
    return rejectionOf(error, `${stack.node.path}/${spec.id}`);
  }
  fuzzTemplateOf(stack); // CloudFormation schema validation on the seeded sample (harness.ts)
  return { kind: 'template' };
}

describe('ScheduledExport with fuzzed props: a valid template or our error naming the property, nothing else', () => {
  test(`${RUNS} generated prop sets (seed ${SEED})`, () => {
    expectTemplateOrOurError(fuzzedSpecArb, outcomeOf);
  }, 300_000);
});
