"""The lighttpd example, for real: examples/lighttpd/ behind a running lighttpd.

Starts `lighttpd -D` on a free port of 127.0.0.1 with a temporary config
that includes examples/lighttpd/lighttpd.conf unchanged and only moves the
port, the document root and the error log (`:=`), then asks for pages with
curl, as a browser in another language would:

    SC_LUA_CPATH='/tmp/lt_build/lua/?.so' \\
        python3 -m unittest discover -s tests/lighttpd -v

Needs lighttpd with mod_magnet (Debian: lighttpd, lighttpd-modules-lua),
curl, and SC_LUA_CPATH: the pattern package.cpath uses to find the
statuscodes Lua module (cmake builds it as <build>/lua/statuscodes.so). When
one is missing the tests are skipped, and say why; with CI=true they fail
instead. Every lighttpd started here is stopped when its tests end, whatever
happens.
"""

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXAMPLE = os.path.join(ROOT, "examples", "lighttpd")
EXAMPLE_CONF = os.path.join(EXAMPLE, "lighttpd.conf")

START_TIMEOUT = 10   # seconds for lighttpd to accept connections
STOP_TIMEOUT = 5     # seconds for lighttpd to exit after SIGTERM
CURL_TIMEOUT = 5     # seconds for one request, connection included
# All requests together get this long: a server that hangs fails the rest at
# once instead of making every request wait for its own timeout.
BUDGET = 35
_deadline = None  # set when the first lighttpd starts

# What statuscodes says, as the pages must show it (sc.describe(code,
# {protocol = "http", lang = ...}).name and .labels.when / .labels.fix).
EXPECTED = {
    (404, "fr"): ("Introuvable", "Quand vous le voyez", "Comment résoudre"),
    (404, "es"): ("No encontrado", "Cuándo aparece", "Cómo solucionarlo"),
    (503, "fr"): ("Service indisponible", "Quand vous le voyez", "Comment résoudre"),
    (503, "es"): ("Servicio no disponible", "Cuándo aparece", "Cómo solucionarlo"),
    (404, "en"): ("Not Found", "When you see it", "How to fix it"),
}

# A test-only script: /status/NNN answers with status NNN and no body, to
# reach codes the example itself never sends; /json/NNN with a JSON body, as
# an API does.
STATUS_LUA = """\
local r = lighty.r
local kind, code = r.req_attr["uri.path"]:match("^/(%a+)/(%d+)$")
if kind == "json" then
    r.resp_header["Content-Type"] = "application/problem+json"
    r.resp_body.set({ '{"title": "kept as the API wrote it"}' })
end
if code then return tonumber(code) end
"""


def unavailable(reason):
    """Skip for a missing tool; under CI=true that is a failure."""
    if os.environ.get("CI", "").strip().lower() == "true":
        raise AssertionError("lighttpd example cannot run under CI: " + reason)
    raise unittest.SkipTest(reason)


def find_program(name):
    path = shutil.which(name)
    if path is None:
        for d in ("/usr/sbin", "/usr/local/sbin", "/sbin"):
            candidate = os.path.join(d, name)
            if os.access(candidate, os.X_OK):
                return candidate
    return path


def lua_cpath_has_module(cpath):
    """Whether one entry of a package.cpath pattern names an existing file."""
    for entry in cpath.split(";"):
        if "?" in entry and os.path.isfile(entry.replace("?", "statuscodes")):
            return True
    return False


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def die_with_parent():
    """In the child: be sent SIGTERM if the test process dies (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Lighttpd:
    """One lighttpd -D process on 127.0.0.1, with its own directory."""

    def __init__(self, lighttpd, cpath, extra_conf="", extra_env=None):
        self.dir = tempfile.mkdtemp(prefix="sc-lighttpd-")
        self.docroot = os.path.join(self.dir, "htdocs")
        os.mkdir(self.docroot)
        with open(os.path.join(self.docroot, "index.html"), "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><title>here</title><p>This page exists.</p>\n")
        self.errorlog = os.path.join(self.dir, "error.log")
        self.conf = os.path.join(self.dir, "lighttpd.conf")
        self.lighttpd = lighttpd
        self.env = dict(os.environ, SC_LUA_CPATH=cpath, **(extra_env or {}))
        self.extra_conf = extra_conf
        self.proc = None
        self.stderr = None
        self.port = None

    def write_conf(self, port):
        def q(s):
            return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write(
                "# Written by tests/lighttpd/test_lighttpd.py: the example,\n"
                "# moved to a free port and a temporary document root.\n"
                f"include {q(EXAMPLE_CONF)}\n"
                f'server.bind := "127.0.0.1"\n'
                f"server.port := {port}\n"
                f"server.document-root := {q(self.docroot)}\n"
                f"server.errorlog := {q(self.errorlog)}\n"
                + self.extra_conf)

    def check_config(self):
        """lighttpd -tt: parse the config and load the modules, no socket."""
        self.write_conf(free_port())
        # The example finds its scripts from the directory lighttpd starts in.
        r = subprocess.run([self.lighttpd, "-tt", "-f", self.conf], cwd=EXAMPLE,
                           env=self.env, capture_output=True, text=True,
                           timeout=STOP_TIMEOUT * 2)
        return r.returncode, (r.stdout + r.stderr).strip()

    def start(self):
        """Start on a free port; a port taken in between gets another try."""
        for _ in range(3):
            self.port = free_port()
            self.write_conf(self.port)
            self.stderr = open(os.path.join(self.dir, "stderr.log"), "ab")
            self.proc = subprocess.Popen(
                [self.lighttpd, "-D", "-f", self.conf], cwd=EXAMPLE, env=self.env,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.stderr,
                preexec_fn=die_with_parent if sys.platform.startswith("linux") else None)
            deadline = time.monotonic() + START_TIMEOUT
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                    return
                except OSError:
                    time.sleep(0.05)
            self.stop()
        raise AssertionError("lighttpd did not start:\n" + self.log())

    def stop(self):
        proc, self.proc = self.proc, None
        try:
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=STOP_TIMEOUT)
        finally:
            if self.stderr is not None:
                self.stderr.close()
                self.stderr = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self):
        text = []
        for name in ("stderr.log", "error.log"):
            try:
                with open(os.path.join(self.dir, name), encoding="utf-8",
                          errors="replace") as f:
                    text.append(f.read())
            except OSError:
                pass
        return "\n".join(t for t in text if t)

    def get(self, path, accept_language=None, head=False):
        """(status, {lower-case header: value}, body text) from real curl."""
        left = _deadline - time.monotonic()
        if left < 1:
            raise AssertionError(f"the requests took more than {BUDGET} s in all; "
                                 "lighttpd may be hanging:\n" + self.log())
        max_time = min(CURL_TIMEOUT, left)
        cmd = [CURL, "-sS", "-i", "--noproxy", "*", "--max-time", f"{max_time:.1f}"]
        if head:
            cmd.append("-I")
        if accept_language is not None:
            cmd += ["-H", "Accept-Language: " + accept_language]
        cmd.append(f"http://127.0.0.1:{self.port}{path}")
        r = subprocess.run(cmd, capture_output=True, timeout=max_time + 5)
        if r.returncode != 0:
            raise AssertionError(f"curl {path} failed ({r.returncode}): "
                                 f"{r.stderr.decode(errors='replace')}\n{self.log()}")
        head_part, _, body = r.stdout.partition(b"\r\n\r\n")
        lines = head_part.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return status, headers, body.decode("utf-8")


CURL = find_program("curl")


def requirements():
    """(lighttpd, SC_LUA_CPATH), or skip (fail under CI) saying what is missing."""
    lighttpd = find_program("lighttpd")
    if lighttpd is None:
        unavailable("lighttpd is not installed (Debian: apt-get install lighttpd "
                    "lighttpd-modules-lua)")
    if CURL is None:
        unavailable("curl is not installed (Debian: apt-get install curl)")
    cpath = os.environ.get("SC_LUA_CPATH", "")
    if not cpath:
        unavailable("SC_LUA_CPATH is not set: give the package.cpath pattern of "
                    "the statuscodes Lua module, e.g. SC_LUA_CPATH='build/lua/?.so'")
    if not lua_cpath_has_module(cpath):
        unavailable(f"SC_LUA_CPATH={cpath!r} names no statuscodes module: build it "
                    "first (cmake --build <build>, then <build>/lua/?.so)")
    return lighttpd, cpath


def start_server(case, cpath, extra_conf="", extra_env=None):
    """A running Lighttpd for a test class, stopped by its class cleanup."""
    global _deadline
    if _deadline is None:
        _deadline = time.monotonic() + BUDGET
    server = Lighttpd(case.lighttpd, cpath, extra_conf, extra_env)
    case.addClassCleanup(server.cleanup)
    rc, out = server.check_config()
    if rc != 0:
        if "mod_magnet" in out:
            unavailable("lighttpd cannot load mod_magnet, its Lua module (Debian: "
                        "apt-get install lighttpd-modules-lua): " + out)
        raise AssertionError("lighttpd rejects the example config:\n" + out)
    server.start()
    return server


class ErrorPages(unittest.TestCase):
    """The example as shipped: a missing page (404) and /maintenance (503)."""

    @classmethod
    def setUpClass(cls):
        cls.lighttpd, cpath = requirements()
        status_lua = os.path.join(tempfile.gettempdir(), f"sc-status-{os.getpid()}.lua")
        with open(status_lua, "w", encoding="utf-8") as f:
            f.write(STATUS_LUA)
        cls.addClassCleanup(os.remove, status_lua)
        cls.server = start_server(cls, cpath, extra_conf=(
            '$HTTP["url"] =~ "^/(status|json)/" {\n'
            f'    magnet.attract-raw-url-to = ( "{status_lua}" )\n'
            "}\n"))

    def page(self, path, accept_language=None):
        return self.server.get(path, accept_language)

    def assert_page(self, path, accept_language, code, lang):
        status, headers, body = self.page(path, accept_language)
        name, when, fix = EXPECTED[(code, lang)]
        self.assertEqual(status, code)
        self.assertEqual(headers.get("content-type"), "text/html; charset=utf-8")
        self.assertEqual(headers.get("content-language"), lang)
        self.assertIn("accept-language", headers.get("vary", "").lower())
        self.assertEqual(int(headers["content-length"]), len(body.encode("utf-8")))
        self.assertIn(f'<html lang="{lang}">', body)
        self.assertIn(f'<span class="code">{code}</span>', body)
        self.assertIn(name, body)
        self.assertIn(f"<h2>{when}</h2>", body)
        self.assertIn(f"<h2>{fix}</h2>", body)
        self.assertNotIn("<?xml", body)  # lighttpd's own page is gone
        return headers, body

    def test_missing_page_french_from_region(self):
        # fr-CA is not a language of statuscodes: it falls back to fr.
        _, body = self.assert_page("/missing", "fr-CA,fr;q=0.9", 404, "fr")
        # Text from the library is escaped: an apostrophe never comes raw.
        self.assertIn("n&#39;a aucune ressource", body)

    def test_missing_page_spanish(self):
        self.assert_page("/missing", "es", 404, "es")

    def test_maintenance_spanish(self):
        headers, _ = self.assert_page("/maintenance", "es", 503, "es")
        self.assertEqual(headers.get("retry-after"), "120")

    def test_maintenance_french(self):
        self.assert_page("/maintenance", "fr-CA,fr;q=0.9", 503, "fr")

    def test_english_by_default(self):
        self.assert_page("/missing", None, 404, "en")
        self.assert_page("/missing", "tlh, x-klingon", 404, "en")

    def test_quality_values(self):
        # Highest q wins; q=0 refuses; the order of the header breaks ties.
        self.assert_page("/missing", "fr;q=0.5, es;q=0.8", 404, "es")
        self.assert_page("/missing", "es;q=0, fr-CA;q=0.3, es-MX", 404, "fr")
        self.assert_page("/missing", "en;q=0.9, FR-ca", 404, "fr")
        self.assert_page("/missing", "es;q=0.5, fr;q=0.5", 404, "es")
        self.assert_page("/missing", "*", 404, "en")

    def test_head_request_completes(self):
        status, headers, body = self.server.get("/missing", "fr", head=True)
        self.assertEqual(status, 404)
        self.assertEqual(headers.get("content-language"), "fr")
        self.assertEqual(body, "")

    def test_existing_page_untouched(self):
        status, headers, body = self.page("/", "fr")
        self.assertEqual(status, 200)
        self.assertIn("This page exists.", body)
        self.assertNotIn("content-language", headers)

    def test_unlisted_code_described_by_class(self):
        # 477 is well-formed but listed nowhere: described from its class.
        status, headers, body = self.page("/status/477", "es")
        self.assertEqual(status, 477)
        self.assertEqual(headers.get("content-language"), "es")
        self.assertIn("Respuesta de error del cliente no listada", body)

    def test_code_that_is_not_http(self):
        # describe() answers nil for 999: the page falls back to the class,
        # and lighttpd still answers.
        status, headers, body = self.page("/status/999", "fr")
        self.assertEqual(status, 999)
        self.assertEqual(headers.get("content-language"), "fr")
        self.assertIn('<html lang="fr">', body)
        self.assertIn('<span class="code">999</span>', body)
        self.assertIn("Erreur du serveur", body)  # the class name, in French


    def test_api_error_body_kept(self):
        # A JSON error is for the API's clients: left as it is.
        status, headers, body = self.page("/json/422", "fr")
        self.assertEqual(status, 422)
        self.assertEqual(headers.get("content-type"), "application/problem+json")
        self.assertNotIn("content-language", headers)
        self.assertEqual(body, '{"title": "kept as the API wrote it"}')


class WithoutTheModule(unittest.TestCase):
    """No statuscodes module where SC_LUA_CPATH points: plain pages, no crash."""

    @classmethod
    def setUpClass(cls):
        cls.lighttpd, _ = requirements()
        cls.empty = tempfile.mkdtemp(prefix="sc-no-module-")
        cls.addClassCleanup(shutil.rmtree, cls.empty, True)
        nowhere = os.path.join(cls.empty, "?.so")
        # Lua's default directories must not find an installed module either.
        cls.server = start_server(cls, nowhere, extra_env={"LUA_CPATH_5_4": nowhere})

    def test_lighttpd_page_kept(self):
        status, headers, body = self.server.get("/missing", "fr")
        self.assertEqual(status, 404)
        self.assertNotIn("content-language", headers)
        self.assertIn("404 Not Found", body)
        self.assertIn("cannot load statuscodes", self.server.log())


if __name__ == "__main__":
    unittest.main()
