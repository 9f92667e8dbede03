#!/usr/bin/env bash
# Install Postfix for the integration test (tests/python/test_statuscodes_postfix.py),
# without questions and without configuring a system mail server: the test
# runs its own private instance. Does nothing if Postfix is already installed.
# Usage: scripts/postfix-deps.sh   (root, or sudo available)
set -euo pipefail
dpkg-query -W -f='${Status}' postfix 2>/dev/null | grep -q "ok installed" &&
  exit 0
echo "postfix-deps: installing postfix" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# "No configuration": the package leaves /etc/postfix/main.cf alone and does
# not start a system instance.
echo "postfix postfix/main_mailer_type select No configuration" |
  $sudo debconf-set-selections
$sudo apt-get update -qq
# openssl makes the test's self-signed certificate for the STARTTLS listener.
$sudo env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends postfix openssl >/dev/null
