#!/usr/bin/env bash
# Prints the figures the README reports: clean and incremental build times (debug, as `make dev` and
# `make test` build), release WASM + JS size raw and brotli, the idle server's memory, and the cost of
# row-level security and the audit trigger (scripts/bench-rls.sh).
#   scripts/bench.sh                 everything (the clean builds take about 25 minutes on 2 cores)
#   scripts/bench.sh --no-debug      skip the debug build times (release build, sizes, memory, RLS)
#   scripts/bench.sh --reuse         also reuse the last release build (sizes, memory, RLS only)
# The builds use their own target dir (~/.cache/traffino/bench-target), emptied for a clean build.
set -euo pipefail
cd "$(dirname "$0")/.."
export SQLX_OFFLINE=true PATH="$HOME/.cargo/bin:$HOME/.cache/traffino/tools/node_modules/.bin:$PATH"
command -v brotli >/dev/null || apt-get install -y -qq brotli >/dev/null
DEBUG=1 RELEASE=1
[[ " $* " == *" --no-debug "* ]] && DEBUG=0
[[ " $* " == *" --reuse "* ]] && DEBUG=0 RELEASE=0
work=$(mktemp -d /tmp/traffino-bench.XXXXXX)
chmod 755 "$work" # the test cluster runs as the postgres user, which must get in
trap 'scripts/pg.sh stop "$work/pg" >/dev/null 2>&1; [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null; git checkout -q -- src/app/mod.rs; rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="${BENCH_TARGET:-$HOME/.cache/traffino/bench-target}"
secs() {
  local s=$SECONDS
  "$@" >"$work/build.log" 2>&1 || { echo "FAILED: $* (see below)" >&2; tail -30 "$work/build.log" >&2; exit 1; }
  echo $((SECONDS - s))
}

echo "date: $(date -u +%F)  machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(rustc --version)"
if [[ $DEBUG -eq 1 ]]; then
  rm -rf "$CARGO_TARGET_DIR"
  echo "clean debug build (cargo leptos build):        $(secs cargo leptos build) s"
  # A real edit (a changed string in the app module), not just a touch.
  sed -i 's|"Traffino".to_owned()|"Traffino ".trim_end().to_owned()|' src/app/mod.rs
  echo "incremental debug rebuild (one line edited):   $(secs cargo leptos build) s"
  git checkout -q -- src/app/mod.rs
fi
if [[ $RELEASE -eq 1 ]]; then
  echo "release build (cargo leptos build --release):  $(secs cargo leptos build --release) s"
fi
wasm=target/site/pkg/traffino.wasm js=target/site/pkg/traffino.js
for f in "$wasm" "$js"; do
  printf '%-36s raw %7d B   brotli %7d B\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(brotli -c -q 11 "$f" | wc -c)"
done
total=$(( $(brotli -c -q 11 "$wasm" | wc -c) + $(brotli -c -q 11 "$js" | wc -c) ))
echo "release WASM + JS, brotli:                     $((total / 1024)) KiB"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=$(scripts/pg.sh start "$work/pg" "$((port + 1))")
psql -q "$base/postgres" -c 'create database traffino_bench'
DATABASE_URL="$base/traffino_bench" LEPTOS_SITE_ADDR="127.0.0.1:$port" TRAFFINO_ENV=prod \
  TRAFFINO_DATA_DIR="$work/data" "$CARGO_TARGET_DIR/release/traffino" serve >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
for _ in $(seq 1 20); do curl -fsS "http://127.0.0.1:$port/login" >/dev/null; done
sleep 2
echo "idle server RSS after 20 page loads:           $(awk '/VmRSS/{print int($2/1024)}' /proc/$pid/status) MiB"
echo
scripts/bench-rls.sh
