# CLI: touchline serve: the commands as a JSON API, described by OpenAPI.
. tests/cli/lib.sh
DB=$(testdb t)
export TOUCHLINE_DB="$DB"
run "$TL" import international "$TOUCHLINE_DATA/international"
run "$TL" import football-txt "$TOUCHLINE_DATA/openfootball/worldcup"
run "$TL" import statsbomb "$TOUCHLINE_DATA/statsbomb"
is "$code" 0 "imports"

run "$TL" serve --port 70000
is "$code" 2 "a port out of range is a usage error"
run "$TL" serve --bind nowhere
is "$code" 2 "a bad address is a usage error"
run "$TL" --db "$TMP/none.db" serve --port 0
is "$code" 1 "no database: it says so instead of serving"

serve_bg "$TMP/serve.out" "$TL" serve --port 0 --threads 2
trap 'kill $pid 2>/dev/null; rm -rf "$TMP"' EXIT
[ -n "$port" ] && pass "serving on port $port" || flunk "the server did not start"
base="http://127.0.0.1:$port"
# get PATH [CURL ARGS]: $code the HTTP status, $out the body, $hdr the headers
get() {
    p=$1; shift; rm -f "$TMP/body"; : > "$TMP/body"
    code=$(curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' "$@" "$base$p")
    out=$(cat "$TMP/body"); hdr=$(cat "$TMP/hdr")
}

get /api/openapi.json
is "$code" 200 "the OpenAPI document"
json "it is JSON"
jqis '.openapi' "3.0.3" "OpenAPI 3"
paths=$(printf '%s' "$out" | jq -r '.paths | keys[]' | wc -l)
[ "$paths" -ge 30 ] && pass "it describes $paths paths" || flunk "too few paths ($paths)"
jqis '[.paths[][] | select(.summary == null or (.responses["200"] == null and .responses["201"] == null))] | length' "0" "each operation with a summary and its responses"
jqis '.paths["/api/matches/{id}/events"].post.requestBody.content["application/json"].schema.properties.type.enum | join(",")' "goal,penalty_missed,card,substitution,shootout_kick,status" "the event bodies documented"
jqis '.paths["/api/matches"] | keys | join(",")' "get,post" "GET and POST on /api/matches"
jqis '.paths["/api/matches/{id}/live"].get.parameters | map(.name) | index("Last-Event-ID") != null' "true" "the live feed with Last-Event-ID"
jqis '.paths["/api/standings/{competition}/{edition}"].get.parameters | map(.name) | index("as_of") != null' "true" "query parameters from the command's options (as_of)"
# every example in the document answers with JSON: the document is true
printf '%s' "$out" | jq -r '.paths[].get["x-example"] // empty' | sort -u > "$TMP/examples"
bad=""
while read -r ex; do
    c=$(curl -s -o "$TMP/ex" -w '%{http_code}' "$base$ex")
    if [ "$c" != 200 ] || ! jq -e . "$TMP/ex" >/dev/null 2>&1; then bad="$bad $ex($c)"; fi
done < "$TMP/examples"
is "$bad" "" "every documented example answers 200 with JSON ($(wc -l < "$TMP/examples") examples)"

# the same JSON as the command
get "/api/matches/2022-12-10/England/France"
is "$code" 200 "a match by date and teams"
is "$out" "$("$TL" --json match 2022-12-10 England France)" "the body is the command's --json"
id=$(printf '%s' "$out" | jq '.match.id')
get "/api/matches/$id/report?seed=3"
jqis '.headline.text' "$("$TL" --json report "$id" --seed 3 | jq -r '.headline.text')" "a match by id; options as query parameters"
get "/api/standings/FIFA%20World%20Cup/2018?group=H&explain=true"
jqis '.groups[0].table[1].team' "Japan" "standings with a flag option"
get "/api/teams/France/next?as_of=2022-12-11"
jqis '.opponent' "Morocco" "as_of is --as-of"

get "/api/competitions"
jqis '.competitions[] | select(.competition == "FIFA World Cup") | "\(.editions) \(.first)"' "23 1930-07-13" "competitions and their editions (22 World Cups of football.txt and 2026)"

# caching
get "/api/elo?date=2022-12-18&top=3"
etag=$(printf '%s' "$hdr" | tr -d '\r' | sed -n 's/^ETag: //Ip')
[ -n "$etag" ] && pass "an ETag" || flunk "no ETag"
like "$hdr" "Cache-Control: no-cache" "Cache-Control: no-cache (revalidate: the data changes live)"
get "/api/elo?date=2022-12-18&top=3" -H "If-None-Match: $etag"
is "$code" 304 "If-None-Match: 304"
is "$out" "" "with no body"
get "/api/elo?date=2022-12-18&top=4" -H "If-None-Match: $etag"
is "$code" 200 "another answer, another ETag"
get "/api/teams/Morocco" -I
is "$code" 200 "HEAD"

# answers are kept in memory only while the data is unchanged: a commit by
# another process (the CLI adding a sourced baseline) shows at once
q="/api/milestones?player=Harry%20Kane&kind=record_equalled"
get "$q"
get "$q"
jqis '.milestones[0].value' "37" "the data's own count, asked twice"
run "$TL" baseline add "Wayne Rooney" 53 2018-11-15 --team England --source "The FA"
run "$TL" baseline add "Harry Kane" 52 2022-12-09 --team England --source "The FA"
get "$q"
jqis '.milestones[0].value' "53" "after another process's commit, the new answer (no stale copy)"

# errors, as JSON
get /api/nowhere
is "$code" 404 "an unknown path"
jqis '.status' "404" "a JSON error"
get /api/teams/Atlantis
is "$code" 404 "an unknown team"
jqis '.error' 'unknown team "Atlantis" (no similar name in the database)' "says what was not found"
get "/api/elo?date=2022-13-45"
is "$code" 400 "a bad date"
jqis '.error | test("date")' "true" "says what is wrong"
get "/api/elo?color=red"
is "$code" 400 "an unknown parameter"
get "/api/elo?team=England&svg=/tmp/x.svg"
is "$code" 400 "no files written over HTTP"
get "/api/scorers?stats=maybe"
is "$code" 400 "an unknown parameter of another command"
get "/api/shootouts?stats=maybe"
is "$code" 400 "a flag is true or false"
get /api/matches -X POST -d '{}'
is "$code" 403 "POST without tokens configured: read-only"
get /api/elo -X POST -d '{}'
is "$code" 405 "POST where only GET is served"
get /api/elo -X DELETE
is "$code" 405 "DELETE"
get /api/teams/Morocco -H "X-Big: $(head -c 70000 /dev/zero | tr '\0' a)"
case "$code" in 4*) pass "oversized headers: $code";; *) flunk "oversized headers: $code";; esac
get /api/teams/Morocco
is "$code" 200 "and it still serves everyone else"

# many clients at once, on every worker thread: the same answers as one by one
for ex in $(head -12 "$TMP/examples"); do
    curl -s "$base$ex" | cksum
done > "$TMP/serial"
for r in 1 2 3 4; do head -12 "$TMP/examples"; done > "$TMP/many"
xargs -P 8 -I{} sh -c 'curl -s "$1{}" | cksum' _ "$base" < "$TMP/many" | sort > "$TMP/parallel"
sort "$TMP/serial" | awk '{for (i = 0; i < 4; i++) print}' | sort > "$TMP/expected"
is "$(cmp -s "$TMP/parallel" "$TMP/expected" && echo same)" "same" "48 requests, 8 at a time: the same bodies as one by one"

kill -TERM $pid
wait $pid
is "$?" 0 "SIGTERM stops it cleanly"
like "$(cat "$TMP/serve.out")" "touchline: stopped" "and it says so"

echo "1..$n"
