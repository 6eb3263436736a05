#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for the store tests and print its URL.
# Installs the Debian package when the server binaries are missing (root or sudo). Prints
# nothing and exits 0 when no server can be started: the PostgreSQL tests then skip.
set -u
PORT="${CONFLICTLENS_PG_PORT:-5432}"
DIR="${CONFLICTLENS_PG_DIR:-/tmp/conflictlens-pg}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi; }
bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(bindir)" ]; then
  { as_root apt-get update -q && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql; } >&2 || true
fi
BIN="$(bindir)"
[ -n "$BIN" ] || { echo "postgresql: not installed, PostgreSQL tests will skip" >&2; exit 0; }
# The server refuses to run as root: run it as the postgres user when we are root.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "postgresql: no postgres user, tests will skip" >&2; exit 0; }
  run() { su postgres -s /bin/bash -c "$*"; }
  mkdir -p "$DIR" && chown postgres "$DIR"
else
  run() { bash -c "$*"; }
  mkdir -p "$DIR"
fi
if ! run "'$BIN/pg_ctl' -D '$DIR/data' status" >/dev/null 2>&1; then
  [ -f "$DIR/data/PG_VERSION" ] || run "'$BIN/initdb' -D '$DIR/data' -U postgres --auth=trust -E UTF8" >/dev/null 2>&1 \
    || { echo "postgresql: initdb failed, tests will skip" >&2; exit 0; }
  run "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w -t 30 -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DIR'\" start" >/dev/null 2>&1 \
    || { echo "postgresql: server did not start on 127.0.0.1:$PORT (see $DIR/server.log), tests will skip" >&2; exit 0; }
fi
run "'$BIN/psql' -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='conflictlens_test'\"" 2>/dev/null | grep -q 1 \
  || run "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U postgres conflictlens_test" >&2 || true
echo "postgresql://postgres@127.0.0.1:$PORT/conflictlens_test"
