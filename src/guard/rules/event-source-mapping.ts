import { ResourceChange, ResourceImpact } from '../engine';
import { GuardFinding } from '../findings';
import { EVENT_SOURCE_MAPPING_TYPE } from '../stateful-kinds';
import { GuardRule, changePlace, finding } from './rule';

function startingPosition(resource: any): string | undefined {
  const position = resource?.Properties?.StartingPosition;
  return typeof position === 'string' ? position : position === undefined ? undefined : JSON.stringify(position);
}

function recreated(change: ResourceChange, next: any, how: string): GuardFinding {
  const position = startingPosition(next) ?? startingPosition(change.before)!;
  const replay = position === 'TRIM_HORIZON';
  return finding('MAPPING_RECREATED', replay ? 'warning' : 'blocking', changePlace(change), 'StartingPosition', startingPosition(change.before), position,
    replay
      ? `${how}: the new mapping starts at TRIM_HORIZON, so the stream is replayed: every record still in it (the last 24 hours of a DynamoDB stream, the retention period of a Kinesis stream) is processed again, and the handler must be idempotent`
      : `${how}: the new mapping starts at ${position}, so the records the old mapping had not yet processed (its iterator age) and those written while it is recreated are skipped: they are never processed`,
    replay
      ? `keep the mapping's logical ID (overrideLogicalId('${change.logicalId}') on the renamed construct) and its EventSourceArn, or make sure the handler tolerates the replay.`
      : `keep the mapping's logical ID (overrideLogicalId('${change.logicalId}')) and EventSourceArn; if it must be recreated, start it at TRIM_HORIZON with an idempotent handler, or stop writers until the old mapping has caught up.`);
}

/**
 * A stream's event source mapping that is recreated (replaced, or moved with a renamed construct)
 * loses its position in the stream: TRIM_HORIZON replays it, LATEST skips what was not yet
 * processed. One removed stops the consumer. Mappings on SQS queues keep nothing in the mapping.
 */
export const eventSourceMapping: GuardRule = {
  kinds: ['MAPPING_RECREATED', 'MAPPING_REMOVED'],
  check: ({ changes, moves }) => {
    const out: GuardFinding[] = [];
    for (const change of changes) {
      if (change.before?.Type !== EVENT_SOURCE_MAPPING_TYPE || change.typeChanged || startingPosition(change.before) === undefined) continue;
      const move = moves.find(m => m.from === change);
      if (move) {
        out.push(recreated(change, move.to.after, `the mapping moves to logical ID ${move.to.logicalId} (a renamed or moved construct) and is recreated`));
      } else if (!change.after) {
        out.push(finding('MAPPING_REMOVED', 'warning', changePlace(change), '(resource)', 'present', 'absent',
          'the mapping is deleted: its function stops receiving the stream\'s records, and records not read within the stream\'s retention are gone',
          'remove a consumer on purpose only; to move it, keep its logical ID.'));
      } else if (change.impact === ResourceImpact.WILL_REPLACE || change.impact === ResourceImpact.MAY_REPLACE) {
        out.push(recreated(change, change.after, `${change.replacingProperties.map(p => p.property).join(', ') || 'a property'} changed, which replaces the mapping`));
      }
    }
    return out;
  },
};
