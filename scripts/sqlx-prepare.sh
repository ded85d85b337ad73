#!/usr/bin/env bash
# Regenerates .sqlx/ (the compile-time query cache) from a throwaway database with all migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/traffino/target}"
dir=$(mktemp -d /tmp/traffino-sqlx-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'scripts/pg.sh stop "$dir"; rm -rf "$dir"' EXIT
base=$(scripts/pg.sh start "$dir" "$port")
psql -q "$base/postgres" -c 'create database traffino_sqlx'
export DATABASE_URL="$base/traffino_sqlx" SQLX_OFFLINE=false
cargo sqlx migrate run --source migrations
cargo sqlx prepare -- --all-targets --features ssr
