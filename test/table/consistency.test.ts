import { Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, MultiRegionConsistency, TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ProductionTable, ProductionTableProps } from '../../src';
import { envAgnosticStack, testStack } from '../helpers/app';
import { kitErrorOf } from '../helpers/errors';

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const STRONG = MultiRegionConsistency.STRONG;
const replicas = (...regions: string[]) => regions.map(region => ({ region }));
// Keys are regional: an AWS-managed key keeps these cases about consistency alone.
const encryption = TableEncryptionV2.awsManagedKey();

function errorOf(props: Partial<ProductionTableProps>, stack: Stack = testStack()) {
  return kitErrorOf(() => new ProductionTable(stack, 'Orders', { partitionKey, encryption, ...props }));
}

describe('multi-region strong consistency: three regions of one set, all different, known at synth', () => {
  test('a witness in the table\'s own region, or in a replica\'s (aws-cdk-lib let both through)', () => {
    expect(errorOf({ multiRegionConsistency: STRONG, replicas: replicas('us-east-2'), witnessRegion: 'us-east-1' }).message)
      .toBe('TestStack/Orders: witnessRegion is "us-east-1", the stack\'s own region: a witness is a third region, with no replica; choose one of "us-west-2".');
    expect(errorOf({ multiRegionConsistency: STRONG, replicas: replicas('us-east-2'), witnessRegion: 'us-east-2' }).message)
      .toMatch(/^TestStack\/Orders: witnessRegion is "us-east-2", also a replica region: .*choose one of "us-west-2"\.$/);
  });

  test('not three regions: the count, and the regions left to choose from', () => {
    const two = errorOf({ multiRegionConsistency: STRONG, replicas: replicas('us-east-2') });
    expect(two.property).toBe('replicas');
    expect(two.message).toMatch(/^TestStack\/Orders: replicas lists 1 region\(s\) \["us-east-2"\], but a strongly consistent table spans exactly three regions: .*from "us-east-2", "us-west-2"\.$/);
    expect(errorOf({ multiRegionConsistency: STRONG, replicas: replicas('us-east-2', 'us-west-2'), witnessRegion: 'us-west-2' }).message)
      .toMatch(/replicas lists 2 region\(s\) .* one replica besides the witness; list one replica region/);
  });

  test('a region outside the stack region\'s set, a stack region without strong consistency', () => {
    expect(errorOf({ multiRegionConsistency: STRONG, replicas: replicas('eu-west-1', 'us-east-2') }).message)
      .toMatch(/^TestStack\/Orders: replicas\[0\]\.region is "eu-west-1", outside the US region set of the stack's region us-east-1 \(us-east-1, us-east-2, us-west-2\).*choose one of "us-west-2"\.$/);
    expect(errorOf({ multiRegionConsistency: STRONG, replicas: replicas('us-east-2'), witnessRegion: 'us-west-1' }).property).toBe('witnessRegion');
    const saoPaulo = testStack({ env: { account: '123456789012', region: 'sa-east-1' } });
    expect(errorOf({ multiRegionConsistency: STRONG, replicas: replicas('us-east-1', 'us-east-2') }, saoPaulo).message)
      .toMatch(/multiRegionConsistency is STRONG but the stack's region "sa-east-1" offers no strongly consistent tables; deploy the stack to a region of one of these sets: US \(/);
  });

  test('a witness without strong consistency; an environment-agnostic stack; a token witness', () => {
    expect(errorOf({ replicas: replicas('us-east-2'), witnessRegion: 'us-west-2' }).message)
      .toMatch(/witnessRegion is "us-west-2" but multiRegionConsistency is "EVENTUAL": only a strongly consistent table has a witness; set multiRegionConsistency: MultiRegionConsistency.STRONG/);
    expect(errorOf({ multiRegionConsistency: STRONG }, envAgnosticStack()).property).toMatch(/^(multiRegionConsistency|replicas\[0\]\.region)$/);
    expect(errorOf({ multiRegionConsistency: STRONG, replicas: replicas('us-east-2'), witnessRegion: Lazy.string({ produce: () => 'us-west-2' }) }).message)
      .toMatch(/witnessRegion is .*, but the regions of a strongly consistent table must be known at synth/);
  });

  test('a replica added after construction: the three regions are fixed', () => {
    const table = new ProductionTable(testStack(), 'Orders', { partitionKey, encryption, multiRegionConsistency: STRONG, replicas: replicas('us-east-2'), witnessRegion: 'us-west-2' });
    expect(kitErrorOf(() => table.addReplica({ region: 'us-west-2' })).message)
      .toMatch(/^TestStack\/Orders: addReplica adds region "us-west-2" to a strongly consistent \(MRSC\) table, which spans exactly three regions, fixed when it is created; list every region at construction/);
  });

  test('the two valid shapes synthesize: two replicas, or one replica and a witness', () => {
    const withWitness = testStack();
    new ProductionTable(withWitness, 'Orders', { partitionKey, encryption, multiRegionConsistency: STRONG, replicas: replicas('us-east-2'), witnessRegion: 'us-west-2' });
    Template.fromStack(withWitness).hasResourceProperties('AWS::DynamoDB::GlobalTable', { MultiRegionConsistency: 'STRONG', GlobalTableWitnesses: [{ Region: 'us-west-2' }] });
    const three = testStack();
    new ProductionTable(three, 'Orders', { partitionKey, encryption, multiRegionConsistency: STRONG, replicas: replicas('us-east-2', 'us-west-2') });
    Template.fromStack(three).hasResourceProperties('AWS::DynamoDB::GlobalTable', { MultiRegionConsistency: 'STRONG' });
  });
});
