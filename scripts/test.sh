#!/usr/bin/env bash
# The test command: starts the Docker lab (engines, TLS host, registry, sshd), runs every
# test, and ends with one plain line "N passed, N failed" read from jest's JSON result.
set -uo pipefail
cd "$(dirname "$0")/.."

# A fresh clone: the dependencies first (CI has run npm ci already).
[ -x node_modules/.bin/jest ] || npm ci --no-audit --no-fund

bash scripts/lab.sh up || { echo "lab failed to start" >&2; exit 1; }
# shellcheck disable=SC1091
[ -f .lab/env ] && . .lab/env

mkdir -p .lab
result=.lab/jest-result.json
node --experimental-vm-modules node_modules/jest/bin/jest.js --json --outputFile="$result" "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' "$result" || status=1
exit $status
