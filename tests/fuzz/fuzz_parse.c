/* fuzz_parse.c — libFuzzer target: sc_parse of any bytes, into a buffer of
 * exactly the documented size, then sc_verdict_why. The input is copied to a
 * buffer of its own size, so any read past `len` is caught by ASan. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = malloc(size ? size : 1), *text = malloc(SC_PARSE_BUFSIZE(size));
    char why[SC_WHY_MAX];
    sc_verdict v;
    if (in == NULL || text == NULL)
        goto done;
    if (size)
        memcpy(in, data, size);
    if (sc_parse(in, size, text, SC_PARSE_BUFSIZE(size), &v) == SC_OK) {
        if (v.text_len > size || v.text[v.text_len] != '\0' ||
            v.start > v.end || v.end > size ||
            sc_reason_name(v.reason) == NULL ||
            sc_action_name(v.action) == NULL)
            __builtin_trap();
        if (sc_verdict_why(&v, why, sizeof why) >= sizeof why)
            __builtin_trap();
    }
done:
    free(in);
    free(text);
    return 0;
}
