"""parse()'s verdicts on the kinds of reply that real traffic brings and that
once went wrong. Replies written here, in the forms servers and
MTAs use; each kind is checked on several wordings, not one row.
"""
import unittest

import statuscodes as sc


def reason(text):
    return sc.parse(text)["reason"]


class WordsInNames(unittest.TestCase):
    """Words inside addresses, host names and URLs do not vote."""

    def test_addresses(self):
        self.assertEqual(reason("550 5.1.1 <malware.team@example.net>: "
                                "Recipient address rejected: User unknown"),
                         "user_unknown")
        self.assertEqual(reason("550 <spam-reports@example.org>: mailbox "
                                "unknown"), "user_unknown")
        # a bare address, no brackets
        self.assertEqual(reason("552 5.2.2 quota-full.virus@example.com "
                                "Mailbox full"), "mailbox_full")
        # Postfix's reject log line: the envelope sender's domain
        line = ("NOQUEUE: reject: RCPT from gw.example.net[198.51.100.7]: "
                "554 5.7.1 <ops@example.com>: Relay access denied; "
                "from=<promo@spammers-united.example> to=<ops@example.com> "
                "proto=ESMTP helo=<gw.example.net>")
        self.assertEqual(reason(line), "relay_denied")

    def test_addresses_alone_say_nothing(self):
        v = sc.parse("550 <virus@example.org>")
        self.assertEqual(v["reason"], "unknown")
        self.assertIsNone(v["phrase"])

    def test_host_names_and_urls(self):
        self.assertEqual(reason("554 rejected by mx2.antivirus-gw.example.com"),
                         "policy_rejected")
        self.assertEqual(reason("550 5.1.1 No such user here, see "
                                "https://help.example.com/spam-policy"),
                         "user_unknown")
        self.assertEqual(reason("450 4.7.1 see www.greylisting.example/faq"
                                " for details"), "policy_rejected")
        self.assertEqual(reason("550 see http://example.com/quota-full.html"),
                         "unknown")

    def test_block_lists_still_named_in_host_names(self):
        self.assertEqual(reason("550 5.7.1 Client host [192.0.2.9] listed "
                                "by b.barracudacentral.org"), "blocked")
        self.assertEqual(reason("550 5.7.1 rejected, see "
                                "https://www.spamhaus.org/query/ip/192.0.2.9"),
                         "blocked")

    def test_text_is_unchanged(self):
        text = "550 5.1.1 <virus.lab@example.org>: User unknown"
        self.assertEqual(sc.parse(text)["text"],
                         "<virus.lab@example.org>: User unknown")


class CodeAgainstText(unittest.TestCase):
    """A generic code yields to text that names a cause; a specific code
    beats bare failure words."""

    def test_syntax_codes_yield_to_text(self):
        self.assertEqual(reason("501 5.7.1 We are not configured to relay "
                                "for that domain"), "relay_denied")
        self.assertEqual(reason("500 The other side does not support TLS"),
                         "tls_required")
        self.assertEqual(reason("501 Access denied: your address is an open "
                                "relay"), "blocked")
        self.assertEqual(reason("500 5.5.1 Command unrecognized"),
                         "syntax_error")
        self.assertEqual(reason("501 Bad address syntax"), "syntax_error")

    def test_552_yields_to_text(self):
        self.assertEqual(reason("552 5.6.0 Header too large"),
                         "content_rejected")
        self.assertEqual(reason("552 Too many headers in this message"),
                         "content_rejected")
        self.assertEqual(reason("552 Requested mail action aborted: "
                                "exceeded storage allocation"), "mailbox_full")

    def test_disabled_account_code(self):
        # 5.7.13 is also sent for a disabled recipient: the text decides
        self.assertEqual(reason("525 5.7.13 <ex@example.org>: Disabled "
                                "recipient address"), "mailbox_disabled")
        self.assertEqual(reason("525 5.7.13 User account disabled"),
                         "mailbox_disabled")
        self.assertEqual(reason("535 5.7.13 Rejected"), "smtp_auth_failed")

    def test_rate_text_beats_recipient_code(self):
        self.assertEqual(reason("550 5.1.1 <a@example.com> 192.0.2.4 went "
                                "over its limit of recipients per hour"),
                         "rate_limited")

    def test_bare_failure_words_yield_to_codes(self):
        self.assertEqual(reason("550 5.6.0 Rejected: media error"),
                         "content_rejected")
        self.assertEqual(reason("451 4.3.0 Request refused: system error"),
                         "system_error")
        self.assertEqual(reason("550 5.1.0 Address refused"), "user_unknown")
        self.assertEqual(reason("550 Denied"), "policy_rejected")

    def test_contained_phrase_loses(self):
        # "blacklisted url" contains "blacklist": the longer says more
        self.assertEqual(reason("550 Blacklisted URL found in the body"),
                         "spam_detected")
        self.assertEqual(reason("554 5.7.1 Duplicate header 'DKIM-Signature'"),
                         "content_rejected")
        self.assertEqual(reason("554 5.7.1 Sender address rejected: "
                                "Domain not found"), "sender_rejected")

    def test_rfc_wording_of_a_code_says_no_more_than_it(self):
        self.assertEqual(reason("521 5.3.2 System not accepting network "
                                "messages"), "no_mail_accepted")
        self.assertEqual(reason("554-Service not available 554 Bad DNS PTR "
                                "resource record"), "ptr_required")


class Forms(unittest.TestCase):
    def test_postfix_status_line(self):
        v = sc.parse("Jan  2 03:04:05 mx postfix/smtp[811]: 7QzB2: "
                     "to=<ana@no-such.example>, relay=none, delay=0.3, "
                     "delays=0.1/0/0.2/0, dsn=5.4.4, status=bounced (Host or "
                     "domain name not found. Name service error for "
                     "name=no-such.example type=A: Host not found)")
        self.assertEqual(v["enhanced"], "5.4.4")
        self.assertEqual(v["class"], "5xx")
        self.assertEqual(v["reason"], "domain_not_found")
        self.assertEqual(v["action"], "suppress")
        self.assertTrue(v["text"].startswith("Host or domain name not found"))
        v = sc.parse("postfix/smtp[9]: 1AbC: to=<b@example.net>, "
                     "relay=mx.example.net[203.0.113.5]:25, dsn=4.4.1, "
                     "status=deferred (connect to mx.example.net"
                     "[203.0.113.5]:25: Connection timed out)")
        self.assertEqual(v["enhanced"], "4.4.1")
        self.assertEqual(v["reason"], "service_unavailable")
        self.assertEqual(v["action"], "retry")
        v = sc.parse("postfix/smtp[9]: 1AbC: to=<b@example.net>, dsn=2.0.0, "
                     "status=sent (250 2.0.0 Ok: queued as 4XyZ)")
        self.assertEqual(v["reason"], "delivered")

    def test_postfix_said_with_double_paren(self):
        v = sc.parse("postfix/smtp[9]: 1AbC: to=<b@example.net>, dsn=5.1.1, "
                     "status=bounced (host mx.example.net[203.0.113.5] said: "
                     "550 5.1.1 <b@example.net>: Recipient address rejected: "
                     "User unknown (in reply to RCPT TO command))")
        self.assertEqual(v["code"], 550)
        self.assertEqual(v["text"], "<b@example.net>: Recipient address "
                                    "rejected: User unknown")

    def test_postfix_daemons_without_reply(self):
        for line in ("postfix/qmgr[312]: 9KfP1: from=<spam-desk@example.org>, "
                     "size=2048, nrcpt=2 (queue active)",
                     "postfix/cleanup[77]: 9KfP1: message-id="
                     "<quota-full.123@example.org>",
                     "postfix/pickup[5]: 9KfP1: uid=1000 from=<virus-lab>",
                     "postfix-out/qmgr[8]: 9KfP1: removed"):
            v = sc.parse(line)
            self.assertTrue(v["no_reply"], line)
            self.assertIsNone(v["action"], line)
            self.assertEqual(v["reason"], "unknown", line)
        log = ("postfix/qmgr[3]: 1A: from=<a@example.org>, size=9, nrcpt=1 "
               "(queue active)\n"
               "postfix/smtp[4]: 1A: to=<b@example.net>, dsn=5.1.1, "
               "status=bounced (host mx[192.0.2.1] said: 550 5.1.1 No such "
               "user (in reply to RCPT TO command))\n")
        got = [v["reason"] for v in sc.parse_log(log)]
        self.assertEqual(got, ["user_unknown"])

    def test_qmail_paren_code(self):
        v = sc.parse("511 sorry, no such mailbox (#5.1.1 - chkuser)")
        self.assertEqual(v["enhanced"], "5.1.1")
        self.assertEqual(v["reason"], "user_unknown")
        self.assertEqual(reason("553 sorry, that address is not here "
                                "(chkusr)"), "user_unknown")

    def test_colon_and_comma_after_code(self):
        v = sc.parse("552: 5.2.2 <x@example.co.jp>... Over quota")
        self.assertEqual((v["code"], v["enhanced"], v["reason"]),
                         (552, "5.2.2", "mailbox_full"))
        v = sc.parse("ERROR_CODE :550, ERROR_CODE :5.1.1 <y@example.in>... "
                     "No such user")
        self.assertEqual((v["code"], v["enhanced"], v["reason"]),
                         (550, "5.1.1", "user_unknown"))

    def test_transcripts(self):
        v = sc.parse("354 Enter message, ending with \".\" 452 4.3.1 "
                     "Insufficient system storage")
        self.assertEqual((v["code"], v["enhanced"], v["reason"]),
                         (452, "4.3.1", "system_error"))
        v = sc.parse("421 try later 550 no such user here 503 RCPT first "
                     "550 no such user here")
        self.assertEqual((v["code"], v["reason"], v["permanent"]),
                         (550, "user_unknown", True))
        v = sc.parse("550 5.2.1 Mailbox disabled\n503 5.5.1 Need RCPT "
                     "(recipient)\n")
        self.assertEqual((v["code"], v["reason"]), (550, "mailbox_disabled"))
        # one reply's lines, joined: not a transcript
        v = sc.parse("550-5.7.1 The sender's IP has a poor reputation, the "
                     "550-5.7.1 message was blocked. See 550 5.7.1 "
                     "https://help.example.com/bounce")
        self.assertEqual(v["reason"], "blocked")
        # a number is not a reply
        self.assertEqual(reason("552 Message of 500 kilobytes exceeds the "
                                "maximum size"), "message_too_large")
        # an inner error quoted after ": "
        v = sc.parse("530 5.7.57 Not logged in. Error: 535 5.7.3 "
                     "Authentication unsuccessful")
        self.assertEqual(v["code"], 530)

    def test_exchange_hash(self):
        v = sc.parse("#552 5.2.3 RESOLVER.RST.SendSizeLimit.Org; message "
                     "too big for the organization ##")
        self.assertEqual((v["code"], v["enhanced"], v["reason"]),
                         (552, "5.2.3", "message_too_large"))

    def test_ipv6_without_brackets(self):
        v = sc.parse("host 2001:db8:4::250 said: 550 5.1.1 No such user")
        self.assertEqual((v["code"], v["reason"]), (550, "user_unknown"))
        v = sc.parse("host fe80::1:421 said: 451 Temporary local problem")
        self.assertEqual(v["code"], 451)


class Wording(unittest.TestCase):
    def test_families(self):
        cases = {
            "550 5.7.1 Message rejected as UBE": "spam_detected",
            "554 5.7.1 UCE not welcome here": "spam_detected",
            "550 Host unknown": "domain_not_found",
            "550 5.1.2 Unknown host example.invalid": "domain_not_found",
            "554 The domain is unreachable": "domain_not_found",
            "550 Mailbox is frozen": "mailbox_disabled",
            "550 5.2.1 Account frozen by the administrator":
                "mailbox_disabled",
            "550 Account is locked, contact the owner": "mailbox_disabled",
            "550 5.5.0 Le compte du destinataire est bloqué":
                "mailbox_disabled",
            "550 5.5.0 The recipient account is blocked": "mailbox_disabled",
            "554 Can't create output": "system_error",
            "550 5.0.0 Insufficient permission": "system_error",
            "554 Operating system error": "system_error",
            "550 User unknown": "user_unknown",
            "554 Remote protocol error": "syntax_error",
            "554 5.7.1 Rejected: URIBL listed link in message":
                "spam_detected",
            "550 Message contains a link listed on SURBL": "spam_detected",
            "550 no relaying allowed": "relay_denied",
            "550 Unrouteable sender address": "sender_rejected",
            "450 4.7.1 Client rejected: host name lookup failed":
                "ptr_required",
            "550 HELO name mismatches client IP": "ptr_required",
            "451 4.3.0 Upstream error, try again": "system_error",
            "550 5.7.1 Please send through the SMTP server of your ISP":
                "blocked",
        }
        for text, want in cases.items():
            self.assertEqual(reason(text), want, text)


class RetryAfter(unittest.TestCase):
    def test_hints(self):
        cases = {
            "450 4.2.0 Greylisted, try again in 300 seconds": 300,
            "421 4.7.0 please retry after 10 minutes": 600,
            "451 4.7.1 Greylisted for 5 minutes": 300,
            "451 Try again in 5 min": 300,
            "421 retry in 1 hour": 3600,
            "451 4.7.1 Please wait at least 90 secs": 90,
            "451 Deferred: TRY AGAIN IN 2 HRS": 7200,
            "451 Try again later": None,
            "451 try again in 30 secure": None,
            "451 try again in 8 days": None,
            "451 retry in 999999 hours": None,
            "451 try again in 1234567890123 seconds": None,
            "550 5.1.1 User unknown": None,
        }
        for text, want in cases.items():
            self.assertEqual(sc.parse(text)["retry_after"], want, text)

    def test_cap(self):
        self.assertEqual(sc.parse("451 try again in 604800 s")["retry_after"],
                         604800)
        self.assertIsNone(sc.parse("451 try again in 604801 s")["retry_after"])

    def test_same_reply_other_wait(self):
        # two replies alike but for the wait get their own
        self.assertEqual(sc.parse("451 retry in 2 min")["retry_after"], 120)
        self.assertEqual(sc.parse("451 retry in 3 min")["retry_after"], 180)


if __name__ == "__main__":
    unittest.main()
