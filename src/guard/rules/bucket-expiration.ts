import { GuardFinding } from '../findings';
import { GuardRule, canonical, changePlace, finding, literalNumber } from './rule';

const BUCKET = 'AWS::S3::Bucket';

/** The measures of a lifecycle rule that delete objects, and what each deletes. */
const EXPIRATIONS: ReadonlyArray<{ readonly property: string; readonly read: (rule: any) => unknown; readonly deletes: string }> = [
  { property: 'ExpirationInDays', read: rule => rule.ExpirationInDays, deletes: 'objects older than that expire (in a versioned bucket they become noncurrent versions; otherwise they are deleted)' },
  { property: 'NoncurrentVersionExpiration.NoncurrentDays', read: rule => rule.NoncurrentVersionExpiration?.NoncurrentDays ?? rule.NoncurrentVersionExpirationInDays, deletes: 'noncurrent versions older than that are deleted for good' },
];

/** A rule is matched across the update by its Id, or by what it selects. */
function keyOf(rule: any): string {
  return typeof rule?.Id === 'string' ? `id:${rule.Id}` : `filter:${canonical({ Prefix: rule?.Prefix, Filter: rule?.Filter, TagFilters: rule?.TagFilters })}`;
}

function enabledRules(bucket: any): Map<string, any> {
  const rules = bucket?.Properties?.LifecycleConfiguration?.Rules;
  return new Map((Array.isArray(rules) ? rules : []).filter(rule => rule?.Status === 'Enabled').map(rule => [keyOf(rule), rule]));
}

/**
 * A bucket whose lifecycle rules the update makes delete sooner: an expiration added, or
 * shortened, in an enabled rule (matched by Id, or by its filter). Objects already older expire
 * within a day or two of the deploy.
 */
export const bucketExpiration: GuardRule = {
  kinds: ['OBJECT_EXPIRATION_SHORTENED'],
  check: ({ changes }) => {
    const out: GuardFinding[] = [];
    for (const change of changes) {
      if (change.before?.Type !== BUCKET || change.after?.Type !== BUCKET) continue;
      const before = enabledRules(change.before);
      for (const [key, rule] of enabledRules(change.after)) {
        for (const expiration of EXPIRATIONS) {
          const now = literalNumber(expiration.read(rule));
          if (now === undefined) continue;
          const was = before.has(key) ? literalNumber(expiration.read(before.get(key))) : undefined;
          if (was !== undefined && now >= was) continue;
          const name = typeof rule.Id === 'string' ? `rule ${JSON.stringify(rule.Id)}` : 'a lifecycle rule';
          out.push(finding('OBJECT_EXPIRATION_SHORTENED', 'warning', changePlace(change), `LifecycleConfiguration.Rules[${key.replace(/^id:/, '')}].${expiration.property}`,
            was ?? '(none)', now,
            `${name} of the bucket ${was === undefined ? 'now expires' : `expires sooner (${was} days before)`} after ${now} days: ${expiration.deletes}, including those already older when it deploys`,
            'keep the expiration; if it must shrink, first copy what must be kept (another bucket, or Glacier without expiration).'));
        }
      }
    }
    return out;
  },
};
