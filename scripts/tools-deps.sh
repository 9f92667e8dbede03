#!/usr/bin/env bash
# Install the clients and servers of the tools integration test
# (tests/python/test_statuscodes_tools.py): curl; openssl (a self-signed
# certificate); dig, nslookup and host; unbound (the test runs its own
# instances on loopback ports, with their own configuration); sipp; and
# Python's requests, httpx, websockets and grpcio for /usr/bin/python3.
# Does nothing if all are installed.
# Usage: scripts/tools-deps.sh   (root, or sudo available)
set -euo pipefail
pkgs=(curl openssl bind9-dnsutils unbound sip-tester
      python3-requests python3-httpx python3-websockets python3-grpcio)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "tools-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Should the package start a system unbound (port 53), the test does not mind:
# its own instance listens on a free port.
$sudo env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
