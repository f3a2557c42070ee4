import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { AlarmTopic } from './alarm-topic';

/** What the user named as the target of their alarms (at most one of the two). */
export interface AlarmActionChoice {
  readonly alarmTopic?: sns.ITopic;
  readonly alarmAction?: cloudwatch.IAlarmAction;
}

/** The action every alarm gets, and the topic behind it when there is one. */
export interface ResolvedAlarmAction {
  readonly action: cloudwatch.IAlarmAction;
  /** `alarmTopic`, or the stack's topic; undefined for an `alarmAction` of the user's. */
  readonly topic?: sns.ITopic;
  /** The stack's `AlarmTopic` when neither was given (it has no subscriber until one is added). */
  readonly stackTopic?: AlarmTopic;
}

/**
 * `alarmAction` as given; an SNS action for `alarmTopic`; or, with neither, the stack's
 * `AlarmTopic` (created on first use): an alarm without an action notifies nobody.
 */
export function resolveAlarmAction(scope: IConstruct, choice: AlarmActionChoice): ResolvedAlarmAction {
  if (choice.alarmAction) return { action: choice.alarmAction };
  if (choice.alarmTopic) return { action: new actions.SnsAction(choice.alarmTopic), topic: choice.alarmTopic };
  const stackTopic = AlarmTopic.of(scope);
  return { action: stackTopic.alarmAction, topic: stackTopic.topic, stackTopic };
}
