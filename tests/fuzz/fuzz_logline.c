/* fuzz_logline.c — libFuzzer target: sc_logline_read of any bytes in every
 * format, then the line's verdict, then the same bytes as a log fed to a
 * summary whole and in two chunks (split at the first byte's value), and the
 * merge of the summaries of two parts. The input is copied to a buffer of
 * its own size, so any read past `len` is caught by ASan. Checks that every
 * span lies inside the line, that a line with a reply has a verdict or none
 * for a documented reason, that the counts add up (the cells by hour and
 * reason too), and that the chunked and merged summaries count what the
 * whole one does. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sc_summary *whole, *part, *other;

static void span_in(sc_span sp, size_t n)
{
    if (sp.off > n || sp.len > n - sp.off)
        __builtin_trap();
}

static void check_line(int fmt, const char *in, size_t size, char *text)
{
    sc_logline ll;
    sc_verdict v;
    int r = sc_logline_read(fmt, in, size, &ll), rv;
    if (r != SC_OK && r != SC_EEMPTY && r != SC_EMALFORMED)
        __builtin_trap();
    span_in(ll.time, size);
    span_in(ll.host, size);
    span_in(ll.program, size);
    span_in(ll.queue_id, size);
    span_in(ll.recipient, size);
    span_in(ll.relay, size);
    span_in(ll.client, size);
    span_in(ll.dsn, size);
    span_in(ll.status, size);
    span_in(ll.reply, size);
    if (sc_log_format_name(ll.format) == NULL || ll.format == SC_LOG_AUTO ||
        sc_mta_status_name(ll.mta_status) == NULL ||
        (r != SC_OK && ll.has_reply) || ((r == SC_EMALFORMED) != (ll.damage != 0)))
        __builtin_trap();
    rv = sc_logline_verdict(in, size, &ll, text, SC_PARSE_BUFSIZE(size), &v);
    if (!ll.has_reply) {
        if (rv != SC_EEMPTY)
            __builtin_trap();
        return;
    }
    if (rv == SC_OK) {
        if (v.start > v.end || v.end > size || v.text != text ||
            v.text_len > size || text[v.text_len] != '\0' ||
            (sc_action_name(v.action) == NULL) != v.no_reply ||
            sc_reason_name(v.reason) == NULL)
            __builtin_trap();
    } else if (rv != SC_EEMPTY) {
        __builtin_trap();
    }
}

static void same(const sc_summary *a, const sc_summary *b, int tables)
{
    size_t i;
    if (a->lines != b->lines || a->bytes != b->bytes ||
        a->verdicts != b->verdicts || a->skipped_noreply != b->skipped_noreply ||
        a->skipped_blank != b->skipped_blank || a->skipped_cut != b->skipped_cut ||
        a->skipped_binary != b->skipped_binary)
        __builtin_trap();
    for (i = 0; i < SC_ACTION_COUNT; i++)
        if (a->action[i] != b->action[i])
            __builtin_trap();
    for (i = 0; i < SC_SUMMARY_REASONS; i++)
        if (a->reason[i] != b->reason[i])
            __builtin_trap();
    if (a->times.used != b->times.used || a->times.other != b->times.other ||
        a->times.untimed != b->times.untimed ||
        memcmp(a->times.cells, b->times.cells,
               a->times.used * sizeof a->times.cells[0]) != 0)
        __builtin_trap();
    if (tables && (a->domains.used != b->domains.used ||
                   a->relays.used != b->relays.used ||
                   a->nrecipients != b->nrecipients))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = calloc(1, size ? size : 1), *text = malloc(SC_PARSE_BUFSIZE(size));
    size_t cut, used, i, total;
    int fmt;
    if (whole == NULL) {
        whole = malloc(sizeof *whole);
        part = malloc(sizeof *part);
        other = malloc(sizeof *other);
    }
    if (in == NULL || text == NULL || whole == NULL || part == NULL ||
        other == NULL)
        goto done;
    if (size)
        memcpy(in, data, size);
    /* Each line alone, in every format. */
    for (fmt = 0; fmt < SC_LOG_FORMAT_COUNT; fmt++) {
        size_t pos = 0, start, n;
        while (sc_next_line(in, size, &pos, &start, &n))
            check_line(fmt, in + start, n, text);
    }
    if (sc_logline_read(SC_LOG_FORMAT_COUNT, in, size, NULL) != SC_EINVAL)
        __builtin_trap();
    /* The whole buffer at once. */
    sc_summary_init(whole, SC_LOG_AUTO);
    if (sc_summary_feed(whole, in, size, 1) != size || whole->bytes != size)
        __builtin_trap();
    total = whole->verdicts + whole->skipped_blank + whole->skipped_noreply +
            whole->skipped_cut + whole->skipped_binary + whole->skipped_long;
    if (total != whole->lines)
        __builtin_trap();
    for (i = 0, total = 0; i < SC_ACTION_COUNT; i++)
        total += whole->action[i];
    if (total != whole->verdicts)
        __builtin_trap();
    /* Every judged line is in a cell, in `untimed`, or past the bound. */
    for (i = 0, total = whole->times.untimed + whole->times.other;
         i < whole->times.used; i++) {
        const sc_summary_cell *c = &whole->times.cells[i];
        if (c->count == 0 || c->month < 1 || c->month > 12 || c->day < 1 ||
            c->day > 31 || c->hour > 23 || sc_reason_name(c->reason) == NULL)
            __builtin_trap();
        total += c->count;
    }
    if (total != whole->verdicts)
        __builtin_trap();
    /* In two chunks, the caller keeping the unconsumed rest. */
    cut = size ? data[0] % (size + 1) : 0;
    sc_summary_init(part, SC_LOG_AUTO);
    used = sc_summary_feed(part, in, cut, 0);
    if (used > cut || sc_summary_feed(part, in + used, size - used, 1) != size - used)
        __builtin_trap();
    same(whole, part, 1);
    /* Two parts cut at a line's end, summarised apart and merged. */
    for (cut = size / 2; cut < size && in[cut] != '\n'; cut++)
        ;
    cut += cut < size;
    sc_summary_init(part, SC_LOG_AUTO);
    sc_summary_init(other, SC_LOG_AUTO);
    sc_summary_feed(part, in, cut, 1);
    sc_summary_feed(other, in + cut, size - cut, 1);
    if (sc_summary_merge(part, other) != SC_OK || sc_summary_merge(part, part) != SC_EINVAL)
        __builtin_trap();
    same(whole, part, 0);
done:
    free(in);
    free(text);
    return 0;
}
