#!/usr/bin/env bash
# Runs every scenario of the table in docs/performance.md at the sizes of the performance
# issue, each through bench/run.sh (the bare reference first where there is one), and keeps
# the results in OUTDIR/LABEL/<row>/ (run.json, bare.json, roomgate.json, the logs).
#
# Usage: bench/table.sh OUTDIR [LABEL=SERVER_BINARY...]
#   With several servers, each row runs on all of them in turn before the next row, so
#   that a busy moment of a shared machine does not fall on one of them only; the bare
#   reference runs with the first. Default: one label, "roomgate", the built server.
# Environment: what bench/run.sh takes; MIXED_SECONDS (default 120) for the soak.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
out=$1
shift
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=("roomgate=")
status=0
row() {
  local name=$1 first=1 entry label binary
  shift
  for entry in "${servers[@]}"; do
    label=${entry%%=*}
    binary=${entry#*=}
    echo "table.sh: $label $name: bench/run.sh $* ($(cut -d' ' -f1-3 /proc/loadavg))" >&2
    mkdir -p "$out/$label"
    if ! BENCH_OUT="$out/$label/$name" \
         ROOMGATE_SERVER_BINARY=${binary:-${ROOMGATE_SERVER_BINARY:-}} \
         BENCH_TARGETS=$([ $first = 1 ] && echo "${BENCH_TARGETS:-bare roomgate}" || echo roomgate) \
         bench/run.sh "$@" --quiet >/dev/null; then
      echo "table.sh: $label $name did not complete cleanly (see $out/$label/$name)" >&2
      status=1
    fi
    first=0
  done
}
row reserve reserve --connections 32 --warmup 2 --duration 10
row enter enter --rate 1000 --warmup 2 --duration 10
row fanout-100k fanout --members 100 --senders 10 --rate 1000 --warmup 2 --duration 10
row fanout-capacity fanout --members 100 --senders 10 --window 16 --warmup 2 --duration 10
row stalled fanout --members 10 --senders 1 --window 16 --stalled 1 --duration 20
row storm storm --users 10000 --capacity 100 --request-timeout 60
row idle idle --members 1000 --duration 10
row mixed mixed --duration "${MIXED_SECONDS:-120}"
exit $status
