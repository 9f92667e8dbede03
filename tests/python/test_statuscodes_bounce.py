"""parse_bounce and python3 -m statuscodes --bounce: the test bounces of
tests/corpora/bounces (written here in the structure of each MTA), and bad
input (standard library only).

Environment: SC_SOURCE_DIR (the source tree; default: two folders up),
SC_VALGRIND=1 shrinks the big input.
"""
import json
import os
import tempfile
import unittest

import statuscodes as sc
from cli_helper import run_cli

SRC = os.environ.get("SC_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOUNCES = os.path.join(SRC, "tests", "corpora", "bounces")
VALGRIND = bool(os.environ.get("SC_VALGRIND"))
KEYS = {"recipient", "original_recipient", "dsn_action", "status",
        "remote_mta", "diagnostic", "source", "verdict"}


def read(name):
    with open(os.path.join(BOUNCES, name), "rb") as f:
        return f.read()


def summary(rows):
    return [(r["recipient"], r["dsn_action"],
             r["verdict"] and r["verdict"]["code"],
             r["verdict"] and r["verdict"]["enhanced"],
             r["verdict"] and r["verdict"]["reason"],
             r["verdict"] and r["verdict"]["action"]) for r in rows]


class TestBounces(unittest.TestCase):
    def test_postfix(self):
        rows = sc.parse_bounce(read("postfix.eml"))
        self.assertEqual(summary(rows), [
            ("nobody@example.org", "failed", 550, "5.1.1", "user_unknown", "suppress"),
            ("full@example.com", "delayed", 452, "4.2.2", "mailbox_full", "retry"),
        ])
        r = rows[0]
        self.assertEqual(set(r), KEYS)
        self.assertEqual(r["original_recipient"], "nobody@example.org")
        self.assertEqual(r["status"], "5.1.1")
        self.assertEqual(r["remote_mta"], "mx.example.org")
        self.assertEqual(r["source"], "dsn")
        # The folded Diagnostic-Code, unfolded, after its "smtp;".
        self.assertEqual(r["diagnostic"],
                         "550 5.1.1 <nobody@example.org>: Recipient address "
                         "rejected: User unknown in virtual mailbox table")
        # The verdict is parse()'s of the diagnostic.
        self.assertEqual(r["verdict"], sc.parse(r["diagnostic"], protocol="smtp"))

    def test_every_mta(self):
        expected = {
            "gmail.eml": [("ghost@example.org", "failed", 550, "5.1.1", "user_unknown", "suppress")],
            "sendmail.eml": [("nobody@example.org", "failed", 550, "5.1.1", "user_unknown", "suppress")],
            "exchange.eml": [("missing@example.com", "failed", 550, "5.1.10", "user_unknown", "suppress")],
            "exim-dsn.eml": [("slow@example.org", "delayed", 451, "4.7.1", "greylisted", "retry")],
            "exim.eml": [("nobody@example.org", None, 550, "5.1.1", "user_unknown", "suppress")],
            "qmail.eml": [
                ("nobody@example.org", None, 550, "5.1.1", "user_unknown", "suppress"),
                ("blocked@example.com", None, 554, "5.7.1", "blocked", "review")],
            "exchange-2003.eml": [("jdoe@corp.example.com", None, 550, "5.1.1", "user_unknown", "suppress")],
            "postfix-smtputf8.eml": [
                ("josé@exämple.org", "failed", 550, "5.1.1", "user_unknown", "suppress"),
                ("ok@example.org", "delivered", 250, "2.0.0", "delivered", "none")],
            "status-only.eml": [("later@example.org", "delayed", None, "4.4.1", "service_unavailable", "retry")],
        }
        for name, rows in expected.items():
            with self.subTest(name=name):
                self.assertEqual(summary(sc.parse_bounce(read(name))), rows)

    def test_gmail_multiline(self):
        r = sc.parse_bounce(read("gmail.eml"))[0]
        # A fold before "550-" stays a line break: a multi-line reply.
        self.assertEqual(len(r["verdict"]["lines"]), 4)
        self.assertTrue(r["diagnostic"].startswith("550-5.1.1 The email account"))

    def test_text_and_str(self):
        data = read("qmail.eml")
        self.assertEqual(sc.parse_bounce(data.decode()), sc.parse_bounce(data))
        self.assertEqual({r["source"] for r in sc.parse_bounce(data)}, {"text"})
        # The quoted copy of the message is not read.
        self.assertNotIn("5.0.0", [r["verdict"]["enhanced"] for r in sc.parse_bounce(data)])

    def test_status_only(self):
        r = sc.parse_bounce(read("status-only.eml"))[0]
        self.assertIsNone(r["diagnostic"])
        self.assertEqual(r["verdict"]["text"], "")

    def test_lang(self):
        r = sc.parse_bounce(read("postfix.eml"), lang="fr", details=True)[0]
        self.assertEqual(r["verdict"]["enhanced_info"]["lang"], "fr")
        # Light by default, as parse()'s verdicts.
        self.assertIsNone(sc.parse_bounce(read("postfix.eml"))[0]["verdict"]["enhanced_info"])
        with self.assertRaises(ValueError):
            sc.parse_bounce(b"", lang="zz")

    def test_crlf_and_lf(self):
        data = read("postfix.eml")
        crlf = data.replace(b"\n", b"\r\n")
        self.assertEqual(summary(sc.parse_bounce(crlf)), summary(sc.parse_bounce(data)))


class TestBadInput(unittest.TestCase):
    def test_types(self):
        for bad in (None, 1, 1.5, [b"x"], object()):
            with self.assertRaises(TypeError):
                sc.parse_bounce(bad)
        self.assertEqual(sc.parse_bounce(bytearray(read("qmail.eml")))[0]["recipient"],
                         "nobody@example.org")
        self.assertEqual(sc.parse_bounce(memoryview(b"")), [])

    def test_garbage(self):
        self.assertEqual(sc.parse_bounce(b""), [])
        self.assertEqual(sc.parse_bounce(b"\0" * 100000), [])
        self.assertEqual(sc.parse_bounce(bytes(range(256)) * 400), [])
        self.assertEqual(sc.parse_bounce("\udcff\ud800 lone surrogates"), [])

    def test_cut_anywhere(self):
        for name in ("postfix.eml", "gmail.eml", "qmail.eml", "exchange.eml"):
            data = read(name)
            whole = len(sc.parse_bounce(data))
            for i in range(0, len(data), 97):
                rows = sc.parse_bounce(data[:i])
                self.assertLessEqual(len(rows), whole + 1, (name, i))
                for r in rows:
                    self.assertEqual(set(r), KEYS)

    def test_unclosed_boundary_and_nul(self):
        data = (b'Content-Type: multipart/report; boundary="never"\n\n--never\n'
                b"Content-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n"
                b"Final-Recipient: rfc822; a@example.org\nAction: failed\n"
                b"Diagnostic-Code: smtp; 550 5.1.1 no\0such user\n")
        rows = sc.parse_bounce(data)
        self.assertEqual(summary(rows), [
            ("a@example.org", "failed", 550, "5.1.1", "user_unknown", "suppress")])

    def test_huge_line(self):
        size = (8 if VALGRIND else 100) * 1024 * 1024
        data = b"x" * size + b"\n<a@example.org>:\nRemote host said: 550 5.1.1 no such user\n"
        rows = sc.parse_bounce(data)
        self.assertEqual(summary(rows), [
            ("a@example.org", None, 550, "5.1.1", "user_unknown", "suppress")])
        # A diagnostic that long is cut at the core's limit.
        data = (b"Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; b@example.org\n"
                b"Diagnostic-Code: smtp; 550 5.1.1 " + b"y" * (size // 8))
        r = sc.parse_bounce(data)[0]
        self.assertLessEqual(len(r["diagnostic"]), 8192)


class TestCommandLine(unittest.TestCase):
    def test_file_mbox_maildir(self):
        p = run_cli("--bounce", os.path.join(BOUNCES, "postfix.eml"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.splitlines(), [
            "nobody@example.org\tfailed\t550\t5.1.1\tuser_unknown\tsuppress",
            "full@example.com\tdelayed\t452\t4.2.2\tmailbox_full\tretry"])
        with tempfile.TemporaryDirectory() as d:
            mbox = os.path.join(d, "mbox")
            with open(mbox, "wb") as f:
                for name in ("qmail.eml", "sendmail.eml"):
                    f.write(b"From MAILER-DAEMON Tue Dec  1 10:00:00 2026\n" + read(name) + b"\n")
            p = run_cli("--bounce", mbox, "--json")
            self.assertEqual(p.returncode, 0, p.stderr)
            rows = [json.loads(line) for line in p.stdout.splitlines()]
            self.assertEqual([r["recipient"] for r in rows],
                             ["nobody@example.org", "blocked@example.com", "nobody@example.org"])
            self.assertEqual(rows[2]["message"], mbox + ":2")
            md = os.path.join(d, "Maildir")
            for sub in ("cur", "new", "tmp"):
                os.makedirs(os.path.join(md, sub))
            with open(os.path.join(md, "new", "1"), "wb") as f:
                f.write(read("gmail.eml"))
            with open(os.path.join(md, "cur", "2"), "wb") as f:
                f.write(read("exim.eml"))
            p = run_cli("--bounce", md)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual([line.split("\t")[0] for line in p.stdout.splitlines()],
                             ["nobody@example.org", "ghost@example.org"])

    def test_errors(self):
        p = run_cli("--bounce", "/nonexistent/bounce")
        self.assertEqual(p.returncode, 2)
        self.assertIn("no such file", p.stderr)
        p = run_cli("--bounce", os.path.join(BOUNCES, "postfix.eml"), "550")
        self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    unittest.main()
