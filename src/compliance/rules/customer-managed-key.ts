import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { checkCustomerManagedKey } from '../../template';
import { isTable, verdict, viewOf } from '../template';

/**
 * DynamoDB tables, and every replica of a global table, are encrypted with a customer-managed KMS
 * key (not a DynamoDB-owned or AWS-managed key; `alias/aws/dynamodb` is AWS-managed).
 * @param node the CfnResource to check
 */
export function CustomerManagedKey(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  return verdict(checkCustomerManagedKey(viewOf(node))) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
