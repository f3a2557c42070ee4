import { num } from './format';
import {
  ceilUnits, PARTITION_READ_UNITS, PARTITION_STORAGE_GB, PARTITION_WRITE_UNITS, READ_UNIT_BYTES, READ_UNIT_FACTOR,
  readBlocks, SECONDS_PER_MONTH, WRITE_UNIT_BYTES, writeBlocks,
} from './units';
import { ResolvedWorkload } from './validation';
import { ReadConsistency } from './workload';

/** One index's throughput: units per request, average units per second, peak capacity. */
export interface IndexThroughput {
  readonly indexName: string;
  readonly averageReadUnits: number;
  readonly averageWriteUnits: number;
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/** Every throughput figure of a plan, in units per second unless named per month. */
export interface Throughput {
  readonly averageReadUnits: number;
  readonly averageWriteUnits: number;
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
  readonly indexes: IndexThroughput[];
  readonly replicaCount: number;
  readonly replicatedWriteCapacityUnits: number;
  /** Average write units each replica region applies (table and indexes). */
  readonly averageReplicaWriteUnits: number;
  readonly readRequestUnitsPerMonth: number;
  /** Table and index writes in the table's own region. */
  readonly localWriteRequestUnitsPerMonth: number;
  /** Writes applied by all replica regions. */
  readonly replicatedWriteRequestUnitsPerMonth: number;
  readonly partitions: number;
}

const CONSISTENCY_NAME: { [c in ReadConsistency]: string } = {
  [ReadConsistency.EVENTUAL]: 'eventually consistent',
  [ReadConsistency.STRONG]: 'strongly consistent',
  [ReadConsistency.TRANSACTIONAL]: 'transactional',
};

/** DynamoDB's published capacity arithmetic, each step written to `explain`. */
export function computeThroughput(w: ResolvedWorkload, explain: (line: string) => void): Throughput {
  const blocks = readBlocks(w.itemSizeBytes);
  const factor = READ_UNIT_FACTOR[w.readConsistency];
  const unitsPerRead = blocks * factor;
  explain(`table read: ceil(${num(w.itemSizeBytes)} B / ${num(READ_UNIT_BYTES)} B) = ${blocks} × ${factor} (${CONSISTENCY_NAME[w.readConsistency]}) = ${num(unitsPerRead)} read units`);
  const itemWriteUnits = writeBlocks(w.itemSizeBytes);
  const unitsPerWrite = itemWriteUnits * (1 + w.transactionalWriteShare);
  explain(`table write: ceil(${num(w.itemSizeBytes)} B / ${num(WRITE_UNIT_BYTES)} B) = ${itemWriteUnits} write units`
    + (w.transactionalWriteShare ? `; × (1 + ${num(w.transactionalWriteShare)} transactional share, which costs double) = ${num(unitsPerWrite)} on average` : ''));

  const tableReadShare = 1 - Object.values(w.indexReadShares).reduce((a, b) => a + b, 0);
  const shareText = tableReadShare < 1 ? ` × ${num(tableReadShare)} read the table` : '';
  const averageReadUnits = w.readsPerSecond * tableReadShare * unitsPerRead;
  const readCapacityUnits = ceilUnits(w.peakReadsPerSecond * tableReadShare * unitsPerRead);
  explain(`readCapacityUnits = ceil(${num(w.peakReadsPerSecond)} peak reads/s${shareText} × ${num(unitsPerRead)}) = ${readCapacityUnits}`);
  const averageWriteUnits = w.writesPerSecond * unitsPerWrite;
  const writeCapacityUnits = ceilUnits(w.peakWritesPerSecond * unitsPerWrite);
  explain(`writeCapacityUnits = ceil(${num(w.peakWritesPerSecond)} peak writes/s × ${num(unitsPerWrite)}) = ${writeCapacityUnits}`);

  const indexes = w.globalSecondaryIndexes.map(index => {
    const readShare = w.indexReadShares[index.indexName];
    const indexBlocks = readBlocks(index.projectedItemSizeBytes);
    const indexUnitsPerRead = indexBlocks * READ_UNIT_FACTOR[ReadConsistency.EVENTUAL];
    const indexUnitsPerWrite = writeBlocks(index.projectedItemSizeBytes);
    const name = index.indexName;
    explain(`index ${name}: read ceil(${num(index.projectedItemSizeBytes)} B / ${num(READ_UNIT_BYTES)} B) = ${indexBlocks} × 0.5 (indexes read eventually consistent) = ${num(indexUnitsPerRead)} read units; `
      + `write ceil(${num(index.projectedItemSizeBytes)} B / ${num(WRITE_UNIT_BYTES)} B) = ${indexUnitsPerWrite} write unit${indexUnitsPerWrite === 1 ? '' : 's'}`);
    const readCapacity = ceilUnits(w.peakReadsPerSecond * readShare * indexUnitsPerRead);
    const writeCapacity = ceilUnits(w.peakWritesPerSecond * index.writeShare * indexUnitsPerWrite);
    explain(`indexReadCapacityUnits.${name} = ceil(${num(w.peakReadsPerSecond)} peak reads/s × ${num(readShare)} query it × ${num(indexUnitsPerRead)}) = ${readCapacity}`);
    explain(`indexWriteCapacityUnits.${name} = ceil(${num(w.peakWritesPerSecond)} peak writes/s × ${num(index.writeShare)} write to it × ${indexUnitsPerWrite}) = ${writeCapacity}`);
    return {
      indexName: name,
      averageReadUnits: w.readsPerSecond * readShare * indexUnitsPerRead,
      averageWriteUnits: w.writesPerSecond * index.writeShare * indexUnitsPerWrite,
      readCapacityUnits: readCapacity,
      writeCapacityUnits: writeCapacity,
    };
  });

  const replicaCount = w.replicaRegions.length;
  const indexWriteCapacity = indexes.reduce((sum, i) => sum + i.writeCapacityUnits, 0);
  const replicatedWriteCapacityUnits = replicaCount * (writeCapacityUnits + indexWriteCapacity);
  if (replicaCount) {
    explain(`replicatedWriteCapacityUnits = ${replicaCount} replica region${replicaCount === 1 ? '' : 's'} (${w.replicaRegions.join(', ')}) × (${writeCapacityUnits} table`
      + (indexes.length ? ` + ${indexWriteCapacity} indexes` : '') + `) = ${replicatedWriteCapacityUnits}`);
  } else {
    explain('replicatedWriteCapacityUnits = 0 (no replica regions)');
  }

  const indexReadUnits = indexes.reduce((sum, i) => sum + i.averageReadUnits, 0);
  const indexWriteUnits = indexes.reduce((sum, i) => sum + i.averageWriteUnits, 0);
  const readRequestUnitsPerMonth = Math.round((averageReadUnits + indexReadUnits) * SECONDS_PER_MONTH);
  explain(`readRequestUnitsPerMonth = (${num(averageReadUnits)} table` + (indexes.length ? ` + ${num(indexReadUnits)} indexes` : '')
    + ` average read units/s) × ${num(SECONDS_PER_MONTH)} s (730 h) = ${num(readRequestUnitsPerMonth)}`);
  const averageReplicaWriteUnits = averageWriteUnits + indexWriteUnits;
  const localWriteRequestUnitsPerMonth = averageReplicaWriteUnits * SECONDS_PER_MONTH;
  const replicatedWriteRequestUnitsPerMonth = replicaCount * averageReplicaWriteUnits * SECONDS_PER_MONTH;
  const writeRequestUnitsPerMonth = Math.round(localWriteRequestUnitsPerMonth + replicatedWriteRequestUnitsPerMonth);
  explain(`writeRequestUnitsPerMonth = (${num(averageWriteUnits)} table` + (indexes.length ? ` + ${num(indexWriteUnits)} indexes` : '')
    + ' average write units/s)' + (replicaCount ? ` × (1 + ${replicaCount} replica region${replicaCount === 1 ? '' : 's'})` : '')
    + ` × ${num(SECONDS_PER_MONTH)} s = ${num(writeRequestUnitsPerMonth)}`);

  const byThroughput = Math.max(1, ceilUnits(readCapacityUnits / PARTITION_READ_UNITS + writeCapacityUnits / PARTITION_WRITE_UNITS));
  const byStorage = Math.max(1, ceilUnits(w.storageGb / PARTITION_STORAGE_GB));
  const partitions = Math.max(byThroughput, byStorage);
  explain(`partitions = max(ceil(${readCapacityUnits} RCU / 3,000 + ${writeCapacityUnits} WCU / 1,000) = ${byThroughput}, `
    + `ceil(${num(w.storageGb)} GB / 10 GB) = ${byStorage}) = ${partitions}`);

  return {
    averageReadUnits,
    averageWriteUnits,
    readCapacityUnits,
    writeCapacityUnits,
    indexes,
    replicaCount,
    replicatedWriteCapacityUnits,
    averageReplicaWriteUnits,
    readRequestUnitsPerMonth,
    localWriteRequestUnitsPerMonth,
    replicatedWriteRequestUnitsPerMonth,
    partitions,
  };
}
