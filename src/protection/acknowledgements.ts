import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * The text cdk-nag's IAM rules use for a resolved CloudFormation value (its
 * `flattenCfnReference`): `{ Ref: X }` is `<X>`, `{ 'Fn::GetAtt': [X, 'Arn'] }` is `<X.Arn>`,
 * joins are joined. A finding of IAM4 or IAM5 is acknowledged by this exact text, so a value that
 * changes (another bucket, another prefix) is a new finding, never silently covered.
 */
function flatten(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\${/g, '<').replace(/}/g, '>');
  const v = value as any;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(flatten).join(v['Fn::Join'][0]);
  if (v['Fn::Sub']) return flatten(v['Fn::Sub']);
  if (v['Fn::GetAtt']) return `<${flatten(v['Fn::GetAtt'][0])}.${flatten(v['Fn::GetAtt'][1])}>`;
  if (v['Fn::ImportValue']) return flatten(v['Fn::ImportValue']);
  if (v.Ref) return `<${flatten(v.Ref)}>`;
  return JSON.stringify(value);
}

/**
 * Acknowledges AwsSolutions-IAM4 on `role` for one AWS managed policy, by the policy's ARN.
 */
export function acknowledgeAwsManagedPolicy(role: IConstruct, policy: iam.IManagedPolicy, reason: string): void {
  const arn = flatten(Stack.of(role).resolve(policy.managedPolicyArn));
  Validations.of(role).acknowledge({ id: `AwsSolutions-IAM4[Policy::${arn}]`, reason });
}

/**
 * Acknowledges AwsSolutions-IAM5 on `policy` for one resource ARN with a wildcard.
 */
export function acknowledgeWildcardResource(policy: IConstruct, resourceArn: string, reason: string): void {
  const resource = flatten(Stack.of(policy).resolve(resourceArn));
  Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}

/**
 * Acknowledges the same rule in each of the given packs (HIPAA Security, NIST 800-53 R5 and
 * PCI DSS 3.2.1 share many rule names), e.g. `acknowledgeInPacks(bucket, 'S3BucketReplicationEnabled', reason)`.
 */
export function acknowledgeInPacks(scope: IConstruct, rule: string, reason: string,
  packs: string[] = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']): void {
  for (const pack of packs) Validations.of(scope).acknowledge({ id: `${pack}-${rule}`, reason });
}

/** The plugin name of `@cdklabs/cdk-validator-cfnguard`, the namespace of its rule ids. */
const CONTROL_TOWER_PLUGIN = 'cdk-validator-cfnguard';

/**
 * Acknowledges one AWS Control Tower proactive control on `scope`, by the cfn-guard rule name the
 * plugin reports (e.g. `s3_bucket_object_lock_enabled_check` for CT.S3.PR.9), in the
 * `<plugin>::<rule>` form that aws-cdk-lib's policy validation matches for a plugin's findings.
 */
export function acknowledgeControlTower(scope: IConstruct, control: string, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `${CONTROL_TOWER_PLUGIN}::${rule}`, reason: `${control}: ${reason}` });
}
