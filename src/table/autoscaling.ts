import { Billing, Capacity, GlobalSecondaryIndexPropsV2, ReplicaTableProps } from 'aws-cdk-lib/aws-dynamodb';
import { RenderedCooldowns, withCooldowns } from './private/cdk-internals';
import { AutoScalingCooldowns } from './production-table-props';

/**
 * Adds scale-in/scale-out cooldowns to every autoscaled capacity of the table, its indexes and
 * replicas. Built once, by the table's settings.
 *
 * `Capacity.autoscaled()` has no cooldown options, and its rendering is aws-cdk-lib's: we decorate
 * the objects the user gave us (see `withCooldowns` in private/cdk-internals.ts) instead of
 * re-implementing them, so a fixed capacity or on-demand billing passes through untouched.
 */
export class CooldownApplier {
  private readonly cooldowns?: RenderedCooldowns;

  constructor(cooldowns: AutoScalingCooldowns | undefined) {
    const scaleInCooldown = cooldowns?.scaleInCooldown?.toSeconds();
    const scaleOutCooldown = cooldowns?.scaleOutCooldown?.toSeconds();
    if (scaleInCooldown !== undefined || scaleOutCooldown !== undefined) this.cooldowns = { scaleInCooldown, scaleOutCooldown };
  }

  billing(billing: Billing | undefined): Billing | undefined {
    return billing && this.decorate(billing);
  }

  capacity(capacity: Capacity | undefined): Capacity | undefined {
    return capacity && this.decorate(capacity);
  }

  globalSecondaryIndex(gsi: GlobalSecondaryIndexPropsV2): GlobalSecondaryIndexPropsV2 {
    return { ...gsi, readCapacity: this.capacity(gsi.readCapacity), writeCapacity: this.capacity(gsi.writeCapacity) };
  }

  replica(replica: ReplicaTableProps): ReplicaTableProps {
    const indexOptions = replica.globalSecondaryIndexOptions;
    return {
      ...replica,
      readCapacity: this.capacity(replica.readCapacity),
      globalSecondaryIndexOptions: indexOptions && Object.fromEntries(Object.entries(indexOptions).map(
        ([name, options]) => [name, { ...options, readCapacity: this.capacity(options.readCapacity) }])),
    };
  }

  private decorate<T extends Billing | Capacity>(target: T): T {
    return this.cooldowns ? withCooldowns(target, this.cooldowns) : target;
  }
}
