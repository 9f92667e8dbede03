/* fuzz_describe.c — libFuzzer target: sc_describe on any code struct, of any
 * protocol, in any language (also ids out of range), and on any code text;
 * then every list of the description through its accessors.
 *
 * Input: byte 0 is the language id + 8 (so 0 .. 7 try negative ids); byte 1
 * chooses the protocol, modulo the protocol count + 2: 0 .. count-1 are the
 * protocols, count an id one too big, count + 1 the id -1; from byte 2, the
 * bytes of a raw sc_code struct (described as they are, then with the chosen
 * protocol put in) and the code text (read by the chosen protocol). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_code(const sc_code *a, const sc_code *b)
{
    return a->protocol == b->protocol && a->kind == b->kind &&
           a->value == b->value && a->subject == b->subject &&
           a->detail == b->detail;
}

static size_t slen(const char *s)
{
    return s != NULL ? strlen(s) : 0;
}

/* A code the library hands out: well-formed, so it formats and describes. */
static void valid(const sc_code *c)
{
    char buf[SC_CODE_TEXT_MAX];
    sc_info d;
    if (sc_code_format(c, buf, sizeof buf) == 0 ||
        sc_describe(c, 0, &d) != SC_OK)
        __builtin_trap();
}

static void touch(const sc_info *d, const sc_code *c, int lang)
{
    size_t i, n = 0;
    int list;
    sc_code x;
    sc_equivalent q;
    if (d->name == NULL || d->description == NULL || d->when == NULL ||
        d->fix == NULL || d->class_name == NULL || d->source == NULL ||
        d->retry == NULL || d->retry_advice == NULL || d->actor == NULL ||
        d->actor_text == NULL)
        __builtin_trap();
    n += strlen(d->name) + strlen(d->description) + strlen(d->when);
    n += strlen(d->fix) + slen(d->class_code) + strlen(d->class_name);
    n += strlen(d->source) + strlen(d->retry) + strlen(d->retry_advice);
    n += strlen(d->actor) + strlen(d->actor_text);
    n += slen(d->mnemonic) + slen(d->gist) + slen(d->origin);
    n += slen(d->subject_code) + slen(d->subject_name);
    if (n == 0 || d->lang != lang || !same_code(&d->code, c) ||
        (d->known != 0 && d->known != 1) ||
        (d->retryable != 0 && d->retryable != 1) ||
        (d->known == 0 && d->mnemonic != NULL) ||
        (lang == 0 && d->untranslated != 0) || (d->untranslated & ~0x3Fu))
        __builtin_trap();
    /* Every list, through its accessors: items up to the count, nothing at
     * the count. */
    for (list = 0; list < SC_LIST_COUNT; list++) {
        int strings = list == SC_LIST_ALIASES || list == SC_LIST_COMMANDS ||
                      list == SC_LIST_REFERENCES || list == SC_LIST_VARIANTS;
        if (d->count[list] > 10000)
            __builtin_trap();
        for (i = 0; i < d->count[list]; i++) {
            const char *s = sc_info_string(d, list, i);
            int rc = sc_info_code(d, list, i, &x);
            if (strings) {
                if (s == NULL || rc != SC_EINVAL)
                    __builtin_trap();
                n += strlen(s);
                continue;
            }
            if (s != NULL || rc != SC_OK)
                __builtin_trap();
            valid(&x);
            /* Related and basic codes are of the code's protocol; an
             * equivalent is of another one. */
            if ((list == SC_LIST_EQUIVALENTS) != (x.protocol != c->protocol))
                __builtin_trap();
            if (list == SC_LIST_BASIC && x.kind != SC_CODE_BASIC)
                __builtin_trap();
        }
        if (sc_info_string(d, list, d->count[list]) != NULL ||
            sc_info_code(d, list, d->count[list], &x) != SC_EINVAL)
            __builtin_trap();
    }
    for (i = 0; i < d->count[SC_LIST_EQUIVALENTS]; i++) {
        if (sc_info_equivalent(d, i, &q) != SC_OK || q.name == NULL ||
            q.closeness == NULL ||
            (strcmp(q.closeness, "exact") != 0 &&
             strcmp(q.closeness, "close") != 0) ||
            sc_info_code(d, SC_LIST_EQUIVALENTS, i, &x) != SC_OK ||
            !same_code(&x, &q.code))
            __builtin_trap();
        n += strlen(q.name) + slen(q.note);
    }
    if (sc_info_equivalent(d, d->count[SC_LIST_EQUIVALENTS], &q) != SC_EINVAL)
        __builtin_trap();
    (void)n;
}

/* Describe `c`: a success is checked, a failure must be the right one. */
static void describe(const sc_code *c, int lang, int parsed)
{
    sc_info d;
    int np = (int)sc_protocol_count(), nl = (int)sc_lang_count();
    int rc = sc_describe(c, lang, &d);
    if (rc == SC_OK) {
        touch(&d, c, lang);
        return;
    }
    if (c->protocol < 0 || c->protocol >= np) {
        if (rc != SC_EPROTOCOL && rc != SC_ELANG)
            __builtin_trap();
    } else if (lang < 0 || lang >= nl) {
        if (rc != SC_ELANG && rc != SC_EMALFORMED)
            __builtin_trap();
    } else if (rc != SC_EMALFORMED || parsed) {
        __builtin_trap(); /* a parsed code is always describable */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_code c;
    sc_info d;
    int np = (int)sc_protocol_count(), protocol, sel, rc;
    int lang = size > 0 ? (int)data[0] - 8 : 0; /* also out of range */
    if (size < 2)
        return 0;
    sel = data[1] % (np + 2);
    protocol = sel < np ? sel : sel == np ? np : -1;
    data += 2;
    size -= 2;
    if (size >= sizeof c) {
        memcpy(&c, data, sizeof c);
        describe(&c, lang, 0);
        c.protocol = protocol;
        describe(&c, lang, 0);
        /* A code of a protocol that does not exist. */
        c.protocol = -1;
        if (sc_describe(&c, lang, NULL) != SC_EINVAL)
            __builtin_trap();
        if (sc_describe(&c, 0, &d) != SC_EPROTOCOL)
            __builtin_trap();
    }
    rc = sc_code_parse(protocol, (const char *)data, size, &c);
    if (protocol < 0 || protocol >= np) {
        if (rc != SC_EPROTOCOL)
            __builtin_trap();
    } else if (rc == SC_OK) {
        if (c.protocol != protocol)
            __builtin_trap();
        describe(&c, lang, 1);
    } else if (rc != SC_EMALFORMED) {
        __builtin_trap();
    }
    return 0;
}
