import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Every `new App()` without an `outdir` writes a `cdk.out*` folder into the temp directory, and so
 * do DynamoDB Local and the CLI tests. The whole run gets one temp directory of its own (workers
 * inherit TMPDIR), which the teardown removes: a test run leaves nothing behind.
 */
export default function globalSetup(): void {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-dynamodb-kit-jest-'));
  process.env.CDK_DYNAMODB_KIT_TEST_TMPDIR = runDir;
  process.env.TMPDIR = runDir;
}
