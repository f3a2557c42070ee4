import { ResourceChange } from '../engine';
import { GuardFinding } from '../findings';
import { Move, withoutHash } from '../moves';
import { EVENT_SOURCE_MAPPING_TYPE, statefulKindOf } from '../stateful-kinds';
import { GuardRule, changePlace, finding, retainedOnRemoval } from './rule';
import { isTableType } from '../../template/resource-types';

function qualified(change: ResourceChange, from: ResourceChange): string {
  return change.path === from.path ? change.logicalId : `${change.path}/${change.logicalId}`;
}

function fate(change: ResourceChange): string {
  return retainedOnRemoval(change.before)
    ? 'the old table is orphaned (RETAIN): it keeps its data but the stack no longer manages it'
    : 'the old table is deleted with all its data (DeletionPolicy is not Retain)';
}

/** The advice for a move: keep the old logical ID of the table and of every resource the same rename moves. */
function keepIds(move: Move, moves: readonly Move[]): string {
  // What holds data first: those are the overrides that matter; the rest (alarms, roles) are recreated harmlessly.
  const holdsData = (m: Move) => (statefulKindOf(m.from.before!.Type) || m.from.before!.Type === EVENT_SOURCE_MAPPING_TYPE ? 0 : 1);
  const family = moves.filter(m => m !== move && m.rename === move.rename).sort((x, y) => holdsData(x) - holdsData(y));
  const overrides = [move, ...family].map(m => `overrideLogicalId('${m.from.logicalId}') on the ${m.from.before!.Type} now synthesized as ${qualified(m.to, m.from)}`);
  const id = withoutHash(move.from.logicalId);
  return `keep the construct id (${id}), or keep the old logical ID of every resource the rename moves`
    + ` (${family.length + 1}), with (construct.node.defaultChild as CfnResource): ${overrides.join('; ')};`
    + ' or move them all with `cdk refactor`. Never let CloudFormation recreate a table that holds data.';
}

function moved(move: Move, moves: readonly Move[]): GuardFinding {
  const { from, to } = move;
  const fixedName = typeof to.after?.Properties?.TableName === 'string' && to.after.Properties.TableName === from.before?.Properties?.TableName;
  const where = qualified(to, from);
  return finding('LOGICAL_ID_CHANGED', 'blocking', changePlace(from), '(logical ID)', from.logicalId, where,
    `the table looks moved to logical ID ${where} (a renamed or moved construct${to.path === from.path ? '' : ', into another stack'}): CloudFormation creates a new, empty table and ${fate(from)}`
    + (fixedName ? '; with the same fixed TableName the create fails and the deploy rolls back' : '')
    + (to.after!.Type !== from.before!.Type ? `; the type also changes (${from.before!.Type} to ${to.after!.Type})` : ''),
    keepIds(move, moves));
}

function removed(change: ResourceChange): GuardFinding {
  const retained = retainedOnRemoval(change.before);
  return finding('TABLE_REMOVED', retained ? 'warning' : 'blocking', changePlace(change), '(resource)', 'present', 'absent',
    `the table is removed from the stack: ${fate(change)}`,
    retained
      ? 'if this is intended, nothing is lost; to manage the table again, bring it back with `cdk import`. If not, restore the construct with the same id.'
      : 'set RemovalPolicy.RETAIN (and deploy that) before removing the table, or keep it; a deleted table can only come back from a backup.');
}

/**
 * Tables that leave their logical ID: removed from the stack, or moved (renamed construct, moved
 * into a nested stack). A removed table and an added one that hold the same data's identity
 * (fixed name, or partition key) are a move even when other properties changed too: the new one is
 * empty, so it blocks. The advice covers every resource the same rename moves.
 */
export const tableMoved: GuardRule = {
  kinds: ['LOGICAL_ID_CHANGED', 'TABLE_REMOVED'],
  check: ({ changes, moves }) => {
    const out: GuardFinding[] = [];
    for (const change of changes) {
      if (!change.before || !isTableType(change.before.Type) || change.after) continue;
      const move = moves.find(m => m.from === change);
      out.push(move ? moved(move, moves) : removed(change));
    }
    return out;
  },
};
