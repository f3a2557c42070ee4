import { GuardFinding } from '../findings';
import { gsiDiff } from './gsi-diff';
import { GuardRule, finding, tablePlace } from './rule';

/** One index deleted (a warning: queries on it fail) or created (information: it backfills), within the one-per-update limit. */
export const gsiRemovedOrAdded: GuardRule = {
  kinds: ['GSI_REMOVED', 'GSI_ADDED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const d = gsiDiff(t);
      if (!d) continue;
      for (const name of d.removed) {
        out.push(finding('GSI_REMOVED', 'warning', tablePlace(t), `GlobalSecondaryIndexes[${name}]`, d.raw('before', name), undefined,
          `the index ${name} is deleted: queries that use it fail, and bringing it back means a full backfill`,
          'first deploy code that no longer queries the index, then remove it (one index per deploy).'));
      }
      if (d.added.length + d.removed.length + 2 * d.rebuilt.length > 1) continue;
      for (const name of d.added) {
        out.push(finding('GSI_ADDED', 'info', tablePlace(t), `GlobalSecondaryIndexes[${name}]`, undefined, d.raw('after', name),
          `the index ${name} is created and backfilled from the table; it cannot be queried until ACTIVE (minutes to hours on a large table)`,
          'deploy code that queries the new index only after it is ACTIVE.'));
      }
    }
    return out;
  },
};
