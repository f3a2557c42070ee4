import { GuardFinding } from '../findings';
import { GuardRule, TableUpdate, finding, tablePlace } from './rule';
import { alignStackRegion, replicasByRegion } from './table-values';
import { isDeployTime } from '../../template/deploy-time';
import { ReplicaView } from '../../template/table-view';

/** The old Table construct's replica handler keeps the replica table when SkipReplicaDeletion is set (a RETAIN table). */
function skipsDeletion(t: TableUpdate, replica: ReplicaView): boolean {
  const skip = replica.replicaLogicalId ? t.beforeTemplate.Resources[replica.replicaLogicalId]?.Properties?.SkipReplicaDeletion : undefined;
  return skip === true || skip === 'true';
}

function removedFinding(t: TableUpdate, region: string, replica: ReplicaView): GuardFinding {
  const legacy = replica.source === 'legacy-replica';
  const protectedReplica = replica.deletionProtection === true;
  return finding('REPLICA_REMOVED', 'blocking', tablePlace(t), legacy ? `${replica.replicaLogicalId} (Custom::DynamoDBReplica ${region})` : `Replicas[${region}]`,
    legacy ? region : (t.before.resource.Properties?.Replicas ?? []).find((r: any) => r?.Region === region) ?? region, undefined,
    protectedReplica
      ? `removing the replica in ${region} deletes that region's table, but it has deletion protection, so the deploy fails`
      : `removing the replica in ${region} deletes that region's table and its data${legacy ? ' (the replica custom resource of the old Table construct deletes it when it is removed)' : ''}; clients reading or writing there fail`,
    `move traffic out of ${region} first; if the replica has deletion protection, turn it off in one deploy and remove the replica in the next; take a backup if that region's data matters.`);
}

/**
 * Replicas of a global table, and the legacy replicas (`Custom::DynamoDBReplica`) of the old
 * `Table` construct's `replicationRegions`: a removed replica deletes that region's table;
 * CloudFormation adds or removes at most one GlobalTable replica per update. The stack's region
 * reads the same whether the template says `{"Ref": "AWS::Region"}` or the literal region.
 */
export const replicaChanges: GuardRule = {
  kinds: ['REPLICA_LIMIT_EXCEEDED', 'REPLICA_REMOVED', 'REPLICA_ADDED'],
  check: ({ tables }) => {
    const out: GuardFinding[] = [];
    for (const t of tables) {
      // A replica list left to a condition is named by DECIDED_AT_DEPLOY, not read as "no replicas".
      if (isDeployTime(t.before.replicas) || isDeployTime(t.after.replicas)) continue;
      const before = replicasByRegion(t.before, ['replica', 'legacy-replica']);
      const after = replicasByRegion(t.after, ['replica', 'legacy-replica']);
      alignStackRegion(before, after);
      const added = [...after.keys()].filter(region => !before.has(region));
      const removed = [...before.keys()].filter(region => !after.has(region));
      const counted = (regions: string[], side: Map<string, ReplicaView>) => regions.filter(r => side.get(r)!.source === 'replica');
      const addedReplicas = counted(added, after);
      const removedReplicas = counted(removed, before);
      if (addedReplicas.length + removedReplicas.length > 1) {
        out.push(finding('REPLICA_LIMIT_EXCEEDED', 'blocking', tablePlace(t), 'Replicas', [...before.keys()], [...after.keys()],
          `${[addedReplicas.length && `adds ${addedReplicas.join(', ')}`, removedReplicas.length && `removes ${removedReplicas.join(', ')}`].filter(Boolean).join(' and ')}: `
          + 'CloudFormation adds or removes at most one replica per update and rejects the deploy',
          'add or remove one replica region per deploy.'));
      }
      for (const region of removed) {
        const replica = before.get(region)!;
        if (!skipsDeletion(t, replica)) {
          out.push(removedFinding(t, region, replica));
          continue;
        }
        out.push(finding('REPLICA_REMOVED', 'warning', tablePlace(t), `${replica.replicaLogicalId} (Custom::DynamoDBReplica ${region})`, region, undefined,
          `the replica in ${region} stops replicating but is kept (SkipReplicaDeletion): it is left as a standalone table that no longer receives writes, and nothing manages it`,
          `move traffic out of ${region} first; delete the left-over table by hand once it is no longer needed.`));
      }
      for (const region of added) {
        const legacy = after.get(region)!.source === 'legacy-replica';
        out.push(finding('REPLICA_ADDED', 'info', tablePlace(t), legacy ? `${after.get(region)!.replicaLogicalId} (Custom::DynamoDBReplica ${region})` : `Replicas[${region}]`,
          undefined, legacy ? region : (t.after.resource.Properties?.Replicas ?? []).find((r: any) => r?.Region === region) ?? region,
          `a replica is created in ${region} and filled from the table; the update can take hours on a large table`,
          'add one region per deploy; make sure the region has a KMS key when the table uses a customer-managed key.'));
      }
    }
    return out;
  },
};
