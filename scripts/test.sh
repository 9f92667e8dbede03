#!/usr/bin/env bash
# Every test: install what is missing, then
#   1. build with warnings as errors; the C, Python and Lua suites (CTest)
#   2. sanitizers: the core and both bindings built with ASan + UBSan, the
#      same suites (build-san)
#   3. valgrind memcheck of the C, Lua and Python suites (build-test)
#   4. ThreadSanitizer: threads calling the core at once (build-tsan)
#   5. each libFuzzer target for SC_FUZZ_SECONDS (default 20) over the seed
#      corpus and the regression inputs (build-fuzz)
#   6. installed as a user installs it: C with pkg-config and find_package,
#      against an install and a moved one; the Lua module; the Python sdist,
#      wheel and venv; luarocks make; every example (scripts/install-check.sh)
# Any failing test, sanitizer report, valgrind error or fuzzer finding fails
# the script. SC_TEST_STAGES=1 (or "1 3", ...) runs only those stages.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=${SC_TEST_STAGES:-1 2 3 4 5 6}
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
scripts/deps.sh --test
scripts/postfix-deps.sh   # the Postfix integration test drives a real MTA
scripts/tools-deps.sh     # the tools integration test runs real clients and servers

t0=$SECONDS
times=()
stage() { # stage N TITLE: announce it; returns false when not selected
  case " $stages " in *" $1 "*) ;; *) return 1 ;; esac
  printf '\n=== %s/6 %s\n' "$1" "$2"
  tstage=$SECONDS
}
done_stage() { times+=("$1: $((SECONDS - tstage)) s"); }

if stage 1 "build and test (warnings as errors)"; then
  scripts/build.sh build-test -DSC_WERROR=ON
  ctest --test-dir build-test --output-on-failure -j"$(nproc)"
  done_stage "1 build and test"
fi

if stage 2 "sanitizers: ASan + UBSan build, C, Python and Lua suites"; then
  cmake -S . -B build-san -DSC_WERROR=ON -DSC_SANITIZE=ON \
    -DPython3_EXECUTABLE="$py" >/dev/null
  cmake --build build-san -j"$(nproc)" >/dev/null
  ctest --test-dir build-san --output-on-failure -j"$(nproc)"
  done_stage "2 sanitizers"
fi

if stage 3 "valgrind memcheck: C, Lua and Python suites"; then
  scripts/build.sh build-test -DSC_WERROR=ON   # up to date after stage 1
  scripts/valgrind.sh build-test
  done_stage "3 valgrind"
fi

if stage 4 "ThreadSanitizer: threads calling the core at once"; then
  cmake -S . -B build-tsan -DSC_WERROR=ON -DSC_TSAN=ON -DSC_BUILD_LUA=OFF \
    -DSC_BUILD_PYTHON_TESTS=OFF -DPython3_EXECUTABLE="$py" >/dev/null
  cmake --build build-tsan -j"$(nproc)" --target test_threads >/dev/null
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
    ctest --test-dir build-tsan --output-on-failure -R '^c_threads$'
  done_stage "4 ThreadSanitizer"
fi

if stage 5 "fuzzing: each libFuzzer target for ${SC_FUZZ_SECONDS:-20} s"; then
  scripts/fuzz.sh "${SC_FUZZ_SECONDS:-20}"
  done_stage "5 fuzzing"
fi

if stage 6 "installed as a user installs it, and every example"; then
  scripts/install-check.sh
  done_stage "6 install"
fi

printf '\n=== all passed in %d s (%s)\n' "$((SECONDS - t0))" "$(IFS=,; echo "${times[*]}")"
