import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { TempDir, appIn, cfnTable, templateOf } from './fixtures';
import { TemplateInputError, loadTemplates, readTables, stacksOf } from '../../src/template';
import { MAX_JSON_DEPTH } from '../../src/template/json-file';
import { TEST_CONTEXT, TEST_ENV } from '../helpers/app';

const SECRET = 'TOP-SECRET-CONTENT-4242';

function manifest(artifacts: object): object {
  return { version: '36.0.0', artifacts };
}

function stackArtifact(templateFile: unknown, extra: object = {}): object {
  return { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/us-east-1', properties: { templateFile }, ...extra };
}

/** The error `loadTemplates` throws, checked to be ours, one line, and free of the secret. */
function inputError(location: string): string {
  let error: unknown;
  try {
    loadTemplates(location);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TemplateInputError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message).not.toContain(SECRET);
  return message;
}

describe('loadTemplates', () => {
  let tmp: TempDir;
  beforeEach(() => { tmp = new TempDir(); });
  afterEach(() => tmp.cleanup());

  /** An assembly folder `cdk.out` inside the temp folder, and a secret file beside it (outside). */
  function assembly(artifacts: object, files: { [name: string]: unknown } = {}): string {
    tmp.file('secret.json', { Resources: { Secret: { Type: 'AWS::SQS::Queue', Properties: { QueueName: SECRET } } } });
    tmp.file('cdk.out/manifest.json', manifest(artifacts));
    for (const [name, content] of Object.entries(files)) tmp.file(`cdk.out/${name}`, content);
    return path.join(tmp.dir, 'cdk.out');
  }

  test('reads each stack with its CloudFormation stack name (properties.stackName, else the artifact id) and environment', () => {
    const dir = assembly({
      RenamedArtifact: stackArtifact('A.template.json', { properties: { templateFile: 'A.template.json', stackName: 'orders-prod' } }),
      Plain: stackArtifact('B.template.json', { environment: 'aws://unknown-account/unknown-region' }),
    }, { 'A.template.json': templateOf({ T: cfnTable() }), 'B.template.json': templateOf({}) });
    const stacks = stacksOf(loadTemplates(dir));
    expect(stacks.map(s => [s.id, s.artifactId, s.stackName, s.environment])).toEqual([
      ['RenamedArtifact', 'RenamedArtifact', 'orders-prod', { account: '123456789012', region: 'us-east-1' }],
      ['Plain', 'Plain', 'Plain', { account: undefined, region: undefined }],
    ]);
  });

  test('reads nested stage assemblies with their ids as prefix', () => {
    const dir = assembly({ Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Stage' } } });
    tmp.file('cdk.out/assembly-Stage/manifest.json', manifest({ Inner: stackArtifact('Inner.template.json') }));
    tmp.file('cdk.out/assembly-Stage/Inner.template.json', templateOf({}));
    expect(Object.keys(loadTemplates(dir).stacks)).toEqual(['Stage/Inner']);
  });

  test('reads nested stacks (NestedStack) as their own templates tied to their parent', () => {
    const app = appIn(path.join(tmp.dir, 'app.out'));
    const parent = new Stack(app, 'Parent', { env: TEST_ENV, stackName: 'parent-prod' });
    const nested = new NestedStack(parent, 'Storage');
    new TableV2(nested, 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const set = loadTemplates(app.synth().directory);
    const child = stacksOf(set).find(s => s.parent !== undefined)!;
    expect(child).toMatchObject({ stackName: expect.stringMatching(/^parent-prod\/Storage\w+$/), parent: { id: 'Parent' }, environment: { region: 'us-east-1' } });
    expect(child.templateFile).toMatch(/\.nested\.template\.json$/);
    expect(readTables(child.template, { stackRegion: child.environment.region }).map(t => t.constructPath)).toEqual(['Parent/Storage/Orders/Resource']);
  });

  test('without asset metadata, a nested stack is found through the asset manifest (its TemplateURL names the hash)', () => {
    const app = new App({ outdir: path.join(tmp.dir, 'app.out'), context: { ...TEST_CONTEXT, 'aws:cdk:enable-asset-metadata': false } });
    const parent = new Stack(app, 'Parent', { env: TEST_ENV });
    new TableV2(new NestedStack(parent, 'Storage'), 'Orders', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const stacks = stacksOf(loadTemplates(app.synth().directory));
    expect(stacks.map(s => s.id)).toEqual(['Parent', expect.stringMatching(/^Parent\/Storage/)]);
    expect(stacks[0].unreadNestedStacks).toEqual([]);
  });

  test('a nested stack whose template is elsewhere (an S3 TemplateURL) is listed as unread, not silently skipped', () => {
    const file = tmp.file('P.template.json', templateOf({ Ext: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/t.json' } } }));
    expect(stacksOf(loadTemplates(file))[0].unreadNestedStacks).toEqual(['Ext']);
  });

  test('a template file alone is read, its nested stacks from the same folder', () => {
    const file = tmp.file('Only.template.json', templateOf({ T: cfnTable() }));
    expect(Object.keys(loadTemplates(file).stacks)).toEqual(['Only']);
  });

  test('a template file inside a cloud assembly takes its stack name and environment from the manifest', () => {
    const dir = assembly({ Artifact: stackArtifact('A.template.json', { properties: { templateFile: 'A.template.json', stackName: 'orders-prod' } }) },
      { 'A.template.json': templateOf({}) });
    expect(stacksOf(loadTemplates(path.join(dir, 'A.template.json')))[0]).toMatchObject({
      id: 'A', artifactId: 'Artifact', stackName: 'orders-prod', environment: { account: '123456789012', region: 'us-east-1' },
    });
  });

  test('a UTF-8 BOM is accepted and stripped', () => {
    const file = tmp.file('Bom.template.json', `\uFEFF${JSON.stringify(templateOf({ T: cfnTable() }))}`);
    expect(Object.keys(loadTemplates(file).stacks.Bom.Resources)).toEqual(['T']);
  });

  describe('hostile input is refused with one line naming the file and the problem, never the content of a file outside', () => {
    test('a templateFile with ../', () => {
      expect(inputError(assembly({ S: stackArtifact('../secret.json') }))).toMatch(/manifest\.json: the templateFile of artifact "S" "\.\.\/secret\.json" is outside the assembly folder/);
    });

    test('an absolute templateFile', () => {
      expect(inputError(assembly({ S: stackArtifact(path.join(tmp.dir, 'secret.json')) }))).toMatch(/is an absolute path; only files inside the assembly folder/);
    });

    test('a symlink that leaves the assembly', () => {
      const dir = assembly({ S: stackArtifact('S.template.json') });
      fs.symlinkSync(path.join(tmp.dir, 'secret.json'), path.join(dir, 'S.template.json'));
      expect(inputError(dir)).toMatch(/"S\.template\.json" is a link that leaves the assembly folder/);
    });

    test('a nested stack asset path outside the assembly', () => {
      const dir = assembly({ S: stackArtifact('S.template.json') }, {
        'S.template.json': templateOf({ Nested: { Type: 'AWS::CloudFormation::Stack', Properties: {}, Metadata: { 'aws:asset:path': '../x.nested.template.json' } } }),
      });
      tmp.file('x.nested.template.json', { Resources: { X: { Type: 'AWS::SQS::Queue', Properties: { QueueName: SECRET } } } });
      expect(inputError(dir)).toMatch(/S\.template\.json: the aws:asset:path of nested stack Nested "\.\.\/x\.nested\.template\.json" is outside the assembly folder/);
    });

    test('a nested assembly outside the folder', () => {
      expect(inputError(assembly({ Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } } }))).toMatch(/directoryName of nested assembly "Stage" "\.\." is outside/);
    });

    test('a self-referencing nested assembly', () => {
      expect(inputError(assembly({ Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } }))).toMatch(/nested assembly "Stage" refers back to an assembly already being read \(a cycle\)/);
    });

    test('a self-referencing nested stack', () => {
      const dir = assembly({ S: stackArtifact('a.nested.template.json') }, {
        'a.nested.template.json': templateOf({ Me: { Type: 'AWS::CloudFormation::Stack', Properties: {}, Metadata: { 'aws:asset:path': 'a.nested.template.json' } } }),
      });
      expect(inputError(dir)).toMatch(/nested stack Me refers back to a template already being read \(a cycle\)/);
    });

    test('a null resource', () => {
      expect(inputError(assembly({ S: stackArtifact('S.template.json') }, { 'S.template.json': '{"Resources": {"Orders": null}}' }))).toMatch(/S\.template\.json: resource "Orders" is null, not an object/);
    });

    test('a templateFile that is a folder', () => {
      const dir = assembly({ S: stackArtifact('folder') });
      fs.mkdirSync(path.join(dir, 'folder'));
      expect(inputError(dir)).toMatch(/folder: is a folder, not a template file/);
    });

    test('very deep JSON', () => {
      const deep = `{"Resources": {"A": {"Type": "X", "Properties": {"P": ${'['.repeat(100000)}${']'.repeat(100000)}}}}}`;
      expect(inputError(assembly({ S: stackArtifact('S.template.json') }, { 'S.template.json': deep }))).toMatch(new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels`));
    });

    test('invalid JSON says where, not what', () => {
      const message = inputError(assembly({ S: stackArtifact('S.template.json') }, { 'S.template.json': `{"Resources": ${SECRET}}` }));
      expect(message).toMatch(/S\.template\.json: not JSON/);
    });

    test('a manifest that is not JSON', () => {
      tmp.file('cdk.out/manifest.json', `{${SECRET}`);
      expect(inputError(path.join(tmp.dir, 'cdk.out'))).toMatch(/manifest\.json: not JSON/);
    });

    test('a nested stack template that is missing', () => {
      const dir = assembly({ S: stackArtifact('S.template.json') }, {
        'S.template.json': templateOf({ Nested: { Type: 'AWS::CloudFormation::Stack', Properties: {}, Metadata: { 'aws:asset:path': 'gone.nested.template.json' } } }),
      });
      expect(inputError(dir)).toMatch(/nested stack Nested's template gone\.nested\.template\.json is not in .*; pass the whole cdk\.out folder/);
    });
  });
});
