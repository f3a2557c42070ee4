// An orders service's table, as a platform team would ship it. Copy this file into your own app
// and import from 'cdk-dynamodb-kit' instead of '../../src'.
import * as path from 'path';
import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ProductionTable, SingleTableDesign, StreamFilter, TableBackupPlan } from '../../src';

/**
 * The KMS keys of the replica regions. KMS keys are regional, so each replica region has its own,
 * typically made by a small stack deployed to that region (or a multi-Region replica key).
 */
const REPLICA_KEY_ARNS = {
  'eu-west-1': 'arn:aws:kms:eu-west-1:111111111111:key/6f1c2a9e-0d1b-4c55-9a44-0a4f5b3f0e11',
  'ap-southeast-2': 'arn:aws:kms:ap-southeast-2:111111111111:key/0b6e8f3c-7d2a-4b9e-8c1d-5e2f4a6b7c22',
};

/**
 * The search indexer's code. A real handler uses the helper from 'cdk-dynamodb-kit/runtime'
 * (see the README); inline code keeps this example free of a bundling step.
 */
const INDEXER_CODE = 'exports.handler = async () => ({ batchItemFailures: [] });';

export class OrdersStack extends Stack {
  public readonly orders: ProductionTable;
  public readonly indexer: lambda.Function;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    this.orders = new ProductionTable(this, 'Orders', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      globalSecondaryIndexes: [{
        indexName: 'byCustomer',
        partitionKey: { name: 'customerId', type: AttributeType.STRING },
        sortKey: { name: 'orderedAt', type: AttributeType.STRING },
      }],
      timeToLiveAttribute: 'expiresAt',
      replicas: [{ region: 'eu-west-1' }, { region: 'ap-southeast-2' }],
      replicaKeyArns: REPLICA_KEY_ARNS,
      // Daily backups kept 35 days and monthly ones kept a year, on top of PITR's 35 days.
      backup: new TableBackupPlan(this, 'Backup'),
    });

    // Keeps a search index in sync with orders; TTL expiries are not business deletes.
    this.indexer = new lambda.Function(this, 'OrderIndexer', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(INDEXER_CODE),
      memorySize: 256,
      timeout: Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
    });
    this.orders.addConsumer('Indexer', { handler: this.indexer, filters: [StreamFilter.excludingTtlExpiries()] });
    acknowledgeIndexerFindings(this.indexer);
  }
}

/**
 * Rule-pack findings on our own function that we accept, each with the reason a reviewer needs.
 * (The library acknowledges what its constructs cause, such as the DLQ rules for a stream-invoked
 * function; these are the app's own choices.)
 */
function acknowledgeIndexerFindings(fn: lambda.Function): void {
  const acknowledge = (scope: Construct, ids: string[], reason: string) =>
    ids.forEach(id => Validations.of(scope).acknowledge({ id, reason }));
  const packs = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];
  acknowledge(fn, [...packs.map(pack => `${pack}-LambdaInsideVPC`), 'cdk-validator-cfnguard::lambda_inside_vpc_check'],
    'The indexer reaches only AWS service endpoints (the DynamoDB stream through its event source mapping, and the search service over TLS); it has nothing to reach inside a VPC.');
  acknowledge(fn, ['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'],
    'A stream consumer\'s concurrency is bounded by the shard count times its parallelization factor (1); reserved concurrency would only add throttling and stream lag.');
  const role = fn.role!.node;
  acknowledge(role.defaultChild!, ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
    'AWSLambdaBasicExecutionRole grants only writing the function\'s own CloudWatch Logs, and AWS keeps it current.');
  const policy = role.findChild('DefaultPolicy');
  acknowledge(policy, ['AwsSolutions-IAM5[Resource::*]'],
    'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray only grants on "*".');
  acknowledge(policy, packs.map(pack => `${pack}-IAMNoInlinePolicy`),
    'The inline policy holds the grants CDK derives for this function (its stream, key, failure queue and tracing), each on exact resources, created and deleted with the function.');
}

/**
 * The store's single table: customers, orders, order items and products. The design document
 * lists the access patterns; the design derives the keys and the fewest indexes that serve them
 * all. Application code builds keys and queries from the same file with 'cdk-dynamodb-kit/model',
 * and `cdk-dynamodb-kit design verify store.design.json` proves every pattern on DynamoDB Local.
 */
export class StoreStack extends Stack {
  public readonly design: SingleTableDesign;
  public readonly store: ProductionTable;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.design = SingleTableDesign.fromFile(path.join(__dirname, 'store.design.json'));
    this.store = new ProductionTable(this, 'Store', {
      design: this.design,
      backup: new TableBackupPlan(this, 'Backup'),
    });
  }
}

export function buildApp(app: App = new App()): App {
  const env = { account: '111111111111', region: 'us-east-1' };
  new OrdersStack(app, 'OrdersService', { env });
  new StoreStack(app, 'StoreService', { env });
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
