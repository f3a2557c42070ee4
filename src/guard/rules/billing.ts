import { GuardFinding } from '../findings';
import { GuardRule, finding, tablePlace } from './rule';
import { decided } from './table-values';

/** The billing mode switched: DynamoDB limits how often, and each mode has its own risk. */
export const billing: GuardRule = {
  kinds: ['BILLING_MODE_SWITCHED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      const b = decided(decided(t.before.billing)?.mode);
      const a = decided(decided(t.after.billing)?.mode);
      if (!b || !a || b === a) continue;
      out.push(finding('BILLING_MODE_SWITCHED', 'warning', tablePlace(t), 'BillingMode', b, a,
        `the table switches from ${b} to ${a}: DynamoDB limits how often a table may switch (a second switch inside the limit window fails the deploy), ${a === 'PROVISIONED' ? 'and provisioned capacity throttles when traffic exceeds it' : 'and on-demand cost follows traffic with no ceiling'}`,
        a === 'PROVISIONED'
          ? 'set capacity from the consumed-capacity metrics of the last weeks, with autoscaling; switch in a deploy of its own.'
          : 'set maximum throughput (MaxReadRequestUnits / MaxWriteRequestUnits) if you need a cost ceiling; switch in a deploy of its own.'));
    }
    return out;
  },
};
