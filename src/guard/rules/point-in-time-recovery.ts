import { GuardFinding } from '../findings';
import { replicaPairs } from './replica-pairs';
import { GuardRule, finding, tablePlace } from './rule';
import { decided } from './table-values';

/** Point-in-time recovery turned off, or its window shortened, in any region. */
export const pointInTimeRecovery: GuardRule = {
  kinds: ['PITR_DISABLED', 'PITR_SHORTENED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      for (const { prefix, before, after } of replicaPairs(t)) {
        const b = decided(before.pointInTimeRecovery);
        const a = decided(after.pointInTimeRecovery);
        if (!b || !a || decided(b.enabled) !== true) continue;
        if (a.enabled === false) {
          out.push(finding('PITR_DISABLED', 'warning', tablePlace(t), `${prefix}PointInTimeRecoverySpecification`, b, a,
            'point-in-time recovery is turned off: the continuous backups are discarded and the table can no longer be restored to a moment before a bad write',
            'keep PITR on; if cost is the reason, shorten RecoveryPeriodInDays instead.'));
          continue;
        }
        const daysB = decided(b.recoveryPeriodInDays);
        const daysA = decided(a.recoveryPeriodInDays);
        if (a.enabled === true && daysB !== undefined && daysA !== undefined && daysA < daysB) {
          out.push(finding('PITR_SHORTENED', 'warning', tablePlace(t), `${prefix}PointInTimeRecoverySpecification.RecoveryPeriodInDays`, daysB, daysA,
            'the point-in-time recovery window is shortened: restore points older than the new window are lost at once',
            'make sure an AWS Backup plan (TableBackupPlan) covers the older history before shortening.'));
        }
      }
    }
    return out;
  },
};
