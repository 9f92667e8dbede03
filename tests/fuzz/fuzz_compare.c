/* fuzz_compare.c — libFuzzer target: sc_compare of two code texts split at
 * the first NUL byte, in any language, with a buffer of any size. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    if (sc_compare(0, &a, &b, lang, &r, buf, bufsize) == SC_OK) {
        size_t i;
        if (strlen(r.title) + strlen(r.summary) >= bufsize)
            __builtin_trap();
        for (i = 0; i < r.ndifferences; i++)
            (void)strlen(r.differences[i]);
    }
    free(buf);
    return 0;
}
