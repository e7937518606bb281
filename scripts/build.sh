#!/usr/bin/env bash
# Configures (once) and builds Roomgate into build/. Extra args go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ROOMGATE_BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DROOMGATE_FATAL_WARNINGS=ON "$@"
fi
cmake --build "$build" -j"$(nproc)"
