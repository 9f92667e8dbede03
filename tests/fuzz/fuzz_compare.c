/* fuzz_compare.c — libFuzzer target: sc_compare of two code texts split at
 * the first NUL byte, each read by a protocol of its own (the same or two
 * different ones), in any language, with a buffer of any size. A success is
 * then repeated with a buffer of exactly the size it used (must succeed)
 * and one byte less (must say SC_ENOSPACE), each its own allocation, so a
 * write one past the end is caught by ASan.
 *
 * Input: byte 0: the language id in its low 4 bits (0 .. 15: also ids out
 * of range), and in its high 4 bits, modulo the protocol count, the
 * protocol the first text is read by. Byte 1, modulo the protocol count:
 * the protocol the second text is read by. Byte 2: the buffer size / 64.
 * Then the two code texts; when the second is missing or not a code of its
 * protocol, the first is compared with itself.
 *
 * Codes of two protocols compare too (statuscodes.h): same_class is 0, the
 * title names each code with its protocol, and in English the first
 * difference says how the base relates them: listed as equivalents ("mean
 * the same thing", "mean nearly the same thing"), the same number with two
 * meanings ("The same number means different things here"), or neither
 * ("are not listed as equivalents"); then at most one similarity, last. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bytes of `buf` the sentences of `r` use, after checking each lies inside
 * the `size` bytes of `buf`. */
static size_t used(const sc_comparison *r, const char *buf, size_t size)
{
    const char *s[2 + SC_MAX_DIFFERENCES + 2];
    size_t i, n = 0, end = 0;
    s[n++] = r->title;
    s[n++] = r->summary;
    if (r->ndifferences > SC_MAX_DIFFERENCES || r->nwhen_to_use > 2 ||
        r->nlearn_more > SC_MAX_LEARN_MORE)
        __builtin_trap();
    for (i = 0; i < r->ndifferences; i++)
        s[n++] = r->differences[i];
    for (i = 0; i < r->nwhen_to_use; i++)
        s[n++] = r->when_to_use[i];
    for (i = 0; i < n; i++) {
        size_t off, len;
        if (s[i] == NULL || s[i] < buf || s[i] >= buf + size)
            __builtin_trap();
        off = (size_t)(s[i] - buf);
        len = strlen(s[i]); /* stops inside buf, or ASan says so */
        if (off + len + 1 > end)
            end = off + len + 1;
    }
    for (i = 0; i < r->nlearn_more; i++)
        (void)strlen(r->learn_more[i]);
    return end;
}

static void exact(const sc_code *a, const sc_code *b, int lang, size_t need)
{
    sc_comparison r;
    char *buf = malloc(need);
    if (buf == NULL)
        return;
    if (sc_compare(a, b, lang, &r, buf, need) != SC_OK ||
        used(&r, buf, need) != need)
        __builtin_trap();
    free(buf);
    if (need > 1) {
        buf = malloc(need - 1);
        if (buf == NULL)
            return;
        if (sc_compare(a, b, lang, &r, buf, need - 1) != SC_ENOSPACE)
            __builtin_trap();
        free(buf);
    }
}

static int same_code(const sc_code *x, const sc_code *y)
{
    return x->protocol == y->protocol && x->kind == y->kind &&
           x->value == y->value && x->subject == y->subject &&
           x->detail == y->detail;
}

/* 1 if `s` is one of English's "what both share" sentences. */
static int similarity(const char *s)
{
    return strncmp(s, "On retrying, both behave the same", 33) == 0 ||
           strncmp(s, "After either of them", 20) == 0 ||
           strncmp(s, "Both are sent in reply to", 25) == 0 ||
           strncmp(s, "Both are in class", 17) == 0;
}

/* The closeness of `y` among the equivalents of `x`, or NULL. */
static const char *link_to(const sc_info *x, const sc_code *y)
{
    size_t i;
    sc_equivalent q;
    for (i = 0; i < x->count[SC_LIST_EQUIVALENTS]; i++) {
        if (sc_info_equivalent(x, i, &q) != SC_OK)
            __builtin_trap();
        if (same_code(&q.code, y))
            return q.closeness;
    }
    return NULL;
}

/* "SMTP 421" in `t`, as a sentence about two protocols names a code. */
static int names_code(const char *t, const sc_code *c, const char *ct)
{
    const char *d = sc_protocol_display((size_t)c->protocol), *p;
    size_t n = strlen(d);
    for (p = strstr(t, d); p != NULL; p = strstr(p + 1, d)) {
        if (p[n] == ' ' && strncmp(p + n + 1, ct, strlen(ct)) == 0)
            return 1;
    }
    return 0;
}

/* Codes of two protocols: the documented invariants. */
static void check_cross(const sc_comparison *r, const char *at, const char *bt)
{
    const char *closeness, *want;
    size_t i, nsim = 0;
    if (r->same_class != 0 || !names_code(r->title, &r->a.code, at) ||
        !names_code(r->title, &r->b.code, bt))
        __builtin_trap();
    /* The relation the base has, both ways the same. */
    closeness = link_to(&r->a, &r->b.code);
    if ((closeness == NULL) != (link_to(&r->b, &r->a.code) == NULL))
        __builtin_trap();
    if (r->a.lang != 0)
        return;
    if (closeness != NULL)
        want = strcmp(closeness, "exact") == 0 ? "mean the same thing"
                                               : "mean nearly the same thing";
    else if (strcmp(at, bt) == 0)
        want = "The same number means different things here";
    else
        want = "are not listed as equivalents";
    if (strstr(r->differences[0], want) == NULL ||
        strstr(r->summary, "belong to different protocols") == NULL)
        __builtin_trap();
    /* Then what differs, and at most one similarity, last. */
    for (i = 1; i < r->ndifferences; i++) {
        if (similarity(r->differences[i])) {
            nsim++;
            if (i != r->ndifferences - 1)
                __builtin_trap();
        }
    }
    if (nsim > 1 || r->ndifferences > 6)
        __builtin_trap();
}

/* The comparison says what each code is: they are the codes asked about,
 * of their protocol, and the title names both. */
static void check(const sc_comparison *r, const sc_code *a, const sc_code *b,
                  int lang)
{
    char at[SC_CODE_TEXT_MAX], bt[SC_CODE_TEXT_MAX];
    if (!same_code(&r->a.code, a) || !same_code(&r->b.code, b) ||
        r->a.lang != lang || r->b.lang != lang ||
        (r->same_class != 0 && r->same_class != 1) ||
        sc_code_format(a, at, sizeof at) == 0 ||
        sc_code_format(b, bt, sizeof bt) == 0 || strstr(r->title, at) == NULL ||
        strstr(r->title, bt) == NULL || r->ndifferences < 1 ||
        r->nwhen_to_use != 2)
        __builtin_trap();
    /* No class, no same class (gRPC; DNS and WebSocket codes outside every
     * range). */
    if (r->same_class && (r->a.class_code == NULL || r->b.class_code == NULL))
        __builtin_trap();
    if (a->protocol != b->protocol)
        check_cross(r, at, bt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_code a, b;
    sc_comparison r, keep;
    const uint8_t *nul;
    size_t alen, bufsize;
    char *buf;
    int lang, np = (int)sc_protocol_count(), pa, pb, rc;
    if (size < 4)
        return 0;
    lang = data[0] % 16;
    pa = (data[0] >> 4) % np;
    pb = data[1] % np;
    bufsize = (size_t)data[2] * 64 + 1;
    data += 3;
    size -= 3;
    nul = memchr(data, 0, size);
    alen = nul ? (size_t)(nul - data) : size;
    if (sc_code_parse(pa, (const char *)data, alen, &a) != SC_OK)
        return 0;
    if (nul == NULL || sc_code_parse(pb, (const char *)nul + 1,
                                     size - alen - 1, &b) != SC_OK)
        b = a;
    buf = malloc(bufsize);
    if (buf == NULL)
        return 0;
    memset(&keep, 0x5a, sizeof keep);
    r = keep;
    rc = sc_compare(&a, &b, lang, &r, buf, bufsize);
    switch (rc) {
    case SC_OK:
        check(&r, &a, &b, lang);
        exact(&a, &b, lang, used(&r, buf, bufsize));
        break;
    case SC_ENOSPACE:
        if (bufsize >= SC_COMPARE_BUFSIZE || memcmp(&r, &keep, sizeof r) != 0)
            __builtin_trap(); /* SC_COMPARE_BUFSIZE is always enough */
        break;
    case SC_ELANG:
        if (lang < (int)sc_lang_count() || memcmp(&r, &keep, sizeof r) != 0)
            __builtin_trap();
        break;
    default:
        __builtin_trap(); /* two well-formed codes always compare */
    }
    /* The other way round: the same answer, the same relation. */
    if (a.protocol != b.protocol) {
        sc_comparison s;
        int rc2;
        s = keep;
        rc2 = sc_compare(&b, &a, lang, &s, buf, bufsize);
        if (rc2 == SC_OK)
            check(&s, &b, &a, lang);
        else if ((rc2 != SC_ENOSPACE && rc2 != rc) ||
                 (rc2 == SC_ENOSPACE && bufsize >= SC_COMPARE_BUFSIZE) ||
                 memcmp(&s, &keep, sizeof s) != 0)
            __builtin_trap();
    }
    free(buf);
    return 0;
}
