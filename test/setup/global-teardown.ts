import * as fs from 'fs';

/** Removes the run's temp directory made by global-setup.ts, with every `cdk.out*` folder in it. */
export default function globalTeardown(): void {
  const runDir = process.env.CDK_DYNAMODB_KIT_TEST_TMPDIR;
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
}
