#!/usr/bin/env bash
# Install statuscodes the ways a user does, into temporary places, and use
# each install: a C program built with pkg-config and one with CMake's
# find_package, against an install and against the same install moved
# elsewhere; the installed Lua module; the Python sdist -> wheel -> venv ->
# the statuscodes command; a rock built with luarocks make; every example.
# Usage: scripts/install-check.sh   (exits non-zero on the first failure)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok $1"; }

# --- C: build and install into a prefix -------------------------------------
cmake -S . -B "$tmp/build" -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$tmp/prefix" -DPython3_EXECUTABLE="$py" >/dev/null
cmake --build "$tmp/build" -j"$(nproc)" >/dev/null
cmake --install "$tmp/build" >/dev/null

cat > "$tmp/app.c" <<'C'
#include <stdio.h>
#include <statuscodes.h>
int main(void)
{
    sc_code c;
    sc_info d;
    int http = sc_protocol_find("http", 4);
    if (sc_code_parse(http, "404", 3, &c) != SC_OK ||
        sc_describe(&c, 0, &d) != SC_OK)
        return 1;
    printf("%s %s\n", sc_version(), d.name);
    return 0;
}
C
mkdir -p "$tmp/cmakeapp"
cp "$tmp/app.c" "$tmp/cmakeapp/app.c"
cat > "$tmp/cmakeapp/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.16)
project(app C)
find_package(statuscodes 0.2 REQUIRED)
add_executable(app app.c)
target_link_libraries(app PRIVATE statuscodes::statuscodes)
add_executable(app_static app.c)
target_link_libraries(app_static PRIVATE statuscodes::static)
CM

use_prefix() { # use_prefix PREFIX LABEL: build and run both consumers
  local prefix=$1 label=$2 libdir pcdir
  libdir=$(dirname "$(find "$prefix" -name 'libstatuscodes.so.1' | head -n 1)")
  pcdir=$(dirname "$(find "$prefix" -name statuscodes.pc | head -n 1)")
  cc -std=c11 -Wall -Werror "$tmp/app.c" -o "$tmp/app-pc" \
    $(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs statuscodes)
  LD_LIBRARY_PATH="$libdir" "$tmp/app-pc" | grep -q "Not Found"
  ok "C through pkg-config ($label)"
  rm -rf "$tmp/cmakeapp/build"
  cmake -S "$tmp/cmakeapp" -B "$tmp/cmakeapp/build" \
    -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
  cmake --build "$tmp/cmakeapp/build" >/dev/null
  LD_LIBRARY_PATH="$libdir" "$tmp/cmakeapp/build/app" | grep -q "Not Found"
  "$tmp/cmakeapp/build/app_static" | grep -q "Not Found"
  ok "C through find_package, shared and static ($label)"
  LUA_CPATH="$(dirname "$(find "$prefix" -path '*lua/5.4/statuscodes.so')")/?.so" \
    lua5.4 -e 'local sc = require("statuscodes")
      assert(sc.describe(404, {protocol = "http"}).name == "Not Found")'
  ok "the installed Lua module ($label)"
}
use_prefix "$tmp/prefix" "installed"
mv "$tmp/prefix" "$tmp/moved"
use_prefix "$tmp/moved" "the install moved"
for page in man1/statuscodes.1 man3/statuscodes.3; do
  out=$(groff -man -Tutf8 -ww "$tmp/moved/share/man/$page" 2>&1 >/dev/null) ||
    { echo "FAIL man page $page"; exit 1; }
  [ -z "$out" ] || { echo "FAIL man page $page: $out"; exit 1; }
done
ok "man pages installed, render without warnings"

# --- Python: sdist -> wheel -> venv -> the statuscodes command ---------------
# Each step's output goes to a log that is shown when the step fails.
pylog="$tmp/python-install.log"
step() { "$@" >>"$pylog" 2>&1 || { echo "FAIL: $*"; cat "$pylog"; exit 1; }; }
step "$py" -c "from setuptools import build_meta; build_meta.build_sdist('$tmp/dist')"
step "$py" -m venv --system-site-packages "$tmp/venv"
step "$tmp/venv/bin/pip" wheel --no-build-isolation --no-deps -w "$tmp/dist" \
  "$tmp"/dist/statuscodes-*.tar.gz
step "$tmp/venv/bin/pip" install --no-deps "$tmp"/dist/statuscodes-*.whl
# The output is read whole before grep: grep -q stops at the first match, and
# the command, still writing its last line, would exit 1 on the broken pipe.
out=$(cd "$tmp" && "$tmp/venv/bin/statuscodes" --protocol smtp 535) ||
  { echo "FAIL: the installed statuscodes command exited $?"; exit 1; }
grep -q "Authentication credentials invalid" <<<"$out" ||
  { echo "FAIL: the installed statuscodes command: $out"; exit 1; }
(cd "$tmp" && "$tmp/venv/bin/python" -c "import statuscodes; assert statuscodes.describe(404, protocol='http')['name'] == 'Not Found'")
ok "Python: sdist, wheel, venv, the statuscodes command"

# --- Lua: luarocks make ------------------------------------------------------
if command -v luarocks >/dev/null; then
  cp -r "$src" "$tmp/rocksrc" 2>/dev/null || true
  rm -rf "$tmp/rocksrc/build"* "$tmp/rocksrc/.git"
  (cd "$tmp/rocksrc" && luarocks --lua-version=5.4 make --tree "$tmp/rocks" \
     statuscodes-*.rockspec >/dev/null)
  LUA_CPATH="$tmp/rocks/lib/lua/5.4/?.so" lua5.4 -e 'local sc = require("statuscodes")
    assert(sc.parse("550 5.1.1 no such user").reason == "user_unknown")'
  ok "Lua: luarocks make"
elif [ "${CI:-}" = true ]; then
  echo "FAIL luarocks is missing"; exit 1
else
  echo "skip luarocks: not installed"
fi

# --- the examples ------------------------------------------------------------
if [ -x scripts/examples.sh ] || [ -f scripts/examples.sh ]; then
  bash scripts/examples.sh
fi
echo "install check: every path works"
