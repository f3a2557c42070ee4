import { App } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ProductionTable } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';

const REPLICA_KEYS = { 'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/eu' };

function setup(encryption?: TableEncryptionV2) {
  const stack = testStack();
  const table = new ProductionTable(stack, 'Orders', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    replicas: [{ region: 'eu-west-1' }],
    ...(encryption ? { encryption } : { replicaKeyArns: REPLICA_KEYS }),
  });
  const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return { stack, table, role };
}

function statementsOf(stack: ReturnType<typeof testStack>): any[] {
  return onlyResource(templateOf(stack), 'AWS::IAM::Policy').properties.PolicyDocument.Statement;
}

function tableArnIn(region: string) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:dynamodb:${region}:123456789012:table/`, { Ref: Match.stringLikeRegexp('^Orders') }]] };
}

describe('ProductionTable global grants', () => {
  test('grantReadDataGlobally covers the table and its indexes in every region, and decrypt with every key', () => {
    const { stack, table, role } = setup();
    table.grantReadDataGlobally(role);
    const [data, key] = statementsOf(stack);
    expect(data.Action).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem']));
    expect(data.Action).not.toContain('dynamodb:PutItem');
    expect(data.Resource).toHaveLength(4);
    const resources = JSON.stringify(data.Resource);
    expect(resources).toContain(':dynamodb:us-east-1:123456789012:table/');
    expect(resources).toContain(':dynamodb:eu-west-1:123456789012:table/');
    expect(resources.match(/\/index\/\*/g)).toHaveLength(2);
    templateOf(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: Match.arrayWith([tableArnIn('eu-west-1')]) })]) },
    });
    expect(key.Action).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    expect(key.Resource).toEqual([stack.resolve(table.encryptionKey!.keyArn), REPLICA_KEYS['eu-west-1']]);
  });

  test('grantWriteDataGlobally grants writes and the key actions writes need', () => {
    const { stack, table, role } = setup();
    table.grantWriteDataGlobally(role);
    const [data, key] = statementsOf(stack);
    expect(data.Action).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']));
    expect(data.Action).not.toContain('dynamodb:GetItem');
    expect(key.Action).toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*']));
  });

  test('grantReadWriteDataGlobally grants both', () => {
    const { stack, table, role } = setup();
    table.grantReadWriteDataGlobally(role);
    const [data] = statementsOf(stack);
    expect(data.Action).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
  });

  test('grantGlobally grants exactly the actions asked for, with no key permission', () => {
    const { stack, table, role } = setup();
    table.grantGlobally(role, 'dynamodb:DescribeTable');
    const statements = statementsOf(stack);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('dynamodb:DescribeTable');
    expect(statements[0].Resource).toHaveLength(4);
  });

  test('with an AWS-managed key no key statement is added', () => {
    const { stack, table, role } = setup(TableEncryptionV2.awsManagedKey());
    table.grantReadDataGlobally(role);
    expect(statementsOf(stack)).toHaveLength(1);
  });

  test('the TableV2 grants still cover the stack region only, as in aws-cdk-lib', () => {
    const { stack, table, role } = setup();
    table.grantReadData(role);
    const resources = JSON.stringify(statementsOf(stack).map(s => s.Resource));
    expect(resources).not.toContain('eu-west-1:123456789012:table');
  });
});

describe('ProductionTable global grants to another account', () => {
  function crossAccount(replicas = false) {
    const stack = testStack();
    const table = new ProductionTable(stack, 'Orders', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      ...(replicas ? { replicas: [{ region: 'eu-west-1' }], replicaKeyArns: REPLICA_KEYS } : {}),
    });
    table.grantReadWriteDataGlobally(new iam.AccountPrincipal('222222222222'));
    return { stack, table };
  }

  test('the table\'s resource policy allows the account on the table itself ("*"), with no reference to the table: no cycle', () => {
    const { stack } = crossAccount();
    // Template.fromStack runs CloudFormation's rules (test context), which reject a circular dependency.
    const table = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable');
    const policy = table.properties.Replicas[0].ResourcePolicy.PolicyDocument;
    expect(policy.Statement).toEqual([expect.objectContaining({
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] } },
      Action: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']),
      Resource: '*',
    })]);
    expect(JSON.stringify(policy)).not.toContain(table.logicalId);
    expect(table.resource.DependsOn ?? []).not.toContain(table.logicalId);
  });

  test('the created key\'s policy allows the account the key actions', () => {
    const { stack } = crossAccount();
    templateOf(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] } },
          Action: Match.arrayWith(['kms:Decrypt', 'kms:GenerateDataKey*']),
          Resource: '*',
        })]),
      },
    });
  });

  test('app.synth() succeeds, and with replicas a warning says what else must allow the account', () => {
    const { stack } = crossAccount(true);
    expect(() => (stack.node.root as App).synth()).not.toThrow();
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('reaches the replicas only if .*key policy of each replica region'));
  });

  test('a principal of this account still gets IAM statements only, no resource policy', () => {
    const { stack, table, role } = setup();
    table.grantReadWriteDataGlobally(role);
    const tableResource = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable');
    expect(tableResource.properties.Replicas.every((r: any) => r.ResourcePolicy === undefined)).toBe(true);
  });
});
