import { Billing } from 'aws-cdk-lib/aws-dynamodb';

/** Which billing mode the plan recommends. */
export enum BillingRecommendation {
  /** Pay per request (`Billing.onDemand()`). */
  ON_DEMAND = 'ON_DEMAND',
  /** Provisioned capacity with autoscaling (`Billing.provisioned(...)`). */
  PROVISIONED = 'PROVISIONED',
}

/** What the workload costs per month, in USD, each part apart. */
export interface MonthlyCost {
  /** Reads and writes on demand, for the average traffic (table, indexes and replicas). */
  readonly onDemand: number;
  /**
   * Reads and writes provisioned, for the capacity autoscaling converges to: the average traffic
   * at a 70% utilisation target, at least 1 unit for the table, each index and each replica.
   */
  readonly provisioned: number;
  /** Storage, in every region. */
  readonly storage: number;
  /** Point-in-time recovery, in every region (0 when it is off). */
  readonly pointInTimeRecovery: number;
}

/** The recommendation and why. */
export interface BillingChoice {
  /** On demand or provisioned. */
  readonly recommendation: BillingRecommendation;
  /** Why, with the figures that decided it. */
  readonly reason: string;
}

/** The result of `CapacityPlanner.plan`: capacity, partitions, cost and the `Billing` to use. */
export interface CapacityPlan {
  /** Read capacity units the table needs at the peak (table reads only, not index reads). */
  readonly readCapacityUnits: number;
  /** Write capacity units the table needs at the peak (table only). */
  readonly writeCapacityUnits: number;
  /** Read capacity units each index needs at the peak, by index name. */
  readonly indexReadCapacityUnits: { [indexName: string]: number };
  /** Write capacity units each index needs at the peak, by index name. */
  readonly indexWriteCapacityUnits: { [indexName: string]: number };
  /** Replicated write capacity units at the peak, all replica regions together (table and indexes). */
  readonly replicatedWriteCapacityUnits: number;
  /** Read request units per month at the average (730 hours): table and indexes. */
  readonly readRequestUnitsPerMonth: number;
  /** Write request units per month at the average (730 hours): table, indexes and replicas. */
  readonly writeRequestUnitsPerMonth: number;
  /**
   * The fewest partitions the table needs: one per 3,000 RCU plus 1,000 WCU at the peak, and one
   * per 10 GB stored, whichever is more.
   */
  readonly partitions: number;
  /** What it costs per month, in USD. */
  readonly monthlyCost: MonthlyCost;
  /** On demand or provisioned, and why. */
  readonly recommendation: BillingChoice;
  /** The `Billing` to pass to `ProductionTable` (autoscaled when provisioned). */
  readonly billing: Billing;
  /** The same `Billing`, as TypeScript source. */
  readonly billingCode: string;
  /** What will go wrong: a hot key over one partition's limits, an index that would throttle the table. */
  readonly warnings: string[];
  /** Every figure with the arithmetic that produced it, one line each. */
  readonly explanation: string[];
}
