import { App, Stack } from 'aws-cdk-lib';
import { partitionKey, privateUserVpc } from './fixtures';
import { DaxCluster, DaxClusterProps, DaxEndpointEncryption, ProductionTable } from '../../src';
import { acknowledgementsIn, sevenPackFindings } from '../compliance/nag';
import { TEST_ENV } from '../helpers/app';

/** Synthesizes with the seven packs (test/compliance/nag.ts) and returns every unacknowledged finding as `<pack> <rule> <path>`, sorted. */
function findings(props: Partial<DaxClusterProps> = {}): { findings: string[]; app: App; cluster: DaxCluster } {
  const { findings: found, built: cluster, app } = sevenPackFindings(scope => {
    const stack = new Stack(scope, 'TestStack', { env: TEST_ENV });
    const table = new ProductionTable(stack, 'Orders', { partitionKey });
    return new DaxCluster(stack, 'Cache', { vpc: privateUserVpc(stack), tables: [table], ...props });
  });
  return { findings: found, app, cluster };
}

/**
 * Findings of other constructs in the stack, with the folder that owns the fix. The test fails on
 * any other finding, and when one of these no longer occurs (so the ledger only shrinks).
 */
const ELSEWHERE: Array<{ owner: string; finding: string }> = [
  // CT.KMS.PR.3 on the table's and the alarm topic's keys: fixed (src/shared/key-policy.ts).
];

describe('a default DaxCluster under the seven packs (five cdk-nag, ours, Control Tower)', () => {
  const result = findings();

  test('the cluster and everything it creates have no finding', () => {
    expect(result.findings.filter(f => f.split(' ')[2].startsWith('TestStack/Cache/'))).toEqual([]);
  });

  test('and no acknowledgement of any of the seven packs\' rules under the cluster', () => {
    const packs = ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321', 'Serverless', 'DynamoDbProduction', 'cdk-validator-cfnguard'];
    const acks = acknowledgementsIn(result.cluster);
    expect(acks.filter(ack => packs.some(pack => ack.id.startsWith(pack)))).toEqual([]);
    // The one acknowledgement is cfn-lint's, for the zones the subnets dictate (tested with the resources).
    expect(acks.map(ack => ack.id)).toEqual(['CloudFormation-Validate::W3010']);
  });

  test('the only findings in the stack are other constructs\' known ones', () => {
    expect(result.findings).toEqual(ELSEWHERE.map(e => e.finding).sort());
  });
});

describe('the harness fails when it should', () => {
  test('encryption off and one node: Control Tower\'s three DAX controls, AwsSolutions-DDB4 and our two rules fire on the cluster', () => {
    const { findings: found } = findings({ serverSideEncryption: false, endpointEncryption: DaxEndpointEncryption.NONE, replicationFactor: 1 });
    const onCluster = found.filter(f => f.endsWith(' TestStack/Cache/Resource'));
    expect(onCluster).toEqual([
      'AwsSolutions AwsSolutions-DDB4 TestStack/Cache/Resource',
      'DynamoDbProduction DynamoDbProduction-DaxEncryptedAtRest TestStack/Cache/Resource',
      'DynamoDbProduction DynamoDbProduction-DaxEncryptedInTransit TestStack/Cache/Resource',
      'cdk-validator-cfnguard dax_cluster_encryption_enabled_check TestStack/Cache/Resource',
      'cdk-validator-cfnguard dax_cluster_multi_az_check TestStack/Cache/Resource',
      'cdk-validator-cfnguard dax_tls_endpoint_encryption_check TestStack/Cache/Resource',
    ]);
  });
});
