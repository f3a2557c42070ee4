import * as fs from 'fs';
import { CapacityPlan, CapacityPlanner } from '../capacity';
import { workloadFromJson } from '../capacity/workload-json';
import { KitValidationError } from '../shared/errors';

const USAGE = 'usage: cdk-dynamodb-kit plan WORKLOAD.json [--json]';

/**
 * `plan WORKLOAD.json [--json]`: prints the capacity plan of a workload (the `Workload` fields, as
 * JSON). Exit 0, or 2 with a one-line message on bad input (an unreadable file, bad JSON, an
 * invalid workload); with `--json` the message is `{"error": "..."}` on stdout.
 */
export function runPlanCommand(args: string[]): number {
  const json = args.includes('--json');
  const files = args.filter(a => a !== '--json');
  const fail = (message: string): number => {
    if (json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    else process.stderr.write(`cdk-dynamodb-kit plan: ${message}\n`);
    return 2;
  };
  if (files.length !== 1 || files[0].startsWith('-')) return fail(USAGE);
  const file = files[0];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a workload file' : `cannot be read (${code})`}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`${file}: not JSON (${(e as Error).message})`);
  }
  let plan: CapacityPlan;
  try {
    plan = CapacityPlanner.plan(workloadFromJson(parsed, file));
  } catch (e) {
    if (e instanceof KitValidationError) return fail(e.message);
    throw e;
  }
  process.stdout.write(json ? `${JSON.stringify(planAsJson(plan), undefined, 2)}\n` : formatPlan(plan));
  return 0;
}

/** The plan as data: the same field names, `billing` as its TypeScript source. */
export function planAsJson(plan: CapacityPlan): object {
  return { ...plan, billing: plan.billingCode };
}

/** The plan for a person: the figures first, then the arithmetic behind them. */
export function formatPlan(plan: CapacityPlan): string {
  const perIndex = (units: { [name: string]: number }) =>
    Object.entries(units).map(([name, value]) => `${name} ${value}`).join(', ') || 'none';
  const usd = (value: number) => `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const rows: Array<[string, string]> = [
    ['readCapacityUnits', String(plan.readCapacityUnits)],
    ['writeCapacityUnits', String(plan.writeCapacityUnits)],
    ['indexReadCapacityUnits', perIndex(plan.indexReadCapacityUnits)],
    ['indexWriteCapacityUnits', perIndex(plan.indexWriteCapacityUnits)],
    ['replicatedWriteCapacityUnits', String(plan.replicatedWriteCapacityUnits)],
    ['readRequestUnitsPerMonth', plan.readRequestUnitsPerMonth.toLocaleString('en-US')],
    ['writeRequestUnitsPerMonth', plan.writeRequestUnitsPerMonth.toLocaleString('en-US')],
    ['partitions', String(plan.partitions)],
    ['monthlyCost.onDemand', usd(plan.monthlyCost.onDemand)],
    ['monthlyCost.provisioned', usd(plan.monthlyCost.provisioned)],
    ['monthlyCost.storage', usd(plan.monthlyCost.storage)],
    ['monthlyCost.pointInTimeRecovery', usd(plan.monthlyCost.pointInTimeRecovery)],
    ['recommendation', `${plan.recommendation.recommendation}: ${plan.recommendation.reason}`],
    ['billing', plan.billingCode],
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const lines = rows.map(([name, value]) => `${`${name}:`.padEnd(width)}${value}`);
  lines.push('', `warnings:${plan.warnings.length ? '' : ' none'}`, ...plan.warnings.map(w => `  - ${w}`));
  lines.push('', 'explanation:', ...plan.explanation.map(e => `  ${e}`));
  return `${lines.join('\n')}\n`;
}
