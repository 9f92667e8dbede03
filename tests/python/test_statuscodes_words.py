"""The words shown around results (words(), actions()) in every language,
and the command line and text() using them: a verdict's row names, a mail
log summary's table, the language of the environment.

Run against the built package, as test_statuscodes.py is.
"""

import os
import re
import tempfile
import unittest

import statuscodes as sc
from statuscodes._text import cells
from cli_helper import cli_env, run_cli

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
REPLY = "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"
LOG = (
    "Dec  1 10:00:00 mx postfix/smtp[1]: 4AB: to=<bob@example.com>, "
    "relay=mx.example.com[192.0.2.1]:25, delay=1, dsn=5.1.1, status=bounced "
    "(host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown (in reply to "
    "RCPT TO command))\n"
    "Dec  1 10:00:01 mx postfix/smtp[1]: 4AC: to=<amy@example.org>, "
    "relay=mx.example.org[192.0.2.2]:25, delay=1, dsn=4.2.2, status=deferred "
    "(host mx.example.org[192.0.2.2] said: 452 4.2.2 Mailbox full (in reply to "
    "RCPT TO command))\n")


class WordsTests(unittest.TestCase):
    def test_every_language_has_every_word(self):
        en = sc.words()
        self.assertEqual(en, sc.words("en"))
        self.assertGreater(len(en), 40)
        for lang in sc.languages():
            w = sc.words(lang)
            self.assertEqual(set(w), set(en), lang)
            for key, text in w.items():
                self.assertIs(type(text), str)
                self.assertTrue(text.strip(), (lang, key))
                self.assertEqual(set(PLACEHOLDER.findall(text)),
                                 set(PLACEHOLDER.findall(en[key])), (lang, key))
                # every template fills with str.format_map()
                text.format_map({k: 7 for k in PLACEHOLDER.findall(text)})
            if lang != "en":
                same = [k for k in ("summary_title", "why", "not_listed", "over_time")
                        if w[k] == en[k]]
                self.assertEqual(same, [], lang)

    def test_actions_in_every_language(self):
        en = sc.actions()
        self.assertEqual(list(en), ["none", "retry", "suppress", "fix", "review"])
        self.assertEqual(en["suppress"], "Stop sending to this address.")
        for lang in sc.languages():
            a = sc.actions(lang=lang)
            self.assertEqual(list(a), list(en))
            if lang != "en":
                self.assertTrue(all(a[k] != en[k] for k in en), lang)
        self.assertEqual(sc.actions(lang="fr-CA"), sc.actions(lang="fr"))

    def test_bad_language(self):
        for bad in ("tlh", "fr-", "zh-TW", ""):
            with self.assertRaises(ValueError):
                sc.words(bad)
            with self.assertRaises(ValueError):
                sc.actions(lang=bad)
        with self.assertRaises(TypeError):
            sc.words(5)

    def test_fresh_dicts(self):
        a = sc.words("de")
        a["why"] = "changed"
        self.assertNotEqual(sc.words("de")["why"], "changed")


class TextTests(unittest.TestCase):
    def rows(self, out):
        return [line[:12].rstrip() for line in out.splitlines() if not line.startswith(" ")]

    def test_verdict_rows_in_the_language_asked(self):
        v = sc.parse(REPLY, lang="de")
        en = sc.text(v)
        self.assertEqual(self.rows(en)[:7], ["protocol", "code", "enhanced", "class",
                                             "action", "reason", "why"])
        self.assertIn("5xx (permanent)", en)
        for lang in ("de", "ja", "ar", "th"):
            w = sc.words(lang)
            out = sc.text(sc.parse(REPLY, lang=lang), lang=lang)
            names = [w[k] for k in ("protocol", "code", "enhanced", "class", "action",
                                    "reason", "why")]
            plain = out.replace("\u2068", "").replace("\u2069", "")
            for line, name in zip(plain.splitlines(), names):
                self.assertTrue(line.startswith(name), (lang, line))
            self.assertIn(w["permanent"], plain)
            if w["permanent"] != "permanent":  # German's word is English's
                self.assertNotIn("permanent", plain)
        self.assertEqual(sc.text(v, lang="de-AT"), sc.text(v, lang="de"))
        with self.assertRaises(ValueError):
            sc.text(v, lang="tlh")

    def test_values_line_up(self):
        for lang in ("ja", "zh", "ko", "hi", "fr"):
            out = sc.text(sc.parse("451 4.7.1 Try again later", lang=lang), lang=lang)
            for line in out.splitlines():
                if line.startswith(" "):
                    continue
                name = sc.words(lang)
                head = [n for n in name.values() if line.startswith(n + " ")]
                self.assertTrue(head, line)
                value_at = cells(line) - cells(line[len(max(head, key=len)):].lstrip())
                self.assertEqual(value_at, 12, (lang, line))

    def test_description_of_an_unlisted_code(self):
        d = sc.describe(397, protocol="http", lang="fr")
        self.assertFalse(d["known"])
        self.assertIn("(%s)" % sc.words("fr")["not_listed"], sc.text(d))
        d = sc.describe(397, protocol="http", lang="ja")
        self.assertIn("（%s）" % sc.words("ja")["not_listed"], sc.text(d))


class CommandLineTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="statuscodes-test-")
        cls.log = os.path.join(cls.tmp.name, "mail.log")
        with open(cls.log, "w") as f:
            f.write(LOG)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def cli(self, *args, **env):
        # the environment's language only where a test sets it
        locale = dict.fromkeys(("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))
        proc = run_cli(*args, env=cli_env(COLUMNS="100", **dict(locale, **env)), timeout=60)
        self.assertEqual((proc.returncode, proc.stderr), (0, ""), args)
        return proc.stdout

    def test_parse_in_the_environments_language(self):
        w = sc.words("pt")
        out = self.cli("--parse", REPLY, LANG="pt_BR.UTF-8")
        self.assertTrue(out.startswith(w["protocol"]), out)
        self.assertIn(sc.parse(REPLY, lang="pt")["why"].split()[0], out)
        self.assertEqual(self.cli("--parse", REPLY, LANG="C.UTF-8"),
                         sc.text(sc.parse(REPLY, details=True)) + "\n")

    def test_readme_example(self):
        root = os.environ.get("SC_SOURCE_DIR")
        if not root:
            self.skipTest("SC_SOURCE_DIR not set: the README is not at hand")
        with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        m = re.search(r'\n    \$ LANG=(\S+) python3 -m statuscodes --parse "([^"]+)"\n'
                      r'((?:    (?!\.\.\.).*\n)+)    \.\.\.\n', readme)
        self.assertIsNotNone(m, "the README's example of the language of the environment")
        shown = [line[4:] for line in m.group(3).splitlines()]
        out = self.cli("--parse", m.group(2), LANG=m.group(1))
        self.assertEqual(out.splitlines()[:len(shown)], shown)

    def test_summary_table(self):
        for lang in ("en", "de", "ja", "ru", "ar"):
            w = sc.words(lang)
            out = self.cli("--summary", self.log, "--lang", lang)
            # Arabic lines isolate their left-to-right runs, as all text output does
            self.assertEqual("\u2068" in out, lang == "ar")
            out = out.replace("\u2068", "").replace("\u2069", "")
            lines = out.splitlines()
            self.assertEqual(lines[0], w["summary_title"])
            self.assertIn(w["to_suppress"].format(count=1), out)
            self.assertIn("bob@example.com", out)
            # the count column ends where its heading ends, in display columns
            head = next(l for l in lines if l.startswith(w["reason"] + " "))
            end = cells(head[:head.index(w["lines"]) + len(w["lines"])])
            row = next(l for l in lines if l.startswith("mailbox_full"))
            self.assertEqual(cells(row[:row.index(" 1 ") + 2]), end, (lang, head, row))
            if lang != "en":
                self.assertNotIn("Mail log summary", out)
                self.assertNotIn("recipients to suppress", out)

    def test_html_report(self):
        page = os.path.join(self.tmp.name, "r.html")
        self.cli("--summary", self.log, "--html", page, "--year", "2026", LANGUAGE="ko",
                 LANG="ko_KR.UTF-8")
        with open(page, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('<html lang="ko"', text)
        self.assertIn(sc.words("ko")["over_time"], text)
        self.assertNotIn("Over time", text)


if __name__ == "__main__":
    unittest.main()
