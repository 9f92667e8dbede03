"""A generator of realistic, invented mail logs (Postfix, Exim, Sendmail),
for tests/python/test_statuscodes_logs.py and benchmarks/bench_summary.py.

    python3 benchmarks/maillog.py postfix 40 > /tmp/mail.log   # about 40 MB

Hosts and addresses are invented (example.*, RFC 2606 and 5737 ranges).
Deterministic for a given seed. Standard library only.
"""
import random
import sys

DOMAINS = ["example.com", "example.net", "example.org", "mail.example.co.uk",
           "corp.example", "shop.example", "news.example", "uni.example.edu"]
MX = {d: "mx%d.%s" % (i % 3 + 1, d) for i, d in enumerate(DOMAINS)}
USERS = ["kim.lee", "j.ortiz", "anna", "mia", "ops", "info", "bob", "carol",
         "dave", "erin", "frank", "gina"]
# (dsn, status, reply) of Postfix smtp lines: what remote servers say.
POSTFIX_OUTCOMES = [
    ("2.0.0", "sent", "250 2.0.0 Ok: queued as {qid2}"),
    ("2.0.0", "sent", "250 2.0.0 OK {n} {qid2} - gsmtp"),
    ("2.0.0", "sent", "250 2.0.0 Ok: queued as {qid2}"),
    ("2.0.0", "sent", "250 2.0.0 Ok: queued as {qid2}"),
    ("5.1.1", "bounced", "host {mx}[{ip}] said: 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)"),
    ("5.1.1", "bounced", "host {mx}[{ip}] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. {qid2} - gsmtp (in reply to RCPT TO command)"),
    ("4.2.2", "deferred", "host {mx}[{ip}] said: 452 4.2.2 <{rcpt}>: Mailbox full, quota exceeded (in reply to RCPT TO command)"),
    ("4.7.1", "deferred", "host {mx}[{ip}] said: 450 4.7.1 <{rcpt}>: Recipient address rejected: Greylisted, please try again in 300 seconds (in reply to RCPT TO command)"),
    ("5.7.1", "bounced", "host {mx}[{ip}] said: 554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org (in reply to RCPT TO command)"),
    ("4.4.1", "deferred", "connect to {mx}[{ip}]:25: Connection timed out"),
    ("5.4.4", "bounced", "Host or domain name not found. Name service error for name={domain} type=MX: Host not found"),
    ("5.3.4", "bounced", "host {mx}[{ip}] said: 552 5.3.4 Message size exceeds fixed limit (in reply to end of DATA command)"),
]


class Gen:
    """`step`: the seconds between one message's time stamp and the next's."""

    def __init__(self, seed=1, step=1):
        self.r = random.Random(seed)
        self.n = 0
        self.step = step

    def qid(self):
        return "".join(self.r.choice("0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz")
                       for _ in range(12))

    def rcpt(self):
        d = self.r.choice(DOMAINS)
        return "%s%d@%s" % (self.r.choice(USERS), self.r.randrange(400), d), d

    def stamp(self):
        self.n += self.step
        s = self.n % 86400
        return "Dec %2d %02d:%02d:%02d" % (1 + self.n // 86400 % 28, s // 3600, s // 60 % 60, s % 60)

    def ip(self):
        return "192.0.2.%d" % self.r.randrange(1, 255)

    def postfix(self):
        """The lines of one message: pickup, cleanup, qmgr, a delivery per
        recipient, sometimes a bounce and a removal; now and then a reject."""
        t, q, out = self.stamp(), self.qid(), []
        if self.r.random() < 0.08:
            rcpt, d = self.rcpt()
            out.append("%s mail1 postfix/smtpd[%d]: NOQUEUE: reject: RCPT from unknown[203.0.113.%d]: "
                       "554 5.7.1 <%s>: Relay access denied; from=<spam@bad.example> to=<%s> "
                       "proto=ESMTP helo=<bad.example>" % (t, self.r.randrange(900, 999),
                                                           self.r.randrange(1, 255), rcpt, rcpt))
            return out
        out.append("%s mail1 postfix/pickup[812]: %s: uid=1000 from=<app>" % (t, q))
        out.append("%s mail1 postfix/cleanup[813]: %s: message-id=<%s@mail1.example>" % (t, q, q))
        out.append("%s mail1 postfix/qmgr[900]: %s: from=<news@example.com>, size=%d, nrcpt=1 (queue active)"
                   % (t, q, self.r.randrange(800, 90000)))
        for _ in range(self.r.choice((1, 1, 1, 2, 3))):
            rcpt, d = self.rcpt()
            dsn, status, reply = self.r.choice(POSTFIX_OUTCOMES)
            reply = reply.format(mx=MX[d], ip=self.ip(), rcpt=rcpt, qid2=self.qid(),
                                 n=self.r.randrange(10 ** 9), domain=d)
            relay = "none" if dsn == "5.4.4" else "%s[%s]:25" % (MX[d], self.ip())
            out.append("%s mail1 postfix/smtp[%d]: %s: to=<%s>, relay=%s, delay=%.1f, "
                       "delays=0.1/0/0.3/0.5, dsn=%s, status=%s (%s)"
                       % (t, self.r.randrange(2000, 3000), q, rcpt, relay,
                          self.r.random() * 5, dsn, status, reply))
            if status == "bounced":
                out.append("%s mail1 postfix/bounce[905]: %s: sender non-delivery notification: %s"
                           % (t, q, self.qid()))
        out.append("%s mail1 postfix/qmgr[900]: %s: removed" % (t, q))
        return out

    def exim(self):
        t = "2026-12-%02d %02d:%02d:%02d" % (1 + self.n // 86400 % 28, self.n // 3600 % 24,
                                             self.n // 60 % 60, self.n % 60)
        self.n += self.step
        mid = "1r%s-%06d-%s" % (self.qid()[:4], self.n % 10 ** 6, self.qid()[:2])
        rcpt, d = self.rcpt()
        k = self.r.randrange(5)
        if k == 0:
            return ["%s %s ** %s R=dnslookup T=remote_smtp H=%s [%s]: SMTP error from remote mail "
                    "server after RCPT TO:<%s>: 550 5.1.1 <%s>: Recipient address rejected: User unknown"
                    % (t, mid, rcpt, MX[d], self.ip(), rcpt, rcpt)]
        if k == 1:
            return ["%s %s == %s R=dnslookup T=remote_smtp defer (-44) H=%s [%s]: SMTP error from "
                    "remote mail server after RCPT TO:<%s>: 451 4.7.1 Greylisted, please try again later"
                    % (t, mid, rcpt, MX[d], self.ip(), rcpt)]
        return ["%s %s <= news@example.com H=app.example [198.51.100.3] P=esmtp S=2301" % (t, mid),
                "%s %s => %s R=dnslookup T=remote_smtp H=%s [%s] C=\"250 2.0.0 OK id=%s\""
                % (t, mid, rcpt, MX[d], self.ip(), self.qid()),
                "%s %s Completed" % (t, mid)]

    def sendmail(self):
        t, q = self.stamp(), self.qid()[:14]
        rcpt, d = self.rcpt()
        dsn, stat = self.r.choice([("2.0.0", "Sent (Ok: queued as %s)" % self.qid()),
                                   ("5.1.1", "User unknown"),
                                   ("4.0.0", "Deferred: 421 4.7.0 Try again later")])
        return ["%s relay2 sm-mta[%d]: %s: to=<%s>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, "
                "pri=120386, relay=%s. [%s], dsn=%s, stat=%s"
                % (t, self.r.randrange(4000, 5000), q, rcpt, MX[d], self.ip(), dsn, stat)]


def generate(kind="postfix", size=1 << 20, seed=1, step=1):
    """A log of about `size` bytes as str: kind postfix, exim, sendmail or
    mixed; its messages `step` seconds apart."""
    g, out, n = Gen(seed, step), [], 0
    kinds = ["postfix", "exim", "sendmail"] if kind == "mixed" else [kind]
    while n < size:
        for line in getattr(g, g.r.choice(kinds))():
            out.append(line)
            n += len(line) + 1
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "postfix"
    mb = float(sys.argv[2]) if len(sys.argv) > 2 else 1
    sys.stdout.write(generate(kind, int(mb * (1 << 20))))
