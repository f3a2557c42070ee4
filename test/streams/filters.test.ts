import { StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { consumerFunction, partitionKey, productionTable } from './fixtures';
import { ImageAttributeType, ImageCondition, StreamConsumer, StreamEventName, StreamFilter } from '../../src';
import { onlyResource, templateOf, testStack } from '../helpers/app';
import { kitErrorOf } from '../helpers/errors';

const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/Imported';
const STREAM_ARN = `${TABLE_ARN}/stream/2026-01-01T00:00:00.000`;

/** The filter patterns of the one event source mapping, parsed. */
function patternsFor(...filters: StreamFilter[]): any[] {
  const stack = testStack();
  new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack), filters });
  const { properties } = onlyResource(templateOf(stack), 'AWS::Lambda::EventSourceMapping');
  return properties.FilterCriteria.Filters.map((filter: any) => JSON.parse(filter.Pattern));
}

function filterError(...filters: StreamFilter[]): any {
  const stack = testStack();
  const table = productionTable(stack);
  const handler = consumerFunction(stack);
  const error = kitErrorOf(() => new StreamConsumer(stack, 'Consumer', { table, handler, filters }));
  expect(error.message).toMatch(/^TestStack\/Consumer: filters/);
  return error;
}

describe('StreamFilter compiles to Lambda FilterCriteria', () => {
  test('eventNames', () => {
    expect(patternsFor(StreamFilter.eventNames(StreamEventName.INSERT, StreamEventName.MODIFY))).toEqual([
      { eventName: ['INSERT', 'MODIFY'] },
    ]);
  });

  test('ttlExpiriesOnly matches REMOVE records by the DynamoDB service', () => {
    expect(patternsFor(StreamFilter.ttlExpiriesOnly())).toEqual([
      { eventName: ['REMOVE'], userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] } },
    ]);
  });

  test('excludingTtlExpiries matches records without a userIdentity', () => {
    expect(patternsFor(StreamFilter.excludingTtlExpiries())).toEqual([{ userIdentity: { principalId: [{ exists: false }] } }]);
  });

  test('newImage conditions: equals, prefix, boolean, number equals, ranges, exists, not exists', () => {
    expect(patternsFor(StreamFilter.newImage(
      ImageCondition.stringEquals('status', 'open', 'paid'),
      ImageCondition.stringBeginsWith('sk', 'ORDER#'),
      ImageCondition.booleanEquals('urgent', true),
      ImageCondition.numberEquals('version', 2),
      ImageCondition.numberRange('total', { min: 10, max: 100, maxExclusive: true }),
      ImageCondition.numberRange('count', { min: 0, minExclusive: true }),
      ImageCondition.numberRange('age', { max: 7 }),
      ImageCondition.exists('email', ImageAttributeType.STRING),
      ImageCondition.notExists('deletedAt', ImageAttributeType.NUMBER),
    ))).toEqual([{
      dynamodb: {
        NewImage: {
          status: { S: ['open', 'paid'] },
          sk: { S: [{ prefix: 'ORDER#' }] },
          urgent: { BOOL: [true] },
          version: { N: [{ numeric: ['=', 2] }] },
          total: { N: [{ numeric: ['>=', 10, '<', 100] }] },
          count: { N: [{ numeric: ['>', 0] }] },
          age: { N: [{ numeric: ['<=', 7] }] },
          email: { S: [{ exists: true }] },
          deletedAt: { N: [{ exists: false }] },
        },
      },
    }]);
  });

  test('oldImage conditions go under OldImage', () => {
    expect(patternsFor(StreamFilter.oldImage(ImageCondition.stringEquals('status', 'open')))).toEqual([
      { dynamodb: { OldImage: { status: { S: ['open'] } } } },
    ]);
  });

  test('allOf merges filters into one pattern; separate filters are alternatives', () => {
    expect(patternsFor(
      StreamFilter.allOf(
        StreamFilter.eventNames(StreamEventName.MODIFY),
        StreamFilter.newImage(ImageCondition.stringEquals('status', 'shipped')),
        StreamFilter.oldImage(ImageCondition.stringEquals('status', 'open')),
      ),
      StreamFilter.ttlExpiriesOnly(),
    )).toEqual([
      { eventName: ['MODIFY'], dynamodb: { NewImage: { status: { S: ['shipped'] } }, OldImage: { status: { S: ['open'] } } } },
      { eventName: ['REMOVE'], userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] } },
    ]);
  });

  test('no filters renders no FilterCriteria', () => {
    const stack = testStack();
    new StreamConsumer(stack, 'Consumer', { table: productionTable(stack), handler: consumerFunction(stack), filters: [] });
    expect(onlyResource(templateOf(stack), 'AWS::Lambda::EventSourceMapping').properties.FilterCriteria).toBeUndefined();
  });

  test('five filters are allowed', () => {
    const filters = [1, 2, 3, 4, 5].map(n => StreamFilter.newImage(ImageCondition.numberEquals('n', n)));
    expect(patternsFor(...filters)).toHaveLength(5);
  });
});

describe('StreamFilter validation', () => {
  test('more than five filters', () => {
    const error = filterError(...Array.from({ length: 6 }, () => StreamFilter.eventNames(StreamEventName.INSERT)));
    expect(error.property).toBe('filters');
    expect(error.message).toMatch(/has 6 filters but Lambda allows 5 per event source mapping; merge alternatives/);
  });

  test('a repeated filter', () => {
    const error = filterError(StreamFilter.eventNames(StreamEventName.INSERT), StreamFilter.eventNames(StreamEventName.INSERT));
    expect(error.property).toBe('filters[1]');
    expect(error.message).toMatch(/filters\[1\] repeats filters\[0\]; remove the duplicate/);
  });

  test('eventNames with no name', () => {
    expect(filterError(StreamFilter.eventNames()).message).toMatch(/filters\[0\] has StreamFilter.eventNames\(\) with no event name; name at least one/);
  });

  test('an unknown event name', () => {
    expect(filterError(StreamFilter.eventNames('DELETE' as any)).message).toMatch(/unknown event name "DELETE"; use StreamEventName/);
  });

  test('newImage with no condition', () => {
    expect(filterError(StreamFilter.newImage()).message).toMatch(/StreamFilter.newImage\(\) with no condition/);
  });

  test('two conditions on one attribute', () => {
    const error = filterError(StreamFilter.oldImage(ImageCondition.stringEquals('s', 'a'), ImageCondition.stringBeginsWith('s', 'b')));
    expect(error.message).toMatch(/two conditions on "s" in StreamFilter.oldImage\(\)/);
  });

  test('allOf with two rules on one field', () => {
    const error = filterError(StreamFilter.allOf(StreamFilter.eventNames(StreamEventName.INSERT), StreamFilter.ttlExpiriesOnly()));
    expect(error.message).toMatch(/StreamFilter.allOf\(\) with two conditions on "eventName"/);
  });

  test('allOf with nothing', () => {
    expect(filterError(StreamFilter.allOf()).message).toMatch(/StreamFilter.allOf\(\) with no filter/);
  });

  test.each([
    ['an empty attribute name', ImageCondition.stringEquals('', 'x'), /condition on the attribute ""/],
    ['stringEquals with no value', ImageCondition.stringEquals('s'), /condition on "s" that needs at least one value/],
    ['an empty prefix', ImageCondition.stringBeginsWith('s', ''), /needs a non-empty prefix/],
    ['a range with no bound', ImageCondition.numberRange('n', {}), /needs min, max or both/],
    ['a range with min above max', ImageCondition.numberRange('n', { min: 5, max: 1 }), /has min 5 above max 1/],
    ['a non-finite number', ImageCondition.numberEquals('n', Number.NaN), /non-finite number/],
  ])('%s', (_name, condition, message) => {
    expect(filterError(StreamFilter.newImage(condition)).message).toMatch(message);
  });

  test('something that is not a StreamFilter', () => {
    const error = filterError({ eventName: ['INSERT'] } as any);
    expect(error.property).toBe('filters[0]');
    expect(error.message).toMatch(/filters\[0\] is \{"eventName":\["INSERT"\]\}, not a StreamFilter; pass a StreamFilter, made with StreamFilter.allOf\(...\), StreamFilter.eventNames\(...\)/);
  });

  test('a pattern longer than Lambda allows', () => {
    const values = Array.from({ length: 400 }, (_, index) => `value-number-${index}`);
    const error = filterError(StreamFilter.newImage(ImageCondition.stringEquals('s', ...values)));
    expect(error.message).toMatch(/compiles to a pattern of \d+ characters but Lambda allows 4096/);
  });
});

describe('filters and the stream view type', () => {
  test('a new-image filter on a KEYS_ONLY stream is an error', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey, dynamoStream: StreamViewType.KEYS_ONLY });
    const error = kitErrorOf(() => new StreamConsumer(stack, 'Consumer', {
      table, handler: consumerFunction(stack), filters: [StreamFilter.newImage(ImageCondition.stringEquals('s', 'a'))],
    }));
    expect(error.property).toBe('filters');
    expect(error.message).toBe('TestStack/Consumer: filters test the new image but the table\'s stream view type "KEYS_ONLY" does not carry it; '
      + 'use StreamViewType.NEW_IMAGE or StreamViewType.NEW_AND_OLD_IMAGES for the table\'s stream, or filter on keys and event names only.');
  });

  test('an old-image filter on a NEW_IMAGE stream is an error', () => {
    const stack = testStack();
    const table = new TableV2(stack, 'Plain', { partitionKey, dynamoStream: StreamViewType.NEW_IMAGE });
    const error = kitErrorOf(() => new StreamConsumer(stack, 'Consumer', {
      table, handler: consumerFunction(stack), filters: [StreamFilter.oldImage(ImageCondition.exists('s', ImageAttributeType.STRING))],
    }));
    expect(error.message).toMatch(/filters test the old image but the table's stream view type "NEW_IMAGE" does not carry it/);
  });

  test('an image filter when the consumer enables a KEYS_ONLY stream is an error', () => {
    const stack = testStack();
    const error = kitErrorOf(() => new StreamConsumer(stack, 'Consumer', {
      table: productionTable(stack),
      handler: consumerFunction(stack),
      streamViewType: StreamViewType.KEYS_ONLY,
      filters: [StreamFilter.newImage(ImageCondition.stringEquals('s', 'a'))],
    }));
    expect(error.message).toMatch(/"KEYS_ONLY" does not carry it/);
  });

  test('an imported table declared KEYS_ONLY is checked; undeclared it is trusted', () => {
    const stack = testStack();
    const table = TableV2.fromTableAttributes(stack, 'Imported', { tableArn: TABLE_ARN, tableStreamArn: STREAM_ARN });
    const filters = [StreamFilter.newImage(ImageCondition.stringEquals('s', 'a'))];
    const error = kitErrorOf(() => new StreamConsumer(stack, 'Consumer', {
      table, handler: consumerFunction(stack), filters, streamViewType: StreamViewType.KEYS_ONLY,
    }));
    expect(error.message).toMatch(/"KEYS_ONLY" does not carry it/);
    new StreamConsumer(stack, 'Trusted', { table, handler: consumerFunction(stack, 'Other'), filters });
    templateOf(stack).resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
  });

  test('an old-image filter on NEW_AND_OLD_IMAGES is accepted', () => {
    expect(patternsFor(StreamFilter.oldImage(ImageCondition.exists('s', ImageAttributeType.STRING)))).toHaveLength(1);
  });
});
