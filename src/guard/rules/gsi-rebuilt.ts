import { GuardFinding } from '../findings';
import { gsiDiff } from './gsi-diff';
import { GuardRule, finding, tablePlace } from './rule';

/** An index whose key schema or projection changes under the same name: CloudFormation rejects the update. */
export const gsiRebuilt: GuardRule = {
  kinds: ['GSI_REBUILT'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const d = gsiDiff(t);
      for (const name of d?.rebuilt ?? []) {
        const shape = (index: any) => ({ KeySchema: index?.KeySchema, Projection: index?.Projection });
        out.push(finding('GSI_REBUILT', 'blocking', tablePlace(t), `GlobalSecondaryIndexes[${name}]`, shape(d!.raw('before', name)), shape(d!.raw('after', name)),
          'an index\'s key schema and projection cannot change in place: CloudFormation rejects the update (it would have to delete and rebuild the index)',
          `add a new index under a new name in one deploy, move queries to it once it is ACTIVE, then delete ${name} in a later deploy.`));
      }
    }
    return out;
  },
};
