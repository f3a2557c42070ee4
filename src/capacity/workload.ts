import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { PriceTable } from './price-table';

/** How the table's reads are made; it sets how many read units each read costs. */
export enum ReadConsistency {
  /** Eventually consistent: half a read unit per 4 KB. */
  EVENTUAL = 'EVENTUAL',
  /** Strongly consistent: one read unit per 4 KB. */
  STRONG = 'STRONG',
  /** Transactional (`TransactGetItems`): two read units per 4 KB. */
  TRANSACTIONAL = 'TRANSACTIONAL',
}

/** A global secondary index, as the planner sees it: how many writes reach it and how big its items are. */
export interface GlobalSecondaryIndexWorkload {
  /** The index's name (as in `globalSecondaryIndexes` of the table). */
  readonly indexName: string;
  /**
   * The share (0–1) of the table's writes that write to this index: writes of items that have the
   * index's key attributes. Count an update that changes the index's key as two writes (the index
   * deletes the old entry and writes the new one) by raising the share.
   */
  readonly writeShare: number;
  /**
   * The size in bytes of the index's item: the index and table keys plus the projected
   * attributes (`KEYS_ONLY` is small; `ALL` is the whole item). Each write to the index costs
   * this size's write units.
   */
  readonly projectedItemSizeBytes: number;
}

/** Reads that query an index instead of the table. */
export interface IndexReadShare {
  /** The index, one of `globalSecondaryIndexes`. */
  readonly indexName: string;
  /**
   * The share (0–1) of all reads (`readsPerSecond`) that query this index. Index reads are
   * eventually consistent (the only kind a GSI serves) and cost its projected item size.
   */
  readonly readShare: number;
}

/** What the table will be asked to do: the input of `CapacityPlanner.plan`. */
export interface Workload {
  /** The average item size in bytes, at most 400 KB (409,600 bytes). */
  readonly itemSizeBytes: number;
  /** Average reads per second (items read, table and index queries together). */
  readonly readsPerSecond: number;
  /** Average writes per second (items put, updated or deleted). */
  readonly writesPerSecond: number;
  /**
   * Reads per second at the busiest time.
   * @default `readsPerSecond` (steady traffic)
   */
  readonly peakReadsPerSecond?: number;
  /**
   * Writes per second at the busiest time.
   * @default `writesPerSecond` (steady traffic)
   */
  readonly peakWritesPerSecond?: number;
  /**
   * How the table's reads are made.
   * @default ReadConsistency.EVENTUAL, the DynamoDB API's default
   */
  readonly readConsistency?: ReadConsistency;
  /**
   * The share (0–1) of writes made in transactions (`TransactWriteItems`), which cost twice.
   * @default 0
   */
  readonly transactionalWriteShare?: number;
  /**
   * The table's global secondary indexes.
   * @default no indexes
   */
  readonly globalSecondaryIndexes?: GlobalSecondaryIndexWorkload[];
  /**
   * Reads that query an index instead of the table; the rest read the table.
   * @default every read reads the table
   */
  readonly indexReads?: IndexReadShare[];
  /**
   * The replica regions of a global table, other than the table's own region (as in `TableV2`'s
   * `replicas`). Each applies every write, its indexes' too, and stores a copy. Reads are assumed
   * to be served by the table's own region.
   * @default no replicas
   */
  readonly replicaRegions?: string[];
  /** The table's size in GB, its indexes' projected copies included. */
  readonly storageGb: number;
  /**
   * Whether point-in-time recovery is on, in every region.
   * @default true, as `ProductionTable` sets it: a plan without it would cost less than the table
   */
  readonly pointInTimeRecovery?: boolean;
  /**
   * The table class, which sets the prices.
   * @default TableClass.STANDARD, the DynamoDB default
   */
  readonly tableClass?: TableClass;
  /**
   * The share (0–1) of the traffic on the busiest partition key. A single partition serves at
   * most 3,000 read units and 1,000 write units per second, whatever the table's capacity.
   * @default not checked
   */
  readonly hotKeyShare?: number;
  /**
   * The prices to use.
   * @default PriceTable.usEast1()
   */
  readonly prices?: PriceTable;
}
