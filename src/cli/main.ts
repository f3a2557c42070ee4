#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { runDesignCommand } from './design-command';
import { runGuardCommand } from './guard-command';
import { runPlanCommand } from './plan-command';
import { runReportCommand } from './report-command';

/**
 * `cdk-dynamodb-kit <command> [args]`: the command-line tools, thin over the library.
 * Exit codes: 0 success, 1 a finding (guard: blocks; report: not ready), 2 bad input.
 * Each command has one line here; `<command> --help` prints its own options.
 */
const COMMANDS: { [name: string]: { summary: string; run: (args: string[]) => number } } = {
  report: { summary: 'report CDK_OUT_DIR|TEMPLATE [--json]   summarize every DynamoDB table and its production readiness (exit 1: not ready)', run: runReportCommand },
  guard: { summary: 'guard --before OLD --after NEW [--json]   what deploying NEW over OLD does to every table (exit 1: data loss or a failing deploy)', run: runGuardCommand },
  plan: { summary: 'plan WORKLOAD.json [--json]   capacity units, partitions, monthly cost and the Billing to use for a workload', run: runPlanCommand },
  design: { summary: 'design check|docs|verify FILE [--json] [--out DIR]   check a single-table design, write its docs, prove it on DynamoDB Local', run: runDesignCommand },
};

function usage(): string {
  const commands = Object.values(COMMANDS).map(c => `  cdk-dynamodb-kit ${c.summary}`).join('\n');
  return `usage: cdk-dynamodb-kit <command> [args]\n\ncommands:\n${commands}\n\n`
    + '  cdk-dynamodb-kit <command> --help   the options of one command\n'
    + '  cdk-dynamodb-kit --version          the version of cdk-dynamodb-kit\n\n'
    + 'exit codes: 0 success; 1 a finding (guard: the update blocks; report: a table is not ready); 2 bad input\n';
}

/** The package's version, from its package.json (two folders up from lib/cli/ and from src/cli/). */
function version(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function main(argv: string[]): number {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command "${name}"\n` : ''}${usage()}`);
    return 2;
  }
  try {
    return command.run(args);
  } catch (e) {
    process.stderr.write(`cdk-dynamodb-kit ${name}: internal error: ${String((e as Error)?.message ?? e).split('\n')[0]}; please report it.\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
