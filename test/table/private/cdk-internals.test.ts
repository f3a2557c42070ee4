import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DATA_READ_ACTIONS, DATA_WRITE_ACTIONS, KEY_READ_ACTIONS, KEY_WRITE_ACTIONS } from '../../../src/table/global-grants';
import { CdkInternalsLibrary, assertCdkInternals, withCooldowns, withRegionAgnosticReplicaSse } from '../../../src/table/private/cdk-internals';

/**
 * The contract with aws-cdk-lib's `@internal` members that src/table/private/cdk-internals.ts
 * fences. When an aws-cdk-lib upgrade fails this test, the message says what to re-check; the
 * failure to rule out is a cooldown (or a key) that silently disappears from the template.
 */
describe('aws-cdk-lib internals contract', () => {
  test('every fenced internal holds for the installed aws-cdk-lib', () => {
    expect(() => assertCdkInternals()).not.toThrow();
  });

  describe('fails loudly against a stubbed aws-cdk-lib', () => {
    /** aws-cdk-lib with `Capacity` replaced by a stub whose objects are changed by `change`. */
    function withStubbedCapacity(change: (capacity: any) => any): CdkInternalsLibrary {
      const Capacity = {
        autoscaled: (options: dynamodb.AutoscaledCapacityOptions) => change(Object.create(dynamodb.Capacity.autoscaled(options))),
        fixed: (units: number) => dynamodb.Capacity.fixed(units),
      } as unknown as typeof dynamodb.Capacity;
      return { ...dynamodb, Capacity };
    }

    test('a renamed _renderReadCapacity', () => {
      const lib = withStubbedCapacity(capacity => {
        capacity._renderReadCapacity = undefined;
        capacity._renderReadCapacityV3 = () => ({});
        return capacity;
      });
      expect(() => assertCdkInternals(lib)).toThrow(
        /Capacity\.autoscaled\(\)\._renderReadCapacity\(\) renders readCapacityAutoScalingSettings[^\n]*Re-check that ProductionTable's autoScaling cooldowns still reach the template/);
    });

    test('a changed rendered shape (the cooldowns would have nowhere to go)', () => {
      const lib = withStubbedCapacity(capacity => {
        const original = capacity._renderWriteCapacity.bind(capacity);
        capacity._renderWriteCapacity = () => ({ writeCapacityScaling: original().writeCapacityAutoScalingSettings });
        return capacity;
      });
      expect(() => assertCdkInternals(lib)).toThrow(/_renderWriteCapacity\(\) renders writeCapacityAutoScalingSettings/);
      expect(() => assertCdkInternals(lib)).toThrow(/TableV2 renders the cooldowns withCooldowns\(\) adds/);
    });

    test('a TableEncryptionV2 without _renderReplicaSseSpecification', () => {
      const TableEncryptionV2 = {
        customerManagedKey: (key: any) => ({ tableKey: key, type: dynamodb.TableEncryption.CUSTOMER_MANAGED }),
      } as unknown as typeof dynamodb.TableEncryptionV2;
      expect(() => assertCdkInternals({ ...dynamodb, TableEncryptionV2 })).toThrow(
        /_renderReplicaSseSpecification[^\n]*Re-check that a customer-managed key still synthesizes in an environment-agnostic stack/);
    });
  });

  describe('at synth, a changed internal is an error, never a dropped setting', () => {
    test('withCooldowns refuses a capacity of unknown shape instead of rendering it without cooldowns', () => {
      const capacity = Object.create(dynamodb.Capacity.autoscaled({ maxCapacity: 10 }));
      capacity._renderReadCapacity = () => ({ readScaling: { maxCapacity: 10 } });
      const decorated = withCooldowns(capacity as dynamodb.Capacity, { scaleInCooldown: 60 }) as any;
      expect(() => decorated._renderReadCapacity()).toThrow(/an aws-cdk-lib internal it relies on has changed.*Re-check that ProductionTable's autoScaling cooldowns/);
    });

    test('withCooldowns refuses an object without the render methods', () => {
      expect(() => withCooldowns({} as dynamodb.Capacity, { scaleInCooldown: 60 })).toThrow(/_renderReadCapacity is no longer a method/);
    });

    test('withCooldowns leaves a fixed capacity and an on-demand cap as they are', () => {
      const fixed = withCooldowns(dynamodb.Capacity.fixed(5), { scaleInCooldown: 60 }) as any;
      expect(fixed._renderReadCapacity()).toEqual({ readCapacityUnits: 5 });
      const onDemand = withCooldowns(dynamodb.Billing.onDemand({ maxReadRequestUnits: 9 }), { scaleInCooldown: 60 }) as any;
      expect(onDemand._renderReadCapacity()).toBe(9);
      expect(onDemand._renderWriteCapacity()).toBeUndefined();
    });

    test('withRegionAgnosticReplicaSse refuses an encryption without the method', () => {
      const encryption = { tableKey: { keyArn: 'arn' } } as unknown as dynamodb.TableEncryptionV2;
      expect(() => withRegionAgnosticReplicaSse(encryption)).toThrow(/_renderReplicaSseSpecification is no longer a method/);
    });
  });

  test('the grant*Globally action lists are the ones aws-cdk-lib grants (grantReadData / grantWriteData)', () => {
    const stack = new Stack(undefined, 'Grants', { env: { account: '123456789012', region: 'us-east-1' } });
    const table = new dynamodb.TableV2(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'Key')),
    });
    const actionsGrantedBy = (id: string, grant: (role: iam.IGrantable) => void): string[] => {
      const role = new iam.Role(stack, id, { assumedBy: new iam.AccountRootPrincipal() });
      grant(role);
      const statements = stack.resolve((role.node.findChild('DefaultPolicy') as iam.Policy).document).Statement as any[];
      return statements.flatMap(statement => [statement.Action].flat());
    };
    const read = actionsGrantedBy('Reader', role => table.grantReadData(role));
    const write = actionsGrantedBy('Writer', role => table.grantWriteData(role));
    // aws-cdk-lib adds the stream reads (GetRecords, GetShardIterator) as a principal-only statement.
    expect(read.filter(action => !['dynamodb:GetRecords', 'dynamodb:GetShardIterator'].includes(action)).sort())
      .toEqual([...DATA_READ_ACTIONS, ...KEY_READ_ACTIONS].sort());
    expect(write.sort()).toEqual([...new Set([...DATA_WRITE_ACTIONS, ...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS])].sort());
  });
});
