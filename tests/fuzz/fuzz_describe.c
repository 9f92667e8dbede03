/* fuzz_describe.c — libFuzzer target: sc_describe on any code struct, in any
 * language (also ids out of range), and on any code text. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void touch(const sc_info *d, const sc_code *c, int lang)
{
    size_t i, n = 0;
    char buf[SC_CODE_TEXT_MAX];
    n += strlen(d->name) + strlen(d->description) + strlen(d->when);
    n += strlen(d->fix) + strlen(d->class_code) + strlen(d->class_name);
    n += strlen(d->source) + strlen(d->retry) + strlen(d->retry_advice);
    n += strlen(d->actor) + strlen(d->actor_text);
    if (d->subject_code != NULL)
        n += strlen(d->subject_code);
    if (d->subject_name != NULL)
        n += strlen(d->subject_name);
    for (i = 0; i < d->nreferences; i++)
        n += strlen(d->references[i]);
    for (i = 0; i < d->ncommands; i++)
        n += strlen(d->commands[i]);
    for (i = 0; i < d->nvariants; i++)
        n += strlen(d->variants[i]);
    /* Related and basic codes are well-formed codes. */
    for (i = 0; i < d->nrelated; i++)
        if (sc_code_format(&d->related[i], buf, sizeof buf) == 0)
            __builtin_trap();
    for (i = 0; i < d->nbasic; i++)
        if (sc_code_format(&d->basic[i], buf, sizeof buf) == 0)
            __builtin_trap();
    if (n == 0 || d->lang != lang || d->code.kind != c->kind ||
        d->code.value != c->value || (d->known != 0 && d->known != 1))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_code c;
    sc_info d;
    int lang = size > 0 ? (int)data[0] - 8 : 0; /* also out of range */
    if (size >= 1 + sizeof c) {
        memcpy(&c, data + 1, sizeof c);
        if (sc_describe(0, &c, lang, &d) == SC_OK)
            touch(&d, &c, lang);
        if (sc_describe(-1, &c, lang, &d) != SC_EPROTOCOL &&
            sc_describe(-1, &c, lang, &d) != SC_EINVAL)
            __builtin_trap();
    }
    if (size > 0 && sc_code_parse(0, (const char *)data + 1, size - 1, &c) ==
                        SC_OK) {
        int rc = sc_describe(0, &c, lang, &d);
        if (rc == SC_OK)
            touch(&d, &c, lang);
        else if (rc != SC_ELANG)
            __builtin_trap(); /* a parsed code is always describable */
    }
    return 0;
}
