import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { consumerFunction, productionTable } from './fixtures';
import { ConsumerFailureDestination, StreamConsumer, StreamConsumerProps } from '../../src';
import { templateOf, testStack } from '../helpers/app';
import { expectKitError } from '../helpers/errors';

/* Issue #12: fractional-second durations, FIFO destinations and tokens, before aws-cdk-lib sees them. */

function consume(props: Partial<StreamConsumerProps>, stack: Stack = testStack()): StreamConsumer {
  return new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack), ...props });
}

describe('fractional-second durations are our error, not aws-cdk-lib\'s whole-unit conversion', () => {
  test.each([
    ['maxRecordAge', Duration.seconds(90.5)],
    ['maxBatchingWindow', Duration.seconds(1.5)],
    ['tumblingWindow', Duration.millis(2500)],
  ] as const)('%s', (property, value) => {
    expectKitError(() => consume({ [property]: value }), {
      path: 'TestStack/Consumer', property, message: new RegExp(`${property} is .*, not a whole number of seconds; Lambda takes whole seconds`),
    });
  });

  test('iteratorAgeAlarmThreshold takes milliseconds: 90.5 s is fine, half a millisecond is not', () => {
    expect(() => consume({ iteratorAgeAlarmThreshold: Duration.seconds(90.5) })).not.toThrow();
    expectKitError(() => consume({ iteratorAgeAlarmThreshold: Duration.millis(1500.5) }), {
      path: 'TestStack/Consumer', property: 'iteratorAgeAlarmThreshold', message: /is .*, not a whole number of milliseconds/,
    });
  });

  test('the created queue\'s retention', () => {
    expectKitError(() => consume({ failureDestination: ConsumerFailureDestination.createdQueue({ retentionPeriod: Duration.seconds(3600.5) }) }), {
      path: 'TestStack/Consumer', property: 'failureDestination.retentionPeriod', message: /is .*, not a whole number of seconds; SQS keeps messages for whole seconds/,
    });
  });
});

describe('durations made from tokens are not range-checked', () => {
  test('every duration and number aws-cdk-lib can take from a parameter synthesizes', () => {
    const stack = testStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expect(() => consume({
      maxBatchingWindow: Duration.seconds(n),
      tumblingWindow: Duration.seconds(n),
      iteratorAgeAlarmThreshold: Duration.millis(n),
      batchSize: n,
      retryAttempts: n,
      parallelizationFactor: n,
      failureDestination: ConsumerFailureDestination.createdQueue({ retentionPeriod: Duration.seconds(n), maxReceiveCount: n }),
    }, stack)).not.toThrow();
  });

  test('a token in a unit CloudFormation would have to convert is our error', () => {
    const stack = testStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expectKitError(() => consume({ iteratorAgeAlarmThreshold: Duration.seconds(n) }, stack), {
      path: 'TestStack/Consumer', property: 'iteratorAgeAlarmThreshold', message: /is a token in another unit than milliseconds, which CloudFormation cannot convert; make it .* Duration.millis\(param.valueAsNumber\)/,
    });
  });

  test('a token maxRecordAge in seconds reaches the mapping (aws-cdk-lib range-checks it, so it is set on the L1)', () => {
    const stack = testStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number', default: 3600 }).valueAsNumber;
    consume({ maxRecordAge: Duration.seconds(n) }, stack);
    templateOf(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', { MaximumRecordAgeInSeconds: { Ref: 'N' } });
  });

  test('a token maxRecordAge in hours is our error (CloudFormation cannot convert it to seconds)', () => {
    const stack = testStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expectKitError(() => consume({ maxRecordAge: Duration.hours(n) }, stack), {
      path: 'TestStack/Consumer', property: 'maxRecordAge', message: /is a token in another unit than seconds/,
    });
  });
});

describe('FIFO failure destinations: Lambda sends a stream\'s failure records to standard ones only', () => {
  test('a FIFO queue', () => {
    const stack = testStack();
    const queue = new sqs.Queue(stack, 'Failures', { fifo: true });
    expectKitError(() => consume({ failureDestination: ConsumerFailureDestination.queue(queue) }, stack), {
      path: 'TestStack/Consumer', property: 'failureDestination', message: /failureDestination is the FIFO queue "TestStack\/Failures", but Lambda sends .* to standard queues only; use a standard queue/,
    });
  });

  test('an imported FIFO queue (by its .fifo name)', () => {
    const stack = testStack();
    const queue = sqs.Queue.fromQueueArn(stack, 'Failures', 'arn:aws:sqs:us-east-1:123456789012:failures.fifo');
    expectKitError(() => consume({ failureDestination: ConsumerFailureDestination.queue(queue) }, stack), {
      path: 'TestStack/Consumer', property: 'failureDestination', message: /is the FIFO queue/,
    });
  });

  test('a FIFO topic', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Failures', { fifo: true });
    expectKitError(() => consume({ failureDestination: ConsumerFailureDestination.topic(topic) }, stack), {
      path: 'TestStack/Consumer', property: 'failureDestination', message: /failureDestination is the FIFO topic "TestStack\/Failures", but Lambda sends .* to standard topics only/,
    });
  });

  test('standard ones are accepted', () => {
    const stack = testStack();
    expect(() => consume({ failureDestination: ConsumerFailureDestination.queue(new sqs.Queue(stack, 'Failures')) }, stack)).not.toThrow();
  });
});
