#!/usr/bin/env bash
# Screenshots of the dashboard under load, for docs/screenshots/: runs roomgate-server
# with its window on a virtual display (Xvfb) in Korean, puts load on it with
# scripts/dashboard-load.py and captures one tab per run.
# Needs: xvfb, imagemagick, x11-utils, fonts-noto-cjk, python3-websockets (Debian).
# Usage: scripts/dashboard-screenshots.sh   (after scripts/build.sh roomgate-server)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ROOMGATE_BUILD_DIR:-build}
server="$build/server/app/roomgate-server"
out=docs/screenshots
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
mkdir -p "$out"

# shot TAB LOAD_SECONDS FILE: one server run with the window on TAB, captured after the load.
shot() {
  local tab=$1 seconds=$2 file=$3
  xvfb-run -a -s "-screen 0 1400x900x24" env \
    TAB="$tab" PYTHON="${PYTHON:-python3}" SERVER="$server" DATA="$data" \
    SECONDS_OF_LOAD="$seconds" FILE="$file" \
    bash -c '
      set -euo pipefail
      # Korean for the window only: X tools need a locale that exists on the machine.
      LANG=ko_KR.UTF-8 LANGUAGE=ko ROOMGATE_DASHBOARD_TAB="$TAB" \
        "$SERVER" --dashboard --data-dir "$DATA" --http-port 18480 --ws-port 18481 \
                  --password-cost minimum --ticket-ttl 30 --rate-limits off >"$DATA/server.log" 2>&1 &
      pid=$!
      for _ in $(seq 100); do grep -q "ready http" "$DATA/server.log" && break; sleep 0.1; done
      "${PYTHON:-python3}" scripts/dashboard-load.py 18480 "$SECONDS_OF_LOAD" 36 &
      load=$!
      sleep "$SECONDS_OF_LOAD"
      window=$(xwininfo -root -tree | awk "/Roomgate/ { print \$1; exit }")
      [ -n "$window" ] || { echo "no dashboard window on the display" >&2; exit 1; }
      import -window "$window" "$FILE"
      kill "$load" 2>/dev/null || true
      wait "$load" 2>/dev/null || true
      kill -TERM "$pid"
      wait "$pid"
    '
  echo "wrote $file ($(du -k "$file" | cut -f1) KiB)"
}

shot overview 75 "$out/dashboard-overview.png"
shot rooms 30 "$out/dashboard-rooms.png"
shot members 30 "$out/dashboard-members.png"
