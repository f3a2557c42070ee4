import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/** The statement id, so that a key policy shows why the statement is there. */
export const GRANTS_FOR_AWS_SERVICES_ONLY_SID = 'DenyGrantsExceptForAwsServices';

/**
 * The key-policy statement of AWS Control Tower's proactive control CT.KMS.PR.3: nobody may call
 * `kms:CreateGrant` on the key unless the grant is for an AWS resource (`kms:GrantIsForAWSResource`,
 * true when an integrated service such as DynamoDB, SQS, SNS, AWS Backup or S3 creates it on the
 * caller's behalf) or the caller is an AWS service principal (`aws:PrincipalIsAWSService`).
 * `BoolIfExists` with both keys in one block denies only when both are false (or absent): a person
 * or role calling CreateGrant directly is denied, a service that creates the grant it needs is not.
 *
 * The shape is exactly what the control's guard rule accepts: `Deny`, principal `*`, the one action,
 * resource `*`, and only those two keys under `BoolIfExists`.
 */
export function grantsForAwsServicesOnlyStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: GRANTS_FOR_AWS_SERVICES_ONLY_SID,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

/**
 * Adds the CT.KMS.PR.3 statement to the policy of a key this library creates. A key passed in by the
 * user (`encryptionKey`) is left alone: its policy is the user's.
 */
export function limitGrantsToAwsServices(key: kms.Key): kms.Key {
  key.addToResourcePolicy(grantsForAwsServicesOnlyStatement());
  return key;
}
