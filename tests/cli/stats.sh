# CLI: Elo ratings (and later stats commands) on the real data.
. tests/cli/lib.sh
DB="$TMP/t.db"
export TOUCHLINE_DB="$DB"
run "$TL" import international "$TOUCHLINE_DATA/international"
is "$code" 0 "import"

run "$TL" elo --top 3
is "$code" 0 "elo rates every match"
like "$err" "elo: rated " "says how many matches it rated"
like "$out" "World Football Elo ratings on " "ranking heading"
run "$TL" elo --top 3
is "$err" "" "a second run rates nothing again"

# who led the world at the time, as the Elo literature tells it
run "$TL" elo --date 1954-07-03 --json --top 1
json "elo --json is one JSON document"
jqis '.ratings[0].team' "Hungary" "Hungary first on the eve of the 1954 final"
run "$TL" elo --date 1970-06-22 --json --top 1
jqis '.ratings[0].team' "Brazil" "Brazil first after winning the 1970 World Cup"
run "$TL" elo --date 2010-07-12 --json --top 1
jqis '.ratings[0].team' "Spain" "Spain first after winning the 2010 World Cup"
jqis '.date' "2010-07-12" "the date asked for"

run "$TL" elo --team England --date 2022-12-10 --top 1 --json
jqis '.matches_shown[0] | "\(.date) \(.opponent) \(.score) \(.where)"' "2022-12-10 France 1-2 neutral" "England's last match before the date"
jqis '.matches_shown[0].change < 0' "true" "a defeat costs points"
run "$TL" elo --team England --top 2 --csv
like "$out" "date,opponent,where,score,competition,opponent_rating,change,rating" "CSV header"

run "$TL" elo --team England,France --svg "$TMP/elo.svg" --top 1
is "$code" 0 "elo --svg"
like "$(cat "$TMP/elo.svg")" "World Football Elo rating: England and France" "the chart names the teams"
rendered "$TMP/elo.svg" 800 "the chart renders"

run "$TL" elo --svg "$TMP/x.svg"
is "$code" 2 "--svg without --team is a usage error"
run "$TL" elo --date 2022-13-01
is "$code" 2 "a bad date is a usage error"
run "$TL" elo --team Atlantis
is "$code" 1 "an unknown team fails"
like "$err" "Atlantis" "and names it"
run "$TL" elo --team England --svg /nonexistent/dir/e.svg
is "$code" 1 "an unwritable chart fails"

echo "1..$n"
