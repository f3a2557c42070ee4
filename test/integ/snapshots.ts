// Snapshot comparison of the integ-runner apps (test/integ/*.integ.ts), offline, no deploy:
//   ts-node --transpile-only test/integ/snapshots.ts            compare (CI: `npx projen integ`)
//   ts-node --transpile-only test/integ/snapshots.ts --update   refresh on purpose
// Each app is synthesized as integ-runner synthesizes it (same CDK_INTEG_* environment) into a temp
// directory; its templates and integ.json must equal those in `<app>.snapshot/`, the directory
// integ-runner reads. Why not `integ-runner` itself: its newest release on the registry (2.197.10)
// reads cloud assembly schema 53 at most and aws-cdk-lib 2.276 writes 55, so it cannot load any
// snapshot of ours yet. With an AWS account and a newer integ-runner, `npx integ-runner --directory
// test/integ --test-regex '\.integ\.ts$' --app 'ts-node --transpile-only {filePath}' --update-on-failed`
// deploys them and runs their assertions. Asset bundles (the assertion provider's 2 MB handler) are
// not kept: the templates name them by content hash, so a changed bundle still changes a snapshot.
import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const DIR = __dirname;
const INTEG_ENV = { CDK_INTEG_ACCOUNT: '12345678', CDK_INTEG_REGION: 'test-region', CDK_INTEG_HOSTED_ZONE_ID: 'Z23ABC4XYZL05B', CDK_INTEG_HOSTED_ZONE_NAME: 'example.com' };
const update = process.argv.includes('--update');

/** The files of an assembly that make up its snapshot: templates, asset manifests, integ.json, manifest.json. */
function snapshotFiles(dir: string): string[] {
  return readdirSync(dir).filter(file => file.endsWith('.json') && file !== 'tree.json' && !file.endsWith('.metadata.json')).sort();
}

/** Files whose content must not change unnoticed (manifest.json carries tool versions). */
const compared = (file: string) => file.endsWith('.template.json') || file === 'integ.json';

/**
 * The JSON to compare. integ-tests-alpha gives each assertion a `salt` of `Date.now()` so that it
 * runs on every deploy; it differs on every synthesis and means nothing for the snapshot.
 */
function normalized(file: string): string {
  return JSON.stringify(JSON.parse(readFileSync(file, 'utf8'), (key, value) => (key === 'salt' ? 'SALT' : value)));
}

function synth(app: string): string {
  const out = mkdtempSync(join(tmpdir(), 'integ-snapshot-'));
  execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', join(DIR, app)], {
    env: { ...process.env, ...INTEG_ENV, CDK_OUTDIR: out }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

const apps = readdirSync(DIR).filter(file => file.endsWith('.integ.ts')).sort();
const failures: string[] = [];
for (const app of apps) {
  const started = Date.now();
  const out = synth(app);
  const snapshot = join(DIR, `${app}.snapshot`);
  try {
    if (update) {
      rmSync(snapshot, { recursive: true, force: true });
      mkdirSync(snapshot);
      for (const file of snapshotFiles(out)) cpSync(join(out, file), join(snapshot, file));
      console.log(`updated    ${app}.snapshot`);
      continue;
    }
    if (!existsSync(snapshot)) {
      failures.push(`${app}: no snapshot; run with --update`);
      continue;
    }
    const expected = snapshotFiles(snapshot).filter(compared);
    const actual = snapshotFiles(out).filter(compared);
    const problems = [
      ...expected.filter(file => !actual.includes(file)).map(file => `${file} is no longer synthesized`),
      ...actual.filter(file => !expected.includes(file)).map(file => `${file} is new`),
      ...actual.filter(file => expected.includes(file)
        && normalized(join(out, file)) !== normalized(join(snapshot, file)))
        .map(file => `${file} changed`),
    ];
    if (problems.length) failures.push(...problems.map(problem => `${app}: ${problem}`));
    console.log(`${problems.length ? 'CHANGED' : 'UNCHANGED'}  ${app} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
if (failures.length) {
  console.error(failures.join('\n'));
  console.error('If the change is intended: ts-node --transpile-only test/integ/snapshots.ts --update, review and commit the snapshots.');
  process.exit(1);
}
