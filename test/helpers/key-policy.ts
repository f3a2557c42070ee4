import { GRANTS_FOR_AWS_SERVICES_ONLY_SID } from '../../src/shared/key-policy';

/** AWS Control Tower CT.KMS.PR.3, exactly as its guard rule accepts it: the statement every key we create carries. */
export const GRANTS_FOR_AWS_SERVICES_ONLY = {
  Sid: GRANTS_FOR_AWS_SERVICES_ONLY_SID,
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
};
