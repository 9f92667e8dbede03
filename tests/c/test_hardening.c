/*
 * test_hardening.c — every public function against hostile arguments:
 * NULL pointers, ids out of range, garbage structs, lengths of zero and of
 * SIZE_MAX, buffers one byte short, inputs that are not NUL-terminated.
 *
 * Inputs are copied into heap blocks of exactly their length (no NUL after
 * them) and outputs go to heap blocks of exactly the size passed, so a read
 * or write one byte out is caught by ASan (-DSC_SANITIZE=ON) and valgrind
 * (scripts/valgrind.sh). Every answer must be the documented one.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "statuscodes.h"

/* Protocol ids, from sc_protocol_find() (main() sets them). */
static int smtp = -1, http = -1;

/* `s` (`n` bytes) in a block of exactly `n` bytes; free() it. */
static char *exact(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    assert_non_null(p);
    if (n)
        memcpy(p, s, n);
    return p;
}

static sc_code code_in(int protocol, const char *s)
{
    sc_code c;
    assert_int_equal(sc_code_parse(protocol, s, strlen(s), &c), SC_OK);
    return c;
}

static sc_code code_of(const char *s) { return code_in(smtp, s); }

/* A code handed out by the library: well-formed, listed where it says so. */
static void check_code(const sc_code *c)
{
    char t[SC_CODE_TEXT_MAX];
    sc_info d;
    assert_true(c->protocol >= 0 && (size_t)c->protocol < sc_protocol_count());
    assert_true(sc_code_format(c, t, sizeof t) > 0);
    assert_int_equal(sc_describe(c, 0, &d), SC_OK);
}

/* ------------------------------------------------------------------------ */
/* Ids out of range                                                         */
/* ------------------------------------------------------------------------ */

static void test_ids_out_of_range(void **state)
{
    static const int bad_ints[] = {-1, INT_MIN, INT_MAX, 1000};
    static const size_t bad_sizes[] = {(size_t)-1, (size_t)INT_MAX + 1, 100000};
    sc_code c = code_of("535"), bc, out;
    sc_info d;
    sc_comparison r;
    char buf[SC_COMPARE_BUFSIZE], text[SC_CODE_TEXT_MAX];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad_sizes / sizeof *bad_sizes; i++) {
        assert_null(sc_protocol_name(bad_sizes[i]));
        assert_null(sc_protocol_display(bad_sizes[i]));
        assert_null(sc_protocol_help(bad_sizes[i]));
        assert_null(sc_lang_tag(bad_sizes[i]));
        assert_null(sc_lang_name(bad_sizes[i]));
        assert_null(sc_reason_name(bad_sizes[i]));
        assert_null(sc_reason_summary(bad_sizes[i]));
        assert_null(sc_reason_example(bad_sizes[i]));
        assert_int_equal(sc_reason_action(bad_sizes[i], 0), -1);
        assert_int_equal(sc_reason_action(bad_sizes[i], 1), -1);
        assert_int_equal(sc_code_at(smtp, bad_sizes[i], &out), SC_EINVAL);
        assert_int_equal(sc_code_at(http, bad_sizes[i], &out), SC_EINVAL);
    }
    assert_null(sc_protocol_name(sc_protocol_count()));
    assert_null(sc_protocol_display(sc_protocol_count()));
    assert_null(sc_protocol_help(sc_protocol_count()));
    assert_null(sc_lang_tag(sc_lang_count()));
    assert_null(sc_reason_name(sc_reason_count()));
    assert_int_equal(sc_reason_action(sc_reason_count(), 0), -1);
    for (i = 0; i < sc_reason_count(); i++) {
        int a = sc_reason_action(i, 1), t = sc_reason_action(i, 0);
        assert_true(a >= 0 && a < SC_ACTION_COUNT && t >= 0 && t < SC_ACTION_COUNT);
        assert_int_equal(sc_reason_action(i, 7), a); /* any non-zero: permanent */
    }
    for (i = 0; i < SC_ACTION_COUNT; i++)
        assert_non_null(sc_action_summary((int)i));
    assert_int_equal(sc_code_at(smtp, sc_code_count(smtp), &out), SC_EINVAL);
    assert_int_equal(sc_code_at(http, sc_code_count(http), &out), SC_EINVAL);
    for (i = 0; i < sizeof bad_ints / sizeof *bad_ints; i++) {
        int b = bad_ints[i];
        assert_null(sc_label_key(b));
        assert_null(sc_label(b, 0));
        assert_null(sc_label(0, b));
        assert_null(sc_action_name(b));
        assert_null(sc_action_summary(b));
        assert_null(sc_evidence_name(b));
        assert_string_equal(sc_strerror(b), "unknown error");
        /* A bad protocol: as an argument, and in a code struct. */
        assert_int_equal(sc_code_parse(b, "535", 3, &out), SC_EPROTOCOL);
        assert_int_equal(sc_code_parse(b, "NOT_FOUND", 9, &out), SC_EPROTOCOL);
        assert_int_equal(sc_code_from_int(b, 535, &out), SC_EPROTOCOL);
        assert_int_equal(sc_code_count(b), 0);
        assert_int_equal(sc_code_at(b, 0, &out), SC_EPROTOCOL);
        bc = c;
        bc.protocol = b;
        memset(&d, 0x5a, sizeof d);
        assert_int_equal(sc_describe(&bc, 0, &d), SC_EPROTOCOL);
        assert_int_equal(((unsigned char *)&d)[0], 0x5a); /* left alone */
        {
            int rc = sc_describe(&bc, b, &d); /* both ids bad: either says so */
            assert_true(rc == SC_EPROTOCOL || rc == SC_ELANG);
        }
        assert_int_equal(sc_compare(&bc, &bc, 0, &r, buf, sizeof buf),
                         SC_EPROTOCOL);
        assert_int_equal(sc_compare(&c, &bc, 0, &r, buf, sizeof buf),
                         SC_EPROTOCOL);
        assert_int_equal(sc_compare(&bc, &c, 0, &r, buf, sizeof buf),
                         SC_EPROTOCOL);
        text[0] = 'x';
        assert_int_equal(sc_code_format(&bc, text, sizeof text), 0);
        assert_int_equal(text[0], '\0');
        /* -1 searches every protocol; any other bad id is refused. */
        if (b != -1)
            assert_int_equal(sc_search(b, "found", 5, &out, 1), (size_t)-1);
        /* A bad language. */
        assert_int_equal(sc_describe(&c, b, &d), SC_ELANG);
        assert_int_equal(sc_compare(&c, &c, b, &r, buf, sizeof buf), SC_ELANG);
    }
    assert_int_equal(sc_search((int)sc_protocol_count(), "found", 5, &out, 1),
                     (size_t)-1);
    assert_int_equal(sc_search(-2, "found", 5, &out, 1), (size_t)-1);
    assert_null(sc_label(0, SC_LABEL_COUNT));
    assert_null(sc_label((int)sc_lang_count(), 0));
    assert_null(sc_action_name(SC_ACTION_COUNT));
    assert_null(sc_evidence_name(SC_EVIDENCE_COUNT));
    assert_int_equal(sc_describe(&c, (int)sc_lang_count(), &d), SC_ELANG);
    assert_string_equal(sc_strerror(SC_EEMPTY + 1), "unknown error");
}

/* ------------------------------------------------------------------------ */
/* NULL pointers                                                            */
/* ------------------------------------------------------------------------ */

static void test_null_pointers(void **state)
{
    sc_code c = code_of("535"), out[4];
    sc_info d;
    sc_equivalent q;
    sc_comparison r;
    sc_verdict v;
    char buf[SC_COMPARE_BUFSIZE];
    size_t pos = 0, start = 0, n = 0;
    (void)state;
    assert_int_equal(sc_protocol_find(NULL, 0), -1);
    assert_int_equal(sc_protocol_find(NULL, 4), -1);
    assert_int_equal(sc_lang_find(NULL, 0), -1);
    assert_int_equal(sc_lang_find(NULL, 2), -1);
    assert_int_equal(sc_code_parse(smtp, NULL, 0, &c), SC_EINVAL);
    assert_int_equal(sc_code_parse(smtp, NULL, 3, &c), SC_EINVAL);
    assert_int_equal(sc_code_parse(smtp, "535", 3, NULL), SC_EINVAL);
    assert_int_equal(sc_code_parse(http, "NOT_FOUND", 9, NULL), SC_EINVAL);
    assert_int_equal(sc_code_from_int(smtp, 535, NULL), SC_EINVAL);
    assert_int_equal(sc_code_format(NULL, buf, 10), 0);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(sc_code_format(&c, NULL, 10), 0);
    assert_int_equal(sc_describe(NULL, 0, &d), SC_EINVAL);
    assert_int_equal(sc_describe(&c, 0, NULL), SC_EINVAL);
    assert_int_equal(sc_code_at(smtp, 0, NULL), SC_EINVAL);
    assert_int_equal(sc_compare(NULL, &c, 0, &r, buf, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(&c, NULL, 0, &r, buf, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(&c, &c, 0, NULL, buf, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(&c, &c, 0, &r, NULL, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(&c, &c, 0, &r, buf, 0), SC_EINVAL);
    /* lookup and search: NULL text, NULL out with room asked for. */
    assert_int_equal(sc_lookup(NULL, 0, out, 4), 0);
    assert_int_equal(sc_lookup(NULL, 3, out, 4), 0);
    assert_int_equal(sc_lookup("421", 3, NULL, 4), 0);
    assert_int_equal(sc_lookup("421", 3, NULL, 0), 4); /* count only */
    assert_int_equal(sc_search(-1, NULL, 0, out, 4), 0);
    assert_int_equal(sc_search(-1, NULL, 5, out, 4), 0);
    assert_int_equal(sc_search(http, NULL, 5, out, 4), 0);
    assert_int_equal(sc_search(-1, "found", 5, NULL, 4), 0);
    assert_true(sc_search(-1, "found", 5, NULL, 0) >= 1); /* count only */
    /* The accessors of a description. */
    assert_int_equal(sc_describe(&c, 0, &d), SC_OK);
    assert_null(sc_info_string(NULL, SC_LIST_COMMANDS, 0));
    assert_int_equal(sc_info_code(NULL, SC_LIST_RELATED, 0, out), SC_EINVAL);
    assert_int_equal(sc_info_code(&d, SC_LIST_RELATED, 0, NULL), SC_EINVAL);
    assert_int_equal(sc_info_equivalent(NULL, 0, &q), SC_EINVAL);
    assert_int_equal(sc_info_equivalent(&d, 0, NULL), SC_EINVAL);
    /* sc_next_line */
    assert_int_equal(sc_next_line(NULL, 0, &pos, &start, &n), 0);
    assert_int_equal(sc_next_line(NULL, 3, &pos, &start, &n), 0);
    assert_int_equal(sc_next_line("a\nb", 3, NULL, &start, &n), 0);
    assert_int_equal(sc_next_line("a\nb", 3, &pos, NULL, &n), 0);
    assert_int_equal(sc_next_line("a\nb", 3, &pos, &start, NULL), 0);
    assert_int_equal(pos, 0); /* not moved */
    /* parse */
    assert_int_equal(sc_parse(NULL, 0, buf, sizeof buf, &v), SC_EEMPTY);
    assert_int_equal(sc_parse(NULL, 1, buf, sizeof buf, &v), SC_EINVAL);
    assert_int_equal(sc_parse("550", 3, NULL, 4, &v), SC_EINVAL);
    assert_int_equal(sc_parse("550", 3, buf, sizeof buf, NULL), SC_EINVAL);
    assert_int_equal(sc_verdict_why(NULL, buf, sizeof buf), 0);
    assert_int_equal(sc_parse("550", 3, buf, sizeof buf, &v), SC_OK);
    assert_int_equal(sc_verdict_why(&v, NULL, 10), 0);
    assert_int_equal(sc_parse_next(NULL, 0, &pos, buf, sizeof buf, &v), SC_EEMPTY);
    assert_int_equal(sc_parse_next(NULL, 1, &pos, buf, sizeof buf, &v), SC_EINVAL);
    assert_int_equal(sc_parse_next("550", 3, NULL, buf, sizeof buf, &v), SC_EINVAL);
    assert_int_equal(sc_parse_next("550", 3, &pos, NULL, 4, &v), SC_EINVAL);
    assert_int_equal(sc_parse_next("550", 3, &pos, buf, sizeof buf, NULL), SC_EINVAL);
}

/* ------------------------------------------------------------------------ */
/* Garbage structs                                                          */
/* ------------------------------------------------------------------------ */

static void test_garbage_codes(void **state)
{
    /* {kind, value, subject, detail} of SMTP codes that are no codes. */
    static const int bad[][4] = {
        {0, 535, 0, 0}, {3, 535, 0, 0}, {-1, 535, 0, 0}, {INT_MAX, 5, 1, 1},
        {SC_CODE_BASIC, 199, 0, 0}, {SC_CODE_BASIC, 600, 0, 0},
        {SC_CODE_BASIC, -535, 0, 0}, {SC_CODE_BASIC, INT_MIN, 0, 0},
        {SC_CODE_BASIC, INT_MAX, 0, 0}, {SC_CODE_ENHANCED, 3, 1, 1},
        {SC_CODE_ENHANCED, 535, 1, 1}, {SC_CODE_ENHANCED, 5, -1, 1},
        {SC_CODE_ENHANCED, 5, 1, -1}, {SC_CODE_ENHANCED, 5, 1000, 1},
        {SC_CODE_ENHANCED, 5, 1, 1000}, {SC_CODE_ENHANCED, 5, INT_MIN, INT_MAX},
        {SC_CODE_ENHANCED, INT_MIN, 1, 1}, {SC_CODE_BASIC, 535, 1, 0},
        {SC_CODE_BASIC, 535, 0, -1}};
    /* ... and of HTTP codes: HTTP has one kind, 100-599. */
    static const int bad_http[][4] = {
        {0, 404, 0, 0}, {SC_CODE_ENHANCED, 5, 1, 1}, {SC_CODE_ENHANCED, 404, 0, 0},
        {3, 404, 0, 0}, {SC_CODE_BASIC, 99, 0, 0}, {SC_CODE_BASIC, 600, 0, 0},
        {SC_CODE_BASIC, 0, 0, 0}, {SC_CODE_BASIC, -404, 0, 0},
        {SC_CODE_BASIC, INT_MAX, 0, 0}, {SC_CODE_BASIC, 404, 1, 0},
        {SC_CODE_BASIC, 404, 0, 4}};
    /* Protocol ids that do not exist, with code parts that would be fine. */
    const int bad_protocols[] = {-1, INT_MIN, INT_MAX, (int)sc_protocol_count(),
                                 (int)sc_protocol_count() + 1, 255, 256};
    sc_code good = code_of("5.7.8"), good_http = code_in(http, "404"), b;
    sc_info d;
    sc_comparison r;
    char buf[SC_COMPARE_BUFSIZE], text[SC_CODE_TEXT_MAX];
    size_t i, k;
    (void)state;
    for (k = 0; k < 2; k++) {
        const int(*t)[4] = k == 0 ? bad : bad_http;
        size_t n = k == 0 ? sizeof bad / sizeof *bad
                          : sizeof bad_http / sizeof *bad_http;
        const sc_code *g = k == 0 ? &good : &good_http;
        for (i = 0; i < n; i++) {
            b.protocol = k == 0 ? smtp : http;
            b.kind = t[i][0];
            b.value = t[i][1];
            b.subject = t[i][2];
            b.detail = t[i][3];
            memset(&d, 0x5a, sizeof d);
            assert_int_equal(sc_describe(&b, 0, &d), SC_EMALFORMED);
            assert_int_equal(((unsigned char *)&d)[0], 0x5a); /* left alone */
            assert_int_equal(sc_compare(&b, g, 0, &r, buf, sizeof buf),
                             SC_EMALFORMED);
            assert_int_equal(sc_compare(g, &b, 0, &r, buf, sizeof buf),
                             SC_EMALFORMED);
            text[0] = 'x';
            assert_int_equal(sc_code_format(&b, text, sizeof text), 0);
            assert_int_equal(text[0], '\0');
        }
    }
    /* ... and of the other protocols: {protocol, kind, value, subject,
     * detail}. */
    {
        static const struct {
            const char *protocol;
            int k[4];
        } others[] = {
            {"ftp", {SC_CODE_BASIC, 99, 0, 0}}, {"ftp", {SC_CODE_BASIC, 700, 0, 0}},
            {"ftp", {SC_CODE_ENHANCED, 5, 1, 1}}, {"sip", {SC_CODE_BASIC, 700, 0, 0}},
            {"sip", {SC_CODE_BASIC, 99, 0, 0}}, {"sip", {SC_CODE_BASIC, 486, 0, 1}},
            {"dns", {SC_CODE_BASIC, -1, 0, 0}}, {"dns", {SC_CODE_BASIC, 65536, 0, 0}},
            {"dns", {SC_CODE_BASIC, 3, 1, 0}}, {"dns", {SC_CODE_ENHANCED, 65536, 0, 0}},
            {"dns", {SC_CODE_ENHANCED, -1, 0, 0}}, {"dns", {SC_CODE_ENHANCED, 18, 1, 0}},
            {"dns", {SC_CODE_ENHANCED, 18, 0, 1}}, {"dns", {3, 18, 0, 0}},
            {"dns", {SC_CODE_ENHANCED, INT_MAX, 0, 0}},
            {"grpc", {SC_CODE_BASIC, 17, 0, 0}}, {"grpc", {SC_CODE_BASIC, -1, 0, 0}},
            {"grpc", {SC_CODE_ENHANCED, 1, 0, 0}}, {"grpc", {SC_CODE_BASIC, 14, 0, 1}},
            {"grpc", {SC_CODE_BASIC, INT_MIN, 0, 0}},
            {"websocket", {SC_CODE_BASIC, 999, 0, 0}},
            {"websocket", {SC_CODE_BASIC, 5000, 0, 0}},
            {"websocket", {SC_CODE_ENHANCED, 1006, 0, 0}},
            {"websocket", {SC_CODE_BASIC, 1006, 1, 0}},
        };
        for (i = 0; i < sizeof others / sizeof *others; i++) {
            b.protocol = sc_protocol_find(others[i].protocol,
                                          strlen(others[i].protocol));
            assert_true(b.protocol >= 0);
            b.kind = others[i].k[0];
            b.value = others[i].k[1];
            b.subject = others[i].k[2];
            b.detail = others[i].k[3];
            memset(&d, 0x5a, sizeof d);
            assert_int_equal(sc_describe(&b, 0, &d), SC_EMALFORMED);
            assert_int_equal(((unsigned char *)&d)[0], 0x5a);
            assert_int_equal(sc_compare(&b, &good, 0, &r, buf, sizeof buf),
                             SC_EMALFORMED);
            assert_int_equal(sc_compare(&good_http, &b, 0, &r, buf, sizeof buf),
                             SC_EMALFORMED);
            text[0] = 'x';
            assert_int_equal(sc_code_format(&b, text, sizeof text), 0);
            assert_int_equal(text[0], '\0');
        }
    }
    /* A well-formed code of one protocol in a struct of another. */
    b = good; /* 5.7.8 */
    b.protocol = http;
    assert_int_equal(sc_describe(&b, 0, &d), SC_EMALFORMED);
    assert_int_equal(sc_code_format(&b, text, sizeof text), 0);
    b = good_http;
    b.value = 150; /* fine for HTTP, not for SMTP */
    assert_int_equal(sc_describe(&b, 0, &d), SC_OK);
    b.protocol = smtp;
    assert_int_equal(sc_describe(&b, 0, &d), SC_EMALFORMED);
    /* Protocol ids out of range in the struct: SC_EPROTOCOL, whatever the
     * rest of the code says. */
    for (i = 0; i < sizeof bad_protocols / sizeof *bad_protocols; i++) {
        for (k = 0; k < 3; k++) {
            b = k == 0 ? good : good_http;
            if (k == 2)
                b.kind = INT_MIN;
            b.protocol = bad_protocols[i];
            memset(&d, 0x5a, sizeof d);
            assert_int_equal(sc_describe(&b, 0, &d), SC_EPROTOCOL);
            {
                int rc = sc_describe(&b, -1, &d);
                assert_true(rc == SC_EPROTOCOL || rc == SC_ELANG);
            }
            assert_int_equal(((unsigned char *)&d)[0], 0x5a);
            assert_int_equal(sc_compare(&b, &b, 0, &r, buf, sizeof buf),
                             SC_EPROTOCOL);
            assert_int_equal(sc_compare(&b, &good, 0, &r, buf, sizeof buf),
                             SC_EPROTOCOL);
            assert_int_equal(sc_compare(&good_http, &b, 0, &r, buf, sizeof buf),
                             SC_EPROTOCOL);
            text[0] = 'x';
            assert_int_equal(sc_code_format(&b, text, sizeof text), 0);
            assert_int_equal(text[0], '\0');
        }
    }
    /* Two well-formed codes of two protocols compare; a garbage code of
     * another protocol is still refused. */
    assert_int_equal(sc_compare(&good, &good_http, 0, &r, buf, sizeof buf),
                     SC_OK);
    assert_int_equal(sc_compare(&good_http, &good, 0, &r, buf, sizeof buf),
                     SC_OK);
    assert_int_equal(r.same_class, 0);
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        b.protocol = smtp;
        b.kind = bad[i][0];
        b.value = bad[i][1];
        b.subject = bad[i][2];
        b.detail = bad[i][3];
        memset(&r, 0x5a, sizeof r);
        assert_int_equal(sc_compare(&b, &good_http, 0, &r, buf, sizeof buf),
                         SC_EMALFORMED);
        assert_int_equal(sc_compare(&good_http, &b, 0, &r, buf, sizeof buf),
                         SC_EMALFORMED);
        assert_int_equal(((unsigned char *)&r)[0], 0x5a);
    }
}

/* Descriptions the library did not fill in: the accessors never read past
 * their tables, whatever the entry, the counts and the language say. */
static void check_accessors(const sc_info *d)
{
    static const size_t is[] = {0, 1, 2, 3, 7, 100, 65535, 65536,
                                (size_t)INT_MAX, SIZE_MAX / 2, SIZE_MAX - 1,
                                SIZE_MAX};
    static const int bad_lists[] = {INT_MIN, INT_MIN + 1, -1000, -1,
                                    SC_LIST_COUNT, SC_LIST_COUNT + 1, 1000,
                                    INT_MAX};
    size_t i;
    int list;
    for (list = -2; list <= SC_LIST_COUNT + 1; list++) {
        for (i = 0; i < sizeof is / sizeof *is; i++) {
            const char *s = sc_info_string(d, list, is[i]);
            sc_code c;
            sc_equivalent q;
            if (s != NULL) {
                assert_true(list >= 0 && list < SC_LIST_COUNT);
                (void)strlen(s);
            }
            if (sc_info_code(d, list, is[i], &c) == SC_OK) {
                assert_true(list == SC_LIST_RELATED || list == SC_LIST_BASIC ||
                            list == SC_LIST_EQUIVALENTS);
                check_code(&c);
            }
            if (list == 0 && sc_info_equivalent(d, is[i], &q) == SC_OK) {
                check_code(&q.code);
                assert_non_null(q.name);
                (void)strlen(q.name);
                assert_non_null(q.closeness);
                if (q.note != NULL)
                    (void)strlen(q.note);
            }
        }
    }
    for (i = 0; i < sizeof bad_lists / sizeof *bad_lists; i++) {
        sc_code c;
        assert_null(sc_info_string(d, bad_lists[i], 0));
        assert_int_equal(sc_info_code(d, bad_lists[i], 0, &c), SC_EINVAL);
    }
}

static void test_garbage_info(void **state)
{
    static const unsigned bad_entries[] = {0x5a5a5a5au, 0xFFFFFFFFu,
                                           0x80000000u, 0x7FFFFFFFu, 0x10000u,
                                           100000u};
    static const int bad_langs[] = {-1, INT_MIN, INT_MAX, 1000};
    sc_info d, real;
    sc_code c535 = code_of("535"), h401 = code_in(http, "401"), x;
    sc_equivalent q;
    size_t i, l;
    unsigned e;
    (void)state;
    /* Bytes of garbage. */
    memset(&d, 0x5a, sizeof d);
    check_accessors(&d);
    for (i = 0; i < SC_LIST_COUNT; i++)
        assert_null(sc_info_string(&d, (int)i, 0));
    assert_int_equal(sc_info_equivalent(&d, 0, &q), SC_EINVAL);
    memset(&d, 0xff, sizeof d);
    check_accessors(&d);
    memset(&d, 0, sizeof d);
    check_accessors(&d);
    /* A real description with an entry out of range. */
    assert_int_equal(sc_describe(&h401, 0, &real), SC_OK);
    assert_true(real.count[SC_LIST_EQUIVALENTS] >= 1);
    for (i = 0; i < sizeof bad_entries / sizeof *bad_entries; i++) {
        d = real;
        d.entry = bad_entries[i];
        assert_null(sc_info_string(&d, SC_LIST_REFERENCES, 0));
        assert_int_equal(sc_info_code(&d, SC_LIST_RELATED, 0, &x), SC_EINVAL);
        assert_int_equal(sc_info_equivalent(&d, 0, &q), SC_EINVAL);
        check_accessors(&d);
    }
    /* Counts bigger than the entry's lists: nothing past them. */
    d = real;
    for (i = 0; i < SC_LIST_COUNT; i++)
        d.count[i] = SIZE_MAX;
    for (i = 0; i < SC_LIST_COUNT; i++) {
        size_t k;
        for (k = real.count[i]; k < real.count[i] + 4; k++) {
            assert_null(sc_info_string(&d, (int)i, k));
            assert_int_equal(sc_info_code(&d, (int)i, k, &x), SC_EINVAL);
        }
    }
    assert_int_equal(sc_info_equivalent(&d, real.count[SC_LIST_EQUIVALENTS], &q),
                     SC_EINVAL);
    check_accessors(&d);
    /* ... and the entries' own items still read as they did. */
    for (i = 0; i < real.count[SC_LIST_REFERENCES]; i++)
        assert_ptr_equal(sc_info_string(&d, SC_LIST_REFERENCES, i),
                         sc_info_string(&real, SC_LIST_REFERENCES, i));
    /* Counts smaller than the lists: the count is the limit. */
    d = real;
    memset(d.count, 0, sizeof d.count);
    assert_null(sc_info_string(&d, SC_LIST_REFERENCES, 0));
    assert_int_equal(sc_info_code(&d, SC_LIST_RELATED, 0, &x), SC_EINVAL);
    assert_int_equal(sc_info_equivalent(&d, 0, &q), SC_EINVAL);
    /* Languages out of range in the struct: English, not a crash. */
    assert_int_equal(sc_describe(&c535, 0, &real), SC_OK);
    for (l = 0; l < sizeof bad_langs / sizeof *bad_langs; l++) {
        d = real;
        d.lang = bad_langs[l];
        for (i = 0; i < real.count[SC_LIST_EQUIVALENTS]; i++) {
            sc_equivalent eq;
            assert_int_equal(sc_info_equivalent(&d, i, &q), SC_OK);
            assert_int_equal(sc_info_equivalent(&real, i, &eq), SC_OK);
            assert_string_equal(q.name, eq.name);
        }
        check_accessors(&d);
    }
    /* Every entry id, with counts and language of garbage. */
    for (e = 0; e <= 0x10000u; e++) {
        memset(&d, 0, sizeof d);
        d.entry = e;
        d.lang = (int)(e % 7) - 2;
        for (i = 0; i < SC_LIST_COUNT; i++)
            d.count[i] = e & 1 ? SIZE_MAX : 3;
        for (i = 0; i < SC_LIST_COUNT; i++) {
            size_t k;
            for (k = 0; k < 3; k++) {
                const char *s = sc_info_string(&d, (int)i, k);
                if (s != NULL)
                    (void)strlen(s);
                if (sc_info_code(&d, (int)i, k, &x) == SC_OK) {
                    char t[SC_CODE_TEXT_MAX];
                    assert_true(sc_code_format(&x, t, sizeof t) > 0);
                }
            }
        }
        if (sc_info_equivalent(&d, 0, &q) == SC_OK) {
            assert_non_null(q.name);
            assert_non_null(q.closeness);
        }
    }
}

static void test_garbage_verdict(void **state)
{
    static const int evidence[] = {-1, SC_EVIDENCE_NONE, SC_EVIDENCE_PHRASE,
                                   SC_EVIDENCE_ENHANCED, SC_EVIDENCE_BASIC,
                                   SC_EVIDENCE_CLASS, SC_EVIDENCE_COUNT, 99,
                                   INT_MIN};
    static const int protocols[] = {0, 1, -1, 99, INT_MIN, INT_MAX};
    sc_verdict v;
    char why[SC_WHY_MAX];
    size_t i, p, n;
    (void)state;
    for (i = 0; i < sizeof evidence / sizeof *evidence; i++) {
        for (p = 0; p < sizeof protocols / sizeof *protocols; p++) {
            /* Codes that are no codes, of protocols that may not exist, a
             * class out of range, no phrase. */
            memset(&v, 0, sizeof v);
            v.evidence = evidence[i];
            v.has_code = v.has_enhanced = 1;
            v.code.protocol = protocols[p];
            v.code.kind = 77;
            v.code.value = INT_MIN;
            v.enhanced.protocol = protocols[(p + 1) % 6];
            v.enhanced.kind = SC_CODE_ENHANCED;
            v.enhanced.value = 9;
            v.enhanced.subject = -5;
            v.reply_class = 9;
            v.permanent = 1;
            v.retry_hint = 1;
            v.class_conflict = 1;
            v.phrase = NULL;
            n = sc_verdict_why(&v, why, sizeof why);
            assert_true(n < sizeof why);
            assert_int_equal(strlen(why), n);
            /* Well-formed codes, but tagged with another protocol. */
            v.code.kind = SC_CODE_BASIC;
            v.code.value = 550;
            v.enhanced.value = 5;
            v.enhanced.subject = 1;
            v.enhanced.detail = 1;
            n = sc_verdict_why(&v, why, sizeof why);
            assert_true(n < sizeof why);
            assert_int_equal(strlen(why), n);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Lengths: only `len` bytes are read, never a byte more                    */
/* ------------------------------------------------------------------------ */

static void test_inputs_not_terminated(void **state)
{
    /* {text, len, what sc_code_parse says} */
    static const struct {
        const char *s;
        size_t len;
        int rc;
    } codes[] = {
        {"535", 3, SC_OK}, {"5355", 3, SC_OK}, {"5.7.8", 5, SC_OK},
        {"5.7.89", 5, SC_OK}, {"5.7.8", 4, SC_EMALFORMED}, {"5.7.", 4, SC_EMALFORMED},
        {"5.", 2, SC_EMALFORMED}, {"5", 1, SC_EMALFORMED}, {"53", 2, SC_EMALFORMED},
        {"5.999.999", 9, SC_OK}, {"5.999.9999", 10, SC_EMALFORMED},
        {"", 0, SC_EMALFORMED}, {".", 1, SC_EMALFORMED}, {"..", 2, SC_EMALFORMED},
    };
    /* The same for HTTP: numbers and symbols. */
    static const struct {
        const char *s;
        size_t len;
        int rc;
    } http_codes[] = {
        {"404", 3, SC_OK}, {"4044", 3, SC_OK}, {"40", 2, SC_EMALFORMED},
        {"NOT_FOUND", 9, SC_OK}, {"NOT_FOUNDX", 9, SC_OK},
        {"NOT_FOUND", 8, SC_EMALFORMED}, {"HTTPStatus.NOT_FOUND", 20, SC_OK},
        {"HTTPStatus.NOT_FOUND", 11, SC_EMALFORMED}, {"HTTPStatus.", 11, SC_EMALFORMED},
        {"x.NOT_FOUND", 11, SC_OK}, {"_", 1, SC_EMALFORMED}, {" ", 1, SC_EMALFORMED},
        {"5.7.8", 5, SC_EMALFORMED}, {"", 0, SC_EMALFORMED},
    };
    /* DNS: numbers, mnemonics, and Extended DNS Errors ("EDE 18"). */
    static const struct {
        const char *s;
        size_t len;
        int rc, kind, value;
    } dns_codes[] = {
        {"EDE 18", 6, SC_OK, SC_CODE_ENHANCED, 18},
        {"EDE 189", 6, SC_OK, SC_CODE_ENHANCED, 18},
        {"EDE 18", 5, SC_OK, SC_CODE_ENHANCED, 1},
        {"EDE 18", 4, SC_EMALFORMED, 0, 0}, {"EDE 18", 3, SC_EMALFORMED, 0, 0},
        {"EDE 18", 2, SC_EMALFORMED, 0, 0}, {"EDE: 18", 5, SC_EMALFORMED, 0, 0},
        {"ede18", 5, SC_OK, SC_CODE_ENHANCED, 18},
        {"ede18", 4, SC_OK, SC_CODE_ENHANCED, 1},
        {"EDE 655359", 9, SC_OK, SC_CODE_ENHANCED, 65535},
        {"EDE 65536", 9, SC_EMALFORMED, 0, 0},
        {"NXDOMAIN", 8, SC_OK, SC_CODE_BASIC, 3},
        {"NXDOMAINX", 8, SC_OK, SC_CODE_BASIC, 3},
        {"NXDOMAIN", 7, SC_EMALFORMED, 0, 0},
        {"655350", 5, SC_OK, SC_CODE_BASIC, 65535},
        {"0", 1, SC_OK, SC_CODE_BASIC, 0},
    };
    static const struct {
        const char *s;
        size_t len;
    } names[] = {{"smtp", 4}, {"smtpx", 4}, {"http", 4}, {"httpx", 4},
                 {"fr-CA", 5}, {"fr-CAxx", 5}, {"fr-", 3}, {"fr", 2}, {"f", 1},
                 {"-", 1}, {"", 0}, {"pt_BR", 5}};
    static const char *const replies[] = {
        "550", "5", "55", "550-", "550 5", "550 5.", "550 5.1", "550 5.1.",
        "550 5.1.1", "said: 55", "smtp;", "smtp; 550", "x: 550 5.1.1",
        "550-a\r\n550", "550-a\n550-", "(in reply to RCPT TO command)",
        "550 x (in reply to RCPT TO command", "\r", "550\r", "250 #5.1",
        "550 blocked using", "550 user unknow",
    };
    /* Texts for sc_lookup and sc_search, every prefix. */
    static const char *const queries[] = {
        "421", "4210", "5.7.8", "5.7.89", "NOT_FOUND", "HTTPStatus.NOT_FOUND",
        "too many requests", "  not  found  ", "authentication credentials",
        "\xc3\xa9t\xc3\xa9 found", "a\tb\r\nc", "EDE 18", "ede: 30",
        "StatusCode.UNAVAILABLE", "NXDOMAIN", "1006",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof codes / sizeof *codes; i++) {
        char *p = exact(codes[i].s, codes[i].len);
        sc_code c;
        assert_int_equal(sc_code_parse(smtp, p, codes[i].len, &c), codes[i].rc);
        free(p);
    }
    for (i = 0; i < sizeof http_codes / sizeof *http_codes; i++) {
        char *p = exact(http_codes[i].s, http_codes[i].len);
        sc_code c;
        print_message("http %.*s\n", (int)http_codes[i].len, http_codes[i].s);
        assert_int_equal(sc_code_parse(http, p, http_codes[i].len, &c),
                         http_codes[i].rc);
        if (http_codes[i].rc == SC_OK)
            assert_int_equal(c.value, 404);
        free(p);
    }
    for (i = 0; i < sizeof dns_codes / sizeof *dns_codes; i++) {
        char *p = exact(dns_codes[i].s, dns_codes[i].len);
        sc_code c;
        int dns = sc_protocol_find("dns", 3);
        print_message("dns %.*s\n", (int)dns_codes[i].len, dns_codes[i].s);
        assert_int_equal(sc_code_parse(dns, p, dns_codes[i].len, &c),
                         dns_codes[i].rc);
        if (dns_codes[i].rc == SC_OK) {
            assert_int_equal(c.kind, dns_codes[i].kind);
            assert_int_equal(c.value, dns_codes[i].value);
        }
        free(p);
    }
    for (i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = exact(names[i].s, names[i].len);
        (void)sc_protocol_find(p, names[i].len);
        (void)sc_lang_find(p, names[i].len);
        free(p);
    }
    assert_int_equal(sc_protocol_find("smtpx", 4), smtp);
    assert_int_equal(sc_protocol_find("httpx", 4), http);
    assert_true(sc_lang_find("fr-CAxx", 5) >= 0);
    assert_int_equal(sc_lang_find("fr-", 3), -1);
    for (i = 0; i < sizeof queries / sizeof *queries; i++) {
        size_t n = strlen(queries[i]), k, j, m;
        for (k = 0; k <= n; k++) {
            char *p = exact(queries[i], k);
            sc_code out[2], *big;
            m = sc_lookup(p, k, out, 2);
            assert_true(m <= sc_protocol_count());
            for (j = 0; j < m && j < 2; j++)
                check_code(&out[j]);
            m = sc_search(-1, p, k, NULL, 0);
            big = malloc((m ? m : 1) * sizeof *big);
            assert_non_null(big);
            assert_int_equal(sc_search(-1, p, k, big, m), m);
            for (j = 0; j < m; j++)
                check_code(&big[j]);
            free(big);
            free(p);
        }
    }
    for (i = 0; i < sizeof replies / sizeof *replies; i++) {
        size_t n = strlen(replies[i]), k;
        /* Every prefix of every reply, each in a block of its own size. */
        for (k = 0; k <= n; k++) {
            char *p = exact(replies[i], k), *text = malloc(k + 1);
            sc_verdict v;
            size_t pos = 0, start, len;
            int rc;
            assert_non_null(text);
            rc = sc_parse(p, k, text, k + 1, &v);
            assert_true(rc == SC_OK || rc == SC_EEMPTY);
            if (rc == SC_OK) {
                assert_true(v.end <= k);
                assert_true(v.text_len <= k);
            }
            while (sc_parse_next(p, k, &pos, text, k + 1, &v) == SC_OK)
                assert_true(pos <= k);
            assert_int_equal(pos, k);
            pos = 0;
            while (sc_next_line(p, k, &pos, &start, &len))
                assert_true(start + len <= k);
            free(p);
            free(text);
        }
    }
}

/* Symbols are read from any bytes: long, with NUL bytes, separators only,
 * bytes of every value. Only a listed symbol is a code. */
static void test_hostile_symbols(void **state)
{
    size_t sizes[] = {63, 64, 65, 100, 1000, 100000};
    char one[1];
    sc_code c, keep;
    size_t i, k, p;
    int b;
    (void)state;
    memset(&keep, 0x5a, sizeof keep);
    for (p = 0; p < sc_protocol_count(); p++) {
        /* Every single byte. */
        for (b = 0; b < 256; b++) {
            int rc;
            one[0] = (char)b;
            c = keep;
            rc = sc_code_parse((int)p, one, 1, &c);
            assert_true(rc == SC_EMALFORMED || rc == SC_OK);
            if (rc != SC_OK)
                assert_memory_equal(&c, &keep, sizeof c);
        }
        /* Long runs of letters, separators, dots, digits, NUL bytes. */
        for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
            static const char fill[] = "A_.9\0 -\xff";
            for (k = 0; k < sizeof fill - 1; k++) {
                char *s = malloc(sizes[i]);
                assert_non_null(s);
                memset(s, fill[k], sizes[i]);
                c = keep;
                assert_int_equal(sc_code_parse((int)p, s, sizes[i], &c),
                                 SC_EMALFORMED);
                assert_memory_equal(&c, &keep, sizeof c);
                assert_int_equal(sc_lookup(s, sizes[i], &c, 1), 0);
                free(s);
            }
        }
    }
    /* Separators are ignored however many there are; a dot drops what comes
     * before it, however long. */
    {
        static const char spaced[] = "N_O_T - F-O_U N D";
        size_t n = 100000;
        char *s = malloc(n);
        assert_non_null(s);
        assert_int_equal(sc_code_parse(http, spaced, sizeof spaced - 1, &c), SC_OK);
        assert_int_equal(c.value, 404);
        memset(s, '_', n);
        memcpy(s + n - 9, "NOT_FOUND", 9);
        assert_int_equal(sc_code_parse(http, s, n, &c), SC_OK);
        assert_int_equal(c.value, 404);
        memset(s, 'x', n);
        s[n - 10] = '.';
        memcpy(s + n - 9, "NOT_FOUND", 9);
        assert_int_equal(sc_code_parse(http, s, n, &c), SC_OK);
        assert_int_equal(c.value, 404);
        /* A NUL byte is no separator. */
        s[n - 6] = '\0';
        c = keep;
        assert_int_equal(sc_code_parse(http, s, n, &c), SC_EMALFORMED);
        assert_memory_equal(&c, &keep, sizeof c);
        free(s);
        assert_int_equal(sc_code_parse(http, "NOT\0FOUND", 9, &c), SC_EMALFORMED);
        assert_int_equal(sc_code_parse(http, "\0NOT_FOUND", 10, &c), SC_EMALFORMED);
        assert_int_equal(sc_code_parse(http, "NOT_FOUND\0", 10, &c), SC_EMALFORMED);
        assert_int_equal(sc_code_parse(http, "4\0" "04", 4, &c), SC_EMALFORMED);
        assert_int_equal(sc_code_parse(smtp, "5.7\0.8", 6, &c), SC_EMALFORMED);
        assert_int_equal(sc_lookup("421\0", 4, &c, 1), 0);
        assert_int_equal(sc_lookup("NOT\0FOUND", 9, &c, 1), 0);
    }
    /* Numbers of many digits: no overflow into a valid code. */
    {
        static const char *const nums[] = {
            "4294967700", "2147484052", "18446744073709552020", "0000000404",
            "00404", "000000000000000000000000000000535", "99999999999999999999"};
        for (i = 0; i < sizeof nums / sizeof *nums; i++) {
            for (p = 0; p < sc_protocol_count(); p++) {
                c = keep;
                assert_int_equal(sc_code_parse((int)p, nums[i], strlen(nums[i]), &c),
                                 SC_EMALFORMED);
                assert_memory_equal(&c, &keep, sizeof c);
            }
            assert_int_equal(sc_lookup(nums[i], strlen(nums[i]), &c, 1), 0);
        }
    }
}

/* sc_lookup and sc_search with every length, many words, any bytes. */
static void test_hostile_lookup_search(void **state)
{
    static const size_t sizes[] = {0, 1, 2, 63, 64, 65, 1000, 8192};
    static const char *const fills[] = {"a", "e ", "  ", "\t\r\n", "the ",
                                        "A", "\xff", "found ", "_", "."};
    sc_code out[4], keep;
    size_t i, k, n, j, total;
    (void)state;
    memset(&keep, 0x5a, sizeof keep);
    total = 0;
    for (i = 0; i < sc_protocol_count(); i++)
        total += sc_code_count((int)i);
    for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        for (k = 0; k < sizeof fills / sizeof *fills; k++) {
            size_t fl = strlen(fills[k]);
            char *s = malloc(sizes[i] ? sizes[i] : 1);
            int p;
            assert_non_null(s);
            for (j = 0; j < sizes[i]; j++)
                s[j] = fills[k][j % fl];
            out[1] = out[2] = out[3] = keep;
            n = sc_lookup(s, sizes[i], out, 1);
            assert_true(n <= sc_protocol_count());
            assert_memory_equal(&out[1], &keep, sizeof keep); /* max is 1 */
            if (n > 0)
                check_code(&out[0]);
            for (p = -1; p < (int)sc_protocol_count(); p++) {
                n = sc_search(p, s, sizes[i], out, 2);
                assert_true(n <= total);
                assert_memory_equal(&out[2], &keep, sizeof keep);
                for (j = 0; j < n && j < 2; j++) {
                    check_code(&out[j]);
                    if (p >= 0)
                        assert_int_equal(out[j].protocol, p);
                }
                assert_int_equal(sc_search(p, s, sizes[i], NULL, 0), n);
            }
            free(s);
        }
    }
    /* A NUL byte is part of a word, not its end. */
    n = sc_search(-1, "found", 5, NULL, 0);
    assert_true(n >= 1);
    assert_int_equal(sc_search(-1, "fou\0nd", 6, NULL, 0), 0);
    assert_int_equal(sc_search(-1, "found\0", 6, NULL, 0), 0);
    /* max far bigger than what is found: only what is found is written. */
    {
        sc_code *all = malloc((total + 1) * sizeof *all);
        assert_non_null(all);
        all[total] = keep;
        n = sc_search(-1, "a", 1, all, total);
        assert_true(n <= total);
        assert_memory_equal(&all[total], &keep, sizeof keep);
        for (j = 0; j < n; j++)
            check_code(&all[j]);
        free(all);
    }
}

/* sc_next_line: any position, any bytes; the lines tile the input. */
static void test_hostile_next_line(void **state)
{
    static const struct {
        const char *s;
        size_t len;
    } inputs[] = {{"", 0}, {"\n", 1}, {"\r", 1}, {"\r\n", 2}, {"\n\n", 2},
                  {"a", 1}, {"a\n", 2}, {"a\r\n", 3}, {"\r\r\n", 3},
                  {"a\nb", 3}, {"a\r\nb\r\n", 5}, {"\n\r\n\r", 4},
                  {"550-a\r\n550 b", 12}, {"\0\n\0", 3}};
    static const size_t bad_pos[] = {4, 5, 100, SIZE_MAX / 2, SIZE_MAX - 1,
                                     SIZE_MAX};
    size_t i, k, pos, start, n;
    (void)state;
    for (i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        for (k = 0; k <= inputs[i].len; k++) {
            char *p = exact(inputs[i].s, k);
            size_t lines = 0, lf = 0, j, last = 0;
            for (j = 0; j < k; j++)
                lf += p[j] == '\n';
            pos = 0;
            while (sc_next_line(p, k, &pos, &start, &n)) {
                assert_int_equal(start, last); /* no byte skipped */
                assert_true(start + n <= k);
                assert_true(pos > start && pos > last);
                assert_true(pos <= k + 1);
                /* The line stops at LF; a CR before it is left out. */
                for (j = start; j < start + n; j++)
                    assert_true(p[j] != '\n');
                if (start + n < k)
                    assert_true(p[start + n] == '\n' || p[start + n] == '\r');
                last = pos;
                assert_true(++lines <= k + 1);
            }
            assert_true(pos >= k);
            assert_int_equal(lines, lf + (k > 0 && p[k - 1] != '\n' ? 1 : 0));
            free(p);
        }
    }
    /* Positions past the end: no line, and nothing written. */
    for (i = 0; i < sizeof bad_pos / sizeof *bad_pos; i++) {
        start = n = 77;
        pos = bad_pos[i];
        assert_int_equal(sc_next_line("a\nb", 3, &pos, &start, &n), 0);
        assert_int_equal(pos, bad_pos[i]);
        assert_int_equal(start, 77);
        assert_int_equal(n, 77);
    }
    pos = 3;
    assert_int_equal(sc_next_line("a\nb", 3, &pos, &start, &n), 0);
    pos = 0;
    assert_int_equal(sc_next_line("a\nb", 0, &pos, &start, &n), 0);
}

/* A length that wraps: SC_PARSE_BUFSIZE(len) would overflow, so no buffer
 * can be big enough; the answer is SC_ENOSPACE, not a write past `size`. */
static void test_length_that_wraps(void **state)
{
    char text[16];
    sc_verdict v;
    (void)state;
    assert_int_equal(sc_parse("550 x", SIZE_MAX, text, sizeof text, &v),
                     SC_ENOSPACE);
}

/* ------------------------------------------------------------------------ */
/* Output buffers of every size                                             */
/* ------------------------------------------------------------------------ */

static void test_output_sizes(void **state)
{
    static const char reply[] = "550 5.1.1 <bob@example.com>: user unknown";
    sc_code big = code_of("5.999.999"), a = code_of("250"), b = code_of("5.7.26");
    sc_code h = code_in(http, "404"), h2 = code_in(http, "429");
    sc_code ede = code_in(sc_protocol_find("dns", 3), "EDE 65535");
    sc_code p429 = code_in(sc_protocol_find("sip", 3), "429");
    sc_comparison r;
    sc_verdict v;
    char ref[SC_WHY_MAX], text[sizeof reply];
    size_t size, need = 0, n;
    int pair;
    (void)state;
    /* sc_code_format: 0 and an empty string until the text fits. */
    for (size = 1; size <= SC_CODE_TEXT_MAX; size++) {
        char *buf = malloc(size);
        assert_non_null(buf);
        n = sc_code_format(&big, buf, size);
        assert_int_equal(n, size >= 10 ? 9 : 0);
        assert_int_equal(strlen(buf), n);
        n = sc_code_format(&h, buf, size);
        assert_int_equal(n, size >= 4 ? 3 : 0);
        assert_int_equal(strlen(buf), n);
        n = sc_code_format(&ede, buf, size); /* "EDE 65535" */
        assert_int_equal(n, size >= 10 ? 9 : 0);
        assert_int_equal(strlen(buf), n);
        free(buf);
    }
    /* sc_verdict_why: truncated to fit, always terminated. */
    assert_int_equal(sc_parse(reply, sizeof reply - 1, text, sizeof text, &v), SC_OK);
    n = sc_verdict_why(&v, ref, sizeof ref);
    for (size = 1; size <= n + 1; size++) {
        char *buf = malloc(size);
        assert_non_null(buf);
        assert_int_equal(sc_verdict_why(&v, buf, size), size - 1 < n ? size - 1 : n);
        assert_memory_equal(buf, ref, strlen(buf));
        free(buf);
    }
    /* sc_parse: one byte short of SC_PARSE_BUFSIZE is refused. */
    {
        char *buf = malloc(sizeof reply - 1);
        assert_non_null(buf);
        assert_int_equal(sc_parse(reply, sizeof reply - 1, buf, sizeof reply - 1, &v),
                         SC_ENOSPACE);
        free(buf);
    }
    /* sc_compare: SC_ENOSPACE until the sentences fit, then SC_OK; for an
     * SMTP pair, an HTTP pair (whose summary holds both gists) and a pair
     * of two protocols. */
    for (pair = 0; pair < 3; pair++) {
        const sc_code *x = pair == 0 ? &a : pair == 1 ? &h : &h2;
        const sc_code *y = pair == 0 ? &b : pair == 1 ? &h2 : &p429;
        need = 0;
        for (size = 1; size <= SC_COMPARE_BUFSIZE; size++) {
            char *buf = malloc(size);
            int rc;
            assert_non_null(buf);
            rc = sc_compare(x, y, 0, &r, buf, size);
            free(buf);
            if (rc == SC_OK) {
                need = size;
                break;
            }
            assert_int_equal(rc, SC_ENOSPACE);
        }
        assert_true(need > 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_out_of_range),
        cmocka_unit_test(test_null_pointers),
        cmocka_unit_test(test_garbage_codes),
        cmocka_unit_test(test_garbage_info),
        cmocka_unit_test(test_garbage_verdict),
        cmocka_unit_test(test_inputs_not_terminated),
        cmocka_unit_test(test_hostile_symbols),
        cmocka_unit_test(test_hostile_lookup_search),
        cmocka_unit_test(test_hostile_next_line),
        cmocka_unit_test(test_length_that_wraps),
        cmocka_unit_test(test_output_sizes),
    };
    smtp = sc_protocol_find("smtp", 4);
    http = sc_protocol_find("http", 4);
    if (smtp < 0 || http < 0) {
        fprintf(stderr, "test_hardening: no smtp or http protocol\n");
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
