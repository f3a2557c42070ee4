import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { RenderedResource, render, resourcesInStack } from '../template';

const BACKUP_VAULT = 'AWS::Backup::BackupVault';
const KMS_KEY = 'AWS::KMS::Key';

/** Retained on deletion and on replacement (`RetainExceptOnCreate` deletes only a failed creation). */
function retained(resource: RenderedResource): boolean {
  return ['Retain', 'RetainExceptOnCreate'].includes(resource.deletionPolicy ?? 'Delete') && resource.updateReplacePolicy === 'Retain';
}

/**
 * AWS Backup vaults, and the KMS key in the same stack that encrypts each, are retained
 * (`DeletionPolicy` and `UpdateReplacePolicy` `Retain`). A deleted key makes every recovery point
 * in the vault unreadable; a key given by a literal ARN is not in the template and not judged.
 * @param node the CfnResource to check
 */
export function BackupVaultRetained(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== BACKUP_VAULT) return NagRuleCompliance.NOT_APPLICABLE;
  const vault = render(node);
  if (!retained(vault)) return NagRuleCompliance.NON_COMPLIANT;
  const keyReference = JSON.stringify(vault.properties.EncryptionKeyArn ?? null);
  const key = resourcesInStack(node, KMS_KEY).find(k => keyReference.includes(`"${k.logicalId}"`));
  return key === undefined || retained(key) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
