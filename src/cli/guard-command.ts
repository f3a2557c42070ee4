import { compareLocations } from '../guard/compare';
import { isBlocking } from '../guard/findings';
import { formatResult } from '../guard/format';
import { TemplateInputError } from '../template';

const USAGE = 'usage: cdk-dynamodb-kit guard --before OLD --after NEW [--json]\n'
  + '  OLD, NEW: a template file (JSON) or a cdk.out folder\n'
  + '  exit 0: safe; 1: the update would lose data or fail the deploy; 2: bad input\n';

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
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new TemplateInputError(`${flag} needs a path.`);
      return v;
    };
    if (flag === '--before') before = value();
    else if (flag === '--after') after = value();
    else if (flag === '--json') json = true;
    else throw new TemplateInputError(`unknown argument "${arg}".`);
  }
  if (!before || !after) throw new TemplateInputError(`${!before ? '--before' : '--after'} is required.`);
  return { before, after, json };
}

/**
 * `guard --before OLD --after NEW [--json]`: what deploying NEW over OLD would do to every
 * DynamoDB table. Exit 0 when safe, 1 when a finding would lose data or fail the deploy, 2 on bad
 * input (with a message, never a stack trace).
 */
export function runGuardCommand(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
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
    if (e instanceof TemplateInputError) {
      process.stderr.write(`cdk-dynamodb-kit guard: ${e.message}\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`cdk-dynamodb-kit guard: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
}
