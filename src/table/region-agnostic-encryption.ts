import { Stack, Token } from 'aws-cdk-lib';
import { TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';

/**
 * Lets a customer-managed key encrypt a table in an environment-agnostic stack (`cdk init`'s
 * default), which aws-cdk-lib refuses ("Replica SSE specification cannot be rendered in a region
 * agnostic stack") even with no replicas: the stack's own replica simply uses the table key.
 * Replicas in other regions still need a known stack region (validation says so first).
 *
 * Like `CooldownApplier`, this decorates aws-cdk-lib's object (prototype kept) instead of
 * re-implementing it.
 */
export function allowRegionAgnosticStack(encryption: TableEncryptionV2): TableEncryptionV2 {
  const tableKey = encryption.tableKey;
  if (tableKey === undefined) return encryption;
  const original = encryption as any;
  const decorated = Object.create(encryption);
  decorated._renderReplicaSseSpecification = (scope: IConstruct, replicaRegion: string) => {
    const stackRegion = Stack.of(scope).region;
    if (Token.isUnresolved(stackRegion) && replicaRegion === stackRegion) return { kmsMasterKeyId: tableKey.keyArn };
    return original._renderReplicaSseSpecification(scope, replicaRegion);
  };
  return decorated;
}
