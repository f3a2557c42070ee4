import { Billing, BillingMode } from 'aws-cdk-lib/aws-dynamodb';
import { renderedReadCapacity, renderedWriteCapacity } from './private/cdk-internals';

/** What the table's `billing` means, worked out once for validation, warnings and monitoring. */
export interface ResolvedBilling {
  /** `PAY_PER_REQUEST` unless `Billing.provisioned(...)`, as in `TableV2`. */
  readonly mode: BillingMode;
  /** The on-demand read cap (`Billing.onDemand({ maxReadRequestUnits })`), if any. */
  readonly maxReadRequestUnits?: number;
  /** The on-demand write cap, if any. */
  readonly maxWriteRequestUnits?: number;
  /** Provisioned billing with a fixed (not autoscaled) read capacity. */
  readonly fixedReadCapacity: boolean;
}

export function resolveBilling(billing: Billing | undefined): ResolvedBilling {
  const mode = billing?.mode ?? BillingMode.PAY_PER_REQUEST;
  if (billing === undefined) return { mode, fixedReadCapacity: false };
  if (mode === BillingMode.PAY_PER_REQUEST) {
    return {
      mode,
      maxReadRequestUnits: asNumber(renderedReadCapacity(billing)),
      maxWriteRequestUnits: asNumber(renderedWriteCapacity(billing)),
      fixedReadCapacity: false,
    };
  }
  return { mode, fixedReadCapacity: renderedReadCapacity(billing)?.readCapacityUnits !== undefined };
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
