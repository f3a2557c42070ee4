/**
 * The CloudFormation resource types of DynamoDB tables. The one place in `src/` that names them:
 * every reader of a template (the guard, the report, the rule pack) asks this file.
 */

/** `AWS::DynamoDB::Table`: the table made by aws-cdk-lib's `Table` (and `CfnTable`). */
export const TABLE_TYPE = 'AWS::DynamoDB::Table';

/** `AWS::DynamoDB::GlobalTable`: the table made by `TableV2` and `ProductionTable`, replicas inside it. */
export const GLOBAL_TABLE_TYPE = 'AWS::DynamoDB::GlobalTable';

/** The replica custom resource made by the old `Table` construct's `replicationRegions` (global tables version 2019.11.21). */
export const LEGACY_REPLICA_TYPE = 'Custom::DynamoDBReplica';

/** The two table types. */
export type TableResourceType = typeof TABLE_TYPE | typeof GLOBAL_TABLE_TYPE;

export const TABLE_TYPES: readonly TableResourceType[] = [TABLE_TYPE, GLOBAL_TABLE_TYPE];

/** Whether a resource type is a DynamoDB table (`AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable`). */
export function isTableType(type: unknown): type is TableResourceType {
  return type === TABLE_TYPE || type === GLOBAL_TABLE_TYPE;
}
