"""The --html report of a mail log summary: one self-contained page that
fetches nothing, with the summary's tables and an SVG chart of reasons over
time. Checks the page as text (its policy, no outside resource, log text
that tries to inject HTML stays text, one bar per non-empty hour and
reason, the year of syslog stamps) and opens it in Debian's chromium,
headless with the network off, for the chart's marker and no console error.
The chromium test skips without chromium unless CI=true.

Imports the built package (PYTHONPATH); the log generator is
benchmarks/maillog.py (SC_SOURCE_DIR, else found from this file).
"""
import datetime
import html
import html.parser
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest

import statuscodes
from cli_helper import run_cli
from statuscodes import _html

SRC = os.environ.get("SC_SOURCE_DIR") or os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SRC, "benchmarks"))
import maillog  # noqa: E402

# Log text that tries to become HTML: in a reply text, a recipient, a
# domain and a relay. The summary masks "<x>" without a space as "<>", so
# the tags here hold spaces.
HOSTILE = [
    "Dec  1 05:10:00 mail1 postfix/smtp[2211]: 4Tq9Lm2FkPz3: to=<\"<img src=x onerror=alert(1) \"@evil.example>, "
    "relay=mx.evil.example[192.0.2.10]:25, delay=1, dsn=5.1.1, status=bounced (host mx.evil.example[192.0.2.10] "
    "said: 550 5.1.1 <script >document.title='pwned'</script > <img src=x onerror=alert(2) > "
    "(in reply to RCPT TO command))",
    "Dec  1 05:20:00 mail1 postfix/smtp[2212]: 4Tq9Lm2FkPz4: to=<x@evil.example\"onmouseover=\"alert(3)>, "
    "relay=mx<i >evil.example[192.0.2.11]:25, delay=1, dsn=4.2.2, status=deferred (host mx said: "
    "452 4.2.2 Mailbox full </td><b >bold</b > (in reply to RCPT TO command))",
]

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "script", "body", "h1", "h2", "h3",
                "p", "div", "b", "svg", "line", "text", "rect", "ul", "li", "table", "tr",
                "th", "td", "code", "pre", "meter", "span"}


class Elements(html.parser.HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def small_log():
    """About 150 Postfix messages 15 minutes apart (some 40 hours), and
    the hostile lines."""
    return maillog.generate("postfix", 40_000, seed=5, step=900) + "\n".join(HOSTILE) + "\n"


def bars(page, chart):
    """The rect.bar elements of the chart with id `chart`."""
    out, inside = [], False
    for tag, attrs in Elements(page).tags:
        if tag == "svg":
            inside = attrs.get("id") == chart
        elif inside and tag == "rect" and attrs.get("class") == "bar":
            out.append(attrs)
    return out


class TestPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.log = small_log()
        cls.summary = statuscodes.summarize(cls.log)
        cls.page = _html.page(cls.summary, "mail.log", reference=datetime.date(2026, 12, 3))

    def test_fetches_nothing(self):
        tags = Elements(self.page).tags
        policy = [a["content"] for t, a in tags if t == "meta"
                  and a.get("http-equiv") == "Content-Security-Policy"]
        self.assertEqual(policy, [_html.policy()])
        self.assertIn("default-src 'none'", policy[0])
        self.assertNotIn("unsafe", policy[0])
        for tag, attrs in tags:
            self.assertFalse({"src", "href", "srcset", "action", "xlink:href"} & set(attrs),
                             (tag, attrs))
        self.assertNotIn("url(", self.page)
        self.assertNotIn("@import", self.page)

    def test_log_text_stays_text(self):
        tags = Elements(self.page).tags
        self.assertEqual(set(t for t, _ in tags) - ALLOWED_TAGS, set())
        self.assertEqual([t for t, _ in tags].count("script"), 1)
        for tag, attrs in tags:
            self.assertFalse([k for k in attrs if k.startswith("on")], (tag, attrs))
        for text in ("&lt;script &gt;document.title=&#x27;pwned&#x27;&lt;/script &gt;",
                     "&lt;img src=x onerror=alert(1) &quot;@evil.example",  # a recipient
                     "<td>mx&lt;i</td>",                                      # a relay
                     "<td>evil.example&quot;onmouseover=&quot;alert(3)</td>"):  # a domain
            self.assertTrue(text in self.page, text)

    def test_one_bar_per_hour_and_reason(self):
        cells = self.summary["times"]["cells"]
        self.assertGreater(len(cells), 30)
        self.assertEqual(self.summary["times"]["untimed"], 0)
        self.assertEqual(len(bars(self.page, "chart-all")), len(cells))
        self.assertEqual(len(bars(self.page, "chart-failures")),
                         len([c for c in cells if c["reason"] != "delivered"]))
        self.assertEqual({b["data-reason"] for b in bars(self.page, "chart-all")},
                         set(self.summary["reasons"]))

    def test_a_day_per_bar_past_four_days(self):
        log = maillog.generate("postfix", 40_000, seed=5, step=4 * 3600)
        s = statuscodes.summarize(log)
        days = {(c["month"], c["day"], c["reason"]) for c in s["times"]["cells"]}
        page = _html.page(s, "long.log", year=2026)
        self.assertEqual(len(bars(page, "chart-all")), len(days))
        self.assertTrue("judged lines per day" in page)

    def test_at_most_the_latest_days(self):
        def exim(stamp):
            return ("%s 1rABCd-000123-Ab ** bob@example.com R=dnslookup T=remote_smtp "
                    "H=mx.example.com [192.0.2.1]: 550 5.1.1 User unknown\n" % stamp)
        s = statuscodes.summarize(exim("2000-01-01 10:00:00") + exim("2026-12-01 10:00:00")
                                  + exim("2026-12-02 10:00:00"))
        page = _html.page(s, "exim.log")
        self.assertEqual(len(bars(page, "chart-all")), 2)
        self.assertTrue("Lines older than the %d days drawn, not in the chart: 1."
                        % _html.MAX_SLOTS in page)

    def test_nothing_to_chart(self):
        page = _html.page(statuscodes.summarize("550 5.1.1 no such user\n"), "replies")
        self.assertTrue("No line with a time stamp to chart." in page)
        self.assertTrue("Judged lines with no time stamp (one reply per line), not in the "
                        "chart: 1." in page)
        self.assertEqual(bars(page, "chart-all"), [])

    def test_in_the_readers_language(self):
        s = statuscodes.summarize("550 5.1.1 no such user\n")
        for lang in ("de", "ja", "ar"):
            w = statuscodes.words(lang)
            page = _html.page(s, "replies", lang=lang)
            self.assertIn('<html lang="%s"' % lang, page)
            self.assertIn("<h1>%s</h1>" % html.escape(w["summary_title"]), page)
            self.assertIn(html.escape(w["no_time"]), page)
            self.assertIn(html.escape(statuscodes.actions(lang)["suppress"]), page)
            self.assertNotIn("Mail log summary", page)
        self.assertIn('dir="rtl"', _html.page(s, "replies", lang="ar"))
        self.assertNotIn('dir="rtl"', _html.page(s, "replies", lang="de"))

    def test_year_of_syslog_stamps(self):
        jan = datetime.date(2027, 1, 2)
        self.assertEqual(_html.resolve_year(12, 31, reference=jan), 2026)
        self.assertEqual(_html.resolve_year(1, 2, reference=jan), 2027)
        self.assertEqual(_html.resolve_year(1, 3, reference=jan), 2026)
        self.assertEqual(_html.resolve_year(12, 31, year=2020, reference=jan), 2020)
        s = statuscodes.summarize(HOSTILE[0].replace("Dec  1 05:10:00", "Feb 29 10:00:00") + "\n")
        self.assertEqual(_html.hours(s, year=2027), ({}, 1))  # no Feb 29 in 2027
        self.assertEqual(len(_html.hours(s, year=2028)[0]), 1)

    def test_cli_year_from_the_file_date(self):
        # A log that spans New Year, dated (modified) on New Year's Day.
        log = (HOSTILE[0].replace("Dec  1 05:10:00", "Dec 31 23:10:00") + "\n"
               + HOSTILE[0].replace("Dec  1 05:10:00", "Jan  1 00:20:00") + "\n")
        with tempfile.TemporaryDirectory() as d:
            path, out = os.path.join(d, "mail.log"), os.path.join(d, "report.html")
            with open(path, "w") as f:
                f.write(log)
            t = datetime.datetime(2027, 1, 1, 12).timestamp()
            os.utime(path, (t, t))
            r = run_cli("--summary", path, "--html", out)
            self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))
            with open(out, encoding="utf-8") as f:
                page = f.read()
            self.assertTrue("<title>2026-12-31 23:00: 1 " in page)
            self.assertTrue("<title>2027-01-01 00:00: 1 " in page)
            r = run_cli("--summary", path, "--html", out, "--year", "2030")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, encoding="utf-8") as f:
                page = f.read()
            # a year apart now: a bar per day
            self.assertTrue("<title>2030-12-31: 1 " in page)
            self.assertTrue("<title>2030-01-01: 1 " in page)
            self.assertEqual(run_cli("--summary", path, "--year", "2030").returncode, 2)
            self.assertEqual(run_cli("535", "--html", out).returncode, 2)

    def test_cli_merge_html_is_the_whole(self):
        lines = self.log.splitlines(keepends=True)
        with tempfile.TemporaryDirectory() as d:
            parts = []
            for i, part in enumerate((lines[:len(lines) // 2], lines[len(lines) // 2:])):
                p = os.path.join(d, "part%d.log" % i)
                with open(p, "w") as f:
                    f.write("".join(part))
                r = run_cli("--summary", p, "--json")
                self.assertEqual(r.returncode, 0, r.stderr)
                parts.append(os.path.join(d, "part%d.json" % i))
                with open(parts[-1], "w") as f:
                    f.write(r.stdout)
            whole, merged = os.path.join(d, "whole.html"), os.path.join(d, "merged.html")
            with open(os.path.join(d, "whole.log"), "w") as f:
                f.write(self.log)
            for args in (("--summary", os.path.join(d, "whole.log"), "--html", whole),
                         ("--merge", *parts, "--html", merged)):
                r = run_cli(*args, "--year", "2026")
                self.assertEqual(r.returncode, 0, r.stderr)
            pages = []
            for p in (whole, merged):
                with open(p, encoding="utf-8") as f:
                    pages.append(f.read())
            self.assertEqual(bars(pages[0], "chart-all"), bars(pages[1], "chart-all"))
            self.assertGreater(len(bars(pages[1], "chart-all")), 30)


class TestChromium(unittest.TestCase):
    """The page in a real browser: no network, no console error, the chart
    drawn."""

    def test_renders_without_errors(self):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser is None:
            if os.environ.get("CI") == "true":
                self.fail("CI=true: chromium is needed (scripts/tools-deps.sh installs it)")
            self.skipTest("no chromium (scripts/tools-deps.sh installs it)")
        summary = statuscodes.summarize(small_log())
        with tempfile.TemporaryDirectory() as d:
            page = os.path.join(d, "report.html")
            with open(page, "w", encoding="utf-8") as f:
                f.write(_html.page(summary, "mail.log", year=2026))
            # A loopback port nothing listens on: any request through the
            # proxy fails, as does any name lookup.
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                closed = s.getsockname()[1]
            # The browser is not instrumented: no sanitizer runtime for it.
            env = {k: v for k, v in os.environ.items()
                   if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS", "PYTHONMALLOC")}
            r = subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-extensions", "--disable-background-networking",
                 "--proxy-server=127.0.0.1:%d" % closed, "--host-resolver-rules=MAP * ~NOTFOUND",
                 "--user-data-dir=" + os.path.join(d, "profile"),
                 "--enable-logging=stderr", "--v=0", "--dump-dom", "file://" + page],
                capture_output=True, text=True, timeout=180, check=False, env=env)
        self.assertEqual(r.returncode, 0, r.stderr[-3000:])
        dom = r.stdout
        console = [line for line in r.stderr.splitlines()
                   if "Uncaught" in line or ":CONSOLE" in line]
        self.assertEqual(console, [])
        root = re.search(r"<html[^>]*>", dom).group(0)
        self.assertIn('data-errors=""', root)
        want = len(summary["times"]["cells"])
        self.assertIn('data-rendered="%d"' % (want + len([
            c for c in summary["times"]["cells"] if c["reason"] != "delivered"])), root)
        self.assertEqual(len(bars(dom, "chart-all")), want)
        self.assertEqual(dom.count("<script"), 1)
        self.assertNotIn("pwned", re.search(r"<title>[^<]*</title>", dom).group(0))
        self.assertEqual(set(t for t, _ in Elements(dom).tags) - ALLOWED_TAGS - {"tbody"}, set())


if __name__ == "__main__":
    unittest.main()
