/* langs_en_fr.c — run against a library built with -DSC_LANGUAGES=en;fr
 * (tests/python/test_languages.py builds it): the languages are exactly
 * English and French, French prose is there, German is refused. Prints
 * each failure; exits 1 if any. */
#include <stdio.h>
#include <string.h>

#include "statuscodes.h"

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAILED: %s\n", what);
        failures++;
    }
}

int main(void)
{
    sc_code code;
    sc_info en, fr, other;
    int smtp = sc_protocol_find("smtp", 4);

    check(sc_lang_count() == 2, "sc_lang_count() is 2");
    check(sc_lang_tag(0) != NULL && strcmp(sc_lang_tag(0), "en") == 0,
          "language 0 is en");
    check(sc_lang_tag(1) != NULL && strcmp(sc_lang_tag(1), "fr") == 0,
          "language 1 is fr");
    check(sc_lang_tag(2) == NULL, "no language 2");
    check(sc_lang_find("fr-CA", 5) == 1, "fr-CA is French");
    check(sc_lang_find("de", 2) == -1, "de is refused");
    check(sc_lang_find("de_DE.UTF-8", 11) == -1, "de_DE.UTF-8 is refused");
    check(sc_lang_find("ja", 2) == -1, "ja is refused");
    check(sc_label(2, 0) == NULL, "no label in language 2");

    check(sc_code_parse(smtp, "550", 3, &code) == SC_OK, "550 reads");
    check(sc_describe(&code, 0, &en) == SC_OK, "550 in English");
    check(sc_describe(&code, 1, &fr) == SC_OK, "550 in French");
    check(fr.untranslated == 0, "550's French prose is all there");
    check(strcmp(en.description, fr.description) != 0,
          "550's French description is not the English one");
    check(strcmp(sc_label(0, SC_LABEL_WHEN), sc_label(1, SC_LABEL_WHEN)) != 0,
          "French headings");
    check(sc_describe(&code, 2, &other) == SC_ELANG, "describe in 2: SC_ELANG");

    printf("languages: %s %s; 550 in French: %.60s...\n", sc_lang_tag(0),
           sc_lang_tag(1), fr.description);
    return failures ? 1 : 0;
}
