#!/usr/bin/env bash
# Fresh Debian machine to a running server on the embedded default (SQLite in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh run
scripts/build.sh roomgate-server
exec "${ROOMGATE_BUILD_DIR:-build}/server/app/roomgate-server" --headless --data-dir "${ROOMGATE_DATA_DIR:-data}" "$@"
