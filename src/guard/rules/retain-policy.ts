import { GuardFinding } from '../findings';
import { effectiveDeletionPolicy, snapshotsBeforeDeleting, statefulKindOf } from '../stateful-kinds';
import { GuardRule, RETAINING, changePlace, finding } from './rule';
import { isTableType } from '../../template/resource-types';

/**
 * DeletionPolicy or UpdateReplacePolicy of a table, or of a resource that holds data, changed from
 * Retain: the next removal or replacement deletes it with its data.
 */
export const retainPolicy: GuardRule = {
  kinds: ['RETAIN_REMOVED'],
  check: ({ changes }) => {
    const out: GuardFinding[] = [];
    for (const c of changes) {
      if (!c.before || !c.after || c.typeChanged) continue;
      const table = isTableType(c.before.Type);
      const kind = table ? undefined : statefulKindOf(c.before.Type);
      if (!table && !kind) continue;
      const noun = table ? 'the table' : kind!.noun;
      const type = c.before.Type;
      // Snapshot keeps the data too, on the types CloudFormation snapshots; RDS snapshots by default.
      const keeps = (attribute: 'DeletionPolicy' | 'UpdateReplacePolicy', policy: string | undefined) =>
        (attribute === 'DeletionPolicy' ? RETAINING.includes(policy as string) : policy === 'Retain') || snapshotsBeforeDeleting(type, policy);
      for (const attribute of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
        const policyOf = (resource: typeof c.before) => attribute === 'DeletionPolicy' ? effectiveDeletionPolicy(resource!) : resource![attribute];
        const before = policyOf(c.before);
        const after = policyOf(c.after);
        if (!keeps(attribute, before) || keeps(attribute, after)) continue;
        out.push(finding('RETAIN_REMOVED', 'warning', changePlace(c), attribute, before, after ?? 'Delete',
          attribute === 'DeletionPolicy'
            ? `${noun} is no longer ${before === 'Snapshot' ? 'snapshotted' : 'retained'}: removing it from the stack, or deleting the stack, deletes it and its data`
            : `${noun} is no longer ${before === 'Snapshot' ? 'snapshotted' : 'retained'} on replacement: a future replacing change deletes the old one and its data`,
          `keep RemovalPolicy.RETAIN on ${table ? 'tables' : 'resources'} that hold data; if you are deleting it on purpose, back it up first.`));
      }
    }
    return out;
  },
};
