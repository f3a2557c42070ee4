import { Duration, Stack } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ProductionTable } from '../../src';

export const partitionKey = { name: 'pk', type: AttributeType.STRING };

/** The newest Node.js runtime aws-cdk-lib knows (what cdk-nag's LambdaLatestVersion expects). */
export function latestNodeRuntime(): lambda.Runtime {
  const version = (runtime: lambda.Runtime) => Number(/^nodejs(\d+)/.exec(runtime.name)?.[1] ?? 0);
  return lambda.Runtime.ALL.filter(runtime => /^nodejs\d+\.x$/.test(runtime.name)).sort((a, b) => version(a) - version(b)).pop()!;
}

/** A consumer function configured as a production function would be (memory, timeout, runtime). */
export function consumerFunction(stack: Stack, id = 'Indexer'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: latestNodeRuntime(),
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
    memorySize: 256,
    timeout: Duration.seconds(30),
    tracing: lambda.Tracing.ACTIVE,
  });
}

export function productionTable(stack: Stack, id = 'Orders'): ProductionTable {
  return new ProductionTable(stack, id, { partitionKey });
}
