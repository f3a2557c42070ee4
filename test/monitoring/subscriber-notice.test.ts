import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AlarmTopic, ProductionTable, TableMonitoring } from '../../src';
import { testApp, testStack } from '../helpers/app';

const partitionKey = { name: 'pk', type: AttributeType.STRING };
const NO_SUBSCRIBER = Match.stringLikeRegexp('has no subscriber');

function noticesOn(stack: Stack, path: string) {
  return Annotations.fromStack(stack).findInfo(path, NO_SUBSCRIBER);
}

describe('the "no subscriber" info is judged at synthesis', () => {
  test('a ProductionTable\'s monitoring points at table.monitoring.alarmTopic while nobody is subscribed', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey });
    const notices = noticesOn(stack, '/TestStack/Orders/Monitoring');
    expect(notices).toHaveLength(1);
    expect(notices[0].entry.data).toMatch(/alarm topic TestStack\/CdkDynamoDbKitAlarms\/Topic .*table\.monitoring\.alarmTopic\.addSubscription\(new EmailSubscription/);
  });

  test('gone once a subscription is added to table.monitoring.alarmTopic after construction', () => {
    const stack = testStack();
    const orders = new ProductionTable(stack, 'Orders', { partitionKey });
    orders.monitoring!.alarmTopic!.addSubscription(new EmailSubscription('oncall@example.com'));
    expect(noticesOn(stack, '*')).toEqual([]);
  });

  test('gone on every table of the stack once AlarmTopic.of(stack).topic has a subscriber, added last', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey });
    new ProductionTable(stack, 'Customers', { partitionKey });
    new TableMonitoring(stack, 'LegacyMonitoring', { table: TableV2.fromTableName(stack, 'Legacy', 'legacy') });
    expect(noticesOn(stack, '*')).toHaveLength(3);

    const app = testApp();
    const other = testStack({}, app);
    new ProductionTable(other, 'Orders', { partitionKey });
    new ProductionTable(other, 'Customers', { partitionKey });
    new TableMonitoring(other, 'LegacyMonitoring', { table: TableV2.fromTableName(other, 'Legacy', 'legacy') });
    AlarmTopic.of(other).topic.addSubscription(new SqsSubscription(new sqs.Queue(other, 'Pager', { enforceSSL: true })));
    expect(noticesOn(other, '*')).toEqual([]);
  });

  test('a subscription made with new sns.Subscription elsewhere in the stack counts too', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey });
    new sns.Subscription(stack, 'OncallEmail', { topic: AlarmTopic.of(stack).topic, protocol: sns.SubscriptionProtocol.EMAIL, endpoint: 'oncall@example.com' });
    expect(noticesOn(stack, '*')).toEqual([]);
  });

  test('a subscription to another topic does not silence it', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey });
    new sns.Topic(stack, 'Other').addSubscription(new EmailSubscription('someone@example.com'));
    expect(noticesOn(stack, '/TestStack/Orders/Monitoring')).toHaveLength(1);
  });

  test('a standalone TableMonitoring on a plain TableV2 points at AlarmTopic.of(stack).topic, which it can reach', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    new TableMonitoring(stack, 'PlainMonitoring', { table });
    const notices = noticesOn(stack, '/TestStack/PlainMonitoring');
    expect(notices).toHaveLength(1);
    expect(notices[0].entry.data).toMatch(/add one with AlarmTopic\.of\(stack\)\.topic\.addSubscription\(/);
    expect(notices[0].entry.data).not.toMatch(/table\.monitoring/);
  });

  test('a TableMonitoring that is a child of a TableV2 named Monitoring is still not table.monitoring', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey });
    new TableMonitoring(table, 'Monitoring', { table });
    const notices = noticesOn(stack, '/TestStack/Plain/Monitoring');
    expect(notices).toHaveLength(1);
    expect(notices[0].entry.data).not.toMatch(/table\.monitoring/);
  });

  test('a monitoring removed from the tree after construction gets no info; the others keep theirs', () => {
    const stack = testStack();
    new ProductionTable(stack, 'Orders', { partitionKey });
    const legacy = TableV2.fromTableName(stack, 'Legacy', 'legacy');
    new TableMonitoring(stack, 'LegacyMonitoring', { table: legacy });
    stack.node.tryRemoveChild('LegacyMonitoring');
    expect(noticesOn(stack, '*').map(notice => notice.id)).toEqual(['/TestStack/Orders/Monitoring']);
  });

  test('the app is searched for subscriptions once per topic, whatever the number of tables', () => {
    const searchesWith = (tables: number) => {
      const app = testApp();
      const stack = testStack({}, app);
      for (let i = 0; i < tables; i++) new ProductionTable(stack, `Table${i}`, { partitionKey });
      const findAll = jest.spyOn(app.node, 'findAll');
      expect(noticesOn(stack, '*')).toHaveLength(tables);
      return findAll.mock.calls.length;
    };
    expect(searchesWith(6)).toBe(searchesWith(1));
  });
});
