#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and one-machine runs of the cluster JobRunner.
#   setup-postgres.sh start DIR PORT   → installs Debian's postgresql if absent, initdb in DIR,
#                                        starts it on 127.0.0.1:PORT (loopback only), prints the URL
#   setup-postgres.sh stop DIR         → stops it (fast shutdown)
#   setup-postgres.sh restart DIR      → stops and starts it again (same port)
# Runs the server as the `postgres` user when invoked as root (initdb refuses root).
set -euo pipefail
cmd=${1:?start|stop|restart}
dir=${2:?data folder}
port=${3:-54329}

find_bin() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v pg_ctl)")"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$d" ] && echo "$d"
}

bin=$(find_bin || true)
if [ -z "${bin}" ] && [ "$cmd" = start ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi
[ -n "${bin}" ] || { echo "setup-postgres: no PostgreSQL found" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "'$bin/initdb' -D '$dir' -U postgres -A trust --no-sync >/dev/null"
    fi
    echo "$port" >"$dir/sidereal.port"
    as_owner "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -w -t 30 \
      -o \"-h 127.0.0.1 -p $port -k '$dir' -c fsync=off\" start >/dev/null"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "'$bin/pg_ctl' -D '$dir' -m fast -w -t 30 stop >/dev/null" || true
    ;;
  restart)
    as_owner "'$bin/pg_ctl' -D '$dir' -m immediate -w -t 30 stop >/dev/null" || true
    sleep "${SIDEREAL_PG_DOWN_S:-2}"
    port=$(cat "$dir/sidereal.port")
    as_owner "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -w -t 30 \
      -o \"-h 127.0.0.1 -p $port -k '$dir' -c fsync=off\" start >/dev/null"
    ;;
  *) echo "usage: setup-postgres.sh start|stop|restart DIR [PORT]" >&2; exit 2 ;;
esac
