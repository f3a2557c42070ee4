// What every benchmark measures with: the median of its rounds, and one timed synthesis of a stack.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';

/** The median of the rounds (the upper one of an even count): one noisy round moves it least. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Milliseconds to build one stack (in us-east-1) with `populate` and synthesize its app, in an
 * outdir of its own removed after: a benchmark leaves nothing behind either.
 */
export function timedSynth(prefix: string, populate: (stack: Stack) => void): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    const start = performance.now();
    const app = new App({ outdir });
    populate(new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } }));
    app.synth();
    return performance.now() - start;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
