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

# the same on an empty database, where the import runs in bulk mode (secondary
# indexes dropped inside the transaction and rebuilt at commit)
FRESH="$TMP/fresh.db"
indexes=$(sqlite3 "$DB" "select group_concat(name) from (select name from sqlite_master where type='index' and sql is not null order by name)")
TOUCHLINE_TEST_KILL_AFTER_ROWS=60000 "$TL" --db "$FRESH" import international "$TOUCHLINE_DATA/international" >/dev/null 2>&1
is "$?" 137 "a bulk import into an empty database killed midway (in goalscorers.csv)"
is "$(sqlite3 "$FRESH" "pragma integrity_check")" "ok" "integrity_check is ok"
is "$(sqlite3 "$FRESH" "select count(*) from matches; select count(*) from teams")" "0
0" "the database is still empty"
is "$(sqlite3 "$FRESH" "select group_concat(name) from (select name from sqlite_master where type='index' and sql is not null order by name)")" "$indexes" "every index dropped by the bulk load is back"
run "$TL" --db "$FRESH" import international "$TOUCHLINE_DATA/international"
is "$code" 0 "and a full import then succeeds"
is "$(sqlite3 "$FRESH" "select group_concat(name) from (select name from sqlite_master where type='index' and sql is not null order by name)")" "$indexes" "with the same indexes after the commit"

# a StatsBomb import killed in the middle of an events file (after 2,000 of
# its 3,803 events) leaves the database as it was
SB="$TMP/sb.db"
run "$TL" --db "$SB" import international tests/data/intl-good
sbbefore=$(sqlite3 "$SB" "select count(*) from matches; select count(*) from events; select count(*) from sb_events; select count(*) from sources")
TOUCHLINE_TEST_KILL_AFTER_EVENTS=2000 "$TL" --db "$SB" import statsbomb "$TOUCHLINE_DATA/statsbomb" >/dev/null 2>&1
is "$?" 137 "a StatsBomb import killed midway through the events"
is "$(sqlite3 "$SB" "pragma integrity_check")" "ok" "integrity_check is ok"
is "$(sqlite3 "$SB" "select count(*) from matches; select count(*) from events; select count(*) from sb_events; select count(*) from sources")" "$sbbefore" "no match, event or source of the killed import remains"
run "$TL" --db "$SB" import statsbomb "$TOUCHLINE_DATA/statsbomb"
is "$code" 0 "the StatsBomb import then succeeds"
is "$(sqlite3 "$SB" "select count(*) from sb_events")" "3803" "with every event"
echo "1..$n"
