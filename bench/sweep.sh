#!/usr/bin/env bash
# Runs the sweeps behind the plots of docs/performance.md: enter at several rates, fan-out
# to 100 members at several offered loads (bare reference and Roomgate), idle members at
# several counts (in one room, and in rooms of 100); results in
# OUTDIR/LABEL/<scenario>-<load>/. Plot them with scripts/plot-bench.py.
#
# Usage: bench/sweep.sh OUTDIR [LABEL=SERVER_BINARY...]
#   As bench/table.sh: each point runs on every server in turn; the bare reference with
#   the first. Default: one label, "roomgate", the built server.
# Environment: what bench/run.sh takes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
out=$1
shift
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=("roomgate=")
point() {
  local name=$1 targets=$2 first=1 entry label binary
  shift 2
  for entry in "${servers[@]}"; do
    label=${entry%%=*}
    binary=${entry#*=}
    echo "sweep.sh: $label $name: bench/run.sh $* ($(cut -d' ' -f1-3 /proc/loadavg))" >&2
    mkdir -p "$out/$label"
    # A point past saturation ends with timeouts or losses: that is a result, not a failure.
    BENCH_OUT="$out/$label/$name" ROOMGATE_SERVER_BINARY=${binary:-${ROOMGATE_SERVER_BINARY:-}} \
      BENCH_TARGETS=$([ $first = 1 ] && echo "$targets" || echo roomgate) \
      bench/run.sh "$@" --quiet >/dev/null || true
    first=0
  done
}
for rate in 100 250 500 750 1000 1500; do
  point "enter-$rate" roomgate enter --rate "$rate" --warmup 1 --duration 5
done
# Offered deliveries a second: messages a second x 100 members.
for deliveries in 10000 25000 50000 100000 200000 400000; do
  point "fanout-$deliveries" "bare roomgate" fanout --members 100 --senders 10 \
    --rate $((deliveries / 100)) --warmup 1 --duration 5
done
# All in one room (every join is announced to everyone), and in rooms of 100.
for members in 100 250 500 1000 2000; do
  point "idle-$members" "bare roomgate" idle --members "$members" --duration 5
done
for members in 200 500 1000 2000; do
  point "idle100-$members" roomgate idle --rooms $((members / 100)) --members 100 --duration 5
done
