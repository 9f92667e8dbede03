"""compare() says first what tells two commonly confused SMTP codes apart
(the `contrast` lines of the data), in both orders and in every language
that has the entries' prose; elsewhere the contrast is shown in English and
`untranslated` says so.

Run against the built package (see test_statuscodes.py).
"""

import unittest

import statuscodes as sc

# (a, b, words the contrast holds)
PAIRS = [
    (450, 451, "local error"),
    ("5.7.26", "5.7.1", "generic refusal"),
    (550, 553, "address itself"),
    (421, 450, "whole session"),
    (550, 554, "transaction as a whole"),
    (551, 550, "not local"),
    (452, 552, "for good"),
    ("5.1.1", "5.1.10", "null MX"),
    ("5.7.1", "5.7.23", "SPF"),
    (535, 530, "login attempt"),
]


class Contrasts(unittest.TestCase):
    def test_first_difference_is_the_contrast(self):
        for a, b, words in PAIRS:
            ab, ba = sc.compare(a, b), sc.compare(b, a)
            self.assertIn(words, ab["differences"][0], (a, b))
            self.assertEqual(ab["differences"][0], ba["differences"][0],
                             (a, b))
            # said once
            self.assertEqual(sum(words in d for d in ab["differences"]), 1)

    def test_same_class_pairs_too(self):
        c = sc.compare(450, 451)
        self.assertIs(c["same_class"], True)
        self.assertIn("mailbox", c["differences"][0])
        self.assertNotIn("On retrying", c["differences"][0])

    def test_translated(self):
        for a, b, _ in PAIRS:
            en = sc.compare(a, b)["differences"][0]
            for lang in ("fr", "es", "de", "it", "pt", "ja", "zh"):
                c = sc.compare(a, b, lang=lang)
                self.assertNotEqual(c["differences"][0], en, (a, b, lang))
                self.assertEqual(c["untranslated"], [], (a, b, lang))

    def test_english_fallback_is_reported(self):
        for a, b, _ in PAIRS:
            c = sc.compare(a, b, lang="ko")
            self.assertEqual(c["differences"][0], sc.compare(a, b)["differences"][0])
            self.assertEqual(c["untranslated"], ["contrasts"], (a, b))
            # each code's own fallbacks stay those describe() reports
            self.assertEqual(c["a"], sc.describe(a, lang="ko"))

    def test_describe_never_reports_contrasts(self):
        for a, b, _ in PAIRS:
            self.assertNotIn("contrasts", sc.describe(a, lang="ko")["untranslated"])

    def test_no_contrast_nothing_reported(self):
        self.assertEqual(sc.compare(250, 535, lang="ko")["untranslated"], [])

    def test_french_typography(self):
        d = sc.compare(450, 451, lang="fr")["differences"][0]
        self.assertIn("\u202f:", d)
        self.assertNotIn(" :", d)


if __name__ == "__main__":
    unittest.main()
