import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import { CfnGlobalTable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { iamDescription } from '../shared/descriptions';

/**
 * What DAX calls on DynamoDB for its clients: AWS's documented service-role policy for DAX
 * (DescribeTable to learn the key schema; the item and query operations it passes through).
 */
export const DAX_SERVICE_ROLE_ACTIONS = [
  'dynamodb:DescribeTable',
  'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem',
];

/**
 * What DynamoDB needs of the caller's key permissions when a table is encrypted with a
 * customer-managed key, read and write. Named one by one (no `kms:GenerateDataKey*`), and only
 * through DynamoDB (`kms:ViaService`).
 */
export const DAX_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];

/** One table the role may use, with the indexes named explicitly (imported tables). */
interface CachedTable {
  readonly table: ITableV2;
  readonly extraIndexNames: string[];
}

/**
 * The IAM role DAX assumes, trusted by `dax.amazonaws.com` for this account only, and a
 * customer-managed policy (not inline: HIPAA, NIST 800-53 R5 and PCI DSS `IAMNoInlinePolicy`)
 * whose statements are rendered at synthesis from the tables' final definitions: each table's ARN
 * and one ARN per index, never `*` or `index/*`.
 */
export class DaxServiceRole extends Construct {
  public readonly role: iam.Role;
  public readonly policy: iam.CfnManagedPolicy;
  private readonly tables: CachedTable[] = [];

  constructor(scope: Construct, id: string, description: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('dax.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: iamDescription(description),
    });
    this.policy = new iam.CfnManagedPolicy(this, 'Policy', {
      description: iamDescription(description),
      roles: [this.role.roleName],
      policyDocument: Lazy.any({ produce: () => this.document() }),
    });
  }

  /** Lets DAX use the table and its indexes (the ones its definition has at synthesis, and these). */
  public addTable(table: ITableV2, indexNames: string[] = []): void {
    const existing = this.tables.find(t => t.table === table);
    if (existing) {
      existing.extraIndexNames.push(...indexNames);
      return;
    }
    this.tables.push({ table, extraIndexNames: [...indexNames] });
  }

  /** The table and index ARNs the role may use, in order, without repeats. */
  public resourceArns(): string[] {
    const arns = this.tables.flatMap(({ table, extraIndexNames }) => [
      table.tableArn,
      ...[...new Set([...definedIndexNames(table), ...extraIndexNames])].map(name => `${table.tableArn}/index/${name}`),
    ]);
    return [...new Set(arns)];
  }

  private document(): iam.PolicyDocument {
    const statements = [new iam.PolicyStatement({
      sid: 'DaxReadsAndWritesTheCachedTables',
      actions: DAX_SERVICE_ROLE_ACTIONS,
      resources: this.resourceArns(),
    })];
    const keyArns = [...new Set(this.tables.map(t => t.table.encryptionKey?.keyArn).filter((arn): arn is string => arn !== undefined))];
    if (keyArns.length > 0) {
      statements.push(new iam.PolicyStatement({
        sid: 'DaxUsesTheTablesKeysThroughDynamoDb',
        actions: DAX_KEY_ACTIONS,
        resources: keyArns,
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.${Stack.of(this).urlSuffix}` } },
      }));
    }
    return new iam.PolicyDocument({ statements });
  }
}

/**
 * The index names in the table's definition (its `AWS::DynamoDB::GlobalTable` in this app), read
 * at synthesis so that indexes added after the cluster count. An imported table has none here;
 * name its indexes with `addTable(table, indexNames)`.
 */
function definedIndexNames(table: ITableV2): string[] {
  const child = table.node.defaultChild;
  // By type name, not instanceof: the table may come from another copy of aws-cdk-lib.
  if (!child || !CfnResource.isCfnResource(child) || child.cfnResourceType !== CfnGlobalTable.CFN_RESOURCE_TYPE_NAME) return [];
  const cfn = child as CfnGlobalTable;
  const stack = Stack.of(cfn);
  const indexes = [stack.resolve(cfn.globalSecondaryIndexes), stack.resolve(cfn.localSecondaryIndexes)];
  return indexes.flatMap(list => (Array.isArray(list) ? list : []).map((index: any) => index?.indexName ?? index?.IndexName).filter((name: unknown): name is string => typeof name === 'string'));
}
