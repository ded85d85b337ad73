#!/usr/bin/env bash
# Runs the admin with cargo-leptos (rebuilds and reloads on change) on the embedded PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/traffino/target}" SQLX_OFFLINE=true
url="${TRAFFINO_PUBLIC_URL:-http://127.0.0.1:3000}"
cat <<MSG

  Traffino admin: $url   (first build takes a few minutes)
  Data (embedded PostgreSQL, media): ${TRAFFINO_DATA_DIR:-./data}
  Create the first admin, in another terminal:
      make admin EMAIL=you@example.org
  then open the printed link to set the password. Mail goes to this log (TRAFFINO_MAIL=log):
  the sign-in code appears here.

MSG
exec cargo leptos watch
