import { GuardFinding } from '../findings';
import { replicaPairs } from './replica-pairs';
import { GuardRule, finding, tablePlace } from './rule';

/** Deletion protection turned off in any region. */
export const deletionProtection: GuardRule = {
  kinds: ['DELETION_PROTECTION_REMOVED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      for (const { prefix, before, after } of replicaPairs(t)) {
        if (before.deletionProtection !== true || after.deletionProtection !== false) continue;
        out.push(finding('DELETION_PROTECTION_REMOVED', 'warning', tablePlace(t), `${prefix}DeletionProtectionEnabled`, true, false,
          'deletion protection is turned off: the table can now be deleted by a console click, an SDK call or a stack change',
          'turn it off only in the deploy right before an intended deletion, and back it up first.'));
      }
    }
    return out;
  },
};
