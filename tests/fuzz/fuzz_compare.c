/* fuzz_compare.c — libFuzzer target: sc_compare of two code texts split at
 * the first NUL byte, of any protocol, in any language, with a buffer of any
 * size. A success is then repeated with a buffer of exactly the size it used
 * (must succeed) and one byte less (must say SC_ENOSPACE), each its own
 * allocation, so a write one past the end is caught by ASan.
 *
 * Input: byte 0: the language id in its low 4 bits (0 .. 15: also ids out
 * of range), and in its high 4 bits, modulo the protocol count + 1, the
 * protocol both texts are read by; the value `count` reads the first text
 * as the first protocol's and the second as the last protocol's, a pair
 * that must be refused (SC_EPROTOCOL). Byte 1: the buffer size / 64. Then
 * the two code texts. */
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_code a, b;
    sc_comparison r, keep;
    const uint8_t *nul;
    size_t alen, bufsize;
    char *buf;
    int lang, np = (int)sc_protocol_count(), sel, pa, pb;
    if (size < 3)
        return 0;
    lang = data[0] % 16;
    sel = (data[0] >> 4) % (np + 1);
    pa = sel < np ? sel : 0;
    pb = sel < np ? sel : np - 1;
    bufsize = (size_t)data[1] * 64 + 1;
    data += 2;
    size -= 2;
    nul = memchr(data, 0, size);
    alen = nul ? (size_t)(nul - data) : size;
    if (sc_code_parse(pa, (const char *)data, alen, &a) != SC_OK)
        return 0;
    if (nul == NULL || sc_code_parse(pb, (const char *)nul + 1,
                                     size - alen - 1, &b) != SC_OK) {
        if (pa != pb)
            return 0;
        b = a;
    }
    buf = malloc(bufsize);
    if (buf == NULL)
        return 0;
    memset(&keep, 0x5a, sizeof keep);
    r = keep;
    if (a.protocol != b.protocol) {
        /* Two protocols: refused, whatever the buffer (a bad language may
         * be said first), and *out left alone. */
        int bad_lang = lang >= (int)sc_lang_count();
        int rc1 = sc_compare(&a, &b, lang, &r, buf, bufsize);
        int rc2 = sc_compare(&b, &a, lang, &r, buf, bufsize);
        if ((rc1 != SC_EPROTOCOL && !(bad_lang && rc1 == SC_ELANG)) ||
            (rc2 != SC_EPROTOCOL && !(bad_lang && rc2 == SC_ELANG)) ||
            memcmp(&r, &keep, sizeof r) != 0)
            __builtin_trap();
        free(buf);
        return 0;
    }
    switch (sc_compare(&a, &b, lang, &r, buf, bufsize)) {
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
    free(buf);
    return 0;
}
