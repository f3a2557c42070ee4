import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagRuleCompliance, NIST80053R5Checks, PCIDSS321Checks, rules, ServerlessChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { AlarmTopic, DynamoDbProductionChecks, ProductionTable, StreamConsumer, TableMonitoring } from '../../src';
import { KitValidationError } from '../../src/shared/errors';
import { check, unacknowledgedFindings } from '../compliance/nag';
import { envAgnosticStack, onlyResource, templateOf, testApp, testStack } from '../helpers/app';
import { GRANTS_FOR_AWS_SERVICES_ONLY } from '../helpers/key-policy';
import { consumerFunction } from '../streams/fixtures';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

function defaultTable(stack: Stack, id = 'Orders'): ProductionTable {
  return new ProductionTable(stack, id, { partitionKey });
}

/** The stack's alarm topic, its key and its topic policy, as synthesized. */
function alarmTopicResources(stack: Stack) {
  const template = templateOf(stack);
  const topic = onlyResource(template, 'AWS::SNS::Topic');
  const keys = template.findResources('AWS::KMS::Key');
  const keyId = topic.properties.KmsMasterKeyId['Fn::GetAtt'][0];
  const policy = onlyResource(template, 'AWS::SNS::TopicPolicy');
  return { template, topic, keyId, key: keys[keyId], policy };
}

describe('the stack\'s alarm topic, the default action of every alarm', () => {
  test('a default ProductionTable notifies it from every alarm, on ALARM and on OK', () => {
    const stack = testStack();
    const orders = defaultTable(stack);
    const { template, topic } = alarmTopicResources(stack);
    expect(topic.logicalId).toMatch(/^CdkDynamoDbKitAlarmsTopic[0-9A-F]{8}$/);
    const alarms = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions).toEqual([{ Ref: topic.logicalId }]);
      expect(a.Properties.OKActions).toEqual([{ Ref: topic.logicalId }]);
    }
    expect(orders.monitoring!.alarmTopic).toBe(AlarmTopic.of(stack).topic);
    expect(orders.monitoring!.alarmAction).toBe(AlarmTopic.of(stack).alarmAction);
  });

  test('the topic is encrypted with its own customer-managed key: rotation on, retained', () => {
    const stack = testStack();
    const orders = defaultTable(stack);
    const { key, keyId } = alarmTopicResources(stack);
    expect(keyId).toMatch(/^CdkDynamoDbKitAlarmsKey/);
    expect(stack.resolve(orders.encryptionKey!.keyArn)).not.toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key).toMatchObject({
      Properties: { EnableKeyRotation: true, Description: expect.stringMatching(/alarm topic/) },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(stack.resolve(AlarmTopic.of(stack).encryptionKey.keyArn)).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  test('the key policy lets CloudWatch use the key for this account\'s alarms in this region only (confused deputy), and limits grants to AWS services', () => {
    const stack = testStack();
    defaultTable(stack);
    const statements = alarmTopicResources(stack).key.Properties.KeyPolicy.Statement;
    expect(statements).toContainEqual({
      Sid: 'AllowCloudWatchAlarmsToUseTheKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '123456789012' },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:us-east-1:123456789012:alarm:*']] } },
      },
    });
    // AWS Control Tower CT.KMS.PR.3: nobody creates grants on the key except for AWS services.
    expect(statements).toContainEqual(GRANTS_FOR_AWS_SERVICES_ONLY);
    // The account keeps administering the key through IAM (the default statement).
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'kms:*', Principal: { AWS: expect.anything() } }));
    expect(statements).toHaveLength(3);
  });

  test('the topic policy denies publishing without TLS and lets this account\'s alarms in this region publish', () => {
    const stack = testStack();
    defaultTable(stack);
    const { topic, policy } = alarmTopicResources(stack);
    expect(policy.properties.Topics).toEqual([{ Ref: topic.logicalId }]);
    expect(policy.properties.PolicyDocument.Statement).toEqual([
      {
        Sid: 'AllowPublishThroughSSLOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: { Ref: topic.logicalId },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'AllowCloudWatchAlarmsToPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: topic.logicalId },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:us-east-1:123456789012:alarm:*']] } },
        },
      },
    ]);
  });

  test('two tables and a consumer in one stack share one topic and one key', () => {
    const stack = testStack();
    const orders = defaultTable(stack, 'Orders');
    const customers = defaultTable(stack, 'Customers');
    new StreamConsumer(stack, 'Consumer', { table: orders, handler: consumerFunction(stack) });
    const template = templateOf(stack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SNS::TopicPolicy', 1);
    expect(Object.keys(template.findResources('AWS::KMS::Key')).filter(id => id.startsWith('CdkDynamoDbKitAlarms'))).toHaveLength(1);
    expect(orders.monitoring!.alarmTopic).toBe(customers.monitoring!.alarmTopic);
    const topicRef = { Ref: onlyResource(template, 'AWS::SNS::Topic').logicalId };
    const alarms = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3 + 3 + 3); // two tables' Throttles, SystemErrors, Latency; the consumer's iterator age, errors and throttles, failure queue
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([topicRef]);
  });

  test('each stack has its own topic', () => {
    const app = testApp();
    const first = testStack({}, app);
    const second = new Stack(app, 'Second', { env: { account: '123456789012', region: 'eu-west-1' } });
    defaultTable(first);
    defaultTable(second);
    expect(AlarmTopic.of(first)).not.toBe(AlarmTopic.of(second));
    templateOf(first).resourceCountIs('AWS::SNS::Topic', 1);
    templateOf(second).resourceCountIs('AWS::SNS::Topic', 1);
  });

  test('AlarmTopic.of returns the same construct from anywhere in the stack', () => {
    const stack = testStack();
    const nested = new Construct(new Construct(stack, 'A'), 'B');
    expect(AlarmTopic.of(nested)).toBe(AlarmTopic.of(stack));
    expect(AlarmTopic.of(stack).node.path).toBe('TestStack/CdkDynamoDbKitAlarms');
  });

  test('works in an environment-agnostic stack', () => {
    const stack = envAgnosticStack();
    defaultTable(stack);
    const { policy } = alarmTopicResources(stack);
    const sourceArn = JSON.stringify(policy.properties.PolicyDocument.Statement[1].Condition.ArnLike['aws:SourceArn']);
    expect(sourceArn).toContain('AWS::Region');
    expect(sourceArn).toContain('AWS::AccountId');
  });

  test('a construct of the user with the reserved id is a clear error', () => {
    const stack = testStack();
    new Construct(stack, 'CdkDynamoDbKitAlarms');
    let caught: unknown;
    try {
      defaultTable(stack);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KitValidationError);
    expect((caught as Error).message).toMatch(/^TestStack\/CdkDynamoDbKitAlarms: the construct id CdkDynamoDbKitAlarms is reserved/);
  });

  test('an info annotation says where the alarms go and how to subscribe; no warning', () => {
    const stack = testStack();
    defaultTable(stack);
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findInfo('/TestStack/Orders/Monitoring',
      Match.stringLikeRegexp('alarm topic TestStack/CdkDynamoDbKitAlarms/Topic.*table\\.monitoring\\.alarmTopic\\.addSubscription'))).toHaveLength(1);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('no topic when the user names where alarms go', () => {
  test.each([
    ['monitoring.alarmTopic (exposed as monitoring.alarmTopic)', (stack: Stack) => ({ alarmTopic: new sns.Topic(stack, 'Oncall') }), true],
    ['monitoring.alarmAction (no alarmTopic exposed)', (stack: Stack) => ({ alarmAction: new cwActions.SnsAction(new sns.Topic(stack, 'Oncall')) }), false],
  ])('%s', (_name, monitoring, exposesTopic) => {
    const stack = testStack();
    const orders = new ProductionTable(stack, 'Orders', { partitionKey, monitoring: monitoring(stack) });
    const template = templateOf(stack);
    const topicId = onlyResource(template, 'AWS::SNS::Topic').logicalId;
    expect(topicId).toMatch(/^Oncall/);
    expect(stack.node.tryFindChild('CdkDynamoDbKitAlarms')).toBeUndefined();
    for (const a of Object.values<any>(template.findResources('AWS::CloudWatch::Alarm'))) expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(Annotations.fromStack(stack).findInfo('/TestStack/Orders/Monitoring', Match.stringLikeRegexp('alarm topic'))).toEqual([]);
    expect(orders.monitoring!.alarmTopic === undefined ? undefined : stack.resolve(orders.monitoring!.alarmTopic.topicArn))
      .toEqual(exposesTopic ? { Ref: topicId } : undefined);
  });

  test('a StreamConsumer with alarmAction, on a table monitored with its own topic', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    new TableMonitoring(stack, 'Monitoring', { table, alarmAction: new cwActions.SnsAction(new sns.Topic(stack, 'Oncall')) });
    const pager = sns.Topic.fromTopicArn(stack, 'Pager', 'arn:aws:sns:us-east-1:123456789012:pager');
    new StreamConsumer(stack, 'Consumer', { table, handler: consumerFunction(stack), alarmAction: new cwActions.SnsAction(pager) });
    templateOf(stack).resourceCountIs('AWS::SNS::Topic', 1);
    expect(stack.node.tryFindChild('CdkDynamoDbKitAlarms')).toBeUndefined();
  });
});

describe('the alarm topic passes the packs', () => {
  test('cdk-nag rules on its own: SNS2/SNSEncryptedKMS, SNS3, key rotation', () => {
    const stack = testStack();
    AlarmTopic.of(stack);
    expect(check(rules.sns.SNSEncryptedKMS, stack, 'AWS::SNS::Topic')).toBe(NagRuleCompliance.COMPLIANT);
    expect(check(rules.sns.SNSTopicSSLPublishOnly, stack, 'AWS::SNS::Topic')).toBe(NagRuleCompliance.COMPLIANT);
    expect(check(rules.kms.KMSBackingKeyRotationEnabled, stack, 'AWS::KMS::Key')).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('AwsSolutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1, Serverless and ours: no finding', () => {
    const app = testApp();
    AlarmTopic.of(testStack({}, app));
    expect(unacknowledgedFindings(app, [
      new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(),
      new PCIDSS321Checks(), new ServerlessChecks(), new DynamoDbProductionChecks(),
    ])).toEqual([]);
  });
});
