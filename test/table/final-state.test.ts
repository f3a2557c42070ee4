import { App, Aspects, CfnResource, IAspect, RemovalPolicies, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { ProductionTable, ProductionTableProps } from '../../src';
import { acknowledgementsIn } from '../compliance/nag';
import { testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const withReplicas = { encryption: TableEncryptionV2.awsManagedKey() };

function build(props: Partial<ProductionTableProps> = {}, after: (table: ProductionTable, stack: Stack) => void = () => {}) {
  const stack = testStack();
  const table = new ProductionTable(stack, 'Orders', { partitionKey, ...props });
  after(table, stack);
  const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Orders', Match.anyValue()).map(w => String(w.entry.data));
  return { stack, table, warnings };
}

function count(warnings: string[], pattern: RegExp): number {
  return warnings.filter(w => pattern.test(w)).length;
}

const DESTROYED = /removal policy is destroy .*removing the table from the stack.* deletes it and all its data/;

describe('a removal policy changed after construction warns as the prop does, once', () => {
  test('the prop', () => {
    expect(count(build({ removalPolicy: RemovalPolicy.DESTROY }).warnings, DESTROYED)).toBe(1);
  });

  test('table.applyRemovalPolicy(DESTROY)', () => {
    const { stack, warnings } = build({}, table => table.applyRemovalPolicy(RemovalPolicy.DESTROY));
    expect(count(warnings, DESTROYED)).toBe(1);
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('removal policy is destroy'));
  });

  test('RemovalPolicies.of(stack).destroy() (a mutating Aspect of the stack)', () => {
    expect(count(build({}, (_t, stack) => RemovalPolicies.of(stack).destroy()).warnings, DESTROYED)).toBe(1);
  });

  test('a user\'s Aspect with the default priority', () => {
    const destroyAll: IAspect = {
      visit: (node: IConstruct) => { if (CfnResource.isCfnResource(node)) node.applyRemovalPolicy(RemovalPolicy.DESTROY); },
    };
    expect(count(build({}, (_t, stack) => Aspects.of(stack).add(destroyAll)).warnings, DESTROYED)).toBe(1);
  });

  test('the prop then RETAIN again afterwards: no warning (the final state is retained)', () => {
    expect(build({ removalPolicy: RemovalPolicy.DESTROY }, table => table.applyRemovalPolicy(RemovalPolicy.RETAIN)).warnings).toEqual([]);
  });

  test('RETAIN_ON_UPDATE_OR_DELETE does not claim that removing the table deletes it', () => {
    expect(build({ removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE }).warnings).toEqual([]);
  });

  test('SNAPSHOT applied later: CloudFormation\'s rules reject it, and without them we say the table is deleted', () => {
    expect(() => build({}, table => table.applyRemovalPolicy(RemovalPolicy.SNAPSHOT))).toThrow(/DeletionPolicy must be one of Delete, Retain, RetainExceptOnCreate/);
    const stack = testStack({}, new App());
    new ProductionTable(stack, 'Orders', { partitionKey }).applyRemovalPolicy(RemovalPolicy.SNAPSHOT);
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('snapshot, which DynamoDB tables do not support: CloudFormation deletes the table'));
  });

  test('retained on delete but not on replacement says so', () => {
    const { stack } = build({}, table => (table.node.defaultChild as CfnResource)
      .applyRemovalPolicy(RemovalPolicy.DESTROY, { applyToUpdateReplacePolicy: false }));
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('DeletionPolicy Delete'));
    const { stack: replaced } = build({}, table => {
      table.applyRemovalPolicy(RemovalPolicy.RETAIN);
      (table.node.defaultChild as CfnResource).cfnOptions.updateReplacePolicy = undefined;
    });
    Annotations.fromStack(replaced).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('update-replace policy is Delete .*replaces the table'));
  });
});

describe('addReplica opt-outs warn as replicas[] does, once', () => {
  const DP = /replica eu-west-1 has deletionProtection false/;
  const PITR = /replica eu-west-1 has point-in-time recovery off/;

  test('deletionProtection: false in replicas[] and in addReplica', () => {
    expect(count(build({ ...withReplicas, replicas: [{ region: 'eu-west-1', deletionProtection: false }] }).warnings, DP)).toBe(1);
    const { stack, warnings } = build(withReplicas, table => table.addReplica({ region: 'eu-west-1', deletionProtection: false }));
    expect(count(warnings, DP)).toBe(1);
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('replica eu-west-1 has deletionProtection false'));
  });

  test('PITR off in addReplica, including the empty specification', () => {
    const off = build(withReplicas, table => table.addReplica({ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }));
    expect(count(off.warnings, PITR)).toBe(1);
    const empty = build(withReplicas, table => table.addReplica({ region: 'eu-west-1', pointInTimeRecoverySpecification: {} as any }));
    expect(count(empty.warnings, PITR)).toBe(1);
  });

  test('a replica that keeps the defaults is silent', () => {
    expect(build(withReplicas, table => table.addReplica({ region: 'eu-west-1' })).warnings.filter(w => /replica/.test(w))).toEqual([]);
  });

  test('a table-wide opt-out is one warning, not one more per replica', () => {
    const { warnings } = build({ ...withReplicas, deletionProtection: false, replicas: [{ region: 'eu-west-1' }] });
    expect(count(warnings, /deletionProtection/)).toBe(1);
  });
});

describe('point-in-time recovery: {} is off, and said to be', () => {
  test('{} renders PointInTimeRecoveryEnabled false, warns, and is not acknowledged as "PITR is on"', () => {
    const { stack, table } = build({ pointInTimeRecoverySpecification: {} as any });
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('point-in-time recovery is off'));
    const replicas = stack.resolve((table.node.defaultChild as any).replicas);
    expect(replicas[0].pointInTimeRecoverySpecification).toEqual({ pointInTimeRecoveryEnabled: false });
    expect(acknowledgementsIn(table).map(a => a.id)).not.toContain('DynamoDbProduction-InBackupPlan');
  });

  test('on by default: the acknowledgement is given at synthesis, with its reason', () => {
    const { table } = build();
    expect(acknowledgementsIn(table)).toEqual([expect.objectContaining({ id: 'DynamoDbProduction-InBackupPlan', reason: expect.stringMatching(/Point-in-time recovery is on/) })]);
  });

  test('turned off after construction by an escape hatch on the L1: warned, and not acknowledged', () => {
    const { warnings, table } = build({}, t => {
      const cfn = t.node.defaultChild as any;
      cfn.replicas = [{ region: 'us-east-1', deletionProtectionEnabled: true, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }];
    });
    expect(count(warnings, /point-in-time recovery is off/)).toBe(1);
    expect(acknowledgementsIn(table).map(a => a.id)).not.toContain('DynamoDbProduction-InBackupPlan');
  });
});
