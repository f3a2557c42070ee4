import { ResourceChange } from './engine';
import { isTableType } from '../template/resource-types';

/**
 * A resource removed from one logical ID (or template) and added under another: a renamed or
 * moved construct. CloudFormation does not see moves: it creates the new resource, empty, and
 * deletes (or, with Retain, orphans) the old one.
 */
export interface Move {
  readonly from: ResourceChange;
  readonly to: ResourceChange;
  /**
   * What changed in the logical ID (and template), the same for every resource one rename moves:
   * renaming `Orders` to `OrdersTable` moves `Orders…`, its key `OrdersKey…` and its consumer's
   * `OrdersConsumerFailureQueue…` alike.
   */
  readonly rename: string;
}

const HASH = /[0-9A-F]{8}$/;

/** The logical ID without the hash CDK appends: the construct path, as the logical ID spells it. */
export function withoutHash(logicalId: string): string {
  return logicalId.length > 8 && HASH.test(logicalId) ? logicalId.slice(0, -8) : logicalId;
}

interface Option {
  readonly to: ResourceChange;
  readonly rename: string;
  /** How many characters of the logical ID the rename keeps: the closer match wins a tie. */
  readonly kept: number;
}

function renameOf(from: ResourceChange, to: ResourceChange): { rename: string; kept: number } {
  const a = withoutHash(from.logicalId);
  const b = withoutHash(to.logicalId);
  const shortest = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shortest && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const where = from.path === to.path ? '' : `${from.path} > ${to.path}: `;
  return { rename: `${where}${a.slice(prefix, a.length - suffix)} > ${b.slice(prefix, b.length - suffix)}`, kept: prefix + suffix };
}

function partitionKeyOf(resource: any): string | undefined {
  const keys = resource?.Properties?.KeySchema;
  const hash = Array.isArray(keys) ? keys.find((k: any) => k?.KeyType === 'HASH')?.AttributeName : undefined;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * Whether an added table holds what identifies the removed one's data: the same fixed table
 * name, or the same partition key. Two tables that share neither are two different tables.
 */
export function sameData(from: any, to: any): boolean {
  const nameA = from?.Properties?.TableName;
  const nameB = to?.Properties?.TableName;
  if (typeof nameA === 'string' && nameA === nameB) return true;
  if (typeof nameA === 'string' && typeof nameB === 'string') return false;
  const keyA = partitionKeyOf(from);
  return keyA !== undefined && keyA === partitionKeyOf(to);
}

function candidates(from: ResourceChange, added: ResourceChange[]): ResourceChange[] {
  const type = from.before!.Type;
  if (isTableType(type)) return added.filter(a => isTableType(a.after!.Type) && sameData(from.before, a.after));
  return added.filter(a => a.after!.Type === type);
}

/**
 * Pairs removed and added resources that are likely the same resource moved. Tables pair by what
 * identifies their data (fixed name or partition key); other resources by the rename that explains
 * the most pairs, or as the only candidate of their type. Unpaired resources stay removed/added.
 */
export function findMoves(changes: readonly ResourceChange[]): Move[] {
  const removed = changes.filter(c => c.before && !c.after);
  const added = changes.filter(c => c.after && !c.before);
  if (removed.length === 0 || added.length === 0) return [];
  const votes = new Map<string, number>();
  const options = removed.map(from => {
    const found: Option[] = candidates(from, added).map(to => ({ to, ...renameOf(from, to) }));
    for (const rename of new Set(found.map(f => f.rename))) votes.set(rename, (votes.get(rename) ?? 0) + 1);
    return { from, found };
  });
  const score = (rename: string) => votes.get(rename) ?? 0;
  const rank = (x: Option, y: Option) => score(y.rename) - score(x.rename) || y.kept - x.kept;
  const taken = new Set<ResourceChange>();
  const moves: Move[] = [];
  const best = (found: Option[]) => Math.max(0, ...found.map(f => score(f.rename)));
  for (const { from, found } of [...options].sort((x, y) => best(y.found) - best(x.found))) {
    const free = found.filter(f => !taken.has(f.to)).sort(rank);
    if (free.length === 0) continue;
    const explained = free.length === 1 || score(free[0].rename) > score(free[1].rename);
    // A removed table with a candidate is always paired: calling it "removed" (a warning with
    // Retain) when a table with its data's identity is added would pass a deploy that empties it.
    if (!explained && !isTableType(from.before!.Type)) continue;
    taken.add(free[0].to);
    moves.push({ from, to: free[0].to, rename: free[0].rename });
  }
  return moves;
}
