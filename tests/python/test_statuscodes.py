"""Tests of the statuscodes Python package (standard library only).

They test the built package: build it, then point PYTHONPATH at the build:

    python3 setup.py build --build-lib /tmp/pybuild
    PYTHONPATH=/tmp/pybuild python3 -m unittest discover -s tests/python -v

Assertions on the knowledge base's prose are kept light (the data grows on
its own); shapes, types and error paths are checked thoroughly.
"""

import enum
import gc
import json
import os
import re
import tracemalloc
import unicodedata
import unittest

import statuscodes as sc
from statuscodes import _statuscodes
from cli_helper import cli_env, run_cli

NoneType = type(None)

DESCRIPTION_TYPES = {
    "protocol": str,
    "code": (int, str),
    "mnemonic": (str, NoneType),
    "aliases": list,
    "name": str,
    "gist": (str, NoneType),
    "class": (str, NoneType),
    "class_name": (str, NoneType),
    "subject": (str, NoneType),
    "subject_name": (str, NoneType),
    "description": str,
    "when": str,
    "fix": str,
    "known": bool,
    "source": str,
    "origin": (str, NoneType),
    "retry": str,
    "retry_advice": str,
    "retryable": bool,
    "actor": str,
    "actor_text": str,
    "commands": list,
    "references": list,
    "related": list,
    "variants": list,
    "basic": list,
    "equivalents": list,
    "lang": str,
    "untranslated": list,
    "labels": dict,
}

COMPARISON_TYPES = {
    "protocol": str,
    "title": str,
    "summary": str,
    "same_class": bool,
    "a": dict,
    "b": dict,
    "differences": list,
    "when_to_use": list,
    "learn_more": list,
    "lang": str,
    "untranslated": list,
    "labels": dict,
}

VERDICT_TYPES = {
    "protocol": (str, NoneType),  # None: a failure whose text names none
    "code": (int, NoneType),
    "mnemonic": (str, NoneType),
    "ede": (str, NoneType),
    "enhanced": (str, NoneType),
    "text": str,
    "lines": list,
    "class": (str, NoneType),
    "permanent": (bool, NoneType),
    "retryable": bool,
    "action": (str, NoneType),
    "reason": str,
    "why": str,
    "evidence": str,
    "phrase": (str, NoneType),
    "retry_hint": bool,
    "class_conflict": bool,
    "known": bool,
    "retry_after": (int, NoneType),
    "retry_at": (str, NoneType),
    "assumed": bool,
    "no_reply": bool,
    "code_info": (dict, NoneType),
    "enhanced_info": (dict, NoneType),
}

LABEL_KEYS = {
    "summary", "description", "when", "fix", "retry", "actor", "commands",
    "references", "related", "variants", "differences", "when_to_use",
    "learn_more", "gist", "equivalents", "aliases",
}
RETRY = {"not_needed", "continue", "follow", "later", "idempotent", "after_fix", "never"}
ACTORS = {"nobody", "client", "sender", "recipient", "server", "proxy"}
SOURCES = {"rfc", "registry", "common", "vendor", "class"}
TEXT_FIELDS = ["name", "gist", "description", "when", "fix", "variants",
               "class_name", "subject_name", "contrasts"]
ACTIONS = {"none", "retry", "suppress", "fix", "review"}
EVIDENCE = {"none", "phrase", "enhanced", "basic", "class"}
REASONS = {
    "delivered", "user_unknown", "mailbox_disabled", "mailbox_full",
    "message_too_large", "domain_not_found", "no_mail_accepted",
    "relay_denied", "smtp_auth_required", "smtp_auth_failed", "tls_required",
    "sender_rejected", "email_auth_failed", "ptr_required", "blocked",
    "spam_detected", "virus_detected", "content_rejected", "policy_rejected",
    "rate_limited", "greylisted", "too_many_recipients", "syntax_error",
    "service_unavailable", "system_error", "not_found", "forbidden",
    "auth_required", "auth_failed", "timeout", "unreachable", "conflict",
    "redirected", "tls_failed", "busy", "declined", "quota_exceeded",
    "cancelled", "dnssec_failed", "unknown",
}
# Protocols whose class is the first digit ("5xx"); DNS and WebSocket
# classes are ranges, and gRPC has none.
DIGIT_CLASSES = ("smtp", "http", "ftp", "sip")
ENHANCED_RE = re.compile(r"^[245]\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$")

# Replies as servers and MTAs write them; each is one reply of a log line
# (or lines, for the multi-line one).
SAMPLES = [
    "250 2.0.0 OK queued as 12345",
    "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
    "550 5.1.1 Please try double-checking the recipient's address.",
    "421 4.7.0 Try again later, closing connection.",
    "554 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org",
    "452 4.5.3 Too many recipients",
    "535 5.7.8 Username and Password not accepted.",
    "smtp; 550 5.1.1 <nobody@example.com>... User unknown",
    "host mx.example.com[192.0.2.25] said: 550 5.1.1 <a@example.com>: Recipient "
    "address rejected: User unknown (in reply to RCPT TO command)",
    "554 spam detected",
    "5.2.2 mailbox full",
    "250 ok",
    "the server said something without a code",
]

BAD_TYPES = [True, False, None, 1.0, 535.0, [535], (535,), {535: 1}, b"535",
             bytearray(b"535"), object(), 1j]
BAD_VALUES = [99, -1, 0, 1000, 600, 10**30, 2**63, -(2**63), 10**5000, "abc", "99",
              "5.x.1", "\uff15\uff13\uff15", " 535", "535 ", "", "+535", "5.7",
              "5.7.8.1", "6.7.8", "5.07.8", "5.1000.1", "53\x005", "\x00",
              "\ud800", "5\u0663\u0665", "٥٣٥", "535\n"]


def plain(test, obj, path="result"):
    """Fail unless obj holds only str, int, bool, None, list and dict."""
    if isinstance(obj, dict):
        test.assertIs(type(obj), dict, path)
        for key, value in obj.items():
            test.assertIs(type(key), str, f"{path} key {key!r}")
            plain(test, value, f"{path}[{key!r}]")
    elif isinstance(obj, list):
        test.assertIs(type(obj), list, path)
        for i, value in enumerate(obj):
            plain(test, value, f"{path}[{i}]")
    else:
        test.assertIn(type(obj), (str, int, bool, NoneType), path)


def check_types(test, d, types, what):
    test.assertIs(type(d), dict)
    test.assertEqual(set(d), set(types), f"{what}: keys")
    for key, expected in types.items():
        test.assertIsInstance(d[key], expected, f"{what}[{key!r}] = {d[key]!r}")


def check_description(test, d, protocol=None, lang="en"):
    what = f"describe({d.get('code')!r})"
    check_types(test, d, DESCRIPTION_TYPES, what)
    plain(test, d, what)
    if protocol is not None:
        test.assertEqual(d["protocol"], protocol, what)
    test.assertEqual(d["lang"], lang, what)
    code = d["code"]
    test.assertIsNot(type(code), bool, what)
    if isinstance(code, int):
        test.assertIsNone(d["subject"], what)
        test.assertIsNone(d["subject_name"], what)
        if d["protocol"] in DIGIT_CLASSES:
            # The class comes from the digits.
            test.assertEqual(d["class"], f"{code // 100}xx", what)
    elif d["protocol"] == "dns":
        test.assertRegex(code, r"^EDE (0|[1-9][0-9]*)$", what)
    else:
        test.assertRegex(code, ENHANCED_RE, what)
        klass, subject, _ = code.split(".")
        test.assertEqual(d["class"], f"{klass}.X.X", what)
        test.assertEqual(d["subject"], f"X.{subject}.X", what)
    if d["protocol"] in DIGIT_CLASSES or not d["known"]:
        test.assertTrue(d["class"], what)
    test.assertEqual(d["class"] is None, d["class_name"] is None, what)
    for key in ("name", "description", "when", "fix", "retry_advice", "actor_text"):
        test.assertTrue(d[key].strip(), f"{what}[{key!r}] is empty")
    test.assertIn(d["source"], SOURCES, what)
    test.assertIn(d["retry"], RETRY, what)
    test.assertIn(d["actor"], ACTORS, what)
    for key in ("commands", "references", "variants"):
        for item in d[key]:
            test.assertIs(type(item), str, f"{what}[{key!r}]")
            test.assertTrue(item.strip(), f"{what}[{key!r}] has an empty item")
    for item in d["related"]:
        test.assertIn(type(item), (int, str), what)
        if type(item) is str and d["protocol"] != "dns":
            test.assertRegex(item, ENHANCED_RE, what)
    for item in d["basic"]:
        test.assertIs(type(item), int, what)
    if isinstance(code, int):
        test.assertEqual(d["basic"], [], what)
    test.assertEqual(d["untranslated"], [f for f in TEXT_FIELDS if f in d["untranslated"]],
                     f"{what}: untranslated must be a subset of {TEXT_FIELDS}, in order")
    if lang == "en":
        test.assertEqual(d["untranslated"], [], what)
    test.assertEqual(set(d["labels"]), LABEL_KEYS, what)
    for key, value in d["labels"].items():
        test.assertIs(type(value), str, what)
        test.assertTrue(value.strip(), f"{what}: label {key!r} is empty")


def check_comparison(test, c, a, b, protocol="smtp", lang="en"):
    check_types(test, c, COMPARISON_TYPES, f"compare({a!r}, {b!r})")
    plain(test, c)
    test.assertEqual(c["protocol"], protocol)
    test.assertEqual(c["lang"], lang)
    test.assertEqual(c["a"], sc.describe(a, protocol=protocol, lang=lang))
    test.assertEqual(c["b"], sc.describe(b, protocol=protocol, lang=lang))
    test.assertEqual(c["labels"], c["a"]["labels"])
    test.assertTrue(c["title"].strip())
    test.assertTrue(c["summary"].strip())
    test.assertLessEqual(len(c["differences"]), 8)
    test.assertLessEqual(len(c["when_to_use"]), 2)
    test.assertLessEqual(len(c["learn_more"]), 16)
    for key in ("differences", "when_to_use", "learn_more"):
        for item in c[key]:
            test.assertIs(type(item), str)
            test.assertTrue(item.strip(), f"compare: empty item in {key}")


def check_verdict(test, v, what="parse", details=False):
    """details: v is of parse(..., details=True), whose code_info and
    enhanced_info are the describe() dicts of the codes; else both None."""
    check_types(test, v, VERDICT_TYPES, what)
    plain(test, v, what)
    if v["no_reply"]:  # text that holds no reply gets no advice
        test.assertIsNone(v["action"], what)
        test.assertIsNone(v["code"], what)
        test.assertEqual(v["reason"], "unknown", what)
    else:
        test.assertIn(v["action"], ACTIONS, what)
    test.assertIn(v["reason"], REASONS, what)
    test.assertIn(v["evidence"], EVIDENCE, what)
    test.assertEqual(v["retryable"], v["action"] == "retry", what)
    for line in v["lines"]:
        test.assertIs(type(line), str, what)
        test.assertNotIn("\n", line, what)
        test.assertFalse(line.endswith("\r"), what)
    if v["code"] is None or not details:
        test.assertIsNone(v["code_info"], what)
    else:
        test.assertEqual(v["code_info"], sc.describe(v["code"]), what)
    if v["code"] is not None:
        test.assertIsNot(type(v["code"]), bool, what)
        test.assertEqual(v["class"], f"{v['code'] // 100}xx", what)
    if v["enhanced"] is None or not details:
        test.assertIsNone(v["enhanced_info"], what)
    else:
        test.assertEqual(v["enhanced_info"], sc.describe(v["enhanced"]), what)
    if v["enhanced"] is not None:
        test.assertRegex(v["enhanced"], ENHANCED_RE, what)
    if v["class"] is not None:
        test.assertRegex(v["class"], r"^[1-9]xx$", what)
    if v["code"] is not None or v["enhanced"] is None:
        expected_permanent = {"5xx": True, "4xx": False}.get(v["class"])
        test.assertIs(v["permanent"], expected_permanent, what)
    if v["code"] is not None and v["enhanced"] is not None:
        test.assertEqual(v["class_conflict"], v["enhanced"][0] != str(v["code"])[0], what)
    test.assertTrue(v["why"].strip(), what)


# ---------------------------------------------------------------------------
# The module
# ---------------------------------------------------------------------------


class ModuleTests(unittest.TestCase):
    def test_built_extension(self):
        self.assertTrue(_statuscodes.__file__.endswith((".so", ".pyd")), _statuscodes.__file__)

    def test_exports(self):
        bounces = {"parse_bounce"}  # test_statuscodes_bounce tests it
        expected = {"__version__", "actions", "codes", "compare", "describe", "language", "languages",
                    "lookup", "parse", "parse_log", "parse_many", "parse_stream",
                    "protocols", "reasons", "search", "text", "words"}
        expected |= {"summarize", "parse_log_lines", "merge_summaries"}  # mail logs
        self.assertEqual(set(sc.__all__), expected | bounces)
        for name in sc.__all__:
            # formatting, in Python (statuscodes._text); merging dicts and
            # streaming, in Python (statuscodes._summary, __init__)
            if name not in ("text", "merge_summaries", "parse_stream"):
                self.assertIs(getattr(sc, name), getattr(_statuscodes, name))

    def test_version(self):
        self.assertIs(type(sc.__version__), str)
        self.assertRegex(sc.__version__, r"^\d+\.\d+")

    def test_protocols(self):
        protocols = sc.protocols()
        self.assertIs(type(protocols), list)
        self.assertIn("smtp", protocols)
        self.assertEqual(len(protocols), len(set(protocols)))
        for name in protocols:
            self.assertIs(type(name), str)
            for code in sc.codes(name)[:1]:
                self.assertEqual(sc.describe(code, protocol=name)["protocol"], name)

    def test_languages(self):
        languages = sc.languages()
        self.assertIs(type(languages), dict)
        self.assertEqual(next(iter(languages)), "en")
        for tag, name in languages.items():
            self.assertIs(type(tag), str)
            self.assertIs(type(name), str)
            self.assertTrue(name.strip())
            self.assertEqual(sc.language(tag), tag)

    def test_language_tags_as_people_pass_them(self):
        for tag, want in (("fr-CA", "fr"), ("pt-BR", "pt"), ("zh-Hans", "zh"),
                          ("zh-CN", "zh"), ("zh_CN", "zh"), ("zh-Hans-TW", "zh"),
                          ("de_DE.UTF-8", "de"), ("de.UTF-8", "de"), ("DE", "de"),
                          ("ja-JP-u-ca-japanese", "ja"), ("fr-x-mine", "fr"),
                          ("sv_SE@euro", "sv"), ("es-419", "es")):
            self.assertEqual(sc.language(tag), want, tag)
            self.assertEqual(sc.describe(535, lang=tag)["lang"], want, tag)
        for bad in ("fr-", "fr- ", "fr--", "fr-\x00", "FR_x_y", "fr-x", "fr_",
                    "fr-abcdefghi", "fr_CA.", "fr@", "-fr", "f", "C", "POSIX",
                    "fr-CA_x"):
            with self.assertRaisesRegex(ValueError, "not a language tag", msg=repr(bad)):
                sc.language(bad)
            with self.assertRaisesRegex(ValueError, "unknown language", msg=repr(bad)):
                sc.describe(535, lang=bad)
        # Traditional Chinese is refused, never read as Simplified Chinese.
        for bad in ("zh-TW", "zh-Hant", "zh-HK", "zh_TW.UTF-8", "zh-Hant-CN", "zh_MO"):
            with self.assertRaisesRegex(ValueError, "Traditional Chinese", msg=bad):
                sc.language(bad)
        with self.assertRaisesRegex(ValueError, "unknown language 'tlh'; valid"):
            sc.language("tlh")
        with self.assertRaises(TypeError):
            sc.language(None)

    def test_languages_are_the_label_records(self):
        # Every record of core/data/labels.txt, in its order, under the
        # name it gives itself.
        src = os.environ.get("SC_SOURCE_DIR") or os.path.dirname(
            os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        path = os.path.join(src, "core", "data", "labels.txt")
        if not os.path.exists(path):
            self.skipTest("no source tree")
        want, tag = {}, None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("lang: "):
                    tag = line[len("lang: "):].strip()
                elif line.startswith("language: ") and tag is not None:
                    want[tag] = line[len("language: "):].strip()
                    tag = None
        self.assertGreater(len(want), 1)
        self.assertEqual(list(sc.languages().items()), list(want.items()))

    def test_codes(self):
        for protocol in sc.protocols():
            codes = sc.codes(protocol=protocol)
            self.assertIs(type(codes), list)
            self.assertEqual(len(codes), len(set(codes)), protocol)
            basic = [c for c in codes if type(c) is int]
            enhanced = [c for c in codes if type(c) is str]
            self.assertEqual(codes, basic + enhanced, f"{protocol}: ints first, then strs")
            self.assertEqual(basic, sorted(basic), protocol)
            if protocol == "dns":  # Extended DNS Errors: "EDE 18"
                numbers = [int(c.split()[1]) for c in enhanced]
                self.assertEqual(numbers, sorted(numbers))
                continue
            classes = [int(c.split(".")[0]) for c in enhanced]
            self.assertEqual(classes, sorted(classes), protocol)
            for c in enhanced:
                self.assertRegex(c, ENHANCED_RE)
        self.assertTrue(sc.codes(), "smtp lists no codes")
        self.assertEqual(sc.codes(), sc.codes("smtp"))
        self.assertEqual(sc.codes("SMTP"), sc.codes("smtp"))

    def test_reasons_and_actions(self):
        reasons = sc.reasons()
        self.assertEqual(set(reasons), REASONS)
        self.assertEqual(list(reasons)[-1], "unknown")
        for name, info in reasons.items():
            self.assertEqual(set(info), {"summary", "example", "actions"})
            self.assertEqual(sc.parse(info["example"])["reason"], name)
            self.assertTrue(set(info["actions"]) <= ACTIONS)
        self.assertEqual(reasons["user_unknown"]["actions"], ["retry", "suppress"])
        actions = sc.actions()
        self.assertEqual(list(actions), ["none", "retry", "suppress", "fix", "review"])
        self.assertTrue(all(s.endswith(".") for s in actions.values()))
        reasons["delivered"]["summary"] = "changed"
        self.assertNotEqual(sc.reasons()["delivered"]["summary"], "changed")

    def test_codes_errors(self):
        with self.assertRaisesRegex(ValueError, "unknown protocol 'xx'"):
            sc.codes("xx")
        for bad in (None, 1, b"smtp"):
            with self.assertRaises(TypeError):
                sc.codes(bad)

    def test_signatures(self):
        with self.assertRaises(TypeError):
            sc.describe()
        with self.assertRaises(TypeError):
            sc.describe(535, "smtp", "en", "extra")
        with self.assertRaises(TypeError):
            sc.describe(535, language="en")
        with self.assertRaises(TypeError):
            sc.compare(535)
        with self.assertRaises(TypeError):
            sc.parse()
        with self.assertRaises(TypeError):
            sc.protocols(1)
        with self.assertRaises(TypeError):
            sc.languages(1)
        self.assertEqual(sc.describe(code=535, protocol="smtp", lang="en"), sc.describe(535))
        self.assertEqual(sc.parse(reply="250 ok"), sc.parse("250 ok"))


# ---------------------------------------------------------------------------
# describe
# ---------------------------------------------------------------------------


class DescribeTests(unittest.TestCase):
    def test_every_code(self):
        for protocol in sc.protocols():
            for code in sc.codes(protocol):
                d = sc.describe(code, protocol=protocol)
                check_description(self, d, protocol)
                self.assertEqual(d["code"], code)
                self.assertIs(d["known"], True, f"{code} is listed but not known")
                self.assertEqual(sc.describe(str(code), protocol=protocol), d)
                for related in d["related"]:
                    sc.describe(related, protocol=protocol)  # must be well-formed

    def test_every_code_every_language(self):
        for tag in sc.languages():
            for code in sc.codes():
                check_description(self, sc.describe(code, lang=tag), "smtp", tag)

    def test_535(self):
        d = sc.describe(535)
        check_description(self, d, "smtp")
        self.assertEqual(d["code"], 535)
        self.assertEqual(d["class"], "5xx")
        self.assertIs(d["known"], True)
        self.assertEqual(d, sc.describe("535"))

    def test_enhanced(self):
        d = sc.describe("5.7.8")
        check_description(self, d, "smtp")
        self.assertEqual(d["code"], "5.7.8")
        self.assertEqual(d["class"], "5.X.X")
        self.assertEqual(d["subject"], "X.7.X")
        self.assertIs(type(d["subject_name"]), str)

    def test_unlisted_code(self):
        d = sc.describe(299)
        check_description(self, d, "smtp")
        self.assertIs(d["known"], False)
        self.assertEqual(d["code"], 299)
        self.assertEqual(d["class"], "2xx")
        self.assertEqual(d["class_name"], sc.describe(250)["class_name"])
        e = sc.describe("4.7.999")
        self.assertIs(e["known"], False)
        self.assertEqual(e["class"], "4.X.X")
        self.assertEqual(e["code"], "4.7.999")

    def test_int_subclass(self):
        class Reply(enum.IntEnum):
            AUTH_FAILED = 535

        self.assertEqual(sc.describe(Reply.AUTH_FAILED), sc.describe(535))
        self.assertIs(type(sc.describe(Reply.AUTH_FAILED)["code"]), int)

    def test_http(self):
        import http

        d = sc.describe(http.HTTPStatus.NOT_FOUND, protocol="http")
        check_description(self, d, "http")
        self.assertEqual(d["code"], 404)
        self.assertEqual(d["class"], "4xx")

    def test_protocol_argument(self):
        self.assertEqual(sc.describe(535, protocol="SMTP")["protocol"], "smtp")
        self.assertEqual(sc.describe(535, "smtp"), sc.describe(535))
        for bad in ("xx", "", "smtp\x00", " smtp", "\udc80", "s" * 200):
            with self.assertRaises(ValueError) as cm:
                sc.describe(535, protocol=bad)
            message = str(cm.exception)
            self.assertTrue(message.startswith("unknown protocol "), message)
            for name in sc.protocols():
                self.assertIn(name, message)
            self.assertLess(len(message), 300)
        self.assertIn("'xx'", self.error(ValueError, 535, protocol="xx"))
        for bad in (None, 1, b"smtp", ["smtp"], True):
            with self.assertRaisesRegex(TypeError, "protocol must be str"):
                sc.describe(535, protocol=bad)

    def test_lang_argument(self):
        tags = list(sc.languages())
        for tag in tags:
            self.assertEqual(sc.describe(535, lang=tag)["lang"], tag)
            self.assertEqual(sc.describe(535, lang=tag.upper())["lang"], tag)
        self.assertEqual(sc.describe(535, "smtp", "en"), sc.describe(535))
        if "fr" in tags:
            self.assertEqual(sc.describe(535, lang="fr-CA")["lang"], "fr")
            self.assertEqual(sc.describe(535, lang="fr_FR")["lang"], "fr")
        message = self.error(ValueError, 535, lang="xx")
        self.assertTrue(message.startswith("unknown language 'xx'; valid: "), message)
        for tag in tags:
            self.assertIn(tag, message)
        for bad in ("", "e", "english", "en\x00", "\udc80"):
            self.assertIn("unknown language", self.error(ValueError, 535, lang=bad))
        for bad in (None, 0, b"en", ("en",)):
            self.assertIn("lang must be str", self.error(TypeError, 535, lang=bad))

    def error(self, exc, *args, **kwargs):
        with self.assertRaises(exc) as cm:
            sc.describe(*args, **kwargs)
        self.assertIs(type(cm.exception), exc)
        return str(cm.exception)

    def test_wrong_types(self):
        for bad in BAD_TYPES:
            message = self.error(TypeError, bad)
            self.assertIn("code must be int or str", message)
            self.assertIn(type(bad).__name__, message)
            with self.assertRaises(TypeError):
                sc.describe(bad, protocol="smtp", lang="en")

    def test_malformed(self):
        for bad in BAD_VALUES:
            message = self.error(ValueError, bad)
            self.assertIn("not a well-formed smtp code", message)
            if not (isinstance(bad, int) and abs(bad) > 10**100):
                shown = repr(bad)
                self.assertIn(shown if len(shown) <= 60 else shown[:50], message)

    def test_message_quotes_input(self):
        valid = ": give a reply code from 200 to 599 (535), or an enhanced status code (5.7.8)"
        self.assertEqual(self.error(ValueError, "abc"), "'abc' is not a well-formed smtp code" + valid)
        self.assertEqual(self.error(ValueError, 99), "99 is not a well-formed smtp code" + valid)
        self.assertLess(len(self.error(ValueError, "x" * 100000)), 200)

    def test_fresh(self):
        d = sc.describe(535)
        snapshot = json.loads(json.dumps(d))
        for value in d.values():
            if isinstance(value, (list, dict)):
                value.clear()
        d["name"] = "changed"
        d["extra"] = 1
        again = sc.describe(535)
        self.assertEqual(again, snapshot)
        other = sc.describe(535)
        for key in ("commands", "references", "related", "variants", "basic",
                    "untranslated", "labels"):
            self.assertIsNot(again[key], other[key], key)

    def test_json(self):
        for code in ["5.7.8", 535, 299]:
            d = sc.describe(code)
            self.assertEqual(json.loads(json.dumps(d, ensure_ascii=False)), d)


# ---------------------------------------------------------------------------
# compare
# ---------------------------------------------------------------------------


class CompareTests(unittest.TestCase):
    def test_shape(self):
        c = sc.compare(250, 535)
        check_comparison(self, c, 250, 535)
        self.assertIs(c["same_class"], False)
        self.assertEqual(c["a"]["code"], 250)
        self.assertEqual(c["b"]["code"], 535)
        self.assertEqual(json.loads(json.dumps(c)), c)

    def test_both_directions(self):
        ab, ba = sc.compare(250, 535), sc.compare(535, 250)
        check_comparison(self, ba, 535, 250)
        self.assertEqual(ab["a"], ba["b"])
        self.assertEqual(ab["b"], ba["a"])
        self.assertEqual(ab["same_class"], ba["same_class"])

    def test_same_class(self):
        c = sc.compare(550, 554)
        check_comparison(self, c, 550, 554)
        self.assertIs(c["same_class"], True)

    def test_enhanced_and_mixed(self):
        check_comparison(self, sc.compare("4.2.2", "5.2.2"), "4.2.2", "5.2.2")
        check_comparison(self, sc.compare(535, "5.7.8"), 535, "5.7.8")
        check_comparison(self, sc.compare("535", "5.7.8"), 535, "5.7.8")

    def test_unlisted(self):
        c = sc.compare(250, 299)
        check_comparison(self, c, 250, 299)
        self.assertIs(c["b"]["known"], False)
        self.assertIs(c["same_class"], True)

    def test_same_code(self):
        check_comparison(self, sc.compare(535, 535), 535, 535)

    def test_every_pair_of_a_few(self):
        codes = sc.codes()[:12]
        for a in codes:
            for b in codes:
                check_comparison(self, sc.compare(a, b), a, b)

    def test_languages(self):
        for tag in sc.languages():
            c = sc.compare(250, 535, lang=tag)
            check_comparison(self, c, 250, 535, lang=tag)

    def test_command_list_separator(self):
        # 550's commands are listed with the language's list mark: one
        # character, then a space unless it is a full-width mark (、) that
        # carries its own spacing. The Arabic comma is not one.
        for tag in sc.languages():
            c = sc.compare(450, 550, lang=tag)
            text = next(d for d in c["differences"] if "EXPN" in d)
            sep = text[text.index("VRFY") + len("VRFY"):text.index("EXPN")]
            if unicodedata.east_asian_width(sep[0]) in "WF":
                self.assertEqual(len(sep), 1, (tag, text))
            else:
                self.assertEqual((len(sep), sep[-1]), (2, " "), (tag, text))
        if "ar" in sc.languages():
            text = " ".join(sc.compare(450, 550, lang="ar")["differences"])
            self.assertIn("VRFY\u060c EXPN", text)

    def test_errors(self):
        for bad in BAD_TYPES:
            with self.assertRaisesRegex(TypeError, "code must be int or str"):
                sc.compare(bad, 535)
            with self.assertRaisesRegex(TypeError, "code must be int or str"):
                sc.compare(535, bad)
        for bad in ["abc", 99, "5.x.1", "\uff15\uff13\uff15", ""]:
            with self.assertRaisesRegex(ValueError, "not a well-formed smtp code"):
                sc.compare(bad, 535)
            with self.assertRaisesRegex(ValueError, "not a well-formed smtp code"):
                sc.compare(535, bad)
        with self.assertRaisesRegex(ValueError, "unknown protocol 'xx'"):
            sc.compare(250, 535, protocol="xx")
        with self.assertRaisesRegex(ValueError, "unknown language 'xx'"):
            sc.compare(250, 535, lang="xx")
        with self.assertRaisesRegex(ValueError, "Traditional Chinese"):
            sc.compare(250, 535, lang="zh-TW")
        with self.assertRaises(TypeError):
            sc.compare(250, 535, lang=None)

    def test_fresh(self):
        c = sc.compare(250, 535)
        snapshot = json.loads(json.dumps(c))
        c["a"].clear()
        c["differences"].append("x")
        c["labels"].clear()
        self.assertEqual(sc.compare(250, 535), snapshot)


# ---------------------------------------------------------------------------
# parse, parse_many, parse_log
# ---------------------------------------------------------------------------


class ParseTests(unittest.TestCase):
    def test_why_and_summaries_in_every_language(self):
        replies = ("550 5.1.1 <a@example.com>: Recipient address rejected: User unknown",
                   "452 4.2.2 mailbox full",
                   "421 4.7.0 greylisted, try again in 300 seconds",
                   "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n",
                   "rpc error: code = Unavailable desc = connection refused",
                   "hello world")
        english = {r: sc.parse(r)["why"] for r in replies}
        summaries = {k: v["summary"] for k, v in sc.reasons().items()}
        for lang in sc.languages():
            got = sc.reasons(lang=lang)
            self.assertEqual(list(got), list(summaries), lang)
            for name, info in got.items():
                self.assertTrue(info["summary"].strip(), (lang, name))
                if lang != "en":
                    self.assertNotEqual(info["summary"], summaries[name], (lang, name))
            for r in replies:
                v = sc.parse(r, lang=lang)
                self.assertEqual(sc.parse(r, lang=lang, details=True)["why"], v["why"])
                if lang == "en":
                    self.assertEqual(v["why"], english[r])
                    continue
                self.assertNotEqual(v["why"], english[r], (lang, r))
                self.assertNotIn("{", v["why"], (lang, r))
                # what the verdict is does not change with the language
                self.assertEqual({k: x for k, x in v.items() if k != "why"},
                                 {k: x for k, x in sc.parse(r).items() if k != "why"})
            # codes and quoted phrases stay as they are
            self.assertIn("5.1.1", sc.parse(replies[0], lang=lang)["why"])
            self.assertIn("503", sc.parse(replies[3], lang=lang)["why"])
        fr = sc.parse(replies[0], lang="fr-CA")
        self.assertIn(sc.describe("5.1.1", lang="fr")["name"], fr["why"])
        self.assertEqual(sc.parse(replies[0], lang="fr")["why"], fr["why"])
        with self.assertRaisesRegex(ValueError, "unknown language 'tlh'"):
            sc.reasons(lang="tlh")
        with self.assertRaisesRegex(ValueError, "unknown language 'tlh'"):
            sc.parse(replies[0], lang="tlh")

    def test_samples(self):
        for reply in SAMPLES:
            v = sc.parse(reply)
            check_verdict(self, v, repr(reply))
            full = sc.parse(reply, details=True)
            check_verdict(self, full, repr(reply), details=True)
            # details adds the two describe dicts and changes nothing else
            self.assertEqual(list(full), list(v))
            self.assertEqual({**full, "code_info": None, "enhanced_info": None}, v)
            self.assertEqual(sc.parse_many([reply], details=True), [full])
            self.assertEqual(sc.parse(reply.encode()), v, reply)
            self.assertEqual(sc.parse(bytearray(reply.encode())), v, reply)
            self.assertEqual(sc.parse(memoryview(reply.encode())), v, reply)

    def test_multiline(self):
        reply = SAMPLES[1]
        v = sc.parse(reply)
        self.assertEqual(v["code"], 550)
        self.assertEqual(v["enhanced"], "5.1.1")
        self.assertEqual(v["class"], "5xx")
        self.assertIs(v["permanent"], True)
        self.assertEqual(v["reason"], "user_unknown")
        self.assertEqual(v["lines"], reply.split("\r\n"))
        self.assertIn("does not exist", v["text"])
        self.assertNotIn("\n", v["text"])
        self.assertEqual(sc.parse(reply.replace("\r\n", "\n")), v)
        self.assertEqual(sc.parse(reply + "\r\n"), v)

    def test_classes(self):
        self.assertIsNone(sc.parse("250 ok")["permanent"])
        self.assertEqual(sc.parse("250 ok")["action"], "none")
        self.assertIs(sc.parse("421 4.7.0 Try again later")["permanent"], False)
        self.assertIs(sc.parse("550 5.1.1 no such user")["permanent"], True)
        v = sc.parse("the server said something without a code")
        self.assertIsNone(v["code"])
        self.assertIsNone(v["enhanced"])
        self.assertIsNone(v["class"])
        self.assertIsNone(v["permanent"])

    def test_lenient_bytes(self):
        v = sc.parse(b"550 5.1.1 caf\xc3\xa9 \xff\xfe unknown user")
        check_verdict(self, v)
        self.assertEqual(v["code"], 550)
        self.assertIn("\ufffd", v["text"] + "".join(v["lines"]))
        self.assertIn("caf\u00e9", "".join(v["lines"]))

    def test_surrogates(self):
        for reply in ("550 5.1.1 caf\udcc3\udca9 user unknown", "550 5.1.1 \ud800 x",
                      "\udcff", "550 \udcff\ud800"):
            v = sc.parse(reply)
            check_verdict(self, v, repr(reply))
            json.dumps(v, ensure_ascii=False).encode("utf-8")  # no lone surrogates left
        self.assertIn("caf\u00e9", "".join(sc.parse("550 5.1.1 caf\udcc3\udca9 x")["lines"]))

    def test_non_ascii(self):
        v = sc.parse("550 5.1.1 Benutzer unbekannt: Mailbox existiert nicht – ä")
        check_verdict(self, v)
        self.assertIn("–", v["lines"][0])

    def test_empty(self):
        for bad in ("", " ", "\r\n", "\n\n \t", b"", b"  \r\n", bytearray()):
            with self.assertRaises(ValueError) as cm:
                sc.parse(bad)
            self.assertEqual(str(cm.exception), "empty reply")

    def test_wrong_types(self):
        for bad in (None, 550, 1.5, ["550 x"], True, object()):
            with self.assertRaisesRegex(TypeError, "reply must be str or bytes"):
                sc.parse(bad)

    def test_nul_and_long(self):
        check_verdict(self, sc.parse("550 5.1.1 a\x00b"))
        v = sc.parse("550 5.1.1 " + "x" * 100000)
        check_verdict(self, v)
        self.assertGreaterEqual(len(v["text"]), 100000)

    def test_fresh(self):
        v = sc.parse(SAMPLES[1], details=True)
        snapshot = json.loads(json.dumps(v))
        v["lines"].clear()
        v["code_info"]["labels"].clear()
        v["code"] = None
        self.assertEqual(sc.parse(SAMPLES[1], details=True), snapshot)

    def test_many_agrees(self):
        expected = [sc.parse(r) for r in SAMPLES]
        self.assertEqual(sc.parse_many(SAMPLES), expected)
        self.assertEqual(sc.parse_many(r.encode() for r in SAMPLES), expected)
        self.assertEqual(sc.parse_many(tuple(SAMPLES)), expected)
        self.assertEqual(sc.parse_many([]), [])
        results = sc.parse_many([SAMPLES[0]] * 3)
        self.assertIsNot(results[0], results[1])

    def test_many_errors(self):
        with self.assertRaisesRegex(ValueError, r"^empty reply at index 2$"):
            sc.parse_many(["250 ok", b"550 x", "  ", "250 ok"])
        with self.assertRaisesRegex(TypeError, "index 1"):
            sc.parse_many(["250 ok", None])
        for bad in ("250 ok", b"250 ok", bytearray(b"250 ok")):
            with self.assertRaisesRegex(TypeError, "parse_many"):
                sc.parse_many(bad)
        with self.assertRaises(TypeError):
            sc.parse_many(5)
        with self.assertRaises(TypeError):
            sc.parse_many(None)

        def broken():
            yield "250 ok"
            raise KeyError("from the iterator")

        with self.assertRaises(KeyError):
            sc.parse_many(broken())

    def test_log_agrees(self):
        # A log reader skips text that holds no reply; parse() reports it.
        expected = [v for v in map(sc.parse, SAMPLES) if not v["no_reply"]]
        self.assertTrue(any(sc.parse(r)["no_reply"] for r in SAMPLES))
        log = "".join(r + "\r\n" for r in SAMPLES)
        self.assertEqual(sc.parse_log(log), expected)
        self.assertEqual(sc.parse_log(log.encode()), expected)
        spaced = "\n\n".join(r.replace("\r\n", "\n") for r in SAMPLES) + "\n\n"
        self.assertEqual(sc.parse_log(spaced), [v for r in SAMPLES for v in [sc.parse(r.replace("\r\n", "\n"))] if not v["no_reply"]])
        no_final_newline = "\n".join(r.replace("\r\n", "\n") for r in SAMPLES)
        self.assertEqual(len(sc.parse_log(no_final_newline)), len(expected))

    def test_log_edge_cases(self):
        self.assertEqual(sc.parse_log(""), [])
        self.assertEqual(sc.parse_log(b""), [])
        self.assertEqual(sc.parse_log("\n \n\r\n\t\n"), [])
        self.assertEqual(len(sc.parse_log("250 ok")), 1)
        self.assertEqual(len(sc.parse_log(b"250 ok\n\xff\xfe\n550 5.1.1 x\n")), 2)
        self.assertEqual(sc.parse_log("hello world\nnothing here\n"), [])
        for bad in (None, 5, ["250 ok"]):
            with self.assertRaises(TypeError):
                sc.parse_log(bad)
        big = "250 ok\n550 5.1.1 no such user\n" * 5000
        self.assertEqual(len(sc.parse_log(big)), 10000)


# ---------------------------------------------------------------------------
# Memory: results are released, errors leak nothing
# ---------------------------------------------------------------------------


@unittest.skipIf(os.environ.get("SC_VALGRIND"),
                 "valgrind checks memory itself, and tracemalloc's own "
                 "records show up in it as leaks")
class MemoryTests(unittest.TestCase):
    def assert_flat(self, func, n=3000):
        for _ in range(200):
            func()
        gc.collect()
        tracemalloc.start()
        try:
            for _ in range(200):
                func()
            gc.collect()
            before = tracemalloc.get_traced_memory()[0]
            for _ in range(n):
                func()
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        self.assertLess(grown, 64 * 1024, f"{n} calls kept {grown} bytes")

    def test_results(self):
        self.assert_flat(lambda: sc.describe(535))
        self.assert_flat(lambda: sc.describe("5.7.8", lang=list(sc.languages())[-1]))
        self.assert_flat(lambda: sc.compare(250, 535))
        self.assert_flat(lambda: sc.parse(SAMPLES[1]))
        self.assert_flat(lambda: sc.parse(b"550 5.1.1 \xff x"))
        self.assert_flat(lambda: sc.parse("550 5.1.1 \udcff\ud800 x"))
        self.assert_flat(lambda: sc.parse_many(SAMPLES), 300)
        self.assert_flat(lambda: sc.parse_log("\n".join(SAMPLES)), 300)
        self.assert_flat(lambda: (sc.codes(), sc.protocols(), sc.languages()), 300)

    def test_errors(self):
        def raises(exc, func, *args, **kwargs):
            def call():
                try:
                    func(*args, **kwargs)
                except exc:
                    pass
                else:
                    raise AssertionError("no exception")
            return call

        self.assert_flat(raises(ValueError, sc.describe, "abc"))
        self.assert_flat(raises(ValueError, sc.describe, 10**30))
        self.assert_flat(raises(TypeError, sc.describe, None))
        self.assert_flat(raises(ValueError, sc.describe, 535, lang="xx"))
        self.assert_flat(raises(ValueError, sc.compare, 250, "abc"))
        self.assert_flat(raises(ValueError, sc.parse, "  "))
        self.assert_flat(raises(ValueError, sc.parse_many, ["250 ok", "250 ok", ""]))
        self.assert_flat(raises(TypeError, sc.parse_many, ["250 ok", b"550 x", 1]))


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


class CommandLineTests(unittest.TestCase):
    def run_cli(self, *args, input=b""):
        proc = run_cli(*args, stdin=input, text=False, timeout=60)
        return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")

    def ok(self, *args, input=b""):
        rc, out, err = self.run_cli(*args, input=input)
        self.assertEqual((rc, err), (0, ""), f"statuscodes {args}: {err}")
        return out

    def test_describe(self):
        out = self.ok("535", "--protocol", "smtp")
        d = sc.describe(535)
        self.assertTrue(out.startswith("535"), out)
        self.assertIn(d["name"], out.splitlines()[0])
        for key in ("description", "when", "fix"):
            self.assertIn(d["labels"][key], out)
        for ref in d["references"]:
            self.assertIn(ref, out)

    def test_describe_json(self):
        # Without --protocol: the list of every protocol's reading.
        self.assertEqual(json.loads(self.ok("535", "--json")), sc.lookup(535))
        self.assertEqual(json.loads(self.ok("--json", "5.7.8")), [sc.describe("5.7.8")])
        # Listed by none: every protocol that reads it, from its class.
        self.assertEqual(json.loads(self.ok("299", "--json")),
                         [sc.describe(299, protocol=p)
                          for p in ("smtp", "http", "ftp", "dns", "sip")])
        self.assertEqual(json.loads(self.ok("535", "--json", "--protocol", "smtp")),
                         sc.describe(535))
        tag = list(sc.languages())[-1]
        self.assertEqual(json.loads(self.ok("535", "--json", "--lang", tag, "--protocol", "smtp")),
                         sc.describe(535, lang=tag))

    def test_describe_lang(self):
        tag = list(sc.languages())[-1]
        out = self.ok("535", "--lang", tag, "--protocol", "smtp")
        self.assertIn(sc.describe(535, lang=tag)["labels"]["references"], out)

    def test_compare(self):
        c = sc.compare(250, 535)
        out = self.ok("250", "535")
        # the title, wrapped to the width like the rest
        self.assertEqual(" ".join(out.split("\n\n")[0].splitlines()), c["title"])
        self.assertIn(c["labels"]["summary"], out)
        if c["differences"]:
            self.assertIn("1. ", out)
        self.assertEqual(json.loads(self.ok("250", "535", "--json")), c)

    def test_parse(self):
        reply = SAMPLES[1]
        out = self.ok("--parse", reply)
        self.assertIn("550", out)
        self.assertIn("5.1.1", out)
        self.assertEqual(json.loads(self.ok("--parse", reply, "--json")),
                         sc.parse(reply, details=True))

    def test_stdin_log(self):
        log = "".join(r + "\n" for r in SAMPLES).encode()
        expected = sc.parse_log(log)
        out = self.ok(input=log)
        lines = out.splitlines()
        self.assertEqual(len(lines), len(expected))
        for line, v in zip(lines, expected):
            fields = line.split()
            self.assertEqual(fields[0], v["protocol"] or "-")
            self.assertEqual(fields[1], str(v["code"]) if v["code"] is not None else "-")
            self.assertEqual(fields[2], v["enhanced"] or "-")
            self.assertEqual(fields[3:], [v["reason"], v["action"]])
        out = self.ok("--json", input=log)
        self.assertEqual([json.loads(line) for line in out.splitlines()], expected)
        self.assertEqual(self.ok("--parse", "-", input=log), self.ok(input=log))
        self.assertEqual(self.ok(input=b""), "")

    def assert_usage_error(self, *args, text=None):
        rc, out, err = self.run_cli(*args)
        self.assertEqual(rc, 2, f"statuscodes {args}")
        self.assertEqual(out, "")
        self.assertNotIn("Traceback", err)
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertTrue(err.startswith("statuscodes: error: "), err)
        if text is not None:
            self.assertIn(text, err)

    def run_in(self, env_vars, *args):
        locale = dict.fromkeys(("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))
        proc = run_cli(*args, env=cli_env(**dict(locale, **env_vars)), text=False, timeout=60)
        return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")

    def test_language_from_environment(self):
        french = sc.describe(535, protocol="smtp", lang="fr")["labels"]["fix"]
        german = sc.describe(535, protocol="smtp", lang="de")["labels"]["fix"]
        english = sc.describe(535, protocol="smtp")["labels"]["fix"]
        for env, want in (
                ({"LANG": "fr_CA.UTF-8"}, french),
                ({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"}, german),
                ({"LC_ALL": "de_AT", "LC_MESSAGES": "fr_FR"}, german),
                # LANGUAGE first, its first tag we have; ignored under C.
                ({"LANGUAGE": "tlh:fr:de", "LANG": "de_DE.UTF-8"}, french),
                ({"LANGUAGE": "fr", "LANG": "C"}, english),
                ({"LANGUAGE": "fr", "LC_ALL": "POSIX"}, english),
                ({}, english),
                # A language we lack: English, silently.
                ({"LANG": "tlh_XX.UTF-8"}, english)):
            rc, out, err = self.run_in(env, "535", "--protocol", "smtp")
            self.assertEqual((rc, err), (0, ""), env)
            self.assertIn(want, out, env)
        # --lang wins over the environment.
        rc, out, _ = self.run_in({"LANG": "fr_FR.UTF-8"}, "535", "--protocol", "smtp",
                                 "--lang", "de-CH")
        self.assertIn(german, out)

    def test_traditional_chinese_is_never_simplified(self):
        english = sc.describe(535, protocol="smtp")["labels"]["fix"]
        for tag in ("zh_TW.UTF-8", "zh_HK"):
            rc, out, err = self.run_in({"LANG": tag}, "535", "--protocol", "smtp")
            self.assertEqual(rc, 0)
            self.assertIn(english, out)
            self.assertIn("Traditional Chinese (%s) is not available" % tag, err)
        for tag in ("zh-TW", "zh-Hant", "zh_HK.UTF-8"):
            rc, out, err = self.run_in({}, "535", "--lang", tag)
            self.assertEqual((rc, out), (2, ""), tag)
            self.assertIn("Traditional Chinese", err)

    def test_parse_in_another_language(self):
        reply = "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown"
        for lang in ("fr", "ja", "ar"):
            why = sc.parse(reply, lang=lang)["why"]
            self.assertNotEqual(why, sc.parse(reply)["why"])
            out = self.ok("--lang", lang, "--parse", reply)
            self.assertIn(why.split()[0], out)
            rc, out, err = self.run_in({"LANG": lang + ".UTF-8"}, "--parse", reply, "--json")
            self.assertEqual((rc, err), (0, ""))
            self.assertEqual(json.loads(out)["why"], why)
            self.assertEqual(json.loads(out)["reason"], "user_unknown")
        # a log on stdin, as it streams
        lines = self.ok("--lang", "de", "--json", input=(reply + "\n").encode()).splitlines()
        self.assertEqual(json.loads(lines[0])["why"], sc.parse(reply, lang="de")["why"])

    def test_lang_checked_with_every_mode(self):
        for args in (("--parse", "550 5.1.1 user unknown"), ("--search", "quota"),
                     ("--list",), ("535",)):
            self.assert_usage_error(*args, "--lang", "tlh", text="unknown language 'tlh'")
            self.assert_usage_error(*args, "--lang", "fr-", text="not a language tag")

    def test_errors(self):
        self.assert_usage_error("abc", text="'abc'")
        self.assert_usage_error("70000", text="'70000'")  # a code of no protocol
        self.assert_usage_error("\uff15\uff13\uff15")
        self.assert_usage_error("250", "abc", text="'abc'")
        self.assert_usage_error("535", "--lang", "xx", text="unknown language 'xx'")
        self.assert_usage_error("535", "--protocol", "xx", text="unknown protocol 'xx'")
        self.assert_usage_error("250", "535", "550")
        self.assert_usage_error("--parse", "")
        self.assert_usage_error("--parse", "550 x", "535")


if __name__ == "__main__":
    unittest.main()
