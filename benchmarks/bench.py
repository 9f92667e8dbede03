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
import glob
import json
import os
import platform
import statistics
import subprocess
import sys
import timeit

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

    # -- Lua ---------------------------------------------------------------
    if lua:
        env = dict(os.environ, LUA_CPATH=os.path.join(build, "lua", "?.so"))
        f = run_figures([lua, os.path.join(HERE, "bench.lua")], env)
        for code in ("535", "5.7.8"):
            ours = f["lua_describe_%s" % code] * 1e-9
            base = f["lua_describe_%s_baseline" % code] * 1e-9
            c = code if code != "535" else 535
            time_row("Lua describe(%r)" % (c,), ours, base, 1.0)
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
