import { App, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, Capacity, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, NagPack, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { acknowledgementsIn, unacknowledgedFindings } from './nag';
import { buildApp } from '../../examples/orders/app';
import { DynamoDbProductionChecks, ProductionTable, ScheduledExport, StreamConsumer, TableBackupPlan } from '../../src';
import { testApp, testStack } from '../helpers/app';
import { consumerFunction } from '../streams/fixtures';

/** The five cdk-nag packs and ours, new for every app (a pack keeps state while it validates). */
function allPacks(): NagPack[] {
  return [
    new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R5Checks(),
    new PCIDSS321Checks(), new ServerlessChecks(), new DynamoDbProductionChecks(),
  ];
}
const PACK_RULE_PREFIXES = ['AwsSolutions-', 'HIPAA.Security-', 'NIST.800.53.R5-', 'PCI.DSS.321-', 'Serverless-', 'DynamoDbProduction-'];

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const REPLICA_KEY_ARNS = {
  'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-1111-1111-111111111111',
  'ap-southeast-2': 'arn:aws:kms:ap-southeast-2:123456789012:key/22222222-2222-2222-2222-222222222222',
};

/** An alarm topic as a production account has one: encrypted with a customer-managed key, TLS only. */
function alarmTopic(stack: Stack): sns.ITopic {
  return new sns.Topic(stack, 'Alarms', { masterKey: new kms.Key(stack, 'AlarmsKey', { enableKeyRotation: true }), enforceSSL: true });
}

/**
 * Every construct of the library, with default props and with its documented production options.
 * Adding a construct is one line here.
 */
const SCENARIOS: Array<[string, (stack: Stack) => void]> = [
  ['ProductionTable, default props', stack => new ProductionTable(stack, 'Orders', { partitionKey })],
  ['ProductionTable, production options (GSI, TTL, replicas and their keys, autoscaled capacity, backup plan)', stack => {
    new ProductionTable(stack, 'Orders', {
      partitionKey,
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
      monitoring: { alarmTopic: alarmTopic(stack) },
    });
  }],
  ['TableBackupPlan, default props', stack => new TableBackupPlan(stack, 'Backup', { tables: [new ProductionTable(stack, 'Orders', { partitionKey })] })],
  ['StreamConsumer, default props', stack => new StreamConsumer(stack, 'Consumer', { table: new ProductionTable(stack, 'Orders', { partitionKey }), handler: consumerFunction(stack) })],
  ['ScheduledExport, default props', stack => new ScheduledExport(stack, 'Export', { table: new ProductionTable(stack, 'Orders', { partitionKey }) })],
];

/**
 * Findings not yet fixed or acknowledged in the construct that produces them, with the folder that
 * owns the fix. A scenario fails on any finding not listed here, and also when a listed one no
 * longer occurs in some scenario that expects it (so that this ledger only shrinks).
 */
interface KnownFinding { readonly owner: string; readonly rule: RegExp; readonly path: RegExp }
const USER_HANDLER: KnownFinding = {
  owner: 'the user\'s own handler function (scenario input, not a library construct): its VPC, concurrency, basic execution role, and active tracing\'s X-Ray grant on *',
  rule: /^(AwsSolutions-IAM4\[Policy::.*AWSLambdaBasicExecutionRole\]|AwsSolutions-IAM5\[Resource::\*\]|(HIPAA\.Security|NIST\.800\.53\.R5|PCI\.DSS\.321)-(IAMNoInlinePolicy|LambdaConcurrency|LambdaInsideVPC))$/,
  path: /\/Indexer\/(ServiceRole\/(DefaultPolicy\/)?)?Resource$/,
};
const KNOWN_FINDINGS: { [scenario: string]: KnownFinding[] } = {
  'StreamConsumer, default props': [USER_HANDLER],
};

/** The errors no known finding explains, and the known findings that no longer occur. */
function unexplained(scenario: string, errors: string[]): { unexpected: string[]; gone: string[] } {
  const known = KNOWN_FINDINGS[scenario] ?? [];
  const matches = (finding: KnownFinding, error: string) => {
    const [rule, path] = error.split(' ');
    return finding.rule.test(rule) && finding.path.test(path);
  };
  return {
    unexpected: errors.filter(error => !known.some(finding => matches(finding, error))),
    gone: known.filter(finding => !errors.some(error => matches(finding, error))).map(finding => finding.owner),
  };
}

describe('clean by default: zero unacknowledged errors in AwsSolutions, HIPAA Security, NIST 800-53 R5, PCI DSS 3.2.1, Serverless and DynamoDbProduction', () => {
  test.each(SCENARIOS)('%s', (name, build) => {
    const app = testApp();
    build(testStack({}, app));
    expect(unexplained(name, unacknowledgedFindings(app, allPacks()))).toEqual({ unexpected: [], gone: [] });
    expectReviewableAcknowledgements(app);
  });

  test('the example app (examples/orders)', () => {
    const app = buildApp(testApp());
    expect(unexplained('the example app (examples/orders)', unacknowledgedFindings(app, allPacks()))).toEqual({ unexpected: [], gone: [] });
    expectReviewableAcknowledgements(app);
  });
});

describe('the harness fails when it should', () => {
  test('a TableV2 with defaults passes the five cdk-nag packs (their blind spot) but not ours', () => {
    const blindApp = testApp();
    new TableV2(testStack({}, blindApp), 'Plain', { partitionKey });
    const cdkNagPacks = allPacks().filter(pack => !(pack instanceof DynamoDbProductionChecks));
    expect(unacknowledgedFindings(blindApp, cdkNagPacks)).toEqual([]);

    const app = testApp();
    new TableV2(testStack({}, app), 'Plain', { partitionKey });
    expect(unacknowledgedFindings(app, allPacks())).toEqual(
      ['ContributorInsightsEnabled', 'CustomerManagedKey', 'DeletionProtectionEnabled', 'InBackupPlan', 'PointInTimeRecoveryEnabled',
        'ThrottleAlarms']
        .map(rule => `DynamoDbProduction-${rule} TestStack/Plain/Resource`));
  });

  test('an acknowledgement made in a test would be found and judged (it names the rule and a reason)', () => {
    const app = testApp();
    const table = new TableV2(testStack({}, app), 'Plain', { partitionKey });
    Validations.of(table).acknowledge({ id: 'DynamoDbProduction-InBackupPlan', reason: 'short' });
    expect(() => expectReviewableAcknowledgements(app)).toThrow(/reason/);
  });
});

/** Every acknowledgement of a pack rule names one rule and gives a reason a reviewer can judge. */
function expectReviewableAcknowledgements(app: App): void {
  for (const ack of acknowledgementsIn(app).filter(a => PACK_RULE_PREFIXES.some(prefix => a.id.startsWith(prefix)))) {
    if (!/^[\w.]+-[\w.]+(\[.+\])?$/.test(ack.id)) throw new Error(`${ack.path}: acknowledgement id ${ack.id} does not name one rule`);
    if (ack.reason.trim().length < 40) throw new Error(`${ack.path}: acknowledgement of ${ack.id} has no reason a reviewer could judge: "${ack.reason}"`);
  }
}
