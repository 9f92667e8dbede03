"""compare() reproduces the shape of two comparison pages as public
status-code sites render them (235 vs 250 with French headings, 250 vs 535
with Spanish ones): the summary, both codes' description / when you see it / how to fix it, the key
differences, when each applies and where to learn more, with headings in the
reader's language."""
import unittest

import statuscodes as sc

PAGES = [
    (235, 250, "fr", True, {
        "description": "Description", "when": "Quand vous le voyez",
        "fix": "Comment résoudre", "differences": "Différences clés",
        "when_to_use": "Quand utiliser lequel"}),
    (250, 535, "es", False, {
        "description": "Descripción", "when": "Cuándo aparece",
        "fix": "Cómo solucionarlo", "differences": "Diferencias clave",
        "when_to_use": "Cuándo usar cada uno", "learn_more": "Saber más"}),
]


class ReferencePages(unittest.TestCase):
    def test_pages(self):
        for a, b, lang, same, headings in PAGES:
            with self.subTest(a=a, b=b, lang=lang):
                c = sc.compare(a, b, lang=lang)
                self.assertEqual(c["lang"], lang)
                self.assertIs(c["same_class"], same)
                for key, heading in headings.items():
                    self.assertEqual(c["labels"][key], heading)
                self.assertIn(str(a), c["title"])
                self.assertIn(str(b), c["title"])
                self.assertIn("2xx", c["summary"])
                if not same:
                    self.assertIn("5xx", c["summary"])
                for d in (c["a"], c["b"]):
                    for key in ("description", "when", "fix"):
                        self.assertGreater(len(d[key]), 20)
                    self.assertEqual(d["labels"], c["labels"])
                # What differs, then at most one thing the two share.
                self.assertGreaterEqual(len(c["differences"]), 2)
                self.assertEqual(len(c["when_to_use"]), 2)
                self.assertTrue(c["learn_more"])
                for s in [c["summary"]] + c["differences"] + c["when_to_use"]:
                    self.assertNotIn("{", s)
                    self.assertNotIn("when when", s)
                    self.assertNotIn("  ", s)

    def test_cli_shows_every_section(self):
        import subprocess
        import sys
        out = subprocess.run([sys.executable, "-m", "statuscodes", "235", "250",
                              "--lang", "fr"], capture_output=True, text=True,
                             check=True).stdout
        for heading in ("Quand vous le voyez", "Comment résoudre",
                        "Différences clés", "Quand utiliser lequel",
                        "Description"):
            self.assertIn(heading, out)


if __name__ == "__main__":
    unittest.main()
