import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { GLOBAL_TABLE, RenderedResource, TABLE, TableReference, indexesOf, literal, render, replicaIndex, replicasOf, resourcesInStack } from '../template';

/**
 * DynamoDB tables with provisioned capacity scale it automatically, for the table and every global
 * secondary index, reads and writes. For `AWS::DynamoDB::Table`: Application Auto Scaling scalable
 * targets in the same stack; for `AWS::DynamoDB::GlobalTable`: the autoscaling settings of the
 * table's write capacity, every index's write capacity, and every replica's read capacity for the
 * table and each index. On-demand tables are compliant.
 * @param node the CfnResource to check
 */
export function ProvisionedCapacityAutoscaled(node: CfnResource): NagRuleResult {
  if (node.cfnResourceType === TABLE) {
    const table = render(node);
    // CloudFormation's default for AWS::DynamoDB::Table is PROVISIONED.
    if (literal(node, table.properties.BillingMode ?? 'PROVISIONED') === 'PAY_PER_REQUEST') return NagRuleCompliance.COMPLIANT;
    return tableTargetsScaled(node, table) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  if (node.cfnResourceType === GLOBAL_TABLE) {
    const table = render(node);
    if (literal(node, table.properties.BillingMode ?? 'PROVISIONED') === 'PAY_PER_REQUEST') return NagRuleCompliance.COMPLIANT;
    return globalTableScaled(table) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}

function tableTargetsScaled(node: CfnResource, table: RenderedResource): boolean {
  const reference = new TableReference(table);
  const targets = resourcesInStack(node, 'AWS::ApplicationAutoScaling::ScalableTarget')
    .map(target => target.properties)
    .filter(target => target.ServiceNamespace === 'dynamodb' && reference.isIn(target.ResourceId));
  const scaled = (dimension: string, indexName?: string) => targets.some(target => {
    if (target.ScalableDimension !== dimension) return false;
    const resourceId = JSON.stringify(target.ResourceId);
    return indexName === undefined ? !resourceId.includes('/index/') : new RegExp(`/index/${escapeRegExp(indexName)}(?![\\w.-])`).test(resourceId);
  });
  const indexNames: string[] = indexesOf(table).map(index => index.IndexName);
  return scaled('dynamodb:table:ReadCapacityUnits') && scaled('dynamodb:table:WriteCapacityUnits')
    && indexNames.every(name => scaled('dynamodb:index:ReadCapacityUnits', name) && scaled('dynamodb:index:WriteCapacityUnits', name));
}

function globalTableScaled(table: RenderedResource): boolean {
  const writeScaled = (settings: any) => settings?.WriteProvisionedThroughputSettings?.WriteCapacityAutoScalingSettings !== undefined;
  const readScaled = (settings: any) => settings?.ReadProvisionedThroughputSettings?.ReadCapacityAutoScalingSettings !== undefined;
  const indexNames: string[] = indexesOf(table).map(index => index.IndexName);
  const replicas = replicasOf(table);
  return writeScaled(table.properties)
    && indexesOf(table).every(writeScaled)
    && replicas.length > 0
    && replicas.every(replica => readScaled(replica) && indexNames.every(name => readScaled(replicaIndex(replica, name))));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
