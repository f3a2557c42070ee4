#!/usr/bin/env node
import { runDesignCommand } from './design-command';
import { runGuardCommand } from './guard-command';
import { runPlanCommand } from './plan-command';
import { runReportCommand } from './report-command';

/**
 * `cdk-dynamodb-kit <command> [args]`: the command-line tools, thin over the library.
 * Exit codes: 0 success, 1 a finding that blocks (guard), 2 bad input.
 */
const COMMANDS: { [name: string]: { summary: string; run: (args: string[]) => number } } = {
  report: { summary: 'report CDK_OUT_DIR|TEMPLATE [--json]   summarize every DynamoDB table and its production readiness', run: runReportCommand },
  guard: { summary: 'guard --before OLD --after NEW [--json]   what deploying NEW over OLD does to every table (exit 1: data loss or a failing deploy)', run: runGuardCommand },
  plan: { summary: 'plan WORKLOAD.json [--json]   capacity units, partitions, monthly cost and the Billing to use for a workload', run: runPlanCommand },
  design: { summary: 'design check|docs|verify FILE [--json] [--out DIR]   check a single-table design, write its docs, prove it on DynamoDB Local', run: runDesignCommand },
};

function main(argv: string[]): number {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const usage = Object.values(COMMANDS).map(c => `  cdk-dynamodb-kit ${c.summary}`).join('\n');
    process.stderr.write(`${name ? `unknown command "${name}"\n` : ''}usage:\n${usage}\n`);
    return 2;
  }
  return command.run(args);
}

process.exitCode = main(process.argv.slice(2));
