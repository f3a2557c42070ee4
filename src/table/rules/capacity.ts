import { Token } from 'aws-cdk-lib';
import { Billing, BillingMode, Capacity, CapacityMode } from 'aws-cdk-lib/aws-dynamodb';
import { invalid, show } from '../../shared/errors';
import { CdkInternalsChangedError, renderedReadCapacity, renderedWriteCapacity } from '../private/cdk-internals';
import { AutoScalingCooldowns } from '../production-table-props';

/** A provisioned billing: a write capacity that can autoscale, and capacity bounds DynamoDB accepts. */
export function validateBilling(path: string, billing: Billing | undefined): void {
  if (billing?.mode !== BillingMode.PROVISIONED) return;
  let write;
  try {
    write = renderedWriteCapacity(billing);
  } catch (e) {
    if (e instanceof CdkInternalsChangedError) throw e;
    invalid(path, 'billing', 'has a fixed writeCapacity, which a global table (TableV2) cannot have',
      'use writeCapacity: Capacity.autoscaled({ maxCapacity: ... }).');
  }
  validateRenderedCapacity(path, 'billing.readCapacity', renderedReadCapacity(billing));
  validateRenderedCapacity(path, 'billing.writeCapacity', write);
}

/** Cooldowns go with provisioned billing, in whole seconds. */
export function validateCooldowns(path: string, autoScaling: AutoScalingCooldowns | undefined, billingMode: BillingMode): void {
  if (autoScaling === undefined) return;
  if (billingMode !== BillingMode.PROVISIONED) {
    invalid(path, 'autoScaling', 'is set but the table bills on demand (PAY_PER_REQUEST), which does not autoscale',
      'remove it, or use billing: Billing.provisioned({ readCapacity: Capacity.autoscaled(...), writeCapacity: Capacity.autoscaled(...) }).');
  }
  for (const field of ['scaleInCooldown', 'scaleOutCooldown'] as const) {
    const cooldown = autoScaling[field];
    if (cooldown !== undefined && !Token.isUnresolved(cooldown) && !Number.isInteger(cooldown.toMilliseconds() / 1000)) {
      invalid(path, `autoScaling.${field}`, `is ${cooldown.toHumanString()}`, 'use a whole number of seconds, e.g. Duration.seconds(60).');
    }
  }
}

/** A global table's write capacity autoscales: it cannot be fixed. */
export function validateWriteCapacity(path: string, property: string, capacity: Capacity | undefined): void {
  if (capacity?.mode === CapacityMode.FIXED) {
    invalid(path, property, 'is Capacity.fixed(...), which a global table (TableV2) cannot have for writes',
      'use Capacity.autoscaled({ maxCapacity: ... }).');
  }
}

/** On-demand caps are whole numbers of at least 1. */
export function validateRequestUnits(path: string, property: string, maxRead: number | undefined, maxWrite: number | undefined): void {
  for (const [field, value] of [['maxReadRequestUnits', maxRead], ['maxWriteRequestUnits', maxWrite]] as const) {
    if (value !== undefined && !Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1)) {
      invalid(path, `${property}.${field}`, `is ${show(value)}`, 'use a whole number of request units of at least 1, or leave it unset for no cap.');
    }
  }
}

/** Fixed units and autoscaling bounds are whole numbers of at least 1, and min <= max. */
export function validateCapacity(path: string, property: string, capacity: Capacity | undefined): void {
  if (capacity !== undefined) validateRenderedCapacity(path, property, renderedReadCapacity(capacity));
}

/** Checks what a `Capacity` or `Billing` renders (fixed units, or autoscaling settings). */
export function validateRenderedCapacity(path: string, property: string, rendered: any): void {
  const settings = rendered?.readCapacityAutoScalingSettings ?? rendered?.writeCapacityAutoScalingSettings;
  const values: Array<[string, unknown]> = settings
    ? [['minCapacity', settings.minCapacity], ['maxCapacity', settings.maxCapacity]]
    : [['units', rendered?.readCapacityUnits ?? rendered?.writeCapacityUnits]];
  for (const [name, value] of values) {
    if (typeof value === 'number' && !Token.isUnresolved(value) && (!Number.isInteger(value) || value < 1)) {
      invalid(path, property, `has ${name} ${show(value)}`, 'use a whole number of capacity units of at least 1.');
    }
  }
}
