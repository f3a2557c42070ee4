import { formatSummaries, summarizeTables } from '../report/table-summary';
import { loadTemplates, TemplateInputError } from '../shared/templates';

/**
 * `report CDK_OUT_DIR|TEMPLATE [--json]`: prints every table's summary.
 * Exit 0 when every table meets the production defaults, 1 when one does not, 2 on bad input.
 */
export function runReportCommand(args: string[]): number {
  const json = args.includes('--json');
  const locations = args.filter(a => a !== '--json');
  if (locations.length !== 1) {
    process.stderr.write('usage: cdk-dynamodb-kit report CDK_OUT_DIR|TEMPLATE [--json]\n');
    return 2;
  }
  try {
    const summaries = summarizeTables(loadTemplates(locations[0]));
    process.stdout.write(json ? `${JSON.stringify(summaries, undefined, 2)}\n` : formatSummaries(summaries));
    return summaries.every(s => s.gaps.length === 0) ? 0 : 1;
  } catch (e) {
    if (e instanceof TemplateInputError) {
      process.stderr.write(`cdk-dynamodb-kit report: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
