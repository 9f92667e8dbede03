"""The bad-input matrix: every public function, every argument and option,
against every kind of hostile value (standard library only).

Each value gets the documented error (TypeError for a wrong type, ValueError
for a malformed or unknown value, both with a short message that names the
argument or quotes the value) or a correct answer; never a crash, never
another exception, never a message as long as the input. parse of a 10 MB
reply returns promptly (the core is linear: no backtracking, no quadratic
loop).

Environment: SC_TIME_FACTOR multiplies the time bound (sanitizer builds);
SC_VALGRIND=1 shrinks the 10 MB inputs to 1 MB and drops the time bound
(valgrind runs everything some 50 times slower).
"""
import array
import decimal
import enum
import fractions
import json
import os
import time
import unittest

import statuscodes as sc
from cli_helper import run_cli

VALGRIND = bool(os.environ.get("SC_VALGRIND"))
TIME_FACTOR = float(os.environ.get("SC_TIME_FACTOR", "1"))
BIG = (1 if VALGRIND else 10) * 1024 * 1024
MB = 1024 * 1024
MAX_MESSAGE = 300

# ---------------------------------------------------------------------------
# The values
# ---------------------------------------------------------------------------

NAN, INF = float("nan"), float("inf")

# Neither int nor str: TypeError wherever a code, a protocol or a language
# goes. (bytes is not text for a code or an option.)
WRONG_TYPES = [
    None, True, False, 0.0, 1.5, 535.0, NAN, INF, -INF, 1j,
    b"535", bytearray(b"535"), memoryview(b"535"), [535], ("535",), {535},
    {"code": 535}, range(3), object(), decimal.Decimal(535),
    fractions.Fraction(535, 1), array.array("b", b"535"), sc.describe,
]

# Ints that are no code: ValueError.
BAD_INTS = [
    0, -1, -535, 1, 99, 100, 199, 600, 999, 1000, 5350, 2**31 - 1, 2**31,
    -2**31, 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64, 10**100, -10**100,
    2**20000,  # too long to print (sys.set_int_max_str_digits)
]

# Strings that are no code: ValueError. Only ASCII digits count.
BAD_CODE_STRS = [
    "", " ", "\t", "\n", "\r\n", "\x00", " 535", "535 ", "535\n", "\t535",
    "535\x00", "\x00535", "5\x0035", "5.7.8\x00", "abc", "5x5", "+535",
    "-535", "535.0", "0x217", "1e3", "0535", "5.7", "5.7.8.9", "5..8",
    ".5.7.8", "5.7.8.", "5.07.8", "05.7.8", "5.7.1000", "6.7.8", "3.1.1",
    "5.x.1", "\uff15\uff13\uff15",             # fullwidth ５３５, int() takes it
    "\u0665\u0663\u0665",                      # Arabic-Indic ٥٣٥
    "\u096b\u0969\u096b",                      # Devanagari ५३५
    "5.\uff17.8", "\U0001d7d3\U0001d7d1\U0001d7d3",  # mathematical digits
    "\ud800", "53\udc355", "\udcff\udcfe", "535\ud800", "\ufeff535",
    "\u00a0535", "535\u200b", "x" * MB, "5" * MB, "5." * (MB // 2),
]

# Option values that name nothing: ValueError naming the valid ones.
BAD_PROTOCOLS = ["", " ", "smtp ", " smtp", "smtp\x00", "\x00", "htp", "s",
                 "smtpx", "\ud800", "smtp\udcff", "\uff53\uff4d\uff54\uff50",
                 "x" * MB, "SMTP\n"]
BAD_LANGS = ["", " ", "fr ", " fr", "fr\x00", "\x00", "-", "_", "fr-", "-fr",
             "f", "fra", "xx", "\ud800", "fr\udcff", "\uff46\uff52",
             "x" * MB, "en\n", "zz-ZZ"]
GOOD_LANGS = ["en", "EN", "Fr", "fr-CA", "pt_BR", "es-419", "zh-Hans-CN"]


class IntCode(enum.IntEnum):
    AUTH_FAILED = 535


class StrCode(str):
    pass


def check_message(test, exc, *needles):
    message = str(exc)
    test.assertTrue(message, "an empty message")
    test.assertLess(len(message), MAX_MESSAGE, message[:400])
    for needle in needles:
        test.assertIn(needle, message)


def check_json(test, result):
    """A result is plain data: JSON-serialisable, valid UTF-8 throughout."""
    json.dumps(result, ensure_ascii=False).encode("utf-8")


def check_verdict(test, v):
    test.assertIsInstance(v, dict)
    for key in ("code", "enhanced", "text", "lines", "class", "permanent",
                "retryable", "action", "reason", "why", "known"):
        test.assertIn(key, v)
    test.assertIsInstance(v["text"], str)
    test.assertIsInstance(v["lines"], list)
    if v["no_reply"]:
        test.assertIsNone(v["action"])
    else:
        test.assertIn(v["action"], ("none", "retry", "suppress", "fix", "review"))
    test.assertIsInstance(v["reason"], str)
    test.assertTrue(v["why"])
    check_json(test, v)


# ---------------------------------------------------------------------------
# Codes: describe and compare, every position
# ---------------------------------------------------------------------------


class CodeArguments(unittest.TestCase):
    # Every place a code goes: describe's code, compare's a and b.
    CALLS = [
        ("describe(code)", lambda c: sc.describe(c)),
        ("describe(code=)", lambda c: sc.describe(code=c, lang="fr")),
        ("compare(a, _)", lambda c: sc.compare(c, 535)),
        ("compare(_, b)", lambda c: sc.compare(535, c)),
        ("compare(b=)", lambda c: sc.compare(a="5.7.8", b=c, lang="de")),
    ]

    def test_wrong_types(self):
        for name, call in self.CALLS:
            for bad in WRONG_TYPES:
                with self.subTest(call=name, value=repr(bad)[:40]):
                    with self.assertRaises(TypeError) as cm:
                        call(bad)
                    check_message(self, cm.exception, "code must be int or str",
                                  type(bad).__name__)

    def test_bad_ints(self):
        for name, call in self.CALLS:
            for bad in BAD_INTS:
                with self.subTest(call=name, value=repr(bad)[:40] if bad < 10**50 else "huge"):
                    with self.assertRaises(ValueError) as cm:
                        call(bad)
                    check_message(self, cm.exception, "not a well-formed smtp code")

    def test_bad_strings(self):
        for name, call in self.CALLS:
            for bad in BAD_CODE_STRS:
                with self.subTest(call=name, value=repr(bad)[:40]):
                    with self.assertRaises(ValueError) as cm:
                        call(bad)
                    check_message(self, cm.exception, "not a well-formed smtp code",
                                  repr(bad)[:20])

    def test_python_int_would_accept_these(self):
        # int() reads non-ASCII digits; a code must not.
        for text in ("\uff15\uff13\uff15", "\u0665\u0663\u0665", " 535 ", "5_3_5", "+535"):
            self.assertEqual(int(text), 535)
            with self.assertRaises(ValueError):
                sc.describe(text)

    def test_subclasses_are_their_base(self):
        self.assertEqual(sc.describe(IntCode.AUTH_FAILED), sc.describe(535))
        self.assertEqual(sc.describe(StrCode("5.7.8")), sc.describe("5.7.8"))
        self.assertEqual(sc.compare(IntCode.AUTH_FAILED, StrCode("250")),
                         sc.compare(535, 250))

    def test_edges_that_are_codes(self):
        for code in (200, 599, "200", "599", "2.0.0", "5.999.999", "4.0.0"):
            d = sc.describe(code)
            self.assertEqual(str(d["code"]), str(code))
            check_json(self, d)


# ---------------------------------------------------------------------------
# Options: protocol and lang, on every function that takes them
# ---------------------------------------------------------------------------


class OptionArguments(unittest.TestCase):
    PROTOCOL_CALLS = [
        ("describe", lambda p: sc.describe(535, protocol=p)),
        ("compare", lambda p: sc.compare(250, 535, protocol=p)),
        ("codes", lambda p: sc.codes(protocol=p)),
        ("codes positional", lambda p: sc.codes(p)),
    ]
    LANG_CALLS = [
        ("describe", lambda x: sc.describe("5.7.8", lang=x)),
        ("compare", lambda x: sc.compare(250, 535, lang=x)),
    ]

    def test_wrong_types(self):
        for option, calls in (("protocol", self.PROTOCOL_CALLS), ("lang", self.LANG_CALLS)):
            for name, call in calls:
                for bad in WRONG_TYPES + [535, -1, 2**100]:
                    with self.subTest(option=option, call=name, value=repr(bad)[:40]):
                        with self.assertRaises(TypeError) as cm:
                            call(bad)
                        check_message(self, cm.exception, option + " must be str")

    def test_unknown_protocols(self):
        for name, call in self.PROTOCOL_CALLS:
            for bad in BAD_PROTOCOLS:
                with self.subTest(call=name, value=repr(bad)[:40]):
                    with self.assertRaises(ValueError) as cm:
                        call(bad)
                    check_message(self, cm.exception, "unknown protocol", "valid: smtp")

    def test_unknown_languages(self):
        valid = ", ".join(sc.languages())
        for name, call in self.LANG_CALLS:
            for bad in BAD_LANGS:
                with self.subTest(call=name, value=repr(bad)[:40]):
                    with self.assertRaises(ValueError) as cm:
                        call(bad)
                    check_message(self, cm.exception, "unknown language", valid)

    def test_good_spellings(self):
        for p in ("smtp", "SMTP", "Smtp"):
            self.assertEqual(sc.describe(535, protocol=p), sc.describe(535))
        for lang in GOOD_LANGS:
            d = sc.describe(535, lang=lang)
            self.assertIn(d["lang"], sc.languages())
            check_json(self, sc.compare(250, 535, lang=lang))

    def test_signatures(self):
        for call in (lambda: sc.describe(), lambda: sc.compare(535),
                     lambda: sc.parse(), lambda: sc.parse_many(),
                     lambda: sc.parse_log(),
                     lambda: sc.describe(535, "smtp", "en", "extra"),
                     lambda: sc.describe(535, bogus=1),
                     lambda: sc.describe(535, code=535),
                     lambda: sc.compare(1, 2, 3, 4, 5),
                     lambda: sc.parse("250 ok", protocl="smtp"),
                     lambda: sc.lookup(), lambda: sc.search(),
                     lambda: sc.lookup(535, "en", 1),
                     lambda: sc.codes("smtp", "extra"),
                     lambda: sc.protocols(None), lambda: sc.languages(1),
                     lambda: sc.protocols(x=1)):
            with self.assertRaises(TypeError):
                call()


# ---------------------------------------------------------------------------
# Replies: parse, parse_many, parse_log
# ---------------------------------------------------------------------------

# Not text: TypeError.
WRONG_REPLY_TYPES = [None, True, False, 550, 0, -1, 2**100, 1.5, NAN, INF,
                     ["550 x"], ("550 x",), {"550 x"}, {"550": "x"}, object(),
                     decimal.Decimal(550), range(1), sc.parse]

EMPTY_REPLIES = ["", " ", "\t", "\r\n", "\n\n\n", " \t\r\n\v\f ", b"", b"  \r\n",
                 bytearray(), bytearray(b"\n"), memoryview(b" ")]

# Odd but text: a correct answer.
ODD_REPLIES = [
    "\x00", "550\x00", "550 5.1.1 a\x00b", "\x00550 5.1.1 x", b"\x00" * 100,
    b"\xff", b"\xff\xfe\xfd", b"550 5.1.1 \xc3\x28 bad utf-8", b"\xc0\xaf",
    b"\xed\xa0\x80", b"550 \xf4\x90\x80\x80 too big", b"\x80" * 1000,
    "\ud800", "550 \udcff\ud800 x", "550 5.1.1 caf\udcc3\udca9",
    "\uff15\uff15\uff10 5.1.1 user unknown", "\u0665\u0665\u0660 no ASCII digits",
    "550 \uff15.\uff11.\uff11 x", "\u2028550 x", "\x85 550 x", "\ufeff550 5.1.1 x",
    "550", "5", "5.", "550-", "550 -", "-550", "550-\n", "550-\r\n550",
    "5.1.1", "5.1.1.", "999 x", "550 9.9.9 x", "550 5.1000.1 x",
    "smtp;", "smtp; ", ";550", "said:", "said: 550", "(in reply to  command)",
    "\r\r\r550 x\r", "550 x\r\n\r\n\r\n", "\n550 x", "550 x\n\n\n550 y",
    "x" * 100000, "550 " + "y" * 100000, "550-" * 10000,
    memoryview(b"550 5.1.1 user unknown")[::1],
    memoryview(b"5_5_0_ _5_._1_._1_ _x")[::2],   # not contiguous: copied
    memoryview(bytearray(b"550 5.1.1 x")), array.array("B", b"550 5.1.1 x"),
    bytearray(b"550 5.1.1 x"),
]


class ReplyArguments(unittest.TestCase):
    def test_wrong_types(self):
        for bad in WRONG_REPLY_TYPES:
            with self.subTest(value=repr(bad)[:40]):
                with self.assertRaises(TypeError) as cm:
                    sc.parse(bad)
                check_message(self, cm.exception, "reply must be str or bytes",
                              type(bad).__name__)
                with self.assertRaises(TypeError) as cm:
                    sc.parse_log(bad)
                check_message(self, cm.exception, "text must be str or bytes",
                              type(bad).__name__)
                with self.assertRaises(TypeError) as cm:
                    sc.parse_many(["250 ok", bad])
                check_message(self, cm.exception, "reply at index 1")

    def test_empty(self):
        for bad in EMPTY_REPLIES:
            with self.subTest(value=repr(bad)):
                with self.assertRaises(ValueError) as cm:
                    sc.parse(bad)
                self.assertEqual(str(cm.exception), "empty reply")
                with self.assertRaises(ValueError) as cm:
                    sc.parse_many(["250 ok", "250 ok", bad])
                self.assertEqual(str(cm.exception), "empty reply at index 2")
                self.assertEqual(sc.parse_log(bad), [])

    def test_odd_but_text(self):
        for reply in ODD_REPLIES:
            with self.subTest(value=repr(reply)[:50]):
                v = sc.parse(reply)
                check_verdict(self, v)
                many = sc.parse_many([reply, reply])
                self.assertEqual(many, [v, v])
                for w in sc.parse_log(reply):
                    check_verdict(self, w)

    def test_non_ascii_digits_are_not_codes(self):
        v = sc.parse("\uff15\uff15\uff10 5.1.1 user unknown")
        self.assertIsNone(v["code"])
        v = sc.parse("\u0665\u0665\u0660 no such user")
        self.assertIsNone(v["code"])
        self.assertIsNone(v["enhanced"])

    def test_nul_does_not_cut_the_reply(self):
        v = sc.parse("550 5.1.1 first\x00 user unknown")
        self.assertEqual(v["code"], 550)
        self.assertIn("user unknown", v["text"])
        self.assertEqual(sc.parse(b"550 5.1.1 a\x00b")["text"], "a\x00b")

    def test_str_and_bytes_agree(self):
        for reply in ("550 5.1.1 caf\u00e9 user unknown", "421 4.7.0 later\r\n",
                      "550-5.1.1 a\r\n550 5.1.1 b"):
            self.assertEqual(sc.parse(reply), sc.parse(reply.encode()))
            self.assertEqual(sc.parse(reply), sc.parse(bytearray(reply.encode())))
            self.assertEqual(sc.parse(reply), sc.parse(memoryview(reply.encode())))

    def test_noncontiguous_buffer_is_read(self):
        # memoryview(...)[::2] has no contiguous bytes; it used to raise
        # BufferError, neither of the documented errors.
        data = b"5_5_0_ _5_._1_._1_ _n_o_ _s_u_c_h_ _u_s_e_r"
        view = memoryview(data)[::2]
        self.assertEqual(sc.parse(view), sc.parse(bytes(view)))
        self.assertEqual(sc.parse_many([view]), [sc.parse(bytes(view))])
        self.assertEqual(sc.parse_log(view), [sc.parse(bytes(view))])

    def test_many_containers(self):
        replies = ["250 ok", b"550 5.1.1 x", bytearray(b"421 4.7.0 y")]
        expected = [sc.parse(r) for r in replies]
        self.assertEqual(sc.parse_many(replies), expected)
        self.assertEqual(sc.parse_many(tuple(replies)), expected)
        self.assertEqual(sc.parse_many(iter(replies)), expected)
        self.assertEqual(sc.parse_many(r for r in replies), expected)
        self.assertEqual(sc.parse_many({"250 ok": 1}), [sc.parse("250 ok")])
        self.assertEqual(len(sc.parse_many({"250 ok", "550 x"})), 2)
        self.assertEqual(sc.parse_many([]), [])
        self.assertEqual(sc.parse_many(()), [])
        n = 10000 if VALGRIND else 100000
        self.assertEqual(len(sc.parse_many(["550 5.1.1 x"] * n)), n)

    def test_many_wrong_containers(self):
        for bad in (None, 5, 1.5, True, object(), sc.parse):
            with self.subTest(value=repr(bad)[:40]):
                with self.assertRaises(TypeError) as cm:
                    sc.parse_many(bad)
                check_message(self, cm.exception, "replies must be an iterable",
                              type(bad).__name__)
        for bad in ("250 ok", b"250 ok", bytearray(b"250 ok")):
            with self.assertRaises(TypeError) as cm:
                sc.parse_many(bad)
            check_message(self, cm.exception, "parse_many")
        for bad in ([["250 ok"]], [None], [("250 ok",)], [[]]):
            with self.assertRaises(TypeError) as cm:
                sc.parse_many(bad)
            check_message(self, cm.exception, "reply at index 0")

    def test_many_iterator_errors_propagate(self):
        def broken():
            yield "250 ok"
            raise ZeroDivisionError("from the iterator")

        with self.assertRaises(ZeroDivisionError):
            sc.parse_many(broken())

        class BadIter:
            def __iter__(self):
                raise TypeError("my own message")

        with self.assertRaisesRegex(TypeError, "my own message"):
            sc.parse_many(BadIter())

    def test_megabytes(self):
        for reply in ("550 5.1.1 " + "x" * MB, b"\xff" * MB, "\x00" * MB,
                      "550-x\r\n" * (MB // 8), "\ud800" * (MB // 4)):
            with self.subTest(value=repr(reply)[:30]):
                check_verdict(self, sc.parse(reply))
                for v in sc.parse_log(reply)[:3]:
                    check_verdict(self, v)


# ---------------------------------------------------------------------------
# Linear time: 10 MB of the worst inputs, each promptly
# ---------------------------------------------------------------------------

# Shapes that would make a backtracking or quadratic reader crawl: long
# runs of candidate codes, separators, continuation lines, prefixes and
# partial phrases.
# The last two make one reply per line: parse_log builds a dict for each,
# so they are read in smaller logs (the time is Python's, not the core's).
MANY_REPLIES = ("one-char lines", "alternating codes")


def worst_inputs(n):
    def fill(unit):
        return (unit * (n // len(unit) + 1))[:n]
    return {
        "one long line": "550 5.1.1 " + fill("x"),
        "digits": fill("5"),
        "codes after colons": fill(": 550 "),
        "codes after spaces": fill(" 550"),
        "enhanced-looking": fill("5.1."),
        "dotted digits": fill("5.5.5.5 "),
        "code then spaces": "x 550" + " " * n + "5.1.1",
        "code then dashes": "x 550" + "-" * n,
        "continuation lines": fill("550-5.1.1 user unknown\r\n"),
        "one-char lines": fill("5\n"),
        "blank lines": "\n" * n + "550 x",
        "dsn prefixes": fill("smtp;"),
        "postfix suffix": fill("(in reply to ") + " command)",
        "phrase prefixes": fill("user unknow"),
        "alternating codes": fill("550-x\n450-y\n"),
        # The markers of the other protocols' forms, over and over.
        "status lines": fill("HTTP/1.1 HTTP/2 SIP/2.0 "),
        "headers": "HTTP/1.1 503 x\n" + fill("Retry-After: Retry-After: 1 Date: x\n"),
        "grpc markers": fill("rpc error: code = StatusCode. 14 UNAVAILABLE grpc-status: "),
        "dns markers": fill("status: server can't find  not found: 3( EDE: "),
        "websocket markers": fill("websocket code 1 received 10 close code "),
        "json markers": fill('{"error" "code": 4'),
        "failure words": fill("connection refuse"),
    }


class LinearTime(unittest.TestCase):
    def test_ten_megabytes(self):
        bound = 5.0 * TIME_FACTOR
        for name, text in worst_inputs(BIG).items():
            data = text.encode()
            with self.subTest(shape=name):
                start = time.perf_counter()
                v = sc.parse(data)
                spent = time.perf_counter() - start
                check_verdict(self, v)
                if not VALGRIND:
                    self.assertLess(spent, bound, "parse of %d bytes: %.1f s" % (len(data), spent))
                if name in MANY_REPLIES:
                    data = data[:256 * 1024]
                start = time.perf_counter()
                n = len(sc.parse_log(data))
                spent = time.perf_counter() - start
                self.assertGreaterEqual(n, 1 if v["code"] is not None else 0)
                if not VALGRIND:
                    self.assertLess(spent, 4 * bound,
                                    "parse_log of %d bytes (%d replies): %.1f s"
                                    % (len(data), n, spent))


# ---------------------------------------------------------------------------
# The command line: one line on stderr and status 2, never a traceback
# ---------------------------------------------------------------------------


class CommandLine(unittest.TestCase):
    def run_cli(self, *args, stdin=b""):
        return run_cli(*args, stdin=stdin, text=False)

    def test_bad_arguments(self):
        for args in (["abc"], ["\uff15\uff13\uff15"], ["535", "--lang", "xx"],
                     ["535", "--lang", ""], ["535", "--protocol", "htp"],
                     ["600", "--protocol", "http"], ["FOO", "--protocol", "http"],
                     ["--parse", ""], ["--parse", "  \t"], ["99", "535"],
                     [os.fsdecode(b"\xff\xfe")], ["x" * 100000]):
            with self.subTest(args=repr(args)[:50]):
                r = self.run_cli(*args)
                self.assertEqual(r.returncode, 2, r.stderr[-500:])
                self.assertNotIn(b"Traceback", r.stderr)
                self.assertEqual(r.stderr.count(b"\n"), 1, r.stderr[-500:])
                self.assertLess(len(r.stderr), 2 * MAX_MESSAGE)

    def test_odd_logs_on_stdin(self):
        for data in (b"", b"\n\n", b"\xff\xfe\n550 5.1.1 x\n", b"\x00\n",
                     b"550-a\r\n" * 1000):
            with self.subTest(data=data[:20]):
                r = self.run_cli("--parse", "-", "--json", stdin=data)
                self.assertEqual(r.returncode, 0, r.stderr[-500:])
                self.assertNotIn(b"Traceback", r.stderr)


if __name__ == "__main__":
    unittest.main()
