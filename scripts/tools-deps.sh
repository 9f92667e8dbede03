#!/usr/bin/env bash
# Install the clients and servers of the integration tests, with the build's
# own packages (scripts/deps.sh does the installing):
#   tests/python/test_statuscodes_tools.py: curl; openssl (a self-signed
#   certificate); dig, nslookup and host; unbound (the test runs its own
#   instances on loopback ports, with their own configuration: a system
#   unbound the package may start on port 53 is not in the way); sipp; and
#   Python's requests, httpx, websockets and grpcio for /usr/bin/python3;
#   tests/python/test_statuscodes_html.py: chromium (headless, network off,
#   opens the --html report);
#   tests/python/test_statuscodes_dask.py and examples/dask_summary.py: Dask
#   and dask.distributed.
# Does nothing if all are installed.
# Usage: scripts/tools-deps.sh   (root, or sudo available)
set -euo pipefail
exec "$(dirname "$0")/deps.sh" \
  curl openssl bind9-dnsutils unbound sip-tester \
  python3-requests python3-httpx python3-websockets python3-grpcio \
  chromium python3-dask python3-distributed
