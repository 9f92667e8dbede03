#!/usr/bin/env bash
# Build statuscodes into a temporary directory and run every example in
# examples/ against that build: the Python ones with the package built by
# setup.py, the Lua ones with the module CMake builds, lookup.c compiled
# through pkg-config against a temporary install. Each example must exit 0
# (or the status its check expects) and print the lines its check names.
#
# Prints "ok NAME" per example, "FAIL NAME: why" and the end of its output
# for one that fails; exits 1 if any failed. Also fails for a file in
# examples/ that has no check here, so a new example cannot be skipped.
#
# Usage: scripts/examples.sh          (SC_KEEP_TMP=1 keeps the build)
# Needs: bash, cmake, cc, pkg-config, /usr/bin/python3, lua5.4; dask for
# dask_summary.py (skipped without it, except in CI).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sc-examples.XXXXXX") || exit 1
if [ "${SC_KEEP_TMP:-0}" = 1 ]; then
    echo "keeping $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi
out=$tmp/out
mkdir -p "$out"

# --- build: library, headers, statuscodes.pc, Lua module, Python package ---
step() {  # step LOG CMD...: run quietly; on failure show the log and stop
    local log=$1
    shift
    if ! "$@" >"$log" 2>&1; then
        echo "FAIL build: $*" >&2
        tail -n 30 "$log" | sed 's/^/    /' >&2
        exit 1
    fi
}
step "$tmp/configure.log" cmake -S "$root" -B "$tmp/build" -DBUILD_TESTING=OFF \
    -DCMAKE_INSTALL_PREFIX="$tmp/prefix" -DPython3_EXECUTABLE="$py"
step "$tmp/build.log" cmake --build "$tmp/build" -j"$(nproc)"
step "$tmp/install.log" cmake --install "$tmp/build"
# setup.py reads its sources relative to the tree it is run from.
# shellcheck disable=SC2016  # expanded by the inner bash, from its arguments
step "$tmp/python.log" bash -c 'cd "$1" && "$2" setup.py -q build \
    --build-base "$3/pybuild" --build-lib "$3/python"' _ "$root" "$py" "$tmp"

pc=$(find "$tmp/prefix" -name statuscodes.pc -path '*/pkgconfig/*' | head -n 1)
if [ -z "$pc" ]; then
    echo "FAIL build: no statuscodes.pc under $tmp/prefix" >&2
    exit 1
fi
pcdir=$(dirname "$pc")

# Examples run from the temporary directory, so nothing in the source tree
# can shadow the built package or module.
cd "$tmp" || exit 1
export PYTHONPATH="$tmp/python"
export PYTHONDONTWRITEBYTECODE=1
export LUA_CPATH="$tmp/build/lua/?.so"
export LUA_PATH="$root/examples/?.lua;;"
export PKG_CONFIG_PATH="$pcdir"

# --- checks ------------------------------------------------------------------
why=""
last=""
# try OUTFILE STATUS CMD...: run CMD (stdout and stderr to OUTFILE); false
# unless it exits with STATUS.
try() {
    local file=$1 want=$2 rc
    shift 2
    "$@" >"$file" 2>&1
    rc=$?
    last=$file
    if [ "$rc" -ne "$want" ]; then
        why="$(basename "$1") exited $rc, expected $want"
        return 1
    fi
}
# has OUTFILE LINE...: false unless each LINE is a whole line of OUTFILE.
has() {
    local file=$1 line
    shift
    last=$file
    for line; do
        if ! grep -qxF -- "$line" "$file"; then
            why="no line '$line' in the output"
            return 1
        fi
    done
}
# same FILE1 FILE2 WHAT: false unless the files are the same, header aside.
same() {
    if ! diff <(tail -n +2 "$1") <(tail -n +2 "$2") >"$out/diff" 2>&1; then
        why="$3"
        last=$out/diff
        return 1
    fi
}

ex_lookup_lua() {
    try "$out/lookup.lua" 0 lua5.4 "$root/examples/lookup.lua" &&
    has "$out/lookup.lua" \
        "SMTP 535 Authentication credentials invalid (5xx, Permanent Negative Completion)" \
        "SIP 421: Extension Required" \
        "  verdict: suppress (user_unknown), permanent"
}

ex_maillog_report() {
    local log=$root/examples/data/mail.log
    try "$out/report.file" 0 "$py" "$root/examples/maillog_report.py" "$log" &&
    has "$out/report.file" \
        "mail log report: 13 replies from $log" \
        "      3  user_unknown         suppress" \
        "suppress (3 addresses):" \
        "  kim.lee@example.org      550 5.1.1  user_unknown       line 1" \
        "  and 1 with no to=<...> in the log: lines 12-13" \
        "retry (6 replies):" \
        "  line 2    450 4.2.0   greylisted           mia@example.com" || return 1
    # Deterministic: the same report again, from stdin, and from a CRLF log.
    try "$out/report.again" 0 "$py" "$root/examples/maillog_report.py" "$log" &&
    same "$out/report.file" "$out/report.again" "two runs on the same log differ" &&
    try "$out/report.stdin" 0 "$py" "$root/examples/maillog_report.py" <"$log" &&
    has "$out/report.stdin" "mail log report: 13 replies from stdin" &&
    same "$out/report.file" "$out/report.stdin" "the report from stdin differs" &&
    sed 's/$/\r/' "$log" >"$tmp/mail-crlf.log" &&
    try "$out/report.crlf" 0 "$py" "$root/examples/maillog_report.py" "$tmp/mail-crlf.log" &&
    same "$out/report.file" "$out/report.crlf" "the report of the CRLF log differs"
}

ex_dask_summary() {
    local log=$root/examples/data/mail.log
    # One file: what --summary --json prints, byte for byte; --text: the table.
    try "$out/dask.json" 0 "$py" "$root/examples/dask_summary.py" "$log" &&
    try "$out/cli.json" 0 "$py" -m statuscodes --summary "$log" --json || return 1
    if ! cmp -s "$out/dask.json" "$out/cli.json"; then
        why="its JSON differs from --summary --json's"
        return 1
    fi
    try "$out/dask.text" 0 "$py" "$root/examples/dask_summary.py" --text "$log" &&
    try "$out/cli.text" 0 "$py" -m statuscodes --summary "$log" || return 1
    if ! cmp -s "$out/dask.text" "$out/cli.text"; then
        why="its table differs from --summary's"
        return 1
    fi
    # The log twice, in pieces of about 500 bytes: every count doubles.
    try "$out/dask.twice" 0 "$py" "$root/examples/dask_summary.py" --chunk-mb 0.0005 \
        "$log" "$log" &&
    try "$out/dask.check" 0 "$py" -c 'import json, sys
one, two = (json.load(open(p)) for p in sys.argv[1:])
assert two["lines"] == 2 * one["lines"] > 0, (two["lines"], one["lines"])
assert two["reasons"] == {k: 2 * v for k, v in one["reasons"].items()}
assert two["suppress"] == one["suppress"] != []' "$out/dask.json" "$out/dask.twice" &&
    try "$out/dask.missing" 2 "$py" "$root/examples/dask_summary.py" "$tmp/no-such.log"
}

ex_repl_tour() {
    try "$out/repl_tour" 0 "$py" "$root/examples/repl_tour.py" &&
    has "$out/repl_tour" \
        ">>> d = sc.describe(http.HTTPStatus.TOO_MANY_REQUESTS)" \
        "HTTP 429 Too Many Requests (4xx, retry: later)" \
        "SIP 421 Extension Required (4xx, retry: after_fix)" \
        "HTTP 429 Too Many Requests vs SIP 429 Provide Referrer Identity" \
        "550 5.1.1 -> user_unknown, action suppress (permanent)"
}

ex_retry_policy() {
    try "$out/retry_policy" 0 lua5.4 "$root/examples/retry_policy.lua" &&
    has "$out/retry_policy" \
        "attempt 1  450 4.2.0 <mia@example.com>: Recipient address reject...  -> retry in 5m (greylisted, 450 4.2.0)" \
        "attempt 5  450 4.2.0 <mia@example.com>: Recipient address reject...  -> bounce (greylisted, 450 4.2.0)" \
        "attempt 1  550-5.1.1 The email account that you tried to reach d...  -> suppress (user_unknown, 550 5.1.1)" || return 1
    # As a module (LUA_PATH): require runs no demo, decide answers.
    try "$out/retry_policy.module" 0 lua5.4 -e '
        local policy = require("retry_policy")
        local d = policy.decide("421 4.7.0 Too many connections from your IP address, slow down", 2)
        print(d.decision, d.delay, d.reason)' &&
    has "$out/retry_policy.module" $'retry\t1800\trate_limited' || return 1
    if [ "$(wc -l <"$out/retry_policy.module")" -ne 1 ]; then
        why="require(\"retry_policy\") printed more than the caller did"
        return 1
    fi
}

ex_lookup_c() {
    local cflags libs libdir bin=$tmp/lookup
    if ! cflags=$(pkg-config --cflags statuscodes) ||
       ! libs=$(pkg-config --libs statuscodes) ||
       ! libdir=$(pkg-config --variable=libdir statuscodes); then
        why="pkg-config finds no statuscodes in $PKG_CONFIG_PATH"
        return 1
    fi
    # shellcheck disable=SC2086  # pkg-config's flags are meant to split
    try "$out/lookup.c.cc" 0 cc -std=c11 -Wall -Wextra -pedantic -Werror $cflags \
        "$root/examples/lookup.c" $libs -Wl,-rpath,"$libdir" -o "$bin" &&
    try "$out/lookup.c.421" 0 "$bin" 421 &&
    has "$out/lookup.c.421" \
        "SMTP 421 <domain> Service not available, closing transmission channel" \
        "SIP 421 Extension Required" &&
    try "$out/lookup.c.http" 0 "$bin" --protocol http 404 &&
    has "$out/lookup.c.http" "HTTP 404 Not Found" "  class: 4xx (Client Error)" &&
    try "$out/lookup.c.dns" 0 "$bin" --protocol=dns "EDE 18" &&
    has "$out/lookup.c.dns" "DNS EDE 18 Prohibited" &&
    try "$out/lookup.c.unlisted" 1 "$bin" 299 &&
    try "$out/lookup.c.malformed" 2 "$bin" abc &&
    try "$out/lookup.c.badproto" 2 "$bin" --protocol nope 404 &&
    try "$out/lookup.c.badcode" 2 "$bin" --protocol http 600 &&
    try "$out/lookup.c.noargs" 2 "$bin"
}

failures=0
checked=" "
run() {  # run FILE FUNCTION: one line per example
    why=""
    last=""
    checked="$checked$1 "
    if "$2"; then
        echo "ok $1"
    else
        echo "FAIL $1: $why"
        [ -n "$last" ] && [ -f "$last" ] && tail -n 15 "$last" | sed 's/^/    | /'
        failures=$((failures + 1))
    fi
}

run lookup.lua ex_lookup_lua
run maillog_report.py ex_maillog_report
run repl_tour.py ex_repl_tour
# dask is installed by scripts/tools-deps.sh; without it, a skip (CI fails).
if "$py" -c "import dask" 2>/dev/null || [ "${CI:-}" = true ]; then
    run dask_summary.py ex_dask_summary
else
    checked="${checked}dask_summary.py "
    echo "skip dask_summary.py: dask is not installed (scripts/tools-deps.sh installs it)"
fi
run retry_policy.lua ex_retry_policy
run lookup.c ex_lookup_c

# Every program in examples/ (not its subdirectories) has a check above.
for f in "$root"/examples/*.py "$root"/examples/*.lua "$root"/examples/*.c; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    case $checked in
        *" $name "*) ;;
        *) echo "FAIL $name: scripts/examples.sh has no check for it"
           failures=$((failures + 1)) ;;
    esac
done

if [ "$failures" -ne 0 ]; then
    echo "$failures example(s) failed" >&2
    exit 1
fi
