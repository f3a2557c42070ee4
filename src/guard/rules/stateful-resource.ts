import { ResourceChange, ResourceImpact } from '../engine';
import { Move } from '../moves';
import { STATEFUL_KINDS, StatefulKind } from '../stateful-kinds';
import { GuardRule, changePlace, finding, retainedOnRemoval, retainedOnReplacement } from './rule';
import { GuardFinding } from '../findings';

/** The name property that, when fixed, makes a replacement fail ("cannot update a stack when a custom-named resource requires replacing"). */
const NAME_PROPERTY: { [type: string]: string } = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Backup::BackupVault': 'BackupVaultName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
};

function moved(change: ResourceChange, move: Move, kind: StatefulKind): GuardFinding {
  const retained = retainedOnRemoval(change.before);
  const to = `${move.to.path === change.path ? '' : `${move.to.path}/`}${move.to.logicalId}`;
  return finding('RESOURCE_MOVED', retained ? 'warning' : 'blocking', changePlace(change), '(logical ID)', change.logicalId, to,
    `${kind.noun} moves to logical ID ${to} (a renamed or moved construct): CloudFormation creates a new one and ${retained ? `orphans the old one (Retain): ${kind.left}` : `deletes the old one: ${kind.lost}`}`,
    `keep the old logical ID: (construct.node.defaultChild as CfnResource).overrideLogicalId('${change.logicalId}') on the construct that now synthesizes ${move.to.logicalId}, or move it with \`cdk refactor\`; ${kind.safeChange}`);
}

function removed(change: ResourceChange, kind: StatefulKind): GuardFinding {
  const retained = change.impact === ResourceImpact.WILL_ORPHAN || retainedOnRemoval(change.before);
  return finding('RESOURCE_REMOVED', retained ? 'warning' : 'blocking', changePlace(change), '(resource)', 'present', 'absent',
    retained
      ? `${kind.noun} leaves the stack and is orphaned (DeletionPolicy Retain): it stays in the account with ${kind.holds}, and nothing manages or monitors it any more`
      : `${kind.noun} leaves the stack and CloudFormation deletes it (DeletionPolicy is not Retain): ${kind.lost}`,
    retained
      ? 'if this is intended, nothing is lost; delete it by hand once it is empty, or bring it back with `cdk import`.'
      : `set RemovalPolicy.RETAIN and deploy that before removing it; ${kind.safeChange}`);
}

function replaced(change: ResourceChange, kind: StatefulKind): GuardFinding {
  const retained = retainedOnReplacement(change.before) && retainedOnReplacement(change.after);
  const properties = change.replacingProperties.map(p => p.property);
  const certain = change.replacingProperties.some(p => p.impact === ResourceImpact.WILL_REPLACE);
  const nameProperty = NAME_PROPERTY[change.before!.Type];
  const fixedName = nameProperty !== undefined && change.after?.Properties?.[nameProperty] !== undefined
    && JSON.stringify(change.after.Properties[nameProperty]) === JSON.stringify(change.before?.Properties?.[nameProperty]);
  const fate = retained ? `the old one is orphaned (UpdateReplacePolicy Retain): ${kind.left}` : `the old one is deleted (UpdateReplacePolicy is not Retain): ${kind.lost}`;
  const what = `${properties.join(', ') || 'a property'} changed, which ${certain ? 'replaces' : 'may replace'} ${kind.noun} (CloudFormation resource specification)`;
  return finding('RESOURCE_REPLACED', retained && !fixedName ? 'warning' : 'blocking', changePlace(change), properties.join(', ') || '(resource)',
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
 * Queues, buckets, KMS keys, backup vaults, Kinesis streams and log groups that are replaced,
 * removed or moved by the update. Deleted with data: blocking. Orphaned (Retain): a warning that
 * says what is left behind.
 */
export const statefulResource: GuardRule = {
  kinds: ['RESOURCE_REPLACED', 'RESOURCE_REMOVED', 'RESOURCE_MOVED'],
  check: ({ changes, moves }) => {
    const out: GuardFinding[] = [];
    for (const change of changes) {
      const kind = change.before ? STATEFUL_KINDS[change.before.Type] : undefined;
      if (!kind || change.typeChanged) continue;
      const move = moves.find(m => m.from === change);
      if (move) out.push(moved(change, move, kind));
      else if (!change.after) out.push(removed(change, kind));
      else if (change.impact === ResourceImpact.WILL_REPLACE || change.impact === ResourceImpact.MAY_REPLACE) out.push(replaced(change, kind));
    }
    return out;
  },
};
