#!/usr/bin/env bash
# Runs every scenario of the table in docs/performance.md at the sizes of the performance
# issue, each through bench/run.sh (bare reference first where there is one), and keeps
# the results in OUTDIR/<row>/ (run.json, bare.json, roomgate.json, the servers' logs).
#
# Usage: bench/table.sh OUTDIR
# Environment: what bench/run.sh takes (ROOMGATE_SERVER_BINARY picks the server,
# BENCH_TARGETS=roomgate skips the bare runs); MIXED_SECONDS (default 120) for the soak.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# = 1 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
out=$1
mkdir -p "$out"
status=0
row() {
  local name=$1
  shift
  echo "table.sh: $name: bench/run.sh $* ($(cut -d' ' -f1-3 /proc/loadavg))" >&2
  BENCH_OUT="$out/$name" bench/run.sh "$@" --quiet >/dev/null || {
    echo "table.sh: $name did not complete cleanly (see $out/$name)" >&2
    status=1
  }
}
row reserve reserve --connections 32 --warmup 2 --duration 10
row enter enter --rate 1000 --warmup 2 --duration 10
row fanout-100k fanout --members 100 --senders 10 --rate 1000 --warmup 2 --duration 10
row fanout-capacity fanout --members 100 --senders 10 --window 16 --warmup 2 --duration 10
row storm storm --users 10000 --capacity 100 --request-timeout 60
row idle idle --members 1000 --duration 10
row mixed mixed --duration "${MIXED_SECONDS:-120}"
exit $status
