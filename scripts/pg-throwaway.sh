#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and CI: loopback only, trust auth, no fsync.
#
#   scripts/pg-throwaway.sh start DIR PORT   # prints postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-throwaway.sh start DIR PORT --durable   # same, with fsync and synchronous commit on, as in
#                                                      # production: what a crash test needs (without them a
#                                                      # crash may lose commits already acknowledged)
#   scripts/pg-throwaway.sh stop DIR         # stops it and deletes DIR
#   scripts/pg-throwaway.sh crash DIR        # kills the server (immediate shutdown), keeps its data
#   scripts/pg-throwaway.sh resume DIR       # starts a crashed cluster again, same port and data
#
# Only the URL goes to stdout, so callers can capture it; everything else goes to stderr.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
# PG_BIN may point at a bin folder; otherwise the newest /usr/lib/postgresql/*/bin is used.
set -euo pipefail

# Written into DIR on start; `stop` deletes only folders that carry it, never anything else.
MARKER=.pg-throwaway

die() { echo "pg-throwaway: $*" >&2; exit 1; }

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$bin" && -x "$bin/initdb" ]] || die "no PostgreSQL found (apt-get install postgresql, or set PG_BIN)"
  echo "$bin"
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir=$1 port=$2 durable=${3:-} bin
  [[ $port =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
  bin=$(find_bin)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [[ -e "$dir/data" ]] && die "$dir/data already exists; stop that cluster first"
  touch "$dir/$MARKER"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user (the postgresql package creates it)"
    chown postgres: "$dir"
  fi

  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  # The socket lives in DIR so two clusters on one machine never share a socket folder.
  local opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200"
  if [[ $durable != --durable ]]; then opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  echo "$opts" >"$dir/.pg-options"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 start >&2 \
    || { cat "$dir/server.log" >&2; die "the server did not start (is port $port free?)"; }

  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

# Fault injection for tests: an immediate shutdown is what a crash looks like to clients (every
# connection drops, uncommitted transactions are lost); `resume` runs crash recovery and listens again.
crash() {
  local dir=$1
  [[ -f "$dir/$MARKER" ]] || die "$dir was not made by this script; not touching it"
  as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2
}

resume() {
  local dir=$1
  [[ -f "$dir/$MARKER" && -f "$dir/.pg-options" ]] || die "$dir was not made by this script; not touching it"
  as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$(cat "$dir/.pg-options")" -w -t 60 start >&2 \
    || { cat "$dir/server.log" >&2; die "the server did not start again"; }
}

stop() {
  local dir=$1 bin
  [[ -d "$dir" ]] || return 0
  [[ -f "$dir/$MARKER" ]] || die "$dir was not made by this script; not touching it"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    bin=$(find_bin)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) [[ $# -eq 3 || ( $# -eq 4 && $4 == --durable ) ]] || die "usage: $0 start DIR PORT [--durable]"; start "$2" "$3" "${4:-}" ;;
  stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$2" ;;
  crash) [[ $# -eq 2 ]] || die "usage: $0 crash DIR"; crash "$2" ;;
  resume) [[ $# -eq 2 ]] || die "usage: $0 resume DIR"; resume "$2" ;;
  *) die "usage: $0 start DIR PORT | stop DIR | crash DIR | resume DIR" ;;
esac
