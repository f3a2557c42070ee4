import { spawnSync } from 'child_process';
import * as path from 'path';
import { main } from '../../src/cli/main';

/** How a run of `cdk-dynamodb-kit` ended: its exit code and what it wrote. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const MAIN = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
const TS_NODE = require.resolve('ts-node/dist/bin.js');

/**
 * `cdk-dynamodb-kit ARGS` in this process, through the same `main` the bin runs: the command's
 * logic, exit code and output, without a ts-node start (about 4 s on two cores) per test. For the
 * commands that answer synchronously; `design verify` sets its exit code later: use `spawnCli`.
 */
export function runCli(args: string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { stdout += String(chunk); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { stderr += String(chunk); return true; });
  try {
    const status = main(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * The real command line (a new Node process running src/cli/main.ts): exit codes reaching the
 * shell, asynchronous commands, another environment. Every command keeps at least one such test.
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = process.env): CliResult {
  const result = spawnSync(process.execPath, [TS_NODE, '--transpile-only', MAIN, ...args], { encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
