import { Annotations, CfnResource, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { isInTree } from '../shared/tree';

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

/** Who notifies a topic: each gets the info while the topic has no subscriber. */
interface Notifier {
  readonly scope: IConstruct;
  readonly reachedThroughTable: () => boolean;
}

/** The notifiers registered per topic, shared across copies of this library in one app. */
const NOTIFIERS = Symbol.for('cdk-dynamodb-kit.alarmTopicNotifiers');

/**
 * Adds, at synthesis, the info annotation saying that the stack's alarm topic has no subscriber,
 * unless one has been added by then (after the monitoring was created, or in another stack).
 * `reachedThroughTable` says whether the user holds the topic as `table.monitoring.alarmTopic`
 * (a `ProductionTable`'s own monitoring) or only through the stack (any other table).
 *
 * One check per topic, not per notifier: finding subscriptions walks the whole app, and a stack of
 * N tables would walk it N times.
 */
export function noteWhenUnsubscribed(scope: IConstruct, topic: sns.ITopic, reachedThroughTable: () => boolean): void {
  const registered = topic as sns.ITopic & { [NOTIFIERS]?: Notifier[] };
  let notifiers = registered[NOTIFIERS];
  if (!notifiers) {
    notifiers = [];
    Object.defineProperty(registered, NOTIFIERS, { value: notifiers });
    topic.node.addValidation({ validate: () => { noteOnEach(topic, notifiers!); return []; } });
  }
  notifiers.push({ scope, reachedThroughTable });
}

function noteOnEach(topic: sns.ITopic, notifiers: Notifier[]): void {
  // A notifier removed from the tree after construction alarms nobody.
  const deployed = notifiers.filter(notifier => isInTree(notifier.scope));
  if (deployed.length === 0 || topicHasSubscriber(topic)) return;
  for (const { scope, reachedThroughTable } of deployed) {
    const how = reachedThroughTable()
      ? `table.monitoring.alarmTopic${SUBSCRIBE} (the same topic as AlarmTopic.of(stack).topic)`
      : `AlarmTopic.of(stack).topic${SUBSCRIBE}`;
    // Info, not a warning: the defaults must synthesize cleanly under `cdk synth --strict`.
    Annotations.of(scope).addInfo(`the alarms notify the stack's alarm topic ${topic.node.path} (SNS, encrypted with its own KMS key), `
      + `which has no subscriber: add one with ${how}, or pass alarmTopic or alarmAction to notify your own instead.`);
  }
}
