#!/usr/bin/env bash
# What row-level security and the audit trigger cost: the same typical read (a tenant's 20 newest
# pages) and typical write (one page's title) on a table with forced RLS + the audit trigger, and on a
# plain copy without either. pgbench as traffino_app with prepared statements (as sqlx runs queries), 2 clients, on a throwaway cluster with every
# migration applied. Prints transactions per second and the overhead. Not a test: figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
BIN=${TRAFFINO_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
SECS=${BENCH_SECONDS:-15}
work=$(mktemp -d /tmp/traffino-bench-rls.XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap '[[ -n "${KEEP:-}" ]] || { scripts/pg.sh stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"; }' EXIT
base=$(scripts/pg.sh start "$work/pg" "$port")
psql -q "$base/postgres" -c 'create database bench'
DATABASE_URL="$base/bench" cargo sqlx migrate run --source migrations >/dev/null
psql -q -v ON_ERROR_STOP=1 "$base/bench" <<'SQL'
set role traffino_owner;
create function bench_id(kind int, t int, p int) returns uuid language sql immutable as
$$ select (lpad(to_hex(kind), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(t * 100000 + p), 12, '0'))::uuid $$;
create table bench_page_rls (page_id uuid primary key, tenant_id uuid not null, title text not null,
  body text not null, updated_at timestamptz not null default now());
create index on bench_page_rls (tenant_id, updated_at desc);
alter table bench_page_rls enable row level security;
alter table bench_page_rls force row level security;
create policy tenant_isolation on bench_page_rls using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
create trigger audit after insert or update or delete on bench_page_rls for each row execute function audit_row();
create table bench_page_plain (like bench_page_rls including all);
grant select, insert, update on bench_page_rls, bench_page_plain to traffino_app;
grant execute on function bench_id(int, int, int) to traffino_app;
reset role;
-- 10 tenants with 1,000 pages each, in both tables (loaded as superuser: no audit rows for the load).
alter table bench_page_rls disable trigger audit;
insert into bench_page_rls select bench_id(2, t, p), bench_id(1, t, 0), 'Page ' || p, repeat('Lorem ipsum ', 40),
  now() - p * interval '1 minute' from generate_series(0, 9) t, generate_series(0, 999) p;
alter table bench_page_rls enable trigger audit;
insert into bench_page_plain select * from bench_page_rls;
analyze;
SQL
# The context is a statement of its own here (pgbench cannot prepare two statements as one); the
# server sends it together with BEGIN, one round trip fewer, so these figures are an upper bound.
cat >"$work/read_rls.sql" <<'SQL'
\set t random(0, 9)
begin;
select set_config('app.tenant_id', bench_id(1, :t, 0)::text, true), set_config('app.user_id', bench_id(3, :t, 0)::text, true);
select page_id, title, updated_at from bench_page_rls where tenant_id = bench_id(1, :t, 0) order by updated_at desc limit 20;
commit;
SQL
cat >"$work/read_plain.sql" <<'SQL'
\set t random(0, 9)
begin;
select page_id, title, updated_at from bench_page_plain where tenant_id = bench_id(1, :t, 0) order by updated_at desc limit 20;
commit;
SQL
cat >"$work/write_rls.sql" <<'SQL'
\set t random(0, 9)
\set p random(0, 999)
begin;
select set_config('app.tenant_id', bench_id(1, :t, 0)::text, true), set_config('app.user_id', bench_id(3, :t, 0)::text, true);
update bench_page_rls set title = 'Title ' || random(), updated_at = now() where tenant_id = bench_id(1, :t, 0) and page_id = bench_id(2, :t, :p);
commit;
SQL
cat >"$work/write_plain.sql" <<'SQL'
\set t random(0, 9)
\set p random(0, 999)
begin;
update bench_page_plain set title = 'Title ' || random(), updated_at = now() where tenant_id = bench_id(1, :t, 0) and page_id = bench_id(2, :t, :p);
commit;
SQL
tps() { # script → transactions per second (excluding connection time)
  "$BIN/pgbench" -n -M prepared -c 2 -j 2 -T "$SECS" -U traffino_app -h 127.0.0.1 -p "$port" -f "$work/$1.sql" bench 2>/dev/null |
    awk -F'= ' '/^tps/ {split($2, a, " "); print int(a[1])}'
}
echo "RLS + audit trigger overhead ($(date -u +%F), pgbench, 2 clients, ${SECS} s each, PostgreSQL $("$BIN/postgres" --version | awk '{print $3}')):"
read_plain=$(tps read_plain); read_rls=$(tps read_rls)
write_plain=$(tps write_plain); write_rls=$(tps write_rls)
# cost in % of the plain transaction's time, and in microseconds per transaction (2 clients)
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %% (%+.0f µs per transaction)", (a / b - 1) * 100, (2e6 / b - 2e6 / a) }'; }
echo "  transactions per second; cost = how much longer each transaction takes"
printf '  read  (a tenant'"'"'s 20 newest pages): plain %6s | RLS with its context       %6s  → cost %s\n' "$read_plain" "$read_rls" "$(pct "$read_plain" "$read_rls")"
printf '  write (one page'"'"'s title)           : plain %6s | RLS + audit with its context %6s  → cost %s\n' "$write_plain" "$write_rls" "$(pct "$write_plain" "$write_rls")"
