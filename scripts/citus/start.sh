#!/usr/bin/env bash
# Starts a local Citus cluster for Tandem's tests and bench: a coordinator and two workers,
# each a PostgreSQL 15 cluster of its own on a loopback port, trust authentication, Citus
# preloaded, the workers added to the coordinator. It needs an installed Citus extension; it
# never builds one. Prints the TEST_CITUS_URL to use. Stop it with scripts/citus/stop.sh.
#
#   scripts/citus/start.sh            # ports 5433 (coordinator), 5434, 5435 (workers)
#   CITUS_PORT=6433 CITUS_DIR=/tmp/c scripts/citus/start.sh
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_CONFIG="${PG_CONFIG:-$PG_BIN/pg_config}"
[ -x "$PG_CONFIG" ] || PG_CONFIG="$(command -v pg_config || true)"
DIR="${CITUS_DIR:-/tmp/tandem-citus}"
BASE="${CITUS_PORT:-5433}"
PORTS=("$BASE" "$((BASE + 1))" "$((BASE + 2))")

say() { printf '%s\n' "$*" >&2; }

if [ ! -x "$PG_BIN/initdb" ] || [ -z "$PG_CONFIG" ]; then
  say "PostgreSQL 15's server programs are not in $PG_BIN (set PG_BIN to the folder holding"
  say "initdb and pg_ctl). On Debian: apt-get install postgresql-15."
  exit 1
fi
if [ "$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')" != 15 ]; then
  say "$PG_CONFIG is not PostgreSQL 15's; set PG_BIN to PostgreSQL 15's bin folder."
  exit 1
fi
LIBDIR="$("$PG_CONFIG" --pkglibdir)"
SHAREDIR="$("$PG_CONFIG" --sharedir)"
if [ ! -f "$LIBDIR/citus.so" ] || [ ! -f "$SHAREDIR/extension/citus.control" ]; then
  say "The Citus extension is not installed for PostgreSQL 15 (no $LIBDIR/citus.so or"
  say "$SHAREDIR/extension/citus.control). Install Citus 13 for PostgreSQL 15 from your"
  say "packages (Citus Data publishes them: https://docs.citusdata.com/en/stable/installation/),"
  say "then run this again. This repository does not build Citus."
  exit 1
fi

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"

psql_at() { # port, sql
  as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atc "$2"
}

for port in "${PORTS[@]}"; do
  data="$DIR/node-$port"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$PG_BIN/initdb" -D "$data" -U postgres -A trust --no-sync >/dev/null
    # A throwaway test cluster: durability is traded for speed, as the test server does.
    cat >>"$data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
shared_preload_libraries = 'citus'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  if ! as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$DIR/node-$port.log" -w start >/dev/null
  fi
  psql_at "$port" "create extension if not exists citus"
done

coordinator="${PORTS[0]}"
psql_at "$coordinator" "select citus_set_coordinator_host('127.0.0.1', $coordinator)" >/dev/null
for port in "${PORTS[@]:1}"; do
  if [ "$(psql_at "$coordinator" "select count(*) from pg_dist_node where nodeport = $port")" = 0 ]; then
    psql_at "$coordinator" "select citus_add_node('127.0.0.1', $port)" >/dev/null
  fi
done

say "Citus $(psql_at "$coordinator" "select extversion from pg_extension where extname = 'citus'"): coordinator on $coordinator, workers on ${PORTS[1]} and ${PORTS[2]} (data in $DIR)."
say "Tests and the bench find the workers from the coordinator. Use:"
echo "export TEST_CITUS_URL=postgres://postgres@127.0.0.1:$coordinator/postgres"
