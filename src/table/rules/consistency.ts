import { Stack, Token } from 'aws-cdk-lib';
import { MultiRegionConsistency, ReplicaTableProps } from 'aws-cdk-lib/aws-dynamodb';
import { invalid, show } from '../../shared/errors';

/**
 * The region sets a multi-region strongly consistent (MRSC) table may span, one set per table, as
 * DynamoDB documents them ("Multi-Region strong consistency": Regions and Region sets). aws-cdk-lib
 * checks the same sets, with a message that names no construct.
 */
export const MRSC_REGION_SETS: { readonly [name: string]: readonly string[] } = {
  US: ['us-east-1', 'us-east-2', 'us-west-2'],
  EU: ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'],
  AP: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
};

/** What the consistency rules read of the props. */
export interface ConsistencyProps {
  readonly multiRegionConsistency?: MultiRegionConsistency;
  readonly witnessRegion?: string;
  readonly replicas?: ReplicaTableProps[];
}

/**
 * A strongly consistent global table spans exactly three regions of one region set: the stack's,
 * and two replicas or one replica and a witness, all different. DynamoDB rejects anything else at
 * deploy; aws-cdk-lib catches part of it without the construct path, and lets a witness in the
 * table's own region or a replica's region through.
 */
export function validateMultiRegionConsistency(path: string, stack: Stack, props: ConsistencyProps): void {
  const witness = props.witnessRegion;
  const replicas = (props.replicas ?? []).map(replica => replica.region);
  if (props.multiRegionConsistency !== MultiRegionConsistency.STRONG) {
    if (witness !== undefined) {
      invalid(path, 'witnessRegion', `is ${show(witness)} but multiRegionConsistency is ${show(props.multiRegionConsistency ?? MultiRegionConsistency.EVENTUAL)}: only a strongly consistent table has a witness`,
        'set multiRegionConsistency: MultiRegionConsistency.STRONG, or remove witnessRegion.');
    }
    return;
  }
  if (Token.isUnresolved(stack.region)) {
    invalid(path, 'multiRegionConsistency', `is STRONG but the stack ${stack.node.path} is environment-agnostic: the regions of a strongly consistent table must be known at synth`,
      'give the stack an explicit region, e.g. new Stack(app, "Id", { env: { account: "123456789012", region: "us-east-1" } }).');
  }
  if (witness !== undefined && (Token.isUnresolved(witness) || typeof witness !== 'string')) {
    invalid(path, 'witnessRegion', `is ${show(witness)}, but the regions of a strongly consistent table must be known at synth`, 'write the region name, e.g. witnessRegion: "us-west-2".');
  }
  const [setName, set] = Object.entries(MRSC_REGION_SETS).find(([, regions]) => regions.includes(stack.region)) ?? [];
  if (!set) {
    invalid(path, 'multiRegionConsistency', `is STRONG but the stack's region ${show(stack.region)} offers no strongly consistent tables`,
      `deploy the stack to a region of one of these sets: ${Object.entries(MRSC_REGION_SETS).map(([name, regions]) => `${name} (${regions.join(', ')})`).join('; ')}; or use MultiRegionConsistency.EVENTUAL.`);
  }
  const others = (region: string) => set.filter(r => r !== stack.region && r !== region && !replicas.includes(r));
  const choose = (region: string): string => others(region).length > 0 ? `choose one of ${others(region).map(r => show(r)).join(', ')}.` : `the ${setName} set has no region left: remove it.`;
  replicas.forEach((region, i) => {
    if (!set.includes(region)) {
      invalid(path, `replicas[${i}].region`, `is ${show(region)}, outside the ${setName} region set of the stack's region ${stack.region} (${set.join(', ')}): a strongly consistent table stays within one set`,
        choose(region));
    }
  });
  const wanted = witness === undefined ? 2 : 1;
  if (replicas.length !== wanted) {
    invalid(path, 'replicas', `lists ${replicas.length} region(s) ${show(replicas)}, but a strongly consistent table spans exactly three regions: `
      + `the stack's, and ${witness === undefined ? 'two replicas (or one replica and a witnessRegion)' : 'one replica besides the witness'}`,
    `list ${wanted === 2 ? 'two replica regions, or one and a witnessRegion' : 'one replica region'}, from ${set.filter(r => r !== stack.region && r !== witness).map(r => show(r)).join(', ')}.`);
  }
  if (witness !== undefined) {
    if (witness === stack.region || replicas.includes(witness)) {
      invalid(path, 'witnessRegion', `is ${show(witness)}, ${witness === stack.region ? 'the stack\'s own region' : 'also a replica region'}: a witness is a third region, with no replica`,
        choose(witness));
    }
    if (!set.includes(witness)) {
      invalid(path, 'witnessRegion', `is ${show(witness)}, outside the ${setName} region set of the stack's region ${stack.region} (${set.join(', ')})`,
        choose(witness));
    }
  }
}
