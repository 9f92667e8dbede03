/* fuzz_code.c — libFuzzer target: a code text read by every protocol
 * (sc_code_parse: numbers, enhanced codes, DNS's "EDE 18" in each of its
 * spellings, symbols) and sc_code_format back,
 * and the same bytes as the other outside input a caller passes on: a
 * number (sc_code_from_int, every protocol) and a protocol or language name
 * (sc_protocol_find, sc_lang_find, sc_lang_refusal). */
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
    static const struct {
        const char *name;
        long lo, hi;
    } ranges[] = {{"smtp", 200, 599}, {"http", 100, 599},
                  {"ftp", 100, 699},  {"dns", 0, 65535},
                  {"grpc", 0, 16},    {"websocket", 1000, 4999},
                  {"sip", 100, 699}};
    const char *name = sc_protocol_name((size_t)p);
    size_t i;
    *lo = 0;
    *hi = 0x7FFFFFFFL;
    for (i = 0; name != NULL && i < sizeof ranges / sizeof *ranges; i++) {
        if (strcmp(name, ranges[i].name) == 0) {
            *lo = ranges[i].lo;
            *hi = ranges[i].hi;
            return 1;
        }
    }
    return 0;
}

static int lower(int ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }

static int letter(int ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

/* A prefixed code's text as sc_code_format() writes it, "EDE 18": a word
 * of letters, one space, the number. 1 and the word's length in *word if
 * `t` (`n` bytes) is of that form. */
static int prefixed(const char *t, size_t n, size_t *word)
{
    size_t i = 0;
    while (i < n && letter((unsigned char)t[i]))
        i++;
    if (i == 0 || i + 1 >= n || t[i] != ' ')
        return 0;
    *word = i;
    for (i++; i < n; i++) {
        if (t[i] < '0' || t[i] > '9')
            return 0;
    }
    return 1;
}

/* 1 if `data` is the prefixed code `t` (`n` bytes, its word `w` bytes) in
 * one of the spellings sc_code_parse() reads: the word in any case, any run
 * of spaces, ':', '-' or '_', then exactly the number ("EDE: 18", "ede18"):
 * then the text is a code's own text, not a symbol. */
static int spells_prefixed(const uint8_t *data, size_t size, const char *t,
                           size_t n, size_t w)
{
    size_t i;
    if (size < w)
        return 0;
    for (i = 0; i < w; i++) {
        if (lower(data[i]) != lower((unsigned char)t[i]))
            return 0;
    }
    while (i < size && (data[i] == ' ' || data[i] == ':' || data[i] == '-' ||
                        data[i] == '_'))
        i++;
    return size - i == n - w - 1 &&
           memcmp(data + i, t + w + 1, n - w - 1) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    sc_code c, d, keep, found[32];
    char buf[SC_CODE_TEXT_MAX];
    unsigned long u = 0;
    size_t i, nfound, nlisted = 0, w;
    int id, p, np = (int)sc_protocol_count(), is_code;

    memset(&keep, 0x5a, sizeof keep);
    nfound = sc_lookup(s, size, found, 32);
    if (nfound > (size_t)np || nfound > 32)
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
        /* A prefixed code ("EDE 18", DNS's Extended DNS Errors) is of the
         * protocol's second kind, and reads the same in the other
         * spellings: "EDE: 18", "ede18", "EDE-18", "EDE_18", "ede  18". */
        is_code = numeric(data, size);
        if (prefixed(buf, n, &w)) {
            static const char *const seps[] = {": ", "", "-", "_", "  "};
            char alt[SC_CODE_TEXT_MAX + 8];
            size_t j, k;
            if (c.kind != SC_CODE_ENHANCED || c.subject != 0 || c.detail != 0)
                __builtin_trap();
            is_code = spells_prefixed(data, size, buf, n, w);
            for (j = 0; j < sizeof seps / sizeof *seps; j++) {
                size_t sl = strlen(seps[j]), m = 0;
                for (k = 0; k < w; k++)
                    alt[m++] = (char)(j % 2 ? lower((unsigned char)buf[k])
                                            : buf[k]);
                memcpy(alt + m, seps[j], sl);
                m += sl;
                memcpy(alt + m, buf + w + 1, n - w - 1);
                m += n - w - 1;
                if (sc_code_parse(p, alt, m, &d) != SC_OK || !same_code(&c, &d))
                    __builtin_trap();
            }
        }
        /* A basic code is the same made from its number. */
        if (c.kind == SC_CODE_BASIC &&
            (sc_code_from_int(p, c.value, &d) != SC_OK || !same_code(&c, &d)))
            __builtin_trap();
        /* A parsed code is always describable; a symbol names a listed
         * code. */
        if (sc_describe(&c, 0, &info) != SC_OK || !same_code(&info.code, &c))
            __builtin_trap();
        if (!is_code && !info.known)
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
    /* A tag accepted has no refusal; one with a refusal is not accepted. */
    if (id >= 0 && sc_lang_refusal(s, size) != NULL)
        __builtin_trap();
    return 0;
}
