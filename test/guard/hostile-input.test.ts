import * as fs from 'fs';
import * as path from 'path';
import { runGuard } from './command';
import { removeTempDirs, tempDir } from './synth';

/**
 * Input a guard in CI may be given by a pull request: every problem is exit 2 and one line naming
 * the file and the problem, never a stack trace, and never the content of a file outside the
 * cloud assembly.
 */

const SECRET = 'do-not-print-this-secret';
const root = tempDir('guard-hostile-');
afterAll(removeTempDirs);
const secret = JSON.stringify({ Resources: { [SECRET]: { Type: SECRET } }, Secret: SECRET });
fs.writeFileSync(path.join(root, 'secret.json'), secret);
fs.writeFileSync(path.join(root, 'secret.nested.template.json'), secret);

const TEMPLATE = { Resources: { Orders: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] } } } };

/** A cloud assembly folder with the given manifest artifacts and files. */
function assembly(name: string, artifacts: object, files: { [file: string]: string } = {}): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }));
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  return dir;
}

const stack = (templateFile: string) => ({ Stack: { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/us-east-1', properties: { templateFile } } });
const good = assembly('good', stack('Stack.template.json'), { 'Stack.template.json': JSON.stringify(TEMPLATE) });

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const nestedAt = (assetPath: string) => JSON.stringify({
  Resources: { ...TEMPLATE.Resources, Data: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x' }, Metadata: { 'aws:asset:path': assetPath } } },
});

const CASES: Array<[string, string, RegExp]> = [
  ['a templateFile outside the assembly (../)', assembly('up', stack('../secret.json')), /up\/manifest\.json: the templateFile of artifact "Stack" .*outside/],
  ['a templateFile that is an absolute path', assembly('absolute', stack(path.join(root, 'secret.json'))), /absolute\/manifest\.json: the templateFile of artifact "Stack"/],
  ['a templateFile that is a folder', assembly('folder', stack('sub'), {}), /folder/],
  ['a null resource', assembly('null', stack('Stack.template.json'), { 'Stack.template.json': JSON.stringify({ Resources: { Orders: null } }) }), /Stack\.template\.json: resource "Orders" is null, not an object/],
  ['very deep JSON', assembly('deep', stack('Stack.template.json'), { 'Stack.template.json': `{"Resources": {}, "X": ${deep(100000)}}` }), /Stack\.template\.json: nested deeper than \d+ levels/],
  ['a nested assembly that refers to itself', assembly('cycle', { Self: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } }), /cycle\/manifest\.json: nested assembly "Self" refers back to an assembly already being read/],
  ['a nested stack template outside the assembly', assembly('nested-up', stack('Stack.template.json'), { 'Stack.template.json': nestedAt('../secret.nested.template.json') }), /aws:asset:path of nested stack Data/],
];
fs.mkdirSync(path.join(root, 'folder', 'sub'), { recursive: true });

describe('hostile input: exit 2, one line naming the file and the problem', () => {
  test.each(CASES)('%s', (_label, bad, message) => {
    for (const args of [['--before', bad, '--after', good], ['--before', good, '--after', bad]]) {
      const { code, stdout, stderr } = runGuard(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at |TypeError/);
      expect(stderr).not.toContain(SECRET);
      const json = runGuard([...args, '--json']);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout)).toEqual({ error: expect.stringMatching(message) });
      expect(json.stdout).not.toContain(SECRET);
    }
  });

  test('a UTF-8 BOM is read as the template it is', () => {
    const bom = assembly('bom', stack('Stack.template.json'), { 'Stack.template.json': `\uFEFF${JSON.stringify(TEMPLATE)}` });
    expect(runGuard(['--before', bom, '--after', good]).code).toBe(0);
  });

  test('--help works', () => {
    const { code, stdout } = runGuard(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: cdk-dynamodb-kit guard --before OLD --after NEW \[--json\]/);
  });
});
