import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type * as awsLambda from 'aws-lambda';
import type * as runtime from '../../src/runtime';
import { streamHandler } from '../../src/runtime';

// The runtime's declarations must not need @types/aws-lambda (a user with `skipLibCheck: false`
// would get TS2307), yet a handler written against that package must keep compiling with ours.

describe('the runtime helper\'s Lambda types', () => {
  test('no file of src/runtime imports from aws-lambda, so lib/runtime/*.d.ts do not either', () => {
    const dir = join(__dirname, '../../src/runtime');
    const importers = readdirSync(dir).filter(file => /from 'aws-lambda'/.test(readFileSync(join(dir, file), 'utf8')));
    expect(importers).toEqual([]);
  });

  test('aws-lambda\'s event, record and context are accepted, and streamHandler makes a DynamoDBStreamHandler', async () => {
    // Compile-time checks (tests are type-checked): each assignment fails to compile if the shapes drift apart.
    const theirRecord: awsLambda.DynamoDBRecord = {
      eventID: '1', eventName: 'INSERT', dynamodb: { SequenceNumber: '100', Keys: { pk: { S: 'a' } }, NewImage: { pk: { S: 'a' }, n: { N: '1' }, l: { L: [{ M: { x: { BOOL: true } } }] } } },
    };
    const ourRecord: runtime.DynamoDBRecord = theirRecord;
    const theirEvent: awsLambda.DynamoDBStreamEvent = { Records: [theirRecord] };
    const ourEvent: runtime.DynamoDBStreamEvent = theirEvent;
    const theirContext = { awsRequestId: 'r' } as awsLambda.Context;
    const ourContext: runtime.Context = theirContext;
    const seen: unknown[] = [];
    const handler: awsLambda.DynamoDBStreamHandler = streamHandler(change => { seen.push(change.newImage); });
    const ourResponse = await streamHandler(() => undefined)(ourEvent, ourContext);
    const theirResponse: awsLambda.DynamoDBBatchResponse = ourResponse;

    await handler(theirEvent, theirContext, () => undefined);
    expect(seen).toEqual([{ pk: 'a', n: 1, l: [{ x: true }] }]);
    expect(ourRecord.dynamodb?.SequenceNumber).toBe('100');
    expect(theirResponse).toEqual({ batchItemFailures: [] });
  });
});
