import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { testApp, testStack } from '../helpers/app';

export type Version = 'before' | 'after';

/** Synthesizes the same app twice, once per version, and returns both stack templates. */
export function synthPair(build: (stack: Stack, version: Version) => void): { before: any; after: any } {
  const make = (version: Version) => {
    const stack = testStack();
    build(stack, version);
    return Template.fromStack(stack).toJSON();
  };
  return { before: make('before'), after: make('after') };
}

/** Synthesizes the app into a cloud assembly folder and returns the folder. */
export function synthAssembly(build: (app: App) => void): string {
  const app = testApp();
  build(app);
  return app.synth().directory;
}

export { testStack };
