/**
 * `@aws-cdk/cloudformation-diff` names `@aws-sdk/client-cloudformation` as a peer, but only for
 * types (`import type` of DescribeChangeSetOutput): the guard must run without it, so it need not
 * ship in our bundle.
 */
jest.mock('@aws-sdk/client-cloudformation', () => {
  throw new Error('@aws-sdk/client-cloudformation was required at run time');
});

test('the guard loads and compares without @aws-sdk/client-cloudformation', () => {
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside isolateModules, after the mock
    const guard = require('../../src/guard');
    const table = (key: string) => ({
      Type: 'AWS::DynamoDB::Table',
      Properties: { KeySchema: [{ AttributeName: key, KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }] },
    });
    const findings = guard.compareTemplates({ Resources: { T: table('a') } }, { Resources: { T: table('b') } });
    expect(findings.map((f: any) => f.kind)).toEqual(['TABLE_REPLACED']);
  });
});
