# CLI: touchline fetch against a loopback HTTP server serving $TOUCHLINE_DATA
# (never the network): every file verified, resume after a cut transfer,
# restart when ranges are refused, corrupted and missing files reported.
. tests/cli/lib.sh
: "${HTTPD:=build/tests/httpd}"
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT

serve() { # serve [httpd options]: start a server, set $URL
    "$HTTPD" "$TOUCHLINE_DATA" --lifetime 300 "$@" >"$TMP/port" 2>>"$TMP/httpd.log" &
    PIDS="$PIDS $!"
    i=0
    while [ ! -s "$TMP/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    URL="http://127.0.0.1:$(head -1 "$TMP/port")"
    : >"$TMP/port"
}
stop() { for p in $PIDS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; PIDS=""; }

serve
run "$TL" fetch --mirror "$URL" --to "$TMP/all"
is "$code" 0 "fetch of every data set"
like "$out" "603 files in $TMP/all verified: 603 downloaded" "all 603 files downloaded and verified"
same=0
for f in international/results.csv international/goalscorers.csv statsbomb/events/3788741.json \
         openfootball/worldcup/2022--qatar/cup_finals.txt openfootball/worldcup/more/2022_full.txt; do
    cmp -s "$TOUCHLINE_DATA/$f" "$TMP/all/$f" && same=$((same + 1))
done
is "$same" 5 "the files are byte for byte the originals"
run "$TL" fetch --mirror "$URL" --to "$TMP/all"
like "$out" "0 downloaded (0 bytes, 0 resumed), 603 already up to date" "a second fetch downloads nothing"
# a damaged local file is found by its checksum and fetched again
printf 'x' >> "$TMP/all/international/shootouts.csv"
run "$TL" fetch --mirror "$URL" --to "$TMP/all" --only international
like "$out" "1 downloaded" "a damaged local file is downloaded again"
cmp -s "$TOUCHLINE_DATA/international/shootouts.csv" "$TMP/all/international/shootouts.csv" && pass "and is right afterwards" || flunk "shootouts.csv still differs"
stop

# a transfer cut after 100,000 bytes resumes with a range request
serve --cut international/results.csv:100000
run "$TL" fetch --mirror "$URL" --to "$TMP/cut" --only international
is "$code" 0 "fetch completes after a cut transfer"
like "$out" "1 resumed" "the cut file was resumed"
like "$err" "retrying (2 of 3)" "the retry is reported"
grep -q "GET /international/results.csv bytes=100000- -> 206" "$TMP/httpd.log" && pass "resumed from byte 100,000 (206)" || flunk "no range request in the server log"
cmp -s "$TOUCHLINE_DATA/international/results.csv" "$TMP/cut/international/results.csv" && pass "the resumed file is complete and right" || flunk "resumed file differs"
stop

# a partial file with a server that ignores ranges: start over, still right
mkdir -p "$TMP/norange/international"
head -c 5000 "$TOUCHLINE_DATA/international/results.csv" > "$TMP/norange/international/results.csv.part"
serve --no-range
run "$TL" fetch --mirror "$URL" --to "$TMP/norange" --only international
is "$code" 0 "fetch completes when the server refuses ranges"
cmp -s "$TOUCHLINE_DATA/international/results.csv" "$TMP/norange/international/results.csv" && pass "and the file is right" || flunk "file differs"
stop

# a corrupted transfer is rejected by its checksum and never kept
serve --corrupt international/former_names.csv
run "$TL" fetch --mirror "$URL" --to "$TMP/bad" --only international --retries 2
is "$code" 1 "a corrupted file fails the fetch"
like "$err" "former_names.csv: SHA-256 mismatch: expected 2d57f59a" "the checksum mismatch is named"
[ ! -e "$TMP/bad/international/former_names.csv" ] && [ ! -e "$TMP/bad/international/former_names.csv.part" ] && pass "nothing of the bad file is kept" || flunk "bad file kept"
like "$err" "run fetch again to resume" "the user is told how to go on"
stop

# a mirror without the files
mkdir -p "$TMP/empty"
"$HTTPD" "$TMP/empty" --lifetime 300 >"$TMP/port" 2>>"$TMP/httpd.log" &
PIDS="$PIDS $!"
i=0; while [ ! -s "$TMP/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
run "$TL" fetch --mirror "http://127.0.0.1:$(head -1 "$TMP/port")" --to "$TMP/none" --only international --retries 1
is "$code" 1 "a missing file fails the fetch"
like "$err" "404" "with the HTTP status"
stop
run "$TL" fetch --only nowhere
is "$code" 2 "an unknown data set is a usage error"
run "$TL" fetch --mirror "http://127.0.0.1:9" --to "$TMP/refused" --only international --retries 1
is "$code" 1 "a refused connection fails cleanly"

# what was fetched imports
run "$TL" --db "$TMP/f.db" import international "$TMP/all/international"
is "$code" 0 "the fetched data set imports"
like "$out" "49520 rows" "with all its matches"
echo "1..$n"
