"""Typography of the command line's text output per script: lines wrapped
by display width, Chinese and Japanese broken between ideographs but never
before closing punctuation nor inside a Latin word or code, Thai and Korean
words never cut, left-to-right runs isolated in Arabic lines (text only,
never --json), English wrapped as textwrap wraps it.

Run against the built package, as test_statuscodes.py is.
"""

import json
import re
import textwrap
import unicodedata
import unittest

import statuscodes as sc
from statuscodes._text import cells, isolate_ltr, wrap
from cli_helper import cli_env, run_cli

FSI, PDI = "\u2068", "\u2069"
CLOSING = set("、。，．：；！？）」』〉》】〕］｝")


def columns(line):
    """Display width, measured here on its own: wide and fullwidth 2,
    combining marks and format characters 0, anything else 1."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
               for ch in line)


def unwrapped(out):
    """The output's lines joined back with one space, without indentation."""
    return re.sub(r"\n *", " ", out.replace(FSI, "").replace(PDI, ""))


def squeezed(text):
    return re.sub(r"\s+", "", text.replace(FSI, "").replace(PDI, ""))


class WrapTests(unittest.TestCase):
    def test_display_width(self):
        self.assertEqual(cells("abc"), 3)
        self.assertEqual(cells("日本語"), 6)
        self.assertEqual(cells("한국어"), 6)
        self.assertEqual(cells("ＡＢ"), 4)
        self.assertEqual(cells("ไทย" + "\u0e34\u0e48"), 3)  # marks take no column
        self.assertEqual(cells(FSI + "x" + PDI), 1)

    def test_ideographs_break_but_not_before_closing_punctuation(self):
        text = "これは「テスト」です。5.1.1はユーザーがいないこと、RFC 5321は例です。"
        for width in range(6, 40):
            lines = wrap(text, width).split("\n")
            self.assertEqual("".join(lines).replace(" ", ""), text.replace(" ", ""))
            for line in lines:
                self.assertNotIn(line[0], CLOSING, (width, lines))
                self.assertNotIn(line[-1], "「（", (width, lines))
                if len(line) > 3:  # more than one piece fits: it fits
                    self.assertLessEqual(cells(line), width, (width, lines))
            self.assertTrue(any("5.1.1" in line for line in lines), (width, lines))

    def test_thai_and_korean_break_only_at_spaces(self):
        for text in ("ในทางปฏิบัติ ทั้งสองรหัสเป็นข้อผิดพลาดถาวร จึงไม่ควรส่งข้อความเดิมซ้ำ",
                     "실제로는 두 코드 모두 영구적인 오류이므로 같은 메시지를 다시 보내서는 안 됩니다."):
            for width in range(4, 60):
                lines = wrap(text, width, "  ", "  ").split("\n")
                self.assertEqual(" ".join(line.strip() for line in lines), text)
                self.assertTrue(all(line.strip() in text.split() or cells(line) <= width
                                    for line in lines), (width, lines))

    def test_like_textwrap_for_text_with_spaces(self):
        text = ("The server refused the command permanently.  RFC 5321 gives, as an "
                "example,\ta mailbox-that-does-not-exist https://example.com/a/very/long/path")
        for width in range(1, 90):
            self.assertEqual(
                wrap(text, width, "- ", "  "),
                textwrap.fill(text, width, initial_indent="- ", subsequent_indent="  ",
                              break_long_words=False, break_on_hyphens=False))
        self.assertEqual(wrap("", 40, "  "), "")
        self.assertEqual(wrap("   ", 40, "  "), "")

    def test_isolates(self):
        self.assertEqual(isolate_ltr("English only (RFC 5321)"), "English only (RFC 5321)")
        self.assertEqual(isolate_ltr("الرمز 5.1.1 (Bad destination) دائم"),
                         f"الرمز {FSI}5.1.1 (Bad destination){PDI} دائم")
        self.assertEqual(isolate_ltr("مقابل (SMTP) و"), f"مقابل ({FSI}SMTP{PDI}) و")
        self.assertEqual(isolate_ltr("x\nمقابل SMTP."), f"x\nمقابل {FSI}SMTP{PDI}.")


class CommandLineTypographyTests(unittest.TestCase):
    def cli(self, width, *args):
        proc = run_cli(*args, env=cli_env(COLUMNS=str(width)), timeout=60)
        self.assertEqual((proc.returncode, proc.stderr), (0, ""), args)
        return proc.stdout

    def assert_typeset(self, out, width, headings, texts, exact):
        """Lines fit width (section headings, which are never wrapped, and
        a word longer than a line aside), none
        starts with closing punctuation, and each of texts reads whole in the
        output: with the line breaks made spaces again when exact (scripts
        that break only at spaces), else with whitespace removed."""
        for line in out.splitlines():
            if line.replace(FSI, "").replace(PDI, "") in headings:
                continue
            body = re.sub(r"^ *(- |\d+\. )?", "", line.replace(FSI, "").replace(PDI, ""))
            # A Thai run is one word to the wrapper: longer than a line,
            # it stands alone on one.
            if not (exact and " " not in body):
                self.assertLessEqual(columns(line), width, line)
            if body:
                self.assertNotIn(body[0], CLOSING, line)
        for text in texts:
            if exact:
                self.assertIn(text, unwrapped(out))
            else:
                self.assertIn(squeezed(text), squeezed(out))

    def test_describe_and_compare(self):
        for lang in ("ja", "zh", "ko", "th", "ar"):
            exact = lang not in ("ja", "zh")
            for width in (40, 57, 80):
                for code, protocol in (("550", "smtp"), ("5.1.1", "smtp"), ("404", "http")):
                    d = sc.describe(code, protocol=protocol, lang=lang)
                    out = self.cli(width, code, "--protocol", protocol, "--lang", lang)
                    self.assert_typeset(
                        out, width, set(d["labels"].values()),
                        [d[k] for k in ("name", "gist", "description", "when", "fix",
                                        "retry_advice", "actor_text") if d[k]], exact)
                c = sc.compare(550, "5.1.1", lang=lang)
                out = self.cli(width, "550", "5.1.1", "--lang", lang)
                headings = set(c["labels"].values())
                headings |= {"    " + h for h in headings}
                self.assert_typeset(out, width, headings,
                                    [c["title"], c["summary"]] + c["differences"], exact)

    def test_arabic_isolates_text_only(self):
        out = self.cli(80, "550", "5.1.1", "--lang", "ar")
        isolated = re.findall(f"{FSI}([^{PDI}]*){PDI}", out)
        self.assertIn("5.1.1", isolated)
        self.assertTrue(any(run.startswith("SMTP ") for run in isolated), isolated)
        for line in out.splitlines():
            if not re.search("[\u0600-\u06ff]", line):
                self.assertNotIn(FSI, line)
        self.assertEqual(out.count(FSI), out.count(PDI))
        for args in (("550", "5.1.1"), ("550", "--protocol", "smtp"), ("--parse", "550 5.1.1 x")):
            raw = self.cli(80, *args, "--lang", "ar", "--json")
            self.assertNotIn(FSI, raw)
            self.assertNotIn(PDI, raw)
        self.assertEqual(json.loads(raw), sc.parse("550 5.1.1 x", lang="ar", details=True))
        self.assertNotIn(FSI, json.dumps(sc.compare(550, "5.1.1", lang="ar"), ensure_ascii=False))

    def test_english_unchanged(self):
        # Pinned against the unwrapped text, as textwrap wrapped it before.
        d = sc.describe(550, protocol="smtp")
        out = self.cli(50, "550", "--protocol", "smtp", "--lang", "en")
        for key in ("description", "when", "fix"):
            self.assertIn(d["labels"][key] + "\n" + textwrap.fill(
                d[key], 50, initial_indent="    ", subsequent_indent="    ",
                break_long_words=False, break_on_hyphens=False) + "\n", out)
        self.assertIn(textwrap.fill(d["gist"], 50) + "\n", out)
        self.assertNotIn(FSI, out)


if __name__ == "__main__":
    unittest.main()
