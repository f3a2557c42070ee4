import { Billing, Capacity, GlobalSecondaryIndexPropsV2, ReplicaTableProps } from 'aws-cdk-lib/aws-dynamodb';
import { AutoScalingCooldowns } from './production-table-props';

/**
 * Adds scale-in/scale-out cooldowns to the autoscaling settings aws-cdk-lib renders.
 *
 * `Capacity.autoscaled()` has no cooldown options, and its rendering is aws-cdk-lib's: we wrap the
 * objects the user gave us (prototype kept, render methods decorated) instead of re-implementing
 * them, so a fixed capacity or on-demand billing passes through untouched.
 */
export class CooldownApplier {
  constructor(private readonly cooldowns: AutoScalingCooldowns | undefined) {}

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

  private decorate<T extends { _renderReadCapacity(): any; _renderWriteCapacity(): any }>(target: T): T {
    const settings = this.targetTrackingSettings();
    if (!settings) return target;
    const decorated: T = Object.create(target);
    decorated._renderReadCapacity = () => withCooldowns(target._renderReadCapacity(), settings);
    decorated._renderWriteCapacity = () => withCooldowns(target._renderWriteCapacity(), settings);
    return decorated;
  }

  private targetTrackingSettings(): { scaleInCooldown?: number; scaleOutCooldown?: number } | undefined {
    const scaleInCooldown = this.cooldowns?.scaleInCooldown?.toSeconds();
    const scaleOutCooldown = this.cooldowns?.scaleOutCooldown?.toSeconds();
    if (scaleInCooldown === undefined && scaleOutCooldown === undefined) return undefined;
    return { scaleInCooldown, scaleOutCooldown };
  }
}

function withCooldowns(rendered: any, settings: { scaleInCooldown?: number; scaleOutCooldown?: number }): any {
  if (!rendered) return rendered;
  const key = Object.keys(rendered).find(k => k.endsWith('CapacityAutoScalingSettings'));
  if (!key) return rendered;
  const autoscaling = rendered[key];
  return {
    ...rendered,
    [key]: {
      ...autoscaling,
      targetTrackingScalingPolicyConfiguration: { ...autoscaling.targetTrackingScalingPolicyConfiguration, ...settings },
    },
  };
}
