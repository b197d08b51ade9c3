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
trap 'kill $tl $ng $ev 2>/dev/null; rm -rf "$T"' EXIT
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
# nginx: two workers, no logs, the same bytes from a file
nport=$((port + 1))
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
nginx -c "$T/nginx.conf" -p "$T" &
ng=$!
sleep 0.5
rps() { wrk -t2 -c50 -d5s "$1" 2>/dev/null | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
# libevent's evhttp, the other library, serving the same bytes from 2 threads
eport=$((port + 2))
"${PEER_EVHTTP:-build/peer_evhttp}" "$eport" "$T/www/elo.json" 2 &
ev=$!
sleep 0.3
ours=$(rps "http://127.0.0.1:$port$path")
theirs=$(rps "http://127.0.0.1:$nport/elo.json")
evh=$(rps "http://127.0.0.1:$eport/elo.json")
echo "a cached JSON endpoint ($path, $bytes bytes), wrk 2 threads, 50 connections, 5 s:"
awk -v a="$ours" -v b="$theirs" -v c="$evh" 'BEGIN {
    r = a / b; verdict = "NOT met"; if (r >= 0.8) verdict = "met"
    printf "  touchline serve, libmicrohttpd (2 threads)  %9.0f requests/s\n", a
    printf "  nginx, the same bytes (2 workers)           %9.0f requests/s   ratio %.2f   target >= 0.80: %s\n", b, r, verdict
    printf "  libevent evhttp, the same bytes (2 threads) %9.0f requests/s   (the other library: libmicrohttpd %.2fx)\n", c, a / c }'
