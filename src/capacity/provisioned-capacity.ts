import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { PriceTable } from './price-table';

/** Provisioned capacity to price: what one region provisions, and how many replica regions copy it. */
export interface ProvisionedCapacity {
  /** Read capacity units in the table's own region: the table and its indexes together. */
  readonly readCapacityUnits: number;
  /** Write capacity units in the table's own region: the table and its indexes together. */
  readonly writeCapacityUnits: number;
  /**
   * Replica regions other than the table's own. Each provisions the same write capacity (as
   * replicated write units: a global table's write capacity is shared) and its own read capacity.
   * @default 0
   */
  readonly replicaCount?: number;
  /**
   * Read capacity units in each replica region.
   * @default `readCapacityUnits`
   */
  readonly replicaReadCapacityUnits?: number;
  /**
   * The table class, which sets the prices.
   * @default TableClass.STANDARD
   */
  readonly tableClass?: TableClass;
  /**
   * The prices to use.
   * @default PriceTable.usEast1()
   */
  readonly prices?: PriceTable;
}
