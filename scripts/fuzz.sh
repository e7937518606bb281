#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang into build-fuzz/ (or $ROOMGATE_FUZZ_BUILD_DIR)
# and runs each one: first once over every input of its corpus fuzz/corpus/<target>/ (the
# hand-written seeds, and the regression-* inputs that once crashed it), then fuzzing from
# those for SECONDS. What a run learns goes to build-fuzz/corpus/<target>/: the corpus in the
# repository is never written. A crash leaves its input in build-fuzz/artifacts/<target>/
# and fails the script; that input goes into fuzz/corpus/<target>/regression-<what> with the
# fix, and into a unit test in tests/.
# Usage: scripts/fuzz.sh [SECONDS]   (per target, default 60; 0: the corpus once only)
#        scripts/fuzz.sh --build-only (CI builds it beside the other suite)
# Two targets run at a time (one per core, at most two).
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=0
if [ "${1:-}" = --build-only ]; then
  build_only=1
  shift
fi
seconds=${1:-60}
build=${ROOMGATE_FUZZ_BUILD_DIR:-build-fuzz}
targets=(http_request_parser request_body frames text_rules websocket_reader)

if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # Warnings are not errors here: this tree is clang's, the -Werror build is scripts/build.sh's.
  # Line tables only: a finding's stack keeps file and line, at a fraction of full -g's
  # compile time; a unity build, as scripts/test-sanitized.sh's, for the same reason.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -gline-tables-only" -DCMAKE_UNITY_BUILD=ON \
        -DROOMGATE_FUZZ=ON -DROOMGATE_BUILD_TESTS=OFF "${launcher[@]}"
fi
jobs=$(nproc)
[ "$jobs" -gt 2 ] && jobs=2
cmake --build "$build" -j"$jobs" --target roomgate_fuzz_targets
[ "$build_only" -eq 1 ] && exit 0

# UBSan findings abort (the targets are built with -fno-sanitize-recover=undefined), with a
# stack; libFuzzer itself reports leaks.
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}abort_on_error=0

# run_target NAME: its corpus once, then SECONDS of fuzzing; output in its log.
run_target() {
  local name=$1 bin=$build/fuzz/fuzz_$1 log=$build/logs/$1.log
  local seeds=fuzz/corpus/$1 dict=fuzz/dict/$1.dict
  local options=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1
                 -artifact_prefix="$build/artifacts/$name/")
  [ -f "$dict" ] && options+=(-dict="$dict")
  mkdir -p "$build/corpus/$name" "$build/artifacts/$name"
  {
    local inputs=()
    mapfile -t inputs < <(find "$seeds" -type f ! -name '.*' | sort)
    echo "== $name: ${#inputs[@]} inputs of $seeds, once each"
    [ ${#inputs[@]} -eq 0 ] || "$bin" "${options[@]}" "${inputs[@]}"
    if [ "$seconds" -gt 0 ]; then
      echo "== $name: fuzzing for $seconds s"
      "$bin" "${options[@]}" -max_total_time="$seconds" "$build/corpus/$name" "$seeds"
    fi
  } >"$log" 2>&1
}

mkdir -p "$build/logs"
status=0
report() { # report NAME STATUS
  if [ "$2" -eq 0 ]; then
    echo "fuzz_$1: ok ($(grep -h 'stat::number_of_executed_units' "$build/logs/$1.log" \
                           | awk '{s += $2} END {print s + 0}') runs)"
  else
    echo "fuzz_$1: FAILED (exit $2); the end of $build/logs/$1.log:" >&2
    tail -n 80 "$build/logs/$1.log" >&2
    status=1
  fi
}
declare -A names=() # pid -> target
reap() { # waits for one target to end and reports it
  local pid code=0
  wait -n -p pid || code=$?
  report "${names[$pid]}" "$code"
  unset "names[$pid]"
}
for name in "${targets[@]}"; do
  [ ${#names[@]} -ge "$jobs" ] && reap
  run_target "$name" &
  names[$!]=$name
done
while [ ${#names[@]} -gt 0 ]; do reap; done
exit $status
