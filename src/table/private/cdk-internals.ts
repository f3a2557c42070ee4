import { Stack, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';

/**
 * The one file that touches aws-cdk-lib's `@internal` members (`_render*` methods of `Billing`,
 * `Capacity` and `TableEncryptionV2`). They are not part of aws-cdk-lib's public contract and can
 * change in any release, so every use is here, each one listed in `FENCED_INTERNALS`, and
 * `assertCdkInternals()` (run by test/table/private/cdk-internals.test.ts) fails with what to
 * re-check when an upgrade renames or changes one of them.
 *
 * We read what aws-cdk-lib renders rather than re-implementing it, and decorate its objects
 * (prototype kept, one render method replaced) rather than copying them: a fixed capacity, on-demand
 * billing or a key passes through untouched.
 */

/** A `Billing` or `Capacity`, as aws-cdk-lib renders them (`@internal`). */
interface CapacityRenderer {
  _renderReadCapacity(): any;
  _renderWriteCapacity(): any;
}

/** Cooldowns in seconds, as `TargetTrackingScalingPolicyConfiguration` takes them. */
export interface RenderedCooldowns {
  readonly scaleInCooldown?: number;
  readonly scaleOutCooldown?: number;
}

/** Thrown when a fenced internal is not what this file expects: never caught as bad user input. */
export class CdkInternalsChangedError extends Error {
  constructor(what: string, recheck: string) {
    super(`cdk-dynamodb-kit: an aws-cdk-lib internal it relies on has changed (${what}). `
      + `Re-check ${recheck}, then update src/table/private/cdk-internals.ts.`);
    this.name = 'CdkInternalsChangedError';
  }
}

/** Each fenced internal, where we use it, and what breaks if aws-cdk-lib changes it. */
export const FENCED_INTERNALS = [
  {
    member: 'Billing/Capacity._renderReadCapacity, _renderWriteCapacity',
    usedBy: 'table/settings.ts (on-demand caps, fixed read capacity), table/rules/capacity.ts (capacity bounds), withCooldowns below',
    recheck: 'the on-demand request-unit caps and the monitoring that reads them, the capacity validation, and the autoscaling cooldowns (test/table/autoscaling.test.ts)',
  },
  {
    member: 'the rendered shape { readCapacityAutoScalingSettings | writeCapacityAutoScalingSettings: { targetTrackingScalingPolicyConfiguration } } / { readCapacityUnits }',
    usedBy: 'withCooldowns below, table/rules/capacity.ts',
    recheck: 'that ProductionTable\'s autoScaling cooldowns still reach the template (ScaleInCooldown/ScaleOutCooldown) and that fixed capacities are still recognised',
  },
  {
    member: 'Billing.provisioned(...)._renderWriteCapacity() throws for a fixed write capacity',
    usedBy: 'table/rules/capacity.ts (our error for a fixed write capacity)',
    recheck: 'the "fixed writeCapacity" error of ProductionTable (test/table/validation.test.ts)',
  },
  {
    member: 'TableEncryptionV2._renderReplicaSseSpecification(scope, replicaRegion)',
    usedBy: 'withRegionAgnosticReplicaSse below',
    recheck: 'that a customer-managed key still synthesizes in an environment-agnostic stack (test/table/defaults.test.ts)',
  },
] as const;

/** What a `Billing` or `Capacity` renders for reads: units, autoscaling settings or an on-demand cap. */
export function renderedReadCapacity(source: dynamodb.Billing | dynamodb.Capacity): any {
  return renderer(source, '_renderReadCapacity')._renderReadCapacity();
}

/**
 * What a `Billing` or `Capacity` renders for writes. aws-cdk-lib throws here for a provisioned
 * billing with a fixed write capacity, which a global table cannot have.
 */
export function renderedWriteCapacity(source: dynamodb.Billing | dynamodb.Capacity): any {
  return renderer(source, '_renderWriteCapacity')._renderWriteCapacity();
}

/**
 * Returns `target` with the cooldowns added to the target-tracking configuration aws-cdk-lib renders
 * for its autoscaled read and write capacity (`Capacity.autoscaled()` has no cooldown options).
 * A fixed capacity or an on-demand cap renders unchanged. Throws, rather than dropping the
 * cooldowns, if aws-cdk-lib renders a shape this code does not know.
 */
export function withCooldowns<T extends dynamodb.Billing | dynamodb.Capacity>(target: T, cooldowns: RenderedCooldowns): T {
  const original = renderer(target, '_renderReadCapacity');
  renderer(target, '_renderWriteCapacity');
  const decorated = Object.create(target);
  decorated._renderReadCapacity = () => addCooldowns(original._renderReadCapacity(), cooldowns);
  decorated._renderWriteCapacity = () => addCooldowns(original._renderWriteCapacity(), cooldowns);
  return decorated;
}

/**
 * Lets a customer-managed key encrypt a table in an environment-agnostic stack (`cdk init`'s
 * default), which aws-cdk-lib refuses ("Replica SSE specification cannot be rendered in a region
 * agnostic stack") even with no replicas: the stack's own replica simply uses the table key.
 * Replicas in other regions still need a known stack region (validation says so first).
 */
export function withRegionAgnosticReplicaSse(encryption: dynamodb.TableEncryptionV2): dynamodb.TableEncryptionV2 {
  const tableKey = encryption.tableKey;
  if (tableKey === undefined) return encryption;
  const original = encryption as any;
  if (typeof original._renderReplicaSseSpecification !== 'function') {
    throw new CdkInternalsChangedError('TableEncryptionV2._renderReplicaSseSpecification is no longer a method', FENCED_INTERNALS[3].recheck);
  }
  const decorated = Object.create(encryption);
  decorated._renderReplicaSseSpecification = (scope: IConstruct, replicaRegion: string) => {
    const stackRegion = Stack.of(scope).region;
    if (Token.isUnresolved(stackRegion) && replicaRegion === stackRegion) return { kmsMasterKeyId: tableKey.keyArn };
    return original._renderReplicaSseSpecification(scope, replicaRegion);
  };
  return decorated;
}

function renderer(source: unknown, method: keyof CapacityRenderer): CapacityRenderer {
  if (typeof (source as any)?.[method] !== 'function') {
    throw new CdkInternalsChangedError(`${method} is no longer a method of aws-cdk-lib's Billing/Capacity`, FENCED_INTERNALS[0].recheck);
  }
  return source as CapacityRenderer;
}

function addCooldowns(rendered: any, cooldowns: RenderedCooldowns): any {
  if (rendered === undefined || typeof rendered === 'number') return rendered; // on demand: a cap or nothing
  const key = Object.keys(rendered).find(k => /^(read|write)CapacityAutoScalingSettings$/.test(k));
  if (key === undefined) {
    if (Object.keys(rendered).some(k => /^(read|write)CapacityUnits$/.test(k))) return rendered; // fixed: nothing scales
    throw new CdkInternalsChangedError(`aws-cdk-lib rendered a capacity of unknown shape ${JSON.stringify(Object.keys(rendered))}`, FENCED_INTERNALS[1].recheck);
  }
  const autoscaling = rendered[key];
  if (typeof autoscaling?.targetTrackingScalingPolicyConfiguration !== 'object') {
    throw new CdkInternalsChangedError(`${key} has no targetTrackingScalingPolicyConfiguration`, FENCED_INTERNALS[1].recheck);
  }
  return {
    ...rendered,
    [key]: {
      ...autoscaling,
      targetTrackingScalingPolicyConfiguration: { ...autoscaling.targetTrackingScalingPolicyConfiguration, ...cooldowns },
    },
  };
}

/** The aws-cdk-lib classes the contract is checked against (a test passes stubs). */
export interface CdkInternalsLibrary {
  readonly Billing: typeof dynamodb.Billing;
  readonly Capacity: typeof dynamodb.Capacity;
  readonly TableEncryptionV2: typeof dynamodb.TableEncryptionV2;
  readonly TableV2: typeof dynamodb.TableV2;
}

/**
 * Checks every fenced internal against the installed aws-cdk-lib, end to end where it matters
 * (the cooldowns must reach the rendered `AWS::DynamoDB::GlobalTable`). Throws one error listing
 * each broken assumption and what to re-check; returns quietly when all hold.
 */
export function assertCdkInternals(lib: CdkInternalsLibrary = dynamodb): void {
  const problems: string[] = [];
  const check = (what: string, recheck: string, holds: () => boolean) => {
    let ok: boolean;
    let detail = '';
    try {
      ok = holds();
    } catch (e) {
      ok = false;
      detail = ` (threw: ${(e as Error).message})`;
    }
    if (!ok) problems.push(`- ${what}${detail}. Re-check ${recheck}.`);
  };
  const autoscaled = () => lib.Capacity.autoscaled({ maxCapacity: 10 });
  const [capacity, shape, fixedWrite, sse] = FENCED_INTERNALS.map(internal => internal.recheck);

  check('Capacity.autoscaled()._renderReadCapacity() renders readCapacityAutoScalingSettings.targetTrackingScalingPolicyConfiguration', shape,
    () => typeof (autoscaled() as any)._renderReadCapacity().readCapacityAutoScalingSettings.targetTrackingScalingPolicyConfiguration === 'object');
  check('Capacity.autoscaled()._renderWriteCapacity() renders writeCapacityAutoScalingSettings.targetTrackingScalingPolicyConfiguration', shape,
    () => typeof (autoscaled() as any)._renderWriteCapacity().writeCapacityAutoScalingSettings.targetTrackingScalingPolicyConfiguration === 'object');
  check('Capacity.fixed(5)._renderReadCapacity() renders { readCapacityUnits: 5 }', shape,
    () => (lib.Capacity.fixed(5) as any)._renderReadCapacity()?.readCapacityUnits === 5);
  check('Billing.onDemand({ maxReadRequestUnits: 7, maxWriteRequestUnits: 8 }) renders 7 and 8', capacity, () => {
    const billing = lib.Billing.onDemand({ maxReadRequestUnits: 7, maxWriteRequestUnits: 8 }) as any;
    return billing._renderReadCapacity() === 7 && billing._renderWriteCapacity() === 8;
  });
  check('Billing.provisioned() with a fixed writeCapacity throws from _renderWriteCapacity()', fixedWrite, () => {
    const billing = lib.Billing.provisioned({ readCapacity: lib.Capacity.fixed(5), writeCapacity: lib.Capacity.fixed(5) }) as any;
    if (typeof billing._renderWriteCapacity !== 'function') return false;
    try {
      billing._renderWriteCapacity();
    } catch {
      return true;
    }
    return false;
  });
  check('TableV2 renders the cooldowns withCooldowns() adds to Billing.provisioned(...)', capacity, () => {
    const stack = new Stack(undefined, 'CdkInternalsContract', { env: { account: '123456789012', region: 'us-east-1' } });
    const cooldowns = { scaleInCooldown: 61, scaleOutCooldown: 62 };
    const table = new lib.TableV2(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billing: withCooldowns(lib.Billing.provisioned({ readCapacity: autoscaled(), writeCapacity: autoscaled() }), cooldowns),
    });
    const cfn = table.node.defaultChild as dynamodb.CfnGlobalTable;
    const write = stack.resolve(cfn.writeProvisionedThroughputSettings)?.writeCapacityAutoScalingSettings
      ?.targetTrackingScalingPolicyConfiguration;
    const read = stack.resolve(cfn.replicas)?.[0]?.readProvisionedThroughputSettings?.readCapacityAutoScalingSettings
      ?.targetTrackingScalingPolicyConfiguration;
    return write?.scaleInCooldown === 61 && write?.scaleOutCooldown === 62 && read?.scaleInCooldown === 61 && read?.scaleOutCooldown === 62;
  });
  check('TableEncryptionV2.customerManagedKey(...)._renderReplicaSseSpecification(scope, region) is a method TableV2 calls', sse, () => {
    const stack = new Stack(undefined, 'CdkInternalsContractAgnostic');
    const tableKey = { keyArn: 'arn:aws:kms:us-east-1:123456789012:key/contract' } as any;
    const table = new lib.TableV2(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: withRegionAgnosticReplicaSse(lib.TableEncryptionV2.customerManagedKey(tableKey)),
    });
    const replicas = stack.resolve((table.node.defaultChild as dynamodb.CfnGlobalTable).replicas);
    return replicas?.[0]?.sseSpecification?.kmsMasterKeyId === tableKey.keyArn;
  });

  if (problems.length > 0) {
    throw new Error(`cdk-dynamodb-kit relies on aws-cdk-lib internals that have changed (see src/table/private/cdk-internals.ts):\n${problems.join('\n')}`);
  }
}
