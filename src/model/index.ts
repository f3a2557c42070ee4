/**
 * Runtime key and request builders from a single-table design document, so application code
 * builds the same keys and queries the table's indexes were derived for. Plain TypeScript for
 * Node.js, not part of the jsii API: `import { keysOf, queryFor } from 'cdk-dynamodb-kit/model'`.
 */
export * from './design-source';
export * from './keys';
export * from './requests';
export * from './verify';
export { VerifierSetupError } from './local-engine';
export type { PatternParams } from '../modeling/key-condition';
