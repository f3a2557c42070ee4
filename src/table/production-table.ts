import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { GlobalSecondaryIndexPropsV2, ReplicaTableProps, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { judgeFinalState } from './final-state';
import { DATA_READ_ACTIONS, DATA_WRITE_ACTIONS, KEY_READ_ACTIONS, KEY_WRITE_ACTIONS, grantOnGlobalTable } from './global-grants';
import { ProductionTableProps } from './production-table-props';
import { ProductionTableSettings, resolveProductionTableSettings } from './settings';
import { validateConsumerId, validateCreatedKeyId } from './validation';
import { warnAboutOptOuts } from './warnings';
import { monitorProductionTable } from '../monitoring/production-table-monitoring';
import { TableMonitoring } from '../monitoring/table-monitoring';
import { checkArgument, checkProps } from '../shared/check-props';
import { pathOf } from '../shared/errors';
import { limitGrantsToAwsServices } from '../shared/key-policy';
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
 *
 * @example
 * import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
 * import { ProductionTable } from 'cdk-dynamodb-kit';
 *
 * const orders = new ProductionTable(this, 'Orders', {
 *   partitionKey: { name: 'pk', type: AttributeType.STRING },
 *   sortKey: { name: 'sk', type: AttributeType.STRING },
 *   timeToLiveAttribute: 'expiresAt',
 * });
 * orders.grantReadWriteDataGlobally(handler);
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

  private readonly settings: ProductionTableSettings;

  constructor(scope: Construct, id: string, props: ProductionTableProps) {
    const path = pathOf(scope, id);
    const settings = resolveProductionTableSettings(path, Stack.of(scope), props);
    // The key stands beside the table, not inside it: the table keeps TableV2's construct path.
    if (!settings.encryption) validateCreatedKeyId(path, scope, `${id}Key`);
    const createdKey = settings.encryption ? undefined : limitGrantsToAwsServices(new kms.Key(scope, `${id}Key`, {
      description: `Encrypts the DynamoDB table ${path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    super(scope, id, settings.tableV2Props(createdKey));
    settings.restoreTokenRecoveryPeriod();

    this.settings = settings;
    this.createdKey = createdKey;
    warnAboutOptOuts(this, settings);
    this.monitoring = monitorProductionTable(this, settings);
    settings.backup?.addTable(this);
    judgeFinalState(this, settings);
  }

  /**
   * The regions of the replicas (not including the stack's own region).
   */
  public get replicaRegions(): string[] {
    return this.settings.replicaRegions;
  }

  /**
   * Adds a global secondary index, with the same validation as the props.
   */
  public addGlobalSecondaryIndex(props: GlobalSecondaryIndexPropsV2): void {
    checkProps(this.node.path, 'aws-cdk-lib.aws_dynamodb.GlobalSecondaryIndexPropsV2', props, 'addGlobalSecondaryIndex');
    // TableV2's constructor adds the props' indexes through this method: those the settings
    // accepted already (validated, counted, decorated) pass straight through.
    if (ProductionTableSettings.isAccepted(props)) return super.addGlobalSecondaryIndex(props);
    super.addGlobalSecondaryIndex(this.settings.acceptGlobalSecondaryIndex('addGlobalSecondaryIndex', props));
    this.monitoring?.addGlobalSecondaryIndex(props.indexName);
  }

  /**
   * Adds a replica, with the same validation as the props. With the key this construct created,
   * pass the replica region's key ARN in `replicaKeyArns` at construction.
   */
  public addReplica(props: ReplicaTableProps): void {
    checkProps(this.node.path, 'aws-cdk-lib.aws_dynamodb.ReplicaTableProps', props, 'addReplica');
    if (ProductionTableSettings.isAccepted(props)) return super.addReplica(props);
    super.addReplica(this.settings.acceptReplica('addReplica', props));
    this.monitoring?.addReplicaRegion(props.region);
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
    checkProps(this.node.path, 'cdk-dynamodb-kit.StreamConsumerOptions', options, 'addConsumer');
    // The consumer's alarms notify whoever the table's alarms notify, and its lag joins the
    // table's dashboard.
    const alarmAction = options.alarmAction ?? this.monitoring?.alarmAction;
    const handlerStack = Stack.of(options.handler);
    if (handlerStack === Stack.of(this)) {
      const consumer = new StreamConsumer(this, id, { ...options, table: this, alarmAction });
      this.monitoring?.addConsumerLag(options.handler, id);
      return consumer;
    }
    // A handler in another stack: the mapping goes where the function is. That stack already
    // depends on the table's (stream ARN, grants); a mapping here would make the dependency go
    // both ways ("cyclic reference"). The table's dashboard would too, so the lag stays off it.
    const consumerId = `${this.node.id}${id}`;
    validateConsumerId(this.node.path, handlerStack, consumerId);
    return new StreamConsumer(handlerStack, consumerId, { ...options, table: this, alarmAction });
  }

  /**
   * Permits the principal the given DynamoDB actions on the table and all its indexes in every
   * region it is replicated to. No KMS permissions are added.
   */
  public grantGlobally(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grantGloballyWithKeyActions(grantee, actions, []);
  }

  private grantGloballyWithKeyActions(grantee: iam.IGrantable, actions: string[], keyActions: string[]): iam.Grant {
    checkArgument(this.node.path, 'grantee', 'aws-cdk-lib.aws_iam.IGrantable', grantee);
    actions.forEach((action, index) => checkArgument(this.node.path, `actions[${index}]`, 'string', action));
    return grantOnGlobalTable(this, this.settings, grantee, actions, keyActions);
  }
}
