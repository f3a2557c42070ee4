import { GuardFinding } from '../findings';
import { GuardRule, TableUpdate, finding, same, tablePlace } from './rule';
import { DeployTimeValue } from '../../template/deploy-time';

/** Properties whose change replaces the table: left to a condition, the guard cannot rule a replacement out. */
const REPLACING = ['KeySchema', 'AttributeDefinitions', 'LocalSecondaryIndexes', 'TableName'];

function topLevel(marker: DeployTimeValue): string {
  return marker.property.split(/[.[]/)[0];
}

function conditionChanged(t: TableUpdate, condition: string | undefined): boolean {
  if (condition === undefined) return false;
  const conditions = (template: any) => (template.Conditions ?? {})[condition];
  return !same(conditions(t.beforeTemplate), conditions(t.afterTemplate));
}

/**
 * A table property that changed and is decided at deploy time (`Fn::If` on a condition, a `Ref`
 * to a parameter): the other rules compare what the template fixes, and this one names what
 * cannot be judged, with the condition that decides it.
 */
export const decidedAtDeploy: GuardRule = {
  kinds: ['DECIDED_AT_DEPLOY'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const markers = new Map<string, DeployTimeValue[]>();
      for (const marker of [...t.before.deployTimeValues, ...t.after.deployTimeValues]) {
        markers.set(topLevel(marker), [...markers.get(topLevel(marker)) ?? [], marker]);
      }
      for (const [property, found] of markers) {
        const b = t.before.resource.Properties?.[property];
        const a = t.after.resource.Properties?.[property];
        const conditions = [...new Set(found.map(m => m.condition).filter((c): c is string => c !== undefined))];
        if (same(b, a) && !conditions.some(c => conditionChanged(t, c))) continue;
        const by = conditions.length > 0 ? `condition${conditions.length > 1 ? 's' : ''} ${conditions.join(', ')}` : [...new Set(found.map(m => m.intrinsic))].join(', ');
        const replacing = REPLACING.includes(property);
        out.push(finding('DECIDED_AT_DEPLOY', replacing ? 'blocking' : 'warning', tablePlace(t), property, b, a,
          `${property} changed and is decided at deploy time by ${by}, so the guard cannot judge it`
          + (replacing ? `; depending on ${by}, CloudFormation may replace the table (a new, empty table)` : '; the other rules compared only the parts the template fixes'),
          `check the change for each value of ${by}, or synthesize with the condition resolved (a context value instead of a CfnCondition) and run the guard again; accept it with allow: ['DECIDED_AT_DEPLOY'] once checked.`));
      }
    }
    return out;
  },
};
