"""parse() over real replies: the SMTP Field Manual corpus (147 replies from
mailbox providers, tests/corpora/smtp-field-manual, MIT licence).

The code and enhanced code must be what the text says. The expectation comes
from an independent reading written here with regular expressions: the reply
code is the first three-digit code at the start of the text, after a DSN
`smtp;` wrapper, or after ": " in an MTA log line; the enhanced code is the
one right after it. Every reply must get a reason other than `unknown`
unless its text truly says nothing (listed below, with why).
"""
import collections
import glob
import json
import os
import re
import unittest

import statuscodes as sc

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "corpora", "smtp-field-manual", "codes")

CODE_RE = re.compile(r"(?:^|smtp;|SMTP;|: )\s*([2-5][0-9][0-9])(?=[ -]|$)")
ENH_RE = re.compile(r"[ -]+([245]\.(?:0|[1-9][0-9]{0,2})\.(?:0|[1-9][0-9]{0,2}))"
                    r"(?![0-9A-Za-z]|\.[0-9])")

# Replies whose text names no cause a reader could act on.
SAYS_NOTHING = {
    "550 5.2.0 <example@comcast.net> - Recipient unavailable",
    "554 delivery error: dd Requested mail action aborted - example.yahoo.com",
    # DNS of whom? The sender's domain, the recipient's, or the relay's.
    "550 <example@example.com>: Invalid DNS MX or A/AAAA resource record",
}


def load():
    replies = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "*.json"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for provider in data["providers"]:
            for r in provider["responses"]:
                replies.append((data["reply"], provider["id"], r["status"],
                                r["response"]))
    return replies


BARE_ENH_RE = re.compile(r"^(?:smtp;|SMTP;)?\s*([245]\.[0-9]{1,3}\.[0-9]{1,3})\s")


def expected(text):
    """(code, enhanced) as the text gives them; None where it gives none."""
    m = CODE_RE.search(text)
    if m is None:
        bare = BARE_ENH_RE.match(text)
        return None, bare.group(1) if bare else None
    e = ENH_RE.match(text, m.end(1))
    return int(m.group(1)), e.group(1) if e else None


class FieldManualCorpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.replies = load()
        cls.verdicts = [sc.parse(r[3]) for r in cls.replies]

    def test_corpus_is_complete(self):
        self.assertEqual(len(self.replies), 147)

    def test_code_and_enhanced_are_what_the_text_says(self):
        for (reply, provider, status, text), v in zip(self.replies,
                                                      self.verdicts):
            with self.subTest(text=text):
                code, enh = expected(text)
                self.assertEqual(v["code"], code)
                self.assertEqual(v["enhanced"], enh)
                if enh is not None and not re.search(r"-\d+$", status) \
                        and re.fullmatch(r"[245]\.\d+\.\d+", status):
                    self.assertEqual(enh, status)

    def test_bulk_paths_agree(self):
        many = sc.parse_many(r[3] for r in self.replies)
        self.assertEqual(many, self.verdicts)
        log = sc.parse_log("\n".join(r[3] for r in self.replies))
        self.assertEqual([v["code"] for v in log],
                         [v["code"] for v in self.verdicts])
        self.assertEqual([v["reason"] for v in log],
                         [v["reason"] for v in self.verdicts])

    def test_every_reply_gets_a_reason(self):
        for (_, _, _, text), v in zip(self.replies, self.verdicts):
            with self.subTest(text=text):
                if text.split(";", 1)[-1] in SAYS_NOTHING:
                    self.assertEqual(v["reason"], "unknown")
                else:
                    self.assertNotEqual(v["reason"], "unknown", v["why"])
                self.assertTrue(v["why"])

    def test_verdict_is_consistent_with_class(self):
        for (_, _, _, text), v in zip(self.replies, self.verdicts):
            with self.subTest(text=text):
                cls = v["class"]
                self.assertEqual(v["permanent"],
                                 None if cls is None else cls == "5xx")
                self.assertEqual(v["retryable"], v["action"] == "retry")
                if cls == "4xx":
                    self.assertEqual(v["action"], "retry")

    def test_well_known_replies(self):
        by_text = {r[3]: v for r, v in zip(self.replies, self.verdicts)}

        def verdict(start):
            hits = [v for t, v in by_text.items() if start in t]
            self.assertEqual(len(hits), 1, start)
            return hits[0]

        v = verdict("550 5.1.1 The email account that you tried to reach does not exist")
        self.assertEqual((v["reason"], v["action"]), ("user_unknown", "suppress"))
        v = verdict("domain present in the Spamhaus DBL")
        self.assertEqual((v["reason"], v["action"]), ("blocked", "review"))
        v = verdict("due to domain's DMARC policy")
        self.assertEqual((v["reason"], v["action"]), ("email_auth_failed", "fix"))
        v = verdict("552 5.2.2 The email account that you tried to reach is over quota")
        self.assertEqual(v["reason"], "mailbox_full")
        v = verdict("550 5.2.1 The user you are trying to contact is receiving mail at a rate")
        self.assertEqual(v["reason"], "rate_limited")   # the text wins over 5.2.1
        v = verdict("Relay access denied")
        self.assertEqual(v["reason"], "relay_denied")

    def test_reason_distribution_is_reported(self):
        dist = collections.Counter(v["reason"] for v in self.verdicts)
        # Printed for the record; the assertions above are the test.
        print("\nreason distribution over %d replies: %s"
              % (len(self.verdicts), dict(dist.most_common())))
        self.assertLessEqual(dist["unknown"], len(SAYS_NOTHING))


if __name__ == "__main__":
    unittest.main()
