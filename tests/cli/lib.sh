# tests/cli/lib.sh: a few TAP-style helpers for the command-line tests.
# Each check prints "ok N - what" or "not ok N - what" (tests/run.sh counts them).
: "${TL:=build/touchline}"
: "${TOUCHLINE_DATA:=../shared/data}"
n=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# run CMD...: sets $out, $err and $code
run() {
    "$@" >"$TMP/out" 2>"$TMP/err"
    code=$?
    out=$(cat "$TMP/out")
    err=$(cat "$TMP/err")
}
pass() { n=$((n + 1)); echo "ok $n - $1"; }
flunk() {
    n=$((n + 1)); echo "not ok $n - $1"
    echo "# exit: $code"; echo "$out" | head -15 | sed 's/^/# out: /'; echo "$err" | head -10 | sed 's/^/# err: /'
}
# is ACTUAL EXPECTED WHAT
is() { if [ "$1" = "$2" ]; then pass "$3"; else flunk "$3 (got '$1', expected '$2')"; fi; }
# like TEXT FIXED-STRING WHAT
like() { if printf '%s' "$1" | grep -qF -- "$2"; then pass "$3"; else flunk "$3 (no '$2')"; fi; }
unlike() { if printf '%s' "$1" | grep -qF -- "$2"; then flunk "$3 (found '$2')"; else pass "$3"; fi; }
# json WHAT: $out is one valid JSON document
json() { if printf '%s' "$out" | jq -e . >/dev/null 2>&1; then pass "$1"; else flunk "$1 (not JSON)"; fi; }
# jqis FILTER EXPECTED WHAT: a value in $out
jqis() { is "$(printf '%s' "$out" | jq -r "$1" 2>&1)" "$2" "$3"; }
# rendered SVG WHAT: $1 renders to a PNG (rsvg-convert) at least $2 pixels wide
rendered() {
    if rsvg-convert -o "$TMP/render.png" "$1" 2>"$TMP/render.err" &&
        [ "$(od -An -tu1 -j16 -N4 "$TMP/render.png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')" -ge "$2" ]; then
        pass "$3"
    else
        flunk "$3 ($(cat "$TMP/render.err"))"
    fi
}
# testdb NAME: a fresh database for this test: a file in $TMP, or, when
# TOUCHLINE_TEST_PG holds a PostgreSQL URL (tests/run.sh --pg), a new schema
# there named after the test, its process (the same test of another build
# may run beside it on the same server) and NAME
testdb() {
    if [ -n "${TOUCHLINE_TEST_PG:-}" ]; then
        scripts/pg-test.sh schema "$TOUCHLINE_TEST_PG" "t_$(basename "$0" .sh)_$$_$1"
    else
        echo "$TMP/$1.db"
    fi
}
# dbsql DB SQL: one query's rows (|-separated) on either kind of database
dbsql() {
    case "$1" in
    postgres*) psql -qAt "$1" -c "$2" ;;
    *) sqlite3 "$1" "$2" ;;
    esac
}
# serve_bg OUT CMD...: starts CMD (touchline serve --port 0 ...) in the
# background, its output in OUT (removed first: a line left there by a
# server before it must not be taken for this one's), and waits up to 20 s
# for it to say where it serves; $pid, and $port (empty if it did not)
serve_bg() {
    o=$1; shift
    rm -f "$o"
    "$@" >"$o" 2>&1 &
    pid=$!
    for i in $(seq 200); do grep -q "serving" "$o" 2>/dev/null && break; sleep 0.1; done
    port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/api.*/\1/p' "$o")
}
# on_pg: the test runs on PostgreSQL
on_pg() { [ -n "${TOUCHLINE_TEST_PG:-}" ]; }
