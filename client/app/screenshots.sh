#!/usr/bin/env bash
# Screenshots of the desktop client for docs/screenshots/ and the README: the real app on a
# virtual display (Xvfb), against a real roomgate-server filled by screenshot-peer.py, driven
# with xdotool, captured with ImageMagick's import.
# Needs: xvfb, xdotool, imagemagick, x11-utils, fonts-noto-cjk, python3-websockets, openssl
# (Debian).
# Usage: client/app/screenshots.sh   (after building roomgate and roomgate-server)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${ROOMGATE_BUILD_DIR:-build}
export SERVER="$build/server/app/roomgate-server" APP="$build/client/app/roomgate"
export OUT=docs/screenshots WORK
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  # A step that fails must not leave a server holding the ports for the next run.
  trap "kill \$(jobs -p) 2>/dev/null || true" EXIT
  port=18580
  export ROOMGATE_ADMIN_PASSWORD="screenshots only, not a secret"
  "$SERVER" --data-dir "$WORK/data" --password-cost minimum --create-admin root >/dev/null
  # The peer makes more accounts from one address than the default limits allow.
  "$SERVER" --headless --data-dir "$WORK/data" --http-port $port --ws-port $((port + 1)) \
            --password-cost minimum --ticket-ttl 60 --rate-limits off >"$WORK/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q "ready http" "$WORK/server.log" && break; sleep 0.1; done
  /usr/bin/python3 client/app/screenshot-peer.py $port root >"$WORK/peer.log" 2>&1 &
  peer=$!
  for _ in $(seq 100); do grep -q "peer ready" "$WORK/peer.log" && break; sleep 0.1; done
  long_latin=$(printf "W%.0s" $(seq 64))
  long_hangul="가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아"

  # visible PID: the id of the shown top-level window of process PID (waits for it).
  visible() { xdotool search --sync --onlyvisible --pid "$1" | tail -1; }
  shot() { import -window "$1" "$2"; echo "wrote $2 ($(du -k "$2" | cut -f1) KiB)"; }
  # signin PID: types the password into the sign-in window of PID and presses Enter.
  signin() {
    local window
    window=$(visible "$1")
    xdotool windowfocus --sync "$window"
    xdotool type --delay 40 "correct horse"
    xdotool key Return
    sleep 2
  }
  # unreachable LANG SHOT: the sign-in window against a port where nothing listens.
  unreachable() {
    HOME="$WORK/far-$1" LANG=$([ "$1" = ko ] && echo ko_KR.UTF-8 || echo en_US.UTF-8) \
      "$APP" --lang "$1" --no-keychain --server "http://127.0.0.1:$((port + 7))" --user alice &
    local app=$! window
    signin $app
    window=$(visible $app)
    shot "$window" "$2"
    kill $app
    wait $app || true
  }
  # longname LANG ROOM USER SHOT: the room of the longest name, the window at 1024 × 700.
  longname() {
    HOME="$WORK/long-$1" LANG=$([ "$1" = ko ] && echo ko_KR.UTF-8 || echo en_US.UTF-8) \
      "$APP" --lang "$1" --no-keychain --server "http://127.0.0.1:$port" --user "$3" \
      --enter "$2" &
    local app=$! window
    signin $app
    window=$(visible $app)
    xdotool windowsize --sync "$window" 1024 700
    sleep 2.5
    shot "$window" "$4"
    kill $app
    wait $app || true
  }

  # certificate LANG SHOT: the sign-in window asking about a self-signed certificate.
  certificate() {
    HOME="$WORK/tls-$1" LANG=$([ "$1" = ko ] && echo ko_KR.UTF-8 || echo en_US.UTF-8) \
      "$APP" --lang "$1" --no-keychain --server "https://127.0.0.1:$tls_port" --user carol &
    local app=$! window
    signin $app
    window=$(visible $app)
    shot "$window" "$2"
    kill $app
    wait $app || true
  }

  # watching LANG USER SHOT: a room full of members only, watched for a free seat.
  watching() {
    HOME="$WORK/watch-$1" LANG=$([ "$1" = ko ] && echo ko_KR.UTF-8 || echo en_US.UTF-8) \
      "$APP" --lang "$1" --no-keychain --server "http://127.0.0.1:$port" --user "$2" \
      --enter Duet &
    local app=$! window
    signin $app
    window=$(visible $app)
    xdotool windowsize --sync "$window" 1024 700
    sleep 2.5
    shot "$window" "$3"
    kill $app
    wait $app || true
  }
  # createroom LANG SHOT: the create-room dialog with a name one character too long.
  createroom() {
    HOME="$WORK/create-$1" LANG=$([ "$1" = ko ] && echo ko_KR.UTF-8 || echo en_US.UTF-8) \
      "$APP" --lang "$1" --no-keychain --server "http://127.0.0.1:$port" --user dana &
    local app=$! window title
    signin $app
    window=$(visible $app)
    xdotool windowfocus --sync "$window"
    xdotool key ctrl+n
    title=$([ "$1" = ko ] && echo "방 만들기" || echo "Create a room")
    window=$(xdotool search --sync --onlyvisible --pid $app --name "^$title\$" | tail -1)
    xdotool type --delay 10 "$long_latin"W
    sleep 1
    shot "$window" "$2"
    kill $app
    wait $app || true
  }

  # A server that is not there, in both languages: told apart from the server refusing.
  unreachable en "$OUT/client-unreachable.png"
  unreachable ko "$OUT/client-unreachable-ko.png"

  # A TLS server with a self-signed certificate made here: asked about once, in both languages.
  tls_port=$((port + 10))
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/tls.key" -out "$WORK/tls.pem" \
          -days 2 -subj "/CN=chat.example.org" 2>/dev/null
  "$SERVER" --headless --data-dir "$WORK/tls-data" --http-port $tls_port \
            --ws-port $((tls_port + 1)) --password-cost minimum \
            --tls-cert "$WORK/tls.pem" --tls-key "$WORK/tls.key" >"$WORK/tls-server.log" 2>&1 &
  tls_server=$!
  for _ in $(seq 100); do grep -q "ready http" "$WORK/tls-server.log" && break; sleep 0.1; done
  certificate en "$OUT/client-certificate.png"
  certificate ko "$OUT/client-certificate-ko.png"
  kill -TERM $tls_server
  wait $tls_server || true

  # alice, in English: sign in, the room list, a chat with bob.
  HOME="$WORK/alice" LANG=en_US.UTF-8 "$APP" --server "http://127.0.0.1:$port" --user alice &
  alice=$!
  window=$(visible $alice)
  xdotool windowfocus --sync "$window"
  xdotool type --delay 40 "correct horse"
  sleep 0.5
  shot "$window" "$OUT/client-signin.png"
  xdotool key alt+r
  sleep 2
  window=$(visible $alice)
  xdotool windowsize --sync "$window" 1280 800
  xdotool windowfocus --sync "$window"
  sleep 1
  xdotool key ctrl+f Tab Down
  sleep 0.5
  shot root "$OUT/client-rooms.png"
  xdotool key ctrl+f
  xdotool type --delay 40 "Tea"
  xdotool key Return
  sleep 1.5
  xdotool type --delay 40 "Hi bob! Green tea for me, please."
  xdotool key Return
  xdotool key ctrl+f ctrl+a BackSpace
  sleep 2.5
  shot root "$OUT/client-chat.png"

  # The longest room names, in both languages and scripts: the window keeps its size.
  longname en "$long_latin" dana "$OUT/client-long-name.png"
  longname ko "$long_hangul" 서연 "$OUT/client-long-name-ko.png"

  # A room full of members only: the tab watches it and enters once a seat frees up.
  watching en ivy "$OUT/client-seat-watch.png"
  watching ko 준호 "$OUT/client-seat-watch-ko.png"
  # The rule for room names, shown whole in the create-room dialog.
  createroom en "$OUT/client-create-room.png"
  createroom ko "$OUT/client-create-room-ko.png"

  # 지민, in Korean: Study hall is full (members and a reservation that runs out later).
  HOME="$WORK/jimin" LANG=ko_KR.UTF-8 "$APP" --lang ko --server "http://127.0.0.1:$port" \
        --user 지민 --enter "Study hall" &
  jimin=$!
  window=$(visible $jimin)
  xdotool windowfocus --sync "$window"
  xdotool type --delay 40 "correct horse"
  xdotool key Return
  sleep 2
  window=$(visible $jimin)
  xdotool windowsize --sync "$window" 1280 800
  sleep 2.5
  shot root "$OUT/client-room-full-ko.png"
  kill $jimin
  wait $jimin || true

  # Back to alice: the server stops under her, the Tea Room tab counts down to reconnect.
  window=$(visible $alice)
  xdotool windowfocus --sync "$window"
  kill $peer
  wait $peer || true
  kill -TERM $server
  wait $server || true
  sleep 4
  shot root "$OUT/client-reconnect.png"
  kill $alice
  wait $alice || true
'
