"""The knowledge-base generator rejects bad data loudly, and the checked-in
table is what the data makes. Standard library only; needs no build."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEN = os.path.join(ROOT, "core", "tools", "gen_kb.py")
DATA = os.path.join(ROOT, "core", "data")
SMTP = os.path.join("smtp", "basic.txt")
HTTP = os.path.join("http", "codes.txt")


class GeneratorTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.data = os.path.join(self.tmp, "data")
        shutil.copytree(DATA, self.data)
        self.out = os.path.join(self.tmp, "kb_data.inc")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def run_gen(self, *extra):
        return subprocess.run(
            [sys.executable, GEN, "--data", self.data, "--out", self.out]
            + list(extra), capture_output=True, text=True)

    def edit(self, name, old, new, count=1):
        path = os.path.join(self.data, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text, "test setup: %r not in %s" % (old, name))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, count))

    def append(self, name, text):
        with open(os.path.join(self.data, name), "a", encoding="utf-8") as f:
            f.write(text)

    def assertRejected(self, *needles):
        r = self.run_gen()
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertTrue(r.stderr.startswith("gen_kb: error: "), r.stderr)
        for n in needles:
            self.assertIn(n, r.stderr)
        self.assertFalse(os.path.exists(self.out))

    # -- French typography and when_to_use ----------------------------------

    def test_french_plain_space_before_colon_rejected(self):
        self.edit(SMTP, "\u202f: ", " : ")
        self.assertRejected("basic.txt", "U+202F")

    def test_french_colon_without_space_rejected(self):
        self.edit(SMTP, "\u202f; ", "; ")
        self.assertRejected("basic.txt", "';'")

    def test_french_guillemets_need_narrow_space(self):
        self.edit(SMTP, "«\u202f", "« ")
        self.assertRejected("basic.txt", "guillemets")

    def test_french_label_typography_checked(self):
        self.edit("labels.txt", "untranslated: pas encore traduit\u202f;",
                  "untranslated: pas encore traduit ;")
        self.assertRejected("labels.txt", "untranslated")

    def test_french_exceptions_accepted(self):
        # times, URLs, code in backticks, replies quoted in « », fields
        self.edit(SMTP, "when.fr: ", "when.fr: À 10:30, voir "
                  "https://example.com/a?b=1 et `; EDE: 0` ou "
                  "«\u202fError: try again!\u202f» avec Retry-After: 120. ")
        r = self.run_gen()
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_when_to_use_heading_repeating_when_rejected(self):
        self.edit("labels.txt", "heading.when_to_use: Quand utiliser lequel",
                  "heading.when_to_use: Quand vous le voyez")
        self.assertRejected("heading.when_to_use repeats heading.when")

    def test_when_to_use_template_without_code_rejected(self):
        self.edit("labels.txt", "tmpl.when_to_use: {a} ({a_name}): {when}",
                  "tmpl.when_to_use: {when}")
        self.assertRejected("tmpl.when_to_use", "word for word")

    def test_entry_repeating_another_when_rejected(self):
        import re
        path = os.path.join(self.data, SMTP)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        block = re.compile(r"(?m)^when: .*\n(?:  .*\n)*")

        def when_of(code):
            rec = text.index("\ncode: %s\n" % code)
            return block.search(text, rec)

        a, b = when_of("250"), when_of("251")
        text = text[:b.start()] + a.group(0) + text[b.end():]
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.assertRejected("basic.txt", "repeats the when of", "word for word")

    def test_smtp_vendor_code_needs_origin(self):
        self.edit(os.path.join("smtp", "enhanced.txt"),
                  "source: vendor\norigin: Microsoft\n", "source: vendor\n")
        self.assertRejected("enhanced.txt", "origin")

    # -- the real data -----------------------------------------------------

    def test_checked_in_table_is_fresh(self):
        r = subprocess.run([sys.executable, GEN, "--check"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_check_detects_stale_output(self):
        self.assertEqual(self.run_gen().returncode, 0)
        self.assertEqual(self.run_gen("--check").returncode, 0)
        with open(self.out, "a", encoding="utf-8") as f:
            f.write("/* edited by hand */\n")
        r = self.run_gen("--check")
        self.assertEqual(r.returncode, 1)
        self.assertIn("stale", r.stderr)

    def test_output_banner_names_script_and_data(self):
        self.assertEqual(self.run_gen().returncode, 0)
        with open(self.out, encoding="utf-8") as f:
            head = f.read(400)
        self.assertIn("core/tools/gen_kb.py", head)
        self.assertIn("core/data/", head)
        self.assertIn("GENERATED", head)

    # -- reduced tables (--langs) ------------------------------------------

    def test_langs_keeps_english_first(self):
        r = self.run_gen("--langs", "de,fr")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.out, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("#define SC__NLANG 3\n", text)
        self.assertIn("the languages en fr de only", text)

    def test_langs_unknown_tag_rejected(self):
        r = self.run_gen("--langs", "fr,xx")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("no language 'xx'", r.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_langs_still_checks_every_language(self):
        # French left out of the table: its errors still stop the run.
        self.edit("labels.txt", "untranslated: pas encore traduit\u202f;",
                  "untranslated: pas encore traduit ;")
        r = self.run_gen("--langs", "de")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("labels.txt", r.stderr)

    def test_langs_never_checks_or_writes_the_full_table(self):
        for argv in (["--langs", "fr", "--check", "--out", self.out],
                     ["--langs", "fr"]):
            r = subprocess.run([sys.executable, GEN] + argv,
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("--langs", r.stderr)

    def test_readme_reason_table_matches_data(self):
        r = subprocess.run([sys.executable, os.path.join(
            ROOT, "core", "tools", "reasons_table.py")],
            capture_output=True, text=True, check=True)
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        self.assertIn(r.stdout, readme,
                      "README's reason table is stale: paste the output of "
                      "core/tools/reasons_table.py")
        for name in ("user_unknown", "no_mail_accepted", "unknown"):
            self.assertIn("| `%s` |" % name, r.stdout)

    def test_readme_verdict_tables_match_data(self):
        r = subprocess.run([sys.executable, os.path.join(
            ROOT, "core", "tools", "reasons_table.py"), "--codes"],
            capture_output=True, text=True, check=True)
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        self.assertIn("<!-- verdicts -->\n" + r.stdout + "<!-- /verdicts -->", readme,
                      "README's verdict tables are stale: paste the output of "
                      "core/tools/reasons_table.py --codes")
        # Every protocol but SMTP has a table, and a known code is in it.
        for heading, row in (("**HTTP**", "| `rate_limited` | retry | no | "),
                             ("**gRPC**", "| `service_unavailable` | retry | no | 14"),
                             ("**DNS**", "| `not_found` | fix | yes | 3"),
                             ("**SIP**", "| `declined` |")):
            self.assertIn(heading, r.stdout)
            self.assertIn(row, r.stdout)

    # -- rejections --------------------------------------------------------

    ENTRY = ("\ncode: %s\nname: Test\nsource: rfc\nretry: later\n"
             "actor: sender\ndescription: A test.\nwhen: Never.\n"
             "fix: Nothing.\nref: RFC 5321\n%s\n")

    def test_duplicate_code(self):
        self.append(SMTP, self.ENTRY % ("535", ""))
        self.assertRejected("code 535 defined twice")

    def test_missing_field(self):
        self.append(SMTP, "\ncode: 298\nname: Test\nsource: rfc\n"
                    "retry: later\nactor: sender\ndescription: x.\nwhen: y.\n"
                    "ref: RFC 5321\n")
        self.assertRejected("missing key 'fix'", "smtp/basic.txt:")

    def test_dangling_related(self):
        self.append(SMTP, self.ENTRY % ("298", "related: 297"))
        self.assertRejected("related code 297 is not in the base")

    def test_dangling_enhanced_related(self):
        self.append(SMTP, self.ENTRY % ("298", "related: 5.7.900"))
        self.assertRejected("related code 5.7.900 is not in the base")

    def test_unknown_language_tag(self):
        self.append(SMTP, self.ENTRY % ("298", "description.xx: Nope."))
        self.assertRejected("unknown language tag 'xx'")

    def test_over_long_text(self):
        self.append(SMTP, self.ENTRY % ("298", "when.fr: " + "a" * 1200))
        self.assertRejected("over the limit")

    def test_limits_count_characters(self):
        # A Japanese gist of 200 characters (600 bytes) is within the
        # 240-character limit; 250 characters are not.
        self.append(SMTP, self.ENTRY % ("298", "gist: A test.\ngist.ja: " + "\u3042" * 200))
        self.assertEqual(self.run_gen().returncode, 0)
        os.remove(self.out)
        self.edit(SMTP, "\u3042" * 200, "\u3042" * 250)
        self.assertRejected("'gist.ja' is 250 characters, over the limit of 240")

    def test_continuation_joins_chinese_and_japanese_without_space(self):
        sys.path.insert(0, os.path.dirname(GEN))
        try:
            import gen_kb
        finally:
            sys.path.pop(0)
        path = os.path.join(self.tmp, "r.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("code: 1\ngist.ja: \u30b5\u30fc\u30d0\u30fc\u304c\n"
                    "  \u5fdc\u7b54\u3057\u306a\u3044\u3002\nwhen: one\n  two\n")
        rec = gen_kb.read_records(path)[0]
        self.assertEqual(rec.get("gist.ja"), "\u30b5\u30fc\u30d0\u30fc\u304c"
                         "\u5fdc\u7b54\u3057\u306a\u3044\u3002")
        self.assertEqual(rec.get("when"), "one two")

    def test_glossary_avoided_word_rejected(self):
        self.append("glossary.txt", "\nterm: test\nterm.fr: essai\navoid.fr: zorglub\n")
        self.append(SMTP, self.ENTRY % ("298", "description.fr: Un zorglub."))
        self.assertRejected("'description.fr' says 'zorglub', which glossary.txt "
                            "avoids for 'test'")

    def test_glossary_word_in_code_or_inside_a_word_accepted(self):
        self.append("glossary.txt", "\nterm: test\nterm.fr: essai\navoid.fr: zorglub\n")
        self.append(SMTP, self.ENTRY % ("298", "description.fr: Le champ `zorglub` "
                                               "et les zorglubs2."))
        self.assertEqual(self.run_gen().returncode, 0)

    def test_glossary_avoid_needs_its_term(self):
        self.append("glossary.txt", "\nterm: test\navoid.fr: zorglub\n")
        self.assertRejected("'avoid.fr' without 'term.fr'")

    def test_japanese_and_chinese_take_full_width_marks(self):
        self.append(SMTP, self.ENTRY % ("298", "description.ja: \u30c6\u30b9\u30c8\u3067\u3059."))
        self.assertRejected("'description.ja'", "full-width mark, not '.'")

    def test_full_width_rule_spares_code_and_quotes(self):
        self.append(SMTP, self.ENTRY % ("298", "description.zh: \u4f8b\u5982`\u6d4b.`\u548c"
                                               "\u201c\u6d4b.\u201d\u548c\u7528.NET\u3002"))
        self.assertEqual(self.run_gen().returncode, 0)

    def test_bad_enum(self):
        self.append(SMTP, self.ENTRY.replace("later", "sometimes")
                    % ("298", ""))
        self.assertRejected("retry 'sometimes' is not one of")

    def test_unknown_key(self):
        self.append(SMTP, self.ENTRY % ("298", "colour: blue"))
        self.assertRejected("unknown key 'colour'")

    def test_label_placeholders_must_match(self):
        self.edit("labels.txt", "\nlang: fr\n", "\nlang: fr\n", 1)
        path = os.path.join(self.data, "labels.txt")
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        # Break the French title template.
        start = lines.index("lang: fr")
        for i in range(start, len(lines)):
            if lines[i].startswith("tmpl.title:"):
                lines[i] = "tmpl.title: {a} {b}"
                break
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        self.assertRejected("tmpl.title", "placeholders")

    def test_label_missing_key(self):
        path = os.path.join(self.data, "labels.txt")
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        start = lines.index("lang: es")
        for i in range(start, len(lines)):
            if lines[i].startswith("heading.fix:"):
                del lines[i]
                break
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        self.assertRejected("language 'es': missing ['heading.fix']")

    def test_phrase_used_twice(self):
        self.edit("reasons.txt", "reason: unknown\n",
                  "reason: unknown\nweak: zz-test-phrase|zz-test-phrase\n")
        self.assertRejected("already used")

    HTTP_ENTRY = ("\ncode: %s\nname: Test\nsource: vendor\norigin: Test\n"
                  "retry: later\nactor: server\ngist: A test.\n"
                  "description: A test.\nwhen: Never.\nfix: Nothing.\n%s\n")

    def test_symbol_used_twice(self):
        self.append(HTTP, self.HTTP_ENTRY % ("299", "mnemonic: NOT_FOUND"))
        self.assertRejected("symbol NOT_FOUND is also 404's")

    def test_symbol_spelled_apart_still_clashes(self):
        # Symbols are looked up without case and underscores.
        self.append(HTTP, self.HTTP_ENTRY % ("299", "mnemonic: NOTFOUND"))
        self.assertRejected("symbol NOTFOUND is also 404's")

    def test_command_outside_vocabulary(self):
        self.append(HTTP, self.HTTP_ENTRY % ("299", "commands: RCPT"))
        self.assertRejected("'RCPT' is not a command of http")

    def test_code_outside_kind(self):
        self.append(HTTP, self.HTTP_ENTRY % ("600", ""))
        self.assertRejected("600 is outside 100-599")

    def test_vendor_code_names_its_origin(self):
        self.append(HTTP, self.HTTP_ENTRY.replace("origin: Test\n", "")
                    % ("299", ""))
        self.assertRejected("says whose it is in 'origin'")

    def test_missing_class_entry(self):
        path = os.path.join(self.data, HTTP)
        with open(path, encoding="utf-8") as f:
            records = f.read().split("\n\n")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n\n".join(r for r in records if "code: 5xx\n" not in r + "\n"))
        self.assertRejected("kind http: class entry for 5 is missing")

    def test_equivalent_of_unlisted_code(self):
        self.append("equivalents.txt", "\nconcept: test\nmember: http 299 exact\n"
                    "member: smtp 421 close\n")
        self.assertRejected("member http 299 is not a listed code")

    def test_equivalent_concept_of_one(self):
        self.append("equivalents.txt", "\nconcept: test\nmember: http 404 exact\n")
        self.assertRejected("a concept links two codes at least")

    def test_contrast_with_unlisted_code(self):
        self.append(HTTP, self.HTTP_ENTRY % ("299", "contrast: 298: A test."))
        self.assertRejected("contrast with 298, which is not in the base")

    def test_contrast_translation_names_the_same_code(self):
        self.append(HTTP, self.HTTP_ENTRY % (
            "299", "contrast: 404: A test.\ncontrast.fr: 403: Un test."))
        self.assertRejected("'contrast.fr' must start with '404: '")

    def test_variant_translations_counted(self):
        self.append(HTTP, self.HTTP_ENTRY % (
            "299", "variant: X: one.\nvariant.fr: X: un.\nvariant.fr: X: deux."))
        self.assertRejected("more 'variant.fr' than 'variant' lines")

    def test_protocol_kind_undeclared(self):
        self.edit("protocols.txt", "kinds: http\n", "kinds: http gopher\n")
        self.assertRejected("kind 'gopher' is not declared for http")

    def test_scoped_label_without_generic(self):
        self.edit("labels.txt", "\nlang: en\n", "\nlang: en\nzz.test@http: x\n")
        self.assertRejected("key 'zz.test@http' has no generic key 'zz.test'")

    def test_scoped_label_unknown_protocol(self):
        self.edit("labels.txt", "\nlang: en\n", "\nlang: en\ntmpl.list@gopher: x\n")
        self.assertRejected("no protocol 'gopher'")

    def test_reason_out_of_order(self):
        self.edit("reasons.txt", "reason: delivered", "reason: deliverd")
        self.assertRejected("out of order or unknown")


if __name__ == "__main__":
    unittest.main()
