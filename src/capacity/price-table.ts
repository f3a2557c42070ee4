import { TableClass } from 'aws-cdk-lib/aws-dynamodb';
import { checkProps } from '../shared/check-props';
import { invalid, show as showJson } from '../shared/errors';

/** The prices of one table class in one region, in USD. */
export interface TableClassPrices {
  /** On demand: USD per million read request units. */
  readonly onDemandReadPerMillion: number;
  /** On demand: USD per million write request units. */
  readonly onDemandWritePerMillion: number;
  /** On demand, global tables: USD per million replicated write request units (each replica region). */
  readonly onDemandReplicatedWritePerMillion: number;
  /** Provisioned: USD per read capacity unit-hour. */
  readonly provisionedReadPerCapacityUnitHour: number;
  /** Provisioned: USD per write capacity unit-hour. */
  readonly provisionedWritePerCapacityUnitHour: number;
  /** Provisioned, global tables: USD per replicated write capacity unit-hour (each replica region). */
  readonly provisionedReplicatedWritePerCapacityUnitHour: number;
  /** Table and index storage: USD per GB-month. */
  readonly storagePerGbMonth: number;
}

/** Any of a table class's prices, to replace the defaults (a negotiated discount, another region). */
export interface TableClassPriceOverrides {
  /** @default the table's default price */
  readonly onDemandReadPerMillion?: number;
  /** @default the table's default price */
  readonly onDemandWritePerMillion?: number;
  /** @default the table's default price */
  readonly onDemandReplicatedWritePerMillion?: number;
  /** @default the table's default price */
  readonly provisionedReadPerCapacityUnitHour?: number;
  /** @default the table's default price */
  readonly provisionedWritePerCapacityUnitHour?: number;
  /** @default the table's default price */
  readonly provisionedReplicatedWritePerCapacityUnitHour?: number;
  /** @default the table's default price */
  readonly storagePerGbMonth?: number;
}

/** Prices to replace in `PriceTable.usEast1()`. */
export interface PriceTableOverrides {
  /** @default the us-east-1 Standard prices */
  readonly standard?: TableClassPriceOverrides;
  /** @default the us-east-1 Standard-IA prices */
  readonly standardInfrequentAccess?: TableClassPriceOverrides;
  /** @default the us-east-1 price */
  readonly pointInTimeRecoveryPerGbMonth?: number;
  /**
   * Where the prices come from, shown in the plan's explanation.
   * @default "us-east-1 list prices, with overrides"
   */
  readonly source?: string;
}

/** Every price the planner needs, for a region of your choice. */
export interface PriceTableProps {
  /** Prices of the Standard table class. */
  readonly standard: TableClassPrices;
  /** Prices of the Standard-Infrequent Access table class. */
  readonly standardInfrequentAccess: TableClassPrices;
  /** Continuous backups (point-in-time recovery): USD per GB-month of table size. */
  readonly pointInTimeRecoveryPerGbMonth: number;
  /** Where the prices come from (a URL and the date they were read), shown in the plan's explanation. */
  readonly source: string;
}

const US_EAST_1_STANDARD: TableClassPrices = {
  onDemandReadPerMillion: 0.125,
  onDemandWritePerMillion: 0.625,
  onDemandReplicatedWritePerMillion: 0.625,
  provisionedReadPerCapacityUnitHour: 0.00013,
  provisionedWritePerCapacityUnitHour: 0.00065,
  provisionedReplicatedWritePerCapacityUnitHour: 0.00065,
  storagePerGbMonth: 0.25,
};

const US_EAST_1_STANDARD_IA: TableClassPrices = {
  onDemandReadPerMillion: 0.15625,
  onDemandWritePerMillion: 0.78125,
  onDemandReplicatedWritePerMillion: 0.78125,
  provisionedReadPerCapacityUnitHour: 0.00016,
  provisionedWritePerCapacityUnitHour: 0.00081,
  provisionedReplicatedWritePerCapacityUnitHour: 0.00081,
  storagePerGbMonth: 0.10,
};

const US_EAST_1_SOURCE = 'us-east-1 list prices read 2026-12-01 from https://aws.amazon.com/dynamodb/pricing/on-demand/ and https://aws.amazon.com/dynamodb/pricing/provisioned/';

/**
 * DynamoDB prices, in USD. Nothing is fetched at run time: the planner is pure, and a plan made
 * today gives the same figures tomorrow.
 */
export class PriceTable {
  /**
   * us-east-1 (N. Virginia) list prices, without the free tier.
   *
   * Read 2026-12-01 from https://aws.amazon.com/dynamodb/pricing/on-demand/ and
   * https://aws.amazon.com/dynamodb/pricing/provisioned/ (after the price cut of 2024-11-01,
   * which halved on-demand throughput and made replicated writes cost the same as local writes).
   * The on-demand Standard prices, Standard storage and point-in-time recovery were checked
   * against copies of those pages that day; the provisioned prices ($0.0065 per 10 WCU-hours and
   * per 50 RCU-hours, unchanged by the cut) and Standard-IA's (throughput 1.25 times Standard's,
   * storage $0.10) are the published list prices the pages' tables render, not re-read that day:
   * override them if your bill says otherwise.
   *
   * | | Standard | Standard-IA |
   * |---|---|---|
   * | on demand, per million read request units | $0.125 | $0.15625 |
   * | on demand, per million (replicated) write request units | $0.625 | $0.78125 |
   * | provisioned, per RCU-hour | $0.00013 | $0.00016 |
   * | provisioned, per (replicated) WCU-hour | $0.00065 | $0.00081 |
   * | storage, per GB-month | $0.25 | $0.10 |
   * | point-in-time recovery, per GB-month | $0.20 | $0.20 |
   *
   * The free tier (25 GB, 25 RCU and 25 WCU per account and region) is not deducted: a plan is
   * for a table among others, and an estimate that counts on a free allowance another table
   * already uses would be too low.
   *
   * @param overrides prices to replace, e.g. `{ standard: { provisionedWritePerCapacityUnitHour: 0.0005 } }`
   */
  public static usEast1(overrides: PriceTableOverrides = {}): PriceTable {
    checkProps('PriceTable.usEast1', 'cdk-dynamodb-kit.PriceTableOverrides', overrides);
    return new PriceTable({
      standard: { ...US_EAST_1_STANDARD, ...definedOnly(overrides.standard) },
      standardInfrequentAccess: { ...US_EAST_1_STANDARD_IA, ...definedOnly(overrides.standardInfrequentAccess) },
      pointInTimeRecoveryPerGbMonth: overrides.pointInTimeRecoveryPerGbMonth ?? 0.20,
      source: overrides.source ?? (hasOverrides(overrides) ? 'us-east-1 list prices, with overrides' : US_EAST_1_SOURCE),
    });
  }

  /** Prices of the Standard table class. */
  public readonly standard: TableClassPrices;
  /** Prices of the Standard-Infrequent Access table class. */
  public readonly standardInfrequentAccess: TableClassPrices;
  /** Point-in-time recovery, USD per GB-month. */
  public readonly pointInTimeRecoveryPerGbMonth: number;
  /** Where the prices come from. */
  public readonly source: string;

  constructor(props: PriceTableProps) {
    checkClassPrices('standard', props.standard);
    checkClassPrices('standardInfrequentAccess', props.standardInfrequentAccess);
    checkPrice('pointInTimeRecoveryPerGbMonth', props.pointInTimeRecoveryPerGbMonth);
    this.standard = { ...props.standard };
    this.standardInfrequentAccess = { ...props.standardInfrequentAccess };
    this.pointInTimeRecoveryPerGbMonth = props.pointInTimeRecoveryPerGbMonth;
    this.source = props.source;
  }

  /** The prices of `tableClass`. */
  public pricesFor(tableClass: TableClass): TableClassPrices {
    return tableClass === TableClass.STANDARD_INFREQUENT_ACCESS ? this.standardInfrequentAccess : this.standard;
  }
}

const PRICE_NAMES: Array<keyof TableClassPrices> = [
  'onDemandReadPerMillion', 'onDemandWritePerMillion', 'onDemandReplicatedWritePerMillion',
  'provisionedReadPerCapacityUnitHour', 'provisionedWritePerCapacityUnitHour',
  'provisionedReplicatedWritePerCapacityUnitHour', 'storagePerGbMonth',
];

function checkClassPrices(className: string, prices: TableClassPrices | undefined): void {
  if (typeof prices !== 'object' || prices === null) {
    invalid('PriceTable', className, `is ${show(prices)}, not a set of prices`, `give all of ${PRICE_NAMES.join(', ')}`);
  }
  for (const name of PRICE_NAMES) checkPrice(`${className}.${name}`, prices[name]);
}

function checkPrice(property: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid('PriceTable', property, `is ${show(value)}, not a price`, 'give a finite number of USD, 0 or more');
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function hasOverrides(overrides: PriceTableOverrides): boolean {
  return Object.keys(definedOnly(overrides.standard)).length > 0
    || Object.keys(definedOnly(overrides.standardInfrequentAccess)).length > 0
    || overrides.pointInTimeRecoveryPerGbMonth !== undefined;
}

/** A value for a message: NaN and Infinity as themselves (JSON would print them as null). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : showJson(value);
}
