"""The binding's fast paths give what the slow ones gave (standard library
only; run as tests/python/test_statuscodes.py is).

- Arguments are read in place (METH_FASTCALL); anything unusual falls back to
  PyArg_ParseTupleAndKeywords, so keywords work and errors read as before.
- Results come from cached templates: every result must still be a fresh
  object all the way down, equal to the first one made, and a template must
  never be shared between different codes, languages, pairs or verdicts.
"""
import copy
import json
import unittest

import statuscodes as sc


def containers(obj, path="result"):
    """(path, container) of every list and dict inside obj, obj included."""
    if isinstance(obj, dict):
        yield path, obj
        for k, v in obj.items():
            yield from containers(v, "%s[%r]" % (path, k))
    elif isinstance(obj, list):
        yield path, obj
        for i, v in enumerate(obj):
            yield from containers(v, "%s[%d]" % (path, i))


def wreck(obj):
    """Change every container inside obj, innermost first."""
    for _, c in reversed(list(containers(obj))):
        if isinstance(c, dict):
            c["wrecked"] = True
        else:
            c.append("wrecked")


REPLIES = [
    "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown",
    "550 5.1.1 The email account that you tried to reach does not exist.",
    "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
    "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked by policy",
    "421 4.7.0 Try again later, closing connection.",
    "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
    "550 5.1.1 Please try double-checking the recipient's address.",
    "250 2.0.0 Ok: queued as 4Tq9Lm2FkPz3",
    "a reply with no code at all",
    "299 a well-formed code the base does not list",
    "550 5.9.99 an enhanced code the base does not list",
    b"452 4.2.2 mailbox full",
]


class Arguments(unittest.TestCase):
    def test_keywords(self):
        self.assertEqual(sc.describe(code=535), sc.describe(535))
        self.assertEqual(sc.describe(535, lang="fr"),
                         sc.describe(535, "smtp", "fr"))
        self.assertEqual(sc.describe(lang="fr", code="5.7.8", protocol="smtp"),
                         sc.describe("5.7.8", "smtp", "fr"))
        self.assertEqual(sc.compare(b=535, a=250), sc.compare(250, 535))
        self.assertEqual(sc.compare(250, 535, lang="es"),
                         sc.compare(250, 535, "smtp", "es"))
        self.assertEqual(sc.parse(reply="550 5.1.1 x"), sc.parse("550 5.1.1 x"))
        self.assertEqual(sc.parse_many(replies=["550 x"]), sc.parse_many(["550 x"]))
        self.assertEqual(sc.parse_log(text="550 x\n"), sc.parse_log("550 x\n"))
        self.assertEqual(sc.codes(protocol="smtp"), sc.codes())
        self.assertEqual(sc.codes("smtp"), sc.codes())

    def message(self, fn, *args, **kwargs):
        with self.assertRaises(TypeError) as cm:
            fn(*args, **kwargs)
        return str(cm.exception)

    def test_errors_read_as_before(self):
        m = self.message
        self.assertIn("missing required argument 'code' (pos 1)", m(sc.describe))
        self.assertIn("missing required argument 'code' (pos 1)",
                      m(sc.describe, lang="fr"))
        self.assertIn("missing required argument 'b' (pos 2)", m(sc.compare, 250))
        self.assertIn("missing required argument 'reply' (pos 1)", m(sc.parse))
        self.assertIn("at most 3 arguments (4 given)",
                      m(sc.describe, 535, "smtp", "en", 1))
        self.assertIn("at most 4 arguments (5 given)",
                      m(sc.parse, "550 x", "smtp", "en", True, "550 y"))
        self.assertIn("at most 1 argument (2 given)", m(sc.codes, "smtp", "x"))
        self.assertIn("'x' is an invalid keyword argument for describe()",
                      m(sc.describe, 535, x=1))
        self.assertIn("'lang' is an invalid keyword argument for codes()",
                      m(sc.codes, lang="x"))
        self.assertIn("'x' is an invalid keyword argument for parse_many()",
                      m(sc.parse_many, replies=[], x=1))
        self.assertIn("argument for describe() given by name ('code') and "
                      "position (1)", m(sc.describe, 535, code=535))
        self.assertIn("given by name ('protocol') and position (2)",
                      m(sc.describe, 535, "smtp", protocol="smtp"))
        # The argument checks that follow parsing are unchanged too.
        self.assertEqual(m(sc.describe, 535, lang=5),
                         "lang must be str, not int")
        self.assertEqual(m(sc.describe, None),
                         "code must be int or str, not NoneType")


class Templates(unittest.TestCase):
    def check_fresh(self, make):
        first = make()
        snapshot = json.loads(json.dumps(first))
        wreck(first)
        second = make()
        self.assertEqual(second, snapshot)
        ids = {id(c) for _, c in containers(second)}
        for path, c in containers(make()):
            self.assertNotIn(id(c), ids, path)
        self.assertEqual(make(), snapshot)

    def test_describe_fresh(self):
        for code in (535, "535", "5.7.8", 299, "5.9.99", 250):
            for lang in ("en", "fr", "ja"):
                with self.subTest(code=code, lang=lang):
                    self.check_fresh(lambda: sc.describe(code, lang=lang))

    def test_compare_fresh(self):
        for a, b in ((250, 535), (535, 250), ("4.2.2", "5.2.2"), (250, 299),
                     (550, "5.1.1")):
            with self.subTest(a=a, b=b):
                self.check_fresh(lambda: sc.compare(a, b, lang="de"))

    def test_parse_fresh(self):
        for reply in REPLIES:
            with self.subTest(reply=reply):
                self.check_fresh(lambda: sc.parse(reply))
        self.check_fresh(lambda: sc.parse_many(REPLIES))
        self.check_fresh(lambda: sc.parse_log("\n".join(
            r if isinstance(r, str) else r.decode() for r in REPLIES)))

    def test_no_template_is_shared(self):
        langs = list(sc.languages())
        seen = {}
        for code in sc.codes()[:40] + ["5.7.8", 299]:
            for lang in langs:
                d = sc.describe(code, lang=lang)
                self.assertEqual(d["code"], code if not isinstance(code, str)
                                 or "." in code else int(code))
                self.assertEqual(d["lang"], lang)
                seen[(code, lang)] = copy.deepcopy(d)
        for (code, lang), d in seen.items():
            self.assertEqual(sc.describe(code, lang=lang), d)
        self.assertNotEqual(sc.compare(250, 535)["title"],
                            sc.compare(535, 250)["title"])

    def test_verdicts_that_differ_only_in_text(self):
        # Same codes, different evidence: each reply its own verdict.
        a = sc.parse(REPLIES[2])
        b = sc.parse(REPLIES[3])
        self.assertEqual(a["phrase"], "blocked using")
        self.assertNotEqual(a["phrase"], b["phrase"])
        self.assertNotEqual(a["why"], b["why"])
        # Same signature, different text: the text and lines are the reply's.
        c = sc.parse("550 5.1.1 no such user here")
        d = sc.parse("550 5.1.1 no such user there")
        self.assertEqual(c["text"], "no such user here")
        self.assertEqual(d["text"], "no such user there")
        self.assertEqual(d["lines"], ["550 5.1.1 no such user there"])
        self.assertEqual({k: v for k, v in c.items() if k not in ("text", "lines")},
                         {k: v for k, v in d.items() if k not in ("text", "lines")})

    def test_lines_of_a_str_reply(self):
        reply = "550 5.1.1 one line"
        self.assertEqual(sc.parse(reply)["lines"], [reply])
        self.assertEqual(sc.parse(reply + "\r\n")["lines"], [reply])
        self.assertEqual(sc.parse("  " + reply)["lines"], [reply])
        self.assertEqual(sc.parse(reply + "\r")["lines"], [reply])

        class S(str):
            pass

        lines = sc.parse(S(reply))["lines"]
        self.assertIs(type(lines[0]), str)
        self.assertEqual(lines, [reply])


if __name__ == "__main__":
    unittest.main()
