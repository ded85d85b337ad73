#!/usr/bin/env bash
# Installs what building and testing Traffino needs, skipping whatever is already there.
# Safe to run again: every step checks first. Works on Debian 12 with only Rust and git.
#   scripts/bootstrap.sh          build tools + PostgreSQL (what `make dev` needs)
#   scripts/bootstrap.sh --test   also Chromium and Playwright (what `make test` needs)
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${TRAFFINO_CACHE:-$HOME/.cache/traffino}"
TOOLS="$CACHE/tools"
mkdir -p "$TOOLS"
WITH_TEST=0
[[ "${1:-}" == "--test" ]] && WITH_TEST=1

log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*"; }
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

apt_missing=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || apt_missing+=("$1"); }

need_pkg postgresql
need_pkg postgresql-contrib
need_pkg pkg-config
need_pkg make
if [[ $WITH_TEST -eq 1 ]]; then
  need_pkg python3
  # venv needs ensurepip, which Debian ships separately
  python3 -c 'import ensurepip' >/dev/null 2>&1 || need_pkg python3-venv
  need_pkg chromium
  need_pkg fonts-dejavu-core
  command -v node >/dev/null 2>&1 || need_pkg nodejs
  command -v npm >/dev/null 2>&1 || need_pkg npm
fi
if [[ ${#apt_missing[@]} -gt 0 ]]; then
  log "apt-get install ${apt_missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  # Debian's package starts a system cluster; Traffino runs its own, so stop that one.
  if command -v pg_ctlcluster >/dev/null 2>&1; then $SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true; fi
fi

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Quick release profile for installing tools: 3x faster to build, same behaviour.
fast_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install -q "$@"
}

if ! cargo leptos --version 2>/dev/null | grep -q '0.3.10'; then
  log "cargo install cargo-leptos 0.3.10 (about 11 minutes on 2 cores)"
  fast_install cargo-leptos --version 0.3.10 --locked --features no_downloads
fi

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
  log "cargo install wasm-bindgen-cli $WB_VERSION"
  # Not --locked: a locked dependency of 0.2.130 is no longer in the registry.
  fast_install wasm-bindgen-cli --version "$WB_VERSION"
fi

SQLX_VERSION=$(awk '/^name = "sqlx"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! cargo sqlx --version 2>/dev/null | grep -q "$SQLX_VERSION"; then
  log "cargo install sqlx-cli $SQLX_VERSION"
  fast_install sqlx-cli --version "$SQLX_VERSION" --locked --no-default-features --features postgres,rustls
fi

# wasm-opt for release builds: Debian's binaryen (108) produces WASM that modern browsers reject.
if [[ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]] || ! "$TOOLS/node_modules/.bin/wasm-opt" --version | grep -q 'version 132'; then
  if command -v npm >/dev/null 2>&1 || { need_pkg npm; $SUDO apt-get install -y -qq npm >/dev/null; }; then
    log "npm install binaryen@132 into $TOOLS"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent --cache "$CACHE/npm" binaryen@132 >/dev/null)
  fi
fi

if [[ $WITH_TEST -eq 1 ]]; then
  # Protocol peers for the mail tests: an SMTP sink (aiosmtpd) and AWS SES (moto's server).
  VENV="$CACHE/venv"
  if ! "$VENV/bin/python" -c 'import aiosmtpd, moto' >/dev/null 2>&1; then
    log "python venv with aiosmtpd and moto[server] in $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check --cache-dir "$CACHE/pip" \
      'aiosmtpd==1.4.6' 'moto[server]==5.2.5'
  fi
  # Playwright lives in end2end/node_modules; npm's cache is outside the clone so reinstalls are fast.
  if [[ ! -d end2end/node_modules/@playwright/test ]] ||
     [[ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
    log "npm ci in end2end"
    (cd end2end && npm ci --no-audit --no-fund --silent --cache "$CACHE/npm")
  fi
fi
log "ready"
