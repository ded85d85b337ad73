#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and for `cargo sqlx prepare`.
#   scripts/pg.sh start DIR PORT   create (if needed) and start; prints the superuser DATABASE_URL base
#   scripts/pg.sh stop DIR         stop it (the folder stays; remove it yourself)
# Listens on 127.0.0.1:PORT only, trusts local connections (the cluster holds only test data).
# As root it runs as the `postgres` system user, since PostgreSQL refuses to run as root.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?cluster folder}
BIN=${TRAFFINO_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[[ -x "$BIN/initdb" ]] || { echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2; exit 1; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
  port=${3:?port}
  mkdir -p "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir" && chmod 700 "$dir"
  if [[ ! -f "$dir/PG_VERSION" ]]; then
    as_pg "$BIN/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-instructions --no-sync >/dev/null
    cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
CONF
  fi
  as_pg "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 -s start
  echo "postgres://postgres@127.0.0.1:$port"
  ;;
stop)
  [[ -f "$dir/postmaster.pid" ]] && as_pg "$BIN/pg_ctl" -D "$dir" -m fast -w -s stop || true
  ;;
*) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
