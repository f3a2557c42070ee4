import { CfnResource } from 'aws-cdk-lib';
import { templateOf, testStack } from './app';

describe('test helper app', () => {
  test('turns a template that breaks the CloudFormation schema into a failing test', () => {
    const stack = testStack();
    new CfnResource(stack, 'Broken', { type: 'AWS::DynamoDB::GlobalTable', properties: { NotAProperty: true } });
    expect(() => templateOf(stack)).toThrow();
  });
});
