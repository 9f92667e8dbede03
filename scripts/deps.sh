#!/usr/bin/env bash
# Install the Debian packages statuscodes needs, if any is missing.
# Usage: scripts/deps.sh [--test] [extra packages...]   (root, or sudo available)
#   --test  also what scripts/test.sh's reliability stages need: clang and
#           its runtimes (libFuzzer, ASan) for the fuzz targets, valgrind
set -euo pipefail
pkgs=(cmake make gcc pkg-config liblua5.4-dev lua5.4 libcmocka-dev
      python3 python3-dev python3-setuptools)
if [ "${1:-}" = "--test" ]; then
  shift
  # the reliability stages; installing as a user does (scripts/install-check.sh)
  pkgs+=(clang libclang-rt-dev valgrind luarocks python3-venv python3-pip
         groff-base lighttpd lighttpd-modules-lua curl)
fi
pkgs+=("$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
