import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { PriceTable } from './price-table';
import { MAX_ITEM_BYTES } from './units';
import { GlobalSecondaryIndexWorkload, IndexReadShare, ReadConsistency, Workload } from './workload';
import { invalid, show as showJson } from '../shared/errors';

const WHERE = 'CapacityPlanner.plan';

/** A workload with its defaults applied, checked once: everything after reads this, never the raw input. */
export interface ResolvedWorkload {
  readonly itemSizeBytes: number;
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
  readonly peakReadsPerSecond: number;
  readonly peakWritesPerSecond: number;
  readonly readConsistency: ReadConsistency;
  readonly transactionalWriteShare: number;
  readonly globalSecondaryIndexes: GlobalSecondaryIndexWorkload[];
  /** Read share by index name; every index is present (0 when no reads query it). */
  readonly indexReadShares: { [indexName: string]: number };
  readonly replicaRegions: string[];
  readonly storageGb: number;
  readonly pointInTimeRecovery: boolean;
  readonly tableClass: TableClass;
  readonly hotKeyShare?: number;
  readonly prices: PriceTable;
}

/** Checks a workload and applies its defaults; throws our error naming the field and the value. */
export function resolveWorkload(workload: Workload): ResolvedWorkload {
  if (typeof workload !== 'object' || workload === null) {
    invalid(WHERE, 'workload', `is ${show(workload)}, not an object`, 'give at least itemSizeBytes, readsPerSecond, writesPerSecond and storageGb');
  }
  const readsPerSecond = rate('readsPerSecond', workload.readsPerSecond);
  const writesPerSecond = rate('writesPerSecond', workload.writesPerSecond);
  const peakReadsPerSecond = workload.peakReadsPerSecond === undefined ? readsPerSecond : rate('peakReadsPerSecond', workload.peakReadsPerSecond);
  const peakWritesPerSecond = workload.peakWritesPerSecond === undefined ? writesPerSecond : rate('peakWritesPerSecond', workload.peakWritesPerSecond);
  if (peakReadsPerSecond < readsPerSecond) {
    invalid(WHERE, 'workload.peakReadsPerSecond', `is ${show(peakReadsPerSecond)}, below the average readsPerSecond (${show(readsPerSecond)})`, 'give the rate at the busiest time, at least the average');
  }
  if (peakWritesPerSecond < writesPerSecond) {
    invalid(WHERE, 'workload.peakWritesPerSecond', `is ${show(peakWritesPerSecond)}, below the average writesPerSecond (${show(writesPerSecond)})`, 'give the rate at the busiest time, at least the average');
  }
  const indexes = list<GlobalSecondaryIndexWorkload>('globalSecondaryIndexes', workload.globalSecondaryIndexes);
  const names = new Set<string>();
  indexes.forEach((index, i) => {
    const field = `globalSecondaryIndexes[${i}]`;
    if (typeof index?.indexName !== 'string' || index.indexName === '') {
      invalid(WHERE, `workload.${field}.indexName`, `is ${show(index?.indexName)}, not an index name`, 'give the name of the index as the table declares it');
    }
    if (names.has(index.indexName)) {
      invalid(WHERE, `workload.${field}.indexName`, `is ${show(index.indexName)}, a name already listed`, 'list each index once');
    }
    names.add(index.indexName);
    share(`${field}.writeShare`, index.writeShare);
    itemSize(`${field}.projectedItemSizeBytes`, index.projectedItemSizeBytes);
  });
  return {
    itemSizeBytes: itemSize('itemSizeBytes', workload.itemSizeBytes),
    readsPerSecond,
    writesPerSecond,
    peakReadsPerSecond,
    peakWritesPerSecond,
    readConsistency: oneOf('readConsistency', workload.readConsistency, Object.values(ReadConsistency), ReadConsistency.EVENTUAL),
    transactionalWriteShare: workload.transactionalWriteShare === undefined ? 0 : share('transactionalWriteShare', workload.transactionalWriteShare),
    globalSecondaryIndexes: indexes.map(i => ({ ...i })),
    indexReadShares: indexReadShares(workload.indexReads, names),
    replicaRegions: regions(workload.replicaRegions),
    storageGb: amount('storageGb', workload.storageGb, 'give the table size in GB (0 for a new, empty table)'),
    pointInTimeRecovery: workload.pointInTimeRecovery === undefined ? true : flag('pointInTimeRecovery', workload.pointInTimeRecovery),
    tableClass: oneOf('tableClass', workload.tableClass, Object.values(TableClass), TableClass.STANDARD),
    hotKeyShare: workload.hotKeyShare === undefined ? undefined : share('hotKeyShare', workload.hotKeyShare),
    prices: prices(workload.prices),
  };
}

function indexReadShares(reads: IndexReadShare[] | undefined, names: Set<string>): { [indexName: string]: number } {
  const shares: { [indexName: string]: number } = Object.fromEntries([...names].map(n => [n, 0]));
  let total = 0;
  list<IndexReadShare>('indexReads', reads).forEach((read, i) => {
    const field = `indexReads[${i}]`;
    if (!names.has(read?.indexName)) {
      const known = names.size ? `one of ${[...names].map(n => show(n)).join(', ')}` : 'an index listed in globalSecondaryIndexes (there are none)';
      invalid(WHERE, `workload.${field}.indexName`, `is ${show(read?.indexName)}, not an index of globalSecondaryIndexes`, `name ${known}`);
    }
    shares[read.indexName] += share(`${field}.readShare`, read.readShare);
    total += read.readShare;
  });
  if (Number(total.toPrecision(12)) > 1) {
    invalid(WHERE, 'workload.indexReads', `shares add up to ${show(total)}, more than all reads`, 'give shares of readsPerSecond that add up to 1 at most (the rest read the table)');
  }
  return shares;
}

function rate(field: string, value: unknown): number {
  return amount(field, value, 'give an average number per second, 0 or more');
}

function amount(field: string, value: unknown, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(WHERE, `workload.${field}`, `is ${show(value)}, not a finite number 0 or more`, fix);
  }
  return value;
}

function share(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    invalid(WHERE, `workload.${field}`, `is ${show(value)}, not a share between 0 and 1`, 'give a fraction such as 0.25 for a quarter');
  }
  return value;
}

function itemSize(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    invalid(WHERE, `workload.${field}`, `is ${show(value)}, not a size in bytes`, 'give the average item size in bytes, more than 0');
  }
  if (value > MAX_ITEM_BYTES) {
    invalid(WHERE, `workload.${field}`, `is ${show(value)} bytes, over DynamoDB's item limit of 400 KB (409,600 bytes)`, 'store large attributes in S3 and keep their key in the item, or split the item');
  }
  return value;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    invalid(WHERE, `workload.${field}`, `is ${show(value)}, not a known value`, `use one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function flag(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') invalid(WHERE, `workload.${field}`, `is ${show(value)}, not true or false`, 'give true or false');
  return value;
}

function list<T>(field: string, value: T[] | undefined): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) invalid(WHERE, `workload.${field}`, `is ${show(value)}, not a list`, 'give a list, or leave it out');
  return value;
}

function regions(value: string[] | undefined): string[] {
  const all = list<string>('replicaRegions', value);
  all.forEach((region, i) => {
    if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
      invalid(WHERE, `workload.replicaRegions[${i}]`, `is ${show(region)}, not a region name`, 'give a region such as "eu-west-1"');
    }
    if (all.indexOf(region) !== i) {
      invalid(WHERE, `workload.replicaRegions[${i}]`, `is ${show(region)}, a region already listed`, 'list each replica region once');
    }
  });
  return [...all];
}

function prices(value: PriceTable | undefined): PriceTable {
  if (value === undefined) return PriceTable.usEast1();
  if (!(value instanceof PriceTable)) {
    invalid(WHERE, 'workload.prices', `is ${show(value)}, not a PriceTable`, 'use PriceTable.usEast1({ ...overrides }) or new PriceTable({...})');
  }
  return value;
}

/** A value for a message: NaN and Infinity as themselves (JSON would print them as null). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : showJson(value);
}
