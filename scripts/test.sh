#!/usr/bin/env bash
# Sets up from a fresh clone and runs every test. The last line is `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
export PATH="$PWD/tools/pnpm/node_modules/.bin:$PATH"

rm -f .vitest.json
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.vitest.json
status=$?
node -e '
  const fs = require("node:fs");
  if (!fs.existsSync(".vitest.json")) { console.log("0 passed, 1 failed"); process.exit(0); }
  const r = JSON.parse(fs.readFileSync(".vitest.json", "utf8"));
  const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed`);
'
exit $status
