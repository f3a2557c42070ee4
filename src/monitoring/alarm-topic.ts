import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { checkArgument } from '../shared/check-props';
import { KitValidationError } from '../shared/errors';
import { limitGrantsToAwsServices } from '../shared/key-policy';

/** The construct id of the alarm topic, a direct child of its stack. */
const ALARM_TOPIC_ID = 'CdkDynamoDbKitAlarms';

/** Marks an `AlarmTopic` across copies of this library in one app (`instanceof` would not). */
const ALARM_TOPIC_SYMBOL = Symbol.for('cdk-dynamodb-kit.AlarmTopic');

/**
 * The stack's alarm topic: where the alarms of this library go when you name no action of your
 * own. One per stack (construct id `CdkDynamoDbKitAlarms`, a child of the stack), created the first
 * time a `TableMonitoring` or `StreamConsumer` needs it, and shared by every table and consumer of
 * the stack.
 *
 * - an SNS topic encrypted with its own customer-managed KMS key (rotation on, retained on
 *   removal). CloudWatch cannot publish to a topic encrypted with the AWS-managed `alias/aws/sns`
 *   key, whose policy cannot be changed, so the key policy lets `cloudwatch.amazonaws.com` use the
 *   key (`kms:Decrypt`, `kms:GenerateDataKey*`), for alarms of this account and region only
 *   (`aws:SourceAccount`, `aws:SourceArn`); nobody may create grants on the key except for AWS
 *   services (AWS Control Tower's CT.KMS.PR.3);
 * - a topic policy that denies publishing without TLS (`enforceSSL`) and allows CloudWatch alarms
 *   of this account and region to publish (a topic policy replaces SNS's default one, which is
 *   what let CloudWatch publish).
 *
 * Subscribe whoever is on call: `AlarmTopic.of(this).topic.addSubscription(...)`, or the same
 * topic as `table.monitoring.alarmTopic`.
 *
 * @example
 * import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
 * import { AlarmTopic } from 'cdk-dynamodb-kit';
 *
 * AlarmTopic.of(this).topic.addSubscription(new EmailSubscription('oncall@example.com'));
 */
export class AlarmTopic extends Construct {
  /**
   * The alarm topic of the stack that `scope` belongs to, created on first use.
   *
   * @param scope any construct in the stack
   */
  public static of(scope: IConstruct): AlarmTopic {
    checkArgument('AlarmTopic.of', 'scope', 'constructs.IConstruct', scope);
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(ALARM_TOPIC_ID);
    if (existing === undefined) return new AlarmTopic(stack, ALARM_TOPIC_ID);
    if (!(existing as any)[ALARM_TOPIC_SYMBOL]) {
      throw new KitValidationError(existing.node.path, 'id',
        `the construct id ${ALARM_TOPIC_ID} is reserved in a stack for the alarm topic of cdk-dynamodb-kit; give this construct another id.`);
    }
    return existing as AlarmTopic;
  }

  /** The topic every alarm without an action of its own notifies. Subscribe to it. */
  public readonly topic: sns.ITopic;

  /** The customer-managed key that encrypts the topic. */
  public readonly encryptionKey: kms.IKey;

  /** An SNS alarm action for the topic. */
  public readonly alarmAction: cloudwatch.IAlarmAction;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, ALARM_TOPIC_SYMBOL, { value: true });
    const stack = Stack.of(this);

    const key = limitGrantsToAwsServices(new kms.Key(this, 'Key', {
      description: `Encrypts the alarm topic of the stack ${stack.node.path} (cdk-dynamodb-kit); CloudWatch uses it to publish alarm notifications.`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    const alarmsOfThisAccountAndRegion = stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    // CloudWatch calls KMS itself when it publishes to an encrypted topic, and the account's kms:*
    // statement does not cover a service. Bound to alarms of this account and region (aws:SourceAccount,
    // aws:SourceArn), so another account's alarm cannot make CloudWatch use the key (confused deputy).
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToUseTheKey',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': alarmsOfThisAccountAndRegion },
      },
    }));

    const topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': alarmsOfThisAccountAndRegion },
      },
    }));

    this.topic = topic;
    this.encryptionKey = key;
    this.alarmAction = new actions.SnsAction(topic);
  }
}
