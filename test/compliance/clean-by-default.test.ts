import { App, CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { AttributeType, Billing, Capacity, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgementsIn, sevenPackFindings } from './nag';
import { buildApp } from '../../examples/orders/app';
import {
  AlarmTopic, ConsumerFailureDestination, DaxCluster, ExportMode, ProductionTable, ScheduledExport,
  StreamConsumer, TableBackupPlan,
} from '../../src';
import { privateUserVpc } from '../dax/fixtures';
import { TEST_ENV } from '../helpers/app';
import { consumerFunction } from '../streams/fixtures';

const PACK_RULE_PREFIXES = ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321', 'Serverless', 'DynamoDbProduction', 'cdk-validator-cfnguard'];

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const REPLICA_KEY_ARNS = {
  'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111',
  'ap-southeast-2': 'arn:aws:kms:ap-southeast-2:123456789012:key/22222222-2222-2222-2222-222222222222',
};

/**
 * The user's own function, with the acknowledgements its owner makes (the library cannot: these are
 * the function's settings, not ours). The same reasons as the example app's indexer.
 */
function userHandler(stack: Stack, id = 'Indexer'): lambda.Function {
  const fn = consumerFunction(stack, id);
  const acknowledge = (scope: Construct, ids: string[], reason: string) =>
    acknowledgeOnUserResource(scope, ...ids.map(rule => ({ id: rule, reason })));
  const packs = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];
  acknowledge(fn, [...packs.map(pack => `${pack}-LambdaInsideVPC`), 'cdk-validator-cfnguard::lambda_inside_vpc_check'],
    'The user\'s function reaches only AWS service endpoints (the DynamoDB stream through its event source mapping); it has nothing to reach inside a VPC.');
  acknowledge(fn, ['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'],
    'A stream consumer\'s concurrency is bounded by the shard count times its parallelization factor; reserved concurrency would only add throttling.');
  acknowledge(fn.role!.node.defaultChild!, ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
    'AWSLambdaBasicExecutionRole grants only writing the function\'s own CloudWatch Logs, and AWS keeps it current.');
  const policy = fn.role!.node.findChild('DefaultPolicy');
  acknowledge(policy, ['AwsSolutions-IAM5[Resource::*]'],
    'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray only grants on "*".');
  acknowledge(policy, packs.map(pack => `${pack}-IAMNoInlinePolicy`),
    'The inline policy holds the grants CDK derives for this function (its stream, key, failure destination and tracing), each on exact resources.');
  return fn;
}

const table = (stack: Stack, props: Partial<ConstructorParameters<typeof ProductionTable>[2]> = {}) =>
  new ProductionTable(stack, 'Orders', { partitionKey, ...props });

/**
 * Every construct of the library in every mode, with default props and with its documented
 * production options. Adding a construct is one line here.
 */
const SCENARIOS: Array<[string, (stack: Stack) => void]> = [
  ['ProductionTable, default props', stack => table(stack)],
  ['ProductionTable, production options (GSI, TTL, replicas and their keys, autoscaled capacity, backup plan, dashboard)', stack => {
    table(stack, {
      sortKey: { name: 'sk', type: AttributeType.STRING },
      globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
      timeToLiveAttribute: 'expiresAt',
      billing: Billing.provisioned({
        readCapacity: Capacity.autoscaled({ maxCapacity: 100 }),
        writeCapacity: Capacity.autoscaled({ maxCapacity: 100 }),
      }),
      replicas: [{ region: 'eu-west-1' }, { region: 'ap-southeast-2' }],
      replicaKeyArns: REPLICA_KEY_ARNS,
      backup: new TableBackupPlan(stack, 'Backup'),
      monitoring: { dashboard: true, healthAlarm: true },
    });
  }],
  ['TableBackupPlan, default props', stack => new TableBackupPlan(stack, 'Backup', { tables: [table(stack)] })],
  ['TableBackupPlan, copy to another region\'s vault and vault lock', stack => new TableBackupPlan(stack, 'Backup', {
    tables: [table(stack)],
    copyTo: { destinationVault: backup.BackupVault.fromBackupVaultArn(stack, 'DrVault', 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr') },
    vaultLock: { minRetention: Duration.days(7) },
  })],
  ['StreamConsumer, default props (created failure queue)', stack => new StreamConsumer(stack, 'Consumer', { table: table(stack), handler: userHandler(stack) })],
  ['StreamConsumer, failure destination: a queue of the library\'s (another consumer\'s)', stack => {
    const orders = table(stack);
    const first = new StreamConsumer(stack, 'Consumer', { table: orders, handler: userHandler(stack) });
    new StreamConsumer(stack, 'SecondConsumer', {
      table: orders, handler: userHandler(stack, 'Second'), failureDestination: ConsumerFailureDestination.queue(first.failureQueue as sqs.IQueue),
    });
  }],
  ['StreamConsumer, failure destination: the stack\'s alarm topic', stack => {
    const handler = userHandler(stack);
    new StreamConsumer(stack, 'Consumer', { table: table(stack), handler, failureDestination: ConsumerFailureDestination.topic(AlarmTopic.of(stack).topic) });
    acknowledgeOnUserResource(handler.role!.node.findChild('DefaultPolicy'), {
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: 'topic.grantPublish gives the function kms:GenerateDataKey* and kms:Decrypt on the topic\'s one key, which SNS needs to encrypt what it publishes.',
    });
  }],
  ['StreamConsumer, failure destination: an export bucket', stack => {
    const orders = table(stack);
    const exported = new ScheduledExport(stack, 'Export', { table: orders });
    const handler = userHandler(stack);
    new StreamConsumer(stack, 'Consumer', { table: orders, handler, failureDestination: ConsumerFailureDestination.bucket(exported.bucket) });
    acknowledgeOnUserResource(handler.role!.node.findChild('DefaultPolicy'), {
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(exported.bucket.node.defaultChild as CfnElement)}.Arn>/*]`,
      reason: 'Lambda writes each failed batch to the bucket as an object with a generated name, so the function needs s3:PutObject on the bucket\'s objects.',
    });
  }],
  ['ScheduledExport, full (default)', stack => new ScheduledExport(stack, 'Export', { table: table(stack) })],
  ['ScheduledExport, incremental', stack => new ScheduledExport(stack, 'Export', { table: table(stack), mode: ExportMode.incremental({ window: Duration.days(1) }) })],
  ['DaxCluster, default props', stack => new DaxCluster(stack, 'Cache', { vpc: privateUserVpc(stack, acknowledgeOnUserResource), tables: [table(stack)] })],
];

/** What the test itself may acknowledge: the user's function and the test VPC, nothing of the library's. */
const USER_RESOURCES = /\/(Indexer|Second|Vpc)(\/|$)/;

describe('clean by default: zero unacknowledged findings in the seven packs (five cdk-nag, ours, AWS Control Tower)', () => {
  test.each(SCENARIOS)('%s', (_name, build) => {
    const { findings, app } = sevenPackFindings(root => build(new Stack(root, 'TestStack', { env: TEST_ENV })));
    expect(findings).toEqual([]);
    expectReviewableAcknowledgements(app);
  });

  test('the example app (examples/orders, both stacks)', () => {
    const { findings, app } = sevenPackFindings(root => buildApp(root));
    expect(findings).toEqual([]);
    expectReviewableAcknowledgements(app);
  });
});

describe('the harness fails when it should', () => {
  test('a TableV2 with defaults passes the five cdk-nag packs and Control Tower (their blind spot) but not ours', () => {
    const { findings } = sevenPackFindings(app => new TableV2(new Stack(app, 'TestStack', { env: TEST_ENV }), 'Plain', { partitionKey }));
    expect(findings).toEqual(
      ['ContributorInsightsEnabled', 'CustomerManagedKey', 'DeletionProtectionEnabled', 'InBackupPlan', 'PointInTimeRecoveryEnabled', 'ThrottleAlarms']
        .map(rule => `DynamoDbProduction DynamoDbProduction-${rule} TestStack/Plain/Resource`));
  });

  test('a plain kms.Key fails Control Tower\'s CT.KMS.PR.3 (the control our keys pass)', () => {
    const { findings } = sevenPackFindings(app => new kms.Key(new Stack(app, 'TestStack', { env: TEST_ENV }), 'Key', { enableKeyRotation: true }));
    expect(findings).toContain('cdk-validator-cfnguard kms_create_grant_aws_service_check TestStack/Key/Resource');
  });

  test('this test cannot acknowledge a library resource (only the user\'s function and VPC)', () => {
    const app = new App();
    const stack = new Stack(app, 'TestStack', { env: TEST_ENV });
    expect(() => acknowledgeOnUserResource(table(stack), { id: 'DynamoDbProduction-InBackupPlan', reason: 'a reason long enough, but on our resource' }))
      .toThrow(/TestStack\/Orders is the library's/);
    expect(() => userHandler(stack)).not.toThrow();
  });

  test('an acknowledgement made in a test would be found and judged (it names the rule and a reason)', () => {
    const app = new App();
    const plain = new TableV2(new Stack(app, 'TestStack', { env: TEST_ENV }), 'Plain', { partitionKey });
    Validations.of(plain).acknowledge({ id: 'DynamoDbProduction-InBackupPlan', reason: 'short' });
    expect(() => expectReviewableAcknowledgements(app)).toThrow(/reason/);
  });
});

/** Every acknowledgement of a pack rule names one rule and gives a reason a reviewer can judge. */
function expectReviewableAcknowledgements(app: App): void {
  for (const ack of acknowledgementsIn(app).filter(a => PACK_RULE_PREFIXES.some(prefix => a.id.replace(/^[\w.-]+::/, '').startsWith(prefix) || a.id.startsWith(prefix)))) {
    if (!/^([\w.-]+::)?[\w.-]+(\[.+\])?$/.test(ack.id)) throw new Error(`${ack.path}: acknowledgement id ${ack.id} does not name one rule`);
    if (ack.reason.trim().length < 40) throw new Error(`${ack.path}: acknowledgement of ${ack.id} has no reason a reviewer could judge: "${ack.reason}"`);
  }
}

/**
 * The one way this test acknowledges a finding: on the user's function or the test VPC only. The
 * library's acknowledgements are its own (each tested with its construct); one made from here on a
 * library resource would hide a finding of the library, so it throws.
 */
function acknowledgeOnUserResource(scope: Construct, ...acknowledgements: Array<{ id: string; reason: string }>): void {
  if (!USER_RESOURCES.test(scope.node.path)) throw new Error(`${scope.node.path} is the library's, not the user's: fix the finding in the library instead of acknowledging it here`);
  Validations.of(scope).acknowledge(...acknowledgements);
}
