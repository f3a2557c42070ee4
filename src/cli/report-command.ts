import { formatReport } from '../report/format';
import { buildReport } from '../report/table-report';
import { TemplateInputError, loadTemplates } from '../template';

export const REPORT_USAGE = 'usage: cdk-dynamodb-kit report CDK_OUT_DIR|TEMPLATE [--json]\n'
  + '  CDK_OUT_DIR: the cloud assembly `cdk synth` writes (nested stages and nested stacks are read too)\n'
  + '  TEMPLATE: one synthesized template file (JSON)\n'
  + '  --json: the report as typed JSON ({"ready": ..., "tables": [...], "unreadNestedStacks": [...]}); errors as {"error": "..."}\n'
  + '  exit 0: every table meets the production defaults; 1: one does not; 2: bad input\n';

/** The report's exit codes: distinct, so that a crash never reads as "not ready". */
export const REPORT_EXIT = { READY: 0, NOT_READY: 1, BAD_INPUT: 2 } as const;

/**
 * `report CDK_OUT_DIR|TEMPLATE [--json]`: prints every table's report.
 * Exit 0 when every table meets the production defaults, 1 when one does not, 2 on bad input or
 * any failure (one line, never a stack trace; with `--json`, `{"error": "..."}` on stdout).
 */
export function runReportCommand(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(REPORT_USAGE);
    return 0;
  }
  const json = args.includes('--json');
  const fail = (message: string, usage: boolean) => {
    if (json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    else process.stderr.write(`cdk-dynamodb-kit report: ${message}\n${usage ? REPORT_USAGE : ''}`);
    return REPORT_EXIT.BAD_INPUT;
  };
  const unknown = args.find(a => a.startsWith('-') && a !== '--json');
  if (unknown) return fail(`unknown option "${unknown}".`, true);
  const locations = args.filter(a => a !== '--json');
  if (locations.length !== 1) return fail(locations.length === 0 ? 'pass a cdk.out folder or a template file.' : 'pass one cdk.out folder or template file.', true);
  try {
    const report = buildReport(loadTemplates(locations[0]));
    process.stdout.write(json ? `${JSON.stringify(report, undefined, 2)}\n` : formatReport(report.tables, report.unreadNestedStacks));
    return report.ready ? REPORT_EXIT.READY : REPORT_EXIT.NOT_READY;
  } catch (e) {
    if (e instanceof TemplateInputError) return fail(e.message, false);
    // A bug of ours, not the user's input: still exit 2 (never 1, which reads as "not ready"), with no stack trace.
    return fail(`internal error while reading ${locations[0]}: ${firstLine(e)}; please report it.`, false);
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}
