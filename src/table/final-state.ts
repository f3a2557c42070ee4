import { Annotations, AspectPriority, Aspects, CfnDeletionPolicy, IAspect, Stack } from 'aws-cdk-lib';
import { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { acknowledgeIntendedFindings } from './acknowledgements';
import { ProductionTableSettings } from './settings';

/**
 * The data-loss warnings of a `ProductionTable`, judged on what will be deployed: the
 * `CfnGlobalTable`'s deletion policy and its rendered replicas, after every other Aspect.
 *
 * A removal policy changed after construction (`table.applyRemovalPolicy(...)`,
 * `RemovalPolicies.of(stack).destroy()`, a user's Aspect) and an opt-out given to `addReplica` are
 * seen exactly like the props, and warned about once. The `InBackupPlan` acknowledgement, whose
 * reason is that point-in-time recovery is on, is given only when it is on in the template.
 */
export function judgeFinalState(table: IConstruct, settings: ProductionTableSettings): void {
  // READONLY (1000) runs after MUTATING (200, RemovalPolicies) and DEFAULT (500, a user's Aspect).
  Aspects.of(table).add(new FinalStateJudge(table, settings), { priority: AspectPriority.READONLY });
}

/** A deletion policy and what it means for the data, as the warning says it. */
function dataLossOf(deletionPolicy: CfnDeletionPolicy | undefined, updateReplacePolicy: CfnDeletionPolicy | undefined): string | undefined {
  const retainedOnDelete = deletionPolicy === CfnDeletionPolicy.RETAIN || deletionPolicy === CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE;
  const retainedOnReplace = updateReplacePolicy === CfnDeletionPolicy.RETAIN;
  if (deletionPolicy === CfnDeletionPolicy.SNAPSHOT) {
    return 'the removal policy is snapshot, which DynamoDB tables do not support: CloudFormation deletes the table and all its data, with no snapshot, when it is removed from the stack. Use RemovalPolicy.RETAIN.';
  }
  if (!retainedOnDelete) {
    return `the removal policy is destroy (DeletionPolicy ${deletionPolicy ?? 'none, so Delete'}): removing the table from the stack deletes it and all its data.`;
  }
  if (!retainedOnReplace) {
    return `the update-replace policy is ${updateReplacePolicy ?? 'Delete (none set)'} (removal policy not RETAIN): a change that replaces the table (a new key schema or name) deletes the old table and all its data.`;
  }
  // RETAIN, or RETAIN_ON_UPDATE_OR_DELETE (deleted only when its own creation fails: no data yet).
  return undefined;
}

/** A replica as `TableV2` renders it into the `CfnGlobalTable` (the properties we judge). */
interface RenderedReplica {
  readonly region: unknown;
  readonly deletionProtectionEnabled?: unknown;
  readonly pointInTimeRecoverySpecification?: { readonly pointInTimeRecoveryEnabled?: unknown };
}

class FinalStateJudge implements IAspect {
  constructor(private readonly table: IConstruct, private readonly settings: ProductionTableSettings) {}

  public visit(node: IConstruct): void {
    // The L1, not the table: Aspects visit a parent before its children, so at the table itself a
    // RemovalPolicies Aspect of the stack has not reached the CfnGlobalTable yet.
    if (node !== this.table.node.defaultChild || !(node instanceof CfnGlobalTable)) return;
    const stack = Stack.of(node);
    const warn = (id: string, message: string) => Annotations.of(this.table).addWarningV2(`cdk-dynamodb-kit:${id}`, message);

    const dataLoss = dataLossOf(node.cfnOptions.deletionPolicy, node.cfnOptions.updateReplacePolicy);
    if (dataLoss) warn('removalPolicy', dataLoss);

    const replicas: RenderedReplica[] = stack.resolve(node.replicas) ?? [];
    const ownRegion = JSON.stringify(stack.resolve(stack.region));
    const primary = replicas.find(replica => JSON.stringify(replica.region) === ownRegion);
    const protectedHere = primary?.deletionProtectionEnabled === true;
    const recoverableHere = primary?.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === true;
    if (!protectedHere) {
      warn('deletionProtectionOff', 'deletionProtection is false: a console click, an SDK call or a stack change can delete the table and its data.');
    }
    if (!recoverableHere) {
      warn('pitrOff', 'point-in-time recovery is off: a bad write or delete cannot be undone by restoring to a moment before it.');
    }
    // A replica is warned about where it gives up what the table has; an opt-out of the whole
    // table is one warning above, not one more per region.
    for (const replica of replicas.filter(r => r !== primary)) {
      const region = typeof replica.region === 'string' ? replica.region : JSON.stringify(replica.region);
      if (protectedHere && replica.deletionProtectionEnabled !== true) {
        warn(`deletionProtectionOff:${region}`, `replica ${region} has deletionProtection false: that region's copy can be deleted.`);
      }
      if (recoverableHere && replica.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled !== true) {
        warn(`pitrOff:${region}`, `replica ${region} has point-in-time recovery off: that region cannot be restored.`);
      }
    }

    acknowledgeIntendedFindings(this.table, this.settings, { pointInTimeRecoveryEnabled: recoverableHere });
  }
}
