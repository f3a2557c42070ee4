import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { templateOf, testStack } from './app';

describe('the shared validator engine (test/setup/shared-validator-environment.ts)', () => {
  test('is the engine behind this suite\'s aws-cdk-lib plugin', () => {
    const plugin = (CloudFormationValidatePlugin as any)._singletonInstance();
    expect(plugin.engine.validateTemplate.toString()).toMatch(/shared\.validateTemplate/);
  });

  test('still fails a template CloudFormation would reject, naming the property', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', { delaySeconds: 901 });
    expect(() => templateOf(stack)).toThrow(/DelaySeconds: 901 is greater than the maximum of 900 \(CloudFormation Validate\)/);
  });

  test('passes the same template within the limit (the test above can fail)', () => {
    const stack = testStack();
    new sqs.CfnQueue(stack, 'Queue', { delaySeconds: 900 });
    expect(() => templateOf(stack)).not.toThrow();
  });
});
