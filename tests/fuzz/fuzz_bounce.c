/* fuzz_bounce.c — libFuzzer target: sc_bounce_next over any bytes, read as
 * one message. The input is copied to a buffer of its own size, so any read
 * past `len` is caught by ASan. Checks that every recipient's offsets lie
 * inside the message, that its diagnostic and reply lie in the text buffer,
 * NUL-terminated, that the walk moves forward and ends (then stays ended),
 * and that each verdict holds what sc_parse's verdicts hold: a reason, an
 * action unless no_reply, SMTP codes that describe, offsets inside the
 * reply it read. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int span_ok(size_t off, size_t n, size_t size)
{
    return n == 0 || (off <= size && n <= size - off);
}

static int in_buf(const char *p, size_t n, const char *buf, size_t size)
{
    return p >= buf && p < buf + size && n < (size_t)(buf + size - p) &&
           p[n] == '\0';
}

static void check(const sc_bounce_rcpt *r, const char *text, size_t size)
{
    const sc_verdict *v = &r->verdict;
    int smtp = sc_protocol_find("smtp", 4);
    sc_info d;
    if ((r->source != SC_BOUNCE_DSN && r->source != SC_BOUNCE_TEXT) ||
        sc_bounce_source_name(r->source) == NULL || r->start > r->end ||
        r->end > size || !span_ok(r->recipient, r->recipient_len, size) ||
        !span_ok(r->original, r->original_len, size) ||
        !span_ok(r->dsn_action, r->dsn_action_len, size) ||
        !span_ok(r->status, r->status_len, size) ||
        !span_ok(r->remote_mta, r->remote_mta_len, size) ||
        r->from < SC_BOUNCE_FROM_NONE || r->from > SC_BOUNCE_FROM_TEXT ||
        (r->from == SC_BOUNCE_FROM_NONE && r->has_verdict) ||
        (r->diagnostic != NULL &&
         (!in_buf(r->diagnostic, r->diagnostic_len, text, SC_BOUNCE_BUFSIZE) ||
          r->diagnostic_len > SC_BOUNCE_REPLY_MAX)) ||
        (r->source == SC_BOUNCE_TEXT && r->diagnostic == NULL) ||
        (r->source == SC_BOUNCE_DSN && r->recipient_len == 0 &&
         r->original_len == 0))
        __builtin_trap();
    if (!r->has_verdict)
        return;
    if (!in_buf(r->reply, r->reply_len, text, SC_BOUNCE_BUFSIZE) ||
        r->reply_len > SC_BOUNCE_REPLY_MAX ||
        !in_buf(v->text, v->text_len, text, SC_BOUNCE_BUFSIZE) ||
        v->start > v->end || v->end > r->reply_len ||
        sc_reason_name(v->reason) == NULL ||
        (sc_action_name(v->action) == NULL) != v->no_reply ||
        v->protocol != smtp || v->retryable != (v->action == SC_ACTION_RETRY) ||
        (v->has_code && (v->code.protocol != smtp ||
                         sc_describe(&v->code, 0, &d) != SC_OK)) ||
        (v->has_enhanced && (v->enhanced.protocol != smtp ||
                             sc_describe(&v->enhanced, 0, &d) != SC_OK)) ||
        ((v->has_code || v->has_enhanced) &&
         v->permanent != (v->reply_class == 5   ? 1
                          : v->reply_class == 4 ? 0
                                                : -1)))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = calloc(1, size ? size : 1), *text = malloc(SC_BOUNCE_BUFSIZE);
    sc_bounce_state st = SC_BOUNCE_STATE_INIT;
    sc_bounce_rcpt r;
    size_t n = 0, lastpos = 0;
    int rc;
    if (in == NULL || text == NULL)
        goto done;
    if (size)
        memcpy(in, data, size);
    /* A buffer one byte short is refused before anything is read. */
    if (sc_bounce_next(in, size, &st, &r, text, SC_BOUNCE_BUFSIZE - 1) !=
        SC_ENOSPACE)
        __builtin_trap();
    while ((rc = sc_bounce_next(in, size, &st, &r, text, SC_BOUNCE_BUFSIZE)) ==
           SC_OK) {
        check(&r, text, size);
        /* Each recipient is found past where the previous one was (the
         * walk goes back only to read the text when the delivery-status
         * part gave nobody); never more recipients than lines. */
        n++;
        if (st.found != n || n > size + 1 || st.pos > size ||
            (n > 1 && st.pos <= lastpos))
            __builtin_trap();
        lastpos = st.pos;
    }
    if (rc != SC_EEMPTY || st.found != n)
        __builtin_trap();
    /* Ended, it stays ended. */
    if (sc_bounce_next(in, size, &st, &r, text, SC_BOUNCE_BUFSIZE) != SC_EEMPTY)
        __builtin_trap();
done:
    free(in);
    free(text);
    return 0;
}
