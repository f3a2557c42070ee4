import { TableUpdate, same } from './rule';
import { globalIndexes, keyNames, keyTypes } from './table-values';
import { IndexView } from '../../template/table-view';

/** How a table's global secondary indexes change, by index name (indexes decided at deploy time are left out). */
export interface GsiDiff {
  readonly before: Map<string, IndexView>;
  readonly after: Map<string, IndexView>;
  readonly added: string[];
  readonly removed: string[];
  /** Same name, new key schema or projection: the index would have to be deleted and rebuilt. */
  readonly rebuilt: string[];
  /** Same name and key names, but a key attribute's type changed (S to N). */
  readonly retyped: string[];
  /** The raw index of the template, for findings' before and after. */
  raw(side: 'before' | 'after', name: string): any;
}

export function gsiDiff(t: TableUpdate): GsiDiff | undefined {
  const before = globalIndexes(t.before);
  const after = globalIndexes(t.after);
  if (!before || !after) return undefined;
  const shape = (index: IndexView) => [keyNames(index.keys) ?? index.keys, index.projection];
  const kept = [...before.keys()].filter(name => after.has(name));
  const rebuilt = kept.filter(name => !same(shape(before.get(name)!), shape(after.get(name)!)));
  const retyped = kept.filter(name => !rebuilt.includes(name) && !same(keyTypes(before.get(name)!.keys), keyTypes(after.get(name)!.keys)));
  const rawList = (side: 'before' | 'after') => {
    const list = t[side].resource.Properties?.GlobalSecondaryIndexes;
    return Array.isArray(list) ? list : [];
  };
  return {
    before,
    after,
    added: [...after.keys()].filter(name => !before.has(name)),
    removed: [...before.keys()].filter(name => !after.has(name)),
    rebuilt,
    retyped,
    raw: (side, name) => rawList(side).find((i: any) => i?.IndexName === name),
  };
}
