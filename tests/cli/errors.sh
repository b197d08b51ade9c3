# CLI: exit codes, help, and every documented error path of import (on
# PostgreSQL too, with the database named by a URL: nothing to leave behind).
. tests/cli/lib.sh
DB=$(testdb e)
GOOD=tests/data/intl-good

for c in import fetch matches match scorers team h2h check; do
    run "$TL" "$c" --help
    is "$code" 0 "$c --help exits 0"
    like "$out" "usage: touchline $c" "$c --help prints its usage"
done
run "$TL" --help
like "$out" "commands:" "touchline --help lists the commands"
run "$TL"
is "$code" 2 "no command: exit 2"
run "$TL" frobnicate
is "$code" 2 "unknown command: exit 2"
like "$err" "no command 'frobnicate'" "unknown command named"
run "$TL" --db "$DB" matches --colour
is "$code" 2 "unknown option: exit 2"
like "$err" "unknown option --colour" "unknown option named"
run "$TL" --db "$DB" matches --from 2022-13-01
is "$code" 2 "bad date: exit 2"
like "$err" "--from expects a date YYYY-MM-DD, found \"2022-13-01\"" "bad date explained"
run "$TL" --db "$DB" matches --limit ten
is "$code" 2 "bad number: exit 2"
run "$TL" --db "$DB" matches --team
is "$code" 2 "option without its value: exit 2"
run "$TL" --db "$DB" match 2022-12-10 England
is "$code" 2 "match with two arguments: exit 2"
run "$TL" --db "$DB" matches
is "$code" 1 "no database yet: exit 1"
if on_pg; then
    like "$err" "no touchline data in this database" "an empty PostgreSQL database explained"
else
    like "$err" "no database here" "missing database explained"
    [ ! -e "$DB" ] && pass "a query does not create a database" || flunk "a query created $DB"
fi
run "$TL" --db "$DB" import premier-league x
is "$code" 2 "unknown data set: exit 2"
like "$err" "unknown data set 'premier-league'" "the unknown data set is named"
run "$TL" --db "$DB" import football-txt /nonexistent/cup.txt
is "$code" 1 "football-txt: a missing file: exit 1"
like "$err" "/nonexistent/cup.txt: no such file or folder" "football-txt: the missing file is named"
run "$TL" --db "$DB" import football-txt tests/data/bad
is "$code" 1 "football-txt: a folder without football.txt files: exit 1"
like "$err" "no football.txt files here" "football-txt: says what it looked for"
run "$TL" --db "$DB" import international /nonexistent
is "$code" 1 "missing folder: exit 1"
like "$err" "/nonexistent/results.csv: missing" "the missing file is named"
if on_pg; then
    like "$err" "is as it was" "a failed first import on PostgreSQL says the database is as it was"
else
    like "$err" "was not created" "a failed first import says the database was not created"
    [ ! -e "$DB" ] && [ ! -e "$DB-wal" ] && pass "and leaves no database file behind" || flunk "a failed import created $DB"
fi

# a good import, then each malformed file: exit 1, file:line:column, nothing changed
run "$TL" --db "$DB" import international "$GOOD"
is "$code" 0 "fixture import"
counts() { dbsql "$DB" "select (select count(*) from matches) || ' ' || (select count(*) from events) || ' ' || (select count(*) from teams)"; }
before=$(counts)
check_bad() { # target-file bad-file expected-location
    rm -rf "$TMP/bad" && mkdir "$TMP/bad" && cp "$GOOD"/*.csv "$TMP/bad/" && cp "tests/data/bad/$2" "$TMP/bad/$1"
    run "$TL" --db "$DB" import international "$TMP/bad"
    is "$code" 1 "$2: exit 1"
    like "$err" "$TMP/bad/$1:$3: expected" "$2: reported at $1:$3 with what was expected"
    like "$err" "nothing was imported" "$2: says nothing was imported"
    is "$(counts)" "$before" "$2: database unchanged"
}
check_bad results.csv results-bad-date.csv 4:1
check_bad results.csv results-bad-score.csv 6:27
check_bad results.csv results-short-row.csv 3:80
check_bad results.csv results-unterminated-quote.csv 7:46
check_bad results.csv results-invalid-utf8.csv 5:49
check_bad results.csv results-missing-column.csv 1:1
check_bad goalscorers.csv goals-bad-minute.csv 2:46
check_bad shootouts.csv shootouts-bad-winner.csv 2:27
check_bad former_names.csv former-bad-range.csv 2:26

rm -rf "$TMP/bad" && mkdir "$TMP/bad" && cp "$GOOD"/*.csv "$TMP/bad/" && cp tests/data/bad/results-bad-date.csv "$TMP/bad/results.csv"
run "$TL" --db "$DB" import international "$TMP/bad" --skip-bad
is "$code" 0 "--skip-bad imports the rest"
like "$err" "results.csv:4:1: expected a date YYYY-MM-DD, found \"1974-13-17\" (row skipped)" "--skip-bad reports the skipped row"
like "$out" "1 malformed row skipped" "--skip-bad counts skipped rows"
run "$TL" --db "$DB" import international "$TMP/bad" --skip-bad --json
json "import --json"
jqis '.skipped' "1" "import --json counts the skipped row"
# football.txt: an unknown line stops the import with file:line:column and the text
FT=$(testdb ft)
run "$TL" --db "$FT" import football-txt tests/data/ftxt/bad/unknown-line.txt
is "$code" 1 "football-txt: an unknown line: exit 1"
like "$err" "tests/data/ftxt/bad/unknown-line.txt:4:1: expected a football.txt line" "football-txt: file:line:column of the unknown line"
like "$err" "found \"this is not football.txt\"" "football-txt: and its text"
on_pg || { [ ! -e "$FT" ] && pass "football-txt: no database left behind" || flunk "football-txt: database created"; }
run "$TL" --db "$FT" import football-txt tests/data/ftxt/bad/unknown-line.txt --skip-bad
is "$code" 0 "football-txt --skip-bad goes on"
like "$err" "(line skipped)" "football-txt --skip-bad reports the line"
like "$out" "1 unknown line skipped" "football-txt --skip-bad counts it"
like "$out" "1 matches" "football-txt --skip-bad imports the rest"
# the same whether the files are read in turn (one core) or ahead (two)
for ra in 0 1; do
    export TOUCHLINE_READ_AHEAD=$ra
    FT2=$(testdb "ft-ahead$ra")
    run "$TL" --db "$FT2" import football-txt tests/data/ftxt/cup.txt tests/data/ftxt/bad/unknown-line.txt
    is "$code" 1 "football-txt, read ahead=$ra: an unknown line in the second file: exit 1"
    like "$err" "tests/data/ftxt/bad/unknown-line.txt:4:1: expected a football.txt line" "football-txt, read ahead=$ra: its file:line:column"
    run "$TL" --db "$FT2" import football-txt tests/data/ftxt/cup.txt tests/data/ftxt/bad/unknown-line.txt --skip-bad
    is "$code" 0 "football-txt --skip-bad, read ahead=$ra: goes on"
    like "$err" "unknown-line.txt:4:1: expected a football.txt line" "football-txt --skip-bad, read ahead=$ra: reports the line"
    like "$out" "1 unknown line skipped" "football-txt --skip-bad, read ahead=$ra: counts it"
    unset TOUCHLINE_READ_AHEAD
done
run "$TL" --db "$DB" check
is "$code" 0 "database consistent after all that"
echo "1..$n"
