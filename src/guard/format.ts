import { GuardResult } from './compare';
import { GuardFinding, isBlocking } from './findings';

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** One finding, for people. */
export function formatFinding(f: GuardFinding): string {
  return [
    `${f.severity.toUpperCase()} ${f.kind}  ${f.stack}/${f.logicalId} (${f.resourceType})`,
    `  property: ${f.property}`,
    `  before:   ${show(f.before)}`,
    `  after:    ${show(f.after)}`,
    `  problem:  ${f.problem}`,
    `  safe way: ${f.safeChange}`,
  ].join('\n');
}

/** The whole result, for people: blocking first, then warnings, then information. */
export function formatResult(result: GuardResult): string {
  const order = { blocking: 0, warning: 1, info: 2 };
  const sorted = [...result.findings].sort((x, y) => order[x.severity] - order[y.severity]);
  const blocking = result.findings.filter(isBlocking).length;
  const summary = `${result.tablesCompared} table(s) in ${result.stacksCompared.length} stack(s) compared: `
    + `${blocking} blocking, ${result.findings.filter(f => f.severity === 'warning').length} warning(s), ${result.findings.filter(f => f.severity === 'info').length} info.`;
  const verdict = blocking > 0 ? 'NOT SAFE: this update would lose data or fail the deploy.' : 'Safe to deploy (read the warnings).';
  return [...sorted.map(formatFinding), summary, verdict].join('\n\n') + '\n';
}
