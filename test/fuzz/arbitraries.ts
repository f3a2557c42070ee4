import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Attribute,
  AttributeType,
  Billing,
  Capacity,
  GlobalSecondaryIndexPropsV2,
  LocalSecondaryIndexProps,
  ProjectionType,
  ReplicaTableProps,
  StreamViewType,
  TableEncryptionV2,
} from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as fc from 'fast-check';
import { KeyArnForm, TokenKind, keyArnFormArb, keyArnOf, numberOf, tokenFor, tokenKindArb, wildNameArb } from './token-arbitraries';
import { ProductionTableProps } from '../../src';

/*
 * Generated props are plain data (a "spec"), turned into ProductionTableProps by `buildProps` in
 * the stack under test: aws-cdk-lib objects (Billing, Capacity, keys) are made there, so that a
 * counterexample prints as readable JSON. Every generator mixes valid and invalid values.
 */

const STACK_REGION = 'us-east-1';
const REGIONS = [STACK_REGION, 'eu-west-1', 'ap-southeast-2', 'us-west-2'];

/** The attribute pool, each with the type a careful user would give it (so that collisions happen). */
const ATTRIBUTE_TYPES: { [name: string]: AttributeType } = {
  pk: AttributeType.STRING,
  sk: AttributeType.STRING,
  gsi1pk: AttributeType.STRING,
  gsi1sk: AttributeType.STRING,
  customerId: AttributeType.STRING,
  expiresAt: AttributeType.NUMBER,
  createdAt: AttributeType.NUMBER,
};

export interface CapacitySpec { readonly fixed?: number; readonly min?: number; readonly max?: number; readonly target?: number }
export interface BillingSpec {
  readonly mode: 'onDemand' | 'provisioned';
  readonly maxRead?: number;
  readonly maxWrite?: number;
  readonly read?: CapacitySpec;
  readonly write?: CapacitySpec;
}
export interface IndexSpec {
  readonly indexName: string;
  readonly partitionKey?: Attribute;
  readonly sortKey?: Attribute;
  /** Multi-attribute keys (GSIs only); `keyForm` says which of the two forms the index uses. */
  readonly partitionKeys?: Attribute[];
  readonly sortKeys?: Attribute[];
  readonly keyForm?: 'single' | 'multi' | 'both' | 'none';
  readonly projection?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly nonKeyAttributes?: string[];
  readonly read?: CapacitySpec;
  readonly write?: CapacitySpec;
  readonly maxRead?: number;
  readonly maxWrite?: number;
}
export interface ReplicaSpec {
  readonly region: string;
  readonly read?: CapacitySpec;
  readonly maxRead?: number;
  readonly deletionProtection?: boolean;
  readonly pitr?: boolean;
  readonly pitrDays?: number;
  readonly pitrDaysToken?: TokenKind;
  readonly indexOptions?: { [indexName: string]: { read?: CapacitySpec; maxRead?: number; contributorInsights?: boolean } };
}
export interface TableSpec {
  readonly envAgnostic: boolean;
  readonly tableName?: string;
  readonly partitionKey: Attribute;
  readonly sortKey?: Attribute;
  readonly timeToLiveAttribute?: string;
  readonly billing?: BillingSpec;
  readonly gsis: IndexSpec[];
  readonly lsis: IndexSpec[];
  readonly replicas: ReplicaSpec[];
  readonly replicaKeys?: 'all' | 'some' | 'extra';
  readonly pitr?: { readonly legacy?: boolean; readonly enabled?: boolean; readonly days?: number };
  readonly encryption?: 'awsManaged' | 'dynamoOwned' | 'customerKey' | 'customerKeyWithReplicaKeys';
  readonly removalPolicy?: RemovalPolicy;
  readonly deletionProtection?: boolean;
  readonly contributorInsights?: boolean;
  readonly stream?: StreamViewType;
  readonly cooldowns?: { readonly scaleIn?: number; readonly scaleOut?: number };
  /** Numbers given as tokens (never bad values; the table's own PITR period is one aws-cdk-lib refuses). */
  readonly tokens?: { readonly pitrDays?: TokenKind; readonly maxRead?: TokenKind; readonly maxWrite?: TokenKind };
  /** How the replica keys are given (the right ARN unless said otherwise). */
  readonly replicaKeyForm?: KeyArnForm;
}

/**
 * Specs in one of two moods: `careful` (each value valid on its own; only combinations can be
 * wrong) or `careless` (any value may be out of range). Half of the runs each, so that both
 * templates and our errors are reached often.
 */
function specArb(careless: boolean): fc.Arbitrary<TableSpec> {
  const pick = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    careless ? fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid }) : valid;

  const nameArb = pick(
    fc.stringMatching(/^[a-zA-Z0-9_.-]{3,40}$/),
    fc.oneof(fc.constantFrom('', 'a', 'ab', 'has space', 'slash/name', 'ümlaut', 'x'.repeat(256)), fc.string({ maxLength: 8 }), wildNameArb),
  );
  const attributeNameArb = pick(
    fc.constantFrom(...Object.keys(ATTRIBUTE_TYPES)),
    fc.constantFrom('', ' ', 'a'.repeat(256), 'with space', 'ü', 'x'.repeat(300), 'ü'.repeat(128), '名前'),
  );
  const typeArb = fc.constantFrom(AttributeType.STRING, AttributeType.NUMBER, AttributeType.BINARY);
  const attributeArb: fc.Arbitrary<Attribute> = careless
    ? fc.record({ name: attributeNameArb, type: typeArb })
    : attributeNameArb.map(name => ({ name, type: ATTRIBUTE_TYPES[name] }));
  const requestUnitsArb = pick(fc.integer({ min: 1, max: 40000 }), fc.constantFrom(0, -1, 1.5, Number.NaN));
  // aws-cdk-lib's Capacity.autoscaled refuses min > max and targets outside 20-90 itself (in the
  // user's code, before our construct): the careless values are ones it accepts and we must catch.
  const autoscaledArb: fc.Arbitrary<CapacitySpec> = pick<CapacitySpec>(
    fc.record({
      min: fc.integer({ min: 1, max: 10 }),
      max: fc.integer({ min: 10, max: 1000 }),
      target: fc.integer({ min: 20, max: 90 }),
    }, { requiredKeys: ['max'] }),
    fc.constantFrom<CapacitySpec>({ min: 0, max: 10 }, { min: 0.5, max: 10 }, { min: -1, max: 0 }, { min: 1, max: 1.5 }, { max: 10, target: 19 }),
  );
  const fixedArb = fc.record({ fixed: pick(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(0, -5, 2.5)) });
  const capacityArb: fc.Arbitrary<CapacitySpec> = fc.oneof(fixedArb, autoscaledArb);
  const billingArb: fc.Arbitrary<BillingSpec> = fc.oneof(
    fc.record({ mode: fc.constant('onDemand' as const), maxRead: requestUnitsArb, maxWrite: requestUnitsArb }, { requiredKeys: ['mode'] }),
    fc.record({ mode: fc.constant('provisioned' as const), read: capacityArb, write: careless ? capacityArb : autoscaledArb }),
  );
  const projectionArb = fc.constantFrom('ALL' as const, 'KEYS_ONLY' as const, 'INCLUDE' as const);
  const gsiArb: fc.Arbitrary<IndexSpec> = fc.record({
    indexName: nameArb,
    partitionKey: attributeArb,
    sortKey: attributeArb,
    partitionKeys: fc.array(attributeArb, careless ? { maxLength: 5 } : { minLength: 1, maxLength: 4 }),
    sortKeys: fc.array(attributeArb, { maxLength: careless ? 5 : 4 }),
    keyForm: pick(fc.constantFrom('single' as const, 'single' as const, 'multi' as const), fc.constantFrom('both' as const, 'none' as const)),
    projection: projectionArb,
    nonKeyAttributes: fc.array(attributeNameArb, { maxLength: 4 }),
    read: capacityArb,
    write: capacityArb,
    maxRead: requestUnitsArb,
    maxWrite: requestUnitsArb,
  }, { requiredKeys: ['indexName', 'partitionKey', 'partitionKeys', 'keyForm'] });
  const lsiArb: fc.Arbitrary<IndexSpec> = fc.record({
    indexName: nameArb,
    sortKey: attributeArb,
    projection: projectionArb,
    nonKeyAttributes: fc.array(attributeNameArb, { maxLength: 3 }),
  }, { requiredKeys: ['indexName', 'sortKey'] });
  const replicaArb = (indexNames: string[]): fc.Arbitrary<ReplicaSpec> => fc.record({
    region: fc.constantFrom(...REGIONS),
    read: capacityArb,
    maxRead: requestUnitsArb,
    deletionProtection: fc.boolean(),
    pitr: fc.boolean(),
    pitrDays: pick(fc.integer({ min: 1, max: 35 }), fc.constantFrom(0, 36, 50, 7.5)),
    pitrDaysToken: tokenKindArb,
    indexOptions: fc.dictionary(
      pick(fc.constantFrom(...(indexNames.length > 0 ? indexNames : ['missing'])), fc.constant('noSuchIndex')),
      fc.record({ read: capacityArb, maxRead: requestUnitsArb, contributorInsights: fc.boolean() }, { requiredKeys: [] }),
      { maxKeys: 2 },
    ),
  }, { requiredKeys: ['region'] });
  const pitrArb = fc.record({
    legacy: fc.boolean(),
    enabled: fc.boolean(),
    days: pick(fc.integer({ min: 1, max: 35 }), fc.constantFrom(0, -1, 36, 365, 7.5)),
  }, { requiredKeys: [] });
  const manyOrFew = <T>(arb: fc.Arbitrary<T>, few: number, many: [number, number]) => careless
    ? fc.oneof(
      { weight: 6, arbitrary: fc.array(arb, { maxLength: few }) },
      { weight: 1, arbitrary: fc.array(arb, { minLength: many[0], maxLength: many[1] }) },
    )
    : fc.array(arb, { maxLength: few });

  return fc.record({
    envAgnostic: fc.boolean(),
    tableName: nameArb,
    partitionKey: attributeArb,
    sortKey: attributeArb,
    timeToLiveAttribute: attributeNameArb,
    billing: billingArb,
    gsis: manyOrFew(gsiArb, 3, [19, 22]),
    lsis: manyOrFew(lsiArb, 2, [5, 6]),
    replicas: fc.constant([] as ReplicaSpec[]),
    replicaKeys: pick(fc.constant('all' as const), fc.constantFrom('some' as const, 'extra' as const)),
    pitr: pitrArb,
    encryption: fc.constantFrom('awsManaged' as const, 'dynamoOwned' as const, 'customerKey' as const, 'customerKeyWithReplicaKeys' as const),
    removalPolicy: fc.constantFrom(RemovalPolicy.RETAIN, RemovalPolicy.DESTROY, RemovalPolicy.SNAPSHOT, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE),
    deletionProtection: fc.boolean(),
    contributorInsights: fc.boolean(),
    stream: fc.constantFrom(StreamViewType.NEW_AND_OLD_IMAGES, StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE, StreamViewType.KEYS_ONLY),
    cooldowns: fc.record({ scaleIn: fc.integer({ min: 0, max: 3600 }), scaleOut: fc.integer({ min: 0, max: 3600 }) }, { requiredKeys: [] }),
    tokens: fc.record({ pitrDays: tokenKindArb, maxRead: tokenKindArb, maxWrite: tokenKindArb }, { requiredKeys: [] }),
    replicaKeyForm: pick(fc.constantFrom('arn' as const, 'arn' as const, 'token' as const), keyArnFormArb),
  }, { requiredKeys: ['envAgnostic', 'partitionKey', 'gsis', 'lsis', 'replicas'] }).chain(spec => {
    // Replicas name the generated indexes (and, carelessly, one that does not exist).
    const replicas = fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as ReplicaSpec[]) },
      { weight: 2, arbitrary: fc.array(replicaArb(spec.gsis.map(gsi => gsi.indexName)), { maxLength: 3 }) },
    );
    return replicas.map(generated => ({ ...spec, replicas: generated }));
  }).map(spec => careless ? spec : carefully(spec));
}

/**
 * A careful user's version of the spec: the combinations that cannot work are resolved the way
 * the error messages say. Careful specs should all synthesize; careless ones exercise the errors.
 */
function carefully(spec: TableSpec): TableSpec {
  const provisioned = spec.billing?.mode === 'provisioned';
  const sortKey = spec.sortKey?.name === spec.partitionKey.name ? undefined : spec.sortKey;
  const seen = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    for (let i = 2; seen.has(candidate); i++) candidate = `${name}${i}`;
    seen.add(candidate);
    return candidate;
  };
  const projected = (index: IndexSpec): IndexSpec => {
    const include = index.projection === 'INCLUDE' && (index.nonKeyAttributes ?? []).length > 0;
    return { ...index, projection: include ? 'INCLUDE' : index.projection === 'INCLUDE' ? 'KEYS_ONLY' : index.projection, nonKeyAttributes: include ? index.nonKeyAttributes : undefined };
  };
  const distinct = (keys: Attribute[] | undefined, taken: Set<string>) => (keys ?? []).filter(key => !taken.has(key.name) && taken.add(key.name));
  const gsis = spec.gsis.map(gsi => {
    const taken = new Set<string>();
    const partitionKeys = distinct(gsi.partitionKeys, taken);
    return { ...gsi, partitionKeys, sortKeys: distinct(gsi.sortKeys, taken) };
  }).map(gsi => projected({
    ...gsi,
    indexName: unique(gsi.indexName),
    sortKey: gsi.sortKey?.name === gsi.partitionKey?.name ? undefined : gsi.sortKey,
    read: provisioned ? gsi.read : undefined,
    write: provisioned && gsi.write?.fixed === undefined ? gsi.write : undefined,
    maxRead: provisioned ? undefined : gsi.maxRead,
    maxWrite: provisioned ? undefined : gsi.maxWrite,
  }));
  const lsis = sortKey === undefined ? [] : spec.lsis
    .filter(lsi => lsi.sortKey?.name !== spec.partitionKey.name)
    .map(lsi => projected({ ...lsi, indexName: unique(lsi.indexName) }));
  const keyNames = new Set([
    spec.partitionKey, sortKey,
    ...gsis.flatMap(gsi => [gsi.partitionKey, gsi.sortKey, ...gsi.partitionKeys ?? [], ...gsi.sortKeys ?? []]),
    ...lsis.map(lsi => lsi.sortKey),
  ]
    .filter((key): key is Attribute => key !== undefined).map(key => key.name));
  const regions = new Set<string>();
  const replicas = spec.envAgnostic ? [] : spec.replicas
    .filter(replica => replica.region !== STACK_REGION && !regions.has(replica.region) && regions.add(replica.region))
    .map(replica => ({
      ...replica,
      read: provisioned ? replica.read : undefined,
      maxRead: provisioned ? undefined : replica.maxRead,
      pitrDays: replica.pitr ? replica.pitrDays : undefined,
      indexOptions: Object.fromEntries(Object.entries(replica.indexOptions ?? {})
        .filter(([name]) => gsis.some(gsi => gsi.indexName === name))
        .map(([name, options]) => [name, {
          ...options,
          read: provisioned ? options.read : undefined,
          maxRead: provisioned ? undefined : options.maxRead,
        }])),
    }));
  return {
    ...spec,
    sortKey,
    gsis,
    lsis,
    replicas,
    replicaKeys: 'all',
    encryption: spec.encryption === 'customerKey' && replicas.length > 0 ? 'customerKeyWithReplicaKeys' : spec.encryption,
    timeToLiveAttribute: spec.timeToLiveAttribute !== undefined && keyNames.has(spec.timeToLiveAttribute) ? 'ttl' : spec.timeToLiveAttribute,
    removalPolicy: spec.removalPolicy === RemovalPolicy.SNAPSHOT ? RemovalPolicy.RETAIN : spec.removalPolicy,
    pitr: spec.pitr && { ...spec.pitr, days: spec.pitr.enabled ? spec.pitr.days : undefined },
    cooldowns: provisioned ? spec.cooldowns : undefined,
    tokens: spec.tokens && { ...spec.tokens, pitrDays: undefined },
  };
}

/**
 * A careful spec with one property taken from a careless one: a single mistake, which must be
 * reported for what it is (in a fully careless spec, an earlier check usually fires first).
 */
const MUTABLE: Array<keyof TableSpec> = [
  'tableName', 'partitionKey', 'sortKey', 'timeToLiveAttribute', 'billing', 'gsis', 'lsis', 'replicas',
  'replicaKeys', 'pitr', 'encryption', 'removalPolicy', 'cooldowns', 'tokens', 'replicaKeyForm',
];
const oneMistakeArb: fc.Arbitrary<TableSpec> = fc.tuple(specArb(false), specArb(true), fc.constantFrom(...MUTABLE))
  .map(([careful, careless, key]) => ({ ...careful, [key]: careless[key] }));

export const tableSpecArb: fc.Arbitrary<TableSpec> = fc.oneof(
  { weight: 2, arbitrary: specArb(false) },
  { weight: 2, arbitrary: oneMistakeArb },
  { weight: 1, arbitrary: specArb(true) },
);

function capacity(spec: CapacitySpec | undefined): Capacity | undefined {
  if (spec === undefined) return undefined;
  if (spec.fixed !== undefined) return Capacity.fixed(spec.fixed);
  return Capacity.autoscaled({ minCapacity: spec.min, maxCapacity: spec.max!, targetUtilizationPercent: spec.target });
}

function billing(stack: Stack, spec: BillingSpec | undefined, tokens: TableSpec['tokens']): Billing | undefined {
  if (spec === undefined) return undefined;
  if (spec.mode === 'onDemand') {
    return Billing.onDemand({
      maxReadRequestUnits: requestUnits(stack, spec.maxRead, tokens?.maxRead),
      maxWriteRequestUnits: requestUnits(stack, spec.maxWrite, tokens?.maxWrite),
    });
  }
  return Billing.provisioned({ readCapacity: capacity(spec.read)!, writeCapacity: capacity(spec.write)! });
}

/** Days as given, or as a token (a Lazy only for a valid period: its value reaches the template). */
function recoveryDays(stack: Stack, days: number | undefined, token: TokenKind | undefined): number | undefined {
  if (days === undefined) return undefined;
  return numberOf(stack, { value: days, token: tokenFor(token, Number.isInteger(days) && days >= 1 && days <= 35) });
}

function requestUnits(stack: Stack, units: number | undefined, token: TokenKind | undefined): number | undefined {
  if (units === undefined) return undefined;
  return numberOf(stack, { value: units, token: tokenFor(token, Number.isInteger(units) && units >= 1) });
}

function replicaKeyArns(stack: Stack, spec: TableSpec): { [region: string]: string } {
  const regions = spec.replicas.map(replica => replica.region);
  if (spec.replicaKeys === 'some') regions.pop();
  if (spec.replicaKeys === 'extra') regions.push('sa-east-1');
  return Object.fromEntries(regions.map(region => [region, keyArnOf(stack, region, spec.replicaKeyForm)]));
}

function globalIndex(spec: IndexSpec): GlobalSecondaryIndexPropsV2 {
  const single = spec.keyForm === 'single' || spec.keyForm === 'both';
  const multi = spec.keyForm === 'multi' || spec.keyForm === 'both';
  return {
    indexName: spec.indexName,
    partitionKey: single ? spec.partitionKey : undefined,
    sortKey: single ? spec.sortKey : undefined,
    partitionKeys: multi ? spec.partitionKeys : undefined,
    sortKeys: multi && (spec.sortKeys ?? []).length > 0 ? spec.sortKeys : undefined,
    projectionType: spec.projection as ProjectionType | undefined,
    nonKeyAttributes: spec.projection === 'INCLUDE' || spec.nonKeyAttributes?.length ? spec.nonKeyAttributes : undefined,
    readCapacity: capacity(spec.read),
    writeCapacity: capacity(spec.write),
    maxReadRequestUnits: spec.maxRead,
    maxWriteRequestUnits: spec.maxWrite,
  };
}

function localIndex(spec: IndexSpec): LocalSecondaryIndexProps {
  return {
    indexName: spec.indexName,
    sortKey: spec.sortKey!,
    projectionType: spec.projection as ProjectionType | undefined,
    nonKeyAttributes: spec.projection === 'INCLUDE' || spec.nonKeyAttributes?.length ? spec.nonKeyAttributes : undefined,
  };
}

function replicaProps(stack: Stack, spec: ReplicaSpec): ReplicaTableProps {
  const recoveryPeriodInDays = recoveryDays(stack, spec.pitrDays, spec.pitrDaysToken);
  return {
    region: spec.region,
    readCapacity: capacity(spec.read),
    maxReadRequestUnits: spec.maxRead,
    deletionProtection: spec.deletionProtection,
    pointInTimeRecoverySpecification: spec.pitr === undefined ? undefined : { pointInTimeRecoveryEnabled: spec.pitr, recoveryPeriodInDays },
    globalSecondaryIndexOptions: spec.indexOptions && Object.fromEntries(Object.entries(spec.indexOptions).map(([name, options]) => [name, {
      readCapacity: capacity(options.read),
      maxReadRequestUnits: options.maxRead,
      contributorInsightsSpecification: options.contributorInsights === undefined ? undefined : { enabled: options.contributorInsights },
    }])),
  };
}

/**
 * Turns a spec into props in the stack. aws-cdk-lib's own factories (`Capacity.autoscaled`...)
 * may refuse a value here: that happens in the user's code, before our construct is involved.
 */
export function buildProps(stack: Stack, spec: TableSpec): ProductionTableProps {
  const keys = replicaKeyArns(stack, spec);
  let encryption: TableEncryptionV2 | undefined;
  if (spec.encryption === 'awsManaged') encryption = TableEncryptionV2.awsManagedKey();
  if (spec.encryption === 'dynamoOwned') encryption = TableEncryptionV2.dynamoOwnedKey();
  if (spec.encryption === 'customerKey' || spec.encryption === 'customerKeyWithReplicaKeys') {
    const tableKey = new kms.Key(stack, 'OwnKey', { enableKeyRotation: true });
    encryption = TableEncryptionV2.customerManagedKey(tableKey, spec.encryption === 'customerKeyWithReplicaKeys' ? keys : undefined);
  }
  return {
    tableName: spec.tableName,
    partitionKey: spec.partitionKey,
    sortKey: spec.sortKey,
    timeToLiveAttribute: spec.timeToLiveAttribute,
    billing: billing(stack, spec.billing, spec.tokens),
    globalSecondaryIndexes: spec.gsis.length > 0 ? spec.gsis.map(globalIndex) : undefined,
    localSecondaryIndexes: spec.lsis.length > 0 ? spec.lsis.map(localIndex) : undefined,
    replicas: spec.replicas.length > 0 ? spec.replicas.map(replica => replicaProps(stack, replica)) : undefined,
    replicaKeyArns: encryption === undefined && spec.replicas.length > 0 ? keys : undefined,
    pointInTimeRecovery: spec.pitr?.legacy ? spec.pitr.enabled : undefined,
    pointInTimeRecoverySpecification: spec.pitr && !spec.pitr.legacy && spec.pitr.enabled !== undefined
      ? {
        pointInTimeRecoveryEnabled: spec.pitr.enabled,
        recoveryPeriodInDays: recoveryDays(stack, spec.pitr.days, spec.tokens?.pitrDays),
      }
      : undefined,
    encryption,
    removalPolicy: spec.removalPolicy,
    deletionProtection: spec.deletionProtection,
    contributorInsights: spec.contributorInsights,
    dynamoStream: spec.stream,
    autoScaling: spec.cooldowns && {
      scaleInCooldown: spec.cooldowns.scaleIn === undefined ? undefined : Duration.seconds(spec.cooldowns.scaleIn),
      scaleOutCooldown: spec.cooldowns.scaleOut === undefined ? undefined : Duration.seconds(spec.cooldowns.scaleOut),
    },
  };
}
