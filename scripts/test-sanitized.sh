#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer (ROOMGATE_SANITIZE)
# into build-asan/ (or $ROOMGATE_ASAN_BUILD_DIR) and runs every CTest suite there, the
# servers the suites start included. A memory error, a leak, or any undefined behaviour
# fails the run, in a suite or in a server it started; the reports are printed at the end.
# Leaks suppressed: tests/sanitizers/lsan.supp (Qt's own, nothing of ours).
# Usage: scripts/test-sanitized.sh [ctest arguments]   (e.g. -R tst_frames)
#        scripts/test-sanitized.sh --build-only        (CI builds it beside the other suite)
#
# clang: the compiler and sanitizer runtimes of scripts/fuzz.sh too. Its warnings are not
# g++'s, so they are no errors here: the -Werror build is scripts/build.sh's. UBSan findings
# abort (-fno-sanitize-recover), whatever the options of the process.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ROOMGATE_ASAN_BUILD_DIR:-build-asan}
if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # -O1 and line tables only: the usual build for sanitizer runs, fast enough code and stacks
  # with file and line, and no full debug info to write (CI builds it on every run).
  # A unity build (each target's sources compiled a few at a time as one file) does the work
  # in about half the CPU time: Qt's headers are parsed once per batch, not once per file.
  # The g++ tree of scripts/build.sh stays one file at a time, so it still shows a missing
  # #include, and clang-tidy keeps its per-file compile commands.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_COMPILER=clang++ \
        -DROOMGATE_SANITIZE=ON -DCMAKE_UNITY_BUILD=ON \
        "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only -fno-sanitize-recover=undefined" \
        "${launcher[@]}"
fi
jobs=$(nproc)
[ "$jobs" -gt 2 ] && jobs=2
cmake --build "$build" -j"$jobs"
[ "${1:-}" = --build-only ] && exit 0

# Every finding is fatal and comes with a stack. The options reach the child processes too
# (the servers the suites start), whose stderr no one may read: so every report, a suite's
# own included, goes to a file of $build/sanitizer-logs/, and any such file fails the run.
logs=$(cd "$build" && pwd)/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
# fast_unwind_on_malloc=0: Qt is built without frame pointers, so only the slow unwinder
# sees past its frames, and the suppression of Qt's leak needs the frame it names.
export ASAN_OPTIONS=detect_leaks=1:strict_init_order=1:detect_stack_use_after_return=1:fast_unwind_on_malloc=0:log_path=$logs/report
export LSAN_OPTIONS=suppressions=$(pwd)/tests/sanitizers/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$logs/report
status=0
(cd "$build" && ctest --output-on-failure -j"$jobs" "$@") || status=$?

reports=("$logs"/*)
if [ -e "${reports[0]}" ]; then
  for report in "${reports[@]}"; do
    echo "== sanitizer report $(basename "$report"), of process:" \
         "$(grep -m1 -oE '/[^ ]*/(roomgate-server|roomgate|tst_[a-z_]+)\b' "$report" || echo '?')" >&2
    cat "$report" >&2
  done
  echo "test-sanitized: ${#reports[@]} sanitizer reports (above; also in $logs)" >&2
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
