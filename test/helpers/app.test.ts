import { CfnResource } from 'aws-cdk-lib';
import { templateOf, testApp, testStack } from './app';

describe('test helper app', () => {
  test('turns a template that breaks the CloudFormation schema into a failing test', () => {
    const stack = testStack();
    new CfnResource(stack, 'Broken', { type: 'AWS::DynamoDB::GlobalTable', properties: { NotAProperty: true } });
    expect(() => templateOf(stack)).toThrow();
  });
});

describe('tests leave nothing behind', () => {
  test('an app without an outdir synthesizes into the run\'s own temp directory, which the global teardown removes', () => {
    const runDir = process.env.CDK_DYNAMODB_KIT_TEST_TMPDIR;
    expect(runDir).toBeDefined();
    const assembly = testApp().synth();
    expect(assembly.directory.startsWith(`${runDir}/`)).toBe(true);
  });
});
