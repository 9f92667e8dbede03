/* fuzz_code.c — libFuzzer target: a code text read by every protocol
 * (sc_code_parse: numbers, enhanced codes, symbols) and sc_code_format back,
 * and the same bytes as the other outside input a caller passes on: a
 * number (sc_code_from_int, every protocol) and a protocol or language name
 * (sc_protocol_find, sc_lang_find). */
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

/* 1 if the bytes are what a number or an enhanced code is written with:
 * then the text is the code's own text, not a symbol. */
static int numeric(const uint8_t *data, size_t size)
{
    size_t i;
    for (i = 0; i < size; i++) {
        if (!((data[i] >= '0' && data[i] <= '9') || data[i] == '.'))
            return 0;
    }
    return size > 0;
}

/* The numbers protocol `p` accepts as basic codes (its sc_protocol_help()
 * says so); 0 for a protocol this harness does not know. */
static int range(int p, long *lo, long *hi)
{
    const char *name = sc_protocol_name((size_t)p);
    *lo = 0;
    *hi = 0x7FFFFFFFL;
    if (strcmp(name, "smtp") == 0) {
        *lo = 200;
        *hi = 599;
        return 1;
    }
    if (strcmp(name, "http") == 0) {
        *lo = 100;
        *hi = 599;
        return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    sc_code c, d, keep, found[8];
    char buf[SC_CODE_TEXT_MAX];
    unsigned long u = 0;
    size_t i, nfound, nlisted = 0;
    int id, p, np = (int)sc_protocol_count();

    memset(&keep, 0x5a, sizeof keep);
    nfound = sc_lookup(s, size, found, 8);
    if (nfound > (size_t)np)
        __builtin_trap();
    for (p = 0; p < np; p++) {
        size_t n;
        int rc;
        sc_info info;
        c = keep;
        rc = sc_code_parse(p, s, size, &c);
        if (rc != SC_OK) {
            if (rc != SC_EMALFORMED || memcmp(&c, &keep, sizeof c) != 0)
                __builtin_trap(); /* refused, and *out untouched */
            continue;
        }
        if (c.protocol != p)
            __builtin_trap();
        n = sc_code_format(&c, buf, sizeof buf);
        if (n == 0 || n >= sizeof buf || strlen(buf) != n)
            __builtin_trap();
        if (numeric(data, size)) {
            /* A parsed number or enhanced code formats back to exactly its
             * input. */
            if (n != size || memcmp(buf, data, size) != 0)
                __builtin_trap();
        }
        /* The formatted text reads back as the same code, whatever the
         * input was (a symbol formats as its number). */
        if (sc_code_parse(p, buf, n, &d) != SC_OK || !same_code(&c, &d))
            __builtin_trap();
        /* A basic code is the same made from its number. */
        if (c.kind == SC_CODE_BASIC &&
            (sc_code_from_int(p, c.value, &d) != SC_OK || !same_code(&c, &d)))
            __builtin_trap();
        /* A parsed code is always describable; a symbol names a listed
         * code. */
        if (sc_describe(&c, 0, &info) != SC_OK || !same_code(&info.code, &c))
            __builtin_trap();
        if (!numeric(data, size) && !info.known)
            __builtin_trap();
        /* sc_lookup lists it exactly when the base lists it. */
        if (info.known) {
            if (nlisted >= nfound || !same_code(&found[nlisted], &c))
                __builtin_trap();
            nlisted++;
        }
    }
    if (nlisted != nfound)
        __builtin_trap();
    /* Protocol ids out of range are refused, whatever the text. */
    if (sc_code_parse(-1, s, size, &c) != SC_EPROTOCOL ||
        sc_code_parse(np, s, size, &c) != SC_EPROTOCOL)
        __builtin_trap();

    /* The first bytes as a number, for every protocol. */
    for (i = 0; i < size && i < sizeof u; i++)
        u = u << 8 | data[i];
    for (p = 0; p < np; p++) {
        long lo, hi, v = (long)u;
        int known_range = range(p, &lo, &hi);
        if (sc_code_from_int(p, v, &c) == SC_OK) {
            size_t n = sc_code_format(&c, buf, sizeof buf);
            if (v < lo || v > hi || c.protocol != p || c.kind != SC_CODE_BASIC ||
                c.value != v || n == 0 || sc_code_parse(p, buf, n, &d) != SC_OK ||
                !same_code(&c, &d))
                __builtin_trap();
        } else if (known_range && v >= lo && v <= hi) {
            __builtin_trap(); /* every number of the range is a code */
        }
    }
    if (sc_code_from_int(-1, 404, &c) != SC_EPROTOCOL ||
        sc_code_from_int(np, 404, &c) != SC_EPROTOCOL)
        __builtin_trap();

    /* The bytes as an option value. */
    id = sc_protocol_find(s, size);
    if (id >= np || (id >= 0 && (sc_protocol_name((size_t)id) == NULL ||
                                 sc_protocol_display((size_t)id) == NULL ||
                                 sc_protocol_help((size_t)id) == NULL)))
        __builtin_trap();
    id = sc_lang_find(s, size);
    if (id >= (int)sc_lang_count() || (id >= 0 && sc_label(id, 0) == NULL))
        __builtin_trap();
    return 0;
}
