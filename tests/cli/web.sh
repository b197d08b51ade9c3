# CLI: the web page served by touchline serve, end to end in headless Chromium
# (web/test/e2e.mjs with playwright-core): the tournament view, a match
# centre, and a goal posted through the API appearing on an open page.
. tests/cli/lib.sh
DB=$(testdb t)
export TOUCHLINE_DB="$DB"
run "$TL" import international "$TOUCHLINE_DATA/international"
run "$TL" import football-txt "$TOUCHLINE_DATA/openfootball/worldcup"
is "$code" 0 "imports"
TOUCHLINE_TOKENS=web "$TL" serve --port 0 >"$TMP/serve.out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$TMP"' EXIT
for i in $(seq 50); do grep -q "web page" "$TMP/serve.out" 2>/dev/null && break; sleep 0.1; done
like "$(cat "$TMP/serve.out")" "the web page: http://127.0.0.1:" "the server says where the page is"
base="http://127.0.0.1:$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/api.*/\1/p' "$TMP/serve.out")"

# the page's files, and nothing else
code=$(curl -s -o "$TMP/index" -w '%{http_code}' "$base/")
is "$code" 200 "GET / is the page"
like "$(cat "$TMP/index")" '<script type="module" src="/static/app.js">' "which loads its script"
for bad in "/static/../README.md" "/static/..%2f..%2fREADME.md" "/static/.gitignore" "/static/%2e%2e/touchline.db" "/etc/passwd" "/static/"; do
    code=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$base$bad")
    is "$code" 404 "no file outside the page's folder: $bad"
done

# a match to follow live
curl -s -X POST -H "Authorization: Bearer web" -d '{"date":"2030-06-01","kickoff":"20:00","home":"England","away":"France","competition":"Test Cup"}' "$base/api/matches" > /dev/null
mkdir -p "$TMP/shots"
# (bounded: a hang is a failure, never a stuck run)
out=$(cd web && timeout 180 node test/e2e.mjs "$base" web /api/matches/2030-06-01/England/France "$TMP/shots" 2>&1)
code=$?
printf '%s\n' "$out" | sed 's/^/# e2e: /'
is "$code" 0 "the end-to-end test in Chromium"
e2e_ok=$(printf '%s\n' "$out" | grep -c '^ok ')
[ "$e2e_ok" -ge 14 ] && pass "its $e2e_ok checks pass" || flunk "only $e2e_ok checks pass"
# the screenshots are pictures of the page
for shot in tournament live; do
    w=$(od -An -tu1 -j16 -N4 "$TMP/shots/$shot.png" 2>/dev/null | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    is "$w" "1280" "the $shot screenshot is a 1280-pixel-wide PNG"
done
kill -TERM $pid; wait $pid
echo "1..$n"
