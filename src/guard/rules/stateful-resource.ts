import { ResourceChange, ResourceImpact } from '../engine';
import { Move } from '../moves';
import { StatefulKind, snapshotsBeforeDeleting, statefulKindOf } from '../stateful-kinds';
import { GuardRule, Kept, changePlace, finding, keptOnDeletion } from './rule';
import { GuardFinding } from '../findings';

/** The name property that, when fixed, makes a replacement fail ("cannot update a stack when a custom-named resource requires replacing"). */
const NAME_PROPERTY: { [type: string]: string } = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Backup::BackupVault': 'BackupVaultName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
};

function keptOnRemoval(change: ResourceChange): Kept {
  return change.impact === ResourceImpact.WILL_ORPHAN ? 'retained' : keptOnDeletion(change.before!);
}

/** The old resource of a replacement is kept only when both templates say how. */
function keptOnReplacement(change: ResourceChange): Kept {
  const policies = [change.before?.UpdateReplacePolicy, change.after?.UpdateReplacePolicy];
  if (policies.every(policy => policy === 'Retain')) return 'retained';
  return policies.every(policy => snapshotsBeforeDeleting(change.before!.Type, policy) || policy === 'Retain') ? 'snapshot' : undefined;
}

/** What becomes of the old resource, for a message: "the old one is ...". */
function fateOfOld(kept: Kept, kind: StatefulKind, policy: string): string {
  if (kept === 'retained') return `orphaned (${policy} Retain): ${kind.left}`;
  if (kept === 'snapshot') return `deleted after a final snapshot (${policy} Snapshot): the data survives in the snapshot only, and a new, empty one takes its place until you restore it`;
  return `deleted (${policy} is neither Retain nor Snapshot): ${kind.lost}`;
}

function moved(change: ResourceChange, move: Move, kind: StatefulKind): GuardFinding {
  const kept = keptOnRemoval(change);
  const to = `${move.to.path === change.path ? '' : `${move.to.path}/`}${move.to.logicalId}`;
  return finding('RESOURCE_MOVED', kept ? 'warning' : 'blocking', changePlace(change), '(logical ID)', change.logicalId, to,
    `${kind.noun} moves to logical ID ${to} (a renamed or moved construct): CloudFormation creates a new one and the old one is ${fateOfOld(kept, kind, 'DeletionPolicy')}`,
    `keep the old logical ID: (construct.node.defaultChild as CfnResource).overrideLogicalId('${change.logicalId}') on the construct that now synthesizes ${move.to.logicalId}, or move it with \`cdk refactor\`; ${kind.safeChange}`);
}

function removed(change: ResourceChange, kind: StatefulKind): GuardFinding {
  const kept = keptOnRemoval(change);
  return finding('RESOURCE_REMOVED', kept ? 'warning' : 'blocking', changePlace(change), '(resource)', 'present', 'absent',
    kept === 'retained'
      ? `${kind.noun} leaves the stack and is orphaned (DeletionPolicy Retain): it stays in the account with ${kind.holds}, and nothing manages or monitors it any more`
      : kept === 'snapshot'
        ? `${kind.noun} leaves the stack and CloudFormation deletes it after a final snapshot (DeletionPolicy Snapshot): ${kind.holds} survives in the snapshot only`
        : `${kind.noun} leaves the stack and CloudFormation deletes it (DeletionPolicy is neither Retain nor Snapshot): ${kind.lost}`,
    kept === 'retained'
      ? 'if this is intended, nothing is lost; delete it by hand once it is empty, or bring it back with `cdk import`.'
      : kept === 'snapshot'
        ? 'if this is intended, keep the final snapshot as long as the data must be kept; to keep the resource itself, set RemovalPolicy.RETAIN and deploy that first.'
        : `set RemovalPolicy.RETAIN and deploy that before removing it; ${kind.safeChange}`);
}

function replaced(change: ResourceChange, kind: StatefulKind): GuardFinding {
  const kept = keptOnReplacement(change);
  const properties = change.replacingProperties.map(p => p.property);
  const certain = change.replacingProperties.some(p => p.impact === ResourceImpact.WILL_REPLACE);
  const nameProperty = NAME_PROPERTY[change.before!.Type];
  const fixedName = nameProperty !== undefined && change.after?.Properties?.[nameProperty] !== undefined
    && JSON.stringify(change.after.Properties[nameProperty]) === JSON.stringify(change.before?.Properties?.[nameProperty]);
  const fate = `the old one is ${fateOfOld(kept, kind, 'UpdateReplacePolicy')}`;
  const what = `${properties.join(', ') || 'a property'} changed, which ${certain ? 'replaces' : 'may replace'} ${kind.noun} (CloudFormation resource specification)`;
  return finding('RESOURCE_REPLACED', kept && !fixedName ? 'warning' : 'blocking', changePlace(change), properties.join(', ') || '(resource)',
    pick(change.before?.Properties, properties), pick(change.after?.Properties, properties),
    fixedName
      ? `${what}, but it has a fixed ${nameProperty}, so the deploy fails ("cannot update a stack when a custom-named resource requires replacing"); without the name, ${fate}`
      : `${what}: ${fate}`,
    `keep ${properties.join(', ') || 'the replacing properties'} as they were; if the change is needed, create the new resource under a new construct id beside the old one and move the data before retiring the old one with RETAIN.`);
}

function pick(properties: any, names: string[]): unknown {
  if (names.length === 1) return properties?.[names[0]];
  return Object.fromEntries(names.map(name => [name, properties?.[name]]));
}

/**
 * Resources that hold data (queues, buckets, KMS keys, backup vaults, Kinesis streams, log groups,
 * and every other type the service specification marks stateful: databases, file systems, user
 * pools, secrets...) that are replaced, removed or moved by the update. Deleted with data:
 * blocking. Orphaned (Retain) or deleted after a final snapshot (Snapshot): a warning that says
 * what is left.
 */
export const statefulResource: GuardRule = {
  kinds: ['RESOURCE_REPLACED', 'RESOURCE_REMOVED', 'RESOURCE_MOVED'],
  check: ({ changes, moves }) => {
    const out: GuardFinding[] = [];
    for (const change of changes) {
      const kind = change.before ? statefulKindOf(change.before.Type) : undefined;
      if (!kind || change.typeChanged) continue;
      const move = moves.find(m => m.from === change);
      if (move) out.push(moved(change, move, kind));
      else if (!change.after) out.push(removed(change, kind));
      else if (change.impact === ResourceImpact.WILL_REPLACE || change.impact === ResourceImpact.MAY_REPLACE) out.push(replaced(change, kind));
    }
    return out;
  },
};
