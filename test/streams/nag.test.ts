import { Validations } from 'aws-cdk-lib';
import { ServerlessChecks } from 'cdk-nag';
import { consumerFunction, productionTable } from './fixtures';
import { StreamConsumer } from '../../src';
import { testStack } from '../helpers/app';

type Stack = ReturnType<typeof testStack>;

function serverlessErrors(stack: Stack): Array<{ rule: string; paths: Array<string | undefined> }> {
  const result = new ServerlessChecks(stack.node.root).validateScope(stack.node.root);
  return result.violations
    .filter(violation => violation.severity === 'error')
    .map(violation => ({ rule: violation.ruleName, paths: violation.violatingResources.map(resource => resource.constructPath) }));
}

describe('cdk-nag Serverless pack on a default consumer', () => {
  test('has no unacknowledged error', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack) });
    expect(serverlessErrors(stack)).toEqual([]);
  });

  test('the same function without a consumer does have the error the consumer acknowledges (the test above can fail)', () => {
    const stack = testStack();
    consumerFunction(stack);
    expect(serverlessErrors(stack).map(error => error.rule)).toEqual(['Serverless-LambdaDLQ']);
  });

  test('every acknowledgement lives in the construct tree with a reason', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack) });
    const acknowledged = stack.node.findAll().flatMap(construct => construct.node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(entry => Object.entries(entry.data as Record<string, any>)
        .map(([id, value]) => ({ path: construct.node.path, id, value: JSON.stringify(value) }))));
    const ours = acknowledged.filter(ack => /(AwsSolutions|Serverless|HIPAA\.Security|NIST\.800\.53\.R5)-/.test(ack.id));
    expect(ours.map(ack => `${ack.path} ${ack.id.replace(/^annotation::/i, '')}`).sort()).toEqual([
      'TestStack/Consumer/FailureQueue AwsSolutions-SQS3',
      'TestStack/Consumer/FailureQueue Serverless-SQSRedrivePolicy',
      'TestStack/Indexer HIPAA.Security-LambdaDLQ',
      'TestStack/Indexer NIST.800.53.R5-LambdaDLQ',
      'TestStack/Indexer Serverless-LambdaDLQ',
    ]);
    for (const ack of ours) expect(ack.value).toMatch(/.{40,}/);
  });

  test('registered as a policy-validation plugin, synthesis succeeds', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack) });
    const app = stack.node.root as any;
    Validations.of(app).addPlugins(new ServerlessChecks(app));
    expect(() => app.synth()).not.toThrow();
  });
});
