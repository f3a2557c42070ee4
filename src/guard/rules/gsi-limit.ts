import { GuardFinding } from '../findings';
import { gsiDiff } from './gsi-diff';
import { GuardRule, finding, tablePlace } from './rule';

/** CloudFormation creates or deletes at most one global secondary index per update (a rebuilt index counts twice). */
export const gsiLimit: GuardRule = {
  kinds: ['GSI_LIMIT_EXCEEDED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const d = gsiDiff(t);
      if (!d || d.added.length + d.removed.length + 2 * d.rebuilt.length <= 1) continue;
      const what = [
        d.added.length && `creates ${d.added.join(', ')}`,
        d.removed.length && `deletes ${d.removed.join(', ')}`,
        d.rebuilt.length && `rebuilds ${d.rebuilt.join(', ')}`,
      ].filter(Boolean).join(' and ');
      out.push(finding('GSI_LIMIT_EXCEEDED', 'blocking', tablePlace(t), 'GlobalSecondaryIndexes', [...d.before.keys()], [...d.after.keys()],
        `${what}: CloudFormation creates or deletes at most one global secondary index per update and rejects the deploy`,
        'add one GSI per deploy (and delete one per deploy), waiting for each to become ACTIVE before the next.'));
    }
    return out;
  },
};
