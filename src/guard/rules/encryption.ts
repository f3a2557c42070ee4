import { GuardFinding } from '../findings';
import { replicaPairs } from './replica-pairs';
import { GuardRule, finding, same, tablePlace } from './rule';
import { decided } from './table-values';

const PROBLEM = 'the table is re-encrypted with a different key or key type; backups and exports made before stay encrypted with the old key, and moving off a customer-managed key gives up your key policy';
const SAFE = 'keep the old key enabled (never schedule its deletion) until the table and every backup that needs it are gone; change the key in a deploy of its own.';

/**
 * The key that encrypts a table changes: between DynamoDB-owned, AWS-managed (`alias/aws/dynamodb`
 * included) and customer-managed, or from one customer-managed key to another, in any region.
 */
export const encryption: GuardRule = {
  kinds: ['ENCRYPTION_CHANGED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      let typeReported = false;
      for (const { prefix, before, after } of replicaPairs(t)) {
        const b = decided(before.encryption);
        const a = decided(after.encryption);
        if (!b || !a || (b.kind === a.kind && same(b.key, a.key))) continue;
        const owned = b.kind === 'dynamodb-owned' || a.kind === 'dynamodb-owned';
        if (owned && typeReported) continue;
        typeReported = typeReported || owned;
        const property = owned ? 'SSESpecification' : `${prefix}SSESpecification.KMSMasterKeyId`;
        out.push(finding('ENCRYPTION_CHANGED', 'warning', tablePlace(t), property,
          owned ? b.kind : b.key ?? b.kind, owned ? a.kind : a.key ?? a.kind, PROBLEM, SAFE));
      }
    }
    return out;
  },
};
