import { Aws, CfnCondition, CfnResource, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, CfnGlobalTable, CfnTable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { NagRuleCompliance } from 'cdk-nag';
import { cfnOf } from './nag';
import { CustomerManagedKey } from '../../src/compliance/rules/customer-managed-key';
import { DeletionProtectionEnabled } from '../../src/compliance/rules/deletion-protection-enabled';
import { PointInTimeRecoveryEnabled } from '../../src/compliance/rules/point-in-time-recovery-enabled';
import { RetainPolicy } from '../../src/compliance/rules/retain-policy';
import { reportTables } from '../../src/report/table-report';
import { TEST_ENV } from '../helpers/app';
import { TempDir, appIn } from '../template/fixtures';

const { COMPLIANT, NON_COMPLIANT } = NagRuleCompliance;
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/abc';

/** The rule and the words of the report's gap for the same check. */
const CHECKS = [
  { rule: PointInTimeRecoveryEnabled, gap: /point-in-time recovery/ },
  { rule: CustomerManagedKey, gap: /encryption is/ },
  { rule: DeletionProtectionEnabled, gap: /deletion protection/ },
  { rule: RetainPolicy, gap: /Retain|removed from the stack/ },
];

function globalTable(stack: Stack, replica: object = {}, top: object = {}): CfnGlobalTable {
  return new CfnGlobalTable(stack, 'Global', {
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    billingMode: 'PAY_PER_REQUEST',
    sseSpecification: { sseEnabled: true, sseType: 'KMS' },
    replicas: [{
      region: 'us-east-1',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtectionEnabled: true,
      sseSpecification: { kmsMasterKeyId: KEY },
      ...replica,
    }],
    ...top,
  });
}

const retain = (resource: CfnResource, deletion = 'Retain', replace: string | undefined = 'Retain') => {
  resource.addOverride('DeletionPolicy', deletion);
  if (replace) resource.addOverride('UpdateReplacePolicy', replace);
};

const CASES: Array<[string, (stack: Stack) => void]> = [
  ['a compliant global table', stack => retain(globalTable(stack))],
  ['alias/aws/dynamodb in a replica', stack => retain(globalTable(stack, { sseSpecification: { kmsMasterKeyId: 'alias/aws/dynamodb' } }))],
  ['Retain without UpdateReplacePolicy', stack => retain(globalTable(stack), 'Retain', undefined)],
  ['RetainExceptOnCreate', stack => retain(globalTable(stack), 'RetainExceptOnCreate')],
  ['PITR off', stack => retain(globalTable(stack, { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }))],
  ['a Table with alias/aws/dynamodb', stack => new CfnTable(stack, 'T', {
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
    sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/aws/dynamodb' },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  })],
  ['a Table with legacy replicas (replicationRegions)', stack => new Table(stack, 'Old', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    replicationRegions: ['eu-west-1'],
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  })],
];

describe('the rule pack and the report judge from the same view', () => {
  let tmp: TempDir;
  beforeEach(() => { tmp = new TempDir(); });
  afterEach(() => tmp.cleanup());

  test.each(CASES)('%s: each rule is compliant exactly when the report has no gap for it', (_name, build) => {
    const stack = new Stack(appIn(tmp.dir), 'TestStack', { env: TEST_ENV });
    build(stack);
    const node = stack.node.findAll().find((c): c is CfnResource => CfnResource.isCfnResource(c) && /DynamoDB::(Global)?Table$/.test(c.cfnResourceType))!;
    const template = Template.fromStack(stack).toJSON() as any;
    const [report] = reportTables({
      source: 'test',
      singleFile: false,
      stacks: { TestStack: template },
      details: { TestStack: { id: 'TestStack', stackName: 'TestStack', environment: { region: 'us-east-1' }, templateFile: 'test', template, unreadNestedStacks: [] } },
    });
    for (const { rule, gap } of CHECKS) {
      const reported = report.gaps.some(g => gap.test(g));
      expect({ rule: rule.name, verdict: rule(node) }).toEqual({ rule: rule.name, verdict: reported ? NON_COMPLIANT : COMPLIANT });
    }
  });

  test('legacy replicas have PITR and deletion protection off: the template does not set them', () => {
    const stack = new Stack(appIn(tmp.dir), 'TestStack', { env: TEST_ENV });
    CASES[6][1](stack);
    const table = cfnOf(stack, 'AWS::DynamoDB::Table');
    expect(PointInTimeRecoveryEnabled(table)).toBe(NON_COMPLIANT);
    expect(DeletionProtectionEnabled(table)).toBe(NON_COMPLIANT);
  });

  test('a value left to deploy time (Fn::If) makes the rule throw, which cdk-nag reports: never a silent pass', () => {
    const stack = new Stack(appIn(tmp.dir), 'TestStack', { env: TEST_ENV });
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(Aws.ACCOUNT_ID, '123456789012') });
    globalTable(stack, { pointInTimeRecoverySpecification: Fn.conditionIf(isProd.logicalId, { pointInTimeRecoveryEnabled: true }, Aws.NO_VALUE) });
    expect(() => PointInTimeRecoveryEnabled(cfnOf(stack, 'AWS::DynamoDB::GlobalTable')))
      .toThrow(/Replicas\[0\]\.PointInTimeRecoverySpecification is decided at deploy time by condition IsProd: the rule cannot decide from the template/);
  });
});
