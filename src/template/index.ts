/**
 * The one reader of synthesized templates: loads template files and cloud assemblies (nested
 * stages and nested stacks too, refusing anything outside the folder) and reads every DynamoDB
 * table into a typed view. The guard, the report and the rule pack all read tables through it.
 * Plain TypeScript for Node.js, not part of the jsii surface.
 */
export * from './deploy-time';
export * from './errors';
export * from './loader';
export * from './read-table';
export { AWS_MANAGED_KEY_ALIAS, DEFAULT_RECOVERY_PERIOD_DAYS, STACK_REGION } from './read-replicas';
export * from './references';
export * from './resource-types';
export * from './table-view';
export * from './template-json';
export * from './checks';
