#!/usr/bin/env bash
# The content benchmark: p50/p95 of an editor save and of the page list (server function and
# server-rendered page) for a tenant with 1,000 pages, on a throwaway cluster. Prints figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/traffino/target}" SQLX_OFFLINE=true
work=$(mktemp -d /tmp/traffino-bench-content.XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap '[[ -n "${KEEP:-}" ]] || { scripts/pg.sh stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"; }' EXIT
base=$(scripts/pg.sh start "$work/pg" "$port")
# SLOW_MS=50: the plans of slower statements go to the cluster's log (kept with KEEP=1).
if [[ -n "${SLOW_MS:-}" ]]; then
  psql -q "$base/postgres" -c "load 'auto_explain'" -c "alter system set session_preload_libraries = 'auto_explain'" \
    -c "alter system set auto_explain.log_min_duration = ${SLOW_MS}" -c "alter system set auto_explain.log_analyze = on" \
    -c "select pg_reload_conf()" >/dev/null
fi
DATABASE_URL="$base/postgres" cargo test -q --features ssr --test it -- --ignored --nocapture --test-threads 1 bench_ 2>&1 |
  grep -E '^(Content benchmark|  )' || { echo "benchmark failed"; exit 1; }
