import { GuardFinding } from '../findings';
import { GuardRule, finding, tablePlace } from './rule';
import { decided } from './table-values';

/** TTL attribute changed while TTL is on (DynamoDB rejects it: two deploys), or TTL turned off. */
export const timeToLive: GuardRule = {
  kinds: ['TTL_ATTRIBUTE_CHANGED', 'TTL_DISABLED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const b = decided(t.before.timeToLive);
      const a = decided(t.after.timeToLive);
      if (!b || decided(b.enabled) !== true) continue;
      const rawB = t.before.resource.Properties?.TimeToLiveSpecification;
      const rawA = t.after.resource.Properties?.TimeToLiveSpecification;
      const enabledA = a ? decided(a.enabled) : false;
      const nameB = decided(b.attributeName);
      const nameA = a ? decided(a.attributeName) : undefined;
      if (enabledA === true && nameB !== undefined && nameA !== undefined && nameA !== nameB) {
        out.push(finding('TTL_ATTRIBUTE_CHANGED', 'blocking', tablePlace(t), 'TimeToLiveSpecification.AttributeName', nameB, nameA,
          'DynamoDB cannot switch the TTL attribute of a table with TTL on in one update, so the deploy fails',
          'two deploys: turn TTL off (Enabled false) and deploy; then turn it on with the new attribute and deploy, at least an hour later (DynamoDB allows one TTL change per hour).'));
      } else if (enabledA === false) {
        out.push(finding('TTL_DISABLED', 'warning', tablePlace(t), 'TimeToLiveSpecification', rawB, rawA,
          'time to live is turned off: expired items are no longer deleted and accumulate (storage cost, larger scans); turning it back on takes up to an hour',
          'if you are renaming the attribute, this is the first of two deploys; otherwise keep TTL on.'));
      }
    }
    return out;
  },
};
