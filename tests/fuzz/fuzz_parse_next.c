/* fuzz_parse_next.c — libFuzzer target: the bulk path over a buffer of any
 * bytes; every reply must lie inside the buffer, after where its call
 * started, and the walk must end. Then the buffer's lines, sc_next_line()
 * one by one. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = calloc(1, size ? size : 1), *text = malloc(SC_PARSE_BUFSIZE(size));
    sc_verdict v;
    size_t pos = 0, last = 0, n = 0;
    int rc, smtp = sc_protocol_find("smtp", 4);
    if (in == NULL || text == NULL)
        goto done;
    if (size)
        memcpy(in, data, size);
    while ((rc = sc_parse_next(in, size, &pos, text, SC_PARSE_BUFSIZE(size),
                               &v)) == SC_OK) {
        if (pos <= last && n > 0)
            __builtin_trap(); /* no progress */
        if (v.end > size || v.start > v.end || pos > size || v.start < last ||
            v.end > pos || v.text != text || v.text_len > size ||
            text[v.text_len] != '\0' || sc_reason_name(v.reason) == NULL ||
            v.no_reply || /* skipped, never returned */
            (v.has_code && v.code.protocol != v.protocol) ||
            (v.has_enhanced && v.enhanced.protocol != smtp))
            __builtin_trap();
        last = pos;
        if (++n > size + 1)
            __builtin_trap();
    }
    if (rc != SC_EEMPTY || pos != size)
        __builtin_trap(); /* the walk ends at the end, and only there */
    /* sc_next_line tiles the buffer: no byte skipped, a line per LF and one
     * for an unterminated end, each without its LF (or CR LF). */
    {
        size_t lpos = 0, start, len, lines = 0, lf = 0, i, at = 0;
        for (i = 0; i < size; i++)
            lf += in[i] == '\n';
        while (sc_next_line(in, size, &lpos, &start, &len)) {
            if (start != at || start + len > size || lpos <= start ||
                lpos > size + 1 || memchr(in + start, '\n', len) != NULL ||
                (start + len < size && in[start + len] != '\n' &&
                 in[start + len] != '\r'))
                __builtin_trap();
            at = lpos;
            if (++lines > size + 1)
                __builtin_trap();
        }
        if (lines != lf + (size > 0 && in[size - 1] != '\n'))
            __builtin_trap();
    }
    /* Past the end: nothing left, and *pos comes back to the end. */
    pos = size + 7;
    if (sc_parse_next(in, size, &pos, text, SC_PARSE_BUFSIZE(size), &v) !=
            SC_EEMPTY || pos != size)
        __builtin_trap();
done:
    free(in);
    free(text);
    return 0;
}
