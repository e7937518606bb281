#!/usr/bin/env bash
# Installs the Debian packages Roomgate builds and tests with, when any is missing.
# Usage: scripts/deps.sh [run|test]   (test adds what the test suite needs)
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-charts-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql
  libgl-dev libsodium-dev qtkeychain-qt6-dev qt6-svg-dev fonts-noto-cjk qt6-translations-l10n
)
if [ "${1:-run}" = test ]; then
  packages+=(clang-format curl)
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
