#!/bin/sh
# Check the include rule (docs/architecture.md): each module includes only the
# public headers of the modules it may depend on, and only store/ includes
# sqlite3.h, only fetch/ includes curl and OpenSSL. Exits 1 on a violation.
set -eu
cd "$(dirname "$0")/.."

# module -> the touchline headers it may include (its own included)
allowed() {
    case "$1" in
    util)    echo "util" ;;
    model)   echo "util model" ;;
    import)  echo "util model csv intl ftxt json sb live" ;;
    resolve) echo "util model resolve" ;;
    store)   echo "util model store" ;;
    engine)  echo "util model engine" ;;
    report)  echo "util model engine report" ;;
    out)     echo "util model out" ;;
    fetch)   echo "util fetch" ;;
    load)    echo "util model csv intl ftxt sb live resolve store engine out load" ;;
    cli)     echo "util model csv intl ftxt resolve store engine report out fetch load" ;;
    server)  echo "util model csv intl ftxt live resolve store engine report out fetch load" ;;
    *)       echo "" ;;
    esac
}
# public header -> module that owns it
owner() {
    case "$1" in
    csv|intl|ftxt|json|sb|live) echo import ;;
    *) echo "$1" ;;
    esac
}

bad=0
check_file() { # file module
    for h in $(sed -n 's/^#include "touchline\/\([a-z_]*\)\.h".*/\1/p' "$1"); do
        case " $(allowed "$2") " in
        *" $h "*) ;;
        *) echo "include-rule: $1 ($2) includes touchline/$h.h (module $(owner "$h"))"; bad=1 ;;
        esac
    done
    if grep -q '#include <sqlite3.h>' "$1" && [ "$2" != store ]; then
        echo "include-rule: $1 includes sqlite3.h; only store/ may"; bad=1
    fi
    if grep -q '#include <libpq-fe.h>' "$1" && [ "$2" != store ]; then
        echo "include-rule: $1 includes libpq-fe.h; only store/ may"; bad=1
    fi
    if grep -qE '#include <(curl|openssl)/' "$1" && [ "$2" != fetch ]; then
        echo "include-rule: $1 includes curl or OpenSSL; only fetch/ may"; bad=1
    fi
    if grep -qE '#include <(unicase|uninorm|unictype|unistr)\.h>' "$1" && [ "$2" != util ]; then
        echo "include-rule: $1 includes libunistring; only util/ may (through tl_fold)"; bad=1
    fi
}
for d in src/*/; do
    m=$(basename "$d")
    for f in "$d"*.c "$d"*.h; do [ -f "$f" ] && check_file "$f" "$m"; done
done
for f in include/touchline/*.h; do
    h=$(basename "$f" .h)
    check_file "$f" "$(owner "$h")"
done
if [ "$bad" -ne 0 ]; then exit 1; fi
echo "include-rule: ok"
