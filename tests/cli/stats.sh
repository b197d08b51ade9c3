# CLI: Elo ratings (and later stats commands) on the real data.
. tests/cli/lib.sh
DB=$(testdb t)
export TOUCHLINE_DB="$DB"
run "$TL" import international "$TOUCHLINE_DATA/international"
is "$code" 0 "import"
like "$out" "derived: 49520 matches rated (Elo)" "an import rates the results it brings at once"
run "$TL" import football-txt "$TOUCHLINE_DATA/openfootball/worldcup"
is "$code" 0 "import the World Cups"

run "$TL" elo --top 3
is "$code" 0 "elo rates every match"
is "$err" "" "nothing left to rate after the imports"
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

# forecasts
run "$TL" forecast "FIFA World Cup" 2022 --as-of 2022-11-19 --sims 20000 --seed 7
is "$code" 0 "forecast"
like "$out" "FIFA World Cup 2022: chances in % from 20000 simulations (seed 7) as of 2022-11-19" "forecast heading"
like "$out" "team           group   elo   1st   R16    QF    SF  final  title" "forecast columns"
first=$(printf "%s\n" "$out" | sed -n 5p)
like "$first" "Brazil" "Brazil the favourite on the eve (the best rated)"
again=$out
run "$TL" forecast "FIFA World Cup" 2022 --as-of 2022-11-19 --sims 20000 --seed 7
is "$out" "$again" "the same seed gives the same forecast"
run "$TL" forecast "FIFA World Cup" 2022 --as-of 2022-12-14 --sims 2000 --json
json "forecast --json is one JSON document"
jqis '[.teams[] | select(.chances.final == 1) | .team] | sort | join(",")' "Argentina,France" "the finalists once the semi-finals are played"
jqis '[.teams[].chances.title] | add' "1" "the title chances add up to one"
jqis '.teams[] | select(.team=="Morocco") | .chances.semi_final' "1" "Morocco reached the semi-finals"
jqis '.teams[] | select(.team=="Argentina") | .standard_error.title > 0' "true" "a standard error for each chance"
run "$TL" forecast "FIFA World Cup" 2022 --csv --sims 10
like "$out" "team,group,elo,1st,R16,QF,SF,final,title" "forecast --csv"
like "$out" "Argentina,C,2" "CSV row"
run "$TL" forecast "FIFA World Cup" 1974
is "$code" 2 "a format with a second group round is refused"
like "$err" "second group round" "and says why"
run "$TL" forecast "FIFA World Cup" 2022 --sims 0
is "$code" 2 "--sims 0 is a usage error"
run "$TL" forecast "FIFA World Cup" 2022 --goals x
is "$code" 2 "--goals must be a number"
run "$TL" forecast "FIFA World Cup" 2022 --seed -1
is "$code" 2 "--seed must be whole and positive"
run "$TL" forecast "FIFA World Cup" 1899
is "$code" 1 "an unknown edition fails"

# calibration on every World Cup match 1930-2022
run "$TL" forecast "FIFA World Cup" --calibrate --to 2022-12-18 --json
json "calibration --json"
jqis '.matches' "964" "every World Cup match 1930-2022"
jqis '.model.brier < .baseline.brier' "true" "the model beats the base rates on Brier score"
jqis '.model.log_loss < .baseline.log_loss' "true" "and on log loss"
run "$TL" forecast "FIFA World Cup" --calibrate --to 2022-12-18
like "$out" "Elo + Poisson goals model" "calibration as text"
run "$TL" forecast --calibrate "Atlantis Cup"
is "$code" 1 "an unknown competition fails"

# penalties and shootouts
run "$TL" penalties --player "Harry Kane" --json
json "penalties --json"
jqis '.players[0] | "\(.player) \(.team) \(.scored)"' "Harry Kane England 24" "Kane's 24 penalty goals for England, as goalscorers.csv lists them"
jqis '.coverage.matches > .coverage.matches_with_misses_listed' "true" "says misses are known for fewer matches"
run "$TL" penalties --team England --top 3
like "$out" "Misses in play are listed only in event data" "the coverage of misses, in words"
like "$out" "Harry Kane" "England's penalty takers"
run "$TL" penalties --player Kane
is "$code" 1 "an ambiguous player name fails"
like "$err" "Kane Crichlow (Bermuda)" "and lists whom it fits"
run "$TL" shootouts --team England --json
jqis '"\(.played) \(.won)"' "12 4" "England: 12 shootouts, 4 won (shootouts.csv)"
run "$TL" shootouts --team Argentina --from 2022-01-01 --to 2022-12-31
like "$out" "2022-12-18  Argentina    France     3-3    4-2    Argentina  France" "the 2022 final on penalties, France kicking first"
run "$TL" shootouts --stats --json
json "shootouts --stats --json"
jqis '.first_kicker_known' "260" "every shootout with a first shooter in shootouts.csv"
jqis '.ci95[0] < .share and .share < .ci95[1]' "true" "the share inside its interval"
jqis '.literature[0].share' "0.6" "the 2010 figure to compare with"
run "$TL" shootouts --stats
like "$out" "the team kicking first won" "the first-kicker effect in words"
like "$out" "Apesteguia and Palacios-Huerta (2010)" "next to the literature"
run "$TL" shootouts --from 2022-13-40
is "$code" 2 "a bad date is a usage error"

# milestones and records, on the real data
run "$TL" milestones --kind confederation_first_stage --from 2022-01-01 --to 2022-12-31
is "$code" 0 "milestones"
is "$err" "" "milestones found at import, not again"
like "$out" "2022-12-10  Morocco are the first African side to reach a FIFA World Cup semi-final (CAF)" "the first African semi-finalist"
run "$TL" milestones --kind record_broken --tournament "FIFA World Cup" --to 2022-12-31 --json
json "milestones --json"
jqis '[.milestones[] | select(.text | startswith("Miroslav Klose"))][0] | "\(.date) \(.value)"' "2014-07-08 16" "Klose passes Ronaldo with his 16th World Cup goal"
jqis '[.milestones[] | select(.text | startswith("Miroslav Klose"))][0].text' "Miroslav Klose becomes the FIFA World Cup's all-time top scorer on his own with 16, passing Ronaldo" "in words"
jqis '[.milestones[] | select(.text | startswith("Miroslav Klose"))][0].rests_on | test("^event [0-9]+ \\(.+:[0-9]+\\)$")' "true" "rests on an event with its file and line"
run "$TL" milestones --kind youngest_scorer --tournament "FIFA World Cup"
like "$out" "Pelé, 17 years 239 days old, becomes the youngest scorer at the FIFA World Cup (born 1940-10-23)" "Pelé the youngest scorer, 1958"
run "$TL" milestones --kind oldest_scorer --tournament "FIFA World Cup" --json
jqis '.milestones[-1].text' "Roger Milla, 42 years 39 days old, becomes the oldest scorer at the FIFA World Cup (born 1952-05-20)" "Milla the oldest, 1994"
run "$TL" milestones --player "Harry Kane" --kind record_equalled
like "$out" "Harry Kane joins Wayne Rooney at the top of England's all-time scorers with 37" "without a baseline, the count the data lists (Rooney's 53 lack 16)"
like "$out" "England matches with every scorer listed, up to then" "and says how complete it is"
run "$TL" baseline add "Wayne Rooney" 53 2018-11-15 --team England --source "The FA: England's record goalscorers"
is "$code" 0 "a baseline"
run "$TL" baseline add "Harry Kane" 52 2022-12-09 --team England --source "The FA: England's record goalscorers"
run "$TL" baseline list --csv
like "$out" "Harry Kane,England,52,2022-12-09,The FA: England's record goalscorers" "baselines listed with their source"
run "$TL" milestones --player "Harry Kane" --kind record_equalled --json
jqis '.milestones[0].date' "2022-12-10" "the day of the France match"
jqis '.milestones[0].text' "Harry Kane joins Wayne Rooney at the top of England's all-time scorers with 53 (counting from a baseline of 52 as of 2022-12-09, source: The FA: England's record goalscorers)" "his 53rd joins Rooney, the baseline shown as such"
jqis '.milestones[0].coverage | test("^from [0-9]+ of [0-9]+ England matches with every scorer listed, up to then$")' "true" "with its coverage"
run "$TL" milestones --player "Harry Kane" --kind record_broken --json
jqis '.milestones[0] | "\(.date) \(.value)"' "2023-03-23 54" "then passes him alone"
run "$TL" baseline add "Harry Kane" 52 2022-12-09 --team England
is "$code" 2 "a baseline needs a source"
run "$TL" baseline add "Harry Kane" many 2022-12-09 --team England --source x
is "$code" 2 "GOALS must be a number"
run "$TL" baseline add "Nobody Atall" 5 2022-12-09 --team England --source x
is "$code" 1 "an unknown player fails"
run "$TL" milestones --kind bogus
is "$code" 2 "an unknown kind is a usage error"
like "$err" "record_equalled" "and lists the kinds"

run "$TL" records --team England --json
json "records --json"
jqis '.biggest_wins[0] | "\(.date) \(.home) \(.home_score)-\(.away_score) \(.away)"' "1882-02-18 Northern Ireland 0-13 England" "England's biggest win, 13-0 in Belfast 1882"
jqis '.unbeaten_run.matches >= .winning_run.matches' "true" "an unbeaten run is at least the winning run"
run "$TL" records "FIFA World Cup" --json
jqis '.top_scorers[0].player as $p | .top_scorer_record.text | startswith($p)' "true" "the standing record names the chart's top scorer (matches outside an edition count too)"
run "$TL" records "FIFA World Cup"
like "$out" "1982-06-15  Hungary 10-1 El Salvador  (FIFA World Cup)" "the World Cup's biggest win"
like "$out" "Youngest scorer: Pelé" "standing records from the milestones"
run "$TL" records "FIFA World Cup" --team England
is "$code" 2 "records takes a competition or a team, not both"

echo "1..$n"
