#!/usr/bin/env bash
# Build everything in release mode into build-bench/ (the C library, the Lua
# module, the Python extension, the C benchmark), then run the C, Python and
# Lua benchmarks and print one table: each figure beside its baseline.
# Usage: bash benchmarks/run.sh [build-dir]     (about three minutes)
# Benchmarks report; they never fail the build.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-bench}
scripts/deps.sh
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
echo "benchmarks: building in release mode into $dir/" >&2
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DPython3_EXECUTABLE="$py" >/dev/null
cmake --build "$dir" -j"$(nproc)" >/dev/null
"$py" setup.py -q build --build-base "$dir/pybuild" --build-lib "$dir/python" \
  >/dev/null
cc=${CC:-cc}
"$cc" -O2 -std=c11 -Icore/include -DSC_STATIC benchmarks/bench_core.c \
  "$dir/libstatuscodes.a" -o "$dir/bench_core"
"$py" benchmarks/bench.py --build "$dir"

# --- size per language (a separate section) ---------------------------------
# kb.c compiled against a table of English alone, then of English and each
# other language: size_<lang> lines, the bytes of kb.o each language adds
# (about a minute on two CPUs). SC_BENCH_SIZES=0 skips it.
if [ "${SC_BENCH_SIZES:-1}" != 0 ]; then
  echo
  "$py" benchmarks/bench_sizes.py || true
fi

# --- mail log summaries (a separate section) --------------------------------
# A generated 40 MB Postfix log summarised by `python3 -m statuscodes
# --summary`, and by pflogsumm when installed (optional: apt-get install
# pflogsumm): time and peak RSS. SC_BENCH_SUMMARY=0 skips it.
# SC_BENCH_INSTALL=1 installs the optional tool first (scripts/deps.sh).
if [ "${SC_BENCH_SUMMARY:-1}" != 0 ]; then
  echo
  if [ "${SC_BENCH_INSTALL:-0}" = 1 ] && ! command -v pflogsumm >/dev/null; then
    scripts/deps.sh pflogsumm || echo "benchmarks: pflogsumm not installed" >&2
  fi
  "$py" benchmarks/bench_summary.py --build "$dir" || true
fi
