import { CfnParameter, Duration, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { daxCluster, daxFixture, plainTable } from './fixtures';
import { DaxCluster, DaxEndpointEncryption } from '../../src';
import { acknowledgementsIn } from '../compliance/nag';
import { envAgnosticStack, onlyResource, testStack } from '../helpers/app';

const DAX_ACTIONS = [
  'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem',
];

describe('the cluster, by default', () => {
  const { stack, cluster } = daxCluster();
  const template = Template.fromStack(stack);
  const clusterResource = onlyResource(template, 'AWS::DAX::Cluster');
  const props = clusterResource.properties;

  test('a current memory-optimized node type, three nodes in three distinct zones', () => {
    expect(props.NodeType).toBe('dax.r5.large');
    expect(props.ReplicationFactor).toBe(3);
    expect(props.AvailabilityZones).toHaveLength(3);
    expect(new Set(props.AvailabilityZones.map((az: unknown) => JSON.stringify(az))).size).toBe(3);
  });

  test('encrypted at rest and in transit', () => {
    expect(props.SSESpecification).toEqual({ SSEEnabled: true });
    expect(props.ClusterEndpointEncryptionType).toBe('TLS');
    expect(cluster.port).toBe(9111);
  });

  test('its own subnet group, parameter group, security group and role', () => {
    const subnetGroup = onlyResource(template, 'AWS::DAX::SubnetGroup');
    const parameterGroup = onlyResource(template, 'AWS::DAX::ParameterGroup');
    expect(props.SubnetGroupName).toEqual({ Ref: subnetGroup.logicalId });
    expect(props.ParameterGroupName).toEqual({ Ref: parameterGroup.logicalId });
    expect(props.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^CacheSecurityGroup/), 'GroupId'] }]);
    expect(props.IAMRoleARN).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^CacheServiceRole/), 'Arn'] });
  });

  test('the subnet group holds the private subnets, one per zone', () => {
    const subnets = onlyResource(template, 'AWS::DAX::SubnetGroup').properties.SubnetIds;
    expect(subnets).toHaveLength(3);
    const privateIds = Object.entries<any>(template.findResources('AWS::EC2::Subnet'))
      .filter(([, subnet]) => subnet.Properties.MapPublicIpOnLaunch === false).map(([id]) => id);
    expect(subnets.map((s: any) => s.Ref).sort()).toEqual(privateIds.sort());
  });

  test('the parameter group sets both TTLs to DAX\'s 5-minute default, in milliseconds', () => {
    template.hasResourceProperties('AWS::DAX::ParameterGroup', {
      ParameterNameValues: { 'record-ttl-millis': '300000', 'query-ttl-millis': '300000' },
    });
  });

  test('the security group admits nobody and sends nothing until a peer is allowed', () => {
    const sg = onlyResource(template, 'AWS::EC2::SecurityGroup').properties;
    expect(sg.SecurityGroupIngress).toBeUndefined();
    // aws-cdk-lib's placeholder for "no outbound traffic".
    expect(sg.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32', FromPort: 252, ToPort: 86 })]);
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('the role is trusted by dax.amazonaws.com for this account only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'dax.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }],
      },
    });
  });

  test('a managed (not inline) policy allows exactly the DynamoDB actions DAX needs on the table and its index, nothing else', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const policy = onlyResource(template, 'AWS::IAM::ManagedPolicy').properties;
    expect(policy.Roles).toEqual([{ Ref: expect.stringMatching(/^CacheServiceRole/) }]);
    const [data, key] = policy.PolicyDocument.Statement;
    expect(data.Action).toEqual(DAX_ACTIONS);
    const tableArn = { 'Fn::GetAtt': [expect.stringMatching(/^Orders/), 'Arn'] };
    expect(data.Resource).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/index/byCustomer']] }]);
    expect(JSON.stringify(policy)).not.toContain('*"');
    // The ProductionTable's own key, through DynamoDB only.
    expect(key).toEqual({
      Sid: 'DaxUsesTheTablesKeysThroughDynamoDb',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.us-east-1.', { Ref: 'AWS::URLSuffix' }]] } } },
    });
  });

  test('the cluster is created after its permissions', () => {
    const policyId = onlyResource(template, 'AWS::IAM::ManagedPolicy').logicalId;
    expect(clusterResource.resource.DependsOn).toContain(policyId);
  });

  test('no name, description, maintenance window or notification topic unless given', () => {
    for (const key of ['ClusterName', 'Description', 'PreferredMaintenanceWindow', 'NotificationTopicARN']) expect(props[key]).toBeUndefined();
  });

  test('attributes resolve to the cluster\'s name, ARN and endpoint', () => {
    expect(stack.resolve(cluster.clusterName)).toEqual({ Ref: clusterResource.logicalId });
    expect(stack.resolve(cluster.clusterArn)).toEqual({ 'Fn::GetAtt': [clusterResource.logicalId, 'Arn'] });
    expect(stack.resolve(cluster.clusterDiscoveryEndpointUrl)).toEqual({ 'Fn::GetAtt': [clusterResource.logicalId, 'ClusterDiscoveryEndpointURL'] });
    expect(stack.resolve(cluster.clusterDiscoveryEndpoint)).toEqual({ 'Fn::GetAtt': [clusterResource.logicalId, 'ClusterDiscoveryEndpoint'] });
  });
});

describe('cfn-lint\'s W3010 (hardcoded zones) and W9007 (duplicates)', () => {
  test('is acknowledged on the cluster when the zones are literal: they are the subnets\' zones, which CT.DAX.PR.2 wants listed', () => {
    const { cluster } = daxCluster();
    const acks = acknowledgementsIn(cluster);
    expect(acks).toEqual([{ path: 'TestStack/Cache/Resource', id: 'CloudFormation-Validate::W3010', reason: expect.stringMatching(/zones of the subnets.*CT\.DAX\.PR\.2/) }]);
  });

  test('W9007 (duplicates) is acknowledged when nodes outnumber zones, and only then', () => {
    const five = acknowledgementsIn(daxCluster({ replicationFactor: 5 }).cluster).map(ack => ack.id);
    expect(five).toEqual(['CloudFormation-Validate::W3010', 'CloudFormation-Validate::W9007']);
    expect(acknowledgementsIn(daxCluster({ replicationFactor: 3 }).cluster).map(ack => ack.id)).toEqual(['CloudFormation-Validate::W3010']);
  });

  test('W3010 is not acknowledged when the zones are tokens (nothing to flag); two zones for three nodes repeat one', () => {
    const stack = envAgnosticStack();
    const cluster = new DaxCluster(stack, 'Cache', { vpc: new ec2.Vpc(stack, 'Vpc'), tables: [plainTable(stack)] });
    expect(acknowledgementsIn(cluster).map(ack => ack.id)).toEqual(['CloudFormation-Validate::W9007']);
  });
});

describe('the role follows the tables\' final definitions', () => {
  test('an index added after the cluster, a local index, a second table, an imported table with named indexes', () => {
    const { stack, table, cluster } = daxCluster();
    table.addGlobalSecondaryIndex({ indexName: 'byStatus', partitionKey: { name: 'status', type: AttributeType.STRING } });
    const withLocal = new TableV2(stack, 'WithLocal', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      localSecondaryIndexes: [{ indexName: 'byDate', sortKey: { name: 'date', type: AttributeType.STRING } }],
    });
    cluster.addTable(withLocal);
    const imported = TableV2.fromTableName(stack, 'Imported', 'legacy-orders');
    cluster.addTable(imported, ['byRegion']);
    const resources = stack.resolve(onlyResource(Template.fromStack(stack), 'AWS::IAM::ManagedPolicy').properties.PolicyDocument.Statement[0].Resource);
    const text = JSON.stringify(resources);
    for (const suffix of ['/index/byCustomer', '/index/byStatus', '/index/byDate', '/index/byRegion']) expect(text).toContain(suffix);
    expect(text).toContain('table/legacy-orders');
    expect(resources).toHaveLength(7);
  });

  test('a table without a customer-managed key gets no key statement', () => {
    const stack = testStack();
    const vpc = daxFixture(stack).vpc;
    new DaxCluster(stack, 'Cache', { vpc, tables: [plainTable(stack)] });
    const statements = onlyResource(Template.fromStack(stack), 'AWS::IAM::ManagedPolicy').properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toEqual(DAX_ACTIONS);
  });
});

describe('options', () => {
  test('node type, five nodes over three zones in turn, name, description, window, notifications, TTLs', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Events');
    const { cluster } = daxCluster({
      nodeType: 'dax.r5.xlarge',
      replicationFactor: 5,
      clusterName: 'orders-cache',
      description: 'Orders read cache',
      preferredMaintenanceWindow: 'sun:05:00-sun:06:00',
      notificationTopic: topic,
      itemCacheTtl: Duration.minutes(10),
      queryCacheTtl: Duration.seconds(0),
    }, stack);
    const template = Template.fromStack(stack);
    const props = onlyResource(template, 'AWS::DAX::Cluster').properties;
    expect(props).toMatchObject({
      NodeType: 'dax.r5.xlarge',
      ReplicationFactor: 5,
      ClusterName: 'orders-cache',
      Description: 'Orders read cache',
      PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
      NotificationTopicARN: { Ref: expect.stringMatching(/^Events/) },
    });
    const zones = props.AvailabilityZones;
    expect(zones).toHaveLength(5);
    expect(zones[3]).toEqual(zones[0]);
    expect(zones[4]).toEqual(zones[1]);
    expect(new Set(zones.slice(0, 3)).size).toBe(3);
    template.hasResourceProperties('AWS::DAX::ParameterGroup', { ParameterNameValues: { 'record-ttl-millis': '600000', 'query-ttl-millis': '0' } });
    expect(cluster.clusterName).toBeDefined();
  });

  test('no TLS: port 8111, and connections follow it', () => {
    const { stack, cluster } = daxCluster({ endpointEncryption: DaxEndpointEncryption.NONE });
    expect(cluster.port).toBe(8111);
    cluster.connections.allowDefaultPortFrom(ec2.Peer.ipv4('10.0.0.0/16'));
    Template.fromStack(stack).hasResourceProperties('AWS::DAX::Cluster', { ClusterEndpointEncryptionType: 'NONE' });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ FromPort: 8111, ToPort: 8111, IpProtocol: 'tcp', CidrIp: '10.0.0.0/16' })],
    });
  });

  test('encryption at rest off is rendered as asked', () => {
    const { stack } = daxCluster({ serverSideEncryption: false });
    Template.fromStack(stack).hasResourceProperties('AWS::DAX::Cluster', { SSESpecification: { SSEEnabled: false } });
  });

  test('your own security groups replace the created one', () => {
    const stack = testStack();
    const { vpc, table } = daxFixture(stack);
    const sg = new ec2.SecurityGroup(stack, 'Mine', { vpc });
    const cluster = new DaxCluster(stack, 'Cache', { vpc, tables: [table], securityGroups: [sg] });
    expect(cluster.connections.securityGroups).toEqual([sg]);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    expect(onlyResource(template, 'AWS::DAX::Cluster').properties.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^Mine/), 'GroupId'] }]);
  });

  test('a subnet selection: isolated subnets of the VPC', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 3, natGateways: 0, subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new DaxCluster(stack, 'Cache', { vpc, tables: [plainTable(stack)], vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    expect(onlyResource(Template.fromStack(stack), 'AWS::DAX::SubnetGroup').properties.SubnetIds).toHaveLength(3);
  });

  test('an environment-agnostic stack: zones are tokens, so the zone check is skipped and the tokens are used', () => {
    const stack = envAgnosticStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new DaxCluster(stack, 'Cache', { vpc, tables: [plainTable(stack)] });
    const zones = onlyResource(Template.fromStack(stack), 'AWS::DAX::Cluster').properties.AvailabilityZones;
    expect(zones).toHaveLength(3);
    expect(JSON.stringify(zones)).toContain('Fn::GetAZs');
  });
});

describe('edges', () => {
  test('adding a table twice merges its named indexes', () => {
    const { stack, cluster } = daxCluster();
    const imported = TableV2.fromTableName(stack, 'Imported', 'legacy');
    cluster.addTable(imported, ['a']);
    cluster.addTable(imported, ['b', 'a']);
    const text = JSON.stringify(stack.resolve(onlyResource(Template.fromStack(stack), 'AWS::IAM::ManagedPolicy').properties.PolicyDocument.Statement[0].Resource));
    expect(text.match(/table\/legacy"/g)).toHaveLength(1);
    expect(text.match(/legacy\/index\/a"/g)).toHaveLength(1);
    expect(text).toContain('legacy/index/b"');
  });

  test('a TTL given as a token in seconds: our error naming how to pass it', () => {
    let outcome: string;
    try {
      const { stack } = daxCluster({ itemCacheTtl: Duration.seconds(Token.asNumber({ Ref: 'Ttl' })) });
      outcome = JSON.stringify(onlyResource(Template.fromStack(stack), 'AWS::DAX::ParameterGroup').properties.ParameterNameValues);
    } catch (e) {
      outcome = (e as Error).message;
    }
    expect(outcome).toMatch(/^TestStack\/Cache: itemCacheTtl cannot be converted to milliseconds .*; pass a token amount as Duration.millis\(value\)\.$/);
  });

  test('a TTL given as a token in milliseconds is rendered as the token', () => {
    const stack = testStack();
    const ttl = new CfnParameter(stack, 'TtlMillis', { type: 'Number' });
    daxCluster({ itemCacheTtl: Duration.millis(ttl.valueAsNumber) }, stack);
    const values = onlyResource(Template.fromStack(stack), 'AWS::DAX::ParameterGroup').properties.ParameterNameValues;
    expect(values['record-ttl-millis']).toEqual({ Ref: 'TtlMillis' });
  });
});
