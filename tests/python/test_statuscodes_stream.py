"""Light verdicts (details=False), parse_stream(), and the command line as a
stream: a verdict printed as soon as its reply is complete."""
import glob
import io
import json
import os
import select
import subprocess
import sys
import tempfile
import unittest

import statuscodes as sc

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("SC_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
FIELD_MANUAL = os.path.join(ROOT, "tests", "corpora", "smtp-field-manual", "codes")

LOG = [
    "Dec  1 10:00:00 mx postfix/qmgr[1]: 4F2A: removed",  # no reply
    "550 5.1.1 <a@example.com>: Recipient address rejected",
    "",
    "550-5.7.1 The user or domain that you are sending to",
    "550-5.7.1 has a policy that prohibited the mail",
    "550 5.7.1 that you sent.",
    "hello world",  # no reply
    "HTTP/1.1 503 Service Unavailable",
    "Retry-After: 120",
    "Content-Type: text/html",
    "421 4.7.0 Try again later",
    "250 2.0.0 OK queued as 12345",
]
LOG_TEXT = "\n".join(LOG) + "\n"


def field_manual():
    replies = []
    for path in sorted(glob.glob(os.path.join(FIELD_MANUAL, "*.json"))):
        with open(path, encoding="utf-8") as f:
            for provider in json.load(f)["providers"]:
                replies.extend(r["response"] for r in provider["responses"])
    return replies


class LightVerdicts(unittest.TestCase):
    def test_keys_always_there(self):
        reply = "550 5.1.1 No such user"
        light, full = sc.parse(reply), sc.parse(reply, details=True)
        self.assertEqual(list(light), list(full))
        self.assertIsNone(light["code_info"])
        self.assertIsNone(light["enhanced_info"])
        self.assertEqual(full["code_info"], sc.describe(550))
        self.assertEqual(full["enhanced_info"], sc.describe("5.1.1"))
        self.assertEqual({**full, "code_info": None, "enhanced_info": None}, light)
        self.assertEqual(sc.parse_many([reply]), [light])
        self.assertEqual(sc.parse_log(reply), [light])
        self.assertEqual(sc.parse_many([reply], details=1), [full])
        self.assertEqual(sc.parse_log(reply, details=True), [full])
        self.assertEqual(sc.parse(reply, None, "en", True), full)

    def test_json_under_1kb(self):
        # About 1 KB a JSON line: the verdict's own keys and values under
        # 1 KB, besides the reply's words (in text and lines); on average
        # under 1 KB in all.
        sizes = []
        for reply in field_manual():
            v = sc.parse(reply)
            n = len(json.dumps(v, ensure_ascii=False).encode())
            words = len(json.dumps([v["text"], v["lines"]], ensure_ascii=False).encode())
            self.assertLess(n - words, 1024, reply)
            sizes.append(n)
        self.assertLess(sum(sizes) / len(sizes), 1024)

    def test_one_line_shares_its_str(self):
        reply = "550 5.1.1 caf\u00e9 unknown"
        self.assertIs(sc.parse(reply)["lines"][0], reply)
        reply = "550 5.1.1 plain ascii"
        self.assertIs(sc.parse_many([reply])[0]["lines"][0], reply)

    def test_no_utf8_copy_left_on_the_str(self):
        # parse(str) encodes into memory of its own: CPython's cached UTF-8
        # copy would stay on the caller's str (and triple a large one).
        reply = "550 5.1.1 " + "\u00e9" * 100000
        before = sys.getsizeof(reply)
        sc.parse(reply)
        sc.parse_many([reply])
        sc.parse_log(reply)
        self.assertEqual(sys.getsizeof(reply), before)

    @unittest.skipIf(os.environ.get("SC_VALGRIND"),
                     "CPython 3.11's tracemalloc loses 24 bytes under valgrind "
                     "(list(iter(x)) in a tracemalloc window does too)")
    def test_kept_verdicts_stay_small(self):
        import tracemalloc

        replies = field_manual() * 20
        sc.parse_many(replies[:50])
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            kept = sc.parse_many(replies)
            used = tracemalloc.get_traced_memory()[0] - start
        finally:
            tracemalloc.stop()
        self.assertEqual(len(kept), len(replies))
        self.assertLess(used / len(replies), 1024)

    def test_changing_a_verdict_changes_no_other(self):
        a = sc.parse("550 5.1.1 No such user")
        a["code"] = 1
        a["lines"].append("x")
        a["extra"] = 1
        b = sc.parse("550 5.1.1 No such user")
        self.assertEqual(b["code"], 550)
        self.assertEqual(b["lines"], ["550 5.1.1 No such user"])
        self.assertNotIn("extra", b)


class ParseStream(unittest.TestCase):
    def expected(self, **kw):
        return sc.parse_log(LOG_TEXT, **kw)

    def test_iterables(self):
        expected = self.expected()
        self.assertEqual(len(expected), 5)
        self.assertEqual(list(sc.parse_stream(LOG)), expected)
        self.assertEqual(list(sc.parse_stream(line + "\n" for line in LOG)), expected)
        self.assertEqual(list(sc.parse_stream([line.encode() + b"\r\n" for line in LOG])),
                         sc.parse_log(LOG_TEXT.replace("\n", "\r\n")))
        self.assertEqual(list(sc.parse_stream(iter([]))), [])
        self.assertEqual(list(sc.parse_stream(["", "  ", "hello"])), [])
        full = list(sc.parse_stream(LOG, details=True))
        self.assertEqual(full, self.expected(details=True))
        self.assertIsNotNone(full[0]["code_info"])

    def test_files(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "mail.log")
            with open(path, "w", encoding="utf-8") as f:
                f.write(LOG_TEXT)
            with open(path, "rb") as f:
                self.assertEqual(list(sc.parse_stream(f)), self.expected())
            with open(path, encoding="utf-8") as f:
                self.assertEqual(list(sc.parse_stream(f)), self.expected())
        self.assertEqual(list(sc.parse_stream(io.StringIO(LOG_TEXT.rstrip("\n")))),
                         self.expected())
        self.assertEqual(list(sc.parse_stream(io.BytesIO(LOG_TEXT.encode()))),
                         self.expected())

    def test_each_reply_as_soon_as_complete(self):
        fed = []

        def lines():
            for line in LOG:
                fed.append(line)
                yield line

        it = sc.parse_stream(lines())
        v = next(it)  # the one-line reply: at once
        self.assertEqual(v["enhanced"], "5.1.1")
        self.assertEqual(len(fed), 2)
        v = next(it)  # the multi-line reply: at its "550 " line
        self.assertEqual(len(v["lines"]), 3)
        self.assertEqual(len(fed), 6)
        v = next(it)  # the status line and its headers: at the next reply
        self.assertEqual((v["protocol"], v["code"], v["retry_after"]), ("http", 503, 120))
        self.assertEqual(len(fed), 11)
        self.assertEqual([v["code"] for v in it], [421, 250])

    def test_open_reply_at_end(self):
        self.assertEqual([v["lines"] for v in sc.parse_stream(["550-a", "550-b"])],
                         [["550-a", "550-b"]])
        v = list(sc.parse_stream(["HTTP/1.1 429 Too Many", "Retry-After: 7"]))
        self.assertEqual([x["retry_after"] for x in v], [7])

    def test_agrees_with_parse_log_on_corpora(self):
        paths = sorted(glob.glob(os.path.join(ROOT, "tests", "corpora", "protocols", "*.txt")))
        self.assertTrue(paths)
        for path in paths:
            with open(path, "rb") as f:
                data = f.read()
            with open(path, "rb") as f:
                self.assertEqual(list(sc.parse_stream(f)), sc.parse_log(data), path)
        replies = field_manual()
        self.assertEqual(list(sc.parse_stream(replies)), sc.parse_log("\n".join(replies)))

    def test_bounded(self):
        # An open block that never ends is parsed as it stands.
        def lines():
            yield "HTTP/1.1 503 Service Unavailable"
            for i in range(100000):
                yield f"X-Header-{i}: value"

        self.assertGreaterEqual(len(list(sc.parse_stream(lines()))), 1)

    def test_errors(self):
        with self.assertRaises(ValueError):
            sc.parse_stream([], protocol="nope")
        with self.assertRaises(ValueError):
            sc.parse_stream([], lang="xx")
        with self.assertRaises(TypeError):
            sc.parse_stream("550 x")
        with self.assertRaises(TypeError):
            sc.parse_stream(42)
        with self.assertRaises(TypeError):
            list(sc.parse_stream(["550 x", 42]))


LUA_PARSE_DUMP = r"""
local sc = require("statuscodes")
local function enc(v)
  local t = type(v)
  if t == "string" then
    return '"' .. v:gsub('[%c"\\]', function(c)
      return string.format("\\u%04x", c:byte()) end) .. '"'
  elseif t == "number" or t == "boolean" then return tostring(v)
  elseif t == "table" then
    if #v > 0 or next(v) == nil then
      local out = {}
      for i = 1, #v do out[i] = enc(v[i]) end
      return "[" .. table.concat(out, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    local out = {}
    for _, k in ipairs(keys) do out[#out + 1] = enc(k) .. ":" .. enc(v[k]) end
    return "{" .. table.concat(out, ",") .. "}"
  end
  error("cannot encode " .. t)
end
local path = ...
local f = assert(io.open(path, "rb"))
local text = f:read("a")
f:close()
for _, v in ipairs(sc.parse_log(text)) do io.write("log ", enc(v), "\n") end
for _, v in ipairs(sc.parse_log(text, {details = true})) do io.write("full ", enc(v), "\n") end
for v in sc.parse_stream(io.lines(path)) do io.write("stream ", enc(v), "\n") end
"""


def without_none(v):
    """A Python result as Lua shows it: keys whose value is None are absent."""
    if isinstance(v, dict):
        return {k: without_none(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [without_none(x) for x in v]
    return v


class LuaAgrees(unittest.TestCase):
    """Python and Lua give the same verdicts, light and with details, from
    parse_log and parse_stream."""

    def test_same_verdicts(self):
        import shutil

        lua = shutil.which("lua5.4")
        cpath = os.environ.get("SC_LUA_CPATH")
        if not lua or not cpath:
            if os.environ.get("CI") == "true":
                self.fail("CI=true: lua5.4 and the built Lua module (SC_LUA_CPATH) are needed")
            self.skipTest("no lua5.4 or SC_LUA_CPATH: the Lua module is not built")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "mail.log")
            text = LOG_TEXT + "\n".join(field_manual()[:60]) + "\n"
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            r = subprocess.run([lua, "-", path], input=LUA_PARSE_DUMP, capture_output=True,
                               text=True, env=dict(os.environ, LUA_CPATH=cpath), timeout=300)
            self.assertEqual(r.returncode, 0, r.stderr)
            got = {"log": [], "full": [], "stream": []}
            for line in r.stdout.splitlines():
                kind, _, body = line.partition(" ")
                got[kind].append(json.loads(body))
            light = [without_none(v) for v in sc.parse_log(text)]
            self.assertEqual(got["log"], light)
            self.assertEqual(got["stream"], light)
            with open(path, "rb") as f:
                self.assertEqual([without_none(v) for v in sc.parse_stream(f)], light)
            self.assertEqual(got["full"], [without_none(v) for v in sc.parse_log(text, details=True)])


class CommandLineStream(unittest.TestCase):
    def test_verdict_before_stdin_ends(self):
        root = os.path.dirname(os.path.dirname(os.path.abspath(sc.__file__)))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
        with tempfile.TemporaryDirectory() as cwd:
            proc = subprocess.Popen(
                [sys.executable, "-m", "statuscodes", "--parse", "-", "--json"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=cwd)
            try:
                def read_line():
                    ready, _, _ = select.select([proc.stdout], [], [], 30)
                    self.assertTrue(ready, "no verdict printed before stdin ended")
                    return json.loads(proc.stdout.readline())

                proc.stdin.write(b"550 5.1.1 No such user\n")
                proc.stdin.flush()
                self.assertEqual(read_line()["enhanced"], "5.1.1")
                proc.stdin.write(b"451-4.7.1 Greylisted\n451 4.7.1 try later\n")
                proc.stdin.flush()
                self.assertEqual(read_line()["code"], 451)
                proc.stdin.write(b"421 4.7.0 Too many connections\n")
                proc.stdin.close()
                self.assertEqual(read_line()["code"], 421)
                self.assertEqual(proc.stdout.read(), b"")
                self.assertEqual(proc.wait(timeout=30), 0)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                proc.stdout.close()


if __name__ == "__main__":
    unittest.main()
