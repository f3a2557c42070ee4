import { Match } from 'aws-cdk-lib/assertions';
import { buildApp, OrdersStack } from '../../examples/orders/app';
import { testApp, templateOf } from '../helpers/app';

function ordersTemplate() {
  const app = buildApp(testApp());
  const stack = app.node.findChild('OrdersService') as OrdersStack;
  return templateOf(stack);
}

describe('example app: orders', () => {
  test('an orders table with a GSI, TTL and two replicas, as a GlobalTable with every production default', () => {
    const template = ordersTemplate();
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byCustomer' })],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    });
    const replicas = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'))[0].Properties.Replicas;
    expect(replicas.map((r: any) => r.Region).sort()).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    for (const replica of replicas) {
      expect(replica).toMatchObject({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
        ContributorInsightsSpecification: { Enabled: true },
        SSESpecification: { KMSMasterKeyId: expect.anything() },
      });
    }
    template.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true }), DeletionPolicy: 'Retain' });
  });

  test('a stream consumer indexes orders, skipping TTL expiries, with a failure queue and bounded retries', () => {
    const template = ordersTemplate();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: 5,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('userIdentity') }] },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', AlarmActions: Match.anyValue() });
  });

  test('the table is in a backup plan selected by its ARN', () => {
    const template = ordersTemplate();
    const tableId = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'))[0];
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: Match.arrayWith([{ 'Fn::GetAtt': [tableId, 'Arn'] }]) }),
    });
  });

  test('the template is unchanged (snapshot, in addition to the assertions above)', () => {
    expect(ordersTemplate().toJSON()).toMatchSnapshot();
  });
});
