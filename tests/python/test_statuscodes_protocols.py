"""Protocols beyond SMTP, on the generic core: HTTP against its registry,
codes no registry lists, symbols, equivalents both ways, lookup, search, the
command line, and Python and Lua giving the same keys and values for every
code. Standard library only; the Lua comparison needs lua5.4 and the built
Lua module (SC_LUA_CPATH), and skips without them unless CI=true."""
import http
import json
import os
import shutil
import subprocess
import sys
import unittest

import statuscodes as sc
from cli_helper import run_cli

# The IANA HTTP Status Code Registry (RFC 9110 §18.3 and its extensions):
# every registered code with its registry name, as the registry lists them.
HTTP_REGISTRY = {
    100: "Continue", 101: "Switching Protocols", 102: "Processing",
    103: "Early Hints", 104: "Upload Resumption Supported",
    200: "OK", 201: "Created", 202: "Accepted",
    203: "Non-Authoritative Information", 204: "No Content",
    205: "Reset Content", 206: "Partial Content", 207: "Multi-Status",
    208: "Already Reported", 226: "IM Used",
    300: "Multiple Choices", 301: "Moved Permanently", 302: "Found",
    303: "See Other", 304: "Not Modified", 305: "Use Proxy", 306: "(Unused)",
    307: "Temporary Redirect", 308: "Permanent Redirect",
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required",
    403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    406: "Not Acceptable", 407: "Proxy Authentication Required",
    408: "Request Timeout", 409: "Conflict", 410: "Gone",
    411: "Length Required", 412: "Precondition Failed",
    413: "Content Too Large", 414: "URI Too Long",
    415: "Unsupported Media Type", 416: "Range Not Satisfiable",
    417: "Expectation Failed", 418: "(Unused)", 421: "Misdirected Request",
    422: "Unprocessable Content", 423: "Locked", 424: "Failed Dependency",
    425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
    429: "Too Many Requests", 431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
    505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
    507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended",
    511: "Network Authentication Required",
}

# Codes no registry lists that people meet, and whose they are.
HTTP_UNREGISTERED = {
    419: "Laravel", 420: "Twitter", 440: "Microsoft", 444: "nginx",
    449: "Microsoft", 450: "Microsoft", 460: "AWS", 463: "AWS", 464: "AWS",
    494: "nginx", 495: "nginx", 496: "nginx", 497: "nginx", 498: "ArcGIS",
    499: "nginx", 509: "", 520: "Cloudflare", 521: "Cloudflare",
    522: "Cloudflare", 523: "Cloudflare", 524: "Cloudflare",
    525: "Cloudflare", 526: "Cloudflare", 527: "Cloudflare",
    530: "Cloudflare", 561: "AWS", 598: "", 599: "",
}

LANGS = ("en", "fr", "es", "de", "it", "pt", "ja", "zh")  # the languages of entry prose


def every_code():
    for protocol in sc.protocols():
        for code in sc.codes(protocol):
            yield protocol, code


class HttpRegistry(unittest.TestCase):
    def test_every_registered_code(self):
        listed = set(sc.codes("http"))
        for code, name in HTTP_REGISTRY.items():
            with self.subTest(code=code):
                self.assertIn(code, listed)
                d = sc.describe(code, protocol="http")
                self.assertTrue(d["known"])
                self.assertEqual(d["source"], "registry")
                self.assertEqual(d["name"], name)
                self.assertTrue(d["references"])
                self.assertIn("IANA HTTP Status Code Registry", d["references"])
                self.assertEqual(d["class"], "%dxx" % (code // 100))
                self.assertTrue(d["gist"])

    def test_rfc9110_sections(self):
        for code, ref in ((404, "RFC 9110 §15.5.5"), (421, "RFC 9110 §15.5.20"),
                          (422, "RFC 9110 §15.5.21"), (426, "RFC 9110 §15.5.22"),
                          (503, "RFC 9110 §15.6.4"), (200, "RFC 9110 §15.3.1")):
            self.assertIn(ref, sc.describe(code, protocol="http")["references"])

    def test_unused_and_obsolete(self):
        self.assertIn("teapot", " ".join(sc.describe(418, protocol="http")["variants"]).lower())
        self.assertIn("2324", " ".join(sc.describe(418, protocol="http")["variants"]))
        for code in (306, 418):
            self.assertEqual(sc.describe(code, protocol="http")["name"], "(Unused)")
        self.assertIn("obsolete", sc.describe(510, protocol="http")["description"].lower())
        self.assertIn("temporary", sc.describe(104, protocol="http")["description"].lower())

    def test_unregistered_codes_say_whose(self):
        listed = set(sc.codes("http"))
        for code, origin in HTTP_UNREGISTERED.items():
            with self.subTest(code=code):
                self.assertIn(code, listed)
                d = sc.describe(code, protocol="http")
                self.assertIn(d["source"], ("vendor", "common"))
                self.assertTrue(d["origin"])
                self.assertIn(origin, d["origin"])
        for code in HTTP_REGISTRY:
            self.assertIsNone(sc.describe(code, protocol="http")["origin"])

    def test_several_meanings(self):
        # Registered meaning first, the others as variants with their origin.
        d = sc.describe(451, protocol="http")
        self.assertEqual(d["name"], "Unavailable For Legal Reasons")
        self.assertTrue(any("Exchange" in v or "IIS" in v for v in d["variants"]))
        d = sc.describe(499, protocol="http")
        self.assertEqual(d["name"], "Client Closed Request")
        self.assertIn("nginx", d["origin"])
        self.assertTrue(any("ArcGIS" in v for v in d["variants"]))
        d = sc.describe(530, protocol="http")
        self.assertIn("Cloudflare", d["origin"])
        self.assertTrue(any("Pantheon" in v for v in d["variants"]))

    def test_retry(self):
        retry = {c: sc.describe(c, protocol="http")["retry"] for c in HTTP_REGISTRY}
        for code in (408, 425, 429, 503):
            self.assertEqual(retry[code], "later", code)
        for code in (500, 502, 504):
            self.assertEqual(retry[code], "idempotent", code)
            self.assertTrue(sc.describe(code, protocol="http")["retryable"])
        for code in (400, 401, 403, 404, 405):
            self.assertEqual(retry[code], "after_fix", code)
            self.assertFalse(sc.describe(code, protocol="http")["retryable"])
        self.assertIn("Retry-After", sc.describe(503, protocol="http")["fix"]
                      + sc.describe(503, protocol="http")["when"])
        self.assertEqual(retry[301], "follow")
        self.assertEqual(retry[200], "not_needed")

    def test_methods(self):
        self.assertTrue(sc.describe(501, protocol="http")["commands"])
        self.assertIn("PATCH", sc.describe(501, protocol="http")["commands"])

    def test_translated(self):
        for code in sc.codes("http"):
            for lang in LANGS[1:]:
                d = sc.describe(code, protocol="http", lang=lang)
                self.assertEqual(d["untranslated"], [], (code, lang))
                self.assertNotEqual(d["description"],
                                    sc.describe(code, protocol="http")["description"])

    def test_classes_are_http_s(self):
        names = {c: sc.describe(c, protocol="http")["class_name"] for c in (100, 200, 300, 400, 500)}
        self.assertEqual(names, {100: "Informational", 200: "Successful", 300: "Redirection",
                                 400: "Client Error", 500: "Server Error"})
        self.assertEqual(sc.describe(404, protocol="http", lang="fr")["class_name"],
                         "Erreur du client")

    def test_no_mail_wording_under_http(self):
        for code in sc.codes("http"):
            for lang in LANGS:
                d = sc.describe(code, protocol="http", lang=lang)
                text = " ".join((d["retry_advice"], d["actor_text"]))
                for mail in ("message", "mensaje", "sending software", "logiciel d'envoi"):
                    self.assertNotIn(mail, text, (code, lang))
        self.assertIn("this address", sc.describe(550)["retry_advice"])


class Unlisted(unittest.TestCase):
    def test_unassigned_code_from_its_class(self):
        d = sc.describe(299, protocol="http")
        self.assertFalse(d["known"])
        self.assertEqual(d["class"], "2xx")
        self.assertEqual(d["class_name"], "Successful")
        self.assertIsNone(d["mnemonic"])
        d = sc.describe(599 - 1 - 1, protocol="http")  # 597
        self.assertFalse(d["known"])

    def test_outside_the_space(self):
        for bad in (99, 600, 0, -1, 1000, "99", "600", "4.0.4", "40 4", "NOPE", "", "NOT FOUND X"):
            with self.subTest(bad=bad):
                with self.assertRaises(ValueError) as cm:
                    sc.describe(bad, protocol="http")
                self.assertIn("100 to 599", str(cm.exception))
                self.assertIn("http", str(cm.exception))

    def test_unknown_protocol(self):
        with self.assertRaises(ValueError) as cm:
            sc.describe(404, protocol="gopher")
        for name in sc.protocols():
            self.assertIn(name, str(cm.exception))


class Symbols(unittest.TestCase):
    def test_http_status_names_and_members(self):
        for member in http.HTTPStatus:
            with self.subTest(member=member.name):
                d = sc.describe(member)
                self.assertEqual(d["protocol"], "http")
                self.assertEqual(d["code"], member.value)
                self.assertIn(member.name, [d["mnemonic"]] + d["aliases"])
        for name, member in http.HTTPStatus.__members__.items():
            self.assertEqual(sc.describe(name, protocol="http")["code"], member.value)

    def test_spellings(self):
        for spelling in ("NOT_FOUND", "not_found", "NotFound", "not found",
                         "HTTPStatus.NOT_FOUND", "http.HTTPStatus.NOT_FOUND", "Not-Found"):
            self.assertEqual(sc.describe(spelling, protocol="http")["code"], 404, spelling)
        d = sc.describe("REQUEST_ENTITY_TOO_LARGE", protocol="http")
        self.assertEqual((d["code"], d["mnemonic"]), (413, "CONTENT_TOO_LARGE"))
        self.assertIn("REQUEST_ENTITY_TOO_LARGE", d["aliases"])

    def test_explicit_protocol_wins(self):
        # An HTTPStatus member with an explicit protocol is read as a number.
        self.assertEqual(sc.describe(http.HTTPStatus.OK, protocol="smtp")["protocol"], "smtp")
        self.assertFalse(sc.describe(http.HTTPStatus.OK, protocol="smtp")["known"])


class Equivalents(unittest.TestCase):
    def test_first_links(self):
        def linked(protocol, code, other, other_code):
            d = sc.describe(code, protocol=protocol)
            return any(q["protocol"] == other and q["code"] == other_code for q in d["equivalents"])

        for a, b in ((("smtp", 421), ("http", 503)), (("smtp", 535), ("http", 401)),
                     (("smtp", 552), ("http", 413)), (("smtp", "5.3.4"), ("http", 413)),
                     (("smtp", "4.7.28"), ("http", 429))):
            self.assertTrue(linked(*a, *b), (a, b))
            self.assertTrue(linked(*b, *a), (b, a))

    def test_both_ways_everywhere(self):
        for protocol, code in every_code():
            for q in sc.describe(code, protocol=protocol)["equivalents"]:
                back = sc.describe(q["code"], protocol=q["protocol"])
                self.assertNotEqual(q["protocol"], protocol)
                self.assertTrue(back["known"])
                self.assertEqual(q["name"], back["name"])
                self.assertTrue(any(r["protocol"] == protocol and r["code"] == code
                                    and r["closeness"] == q["closeness"]
                                    for r in back["equivalents"]),
                                (protocol, code, q))
        # An enhanced code's link holds for the class equivalents.txt names.
        self.assertTrue(sc.describe("5.1.1")["equivalents"])
        self.assertEqual(sc.describe("4.1.1")["equivalents"], [])

    def test_names_follow_the_language(self):
        q = sc.describe(535, lang="fr")["equivalents"]
        self.assertIn("Non autorisé", [x["name"] for x in q])


class LookupAndSearch(unittest.TestCase):
    def test_lookup_same_number(self):
        found = sc.lookup(421)
        self.assertEqual([d["protocol"] for d in found], ["smtp", "http", "ftp", "sip"])
        self.assertEqual(len({d["name"] for d in found}), 4)
        self.assertEqual(sc.lookup("421"), found)
        self.assertEqual([d["protocol"] for d in sc.lookup(404)], ["http", "sip"])
        self.assertEqual([(d["protocol"], d["code"]) for d in sc.lookup("NOT_FOUND")],
                         [("http", 404), ("grpc", 5)])
        self.assertEqual(sc.lookup("5.1.1")[0]["protocol"], "smtp")
        self.assertEqual(sc.lookup(299), [])
        self.assertEqual(sc.lookup("nonsense"), [])
        self.assertEqual(sc.lookup(421, lang="fr")[0]["lang"], "fr")
        with self.assertRaises(TypeError):
            sc.lookup(4.2)
        with self.assertRaises(ValueError):
            sc.lookup(421, lang="xx")

    def test_search(self):
        found = [(d["protocol"], d["code"]) for d in sc.search("too many requests")]
        self.assertIn(("http", 429), found)
        self.assertIn(("http", 502), [(d["protocol"], d["code"]) for d in sc.search("Gateway")])
        self.assertEqual(sc.search("   "), [])
        self.assertEqual(sc.search("no-such-word-anywhere"), [])
        only = sc.search("authentication", protocol="smtp")
        self.assertTrue(only)
        self.assertEqual({d["protocol"] for d in only}, {"smtp"})
        with self.assertRaises(ValueError):
            sc.search("x", protocol="gopher")
        with self.assertRaises(TypeError):
            sc.search(429)


class Compare(unittest.TestCase):
    def test_real_differences_first(self):
        for a, b in ((401, 403), (502, 504), (404, 410), (301, 308), (429, 503)):
            with self.subTest(a=a, b=b):
                c = sc.compare(a, b, protocol="http")
                first = c["differences"][0]
                self.assertNotIn("Both are in class", first)
                self.assertNotIn("both behave the same", first)
                self.assertIn(str(a), first)
                self.assertIn(str(b), first)
                # The summary says what each means.
                self.assertIn(c["a"]["gist"], c["summary"])
                self.assertIn(c["b"]["gist"], c["summary"])
                shared = [d for d in c["differences"][1:] if d.startswith((
                    "Both are in class", "On retrying, both", "After either",
                    "Both are sent in reply to"))]
                self.assertLessEqual(len(shared), 1)

    def test_every_pair_reads(self):
        codes = sc.codes("http")
        for lang in LANGS:
            for i, a in enumerate(codes):
                for b in codes[i + 1::7]:
                    c = sc.compare(a, b, protocol="http", lang=lang)
                    for s in [c["title"], c["summary"]] + c["differences"] + c["when_to_use"]:
                        self.assertNotIn("{", s)
                        self.assertNotIn("  ", s)

    def test_a_code_of_another_protocol_is_read_in_protocol_b(self):
        with self.assertRaises(ValueError):
            sc.compare(404, "4.4.4", protocol="http")
        c = sc.compare(404, "4.4.4", protocol="http", protocol_b="smtp")
        self.assertEqual((c["a"]["protocol"], c["b"]["protocol"]), ("http", "smtp"))


class CommandLine(unittest.TestCase):
    def test_one_code_every_protocol(self):
        r = run_cli("421")
        self.assertEqual(r.returncode, 0, r.stderr)
        for name in ("SMTP", "HTTP", "FTP", "SIP"):
            self.assertIn("=== %s ===" % name, r.stdout)
        self.assertIn("Misdirected Request", r.stdout)
        r = run_cli("421", "--json")
        self.assertEqual([d["protocol"] for d in json.loads(r.stdout)],
                         ["smtp", "http", "ftp", "sip"])

    def test_one_protocol(self):
        r = run_cli("--protocol", "http", "404", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual((d["protocol"], d["code"], d["mnemonic"]), ("http", 404, "NOT_FOUND"))
        r = run_cli("404")  # HTTP and SIP list it
        self.assertIn("=== HTTP ===", r.stdout)
        self.assertIn("=== SIP ===", r.stdout)
        self.assertIn("NOT_FOUND", r.stdout)

    def test_compare_picks_the_family(self):
        r = run_cli("250", "535")
        self.assertIn("SMTP 250", r.stdout)
        r = run_cli("401", "403", "--json")
        self.assertEqual(json.loads(r.stdout)["protocol"], "http")

    def test_search_and_list(self):
        r = run_cli("--search", "too many requests")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("429", r.stdout)
        r = run_cli("--list", "--protocol", "http", "--json")
        self.assertEqual([d["code"] for d in json.loads(r.stdout)], sc.codes("http"))

    def test_errors(self):
        for args in (["--protocol", "http", "600"], ["--protocol", "gopher", "404"],
                     ["--search", "x", "404"], ["--protocol", "http", "NOPE"]):
            r = run_cli(*args)
            self.assertEqual(r.returncode, 2, (args, r.stdout))
            self.assertTrue(r.stderr.startswith("statuscodes: error:"), r.stderr)


# A Lua script that prints, as JSON with sorted keys, what Lua's describe
# gives for every listed code of every protocol in the languages asked.
LUA_DUMP = r"""
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
for _, p in ipairs(sc.protocols()) do
  for _, c in ipairs(sc.codes({protocol = p})) do
    for _, lang in ipairs({...}) do
      io.write(enc(sc.describe(c, {protocol = p, lang = lang})), "\n")
    end
  end
end
"""


def without_none(v):
    """A Python result as Lua shows it: keys whose value is None are absent."""
    if isinstance(v, dict):
        return {k: without_none(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [without_none(x) for x in v]
    return v


class LuaParity(unittest.TestCase):
    def test_same_keys_and_values(self):
        lua = shutil.which("lua5.4")
        cpath = os.environ.get("SC_LUA_CPATH")
        if not lua or not cpath:
            if os.environ.get("CI") == "true":
                self.fail("CI=true: lua5.4 and the built Lua module (SC_LUA_CPATH) are needed")
            self.skipTest("no lua5.4 or SC_LUA_CPATH: the Lua module is not built")
        env = dict(os.environ, LUA_CPATH=cpath)
        r = subprocess.run([lua, "-", *LANGS], input=LUA_DUMP, capture_output=True,
                           text=True, env=env, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        got = [json.loads(line) for line in r.stdout.splitlines()]
        want = [without_none(sc.describe(c, protocol=p, lang=lang))
                for p, c in every_code() for lang in LANGS]
        self.assertEqual(len(got), len(want))
        for g, w in zip(got, want):
            self.assertEqual(g, w)


if __name__ == "__main__":
    unittest.main()


class TypeStubs(unittest.TestCase):
    """The .pyi stub lists the keys the binding returns: it must follow the
    field lists of statuscodes.h that the binding expands."""

    def stub_keys(self):
        import ast
        path = os.path.join(os.path.dirname(sc.__file__), "__init__.pyi")
        tree = ast.parse(open(path, encoding="utf-8").read())
        keys = {}
        for node in tree.body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "id", "") == "TypedDict"):
                fields = node.value.args[1]
                keys[node.targets[0].id] = [k.value for k in fields.keys]
        return keys

    def test_keys_match(self):
        keys = self.stub_keys()
        self.assertEqual(keys["Description"], list(sc.describe(535)))
        self.assertEqual(keys["Comparison"], list(sc.compare(250, 535)))
        self.assertEqual(keys["Verdict"], list(sc.parse("550 5.1.1 no such user")))
        self.assertEqual(keys["Equivalent"], list(sc.describe(535)["equivalents"][0]))


class Text(unittest.TestCase):
    """text(result): a result as readable lines, for a REPL."""

    def test_each_kind_of_result(self):
        cases = [
            sc.describe(535), sc.describe(404, protocol="http", lang="fr"),
            sc.compare(401, 403, protocol="http"),
            sc.compare(421, 503, protocol="smtp", protocol_b="http"),
            sc.parse("550 5.1.1 <a@example.org>: Recipient address rejected: User unknown"),
            sc.lookup(421), sc.search("gateway"),
            sc.parse_log("550 5.1.1 no such user\n421 4.7.0 try later\n"),
        ]
        for result in cases:
            out = sc.text(result)
            self.assertIsInstance(out, str)
            self.assertGreater(out.count("\n"), 0)
            self.assertTrue(all(len(line) <= 120 for line in out.splitlines()), out)
        d = sc.describe(404, protocol="http")
        self.assertTrue(sc.text(d).startswith("404  Not Found  (NOT_FOUND)"))
        self.assertIn(d["labels"]["fix"], sc.text(d))
        self.assertIn("user_unknown", sc.text(cases[4]))
        self.assertEqual(json.loads(json.dumps(d)), d)  # still a plain dict

    def test_module_doctest(self):
        import doctest
        import statuscodes._text
        failed, tried = doctest.testmod(statuscodes._text, optionflags=doctest.ELLIPSIS)
        self.assertEqual(failed, 0)
        self.assertGreater(tried, 0)

    def test_refuses_other_things(self):
        for bad in (None, 535, "535", {}, [1, 2], {"code": 535}):
            with self.assertRaises(TypeError):
                sc.text(bad)

    def test_importing_does_not_load_it(self):
        code = "import sys, statuscodes; print('statuscodes._text' in sys.modules)"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                             text=True, env=env, check=True).stdout
        self.assertEqual(out.strip(), "False")

