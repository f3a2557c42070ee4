import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** What an image condition compiles to. */
export interface RenderedCondition {
  readonly attribute: string;
  readonly type: string;
  readonly rule: unknown[];
}

/** What a stream filter compiles to: one Lambda filter pattern. */
export interface RenderedFilter {
  readonly pattern: { [key: string]: any };
  readonly needsNewImage: boolean;
  readonly needsOldImage: boolean;
}

/** What a bound failure destination gives the event source mapping. */
export interface BoundFailureDestination {
  readonly eventSourceDlq: lambda.IEventSourceDlq;
  /** The queue to alarm on, when the destination is a queue. */
  readonly queue?: sqs.IQueue;
}
