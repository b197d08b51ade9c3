# CLI: touchline check on fixtures made to disagree, and on the real World Cups.
. tests/cli/lib.sh
DB=$(testdb c)
run "$TL" --db "$DB" import international tests/data/intl-good
run "$TL" --db "$DB" import football-txt tests/data/check
is "$code" 0 "fixture import"
like "$out" "4 matches: 4 completed a match another source had, 0 new" "every fixture match merged"
run "$TL" --db "$DB" check
is "$code" 0 "check exits 0 (findings are a report)"
like "$out" "Sources disagree or contradict themselves 7 times." "seven findings"
like "$out" "2022-12-09 Croatia v Brazil: counts the shootout as goals: 5-3 against 1-1 and 4-2 on penalties" "a shootout counted as goals"
like "$out" "results.csv:6  |  q/cup_finals.txt:5" "with the file and line of both sides"
like "$out" "2022-12-10 England v France: score 1-2 against 1-3" "a score that differs"
like "$out" "France: 1 goal listed, the same source's score says 2" "goals that do not add up"
like "$out" "own goal by Randal Kolo Muani at 79' credited to France, the team he played for" "an own goal credited to the wrong team"
like "$out" "Harry Kane scored for England at 54' but is not in the 2022 squad" "a scorer not in the squad"
like "$out" "check/2022_full.txt:6  |  check/2022_squads.txt:4" "pointing at the squad file"
like "$out" "Kyle Walker is on the pitch twice for England" "a player on the pitch twice"
like "$out" "Olivier Giroud's goals are listed out of order: 78' before 70'" "minutes out of order"
run "$TL" --db "$DB" check --json
json "check --json"
jqis '.findings | length' "7" "seven findings in JSON"
jqis '[.findings[].kind] | unique | length' "6" "of six kinds"
run "$TL" --db "$DB" check --from 2022-12-14
like "$out" "Sources disagree or contradict themselves 2 times." "--from narrows the report"

# shootouts checked kick by kick (hand-made: one kick too many, a wrong result)
SO=$(testdb so)
run "$TL" --db "$SO" import international tests/data/intl-good
run "$TL" --db "$SO" import football-txt tests/data/check-shootout
is "$code" 0 "shootout fixture import"
run "$TL" --db "$SO" check
like "$out" "2022-12-06 Morocco v Spain: kick 8 by Morocco was taken after the shootout was decided at kick 7" "a kick after the shootout was decided"
like "$out" "check-shootout/2022_full.txt:9" "with the file and line of the kicks"
like "$out" "2022-12-09 Croatia v Brazil: the kicks give 4-1, the match's shootout says 4-2" "kicks that do not give the stated result"

# the real World Cups against the real results: a short list of true differences
W=$(testdb w)
run "$TL" --db "$W" import international "$TOUCHLINE_DATA/international"
run "$TL" --db "$W" import football-txt "$TOUCHLINE_DATA/openfootball/worldcup"
is "$code" 0 "all World Cup files import"
like "$out" "2033 matches: 2028 completed a match another source had, 5 new" "2,028 matches merged, 5 new"
unlike "$err" "not a known team" "every team name explained"
run "$TL" --db "$W" check
like "$out" "Sources disagree or contradict themselves 14 times." "14 real disagreements"
unlike "$out" "shootout (" "every one of the 39 real shootouts is valid kick by kick and agrees with its match"
like "$out" "2026-07-09 France v Morocco: not played in one source, 2-0 in the other" "2026 results that one source has not yet"
like "$out" "Andreas Ogris scored for Austria at 49' but is not in the 1990 squad" "a squad spelling difference (Andeas OGRIS)"
run "$TL" --db "$W" match 2022-12-18 Argentina France
like "$out" "Argentina 3-3 France (after extra time)" "the final"
like "$out" "2022-12-18, FIFA World Cup 2022, Final, Lusail Iconic Stadium, Lusail, Qatar (neutral venue)" "edition, stage, venue"
like "$out" "Kick-off 18:00 (UTC+3); attendance 88966; referee Szymon Marciniak (POL)." "kick-off, attendance, referee"
like "$out" "Half time 2-0; after 90 minutes 2-2." "half time and 90 minutes"
like "$out" "Argentina won the penalty shootout 4-2; France kicked first." "the shootout"
like "$out" "0-1  France     Kylian Mbappé scored" "kick by kick"
like "$out" "Lionel Messi (c)" "lineups with captains"
like "$out" "Marcos Acuna on for Ángel Di María" "substitutions"
like "$out" "Enzo Fernández (yellow card)" "cards"
run "$TL" --db "$W" import football-txt "$TOUCHLINE_DATA/openfootball/worldcup"
like "$out" "0 rows new or changed" "re-import changes nothing"
run "$TL" --db "$W" scorers --tournament "FIFA World Cup" --until 2022-12-31 --top 3
like "$out" "1     Miroslav Klose  Germany     16          0    24" "Klose: 16 World Cup goals in 24 matches"
like "$out" "2     Ronaldo         Brazil      15          1    19" "Ronaldo: 15 in 19"
like "$out" "3     Gerd Müller     Germany     14          1    13" "Gerd Müller: 14 in 13, one player across spellings"
run "$TL" --db "$W" player "Aurelien TCHOUAMENI" --on 2022-12-10
is "$code" 0 "player by another spelling"
like "$out" "Aurélien Tchouaméni (France)" "the best-written name"
like "$out" "Born      2000-01-27; 22 years old on 2022-12-10" "date of birth and age on a date"
like "$out" "Squads    2022 #8 MF" "squads with numbers"
run "$TL" --db "$W" player Kane --on 2022-12-10
like "$err" "\"Kane\" can be 3 players" "a surname alone can fit several players"
run "$TL" --db "$W" player Kane --team England --on 2022-12-10
like "$out" "Harry Kane (England)" "a surname finds the player"
like "$out" "Squads    2018 #9 FW, 2022 #9 FW" "Kane's World Cup squads"
run "$TL" --db "$W" player Gerson --team Brazil
is "$code" 1 "two namesakes: exit 1"
like "$err" "\"Gerson\" can be 2 players" "namesakes of different eras stay two"
like "$err" "born 1941-01-11" "the one with a birth date"
run "$TL" --db "$W" resolve "Javier Hernández" --explain
like "$out" "Javier Hernández (Mexico), born 1961-08-01: 0 goals" "the 1986 squad's Javier Hernández scored none"
like "$out" "a namesake: Javier Hernández (born 1961-08-01) was not of playing age on 2010-06-17" "his namesake's 2010 goal moved, and why"
like "$out" "Javier Hernández (Mexico), born 1988-06-01: 24 goals" "to the one born 1988"
run "$TL" --db "$W" player Messi --json
json "player --json"
jqis '.players[0].birth_date' "1987-06-24" "Messi's birth date in JSON"
run "$TL" --db "$W" player Zzyzx
is "$code" 1 "unknown player: exit 1"
like "$err" "no player \"Zzyzx\"" "unknown player named"
run "$TL" --db "$W" resolve "Aurelien TCHOUAMENI" --explain
is "$code" 0 "resolve --explain"
like "$out" "Aurélien Tchouaméni (France), born 2000-01-27" "one player for three spellings"
like "$out" "\"Aurélien Tchouaméni\"        goalscorers.csv:43048" "the results data's spelling, with its line"
like "$out" "\"Aurelién Tchouaméni\"        2022--qatar/cup_finals.txt:50      the same name and team" "the cup file's misplaced accent, and why it is him"
like "$out" "more/2022_full.txt" "the full file's capitals"
run "$TL" --db "$W" resolve Ireland --on 1990-06-21
like "$out" "a former name of Northern Ireland from 1882-02-18 to 1956-04-11" "Ireland was Northern Ireland until 1956"
like "$out" "on 1990-06-21 it means Republic of Ireland" "and the Republic in 1990"
run "$TL" --db "$W" resolve USA --json
json "resolve --json"
jqis '.team_names[0].name' "United States" "USA is United States"
run "$TL" --db "$W" resolve Qwxyz
is "$code" 1 "an unknown name: exit 1"

# a team first met under its former name (football.txt: Dahomey, with a squad
# and a lineup), then the results with former_names.csv: merged into Benin,
# its squad, players and spellings moved (SQLite and PostgreSQL alike)
MG=$(testdb merge)
run "$TL" --db "$MG" import football-txt tests/data/merge
is "$code" 0 "Dahomey's match and squad imported"
run "$TL" --db "$MG" import international tests/data/intl-good
is "$code" 0 "then the results, with Dahomey as Benin's former name"
like "$err" 'former_names.csv:2: note: team "Dahomey" is Benin'"'"'s former name; merged' "the teams merged, with the line that says so"
run "$TL" --db "$MG" player "Jean Dossou"
like "$out" "Jean Dossou (Benin)" "Dahomey's goalkeeper is Benin's"
like "$out" "Squads    1959 #1 GK" "with his squad number"
is "$(dbsql "$MG" "SELECT count(*) FROM teams WHERE name='Dahomey'")" "0" "no team Dahomey left"
is "$(dbsql "$MG" "SELECT count(*) FROM squads s JOIN teams t ON t.id=s.team_id WHERE t.name='Benin'")" "2" "both squad players are Benin's"
run "$TL" --db "$MG" matches --team Benin
like "$out" "1959-11-08  Benin  0-1    Nigeria" "one match, the two sources' merged"

# on PostgreSQL, messages name the database without its password (in the
# URL's user part or as a parameter), and a failed import removes nothing
if on_pg; then
    base=${MG%%\?*} params=${MG#*\?}
    for u in "postgresql://touchline:sekrit1@${base#postgresql://}?$params" "$MG&password=sekrit2"; do
        run "$TL" --db "$u" import international tests/data/bad
        is "$code" 1 "a failed import on PostgreSQL: exit 1"
        like "$err" "nothing was imported; postgresql://" "says nothing was imported"
        like "$err" "is as it was" "and that the database is as it was"
        unlike "$err" "sekrit" "without the password"
    done
    run "$TL" --db "$MG" player "Jean Dossou"
    like "$out" "Jean Dossou (Benin)" "the data still there"
fi
echo "1..$n"
