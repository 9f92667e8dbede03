/* fuzz_parse_next.c — libFuzzer target: the bulk path over a buffer of any
 * bytes; every reply must lie inside the buffer, and the walk must end. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = malloc(size ? size : 1), *text = malloc(SC_PARSE_BUFSIZE(size));
    sc_verdict v;
    size_t pos = 0, last = 0, n = 0;
    if (in == NULL || text == NULL)
        goto done;
    if (size)
        memcpy(in, data, size);
    while (sc_parse_next(in, size, &pos, text, SC_PARSE_BUFSIZE(size), &v) ==
           SC_OK) {
        if (pos <= last && n > 0)
            __builtin_trap(); /* no progress */
        if (v.end > size || v.start > v.end || pos > size)
            __builtin_trap();
        last = pos;
        if (++n > size + 1)
            __builtin_trap();
    }
done:
    free(in);
    free(text);
    return 0;
}
