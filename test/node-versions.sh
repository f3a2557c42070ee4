#!/usr/bin/env bash
# CDK users run Node 22 and 24: the example synth, the runtime tests and the CLI tests run on each,
# with Node from the npm registry's `node` package (it ships the binary; nothing else is downloaded).
# Usage: bash test/node-versions.sh [MAJOR ...]   (default: 22 24)
set -euo pipefail
cd "$(dirname "$0")/.."
majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24)
# The suites that run on every Node version: the Lambda-side helper and the command-line tools.
suites=(test/runtime test/cli test/guard/cli.test.ts)
for major in "${majors[@]}"; do
  prefix="$PWD/.node-versions/$major"
  if [ ! -x "$prefix/node_modules/.bin/node" ]; then
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$prefix" "node@$major" >/dev/null
  fi
  (
    export PATH="$prefix/node_modules/.bin:$PATH"
    echo "node-versions: $(node --version)"
    existing=()
    for suite in "${suites[@]}"; do [ -e "$suite" ] && existing+=("$suite"); done
    # The default reporter only: the JUnit report of the main run (test-reports/) stays as it is.
    npx jest --ci --coverage=false --reporters default -- "${existing[@]}"
    npx projen example
  )
done
