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

for build in "$@"; do
    echo "== tests in $build"
    mkdir -p "$build/test-logs"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        name=$(basename "$t")
        log="$build/test-logs/$name.log"
        TL_BIN="$build/touchline" "$t" >"$log" 2>&1
        status=$?
        count "$log"
        if [ "$status" -ne 0 ] || [ "$nf" -ne 0 ]; then
            [ "$nf" -eq 0 ] && failed=$((failed + 1))
            failures="$failures $build:$name"
            echo "FAIL $name (exit $status)"; grep -E '^\[  (FAILED|ERROR) |FAILED|ERROR|Sanitizer|runtime error' "$log" | head -20
        else
            echo "pass $name: $(grep '^\[  PASSED  \]' "$log" | sed 's/.*\] //')"
        fi
    done
    for t in "$build"/tests/replay_*; do
        [ -x "$t" ] || continue
        name=${t##*/replay_}
        log="$build/test-logs/replay_$name.log"
        "$t" fuzz/corpus/"$name"/* >"$log" 2>&1
        status=$?
        count "$log"
        if [ "$status" -ne 0 ] || [ "$nf" -ne 0 ]; then
            [ "$nf" -eq 0 ] && failed=$((failed + 1))
            failures="$failures $build:replay_$name"
            echo "FAIL fuzz corpus $name (exit $status)"; tail -20 "$log"
        else
            echo "pass fuzz corpus $name: $(grep -c '^ok ' "$log") inputs"
        fi
    done
    for t in tests/cli/*.sh; do
        name=$(basename "$t" .sh)
        [ "$name" = lib ] && continue
        log="$build/test-logs/cli_$name.log"
        TL="$build/touchline" HTTPD="$build/tests/httpd" BUILD="$build" sh "$t" >"$log" 2>&1
        status=$?
        count "$log"
        if [ "$status" -ne 0 ] || [ "$nf" -ne 0 ]; then
            [ "$nf" -eq 0 ] && failed=$((failed + 1))
            failures="$failures $build:cli/$name"
            echo "FAIL cli/$name (exit $status)"; grep -E '^not ok|^#' "$log" | head -30
        else
            echo "pass cli/$name: $(grep -c '^ok ' "$log") checks"
        fi
    done
done
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
