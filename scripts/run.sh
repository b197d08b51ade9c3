#!/bin/sh
# make run: load every data set this build imports (the international results,
# openfootball's World Cups and StatsBomb's open data) into ./touchline.db (or
# $TOUCHLINE_DB) and show touchline answering real questions. The data comes
# from $TOUCHLINE_DATA, else ../shared/data, else `touchline fetch` into ./data.
set -eu
cd "$(dirname "$0")/.."
TL=build/touchline
DB=${TOUCHLINE_DB:-touchline.db}
export TOUCHLINE_DB="$DB"

data=""
for d in "${TOUCHLINE_DATA:-}" ../shared/data data; do
    if [ -n "$d" ] && [ -f "$d/international/results.csv" ]; then data=$d; break; fi
done
if [ -z "$data" ]; then
    echo "run: no local copy of the open data; downloading it with touchline fetch"
    "$TL" fetch --to data
    data=data
fi

echo "run: importing $data/international into $DB"
"$TL" import international "$data/international"
if [ -d "$data/openfootball/worldcup" ]; then
    echo "run: importing $data/openfootball/worldcup (every World Cup, 1930-2026) into $DB"
    "$TL" import football-txt "$data/openfootball/worldcup"
fi
if [ -d "$data/statsbomb" ]; then
    echo "run: importing $data/statsbomb (StatsBomb open data: fixtures, events, lineups) into $DB"
    "$TL" import statsbomb "$data/statsbomb"
fi

show() {
    echo
    echo "\$ touchline $*"
    "$TL" "$@" || true
}
echo
echo "== A tour: the facts of one match report (England v France, 2022 World Cup), from the data"
show match 2022-12-10 England France
show scorers --team England --until 2022-12-10 --top 5
show match 2022-12-09 Netherlands Argentina
show match 2022-12-09 Croatia Brazil
show next France --as-of 2022-12-11
show standings "FIFA World Cup" 2018 --group H --explain
show bracket "FIFA World Cup" 2022 --svg bracket-2022.svg
show history "FIFA World Cup" --firsts
show matches --team Morocco --tournament "FIFA World Cup" --from 2022-11-01 --to 2022-12-31
show h2h England France --tournament "FIFA World Cup"
echo
echo "== The match centre from StatsBomb's events (Euro 2020 opener)"
show timeline statsbomb:3788741
show shots statsbomb:3788741 --svg shots-3788741.svg
show stats statsbomb:3788741
show lineups 2022-12-18 Argentina France
show team Dahomey
show player "Aurelien TCHOUAMENI" --on 2022-12-10
show resolve Ireland --on 1990-06-21
show check --from 2026-01-01
echo
echo "== Stats: Elo ratings, forecasts, milestones and records, penalties and shootouts"
show elo --date 2022-12-18 --top 10
show elo --team England,France --top 3 --svg elo-england-france.svg
show forecast "FIFA World Cup" 2022 --as-of 2022-11-19 --sims 100000
show forecast "FIFA World Cup" --calibrate --to 2022-12-18
show milestones --kind confederation_first_stage --from 2022-01-01 --to 2022-12-31
# the data lists 37 of Rooney's 53 England goals: sourced baselines fill the gap
show baseline add "Wayne Rooney" 53 2018-11-15 --team England --source "The FA: England's record goalscorers"
show baseline add "Harry Kane" 52 2022-12-09 --team England --source "The FA: England's record goalscorers"
show milestones --player "Harry Kane" --from 2022-12-10 --to 2022-12-10
show records "FIFA World Cup"
show shootouts --stats
show penalties --team England --top 5
echo
echo "== The match report, written from the data (each sentence rests on facts: --explain)"
show report 2022-12-10 England France
show report 2022-12-18 Argentina France --explain
echo
echo "More: build/touchline --help  (the database is $DB)"
echo
# the main job: the server on the imported data, until Ctrl-C
# (TOUCHLINE_NO_SERVE=1 stops here; TOUCHLINE_PORT picks the port)
[ -n "${TOUCHLINE_NO_SERVE:-}" ] && exit 0
port=${TOUCHLINE_PORT:-8080}
echo "== Serving the web page and the API (touchline serve; Ctrl-C stops it; TOUCHLINE_NO_SERVE=1 skips it):"
"$TL" --db "$DB" serve --port "$port" || "$TL" --db "$DB" serve --port 0
