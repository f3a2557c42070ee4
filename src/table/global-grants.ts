import { Stack } from 'aws-cdk-lib';

/**
 * The same action sets aws-cdk-lib grants for `grantReadData` / `grantWriteData` (its own lists are
 * not exported; test/table/private/cdk-internals.test.ts fails if they drift apart). aws-cdk-lib's
 * `TableGrants` does take replica regions, but it words the ARNs and statements differently (the
 * table's own ARN by GetAtt, a separate stream-read statement), so building on it would change
 * every template that uses `grant*Globally`.
 */
export const DATA_READ_ACTIONS = [
  'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan',
  'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable',
];
export const DATA_WRITE_ACTIONS = [
  'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable',
];
export const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
export const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/**
 * The ARNs of a global table and its indexes in each region: a replica has the same name as the
 * table and lives at the same account.
 */
export function globalTableResourceArns(stack: Stack, tableName: string, regions: string[]): string[] {
  return regions.flatMap(region => {
    const tableArn = stack.formatArn({ service: 'dynamodb', region, resource: 'table', resourceName: tableName });
    return [tableArn, `${tableArn}/index/*`];
  });
}
