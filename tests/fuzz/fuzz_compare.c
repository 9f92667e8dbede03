/* fuzz_compare.c — libFuzzer target: sc_compare of two code texts split at
 * the first NUL byte, in any language, with a buffer of any size. A success
 * is then repeated with a buffer of exactly the size it used (must succeed)
 * and one byte less (must say SC_ENOSPACE), each its own allocation, so a
 * write one past the end is caught by ASan. */
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
    if (sc_compare(0, a, b, lang, &r, buf, need) != SC_OK ||
        used(&r, buf, need) != need)
        __builtin_trap();
    free(buf);
    if (need > 1) {
        buf = malloc(need - 1);
        if (buf == NULL)
            return;
        if (sc_compare(0, a, b, lang, &r, buf, need - 1) != SC_ENOSPACE)
            __builtin_trap();
        free(buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_code a, b;
    sc_comparison r;
    const uint8_t *nul;
    size_t alen, bufsize;
    char *buf;
    int lang;
    if (size < 3)
        return 0;
    lang = data[0] % 16;
    bufsize = (size_t)data[1] * 64 + 1;
    data += 2;
    size -= 2;
    nul = memchr(data, 0, size);
    alen = nul ? (size_t)(nul - data) : size;
    if (sc_code_parse(0, (const char *)data, alen, &a) != SC_OK)
        return 0;
    if (nul == NULL || sc_code_parse(0, (const char *)nul + 1,
                                     size - alen - 1, &b) != SC_OK)
        b = a;
    buf = malloc(bufsize);
    if (buf == NULL)
        return 0;
    switch (sc_compare(0, &a, &b, lang, &r, buf, bufsize)) {
    case SC_OK:
        exact(&a, &b, lang, used(&r, buf, bufsize));
        break;
    case SC_ENOSPACE:
        if (bufsize >= SC_COMPARE_BUFSIZE)
            __builtin_trap(); /* SC_COMPARE_BUFSIZE is always enough */
        break;
    case SC_ELANG:
        if (lang < (int)sc_lang_count())
            __builtin_trap();
        break;
    default:
        __builtin_trap(); /* two well-formed codes always compare */
    }
    free(buf);
    return 0;
}
