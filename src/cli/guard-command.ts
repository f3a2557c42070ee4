import { compareLocations } from '../guard/compare';
import { isBlocking } from '../guard/findings';
import { formatResult } from '../guard/format';
import { TemplateInputError } from '../template';

const USAGE = 'usage: cdk-dynamodb-kit guard --before OLD --after NEW [--json]\n'
  + '  OLD, NEW: a template file (JSON) or a cdk.out folder (nested stacks and stages included;\n'
  + '  stacks are matched by CloudFormation stack name and environment)\n'
  + '  judges DynamoDB tables, SQS queues, S3 buckets, KMS keys, backup vaults, Kinesis streams,\n'
  + '  log groups and event source mappings\n'
  + '  exit 0: safe; 1: the update would lose data or fail the deploy; 2: bad input\n';

/** A command-line mistake: the usage follows the message. */
class ArgumentError extends TemplateInputError {}

interface GuardArgs {
  readonly before: string;
  readonly after: string;
  readonly json: boolean;
}

function parse(args: string[]): GuardArgs {
  let before: string | undefined;
  let after: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new ArgumentError(`${flag} needs a path.`);
      return v;
    };
    if (flag === '--before') before = value();
    else if (flag === '--after') after = value();
    else if (flag === '--json') json = true;
    else throw new ArgumentError(`unknown argument "${arg}".`);
  }
  if (!before || !after) throw new ArgumentError(`${!before ? '--before' : '--after'} is required.`);
  return { before, after, json };
}

/** The one line a failure prints: the loader's message, or what went wrong, never a stack trace. */
function oneLine(e: unknown): string {
  if (e instanceof TemplateInputError) return e.message;
  if (e instanceof RangeError) return 'a template is nested too deeply to compare; pass the templates `cdk synth` writes.';
  const message = e instanceof Error ? e.message : String(e);
  return `cannot compare the templates (${message.split('\n')[0]}); please report this with the two templates.`;
}

/**
 * `guard --before OLD --after NEW [--json]`: what deploying NEW over OLD would do to every
 * DynamoDB table and every other resource that holds data, nested stacks included. Exit 0 when
 * safe, 1 when a finding would lose data or fail the deploy, 2 on bad input: one line naming the
 * file and the problem (with `--json`, `{"error": ...}` on stdout), never a stack trace.
 */
export function runGuardCommand(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const json = args.includes('--json');
  try {
    const options = parse(args);
    const result = compareLocations(options.before, options.after);
    const blocking = result.findings.some(isBlocking);
    if (options.json) {
      process.stdout.write(JSON.stringify({ safe: !blocking, ...result }, null, 2) + '\n');
    } else {
      process.stdout.write(formatResult(result));
    }
    return blocking ? 1 : 0;
  } catch (e) {
    const message = oneLine(e);
    if (json) {
      process.stdout.write(JSON.stringify({ error: message }) + '\n');
    } else {
      const usage = e instanceof ArgumentError ? `\n${USAGE}` : '\n';
      process.stderr.write(`cdk-dynamodb-kit guard: ${message}${usage}`);
    }
    return 2;
  }
}
