#!/usr/bin/env bash
# Every test: install what is missing, build with warnings as errors, run the
# C, Python and Lua suites through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/postfix-deps.sh   # the Postfix integration test drives a real MTA
scripts/build.sh build-test -DSC_WERROR=ON
ctest --test-dir build-test --output-on-failure -j"$(nproc)"
