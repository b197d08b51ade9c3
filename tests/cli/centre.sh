# CLI: import statsbomb and the match centre (timeline, shots, lineups, stats)
# on the real StatsBomb open data and a hand-made shootout fixture.
. tests/cli/lib.sh
DB=$(testdb t)
export TOUCHLINE_DB="$DB"

run "$TL" import statsbomb "$TOUCHLINE_DATA/statsbomb"
is "$code" 0 "import statsbomb of the open-data folder"
like "$out" "115 fixtures: 0 completed a match another source had, 115 new" "all 115 fixtures"
like "$out" "1 event file, 3803 events" "3803 events"
like "$out" "from events: 3 goals (1 own goals), 0 penalties missed, 2 cards, 9 substitutions" "derived facts"
run "$TL" import statsbomb "$TOUCHLINE_DATA/statsbomb" --json
jqis '.changed' "0" "re-import changes nothing"
jqis '.events_unchanged' "1" "the unchanged events file is not rewritten"

run "$TL" timeline statsbomb:3788741
is "$code" 0 "timeline by StatsBomb id"
like "$out" "Turkey 0-3 Italy, 2021-06-11, UEFA Euro" "timeline header"
like "$out" "53'     GOAL Italy Merih Demiral (own goal), 0-1  #2269" "the own goal of the Euro 2020 opener, with its event index"
like "$out" "66'     GOAL Italy Ciro Immobile, 0-2" "Immobile 66'"
like "$out" "79'     GOAL Italy Lorenzo Insigne, 0-3" "Insigne 79'"
like "$out" "45+1'   first half ends, 0-0" "half-time in added time"
like "$out" "46'     substitution Turkey: Cengiz Ünder on, Yusuf Yazıcı off" "a substitution with its minute"
like "$out" "90+4'   second half ends, 0-3" "full time"
run "$TL" timeline 3788741 --json
json "timeline --json is one JSON document"
jqis '[.timeline[] | select(.type=="own_goal")][0] | "\(.player) \(.minute) \(.team) \(.event_index)"' "Merih Demiral 53 Italy 2269" "JSON own goal"
jqis '[.timeline[] | select(.type=="substitution")] | length' "9" "JSON: nine substitutions"
jqis '.event_data' "true" "JSON says the timeline is from event data"

run "$TL" shots statsbomb:3788741 --svg "$TMP/shots.svg"
is "$code" 0 "shots"
like "$out" "Italy                24 shots,  8 on target, 2 scored, xG 1.73" "Italy's shots (the own goal was no shot)"
like "$out" "Turkey                3 shots,  0 on target, 0 scored, xG 0.23" "Turkey's shots"
like "$out" "29'     Italy   Nicolò Barella       0.04  over the bar" "a shot over the bar"
like "$out" "shot map: $TMP/shots.svg" "the SVG is named"
is "$(grep -c 'fill-opacity' "$TMP/shots.svg")" "27" "one circle per shot"
is "$(grep -c 'fill-opacity="0.9"' "$TMP/shots.svg")" "2" "two of them filled: the goals"
like "$(cat "$TMP/shots.svg")" "Italy (attacking left): 24 shots, 2 goals, xG 1.73" "the SVG's legend"
rendered "$TMP/shots.svg" 700 "the shot map renders as an image"
run "$TL" shots statsbomb:3788741 --json
jqis '.totals[1] | "\(.team) \(.shots) \(.xg)"' "Italy 24 1.73" "shots --json totals"
jqis '.shots | length' "27" "27 shots in JSON"
run "$TL" shots statsbomb:3788741 --csv
like "$out" "minute,team,player,xg,outcome,type,body_part,x,y,event_index" "shots --csv header"
run "$TL" shots statsbomb:3788741 --svg /nonexistent/dir/x.svg
is "$code" 1 "an SVG that cannot be written: exit 1"
like "$err" "/nonexistent/dir/x.svg: cannot write the shot map" "and says so"

run "$TL" lineups statsbomb:3788741
is "$code" 0 "lineups"
like "$out" "Italy (4-3-3)" "Italy's formation"
like "$out" "Turkey (4-1-4-1)" "Turkey's formation"
like "$out" "   21  Gianluigi Donnarumma         Goalkeeper" "Donnarumma in goal, shirt 21"
like "$out" "   24  Alessandro Florenzi          Right Back                 off 46' (Giovanni Di Lorenzo)" "Florenzi off at 46'"
like "$out" "    2  Giovanni Di Lorenzo          Right Back                 on 46' (Alessandro Florenzi)" "Di Lorenzo on at 46'"
like "$out" "source: lineups/3788741.json; formations and changes: events/3788741.json" "sources named"
run "$TL" lineups statsbomb:3788741 --json
jqis '.teams[0].formation' "4141" "lineups --json formation"
jqis '.teams[1].starting | length' "11" "eleven starters"
jqis '[.teams[1].substitutes[] | select(.on_minute != null)] | length' "5" "Italy's five substitutes used"

run "$TL" stats statsbomb:3788741
is "$code" 0 "stats"
like "$out" "passes complete             307/390 (79%)          577/669 (86%)" "passes and completion"
like "$out" "yellow cards                            2                      0" "cards"
run "$TL" stats statsbomb:3788741 --json
jqis '.teams[1] | "\(.team) \(.passes) \(.shots) \(.fouls)"' "Italy 669 24 9" "stats --json"
jqis '(.teams[0].possession + .teams[1].possession) | . * 1000 | round' "1000" "possession shares add up to 1"

# a match without event data: timeline from the other sources, the rest says so
run "$TL" timeline statsbomb:3869685
is "$code" 0 "timeline of a match without events"
like "$out" "no event data" "says there is no event data"
run "$TL" shots statsbomb:3869685
is "$code" 1 "shots without event data: exit 1"
like "$err" "no event data for 2022-12-18 Argentina v France" "and says why"
run "$TL" stats statsbomb:3869685
is "$code" 1 "stats without event data: exit 1"
run "$TL" lineups statsbomb:3869685
is "$code" 0 "lineups from a lineups file alone"
like "$out" "   10  Lionel Messi" "Messi, shirt 10"
run "$TL" timeline
is "$code" 2 "timeline without a match: usage error"
run "$TL" shots statsbomb:42
is "$code" 1 "an unknown StatsBomb id: exit 1"

# extra time, a penalty over the bar and a shootout (hand-made fixture)
SO=$(testdb so)
run "$TL" --db "$SO" import statsbomb tests/data/sb/shootout
is "$code" 0 "import of the shootout fixture"
run "$TL" --db "$SO" timeline statsbomb:9000001
like "$out" "Testland 1-1 aet (2-1 pens) Mockovia" "extra time and shootout in the score"
like "$out" "85'     penalty missed: Eve Epsilon (Mockovia), over the bar" "a penalty over the bar"
like "$out" "kick 2: Eve Epsilon (Mockovia) saved, 1-0" "a saved kick"
like "$out" "kick 3: Cid Gamma (Testland) hit the woodwork, 1-0" "a kick off the post"
like "$out" "shootout ends, 2-1 on penalties" "the shootout's result"
like "$out" "90+3'   second yellow, sent off: Dan Delta (Mockovia)" "a second yellow"

# broken input: the database is left as it was
before=$(dbsql "$SO" "select (select count(*) from sb_events) || ' ' || (select count(*) from events)")
run "$TL" --db "$SO" import statsbomb tests/data/sb/bad-truncated
is "$code" 1 "truncated JSON: exit 1"
like "$err" "bad-truncated/events/9000001.json:864:22: expected '\"' to close the string at \$[24].type.name (byte 13388)" "file:line:col, JSON path and byte offset"
like "$err" "nothing was imported" "says nothing was imported"
is "$(dbsql "$SO" "select (select count(*) from sb_events) || ' ' || (select count(*) from events)")" "$before" "the database is as it was"
run "$TL" --db "$TMP/none.db" import statsbomb tests/data/sb/orphan
is "$code" 1 "events without their matches file: exit 1"
like "$err" "StatsBomb match 9000001 is in no matches file imported" "and says what is missing"
if [ -e "$TMP/none.db" ]; then flunk "no database is left behind"; else pass "no database is left behind"; fi
run "$TL" import statsbomb
is "$code" 2 "import statsbomb without a path: usage error"
