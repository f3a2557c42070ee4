#!/usr/bin/env bash
# The tests and the example synth leave no file in the repository that git does not ignore.
# (A script, not an inline command: projen puts node_modules/.bin on PATH, where a package's own
# `test` binary shadows the shell's.)
set -euo pipefail
cd "$(dirname "$0")/.."
left="$(git ls-files --others --exclude-standard)"
if [ -n "$left" ]; then
  echo "files left behind (neither committed nor git-ignored):"
  echo "$left"
  exit 1
fi
