import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';
import * as kit from '../../src';
import { TEST_CONTEXT } from '../helpers/app';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The fenced blocks of the README: their info string and their code. */
function fences(): { info: string; code: string }[] {
  return [...readme.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map(m => ({ info: m[1].trim(), code: m[2] }));
}

/** Runs a TypeScript snippet as a CommonJS module, `cdk-dynamodb-kit` being this checkout's src/. */
function run(code: string, exported: string[]): Record<string, unknown> {
  const js = ts.transpileModule(`${code}\nmodule.exports = { ${exported.join(', ')} };`, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFromReadme = (name: string) => (name === 'cdk-dynamodb-kit' ? kit : require(name));
  new Function('require', 'module', 'exports', js)(requireFromReadme, module, module.exports);
  return module.exports;
}

describe('the README Quick start works as pasted', () => {
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
  const block = fences().find(f => f.info === 'ts nofixture' && quickStart.includes(f.code));

  test('it is one complete app, in a stack with an env', () => {
    expect(block).toBeDefined();
    expect(block!.code).toMatch(/new Stack\(app, '[A-Za-z]+', \{ env: \{ account: '\d{12}', region: '[a-z0-9-]+' \} \}\)/);
  });

  test('it synthesizes: a global table with its replica and the handler granted the table in both regions', () => {
    // The app as pasted, with the context the CLI would pass: CloudFormation's schema checks on.
    process.env.CDK_CONTEXT_JSON = JSON.stringify(TEST_CONTEXT);
    let built: { app: App; stack: Stack };
    try {
      built = run(block!.code, ['app', 'stack']) as { app: App; stack: Stack };
    } finally {
      delete process.env.CDK_CONTEXT_JSON;
    }
    const { app, stack } = built;
    expect(app.node.tryGetContext('@aws-cdk/core:validateAgainstDefaultRules')).toBe(true);
    app.synth();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: Match.arrayWith([Match.objectLike({ Region: 'eu-west-1' }), Match.objectLike({ Region: 'us-east-1' })]),
    });
    const policy = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policy).toContain(':eu-west-1:');
  });
});

describe('README code blocks fenced as TypeScript are TypeScript', () => {
  test('no shell command in a ts fence (rosetta compiles and translates those)', () => {
    const blocks = fences();
    expect(blocks.filter(f => /^(ts|typescript)\b/.test(f.info)).length).toBeGreaterThan(10);
    for (const b of blocks.filter(f => /^(ts|typescript)\b/.test(f.info))) {
      // Shell commands, JSON and YAML fed to rosetta would be compile errors, or worse, translated.
      expect(b.code).not.toMatch(/^\s*(npx|npm|cdk|\$) /m);
    }
  });
});
