#!/usr/bin/env bash
# Installs everything Lateral needs from a fresh clone: the pinned pnpm (corepack cannot verify
# pnpm's signatures here, so it is installed from its own lock file), the workspace's packages,
# and the build. Safe to run again: each step is quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

export CI="${CI:-true}"
# Native add-ons compile against the local Node headers instead of downloading them.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

if ! command -v node >/dev/null 2>&1; then
  echo "Lateral needs Node.js 20.18 or newer (node was not found on PATH)." >&2
  exit 1
fi

if [ ! -x tools/pnpm/node_modules/.bin/pnpm ]; then
  npm ci --prefix tools/pnpm --no-audit --no-fund --loglevel=error >&2
fi
export PATH="$PWD/tools/pnpm/node_modules/.bin:$PATH"

pnpm install --frozen-lockfile >&2
pnpm build >&2
