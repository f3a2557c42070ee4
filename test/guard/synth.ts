import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TEST_CONTEXT, testStack } from '../helpers/app';

export type Version = 'before' | 'after';

/** A test stack whose app synthesizes into a temporary folder that `removeTempDirs` removes. */
export function guardStack(): Stack {
  return testStack({}, new App({ outdir: tempDir('guard-cdk-out-'), context: TEST_CONTEXT }));
}

/** Synthesizes the same app twice, once per version, and returns both stack templates. */
export function synthPair(build: (stack: Stack, version: Version) => void): { before: any; after: any } {
  const make = (version: Version) => {
    const stack = guardStack();
    build(stack, version);
    return Template.fromStack(stack).toJSON();
  };
  return { before: make('before'), after: make('after') };
}

/** What `cdk synth` adds to the context: construct paths and asset paths in the template's metadata. */
export const CLI_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true };

const roots: string[] = [];

/** A temporary folder, removed by `removeTempDirs` (call it in `afterAll`). */
export function tempDir(prefix = 'guard-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of roots.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Synthesizes the app, as `cdk synth` does, into a temporary cloud assembly folder and returns the folder. */
export function synthAssembly(build: (app: App) => void): string {
  const app = new App({ outdir: tempDir('guard-cdk-out-'), context: { ...TEST_CONTEXT, ...CLI_CONTEXT } });
  build(app);
  return app.synth().directory;
}

