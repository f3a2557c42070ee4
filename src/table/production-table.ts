import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  BillingMode,
  GlobalSecondaryIndexPropsV2,
  ReplicaTableProps,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledgeIntendedFindings } from './acknowledgements';
import { CooldownApplier } from './autoscaling';
import { resolveTableProps } from './defaults';
import { DATA_READ_ACTIONS, DATA_WRITE_ACTIONS, KEY_READ_ACTIONS, KEY_WRITE_ACTIONS, globalTableResourceArns } from './global-grants';
import { ProductionTableProps } from './production-table-props';
import { MAX_GLOBAL_SECONDARY_INDEXES, validateGlobalSecondaryIndex, validateReplica, validateTableProps } from './validation';
import { warnAboutOptOuts } from './warnings';
import { monitorProductionTable } from '../monitoring/production-table-monitoring';
import { TableMonitoring } from '../monitoring/table-monitoring';
import { invalid, pathOf, show } from '../shared/errors';
import { StreamConsumer } from '../streams/stream-consumer';
import { StreamConsumerOptions } from '../streams/stream-consumer-props';

/**
 * A DynamoDB table (`AWS::DynamoDB::GlobalTable`) with production-safe defaults: a drop-in
 * replacement for aws-cdk-lib's `TableV2`.
 *
 * It is a `TableV2`, so it works wherever one does (grants, metrics, event sources), and it keeps
 * `TableV2`'s construct path: switching the class name does not replace an existing table.
 *
 * What differs from `TableV2`, unless you say otherwise: point-in-time recovery for 35 days; a
 * customer-managed KMS key with rotation; deletion protection and a retain policy (replicas too);
 * Contributor Insights on the table and every index; synth-time validation with clear errors;
 * and `grant*Globally` methods that reach every replica region and index.
 */
export class ProductionTable extends TableV2 {
  /**
   * The customer-managed KMS key this construct created for the table, if it created one.
   */
  public readonly createdKey?: kms.IKey;

  /**
   * The table's alarms and metrics (`TableMonitoring`, construct id `Monitoring`), unless
   * `monitoringEnabled` is false.
   */
  public readonly monitoring?: TableMonitoring;

  private readonly cooldowns: CooldownApplier;
  private readonly replicaRegionList: string[];
  private readonly replicaKeyArnsByRegion: { [region: string]: string };
  private readonly resolvedBillingMode: BillingMode;
  private gsiCount: number;

  constructor(scope: Construct, id: string, props: ProductionTableProps) {
    const path = pathOf(scope, id);
    validateTableProps(path, Stack.of(scope), props);
    // The key stands beside the table, not inside it: the table keeps TableV2's construct path.
    const createdKey = props.encryption ? undefined : new kms.Key(scope, `${id}Key`, {
      description: `Encrypts the DynamoDB table ${path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, resolveTableProps(props, createdKey));

    this.createdKey = createdKey;
    this.cooldowns = new CooldownApplier(props.autoScaling);
    this.replicaRegionList = (props.replicas ?? []).map(replica => replica.region);
    this.replicaKeyArnsByRegion = { ...(props.replicaKeyArns ?? props.encryption?.replicaKeyArns ?? {}) };
    this.resolvedBillingMode = props.billing?.mode ?? BillingMode.PAY_PER_REQUEST;
    this.gsiCount = props.globalSecondaryIndexes?.length ?? 0;
    warnAboutOptOuts(this, props);
    this.monitoring = monitorProductionTable(this, props);
    props.backup?.addTable(this);
    acknowledgeIntendedFindings(this, props);
  }

  /**
   * The regions of the replicas (not including the stack's own region).
   */
  public get replicaRegions(): string[] {
    return [...this.replicaRegionList];
  }

  /**
   * Adds a global secondary index, with the same validation as the props.
   */
  public addGlobalSecondaryIndex(props: GlobalSecondaryIndexPropsV2): void {
    if (!this.isConstructed) return super.addGlobalSecondaryIndex(props);
    validateGlobalSecondaryIndex(this.node.path, 'addGlobalSecondaryIndex', props, this.resolvedBillingMode);
    if (this.gsiCount >= MAX_GLOBAL_SECONDARY_INDEXES) {
      invalid(this.node.path, 'addGlobalSecondaryIndex', `would add ${show(props.indexName)} as index ${this.gsiCount + 1} but DynamoDB allows at most ${MAX_GLOBAL_SECONDARY_INDEXES}`,
        'merge access patterns into overloaded indexes or move some to another table.');
    }
    super.addGlobalSecondaryIndex(this.cooldowns.globalSecondaryIndex(props));
    this.monitoring?.addGlobalSecondaryIndex(props.indexName);
    this.gsiCount += 1;
  }

  /**
   * Adds a replica, with the same validation as the props. With the key this construct created,
   * pass the replica region's key ARN in `replicaKeyArns` at construction.
   */
  public addReplica(props: ReplicaTableProps): void {
    if (!this.isConstructed) return super.addReplica(props);
    validateReplica(this.node.path, 'addReplica', Stack.of(this), props, this.resolvedBillingMode);
    if (this.replicaRegionList.includes(props.region)) {
      invalid(this.node.path, 'addReplica', `repeats the region ${show(props.region)}`, 'add each replica region once.');
    }
    if (this.encryptionKey && !this.replicaKeyArnsByRegion[props.region]) {
      invalid(this.node.path, 'addReplica', `adds region ${show(props.region)} but the table has no customer-managed KMS key for it`,
        `pass its key ARN at construction: replicaKeyArns: { ${show(props.region)}: "arn:aws:kms:..." }.`);
    }
    super.addReplica(this.cooldowns.replica(props));
    this.monitoring?.addReplicaRegion(props.region);
    this.replicaRegionList.push(props.region);
  }

  /**
   * Permits the principal to read data from the table and all its indexes in every region it is
   * replicated to (`grantReadData` covers the stack's region only).
   *
   * Grant after adding replicas: replicas added later are not covered.
   */
  public grantReadDataGlobally(grantee: iam.IGrantable): iam.Grant {
    return this.grantGloballyWithKeyActions(grantee, DATA_READ_ACTIONS, KEY_READ_ACTIONS);
  }

  /**
   * Permits the principal to write data to the table and all its indexes in every region it is
   * replicated to (`grantWriteData` covers the stack's region only).
   */
  public grantWriteDataGlobally(grantee: iam.IGrantable): iam.Grant {
    return this.grantGloballyWithKeyActions(grantee, DATA_WRITE_ACTIONS, [...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS]);
  }

  /**
   * Permits the principal to read and write data in the table and all its indexes in every region
   * it is replicated to.
   */
  public grantReadWriteDataGlobally(grantee: iam.IGrantable): iam.Grant {
    return this.grantGloballyWithKeyActions(grantee, [...DATA_READ_ACTIONS, ...DATA_WRITE_ACTIONS], [...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS]);
  }

  /**
   * Wires a Lambda function to the table's stream with production defaults (see
   * `StreamConsumer`), enabling the stream (NEW_AND_OLD_IMAGES) if the table has none. The
   * consumer's alarms use the table monitoring's alarm action unless `alarmAction` is given, and
   * its iterator age joins the table's dashboard.
   */
  public addConsumer(id: string, options: StreamConsumerOptions): StreamConsumer {
    // The consumer's alarms notify whoever the table's alarms notify, and its lag joins the
    // table's dashboard.
    const consumer = new StreamConsumer(this, id, { ...options, table: this, alarmAction: options.alarmAction ?? this.monitoring?.alarmAction });
    this.monitoring?.addConsumerLag(options.handler, id);
    return consumer;
  }

  /**
   * Permits the principal the given DynamoDB actions on the table and all its indexes in every
   * region it is replicated to. No KMS permissions are added.
   */
  public grantGlobally(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grantGloballyWithKeyActions(grantee, actions, []);
  }

  private grantGloballyWithKeyActions(grantee: iam.IGrantable, actions: string[], keyActions: string[]): iam.Grant {
    const regions = [Stack.of(this).region, ...this.replicaRegionList];
    const grant = iam.Grant.addToPrincipalOrResource({
      grantee,
      actions,
      resourceArns: globalTableResourceArns(Stack.of(this), this.tableName, regions),
      resource: this,
    });
    const keyArns = [this.encryptionKey?.keyArn, ...Object.values(this.replicaKeyArnsByRegion)].filter((arn): arn is string => arn !== undefined);
    if (keyActions.length > 0 && keyArns.length > 0) {
      iam.Grant.addToPrincipal({ grantee, actions: keyActions, resourceArns: keyArns });
    }
    return grant;
  }

  /** False while `TableV2`'s constructor runs (it calls our overrides before our fields exist). */
  private get isConstructed(): boolean {
    return this.cooldowns !== undefined;
  }
}
