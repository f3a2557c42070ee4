import { DynamoDbProductionChecks } from '../../src';
import { RULES } from '../../src/compliance/rule-definitions';
import { RULE_NAMES } from '../../src/compliance/rule-ids';

// The IDs are listed apart from the rules so that reading them does not load cdk-nag: the two
// lists must not drift apart.
test('RULE_IDS names the rules the pack applies, in the same order', () => {
  expect(RULE_NAMES).toEqual(RULES.map(definition => definition.rule.name));
  expect(DynamoDbProductionChecks.RULE_IDS).toEqual(RULES.map(definition => `DynamoDbProduction-${definition.rule.name}`));
});
