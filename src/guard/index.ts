/**
 * The update guard: compares two synthesized templates or cloud assemblies and reports what the
 * update would do to every DynamoDB table and every other resource that holds data (queues,
 * buckets, KMS keys, backup vaults, Kinesis streams, log groups, event source mappings, and every
 * type the AWS service specification marks stateful: databases, file systems, user pools,
 * secrets...), nested stacks included. Built on `@aws-cdk/cloudformation-diff`, with one file per rule in `rules/`.
 * Plain TypeScript for Node.js (reads files), not part of the jsii surface; import it from
 * `cdk-dynamodb-kit/guard` (and `expectSafeUpdate` from `cdk-dynamodb-kit/guard/jest`).
 */
export * from './findings';
export { TemplateInputError, asTemplate, loadTemplates } from '../template';
export type { TemplateSet, CfnTemplate, CfnResourceJson } from '../template';
export * from './compare';
export * from './format';
export * from './jest';
export { GUARD_RULES } from './rules';
export type { GuardRule, UpdateContext, TableUpdate } from './rules';
export type { ResourceChange } from './engine';
export type { Move } from './moves';
export { STATEFUL_KINDS, statefulKindOf } from './stateful-kinds';
