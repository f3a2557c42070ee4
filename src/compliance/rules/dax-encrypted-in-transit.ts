import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { literal, render } from '../template';

/**
 * DAX clusters accept only TLS connections on their endpoint (`ClusterEndpointEncryptionType: TLS`;
 * the default, NONE, sends items in clear text inside the VPC).
 * @param node the CfnResource to check
 */
export function DaxEncryptedInTransit(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType !== 'AWS::DAX::Cluster') return NagRuleCompliance.NOT_APPLICABLE;
  const encryption = literal(node, render(node).properties.ClusterEndpointEncryptionType ?? 'NONE');
  return encryption === 'TLS' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
