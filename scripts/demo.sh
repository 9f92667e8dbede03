#!/usr/bin/env bash
# A real lookup from a fresh clone: install, build, then look 421 up in every
# protocol, describe HTTP 404, and compare 250 with 535, from Python and Lua.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
cd build   # run from the build tree: the source tree must not shadow the package
echo "== python3 -m statuscodes 421"
PYTHONPATH=python "$py" -m statuscodes 421
echo
echo "== python3 -m statuscodes --protocol http 404"
PYTHONPATH=python "$py" -m statuscodes --protocol http 404
echo
echo "== python3 -m statuscodes 250 535 --lang es"
PYTHONPATH=python "$py" -m statuscodes 250 535 --lang es
echo
echo "== lua5.4 examples/lookup.lua"
LUA_CPATH="lua/?.so" lua5.4 ../examples/lookup.lua
