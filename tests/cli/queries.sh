# CLI: the query commands on the real international data set, in text, JSON and CSV.
. tests/cli/lib.sh
DB=$(testdb t)
export TOUCHLINE_DB="$DB"

run "$TL" import international "$TOUCHLINE_DATA/international"
is "$code" 0 "import of the real data set succeeds"
like "$out" "49520 rows,  49520 new or changed" "all 49,520 matches imported"
like "$out" "47914 rows,  47914 new or changed" "all 47,914 goals imported"
like "$err" "shootouts.csv:424: warning: no match 2011-06-29 Saare County v Åland Islands" "the unlinked shootout is reported with file:line"
run "$TL" import international "$TOUCHLINE_DATA/international"
like "$out" "49520 rows,      0 new or changed" "re-import changes no match"
like "$out" "47914 rows,      0 new or changed" "re-import changes no goal"

run "$TL" match 2022-12-10 England France
is "$code" 0 "match by date and teams"
like "$out" "England 1-2 France" "England 1-2 France"
like "$out" "2022-12-10, FIFA World Cup, Al Khor, Qatar (neutral venue)" "tournament and venue"
like "$out" "54'  England  Harry Kane (pen)" "Kane's 54th-minute penalty"
like "$out" "17'  France   Aurélien Tchouaméni" "Tchouaméni's opener"
like "$out" "source results.csv:" "the source file and line are shown"
run "$TL" match 2022-12-10 france ENGLAND
like "$out" "England 1-2 France" "teams in either order and any case"
id=$("$TL" match 2022-12-10 England France --json | jq -r .match.id)
run "$TL" match "$id"
like "$out" "England 1-2 France" "match by touchline id"
run "$TL" match 2022-12-10 England France --json
json "match --json is one JSON document"
jqis '.events[1].player + " " + (.events[1].minute|tostring) + " " + .events[1].type' "Harry Kane 54 penalty_goal" "JSON event: Kane, 54, penalty"
jqis '.match.source.line' "45782" "JSON carries the source line"
run "$TL" match 2022-12-10 England France --csv
like "$out" "match_id,date,home,away,home_score,away_score,minute,added,type,team,player" "match --csv header"
like "$out" ",England,France,1,2,54,0,penalty_goal,England,Harry Kane" "match --csv row"

run "$TL" match 2022-12-09 Croatia Brazil
like "$out" "Croatia won the penalty shootout; Croatia kicked first." "Croatia won the shootout"
run "$TL" match 2022-12-09 Netherlands Argentina
like "$out" "Argentina won the penalty shootout; Netherlands kicked first." "Argentina won the shootout"
run "$TL" match 2022-12-11 England France
is "$code" 1 "no match that day: exit 1"
like "$err" "their nearest meeting: 2022-12-10" "and the nearest meeting is named"
run "$TL" match 1974-02-17 Tahiti "New Caledonia"
is "$code" 1 "two matches that day: exit 1"
like "$err" "2 matches between Tahiti and New Caledonia on 1974-02-17; name one by id" "both are listed by id"

run "$TL" scorers --team England --until 2022-12-10 --top 2
is "$code" 0 "scorers"
like "$out" "1     Harry Kane    England     47" "Kane first with 47 listed goals to 2022-12-10"
like "$out" "2     Wayne Rooney  England     37          6        2003-09-06  2016-06-27" "Rooney: 37 goals, 6 penalties, first and last"
like "$out" "Scorer data:" "coverage is stated"
run "$TL" scorers --team England --until 2022-12-10 --top 2 --json
json "scorers --json"
jqis '.scorers[1].goals' "37" "JSON: Rooney 37"
jqis '.coverage.goals_with_scorer < .coverage.goals' "true" "JSON coverage says the data is incomplete"
run "$TL" scorers --tournament "FIFA World Cup" --until 2022-12-18 --top 1 --csv
like "$out" "rank,player,team,goals,penalties,apps,first_goal,last_goal" "scorers --csv header"
like "$out" "1,Miroslav Klose,Germany,16," "Klose tops the World Cup chart with 16"
run "$TL" scorers --team England --until 2022-12-10 --top 12
like "$out" "6=    Frank Lampard    England     19" "ties share a rank, marked = (Lampard)"
like "$out" "6=    Raheem Sterling  England     19" "ties share a rank, marked = (Sterling)"
like "$out" "8     Steven Gerrard" "and the next rank skips: 6, 6, 8"
like "$out" "12=   Kevin Keegan" "--top N keeps every player tied at rank N"

run "$TL" team England --to 2022-12-10
like "$out" "First match     1872-11-30  Scotland 0-0 England  (Friendly)" "England's first match"
like "$out" "Biggest win     1882-02-18  Northern Ireland 0-13 England" "England's biggest win"
run "$TL" team England --json
json "team --json"
jqis '.played == (.won + .drawn + .lost)' "true" "played = won + drawn + lost"
run "$TL" team dahomey
like "$out" "Benin (as Dahomey, 1959-11-08 to 1975-11-30)" "a former name resolves with its dates"
like "$out" "Played          35" "Dahomey played 35 matches"
like "$err" "former name" "and says so"
run "$TL" team CURACAO --csv
like "$out" "team,played,won" "team --csv"
like "$out" "Curaçao," "case- and accent-insensitive names"

run "$TL" matches --team Dahomey --csv
is "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" "35" "matches --team Dahomey: 35 rows"
run "$TL" matches --team England --vs France --tournament "FIFA World Cup" --to 2022-12-31
like "$out" "2022-12-10  England  1-2    France" "World Cup meetings of England and France"
like "$out" "3 matches" "three of them"
run "$TL" matches --team Englnd
is "$code" 1 "unknown team: exit 1"
like "$err" "unknown team \"Englnd\"; did you mean: England?" "with a suggestion"
run "$TL" matches --tournament "World Cup"
is "$code" 1 "unknown tournament: exit 1"
like "$err" "FIFA World Cup" "suggests FIFA World Cup"
run "$TL" matches --newest --limit 1 --json
json "matches --json"
jqis '.count' "1" "--limit 1"

run "$TL" h2h England Scotland --to 1900-01-01 --limit 2
like "$out" "England v Scotland:" "h2h"
run "$TL" h2h England Scotland --json
json "h2h --json"
jqis '.played == (.matches|length)' "true" "h2h lists every match it counts"
jqis '.matches[0].date' "1872-11-30" "first England v Scotland: 1872"
run "$TL" check
like "$out" "ok (schema version 7; 49520 matches, 47914 events" "check passes"
echo "1..$n"
