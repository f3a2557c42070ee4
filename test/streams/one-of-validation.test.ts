import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { consumerFunction, productionTable } from './fixtures';
import { ConsumerFailureDestination, ImageCondition, StreamConsumer, StreamEventName, StreamFilter } from '../../src';
import { testStack } from '../helpers/app';
import { expectKitError, kitErrorOf } from '../helpers/errors';

/**
 * The "one of" classes validate themselves in one internal method, `_validate`, which the consumer
 * calls before `_render` / `_bind`; rendering and binding never validate.
 */
describe('StreamFilter and ImageCondition: _validate before _render', () => {
  const invalidFilters: Array<[string, StreamFilter, RegExp]> = [
    ['no event name', StreamFilter.eventNames(), /no event name/],
    ['an unknown event name', StreamFilter.eventNames('UPSERT' as StreamEventName), /unknown event name "UPSERT"/],
    ['an image filter with no condition', StreamFilter.newImage(), /newImage\(\) with no condition/],
    ['a condition on an empty attribute', StreamFilter.newImage(ImageCondition.stringEquals('', 'a')), /attribute ""/],
    ['a condition without values', StreamFilter.oldImage(ImageCondition.stringEquals('status')), /needs at least one value/],
    ['an empty range', StreamFilter.newImage(ImageCondition.numberRange('n', {})), /needs min, max or both/],
    ['an inverted range', StreamFilter.newImage(ImageCondition.numberRange('n', { min: 5, max: 1 })), /min 5 above max 1/],
    ['a non-finite number', StreamFilter.newImage(ImageCondition.numberEquals('n', NaN)), /non-finite number/],
    ['two conditions on one attribute', StreamFilter.newImage(ImageCondition.stringEquals('a', 'x'), ImageCondition.stringBeginsWith('a', 'y')), /two conditions on "a"/],
    ['an empty allOf', StreamFilter.allOf(), /allOf\(\) with no filter/],
    ['an allOf testing one field twice', StreamFilter.allOf(StreamFilter.eventNames(StreamEventName.INSERT), StreamFilter.ttlExpiriesOnly()), /two conditions on "eventName"/],
  ];

  test.each(invalidFilters)('%s: _validate throws our error naming the property, _render does not', (_, filter, message) => {
    expectKitError(() => filter._validate('Stack/Consumer', 'filters[0]'), { path: 'Stack/Consumer', property: 'filters[0]', message });
    expect(() => filter._render()).not.toThrow();
  });

  test('a valid filter validates silently and renders its pattern', () => {
    const filter = StreamFilter.allOf(StreamFilter.eventNames(StreamEventName.MODIFY), StreamFilter.newImage(ImageCondition.booleanEquals('done', true)));
    expect(() => filter._validate('Stack/Consumer', 'filters[0]')).not.toThrow();
    expect(filter._render()).toEqual({
      pattern: { eventName: ['MODIFY'], dynamodb: { NewImage: { done: { BOOL: [true] } } } },
      needsNewImage: true,
      needsOldImage: false,
    });
  });

  test('the consumer reports a filter problem before creating anything', () => {
    const stack = testStack();
    const table = productionTable(stack);
    const handler = consumerFunction(stack);
    kitErrorOf(() => new StreamConsumer(stack, 'Consumer', { table, handler, filters: [StreamFilter.eventNames()] }));
    expect(stack.node.tryFindChild('Consumer')).toBeUndefined();
  });
});

describe('ConsumerFailureDestination: _validate before _bind', () => {
  test('an out-of-range created queue fails in _validate, naming the property', () => {
    const destination = ConsumerFailureDestination.createdQueue({ retentionPeriod: Duration.days(15) });
    expectKitError(() => destination._validate('Stack/Consumer'), {
      path: 'Stack/Consumer', property: 'failureDestination.retentionPeriod', message: /between 1 minute and 14 days/,
    });
  });

  test('the consumer validates the destination once, before binding it; _bind does not validate', () => {
    const destination = ConsumerFailureDestination.createdQueue({ retentionPeriod: Duration.days(7) });
    const validate = jest.spyOn(destination, '_validate');
    const bind = jest.spyOn(destination, '_bind');
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack), failureDestination: destination });
    expect(validate).toHaveBeenCalledTimes(1);
    expect(validate.mock.invocationCallOrder[0]).toBeLessThan(bind.mock.invocationCallOrder[0]);
    destination._bind(new Construct(stack, 'Scope'), consumerFunction(stack, 'Other'));
    expect(validate).toHaveBeenCalledTimes(1);
  });

  test('a bad maxReceiveCount is blamed on its property', () => {
    expectKitError(() => ConsumerFailureDestination.createdQueue({ maxReceiveCount: 0 })._validate('Stack/Consumer'), {
      path: 'Stack/Consumer', property: 'failureDestination.maxReceiveCount', message: /from 1 to 1000/,
    });
  });
});
