import { GuardRule, changePlace, finding } from './rule';
import { isTableType } from '../../template/resource-types';

/**
 * A resource whose type changes under the same logical ID (`Table` → `TableV2`:
 * `AWS::DynamoDB::Table` → `AWS::DynamoDB::GlobalTable`): CloudFormation rejects the update
 * ("Update of resource type is not permitted"), so the deploy fails.
 */
export const resourceTypeChanged: GuardRule = {
  kinds: ['RESOURCE_TYPE_CHANGED'],
  check: ({ changes }) => changes.filter(c => c.typeChanged).map(c => {
    const tables = isTableType(c.before!.Type) && isTableType(c.after!.Type);
    return finding('RESOURCE_TYPE_CHANGED', 'blocking', changePlace(c), 'Type', c.before!.Type, c.after!.Type,
      `the resource changes type from ${c.before!.Type} to ${c.after!.Type} under the same logical ID: CloudFormation rejects the update ("Update of resource type is not permitted") and the deploy fails`,
      tables
        ? 'to move a Table to TableV2 without losing data: set RemovalPolicy.RETAIN on the Table and deploy; remove it from the app and deploy (the table is orphaned, data intact); then add the TableV2 with the same table name and key schema and bring the existing table in with `cdk import`.'
        : 'keep the type, or give the new resource a new construct id and remove the old one in a deploy of its own (with RETAIN if it holds data).');
  }),
};
