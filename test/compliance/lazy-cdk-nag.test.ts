// Issue #13: cdk-nag was most of what `require('cdk-dynamodb-kit')` loaded. The package root must
// not load it; constructing the rule pack does. Each case loads the package into a fresh module
// registry in which loading cdk-nag throws.

function withoutCdkNag(use: (kit: typeof import('../../src')) => void): void {
  jest.isolateModules(() => {
    jest.doMock('cdk-nag', () => {
      throw new Error('cdk-nag loaded');
    });
    // A require, not an import: it must run inside the fresh registry, after the mock.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    use(require('../../src'));
  });
}

test('loading the package root does not load cdk-nag; RULE_IDS is there without it', () => {
  withoutCdkNag(kit => {
    expect(kit.DynamoDbProductionChecks.RULE_IDS).toContain('DynamoDbProduction-InBackupPlan');
  });
});

test('constructing the rule pack loads cdk-nag (so the case above can fail)', () => {
  expect(() => withoutCdkNag(kit => new kit.DynamoDbProductionChecks())).toThrow('cdk-nag loaded');
});
