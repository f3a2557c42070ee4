// The few Lambda types the stream helper's signatures need, defined here so that
// `cdk-dynamodb-kit/runtime`'s declarations import nothing from `aws-lambda`: a user compiling
// with `skipLibCheck: false` needs no `@types/aws-lambda`. They are shaped after that package's
// (DefinitelyTyped) types: its events, records and contexts are assignable to them, and a handler
// made by `streamHandler` is its `DynamoDBStreamHandler` (test/runtime/lambda-types.test.ts, at compile time).

/** A DynamoDB JSON attribute value, as a stream record carries it. */
export interface StreamAttributeValue {
  readonly B?: string;
  readonly BOOL?: boolean;
  readonly BS?: string[];
  readonly L?: StreamAttributeValue[];
  readonly M?: { [name: string]: StreamAttributeValue };
  readonly N?: string;
  readonly NS?: string[];
  readonly NULL?: boolean;
  readonly S?: string;
  readonly SS?: string[];
}

/** The `dynamodb` part of a stream record: keys, images and sequence number. */
export interface DynamoDBStreamRecordData {
  readonly ApproximateCreationDateTime?: number;
  readonly Keys?: { [name: string]: StreamAttributeValue };
  readonly NewImage?: { [name: string]: StreamAttributeValue };
  readonly OldImage?: { [name: string]: StreamAttributeValue };
  readonly SequenceNumber?: string;
  readonly SizeBytes?: number;
  readonly StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
}

/** One record of a DynamoDB stream event (aws-lambda's `DynamoDBRecord`). */
export interface DynamoDBRecord {
  readonly awsRegion?: string;
  readonly dynamodb?: DynamoDBStreamRecordData;
  readonly eventID?: string;
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventSource?: string;
  readonly eventSourceARN?: string;
  readonly eventVersion?: string;
  readonly userIdentity?: any;
}

/** The event Lambda passes to a DynamoDB stream consumer. */
export interface DynamoDBStreamEvent {
  readonly Records: DynamoDBRecord[];
}

/** The partial batch response (`reportBatchItemFailures`). */
export interface DynamoDBBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The Lambda invocation context, the fields Lambda documents for Node.js. */
export interface Context {
  readonly callbackWaitsForEmptyEventLoop: boolean;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  getRemainingTimeInMillis(): number;
}
