#!/usr/bin/env python3
"""Write the seed corpus of every fuzz target (standard library only).

    python3 tests/fuzz/seeds.py OUTDIR

makes OUTDIR/<target>/ for each target of tests/fuzz/ (code, describe,
compare, lookup, parse, parse_next, bounce, logline), one file per input, named by the SHA-1
of its content as libFuzzer names its own finds. The inputs come from the
sources only, never from a build: the real replies of the SMTP Field Manual
corpus (tests/corpora/smtp-field-manual), the example reply of every reason
(core/data/reasons.txt), every code and every symbol of every protocol of
the knowledge base, the outputs of tools in tests/corpora/protocols
(core/data/protocols.txt and the data files its kinds
name: numbers, enhanced codes, DNS's "EDE 18" in its spellings, the bounds
of range entries), pairs of codes of two protocols (the equivalents of
core/data/equivalents.txt, numbers two protocols share), the names of the
codes as search words, and the forms and edge cases
the test suites use (multi-line, DSN, Postfix and Exim log lines, class
conflicts, IP addresses, NUL bytes, non-ASCII digits, symbols spelt every
way). Each target's input layout is the one its LLVMFuzzerTestOneInput reads
(see tests/fuzz/fuzz_*.c).
"""
import glob
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))

# Replies in the forms the README says parse reads, and edge cases from the
# test suites.
REPLIES = [
    "250 2.0.0 Ok: queued as 4Tq9Lm2FkPz3",
    "250 ok",
    "354 End data with <CR><LF>.<CR><LF>",
    "421 4.7.0 Try again later",
    "452 4.5.3 Too many recipients",
    "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown",
    "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
    "550 5.1.1 Please try double-checking the recipient's address.",
    "550-5.7.1 first line\n550-5.7.1 second line\n550 5.7.1 last line\n",
    "smtp; 550 5.1.1 <bob@example.com>... User unknown",
    "X-Postfix; host mx.example.com said: 550 5.1.1 <bob@example.com>: "
    "Recipient address rejected (in reply to RCPT TO command)",
    "host mx.example.com[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply "
    "to end of DATA command)",
    "SMTP error from remote mail server after RCPT TO:<bob@example.com>: "
    "550 5.7.1 blocked using zen.spamhaus.org",
    "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
    "zen.spamhaus.org",
    "550 4.2.2 class conflict",
    "450 5.1.1 class conflict the other way",
    "5.1.1 a bare enhanced code",
    "the server said something without a code",
    "Server 10.0.0.1 version 2.4.1 said 550 maybe",
    "554 spam detected",
    "550 5.7.1 Message rejected: try again later",
    "451 4.7.1 Greylisted, please try again in 300 seconds",
    "550 5.1.1 a\x00b",
    "550 5.1.1 caf\xe9 \u2013 Benutzer unbekannt",
    "\uff15\uff15\uff10 full-width digits",
    "550 5.1.1.2 not an enhanced code",
    "550 5.999.999 largest parts",
    "550 5.1000.1 too many digits",
    "550-",
    "550 ",
    "5.",
    "  \r\n  550 5.1.1 leading blank lines",
    "550-5.1.1 a\r\n450 4.1.1 b\r\n550 5.1.1 c",
]

# Mail log lines of the forms sc_logline_read() reads (tests/fuzz/fuzz_logline.c).
LOG_LINES = [
    "Dec  1 12:00:01 mail1 postfix/smtp[2211]: 4Tq9Lm2FkPz3: to=<kim.lee@example.org>, relay=mx1.example.org[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx1.example.org[192.0.2.10] said: 550 5.1.1 <kim.lee@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
    "Dec  1 12:00:02 mail1 postfix/smtp[2212]: 4Tq9Lm2FkPz4: to=<ops@nowhere.example>, relay=none, delay=0.5, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=nowhere.example type=MX: Host not found)",
    "2026-12-01T12:00:03.123456+00:00 mail1 postfix/smtp[2213]: 4Tq9Lm2FkPz5: to=<a@mail.example.co.uk>, relay=mx.mail.example.co.uk[198.51.100.7]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9AB12)",
    "Dec  1 12:00:04 mail1 postfix/smtpd[3001]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 554 5.7.1 <x@elsewhere.example>: Relay access denied; from=<spam@bad.example> to=<x@elsewhere.example> proto=ESMTP helo=<bad.example>",
    "Dec  1 12:00:04 mail1 postfix/cleanup[3002]: 4Tq9LmX: reject: header Subject: win big from unknown[203.0.113.9]; from=<s@bad.example> to=<y@example.com> proto=ESMTP helo=<bad.example>: 5.7.1 Spam not wanted",
    "Dec  1 12:00:05 mail1 postfix/qmgr[900]: 4Tq9Lm2FkPz3: from=<news@example.com>, size=2301, nrcpt=1 (queue active)",
    "Dec  1 12:00:06 mail1 postfix/qmgr[900]: 4Tq9Lm2FkPz6: from=<news@example.com>, status=expired, returned to sender",
    "Dec  1 12:00:07 mail1 postfix/smtp[2214]: 4Tq9Lm2FkPz7: to=<b@example.net>, relay=mx.example.net[192.0.2.20]:25, dsn=4.2.2, status=deferred (host mx.example.net[192.0.2.20] said: 452 4.2.2 Mailbox full (in reply to end of DATA command))",
    "2026-12-01 12:00:08 1rABCd-000123-Ab ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 User unknown",
    "2026-12-01 12:00:09.123 +0100 [1234] 1rABCe-000124-Ac == carol@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.20]: SMTP error from remote mail server after RCPT TO:<carol@example.net>: 451 4.7.1 Greylisted",
    "2026-12-01 12:00:10 1rABCf-000125-AdefghijklMN-Abcd => dave@example.org R=dnslookup T=remote_smtp H=mx1.example.org [192.0.2.10] C=\"250 2.0.0 OK id\"",
    "2026-12-01 12:00:11 1rABCg-000126-Ae <= sender@example.com H=client.example.com [198.51.100.3] P=esmtps S=2311",
    "2026-12-01 12:00:12 1rABCh-000127-Af ** nobody@nowhere.example: Unrouteable address",
    "2026-12-01 12:00:12 H=(helo.example) [203.0.113.8] F=<s@bad.example> rejected RCPT <ivy@example.com>: 550 5.7.1 blocked",
    "Dec  1 12:00:13 relay2 sm-mta[4412]: 4B1C0a1b012345: to=<erin@example.com>, delay=00:00:02, mailer=esmtp, relay=mx.example.com. [192.0.2.1], dsn=5.1.1, stat=User unknown",
    "Dec  1 12:00:14 relay2 sendmail[4413]: 4B1C0a1b012346: to=frank@example.net,g@example.net, relay=[192.0.2.20] [192.0.2.20], dsn=4.0.0, stat=Deferred: 421 4.7.0 Try again later",
    "Dec  1 12:00:16 relay2 sm-mta[4415]: 4B1C0a1b012348: ruleset=check_rcpt, arg1=<h@elsewhere.example>, relay=client.example [203.0.113.5], reject=550 5.7.1 <h@elsewhere.example>... Relaying denied",
    "550 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org",
    "Dec  1 12:00:17 mail1 kernel: [ 1.0] hello",
    # time stamps the summary's cells read, and dates that do not exist
    "Feb 29 23:59:59 mail1 postfix/smtp[1]: Q1: to=<a@x.example>, dsn=5.1.1, status=bounced (550 5.1.1 User unknown)",
    "2027-02-29T10:00:00Z mail1 postfix/smtp[1]: Q1: to=<a@x.example>, dsn=5.1.1, status=bounced (550 5.1.1 User unknown)",
    "Dec 32 25:00:00 mail1 postfix/smtp[1]: Q1: to=<a@x.example>, dsn=5.1.1, status=bounced (550 5.1.1 User unknown)",
    "0000-00-00T00:00:00 mail1 postfix/smtp[1]: Q1: to=<a@x.example>, dsn=5.1.1, status=bounced (550 5.1.1 User unknown)",
]

# Edge cases of code texts, by protocol name (a protocol not named here
# still gets every code and symbol its data files list).
CODES = {
    "smtp": [
        "535", "250", "299", "599", "200", "5.7.8", "5.1.1", "4.7.0", "2.0.0",
        "5.999.999", "5.0.0", "abc", "99", "600", "5.x.1", "05.1.1", "5.01.1",
        "5.1.1000", "5.1", "5..1", ".5.1", "5.1.1.", "\uff15\uff13\uff15",
        " 535", "535 ", "5\x0035", "", "-1", "1e3", "3.1.1", "100", "199",
        "NOT_FOUND",
    ],
    "http": [
        "404", "100", "199", "299", "599", "99", "600", "1000", "0404", "4.0.4",
        "NOT_FOUND", "not_found", "Not Found", "not-found", "NotFound",
        "HTTPStatus.NOT_FOUND", "http.HTTPStatus.NOT_FOUND", "HTTPStatus.",
        "NOT_FOUNDX", "NOT_FOUN", "N\x00OT_FOUND", "NOT_FOUND\x00",
        "N_O_T_F_O_U_N_D", "__NOT__FOUND__", "TOO_MANY_REQUESTS",
        "REQUEST_ENTITY_TOO_LARGE", "IM_A_TEAPOT", "x" * 64 + "NOT_FOUND",
        "A" * 64, "A" * 65, "." * 10, "4\x0004", " 404", "404 ",
        "N\u00d6T_FOUND",
    ],
    "ftp": [
        "530", "550", "150", "631", "632", "633", "600", "699", "700", "99",
        "100", "0530", "5.3.0",
    ],
    "dns": [
        # RCODEs, their mnemonics in several spellings, unassigned ranges.
        "0", "3", "16", "18", "23", "24", "30", "3840", "3841", "4096",
        "65534", "65535", "65536", "03", "-1", "NXDOMAIN", "NXDomain",
        "nxdomain", "NX_DOMAIN", "BADSIG", "BADVERS", "badsig", "SERVFAIL",
        "ServFail", "NOERROR", "REFUSED", "dns.rcode.NXDOMAIN",
        "NXDOMAINX", "NXDOMAI",
        # Extended DNS Errors: every spelling sc_code_parse reads, edges.
        "EDE 18", "EDE: 18", "ede18", "EDE-18", "EDE_18", "Ede 18",
        "EDE:18", "EDE  18", "EDE :- 18", "EDE 0", "EDE 30", "EDE 31",
        "EDE 49151", "EDE 49152", "EDE 65535", "EDE 65536", "EDE x",
        "EDE", "EDE ", "EDE:", "EDE 018", "EDE -1", "EDE 18x", " EDE 18",
        "EDE 18 ", "ED 18", "EDEN 18", "EDE\x0018", "EDE 1\x008",
        "EDE 99999999999",
    ],
    "grpc": [
        "0", "14", "16", "17", "-1", "01", "00", "1.0", "UNAVAILABLE",
        "Unavailable", "unavailable", "StatusCode.UNAVAILABLE",
        "grpc.StatusCode.UNAVAILABLE", "CANCELED", "CANCELLED", "Cancelled",
        "StatusCode.CANCELED", "DeadlineExceeded", "deadline exceeded",
        "DEADLINE-EXCEEDED", "Code.NOT_FOUND", "NOT_FOUND", "OK", "ok",
        "StatusCode.", "UNAVAILABLEX", "SERVICE_UNAVAILABLE",
    ],
    "websocket": [
        "1000", "1006", "1015", "1016", "2999", "3000", "3001", "3003",
        "3008", "3999", "4000", "4001", "4999", "999", "5000", "01000",
    ],
    "sip": [
        "486", "603", "429", "404", "421", "100", "180", "600", "699", "700",
        "99", "0486",
    ],
}

# Search words: the phrases users type, and edge cases of word splitting.
SEARCHES = [
    "too many requests", "TOO MANY REQUESTS", "not found", "  not\tfound\r\n",
    "authentication", "mailbox full", "unavailable", "temporarily", "gone",
    "", " ", "\t\r\n", "a", "e", "the", "x" * 100, "found\x00", "fou\x00nd",
    "caf\u00e9", "\u00c9t\u00e9", "nginx", "cloudflare", "421", "5.7.8",
    "404", "18", "EDE 18", "ede18", "NXDOMAIN", "BADSIG", "UNAVAILABLE",
    "StatusCode.UNAVAILABLE", "CANCELED", "NOT_FOUND", "OK", "busy here",
    "close", "deadline", "domain",
]

# The languages of core/data/labels.txt (ids 0 .. LANGS-1); the harnesses
# also try ids beyond.
with open(os.path.join(SRC, "core", "data", "labels.txt"), encoding="utf-8") as _f:
    LANGS = sum(1 for _line in _f if _line.startswith("lang:"))


def corpus_replies():
    """The SMTP Field Manual's replies, and the outputs of real tools saved
    in tests/corpora/protocols (curl, dig, gRPC, WebSocket, SIP, ...)."""
    out = []
    for path in sorted(glob.glob(os.path.join(
            SRC, "tests", "corpora", "protocols", "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            out.append(f.read())
    for path in sorted(glob.glob(os.path.join(
            SRC, "tests", "corpora", "smtp-field-manual", "codes", "*.json"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for provider in data.get("providers", []):
            for r in provider.get("responses", []):
                if isinstance(r.get("response"), str):
                    out.append(r["response"])
    return out


def records(path):
    """The records of a core/data file: lists of (key, value)."""
    recs, cur, key = [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if cur:
                    recs.append(cur)
                cur, key = [], None
            elif line[0].isspace() and cur:
                k, v = cur[-1]
                cur[-1] = (k, v + " " + line.strip())
            elif ":" in line:
                key, value = line.split(":", 1)
                cur.append((key.strip(), value.strip()))
    if cur:
        recs.append(cur)
    return recs


def example_replies():
    return [v for rec in records(os.path.join(SRC, "core", "data", "reasons.txt"))
            for k, v in rec if k == "example"]


def protocols():
    """The protocols of core/data/protocols.txt, in their order (their ids):
    a list of (name, [(syntax words, [data file paths])]). A syntax is
    "number MIN-MAX", "dotted C C C" or "prefixed WORD MIN-MAX"."""
    protos, kinds = [], []
    for rec in records(os.path.join(SRC, "core", "data", "protocols.txt")):
        d = dict(rec)
        if rec and rec[0][0] == "protocol":
            protos.append(d["protocol"])
        elif rec and rec[0][0] == "kind":
            kinds.append(d)
    return [(name, [(k.get("syntax", "").split(),
                     [os.path.join(SRC, "core", "data", f)
                      for f in k.get("files", "").split()])
                    for k in kinds if k.get("protocol") == name])
            for name in protos]


NUMBER = r"0|[1-9][0-9]*"


def prefixed_spellings(word, number):
    """A prefixed code ("EDE 18") in the spellings parse reads."""
    return ["%s %s" % (word, number), "%s: %s" % (word, number),
            "%s%s" % (word.lower(), number), "%s-%s" % (word, number),
            "%s_%s" % (word.title(), number)]


def kb_codes():
    """Every listed code of every protocol, as (protocol id, text): numbers,
    prefixed codes ("EDE 18") in their spellings, enhanced codes in each of
    their classes, the bounds of each range entry, and the symbols (mnemonic
    and aliases) as written and in the other spellings parse accepts. Also
    the English names of the codes, for search."""
    out, names = [], []
    for pid, (name, kinds) in enumerate(protocols()):
        for syntax, files in kinds:
            for path in files:
                for rec in records(path):
                    d = dict(rec)
                    code = d.get("code", "")
                    rng = re.fullmatch(r"(%s)-(%s)" % (NUMBER, NUMBER), code)
                    if syntax and syntax[0] == "number":
                        if re.fullmatch(NUMBER, code):
                            out.append((pid, code))
                            if "name" in d:
                                names.append(d["name"])
                        elif rng:
                            out += [(pid, rng.group(1)), (pid, rng.group(2))]
                    elif syntax and syntax[0] == "prefixed" and len(syntax) > 1:
                        if re.fullmatch(NUMBER, code):
                            out += [(pid, t) for t in
                                    prefixed_spellings(syntax[1], code)]
                            if "name" in d:
                                names.append(d["name"])
                        elif rng:
                            out += [(pid, "%s %s" % (syntax[1], n))
                                    for n in rng.groups()]
                    elif syntax and syntax[0] == "dotted":
                        m = re.fullmatch(r"X\.([0-9]+)\.([0-9]+)", code)
                        if m:
                            for cls in d.get("classes", " ".join(syntax[1:])).split():
                                out.append((pid, "%s.%s.%s" % (cls, m.group(1),
                                                               m.group(2))))
                            if "name" in d:
                                names.append(d["name"])
                    for k, v in rec:
                        if k in ("mnemonic", "alias"):
                            out.append((pid, v))
                            out.append((pid, v.lower()))
                            out.append((pid, v.replace("_", " ").title()))
                            out.append((pid, v.replace("_", " ").title()
                                        .replace(" ", "")))
                            # What comes before a last dot is dropped: the
                            # enum of Python's http module, of grpcio.
                            for enum in (name, "HTTPStatus", "StatusCode"):
                                out.append((pid, "%s.%s" % (enum, v)))
    return out, names


def equivalent_pairs():
    """The members of each concept of core/data/equivalents.txt that belong
    to two protocols, as ((protocol name, code text), (protocol name, code
    text)) pairs."""
    pairs = []
    for rec in records(os.path.join(SRC, "core", "data", "equivalents.txt")):
        members = []
        for k, v in rec:
            if k != "member":
                continue
            words = v.split(";", 1)[0].split()
            if len(words) >= 3:
                members.append((words[0], " ".join(words[1:-1])))
        for x in members:
            for y in members:
                if x[0] != y[0]:
                    pairs.append((x, y))
    return pairs


def b(s):
    return s.encode("utf-8", "surrogateescape") if isinstance(s, str) else s


def write(outdir, target, inputs):
    d = os.path.join(outdir, target)
    os.makedirs(d, exist_ok=True)
    seen = set()
    for data in inputs:
        name = hashlib.sha1(data).hexdigest()
        if name in seen:
            continue
        seen.add(name)
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    return len(seen)


def bounces(replies):
    """The test bounces of tests/corpora/bounces (each MTA's structure),
    each also cut in the middle, with CRLF, and without its closing
    boundary; and DSN blocks and quoted replies made of the replies."""
    out = []
    for path in sorted(glob.glob(os.path.join(
            SRC, "tests", "corpora", "bounces", "*.eml"))):
        with open(path, "rb") as f:
            m = f.read()
        out += [m, m[:len(m) // 2], m.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")]
        last = m.rfind(b"\n--")
        if last > 0:
            out.append(m[:last])
    head = (b"Content-Type: multipart/report; report-type=delivery-status;\n"
            b" boundary=\"b\"\n\n--b\nContent-Type: message/delivery-status\n\n"
            b"Reporting-MTA: dns; mx.example.net\n\n")
    for i in range(0, len(replies), 4):
        blocks = b"".join(
            b"Final-Recipient: rfc822; u%d@example.org\nAction: failed\n"
            b"Status: 5.0.0\nDiagnostic-Code: smtp; %s\n\n" % (k, r.replace(b"\n", b"\n "))
            for k, r in enumerate(replies[i:i + 4]))
        out.append(head + blocks + b"--b--\n")
        out.append(b"".join(b"<u%d@example.org>:\nRemote host said: %s\n\n" % (k, r)
                            for k, r in enumerate(replies[i:i + 4])))
    return out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: seeds.py OUTDIR\n")
        return 2
    outdir = argv[1]
    replies = [b(r) for r in REPLIES + corpus_replies() + example_replies()]
    names = [p[0] for p in protocols()]
    nproto = len(names)
    listed, code_names = kb_codes()
    tagged = [(pid, b(c)) for pid, c in listed]
    for pid, name in enumerate(names):
        tagged += [(pid, b(c)) for c in CODES.get(name, [])]
    codes = [c for _, c in tagged]

    made = {}
    made["code"] = write(outdir, "code", codes)
    # describe: byte 0 is the language id + 8 (so 0 .. 7 try negative ids),
    # byte 1 the protocol (modulo the count + 2: the count is an id one too
    # big, the count + 1 is -1), then the code text (or, from byte 2, a raw
    # sc_code struct).
    describe = [bytes([8 + i % (LANGS + 2), pid]) + c
                for i, (pid, c) in enumerate(tagged)]
    describe += [bytes([8, nproto + k]) + b"404" for k in (0, 1)]
    made["describe"] = write(outdir, "describe", describe)
    # compare: byte 0 the language (low 4 bits) and the protocol of the
    # first text (high 4 bits, modulo the count), byte 1 the protocol of the
    # second text (modulo the count), byte 2 the buffer size / 64, then two
    # code texts split by a NUL byte.
    def pair(i, pa, a, pb, b, size=None):
        if size is None:
            size = (i * 37) % 160 + 1
        return bytes([(pa % 16) << 4 | i % 16, pb, size]) + a + b"\0" + b

    pairs = []
    by_proto = [[x for p, x in tagged if p == pid] for pid in range(nproto)]
    for i, (pid, c) in enumerate(tagged):
        same = by_proto[pid]
        pairs.append(pair(i, pid, c, pid, same[(i * 7 + 3) % len(same)]))
    # Codes of two protocols: a sample of every pair of protocols, the
    # equivalents the base lists, and the numbers two protocols share.
    for pa in range(nproto):
        for pb in range(nproto):
            if pa == pb:
                continue
            xs, ys = by_proto[pa], by_proto[pb]
            for i in range(0, len(xs), 1 + len(xs) // 8):
                pairs.append(pair(i, pa, xs[i], pb, ys[(i * 5) % len(ys)], 128))
    pid_of = {n: i for i, n in enumerate(names)}
    for i, ((na, a), (nb, b_)) in enumerate(equivalent_pairs()):
        if na in pid_of and nb in pid_of:
            pairs.append(pair(i, pid_of[na], b(a), pid_of[nb], b(b_)))
    numbers = {}
    for pid, c in tagged:
        if re.fullmatch(NUMBER.encode(), c):
            numbers.setdefault(c, set()).add(pid)
    for i, (c, pids) in enumerate(sorted(numbers.items())):
        pids = sorted(pids)
        for pa in pids:
            for pb in pids:
                if pa != pb:
                    pairs.append(pair(i, pa, c, pb, c))
    made["compare"] = write(outdir, "compare", pairs)
    # lookup: code texts of every protocol, and search words.
    made["lookup"] = write(outdir, "lookup", codes + [
        b(s) for s in SEARCHES + code_names])
    made["parse"] = write(outdir, "parse", replies)
    # parse_next: logs of several replies, LF or CRLF, with blank lines.
    logs = []
    for i in range(0, len(replies), 5):
        chunk = replies[i:i + 5]
        sep = b"\r\n" if i % 2 else b"\n"
        logs.append(sep.join(chunk) + sep)
        logs.append((sep + sep).join(chunk))
    made["parse_next"] = write(outdir, "parse_next", logs)
    made["bounce"] = write(outdir, "bounce", bounces(replies))
    # logline: mail log lines of every format, alone and as one log, cut
    # short, and the replies as one reply per line.
    lines = [b(x) for x in LOG_LINES]
    cuts = [x[:len(x) // 2] for x in lines]
    made["logline"] = write(outdir, "logline", lines + cuts + [
        b"\n".join(lines) + b"\n", b"\r\n".join(lines), b"\n".join(cuts)] + logs)
    print(" ".join("%s:%d" % kv for kv in sorted(made.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
