#!/usr/bin/env bash
# The koers benchmark: koers against PostGraphile and the SQL floor, on PostgreSQL and SQLite.
#
#   bench/run.sh            full run: plans S, M, L; koers, PostGraphile, pgbench and sqlite3
#   bench/run.sh --quick    plan S on PostgreSQL, koers (the test build) against the SQL floor,
#                           three short rounds; fails when a ratio falls below
#                           bench/thresholds.json or a statement count changes (CI runs this)
#   Both first time the web pages for a plan of 500 milestones (bench/web.py) against their
#   budgets in bench/thresholds.json.
# Any other flags go to bench/bench.py (see `python3 bench/bench.py --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/lib/postgres.sh
source scripts/lib/postgres.sh

quick=0
for arg in "$@"; do [ "$arg" = "--quick" ] && quick=1; done

need() { command -v "$1" >/dev/null 2>&1 || { echo "==> installing $2"; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need sqlite3 sqlite3
ensure_postgres
need pgbench postgresql-contrib

if [ "$quick" = "1" ]; then
  # The quick run is CI's regression gate: it measures the binary the tests already built (deps
  # at opt-level 1), against thresholds calibrated for it. A release build of the stack would
  # add about 12 minutes on two cores to every CI run.
  echo "==> building koers (the test build)"
  cargo build --locked --workspace --all-targets
  export KOERS_BIN="$PWD/target/debug/koers"
else
  echo "==> building koers (release)"
  cargo build --release --locked -p koers
fi

if [ "$quick" = "0" ]; then
  bash bench/peer/install.sh
fi

# The web app's pages for a plan of 500 milestones, against their budgets (bench/web.py).
echo "==> web pages"
KOERS_BIN="${KOERS_BIN:-$PWD/target/release/koers}" python3 bench/web.py
exec python3 bench/bench.py "$@"
