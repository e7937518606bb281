#!/usr/bin/env bash
# Fresh Debian machine to a passing test suite: installs, builds with warnings as
# errors, checks formatting, runs every Qt Test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
scripts/build.sh
scripts/check-format.sh
scripts/check-layers.sh
cd "${ROOMGATE_BUILD_DIR:-build}"
ctest --output-on-failure -j2 "$@"
