"""Real tools, live: statuscodes.parse reads what curl, dig, nslookup, host,
Python's HTTP clients, websockets, grpcio and sipp print when they talk to
real servers.

Every server runs on 127.0.0.1 (a free port each time) and is started and
stopped here: an http.server (plain and behind TLS with a self-signed
certificate), a TCP listener that never answers, three unbound (a resolver
with local zones, an access-control refusal that carries an Extended DNS
Error and a zone delegated to a dead server; a validating resolver; the
unsigned authoritative server it distrusts), a websockets server, a generic
grpcio server (no protoc: bytes in, bytes out) and sipp as the called party. Each test runs the real client, checks that the tool said
what it should (so a capture is never wrong), then checks parse()'s verdict
against tests/corpora/protocols/expected.tsv: the live output and the saved
capture of the same case share one expectation.

SC_CAPTURE_DIR=<dir> writes each output to <dir>/<case>.txt as well: that is
how tests/corpora/protocols was made (see its README.md).

A tool or module that is missing skips its tests with the reason
(scripts/tools-deps.sh installs them all), except in CI (CI=true), where
they fail. Standard library only, besides the clients under test; imports
the built statuscodes package (PYTHONPATH).
"""
import asyncio
import email.utils
import http.server
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_statuscodes_captures import check_verdict, load_expected  # noqa: E402

IN_CI = os.environ.get("CI") == "true"
CAPTURE_DIR = os.environ.get("SC_CAPTURE_DIR")
HOST = "127.0.0.1"
TOOL_TIMEOUT = 15.0
EXPECTED = load_expected()


def unavailable(why):
    """Skip with the reason, or fail in CI, where every tool must run."""
    if IN_CI:
        raise RuntimeError("the tools integration test must run in CI: " + why)
    raise unittest.SkipTest(why)


def need_program(name):
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if path is None:
        unavailable("%s is not installed (scripts/tools-deps.sh)" % name)
    return path


def need_module(name):
    try:
        return __import__(name)
    except ImportError as e:
        unavailable("Python module %s: %s (scripts/tools-deps.sh)" % (name, e))


def free_port(kind=socket.SOCK_STREAM):
    """A loopback port nobody uses right now."""
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def closed_port():
    """A loopback TCP port that refuses connections (bound, not listening:
    nobody else can take it while the caller keeps the socket)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((HOST, 0))
    return s, s.getsockname()[1]


def tool_env():
    """The environment for a tool: without the sanitizer build's runtime
    (LD_PRELOAD of libasan makes curl hang; the tools are not ours)."""
    env = dict(os.environ)
    for name in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS", "PYTHONMALLOC"):
        env.pop(name, None)
    return env


def run(argv):
    """Run a client: (returncode, stdout, stderr) as text."""
    p = subprocess.run(argv, capture_output=True, timeout=TOOL_TIMEOUT,
                       stdin=subprocess.DEVNULL, env=tool_env())
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    return p.returncode, out, err


def exception_text(exc):
    """The exception as print(exc) or a log's "%s" shows it: str(exc)."""
    return str(exc)


class ToolsTestCase(unittest.TestCase):
    maxDiff = None

    def verdict(self, name, text):
        """Save the capture (SC_CAPTURE_DIR), then check parse()'s verdict."""
        self.assertIn(name, EXPECTED, "no row for %s in expected.tsv" % name)
        if CAPTURE_DIR:
            os.makedirs(CAPTURE_DIR, exist_ok=True)
            with open(os.path.join(CAPTURE_DIR, name + ".txt"), "wb") as f:
                f.write(text.encode("utf-8"))
        return check_verdict(self, name, text, EXPECTED[name])


# ---------------------------------------------------------------------------
# HTTP: curl, urllib, requests, httpx against http.server
# ---------------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    STATUS = {"/200": 200, "/301": 301, "/401": 401, "/403": 403, "/404": 404,
              "/429": 429, "/429date": 429, "/500": 500, "/502": 502,
              "/503": 503, "/504": 504}

    def date_time_string(self, timestamp=None):
        # One clock for Date and an HTTP-date Retry-After.
        now = getattr(self, "now", None)     # unset: a request that failed
        return email.utils.formatdate(now or time.time(), usegmt=True)

    def do_GET(self):
        self.now = int(time.time())
        if self.path == "/close":              # no reply at all
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        code = self.STATUS.get(self.path, 404)
        self.send_response(code)
        if self.path == "/429":
            self.send_header("Retry-After", "120")
        elif self.path == "/429date":
            self.send_header("Retry-After",
                             email.utils.formatdate(self.now + 120, usegmt=True))
        elif self.path == "/503":
            self.send_header("Retry-After", "30")
        elif self.path == "/301":
            self.send_header("Location", "/200")
        elif self.path == "/401":
            self.send_header("WWW-Authenticate", 'Basic realm="statuscodes"')
        body = b"%d\n" % code
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class HttpToolsTest(ToolsTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer((HOST, 0), _Handler)
        cls.port = cls.server.server_address[1]
        cls.base = "http://%s:%d" % (HOST, cls.port)
        cls.thread = threading.Thread(target=cls.server.serve_forever,
                                      daemon=True)
        cls.thread.start()
        # A listener that accepts (the kernel does) and never answers.
        cls.silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        cls.silent.bind((HOST, 0))
        cls.silent.listen(16)
        cls.silent_port = cls.silent.getsockname()[1]
        cls.closed, cls.closed_port = closed_port()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        cls.thread.join(5)
        cls.silent.close()
        cls.closed.close()

    # --- curl -------------------------------------------------------------
    def curl(self):
        return need_program("curl")

    def test_curl_status_and_headers(self):
        curl = self.curl()
        for path, status in (("200", "200 OK"), ("301", "301 Moved Permanently"),
                             ("401", "401 Unauthorized"),
                             ("404", "404 Not Found"),
                             ("429", "429 Too Many Requests"),
                             ("429date", "429 Too Many Requests"),
                             ("500", "500 Internal Server Error"),
                             ("503", "503 Service Unavailable")):
            with self.subTest(path=path):
                rc, out, err = run([curl, "-si", "%s/%s" % (self.base, path)])
                self.assertEqual(rc, 0, err)
                self.assertTrue(out.startswith("HTTP/1.1 " + status + "\r\n"),
                                out)
                self.assertIn("\r\nDate: ", out)
                v = self.verdict("curl-si-" + path, out)
                if path == "429date":
                    self.assertIsNone(v["retry_at"])   # Date is there

    def test_curl_fail(self):
        curl = self.curl()
        for code in ("403", "404", "429", "502", "503", "504"):
            with self.subTest(code=code):
                rc, out, err = run([curl, "-sS", "--fail",
                                    "%s/%s" % (self.base, code)])
                self.assertEqual(rc, 22, err)
                self.assertEqual(
                    err, "curl: (22) The requested URL returned error: %s\n" % code)
                self.verdict("curl-fail-" + code, err)

    def test_curl_connection_refused(self):
        rc, out, err = run([self.curl(), "-sS",
                            "http://%s:%d/" % (HOST, self.closed_port)])
        self.assertEqual(rc, 7, err)
        self.assertIn("Couldn't connect to server", err)
        self.verdict("curl-refused", err)

    def test_curl_timeout(self):
        rc, out, err = run([self.curl(), "-sS", "--max-time", "1",
                            "http://%s:%d/" % (HOST, self.silent_port)])
        self.assertEqual(rc, 28, err)
        self.assertIn("timed out", err)
        self.verdict("curl-timeout", err)

    def test_curl_tls_to_plain_http(self):
        rc, out, err = run([self.curl(), "-sS",
                            "https://%s:%d/" % (HOST, self.port)])
        self.assertEqual(rc, 35, err)
        self.assertIn("wrong version number", err)
        self.verdict("curl-tls", err)

    def test_curl_empty_reply(self):
        rc, out, err = run([self.curl(), "-sS", self.base + "/close"])
        self.assertEqual(rc, 52, err)
        self.assertEqual(err, "curl: (52) Empty reply from server\n")
        self.verdict("curl-empty", err)

    # --- Python's clients -------------------------------------------------
    def test_urllib(self):
        import urllib.error
        import urllib.request
        for path in ("403", "404", "503"):
            with self.subTest(path=path):
                with self.assertRaises(urllib.error.HTTPError) as cm:
                    urllib.request.urlopen("%s/%s" % (self.base, path), timeout=10)
                cm.exception.close()
                text = exception_text(cm.exception)
                self.assertTrue(text.startswith(
                    "HTTP Error %s: " % path), text)
                self.verdict("urllib-" + path, text)
        with self.assertRaises(urllib.error.URLError) as cm:
            urllib.request.urlopen("http://%s:%d/" % (HOST, self.closed_port),
                                   timeout=10)
        text = exception_text(cm.exception)
        self.assertIn("Connection refused", text)
        self.verdict("urllib-refused", text)

    def test_python_connection_refused(self):
        with self.assertRaises(ConnectionRefusedError) as cm:
            socket.create_connection((HOST, self.closed_port), timeout=10)
        text = exception_text(cm.exception)
        self.assertEqual(text, "[Errno 111] Connection refused")
        self.verdict("python-refused", text)

    def test_requests(self):
        requests = need_module("requests")
        for path in ("429", "500", "502"):
            with self.subTest(path=path):
                r = requests.get("%s/%s" % (self.base, path), timeout=10)
                with self.assertRaises(requests.HTTPError) as cm:
                    r.raise_for_status()
                text = exception_text(cm.exception)
                self.assertTrue(text.startswith(
                    "%s " % path), text)
                self.verdict("requests-" + path, text)
        with self.assertRaises(requests.ConnectionError) as cm:
            requests.get("http://%s:%d/" % (HOST, self.closed_port), timeout=10)
        text = exception_text(cm.exception)
        self.assertIn("Connection refused", text)
        self.verdict("requests-refused", text)

    def test_httpx(self):
        httpx = need_module("httpx")
        for path in ("401", "404", "503", "504"):
            with self.subTest(path=path):
                r = httpx.get("%s/%s" % (self.base, path), timeout=10)
                with self.assertRaises(httpx.HTTPStatusError) as cm:
                    r.raise_for_status()
                text = exception_text(cm.exception)
                self.assertIn("'%s " % path, text)
                self.verdict("httpx-" + path, text)
        with self.assertRaises(httpx.TimeoutException) as cm:
            httpx.get("http://%s:%d/" % (HOST, self.silent_port), timeout=0.5)
        text = exception_text(cm.exception)
        self.verdict("httpx-timeout", text)


class TlsToolsTest(ToolsTestCase):
    """An HTTPS server whose certificate is self-signed: the clients refuse it."""

    @classmethod
    def setUpClass(cls):
        import ssl
        openssl = need_program("openssl")
        cls.tmp = tempfile.mkdtemp(prefix="sc-tls-")
        cert = os.path.join(cls.tmp, "cert.pem")
        key = os.path.join(cls.tmp, "key.pem")
        rc, out, err = run([openssl, "req", "-x509", "-newkey", "ec",
                            "-pkeyopt", "ec_paramgen_curve:prime256v1",
                            "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                            "-keyout", key, "-out", cert])
        if rc != 0:
            shutil.rmtree(cls.tmp, ignore_errors=True)
            raise RuntimeError("openssl req failed: " + err)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        cls.server = http.server.ThreadingHTTPServer((HOST, 0), _Handler)
        cls.server.socket = ctx.wrap_socket(cls.server.socket, server_side=True)
        cls.url = "https://%s:%d/200" % (HOST, cls.server.server_address[1])
        cls.thread = threading.Thread(target=cls.server.serve_forever,
                                      daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        cls.thread.join(5)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_curl(self):
        rc, out, err = run([need_program("curl"), "-sS", self.url])
        self.assertEqual(rc, 60, err)
        self.assertIn("SSL certificate problem: self-signed certificate", err)
        self.verdict("curl-cert", err)

    def test_urllib(self):
        import urllib.error
        import urllib.request
        with self.assertRaises(urllib.error.URLError) as cm:
            urllib.request.urlopen(self.url, timeout=10)
        text = exception_text(cm.exception)
        self.assertIn("CERTIFICATE_VERIFY_FAILED", text)
        self.verdict("urllib-cert", text)

    def test_requests(self):
        requests = need_module("requests")
        with self.assertRaises(requests.exceptions.SSLError) as cm:
            requests.get(self.url, timeout=10)
        text = exception_text(cm.exception)
        self.assertIn("CERTIFICATE_VERIFY_FAILED", text)
        self.verdict("requests-cert", text)


# ---------------------------------------------------------------------------
# DNS: dig, nslookup and host against unbound; Python's resolver
# ---------------------------------------------------------------------------

UNBOUND_CONF = """\
server:
  interface: {host}
  port: {port}
  do-ip4: yes
  do-ip6: no
  do-udp: yes
  do-tcp: yes
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "{dir}"
  pidfile: ""
  use-syslog: no
  logfile: "{dir}/unbound.log"
  verbosity: 1
  module-config: "validator iterator"
  # Extended DNS Errors (RFC 8914) in answers, and why validation failed.
  ede: yes
  val-log-level: 2
  do-not-query-localhost: no
  outbound-msg-retry: 1
  # Another loopback source (dig -b 127.0.0.2) is refused: REFUSED + EDE 18.
  access-control: 127.0.0.1/32 allow
  access-control: 127.0.0.2/32 refuse
  local-zone: "nx.test." static
  local-zone: "blocked.test." always_refuse
  local-zone: "ok.test." static
  local-data: "www.ok.test. 300 IN A 192.0.2.1"
# A zone delegated to a server that never answers: SERVFAIL (in about a
# second, with outbound-msg-retry: 1).
stub-zone:
  name: "dead.example."
  stub-addr: {host}@{dead_port}
"""

# A validating resolver of its own (outbound-msg-retry: 1 would turn its
# validation failure into a plain SERVFAIL). signed.example. should be
# signed (a DS for it is a trust anchor), but its server answers without
# DNSSEC: SERVFAIL + EDE 9 (DNSKEY Missing), then EDE 6 (DNSSEC Bogus) from
# the cache.
UNBOUND_VALIDATOR_CONF = """\
server:
  interface: {host}
  port: {val_port}
  do-ip4: yes
  do-ip6: no
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "{dir}"
  pidfile: ""
  use-syslog: no
  logfile: "{dir}/unbound-validator.log"
  verbosity: 1
  module-config: "validator iterator"
  ede: yes
  val-log-level: 2
  do-not-query-localhost: no
  access-control: 127.0.0.1/32 allow
  trust-anchor: "signed.example. DS 12345 13 2 3490A6806D47F17A34C29E2CE80E8A999FFBE4BE6B3C4A6E2F5E8C4E7B1C2D3E"
stub-zone:
  name: "signed.example."
  stub-addr: {host}@{auth_port}
"""

# The authoritative server of signed.example.: a second unbound.
UNBOUND_AUTH_CONF = """\
server:
  interface: {host}
  port: {auth_port}
  do-ip4: yes
  do-ip6: no
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "{dir}"
  pidfile: ""
  use-syslog: no
  logfile: "{dir}/unbound-auth.log"
  verbosity: 1
  module-config: "iterator"
  access-control: 127.0.0.0/8 allow
auth-zone:
  name: "signed.example."
  zonefile: "{dir}/signed.example.zone"
  for-upstream: no
  for-downstream: yes
  fallback-enabled: no
"""

SIGNED_ZONE = """\
$ORIGIN signed.example.
$TTL 300
@ IN SOA ns.signed.example. hostmaster.signed.example. 1 3600 600 86400 300
@ IN NS ns.signed.example.
ns IN A 127.0.0.1
www IN A 192.0.2.7
"""


class DnsToolsTest(ToolsTestCase):
    @classmethod
    def setUpClass(cls):
        cls.unbound = need_program("unbound")
        cls.dig = need_program("dig")
        cls.procs = []
        cls.tmp = tempfile.mkdtemp(prefix="sc-unbound-")
        # A UDP port that takes queries and never answers.
        cls.dead_udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        cls.dead_udp.bind((HOST, 0))
        cls.dead_port = cls.dead_udp.getsockname()[1]
        cls.port = free_port(socket.SOCK_DGRAM)
        cls.auth_port = free_port(socket.SOCK_DGRAM)
        cls.val_port = free_port(socket.SOCK_DGRAM)
        with open(os.path.join(cls.tmp, "signed.example.zone"), "w") as f:
            f.write(SIGNED_ZONE)
        try:
            cls.start(UNBOUND_AUTH_CONF, "auth.conf", cls.auth_port,
                      ["+norec", "www.signed.example"])
            # (its probe must not touch signed.example.: the first answer
            # there is the one with EDE 9)
            cls.start(UNBOUND_VALIDATOR_CONF, "validator.conf", cls.val_port,
                      ["localhost"])
            cls.start(UNBOUND_CONF, "unbound.conf", cls.port, ["www.ok.test"])
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def start(cls, template, name, port, probe):
        """Start unbound with `template`; wait until `probe` gets NOERROR."""
        conf = os.path.join(cls.tmp, name)
        with open(conf, "w") as f:
            f.write(template.format(host=HOST, port=cls.port, dir=cls.tmp,
                                    dead_port=cls.dead_port,
                                    auth_port=cls.auth_port,
                                    val_port=cls.val_port))
        proc = subprocess.Popen([cls.unbound, "-d", "-c", conf],
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE,
                                start_new_session=True, env=tool_env())
        cls.procs.append(proc)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError("unbound (%s) exited: %s" % (
                    name, proc.stderr.read().decode("utf-8", "replace")))
            rc, out, err = run([cls.dig, "@" + HOST, "-p", str(port),
                                "+time=1", "+tries=1"] + probe)
            if "status: NOERROR" in out:
                return
            time.sleep(0.1)
        raise RuntimeError("unbound (%s) did not answer on %s#%d"
                           % (name, HOST, port))

    @classmethod
    def tearDownClass(cls):
        for proc in cls.procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            proc.stderr.close()
        cls.dead_udp.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def dig_at(self, name, *extra):
        rc, out, err = run([self.dig, "@" + HOST, "-p", str(self.port)]
                           + list(extra) + [name])
        self.assertEqual(rc, 0, err)
        return out

    def test_dig(self):
        for case, name, status in (("noerror", "www.ok.test", "NOERROR"),
                                   ("nxdomain", "x.nx.test", "NXDOMAIN"),
                                   ("servfail", "x.dead.example", "SERVFAIL"),
                                   ("refused", "x.blocked.test", "REFUSED")):
            with self.subTest(case=case):
                out = self.dig_at(name)
                self.assertIn("status: %s," % status, out)
                self.verdict("dig-" + case, out)

    def test_dig_refused_with_ede(self):
        out = self.dig_at("www.ok.test", "-b", "127.0.0.2")
        self.assertIn("status: REFUSED,", out)
        self.assertIn("; EDE: 18 (Prohibited)", out)
        v = self.verdict("dig-refused-ede18", out)
        self.assertEqual(v["ede"], "EDE 18")

    def test_dig_dnssec_failure(self):
        def dig_validator():
            rc, out, err = run([self.dig, "@" + HOST, "-p", str(self.val_port),
                                "www.signed.example"])
            self.assertEqual(rc, 0, err)
            self.assertIn("status: SERVFAIL,", out)
            return out
        first, again = dig_validator(), dig_validator()
        self.assertIn("; EDE: 9 (DNSKEY Missing): (validation failure", first)
        self.assertIn("; EDE: 6 (DNSSEC Bogus)", again)
        for ede, out in (("9", first), ("6", again)):
            with self.subTest(ede=ede):
                v = self.verdict("dig-servfail-ede" + ede, out)
                self.assertEqual(v["ede"], "EDE " + ede)

    def test_dig_timeout(self):
        rc, out, err = run([self.dig, "@" + HOST, "-p", str(self.dead_port),
                            "+time=1", "+tries=1", "www.ok.test"])
        self.assertEqual(rc, 9, err)
        self.assertIn("no servers could be reached", out)
        self.verdict("dig-timeout", out)

    def test_nslookup(self):
        nslookup = need_program("nslookup")
        for case, name, status in (("nxdomain", "x.nx.test", "NXDOMAIN"),
                                   ("servfail", "x.dead.example", "SERVFAIL"),
                                   ("refused", "x.blocked.test", "REFUSED")):
            with self.subTest(case=case):
                rc, out, err = run([nslookup, "-port=%d" % self.port, name, HOST])
                self.assertEqual(rc, 1, err)
                self.assertIn("** server can't find %s: %s" % (name, status), out)
                self.verdict("nslookup-" + case, out + err)

    def test_host(self):
        host = need_program("host")
        for case, name, status in (("nxdomain", "x.nx.test", "3(NXDOMAIN)"),
                                   ("servfail", "x.dead.example", "2(SERVFAIL)"),
                                   ("refused", "x.blocked.test", "5(REFUSED)")):
            with self.subTest(case=case):
                rc, out, err = run([host, "-p", str(self.port), "-t", "A",
                                    name, HOST])
                self.assertEqual(rc, 1, err)
                self.assertIn(status, out + err)
                self.verdict("host-" + case, out + err)

    def test_python_name_not_known(self):
        # AI_NUMERICHOST: glibc answers EAI_NONAME at once, no network.
        with self.assertRaises(socket.gaierror) as cm:
            socket.getaddrinfo("www.nx.test", 80, flags=socket.AI_NUMERICHOST)
        text = exception_text(cm.exception)
        self.assertEqual(text, "[Errno -2] Name or service not known")
        self.verdict("python-gaierror-noname", text)


# ---------------------------------------------------------------------------
# WebSocket: Python's websockets, both ends
# ---------------------------------------------------------------------------

class WebSocketToolsTest(ToolsTestCase):
    CLOSES = {"1000": (1000, "bye"), "1001": (1001, "restarting"),
              "1008": (1008, "policy"), "1011": (1011, "boom"),
              "1013": (1013, "overloaded")}

    @classmethod
    def setUpClass(cls):
        cls.ws = need_module("websockets")
        # The server logs the 1009 it sends with a traceback: not ours.
        logging.getLogger("websockets").setLevel(logging.CRITICAL)

    async def _handler(self, conn, path=None):
        msg = await conn.recv()
        if msg in self.CLOSES:
            await conn.close(*self.CLOSES[msg])
        elif msg == "drop":
            conn.transport.abort()            # TCP gone: no close frame

    async def _client(self, port, message):
        async with self.ws.connect("ws://%s:%d/" % (HOST, port),
                                   open_timeout=5, close_timeout=5) as c:
            await c.send(message)
            await asyncio.wait_for(c.recv(), 5)

    def close_text(self, message):
        """What the client raises when the server ends on `message`."""
        async def main():
            # max_size: a message over 64 bytes makes the server close 1009.
            async with self.ws.serve(self._handler, HOST, 0, max_size=64) as srv:
                port = srv.sockets[0].getsockname()[1]
                try:
                    await self._client(port, message)
                except self.ws.exceptions.ConnectionClosed as e:
                    return exception_text(e)
            self.fail("the connection stayed open")
        return asyncio.run(main())

    def test_close_codes(self):
        for code, (n, reason) in self.CLOSES.items():
            with self.subTest(code=code):
                text = self.close_text(code)
                self.assertIn("received %d (" % n, text)
                self.verdict("websockets-" + code, text)

    def test_message_too_big(self):
        text = self.close_text("x" * 200)
        self.assertIn("received 1009 (message too big)", text)
        self.verdict("websockets-1009", text)

    def test_abnormal_closure(self):
        text = self.close_text("drop")
        self.assertIn("no close frame received or sent", text)
        self.verdict("websockets-1006", text)

    def test_connection_refused(self):
        closed, port = closed_port()
        try:
            async def main():
                await self.ws.connect("ws://%s:%d/" % (HOST, port), open_timeout=5)
            with self.assertRaises(OSError) as cm:
                asyncio.run(main())
        finally:
            closed.close()
        text = exception_text(cm.exception)
        self.assertIn("[Errno 111] Connect call failed", text)
        self.verdict("websockets-refused", text)


# ---------------------------------------------------------------------------
# gRPC: grpcio, a generic server (no generated code)
# ---------------------------------------------------------------------------

class GrpcToolsTest(ToolsTestCase):
    ABORTS = {
        "unavailable": ("UNAVAILABLE", "backend draining, try again"),
        "not-found": ("NOT_FOUND", "user 42 not found"),
        "resource-exhausted": ("RESOURCE_EXHAUSTED", "rate limit exceeded"),
        "permission-denied": ("PERMISSION_DENIED", "caller may not read"),
        "unauthenticated": ("UNAUTHENTICATED", "missing bearer token"),
        "invalid-argument": ("INVALID_ARGUMENT", "field name is required"),
    }
    MAX_RECEIVE = 64

    @classmethod
    def setUpClass(cls):
        cls.grpc = grpc = need_module("grpc")
        from concurrent import futures
        cls.release = threading.Event()

        def handle(request, context):
            case = request.decode("ascii", "replace")
            if case in cls.ABORTS:
                status, details = cls.ABORTS[case]
                context.abort(getattr(grpc.StatusCode, status), details)
            if case == "slow":
                cls.release.wait(5)
            return b"ok"

        handler = grpc.method_handlers_generic_handler("statuscodes.Test", {
            "Call": grpc.unary_unary_rpc_method_handler(handle)})
        cls.server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=4), handlers=[handler],
            options=[("grpc.max_receive_message_length", cls.MAX_RECEIVE)])
        cls.port = cls.server.add_insecure_port("%s:0" % HOST)
        cls.server.start()
        cls.channel = grpc.insecure_channel("%s:%d" % (HOST, cls.port))

    @classmethod
    def tearDownClass(cls):
        cls.release.set()
        cls.channel.close()
        cls.server.stop(None).wait(5)

    def rpc_error(self, request, method="/statuscodes.Test/Call", timeout=5,
                  channel=None):
        call = (channel or self.channel).unary_unary(method)
        with self.assertRaises(self.grpc.RpcError) as cm:
            call(request, timeout=timeout)
        return cm.exception, exception_text(cm.exception)

    def test_aborts(self):
        for case, (status, details) in self.ABORTS.items():
            with self.subTest(case=case):
                e, text = self.rpc_error(case.encode())
                self.assertEqual(e.code().name, status)
                self.assertIn("status = StatusCode.%s\n" % status, text)
                self.verdict("grpc-" + case, text)

    def test_deadline_exceeded(self):
        e, text = self.rpc_error(b"slow", timeout=0.5)
        self.assertEqual(e.code().name, "DEADLINE_EXCEEDED")
        self.verdict("grpc-deadline-exceeded", text)

    def test_message_larger_than_max(self):
        e, text = self.rpc_error(b"x" * (4 * self.MAX_RECEIVE))
        self.assertEqual(e.code().name, "RESOURCE_EXHAUSTED")
        self.assertIn("larger than max", text)
        self.verdict("grpc-message-too-large", text)

    def test_unimplemented(self):
        e, text = self.rpc_error(b"x", method="/statuscodes.Test/Nope")
        self.assertEqual(e.code().name, "UNIMPLEMENTED")
        self.verdict("grpc-unimplemented", text)

    def test_connection_refused(self):
        closed, port = closed_port()
        channel = self.grpc.insecure_channel("%s:%d" % (HOST, port))
        try:
            e, text = self.rpc_error(b"x", channel=channel)
        finally:
            channel.close()
            closed.close()
        self.assertEqual(e.code().name, "UNAVAILABLE")
        self.assertIn("Connection refused", text)
        self.verdict("grpc-refused", text)


# ---------------------------------------------------------------------------
# SIP: sipp calls sipp
# ---------------------------------------------------------------------------

UAS_XML = """\
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="answer an INVITE with a final failure">
  <recv request="INVITE" />
  <send>
    <![CDATA[
      SIP/2.0 {status}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
  <recv request="ACK" />
</scenario>
"""

UAC_XML = """\
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="call and take a final failure">
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="100" optional="true" />
  <recv response="{code}" />
  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
</scenario>
"""

SIPP_SEPARATOR = re.compile(r"^-{20,} .*$", re.M)


class SipToolsTest(ToolsTestCase):
    @classmethod
    def setUpClass(cls):
        cls.sipp = need_program("sipp")

    def received(self, status):
        """The UAC's message trace entry for the final response it got."""
        code = status.split()[0]
        with tempfile.TemporaryDirectory(prefix="sc-sipp-") as tmp:
            uas_xml = os.path.join(tmp, "uas.xml")
            uac_xml = os.path.join(tmp, "uac.xml")
            with open(uas_xml, "w") as f:
                f.write(UAS_XML.format(status=status))
            with open(uac_xml, "w") as f:
                f.write(UAC_XML.format(code=code))
            uas_port = free_port(socket.SOCK_DGRAM)
            uac_port = free_port(socket.SOCK_DGRAM)
            trace = os.path.join(tmp, "uac_messages.log")
            uas = subprocess.Popen(
                [self.sipp, "-sf", uas_xml, "-i", HOST, "-p", str(uas_port),
                 "-m", "1", "-nostdin", "-timeout", "10", "-timeout_error"],
                cwd=tmp, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
                env=tool_env())
            try:
                # The INVITE is retransmitted every 500 ms: the UAS may
                # start after the first one.
                rc, out, err = run(
                    [self.sipp, "-sf", uac_xml, "-i", HOST, "-p", str(uac_port),
                     "%s:%d" % (HOST, uas_port), "-s", "alice", "-m", "1",
                     "-nostdin", "-timeout", "10", "-timeout_error",
                     "-trace_msg", "-message_file", trace])
                self.assertEqual(rc, 0, out + err)
                uas.wait(10)
            finally:
                if uas.poll() is None:
                    uas.kill()
                    uas.wait()
            with open(trace, "rb") as f:
                log = f.read().decode("utf-8", "replace")
        starts = [m.start() for m in SIPP_SEPARATOR.finditer(log)] + [len(log)]
        for a, b in zip(starts, starts[1:]):
            entry = log[a:b]
            if "message received" in entry and re.search(
                    r"^SIP/2\.0 %s\r?$" % re.escape(status), entry, re.M):
                return entry
        self.fail("no %s in sipp's message trace:\n%s" % (status, log))

    def test_final_failures(self):
        for status in ("486 Busy Here", "600 Busy Everywhere", "603 Decline"):
            with self.subTest(status=status):
                text = self.received(status)
                self.verdict("sipp-" + status.split()[0], text)


if __name__ == "__main__":
    unittest.main()
