#!/usr/bin/env bash
# A private PostgreSQL for the tests and the store benchmark: a throwaway cluster in a temporary folder,
# listening on 127.0.0.1 at an uncommon port, never the machine's own server.
#
#   eval "$(scripts/postgres.sh start)"   # starts it and prints: export SANAD_PG_PORT=… TEST_DATABASE_URL=postgres://…
#   scripts/postgres.sh stop              # stops it (the one on $SANAD_PG_PORT) and removes the folder
#
# The port is SANAD_PG_PORT, or a free one chosen by the system at start: two runs on one machine never collide.
#
# Debian's postgresql-15 is installed when missing (as root). The server refuses to run as root, so as root
# it runs as the `postgres` user.
set -euo pipefail

free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}
if [ -n "${SANAD_PG_PORT:-}" ]; then PORT="$SANAD_PG_PORT"
elif [ "${1:-}" = start ]; then PORT="$(free_port)"
else echo "SANAD_PG_PORT is not set: which server? (scripts/postgres.sh start prints it)" >&2; exit 2
fi
BIN="${SANAD_PG_BIN:-/usr/lib/postgresql/15/bin}"
DIR="${TMPDIR:-/tmp}/sanad-postgres-$PORT"
URL="postgres://sanad:sanad@127.0.0.1:$PORT/sanad"

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  [ -x "$BIN/initdb" ] && return
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL 15 is not installed ($BIN/initdb is missing); install Debian's postgresql-15 as root" >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >&2
}

start() {
  install
  if [ -e "$DIR" ]; then
    echo "$DIR already exists: a server may be running on port $PORT (scripts/postgres.sh stop)" >&2
    exit 1
  fi
  trap stop EXIT # a start that fails half-way leaves nothing running and nothing behind
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
  chmod 700 "$DIR"
  # local socket: trust (the folder is private); TCP: the password, as a real deployment would
  as_server "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >/dev/null
  as_server "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR" >/dev/null ||
    { cat "$DIR/server.log" >&2; exit 1; }
  as_server "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE sanad LOGIN PASSWORD 'sanad'" -c "CREATE DATABASE sanad OWNER sanad" >&2
  trap - EXIT
  echo "export SANAD_PG_PORT=$PORT TEST_DATABASE_URL=$URL"
}

stop() {
  if [ -f "$DIR/data/postmaster.pid" ]; then as_server "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: scripts/postgres.sh start|stop" >&2; exit 2 ;;
esac
