/* fuzz_code.c — libFuzzer target: sc_code_parse and sc_code_format. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_code c;
    char buf[SC_CODE_TEXT_MAX];
    if (sc_code_parse(0, (const char *)data, size, &c) == SC_OK) {
        size_t n = sc_code_format(&c, buf, sizeof buf);
        /* A parsed code formats back to exactly its input. */
        if (n != size || memcmp(buf, data, size) != 0)
            __builtin_trap();
    }
    return 0;
}
