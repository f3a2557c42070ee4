// integ-runner app (aws-cdk's convention), snapshot compared offline by `npx projen integ`; deployable with
// an AWS account (see test/integ/snapshots.ts). Test resources are destroyable; production keeps the defaults.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable, ScheduledExport } from '../../src';

const app = new App();
const stack = new Stack(app, 'CdkDynamoDbKitScheduledExportInteg');
const table = new ProductionTable(stack, 'Orders', {
  partitionKey: { name: 'pk', type: AttributeType.STRING },
  removalPolicy: RemovalPolicy.DESTROY,
  deletionProtection: false,
});
const nightly = new ScheduledExport(stack, 'NightlyExport', { table });

const integ = new IntegTest(app, 'ScheduledExportInteg', { testCases: [stack] });
// EventBridge Scheduler accepted the schedule and its target (DynamoDB's ExportTableToPointInTime).
// The export itself runs at 03:00 UTC; a test does not wait for it.
integ.assertions.awsApiCall('Scheduler', 'getSchedule', { Name: nightly.schedule.scheduleName })
  .expect(ExpectedResult.objectLike({ State: 'ENABLED', Target: { Arn: 'arn:aws:scheduler:::aws-sdk:dynamodb:exportTableToPointInTime' } }));
integ.assertions.awsApiCall('S3', 'getBucketVersioning', { Bucket: nightly.bucket.bucketName })
  .expect(ExpectedResult.objectLike({ Status: 'Enabled' }));
