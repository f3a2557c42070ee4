import { Annotations, FeatureFlags, Stack } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DYNAMODB_TABLEV2_RESOURCE_POLICY_PER_REPLICA } from 'aws-cdk-lib/cx-api';

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

/** What a global grant covers: the table's regions (its own first) and the replicas' keys. */
export interface GlobalGrantScope {
  readonly replicaRegions: readonly string[];
  readonly replicaKeyArns: { readonly [region: string]: string };
}

/**
 * Grants `actions` on the table and its indexes in every region, and `keyActions` on every key.
 *
 * A principal of this account gets an IAM statement naming each region's table ARN. A principal
 * of another account (`AccountPrincipal`, a role elsewhere) cannot be given IAM permissions from
 * here: the table's resource policy must allow it. That policy is a property of the table itself,
 * so it names the table as `*` (aws-cdk-lib's `resourceSelfArns`, as `TableV2.grant` does) rather
 * than by `Ref`/`GetAtt`, which would make the table depend on itself (an undeployable template).
 * The created key's policy allows the account the key actions; keys of other regions are not ours
 * to edit, which a warning says.
 */
export function grantOnGlobalTable(
  table: TableV2, scope: GlobalGrantScope, grantee: iam.IGrantable, actions: string[], keyActions: string[],
): iam.Grant {
  const stack = Stack.of(table);
  const regions = [stack.region, ...scope.replicaRegions];
  const grant = iam.Grant.addToPrincipalOrResource({
    grantee,
    actions,
    resourceArns: globalTableResourceArns(stack, table.tableName, regions),
    resourceSelfArns: ['*'],
    resource: table,
  });
  const crossAccount = grant.resourceStatements.length > 0;
  const replicaKeyArns = Object.values(scope.replicaKeyArns);
  const keyArns = [table.encryptionKey?.keyArn, ...replicaKeyArns].filter((arn): arn is string => arn !== undefined);
  if (keyActions.length > 0 && keyArns.length > 0) {
    iam.Grant.addToPrincipal({ grantee, actions: keyActions, resourceArns: keyArns });
    if (crossAccount) {
      table.encryptionKey?.addToResourcePolicy(new iam.PolicyStatement({
        principals: [grantee.grantPrincipal], actions: keyActions, resources: ['*'],
      }));
    }
  }
  if (crossAccount && scope.replicaRegions.length > 0) warnAboutCrossAccountReplicas(table, replicaKeyArns.length > 0 && keyActions.length > 0);
  return grant;
}

function warnAboutCrossAccountReplicas(table: TableV2, replicaKeys: boolean): void {
  const perReplicaPolicy = FeatureFlags.of(table).isEnabled(DYNAMODB_TABLEV2_RESOURCE_POLICY_PER_REPLICA);
  const gaps = [
    perReplicaPolicy ? 'each replica\'s resourcePolicy (this stack\'s policy applies to its own region only, @aws-cdk/aws-dynamodb:resourcePolicyPerReplica)' : undefined,
    replicaKeys ? 'the key policy of each replica region\'s key (replicaKeyArns)' : undefined,
  ].filter((gap): gap is string => gap !== undefined);
  if (gaps.length === 0) return;
  Annotations.of(table).addWarningV2('cdk-dynamodb-kit:crossAccountReplicas',
    `a grant to another account reaches the replicas only if ${gaps.join(' and ')} also allow that account.`);
}
