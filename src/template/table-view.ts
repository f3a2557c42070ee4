import { Decided, DeployTimeValue } from './deploy-time';
import { TableResourceType } from './resource-types';
import { CfnResourceJson } from './template-json';

/** A key attribute: its name and, when the template defines it, its type (`S`, `N` or `B`). */
export interface KeyAttribute {
  readonly name: string;
  /** From AttributeDefinitions; undefined when the template does not define it (a cross-account replica inherits it). */
  readonly type?: Decided<string>;
}

/** A key schema: partition key and optional sort key. */
export interface KeySchemaView {
  readonly partitionKey?: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

/** What an index copies from the table. */
export interface ProjectionView {
  /** `ALL`, `KEYS_ONLY` or `INCLUDE` (CloudFormation's default is KEYS_ONLY). */
  readonly type: string;
  readonly nonKeyAttributes: string[];
}

/** Capacity of one dimension (reads or writes): fixed units, or autoscaling bounds. */
export interface CapacityView {
  readonly units?: Decided<number>;
  readonly autoScaling?: {
    readonly minCapacity?: Decided<number>;
    readonly maxCapacity?: Decided<number>;
    readonly targetUtilizationPercent?: Decided<number>;
  };
}

/** A global or local secondary index. */
export interface IndexView {
  readonly name: string;
  readonly kind: 'global' | 'local';
  readonly keys: Decided<KeySchemaView>;
  readonly projection: Decided<ProjectionView>;
  /** Provisioned writes of a GSI (GlobalTable: WriteProvisionedThroughputSettings; Table: ProvisionedThroughput). */
  readonly writeCapacity?: CapacityView;
  /** Provisioned reads of a GSI of an `AWS::DynamoDB::Table` (a GlobalTable has them per replica). */
  readonly readCapacity?: CapacityView;
  /** Contributor Insights of a GSI of an `AWS::DynamoDB::Table` (a GlobalTable has it per replica). */
  readonly contributorInsights?: Decided<boolean>;
}

/** A vector index (`VectorIndexes`). */
export interface VectorIndexView {
  readonly name: string;
  readonly vectorAttribute?: string;
  readonly dimensions?: Decided<number>;
  readonly distanceFunction?: Decided<string>;
}

/** Billing: the mode and, for provisioned tables, the table's capacity. */
export interface BillingView {
  /** `PAY_PER_REQUEST` or `PROVISIONED` (CloudFormation's default). */
  readonly mode: Decided<string>;
  readonly readCapacity?: CapacityView;
  readonly writeCapacity?: CapacityView;
  readonly maxReadRequestUnits?: Decided<number>;
  readonly maxWriteRequestUnits?: Decided<number>;
}

/** Point-in-time recovery of one replica. */
export interface PointInTimeRecoveryView {
  readonly enabled: Decided<boolean>;
  /** The recovery window when enabled (DynamoDB's default: 35 days). */
  readonly recoveryPeriodInDays?: Decided<number>;
}

/** Which key encrypts a replica at rest. */
export type EncryptionKind = 'dynamodb-owned' | 'aws-managed' | 'customer-managed';

export interface EncryptionView {
  /** `aws-managed` covers `alias/aws/dynamodb` named explicitly. */
  readonly kind: EncryptionKind;
  /** For a customer-managed key: the key ARN, ID or alias, or the template reference to it (`{"Fn::GetAtt": [...]}`). */
  readonly key?: unknown;
}

/** A Kinesis Data Streams destination of the table's changes. */
export interface KinesisDestinationView {
  /** The stream ARN, or the template reference to it. */
  readonly streamArn: unknown;
  readonly approximateCreationDateTimePrecision?: Decided<string>;
}

/** How a replica came into the template. */
export type ReplicaSource =
  /** The region of an `AWS::DynamoDB::Table` itself. */
  | 'table'
  /** An entry of a GlobalTable's `Replicas`. */
  | 'replica'
  /** A `Custom::DynamoDBReplica` of the old `Table` construct's `replicationRegions`. */
  | 'legacy-replica';

/** The settings of the table in one region. */
export interface ReplicaView {
  /** The region; `{"Ref": "AWS::Region"}` and the stack's literal region both read as the stack region. */
  readonly region: Decided<string>;
  /** Whether this is the stack's own region (the table itself, not an extra replica). */
  readonly isStackRegion: boolean;
  readonly source: ReplicaSource;
  /** For a legacy replica: the logical ID of its `Custom::DynamoDBReplica`. */
  readonly replicaLogicalId?: string;
  /**
   * False for a legacy replica: the template does not set its PITR, deletion protection or
   * Contributor Insights, so they are DynamoDB's defaults for a new replica (off).
   */
  readonly settingsInTemplate: boolean;
  readonly pointInTimeRecovery: Decided<PointInTimeRecoveryView>;
  readonly deletionProtection: Decided<boolean>;
  readonly encryption: Decided<EncryptionView>;
  readonly contributorInsights: Decided<boolean>;
  /** `STANDARD` (the default) or `STANDARD_INFREQUENT_ACCESS`. */
  readonly tableClass: Decided<string>;
  readonly kinesisStreamingDestination?: Decided<KinesisDestinationView>;
  /** Provisioned reads of the replica (GlobalTable). */
  readonly readCapacity?: CapacityView;
  readonly maxReadRequestUnits?: Decided<number>;
  /** Per-index settings of a GlobalTable replica, by index name. */
  readonly indexes: { readonly [indexName: string]: { readonly contributorInsights: Decided<boolean>; readonly readCapacity?: CapacityView } };
}

/** Time to live. */
export interface TimeToLiveView {
  readonly enabled: Decided<boolean>;
  readonly attributeName?: Decided<string>;
}

/**
 * One DynamoDB table of a template, read once: what the guard, the report and the rule pack judge.
 * Every value the template leaves to deploy time is a `DeployTimeValue` (also listed in
 * `deployTimeValues`), never a raw intrinsic.
 */
export interface TableView {
  readonly logicalId: string;
  readonly type: TableResourceType;
  /** `aws:cdk:path` metadata, when the app was synthesized with path metadata (the CDK CLI's default). */
  readonly constructPath?: string;
  /** The fixed table name; undefined when CloudFormation generates one. */
  readonly tableName?: Decided<string>;
  /** Undefined when inherited from the source table (a cross-account replica). */
  readonly keys?: Decided<KeySchemaView>;
  readonly globalSecondaryIndexes: Decided<Array<Decided<IndexView>>>;
  readonly localSecondaryIndexes: Decided<Array<Decided<IndexView>>>;
  readonly vectorIndexes: Decided<Array<Decided<VectorIndexView>>>;
  /** Undefined when inherited from the source table (a cross-account replica). */
  readonly billing?: Decided<BillingView>;
  /** The table in every region: the stack's region first, then the replicas, then legacy replicas. */
  readonly replicas: Decided<ReplicaView[]>;
  /** The stream's view type (`NEW_AND_OLD_IMAGES`...), undefined when the stream is off. */
  readonly streamViewType?: Decided<string>;
  readonly timeToLive?: Decided<TimeToLiveView>;
  /** `Delete` when absent (CloudFormation's default). */
  readonly deletionPolicy: string;
  /** `Delete` when absent (CloudFormation's default). */
  readonly updateReplacePolicy: string;
  /** DeletionPolicy is Retain or RetainExceptOnCreate: removing the table from the stack keeps it. */
  readonly retainedOnRemoval: boolean;
  /** UpdateReplacePolicy is Retain: a replacement keeps the old table. */
  readonly retainedOnReplacement: boolean;
  /** `GlobalTableSourceArn`: this table is a replica of a table in another account; keys and billing are the source's. */
  readonly crossAccountSource?: Decided<string>;
  /** The resource's `Condition`: the table exists only when this condition holds. */
  readonly condition?: string;
  /** Every deploy-time marker in this view, for listing what cannot be judged. */
  readonly deployTimeValues: DeployTimeValue[];
  /** The resource as written in the template. */
  readonly resource: CfnResourceJson;
}
