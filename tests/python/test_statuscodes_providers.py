"""What the knowledge base says about the codes mail providers document
(Gmail, Microsoft, Yahoo): provider codes outside the IANA registry are
entries of their own (source vendor, known, with an origin); registered codes
a provider reuses with its own meaning carry a variant naming the provider.

Run against the built package (see test_statuscodes.py).
"""

import unittest

import statuscodes as sc

LANGS = ("en", "fr", "es", "de", "it", "pt", "ja", "zh")  # the languages of entry prose

# Provider codes that are entries of their own: code -> origin.
VENDOR = {
    "4.7.650": "Microsoft", "4.7.651": "Microsoft",
    "5.2.121": "Microsoft", "5.2.122": "Microsoft",
    "5.7.57": "Microsoft", "5.7.139": "Microsoft",
    "5.7.509": "Microsoft", "5.7.606": "Microsoft",
    "5.4.300": "Microsoft", "4.4.316": "Microsoft", "5.4.316": "Microsoft",
    "4.7.32": "Gmail", "5.7.32": "Gmail",
    "4.7.40": "Gmail", "5.7.40": "Gmail",
}

# Registered codes a provider reuses: code -> (source, variant prefix, words
# the variant must hold).
VARIANTS = {
    "5.7.27": ("rfc", "Gmail:", "SPF"),
    "4.7.27": ("rfc", "Gmail:", "SPF"),
    "5.7.30": ("rfc", "Gmail:", "DKIM"),
    "4.7.30": ("rfc", "Gmail:", "DKIM"),
    "4.7.28": ("registry", "Gmail:", "unsolicited"),
    "5.7.14": ("rfc", "Gmail:", "browser"),
    "4.2.1": ("rfc", "Gmail:", "too fast"),
    "5.7.25": ("rfc", "Gmail:", "PTR"),
    "4.7.0": ("rfc", "Gmail:", "reputation"),
    "5.1.8": ("rfc", "Microsoft Exchange Online:", "bad outbound sender"),
    "4.3.2": ("rfc", "Microsoft Exchange Online:", "STOREDRV"),
    "5.1.1": ("rfc", "Microsoft Exchange Online:", "RESOLVER.ADR"),
}


class VendorEntries(unittest.TestCase):
    def test_known_vendor_codes(self):
        for code, origin in VENDOR.items():
            for lang in LANGS:
                d = sc.describe(code, lang=lang)
                what = "%s (%s)" % (code, lang)
                self.assertIs(d["known"], True, what)
                self.assertEqual(d["source"], "vendor", what)
                self.assertEqual(d["origin"], origin, what)
                self.assertEqual(d["untranslated"], [], what)
                self.assertIsNotNone(d["gist"], what)
                self.assertEqual(d["subject"], "X.%s.X" % code.split(".")[1],
                                 what)

    def test_english_prose(self):
        d = sc.describe("5.7.139")
        self.assertIn("SMTP AUTH", d["description"])
        self.assertEqual(d["retry"], "after_fix")
        d = sc.describe("4.7.650")
        self.assertIn("reputation", d["gist"])
        self.assertIs(d["retryable"], True)
        self.assertIn("5.7.649", sc.describe("5.7.606")["name"])
        self.assertIn("5.2.121", sc.describe("5.2.122")["description"])

    def test_classes(self):
        # Any class reads the detail (RFC 3463); codes() lists the classes
        # the provider uses.
        self.assertIs(sc.describe("5.7.650")["known"], True)
        self.assertNotIn("5.7.650", set(sc.codes()))
        # Both forms of 4.4.316: a deferral, then a bounce.
        self.assertIs(sc.describe("4.4.316")["retryable"], True)
        self.assertIs(sc.describe("5.4.316")["retryable"], False)

    def test_codes_lists_them(self):
        listed = set(sc.codes())
        for code in VENDOR:
            self.assertIn(code, listed)


class ProviderVariants(unittest.TestCase):
    def test_registered_meaning_and_provider(self):
        for code, (source, prefix, words) in VARIANTS.items():
            d = sc.describe(code)
            self.assertIs(d["known"], True, code)
            self.assertEqual(d["source"], source, code)
            self.assertIsNone(d["origin"], code)
            hits = [v for v in d["variants"] if v.startswith(prefix)]
            self.assertTrue(hits, "%s: no variant starting %r" % (code, prefix))
            self.assertTrue(any(words in v for v in hits), code)

    def test_registry_meaning_kept(self):
        self.assertIn("null MX", sc.describe("5.7.27")["name"])
        self.assertIn("REQUIRETLS", sc.describe("5.7.30")["name"])

    def test_yahoo_texts_are_variants(self):
        d = sc.describe("4.7.0")
        yahoo = [v for v in d["variants"] if v.startswith("Yahoo:")]
        for tag in ("[TS01]", "[TS02]", "[TSS04]"):
            self.assertTrue(any(tag in v for v in yahoo), tag)
        self.assertTrue(any("[TS03]" in v
                            for v in sc.describe("4.7.1")["variants"]))
        # a permanent block sent as 553 5.7.2, not a mailing-list matter
        self.assertTrue(any("[TSS09]" in v and v.startswith("Yahoo:")
                            for v in sc.describe("5.7.2")["variants"]))

    def test_variants_translated(self):
        for code in list(VARIANTS) + ["4.7.1", "5.7.2"]:
            en = sc.describe(code)["variants"]
            for lang in ("fr", "es", "de", "it", "pt", "ja", "zh"):
                d = sc.describe(code, lang=lang)
                self.assertEqual(len(d["variants"]), len(en))
                self.assertNotIn("variants", d["untranslated"], code)
                self.assertNotEqual(d["variants"], en, code)

    def test_mail_flood_is_routine_at_gmail(self):
        self.assertFalse(sc.describe("4.7.28")["when"].startswith("Rarely"))


class Untranslated(unittest.TestCase):
    """untranslated names every text shown in English."""

    def test_variants_of_every_smtp_code(self):
        for code in sc.codes():
            for lang in ("fr", "es", "de", "it", "pt", "ja", "zh"):
                d = sc.describe(code, lang=lang)
                self.assertEqual(d["untranslated"], [], (code, lang))
            d = sc.describe(code, lang="ko")
            if d["variants"]:
                self.assertIn("variants", d["untranslated"], code)

    def test_subject_name_translated(self):
        en = sc.describe("5.7.1")["subject_name"]
        self.assertNotEqual(sc.describe("5.7.1", lang="fr")["subject_name"], en)
        d = sc.describe("5.7.1", lang="ko")
        self.assertEqual(d["subject_name"], en)
        self.assertIn("subject_name", d["untranslated"])


if __name__ == "__main__":
    unittest.main()
