// integ-runner app (aws-cdk's convention): `npx projen integ` compares its snapshot offline;
// `npx integ-runner --directory test/integ --test-regex '\.integ\.ts$' --update-on-failed` with an
// AWS account deploys it, runs the assertions and destroys it.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable } from '../../src';

const app = new App();
const stack = new Stack(app, 'CdkDynamoDbKitProductionTableInteg');
const table = new ProductionTable(stack, 'Orders', {
  partitionKey: { name: 'pk', type: AttributeType.STRING },
  sortKey: { name: 'sk', type: AttributeType.STRING },
  timeToLiveAttribute: 'expiresAt',
  // A test table must be deletable by `integ-runner`'s clean-up; production keeps the defaults.
  removalPolicy: RemovalPolicy.DESTROY,
  deletionProtection: false,
});

const integ = new IntegTest(app, 'ProductionTableInteg', { testCases: [stack] });

// The defaults are live on the deployed table: PITR on, SSE with our key, Contributor Insights on.
integ.assertions.awsApiCall('DynamoDB', 'describeContinuousBackups', { TableName: table.tableName })
  .expect(ExpectedResult.objectLike({
    ContinuousBackupsDescription: { PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' } },
  }));
integ.assertions.awsApiCall('DynamoDB', 'describeTable', { TableName: table.tableName })
  .expect(ExpectedResult.objectLike({ Table: { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS' } } }));

// A write and a read through the table's key.
const put = integ.assertions.awsApiCall('DynamoDB', 'putItem', {
  TableName: table.tableName,
  Item: { pk: { S: 'order#1' }, sk: { S: 'meta' }, status: { S: 'placed' } },
});
put.next(integ.assertions.awsApiCall('DynamoDB', 'getItem', {
  TableName: table.tableName,
  Key: { pk: { S: 'order#1' }, sk: { S: 'meta' } },
}).expect(ExpectedResult.objectLike({ Item: { status: { S: 'placed' } } })));
