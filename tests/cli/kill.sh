# CLI: an import killed midway (SIGKILL) leaves the previous database intact.
. tests/cli/lib.sh
DB="$TMP/k.db"
run "$TL" --db "$DB" import international tests/data/intl-good
is "$code" 0 "a first import (the fixture)"
before=$(sqlite3 "$DB" "select count(*) from matches; select count(*) from events; select count(*) from teams; select count(*) from sources")

# the import kills itself with SIGKILL after 20,000 rows of the real data,
# deep inside its transaction
TOUCHLINE_TEST_KILL_AFTER_ROWS=20000 "$TL" --db "$DB" import international "$TOUCHLINE_DATA/international" >/dev/null 2>&1
code=$?
is "$code" 137 "the import died of SIGKILL (exit 128+9)"
is "$(sqlite3 "$DB" "pragma integrity_check")" "ok" "integrity_check is ok after the kill"
is "$(sqlite3 "$DB" "pragma foreign_key_check" | wc -l)" "0" "foreign keys consistent after the kill"
is "$(sqlite3 "$DB" "select count(*) from matches; select count(*) from events; select count(*) from teams; select count(*) from sources")" "$before" "the database holds exactly what it held before"
run "$TL" --db "$DB" check
is "$code" 0 "touchline check agrees"

# and the same import, not killed, then completes
run "$TL" --db "$DB" import international "$TOUCHLINE_DATA/international"
is "$code" 0 "the import runs to the end afterwards"
# the fixture's US v "China PR" and its 2030 Spain v Morocco are not in the real data
is "$(sqlite3 "$DB" "select count(*) from matches")" "49522" "real data plus the fixture's 2 matches of its own"
echo "1..$n"
