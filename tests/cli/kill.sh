# CLI: an import killed midway (SIGKILL) leaves the previous database intact,
# on SQLite and on PostgreSQL (where the server sees the connection die
# inside the transaction, pipelined writes and reserved ids included).
. tests/cli/lib.sh
DB=$(testdb k)
counts() { # DB: matches, events, teams, sources
    dbsql "$1" "select (select count(*) from matches) || ' ' || (select count(*) from events) || ' ' || (select count(*) from teams) || ' ' || (select count(*) from sources)"
}
orphans() { # DB: events and lineups whose match is not there
    dbsql "$1" "select (select count(*) from events e where not exists(select 1 from matches m where m.id=e.match_id)) + (select count(*) from lineups l where not exists(select 1 from matches m where m.id=l.match_id))"
}
integrity() { # DB: SQLite's integrity_check ("ok" on PostgreSQL, which has none to run)
    if on_pg; then echo ok; else sqlite3 "$1" "pragma integrity_check"; fi
}
run "$TL" --db "$DB" import international tests/data/intl-good
is "$code" 0 "a first import (the fixture)"
before=$(counts "$DB")

# the import kills itself with SIGKILL after 20,000 rows of the real data,
# deep inside its transaction
TOUCHLINE_TEST_KILL_AFTER_ROWS=20000 "$TL" --db "$DB" import international "$TOUCHLINE_DATA/international" >/dev/null 2>&1
code=$?
is "$code" 137 "the import died of SIGKILL (exit 128+9)"
is "$(integrity "$DB")" "ok" "integrity_check is ok after the kill"
is "$(orphans "$DB")" "0" "no event or lineup without its match after the kill"
is "$(counts "$DB")" "$before" "the database holds exactly what it held before"
run "$TL" --db "$DB" check
is "$code" 0 "touchline check agrees"

# and the same import, not killed, then completes
run "$TL" --db "$DB" import international "$TOUCHLINE_DATA/international"
is "$code" 0 "the import runs to the end afterwards"
# the fixture's US v "China PR" and its 2030 Spain v Morocco are not in the real data
is "$(dbsql "$DB" "select count(*) from matches")" "49522" "real data plus the fixture's 2 matches of its own"

# the same on an empty database, where the import runs in bulk mode (on
# SQLite: secondary indexes dropped inside the transaction, rebuilt at commit)
FRESH=$(testdb fresh)
indexes() {
    on_pg && { echo none; return; }
    sqlite3 "$1" "select group_concat(name) from (select name from sqlite_master where type='index' and sql is not null order by name)"
}
indexes=$(indexes "$DB")
TOUCHLINE_TEST_KILL_AFTER_ROWS=60000 "$TL" --db "$FRESH" import international "$TOUCHLINE_DATA/international" >/dev/null 2>&1
is "$?" 137 "a bulk import into an empty database killed midway (in goalscorers.csv)"
# on SQLite the load into an empty database ran with a rollback journal
# (store.c, tl_store_begin): the journal is there, hot, until the next open
on_pg || is "$(test -s "$FRESH-journal" && echo hot)" "hot" "the killed load left its rollback journal"
is "$(integrity "$FRESH")" "ok" "integrity_check is ok"
is "$(dbsql "$FRESH" "select (select count(*) from matches) || ' ' || (select count(*) from teams)")" "0 0" "the database is still empty"
is "$(indexes "$FRESH")" "$indexes" "every index dropped by the bulk load is back"
run "$TL" --db "$FRESH" import international "$TOUCHLINE_DATA/international"
is "$code" 0 "and a full import then succeeds"
is "$(indexes "$FRESH")" "$indexes" "with the same indexes after the commit"
on_pg || is "$(sqlite3 "$FRESH" "pragma journal_mode")" "wal" "and the database is in WAL mode again"
on_pg || is "$(test -e "$FRESH-journal" && echo left)" "" "no journal left behind"
is "$(dbsql "$FRESH" "select count(*) from matches")" "49520" "every match of the real data"
# SQLite takes the next id after the largest; a PostgreSQL sequence never goes
# back over ids a dead transaction took
on_pg || is "$(dbsql "$FRESH" "select max(id) from matches")" "49520" "their ids dense, from 1"

# a StatsBomb import killed in the middle of an events file (after 2,000 of
# its 3,803 events) leaves the database as it was
SB=$(testdb sb)
run "$TL" --db "$SB" import international tests/data/intl-good
sbcounts() { dbsql "$1" "select (select count(*) from matches) || ' ' || (select count(*) from events) || ' ' || (select count(*) from sb_events) || ' ' || (select count(*) from sources)"; }
sbbefore=$(sbcounts "$SB")
TOUCHLINE_TEST_KILL_AFTER_EVENTS=2000 "$TL" --db "$SB" import statsbomb "$TOUCHLINE_DATA/statsbomb" >/dev/null 2>&1
is "$?" 137 "a StatsBomb import killed midway through the events"
is "$(integrity "$SB")" "ok" "integrity_check is ok"
is "$(sbcounts "$SB")" "$sbbefore" "no match, event or source of the killed import remains"
run "$TL" --db "$SB" import statsbomb "$TOUCHLINE_DATA/statsbomb"
is "$code" 0 "the StatsBomb import then succeeds"
is "$(dbsql "$SB" "select count(*) from sb_events")" "3803" "with every event"
echo "1..$n"
