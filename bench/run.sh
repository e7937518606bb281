#!/usr/bin/env bash
# Runs one benchmark scenario with roomgate-bench: first against the bare reference server
# (reserve, fanout, idle have one), then against a fresh roomgate-server, with the same
# generator settings; prints both results and their comparison as one JSON object on stdout.
# See docs/performance.md.
#
# Usage: bench/run.sh SCENARIO [roomgate-bench options...]
#   e.g. bench/run.sh reserve --connections 32 --duration 10
#        ROOMGATE_NODES=3 ROOMGATE_POSTGRES=1 BENCH_TARGETS=roomgate bench/run.sh enter
#
# Environment:
#   ROOMGATE_BUILD_DIR   build directory (default build/); missing binaries are built there
#   BENCH_TARGETS        which to run: "bare roomgate" (default), "roomgate", "bare"
#   BENCH_OUT            a directory to keep the results and the servers' logs in
#   BARE_SYNCHRONOUS     the bare HTTP server's SQLite synchronous mode: full (default, as
#                        Roomgate) or normal
#   ROOMGATE_NODES       roomgate-server nodes to start (default 1), each with its own ports
#                        and data dir and one shared ticket secret; the generator spreads its
#                        users over them. More than one needs a shared --database.
#   ROOMGATE_SERVER_ARGS more options for every node, e.g. '--database postgresql://…
#                        --broker amqp://…' (BENCH_SERVER_ARGS is the same)
#   ROOMGATE_POSTGRES    1: start a throwaway PostgreSQL (scripts/postgres.sh) and give every
#                        node --database on it
#   ROOMGATE_SERVER_BINARY, ROOMGATE_BENCH_BINARY, ROOMGATE_BARE_HTTP_BINARY,
#   ROOMGATE_BARE_WS_BINARY: use these binaries (when all are set, nothing is built)
# Exit status: 0 when every run completed without errors and every server stopped cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
scenario=$1
shift

build=${ROOMGATE_BUILD_DIR:-build}
server=${ROOMGATE_SERVER_BINARY:-$build/server/app/roomgate-server}
bench=${ROOMGATE_BENCH_BINARY:-$build/bench/roomgate-bench}
bare_http=${ROOMGATE_BARE_HTTP_BINARY:-$build/bench/baseline/roomgate-bare-http}
bare_ws=${ROOMGATE_BARE_WS_BINARY:-$build/bench/baseline/roomgate-bare-ws}
if [ -z "${ROOMGATE_SERVER_BINARY:-}" ] || [ -z "${ROOMGATE_BENCH_BINARY:-}" ] \
   || [ -z "${ROOMGATE_BARE_HTTP_BINARY:-}" ] || [ -z "${ROOMGATE_BARE_WS_BINARY:-}" ]; then
  ROOMGATE_BUILD_DIR=$build scripts/build.sh roomgate-server roomgate-bench \
    roomgate-bare-http roomgate-bare-ws >&2
fi
targets=${BENCH_TARGETS:-bare roomgate}
nodes=${ROOMGATE_NODES:-1}
server_args=${ROOMGATE_SERVER_ARGS:-${BENCH_SERVER_ARGS:-}}
if ! [[ $nodes =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: ROOMGATE_NODES must be a positive number, got '$nodes'" >&2
  exit 2
fi
if [ "$nodes" -gt 1 ] && [ "${ROOMGATE_POSTGRES:-0}" != 1 ] \
   && [[ " $server_args " != *" --database "* ]]; then
  echo "run.sh: $nodes nodes need one shared database: set ROOMGATE_POSTGRES=1 or give" \
       "--database postgresql://… in ROOMGATE_SERVER_ARGS" >&2
  exit 2
fi

case $scenario in
  reserve) bare_kind=http ;;
  fanout|idle) bare_kind=ws ;;
  enter|storm|mixed) bare_kind= ;;
  *) echo "run.sh: unknown scenario '$scenario' (reserve, enter, storm, fanout, idle, mixed)" >&2
     exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roomgate-bench.XXXXXX")
pgdir=
pids=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local pid
  for pid in "${pids[@]+"${pids[@]}"}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]+"${pids[@]}"}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$pgdir" ]; then
    scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# forget PID: a process that has been waited for is no longer ours to signal.
forget() {
  local keep=() p
  for p in "${pids[@]+"${pids[@]}"}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  pids=("${keep[@]+"${keep[@]}"}")
}

# wait_ready LOG PID PATTERN: waits (at most 60 s) for the ready line of the process PID.
wait_ready() {
  local log=$1 pid=$2 pattern=$3
  for _ in $(seq 600); do
    if grep -q "$pattern" "$log" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: the server exited before it was ready:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "run.sh: no ready line after 60 s:" >&2
  cat "$log" >&2
  return 1
}

# stop PID NAME: SIGTERM, at most 20 s for a clean exit; its exit status in $stopped.
stop() {
  local pid=$1
  stopped=0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "run.sh: $2 did not stop within 20 s of SIGTERM (killed)" >&2
  fi
  wait "$pid" 2>/dev/null || stopped=$?
  forget "$pid"
}

# Loopback source addresses, so that no per-address limit of the server is what is measured.
common=(--source-addresses 64)
status=0
rc=0

# run_bench OUT ARGS...: the generator in the background (so that a signal is handled at
# once and cleanup() stops it too); its exit status in $rc.
run_bench() {
  local out=$1
  shift
  "$bench" "$scenario" "${common[@]}" "$@" >"$out" &
  local pid=$!
  pids+=("$pid")
  rc=0
  wait "$pid" || rc=$?
  forget "$pid"
  [ "$rc" = 0 ]
}

run_bare() {
  local log=$tmp/bare.log pid port args
  mkdir -p "$tmp/bare"
  if [ "$bare_kind" = http ]; then
    "$bare_http" --data-dir "$tmp/bare" --synchronous "${BARE_SYNCHRONOUS:-full}" >"$log" 2>&1 &
    pid=$!
    pids+=("$pid")
    wait_ready "$log" "$pid" '^roomgate-bare-http ready' || return 1
    port=$(sed -n 's/^roomgate-bare-http ready http=.*:\([0-9]*\)$/\1/p' "$log")
    args=(--http "http://127.0.0.1:$port")
  else
    "$bare_ws" >"$log" 2>&1 &
    pid=$!
    pids+=("$pid")
    wait_ready "$log" "$pid" '^roomgate-bare-ws ready' || return 1
    port=$(sed -n 's/^roomgate-bare-ws ready ws=.*:\([0-9]*\)$/\1/p' "$log")
    args=(--ws-port "$port")
  fi
  echo "run.sh: $scenario against the bare $bare_kind server (pid $pid)" >&2
  run_bench "$tmp/bare.json" --target bare "${args[@]}" --server-pid "$pid" "$@" \
    || { echo "run.sh: bare run exited $rc" >&2; status=1; }
  stop "$pid" bare
}

# start_postgres: a throwaway cluster (in a directory of its own, which its owner can
# reach), its URL added to the nodes' options.
start_postgres() {
  local url
  pgdir=$(mktemp -d "${TMPDIR:-/tmp}/roomgate-bench-pg.XXXXXX")
  chmod 755 "$pgdir"
  url=$(scripts/postgres.sh start "$pgdir") || return 1
  server_args+=" --database $url"
  echo "run.sh: PostgreSQL at $url" >&2
}

run_roomgate() {
  local i log pid http help secret
  local base=(--headless --http-port 0 --ws-port 0 --password-cost minimum)
  local node_pids=() servers=()
  help=$("$server" --help 2>&1 || true)
  # Until the server has them, pass only what it knows.
  grep -q -- '--rate-limits' <<<"$help" && base+=(--rate-limits off)
  if [ "$nodes" -gt 1 ]; then
    # One ticket secret for every node (a ticket reserved on one is claimed on another),
    # written before any node starts so that none creates its own.
    secret=$tmp/ticket-secret
    (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$secret")
    base+=(--secret-file "$secret")
  fi
  # shellcheck disable=SC2206
  base+=($server_args)
  for i in $(seq "$nodes"); do
    log=$tmp/roomgate.log
    [ "$nodes" -gt 1 ] && log=$tmp/roomgate-node$i.log
    mkdir -p "$tmp/roomgate-$i"
    "$server" "${base[@]}" --data-dir "$tmp/roomgate-$i" >"$log" 2>&1 &
    pid=$!
    pids+=("$pid")
    node_pids+=("$pid")
    wait_ready "$log" "$pid" '^roomgate-server ready' || return 1
    http=$(sed -n 's/^roomgate-server ready http=\([^ ]*\) ws=.*/\1/p' "$log")
    servers+=(--server "http://$http" --server-pid "$pid")
  done
  echo "run.sh: $scenario against $nodes roomgate-server node(s) (pids ${node_pids[*]}," \
       "${base[*]})" >&2
  run_bench "$tmp/roomgate.json" "${servers[@]}" "$@" \
    || { echo "run.sh: roomgate run exited $rc" >&2; status=1; }
  i=0
  for pid in "${node_pids[@]}"; do
    i=$((i + 1))
    log=$tmp/roomgate.log
    [ "$nodes" -gt 1 ] && log=$tmp/roomgate-node$i.log
    stop "$pid" "roomgate-server node $i"
    if [ "$stopped" != 0 ]; then
      echo "run.sh: roomgate-server node $i exited $stopped; its log ends:" >&2
      tail -n 30 "$log" >&2
      status=1
    fi
  done
}

if [ -n "$bare_kind" ] && [[ " $targets " == *" bare "* ]]; then
  run_bare "$@" || status=1
fi
if [[ " $targets " == *" roomgate "* ]]; then
  if [ "${ROOMGATE_POSTGRES:-0}" = 1 ]; then
    start_postgres || { echo "run.sh: could not start PostgreSQL" >&2; exit 1; }
  fi
  run_roomgate "$@" || status=1
fi

files=()
for f in bare roomgate; do [ -s "$tmp/$f.json" ] && files+=("$tmp/$f.json"); done
if [ ${#files[@]} -gt 0 ]; then
  "$bench" check "${files[@]}" || status=1
fi
comparison=null
if [ -s "$tmp/bare.json" ] && [ -s "$tmp/roomgate.json" ]; then
  comparison=$("$bench" compare "$tmp/bare.json" "$tmp/roomgate.json") || comparison=null
  sed -n 's/^ *"summary": "\(.*\)",\{0,1\}$/run.sh: \1/p' <<<"$comparison" >&2
fi
{
  printf '{\n"scenario": "%s",\n"bare": ' "$scenario"
  if [ -s "$tmp/bare.json" ]; then cat "$tmp/bare.json"; else printf 'null\n'; fi
  printf ',\n"roomgate": '
  if [ -s "$tmp/roomgate.json" ]; then cat "$tmp/roomgate.json"; else printf 'null\n'; fi
  printf ',\n"comparison": %s\n}\n' "$comparison"
} | tee "$tmp/run.json"
if [ -n "${BENCH_OUT:-}" ]; then
  mkdir -p "$BENCH_OUT"
  cp "$tmp"/*.json "$tmp"/*.log "$BENCH_OUT"/ 2>/dev/null || true
fi
exit $status
