import { GuardFinding } from '../findings';
import { GuardRule, finding, tablePlace } from './rule';
import { decided } from './table-values';
import { isDeployTime } from '../../template/deploy-time';

/**
 * The stream's view type changed (the deploy fails; consumers need the new ARN), or the stream
 * turned off: consumers stop; on a table with replicas (GlobalTable, or the old Table's
 * replicationRegions) the deploy fails, since replication reads the stream.
 */
export const stream: GuardRule = {
  kinds: ['STREAM_VIEW_TYPE_CHANGED', 'STREAM_DISABLED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      if (isDeployTime(t.before.streamViewType) || isDeployTime(t.after.streamViewType)) continue;
      const b = decided(t.before.streamViewType);
      const a = decided(t.after.streamViewType);
      if (!b || b === a) continue;
      if (a) {
        out.push(finding('STREAM_VIEW_TYPE_CHANGED', 'blocking', tablePlace(t), 'StreamSpecification.StreamViewType', b, a,
          'DynamoDB cannot change the view type of an enabled stream in one update, so the deploy fails; and the new stream has a new ARN, so every consumer (Lambda event source mappings, pipes, Kinesis adapters) must be re-pointed',
          'two deploys: remove the stream consumers and the stream, deploy; add the stream with the new view type and the consumers, deploy. Expect to miss or replay the changes made in between.'));
        continue;
      }
      const replicas = isDeployTime(t.after.replicas) ? [] : t.after.replicas;
      const legacy = replicas.some(r => r.source === 'legacy-replica');
      const multiRegion = replicas.length > 1;
      out.push(finding('STREAM_DISABLED', multiRegion ? 'blocking' : 'warning', tablePlace(t), 'StreamSpecification',
        t.before.resource.Properties?.StreamSpecification, t.after.resource.Properties?.StreamSpecification,
        multiRegion
          ? `a ${legacy ? 'table replicated with replicationRegions (Custom::DynamoDBReplica)' : 'global table with replicas'} needs its stream (NEW_AND_OLD_IMAGES): the deploy fails`
          : 'the stream is turned off: consumers stop receiving changes, unread records are lost after 24 hours, and a new stream gets a new ARN',
        'remove the consumers first, in their own deploy; keep the stream while any consumer, pipe or replica needs it.'));
    }
    return out;
  },
};
