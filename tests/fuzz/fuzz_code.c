/* fuzz_code.c — libFuzzer target: a code text (sc_code_parse, basic and
 * enhanced, and sc_code_format back), and the same bytes as the other
 * outside input a caller passes on: a number (sc_code_from_int) and a
 * protocol or language name (sc_protocol_find, sc_lang_find). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    sc_code c, d;
    char buf[SC_CODE_TEXT_MAX];
    unsigned long u = 0;
    size_t i;
    int id;

    if (sc_code_parse(0, s, size, &c) == SC_OK) {
        size_t n = sc_code_format(&c, buf, sizeof buf);
        /* A parsed code formats back to exactly its input. */
        if (n != size || memcmp(buf, data, size) != 0)
            __builtin_trap();
        /* A basic code is the same made from its number. */
        if (c.kind == SC_CODE_BASIC &&
            (sc_code_from_int(0, c.value, &d) != SC_OK ||
             d.kind != c.kind || d.value != c.value))
            __builtin_trap();
    }
    /* Protocol ids out of range are refused, whatever the text. */
    if (sc_code_parse(-1, s, size, &c) != SC_EPROTOCOL ||
        sc_code_parse((int)sc_protocol_count(), s, size, &c) != SC_EPROTOCOL)
        __builtin_trap();

    /* The first bytes as a number. */
    for (i = 0; i < size && i < sizeof u; i++)
        u = u << 8 | data[i];
    if (sc_code_from_int(0, (long)u, &c) == SC_OK &&
        ((long)u < 200 || (long)u > 599))
        __builtin_trap();

    /* The bytes as an option value. */
    id = sc_protocol_find(s, size);
    if (id >= (int)sc_protocol_count() || (id >= 0 && sc_protocol_name((size_t)id) == NULL))
        __builtin_trap();
    id = sc_lang_find(s, size);
    if (id >= (int)sc_lang_count() || (id >= 0 && sc_label(id, 0) == NULL))
        __builtin_trap();
    return 0;
}
