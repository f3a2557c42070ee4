import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { daxCluster } from './fixtures';
import { latestNodeRuntime } from '../streams/fixtures';

const READ = ['dax:GetItem', 'dax:BatchGetItem', 'dax:Query', 'dax:Scan', 'dax:ConditionCheckItem'];
const WRITE = ['dax:PutItem', 'dax:UpdateItem', 'dax:DeleteItem', 'dax:BatchWriteItem'];

function clusterArn(template: Template) {
  const id = Object.keys(template.findResources('AWS::DAX::Cluster'))[0];
  return { 'Fn::GetAtt': [id, 'Arn'] };
}

describe('grants: the dax: item actions on this cluster only', () => {
  test('grantReadData', () => {
    const { stack, cluster } = daxCluster();
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    cluster.grantReadData(role);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: READ, Resource: clusterArn(template) }] },
    });
  });

  test('grantReadWriteData', () => {
    const { stack, cluster } = daxCluster();
    const role = new iam.Role(stack, 'Writer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    cluster.grantReadWriteData(role);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: [...READ, ...WRITE], Resource: clusterArn(template) }] },
    });
  });

  test('no DynamoDB permission is granted to the reader: it goes through DAX', () => {
    const { stack, cluster } = daxCluster();
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    cluster.grantReadData(role);
    expect(JSON.stringify(Template.fromStack(stack).findResources('AWS::IAM::Policy'))).not.toContain('dynamodb:');
  });
});

describe('connections', () => {
  test('allowDefaultPortFrom(fn) admits the function on the TLS port, and only it', () => {
    const { stack, vpc, cluster } = daxCluster();
    const fn = new lambda.Function(stack, 'Reader', {
      runtime: latestNodeRuntime(), handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'), vpc,
    });
    cluster.connections.allowDefaultPortFrom(fn);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 9111,
      ToPort: 9111,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CacheSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReaderSecurityGroup'), 'GroupId'] },
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
    // The function's side: its outbound traffic to the cluster (its group allows all outbound by default).
    expect(cluster.connections.defaultPort?.toString()).toBe('9111');
  });

  test('a peer by CIDR', () => {
    const { stack, cluster } = daxCluster();
    cluster.connections.allowDefaultPortFrom(ec2.Peer.ipv4('10.1.0.0/24'), 'batch hosts');
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 9111, ToPort: 9111, CidrIp: '10.1.0.0/24', Description: 'batch hosts' }],
    });
  });
});
