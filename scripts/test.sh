#!/usr/bin/env bash
# Fresh Debian machine to a passing test suite: installs, builds with warnings as
# errors, checks formatting, the folders' one-way includes and a clang-tidy slice (all of it
# in ROOMGATE_TIDY_SLICES commits; scripts/check-tidy.sh), runs every Qt Test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
scripts/build.sh
scripts/check-format.sh
scripts/check-layers.sh
scripts/check-tidy.sh
cd "${ROOMGATE_BUILD_DIR:-build}"
ctest --output-on-failure -j2 "$@"
