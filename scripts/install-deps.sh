#!/bin/sh
# Install the Debian packages touchline needs, only those that are missing.
# Idempotent; prints what it installs. Works as root on a fresh Debian 12
# (uses sudo when run as another user and sudo exists).
set -eu

# build + runtime: compiler, make, pkg-config, SQLite, libcurl, OpenSSL (SHA-256),
# libunistring (Unicode case folding and normalization of names)
# tests: cmocka, libmicrohttpd (the local file server the fetcher is tested against)
# fuzz: clang with libFuzzer; bench: the sqlite3 shell (the peer we are measured against);
# tests: jq checks that --json output is one valid JSON document
# bench: jansson, cJSON, json-c and simdjson (C++, so g++), the peers of the JSON reader
# tests: librsvg2-bin (rsvg-convert) renders the SVG pictures to check they are images
# tests: chromium (the web page end to end, driven by playwright-core from npm) and
# Node.js with npm (a Node.js that brings its own npm counts)
# bench: wrk, nginx-light (the peer of the HTTP API; its service is not started) and
# libevent-dev (evhttp, the other HTTP library measured)
# store: libpq-dev (the PostgreSQL backend); tests: postgresql (a server started in a
# temporary folder for the PostgreSQL run of the tests, scripts/pg-test.sh)
PKGS="gcc make pkg-config libsqlite3-dev libcurl4-openssl-dev libssl-dev libunistring-dev
libcmocka-dev libmicrohttpd-dev clang libclang-rt-dev sqlite3 jq ca-certificates
libjansson-dev libcjson-dev libjson-c-dev libsimdjson-dev g++ librsvg2-bin chromium nodejs
wrk nginx-light libevent-dev postgresql libpq-dev"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "install-deps: not root and no sudo; please install:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
echo "install-deps: done"
