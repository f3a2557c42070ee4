/**
 * The update guard: compares two synthesized templates or cloud assemblies and reports what the
 * update would do to every DynamoDB table. Plain TypeScript for Node.js (reads files), not part
 * of the jsii surface; import it from `cdk-dynamodb-kit/lib/guard`.
 */
export * from './findings';
export * from '../shared/templates';
export * from './compare';
export * from './format';
export * from './jest';
