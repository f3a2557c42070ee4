import { GuardFinding } from '../findings';
import { GuardRule, canonical, changePlace, finding, literalNumber, same } from './rule';
import { deployTime, intrinsicOf } from '../../template/deploy-time';

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

/** The rules that expire objects, or may: enabled, or with a Status left to deploy time. */
function enabledRules(bucket: any): Map<string, any> {
  const rules = bucket?.Properties?.LifecycleConfiguration?.Rules;
  return new Map((Array.isArray(rules) ? rules : [])
    .filter(rule => rule?.Status === 'Enabled' || intrinsicOf(rule?.Status) !== undefined)
    .map(rule => [keyOf(rule), rule]));
}

const LIFECYCLE_DECIDED_AT_DEPLOY = 'check the expiration for each value the template leaves to deploy time; accept it with allow: [\'OBJECT_EXPIRATION_SHORTENED\'] once checked.';

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
      const place = changePlace(change);
      const lifecycle = (resource: any) => resource.Properties?.LifecycleConfiguration;
      const wholeList = [lifecycle(change.after), lifecycle(change.after)?.Rules].find(value => intrinsicOf(value) !== undefined);
      if (wholeList !== undefined) {
        // The rules themselves are left to deploy time: any of them may expire objects.
        if (!same(lifecycle(change.before), lifecycle(change.after))) {
          out.push(finding('OBJECT_EXPIRATION_SHORTENED', 'warning', place, 'LifecycleConfiguration', lifecycle(change.before), lifecycle(change.after),
            `the bucket's lifecycle rules may expire objects sooner: ${deployTime('LifecycleConfiguration', wholeList).description}, so the guard cannot compare them`, LIFECYCLE_DECIDED_AT_DEPLOY));
        }
        continue;
      }
      const before = enabledRules(change.before);
      for (const [key, rule] of enabledRules(change.after)) {
        const name = typeof rule.Id === 'string' ? `rule ${JSON.stringify(rule.Id)}` : 'a lifecycle rule';
        const property = (measure: string) => `LifecycleConfiguration.Rules[${key.replace(/^id:/, '')}].${measure}`;
        const old = before.get(key);
        for (const expiration of EXPIRATIONS) {
          const value = expiration.read(rule);
          const was = old === undefined ? undefined : literalNumber(expiration.read(old));
          const undecided = [value, rule.Status].find(v => intrinsicOf(v) !== undefined);
          if (undecided !== undefined && value !== undefined) {
            if (old !== undefined && same(old, rule)) continue;
            out.push(finding('OBJECT_EXPIRATION_SHORTENED', 'warning', place, property(expiration.property), old === undefined ? '(none)' : expiration.read(old), value,
              `${name} of the bucket may expire objects sooner: ${deployTime(property(undecided === value ? expiration.property : 'Status'), undecided).description}, so the guard cannot compare it; if it does, ${expiration.deletes}`,
              LIFECYCLE_DECIDED_AT_DEPLOY));
            continue;
          }
          const now = literalNumber(value);
          if (now === undefined) continue;
          if (was !== undefined && now >= was) continue;
          out.push(finding('OBJECT_EXPIRATION_SHORTENED', 'warning', place, property(expiration.property),
            was ?? '(none)', now,
            `${name} of the bucket ${was === undefined ? 'now expires' : `expires sooner (${was} days before)`} after ${now} days: ${expiration.deletes}, including those already older when it deploys`,
            'keep the expiration; if it must shrink, first copy what must be kept (another bucket, or Glacier without expiration).'));
        }
      }
    }
    return out;
  },
};
