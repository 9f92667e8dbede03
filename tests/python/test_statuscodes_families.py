"""FTP, DNS, gRPC, WebSocket and SIP on the generic core: each family
against its registry, the spellings people paste, ranges, retry facts,
equivalents across families, lookup, comparing codes of two protocols, and
the command line. Standard library only.

The tables below are facts of the registries: the IANA SIP Response Codes,
WebSocket Close Code Number, Extended DNS Error Codes and DNS RCODEs
registries, google.rpc.Code, and the reply codes of RFC 959 and its
extensions."""
import json
import unittest

import statuscodes as sc
from cli_helper import run_cli

SIP_REGISTRY = {100: 'Trying',
 180: 'Ringing',
 181: 'Call Is Being Forwarded',
 182: 'Queued',
 183: 'Session Progress',
 199: 'Early Dialog Terminated',
 200: 'OK',
 202: 'Accepted (Deprecated)',
 204: 'No Notification',
 300: 'Multiple Choices',
 301: 'Moved Permanently',
 302: 'Moved Temporarily',
 305: 'Use Proxy',
 380: 'Alternative Service',
 400: 'Bad Request',
 401: 'Unauthorized',
 402: 'Payment Required',
 403: 'Forbidden',
 404: 'Not Found',
 405: 'Method Not Allowed',
 406: 'Not Acceptable',
 407: 'Proxy Authentication Required',
 408: 'Request Timeout',
 410: 'Gone',
 412: 'Conditional Request Failed',
 413: 'Request Entity Too Large',
 414: 'Request-URI Too Long',
 415: 'Unsupported Media Type',
 416: 'Unsupported URI Scheme',
 417: 'Unknown Resource-Priority',
 420: 'Bad Extension',
 421: 'Extension Required',
 422: 'Session Interval Too Small',
 423: 'Interval Too Brief',
 424: 'Bad Location Information',
 425: 'Bad Alert Message',
 428: 'Use Identity Header',
 429: 'Provide Referrer Identity',
 430: 'Flow Failed',
 433: 'Anonymity Disallowed',
 436: 'Bad Identity Info',
 437: 'Unsupported Credential',
 438: 'Invalid Identity Header',
 439: 'First Hop Lacks Outbound Support',
 440: 'Max-Breadth Exceeded',
 469: 'Bad Info Package',
 470: 'Consent Needed',
 480: 'Temporarily Unavailable',
 481: 'Call/Transaction Does Not Exist',
 482: 'Loop Detected',
 483: 'Too Many Hops',
 484: 'Address Incomplete',
 485: 'Ambiguous',
 486: 'Busy Here',
 487: 'Request Terminated',
 488: 'Not Acceptable Here',
 489: 'Bad Event',
 491: 'Request Pending',
 493: 'Undecipherable',
 494: 'Security Agreement Required',
 500: 'Server Internal Error',
 501: 'Not Implemented',
 502: 'Bad Gateway',
 503: 'Service Unavailable',
 504: 'Server Time-out',
 505: 'Version Not Supported',
 513: 'Message Too Large',
 555: 'Push Notification Service Not Supported',
 580: 'Precondition Failure',
 600: 'Busy Everywhere',
 603: 'Decline',
 604: 'Does Not Exist Anywhere',
 606: 'Not Acceptable',
 607: 'Unwanted',
 608: 'Rejected'}

WEBSOCKET_REGISTRY = {1000: 'Normal Closure',
 1001: 'Going Away',
 1002: 'Protocol error',
 1003: 'Unsupported Data',
 1004: 'Reserved',
 1005: 'No Status Rcvd',
 1006: 'Abnormal Closure',
 1007: 'Invalid frame payload data',
 1008: 'Policy Violation',
 1009: 'Message Too Big',
 1010: 'Mandatory Ext.',
 1011: 'Internal Error',
 1012: 'Service Restart',
 1013: 'Try Again Later',
 1014: 'Bad Gateway',
 1015: 'TLS handshake',
 3000: 'Unauthorized',
 3003: 'Forbidden',
 3008: 'Timeout'}

EDE_REGISTRY = {0: 'Other Error',
 1: 'Unsupported DNSKEY Algorithm',
 2: 'Unsupported DS Digest Type',
 3: 'Stale Answer',
 4: 'Forged Answer',
 5: 'DNSSEC Indeterminate',
 6: 'DNSSEC Bogus',
 7: 'Signature Expired',
 8: 'Signature Not Yet Valid',
 9: 'DNSKEY Missing',
 10: 'RRSIGs Missing',
 11: 'No Zone Key Bit Set',
 12: 'NSEC Missing',
 13: 'Cached Error',
 14: 'Not Ready',
 15: 'Blocked',
 16: 'Censored',
 17: 'Filtered',
 18: 'Prohibited',
 19: 'Stale NXDomain Answer',
 20: 'Not Authoritative',
 21: 'Not Supported',
 22: 'No Reachable Authority',
 23: 'Network Error',
 24: 'Invalid Data',
 25: 'Signature Expired before Valid',
 26: 'Too Early',
 27: 'Unsupported NSEC3 Iterations Value',
 28: 'Unable to conform to policy',
 29: 'Synthesized',
 30: 'Invalid Query Type'}

RCODE_MNEMONICS = {0: ['NOERROR'],
 1: ['FORMERR'],
 2: ['SERVFAIL'],
 3: ['NXDOMAIN'],
 4: ['NOTIMP'],
 5: ['REFUSED'],
 6: ['YXDOMAIN'],
 7: ['YXRRSET'],
 8: ['NXRRSET'],
 9: ['NOTAUTH', 'NOTAUTH'],
 10: ['NOTZONE'],
 11: ['DSOTYPENI'],
 16: ['BADVERS', 'BADSIG'],
 17: ['BADKEY'],
 18: ['BADTIME'],
 19: ['BADMODE'],
 20: ['BADNAME'],
 21: ['BADALG'],
 22: ['BADTRUNC'],
 23: ['BADCOOKIE']
}

GRPC_NAMES = {0: 'OK',
 1: 'CANCELLED',
 2: 'UNKNOWN',
 3: 'INVALID_ARGUMENT',
 4: 'DEADLINE_EXCEEDED',
 5: 'NOT_FOUND',
 6: 'ALREADY_EXISTS',
 7: 'PERMISSION_DENIED',
 8: 'RESOURCE_EXHAUSTED',
 9: 'FAILED_PRECONDITION',
 10: 'ABORTED',
 11: 'OUT_OF_RANGE',
 12: 'UNIMPLEMENTED',
 13: 'INTERNAL',
 14: 'UNAVAILABLE',
 15: 'DATA_LOSS',
 16: 'UNAUTHENTICATED'}

FTP_CODES = [110, 120, 125, 150, 200, 202, 211, 212, 213, 214, 215, 220, 221, 225, 226,
 227, 228, 229, 230, 232, 234, 235, 250, 257, 331, 332, 334, 335, 336, 350,
 421, 425, 426, 431, 450, 451, 452, 500, 501, 502, 503, 504, 521, 522, 530,
 532, 533, 534, 535, 536, 537, 550, 551, 552, 553, 631, 632, 633]

LANGS = ("en", "fr", "es", "de", "it", "pt", "ja", "zh")  # the languages of entry prose


def d(code, protocol, lang="en"):
    return sc.describe(code, protocol=protocol, lang=lang)


class Completeness(unittest.TestCase):
    def check_registry(self, protocol, table, name_of=lambda x: x["name"], wrap=lambda c: c):
        listed = set(sc.codes(protocol))
        for code, name in table.items():
            with self.subTest(protocol=protocol, code=code):
                self.assertIn(wrap(code), listed)
                x = d(wrap(code), protocol)
                self.assertTrue(x["known"])
                self.assertEqual(x["source"], "registry")
                self.assertTrue(x["references"])
                self.assertTrue(x["gist"])
                if name is not None:
                    self.assertEqual(name_of(x).lower(), name.lower())

    def test_sip(self):
        self.check_registry("sip", SIP_REGISTRY)
        self.assertEqual(len(SIP_REGISTRY), 75)

    def test_websocket(self):
        self.check_registry("websocket", WEBSOCKET_REGISTRY)

    def test_ede(self):
        self.check_registry("dns", EDE_REGISTRY, wrap=lambda c: "EDE %d" % c)

    def test_rcodes(self):
        for code, names in RCODE_MNEMONICS.items():
            x = d(code, "dns")
            self.assertEqual(x["mnemonic"], names[0], code)
            for other in names[1:]:
                if other != names[0]:
                    self.assertIn(other, x["aliases"], code)
            self.assertTrue(x["known"])
        # 9 and 16 have two registered meanings: the second is a variant.
        self.assertTrue(d(9, "dns")["variants"])
        self.assertTrue(any("TSIG" in v for v in d(16, "dns")["variants"]))

    def test_grpc(self):
        self.assertEqual(sc.codes("grpc"), list(range(17)))
        for code, name in GRPC_NAMES.items():
            self.assertEqual(d(code, "grpc")["mnemonic"], name)

    def test_ftp(self):
        listed = set(sc.codes("ftp"))
        for code in FTP_CODES:
            self.assertIn(code, listed)
        self.assertEqual(d(631, "ftp")["class"], "6xx")
        self.assertEqual(d(530, "ftp")["class_name"], "Permanent Negative Completion")

    def test_every_family_translated(self):
        for protocol in ("ftp", "dns", "grpc", "websocket", "sip"):
            for code in sc.codes(protocol):
                for lang in LANGS[1:]:
                    x = d(code, protocol, lang)
                    self.assertEqual(x["untranslated"], [], (protocol, code, lang))


class Spellings(unittest.TestCase):
    def test_grpc(self):
        for spelling in ("14", 14, "UNAVAILABLE", "Unavailable", "unavailable",
                         "StatusCode.UNAVAILABLE", "Status.Code.UNAVAILABLE",
                         "codes.Unavailable", "grpc.StatusCode.UNAVAILABLE"):
            self.assertEqual(d(spelling, "grpc")["code"], 14, spelling)
        self.assertEqual(d("DeadlineExceeded", "grpc")["code"], 4)
        self.assertEqual(d("Canceled", "grpc")["code"], 1)  # Go's spelling
        self.assertEqual(d("CANCELLED", "grpc")["code"], 1)

    def test_dns(self):
        for spelling in ("NXDOMAIN", "nxdomain", "NXDomain", 3, "3"):
            self.assertEqual(d(spelling, "dns")["code"], 3, spelling)
        self.assertEqual(d("BADSIG", "dns")["code"], 16)
        for spelling in ("EDE 18", "EDE: 18", "ede18", "EDE-18", "Ede 18"):
            self.assertEqual(d(spelling, "dns")["code"], "EDE 18", spelling)
        self.assertEqual(d("EDE 18", "dns")["name"], "Prohibited")
        self.assertEqual(d(18, "dns")["mnemonic"], "BADTIME")

    def test_bad_input(self):
        for protocol, bad in (("grpc", 17), ("grpc", -1), ("grpc", "UNAVAILABLEX"),
                              ("websocket", 999), ("websocket", 5000), ("websocket", 0),
                              ("dns", "EDE x"), ("dns", "EDE"), ("dns", "EDE 65536"),
                              ("dns", "EDE -1"), ("dns", "EDE :- 18"), ("dns", "EDE 018"),
                              ("dns", "NXDOMAINS"), ("dns", 65536), ("sip", 700),
                              ("sip", 99), ("ftp", 700), ("ftp", 99)):
            with self.subTest(protocol=protocol, bad=bad):
                with self.assertRaises(ValueError) as cm:
                    d(bad, protocol)
                self.assertIn("give", str(cm.exception))


class Ranges(unittest.TestCase):
    def test_websocket(self):
        for code, cls in ((1016, "1016-2999"), (2999, "1016-2999"), (3001, "3000-3999"),
                          (4000, "4000-4999"), (4999, "4000-4999")):
            x = d(code, "websocket")
            self.assertFalse(x["known"], code)
            self.assertEqual(x["class"], cls, code)
        self.assertTrue(d(3003, "websocket")["known"])
        for code in (1005, 1006, 1015):
            x = d(code, "websocket")
            self.assertIn("never", (x["description"] + x["when"]).lower(), code)

    def test_dns(self):
        x = d("EDE 50000", "dns")
        self.assertFalse(x["known"])
        self.assertEqual(x["class"], "49152-65535")
        self.assertIn("private", x["name"].lower())
        self.assertFalse(d(30, "dns")["known"])
        self.assertEqual(d(3900, "dns")["class"], "3841-4095")

    def test_grpc_has_no_classes(self):
        for code in sc.codes("grpc"):
            x = d(code, "grpc")
            self.assertIsNone(x["class"])
            self.assertIsNone(x["class_name"])


class Retry(unittest.TestCase):
    def test_grpc(self):
        retry = {x: d(x, "grpc")["retry"] for x in range(17)}
        self.assertEqual(retry[14], "later")            # UNAVAILABLE
        self.assertEqual(retry[8], "later")             # RESOURCE_EXHAUSTED
        for code in (3, 5, 7, 16):                      # fix the request
            self.assertEqual(retry[code], "after_fix", code)
        self.assertEqual(retry[0], "not_needed")
        self.assertIn(retry[4], ("idempotent", "later"))  # DEADLINE_EXCEEDED depends
        self.assertIn("AIP-194", " ".join(d(14, "grpc")["references"]))

    def test_dns(self):
        self.assertEqual(d(2, "dns")["retry"], "later")   # SERVFAIL
        self.assertEqual(d(3, "dns")["retry"], "never")   # NXDOMAIN
        self.assertEqual(d(0, "dns")["retry"], "not_needed")

    def test_sip_retry_after(self):
        for code in (480, 486, 500, 503, 600, 603):
            x = d(code, "sip")
            self.assertIn("Retry-After", x["description"] + x["when"] + x["fix"], code)
        self.assertEqual(d(486, "sip")["retry"], "later")
        self.assertEqual(d(603, "sip")["retry"], "never")
        self.assertEqual(d(603, "sip")["class"], "6xx")
        self.assertEqual(d(603, "sip")["class_name"], "Global Failure")

    def test_websocket(self):
        self.assertEqual(d(1000, "websocket")["retry"], "not_needed")
        self.assertEqual(d(1013, "websocket")["retry"], "later")
        self.assertEqual(d(1002, "websocket")["retry"], "after_fix")


class AcrossFamilies(unittest.TestCase):
    def linked(self, a, b):
        return any((q["protocol"], q["code"]) == b for q in d(a[1], a[0])["equivalents"])

    def test_issue_chains(self):
        chains = [
            [("http", 503), ("grpc", 14), ("smtp", 421), ("sip", 503), ("ftp", 421),
             ("websocket", 1013), ("websocket", 1012)],
            [("http", 401), ("grpc", 16), ("smtp", 535), ("smtp", 530), ("sip", 401),
             ("sip", 407), ("ftp", 530)],
            [("http", 404), ("grpc", 5), ("ftp", 550), ("sip", 404), ("dns", 3)],
            [("http", 429), ("grpc", 8), ("smtp", "4.7.28")],
        ]
        for chain in chains:
            head = chain[0]
            for other in chain[1:]:
                if other[0] == head[0]:
                    continue
                self.assertTrue(self.linked(head, other), (head, other))
                self.assertTrue(self.linked(other, head), (other, head))

    def test_grpc_mapping_is_said(self):
        notes = " ".join(q["note"] or "" for q in d(404, "http")["equivalents"])
        self.assertIn("UNIMPLEMENTED", notes)

    def test_same_number(self):
        found = sc.lookup(429)
        self.assertEqual([x["protocol"] for x in found], ["http", "sip"])
        self.assertIn("HTTP", " ".join(found[1]["variants"]) + found[1]["gist"])
        self.assertEqual([x["protocol"] for x in sc.lookup(404)], ["http", "sip"])
        self.assertEqual([x["protocol"] for x in sc.lookup(18)], ["dns"])
        self.assertEqual(sc.lookup(18)[0]["mnemonic"], "BADTIME")
        self.assertEqual([x["code"] for x in sc.lookup("EDE 18")], ["EDE 18"])
        self.assertEqual([x["protocol"] for x in sc.lookup("UNAVAILABLE")], ["grpc"])


class CompareAcross(unittest.TestCase):
    def test_equivalents(self):
        c = sc.compare(421, 503, protocol="smtp", protocol_b="http")
        self.assertFalse(c["same_class"])
        self.assertIn("SMTP 421", c["title"])
        self.assertIn("HTTP 503", c["title"])
        self.assertIn("nearly the same", c["differences"][0])
        self.assertIn("different protocols", c["summary"])
        c = sc.compare("UNAVAILABLE", 503, protocol="grpc", protocol_b="http")
        self.assertIn("mean the same thing", c["differences"][0])

    def test_false_friend(self):
        for lang in LANGS:
            c = sc.compare(429, 429, protocol="http", protocol_b="sip", lang=lang)
            self.assertIn("429", c["differences"][0])
            self.assertNotIn("{", " ".join([c["summary"]] + c["differences"]))
        self.assertIn("different things", sc.compare(429, 429, protocol="http",
                                                     protocol_b="sip")["differences"][0])

    def test_unrelated(self):
        c = sc.compare(250, 1006, protocol="smtp", protocol_b="websocket")
        self.assertIn("not listed as equivalents", c["differences"][0])

    def test_two_kinds_of_one_family(self):
        c = sc.compare(2, "EDE 6", protocol="dns")
        self.assertEqual((c["a"]["code"], c["b"]["code"]), (2, "EDE 6"))

    def test_every_pair_reads(self):
        protocols = sc.protocols()
        for lang in LANGS:
            for i, p in enumerate(protocols):
                for q in protocols[i + 1:]:
                    for a in sc.codes(p)[::9]:
                        for b in sc.codes(q)[::11]:
                            c = sc.compare(a, b, protocol=p, protocol_b=q, lang=lang)
                            for s in [c["title"], c["summary"]] + c["differences"]:
                                self.assertNotIn("{", s)
                                self.assertNotIn("  ", s)
                            self.assertLessEqual(len(c["differences"]), 5)


class CommandLine(unittest.TestCase):
    def test_404_shows_http_and_sip(self):
        r = run_cli("404")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("=== HTTP ===", r.stdout)
        self.assertIn("=== SIP ===", r.stdout)

    def test_grpc_json(self):
        r = run_cli("--protocol", "grpc", "14", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        x = json.loads(r.stdout)
        self.assertEqual((x["code"], x["mnemonic"], x["class"]), (14, "UNAVAILABLE", None))

    def test_ede(self):
        r = run_cli("--protocol", "dns", "EDE 18")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Prohibited", r.stdout)

    def test_compare_across(self):
        r = run_cli("--protocol", "smtp", "--protocol-b", "http", "421", "503")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("SMTP 421", r.stdout)


if __name__ == "__main__":
    unittest.main()
