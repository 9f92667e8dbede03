/* fuzz_describe.c — libFuzzer target: sc_describe on any code struct, of any
 * protocol, in any language (also ids out of range), and on any code text;
 * then every list of the description through its accessors.
 *
 * Input: byte 0 is the language id + 8 (so 0 .. 7 try negative ids); byte 1
 * chooses the protocol, modulo the protocol count + 2: 0 .. count-1 are the
 * protocols, count an id one too big, count + 1 the id -1; from byte 2, the
 * bytes of a raw sc_code struct (described as they are, then with the chosen
 * protocol put in) and the code text (read by the chosen protocol: numbers,
 * SMTP's enhanced codes, DNS's "EDE 18", symbols).
 *
 * A description's class may be absent (class_code and class_name NULL) only
 * where the header allows it: for a listed code of a protocol whose classes
 * are ranges (DNS, WebSocket) or that has none (gRPC); SMTP, HTTP, FTP and
 * SIP give every code a digit class. */
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

/* 1 if every code of protocol `p` has a digit class ("4xx", "5.X.X"):
 * SMTP, HTTP, FTP and SIP. */
static int digit_classes(int p)
{
    const char *name = sc_protocol_name((size_t)p);
    return name != NULL &&
           (strcmp(name, "smtp") == 0 || strcmp(name, "http") == 0 ||
            strcmp(name, "ftp") == 0 || strcmp(name, "sip") == 0);
}

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* The class of a description, as the header allows it: a code and a name,
 * or neither. A digit class ("5xx", "5.X.X") is the code's first digit; a
 * range ("4000-4999") holds the code; no class only for a listed code (the
 * codes outside every range of DNS and WebSocket, every gRPC code). */
static void check_class(const sc_info *d, const sc_code *c)
{
    const char *k = d->class_code;
    if ((k == NULL) != (d->class_name == NULL))
        __builtin_trap();
    if (k == NULL) {
        if (!d->known || digit_classes(c->protocol))
            __builtin_trap();
        return;
    }
    if (d->class_name[0] == '\0' || k[0] == '\0')
        __builtin_trap();
    if (digit_classes(c->protocol)) {
        int digit = c->kind == SC_CODE_BASIC ? c->value / 100 : c->value;
        if (k[0] != '0' + digit ||
            strcmp(k + 1, c->kind == SC_CODE_BASIC ? "xx" : ".X.X") != 0)
            __builtin_trap();
    } else {
        long lo = 0, hi = 0;
        size_t i = 0;
        if (!is_digit(k[0]))
            __builtin_trap();
        while (is_digit(k[i]) && i < 12)
            lo = lo * 10 + (k[i++] - '0');
        if (k[i++] != '-' || !is_digit(k[i]))
            __builtin_trap();
        while (is_digit(k[i]) && i < 24)
            hi = hi * 10 + (k[i++] - '0');
        if (k[i] != '\0' || c->value < lo || c->value > hi)
            __builtin_trap();
    }
}

static void touch(const sc_info *d, const sc_code *c, int lang)
{
    size_t i, n = 0;
    int list;
    sc_code x;
    sc_equivalent q;
    if (d->name == NULL || d->description == NULL || d->when == NULL ||
        d->fix == NULL || d->source == NULL ||
        d->retry == NULL || d->retry_advice == NULL || d->actor == NULL ||
        d->actor_text == NULL)
        __builtin_trap();
    check_class(d, c);
    n += strlen(d->name) + strlen(d->description) + strlen(d->when);
    n += strlen(d->fix) + slen(d->class_code) + slen(d->class_name);
    n += strlen(d->source) + strlen(d->retry) + strlen(d->retry_advice);
    n += strlen(d->actor) + strlen(d->actor_text);
    n += slen(d->mnemonic) + slen(d->gist) + slen(d->origin);
    n += slen(d->subject_code) + slen(d->subject_name);
    if (n == 0 || d->lang != lang || !same_code(&d->code, c) ||
        (d->known != 0 && d->known != 1) ||
        (d->retryable != 0 && d->retryable != 1) ||
        (d->known == 0 && d->mnemonic != NULL) ||
        (lang == 0 && d->untranslated != 0) || (d->untranslated & ~0x1FFu))
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
        char buf[SC_CODE_TEXT_MAX];
        size_t n;
        sc_code back;
        if (c.protocol != protocol)
            __builtin_trap();
        describe(&c, lang, 1);
        /* Its text ("404", "5.7.8", "EDE 18") reads back as the same code
         * and describes the same way. */
        n = sc_code_format(&c, buf, sizeof buf);
        if (n == 0 || sc_code_parse(protocol, buf, n, &back) != SC_OK ||
            !same_code(&back, &c))
            __builtin_trap();
        if (lang >= 0 && lang < (int)sc_lang_count()) {
            sc_info e;
            if (sc_describe(&c, lang, &d) != SC_OK ||
                sc_describe(&back, lang, &e) != SC_OK ||
                d.name != e.name || d.class_code != e.class_code ||
                d.known != e.known)
                __builtin_trap();
        }
    } else if (rc != SC_EMALFORMED) {
        __builtin_trap();
    }
    return 0;
}
