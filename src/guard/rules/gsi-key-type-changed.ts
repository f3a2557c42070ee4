import { GuardFinding } from '../findings';
import { gsiDiff } from './gsi-diff';
import { GuardRule, finding, tablePlace } from './rule';
import { keyTypes } from './table-values';

/**
 * An index key attribute whose type changes in AttributeDefinitions (`S` to `N`) while the index's
 * KeySchema stays the same: the index cannot change in place, so the update fails; and items
 * whose attribute has the old type would drop out of the index.
 */
export const gsiKeyTypeChanged: GuardRule = {
  kinds: ['GSI_KEY_TYPE_CHANGED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const d = gsiDiff(t);
      for (const name of d?.retyped ?? []) {
        out.push(finding('GSI_KEY_TYPE_CHANGED', 'blocking', tablePlace(t), `GlobalSecondaryIndexes[${name}].AttributeDefinitions`,
          keyTypes(d!.before.get(name)!.keys), keyTypes(d!.after.get(name)!.keys),
          `a key attribute of the index ${name} changes type: an index's key attributes cannot change in place, so CloudFormation rejects the update (the index would have to be deleted and rebuilt)`,
          `add a new index under a new name on a new attribute of the new type, backfill that attribute, move queries once it is ACTIVE, then delete ${name} in a later deploy.`));
      }
    }
    return out;
  },
};
