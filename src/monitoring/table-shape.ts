import { BillingMode } from 'aws-cdk-lib/aws-dynamodb';

/**
 * What monitoring knows of a table beyond `ITableV2`, which lists neither its indexes, its
 * replicas nor its billing. The lists are live: `addGlobalSecondaryIndex` and `addReplicaRegion`
 * append to them, and what is rendered at synthesis (dashboard widgets) reads them then.
 */
export interface TableShape {
  readonly tableName: string;
  readonly indexNames: string[];
  readonly regions: string[];
  readonly billingMode: BillingMode;
  /** The on-demand maximum read request units, if any. */
  readonly maxReadRequestUnits?: number;
  /** The on-demand maximum write request units, if any. */
  readonly maxWriteRequestUnits?: number;
}
