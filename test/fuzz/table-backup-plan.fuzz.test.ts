import { CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as fc from 'fast-check';
import { Outcome, RUNS, SEED, expectTemplateOrOurError, fuzzTemplateOf, rejectionOf } from './harness';
import { constructIdArb, DurationSpec, durationOf, durationSpecArb, numberSpecArb, sometimes, wildNameArb, numberIn, wholeIn } from './token-arbitraries';
import { BackupSchedule, TableBackupPlan, TableBackupPlanProps } from '../../src';
import { envAgnosticStack, testStack } from '../helpers/app';


const partitionKey = { name: 'pk', type: AttributeType.STRING };

/**
 * Plain data (durations in hours), turned into props in `build`. `careful` specs hold valid values
 * only (combinations may still be wrong); `careless` ones mix in invalid values, weight 1 in 4.
 */
function specArb(careless: boolean) {
  const mixed = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
    careless ? fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid }) : valid;
  const days = (valid: [number, number], invalid: number[]) =>
    mixed(fc.integer({ min: valid[0], max: valid[1] }).map(d => d * 24), fc.constantFrom(...invalid));
  const hourArb = numberSpecArb(mixed(fc.integer({ min: 0, max: 23 }), fc.constantFrom(-1, 24, 1.5, Number.NaN)));
  // Any Duration (fractional, another unit, a token) in place of the whole-day retention, 1 in 5.
  const anyRetention = sometimes(durationSpecArb(86_400, 400 * 86_400));
  const scheduleArb = fc.oneof(
    fc.record({ kind: fc.constant('daily' as const), hourUtc: hourArb, retentionHours: days([1, 400], [0, 1, 12]), retention: anyRetention }, { requiredKeys: ['kind'] }),
    fc.record({
      kind: fc.constant('monthly' as const),
      hourUtc: hourArb,
      dayOfMonth: numberSpecArb(mixed(fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 29, 31, 2.5))),
      retentionHours: days([1, 3650], [0, 6]),
      coldHours: days([1, 60], [0, 12]),
      cold: anyRetention,
      disableColdStorage: fc.boolean(),
    }, { requiredKeys: ['kind'] }),
    fc.record({
      kind: fc.constant('custom' as const),
      ruleName: mixed(fc.constantFrom('Hourly', 'Weekly', 'Quarterly', 'Every_6-hours'), fc.oneof(fc.constantFrom('Daily', 'Monthly', 'Hourly'), wildNameArb)),
      // AWS Backup runs a rule at most hourly: every minute and every 30 minutes are rejected.
      every: mixed(fc.constantFrom('cron6h' as const, 'rate6h' as const, 'cronHourly' as const), fc.constantFrom('cronEveryMinute' as const, 'rate30m' as const)),
      retentionHours: days([1, 800], [0, 3]),
      coldHours: fc.option(days([1, 60], [0]), { nil: undefined }),
    }),
  );
  return fc.record({
    id: constructIdArb('Backup'),
    // One in four in a stack without account and region (cdk init's default): tokens in ARNs and names.
    envAgnostic: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    tables: fc.array(fc.constantFrom('tableV2', 'imported', 'keyed'), { minLength: careless ? 0 : 1, maxLength: 3 }),
    schedules: fc.option(fc.array(scheduleArb, { minLength: careless ? 0 : 1, maxLength: 4 }), { nil: undefined }),
    ownKey: fc.boolean(),
    backupVaultName: mixed(
      fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{2,50}$/), fc.constant('token')),
      fc.oneof(fc.constantFrom('', 'a', 'has space', 'x'.repeat(51), 'dots.in.name'), wildNameArb),
    ),
    copyTo: fc.option(fc.record({ retentionHours: fc.option(days([1, 400], [0]), { nil: undefined }) }), { nil: undefined }),
    vaultLock: fc.option(fc.record({
      minRetentionHours: days([1, 35], [0]),
      minRetention: sometimes(durationSpecArb(86_400, 35 * 86_400)),
      maxRetentionHours: fc.option(days([30, 4000], [1, 24]), { nil: undefined }),
      changeableForHours: fc.option(days([3, 30], [0, 24, 48]), { nil: undefined }),
    }), { nil: undefined }),
    removalPolicy: fc.constantFrom(RemovalPolicy.RETAIN, RemovalPolicy.DESTROY, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE),
  }, { requiredKeys: ['id', 'envAgnostic', 'tables'] }).map(spec => careless ? spec : {
    ...spec,
    // A careful user names each rule once (daily() and monthly() are named Daily and Monthly).
    schedules: spec.schedules?.filter((s, i, all) => all.findIndex(o => o.kind === s.kind && (o as any).ruleName === (s as any).ruleName) === i),
  });
}

const fuzzedSpecArb = fc.oneof(specArb(false), specArb(true));
type Spec = typeof fuzzedSpecArb extends fc.Arbitrary<infer T> ? T : never;
type ScheduleSpec = NonNullable<Spec['schedules']>[number];

const hours = (value: number | undefined) => (value === undefined ? undefined : Duration.hours(value));
const SCHEDULES = {
  cron6h: events.Schedule.cron({ minute: '0', hour: '*/6' }),
  rate6h: events.Schedule.rate(Duration.hours(6)),
  cronHourly: events.Schedule.expression('cron(0 * * * ? *)'),
  cronEveryMinute: events.Schedule.expression('cron(* * * * ? *)'),
  rate30m: events.Schedule.rate(Duration.minutes(30)),
};

function schedule(stack: Stack, spec: ScheduleSpec): BackupSchedule {
  const duration = (any: DurationSpec | undefined, inHours: number | undefined) => durationOf(stack, any) ?? hours(inHours);
  switch (spec.kind) {
    case 'daily': return BackupSchedule.daily({
      hourUtc: spec.hourUtc && numberIn(stack, spec.hourUtc, wholeIn(0, 23)),
      retention: duration(spec.retention, spec.retentionHours),
    });
    case 'monthly': return BackupSchedule.monthly({
      hourUtc: spec.hourUtc && numberIn(stack, spec.hourUtc, wholeIn(0, 23)),
      dayOfMonth: spec.dayOfMonth && numberIn(stack, spec.dayOfMonth, wholeIn(1, 28)),
      retention: hours(spec.retentionHours),
      moveToColdStorageAfter: duration(spec.cold, spec.coldHours),
      disableColdStorage: spec.disableColdStorage,
    });
    default: return BackupSchedule.custom({
      ruleName: spec.ruleName,
      schedule: SCHEDULES[spec.every],
      retention: Duration.hours(spec.retentionHours),
      moveToColdStorageAfter: hours(spec.coldHours),
    });
  }
}

function build(stack: Stack, spec: Spec): TableBackupPlanProps {
  const tables = spec.tables.map((kind, i) => {
    if (kind === 'imported') return TableV2.fromTableArn(stack, `Imported${i}`, `arn:aws:dynamodb:us-east-1:123456789012:table/Imported${i}`);
    if (kind === 'keyed') {
      const encryptionKey = new kms.Key(stack, `TableKey${i}`, { enableKeyRotation: true });
      return TableV2.fromTableAttributes(stack, `Keyed${i}`, { tableArn: `arn:aws:dynamodb:us-east-1:123456789012:table/Keyed${i}`, encryptionKey });
    }
    return new TableV2(stack, `Table${i}`, { partitionKey });
  });
  return {
    tables,
    schedules: spec.schedules?.map(s => schedule(stack, s)),
    encryptionKey: spec.ownKey ? new kms.Key(stack, 'VaultKey', { enableKeyRotation: true }) : undefined,
    backupVaultName: spec.backupVaultName === 'token' ? new CfnParameter(stack, 'VaultName', { default: 'orders-vault' }).valueAsString : spec.backupVaultName,
    copyTo: spec.copyTo && {
      destinationVault: backup.BackupVault.fromBackupVaultArn(stack, 'Dr', 'arn:aws:backup:eu-west-1:123456789012:backup-vault:dr'),
      retention: hours(spec.copyTo.retentionHours),
    },
    vaultLock: spec.vaultLock && {
      minRetention: durationOf(stack, spec.vaultLock.minRetention) ?? Duration.hours(spec.vaultLock.minRetentionHours),
      maxRetention: hours(spec.vaultLock.maxRetentionHours),
      changeableFor: hours(spec.vaultLock.changeableForHours),
    },
    removalPolicy: spec.removalPolicy,
  };
}


function outcomeOf(spec: Spec): Outcome {
  const stack = spec.envAgnostic ? envAgnosticStack() : testStack();
  const props = build(stack, spec);
  try {
    new TableBackupPlan(stack, spec.id, props);
  } catch (error) {
    const rejection = rejectionOf(error, `${stack.node.path}/${spec.id}`);
    return rejection.kind === 'rejected' ? { ...rejection, property: rejection.property.replace(/\[.*\]/, '[]') } : rejection;
  }
  try {
    fuzzTemplateOf(stack); // CloudFormation schema validation on the seeded sample (harness.ts)
  } catch (error) {
    // A plan with no tables is allowed until synthesis (tables can join later with addTable or
    // ProductionTable's backup prop), so it is our node validation, at synthesis, that names it.
    if (spec.tables.length === 0 && String(error).includes(`${stack.node.path}/${spec.id}: tables is empty`)) return { kind: 'rejected', property: 'tables' };
    throw error;
  }
  return { kind: 'template' };
}

describe('TableBackupPlan with fuzzed props: a valid template or our error naming the property, nothing else', () => {
  test(`${RUNS} generated prop sets (seed ${SEED})`, () => {
    expectTemplateOrOurError(fuzzedSpecArb, outcomeOf);
  }, 300_000);
});
