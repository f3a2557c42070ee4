import { GuardFinding } from '../findings';
import { GuardRule, finding, tablePlace } from './rule';
import { decided } from './table-values';

/**
 * TTL attribute changed while TTL is on (DynamoDB rejects it: two deploys), TTL turned off, or TTL
 * turned on for a table that holds items: those whose attribute already holds a past time are deleted.
 */
export const timeToLive: GuardRule = {
  kinds: ['TTL_ATTRIBUTE_CHANGED', 'TTL_DISABLED', 'TTL_ENABLED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const b = decided(t.before.timeToLive);
      const a = decided(t.after.timeToLive);
      const nameOn = a && decided(a.enabled) === true ? decided(a.attributeName) : undefined;
      if ((!b || decided(b.enabled) === false) && nameOn !== undefined) {
        out.push(finding('TTL_ENABLED', 'warning', tablePlace(t), 'TimeToLiveSpecification', t.before.resource.Properties?.TimeToLiveSpecification, t.after.resource.Properties?.TimeToLiveSpecification,
          `time to live is turned on for the attribute ${JSON.stringify(nameOn)} of a table that already holds items: DynamoDB deletes, usually within a few days, every item whose ${nameOn} is a number of epoch seconds in the past, `
          + 'without a backup of them (the deletions reach the stream as REMOVE records by dynamodb.amazonaws.com)',
          `check that no item uses ${nameOn} for anything but its expiry time (a creation time in epoch seconds would expire it), or pick an attribute of its own; take an on-demand backup first if in doubt.`));
        continue;
      }
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
