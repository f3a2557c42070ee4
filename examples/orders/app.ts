// An orders service's table, as a platform team would ship it. Copy this file into your own app
// and import from 'cdk-dynamodb-kit' instead of '../../src'.
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ProductionTable } from '../../src';

/**
 * The KMS keys of the replica regions. KMS keys are regional, so each replica region has its own,
 * typically made by a small stack deployed to that region (or a multi-Region replica key).
 */
const REPLICA_KEY_ARNS = {
  'eu-west-1': 'arn:aws:kms:eu-west-1:111111111111:key/6f1c2a9e-0d1b-4c55-9a44-0a4f5b3f0e11',
  'ap-southeast-2': 'arn:aws:kms:ap-southeast-2:111111111111:key/0b6e8f3c-7d2a-4b9e-8c1d-5e2f4a6b7c22',
};

export class OrdersStack extends Stack {
  public readonly orders: ProductionTable;

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
    });
  }
}

export function buildApp(app: App = new App()): App {
  new OrdersStack(app, 'OrdersService', { env: { account: '111111111111', region: 'us-east-1' } });
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
