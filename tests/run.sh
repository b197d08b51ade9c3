#!/bin/sh
# Run every test in each build folder given (e.g. build build/asan): the
# cmocka unit tests (tests/unit), the fuzz corpus replays and the
# command-line tests (tests/cli/*.sh).
#
#   tests/run.sh [-j N] BUILD... [--pg BUILD]...
#
# --pg BUILD (may be given more than once): the tests that take a database,
# again on a PostgreSQL server started for them in a temporary folder
# (scripts/pg-test.sh), with BUILD's binaries.
#
# -j N: N tests at a time (default: $TEST_JOBS, else the number of CPUs).
# Each test has a log of its own (BUILD/test-logs) and its own temporary
# files and PostgreSQL schemas, so tests of different builds and stores run
# side by side; the longest are started first. A line per test as it ends,
# then the failures again and the totals in the order of the list. Ends
# with the line "N passed, N failed"; exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${TOUCHLINE_DATA:=../shared/data}"
export TOUCHLINE_DATA

# the command-line tests that also run on PostgreSQL
PG_CLI="errors kill queries stats tournament check centre report live serve web cluster"
# started first, longest first (as measured: the PostgreSQL ones wait on
# the server), so the short ones fill in around them
LONG="pg:cli:live pg:cli:kill pg:unit:test_worldcup pg:cli:check pg:cli:report pg:cli:serve
      pg:cli:stats pg:cli:web pg:cli:queries pg:cli:tournament sqlite:cli:live pg:unit:test_store
      pg:unit:test_load pg:unit:test_real pg:unit:test_forecast pg:cli:cluster"

# log MODE BUILD KIND NAME: the log file of one test
log_of() {
    p=""
    [ "$1" = pg ] && p=pg_
    case $3 in
    unit) echo "$2/test-logs/$p$4.log" ;;
    replay) echo "$2/test-logs/${p}replay_$4.log" ;;
    cli) echo "$2/test-logs/${p}cli_$4.log" ;;
    esac
}
label_of() {
    l=$4
    [ "$3" = cli ] && l="cli/$4"
    [ "$3" = replay ] && l="fuzz corpus $4"
    [ "$1" = pg ] && l="pg $l"
    echo "$2: $l"
}

# counts LOG: sets $np and $nf, the checks a log reports passed and failed
# (cmocka's summary lines, TAP's ok / not ok)
counts() {
    np=$(( $(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}') \
         + $(grep -c '^ok ' "$1") ))
    nf=$(( $(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}') \
         + $(grep -c '^not ok ' "$1") ))
}

# --one MODE BUILD KIND NAME: run one test (xargs calls this), write its log
# and LOG.status ("exit-status seconds"), print its line
if [ "${1:-}" = --one ]; then
    mode=$2 build=$3 kind=$4 name=$5
    log=$(log_of "$mode" "$build" "$kind" "$name")
    if [ "$mode" = pg ]; then
        TOUCHLINE_TEST_PG=$PG_URL
        export TOUCHLINE_TEST_PG
    fi
    t0=$(date +%s)
    case $kind in
    unit) TL_BIN="$build/touchline" "$build/tests/$name" ;;
    replay) "$build/tests/replay_$name" fuzz/corpus/"$name"/* ;;
    cli) TL="$build/touchline" HTTPD="$build/tests/httpd" BUILD="$build" sh "tests/cli/$name.sh" ;;
    esac >"$log" 2>&1
    st=$?
    secs=$(($(date +%s) - t0))
    echo "$st $secs" >"$log.status"
    counts "$log"
    if [ "$st" -ne 0 ] || [ "$nf" -ne 0 ]; then
        printf 'FAIL %s (exit %s)\n%s\n' "$(label_of "$mode" "$build" "$kind" "$name")" "$st" \
            "$(grep -E '^\[  (FAILED|ERROR) |^not ok|^#|Sanitizer|runtime error' "$log" | head -30)"
    else
        printf 'pass %s: %s checks (%ss)\n' "$(label_of "$mode" "$build" "$kind" "$name")" \
            "$(grep -c '^ok \|^\[       OK \]' "$log")" "$secs"
    fi
    exit 0
fi

jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
builds="" pg_builds=""
while [ $# -gt 0 ]; do
    case "$1" in
    -j) jobs=$2; shift 2 ;;
    --pg) pg_builds="$pg_builds $2"; shift 2 ;;
    *) builds="$builds $1"; shift ;;
    esac
done
for bd in $builds $pg_builds; do
    [ -x "$bd/touchline" ] || { echo "tests/run.sh: $bd is not a build folder (no $bd/touchline)" >&2; exit 2; }
done
start=$(date +%s)

# the list: MODE BUILD KIND NAME, one test a line
list=$(mktemp)
pgdir=""
trap 'rm -f "$list" "$list.order"; [ -n "$pgdir" ] && scripts/pg-test.sh stop "$pgdir"' EXIT
for build in $builds; do
    mkdir -p "$build/test-logs"
    rm -f "$build"/test-logs/*.status
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] && echo "sqlite $build unit ${t##*/}"
    done
    for t in "$build"/tests/replay_*; do
        [ -x "$t" ] && echo "sqlite $build replay ${t##*/replay_}"
    done
    for t in tests/cli/*.sh; do
        name=$(basename "$t" .sh)
        [ "$name" = lib ] || echo "sqlite $build cli $name"
    done
done >"$list"
pg_failed=0
if [ -n "$pg_builds" ]; then
    pgdir=$(mktemp -d /tmp/touchline-pg.XXXXXX)
    if PG_URL=$(scripts/pg-test.sh start "$pgdir"); then
        export PG_URL
        # the unit tests that open a database (test_tmp_db gives them a
        # schema of their own) or have a PostgreSQL part
        units=$(grep -l 'test_tmp_db\|TOUCHLINE_TEST_PG' tests/unit/test_*.c | sed 's|.*/||; s|\.c$||')
        for build in $pg_builds; do
            mkdir -p "$build/test-logs"
            rm -f "$build"/test-logs/pg_*.status
            for t in $units; do echo "pg $build unit $t"; done
            for name in $PG_CLI; do echo "pg $build cli $name"; done
        done >>"$list"
    else
        echo "FAIL the PostgreSQL server did not start"
        pg_failed=1
    fi
fi

# the order they start in: the long ones first, then the rest as listed
: >"$list.order"
for l in $LONG; do
    mode=${l%%:*} rest=${l#*:}
    grep "^$mode [^ ]* ${rest%%:*} ${rest#*:}\$" "$list" | sort -r >>"$list.order"
done
grep -v -x -F -f "$list.order" "$list" >>"$list.order"

xargs -P "$jobs" -L 1 sh tests/run.sh --one <"$list.order"

passed=0
failed=$pg_failed
failures=""
[ "$pg_failed" -ne 0 ] && failures=" pg:start"
while read -r mode build kind name; do
    log=$(log_of "$mode" "$build" "$kind" "$name")
    st=1
    [ -f "$log.status" ] && read -r st _ <"$log.status"
    np=0 nf=0
    [ -f "$log" ] && counts "$log"
    passed=$((passed + np))
    failed=$((failed + nf))
    if [ "$st" -ne 0 ] || [ "$nf" -ne 0 ]; then
        [ "$nf" -eq 0 ] && failed=$((failed + 1))
        failures="$failures $(label_of "$mode" "$build" "$kind" "$name" | sed 's/: /:/; s/ /\//g')"
    fi
    rm -f "$log.status"
done <"$list"
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed ($(($(date +%s) - start))s, $jobs at a time)"
[ "$failed" -eq 0 ] || exit 1
