#!/usr/bin/env bash
# Build the C library, the Lua module and the Python extension into build/.
# Usage: scripts/build.sh [build-dir] [extra cmake options...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
cmake -S . -B "$dir" -DPython3_EXECUTABLE="$py" "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)" >/dev/null
"$py" setup.py -q build --build-base "$dir/pybuild" --build-lib "$dir/python" >/dev/null
