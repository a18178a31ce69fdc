#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1 only, in a temporary folder.
#   eval "$(tests/postgres.sh start)"   installs Debian's postgresql when missing, starts a private cluster and
#                                       prints 'export SELFHEAL_TEST_POSTGRES=<connection string>'
#   tests/postgres.sh stop              stops it and deletes its folder
# The cluster trusts local connections: it listens only on loopback and lives only for the test run.
set -euo pipefail

state="${TMPDIR:-/tmp}/selfheal-test-postgres-$(id -u)"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# Runs a PostgreSQL tool as the cluster's owner: 'postgres' when we are root (initdb refuses root), else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  if [ -z "$(bin_dir)" ]; then
    echo "Installing: postgresql" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
  fi
  local bin; bin="$(bin_dir)"
  stop_quietly
  mkdir -p "$state"
  [ "$(id -u)" -eq 0 ] && chown postgres "$state"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/initdb" -D "$state/data" -U postgres --auth=trust -E UTF8 --no-locale >"$state/initdb.log" 2>&1 \
    || { cat "$state/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$state' -c fsync=off -c max_connections=200" start >&2 \
    || { cat "$state/server.log" >&2; exit 1; }
  echo "$port" > "$state/port"
  echo "export SELFHEAL_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
}

stop_quietly() {
  local bin; bin="$(bin_dir)"
  if [ -n "$bin" ] && [ -f "$state/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$state/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop_quietly ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
