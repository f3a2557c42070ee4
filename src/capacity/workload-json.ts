import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { PriceTable, PriceTableOverrides } from './price-table';
import { ReadConsistency, Workload } from './workload';
import { invalid, show } from '../shared/errors';

const WORKLOAD_FIELDS = [
  'itemSizeBytes', 'readsPerSecond', 'writesPerSecond', 'peakReadsPerSecond', 'peakWritesPerSecond', 'readConsistency',
  'transactionalWriteShare', 'globalSecondaryIndexes', 'indexReads', 'replicaRegions', 'storageGb', 'pointInTimeRecovery',
  'tableClass', 'hotKeyShare', 'prices',
];
const INDEX_FIELDS = ['indexName', 'writeShare', 'projectedItemSizeBytes'];
const INDEX_READ_FIELDS = ['indexName', 'readShare'];
const PRICE_FIELDS = ['standard', 'standardInfrequentAccess', 'pointInTimeRecoveryPerGbMonth', 'source'];
const CLASS_PRICE_FIELDS = [
  'onDemandReadPerMillion', 'onDemandWritePerMillion', 'onDemandReplicatedWritePerMillion', 'provisionedReadPerCapacityUnitHour',
  'provisionedWritePerCapacityUnitHour', 'provisionedReplicatedWritePerCapacityUnitHour', 'storagePerGbMonth',
];

/**
 * A `Workload` from parsed JSON (the `plan` command's file): the same field names, enums as their
 * names (`"STRONG"`, `"STANDARD_INFREQUENT_ACCESS"`), and `prices` as overrides of
 * `PriceTable.usEast1()`. An unknown field is an error, not ignored: a misspelt
 * `peakReadsPerSecond` would otherwise plan for steady traffic without a word.
 *
 * The values themselves are checked by `CapacityPlanner.plan`.
 */
export function workloadFromJson(json: unknown, source: string): Workload {
  const workload = object(json, source, 'the workload', WORKLOAD_FIELDS);
  (array(workload.globalSecondaryIndexes) ?? []).forEach((index, i) => object(index, source, `globalSecondaryIndexes[${i}]`, INDEX_FIELDS));
  (array(workload.indexReads) ?? []).forEach((read, i) => object(read, source, `indexReads[${i}]`, INDEX_READ_FIELDS));
  let prices: PriceTable | undefined;
  if (workload.prices !== undefined) {
    const overrides = object(workload.prices, source, 'prices', PRICE_FIELDS);
    for (const name of ['standard', 'standardInfrequentAccess']) {
      if (overrides[name] !== undefined) object(overrides[name], source, `prices.${name}`, CLASS_PRICE_FIELDS);
    }
    prices = PriceTable.usEast1(overrides as PriceTableOverrides);
  }
  return {
    ...workload,
    readConsistency: workload.readConsistency as ReadConsistency | undefined,
    tableClass: workload.tableClass as TableClass | undefined,
    prices,
  } as unknown as Workload;
}

function object(value: unknown, source: string, what: string, fields: string[]): { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(source, what, `is ${show(value)}, not a JSON object`, `give an object with ${fields.join(', ')}`);
  }
  const unknown = Object.keys(value).find(key => !fields.includes(key));
  if (unknown !== undefined) {
    const where = what === 'the workload' ? unknown : `${what}.${unknown}`;
    invalid(source, where, 'is not a field we know', `use only ${fields.join(', ')}`);
  }
  return value as { [key: string]: unknown };
}

function array(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
