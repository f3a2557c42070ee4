import { GuardFinding } from '../findings';
import { GuardRule, changePlace, enabledFlag, finding } from './rule';

const KEY_TYPE = 'AWS::KMS::Key';

/**
 * A KMS key that the update disables (`Enabled: false`, or left to a condition): everything it
 * encrypts becomes unreadable, and DynamoDB archives a table whose key stays unusable for seven
 * days (it must then be restored from the archive's backup).
 */
export const keyDisabled: GuardRule = {
  kinds: ['KEY_DISABLED'],
  check: ({ changes }) => {
    const out: GuardFinding[] = [];
    for (const change of changes) {
      if (change.before?.Type !== KEY_TYPE || change.after?.Type !== KEY_TYPE) continue;
      const before = enabledFlag(change.before.Properties);
      const after = enabledFlag(change.after.Properties);
      if (before === false || after === true) continue;
      const decidedAtDeploy = after !== false;
      out.push(finding('KEY_DISABLED', decidedAtDeploy ? 'warning' : 'blocking', changePlace(change), 'Enabled',
        change.before.Properties?.Enabled ?? true, change.after.Properties?.Enabled,
        `the KMS key ${decidedAtDeploy ? 'may be disabled (Enabled is decided at deploy time)' : 'is disabled'}: whatever it encrypts (tables, backups, exports, queues, objects) can no longer be read or written, `
        + 'and DynamoDB archives a table whose key stays inaccessible for seven days',
        'keep the key enabled while anything it encrypted is in use; to retire it, re-encrypt first (a table: switch its encryption in a deploy of its own), then disable it.'));
    }
    return out;
  },
};
