import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { CapacityView, GLOBAL_TABLE_TYPE, IndexView, TableView } from '../../template';
import { TableReference, definite, isTable, render, resourcesInStack, viewOf } from '../template';

/**
 * DynamoDB tables with provisioned capacity scale it automatically, for the table and every global
 * secondary index, reads and writes. For `AWS::DynamoDB::Table`: Application Auto Scaling scalable
 * targets in the same stack; for `AWS::DynamoDB::GlobalTable`: the autoscaling settings of the
 * table's write capacity, every index's write capacity, and every replica's read capacity for the
 * table and each index. On-demand tables are compliant.
 * @param node the CfnResource to check
 */
export function ProvisionedCapacityAutoscaled(node: CfnResource): NagRuleResult {
  if (!isTable(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const table = viewOf(node);
  // A cross-account replica's billing is its source table's, judged where that table is defined.
  if (table.billing === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const billing = definite(table.billing);
  if (definite(billing.mode) === 'PAY_PER_REQUEST') return NagRuleCompliance.COMPLIANT;
  const indexes = definite(table.globalSecondaryIndexes).map(index => definite(index));
  const scaled = table.type === GLOBAL_TABLE_TYPE ? globalTableScaled(table, indexes) : tableTargetsScaled(node, indexes.map(index => index.name));
  return scaled ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

function tableTargetsScaled(node: CfnResource, indexNames: string[]): boolean {
  const reference = new TableReference(render(node));
  const targets = resourcesInStack(node, 'AWS::ApplicationAutoScaling::ScalableTarget')
    .map(target => target.properties)
    .filter(target => target.ServiceNamespace === 'dynamodb' && reference.isIn(target.ResourceId));
  const scaled = (dimension: string, indexName?: string) => targets.some(target => {
    if (target.ScalableDimension !== dimension) return false;
    const resourceId = JSON.stringify(target.ResourceId);
    return indexName === undefined ? !resourceId.includes('/index/') : new RegExp(`/index/${escapeRegExp(indexName)}(?![\\w.-])`).test(resourceId);
  });
  return scaled('dynamodb:table:ReadCapacityUnits') && scaled('dynamodb:table:WriteCapacityUnits')
    && indexNames.every(name => scaled('dynamodb:index:ReadCapacityUnits', name) && scaled('dynamodb:index:WriteCapacityUnits', name));
}

/** The table's and every index's writes, and every replica's reads for the table and each index, autoscale. */
function globalTableScaled(table: TableView, indexes: IndexView[]): boolean {
  const autoscaled = (capacity: CapacityView | undefined) => capacity?.autoScaling !== undefined;
  const replicas = definite(table.replicas).filter(replica => replica.source === 'replica');
  return autoscaled(definite(table.billing!).writeCapacity)
    && indexes.every(index => autoscaled(index.writeCapacity))
    && replicas.length > 0
    && replicas.every(replica => autoscaled(replica.readCapacity) && indexes.every(index => autoscaled(replica.indexes[index.name]?.readCapacity)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
