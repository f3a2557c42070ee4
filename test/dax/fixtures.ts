import { Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { DaxCluster, DaxClusterProps, ProductionTable } from '../../src';
import { testStack } from '../helpers/app';

export const partitionKey = { name: 'pk', type: AttributeType.STRING };

/** A VPC as production accounts have them: three zones, private subnets with egress, one NAT gateway. */
export function threeZoneVpc(stack: Stack, id = 'Vpc', props: ec2.VpcProps = {}): ec2.Vpc {
  return new ec2.Vpc(stack, id, { maxAzs: 3, natGateways: 1, ...props });
}

/** A stack with a three-zone VPC and a ProductionTable that has one index. */
export interface DaxFixture { stack: Stack; vpc: ec2.Vpc; table: ProductionTable }

export function daxFixture(stack: Stack = testStack()): DaxFixture {
  const vpc = threeZoneVpc(stack);
  const table = new ProductionTable(stack, 'Orders', {
    partitionKey,
    sortKey: { name: 'sk', type: AttributeType.STRING },
    globalSecondaryIndexes: [{ indexName: 'byCustomer', partitionKey: { name: 'customerId', type: AttributeType.STRING } }],
  });
  return { stack, vpc, table };
}

/** A default DaxCluster over the fixture's table, with props merged in. */
export function daxCluster(overrides: Partial<DaxClusterProps> = {}, stack?: Stack): DaxFixture & { cluster: DaxCluster } {
  const fixture = daxFixture(stack);
  const cluster = new DaxCluster(fixture.stack, 'Cache', { vpc: fixture.vpc, tables: [fixture.table], ...overrides });
  return { ...fixture, cluster };
}

/** A plain TableV2 (no customer-managed key). */
export function plainTable(stack: Stack, id = 'Plain'): TableV2 {
  return new TableV2(stack, id, { partitionKey });
}

export type Acknowledger = (scope: IConstruct, ...acknowledgements: Array<{ id: string; reason: string }>) => void;

/**
 * The test's stand-in for the user's network in the rule-pack tests: a private VPC (isolated subnets
 * in three zones, no internet gateway), acknowledged through `acknowledge` for what a VPC in a test
 * does not have (flow logs, a closed default security group).
 */
export function privateUserVpc(stack: Stack, acknowledge: Acknowledger = (scope, ...acks) => Validations.of(scope).acknowledge(...acks)): ec2.Vpc {
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 3,
    natGateways: 0,
    restrictDefaultSecurityGroup: false,
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const flowLogs = 'The VPC is the test\'s stand-in for the user\'s own network; its flow logs belong to the account\'s network baseline, not to the DAX construct.';
  const defaultGroup = 'The VPC is the user\'s; closing its default security group is the account\'s baseline. The DAX nodes use their own group, never the default.';
  acknowledge(vpc,
    { id: 'AwsSolutions::AwsSolutions-VPC7', reason: flowLogs },
    ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].flatMap(pack => [
      { id: `${pack}::${pack}-VPCFlowLogsEnabled`, reason: flowLogs },
      { id: `${pack}::${pack}-VPCDefaultSecurityGroupClosed`, reason: defaultGroup },
    ]),
  );
  return vpc;
}
