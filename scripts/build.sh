#!/usr/bin/env bash
# Configures (once) and builds Roomgate into build/ (or $ROOMGATE_BUILD_DIR).
# Usage: scripts/build.sh [target...]   (all targets when none is named)
# Extra CMake options at configure time: ROOMGATE_CMAKE_ARGS="-DROOMGATE_SANITIZE=ON".
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ROOMGATE_BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  # A compiler cache, where the machine has one, makes rebuilds of other trees cheap.
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # shellcheck disable=SC2086
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROOMGATE_FATAL_WARNINGS=ON \
        "${launcher[@]}" ${ROOMGATE_CMAKE_ARGS:-}
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build" -j"$(nproc)" "${targets[@]}"
