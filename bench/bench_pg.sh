#!/bin/sh
# bench/bench_pg.sh: the PostgreSQL figures of make bench, on a server
# started for the run in a temporary folder (scripts/pg-test.sh, fsync on):
#   1. the store on PostgreSQL next to SQLite (bench_pg),
#   2. a goal's latency across three nodes over that server (bench_live),
#      next to one node on it and one node on SQLite, in the same run.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
dir=$(mktemp -d /tmp/touchline-bench-pg.XXXXXX)
trap 'scripts/pg-test.sh stop "$dir"' EXIT
url=$(scripts/pg-test.sh start "$dir" durable)
"$BUILD/bench_pg" "$url"
echo
live=$(scripts/pg-test.sh schema "$url" live)
"$BUILD/bench_live" 3000 --db "$live" --nodes 3
echo
live1=$(scripts/pg-test.sh schema "$url" live1)
"$BUILD/bench_live" 3000 --db "$live1"
echo
"$BUILD/bench_live" 3000
