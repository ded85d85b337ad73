#!/usr/bin/env bash
# Every test and check, in one go (what `make test` and CI run):
#   formatting, clippy (ssr and hydrate/wasm32), the committed .sqlx/ is current, unit + database + HTTP
#   tests, then the Playwright suite against a freshly built server on a free port.
# A throwaway PostgreSQL cluster is started for the run and removed afterwards.
# Exits non-zero if any stage fails, after running the rest, and prints a summary.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/traffino/target}"
export SQLX_OFFLINE=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PATH="$HOME/.cargo/bin:$PATH"
# Stage filter for local use, e.g. ONLY="rust e2e" scripts/test.sh
ONLY="${ONLY:-fmt clippy-ssr clippy-hydrate sqlx rust build e2e}"

scripts/bootstrap.sh --test || { echo "bootstrap failed"; exit 1; }

declare -a NAMES=() RESULTS=() TIMES=()
FAILED=0
stage() { # stage NAME CMD...
  local name=$1; shift
  [[ " $ONLY " == *" $name "* ]] || return 0
  printf '\n\033[1;36m=== %s ===\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then RESULTS+=("ok"); else RESULTS+=("FAILED"); FAILED=$((FAILED + 1)); fi
  NAMES+=("$name"); TIMES+=($((SECONDS - start)))
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PG_DIR=$(mktemp -d /tmp/traffino-test-pg.XXXXXX)
PG_PORT=$(free_port)
SERVER_PID=""
SMTP_PID=""
# The Python environment with the mail protocol peers (aiosmtpd, moto), made by bootstrap.sh --test.
export TRAFFINO_TEST_VENV="${TRAFFINO_TEST_VENV:-$HOME/.cache/traffino/venv}"
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [[ -n "$SMTP_PID" ]] && kill "$SMTP_PID" 2>/dev/null && wait "$SMTP_PID" 2>/dev/null
  scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

PG_BASE=$(scripts/pg.sh start "$PG_DIR" "$PG_PORT") || { echo "could not start the test PostgreSQL"; exit 1; }
psql_super() { psql -q -v ON_ERROR_STOP=1 "$PG_BASE/postgres" "$@"; }

sqlx_check() {
  # A database migrated by sqlx-cli, then the query cache must match what the macros compute from it.
  psql_super -c 'create database traffino_sqlx' &&
    DATABASE_URL="$PG_BASE/traffino_sqlx" cargo sqlx migrate run --source migrations >/dev/null &&
    DATABASE_URL="$PG_BASE/traffino_sqlx" SQLX_OFFLINE=false cargo sqlx prepare --check -- --all-targets --features ssr
}

rust_tests() {
  # Unit tests (lib, both features' shared code), then the database and HTTP tests (tests/it).
  # The SES test talks to moto through the standard AWS credential chain: any key works there.
  DATABASE_URL="$PG_BASE/postgres" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
    AWS_EC2_METADATA_DISABLED=true cargo test --features ssr -- --test-threads 4
}

build() {
  cargo leptos build
}

e2e() {
  local port; port=$(free_port)
  psql_super -c 'create database traffino_e2e' || return 1
  export DATABASE_URL="$PG_BASE/traffino_e2e"
  export TRAFFINO_PUBLIC_URL="http://127.0.0.1:$port" LEPTOS_SITE_ADDR="127.0.0.1:$port"
  export TRAFFINO_DATA_DIR="$PG_DIR/../traffino-e2e-data-$port" TRAFFINO_ENV=dev RUST_LOG=info
  export TRAFFINO_BIN="$CARGO_TARGET_DIR/debug/traffino" TRAFFINO_E2E_URL="http://127.0.0.1:$port"
  # Outside test-results/, which Playwright empties when it starts.
  local log="$ROOT/end2end/logs/server.log"
  mkdir -p "$ROOT/end2end/logs"
  # Mail goes over real SMTP into a sink; the tests read codes and links from its maildir.
  local smtp_port; smtp_port=$(free_port)
  export TRAFFINO_E2E_MAILDIR="$PG_DIR/../traffino-e2e-mail-$port"
  mkdir -p "$TRAFFINO_E2E_MAILDIR"/{tmp,new,cur}
  "$TRAFFINO_TEST_VENV/bin/python" -m aiosmtpd -n -l "127.0.0.1:$smtp_port" \
    -c aiosmtpd.handlers.Mailbox "$TRAFFINO_E2E_MAILDIR" >"$ROOT/end2end/logs/smtp.log" 2>&1 &
  SMTP_PID=$!
  export TRAFFINO_MAIL="smtp://127.0.0.1:$smtp_port" TRAFFINO_MAIL_FROM="Traffino <noreply@example.com>"
  "$TRAFFINO_BIN" serve >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "$TRAFFINO_E2E_URL/readyz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:"; cat "$log"; return 1; }
    sleep 0.2
  done
  # E2E_ARGS: extra Playwright arguments, e.g. E2E_ARGS="tests/tenants.spec.ts --project phone"
  rm -f end2end/test-results/report.json
  (cd end2end && npx playwright test ${E2E_ARGS:-})
  local status=$?
  [[ -f end2end/test-results/report.json ]] &&
    node end2end/digest.mjs end2end/test-results/report.json >"$PG_DIR/digest.txt" 2>/dev/null
  # Graceful shutdown: SIGTERM lets in-flight requests finish and the process exit 0.
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; local exit_code=$?
  SERVER_PID=""
  if [[ $exit_code -ne 0 ]]; then echo "server did not shut down cleanly ($exit_code)"; tail -20 "$log"; status=1; fi
  # A panic while rendering costs the user a blank page or a dropped connection: never acceptable.
  if grep -q "panicked at" "$log"; then echo "the server panicked during the e2e run:"; grep -A2 "panicked at" "$log" | head -20; status=1; fi
  kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null; SMTP_PID=""
  rm -rf "$TRAFFINO_DATA_DIR" "$TRAFFINO_E2E_MAILDIR"
  unset DATABASE_URL TRAFFINO_MAIL
  return $status
}

stage fmt cargo fmt --check
stage clippy-ssr cargo clippy --all-targets --features ssr -- -D warnings
stage clippy-hydrate cargo clippy --lib --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings
stage sqlx sqlx_check
stage rust rust_tests
stage build build
stage e2e e2e

printf '\n\033[1m=== summary ===\033[0m\n'
passed=0
for i in "${!NAMES[@]}"; do
  printf '  %-16s %-7s %4ss\n' "${NAMES[$i]}" "${RESULTS[$i]}" "${TIMES[$i]}"
  [[ "${RESULTS[$i]}" == ok ]] && passed=$((passed + 1))
done
echo "stages: $passed passed, $FAILED failed"
# Last, so that a log cut to its tail still says why.
[[ -s "$PG_DIR/digest.txt" ]] && cat "$PG_DIR/digest.txt"
exit $(( FAILED > 0 ? 1 : 0 ))
