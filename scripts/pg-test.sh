#!/bin/sh
# A throwaway PostgreSQL server for the tests and benchmarks (Debian's
# postgresql package): initdb in a temporary folder, listening only on a
# Unix socket in that folder, stopped and removed afterwards.
#
#   scripts/pg-test.sh start DIR [durable]
#                                  prints the base URL (postgresql:///touchline?host=DIR&port=N);
#                                  fsync is off unless "durable" (the benchmarks)
#   scripts/pg-test.sh stop DIR
#   scripts/pg-test.sh schema URL NAME   creates schema NAME; prints URL for it
#
# As root, the server runs as the postgres user (PostgreSQL refuses root).
set -eu
cmd=${1:-}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "pg-test: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
start)
    dir=$2
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${3:-}" = durable ] && fast=""
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -A trust -U touchline -E UTF8 --locale=C \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # a free port number for the socket's name (nothing listens on TCP)
    port=$(( 20000 + $$ % 20000 ))
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
        -o "-k $dir -p $port -c listen_addresses= $fast -c max_connections=200" \
        start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/createdb" -h "$dir" -p "$port" -U touchline touchline
    echo "postgresql:///touchline?host=$dir&port=$port&user=touchline"
    ;;
stop)
    dir=$2
    [ -d "$dir/data" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -s stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
schema)
    url=$2 name=$3
    PGOPTIONS="-c client_min_messages=warning" psql -q "$url" -c "DROP SCHEMA IF EXISTS $name CASCADE; CREATE SCHEMA $name" >/dev/null
    echo "$url&options=-csearch_path%3D$name"
    ;;
*)
    echo "usage: pg-test.sh start DIR | stop DIR | schema URL NAME" >&2
    exit 2
    ;;
esac
