#!/usr/bin/env bash
# Stops the cluster scripts/citus/start.sh started; `--remove` also deletes its data folder.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DIR="${CITUS_DIR:-/tmp/tandem-citus}"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

for data in "$DIR"/node-*; do
  [ -f "$data/PG_VERSION" ] || continue
  if as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    echo "stopped $(basename "$data")"
  fi
done
if [ "${1:-}" = "--remove" ]; then
  rm -rf "$DIR"
  echo "removed $DIR"
fi
