"""Mail logs: parse_log_lines() and summarize() (the C core's sc_logline and
sc_summary), merge_summaries() and the CLI's --summary and --merge.

Each log format's fields on realistic lines (invented hosts and addresses);
the summary's counts against a naive count over parse_log_lines(); chunks
and merged parts against the whole; bad input (binary garbage, NUL bytes, a
100 MB line, a line cut in the middle) as counted skips, never a crash;
Lua's cells by hour and reason against Python's (needs lua5.4 and the built
Lua module, SC_LUA_CPATH: skips without them unless CI=true).
Imports the built package (PYTHONPATH); the log generator is
benchmarks/maillog.py (SC_SOURCE_DIR, else found from this file).
"""
import collections
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import statuscodes
from cli_helper import run_cli

SRC = os.environ.get("SC_SOURCE_DIR") or os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SRC, "benchmarks"))
import maillog  # noqa: E402

VALGRIND = os.environ.get("SC_VALGRIND") is not None  # smaller inputs

POSTFIX_BOUNCE = (
    "Dec  1 12:00:01 mail1 postfix/smtp[2211]: 4Tq9Lm2FkPz3: to=<kim.lee@example.org>, "
    "relay=mx1.example.org[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, "
    "status=bounced (host mx1.example.org[192.0.2.10] said: 550 5.1.1 <kim.lee@example.org>: "
    "Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))")
POSTFIX_NOHOST = (
    "Dec  1 12:00:02 mail1 postfix/smtp[2212]: 4Tq9Lm2FkPz4: to=<ops@nowhere.example>, relay=none, "
    "delay=0.5, delays=0.1/0/0.4/0, dsn=5.4.4, status=bounced (Host or domain name not found. "
    "Name service error for name=nowhere.example type=MX: Host not found)")
POSTFIX_REJECT = (
    "Dec  1 12:00:04 mail1 postfix/smtpd[3001]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: "
    "554 5.7.1 <x@elsewhere.example>: Relay access denied; from=<spam@bad.example> "
    "to=<x@elsewhere.example> proto=ESMTP helo=<bad.example>")
POSTFIX_SKIP = [
    "Dec  1 12:00:05 mail1 postfix/qmgr[900]: 4Tq9Lm2FkPz3: from=<news@example.com>, size=2301, nrcpt=1 (queue active)",
    "Dec  1 12:00:05 mail1 postfix/pickup[812]: 4Tq9Lm2FkPz3: uid=1000 from=<app>",
    "Dec  1 12:00:05 mail1 postfix/cleanup[813]: 4Tq9Lm2FkPz3: message-id=<a1@mail1.example>",
    "Dec  1 12:00:06 mail1 postfix/bounce[905]: 4Tq9Lm2FkPz3: sender non-delivery notification: 4Tq9Lm2FkPzZ",
    "Dec  1 12:00:06 mail1 postfix/qmgr[900]: 4Tq9Lm2FkPz3: removed",
]
EXIM = [
    "2026-12-01 12:00:08 1rABCd-000123-Ab ** bob@example.com R=dnslookup T=remote_smtp "
    "H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: "
    "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown",
    "2026-12-01 12:00:09 1rABCe-000124-Ac == carol@example.net R=dnslookup T=remote_smtp defer (-44) "
    "H=mx.example.net [192.0.2.20]: SMTP error from remote mail server after RCPT TO:<carol@example.net>: "
    "451 4.7.1 Greylisted, please try again in 300 seconds",
    "2026-12-01 12:00:10 1rABCf-000125-Ad => dave@example.org R=dnslookup T=remote_smtp "
    "H=mx1.example.org [192.0.2.10] C=\"250 2.0.0 OK 1701432010 id\"",
]
SENDMAIL = [
    "Dec  1 12:00:13 relay2 sm-mta[4412]: 4B1C0a1b012345: to=<erin@example.com>, delay=00:00:02, "
    "mailer=esmtp, pri=120386, relay=mx.example.com. [192.0.2.1], dsn=5.1.1, stat=User unknown",
    "Dec  1 12:00:14 relay2 sm-mta[4413]: 4B1C0a1b012346: to=<frank@example.net>, delay=00:00:05, "
    "mailer=esmtp, relay=mx.example.net. [192.0.2.20], dsn=4.0.0, stat=Deferred: 421 4.7.0 Try again later",
]


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def hour_of(stamp):
    """(year, month, day, hour) of a time stamp; year 0 for syslog's."""
    if stamp is None:
        return None
    if stamp[4] == "-":
        return int(stamp[:4]), int(stamp[5:7]), int(stamp[8:10]), int(stamp[11:13])
    return 0, MONTHS.index(stamp[:3]) + 1, int(stamp[4:6]), int(stamp[7:9])


def naive(entries):
    """The counts of a summary, one dict per line."""
    c = {"actions": collections.Counter(), "reasons": collections.Counter(),
         "mta_status": collections.Counter(), "formats": collections.Counter(),
         "domains": collections.Counter(), "last": {}, "hours": collections.Counter()}
    for e in entries:
        v = e["verdict"]
        c["hours"][(hour_of(e["time"]), v["reason"])] += 1
        c["actions"][v["action"]] += 1
        c["reasons"][v["reason"]] += 1
        c["mta_status"][e["mta_status"]] += 1
        c["formats"][e["format"]] += 1
        if e["recipient"]:
            if "@" in e["recipient"]:
                c["domains"][e["recipient"].rsplit("@", 1)[1].lower()] += 1
            c["last"][e["recipient"]] = v["action"]
    return c


class TestFormats(unittest.TestCase):
    def one(self, line):
        got = statuscodes.parse_log_lines(line)
        self.assertEqual(len(got), 1, line)
        return got[0]

    def test_postfix(self):
        e = self.one(POSTFIX_BOUNCE)
        self.assertEqual((e["format"], e["time"], e["host"], e["program"], e["queue_id"]),
                         ("postfix", "Dec  1 12:00:01", "mail1", "postfix/smtp", "4Tq9Lm2FkPz3"))
        self.assertEqual((e["recipient"], e["relay"], e["dsn"], e["mta_status"]),
                         ("kim.lee@example.org", "mx1.example.org", "5.1.1", "bounced"))
        self.assertEqual((e["verdict"]["reason"], e["verdict"]["action"]), ("user_unknown", "suppress"))
        e = self.one(POSTFIX_NOHOST)
        self.assertIsNone(e["relay"])
        self.assertEqual(e["verdict"]["enhanced"], "5.4.4")
        self.assertEqual(e["verdict"]["reason"], "domain_not_found")
        self.assertTrue(e["verdict"]["text"].startswith("Host or domain name not found"))
        e = self.one(POSTFIX_REJECT)
        self.assertEqual((e["mta_status"], e["queue_id"], e["recipient"], e["client"]),
                         ("reject", None, "x@elsewhere.example", "unknown"))
        self.assertEqual(e["verdict"]["reason"], "relay_denied")

    def test_verdicts_light_unless_details(self):
        line = ("Dec  1 10:00:00 mx postfix/smtp[7]: 4Tq9Lm2FkPz3: to=<a@example.org>, "
                "relay=mx.example.org[192.0.2.1]:25, delay=1, dsn=5.1.1, status=bounced "
                "(host mx.example.org[192.0.2.1] said: 550 5.1.1 <a@example.org>: User unknown "
                "(in reply to RCPT TO command))")
        light = statuscodes.parse_log_lines(line)[0]["verdict"]
        self.assertIsNone(light["code_info"])
        self.assertIsNone(light["enhanced_info"])
        full = statuscodes.parse_log_lines(line, lang="fr", details=True)[0]["verdict"]
        self.assertEqual(full["enhanced_info"]["lang"], "fr")
        self.assertEqual(full["code_info"]["code"], 550)

    def test_postfix_no_reply_lines_are_skipped(self):
        self.assertEqual(statuscodes.parse_log_lines("\n".join(POSTFIX_SKIP)), [])
        s = statuscodes.summarize("\n".join(POSTFIX_SKIP) + "\n")
        self.assertEqual((s["verdicts"], s["skipped"]["no_reply"]), (0, len(POSTFIX_SKIP)))

    def test_exim(self):
        got = statuscodes.parse_log_lines("\n".join(EXIM))
        self.assertEqual([e["mta_status"] for e in got], ["bounced", "deferred", "sent"])
        self.assertEqual([e["verdict"]["action"] for e in got], ["suppress", "retry", "none"])
        self.assertEqual(got[0]["queue_id"], "1rABCd-000123-Ab")
        self.assertEqual(got[0]["relay"], "mx.example.com")
        self.assertEqual(got[1]["verdict"]["reason"], "greylisted")
        self.assertEqual(got[2]["time"], "2026-12-01 12:00:10")

    def test_sendmail(self):
        got = statuscodes.parse_log_lines("\n".join(SENDMAIL))
        self.assertEqual([(e["format"], e["mta_status"], e["verdict"]["action"]) for e in got],
                         [("sendmail", "bounced", "suppress"), ("sendmail", "deferred", "retry")])
        self.assertEqual(got[0]["relay"], "mx.example.com")
        self.assertEqual(got[0]["verdict"]["text"], "User unknown")

    def test_one_reply_per_line(self):
        got = statuscodes.parse_log_lines("550 5.1.1 No such user\nhello world\n421 4.7.0 Try later\n")
        self.assertEqual([(e["format"], e["line"], e["verdict"]["action"]) for e in got],
                         [("reply", 1, "suppress"), ("reply", 3, "retry")])
        # a format given: other lines hold nothing for it
        self.assertEqual(statuscodes.parse_log_lines(EXIM[0], format="postfix"), [])
        self.assertEqual(len(statuscodes.parse_log_lines(EXIM[0], format="reply")), 1)
        with self.assertRaises(ValueError):
            statuscodes.summarize("x", format="qmail")


class TestSummary(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.log = maillog.generate("mixed", 60_000 if VALGRIND else 600_000, seed=7)
        cls.s = statuscodes.summarize(cls.log)

    def test_counts_equal_a_naive_count(self):
        s, c = self.s, naive(statuscodes.parse_log_lines(self.log))
        self.assertEqual(s["verdicts"], sum(c["actions"].values()))
        self.assertEqual({k: v for k, v in s["actions"].items() if v}, dict(c["actions"]))
        self.assertEqual(s["reasons"], dict(c["reasons"]))
        self.assertEqual(s["mta_status"], dict(c["mta_status"]))
        self.assertEqual(s["formats"], dict(c["formats"]))
        self.assertEqual({e["domain"]: e["count"] for e in s["domains"]["keys"]}, dict(c["domains"]))
        suppress = {r for r, a in c["last"].items() if a == "suppress"}
        self.assertEqual(set(s["suppress"]), suppress)
        hours = {((x["year"], x["month"], x["day"], x["hour"]), x["reason"]): x["count"]
                 for x in s["times"]["cells"]}
        self.assertEqual(s["times"]["untimed"],
                         sum(n for (h, _), n in c["hours"].items() if h is None))
        self.assertEqual(hours, {k: n for k, n in c["hours"].items() if k[0] is not None})
        self.assertEqual(s["lines"], self.log.count("\n"))
        self.assertEqual(s["lines"], s["verdicts"] + sum(s["skipped"].values()))
        for reason, texts in s["examples"].items():
            self.assertLessEqual(len(texts), s["bounds"]["examples"])
            self.assertLessEqual(sum(t["count"] for t in texts), s["reasons"][reason])

    def test_chunks_equal_the_whole(self):
        data = self.log.encode()
        r = random.Random(3)
        chunks, i = [], 0
        while i < len(data):
            n = r.choice((1, 7, 100, 4096, 65536))
            chunks.append(data[i:i + n])
            i += n
        self.assertEqual(statuscodes.summarize(iter(chunks)), self.s)
        self.assertEqual(statuscodes.summarize([self.log]), self.s)

    def test_merge_of_parts_equals_the_whole(self):
        lines = self.log.splitlines(keepends=True)
        cut = [0, len(lines) // 3, len(lines) // 2, len(lines)]
        parts = [statuscodes.summarize("".join(lines[a:b])) for a, b in zip(cut, cut[1:])]
        m = json.loads(json.dumps(statuscodes.merge_summaries(parts)))
        for key in self.s:
            if key not in ("recipients", "suppress", "examples", "overflow"):
                self.assertEqual(m[key], self.s[key], key)
        # Examples: exact while no reason had more distinct texts than its
        # slots; past that, Space-Saving keeps every line's count in some
        # slot, so each reason's total still adds up.
        for reason, texts in self.s["examples"].items():
            total = sum(t["count"] for t in texts)
            self.assertEqual(sum(t["count"] for t in m["examples"][reason]), total)
            if len(texts) < self.s["bounds"]["examples"]:
                self.assertEqual(m["examples"][reason], texts, reason)
        # The documented limit: a recipient suppressed in an earlier part
        # and only delivered to in a later one stays suppressed.
        self.assertTrue(set(self.s["suppress"]) <= set(m["suppress"]))
        for a in set(m["suppress"]) - set(self.s["suppress"]):
            self.assertIn(a, {r["recipient"] for r in parts[0]["recipients"] + parts[1]["recipients"]})

    def test_merge_limit_and_order(self):
        a = statuscodes.summarize(POSTFIX_BOUNCE + "\n")
        b = statuscodes.summarize(POSTFIX_BOUNCE.replace("status=bounced", "status=sent")
                                  .replace("dsn=5.1.1", "dsn=2.0.0")
                                  .replace("host mx1.example.org[192.0.2.10] said: 550 5.1.1", "250 2.0.0 ok") + "\n")
        whole = statuscodes.summarize(POSTFIX_BOUNCE + "\n" + POSTFIX_BOUNCE + "\n")
        self.assertEqual(whole["suppress"], ["kim.lee@example.org"])
        self.assertEqual(statuscodes.merge_summaries([a])["lines"], 1)
        self.assertEqual(statuscodes.merge_summaries([a, a])["domains"], whole["domains"])
        self.assertEqual(statuscodes.merge_summaries([a, b])["suppress"], ["kim.lee@example.org"])
        with self.assertRaises(ValueError):
            statuscodes.merge_summaries([])

    def test_times_merge_and_bound(self):
        def bounce(stamp):
            return POSTFIX_BOUNCE.replace("Dec  1 12:00:01", stamp) + "\n"
        a = statuscodes.summarize(bounce("Dec  1 12:00:01") + bounce("2026-12-01T12:59:00Z")
                                  + "550 5.1.1 no such user\n")
        b = statuscodes.summarize(bounce("Dec  1 12:30:00") + bounce("Dec  1 13:00:00"))
        m = statuscodes.merge_summaries([a, b])
        self.assertEqual(m["times"], statuscodes.summarize(
            bounce("Dec  1 12:00:01") + bounce("2026-12-01T12:59:00Z") + "550 5.1.1 no such user\n"
            + bounce("Dec  1 12:30:00") + bounce("Dec  1 13:00:00"))["times"])
        self.assertEqual([(c["year"], c["hour"], c["count"]) for c in m["times"]["cells"]],
                         [(0, 12, 2), (2026, 12, 1), (0, 13, 1)])
        self.assertEqual(m["times"]["untimed"], 1)
        # past the bound: counted in other, in the core and in the merge
        n = a["bounds"]["cells"] + 5
        big = statuscodes.summarize("".join(bounce("%04d-01-01T%02d:00:00Z" % (1000 + i // 24, i % 24))
                                            for i in range(n)))
        self.assertEqual((len(big["times"]["cells"]), big["times"]["other"]),
                         (big["bounds"]["cells"], 5))
        self.assertEqual(big["overflow"]["time_lines"], 5)
        m = statuscodes.merge_summaries([big, b])
        self.assertEqual((len(m["times"]["cells"]), m["times"]["other"]),
                         (big["bounds"]["cells"], 7))
        self.assertEqual(m["overflow"]["time_lines"], 7)

    def test_merged_table_equals_the_whole(self):
        # A merge's dicts list names (reasons, texts of equal count) in
        # another order than the whole's; the table orders equal counts by
        # name, so it does not show it.
        from statuscodes._summary import summary_text
        grey = "450 4.7.1 Greylisted, please try again later\n"
        alpha = "550 5.1.1 <a@example.org>: Alpha: no such user\n"
        beta = "550 5.1.1 <b@example.org>: Beta: no such user\n"
        for parts in ([grey, alpha], [alpha, grey], [beta + alpha + alpha, beta]):
            whole = statuscodes.summarize("".join(parts))
            merged = statuscodes.merge_summaries([statuscodes.summarize(p) for p in parts])
            self.assertEqual(summary_text(merged), summary_text(whole))
        self.assertIn("<>: Alpha: no such user", summary_text(whole))

    def test_bounds(self):
        lines = []
        for i in range(4200 if VALGRIND else 5000):
            lines.append(POSTFIX_BOUNCE.replace("kim.lee@example.org", "u%d@d%d.example" % (i, i)))
        s = statuscodes.summarize("\n".join(lines) + "\n")
        b = s["bounds"]
        self.assertEqual(len(s["domains"]["keys"]), b["keys"])
        n = len(lines)
        self.assertEqual(s["domains"]["other"], n - b["keys"])
        self.assertEqual(len(s["suppress"]), b["recipients"])
        self.assertEqual(s["overflow"]["suppress_dropped"], n - b["recipients"])


# lua - LOG KEY...: the times of sc.summarize() of the file LOG, a cell a
# line (its KEYs), then "untimed" and "other".
LUA_TIMES = """
local sc = require("statuscodes")
local f = assert(io.open(arg[1], "rb"))
local s = sc.summarize(f:read("a"))
f:close()
for _, c in ipairs(s.times.cells) do
    local row = {}
    for i = 2, #arg do row[i - 1] = tostring(c[arg[i]]) end
    print(table.concat(row, "\t"))
end
print("untimed\t" .. s.times.untimed)
print("other\t" .. s.times.other)
"""


class TestLuaTimes(unittest.TestCase):
    def test_lua_gives_the_same_cells(self):
        lua = shutil.which("lua5.4")
        cpath = os.environ.get("SC_LUA_CPATH")
        if not lua or not cpath:
            if os.environ.get("CI") == "true":
                self.fail("CI=true: lua5.4 and the built Lua module (SC_LUA_CPATH) are needed")
            self.skipTest("no lua5.4 or SC_LUA_CPATH: the Lua module is not built")
        log = maillog.generate("mixed", 100_000, seed=4, step=700) + "550 5.1.1 no such user\n"
        t = statuscodes.summarize(log)["times"]
        keys = list(t["cells"][0])
        # Lua reads the script from stdin: the log goes in a file
        with tempfile.NamedTemporaryFile("w", suffix=".log") as f:
            f.write(log)
            f.flush()
            r = subprocess.run([lua, "-", f.name, *keys], input=LUA_TIMES, capture_output=True,
                               text=True, env=dict(os.environ, LUA_CPATH=cpath), timeout=120,
                               check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        want = ["\t".join(str(c[k]) for k in keys) for c in t["cells"]]
        want += ["untimed\t%d" % t["untimed"], "other\t%d" % t["other"]]
        self.assertGreater(len(t["cells"]), 50)
        self.assertEqual(r.stdout.splitlines(), want)


class TestBadInput(unittest.TestCase):
    def test_binary_and_nul(self):
        r = random.Random(5)
        junk = bytes(r.randrange(256) for _ in range(200_000))
        s = statuscodes.summarize(junk)
        self.assertEqual(s["lines"], s["verdicts"] + sum(s["skipped"].values()))
        self.assertGreater(s["skipped"]["binary"], 0)
        s = statuscodes.summarize(b"550 5.1.1 a\x00b\n" + POSTFIX_BOUNCE.encode() + b"\n")
        self.assertEqual((s["skipped"]["binary"], s["verdicts"]), (1, 1))
        self.assertEqual(statuscodes.parse_log_lines(b"\x00\x01\x02\n\xff\xfe"), [])

    def test_100_mb_line(self):
        big = b"x" * ((16 if VALGRIND else 100) << 20)
        t = time.monotonic()
        s = statuscodes.summarize(big + b"\n" + POSTFIX_BOUNCE.encode() + b"\n")
        self.assertEqual((s["skipped"]["long"], s["verdicts"]), (1, 1))
        # the same line in chunks of a file
        s = statuscodes.summarize(big[i:i + (1 << 20)] for i in range(0, len(big), 1 << 20))
        self.assertEqual((s["skipped"]["long"], s["lines"]), (1, 1))
        self.assertEqual(statuscodes.parse_log_lines(big), [])
        self.assertLess(time.monotonic() - t, 30 * float(os.environ.get("SC_TIME_FACTOR", "1")))

    def test_cut_line(self):
        cut = POSTFIX_BOUNCE[:len(POSTFIX_BOUNCE) // 2 + 40]
        s = statuscodes.summarize(POSTFIX_BOUNCE + "\n" + cut)
        self.assertEqual((s["verdicts"], s["skipped"]["cut"], s["unterminated"]), (1, 1, 1))
        self.assertEqual(len(statuscodes.parse_log_lines(cut)), 0)
        s = statuscodes.summarize(POSTFIX_BOUNCE)  # no LF at the end: read
        self.assertEqual((s["verdicts"], s["unterminated"]), (1, 1))
        self.assertEqual(statuscodes.summarize("")["lines"], 0)
        with self.assertRaises(TypeError):
            statuscodes.summarize(42)
        with self.assertRaises(TypeError):
            statuscodes.summarize([b"ok\n", 42])


class TestCli(unittest.TestCase):
    def test_summary_json_merge(self):
        # messages 15 minutes apart: cells of about a hundred hours
        log = maillog.generate("postfix", 100_000, seed=2, step=900)
        lines = log.splitlines(keepends=True)
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for i, part in enumerate((lines[:len(lines) // 2], lines[len(lines) // 2:])):
                p = os.path.join(d, "part%d.log" % i)
                with open(p, "w") as f:
                    f.write("".join(part))
                out = run_cli("--summary", p, "--json")
                self.assertEqual(out.returncode, 0, out.stderr)
                j = os.path.join(d, "part%d.json" % i)
                with open(j, "w") as f:
                    f.write(out.stdout)
                paths.append(j)
            whole = run_cli("--summary", "-", "--json", stdin=log)
            merged = run_cli("--merge", *paths, "--json")
            self.assertEqual(merged.returncode, 0, merged.stderr)
            w, m = json.loads(whole.stdout), json.loads(merged.stdout)
            self.assertEqual(w["actions"], m["actions"])
            self.assertEqual(w["domains"], m["domains"])
            self.assertGreater(len(w["times"]["cells"]), 100)
            self.assertEqual(w["times"], m["times"])
            self.assertEqual(w["overflow"], m["overflow"])
            table = run_cli("--summary", paths[0].replace(".json", ".log"))
            self.assertIn("recipients to suppress", table.stdout)
            self.assertIn("user_unknown", table.stdout)
        bad = run_cli("--summary", "/nonexistent/mail.log")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("statuscodes: error:", bad.stderr)


if __name__ == "__main__":
    unittest.main()
