#!/usr/bin/env bash
# The main job: set up from a fresh clone, then run the quickstart on the built-in models
# (no network, no API key). Extra arguments go to `lateral` (e.g. --format ndjson).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
exec node packages/cli/dist/bin.js run examples/quickstart.sql --data-dir "${LATERAL_HOME:-.lateral-dev/quickstart}" "$@"
