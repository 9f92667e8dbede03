"""Soak: a million mixed calls with memory flat, and threads calling at once
(standard library only).

The calls mix every function, every kind of argument, and the error paths
(each raise must release what it took). Memory must stay flat: the number of
objects the garbage collector tracks, the blocks Python's allocator holds,
the reference counts of the arguments and of the shared singletons, and the
process's resident size. Threads then call concurrently (with a tiny switch
interval, so calls interleave as much as the GIL allows) and must get
exactly the answers one thread gets alone.

SC_SOAK_CALLS sets the number of calls (default 1000000); sanitizer and
valgrind runs use fewer. Run as its own CTest test, python_soak.
"""
import gc
import json
import os
import sys
import threading
import unittest

import statuscodes as sc

CALLS = int(os.environ.get("SC_SOAK_CALLS", "1000000"))
# ASan keeps freed memory in quarantine, valgrind has its own heap: the
# resident size means nothing there (they check leaks themselves).
MEASURE_RSS = not os.environ.get("SC_VALGRIND") and "asan" not in os.environ.get("LD_PRELOAD", "")

REPLY = "550-5.1.1 The email account that you tried to reach does not exist.\r\n" \
        "550 5.1.1 Please try double-checking the recipient's address."
REPLY_B = b"421 4.7.0 [192.0.2.1] Too many connections, try again \xff later"
SURROGATES = "550 5.1.1 caf\udcc3\udca9 \ud800 user unknown"
LOG = "250 ok\n\n550-5.7.1 a\r\n550 5.7.1 blocked using zen.spamhaus.org\n451 4.7.1 greylisted\n"
MANY = ["250 2.0.0 ok", b"552 5.3.4 too big", bytearray(b"530 5.7.0 must issue a STARTTLS")]
LANG = "fr-CA"
CODE_S = "5.7.8"
HUGE = 10**40
BAD = "x" * 10000


def raises(exc, func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except exc:
        return None
    raise AssertionError("%s did not raise %s" % (func.__name__, exc.__name__))


# One of each kind of call, answers and errors.
OPS = [
    lambda: sc.describe(535),
    lambda: sc.describe(CODE_S, lang=LANG),
    lambda: sc.describe(299, protocol="SMTP", lang="ja"),
    lambda: sc.compare(250, 535),
    lambda: sc.compare(CODE_S, 535, lang="es"),
    lambda: sc.parse(REPLY),
    lambda: sc.parse(REPLY_B),
    lambda: sc.parse(SURROGATES),
    lambda: sc.parse_many(MANY),
    lambda: sc.parse_log(LOG),
    lambda: sc.codes(),
    lambda: sc.protocols(),
    lambda: sc.languages(),
    lambda: raises(ValueError, sc.describe, "abc"),
    lambda: raises(ValueError, sc.describe, HUGE),
    lambda: raises(ValueError, sc.describe, BAD),
    lambda: raises(TypeError, sc.describe, None),
    lambda: raises(TypeError, sc.describe, 1.5),
    lambda: raises(ValueError, sc.describe, 535, lang="xx"),
    lambda: raises(TypeError, sc.describe, 535, protocol=5),
    lambda: raises(ValueError, sc.compare, 250, "5.x.1"),
    lambda: raises(ValueError, sc.parse, "  \r\n"),
    lambda: raises(TypeError, sc.parse, 550),
    lambda: raises(ValueError, sc.parse_many, ["250 ok", ""]),
    lambda: raises(TypeError, sc.parse_many, ["250 ok", None]),
    lambda: raises(TypeError, sc.parse_many, None),
    lambda: raises(TypeError, sc.parse_log, None),
]

# Objects whose reference counts the calls must leave as they found them.
WATCHED = [REPLY, REPLY_B, SURROGATES, LOG, MANY, LANG, CODE_S, HUGE, BAD,
           None, True, False] + MANY


def rss_bytes():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def snapshot():
    gc.collect()
    return {
        "objects": len(gc.get_objects()),
        "blocks": sys.getallocatedblocks(),
        "refs": [sys.getrefcount(o) for o in WATCHED],
        "rss": rss_bytes(),
    }


def run(ops, calls):
    n = len(ops)
    for i in range(calls):
        ops[i % n]()


class Soak(unittest.TestCase):
    def test_million_mixed_calls_memory_flat(self):
        run(OPS, 20 * len(OPS))  # warm up: caches, interned strings
        before = snapshot()
        run(OPS, CALLS)
        after = snapshot()
        grew = after["objects"] - before["objects"]
        self.assertLess(grew, 100, "%d calls left %d more objects" % (CALLS, grew))
        grew = after["blocks"] - before["blocks"]
        self.assertLess(grew, 1000, "%d calls left %d more blocks" % (CALLS, grew))
        for obj, a, b in zip(WATCHED, before["refs"], after["refs"]):
            # Singletons are shared with the interpreter: allow a little
            # noise, but a leak per call would be thousands.
            slack = 50 if obj is None or obj is True or obj is False else 0
            self.assertLessEqual(abs(b - a), slack,
                                 "refcount of %r: %d -> %d" % (repr(obj)[:30], a, b))
        if MEASURE_RSS and before["rss"] and after["rss"]:
            grew = after["rss"] - before["rss"]
            self.assertLess(grew, 16 * 1024 * 1024,
                            "%d calls grew the process by %d bytes" % (CALLS, grew))

    def test_results_unchanged_after_the_soak(self):
        first = [op() for op in OPS]
        run(OPS, max(CALLS // 10, len(OPS)))
        self.assertEqual([op() for op in OPS], first)


class Threads(unittest.TestCase):
    NTHREADS = 8

    def test_threads_agree(self):
        expected = [json.dumps(op(), sort_keys=True) for op in OPS]
        rounds = max(CALLS // (10 * self.NTHREADS * len(OPS)), 2)
        errors = []
        start = threading.Barrier(self.NTHREADS)

        def work(offset):
            try:
                start.wait()
                n = len(OPS)
                for i in range(rounds * n):
                    k = (i + offset) % n
                    got = json.dumps(OPS[k](), sort_keys=True)
                    if got != expected[k]:
                        errors.append((k, got[:200], expected[k][:200]))
                        return
            except BaseException as e:  # report, never hang the barrier
                errors.append(repr(e))

        old = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)
        try:
            threads = [threading.Thread(target=work, args=(i * 3,))
                       for i in range(self.NTHREADS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            sys.setswitchinterval(old)
        self.assertEqual(errors, [])

    def test_threads_share_inputs(self):
        # Many threads parse the very same objects at once: a str's cached
        # UTF-8, a bytearray's buffer export, a shared list.
        shared = [REPLY, bytearray(REPLY.encode()), memoryview(REPLY.encode())]
        expected = [sc.parse(r) for r in shared]
        errors = []

        def work():
            for _ in range(max(CALLS // 2000, 10)):
                if sc.parse_many(shared) != expected:
                    errors.append("parse_many differs")
                    return

        threads = [threading.Thread(target=work) for _ in range(self.NTHREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])


if __name__ == "__main__":
    unittest.main()
