import { Annotations, Duration, Token, Tokenization, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dax from 'aws-cdk-lib/aws-dax';
import { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createDaxAlarms } from './dax-alarms';
import { DaxClusterProps, DaxEndpointEncryption } from './dax-cluster-props';
import { DaxServiceRole } from './dax-role';
import { validateDaxClusterProps, validateSubnets } from './validation';
import { resolveAlarmAction } from '../monitoring/alarm-action';
import { checkArgument } from '../shared/check-props';
import { securityGroupDescription } from '../shared/descriptions';
import { invalid } from '../shared/errors';

/** The item operations a reader may send to the cluster (`dax:` actions). */
const READ_ACTIONS = ['dax:GetItem', 'dax:BatchGetItem', 'dax:Query', 'dax:Scan', 'dax:ConditionCheckItem'];
/** And a writer, through the cluster to DynamoDB. */
const WRITE_ACTIONS = ['dax:PutItem', 'dax:UpdateItem', 'dax:DeleteItem', 'dax:BatchWriteItem'];

/** DAX's ports: TLS endpoints listen on 9111, clear-text ones on 8111. */
const DAX_TLS_PORT = 9111;
const DAX_PLAIN_PORT = 8111;

const DEFAULT_NODE_TYPE = 'dax.r5.large';
const DEFAULT_REPLICATION_FACTOR = 3;
const DEFAULT_TTL = Duration.minutes(5);

/**
 * A DynamoDB Accelerator (DAX) cluster that is secure and watched by default: three nodes across
 * three Availability Zones, encrypted at rest and in transit (TLS, port 9111), a security group
 * that admits nobody until you allow a peer (`cluster.connections.allowDefaultPortFrom(fn)`), a
 * role DAX assumes that may use exactly the cached tables and their indexes, a parameter group
 * with both cache TTLs, and alarms (CPU, throttles, errors, faults, cache memory) that notify the
 * stack's `AlarmTopic` unless you name an action.
 *
 * @example
 * import * as ec2 from 'aws-cdk-lib/aws-ec2';
 * import { DaxCluster, ProductionTable } from 'cdk-dynamodb-kit';
 *
 * const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 3 });
 * const orders = new ProductionTable(this, 'Orders', { partitionKey });
 * const cache = new DaxCluster(this, 'Cache', { vpc, tables: [orders] });
 */
export class DaxCluster extends Construct implements ec2.IConnectable {
  /** The cluster resource. */
  public readonly cfnCluster: dax.CfnCluster;
  /** The cluster's name (also the `ClusterId` dimension of its metrics). */
  public readonly clusterName: string;
  /** The cluster's ARN: the resource of the `dax:` actions the grants allow. */
  public readonly clusterArn: string;
  /** The discovery endpoint's host name. */
  public readonly clusterDiscoveryEndpoint: string;
  /** The discovery endpoint's URL, `daxs://<host>:9111` with TLS: what the DAX client takes. */
  public readonly clusterDiscoveryEndpointUrl: string;
  /** The port clients connect to: 9111 with TLS, 8111 without. */
  public readonly port: number;
  /** The security groups of the nodes; allow clients with `connections`. */
  public readonly connections: ec2.Connections;
  /** The role DAX assumes to reach the tables. */
  public readonly role: iam.IRole;
  /** The subnet group (the subnets the nodes live in). */
  public readonly subnetGroup: dax.CfnSubnetGroup;
  /** The parameter group with the item and query cache TTLs. */
  public readonly parameterGroup: dax.CfnParameterGroup;
  /** The action every alarm notifies. */
  public readonly alarmAction?: cloudwatch.IAlarmAction;
  /** The topic the alarms notify, unless `alarmAction` was given. */
  public readonly alarmTopic?: sns.ITopic;
  /** The cluster's alarms (empty when `alarmsEnabled` is false). */
  public readonly alarms: cloudwatch.IAlarm[];

  private readonly serviceRole: DaxServiceRole;

  constructor(scope: Construct, id: string, props: DaxClusterProps) {
    super(scope, id);
    const path = this.node.path;
    validateDaxClusterProps(path, props);

    // Resolved settings: every later step reads these, never the props.
    const nodeType = props.nodeType ?? DEFAULT_NODE_TYPE;
    const replicationFactor = props.replicationFactor ?? DEFAULT_REPLICATION_FACTOR;
    const serverSideEncryption = props.serverSideEncryption ?? true;
    const endpointEncryption = props.endpointEncryption ?? DaxEndpointEncryption.TLS;
    const itemCacheTtl = props.itemCacheTtl ?? DEFAULT_TTL;
    const queryCacheTtl = props.queryCacheTtl ?? DEFAULT_TTL;
    const alarmsEnabled = props.alarmsEnabled ?? true;
    this.port = endpointEncryption === DaxEndpointEncryption.TLS ? DAX_TLS_PORT : DAX_PLAIN_PORT;

    const subnets = selectSubnets(path, props.vpc, props.vpcSubnets);
    validateSubnets(path, subnets.subnetIds, subnets.availabilityZones, replicationFactor);
    this.warnAboutOptOuts(replicationFactor, serverSideEncryption, endpointEncryption, alarmsEnabled);

    this.subnetGroup = new dax.CfnSubnetGroup(this, 'SubnetGroup', {
      description: `Subnets of the DAX cluster ${path}`,
      subnetIds: subnets.subnetIds,
    });
    this.parameterGroup = new dax.CfnParameterGroup(this, 'ParameterGroup', {
      description: `Cache TTLs of the DAX cluster ${path}`,
      parameterNameValues: {
        'record-ttl-millis': millis(path, 'itemCacheTtl', itemCacheTtl),
        'query-ttl-millis': millis(path, 'queryCacheTtl', queryCacheTtl),
      },
    });

    this.serviceRole = new DaxServiceRole(this, 'ServiceRole', `Lets the DAX cluster ${path} read and write its cached tables`);
    for (const table of props.tables) this.serviceRole.addTable(table);
    this.role = this.serviceRole.role;

    const securityGroups = props.securityGroups ?? [new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: securityGroupDescription(`DAX cluster ${path}: admits only the clients allowed through connections, on port ${this.port}`),
      allowAllOutbound: false,
    })];
    this.connections = new ec2.Connections({ securityGroups, defaultPort: ec2.Port.tcp(this.port) });

    this.cfnCluster = new dax.CfnCluster(this, 'Resource', {
      clusterName: props.clusterName,
      description: props.description,
      iamRoleArn: this.role.roleArn,
      nodeType,
      replicationFactor,
      availabilityZones: nodeZones(subnets.availabilityZones, replicationFactor),
      subnetGroupName: this.subnetGroup.ref,
      parameterGroupName: this.parameterGroup.ref,
      securityGroupIds: securityGroups.map(sg => sg.securityGroupId),
      sseSpecification: { sseEnabled: serverSideEncryption },
      clusterEndpointEncryptionType: endpointEncryption,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow,
      notificationTopicArn: props.notificationTopic?.topicArn,
    });
    acknowledgeSubnetZones(this.cfnCluster);
    // DAX starts calling DynamoDB as soon as the cluster exists: the permissions come first.
    this.cfnCluster.node.addDependency(this.serviceRole.policy);

    this.clusterName = this.cfnCluster.ref;
    this.clusterArn = this.cfnCluster.attrArn;
    this.clusterDiscoveryEndpoint = this.cfnCluster.attrClusterDiscoveryEndpoint;
    this.clusterDiscoveryEndpointUrl = this.cfnCluster.attrClusterDiscoveryEndpointUrl;

    if (!alarmsEnabled) {
      this.alarms = [];
      return;
    }
    const resolved = resolveAlarmAction(this, props);
    this.alarmAction = resolved.action;
    this.alarmTopic = resolved.topic;
    if (resolved.stackTopic) {
      // Info, not a warning: the defaults must synthesize cleanly under `cdk synth --strict`.
      Annotations.of(this).addInfo(`the DAX alarms notify the stack's alarm topic ${resolved.stackTopic.topic.node.path}, which has no subscriber until you add one: `
        + 'cluster.alarmTopic.addSubscription(...). Pass alarmTopic or alarmAction to notify your own instead.');
    }
    this.alarms = createDaxAlarms({
      scope: this,
      clusterName: this.clusterName,
      action: this.alarmAction,
      notifyOnOk: props.notifyOnOk ?? true,
      metric: (metricName, statistic, period) => this.metric(metricName, { statistic, period }),
    }, props.alarms);
  }

  /**
   * Lets DAX use another table (and its indexes). For an imported table, whose indexes cannot be
   * read from its definition, name them.
   */
  public addTable(table: ITableV2, indexNames?: string[]): void {
    checkArgument(this.node.path, 'addTable.table', 'aws-cdk-lib.aws_dynamodb.ITableV2', table);
    checkArgument(this.node.path, 'addTable.indexNames', 'array<string>', indexNames, true);
    this.serviceRole.addTable(table, indexNames);
  }

  /** Permits the principal the given `dax:` actions on this cluster only. */
  public grant(grantee: iam.IGrantable, ...daxActions: string[]): iam.Grant {
    checkArgument(this.node.path, 'grant.grantee', 'aws-cdk-lib.aws_iam.IGrantable', grantee);
    daxActions.forEach((action, index) => checkArgument(this.node.path, `grant.daxActions[${index}]`, 'string', action));
    return iam.Grant.addToPrincipal({ grantee, actions: daxActions, resourceArns: [this.clusterArn] });
  }

  /** Permits the principal to read items through this cluster: GetItem, BatchGetItem, Query, Scan, ConditionCheckItem. */
  public grantReadData(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...READ_ACTIONS);
  }

  /** Permits the principal to read and write items through this cluster (adds PutItem, UpdateItem, DeleteItem, BatchWriteItem). */
  public grantReadWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...READ_ACTIONS, ...WRITE_ACTIONS);
  }

  /** A metric of this cluster in the `AWS/DAX` namespace (dimension `ClusterId`). */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArgument(this.node.path, 'metric.metricName', 'string', metricName);
    this.checkMetricOptions('metric', props);
    return new cloudwatch.Metric({
      namespace: 'AWS/DAX',
      metricName,
      dimensionsMap: { ClusterId: this.clusterName },
      ...props,
    });
  }

  /** `CPUUtilization` of the busiest node (Maximum, percent). */
  public metricCpuUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    this.checkMetricOptions('metricCpuUtilization', props);
    return this.metric('CPUUtilization', { statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }

  /** `CacheMemoryUtilization` of the fullest node (Maximum, percent). */
  public metricCacheMemoryUtilization(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    this.checkMetricOptions('metricCacheMemoryUtilization', props);
    return this.metric('CacheMemoryUtilization', { statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }

  /** `ThrottledRequestCount` (Sum). */
  public metricThrottledRequestCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    this.checkMetricOptions('metricThrottledRequestCount', props);
    return this.metric('ThrottledRequestCount', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** `ItemCacheHits` (Sum): with `ItemCacheMisses`, the cache hit rate. */
  public metricItemCacheHits(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    this.checkMetricOptions('metricItemCacheHits', props);
    return this.metric('ItemCacheHits', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** `ItemCacheMisses` (Sum). */
  public metricItemCacheMisses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    this.checkMetricOptions('metricItemCacheMisses', props);
    return this.metric('ItemCacheMisses', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** A metric method's options, checked against MetricOptions: our error, not aws-cdk-lib's TypeError. */
  private checkMetricOptions(method: string, props: unknown): void {
    checkArgument(this.node.path, `${method}.props`, 'aws-cdk-lib.aws_cloudwatch.MetricOptions', props, true);
  }

  private warnAboutOptOuts(replicationFactor: number, sse: boolean, encryption: DaxEndpointEncryption, alarmsEnabled: boolean): void {
    const warn = (id: string, message: string) => Annotations.of(this).addWarningV2(`cdk-dynamodb-kit:${id}`, message);
    if (!Token.isUnresolved(replicationFactor) && replicationFactor < 3) {
      warn('daxReplicationFactor', `replicationFactor is ${replicationFactor}: with fewer than 3 nodes in 3 Availability Zones, one node or zone failure `
        + 'leaves the cluster without a replica (or down), and Control Tower\'s CT.DAX.PR.2 fails. Use 3 or more for production.');
    }
    if (!sse) {
      warn('daxEncryptionAtRestOff', 'serverSideEncryption is false: THE CACHE, ITS CONFIGURATION AND LOGS ARE STORED UNENCRYPTED, and this cannot be '
        + 'changed later without a new cluster. HIPAA, PCI DSS, CT.DAX.PR.1 and DynamoDbProduction-DaxEncryptedAtRest fail.');
    }
    if (encryption === DaxEndpointEncryption.NONE) {
      warn('daxEncryptionInTransitOff', 'endpointEncryption is NONE: ITEMS CROSS THE VPC IN CLEAR TEXT on port 8111 and clients cannot authenticate the '
        + 'cluster; this cannot be changed later without a new cluster. CT.DAX.PR.3 and DynamoDbProduction-DaxEncryptedInTransit fail.');
    }
    if (!alarmsEnabled) {
      warn('daxAlarmsOff', 'alarmsEnabled is false: nobody is told when the cluster throttles, fails or runs out of memory.');
    }
  }
}

function selectSubnets(path: string, vpc: ec2.IVpc, selection: ec2.SubnetSelection | undefined): ec2.SelectedSubnets {
  try {
    return vpc.selectSubnets(selection);
  } catch (e) {
    return invalid(path, 'vpcSubnets', `cannot be selected in the VPC ${vpc.node.path}: ${(e as Error).message}`,
      'select subnets the VPC has, such as { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }.');
  }
}

/**
 * One zone per node, the subnets' zones in turn: [a, b, c, a, b] for five nodes. DAX wants as many
 * entries as nodes, and CT.DAX.PR.2 wants the first three distinct.
 */
function nodeZones(subnetZones: string[], replicationFactor: number): string[] | undefined {
  const zones = [...new Set(subnetZones)];
  if (zones.length === 0 || Token.isUnresolved(replicationFactor)) return undefined;
  return Array.from({ length: replicationFactor }, (_, i) => zones[i % zones.length]);
}

/**
 * cfn-lint flags the zone list DAX and Control Tower ask for: W3010 ("avoid hardcoding
 * availability zones") on every zone of a stack with a known region, W9007 (duplicate values) when
 * there are more nodes than zones. The zones are not chosen here: they are those of the subnets
 * the nodes must live in, one entry per node as DAX requires, and CT.DAX.PR.2 requires the list.
 */
function acknowledgeSubnetZones(cluster: dax.CfnCluster): void {
  const zones = cluster.availabilityZones ?? [];
  if (zones.length === 0) return;
  const why = 'AvailabilityZones lists the zones of the subnets in the cluster\'s subnet group, one entry per node as DAX requires and as Control Tower '
    + 'CT.DAX.PR.2 checks; they follow the subnets the user selected rather than being chosen by hand';
  if (!zones.some(zone => Token.isUnresolved(zone))) {
    Validations.of(cluster).acknowledge({ id: 'CloudFormation-Validate::W3010', reason: `${why}.` });
  }
  if (new Set(zones).size < zones.length) {
    Validations.of(cluster).acknowledge({ id: 'CloudFormation-Validate::W9007', reason: `${why}, so with more nodes than zones a zone repeats.` });
  }
}

/** DAX takes the TTLs as strings of milliseconds. */
function millis(path: string, property: string, ttl: Duration): string {
  try {
    return Tokenization.stringifyNumber(ttl.toMilliseconds());
  } catch (e) {
    return invalid(path, property, `cannot be converted to milliseconds (${(e as Error).message})`, 'pass a token amount as Duration.millis(value).');
  }
}
