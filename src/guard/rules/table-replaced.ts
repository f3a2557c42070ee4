import { GuardFinding } from '../findings';
import { GuardRule, TableUpdate, finding, same, tablePlace } from './rule';
import { decided, keyNames, keyTypes } from './table-values';
import { isDeployTime } from '../../template/deploy-time';

/** The properties this rule judges itself; any other the CloudFormation spec says replaces the table is reported as it is. */
const JUDGED = ['KeySchema', 'AttributeDefinitions', 'LocalSecondaryIndexes', 'TableName'];

const MIGRATE = 'create a new table under a new construct id beside the old one, copy the data (export to S3 and import, or a backfill job), move readers and writers, then remove the old table with RETAIN; or restore the old definition and adopt a new table with `cdk import`';

function outcomes(t: TableUpdate): { fate: string; outcome: string } {
  const retained = t.before.retainedOnReplacement && t.after.retainedOnReplacement;
  const fate = retained
    ? 'the old table is orphaned (UpdateReplacePolicy Retain) with all the data, and the stack now points at a new, empty table'
    : 'the old table is deleted with all its data (UpdateReplacePolicy is not Retain) and a new, empty one takes its place';
  const name = decided(t.after.tableName);
  const fixedName = name !== undefined && name === decided(t.before.tableName);
  const outcome = fixedName
    ? `CloudFormation must replace the table but it has a fixed TableName, so the deploy fails ("cannot update a stack when a custom-named resource requires replacing"); without the name, ${fate}`
    : `CloudFormation replaces the table: ${fate}`;
  return { fate, outcome };
}

/**
 * Changes that make CloudFormation replace a table: the key schema (names or attribute types),
 * local secondary indexes, the table name, and whatever else the CloudFormation resource
 * specification marks as replacing (through `@aws-cdk/cloudformation-diff`).
 */
export const tableReplaced: GuardRule = {
  kinds: ['TABLE_REPLACED'],
  check: ({ tables, changes }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const { fate, outcome } = outcomes(t);
      const b = t.before.resource.Properties ?? {};
      const a = t.after.resource.Properties ?? {};
      const add = (property: string, before: unknown, after: unknown, problem: string, safeChange: string) =>
        out.push(finding('TABLE_REPLACED', 'blocking', tablePlace(t), property, before, after, problem, safeChange));
      const namesB = keyNames(t.before.keys);
      const namesA = keyNames(t.after.keys);
      if (namesB && namesA && !same(namesB, namesA)) {
        add('KeySchema', b.KeySchema, a.KeySchema, `the key schema changed: ${outcome}`, MIGRATE + '.');
      } else if (namesB && namesA && !same(keyTypes(t.before.keys), keyTypes(t.after.keys))) {
        add('AttributeDefinitions', keyTypes(t.before.keys), keyTypes(t.after.keys), `a key attribute changed type: ${outcome}`, MIGRATE + '.');
      }
      const lsiDecided = !isDeployTime(t.before.localSecondaryIndexes) && !isDeployTime(t.after.localSecondaryIndexes);
      if (lsiDecided && !same(b.LocalSecondaryIndexes ?? [], a.LocalSecondaryIndexes ?? [])) {
        add('LocalSecondaryIndexes', b.LocalSecondaryIndexes, a.LocalSecondaryIndexes,
          `local secondary indexes can only be set when a table is created: ${outcome}`,
          `use a global secondary index instead (added in place, one per deploy), or ${MIGRATE}.`);
      }
      if (!isDeployTime(t.before.tableName) && !isDeployTime(t.after.tableName) && !same(t.before.tableName, t.after.tableName)) {
        add('TableName', b.TableName, a.TableName, `a table cannot be renamed: CloudFormation replaces the table: ${fate}`,
          `keep the old TableName; if the name must change, ${MIGRATE}.`);
      }
      const change = changes.find(c => c.path === t.path && c.logicalId === t.logicalId);
      for (const p of change?.replacingProperties ?? []) {
        if (JUDGED.includes(p.property)) continue;
        add(p.property, b[p.property], a[p.property],
          `${p.property} ${p.impact === 'WILL_REPLACE' ? 'replaces' : 'may replace'} the table (CloudFormation resource specification): ${outcome}`,
          `keep ${p.property} as it was; if it must change, ${MIGRATE}.`);
      }
    }
    return out;
  },
};
