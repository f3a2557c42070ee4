import { Decided, isDeployTime } from '../../template/deploy-time';
import { STACK_REGION } from '../../template/read-replicas';
import { IndexView, KeySchemaView, ReplicaView, TableView } from '../../template/table-view';

/**
 * Reading the typed table view for comparison. A value the template leaves to deploy time
 * (`Fn::If`) is left out here: rules compare what can be compared, and the DECIDED_AT_DEPLOY rule
 * names what cannot.
 */

/** The items of a list that are decided, or undefined when the whole list is decided at deploy time. */
export function decidedItems<T>(list: Decided<Array<Decided<T>>>): T[] | undefined {
  if (isDeployTime(list)) return undefined;
  return list.filter(item => !isDeployTime(item)) as T[];
}

/** The global secondary indexes by name, or undefined when the list is decided at deploy time. */
export function globalIndexes(table: TableView): Map<string, IndexView> | undefined {
  const items = decidedItems(table.globalSecondaryIndexes);
  return items && new Map(items.map(index => [index.name, index]));
}

/** Partition and sort key names, or undefined when decided at deploy time. */
export function keyNames(keys: Decided<KeySchemaView> | undefined): Array<string | undefined> | undefined {
  if (keys === undefined) return [];
  if (isDeployTime(keys)) return undefined;
  return [keys.partitionKey?.name, keys.sortKey?.name];
}

/** Partition and sort key attribute types (`S`, `N`, `B`); a type decided at deploy time reads as undefined. */
export function keyTypes(keys: Decided<KeySchemaView> | undefined): Array<string | undefined> {
  if (keys === undefined || isDeployTime(keys)) return [];
  const type = (t: Decided<string> | undefined) => (t === undefined || isDeployTime(t) ? undefined : t);
  return [type(keys.partitionKey?.type), type(keys.sortKey?.type)].slice(0, keys.sortKey ? 2 : 1);
}

/** A literal value of a view, or undefined when it is decided at deploy time. */
export function decided<T>(value: Decided<T> | undefined): T | undefined {
  return value === undefined || isDeployTime(value) ? undefined : value;
}

/** The replicas whose settings the template sets (a GlobalTable's Replicas, or the Table itself), by region. */
export function replicasByRegion(table: TableView, sources: ReadonlyArray<ReplicaView['source']> = ['replica', 'table']): Map<string, ReplicaView> {
  const replicas = isDeployTime(table.replicas) ? [] : table.replicas;
  const out = new Map<string, ReplicaView>();
  for (const replica of replicas) {
    if (!sources.includes(replica.source) || isDeployTime(replica.region)) continue;
    out.set(replica.region, replica);
  }
  return out;
}

/**
 * Aligns the stack's own region across the two sides when only one names it literally: a table
 * whose template says `{"Ref": "AWS::Region"}` before and `us-east-1` after (an environment added
 * to the stack) has the same replica in the stack's region, not one removed and one added.
 * CloudFormation requires a GlobalTable replica in the stack's region, so when exactly one literal
 * region of the other side is missing on this side, that is the stack's region.
 */
export function alignStackRegion(before: Map<string, ReplicaView>, after: Map<string, ReplicaView>): void {
  const fix = (withToken: Map<string, ReplicaView>, literal: Map<string, ReplicaView>) => {
    if (!withToken.has(STACK_REGION) || literal.has(STACK_REGION)) return;
    const missing = [...literal.keys()].filter(region => !withToken.has(region));
    if (missing.length !== 1) return;
    const replica = withToken.get(STACK_REGION)!;
    withToken.delete(STACK_REGION);
    withToken.set(missing[0], replica);
  };
  fix(before, after);
  fix(after, before);
}

/** How a finding names a replica's property: `Replicas[eu-west-1].` for a GlobalTable, nothing for a Table. */
export function replicaPrefix(replica: ReplicaView, region: string): string {
  return replica.source === 'replica' ? `Replicas[${region}].` : '';
}
