/* fuzz_describe.c — libFuzzer target: sc_describe on any code struct, in any
 * language, and on any code text. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void touch(const sc_info *d)
{
    size_t i, n = 0;
    n += strlen(d->name) + strlen(d->description) + strlen(d->when);
    n += strlen(d->fix) + strlen(d->class_code) + strlen(d->class_name);
    for (i = 0; i < d->nreferences; i++)
        n += strlen(d->references[i]);
    for (i = 0; i < d->ncommands; i++)
        n += strlen(d->commands[i]);
    for (i = 0; i < d->nvariants; i++)
        n += strlen(d->variants[i]);
    if (n == 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_code c;
    sc_info d;
    int lang = size > 0 ? (int)data[0] - 8 : 0; /* also out of range */
    if (size >= 1 + 4 * sizeof(int)) {
        memcpy(&c, data + 1, sizeof c);
        if (sc_describe(0, &c, lang, &d) == SC_OK)
            touch(&d);
    }
    if (size > 0 && sc_code_parse(0, (const char *)data + 1, size - 1, &c) ==
                        SC_OK &&
        sc_describe(0, &c, lang, &d) == SC_OK)
        touch(&d);
    return 0;
}
