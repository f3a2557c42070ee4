#!/usr/bin/env bash
# The checks that follow the build and do not depend on each other, side by side: the runtime and
# CLI suites with the example synth on Node 22 and 24 (two jest workers, then the CDK CLI), the
# integ snapshot comparison (one core) and rosetta then jsii-pacmak (one core; pacmak reads the
# tablet rosetta writes). One after another they took about 100 s on two cores; side by side the
# two cores stay busy. Each one's output is printed whole, in this order, once all have ended.
set -uo pipefail
cd "$(dirname "$0")/.."
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
names=(node-versions integ rosetta-pacmak)
run() {
  local name="$1"
  shift
  "$@" > "$logs/$name.log" 2>&1
  echo $? > "$logs/$name.rc"
}
run node-versions bash test/node-versions.sh &
run integ npx projen integ &
run rosetta-pacmak bash -c 'npx projen rosetta && npx jsii-pacmak --code-only --targets python,java,dotnet,go --outdir dist-code-only' &
wait
failed=()
for name in "${names[@]}"; do
  echo "=== $name"
  cat "$logs/$name.log"
  [ "$(cat "$logs/$name.rc")" = 0 ] || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
