import { Duration, Lazy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { daxCluster, daxFixture, plainTable, threeZoneVpc } from './fixtures';
import { DaxCluster, DaxClusterProps, DaxEndpointEncryption } from '../../src';
import { validateDaxClusterProps } from '../../src/dax/validation';
import { testStack } from '../helpers/app';
import { expectKitError } from '../helpers/errors';

const PATH = 'TestStack/Cache';

function build(overrides: Partial<DaxClusterProps>): void {
  daxCluster(overrides);
}

describe('validation: our error, naming the property and the fix', () => {
  test.each<[string, Partial<DaxClusterProps>, string, RegExp]>([
    ['replicationFactor 0', { replicationFactor: 0 }, 'replicationFactor', /is 0 but must be a whole number from 1 to 11; a DAX cluster has 1 to 11 nodes/],
    ['replicationFactor 12', { replicationFactor: 12 }, 'replicationFactor', /is 12 but must be a whole number from 1 to 11/],
    ['replicationFactor 2.5', { replicationFactor: 2.5 }, 'replicationFactor', /is 2.5 but must be a whole number/],
    ['a node type without the dax. prefix', { nodeType: 'r5.large' }, 'nodeType', /is "r5.large" but must look like dax.<family>.<size>; such as dax.r5.large/],
    ['a node type with an extra part', { nodeType: 'dax.r5.large.x' }, 'nodeType', /must look like dax.<family>.<size>/],
    ['a fractional item TTL', { itemCacheTtl: Duration.millis(1500) }, 'itemCacheTtl', /is 1500 ms but must be a whole number of seconds, zero or more; round it to seconds, such as Duration.seconds\(2\)/],
    ['a fractional query TTL', { queryCacheTtl: Duration.millis(250) }, 'queryCacheTtl', /must be a whole number of seconds/],
    ['a TTL that is not a Duration', { itemCacheTtl: 300 as any }, 'itemCacheTtl', /is 300, not a Duration/],
    ['a cluster name with a double hyphen', { clusterName: 'orders--cache' }, 'clusterName', /must be 1 to 20 letters, digits or hyphens/],
    ['a cluster name starting with a digit', { clusterName: '1cache' }, 'clusterName', /start with a letter/],
    ['a cluster name of 21 characters', { clusterName: 'a'.repeat(21) }, 'clusterName', /1 to 20/],
    ['a cluster name ending in a hyphen', { clusterName: 'cache-' }, 'clusterName', /trailing/],
    ['a maintenance window without days', { preferredMaintenanceWindow: '05:00-06:00' }, 'preferredMaintenanceWindow', /must be ddd:hh24:mi-ddd:hh24:mi/],
    ['an unknown endpoint encryption', { endpointEncryption: 'SSL' as DaxEndpointEncryption }, 'endpointEncryption', /is "SSL", not a DaxEndpointEncryption; use one of DaxEndpointEncryption.TLS, DaxEndpointEncryption.NONE/],
    ['no tables', { tables: [] }, 'tables', /is \[\]; pass the tables the cluster caches/],
    ['a table that is not a table', { tables: [{} as any] }, 'tables[0]', /is \{\}, not an ITableV2; pass an ITableV2/],
    ['datapoints above evaluation periods', { alarms: { cpuUtilization: { evaluationPeriods: 3, datapointsToAlarm: 4 } } }, 'alarms.cpuUtilization.datapointsToAlarm', /is 4, more than evaluationPeriods \(3\); use at most evaluationPeriods datapoints \("M out of N" needs M <= N\)/],
    ['datapoints above the default evaluation periods', { alarms: { cacheMemoryUtilization: { datapointsToAlarm: 4 } } }, 'alarms.cacheMemoryUtilization.datapointsToAlarm', /is 4, more than evaluationPeriods \(3, the default\)/],
    ['more than a day of evaluation', { alarms: { cacheMemoryUtilization: { period: Duration.hours(1), evaluationPeriods: 25 } } }, 'alarms.cacheMemoryUtilization.evaluationPeriods', /times period is 90000 seconds; CloudWatch evaluates at most one day/],
    ['zero evaluation periods', { alarms: { faultRequests: { evaluationPeriods: 0 } } }, 'alarms.faultRequests.evaluationPeriods', /is 0/],
    ['a negative threshold', { alarms: { errorRequests: { threshold: -1 } } }, 'alarms.errorRequests.threshold', /is -1; use a finite number of at least 0/],
    ['a 30-second period', { alarms: { throttledRequests: { period: Duration.seconds(30) } } }, 'alarms.throttledRequests.period', /DAX publishes one-minute data/],
    ['an unknown alarm', { alarms: { latency: {} } as any }, 'alarms.latency', /is not an alarm of DaxCluster; use one of cpuUtilization/],
    // Found by the fuzzer (#12): aws-cdk-lib's cloudwatch.Metric range-checks a token period and failed without a path.
    ['a token period', { alarms: { cpuUtilization: { period: Duration.minutes(Lazy.number({ produce: () => 5 })) } } }, 'alarms.cpuUtilization.period', /is a token, which aws-cdk-lib's CloudWatch metrics cannot take.*; give the period as a Duration/],
  ])('%s', (_name, overrides, property, message) => {
    expectKitError(() => build(overrides), { path: PATH, property, message });
  });

  test('both alarmTopic and alarmAction', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'T');
    expectKitError(() => daxCluster({ alarmTopic: topic, alarmAction: { bind: () => ({ alarmActionArn: 'arn' }) } }, stack),
      { path: PATH, property: 'alarmAction', message: /is given together with alarmTopic; give one of them/ });
  });

  test('no vpc', () => {
    const stack = testStack();
    expectKitError(() => new DaxCluster(stack, 'Cache', { tables: [plainTable(stack)] } as any), { path: PATH, property: 'vpc', message: /is undefined; pass the ec2.IVpc/ });
  });

  test('a subnet selection the VPC cannot make', () => {
    expectKitError(() => build({ vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }),
      { path: PATH, property: 'vpcSubnets', message: /cannot be selected in the VPC TestStack\/Vpc: .*; select subnets the VPC has/ });
  });

  test('a subnet selection that yields no subnets', () => {
    expectKitError(() => build({ vpcSubnets: { subnets: [] } }), { path: PATH, property: 'vpcSubnets', message: /selects no subnets of the VPC/ });
  });

  test('subnets in fewer zones than the nodes spread over', () => {
    const stack = testStack();
    const vpc = threeZoneVpc(stack, 'TwoZones', { maxAzs: 2 });
    expectKitError(() => new DaxCluster(stack, 'Cache', { vpc, tables: [plainTable(stack)] }),
      { path: PATH, property: 'vpcSubnets', message: /span 2 Availability Zone\(s\) \(.*\) but replicationFactor 3 spreads nodes over 3; select subnets in 3 zones .* or lower replicationFactor to 2/ });
  });

  test('one subnet chosen by hand for three nodes', () => {
    const stack = testStack();
    const { vpc, table } = daxFixture(stack);
    expectKitError(() => new DaxCluster(stack, 'Cache', { vpc, tables: [table], vpcSubnets: { subnets: [vpc.privateSubnets[0]] } }),
      { path: PATH, property: 'vpcSubnets', message: /span 1 Availability Zone/ });
  });

  test('more nodes than zones is fine: nodes share zones above three', () => {
    expect(() => build({ replicationFactor: 11 })).not.toThrow();
  });

  test('two nodes in two zones is allowed (with a warning, tested with the warnings)', () => {
    const stack = testStack();
    const vpc = threeZoneVpc(stack, 'TwoZones', { maxAzs: 2 });
    expect(() => new DaxCluster(stack, 'Cache', { vpc, tables: [plainTable(stack)], replicationFactor: 2 })).not.toThrow();
  });

  test('tokens are not range-checked', () => {
    const stack = testStack();
    const vpc = threeZoneVpc(stack);
    expect(() => validateDaxClusterProps(PATH, {
      vpc,
      tables: [plainTable(stack)],
      replicationFactor: Token.asNumber({ Ref: 'Nodes' }),
      nodeType: Token.asString({ Ref: 'NodeType' }),
      clusterName: Token.asString({ Ref: 'Name' }),
      preferredMaintenanceWindow: Token.asString({ Ref: 'Window' }),
      itemCacheTtl: Duration.seconds(Token.asNumber({ Ref: 'Ttl' })),
    })).not.toThrow();
  });

  test('valid edge values pass: 1 and 11 nodes, zero TTLs, a 20-character name, a maintenance window in capitals', () => {
    const stack = testStack();
    const vpc = threeZoneVpc(stack);
    for (const props of [
      { replicationFactor: 1 }, { replicationFactor: 11 }, { itemCacheTtl: Duration.seconds(0), queryCacheTtl: Duration.seconds(0) },
      { clusterName: 'a'.repeat(20) }, { clusterName: 'orders-cache-1' }, { preferredMaintenanceWindow: 'Sun:23:00-Mon:01:30' }, { nodeType: 'dax.t3.small' },
    ]) {
      expect(() => validateDaxClusterProps(PATH, { vpc, tables: [plainTable(stack, `T${Math.random()}`)], ...props })).not.toThrow();
    }
  });
});
