/*
 * test_bounce.c — sc_bounce_next: the recipients of the test bounces in
 * tests/corpora/bounces (each MTA's structure), and bad input: NULL
 * pointers, a short buffer, binary garbage, NUL bytes, truncated MIME, a
 * boundary that never closes, a message cut in the middle, a very long
 * line. Messages are copied into heap blocks of exactly their length, so a
 * read past them is caught by ASan and valgrind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "statuscodes.h"

#ifndef SC_BOUNCES_DIR
#define SC_BOUNCES_DIR "tests/corpora/bounces"
#endif

typedef struct {
    char rcpt[128], action[32], status[32], code[16], enhanced[16];
    char reason[32], act[16];
    int source, from;
} row;

static char *exact(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    assert_non_null(p);
    if (n)
        memcpy(p, s, n);
    return p;
}

static char *slurp(const char *name, size_t *len)
{
    char path[512];
    FILE *f;
    char *buf;
    long n;
    snprintf(path, sizeof path, "%s/%s", SC_BOUNCES_DIR, name);
    f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void span(char *dst, size_t size, const char *m, size_t off, size_t n)
{
    if (n >= size)
        n = size - 1;
    memcpy(dst, m + off, n);
    dst[n] = '\0';
}

/* Every recipient of msg into rows (at most max); returns how many. */
static size_t walk(const char *m, size_t len, row *rows, size_t max,
                   sc_bounce_state *st)
{
    static char text[SC_BOUNCE_BUFSIZE];
    sc_bounce_rcpt r;
    size_t n = 0;
    memset(st, 0, sizeof *st);
    while (sc_bounce_next(m, len, st, &r, text, sizeof text) == SC_OK) {
        assert_true(r.start <= r.end && r.end <= len);
        assert_true(r.recipient + r.recipient_len <= len);
        if (n < max) {
            row *w = &rows[n];
            memset(w, 0, sizeof *w);
            span(w->rcpt, sizeof w->rcpt, m, r.recipient, r.recipient_len);
            span(w->action, sizeof w->action, m, r.dsn_action,
                 r.dsn_action_len);
            span(w->status, sizeof w->status, m, r.status, r.status_len);
            w->source = r.source;
            w->from = r.from;
            if (r.has_verdict) {
                if (r.verdict.has_code)
                    sc_code_format(&r.verdict.code, w->code, sizeof w->code);
                if (r.verdict.has_enhanced)
                    sc_code_format(&r.verdict.enhanced, w->enhanced,
                                   sizeof w->enhanced);
                snprintf(w->reason, sizeof w->reason, "%s",
                         sc_reason_name(r.verdict.reason));
                snprintf(w->act, sizeof w->act, "%s",
                         r.verdict.no_reply ? ""
                                            : sc_action_name(r.verdict.action));
            }
        }
        n++;
        assert_true(n <= len + 1);
    }
    return n;
}

static size_t walk_file(const char *name, row *rows, size_t max)
{
    size_t len, n;
    sc_bounce_state st;
    char *m = slurp(name, &len);
    n = walk(m, len, rows, max, &st);
    free(m);
    return n;
}

static void expect(const row *w, const char *rcpt, const char *action,
                   const char *code, const char *enhanced, const char *reason,
                   const char *act)
{
    assert_string_equal(w->rcpt, rcpt);
    assert_string_equal(w->action, action);
    assert_string_equal(w->code, code);
    assert_string_equal(w->enhanced, enhanced);
    assert_string_equal(w->reason, reason);
    assert_string_equal(w->act, act);
}

static void test_postfix(void **state)
{
    row w[4];
    (void)state;
    assert_int_equal(walk_file("postfix.eml", w, 4), 2);
    expect(&w[0], "nobody@example.org", "failed", "550", "5.1.1",
           "user_unknown", "suppress");
    expect(&w[1], "full@example.com", "delayed", "452", "4.2.2",
           "mailbox_full", "retry");
    assert_int_equal(w[0].source, SC_BOUNCE_DSN);
    assert_int_equal(w[0].from, SC_BOUNCE_FROM_DIAGNOSTIC);
    assert_string_equal(w[0].status, "5.1.1");
}

static void test_mtas(void **state)
{
    row w[4];
    (void)state;
    assert_int_equal(walk_file("gmail.eml", w, 4), 1);
    expect(&w[0], "ghost@example.org", "failed", "550", "5.1.1",
           "user_unknown", "suppress");
    assert_int_equal(walk_file("sendmail.eml", w, 4), 1);
    expect(&w[0], "nobody@example.org", "failed", "550", "5.1.1",
           "user_unknown", "suppress");
    assert_int_equal(walk_file("exchange.eml", w, 4), 1); /* CRLF */
    expect(&w[0], "missing@example.com", "failed", "550", "5.1.10",
           "user_unknown", "suppress");
    assert_int_equal(walk_file("exim-dsn.eml", w, 4), 1);
    expect(&w[0], "slow@example.org", "delayed", "451", "4.7.1",
           "greylisted", "retry");
    assert_int_equal(walk_file("postfix-smtputf8.eml", w, 4), 2);
    expect(&w[0], "jos\xc3\xa9@ex\xc3\xa4mple.org", "failed", "550", "5.1.1",
           "user_unknown", "suppress");
    expect(&w[1], "ok@example.org", "delivered", "250", "2.0.0", "delivered",
           "none");
    assert_int_equal(walk_file("status-only.eml", w, 4), 1);
    expect(&w[0], "later@example.org", "delayed", "", "4.4.1",
           "service_unavailable", "retry");
    assert_int_equal(w[0].from, SC_BOUNCE_FROM_STATUS);
}

static void test_text_bounces(void **state)
{
    row w[4];
    (void)state;
    assert_int_equal(walk_file("qmail.eml", w, 4), 2);
    expect(&w[0], "nobody@example.org", "", "550", "5.1.1", "user_unknown",
           "suppress");
    expect(&w[1], "blocked@example.com", "", "554", "5.7.1", "blocked",
           "review");
    assert_int_equal(w[0].source, SC_BOUNCE_TEXT);
    assert_int_equal(walk_file("exim.eml", w, 4), 1);
    expect(&w[0], "nobody@example.org", "", "550", "5.1.1", "user_unknown",
           "suppress");
    assert_int_equal(walk_file("exchange-2003.eml", w, 4), 1);
    assert_string_equal(w[0].rcpt, "jdoe@corp.example.com");
    assert_string_equal(w[0].enhanced, "5.1.1");
}

static void test_arguments(void **state)
{
    static char text[SC_BOUNCE_BUFSIZE];
    sc_bounce_state st = SC_BOUNCE_STATE_INIT;
    sc_bounce_rcpt r;
    (void)state;
    assert_int_equal(sc_bounce_next(NULL, 0, &st, &r, text, sizeof text),
                     SC_EEMPTY);
    memset(&st, 0, sizeof st);
    assert_int_equal(sc_bounce_next(NULL, 5, &st, &r, text, sizeof text),
                     SC_EINVAL);
    assert_int_equal(sc_bounce_next("x", 1, NULL, &r, text, sizeof text),
                     SC_EINVAL);
    assert_int_equal(sc_bounce_next("x", 1, &st, NULL, text, sizeof text),
                     SC_EINVAL);
    assert_int_equal(sc_bounce_next("x", 1, &st, &r, NULL, sizeof text),
                     SC_EINVAL);
    assert_int_equal(sc_bounce_next("x", 1, &st, &r, text, sizeof text - 1),
                     SC_ENOSPACE);
    assert_int_equal(sc_bounce_next("x", 1, &st, &r, text, sizeof text),
                     SC_EEMPTY);
    assert_int_equal(sc_bounce_next("x", 1, &st, &r, text, sizeof text),
                     SC_EEMPTY);
    assert_null(sc_bounce_source_name(0));
    assert_string_equal(sc_bounce_source_name(SC_BOUNCE_DSN), "dsn");
    assert_string_equal(sc_bounce_source_name(SC_BOUNCE_TEXT), "text");
}

static void test_bad_input(void **state)
{
    row w[4];
    sc_bounce_state st;
    size_t len, i, n;
    char *m = slurp("postfix.eml", &len), *c;
    unsigned x = 12345;
    (void)state;
    /* Cut anywhere: never more recipients than the whole, never a crash. */
    for (i = 0; i <= len; i += 7) {
        c = exact(m, i);
        assert_true(walk(c, i, w, 4, &st) <= 2);
        free(c);
    }
    /* Binary garbage and NUL bytes. */
    c = malloc(1 << 16);
    assert_non_null(c);
    for (i = 0; i < 1 << 16; i++) {
        x = x * 1103515245u + 12345u;
        c[i] = (char)(x >> 16);
    }
    (void)walk(c, 1 << 16, w, 4, &st);
    memset(c, 0, 1 << 16);
    assert_int_equal(walk(c, 1 << 16, w, 4, &st), 0);
    free(c);
    /* NUL bytes inside a DSN, a boundary that never closes. */
    {
        static const char dsn[] =
            "Content-Type: multipart/report; boundary=\"never\"\n\n--never\n"
            "Content-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n"
            "Final-Recipient: rfc822; a@example.org\nAction: failed\n"
            "Diagnostic-Code: smtp; 550 5.1.1 no\0such user\n";
        c = exact(dsn, sizeof dsn - 1);
        n = walk(c, sizeof dsn - 1, w, 4, &st);
        assert_int_equal(n, 1);
        expect(&w[0], "a@example.org", "failed", "550", "5.1.1",
               "user_unknown", "suppress");
        free(c);
    }
    /* A base64 delivery-status part is not read: counted, then the text. */
    {
        static const char b64[] =
            "Content-Type: message/delivery-status\n"
            "Content-Transfer-Encoding: base64\n\nRmluYWwtUmVjaXBpZW50\n";
        c = exact(b64, sizeof b64 - 1);
        assert_int_equal(walk(c, sizeof b64 - 1, w, 4, &st), 0);
        assert_int_equal(st.skipped, 1);
        free(c);
    }
    free(m);
}

static void test_long_line(void **state)
{
    /* 32 MB; 2 MB under valgrind (SC_VALGRIND), which runs it 50 times
     * slower. */
    size_t big = (size_t)(getenv("SC_VALGRIND") ? 2 : 32) << 20, n;
    static const char tail[] = "\n<a@example.org>:\nRemote host said: 550 5.1.1 "
                               "no such user\n";
    char *m = malloc(big + sizeof tail - 1);
    sc_bounce_state st;
    row w[2];
    (void)state;
    assert_non_null(m);
    memset(m, 'x', big);
    memcpy(m + big, tail, sizeof tail - 1);
    n = walk(m, big + sizeof tail - 1, w, 2, &st);
    assert_int_equal(n, 1);
    expect(&w[0], "a@example.org", "", "550", "5.1.1", "user_unknown",
           "suppress");
    /* A diagnostic longer than SC_BOUNCE_REPLY_MAX is cut, not refused. */
    {
        static const char head[] =
            "Content-Type: message/delivery-status\n\n"
            "Final-Recipient: rfc822; b@example.org\nAction: failed\n"
            "Diagnostic-Code: smtp; 550 5.1.1 ";
        static char text[SC_BOUNCE_BUFSIZE];
        sc_bounce_rcpt r;
        memcpy(m, head, sizeof head - 1);
        memset(&st, 0, sizeof st);
        assert_int_equal(sc_bounce_next(m, big, &st, &r, text, sizeof text),
                         SC_OK);
        assert_int_equal(r.truncated, 1);
        assert_int_equal(r.diagnostic_len, SC_BOUNCE_REPLY_MAX);
        assert_true(r.has_verdict);
        assert_string_equal(sc_reason_name(r.verdict.reason), "user_unknown");
    }
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_postfix),
        cmocka_unit_test(test_mtas),
        cmocka_unit_test(test_text_bounces),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_long_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
