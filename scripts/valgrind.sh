#!/usr/bin/env bash
# Run the C, Lua and Python suites under valgrind memcheck, against a plain
# (not sanitized) build, and fail on any error or definite leak.
# Usage: scripts/valgrind.sh [build-dir]     (default build-test; built by
#        scripts/build.sh, as scripts/test.sh does)
#
# C and Lua: every error and every definite leak counts (the C tests and
# lua5.4 free everything at exit). Python: CPython does not free all of its
# memory at exit, so only errors and definite leaks whose stack passes
# through our extension count (scripts/vgcheck.py); PYTHONMALLOC=malloc lets
# valgrind see every object. The suites run smaller under valgrind
# (SC_VALGRIND=1, SC_SOAK_CALLS, SC_TEST_ITERATIONS, SC_THREAD_ROUNDS).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
dir=$(cd "${1:-build-test}" && pwd)
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
logs="$dir/valgrind"
rm -rf "$logs"
mkdir -p "$logs"
[ -d "$dir/fuzz-seeds" ] || "$py" tests/fuzz/seeds.py "$dir/fuzz-seeds" >/dev/null

export SC_VALGRIND=1 SC_SOAK_CALLS=5000 SC_TEST_ITERATIONS=300 SC_THREAD_ROUNDS=3
export SC_SOURCE_DIR="$src"
vg=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite
    --num-callers=30 --xml=yes)
failed=0

# run NAME VGCHECK-OPTION COMMAND...: the command must pass, and its log
# must be clean. Returns non-zero otherwise.
run() {
  local name=$1 mode=$2 bad=0 start=$SECONDS
  shift 2
  if ! "${vg[@]}" --xml-file="$logs/$name.xml" "$@" >"$logs/$name.out" 2>&1; then
    echo "valgrind: $name: the test failed (output: $logs/$name.out)"
    tail -20 "$logs/$name.out"
    bad=1
  fi
  if ! "$py" "$src/scripts/vgcheck.py" $mode "$logs/$name.xml" >"$logs/$name.check"; then
    cat "$logs/$name.check"
    bad=1
  fi
  echo "valgrind: $name: $(tail -1 "$logs/$name.check" | sed 's/^vgcheck: [^:]*: //') ($((SECONDS - start)) s)"
  return $bad
}

# C
run c_core --all "$dir/tests/test_core" || failed=1
run c_hardening --all "$dir/tests/test_hardening" || failed=1
run c_threads --all "$dir/tests/test_threads" || failed=1
run c_bounce --all "$dir/tests/test_bounce" || failed=1
run c_logs --all "$dir/tests/test_logs" || failed=1
for e in code describe compare parse parse_next bounce logline; do
  run "fuzz_replay_$e" --all "$dir/tests/replay_$e" "$src/tests/fuzz/regressions" \
    "$dir/fuzz-seeds/$e" || failed=1
done

# Lua
export LUA_CPATH="$dir/lua/?.so"
for t in test_statuscodes test_badinput test_soak test_bounce test_logs; do
  run "lua_$t" --all lua5.4 "$src/tests/lua/$t.lua" || failed=1
done

# Python, from the build tree (the source tree must not shadow the package)
# (the Lua module too: a test compares what Python and Lua return).
export PYTHONPATH="$dir/python" PYTHONMALLOC=malloc SC_LUA_CPATH="$dir/lua/?.so"
(cd "$dir" && run python "" "$py" -m unittest discover -s "$src/tests/python" -p "test_statuscodes*.py") || failed=1
(cd "$src/tests/python" && run python_soak "" "$py" -m unittest test_soak) || failed=1

if [ "$failed" -ne 0 ]; then
  echo "valgrind: FAILED (logs in $logs)"
  exit 1
fi
echo "valgrind: clean: no errors and no definite leaks (logs in $logs)"
