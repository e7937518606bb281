#!/usr/bin/env bash
# A throwaway RabbitMQ broker for tests and development: Debian's rabbitmq-server with its
# own data, logs, node name, Erlang cookie, epmd and ports, all under DIR, listening on
# 127.0.0.1 only, no plugins. It never uses the machine's own broker service (/etc/rabbitmq,
# /var/lib/rabbitmq, port 5672, epmd on 4369), running or not, and needs no systemd. As root
# the broker runs as the rabbitmq user (created by the package).
#
#   scripts/rabbitmq.sh start DIR    stops and wipes a broker left in DIR, starts a new one on
#                                    free ports, waits until it speaks AMQP (at most
#                                    ROOMGATE_RABBITMQ_START_TIMEOUT s, default 60) and prints
#                                    its URL, e.g. amqp://roomgate:roomgate@127.0.0.1:23517/%2F
#   scripts/rabbitmq.sh stop DIR     stops it (SIGKILL after 30 s), keeps DIR
#   scripts/rabbitmq.sh resume DIR   starts a stopped broker again on its ports; prints the URL
#   scripts/rabbitmq.sh url DIR      prints the URL
#
# A broker never outlives its owner: start and resume leave a watcher that stops it once the
# owner is gone — process ROOMGATE_RABBITMQ_OWNER (a PID), by default the caller of this script
# (CTest, a test, a shell); ROOMGATE_RABBITMQ_OWNER=none for none.
# The broker's files (data, config, logs in log/) are in DIR/broker; as root, when the rabbitmq
# user cannot reach DIR (a build tree under /root), that is a link to a directory in /tmp.
# Needs rabbitmq-server (scripts/deps.sh test).
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|resume|url DIR" >&2
  exit 2
}
[ $# -ge 2 ] || usage
cmd=$1
if [ "$cmd" = start ]; then
  mkdir -p "$2"
elif [ ! -d "$2" ]; then
  [ "$cmd" = stop ] && exit 0 # nothing to stop
  echo "rabbitmq.sh: no broker in $2" >&2
  exit 1
fi
dir=$(cd "$2" && pwd)
link=$dir/broker
home=$(readlink -f "$link") # where the broker's files are

server=/usr/lib/rabbitmq/bin/rabbitmq-server
user=roomgate
password=roomgate
runas=rabbitmq # when run as root

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pid_of() { if [ -s "$1" ]; then cat "$1"; fi; }
# When process $1 started (clock ticks since boot): a PID reused later has another.
started_at() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }

# Ports something on this machine uses (listening or connected, IPv4 or IPv6).
used_ports() {
  local hex
  # shellcheck disable=SC2013 # one hex port a word
  for hex in $(sed -n 's/^ *[0-9]*: [0-9A-F]*:\([0-9A-F]*\) .*/\1/p' /proc/net/tcp \
    /proc/net/tcp6 2>/dev/null | sort -u); do
    echo $((16#$hex))
  done
}
# Three distinct free ports below the ephemeral range (no outgoing connection takes one of
# them between two runs): AMQP, Erlang distribution, epmd. Saved in DIR/ports for resume.
pick_ports() {
  local used p picked=()
  used=$(used_ports)
  while [ ${#picked[@]} -lt 3 ]; do
    p=$(shuf -i 20000-32000 -n 1)
    grep -qx "$p" <<<"$used" && continue
    [[ " ${picked[*]} " == *" $p "* ]] && continue
    picked+=("$p")
  done
  echo "${picked[*]}" >"$dir/ports"
}
read_ports() {
  [ -s "$dir/ports" ] || {
    echo "rabbitmq.sh: no broker in $dir (start one first)" >&2
    exit 1
  }
  read -r amqp_port dist_port epmd_port <"$dir/ports"
}

url() { echo "amqp://$user:$password@127.0.0.1:$amqp_port/%2F"; }

# True once the broker answers the AMQP 0-9-1 protocol header with a method frame
# (connection.start): it has booted, its users exist, and it accepts clients.
speaks_amqp() {
  local byte=""
  { exec 3<>"/dev/tcp/127.0.0.1/$amqp_port"; } 2>/dev/null || return 1
  printf 'AMQP\x00\x00\x09\x01' >&3
  IFS= read -r -t 2 -N 1 byte <&3 || true
  exec 3>&-
  [ "$byte" = $'\x01' ]
}

# Runs a command as the user the broker runs as.
as_broker() {
  if [ "$(id -u)" = 0 ]; then
    setpriv "--reuid=$runas" "--regid=$runas" --init-groups -- "$@"
  else
    "$@"
  fi
}

# A new, empty DIR/broker that the broker's user can write.
make_home() {
  if [ -L "$link" ]; then
    rm -rf "$(readlink "$link")"
  fi
  rm -rf "$link"
  mkdir "$link"
  home=$link
  if [ "$(id -u)" = 0 ]; then
    chown "$runas:" "$link"
    if ! as_broker test -w "$link"; then
      rmdir "$link"
      home=$(mktemp -d /tmp/roomgate-rabbitmq.XXXXXX)
      chown "$runas:" "$home"
      ln -s "$home" "$link"
    fi
  fi
}

# Writes, as the broker's user, stdin to DIR/broker/$1.
put() { as_broker tee "$home/$1" >/dev/null; }

write_config() {
  as_broker mkdir -p "$home/mnesia" "$home/log"
  put rabbitmq-env.conf </dev/null # instead of /etc/rabbitmq/rabbitmq-env.conf
  echo "[]." | put enabled_plugins
  put rabbitmq.conf <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp_port
default_user = $user
default_pass = $password
log.console = false
log.file.level = info
# a throwaway broker on a busy disk must not block its publishers
disk_free_limit.absolute = 10MB
EOF
  # Erlang resolves "localhost" itself for the node name: no /etc/hosts needed.
  echo '{host, {127,0,0,1}, ["localhost"]}.' | put erl_inetrc
}

# Starts the broker in the background; its launcher's PID goes to DIR/launcher.pid.
launch() {
  rm -f "$home/rabbit.pid"
  local as=()
  if [ "$(id -u)" = 0 ]; then
    as=(setpriv "--reuid=$runas" "--regid=$runas" --init-groups --)
  fi
  (
    cd "$home"
    export HOME="$home" # the Erlang cookie
    export RABBITMQ_NODENAME="roomgate-$amqp_port@localhost"
    export RABBITMQ_CONF_ENV_FILE="$home/rabbitmq-env.conf"
    export RABBITMQ_CONFIG_FILE="$home/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$home/advanced.config"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$home/enabled_plugins"
    export RABBITMQ_MNESIA_BASE="$home/mnesia"
    export RABBITMQ_LOG_BASE="$home/log"
    export RABBITMQ_LOGS="$home/log/rabbit.log"
    export RABBITMQ_PID_FILE="$home/rabbit.pid"
    export RABBITMQ_PLUGINS_EXPAND_DIR="$home/plugins-expand"
    export RABBITMQ_DIST_PORT="$dist_port"
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export ERL_EPMD_PORT="$epmd_port" ERL_EPMD_ADDRESS=127.0.0.1
    export ERL_INETRC="$home/erl_inetrc"
    export ERL_CRASH_DUMP="$home/log/erl_crash.dump"
    unset NOTIFY_SOCKET RABBITMQ_ALLOW_INPUT
    # Its own session: a terminal's Ctrl-C or CTest ending a test's process group does not
    # reach it; the watcher and stop do. (setpriv execs: the launcher keeps this PID.)
    setsid "${as[@]}" "$server" >>"$home/log/console.log" 2>&1 </dev/null &
    echo $! >"$dir/launcher.pid"
  )
}

# Waits until the broker speaks AMQP. Returns 1 when it exited (a port taken meanwhile, say),
# exits when it does not come up in time.
await() {
  local launcher timeout=${ROOMGATE_RABBITMQ_START_TIMEOUT:-60} began=$SECONDS
  launcher=$(pid_of "$dir/launcher.pid")
  until speaks_amqp; do
    if ! alive "$launcher"; then
      return 1
    fi
    if [ $((SECONDS - began)) -ge "$timeout" ]; then
      echo "rabbitmq.sh: no AMQP on 127.0.0.1:$amqp_port after ${timeout}s; stopping it" >&2
      tail -n 30 "$home/log/rabbit.log" >&2 2>/dev/null || true
      stop
      exit 1
    fi
    sleep 0.1
  done
  echo "rabbitmq.sh: broker up in $((SECONDS - began)) s" >&2
}

failed_to_start() {
  echo "rabbitmq.sh: the broker exited while starting; $home/log:" >&2
  tail -n 30 "$home/log/console.log" "$home/log/rabbit.log" >&2 2>/dev/null || true
  exit 1
}

# Leaves a watcher that stops the broker once its owner is gone.
guard() {
  local owner=${ROOMGATE_RABBITMQ_OWNER:-$PPID}
  [ "$owner" = none ] && return
  alive "$owner" || {
    echo "rabbitmq.sh: owner $owner is not running" >&2
    stop
    exit 1
  }
  setsid bash "$0" watch "$dir" "$owner" "$(started_at "$owner")" "$(pid_of "$dir/launcher.pid")" \
    >/dev/null 2>&1 </dev/null &
}

# watch DIR OWNER OWNER_START LAUNCHER: stops the broker when OWNER is gone; ends with the
# broker (LAUNCHER), so a stop and a resume leave one watcher.
watch() {
  local owner=$1 since=$2 launcher=$3
  while alive "$launcher"; do
    if ! alive "$owner" || [ "$(started_at "$owner")" != "$since" ]; then
      stop
      return
    fi
    sleep 1
  done
}

start() {
  [ -x "$server" ] || {
    echo "rabbitmq.sh: $server missing: install rabbitmq-server (scripts/deps.sh test)" >&2
    exit 1
  }
  if [ -s "$dir/ports" ]; then
    stop
  fi
  # Another process may take a port between the pick and the broker's bind: pick again.
  local attempt
  for attempt in 1 2 3; do
    make_home
    pick_ports
    read_ports
    write_config
    launch
    if await; then
      guard
      url
      return
    fi
    echo "rabbitmq.sh: attempt $attempt failed" >&2
    stop
  done
  failed_to_start
}

resume() {
  read_ports
  if alive "$(pid_of "$dir/launcher.pid")"; then
    url # running already, and guarded
    return
  fi
  write_config
  launch
  await || failed_to_start
  guard
  url
}

# Waits up to $2 seconds for process $1 to end.
wait_gone() {
  local deadline=$((SECONDS + $2))
  while alive "$1" && [ $SECONDS -lt "$deadline" ]; do sleep 0.1; done
  ! alive "$1"
}

stop() {
  [ -s "$dir/ports" ] || return 0
  read_ports
  local launcher beam
  launcher=$(pid_of "$dir/launcher.pid")
  beam=$(pid_of "$home/rabbit.pid")
  if alive "$launcher"; then
    # The launcher turns TERM into a clean shutdown of the Erlang VM and waits for it.
    kill -TERM "$launcher" 2>/dev/null || true
    if ! wait_gone "$launcher" 30; then
      echo "rabbitmq.sh: broker still running after 30 s; killing it" >&2
      kill -KILL "$launcher" 2>/dev/null || true
    fi
  fi
  if alive "$beam"; then
    kill -TERM "$beam" 2>/dev/null || true
    wait_gone "$beam" 30 || kill -KILL "$beam" 2>/dev/null || true
  fi
  # Erlang started an epmd of its own on our port; it outlives the node.
  ERL_EPMD_PORT="$epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 epmd -kill >/dev/null 2>&1 || true
  rm -f "$dir/launcher.pid" "$home/rabbit.pid"
}

case $cmd in
  start) start ;;
  resume) resume ;;
  stop) stop ;;
  url)
    read_ports
    url
    ;;
  watch)
    [ $# -eq 5 ] || usage
    watch "$3" "$4" "$5"
    ;;
  *) usage ;;
esac
