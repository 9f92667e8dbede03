"""parse() on what tools and libraries print for every protocol: the forms
of each family, Retry-After, the protocol given or detected, failures with
no status, text that holds none, and logs that mix them. (The strings real
tools print on this machine are in test_statuscodes_captures.py and
test_statuscodes_tools.py; these are the forms no local tool prints.)"""

import unittest

import statuscodes as sc

# text -> (protocol, code, reason, action, retry_after)
FORMS = {
    # HTTP
    "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\n":
        ("http", 503, "service_unavailable", "retry", 120),
    "HTTP/2 404": ("http", 404, "not_found", "fix", None),
    "< HTTP/2 502 \r\n< content-type: text/html": ("http", 502, "service_unavailable", "retry", None),
    "HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.org/": ("http", 301, "redirected", "fix", None),
    "HTTP/1.1 200 OK": ("http", 200, "delivered", "none", None),
    "Request failed with status code 401": ("http", 401, "auth_required", "fix", None),
    "HTTPError: 403 Client Error: Forbidden for url: https://api.example.org/v1/items":
        ("http", 403, "forbidden", "fix", None),
    "HTTPError: 403 Client Error: rate limit exceeded for url: https://api.example.org/":
        ("http", 403, "rate_limited", "retry", None),
    "urllib.error.HTTPError: HTTP Error 504: Gateway Timeout": ("http", 504, "timeout", "retry", None),
    '198.51.100.7 - - [01/Dec/2026:10:00:00 +0000] "POST /api/v2/orders HTTP/1.1" 409 61 "-" "Go-http-client/2.0"':
        ("http", 409, "conflict", "fix", None),
    '{"error": {"code": 429, "message": "Quota exceeded for quota metric \'Requests\'", "status": "RESOURCE_EXHAUSTED"}}':
        ("http", 429, "quota_exceeded", "review", None),
    '{"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}':
        ("http", 503, "service_unavailable", "retry", None),
    # gRPC
    "rpc error: code = Unavailable desc = connection error": ("grpc", 14, "service_unavailable", "retry", None),
    "rpc error: code = Canceled desc = context canceled": ("grpc", 1, "cancelled", "review", None),
    "rpc error: code = ResourceExhausted desc = grpc: received message larger than max (5000000 vs. 4194304)":
        ("grpc", 8, "message_too_large", "fix", None),
    "rpc error: code = ResourceExhausted desc = too many requests": ("grpc", 8, "rate_limited", "retry", None),
    "io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after 4.99s":
        ("grpc", 4, "timeout", "retry", None),
    "io.grpc.StatusRuntimeException: INVALID_ARGUMENT: name must not be empty":
        ("grpc", 3, "syntax_error", "fix", None),
    "Error: 14 UNAVAILABLE: No connection established": ("grpc", 14, "service_unavailable", "retry", None),
    "Error: 16 UNAUTHENTICATED: Request had invalid authentication credentials.":
        ("grpc", 16, "auth_failed", "fix", None),
    'Status(StatusCode="PermissionDenied", Detail="caller may not read this bucket")':
        ("grpc", 7, "forbidden", "fix", None),
    "grpc-status: 10\r\ngrpc-message: transaction%20aborted": ("grpc", 10, "conflict", "retry", None),
    "grpc-status: 8\r\ngrpc-message: daily%20quota%20exhausted": ("grpc", 8, "quota_exceeded", "review", None),
    # SIP
    "SIP/2.0 486 Busy Here\r\nRetry-After: 60\r\nReason: Q.850;cause=17": ("sip", 486, "busy", "retry", 60),
    "SIP/2.0 600 Busy Everywhere": ("sip", 600, "busy", "retry", None),
    "SIP/2.0 603 Decline": ("sip", 603, "declined", "suppress", None),
    "SIP/2.0 503 Service Unavailable\r\nRetry-After: 18000;duration=3600":
        ("sip", 503, "service_unavailable", "retry", 18000),
    # FTP, by its words or its codes
    "227 Entering Passive Mode (192,0,2,10,195,80).": ("ftp", 227, "delivered", "none", None),
    "530 Login incorrect.": ("ftp", 530, "auth_failed", "fix", None),
    "550 Failed to open file.": ("ftp", 550, "not_found", "fix", None),
    "550 /srv/ftp/report.pdf: Permission denied\r\n": ("ftp", 550, "forbidden", "fix", None),
    "425 Can't open data connection.": ("ftp", 425, "unreachable", "retry", None),
    "150 Opening BINARY mode data connection for report.pdf (1024 bytes).": ("ftp", 150, "unknown", "none", None),
    "451-The file system is full.\r\n451 Transfer aborted: local error in processing":
        ("smtp", 451, "system_error", "retry", None),
    "552 Disk quota exceeded for this FTP account": ("ftp", 552, "quota_exceeded", "review", None),
    # DNS
    ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4242": ("dns", 3, "not_found", "fix", None),
    ";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 4242\n; EDE: 22 (No Reachable Authority)":
        ("dns", 2, "unreachable", "retry", None),
    ";; ->>HEADER<<- opcode: QUERY, status: REFUSED, id: 4242\n; EDE: 18 (Prohibited)":
        ("dns", 5, "forbidden", "fix", None),
    "Host nope.example not found: 2(SERVFAIL)": ("dns", 2, "service_unavailable", "retry", None),
    "** server can't find nope.example: NXDOMAIN": ("dns", 3, "not_found", "fix", None),
    # WebSocket
    "websocket: close 1008 (policy violation): origin not allowed": ("websocket", 1008, "policy_rejected", "review", None),
    "websocket: close 1001 (going away)": ("websocket", 1001, "service_unavailable", "retry", None),
    "WebSocket is closed: CloseEvent {code: 1009, reason: 'too big'}": ("websocket", 1009, "message_too_large", "fix", None),
    "received 1013 (try again later); then sent 1013 (try again later)": ("websocket", 1013, "service_unavailable", "retry", None),
    # SMTP stays SMTP
    "550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown": ("smtp", 550, "user_unknown", "suppress", None),
    "550 5.1.2 <a@b.example>... Host unknown (Name server: b.example: host not found)":
        ("smtp", 550, "domain_not_found", "suppress", None),
}

# Failures with no status: text -> (protocol, reason, action)
FAILURES = {
    "dial tcp 192.0.2.10:443: connect: connection refused": (None, "unreachable", "retry"),
    "curl: (7) Failed to connect to 192.0.2.10 port 443 after 3 ms: Couldn't connect to server":
        ("http", "unreachable", "retry"),
    "context deadline exceeded (Client.Timeout exceeded while awaiting headers)": (None, "timeout", "retry"),
    "connect to mx.example.net[203.0.113.9]:25: Connection timed out": ("smtp", "timeout", "retry"),
    "x509: certificate signed by unknown authority": (None, "tls_failed", "fix"),
    "2026/12/01 10:00:00 [error] 12#12: *7 connect() failed (111: Connection refused) while connecting to upstream":
        ("http", "unreachable", "retry"),
    "lookup api.example.org on 127.0.0.53:53: no such host": ("dns", "not_found", "fix"),
    "getaddrinfo EAI_AGAIN api.example.org": ("dns", "service_unavailable", "retry"),
    "WebSocket connection to 'wss://example.org/socket' failed: connection reset":
        ("websocket", "unreachable", "retry"),
}


class Forms(unittest.TestCase):
    def test_each_form(self):
        for text, (protocol, code, reason, action, retry_after) in FORMS.items():
            with self.subTest(text=text):
                v = sc.parse(text)
                got = (v["protocol"], v["code"], v["reason"], v["action"], v["retry_after"])
                self.assertEqual(got, (protocol, code, reason, action, retry_after), v["why"])
                self.assertFalse(v["no_reply"])
                self.assertEqual(v["retryable"], action == "retry")
                if v["code"] is not None and protocol != "smtp":
                    # The why names the code as its protocol shows it.
                    self.assertIn(str(code), v["why"])

    def test_failures_with_no_status(self):
        for text, (protocol, reason, action) in FAILURES.items():
            with self.subTest(text=text):
                v = sc.parse(text)
                self.assertEqual((v["protocol"], v["code"], v["reason"], v["action"]),
                                 (protocol, None, reason, action), v["why"])
                self.assertFalse(v["no_reply"])
                self.assertEqual(v["permanent"], action != "retry")

    def test_symbols_and_ede(self):
        v = sc.parse("rpc error: code = NotFound desc = no such user")
        self.assertEqual((v["code"], v["mnemonic"]), (5, "NOT_FOUND"))
        self.assertEqual(v["text"], "no such user")
        v = sc.parse(";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 7\n; EDE: 6 (DNSSEC Bogus)")
        self.assertEqual((v["code"], v["mnemonic"], v["ede"], v["reason"]), (2, "SERVFAIL", "EDE 6", "dnssec_failed"))
        self.assertTrue(v["permanent"])
        self.assertIn("EDE 6", v["why"])
        # A stale answer does not turn a success into a failure.
        v = sc.parse(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 7\n; EDE: 3 (Stale Answer)")
        self.assertEqual((v["reason"], v["action"]), ("delivered", "none"))
        v = sc.parse("grpc-status: 14\r\ngrpc-message: upstream%20connect%20error%3A%20reset")
        self.assertEqual(v["text"], "upstream connect error: reset")

    def test_idempotent_is_said(self):
        for text in ("HTTP/1.1 500 Internal Server Error", "HTTP/1.1 504 Gateway Timeout",
                     "rpc error: code = DeadlineExceeded desc = context deadline exceeded"):
            v = sc.parse(text)
            self.assertEqual(v["action"], "retry", text)
            self.assertIn("idempotent", v["why"], text)
        self.assertNotIn("idempotent", sc.parse("HTTP/1.1 503 Service Unavailable")["why"])


class RetryAfter(unittest.TestCase):
    def test_seconds_and_dates(self):
        v = sc.parse("HTTP/1.1 429 Too Many Requests\r\nDate: Tue, 01 Dec 2026 10:00:00 GMT\r\n"
                     "Retry-After: Tue, 01 Dec 2026 10:05:00 GMT\r\n")
        self.assertEqual((v["retry_after"], v["retry_at"]), (300, None))
        self.assertIn("300 seconds", v["why"])
        # Obsolete forms of the date (RFC 9110 §5.6.7), and a date in the past.
        v = sc.parse("HTTP/1.1 503 x\r\nDate: Sun Nov  6 08:49:37 1994\r\n"
                     "Retry-After: Sunday, 06-Nov-94 08:50:37 GMT")
        self.assertEqual(v["retry_after"], 60)
        v = sc.parse("HTTP/1.1 503 x\r\nDate: Tue, 01 Dec 2026 10:00:00 GMT\r\n"
                     "Retry-After: Tue, 01 Dec 2026 09:00:00 GMT")
        self.assertEqual(v["retry_after"], 0)

    def test_date_without_date_header(self):
        v = sc.parse("HTTP/2 503\r\nretry-after: Wed, 02 Dec 2026 00:00:00 GMT")
        self.assertIsNone(v["retry_after"])
        self.assertEqual(v["retry_at"], "Wed, 02 Dec 2026 00:00:00 GMT")

    def test_not_a_date(self):
        for value in ("soon", "Tue, 99 Foo 2026 10:00:00 GMT", "", "-5"):
            v = sc.parse("HTTP/1.1 503 x\r\nRetry-After: " + value)
            self.assertIsNone(v["retry_after"], value)
            self.assertIsNone(v["retry_at"], value)


class Protocols(unittest.TestCase):
    def test_given(self):
        self.assertEqual(sc.parse("503 Service Unavailable", protocol="http")["reason"], "service_unavailable")
        self.assertEqual(sc.parse("503 Service Unavailable")["protocol"], "smtp")
        self.assertEqual(sc.parse("UNAVAILABLE: try later", protocol="grpc")["code"], 14)
        self.assertEqual(sc.parse("NXDOMAIN", protocol="dns")["code"], 3)
        self.assertEqual(sc.parse("421 Service not available", protocol="ftp")["protocol"], "ftp")
        v = sc.parse("hello world", protocol="http")
        self.assertEqual((v["protocol"], v["no_reply"], v["action"]), ("http", True, None))
        with self.assertRaisesRegex(ValueError, "unknown protocol"):
            sc.parse("550 x", protocol="xmpp")
        with self.assertRaises(TypeError):
            sc.parse("550 x", protocol=25)

    def test_assumed(self):
        v = sc.parse("421 Too many connections")
        self.assertEqual(v["protocol"], "smtp")
        self.assertTrue(v["assumed"])
        self.assertIn("read as SMTP", v["why"])
        self.assertFalse(sc.parse("421 4.7.0 Too many connections")["assumed"])

    def test_no_reply(self):
        for text in ("hello world", "Dec  1 10:00:00 mx postfix/qmgr[1]: 4Tq9Lm2FkPz3: removed"):
            v = sc.parse(text)
            self.assertTrue(v["no_reply"], text)
            self.assertIsNone(v["action"])
            self.assertIsNone(v["code"])
            self.assertEqual(v["reason"], "unknown")

    def test_mixed_log(self):
        log = ("HTTP/1.1 429 Too Many Requests\nRetry-After: 30\nContent-Type: text/plain\n\n"
               "rpc error: code = Unavailable desc = x\n"
               "hello world\n"
               "; <<>> DiG 9.18 <<>> nope.example\n;; global options: +cmd\n;; Got answer:\n"
               ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1\n\n;; MSG SIZE  rcvd: 40\n"
               "550 5.1.1 no such user\n"
               "SIP/2.0 486 Busy Here\nRetry-After: 5\n")
        got = [(v["protocol"], v["code"], v["retry_after"]) for v in sc.parse_log(log)]
        self.assertEqual(got, [("http", 429, 30), ("grpc", 14, None), ("dns", 3, None),
                               ("smtp", 550, None), ("sip", 486, 5)])
        self.assertEqual([v["protocol"] for v in sc.parse_log(log, protocol="smtp")][:1], ["smtp"])
        many = sc.parse_many(["HTTP/2 404", "Error: 5 NOT_FOUND: x", "hello"])
        self.assertEqual([v["protocol"] for v in many], ["http", "grpc", "smtp"])
        self.assertTrue(many[2]["no_reply"])


if __name__ == "__main__":
    unittest.main()
