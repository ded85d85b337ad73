# The two commands: `make dev` runs the product, `make test` runs every test and check.
SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/traffino/target
export SQLX_OFFLINE ?= true
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: dev test admin sqlx-prepare bench bench-rls bench-content fmt help

help:
	@echo "make dev                     install what is missing, run the admin on http://127.0.0.1:3000"
	@echo "make admin EMAIL=you@x.org   create a platform admin and print the link to set the password"
	@echo "make test                    every test and check (what CI runs)"
	@echo "make sqlx-prepare            refresh .sqlx/ after changing a query or a migration"
	@echo "make bench                   measure build times, WASM size, idle memory and the RLS cost"
	@echo "make bench-rls               only the cost of RLS and the audit trigger (pgbench)"
	@echo "make bench-content           editor save and page list times with 1,000 pages"

dev:
	@scripts/bootstrap.sh
	@scripts/dev.sh

admin:
	@test -n "$(EMAIL)" || { echo "usage: make admin EMAIL=you@example.org"; exit 2; }
	@test -x "$(CARGO_TARGET_DIR)/debug/traffino" || cargo build --features ssr --bin traffino
	@"$(CARGO_TARGET_DIR)/debug/traffino" user add --email "$(EMAIL)" --platform-admin

test:
	@scripts/test.sh

sqlx-prepare:
	@scripts/sqlx-prepare.sh

bench:
	@scripts/bench.sh

bench-rls:
	@scripts/bench-rls.sh

bench-content:
	@scripts/bench-content.sh

fmt:
	cargo fmt
