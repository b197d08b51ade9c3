#!/bin/sh
# bench/bench_http.sh: requests per second of a cached JSON endpoint of
# touchline serve, next to nginx serving the same bytes as a static file,
# measured in the same run with wrk (the issue's target: at least 80% of
# nginx's). Both servers get the same number of worker threads/processes;
# wrk runs on the same machine.
set -eu
cd "$(dirname "$0")/.."
TL=${TL:-build/touchline}
DATA=${TOUCHLINE_DATA:-../shared/data}
T=$(mktemp -d)
trap 'kill $tl $ng $ev 2>/dev/null; rm -rf "$T"; true' EXIT
tl=""; ng=""; ev=""
"$TL" --db "$T/t.db" import international "$DATA/international" >/dev/null 2>&1
"$TL" --db "$T/t.db" serve --port 0 --threads 2 >"$T/serve.out" 2>&1 &
tl=$!
for i in $(seq 50); do grep -q serving "$T/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/api.*/\1/p' "$T/serve.out")
path="/api/elo?date=2022-12-18&top=20"
mkdir -p "$T/www"
curl -s "http://127.0.0.1:$port$path" > "$T/www/elo.json"
bytes=$(wc -c < "$T/www/elo.json")
# the peers' ports: below the ephemeral range, where the benchmarks' own
# client connections (and those still in TIME_WAIT) take theirs
up() { curl -s -o /dev/null "http://127.0.0.1:$1/elo.json"; }
# nginx: two workers, no logs, the same bytes from a file
for try in 1 2 3 4 5 6 7 8; do
    nport=$((20000 + ($$ * 7 + try * 1301) % 12000))
    cat > "$T/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $T/nginx.pid;
error_log $T/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    server { listen 127.0.0.1:$nport; root $T/www; location / { try_files /elo.json =404; } }
}
CONF
    nginx -c "$T/nginx.conf" -p "$T" 2>>"$T/nginx.err" &
    ng=$!
    for i in $(seq 30); do up "$nport" && break; kill -0 "$ng" 2>/dev/null || break; sleep 0.1; done
    up "$nport" && break
    kill "$ng" 2>/dev/null || true
    ng=""
done
[ -n "$ng" ] || { echo "bench_http: nginx did not start: $(tail -1 "$T/nginx.err")" >&2; exit 1; }
rps() { wrk -t2 -c50 -d5s "$1" 2>/dev/null | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
# libevent's evhttp, the other library, serving the same bytes from 2 threads
for try in 1 2 3 4 5 6 7 8; do
    eport=$((nport + try))
    "${PEER_EVHTTP:-build/peer_evhttp}" "$eport" "$T/www/elo.json" 2 2>/dev/null &
    ev=$!
    for i in $(seq 30); do up "$eport" && break; kill -0 "$ev" 2>/dev/null || break; sleep 0.1; done
    up "$eport" && break
    kill "$ev" 2>/dev/null || true
    ev=""
done
[ -n "$ev" ] || { echo "bench_http: the evhttp peer did not start" >&2; exit 1; }
ours=$(rps "http://127.0.0.1:$port$path")
theirs=$(rps "http://127.0.0.1:$nport/elo.json")
evh=$(rps "http://127.0.0.1:$eport/elo.json")
for v in "$ours" "$theirs" "$evh"; do # a server that answered nothing is no measurement
    awk -v v="${v:-0}" 'BEGIN { exit !(v > 0) }' || { echo "bench_http: a server answered no request" >&2; exit 1; }
done
echo "a cached JSON endpoint ($path, $bytes bytes), wrk 2 threads, 50 connections, 5 s:"
awk -v a="$ours" -v b="$theirs" -v c="$evh" 'BEGIN {
    r = a / b; verdict = "NOT met"; if (r >= 0.8) verdict = "met"
    printf "  touchline serve, libmicrohttpd (2 threads)  %9.0f requests/s\n", a
    printf "  nginx, the same bytes (2 workers)           %9.0f requests/s   ratio %.2f   target >= 0.80: %s\n", b, r, verdict
    printf "  libevent evhttp, the same bytes (2 threads) %9.0f requests/s   (the other library: libmicrohttpd %.2fx)\n", c, a / c }'
