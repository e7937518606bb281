#!/usr/bin/env bash
# Installs the Debian 12 packages Roomgate builds and tests with, when any is missing.
# Usage: scripts/deps.sh [run|test]   (test adds what the test command needs)
# Installed without recommends, so every package the build or a program needs is named
# here (checked on a pristine Debian 12 root with ../shared/tools/fresh-debian.sh).
set -euo pipefail

# run: configure the whole tree (CMake finds every package of every target, the client's
# too), build, and run the server with its dashboard and the desktop client.
packages=(
  # toolchain
  cmake ninja-build g++ pkg-config
  # Qt modules found by CMake. Qt6Charts' CMake package needs Qt6OpenGL's, which is only a
  # recommendation of qt6-base-dev.
  qt6-base-dev libqt6opengl6-dev qt6-websockets-dev qt6-charts-dev
  # QHttpServer: the bare reference server of bench/baseline (configured with the tree)
  qt6-httpserver-dev
  # LinguistTools: the CMake package and lrelease/lupdate (translations/*.ts -> .qm)
  qt6-tools-dev qt6-l10n-tools
  # password hashing; the client's token store (client/ui); the event bus between nodes
  # (--broker amqp://, AMQP 0-9-1)
  libsodium-dev qtkeychain-qt6-dev librabbitmq-dev
  # at run time: SQLite storage (the default) and PostgreSQL (--database postgresql://),
  # the client's SVG icon, Qt's own strings and Hangul glyphs for the Korean UI
  libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-translations-l10n fonts-noto-cjk
)
if [ "${1:-run}" = test ]; then
  # scripts/check-format.sh, scripts/check-tidy.sh; openssl: the throwaway certificates of the
  # TLS tests; the throwaway PostgreSQL and RabbitMQ of scripts/postgres.sh and
  # scripts/rabbitmq.sh (the PostgreSQL and multi-node suites)
  packages+=(clang-format clang-tidy openssl postgresql-15 rabbitmq-server)
  # scripts/test-sanitized.sh and scripts/fuzz.sh: clang (14), its ASan, UBSan and libFuzzer
  # runtimes (libclang-rt-dev: only a recommendation of clang's libclang-common-14-dev, so
  # not installed with it here), and llvm for llvm-symbolizer, which gives the sanitizers'
  # reports their file:line stacks
  packages+=(clang libclang-rt-dev llvm)
fi

# The test servers run as their own users (PostgreSQL refuses root), who must reach /usr: a
# root directory made by mktemp, as a chroot's can be, is 0700 where a Debian system's is 0755.
if [ "${1:-run}" = test ] && [ "$(id -u)" = 0 ] \
   && ! runuser -u nobody -- test -x /usr/bin/env 2>/dev/null; then
  echo "deps.sh: / is not open to other users (mode $(stat -c %a /)); making it 0755"
  chmod 755 /
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
