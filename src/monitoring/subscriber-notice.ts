import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';

/**
 * True when the app holds an `AWS::SNS::Subscription` to `topic`: one made by
 * `topic.addSubscription(...)`, by `new sns.Subscription(...)` anywhere in the app (another stack
 * included), or a `CfnSubscription` naming the topic's ARN token. Subscriptions made outside the app
 * (the console, another app) cannot be seen.
 */
export function topicHasSubscriber(topic: sns.ITopic): boolean {
  const stack = Stack.of(topic);
  const arn = stack.resolve(topic.topicArn);
  return topic.node.root.node.findAll().some(construct => {
    if (!CfnResource.isCfnResource(construct) || construct.cfnResourceType !== 'AWS::SNS::Subscription') return false;
    const subscribed = (construct as sns.CfnSubscription).topicArn;
    if (subscribed === topic.topicArn) return true;
    return Stack.of(construct) === stack && JSON.stringify(stack.resolve(subscribed)) === JSON.stringify(arn);
  });
}

const SUBSCRIBE = '.addSubscription(new EmailSubscription(\'oncall@example.com\'))';

/**
 * Adds, at synthesis, the info annotation saying that the stack's alarm topic has no subscriber,
 * unless one has been added by then (after the monitoring was created, or in another stack).
 * `reachedThroughTable` says whether the user holds the topic as `table.monitoring.alarmTopic`
 * (a `ProductionTable`'s own monitoring) or only through the stack (any other table).
 */
export function noteWhenUnsubscribed(scope: IConstruct, topic: sns.ITopic, reachedThroughTable: () => boolean): void {
  scope.node.addValidation({
    validate: () => {
      if (!topicHasSubscriber(topic)) {
        const how = reachedThroughTable()
          ? `table.monitoring.alarmTopic${SUBSCRIBE} (the same topic as AlarmTopic.of(stack).topic)`
          : `AlarmTopic.of(stack).topic${SUBSCRIBE}`;
        // Info, not a warning: the defaults must synthesize cleanly under `cdk synth --strict`.
        Annotations.of(scope).addInfo(`the alarms notify the stack's alarm topic ${topic.node.path} (SNS, encrypted with its own KMS key), `
          + `which has no subscriber: add one with ${how}, or pass alarmTopic or alarmAction to notify your own instead.`);
      }
      return [];
    },
  });
}
