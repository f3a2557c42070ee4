import { Annotations, AspectPriority, Aspects, CfnDeletionPolicy, CfnResource, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** What each resource of a backup plan loses when it is not retained, as the warning says it. */
const LOSSES = {
  vault: 'removing the plan from the stack deletes the vault and its access policy (AWS Backup refuses while it holds recovery points, which are then left outside the stack)',
  key: 'removing the plan from the stack schedules the vault key for deletion, and once it is deleted every recovery point in the vault is unreadable: nothing can be restored',
} as const;

/**
 * Warns, on the plan, when the vault or the key that encrypts it will not be retained, judged at
 * synthesis on the deletion policies that will be deployed (after `RemovalPolicies` and the user's
 * Aspects, like a table's). `BackupVaultRetained` in our rule pack checks the same.
 */
export function warnWhenVaultIsNotRetained(plan: IConstruct, vault: IConstruct, key: IConstruct): void {
  Aspects.of(plan).add(new VaultRetentionJudge(plan, vault, key), { priority: AspectPriority.READONLY });
}

class VaultRetentionJudge implements IAspect {
  private judged = false;

  constructor(private readonly plan: IConstruct, private readonly vault: IConstruct, private readonly key: IConstruct) {}

  public visit(node: IConstruct): void {
    // At the vault's L1, which comes after the key's (created first) has had every Aspect.
    if (this.judged || node !== this.vault.node.defaultChild) return;
    this.judged = true;
    for (const [what, construct] of [['vault', this.vault], ['key', this.key]] as const) {
      const cfn = construct.node.defaultChild;
      if (!CfnResource.isCfnResource(cfn)) continue; // an imported key: not ours to judge
      const { deletionPolicy, updateReplacePolicy } = cfn.cfnOptions;
      const retainedOnDelete = deletionPolicy === CfnDeletionPolicy.RETAIN || deletionPolicy === CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE;
      if (retainedOnDelete && updateReplacePolicy === CfnDeletionPolicy.RETAIN) continue;
      Annotations.of(this.plan).addWarningV2(`cdk-dynamodb-kit:${what}RemovalPolicy`,
        `the ${what === 'vault' ? 'backup vault' : 'vault\'s KMS key'} is not retained (DeletionPolicy ${deletionPolicy ?? 'Delete'}): ${LOSSES[what]}. Use RemovalPolicy.RETAIN.`);
    }
  }
}
