/* fuzz_parse.c — libFuzzer target: sc_parse of any bytes, into a buffer of
 * exactly the documented size, then sc_verdict_why. The input is copied to a
 * buffer of its own size, so any read past `len` is caught by ASan. Checks
 * the verdict's invariants (its codes SMTP codes that describe, its class
 * text, its lines as sc_next_line() counts them, its retry_after), and that a buffer one byte
 * short is refused. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const sc_verdict *v, const char *in, const char *text,
                  size_t size)
{
    char why[SC_WHY_MAX], ct[SC_CODE_TEXT_MAX];
    size_t nl = 1, i, pos, start, len;
    int smtp = sc_protocol_find("smtp", 4);
    sc_info d;
    for (i = 0; i < size; i++)
        nl += in[i] == '\n';
    if (v->text != text || v->text_len > size || v->text[v->text_len] != '\0' ||
        v->start > v->end || v->end > size || v->nlines < 1 ||
        v->nlines > nl || sc_reason_name(v->reason) == NULL ||
        (sc_action_name(v->action) == NULL) != v->no_reply ||
        (v->no_reply && (v->has_code || v->has_enhanced)) ||
        /* a wait the text asks for: none, or up to seven days */
        v->retry_after < -1 || v->retry_after > 7L * 24 * 3600 ||
        (v->no_reply && v->retry_after != -1) ||
        v->retryable != (v->action == SC_ACTION_RETRY) ||
        v->evidence < SC_EVIDENCE_NONE || v->evidence > SC_EVIDENCE_CLASS ||
        (v->evidence == SC_EVIDENCE_PHRASE) != (v->phrase != NULL) ||
        (v->class_conflict && !(v->has_code && v->has_enhanced)) ||
        v->permanent < -1 || v->permanent > 1 ||
        (v->protocol != -1 && sc_protocol_name((size_t)v->protocol) == NULL) ||
        (v->has_code && v->code.protocol != v->protocol) ||
        (v->retry_after < -1) ||
        (v->retry_at_len > 0 && (v->retry_at > size ||
                                 v->retry_at_len > size - v->retry_at)))
        __builtin_trap();
    /* An SMTP reply's class decides permanent; other protocols' entries
     * do, and a failure with no status is transient unless retrying cannot
     * help (a TLS error). */
    if (v->protocol == smtp && (v->has_code || v->has_enhanced) &&
        v->permanent != (v->reply_class == 5   ? 1
                         : v->reply_class == 4 ? 0
                                               : -1))
        __builtin_trap();
    if ((v->has_code && sc_code_format(&v->code, ct, sizeof ct) == 0) ||
        (v->has_enhanced && sc_code_format(&v->enhanced, ct, sizeof ct) < 5) ||
        (v->has_ede && sc_code_format(&v->ede, ct, sizeof ct) == 0))
        __builtin_trap();
    /* Codes are well-formed codes of their protocol, and describe. */
    if ((v->has_code && (v->code.kind != SC_CODE_BASIC ||
                         sc_describe(&v->code, 0, &d) != SC_OK)) ||
        (v->has_enhanced && (v->enhanced.protocol != smtp ||
                             v->enhanced.kind != SC_CODE_ENHANCED ||
                             sc_describe(&v->enhanced, 0, &d) != SC_OK)) ||
        (v->has_ede && sc_describe(&v->ede, 0, &d) != SC_OK))
        __builtin_trap();
    /* The class as text: "5xx" for class 5, none without a class. */
    if ((v->reply_class == 0) != (v->class_code == NULL) ||
        (v->no_reply && (v->has_code || v->action != -1)) ||
        (v->class_code != NULL &&
         (v->class_code[0] != '0' + v->reply_class ||
          strcmp(v->class_code + 1, "xx") != 0)))
        __builtin_trap();
    /* The reply's lines, as sc_next_line() reads them, are nlines. */
    for (i = 0, pos = 0; sc_next_line(in + v->start, v->end - v->start, &pos,
                                      &start, &len);
         i++) {
        if (start + len > v->end - v->start)
            __builtin_trap();
    }
    if (i != v->nlines)
        __builtin_trap();
    if (sc_verdict_why(v, why, sizeof why) >= sizeof why ||
        strlen(why) >= sizeof why)
        __builtin_trap();
    /* In every language: fits, NUL-terminated where it says. */
    for (i = 0; i < sc_lang_count(); i++) {
        size_t n = sc_verdict_why_in(v, (int)i, why, sizeof why);
        if (n >= sizeof why || strlen(why) != n)
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = calloc(1, size ? size : 1), *text = malloc(SC_PARSE_BUFSIZE(size));
    sc_verdict v;
    if (in == NULL || text == NULL)
        goto done;
    if (size)
        memcpy(in, data, size);
    switch (sc_parse(in, size, text, SC_PARSE_BUFSIZE(size), &v)) {
    case SC_OK: {
        /* Each protocol's reading of the same text holds too. */
        size_t p;
        sc_verdict w;
        check(&v, in, text, size);
        for (p = 0; p < sc_protocol_count(); p++) {
            if (sc_parse_as((int)p, in, size, text, SC_PARSE_BUFSIZE(size),
                            &w) != SC_OK)
                __builtin_trap();
            check(&w, in, text, size);
        }
        if (sc_parse(in, size, text, SC_PARSE_BUFSIZE(size), &v) != SC_OK)
            __builtin_trap();
        free(text);
        /* One byte short of the documented size: refused, nothing written. */
        text = malloc(size);
        if (text != NULL && size > 0 &&
            sc_parse(in, size, text, size, &v) != SC_ENOSPACE)
            __builtin_trap();
        break;
    }
    case SC_EEMPTY:
        break;
    default:
        __builtin_trap();
    }
done:
    free(in);
    free(text);
    return 0;
}
