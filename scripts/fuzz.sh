#!/usr/bin/env bash
# Build the libFuzzer targets with clang (ASan + UBSan) and run each one for
# a bounded time over the seed corpus and the regression inputs.
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]
#   targets: code describe compare lookup parse parse_next bounce logline (default: all)
#   SC_FUZZ_JOBS=n  run n targets at once (default: the number of CPUs)
#   SC_FUZZ_DIR=dir build tree (default build-fuzz)
#
# The corpus each target grows is kept in build-fuzz/corpus/<target>, so
# later runs start from where earlier ones got. A crash, a leak, a UBSan
# report, an input slower than 10 s or a trapped invariant is a finding: the
# input lands in build-fuzz/findings/, the run fails. Keep every finding,
# once fixed, as tests/fuzz/regressions/<short-name>.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
secs=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(code describe compare lookup parse parse_next bounce logline)
dir=${SC_FUZZ_DIR:-build-fuzz}
jobs=${SC_FUZZ_JOBS:-$(nproc)}
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

CC=clang cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang -DSC_FUZZ=ON \
  -DSC_BUILD_LUA=OFF -DSC_BUILD_PYTHON_TESTS=OFF -DBUILD_TESTING=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null
"$py" tests/fuzz/seeds.py "$dir/seeds" >/dev/null
# The dictionary: the fixed pieces, and every phrase the verdict looks for.
{
  cat tests/fuzz/smtp.dict
  "$py" - core/data/reasons.txt <<'PY'
import re, sys
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(strong|phrase|weak):(.*)", line)
    for p in (m.group(2).split("|") if m else []):
        p = p.strip().lstrip("<").encode()
        if p and p not in seen:
            seen.add(p)
            # libFuzzer wants ASCII: everything else as \xNN.
            print('"' + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\'
                                else "\\x%02X" % b for b in p) + '"')
PY
} >"$dir/smtp.dict"
mkdir -p "$dir/findings" "$dir/logs"

# fuzz TARGET: run it, then say how far it got.
fuzz() {
  local t=$1 opts=()
  mkdir -p "$dir/corpus/$t"
  case $t in
    parse|parse_next|logline) opts=(-dict="$dir/smtp.dict" -max_len=16384) ;;
    bounce) opts=(-dict="$dir/smtp.dict" -dict="$src/tests/fuzz/bounce.dict" -max_len=65536) ;;
  esac
  if "$dir/fuzz_$t" "${opts[@]}" -max_total_time="$secs" -timeout=10 \
       -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$dir/findings/$t-" \
       "$dir/corpus/$t" "$dir/seeds/$t" "$src/tests/fuzz/regressions" \
       >"$dir/logs/$t.log" 2>&1; then
    echo "fuzz_$t: no finding in ${secs} s: $(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/logs/$t.log") executions, corpus $(ls "$dir/corpus/$t" | wc -l) inputs"
  else
    echo "fuzz_$t: FINDING (log: $dir/logs/$t.log)"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|deadly|timeout' "$dir/logs/$t.log" | head -20
    return 1
  fi
}

failed=0
pids=()
for t in "${targets[@]}"; do
  fuzz "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do
  wait "$p" || failed=1
done
exit $failed
