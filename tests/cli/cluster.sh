# CLI: three server nodes over one PostgreSQL store (tests/run.sh --pg):
# 1,000 live subscribers on each; events posted to the nodes reach every
# subscriber of every node, in order, once; a node killed mid-stream, its
# subscribers resume on another with Last-Event-ID and miss nothing; the
# nodes' database connections dropped, they catch up.
. tests/cli/lib.sh
if ! on_pg; then
    echo "1..0 # skip: needs PostgreSQL (make test runs it with tests/run.sh --pg)"
    exit 0
fi
DB=$(testdb t)
export TOUCHLINE_DB="$DB"
FLEET=$(dirname "$TL")/tests/ssefleet
run "$TL" import football-txt "$TOUCHLINE_DATA/openfootball/worldcup/2022--qatar"
is "$code" 0 "the 2022 World Cup imported into PostgreSQL"

printf 'secret\n' > "$TMP/tokens"
start_node() { # N: a node on a port of its own; sets pidN and portN
    serve_bg "$TMP/node$1.out" "$TL" serve --port 0 --token-file "$TMP/tokens"
    eval "pid$1=$pid port$1=$port"
}
start_node 1
start_node 2
start_node 3
[ -n "$port1" ] && [ -n "$port2" ] && [ -n "$port3" ] && pass "three nodes serve the same database" ||
    flunk "three nodes ($port1 $port2 $port3): $(cat "$TMP/node1.out")"
ngpid=""
stop_all() {
    kill "$pid1" "$pid2" "$pid3" $ngpid 2>/dev/null
    wait "$pid1" "$pid2" "$pid3" $ngpid 2>/dev/null
}
trap 'stop_all; rm -rf "$TMP"' EXIT

post() { # PORT PATH BODY [KEY]: sets $code and $out
    out=$(curl -s -o "$TMP/post" -w '%{http_code}' -H "Authorization: Bearer secret" \
        ${4:+-H "Idempotency-Key: $4"} -H 'Content-Type: application/json' \
        -X POST --data "$3" "http://127.0.0.1:$1$2")
    code=$out
    out=$(cat "$TMP/post")
}

post "$port1" /api/matches '{"date":"2030-06-01","home":"England","away":"France"}'
is "$code" 201 "a match scheduled on node 1"
mid=$(printf '%s' "$out" | jq -r .id)
M=/api/matches/$mid

# 1,000 subscribers on each node
"$FLEET" "$M/live" 1000 "$TMP/ref" 150 "$port1" "$port2" "$port3" >"$TMP/fleet.out" 2>"$TMP/fleet.err" &
fleet=$!
for i in $(seq 300); do grep -q ready "$TMP/fleet.out" && break; sleep 0.1; done
is "$(head -1 "$TMP/fleet.out")" "ready" "3,000 subscribers connected (1,000 per node)"
post "$port2" "$M/events" '{"type":"status","status":"kickoff"}'
is "$code" 201 "kick-off posted on node 2 (the match node 1 created)"

card() { # PORT MINUTE: a yellow card, posted to that node
    post "$1" "$M/events" "{\"type\":\"card\",\"team\":\"England\",\"player\":\"Harry Kane\",\"minute\":$2,\"card\":\"yellow\"}"
    [ "$code" = 201 ] || echo "# card at $2 on $1: $code $out"
}
for m in 1 2 3 4 5 6 7 8 9 10; do card "$port1" "$m"; done
for m in 11 12 13 14 15; do card "$port2" "$m"; done
post "$port1" "$M/events" '{"type":"goal","team":"England","player":"Harry Kane","minute":16}' goal-16
is "$code" 201 "a goal posted on node 1"
post "$port2" "$M/events" '{"type":"goal","team":"England","player":"Harry Kane","minute":16}' goal-16
is "$code" 200 "the same Idempotency-Key on node 2: the stored answer, not a second goal"
is "$(curl -s "http://127.0.0.1:$port3$M" | jq -r '.match.home_score')" "1" "node 3 answers with the score node 1 wrote"

# node 3 dies mid-stream: its subscribers resume on node 1
kill -9 "$pid3"
wait "$pid3" 2>/dev/null
for m in 17 18 19 20 21 22 23 24 25 26; do card "$port1" "$m"; done
# every node's database connections dropped: they reconnect and catch up
psql -qAt "$TOUCHLINE_TEST_PG" -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname='touchline' AND pid<>pg_backend_pid()" >/dev/null
sleep 0.5
for m in 27 28 29 30; do card "$port2" "$m"; done
is "$code" 201 "events are taken again after the connections were dropped"
for m in 31 32 33 34 35; do card "$port1" "$m"; done

# the feed as stored, once the milestone worker is done: what every subscriber must have
sleep 1.5
curl -sN -m 2 -H "Last-Event-ID: 0" "http://127.0.0.1:$port1$M/live" | sed -n 's/^id: //p' >"$TMP/ref.part"
items=$(wc -l <"$TMP/ref.part")
echo . >>"$TMP/ref.part"
mv "$TMP/ref.part" "$TMP/ref"
[ "$items" -ge 36 ] && pass "the feed holds every item ($items)" || flunk "the feed holds $items items"
wait "$fleet"
fleet_code=$?
code=$fleet_code out=$(cat "$TMP/fleet.out") err=$(cat "$TMP/fleet.err")
is "$fleet_code" 0 "every subscriber has exactly the feed"
like "$(cat "$TMP/fleet.out")" "subscribers 3000, complete 3000, in order 3000, exactly the feed 3000" "3,000 of 3,000 complete, in order, none twice"
reconnected=$(sed -n 's/.*reconnected \([0-9]*\).*/\1/p' "$TMP/fleet.out")
[ "${reconnected:-0}" -ge 1000 ] && pass "node 3's 1,000 subscribers resumed elsewhere ($reconnected reconnected)" ||
    flunk "reconnected: $(cat "$TMP/fleet.out") $(cat "$TMP/fleet.err")"
like "$(cat "$TMP/node1.out")" "connected again" "node 1 says it lost the database and caught up"

# ---- behind nginx, configured by deploy/nginx.conf ----
start_node 3 # node 3 again, on a new port
# nginx's port: below the ephemeral range, where the subscribers' own ports are
nginx_conf() { # PORT: the configuration, the nodes' ports substituted
    sed -e "s/127.0.0.1:8081/127.0.0.1:$port1/; s/127.0.0.1:8082/127.0.0.1:$port2/" \
        -e "s/127.0.0.1:8083/127.0.0.1:$port3/; s/listen 8080;/listen 127.0.0.1:$1;/" \
        deploy/nginx.conf >"$TMP/touchline-nginx.conf"
    cat >"$TMP/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx.err;
events { worker_connections 1024; }
http { access_log off; include $TMP/touchline-nginx.conf; }
CONF
}
if ! command -v nginx >/dev/null 2>&1; then
    flunk "nginx is not installed (scripts/install-deps.sh installs nginx-light)"
else
    up=no
    for try in 1 2 3 4 5; do
        nport=$((20000 + ($$ * 7 + try * 997) % 12000))
        nginx_conf "$nport"
        nginx -c "$TMP/nginx.conf" -p "$TMP" &
        ngpid=$!
        for i in $(seq 100); do
            curl -s -o /dev/null "http://127.0.0.1:$nport/api/openapi.json" && up=yes && break
            kill -0 "$ngpid" 2>/dev/null || break # it could not bind: another port
            sleep 0.1
        done
        [ "$up" = yes ] && break
        kill "$ngpid" 2>/dev/null
        wait "$ngpid" 2>/dev/null
        ngpid=""
    done
    [ "$up" = yes ] && pass "nginx serves the nodes with deploy/nginx.conf" ||
        flunk "nginx did not start: $(cat "$TMP/nginx.err")"
    N=http://127.0.0.1:$nport
    post "$nport" /api/matches '{"date":"2030-06-02","home":"England","away":"France"}'
    is "$code" 201 "nginx: a match scheduled through it"
    M2=/api/matches/$(printf '%s' "$out" | jq -r .id)
    "$FLEET" "$M2/live" 90 "$TMP/ref2" 60 "$nport" >"$TMP/fleet2.out" 2>"$TMP/fleet2.err" &
    fleet2=$!
    for i in $(seq 100); do grep -q ready "$TMP/fleet2.out" && break; sleep 0.1; done
    is "$(head -1 "$TMP/fleet2.out")" "ready" "nginx: 90 subscribers through it (30 a node, round robin)"
    M=$M2
    post "$nport" "$M/events" '{"type":"status","status":"kickoff"}'
    is "$code" 201 "nginx: kick-off posted through it"
    for m in 1 2 3 4 5; do card "$nport" "$m"; done
    kill -9 "$pid1"
    wait "$pid1" 2>/dev/null
    for m in 6 7 8 9 10; do card "$nport" "$m"; done
    is "$code" 201 "nginx: posts go on after node 1 died (sent to the others)"
    is "$(curl -s "$N$M" | jq -r '.match.status')" "live" "nginx: the match read through it"
    sleep 1.5
    curl -sN -m 2 -H "Last-Event-ID: 0" "$N$M/live" | sed -n 's/^id: //p' >"$TMP/ref2.part"
    items=$(wc -l <"$TMP/ref2.part")
    echo . >>"$TMP/ref2.part"
    mv "$TMP/ref2.part" "$TMP/ref2"
    [ "$items" -ge 11 ] && pass "nginx: the feed through it holds every item ($items)" ||
        flunk "nginx: the feed holds $items items"
    wait "$fleet2"
    fleet_code=$?
    is "$fleet_code" 0 "nginx: every subscriber has exactly the feed"
    like "$(cat "$TMP/fleet2.out")" "subscribers 90, complete 90, in order 90, exactly the feed 90" \
        "nginx: 90 of 90 complete, in order, none twice"
    reconnected=$(sed -n 's/.*reconnected \([0-9]*\).*/\1/p' "$TMP/fleet2.out")
    [ "${reconnected:-0}" -ge 1 ] && pass "nginx: node 1's subscribers resumed through it ($reconnected reconnected)" ||
        flunk "nginx reconnected: $(cat "$TMP/fleet2.out") $(cat "$TMP/fleet2.err")"
fi
echo "1..$n"
