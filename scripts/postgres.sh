#!/usr/bin/env bash
# Starts or stops a private PostgreSQL cluster for tests, on 127.0.0.1 and a spare port.
#   eval "$(scripts/postgres.sh start)"   # exports CONNECTLOCAL_TEST_POSTGRES (an Npgsql connection string)
#                                         # and CONNECTLOCAL_PG_DIR
#   scripts/postgres.sh stop "$CONNECTLOCAL_PG_DIR"
# Uses the PostgreSQL binaries Debian installs (/usr/lib/postgresql/*/bin); runs the server as the postgres user
# when started as root, because PostgreSQL refuses to run as root.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/connectlocal-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --locale=C -E UTF8 > "$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start > /dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres connectlocal
    echo "export CONNECTLOCAL_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=connectlocal;Pooling=true'"
    echo "export CONNECTLOCAL_PG_DIR='$dir'"
    ;;
  stop)
    dir=${2:?usage: postgres.sh stop DIR}
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
