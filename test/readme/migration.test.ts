import { CfnWaitConditionHandle, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, Table, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable } from '../../src';
import { compareTemplates, GuardFinding, isBlocking } from '../../src/guard';
import { templateOf, testStack } from '../helpers/app';

// The README's migration from the legacy Table to ProductionTable, step by step: each step is
// synthesized, and the guard must block the unsafe shortcuts and let the documented steps through.

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const sortKey = { name: 'sk', type: AttributeType.STRING };

function synth(build: (stack: Stack) => void): unknown {
  const stack = testStack();
  // The rest of the app, so that the stack is never empty (CloudFormation rejects an empty template).
  new CfnWaitConditionHandle(stack, 'RestOfTheApp');
  build(stack);
  return templateOf(stack).toJSON();
}

const legacy = (removalPolicy: RemovalPolicy) => synth(stack => {
  new Table(stack, 'Orders', { tableName: 'orders', partitionKey, sortKey, removalPolicy });
});
const removed = synth(() => undefined);
/** Step 4: the table as it is, imported (no protection it does not have yet). */
const imported = synth(stack => {
  new ProductionTable(stack, 'Orders', {
    tableName: 'orders',
    partitionKey,
    sortKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
    deletionProtection: false,
    contributorInsightsSpecification: { enabled: false },
    encryption: TableEncryptionV2.dynamoOwnedKey(),
    monitoringEnabled: false,
  });
});
/** Step 5: the production defaults. */
const production = synth(stack => {
  new ProductionTable(stack, 'Orders', { tableName: 'orders', partitionKey, sortKey });
});

const blocking = (findings: GuardFinding[]) => findings.filter(isBlocking).map(f => f.kind);

describe('the migration guide, checked by the guard', () => {
  // A Table turned into a ProductionTable under the same construct id keeps its logical ID and
  // changes its resource type (AWS::DynamoDB::Table -> AWS::DynamoDB::GlobalTable), which
  // CloudFormation does not update in place (AWS warns it "might result in the deletion of your
  // DynamoDB table"; with a fixed name the new table cannot even be created).
  test('the shortcut (rename the class, same construct id) is blocked as a resource type change', () => {
    expect(blocking(compareTemplates(legacy(RemovalPolicy.RETAIN), production))).toEqual(['RESOURCE_TYPE_CHANGED']);
  });

  test('step 2 without step 1 (removing a table that is not retained) is blocked', () => {
    expect(blocking(compareTemplates(legacy(RemovalPolicy.DESTROY), removed))).toContain('TABLE_REMOVED');
  });

  test('step 1 (retain) passes', () => {
    expect(blocking(compareTemplates(legacy(RemovalPolicy.DESTROY), legacy(RemovalPolicy.RETAIN)))).toEqual([]);
  });

  test('step 2 after step 1 passes with a warning: the table is orphaned, not deleted', () => {
    const findings = compareTemplates(legacy(RemovalPolicy.RETAIN), removed);
    expect(blocking(findings)).toEqual([]);
    expect(findings.map(f => [f.kind, f.severity])).toContainEqual(['TABLE_REMOVED', 'warning']);
  });

  test('step 5 (the defaults over the imported table) passes, the key change as a warning', () => {
    const findings = compareTemplates(imported, production);
    expect(blocking(findings)).toEqual([]);
    expect(findings.map(f => f.kind)).toContain('ENCRYPTION_CHANGED');
  });

  test('a step 5 that also changes the key schema is blocked', () => {
    const rekeyed = synth(stack => {
      new ProductionTable(stack, 'Orders', { tableName: 'orders', partitionKey, sortKey: { name: 'createdAt', type: AttributeType.STRING } });
    });
    expect(blocking(compareTemplates(imported, rekeyed))).toContain('TABLE_REPLACED');
  });
});
