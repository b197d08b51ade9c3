#!/bin/sh
# Run every test in each build folder given (e.g. build build/asan): the
# cmocka unit tests (tests/unit) and the command-line tests (tests/cli/*.sh).
# Ends with the line "N passed, N failed"; exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${TOUCHLINE_DATA:=../shared/data}"
export TOUCHLINE_DATA
passed=0
failed=0
secs=""
start=$(date +%s)
failures=""

count() { # $1 = log file: add its cmocka / TAP counts to the totals; sets $nf
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
    tp=$(grep -c '^ok ' "$1")
    tf=$(grep -c '^not ok ' "$1")
    passed=$((passed + p + tp))
    failed=$((failed + f + tf))
    nf=$((f + tf))
}

# run_one LABEL LOG COMMAND...: run, count, report pass or FAIL with details
run_one() {
    label=$1 log=$2
    shift 2
    t0=$(date +%s)
    "$@" >"$log" 2>&1
    st=$?
    secs=$(($(date +%s) - t0))
    report "$label" "$log" $st
}

# report LABEL LOG STATUS: count a finished test's log, say pass or FAIL
report() {
    label=$1 log=$2 status=$3
    count "$log"
    if [ "$status" -ne 0 ] || [ "$nf" -ne 0 ]; then
        [ "$nf" -eq 0 ] && failed=$((failed + 1))
        failures="$failures $build:$label"
        echo "FAIL $label (exit $status)"
        grep -E '^\[  (FAILED|ERROR) |^not ok|^#|Sanitizer|runtime error' "$log" | head -30
    else
        echo "pass $label: $(grep -c '^ok \|^\[       OK \]' "$log") checks${secs:+ (${secs}s)}"
    fi
}

# --pg BUILD (after the builds; may be given more than once): the tests
# that take a database, again on a PostgreSQL server started for them in a
# temporary folder (scripts/pg-test.sh), with BUILD's binaries
pg_builds=""
builds=""
a="" b=""
while [ $# -gt 0 ]; do
    case "$1" in
    --pg) pg_builds="$pg_builds $2"; shift 2 ;;
    *) builds="$builds $1"; shift ;;
    esac
done
PG_CLI="errors kill queries stats tournament check centre report live serve web cluster"

for b in $builds $pg_builds; do
    [ -x "$b/touchline" ] || { echo "tests/run.sh: $b is not a build folder (no $b/touchline)" >&2; exit 2; }
done
for build in $builds; do
    echo "== tests in $build"
    mkdir -p "$build/test-logs"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        name=$(basename "$t")
        TL_BIN="$build/touchline" run_one "$name" "$build/test-logs/$name.log" "$t"
    done
    for t in "$build"/tests/replay_*; do
        [ -x "$t" ] || continue
        name=${t##*/replay_}
        run_one "fuzz corpus $name" "$build/test-logs/replay_$name.log" "$t" fuzz/corpus/"$name"/*
    done
    for t in tests/cli/*.sh; do
        name=$(basename "$t" .sh)
        [ "$name" = lib ] && continue
        TL="$build/touchline" HTTPD="$build/tests/httpd" BUILD="$build" \
            run_one "cli/$name" "$build/test-logs/cli_$name.log" sh "$t"
    done
done
if [ -n "$pg_builds" ]; then
    pgdir=$(mktemp -d /tmp/touchline-pg.XXXXXX)
    trap 'scripts/pg-test.sh stop "$pgdir"' EXIT
    if url=$(scripts/pg-test.sh start "$pgdir"); then
        for build in $pg_builds; do
            echo "== tests in $build on PostgreSQL"
            # the unit tests that open a database (test_tmp_db gives them a
            # schema of their own) or have a PostgreSQL part, two at a time
            # (they wait on the server more than they compute)
            units=$(grep -l 'test_tmp_db\|TOUCHLINE_TEST_PG' tests/unit/test_*.c | sed 's|.*/||; s|\.c$||')
            half=0
            for t in $units; do
                [ $half -eq 0 ] && a="$a $t" || b="$b $t"
                half=$((1 - half))
            done
            for list in "$a" "$b"; do
                (for t in $list; do
                    TOUCHLINE_TEST_PG="$url" "$build/tests/$t" >"$build/test-logs/pg_$t.log" 2>&1
                    echo $? >"$build/test-logs/pg_$t.status"
                done) &
            done
            wait
            a="" b=""
            secs=""
            for t in $units; do
                report "pg $t" "$build/test-logs/pg_$t.log" "$(cat "$build/test-logs/pg_$t.status")"
            done
            for name in $PG_CLI; do
                TOUCHLINE_TEST_PG="$url" TL="$build/touchline" HTTPD="$build/tests/httpd" \
                    BUILD="$build" run_one "pg cli/$name" "$build/test-logs/pg_cli_$name.log" \
                    sh "tests/cli/$name.sh"
            done
        done
    else
        echo "FAIL the PostgreSQL server did not start"
        failed=$((failed + 1))
        failures="$failures pg:start"
    fi
fi
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed ($(($(date +%s) - start))s)"
[ "$failed" -eq 0 ]
