# CLI: live ingest and the live feed (server-sent events) of touchline serve.
. tests/cli/lib.sh
DB=$(testdb t)
export TOUCHLINE_DB="$DB"
run "$TL" import international "$TOUCHLINE_DATA/international"
run "$TL" import football-txt "$TOUCHLINE_DATA/openfootball/worldcup"
is "$code" 0 "imports"

# start [ENV...]: a server on a free port; $base, $pid
start() {
    serve_bg "$TMP/serve.out" env "$@" "$TL" serve --port 0
    base="http://127.0.0.1:$port"
}
# start_opts OPTIONS...: the same with options for touchline serve
start_opts() {
    serve_bg "$TMP/serve.out" "$TL" serve --port 0 "$@"
    base="http://127.0.0.1:$port"
}
stop() { kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; }
trap 'kill $pid $sse 2>/dev/null; rm -rf "$TMP"' EXIT
# post PATH BODY [CURL ARGS]: $code, $out
post() {
    p=$1; b=$2; shift 2
    : > "$TMP/body"
    code=$(curl -s -o "$TMP/body" -w "%{http_code}" -X POST -H "Content-Type: application/json" \
        -H "Authorization: Bearer $token" "$@" -d "$b" "$base$p")
    out=$(cat "$TMP/body")
}
M=/api/matches/2030-06-01/England/France

# read-only without tokens
start TOUCHLINE_TOKENS=
token=x
post /api/matches '{"date":"2030-06-01","home":"England","away":"France"}'
is "$code" 403 "no tokens: read-only"
stop

printf 'first-token\nsecret\n' > "$TMP/tokens"
"$TL" serve --port 0 --token-file "$TMP/nowhere" >/dev/null 2>"$TMP/err"
is "$?" 1 "a missing token file is an error"
start TOUCHLINE_TOKENS=
kill -TERM $pid; wait $pid
start_opts --token-file "$TMP/tokens"

token=wrong
post /api/matches '{"date":"2030-06-01","home":"England","away":"France"}'
is "$code" 401 "a wrong token is refused"
token=secret
post /api/matches '{"date":"2030-06-01","kickoff":"20:00","utc_offset":"+01:00","home":"England","away":"France","competition":"Test Cup"}'
is "$code" 201 "POST /api/matches schedules a match (a token from the file)"
mid=$(printf '%s' "$out" | jq '.id')
post /api/matches '{"date":"2030-06-01","home":"England","away":"France"}'
is "$code" 409 "the same match twice"
post /api/matches '{"date":"2030-06-01","home":"Atlantis","away":"France"}'
is "$code" 404 "an unknown team"
post /api/matches '{"date":"2030-06-01","home":"England"}'
is "$code" 400 "a body without away"
jqis '.error | test("needs \"away\"")' "true" "says what it needs"

# a subscriber from the start
curl -sN "$base$M/live" > "$TMP/sse" &
sse=$!
sleep 0.3
post $M/events '{"type":"goal","team":"England","player":"Harry Kane","minute":5}'
is "$code" 409 "no goal before kick-off"
post $M/events '{"type":"status","status":"kickoff"}'
is "$code" 201 "kick-off"
s1=$(curl -s "$base$M" | jq -c '[.match.home_score, .match.away_score]')
s1=$(curl -s "$base$M" | jq -c '[.match.home_score, .match.away_score]')
is "$s1" "[0,0]" "the match before the goal (asked twice: kept in memory)"
post $M/events '{"type":"goal","team":"England","player":"Harry Kane","minute":17}' -H "Idempotency-Key: k-17"
is "$code" 201 "a goal"
is "$(curl -s "$base$M" | jq -c '[.match.home_score, .match.away_score]')" "[1,0]" "and after it: no stale copy"
jqis '.item.score | join("-")' "1-0" "the score after it"
seq1=$(printf '%s' "$out" | jq '.seq')
post $M/events '{"type":"goal","team":"England","player":"Harry Kane","minute":17}' -H "Idempotency-Key: k-17"
is "$code" 200 "the same Idempotency-Key: the first answer again"
jqis '"\(.seq) \(.replayed) \(.item.score | join("-"))"' "$seq1 true 1-0" "same seq, no second goal"
post $M/events '{"type":"goal","team":"England","player":"Harry Kane","minute":12}'
is "$code" 409 "a minute before the last one in the same period"
post $M/events '{"type":"goal","team":"England","player":"Harry Kane","minute":60}'
is "$code" 409 "a minute outside the first half"
post $M/events '{"type":"goal","team":"England","player":"Nobody Atall","minute":20}'
is "$code" 404 "an unknown player"
post $M/events '{"type":"goal","team":"England","player":"Smith","minute":20}'
is "$code" 409 "a name that fits several players"
jqis '.error | test("^\"Smith\" fits [0-9]+ players of England: write the name more fully$")' "true" "says so, with how many"
post $M/events '{"type":"goal","team":"Brazil","player":"Neymar","minute":20}'
is "$code" 422 "a team not in the match"
post $M/events '{"type":"goal","team":"England","player":"Harry Kane","minit":20}'
is "$code" 400 "an unknown member"
jqis '.error | test("unknown member \"minit\"")' "true" "named"
post $M/events '{"type":"goal","team":"England","player":'
is "$code" 400 "truncated JSON"
post $M/events "{\"type\":\"goal\",\"team\":\"$(head -c 5000 /dev/zero | tr '\0' a)\"}"
is "$code" 413 "a body too large"
post $M/events "$(printf '{"type":"goal","team":"Eng\377land","player":"Harry Kane","minute":20}')"
is "$code" 400 "a body that is not UTF-8"
# a slow client holds a connection open, sending a request a byte at a time; everyone else is served
RAW=$(dirname "$TL")/tests/rawhttp
"$RAW" "${base##*:}" 3 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n' > "$TMP/slow" 2>&1 &
slow=$!
t0=$(date +%s%N)
hc=$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$base/api/health")
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
is "$hc" "200" "served while a slow client holds a connection"
[ "$ms" -lt 1000 ] && pass "promptly (${ms} ms)" || flunk "slowly (${ms} ms)"
wait $slow
like "$(cat "$TMP/slow")" "HTTP/1.1 200" "and the slow client is answered once it has sent its request"
# malformed requests: a 400, or the connection closed (libmicrohttpd may
# reset it before the answer is read); either way nothing else is disturbed
for bad in 'GET /api/health HTTP/1.1\r\nBadHeader\r\n\r\n' \
           'GET /api/health HTTP/1.1\r\nContent-Length: x\r\n\r\n'; do
    code=$("$RAW" "${base##*:}" 0 "$bad" | cut -d' ' -f2)
    case "$code" in 400|"") pass "malformed request: ${code:-closed}";; *) flunk "malformed request: $code";; esac
done
"$RAW" "${base##*:}" 0 'GARBAGE\r\n\r\n' > /dev/null
hc=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health")
is "$hc" "200" "after garbage on a connection, the server goes on"
post $M/events '{"type":"status","status":"halftime"}'
is "$code" 201 "half time"
post $M/events '{"type":"goal","team":"England","player":"Harry Kane","minute":46}'
is "$code" 409 "no goal at half time"
post $M/events '{"type":"status","status":"second_half"}'
post $M/events '{"type":"goal","team":"England","player":"Dayot Upamecano","minute":52,"own_goal":true}'
is "$code" 201 "an own goal (the player of the other side)"
jqis '.item.score | join("-")' "2-0" "counts for England"
post $M/events '{"type":"card","team":"France","player":"Theo Hernandez","minute":60,"card":"yellow"}'
is "$code" 201 "a card"
post $M/events '{"type":"substitution","team":"England","player_in":"Mason Mount","player_out":"Jordan Henderson","minute":79}'
is "$code" 201 "a substitution"
post $M/events '{"type":"penalty_missed","team":"England","player":"Harry Kane","minute":84,"outcome":"over"}'
is "$code" 201 "a penalty over the bar"
post $M/events '{"type":"goal","team":"France","player":"Olivier Giroud","minute":90,"added":3}'
is "$code" 201 "a goal in added time"
post $M/events '{"type":"status","status":"fulltime"}'
is "$code" 201 "full time"
post $M/events '{"type":"goal","team":"France","player":"Olivier Giroud","minute":90,"added":5}'
is "$code" 409 "no goal after full time"
jqis '.error | test("full time")' "true" "says so"
sleep 0.5
kill $sse
n_items=$(grep -c '^id: ' "$TMP/sse")
is "$n_items" "10" "the subscriber got every item, once (10)"
ids=$(grep '^id: ' "$TMP/sse" | cut -d' ' -f2 | tr '\n' ' ')
sorted=$(grep '^id: ' "$TMP/sse" | cut -d' ' -f2 | sort -n | uniq | tr '\n' ' ')
is "$ids" "$sorted" "in order, no repeats"
like "$(cat "$TMP/sse")" "event: penalty_missed" "events named by type"

# resuming with Last-Event-ID: what came after, none twice
third=$(grep '^id: ' "$TMP/sse" | sed -n 3p | cut -d' ' -f2)
curl -sN -m 1 -H "Last-Event-ID: $third" "$base$M/live" > "$TMP/resume"
is "$(grep -c '^id: ' "$TMP/resume")" "7" "Last-Event-ID: the 7 items after the third"
is "$(grep '^id: ' "$TMP/resume" | head -1 | cut -d' ' -f2)" "$(grep '^id: ' "$TMP/sse" | sed -n 4p | cut -d' ' -f2)" "starting with the fourth"
curl -s -m 1 -H "Last-Event-ID: x" -o /dev/null -w '%{http_code}' "$base$M/live" > "$TMP/code"
is "$(cat "$TMP/code")" "400" "a bad Last-Event-ID"
curl -sN -m 1 -H "Last-Event-ID: 0" "$base/api/competitions/Test%20Cup/live" > "$TMP/comp"
is "$(grep -c '^id: ' "$TMP/comp")" "10" "the competition's feed"

# the match as the rest of touchline sees it
run "$TL" match "$mid" --json
jqis '"\(.match.home_score)-\(.match.away_score) \(.match.status)"' "2-1 finished" "the score and status in the store"
run "$TL" report "$mid"
like "$out" "Harry Kane fired a penalty over the bar in the 84th minute." "the report tells the live events"
like "$out" "Olivier Giroud pulled one back for France in added time" "with added time"

# a crash after a 2xx loses nothing
post /api/matches '{"date":"2030-06-05","home":"Spain","away":"Italy"}'
M2=/api/matches/2030-06-05/Spain/Italy
post $M2/events '{"type":"status","status":"kickoff"}'
post $M2/events '{"type":"goal","team":"Spain","player":"Álvaro Morata","minute":9}'
is "$code" 201 "a goal acknowledged"
kill -KILL $pid; wait $pid 2>/dev/null
start
curl -sN -m 1 -H "Last-Event-ID: 0" "$base$M2/live" > "$TMP/after"
like "$(cat "$TMP/after")" '"player":"Álvaro Morata","minute":9' "after kill -9 and a restart, the feed has it"

# a shootout: kicks until decided, then no more
token=secret
stop
start_opts --token-file "$TMP/tokens"
post /api/matches '{"date":"2030-06-09","home":"Argentina","away":"France"}'
M3=/api/matches/2030-06-09/Argentina/France
for s in kickoff halftime second_half extra_time; do post $M3/events "{\"type\":\"status\",\"status\":\"$s\"}"; done
post $M3/events '{"type":"status","status":"shootout"}'
is "$code" 201 "a level match goes to a shootout"
k() { post $M3/events "{\"type\":\"shootout_kick\",\"team\":\"$1\",\"player\":\"$2\",\"scored\":$3}"; }
k France "Kylian Mbappé" true; k Argentina "Lionel Messi" true
k France "Kingsley Coman" false; k Argentina "Paulo Dybala" true
k France "Aurélien Tchouaméni" false; k Argentina "Leandro Paredes" true
k France "Randal Kolo Muani" true
is "$code" 201 "the kicks"
k Argentina "Gonzalo Montiel" true
is "$code" 201 "the deciding kick"
jqis '"\(.item.shootout | join("-")) \(.item.phase)"' "4-2 finished" "4-2, and the match is over"
k France "Olivier Giroud" true
is "$code" 409 "no kick once it is decided"
run "$TL" match 2030-06-09 Argentina France --json
jqis '.match.shootout.winner' "Argentina" "the shootout's winner in the store"

# a group match: the table as it stands after each goal, in the feed
post /api/matches '{"date":"2030-06-12","home":"Spain","away":"Italy","competition":"Test Cup","edition":"2030","stage":"Group stage","group":"Group A"}'
is "$code" 201 "a match of a group"
MG=/api/matches/2030-06-12/Spain/Italy
curl -sN "$base$MG/live" > "$TMP/group" &
gsse=$!
sleep 0.3
post $MG/events '{"type":"status","status":"kickoff"}'
sleep 1.1 # (the feed's times are in whole seconds: the --as-of tests below)
post $MG/events '{"type":"goal","team":"Italy","player":"Ciro Immobile","minute":12}'
is "$code" 201 "a goal in it"
sleep 1.1
post $MG/events '{"type":"goal","team":"Italy","player":"Gianluigi Buffon","minute":20}'
is "$code" 201 "a goalkeeper's goal"
# the table at a moment of a match entered live: by the feed's own times
feed_at() { dbsql "$DB" "SELECT created_at FROM live_feed WHERE match_id=(SELECT match_id FROM live_feed WHERE data LIKE '%Immobile%' LIMIT 1) AND $1 ORDER BY seq LIMIT 1"; }
t_ko=$(feed_at "kind='status'")
t_goal=$(feed_at "data LIKE '%Immobile%'")
t_before=$(date -u -d "$t_ko - 1 second" +%Y-%m-%dT%H:%M:%SZ)
run "$TL" standings "Test Cup" 2030 --group A --as-of "$t_before" --json
jqis '[(.moment.matches | length), (.groups[0].table[] | .played)] | map(tostring) | join(" ")' "0 0 0" "a second before the kick-off item: not started"
run "$TL" standings "Test Cup" 2030 --group A --as-of "$t_ko" --json
jqis '.moment.matches[0] | "\(.home) \(.score[0])-\(.score[1]) \(.away) \(.clock) \(.from)"' "Spain 0-0 Italy 0' live_feed" "at the kick-off item: 0-0, from the live feed"
run "$TL" standings "Test Cup" 2030 --group A --as-of "$t_goal"
like "$out" "in progress at $t_goal: Spain 0-1 Italy (12', live feed)" "at Immobile's goal: 0-1 at 12 minutes"
like "$out" "1  Italy  1  1  0  0   1   0  +1    3" "Italy top as it stood"
for i in $(seq 50); do grep -q "event: milestone" "$TMP/group" && break; sleep 0.1; done
kill $gsse
like "$(cat "$TMP/group")" "event: table" "the table follows the goal in the feed"
tdata=$(grep -A0 '^data: {"match_id":[0-9]*,"type":"table"' "$TMP/group" | tail -1 | sed 's/^data: //')
is "$(printf '%s' "$tdata" | jq -r '.table[0] | "\(.team) \(.points) \(.played)"')" "Italy 3 1" "Italy top with 3 points as it stands"
post /api/matches '{"date":"2030-06-13","home":"Spain","away":"Italy","group":"Group A"}'
is "$code" 400 "a group needs its competition and edition"
like "$(cat "$TMP/group")" '"text":"Gianluigi Buffon scores his 1st goal for Italy"' "a milestone as it happens: Buffon's first goal for Italy"
like "$(cat "$TMP/group")" '"rests_on":"event ' "with the event it rests on"
n_ms=$(grep -c '"text":"Gianluigi Buffon scores his 1st goal for Italy"' "$TMP/group")
is "$n_ms" "1" "told once"
curl -sN -m 1 -H "Last-Event-ID: 0" "$base$MG/live" > "$TMP/group2"
is "$(grep -c 'event: milestone' "$TMP/group2")" "$(grep -c 'event: milestone' "$TMP/group")" "and in the feed for a client that resumes"

# a subscriber whose socket cannot take an item when it is sent (it reads
# nothing for a while): what the direct write could not put on the socket
# goes on through libmicrohttpd, and once it reads it has every item, whole
# and in order, like one that kept up
post /api/matches '{"date":"2030-06-19","home":"Germany","away":"Japan"}'
MW=/api/matches/2030-06-19/Germany/Japan
post $MW/events '{"type":"status","status":"kickoff"}'
RAW=$(dirname "$TL")/tests/rawhttp
get_health() { curl -s "$base/api/health"; }
# both subscribed before the first item (a fixed pause was too short for a
# busy machine running tests side by side)
wait_subscribers() { # N: until the feed counts N subscribers, up to 30 s
    for i in $(seq 300); do
        [ "$(get_health | jq '.feed.subscribers')" -ge "$1" ] && return
        sleep 0.1
    done
}
n0=$(get_health | jq '.feed.subscribers')
"$RAW" "${base##*:}" 0 "GET $MW/live HTTP/1.1\r\nHost: x\r\n\r\n" 120 "$TMP/lagsub" > "$TMP/lagsub.st" &
lagsub=$!
curl -sN -m 120 "$base$MW/live" > "$TMP/keptup" &
keptup=$!
wait_subscribers $((n0 + 2))
before=$(get_health)
for i in $(seq 200); do
    post $MW/events '{"type":"card","team":"Japan","player":"Maya Yoshida","minute":31,"card":"yellow"}'
done
is "$code" 201 "200 items published"
kill -USR1 $lagsub
wait $lagsub
# the stream does not end: wait until it has every item (up to a minute)
for t in $(seq 600); do
    [ "$(grep -c '^id: ' "$TMP/keptup")" -ge 200 ] && break
    kill -0 $keptup 2>/dev/null || break
    sleep 0.1
done
kill $keptup 2>/dev/null
wait $keptup 2>/dev/null
is "$(grep -c '^id: ' "$TMP/keptup")" "200" "the subscriber that kept up has all 200"
is "$(tr -d '\r' < "$TMP/lagsub" | grep '^id: ')" "$(grep '^id: ' "$TMP/keptup")" "the one that lagged has the same items, in the same order"
is "$(tr -d '\r' < "$TMP/lagsub" | sed -n 's/^data: //p' | jq -r '"\(.type) \(.player)"' | sort | uniq -c | tr -s ' ')" \
   " 200 card Maya Yoshida" "each of them whole (200 items of JSON, each the card)"
is "$(tr -d '\r' < "$TMP/lagsub" | awk '/^id: /{i=NR} /^event: /{if (NR!=i+1) bad++} /^data: /{if (NR!=i+2) bad++} END{print bad+0}')" "0" \
   "every item's lines together (id, event, data)"
hdr=$(tr -d '\r' < "$TMP/lagsub" | sed '/^$/q')
like "$hdr" "HTTP/1.1 200" "the stream's status line"
unlike "$hdr" "Transfer-Encoding" "not chunked: the bytes written straight to the socket are the stream"
after=$(get_health)
d=$(( $(printf '%s' "$after" | jq '.feed.sent_direct') - $(printf '%s' "$before" | jq '.feed.sent_direct') ))
h=$(( $(printf '%s' "$after" | jq '.feed.handed_back') - $(printf '%s' "$before" | jq '.feed.handed_back') ))
[ "$d" -ge 200 ] && pass "items went straight to the sockets ($d)" || flunk "sent direct: $d"
[ "$h" -ge 1 ] && pass "and the lagging one's went on through libmicrohttpd ($h handed back)" || flunk "handed back: $h"
[ "$(printf '%s' "$before" | jq '.feed.subscribers')" -ge 2 ] && pass "/api/health counts the subscribers" || flunk "subscribers: $before"

# a consumer too slow to keep up is disconnected, not kept in memory
stop
start_opts --token-file "$TMP/tokens" --feed-ring 16
post /api/matches '{"date":"2030-06-20","home":"Germany","away":"Japan"}'
MS=/api/matches/2030-06-20/Germany/Japan
post $MS/events '{"type":"status","status":"kickoff"}'
RAW=$(dirname "$TL")/tests/rawhttp
# (it reads nothing until the writer is done: SIGUSR1, or 120 s at most)
"$RAW" "${base##*:}" 0 "GET $MS/live HTTP/1.1\r\nHost: x\r\n\r\n" 120 > "$TMP/slowsub" &
slowsub=$!
# (the stream does not end: the test waits until it has every item, up to a
# minute, then ends it; a fixed few seconds failed under ASan on a busy machine)
curl -sN -m 120 "$base$MS/live" > "$TMP/fastsub" &
fastsub=$!
wait_subscribers 2
for i in $(seq 300); do
    post $MS/events '{"type":"card","team":"Japan","player":"Maya Yoshida","minute":30,"card":"yellow"}'
done
is "$code" 201 "300 items published"
kill -USR1 $slowsub
wait $slowsub
is "$(cat "$TMP/slowsub")" "closed" "the subscriber that did not read was disconnected"
got=0
for t in $(seq 600); do
    got=$(grep -c '^id: ' "$TMP/fastsub")
    [ "$got" -ge 300 ] && break
    kill -0 $fastsub 2>/dev/null || break
    sleep 0.1
done
kill $fastsub 2>/dev/null
wait $fastsub 2>/dev/null
is "$got" "300" "while one that reads got all 300"
run "$TL" serve --feed-ring 3
is "$code" 2 "--feed-ring below 16 is a usage error"

# touchline replay: the 2022 final again, through the API, at full speed
run "$TL" replay 2022-12-18 Argentina France --url "$base" --token secret --speed 0 --date 2030-07-19
is "$code" 0 "replay"
like "$out" "118' penalty_goal    Kylian Mbappé, France (3-3)" "the events in order, with the score"
like "$out" "120+5' yellow" "a minute written past its period (125') sent as added time"
run "$TL" report 2030-07-19 Argentina France
like "$out" "Argentina beat France 4-2 on penalties after a 3-3 draw after extra time" "the replayed match reported like the original"
rid=$(dbsql "$DB" "SELECT id FROM matches WHERE date='2030-07-19'")
curl -sN -m 1 -H "Last-Event-ID: 0" "$base/api/matches/$rid/live" > "$TMP/replayed"
requests=$(printf '%s' "$(cat "$TMP/replayed")" | grep -c '^id: ')
[ "$requests" -ge 40 ] && pass "its feed holds every event ($requests items)" || flunk "its feed: $requests items"
run "$TL" replay 2022-12-18 Argentina France --url "$base" --token secret --speed 0 --date 2030-07-19
is "$code" 1 "replaying onto a day the match already has fails"
like "$err" "409" "with the server's answer"
run "$TL" replay 2022-12-18 Argentina France --url "$base" --token wrong --speed 0 --date 2030-07-20
is "$code" 1 "a wrong token fails"
run "$TL" replay 2022-12-18 Argentina France --url "http://127.0.0.1:1" --speed 0
is "$code" 1 "no server: it says so"

stop
echo "1..$n"
