import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import {
  Attribute,
  BillingMode,
  CapacityMode,
  ContributorInsightsSpecification,
  GlobalSecondaryIndexPropsV2,
  MultiRegionConsistency,
  PointInTimeRecoverySpecification,
  ReplicaTableProps,
  TableEncryptionV2,
  TablePropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { CooldownApplier } from './autoscaling';
import { resolveBilling } from './billing';
import {
  DEFAULT_DELETION_PROTECTION, DEFAULT_RECOVERY_PERIOD_DAYS, DEFAULT_REMOVAL_POLICY, defaultContributorInsights, defaultPointInTimeRecovery,
} from './defaults';
import { KeyedProductionTableProps, withDesignKeys } from './design-keys';
import { withRegionAgnosticReplicaSse } from './private/cdk-internals';
import { ProductionTableProps } from './production-table-props';
import { IndexedTable, indexKeysWithProperties, validateAddedGlobalSecondaryIndex } from './rules/indexes';
import { ReplicatedTable, validateAddedReplica } from './rules/replicas';
import { validateProductionTableProps } from './validation';
import type { TableMonitoringOptions } from '../monitoring/table-monitoring-props';
import type { ITableBackupPlan } from '../protection/table-backup-plan-props';
import { checkProps } from '../shared/check-props';

/** Index and replica objects the settings have validated, counted and decorated. */
const accepted = new WeakSet<object>();

/**
 * A `ProductionTable`'s props read once: validated, defaults applied, billing worked out, the
 * cooldown decorator built. Defaults, warnings, acknowledgements, monitoring wiring and the
 * `addGlobalSecondaryIndex` / `addReplica` overrides read these, never the raw props.
 *
 * Made before `super()` (the `TableV2` constructor needs the resolved props), so the indexes and
 * replicas of the props are accepted here; the `add*` path accepts each later one through the same
 * rules (`rules/indexes.ts`, `rules/replicas.ts`).
 */
export class ProductionTableSettings implements IndexedTable, ReplicatedTable {
  /** Whether `index` or `replica` came out of `accept*` (or the props) and is in the counts already. */
  public static isAccepted(indexOrReplica: object): boolean {
    return accepted.has(indexOrReplica);
  }

  public readonly billingMode: BillingMode;
  /** On-demand caps of the table, for the monitoring's utilisation alarms. */
  public readonly maxReadRequestUnits?: number;
  public readonly maxWriteRequestUnits?: number;
  /** Provisioned billing with a fixed read capacity (a warning). */
  public readonly fixedReadCapacity: boolean;
  /** The indexes of the props with a fixed read capacity under provisioned billing (a warning each). */
  public readonly fixedReadIndexNames: string[];
  public readonly pointInTimeRecovery: PointInTimeRecoverySpecification;
  /** A token `recoveryPeriodInDays` of the user's, held back from TableV2's range check. */
  private readonly tokenRecoveryPeriod?: number;
  public readonly contributorInsights: ContributorInsightsSpecification;
  public readonly removalPolicy: RemovalPolicy;
  public readonly deletionProtection: boolean;
  /** The encryption the user chose; undefined when `ProductionTable` creates the key. */
  public readonly encryption?: TableEncryptionV2;
  public readonly hasCustomerManagedKey: boolean;
  /** Multi-region strong consistency: the regions are fixed at construction. */
  public readonly stronglyConsistent: boolean;
  /** The replica regions' keys, by region (`replicaKeyArns` or the chosen encryption's). */
  public readonly replicaKeyArns: { readonly [region: string]: string };
  public readonly localSecondaryIndexNames: readonly string[];
  public readonly monitoring?: TableMonitoringOptions;
  public readonly monitoringEnabled: boolean;
  public readonly backup?: ITableBackupPlan;
  public readonly cooldowns: CooldownApplier;
  /** The TTL attribute, which an index added later may key on only as a Number. */
  public readonly timeToLiveAttribute?: string;

  private readonly indexNames: string[] = [];
  private readonly regions: string[] = [];
  private readonly keys: Array<[string, Attribute]> = [];
  private projectedCount = 0;
  private readonly resolvedIndexes: GlobalSecondaryIndexPropsV2[];
  private readonly resolvedReplicas: ReplicaTableProps[];

  constructor(public readonly path: string, private readonly stack: Stack, private readonly props: KeyedProductionTableProps) {
    validateProductionTableProps(path, stack, props);
    const billing = resolveBilling(props.billing);
    this.billingMode = billing.mode;
    this.maxReadRequestUnits = billing.maxReadRequestUnits;
    this.maxWriteRequestUnits = billing.maxWriteRequestUnits;
    this.fixedReadCapacity = billing.fixedReadCapacity;
    this.fixedReadIndexNames = this.billingMode !== BillingMode.PROVISIONED ? [] : (props.globalSecondaryIndexes ?? [])
      .filter(gsi => gsi.readCapacity?.mode === CapacityMode.FIXED).map(gsi => gsi.indexName);
    const pointInTimeRecovery = explicitPointInTimeRecovery(defaultPointInTimeRecovery(props));
    if (Token.isUnresolved(pointInTimeRecovery.recoveryPeriodInDays)) {
      // TableV2 range-checks recoveryPeriodInDays, a token's encoded number too: it checks a valid
      // stand-in, and the token goes into the same (our own) object once it is built. TableV2 keeps
      // its props and renders replicas from them at synthesis (test: "a token table PITR period").
      this.tokenRecoveryPeriod = pointInTimeRecovery.recoveryPeriodInDays;
      this.pointInTimeRecovery = { ...pointInTimeRecovery, recoveryPeriodInDays: DEFAULT_RECOVERY_PERIOD_DAYS };
    } else {
      this.pointInTimeRecovery = pointInTimeRecovery;
    }
    this.contributorInsights = defaultContributorInsights(props);
    this.removalPolicy = props.removalPolicy ?? DEFAULT_REMOVAL_POLICY;
    this.deletionProtection = props.deletionProtection ?? DEFAULT_DELETION_PROTECTION;
    this.encryption = props.encryption;
    this.stronglyConsistent = props.multiRegionConsistency === MultiRegionConsistency.STRONG;
    this.hasCustomerManagedKey = props.encryption === undefined || props.encryption.tableKey !== undefined;
    this.replicaKeyArns = { ...(props.replicaKeyArns ?? props.encryption?.replicaKeyArns ?? {}) };
    this.localSecondaryIndexNames = (props.localSecondaryIndexes ?? []).map(lsi => lsi.indexName);
    this.monitoring = props.monitoring;
    this.monitoringEnabled = props.monitoringEnabled ?? true;
    this.backup = props.backup;
    this.cooldowns = new CooldownApplier(props.autoScaling);
    this.timeToLiveAttribute = props.timeToLiveAttribute;
    this.keys.push(...[['partitionKey', props.partitionKey], ['sortKey', props.sortKey]]
      .filter((pair): pair is [string, Attribute] => pair[1] !== undefined));
    (props.localSecondaryIndexes ?? []).forEach((lsi, i) => {
      this.keys.push([`localSecondaryIndexes[${i}].sortKey`, lsi.sortKey]);
      this.projectedCount += lsi.nonKeyAttributes?.length ?? 0;
    });
    // Validated as a whole above (the list-wide messages); counted and decorated here.
    this.resolvedIndexes = (props.globalSecondaryIndexes ?? []).map((gsi, i) => this.recordIndex(`globalSecondaryIndexes[${i}]`, gsi));
    this.resolvedReplicas = (props.replicas ?? []).map(replica => this.recordReplica(replica));
  }

  /** Puts a token `recoveryPeriodInDays` in place of its stand-in, once `TableV2` has checked it. */
  public restoreTokenRecoveryPeriod(): void {
    if (this.tokenRecoveryPeriod === undefined) return;
    (this.pointInTimeRecovery as { recoveryPeriodInDays?: number }).recoveryPeriodInDays = this.tokenRecoveryPeriod;
  }

  /** Whether point-in-time recovery is on for the table. */
  public get pointInTimeRecoveryEnabled(): boolean {
    return this.pointInTimeRecovery.pointInTimeRecoveryEnabled === true;
  }

  /** The table's global secondary indexes so far (props and `addGlobalSecondaryIndex`). */
  public get globalSecondaryIndexNames(): string[] {
    return [...this.indexNames];
  }

  /** Projected `nonKeyAttributes` across the table's indexes so far (DynamoDB allows 100). */
  public get nonKeyAttributeCount(): number {
    return this.projectedCount;
  }

  /** The key attributes of the table and its indexes so far, each with the property that declared it. */
  public get keyAttributes(): ReadonlyArray<readonly [string, Attribute]> {
    return [...this.keys];
  }

  /** The table's replica regions so far (props and `addReplica`), not the stack's own. */
  public get replicaRegions(): string[] {
    return [...this.regions];
  }

  /** Checks an index added later (`property` names the method), counts it and decorates it. */
  public acceptGlobalSecondaryIndex(property: string, gsi: GlobalSecondaryIndexPropsV2): GlobalSecondaryIndexPropsV2 {
    validateAddedGlobalSecondaryIndex(this.path, property, gsi, this);
    return this.recordIndex(property, gsi);
  }

  /** Checks a replica added later (`property` names the method), counts it and decorates it. */
  public acceptReplica(property: string, replica: ReplicaTableProps): ReplicaTableProps {
    validateAddedReplica(this.path, property, this.stack, replica, this);
    return this.recordReplica(replica);
  }

  /** The `TablePropsV2` that `TableV2` receives, with `createdKey` when `ProductionTable` made one. */
  public tableV2Props(createdKey: IKey | undefined): TablePropsV2 {
    const { design, replicaKeyArns, autoScaling, pointInTimeRecovery, contributorInsights, ...tableProps } = this.props;
    return {
      ...tableProps,
      removalPolicy: this.removalPolicy,
      deletionProtection: this.deletionProtection,
      pointInTimeRecoverySpecification: this.pointInTimeRecovery,
      contributorInsightsSpecification: this.contributorInsights,
      encryption: withRegionAgnosticReplicaSse(this.encryption ?? TableEncryptionV2.customerManagedKey(createdKey!, replicaKeyArns)),
      billing: this.cooldowns.billing(this.props.billing),
      globalSecondaryIndexes: this.props.globalSecondaryIndexes && this.resolvedIndexes,
      replicas: this.props.replicas && this.resolvedReplicas,
    };
  }

  private recordIndex(property: string, gsi: GlobalSecondaryIndexPropsV2): GlobalSecondaryIndexPropsV2 {
    this.indexNames.push(gsi.indexName);
    this.keys.push(...indexKeysWithProperties(property, gsi));
    this.projectedCount += gsi.nonKeyAttributes?.length ?? 0;
    return markAccepted(this.cooldowns.globalSecondaryIndex(gsi));
  }

  private recordReplica(replica: ReplicaTableProps): ReplicaTableProps {
    this.regions.push(replica.region);
    return markAccepted(this.cooldowns.replica(replica));
  }
}

/**
 * `{}` (possible from JavaScript and every jsii language) renders as an empty specification, which
 * CloudFormation reads as point-in-time recovery off: say so in the template, and let every reader
 * of the settings see it off too.
 */
function explicitPointInTimeRecovery(spec: PointInTimeRecoverySpecification): PointInTimeRecoverySpecification {
  return spec.pointInTimeRecoveryEnabled === undefined ? { ...spec, pointInTimeRecoveryEnabled: false } : spec;
}

function markAccepted<T extends object>(item: T): T {
  accepted.add(item);
  return item;
}

/** Reads a `ProductionTable`'s props once (see `ProductionTableSettings`). */
export function resolveProductionTableSettings(path: string, stack: Stack, props: ProductionTableProps): ProductionTableSettings {
  // Types first: the design's keys are read before the props are validated.
  checkProps(path, 'cdk-dynamodb-kit.ProductionTableProps', props);
  return new ProductionTableSettings(path, stack, withDesignKeys(path, props));
}
