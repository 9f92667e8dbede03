#!/usr/bin/env python3
"""statuscodes benchmarks: every figure beside its baseline, in one run.

    python3 benchmarks/bench.py [--build DIR]

Run through benchmarks/run.sh, which first builds everything in release mode
into DIR (build-bench). Measures, on this machine, in this run:

- Python describe() and compare() against the best pure-Python equivalent: a
  precomputed dict of dicts, copied fresh with its nested lists and dicts on
  every call, after the same argument checks (make_describe_baseline);
- Lua describe() against a pure-Lua table copy (benchmarks/bench.lua);
- Python parse(), per reply and through the bulk paths parse_many() and
  parse_log(), against a regex parser (benchmarks/baseline_parse.py), over
  the real replies of tests/corpora/smtp-field-manual;
- the C core's parse throughput over a large buffer of those replies, beside
  a plain memchr line count over the same buffer (benchmarks/bench_core.c);
- the time to import statuscodes against import json, resident memory after
  the import against a bare interpreter, and what the import allocates.

Timing: timeit (Python), os.clock (Lua), clock_gettime (C); the best of
several repeats for calls, the median of fresh interpreters for imports.
Benchmarks report; they never fail (exit status 0 unless something crashes).
"""
import argparse
import compileall
import gc
import glob
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(ROOT, "tests", "corpora", "smtp-field-manual", "codes")
REPEATS = 7


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_replies():
    replies = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "*.json"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for provider in data["providers"]:
            for r in provider["responses"]:
                replies.append(r["response"])
    return replies


def per_call(fn, number):
    """Seconds per call of fn(), best of REPEATS runs of `number` calls."""
    return min(timeit.repeat(fn, number=number, repeat=REPEATS)) / number



# ---------------------------------------------------------------------------
# Kept results, the collector on: as a user lives it
# ---------------------------------------------------------------------------

KEPT_N = 100000


def kept_time(fn, repeat=3):
    """Seconds of one call of fn() with the garbage collector on and the
    result kept until the clock stops (a list of 100,000 verdicts that the
    collector walks as it grows), best of `repeat` runs."""
    best = None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        result = fn()
        t = time.perf_counter() - t
        del result
        best = t if best is None else min(best, t)
    return best


def kept_bytes(fn, n):
    """Python heap (tracemalloc) per item of what fn() returns, kept."""
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        result = fn()
        used = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    del result
    return used / n


POSTFIX = ("Dec  1 10:%02d:%02d mx postfix/smtp[%d]: %010X: to=<user%d@example.com>, "
           "relay=mx.example.net[192.0.2.%d]:25, delay=1.2, delays=0.1/0/0.5/0.6, "
           "dsn=%s, status=%s (host mx.example.net[192.0.2.%d] said: %s (in reply "
           "to RCPT TO command))\n")
QMGR = "Dec  1 10:%02d:%02d mx postfix/qmgr[77]: %010X: removed\n"


def postfix_log(path, replies, size):
    """A Postfix log of `size` bytes at least: the field manual's replies in
    "said:" lines, with a qmgr line (no reply) after every fourth."""
    import re as _re
    i = 0
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        while written < size:
            chunk = []
            for r in replies:
                r = " ".join(r.split())
                m = _re.search(r"\b([245])\.\d{1,3}\.\d{1,3}\b", r)
                dsn = m.group(0) if m else "5.0.0"
                status = "bounced" if dsn[0] == "5" else "deferred"
                chunk.append(POSTFIX % (i // 60 % 60, i % 60, 1000 + i % 9000, i, i,
                                        i % 250, dsn, status, i % 250, r))
                if i % 4 == 3:
                    chunk.append(QMGR % (i // 60 % 60, i % 60, i))
                i += 1
            text = "".join(chunk)
            f.write(text)
            written += len(text.encode("utf-8"))
    return i


CLI_PROBE = r"""
import resource, subprocess, sys, time
with open(sys.argv[1], "rb") as f:
    t = time.perf_counter()
    rc = subprocess.run([sys.executable, "-m", "statuscodes", *sys.argv[2:]], stdin=f,
                        stdout=subprocess.DEVNULL).returncode
    t = time.perf_counter() - t
print(rc, t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def cli_run(args, stdin_path, env):
    """(seconds, peak RSS in KiB) of python3 -m statuscodes `args` < file,
    started from a small probe process: a child forked from this one would
    count this process's pages in its peak until it execs."""
    out = subprocess.run([sys.executable, "-c", CLI_PROBE, stdin_path, *args], env=env,
                         check=True, capture_output=True, text=True).stdout.split()
    if int(out[0]) != 0:
        raise RuntimeError("statuscodes %s exited with %s" % (args, out[0]))
    return float(out[1]), int(out[2])


def family_replies(sc):
    """A few hundred strings of each protocol family, as tools print them."""
    fam = {}
    http = [c for c in sc.codes("http") if c >= 400]
    fam["HTTP status lines"] = ["HTTP/1.1 %d %s" % (c, sc.describe(c, protocol="http")["name"])
                                for c in http]
    fam["HTTP status lines"] += ["HTTP/1.1 503 Service Unavailable\r\nRetry-After: %d" % s
                                 for s in range(1, 101)]
    names = [sc.describe(c, protocol="grpc")["mnemonic"] for c in sc.codes("grpc")]
    fam["gRPC errors"] = ["rpc error: code = %s desc = %s" % (n, d) for n in names if n
                          for d in ("deadline exceeded after 5s", "connection refused",
                                    "upstream connect error", "quota exceeded for project",
                                    "not authorized", "internal error", "try again later",
                                    "resource missing", "bad request field name",
                                    "server shutting down", "stream terminated by RST_STREAM",
                                    "too many requests")]
    dig = ("; <<>> DiG 9.18.24 <<>> host%d.example.com\n;; global options: +cmd\n"
           ";; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: %s, id: %d\n"
           ";; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1\n\n"
           ";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n%s"
           ";; QUESTION SECTION:\n;host%d.example.com.\t\tIN\tA\n\n"
           ";; Query time: 12 msec\n;; SERVER: 192.0.2.53#53(192.0.2.53) (UDP)\n"
           ";; MSG SIZE  rcvd: 104\n")
    ede = ["", "; EDE: 18 (Prohibited)\n", "; EDE: 22 (No Reachable Authority)\n",
           "; EDE: 6 (DNSSEC Bogus)\n"]
    fam["dig output"] = [dig % (i, st, i, ede[i % 4], i)
                         for i, st in enumerate(["NOERROR", "NXDOMAIN", "SERVFAIL",
                                                 "REFUSED"] * 50)]
    closes = [(1000, "normal closure"), (1001, "going away"), (1006, "abnormal closure"),
              (1008, "policy violation"), (1009, "message too big"),
              (1011, "internal server error"), (1012, "service restart"),
              (1013, "try again later")]
    fam["WebSocket closes"] = (
        ["websocket: close %d (%s): %s" % (c, t, w) for c, t in closes
         for w in ("unexpected EOF", "bye", "server overloaded", "idle timeout")]
        + ["received %d (%s); then sent %d (%s)" % (c, t.title(), c, t.title())
           for c, t in closes] * 10
        + ["WebSocket connection to 'wss://example.com/ws' failed: close code %d" % c
           for c, _ in closes] * 10)
    sip = [c for c in sc.codes("sip") if c >= 400]
    fam["SIP status lines"] = ["SIP/2.0 %d %s" % (c, sc.describe(c, protocol="sip")["name"])
                               for c in sip] * 4
    fam["FTP replies"] = [
        "530 Login incorrect.", "550 Failed to open file.", "421 Service not available, "
        "closing control connection.", "425 Can't open data connection.",
        "426 Connection closed; transfer aborted.", "451 Requested action aborted: local "
        "error in processing.", "452 Insufficient storage space in system.",
        "500 Syntax error, command unrecognized.", "502 Command not implemented.",
        "530 Not logged in.", "532 Need account for storing files.",
        "550 Requested action not taken. File unavailable.", "553 Could not create file.",
        "227 Entering Passive Mode (192,0,2,1,195,80).", "226 Transfer complete.",
        "331 Please specify the password.", "230 Login successful.",
        "450 Requested file action not taken.", "551 Requested action aborted: page type "
        "unknown.", "552 Requested file action aborted. Exceeded storage allocation.",
    ] * 15
    return fam

# ---------------------------------------------------------------------------
# Pure-Python baselines for describe and compare
# ---------------------------------------------------------------------------

def copy_info(d):
    """A fresh copy of a describe() dict, the fastest way Python has: a dict
    copy, then a copy of each nested list and dict put in (about 20% faster
    than a dict display {**d, "commands": [*d["commands"]], ...}, which
    builds a second dict to merge)."""
    r = d.copy()
    r["commands"] = d["commands"].copy()
    r["references"] = d["references"].copy()
    r["related"] = d["related"].copy()
    r["variants"] = d["variants"].copy()
    r["basic"] = d["basic"].copy()
    r["untranslated"] = d["untranslated"].copy()
    r["labels"] = d["labels"].copy()
    r["aliases"] = d["aliases"].copy()
    r["equivalents"] = [q.copy() for q in d["equivalents"]]
    return r


def make_describe_baseline(sc):
    """describe() as a lookup in a precomputed dict of dicts (every code in
    every language) and a fresh copy of the result, after the same argument
    checks. The copy is inlined, as copy_info() does it."""
    by_lang = {}
    for lang in sc.languages():
        table = {}
        for code in sc.codes():
            table[code] = sc.describe(code, lang=lang)
            if type(code) is int:
                table[str(code)] = table[code]
        by_lang[lang] = table

    def describe(code, protocol="smtp", lang="en"):
        if type(code) is not int and type(code) is not str:
            raise TypeError("code must be int or str, not %s"
                            % type(code).__name__)
        if protocol != "smtp":
            raise ValueError("unknown protocol %r; valid: smtp" % (protocol,))
        table = by_lang.get(lang)
        if table is None:
            raise ValueError("unknown language %r" % (lang,))
        d = table.get(code)
        if d is None:
            raise ValueError("%r is not a well-formed smtp code" % (code,))
        r = d.copy()
        r["commands"] = d["commands"].copy()
        r["references"] = d["references"].copy()
        r["related"] = d["related"].copy()
        r["variants"] = d["variants"].copy()
        r["basic"] = d["basic"].copy()
        r["untranslated"] = d["untranslated"].copy()
        r["labels"] = d["labels"].copy()
        r["aliases"] = d["aliases"].copy()
        r["equivalents"] = [q.copy() for q in d["equivalents"]]
        return r

    return describe


def make_compare_baseline(sc, pairs):
    table = {(a, b): sc.compare(a, b) for a, b in pairs}

    def compare(a, b, protocol="smtp", lang="en"):
        for code in (a, b):
            if type(code) is not int and type(code) is not str:
                raise TypeError("code must be int or str, not %s"
                                % type(code).__name__)
        if protocol != "smtp":
            raise ValueError("unknown protocol %r; valid: smtp" % (protocol,))
        if lang != "en":
            raise ValueError("unknown language %r" % (lang,))
        c = table.get((a, b))
        if c is None:
            raise ValueError("%r is not a well-formed smtp code" % (a,))
        r = c.copy()
        r["a"] = copy_info(c["a"])
        r["b"] = copy_info(c["b"])
        r["differences"] = c["differences"].copy()
        r["when_to_use"] = c["when_to_use"].copy()
        r["learn_more"] = c["learn_more"].copy()
        r["labels"] = c["labels"].copy()
        return r

    return compare


# ---------------------------------------------------------------------------
# Fresh interpreters: import time, memory
# ---------------------------------------------------------------------------

PROBE = r"""
import sys, time
def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
what = sys.argv[1]
if what == "heap":
    import tracemalloc
    tracemalloc.start()
    __import__(sys.argv[2])
    print(tracemalloc.get_traced_memory()[0])
else:
    before = rss_kb()
    t = time.perf_counter()
    if what != "none":
        __import__(what)
    t = time.perf_counter() - t
    print(t, before, rss_kb())
"""


def import_time(env, name, runs=21):
    """Median cumulative time (seconds) of `import name` as -X importtime
    reports it, in an interpreter that has already imported re (as most
    programs have by then): warm, with bytecode cached."""
    code = "import re; import %s" % name
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    times = []
    for _ in range(runs):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                             env=env, check=True, capture_output=True,
                             text=True).stderr
        for line in err.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == name:
                times.append(int(parts[1]) * 1e-6)
    return statistics.median(times)


CACHE_PROBE = r"""
import gc, sys, tracemalloc
tracemalloc.start()
import statuscodes as sc
gc.collect()
base = tracemalloc.get_traced_memory()[0]
kept = []
for p in sc.protocols():
    for c in sc.codes(p):
        for lang in sc.languages():
            kept.append(sc.describe(c, protocol=p, lang=lang))
gc.collect()
after_describe = tracemalloc.get_traced_memory()[0]
kept.clear()
gc.collect()
describe_caches = tracemalloc.get_traced_memory()[0] - base
codes = sc.codes("smtp")[:60]
n = 0
for i, a in enumerate(codes):
    for b in codes[i + 1:]:
        sc.compare(a, b)
        n += 1
hcodes = sc.codes("http")
for i, a in enumerate(hcodes):
    for b in hcodes[i + 1:i + 30]:
        sc.compare(a, b, protocol="http")
        n += 1
gc.collect()
compare_caches = tracemalloc.get_traced_memory()[0] - base - describe_caches
print(after_describe - base, describe_caches, compare_caches, n,
      sum(len(sc.codes(p)) for p in sc.protocols()))
"""


def cache_figures(env):
    """Python heap of the binding's caches: after describing every code of
    every protocol in every language (results kept, then dropped), and
    after many compares."""
    out = subprocess.run([sys.executable, "-c", CACHE_PROBE], env=env,
                         check=True, capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


def probe(env, *args):
    out = subprocess.run([sys.executable, "-c", PROBE, *args], env=env,
                         check=True, capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


def interpreter_figures(env, pypath, runs=21):
    # Byte-compile the package, as installing it does (the environment may
    # say PYTHONDONTWRITEBYTECODE); json's bytecode ships with Python.
    compileall.compile_dir(pypath, quiet=1)
    for name in ("statuscodes", "json"):
        probe(env, name)  # compile bytecode, warm the page cache
    times = {"statuscodes": [], "json": []}
    rss = {"statuscodes": [], "json": [], "none": []}
    for _ in range(runs):
        for name in ("statuscodes", "json", "none"):
            t, before, after = probe(env, name)
            if name != "none":
                times[name].append(t)
            rss[name].append(after)
    heap = {name: probe(env, "heap", name)[0] for name in ("statuscodes",
                                                           "json")}
    return ({k: statistics.median(v) for k, v in times.items()},
            {k: statistics.median(v) for k, v in rss.items()}, heap)


# ---------------------------------------------------------------------------
# Other languages
# ---------------------------------------------------------------------------

def run_figures(cmd, env=None):
    out = subprocess.run(cmd, env=env, check=True, capture_output=True,
                         text=True).stdout
    figures = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            figures[parts[0]] = float(parts[1])
    return figures


def core_allocates(build):
    """Names of allocation functions the core's objects call (none, by
    design: the knowledge base is static data)."""
    lib = os.path.join(build, "libstatuscodes.a")
    try:
        out = subprocess.run(["nm", "-u", lib], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    names = {line.split()[-1] for line in out.splitlines() if line.strip()}
    return sorted(n for n in names
                  if n in ("malloc", "calloc", "realloc", "free",
                           "posix_memalign", "aligned_alloc", "strdup"))


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

ROWS = []


def row(figure, ours, base, ratio, target, met, note=""):
    ROWS.append((figure, ours, base, ratio, target, met, note))


def us(seconds):
    return "%.2f us" % (seconds * 1e6)


def time_row(figure, ours, base, limit, note=""):
    ratio = ours / base
    row(figure, us(ours), us(base), "%.3f" % ratio, "<= %g" % limit,
        ratio <= limit, note)


def print_table():
    heads = ("figure", "statuscodes", "baseline", "ratio", "target", "")
    cells = [heads] + [(f, o, b, r, t, "" if m is None else
                        ("met" if m else "NOT MET")) for f, o, b, r, t, m, _
                       in ROWS]
    widths = [max(len(c[i]) for c in cells) for i in range(len(heads))]
    for i, c in enumerate(cells):
        print("  ".join(x.ljust(w) for x, w in zip(c, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    notes = [(f, n) for f, _, _, _, _, _, n in ROWS if n]
    if notes:
        print()
        for f, n in notes:
            print("%s: %s" % (f, n))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    pypath = os.path.join(build, "python")
    sys.path.insert(0, pypath)
    sys.path.insert(0, HERE)
    import statuscodes as sc
    import baseline_parse

    replies = load_replies()
    replies_file = os.path.join(build, "replies.txt")
    with open(replies_file, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(r + "\n" for r in replies))

    lua = None
    for exe in ("lua5.4", "lua"):
        try:
            subprocess.run([exe, "-v"], capture_output=True, check=True)
            lua = exe
            break
        except (OSError, subprocess.CalledProcessError):
            continue
    print("statuscodes %s benchmarks on %s (%d CPUs, load %.1f), Python %s, "
          "%s" % (sc.__version__, cpu_model(), os.cpu_count() or 0,
                  os.getloadavg()[0], platform.python_version(),
                  lua or "no Lua"))
    print("parse input: %d real replies of the SMTP Field Manual, %.0f bytes "
          "on average" % (len(replies), sum(map(len, replies)) / len(replies)))
    print()

    # -- Python describe, compare ------------------------------------------
    describe, compare = sc.describe, sc.compare
    describe_py = make_describe_baseline(sc)
    for code in (535, "5.7.8"):
        assert describe_py(code) == describe(code)
        ours = per_call(lambda: describe(code), 100000)
        base = per_call(lambda: describe_py(code), 100000)
        time_row("Python describe(%r)" % (code,), ours, base, 0.5)
    pairs = [(250, 535), ("4.2.2", "5.2.2")]
    compare_py = make_compare_baseline(sc, pairs)
    for a, b in pairs:
        assert compare_py(a, b) == compare(a, b)
        ours = per_call(lambda: compare(a, b), 20000)
        base = per_call(lambda: compare_py(a, b), 20000)
        row("Python compare(%r, %r)" % (a, b), us(ours), us(base),
            "%.3f" % (ours / base), "", None)

    # -- Python parse ------------------------------------------------------
    n = len(replies)
    log = "\n".join(replies) + "\n"
    parse = sc.parse
    parse_py = baseline_parse.parse
    base = per_call(lambda: [parse_py(r) for r in replies], 10) / n
    ours = per_call(lambda: [parse(r) for r in replies], 100) / n
    agree = sum(parse(r)["reason"] == parse_py(r)["reason"] for r in replies)
    time_row("Python parse(), per reply", ours, base, 0.05,
             "the regex baseline gives the same reason as parse() for %d of "
             "%d replies, and builds no code_info / enhanced_info dicts"
             % (agree, n))
    bulk = per_call(lambda: sc.parse_many(replies), 100) / n
    time_row("Python parse_many(), per reply", bulk, base, 0.05)
    logs = per_call(lambda: sc.parse_log(log), 100) / n
    time_row("Python parse_log(), per reply", logs, base, 0.05)
    fastest = min(bulk, logs)
    row("  bulk vs per-reply parse()", us(fastest), us(ours),
        "%.3f" % (fastest / ours), "< 1", fastest < ours)

    # -- Kept, the collector on --------------------------------------------
    many = (replies * (KEPT_N // n + 1))[:KEPT_N]
    many_log = "\n".join(many) + "\n"
    base_kept = kept_time(lambda: [parse_py(r) for r in many], 2) / KEPT_N
    for name, fn in (("parse_many", lambda: sc.parse_many(many)),
                     ("parse_log", lambda: sc.parse_log(many_log)),
                     ("parse", lambda: [parse(r) for r in many]),
                     ("parse_stream", lambda: list(sc.parse_stream(many)))):
        t = kept_time(fn) / KEPT_N
        row("Python %s(), 100,000 kept, GC on" % name, us(t), us(base_kept),
            "%.3f" % (t / base_kept), "<= 0.05", t <= 0.05 * base_kept,
            "" if name != "parse_many" else
            "kept: every result held in a list until the clock stops, the "
            "garbage collector on (the regex baseline kept the same way)")
    t = kept_time(lambda: sc.parse_many(many, details=True), 1) / KEPT_N
    row("  parse_many(details=True), kept, GC on", us(t), us(base_kept),
        "%.3f" % (t / base_kept), "", None)
    # What any parser returning these verdicts pays before it parses a byte:
    # a fresh dict of a verdict's keys per reply, holding the reply's text
    # and a list of its lines, kept, the collector on.
    template = sc.parse(many[0])
    t = kept_time(lambda: [dict(template, text=r, lines=[r]) for r in many]) / KEPT_N
    row("  the verdict dicts alone (%d keys), kept, GC on" % len(template), us(t),
        us(base_kept), "%.3f" % (t / base_kept), "", None,
        "a copy of one verdict per reply with its own text and lines: the "
        "floor of any parse_many() that returns these dicts")
    sample = many[:20000]
    base_b = kept_bytes(lambda: [parse_py(r) for r in sample], len(sample))
    for name, fn in (("parse_many", lambda: sc.parse_many(sample)),
                     ("parse_log", lambda: sc.parse_log("\n".join(sample))),
                     ("parse", lambda: [parse(r) for r in sample])):
        b = kept_bytes(fn, len(sample))
        row("Python heap per kept verdict, %s()" % name, "%.0f B" % b,
            "%.0f B" % base_b, "%.2f" % (b / base_b), "<= 1 KB", b <= 1024,
            "" if name != "parse_many" else
            "tracemalloc: the heap the kept results hold, per verdict; the "
            "baseline's dicts hold fewer keys")
    b = kept_bytes(lambda: sc.parse_many(sample, details=True), len(sample))
    row("  parse_many(details=True)", "%.0f B" % b, "", "", "", None)
    js = [len(json.dumps(v, ensure_ascii=False).encode()) for v in sc.parse_many(replies)]
    row("JSON line per verdict (--json), mean / max", "%.0f / %d B" % (
        sum(js) / len(js), max(js)), "", "", "~1 KB", sum(js) / len(js) <= 1024)

    # -- Protocol families -------------------------------------------------
    fam = family_replies(sc)
    fam["SMTP replies (field manual)"] = replies
    for name, strings in fam.items():
        t = per_call(lambda: sc.parse_many(strings), 20) / len(strings)
        codes = sum(v["code"] is not None for v in sc.parse_many(strings))
        row("parse_many, %s (%d)" % (name, len(strings)), us(t), "", "", "", None,
            "" if codes == len(strings) else "%d of %d read with a code"
            % (codes, len(strings)))

    # -- The command line on a 40 MB log ----------------------------------
    log_path = os.path.join(build, "postfix-40mb.log")
    nlines = postfix_log(log_path, replies, 40 * 1000 * 1000)
    env = dict(os.environ, PYTHONPATH=pypath)
    mb = os.path.getsize(log_path) / 1e6
    for args_ in (["--parse", "-"], ["--parse", "-", "--json"]):
        t, rss = cli_run(args_, log_path, env)
        row("CLI %s < %.0f MB Postfix log" % (" ".join(args_), mb),
            "%.1f s, %.0f MiB" % (t, rss / 1024), "", "%.1f us/line" % (t / nlines * 1e6),
            "<= 100 MiB", rss <= 100 * 1024,
            "" if args_[-1] == "--json" else
            "time and peak RSS of python3 -m statuscodes reading the log on stdin "
            "(%d said: lines, a qmgr line after every fourth)" % nlines)
    os.unlink(log_path)

    # -- Lua ---------------------------------------------------------------
    if lua:
        env = dict(os.environ, LUA_CPATH=os.path.join(build, "lua", "?.so"))
        f = run_figures([lua, os.path.join(HERE, "bench.lua"), replies_file], env)
        for code in ("535", "5.7.8"):
            ours = f["lua_describe_%s" % code] * 1e-9
            base = f["lua_describe_%s_baseline" % code] * 1e-9
            c = code if code != "535" else 535
            time_row("Lua describe(%r)" % (c,), ours, base, 1.0)
        if "lua_parse_many_kept" in f:
            row("Lua parse_many, 100,000 kept, GC on", "%.2f us" % (
                f["lua_parse_many_kept"] / 1000), "", "", "", None)
    else:
        row("Lua describe", "no lua5.4", "", "", "", None)

    # -- C core ------------------------------------------------------------
    exe = os.path.join(build, "bench_core")
    f = run_figures([exe, replies_file, "16"])
    row("C sc_parse_next over %.0f MB" % f["buffer_mb"],
        "%.0f MB/s" % f["parse_mbs"], "", "", ">= 500 MB/s",
        f["parse_mbs"] >= 500)
    ratio = f["memchr_mbs"] / f["parse_mbs"]
    row("  beside a memchr line count", "%.0f MB/s" % f["parse_mbs"],
        "%.0f MB/s" % f["memchr_mbs"], "%.1fx slower" % ratio, "<= 10x",
        ratio <= 10)
    row("C sc_parse, per reply", "%.0f ns" % f["reply_ns"], "", "", "", None)
    row("C sc_describe", "%.0f ns" % f["describe_ns"], "", "", "", None)

    # -- size --------------------------------------------------------------
    lib = os.path.realpath(os.path.join(build, "libstatuscodes.so"))
    size = os.path.getsize(lib)
    # Targets: 1.5 MiB with SMTP and HTTP, 2.5 MiB with all seven families
    # and prose in three languages.
    limit = 1.5 if len(sc.protocols()) <= 2 else 2.5
    row("libstatuscodes.so (%d protocols)" % len(sc.protocols()),
        "%.2f MiB" % (size / 2**20), "", "", "<= %g MiB" % limit,
        size <= limit * 2**20)
    ext = sc._statuscodes.__file__
    row("  Python extension (core inside)",
        "%.2f MiB" % (os.path.getsize(ext) / 2**20), "", "", "", None)
    luamod = os.path.join(build, "lua", "statuscodes.so")
    if os.path.exists(luamod):
        row("  Lua module (links the library)",
            "%.0f KiB" % (os.path.getsize(luamod) / 1024), "", "", "", None)

    # -- import, memory ----------------------------------------------------
    env = dict(os.environ, PYTHONPATH=pypath)
    times, rss, heap = interpreter_figures(env, pypath)
    ours, base = import_time(env, "statuscodes"), import_time(env, "json")
    r = ours / base
    row("import statuscodes vs import json (-X importtime, re imported)",
        "%.0f us" % (ours * 1e6), "%.0f us" % (base * 1e6), "%.3f" % r,
        "<= 0.25", r <= 0.25)
    r = times["statuscodes"] / times["json"]
    row("  the same, timed around a cold-ish import",
        "%.0f us" % (times["statuscodes"] * 1e6),
        "%.0f us" % (times["json"] * 1e6), "%.3f" % r, "", None)
    r = rss["statuscodes"] / rss["none"]
    row("RSS after import vs bare interpreter",
        "%.0f KiB" % rss["statuscodes"], "%.0f KiB" % rss["none"],
        "%.3f" % r, "", None,
        "import json: %.0f KiB" % rss["json"])
    row("Python heap allocated by the import",
        "%.1f KiB" % (heap["statuscodes"] / 1024),
        "json: %.1f KiB" % (heap["json"] / 1024),
        "%.3f" % (heap["statuscodes"] / heap["json"]), "", None)
    kept, describe_caches, compare_caches, ncompares, ncodes = cache_figures(env)
    row("Python heap: every code described in every language, results kept",
        "%.0f KiB" % (kept / 1024), "", "", "", None)
    row("  of which the binding's caches (results dropped)",
        "%.0f KiB" % (describe_caches / 1024), "", "", "", None,
        "the caches are bounded: at most 8192 describe templates, 4096 "
        "parse templates, 1024 compare templates, and one str per static "
        "string of the core (%d listed codes)" % ncodes)
    row("  caches after %d compares" % ncompares,
        "%.0f KiB" % (compare_caches / 1024), "", "", "", None)
    allocs = core_allocates(build)
    if allocs is not None:
        row("C core: allocation calls", ", ".join(allocs) or "none", "", "",
            "none", not allocs)

    print_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
