#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks: its own data dir, a free port,
# 127.0.0.1 only, never the machine's own service.
#   scripts/postgres.sh start DIR   # prints the database URL on stdout once it accepts
#   scripts/postgres.sh stop DIR
#   scripts/postgres.sh resume DIR  # starts a stopped cluster again, on its port
# start wipes a cluster left in DIR by an earlier run.
# Needs Debian's postgresql-15. initdb refuses root: as root the cluster runs as the
# postgres user (created by the package); when that user cannot reach DIR (a build tree under
# /root), the cluster lives in a directory of its own in /tmp, linked from DIR/cluster.
set -euo pipefail
cmd=${1:?start, stop or resume}
dir=$(realpath -m "${2:?a directory for the cluster}")
# The postgres user may not be allowed into the caller's directory.
cd /
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "postgres.sh: PostgreSQL server binaries not found (install postgresql-15)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Where the cluster's files are: DIR, or the directory DIR/cluster links to.
home_of() {
  if [ -L "$dir/cluster" ]; then readlink "$dir/cluster"; else echo "$dir"; fi
}

case "$cmd" in
start)
  old=$(home_of)
  if [ -d "$old/data" ]; then
    as_owner "$bin/pg_ctl" -D "$old/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    rm -rf "$old/data"
  fi
  [ -L "$dir/cluster" ] && { rm -rf "$old"; rm -f "$dir/cluster"; }
  mkdir -p "$dir"
  home=$dir
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      home=$(mktemp -d /tmp/roomgate-postgres.XXXXXX)
      chown postgres: "$home"
      ln -s "$home" "$dir/cluster"
    fi
  fi
  data="$home/data"
  as_owner "$bin/initdb" -D "$data" -U roomgate --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  cp "$data/postgresql.conf" "$dir/postgresql.conf.orig"
  # A random free port: another cluster (or anything else) may take one first, so retry.
  for attempt in 1 2 3 4 5; do
    port=$(shuf -i 20000-60000 -n 1)
    cp "$dir/postgresql.conf.orig" "$data/postgresql.conf"
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$home'
max_connections = 200
deadlock_timeout = '100ms'
CONF
    if as_owner "$bin/pg_ctl" -D "$data" -l "$home/server.log" -w -t 60 start >/dev/null; then
      break
    fi
    [ "$attempt" = 5 ] && { cat "$home/server.log" >&2; exit 1; }
  done
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U roomgate roomgate
  echo "$port" >"$dir/port"
  echo "postgresql://roomgate@127.0.0.1:$port/roomgate"
  ;;
resume)
  [ -f "$dir/port" ] || { echo "postgres.sh: no cluster in $dir" >&2; exit 1; }
  home=$(home_of)
  as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$home/server.log" >&2; exit 1; }
  echo "postgresql://roomgate@127.0.0.1:$(cat "$dir/port")/roomgate"
  ;;
stop)
  home=$(home_of)
  [ -d "$home/data" ] || exit 0
  as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  ;;
*)
  echo "usage: $0 start|stop|resume DIR" >&2
  exit 2
  ;;
esac
