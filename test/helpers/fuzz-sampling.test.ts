import { CfnResource } from 'aws-cdk-lib';
import { testStack } from './app';
import { VALIDATE_EVERY, fuzzCase, fuzzTemplateOf } from '../fuzz/harness';

/** A stack whose template CloudFormation's schema rejects: only the validator can tell. */
function invalidStack() {
  const stack = testStack();
  new CfnResource(stack, 'Bad', { type: 'AWS::SQS::Queue', properties: { MessageRetentionPeriod: 'not a number' } });
  return stack;
}

// One file, one module instance of the harness: the case counter starts at 0 here.
describe('the fuzz harness validates a seeded sample of its synths', () => {
  test('the first case and every VALIDATE_EVERY-th after it run the CloudFormation validator; the others do not', () => {
    expect(VALIDATE_EVERY).toBe(20);
    expect(() => fuzzTemplateOf(invalidStack())).toThrow(/MessageRetentionPeriod|validation/i);
    for (let i = 1; i < VALIDATE_EVERY; i++) expect(() => fuzzTemplateOf(invalidStack())).not.toThrow();
    expect(() => fuzzTemplateOf(invalidStack())).toThrow(/MessageRetentionPeriod|validation/i);
    // CDK_VALIDATION is set only around the unvalidated synth.
    expect(process.env.CDK_VALIDATION).toBeUndefined();
  });

  test('once a case has failed, every later case is validated (shrinking sees the same checks)', () => {
    expect(() => fuzzCase(() => { throw new Error('a failing case'); })).toThrow('a failing case');
    for (let i = 0; i < 3; i++) expect(() => fuzzTemplateOf(invalidStack())).toThrow(/MessageRetentionPeriod|validation/i);
  });
});
