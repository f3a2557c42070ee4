import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Every `new App()` without an `outdir` writes a `cdk.out*` folder into the temp directory, and so
 * do DynamoDB Local and the CLI tests. The whole run gets one temp directory of its own (workers
 * inherit TMPDIR), which the teardown removes: a test run leaves nothing behind.
 */
export default function globalSetup(): void {
  const parent = os.tmpdir();
  const runDir = fs.mkdtempSync(path.join(parent, 'cdk-dynamodb-kit-jest-'));
  // What the parent temp directory held before the run: the teardown names what the run added there.
  fs.writeFileSync(path.join(runDir, 'parent-before.json'), JSON.stringify({ parent, entries: fs.readdirSync(parent) }));
  process.env.CDK_DYNAMODB_KIT_TEST_TMPDIR = runDir;
  process.env.TMPDIR = runDir;
}
