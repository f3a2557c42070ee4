import { CfnParameter, Validations } from 'aws-cdk-lib';
import { AttributeType, CfnGlobalTable, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NagRuleCompliance } from 'cdk-nag';
import { acknowledgementsIn, unacknowledgedFindings } from './nag';
import { DynamoDbProductionChecks, ProductionTable, TableBackupPlan } from '../../src';
import { InBackupPlan } from '../../src/compliance/rules/in-backup-plan';
import { testApp, testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };

describe('DynamoDbProductionChecks as a cdk-nag 3 policy-validation plugin', () => {
  test('has the twelve rules, with ids DynamoDbProduction-<rule>', () => {
    expect(DynamoDbProductionChecks.RULE_IDS).toEqual([
      'DynamoDbProduction-PointInTimeRecoveryEnabled',
      'DynamoDbProduction-CustomerManagedKey',
      'DynamoDbProduction-DeletionProtectionEnabled',
      'DynamoDbProduction-RetainPolicy',
      'DynamoDbProduction-InBackupPlan',
      'DynamoDbProduction-ProvisionedCapacityAutoscaled',
      'DynamoDbProduction-ContributorInsightsEnabled',
      'DynamoDbProduction-ThrottleAlarms',
      'DynamoDbProduction-StreamConsumerFailureHandling',
      'DynamoDbProduction-DaxEncryptedAtRest',
      'DynamoDbProduction-DaxEncryptedInTransit',
      'DynamoDbProduction-BackupVaultRetained',
    ]);
    expect(new DynamoDbProductionChecks().name).toBe('DynamoDbProduction');
  });

  test('synthesis of an app with a TableV2 fails, naming our rules and the table', () => {
    const app = testApp();
    new TableV2(testStack({}, app), 'Plain', { partitionKey });
    Validations.of(app).addPlugins(new DynamoDbProductionChecks(app));
    expect(() => app.synth()).toThrow(/DynamoDbProduction-PointInTimeRecoveryEnabled[\s\S]*TestStack\/Plain\/Resource/);
  });

  test('Contributor Insights is reported as a warning, which cdk-nag 3 still counts as a failed validation', () => {
    const app = testApp();
    const stack = testStack({}, app);
    new ProductionTable(stack, 'Orders', { partitionKey, contributorInsights: false });
    expect(unacknowledgedFindings(app, [new DynamoDbProductionChecks()])).toEqual(['DynamoDbProduction-ContributorInsightsEnabled TestStack/Orders/Resource']);
    const violations = new DynamoDbProductionChecks().validateScope(app).violations;
    expect(violations.map(v => [v.ruleName, v.severity])).toEqual([['DynamoDbProduction-ContributorInsightsEnabled', 'warning']]);
  });

  test('an acknowledgement on the construct, with Validations.of(...).acknowledge, suppresses a finding', () => {
    const app = testApp();
    const table = new TableV2(testStack({}, app), 'Plain', { partitionKey });
    for (const rule of ['PointInTimeRecoveryEnabled', 'CustomerManagedKey', 'DeletionProtectionEnabled', 'InBackupPlan']) {
      Validations.of(table).acknowledge({ id: `DynamoDbProduction-${rule}`, reason: 'a scratch table for load tests, recreated daily' });
    }
    expect(unacknowledgedFindings(app, [new DynamoDbProductionChecks()])).toEqual([
      'DynamoDbProduction-ContributorInsightsEnabled TestStack/Plain/Resource',
      'DynamoDbProduction-ThrottleAlarms TestStack/Plain/Resource',
    ]);
  });

  test('a value CloudFormation decides (a parameter) is a finding to look at, never a silent pass', () => {
    const app = testApp();
    const stack = testStack({}, app);
    const enabled = new CfnParameter(stack, 'Pitr', { type: 'String', allowedValues: ['true', 'false'] });
    const table = new ProductionTable(stack, 'Orders', { partitionKey });
    (table.node.defaultChild as CfnGlobalTable).addPropertyOverride('Replicas.0.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', enabled.valueAsString);
    expect(unacknowledgedFindings(app, [new DynamoDbProductionChecks()])).toEqual(['DynamoDbProduction-PointInTimeRecoveryEnabled TestStack/Orders/Resource']);
  });
});

describe('DynamoDbProductionChecks reads each stack once per run', () => {
  // Rules that look for other resources of the stack (a table's alarms, a mapping's table) searched
  // and rendered the whole stack once per resource: quadratic in the tables of a stack.
  function stackReadsWith(tables: number, consumer: boolean) {
    const app = testApp();
    const stack = testStack({}, app);
    for (let i = 0; i < tables; i++) {
      const table = new ProductionTable(stack, `Table${i}`, { partitionKey });
      if (consumer) table.addConsumer(`Consumer${i}`, { handler: new lambda.Function(stack, `Handler${i}`, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') }) });
    }
    const search = jest.spyOn(stack.node, 'findAll');
    const resolve = jest.spyOn(stack, 'resolve');
    const violations = new DynamoDbProductionChecks().validateScope(app).violations;
    const reads = { searches: search.mock.calls.length, renders: resolve.mock.calls.length };
    search.mockRestore();
    resolve.mockRestore();
    return { violations, reads };
  }

  test.each([false, true])('searches stay the same and renders grow by what each table adds (stream consumers: %s)', consumer => {
    const [one, two, four] = [1, 2, 4].map(tables => stackReadsWith(tables, consumer));
    // Read from the shared readings, the alarms and the mappings' tables are still found: only the
    // backup finding stands, acknowledged at synthesis (not run here).
    expect(four.violations.map(v => [v.ruleName, v.violatingResources.length])).toEqual([['DynamoDbProduction-InBackupPlan', 4]]);
    expect(four.reads.searches).toBe(one.reads.searches);
    expect(four.reads.renders - two.reads.renders).toBe(2 * (two.reads.renders - one.reads.renders));
  });
});

describe('ProductionTable acknowledges only the findings its props make legitimate', () => {
  test('with PITR on and no backup plan: InBackupPlan is acknowledged on the table, with a reason', () => {
    const app = testApp();
    new ProductionTable(testStack({}, app), 'Orders', { partitionKey });
    expect(unacknowledgedFindings(app, [new DynamoDbProductionChecks()])).toEqual([]);
    // Given at synthesis, on the final state (src/table/final-state.ts).
    expect(acknowledgementsIn(app)).toEqual([expect.objectContaining({
      path: 'TestStack/Orders',
      id: 'DynamoDbProduction-InBackupPlan',
      reason: expect.stringMatching(/Point-in-time recovery is on .* backup: new TableBackupPlan/),
    })]);
  });

  test('with PITR off, the finding stands', () => {
    const app = testApp();
    new ProductionTable(testStack({}, app), 'Orders', { partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } });
    expect(unacknowledgedFindings(app, [new DynamoDbProductionChecks()])).toEqual([
      'DynamoDbProduction-InBackupPlan TestStack/Orders/Resource',
      'DynamoDbProduction-PointInTimeRecoveryEnabled TestStack/Orders/Resource',
    ]);
  });

  test('with a backup plan, the table is in it and nothing is acknowledged', () => {
    const app = testApp();
    const stack = testStack({}, app);
    const table = new ProductionTable(stack, 'Orders', { partitionKey, backup: new TableBackupPlan(stack, 'Backup') });
    expect(acknowledgementsIn(table).filter(ack => ack.id.startsWith('DynamoDbProduction-'))).toEqual([]);
    expect(InBackupPlan(table.node.defaultChild as CfnGlobalTable)).toBe(NagRuleCompliance.COMPLIANT);
  });
});
