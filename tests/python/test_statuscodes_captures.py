"""parse() over what real tools print: the captures in tests/corpora/protocols.

Each capture is the exact output of a real client (curl, dig, nslookup, host,
Python's urllib, requests, httpx, websockets and grpcio, sipp) talking to a
real server on 127.0.0.1; tests/corpora/protocols/README.md says how each was
made. expected.tsv holds what the text says and the verdict it calls for:

    file  protocol  code  reason  retryable  retry_after

protocol: the one parse must detect (no protocol argument); blank where the
text names none (a bare "Connection refused"), and then it is not checked.
code: the number the text carries; "none" where it carries none (parse must
say None); blank where the number is only implied (not checked).
reason: checked where given. retryable: "true" or "false"; blank: not
checked. retry_after: seconds; blank means parse must say None.

No tool is needed here: test_statuscodes_tools.py runs the same tools live and
checks their output against the same expectations.
"""
import csv
import os
import unittest

import statuscodes as sc

HERE = os.path.dirname(os.path.abspath(__file__))
CAPTURES = os.path.normpath(os.path.join(HERE, "..", "corpora", "protocols"))
EXPECTED = os.path.join(CAPTURES, "expected.tsv")
COLUMNS = ("file", "protocol", "code", "reason", "retryable", "retry_after")

PROTOCOLS = {"http", "grpc", "dns", "websocket", "sip", "ftp", "smtp"}
REASONS = {
    "delivered", "user_unknown", "mailbox_disabled", "mailbox_full",
    "message_too_large", "domain_not_found", "rate_limited", "greylisted",
    "syntax_error", "service_unavailable", "system_error", "policy_rejected",
    "unknown", "not_found", "forbidden", "auth_required", "auth_failed",
    "timeout", "unreachable", "conflict", "redirected", "tls_failed", "busy",
    "declined", "quota_exceeded", "cancelled", "dnssec_failed",
}


def load_expected():
    """{capture name without .txt: row dict}, in file order."""
    rows = {}
    with open(EXPECTED, encoding="utf-8", newline="") as f:
        for n, rec in enumerate(csv.reader(f, delimiter="\t"), 1):
            if not rec or rec[0].startswith("#"):
                continue
            if len(rec) != len(COLUMNS):
                raise ValueError("expected.tsv line %d: %d columns, want %d"
                                 % (n, len(rec), len(COLUMNS)))
            row = dict(zip(COLUMNS, (v.strip() for v in rec)))
            if row["file"] == "file":
                continue                      # the header line
            name = row["file"][:-4] if row["file"].endswith(".txt") else row["file"]
            if name in rows:
                raise ValueError("expected.tsv line %d: %s twice" % (n, name))
            rows[name] = row
    return rows


def read_capture(name):
    with open(os.path.join(CAPTURES, name + ".txt"), "rb") as f:
        return f.read().decode("utf-8")


def check_verdict(tc, name, text, row):
    """Assert parse(text)'s verdict against one expected.tsv row."""
    v = sc.parse(text)
    where = "%s: parse(%r)\n  -> %r" % (name, text[:300], {
        k: v.get(k) for k in ("protocol", "code", "mnemonic", "ede", "reason",
                              "action", "retryable", "permanent",
                              "retry_after", "retry_at", "why")})
    if row["protocol"]:
        tc.assertEqual(v["protocol"], row["protocol"], where)
    if row["code"] == "none":
        tc.assertIsNone(v["code"], where)
    elif row["code"]:
        tc.assertEqual(v["code"], int(row["code"]), where)
    if row["reason"]:
        tc.assertEqual(v["reason"], row["reason"], where)
    if row["retryable"]:
        tc.assertIs(v["retryable"], row["retryable"] == "true", where)
        # What "retryable" means for the action: a retryable failure is
        # retried, one that is not is never retried (a success: "none").
        if row["retryable"] == "true":
            tc.assertEqual(v["action"], "retry", where)
        else:
            tc.assertNotEqual(v["action"], "retry", where)
    if row["retry_after"]:
        tc.assertEqual(v["retry_after"], int(row["retry_after"]), where)
    else:
        tc.assertIsNone(v["retry_after"], where)
    # A tool's failure message is something to act on, never "no reply".
    tc.assertIsNotNone(v["action"], where)
    tc.assertFalse(v["no_reply"], where)
    return v


class CapturesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rows = load_expected()

    def test_index_is_well_formed(self):
        for name, row in self.rows.items():
            with self.subTest(name=name):
                self.assertTrue(row["file"].endswith(".txt"), row)
                self.assertIn(row["protocol"], PROTOCOLS | {""}, row)
                self.assertRegex(row["code"], r"^(|none|[0-9]{1,3}|10[0-9]{2})$")
                self.assertIn(row["reason"], REASONS | {""}, row)
                self.assertIn(row["retryable"], ("true", "false", ""), row)
                self.assertRegex(row["retry_after"], r"^[0-9]*$")

    def test_every_capture_is_indexed(self):
        on_disk = {f[:-4] for f in os.listdir(CAPTURES) if f.endswith(".txt")}
        self.assertEqual(on_disk, set(self.rows))

    def test_captures_hold_their_code(self):
        # The capture really says what the index claims: the number is in
        # the text (the check of the index itself, not of parse).
        for name, row in self.rows.items():
            if row["code"] in ("", "none"):
                continue
            with self.subTest(name=name):
                self.assertIn(row["code"], read_capture(name))

    def test_verdicts(self):
        for name, row in self.rows.items():
            with self.subTest(name=name):
                check_verdict(self, name, read_capture(name), row)


if __name__ == "__main__":
    unittest.main()
