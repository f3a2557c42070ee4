import { TableUpdate } from './rule';
import { alignStackRegion, replicaPrefix, replicasByRegion } from './table-values';
import { ReplicaView } from '../../template/table-view';

/** The table in each region present before and after, with the prefix findings give its properties. */
export function replicaPairs(t: TableUpdate): Array<{ prefix: string; before: ReplicaView; after: ReplicaView }> {
  const before = replicasByRegion(t.before);
  const after = replicasByRegion(t.after);
  alignStackRegion(before, after);
  return [...before.entries()].filter(([region]) => after.has(region))
    .map(([region, replica]) => ({ prefix: replicaPrefix(replica, region), before: replica, after: after.get(region)! }));
}
