export * from './stream-change';
export * from './stream-handler';
export { UnreportableRecordFailure } from './failure-report';
export type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, DynamoDBStreamRecordData, StreamAttributeValue } from './lambda-types';
