# CLI: match reports and previews written from the data; every number in a
# report is among its facts, and every fact agrees with the store.
. tests/cli/lib.sh
DB=$(testdb t)
export TOUCHLINE_DB="$DB"
run "$TL" import international "$TOUCHLINE_DATA/international"
run "$TL" import football-txt "$TOUCHLINE_DATA/openfootball/worldcup"
run "$TL" import statsbomb "$TOUCHLINE_DATA/statsbomb" tests/data/sb/report tests/data/sb/shootout
is "$code" 0 "imports"

# check_facts WHAT: $out is a report's JSON; every sentence rests on facts, every
# number in its text is one of its facts' values, and the facts agree with the store
check_facts() {
    missing=$(printf '%s' "$out" | jq -c '(.sentences + [.headline])[] | . as $s
        | ([$s.text | scan("[0-9]+") | tonumber]) as $nums
        | ([$s.facts[] | (.minute, .added, (.score // [])[], (.kicks // [])[], .position, .points,
            .played, .count, .year, .won, .drawn, .lost,
            ((.probabilities // [])[] | . * 100 | round),
            ((.date // "") | split("-")[] | tonumber?)) | select(. != null)]) as $vals
        | ($nums - $vals) | select(length > 0) | {text: $s.text, missing: .}')
    is "$missing" "" "$1: every number in the text is a fact's"
    bare=$(printf '%s' "$out" | jq '[.sentences[] | select(.facts | length == 0)] | length')
    is "$bare" "0" "$1: no sentence without facts"
    mid=$(printf '%s' "$out" | jq '.match.id')
    bad=""
    # stored events: minute, added time, player and team
    for row in $(printf '%s' "$out" | jq -r '[.sentences[].facts[] | select(.ref | test("^event [0-9]+$"))]
            | unique_by(.ref)[] | "\(.ref | ltrimstr("event "))|\(.minute)|\(.added)|\(.player)|\(.team)" | @base64'); do
        f=$(printf '%s' "$row" | base64 -d)
        id=${f%%|*}
        db=$(dbsql "$DB" "SELECT e.minute || '|' || e.added || '|' || p.name || '|' || t.name FROM events e
            JOIN players p ON p.id=e.player_id JOIN teams t ON t.id=e.team_id WHERE e.id=$id")
        [ "$id|$db" = "$f" ] || bad="$bad [$f != $db]"
    done
    # event data: the written minute of the elapsed one, the player and his
    # team (an own goal counts for the other side)
    for row in $(printf '%s' "$out" | jq -r '[.sentences[].facts[] | select(.ref | test("^event #"))]
            | unique_by(.ref)[] | "\(.ref | ltrimstr("event #"))|\(.minute)|\(.added)|\(.player)|\(if .own_goal == 1 then .opponent else .team end)" | @base64'); do
        f=$(printf '%s' "$row" | base64 -d)
        idx=${f%%|*}
        db=$(dbsql "$DB" "SELECT e.period || '|' || e.minute || '|' || p.name || '|' || t.name FROM sb_events e
            JOIN sb_players sp ON sp.sb_id=e.player JOIN players p ON p.id=sp.player_id
            JOIN sb_teams st ON st.sb_id=e.team JOIN teams t ON t.id=st.team_id
            WHERE e.match_id=$mid AND e.idx=$idx")
        period=${db%%|*}; rest=${db#*|}; elapsed=${rest%%|*}; names=${rest#*|}
        end=$(echo "$period" | awk '{print ($1==1)?45:($1==2)?90:($1==3)?105:120}')
        written=$((elapsed + 1)); added=0
        if [ "$written" -gt "$end" ]; then added=$((written - end)); written=$end; fi
        [ "$idx|$written|$added|$names" = "$f" ] || bad="$bad [$f != $idx|$written|$added|$names]"
    done
    # matches: date and score, in the fact's orientation (winner first for other matches)
    for row in $(printf '%s' "$out" | jq -r '[.sentences[].facts[] | select(.ref | test("^match ")) | select(.kind == "result")]
            | unique_by(.ref)[] | "\(.ref | ltrimstr("match "))|\(.date)|\(.score[0])|\(.score[1])|\(.team)|\(.opponent)" | @base64'); do
        f=$(printf '%s' "$row" | base64 -d)
        id=${f%%|*}
        db=$(dbsql "$DB" "SELECT m.id || '|' || m.date || '|' || coalesce(CAST(m.score_home AS TEXT), 'null') || '|' || coalesce(CAST(m.score_away AS TEXT), 'null') || '|' || h.name || '|' || a.name
            FROM matches m JOIN teams h ON h.id=m.home_id JOIN teams a ON a.id=m.away_id WHERE m.id=$id")
        [ "$db" = "$f" ] || bad="$bad [$f != $db]"
    done
    for row in $(printf '%s' "$out" | jq -r '[.sentences[].facts[] | select(.kind == "other_match")]
            | unique_by(.ref)[] | "\(.ref | ltrimstr("match "))|\(.date)|\(.score | sort | join("-"))" | @base64'); do
        f=$(printf '%s' "$row" | base64 -d)
        id=${f%%|*}
        db=$(dbsql "$DB" "SELECT id || '|' || date || '|' || CASE WHEN score_home<score_away THEN score_home ELSE score_away END || '-' || CASE WHEN score_home<score_away THEN score_away ELSE score_home END FROM matches WHERE id=$id")
        [ "$db" = "$f" ] || bad="$bad [$f != $db]"
    done
    is "$bad" "" "$1: its facts agree with the store"
}

# a knockout match: the seed article's facts
run "$TL" report 2022-12-10 England France
is "$code" 0 "report"
like "$out" "France 2-1 win over England" "headline"
like "$out" "The holders France won 2-1 against England in a FIFA World Cup quarter-final at Al Bayt Stadium, Al Khor, on Saturday 10 December 2022." "opening: result, stage, venue, date, the holders"
like "$out" "Aurélien Tchouaméni gave France the lead in the 17th minute." "first goal"
like "$out" "Harry Kane scored a penalty in the 54th minute to level at 1-1." "Kane's penalty in the 54th minute"
like "$out" "Olivier Giroud put France back in front in the 78th minute, 2-1." "Giroud restores the lead"
like "$out" "England are out of the FIFA World Cup." "England out"
like "$out" "France will play Morocco in the semi-final on Wednesday 14 December at Al Bayt Stadium. Morocco are the first African side to reach a FIFA World Cup semi-final (CAF)." "the next opponent and day, and what the opponent has just done"
like "$out" "2018 runners-up Croatia beat five-time winners Brazil 4-2 on penalties after a 1-1 draw" "the other results, with history"
like "$out" "two-time winners Argentina beat Netherlands 4-3 on penalties after a 2-2 draw" "Argentina on penalties"
run "$TL" report 2022-12-10 England France --format json
json "report --format json"
check_facts "England v France"
jqis '[.sentences[].facts[] | select(.kind == "goal" and .penalty == 1)][0] | "\(.player) \(.minute) \(.source)"' "Harry Kane 54 more/2022_full.txt:987" "Kane's goal rests on its line in the file"
run "$TL" report 2022-12-10 England France --explain
like "$out" "    [goal: event " "--explain names the facts under each sentence"
like "$out" "(more/2022_full.txt:987)]" "with file and line"

# golden: a group match, with the table as it stands
run "$TL" report 2022-11-20 Qatar Ecuador
is "$out" "Ecuador 2-0 win over Qatar
==========================

Ecuador won 2-0 against Qatar in a FIFA World Cup Group A match at Al Bayt Stadium, Al Khor, on Sunday 20 November 2022.

Enner Valencia put Ecuador ahead from the penalty spot in the 16th minute. Enner Valencia made it 2-0 in the 31st minute.

After 1 match, Qatar have 0 points, 4th in Group A. Ecuador lead Group A with 3 points after 1 match." "golden: Qatar 0-2 Ecuador, 2022"
run "$TL" report 2022-11-20 Qatar Ecuador --json
check_facts "Qatar v Ecuador"

# golden: a final decided by a shootout
run "$TL" report 2022-12-18 Argentina France --format markdown
like "$out" "# Argentina are FIFA World Cup champions" "markdown headline"
like "$out" "Two-time winners Argentina beat the holders France 4-2 on penalties after a 3-3 draw after extra time in the FIFA World Cup final at Lusail Iconic Stadium, Lusail, on Sunday 18 December 2022." "the final on penalties"
like "$out" "Kylian Mbappé scored a penalty in the 118th minute to level at 3-3. France took the first kick of the shootout." "the last equaliser and the shootout's first kicker"
like "$out" "Kylian Mbappé scores a hat-trick for France against Argentina." "a milestone of the match"
like "$out" "Argentina are the FIFA World Cup champions. France finish as runners-up." "what it means"
run "$TL" report 2022-12-18 Argentina France --json
check_facts "the 2022 final"

# golden: own goal, a penalty saved by the keeper, header, from outside the box, red card
run "$TL" report statsbomb:9000002
is "$out" "Testland beat Mockovia 2-1
==========================

Testland beat Mockovia 2-1 in a Fixture Cup match on Thursday 20 June 2030.

Hal Eta saved a penalty from Eve Epsilon in the 12th minute. Dan Delta turned the ball into his own net in the 30th minute, 1-0 to Testland. Fay Zeta levelled at 1-1 in the 56th minute with a header. Ann Alpha put Testland back in front in the 81st minute from outside the box, 2-1. Ivo Theta of Mockovia was sent off in the 87th minute." "golden: own goal, saved penalty, header, long shot, red card"
run "$TL" report statsbomb:9000002 --json
check_facts "the fixture with an own goal"
jqis '[.sentences[].facts[] | select(.kind == "penalty_missed")][0] | "\(.how) \(.keeper)"' "saved Hal Eta" "the keeper who saved it"
run "$TL" report statsbomb:9000001
like "$out" "Eve Epsilon fired a penalty over the bar in the 85th minute." "a penalty over the bar (its end height above the crossbar)"
like "$out" "sent off for a second yellow card in added time at the end of the second half (90+3)" "added time"
run "$TL" report statsbomb:9000001 --json
check_facts "the fixture final"

# the same seed, the same words; another seed may choose others, never other facts
run "$TL" report 2022-12-10 England France --seed 7 --json
a=$(printf '%s' "$out" | jq -c '[.sentences[].facts[].ref]')
t7=$(printf '%s' "$out" | jq -r '.sentences[].text')
run "$TL" report 2022-12-10 England France --seed 7 --json
is "$(printf '%s' "$out" | jq -r '.sentences[].text')" "$t7" "the same seed, the same report"
variants=""
for seed in 1 2 3 4 5 6; do
    run "$TL" report 2022-12-10 England France --seed $seed --json
    is "$(printf '%s' "$out" | jq -c '[.sentences[].facts[].ref]')" "$a" "seed $seed: the same facts"
    variants="$variants$(printf '%s' "$out" | jq -r '.sentences[0].text')
"
done
n_var=$(printf '%s' "$variants" | sort -u | grep -c .)
[ "$n_var" -ge 2 ] && pass "seeds vary the words ($n_var openings)" || flunk "seeds vary the words"

# a plain result: no events, no edition
run "$TL" report 1872-11-30 Scotland England --json
is "$code" 0 "a plain result"
jqis '.sentences[0].text' "Scotland and England drew 0-0 in a friendly in Glasgow on Saturday 30 November 1872." "the first international, from the result alone"
check_facts "the first international"

# a live match: as it stands
ENG_FRA="(SELECT id FROM matches WHERE date='2022-12-10' AND home_id=(SELECT id FROM teams WHERE name='England'))"
dbsql "$DB" "UPDATE matches SET status='live' WHERE id=$ENG_FRA"
run "$TL" report 2022-12-10 England France
like "$out" "England 1-2 France, as it stands" "a live match: the headline as it stands"
unlike "$out" "are out of" "no consequences drawn while it is played"
dbsql "$DB" "UPDATE matches SET status='finished' WHERE id=$ENG_FRA"

# a preview
run "$TL" import football-txt tests/data/report/preview.txt
run "$TL" preview 2030-06-01 England France --json
is "$code" 0 "preview"
check_facts "the preview"
jqis '.sentences[0].text' "England play France in the Test Cup final at Wembley Stadium, London, on Saturday 1 June 2030." "preview: the match"
jqis '[.sentences[].facts[] | select(.kind == "head_to_head")][0] | .won + .drawn + .lost == .played' "true" "head-to-head adds up"
jqis '[.sentences[].facts[] | select(.kind == "probabilities")][0].probabilities | add | . * 1000 | round' "1000" "probabilities add up to one"
run "$TL" preview 2030-06-01 England France
like "$out" "of their last 5 matches" "form"
like "$out" "On their Elo ratings, England win with a probability of" "Elo-based probabilities"

# bad input
run "$TL" report 1999-01-01 England France
is "$code" 1 "an unknown match fails"
run "$TL" report 2030-06-01 England France
is "$code" 1 "a match not played yet has no report"
like "$err" "'touchline preview' looks ahead to it" "and says what will"
run "$TL" preview 2022-12-10 England France
is "$code" 1 "a played match has no preview"
run "$TL" report 2022-12-10 England France --format pdf
is "$code" 2 "an unknown format is a usage error"
run "$TL" report 2022-12-10 England France --lang xx
is "$code" 2 "an unknown language is a usage error"
run "$TL" report 2022-12-10 England
is "$code" 2 "two arguments are a usage error"

echo "1..$n"
