import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { daxCluster } from './fixtures';
import { DaxClusterProps, DaxEndpointEncryption } from '../../src';

function warningsOf(overrides: Partial<DaxClusterProps>): Annotations {
  const { stack } = daxCluster(overrides);
  return Annotations.fromStack(stack);
}

describe('opt-outs are never silent', () => {
  test('the defaults give no warning on the cluster', () => {
    warningsOf({}).hasNoWarning('/TestStack/Cache', Match.anyValue());
  });

  test.each<[string, Partial<DaxClusterProps>, string, RegExp]>([
    ['fewer than 3 nodes', { replicationFactor: 2 }, 'daxReplicationFactor', /replicationFactor is 2: with fewer than 3 nodes in 3 Availability Zones.*CT\.DAX\.PR\.2/],
    ['one node', { replicationFactor: 1 }, 'daxReplicationFactor', /replicationFactor is 1/],
    ['encryption at rest off', { serverSideEncryption: false }, 'daxEncryptionAtRestOff', /THE CACHE, ITS CONFIGURATION AND LOGS ARE STORED UNENCRYPTED/],
    ['TLS off', { endpointEncryption: DaxEndpointEncryption.NONE }, 'daxEncryptionInTransitOff', /ITEMS CROSS THE VPC IN CLEAR TEXT on port 8111/],
    ['alarms off', { alarmsEnabled: false }, 'daxAlarmsOff', /nobody is told/],
  ])('%s', (_name, overrides, id, message) => {
    warningsOf(overrides).hasWarning('/TestStack/Cache', Match.stringLikeRegexp(`${message.source}.*\\[ack: cdk-dynamodb-kit:${id}\\]`));
  });
});
