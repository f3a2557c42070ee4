import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, _Record } from '@aws-sdk/client-dynamodb-streams';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Duration } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createTableFromTemplate, DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { ProductionTable } from '../../src';
import { processStreamEvent, StreamChange } from '../../src/runtime';
import { onlyResource, templateOf, testStack } from '../helpers/app';
import { consumerFunction } from '../streams/fixtures';

let local: DynamoDbLocal;
let tableResource: { Type: string; Properties: any };

beforeAll(async () => {
  // The table as the library synthesizes it: a ProductionTable with a consumer (which enables the stream).
  const stack = testStack();
  const table = new ProductionTable(stack, 'Orders', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
  });
  table.addConsumer('Indexer', { handler: consumerFunction(stack), maxRecordAge: Duration.hours(1) });
  tableResource = onlyResource(templateOf(stack), 'AWS::DynamoDB::GlobalTable').resource;
  local = await startDynamoDbLocal();
  // eslint-disable-next-line no-console
  console.log(`DynamoDB Local answered after ${local.startMillis} ms at ${local.endpoint}`);
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

/** Reads every record of every shard from the oldest, in the shape Lambda passes to the function. */
async function readStream(streamArn: string): Promise<DynamoDBRecord[]> {
  const description = await local.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: DynamoDBRecord[] = [];
  for (const shard of description.StreamDescription?.Shards ?? []) {
    let iterator = (await local.streams.send(new GetShardIteratorCommand({
      StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON',
    }))).ShardIterator;
    for (let reads = 0; iterator && reads < 20; reads++) {
      const page = await local.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []).map(record => asLambdaRecord(record, streamArn)));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}

/** Lambda's record: the stream record with the event source ARN and epoch seconds. */
function asLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const data = record.dynamodb!;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
    dynamodb: {
      ...data,
      ApproximateCreationDateTime: data.ApproximateCreationDateTime ? Math.floor(data.ApproximateCreationDateTime.getTime() / 1000) : undefined,
    } as any,
  };
}

describe('a ProductionTable stream on DynamoDB Local, fed to the handler helper', () => {
  let records: DynamoDBRecord[];
  const put = (item: Record<string, unknown>) => local.dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: marshall(item, { convertClassInstanceToMap: true }) }));

  beforeAll(async () => {
    const description = await createTableFromTemplate(local, tableResource, 'orders');
    expect(description.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(description.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);

    await put({ pk: 'order#1', sk: 'meta', status: 'open', total: 12.5, tags: new Set(['a', 'b']), address: { city: 'Lyon', lines: ['1 rue'] }, paid: false });
    await local.dynamodb.send(new UpdateItemCommand({
      TableName: 'orders',
      Key: marshall({ pk: 'order#1', sk: 'meta' }),
      UpdateExpression: 'SET #s = :s, paid = :p',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: marshall({ ':s': 'shipped', ':p': true }),
    }));
    await put({ pk: 'order#2', sk: 'meta', status: 'open', total: 3 });
    await put({ pk: 'order#3', sk: 'meta', status: 'open', total: 4 });
    await local.dynamodb.send(new DeleteItemCommand({ TableName: 'orders', Key: marshall({ pk: 'order#2', sk: 'meta' }) }));
    records = await readStream(description.LatestStreamArn!);
  });

  test('the stream has the five changes in order', () => {
    expect(records.map(record => record.eventName)).toEqual(['INSERT', 'MODIFY', 'INSERT', 'INSERT', 'REMOVE']);
  });

  test('images are unmarshalled to plain objects', async () => {
    const changes: StreamChange[] = [];
    const response = await processStreamEvent({ Records: records }, change => { changes.push(change); });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(changes).toHaveLength(5);
    expect(changes[0].keys).toEqual({ pk: 'order#1', sk: 'meta' });
    expect(changes[0].newImage).toEqual({
      pk: 'order#1', sk: 'meta', status: 'open', total: 12.5, tags: new Set(['a', 'b']), address: { city: 'Lyon', lines: ['1 rue'] }, paid: false,
    });
    expect(changes[0].oldImage).toBeUndefined();
    expect(changes[1].eventName).toBe('MODIFY');
    expect(changes[1].oldImage).toMatchObject({ status: 'open', paid: false });
    expect(changes[1].newImage).toMatchObject({ status: 'shipped', paid: true, total: 12.5 });
    expect(changes[4].eventName).toBe('REMOVE');
    expect(changes[4].newImage).toBeUndefined();
    expect(changes[4].oldImage).toEqual({ pk: 'order#2', sk: 'meta', status: 'open', total: 3 });
    expect(changes[4].isTtlExpiry).toBe(false);
    expect(changes.map(change => change.sequenceNumber)).toEqual(records.map(record => record.dynamodb!.SequenceNumber));
  });

  test('a failing record is the one batch item failure, and the records after it are not processed', async () => {
    const seen: string[] = [];
    const logged: Array<Record<string, unknown>> = [];
    const response = await processStreamEvent({ Records: records }, change => {
      seen.push(change.sequenceNumber);
      if (change.newImage?.pk === 'order#2') throw new Error('poison order#2');
    }, undefined, { logger: { error: (_message, details) => logged.push(details) } });
    const poison = records[2].dynamodb!.SequenceNumber!;
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: poison }] });
    expect(seen).toEqual(records.slice(0, 3).map(record => record.dynamodb!.SequenceNumber));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ sequenceNumber: poison, eventName: 'INSERT', keys: { pk: 'order#2', sk: 'meta' } });
    expect((logged[0].error as any).message).toBe('poison order#2');
  });

  test('a failing first record is reported, not thrown, and nothing else runs', async () => {
    let calls = 0;
    const response = await processStreamEvent({ Records: records }, () => {
      calls++;
      throw new Error('down');
    }, undefined, { logger: { error: () => undefined } });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[0].dynamodb!.SequenceNumber }] });
    expect(calls).toBe(1);
  });

  test('a Time to Live delete (the REMOVE record with the DynamoDB service identity) is flagged', async () => {
    // DynamoDB Local does not run TTL: the real REMOVE record gets the identity DynamoDB gives TTL deletes.
    const ttlRecord = { ...records[4], userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } as DynamoDBRecord;
    const event: DynamoDBStreamEvent = { Records: [ttlRecord] };
    const changes: StreamChange[] = [];
    await processStreamEvent(event, change => { changes.push(change); });
    expect(changes[0].isTtlExpiry).toBe(true);
    expect(changes[0].oldImage).toMatchObject({ pk: 'order#2' });
  });
});
