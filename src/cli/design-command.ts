import * as fs from 'fs';
import * as path from 'path';
import { designDocs } from '../model/docs';
import { VerifierSetupError } from '../model/local-engine';
import { formatVerification, verifyOnEngine } from '../model/verify';
import { deriveDesign } from '../modeling/derive';
import { DesignInputError, readDesignFile } from '../modeling/document';
import { DesignSummary, summarize } from '../modeling/summary';

const USAGE = [
  'usage: cdk-dynamodb-kit design check FILE [--json]     validate a design; print its keys, indexes and key conditions',
  '       cdk-dynamodb-kit design docs FILE --out DIR     write <name>.access-patterns.md and <name>.workbench.json',
  '       cdk-dynamodb-kit design verify FILE [--json]    run every pattern on DynamoDB Local against generated items',
].join('\n');

const fail = (message: string): number => {
  process.stderr.write(`cdk-dynamodb-kit design: ${message}\n`);
  return 2;
};

/**
 * `design check|docs|verify FILE`: exit 0 when the design is valid (verify: every pattern
 * passes), 1 on design errors (verify: a failing pattern), 2 when the input cannot be read or the
 * verifier cannot run.
 */
export function runDesignCommand(args: string[]): number {
  const [verb, ...rest] = args;
  const json = rest.includes('--json');
  const outAt = rest.indexOf('--out');
  const out = outAt >= 0 ? rest[outAt + 1] : undefined;
  const files = rest.filter((a, i) => a !== '--json' && a !== '--out' && !(outAt >= 0 && i === outAt + 1));
  if (!['check', 'docs', 'verify'].includes(verb) || files.length !== 1 || (verb === 'docs' && !out) || (outAt >= 0 && verb !== 'docs')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let summary: DesignSummary;
  let document;
  try {
    document = readDesignFile(files[0]);
    summary = summarize(deriveDesign(document));
  } catch (e) {
    if (e instanceof DesignInputError) return fail(e.message);
    throw e;
  }
  if (verb === 'check') {
    process.stdout.write(json ? `${JSON.stringify(summary, undefined, 2)}\n` : formatSummary(summary));
    return summary.valid ? 0 : 1;
  }
  if (!summary.valid) {
    process.stderr.write(formatSummary(summary));
    return 1;
  }
  if (verb === 'docs') {
    try {
      fs.mkdirSync(out!, { recursive: true });
      for (const [name, text] of Object.entries(designDocs(document, path.basename(files[0])))) {
        fs.writeFileSync(path.join(out!, name), text);
        process.stdout.write(`wrote ${path.join(out!, name)}\n`);
      }
    } catch (e: any) {
      return fail(`cannot write to ${out}: ${e.code ?? e.message}`);
    }
    return 0;
  }
  // The one asynchronous verb: the exit code is set when the engine has answered.
  verifyOnEngine(document).then(result => {
    process.stdout.write(json ? `${JSON.stringify(result, undefined, 2)}\n` : formatVerification(result));
    process.exitCode = result.passed ? 0 : 1;
  }, error => {
    process.exitCode = fail(error instanceof VerifierSetupError ? error.message : `the verifier failed: ${error?.message ?? error}`);
  });
  return 0;
}

function formatSummary(summary: DesignSummary): string {
  const lines: string[] = [];
  const indexes = summary.globalSecondaryIndexes;
  lines.push(`${summary.name}: ${summary.valid ? 'valid' : `${summary.errors.length} error(s)`}; table keys ${summary.partitionKey}/${summary.sortKey}, ${indexes.length} global secondary index(es)`);
  for (const index of indexes) lines.push(`  ${index.indexName}  ${index.partitionKey}/${index.sortKey}  ${index.projection}${index.nonKeyAttributes ? ` (${index.nonKeyAttributes.join(', ')})` : ''}`);
  if (summary.accessPatterns.length > 0) {
    const width = Math.max(...summary.accessPatterns.map(p => p.name.length));
    lines.push('access patterns:');
    for (const p of summary.accessPatterns) lines.push(`  ${p.name.padEnd(width)}  ${p.index.padEnd(5)}  ${p.keyCondition}${p.consistentRead ? '  (consistent)' : ''}`);
  }
  for (const error of summary.errors) lines.push(`error: ${error}`);
  for (const warning of summary.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
