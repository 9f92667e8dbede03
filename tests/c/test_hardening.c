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
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "statuscodes.h"

#define SMTP 0

/* `s` (`n` bytes) in a block of exactly `n` bytes; free() it. */
static char *exact(const char *s, size_t n)
{
    char *p = malloc(n ? n : 1);
    assert_non_null(p);
    memcpy(p, s, n);
    return p;
}

static sc_code code_of(const char *s)
{
    sc_code c;
    assert_int_equal(sc_code_parse(SMTP, s, strlen(s), &c), SC_OK);
    return c;
}

/* ------------------------------------------------------------------------ */
/* Ids out of range                                                         */
/* ------------------------------------------------------------------------ */

static void test_ids_out_of_range(void **state)
{
    static const int bad_ints[] = {-1, INT_MIN, INT_MAX, 1000};
    static const size_t bad_sizes[] = {(size_t)-1, (size_t)INT_MAX + 1, 100000};
    sc_code c = code_of("535"), out;
    sc_info d;
    sc_comparison r;
    char buf[SC_COMPARE_BUFSIZE];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad_sizes / sizeof *bad_sizes; i++) {
        assert_null(sc_protocol_name(bad_sizes[i]));
        assert_null(sc_lang_tag(bad_sizes[i]));
        assert_null(sc_lang_name(bad_sizes[i]));
        assert_null(sc_reason_name(bad_sizes[i]));
        assert_null(sc_reason_summary(bad_sizes[i]));
        assert_null(sc_reason_example(bad_sizes[i]));
        assert_int_equal(sc_code_at(SMTP, bad_sizes[i], &out), SC_EINVAL);
    }
    assert_null(sc_protocol_name(sc_protocol_count()));
    assert_null(sc_lang_tag(sc_lang_count()));
    assert_null(sc_reason_name(sc_reason_count()));
    assert_int_equal(sc_code_at(SMTP, sc_code_count(SMTP), &out), SC_EINVAL);
    for (i = 0; i < sizeof bad_ints / sizeof *bad_ints; i++) {
        int b = bad_ints[i];
        assert_null(sc_label_key(b));
        assert_null(sc_label(b, 0));
        assert_null(sc_label(0, b));
        assert_null(sc_action_name(b));
        assert_null(sc_evidence_name(b));
        assert_string_equal(sc_strerror(b), "unknown error");
        /* A bad protocol. */
        assert_int_equal(sc_code_parse(b, "535", 3, &out), SC_EPROTOCOL);
        assert_int_equal(sc_code_from_int(b, 535, &out), SC_EPROTOCOL);
        assert_int_equal(sc_describe(b, &c, 0, &d), SC_EPROTOCOL);
        assert_int_equal(sc_code_count(b), 0);
        assert_int_equal(sc_code_at(b, 0, &out), SC_EPROTOCOL);
        assert_int_equal(sc_compare(b, &c, &c, 0, &r, buf, sizeof buf),
                         SC_EPROTOCOL);
        /* A bad language. */
        assert_int_equal(sc_describe(SMTP, &c, b, &d), SC_ELANG);
        assert_int_equal(sc_compare(SMTP, &c, &c, b, &r, buf, sizeof buf),
                         SC_ELANG);
    }
    assert_null(sc_label(0, SC_LABEL_COUNT));
    assert_null(sc_label((int)sc_lang_count(), 0));
    assert_null(sc_action_name(SC_ACTION_COUNT));
    assert_int_equal(sc_describe(SMTP, &c, (int)sc_lang_count(), &d), SC_ELANG);
    assert_string_equal(sc_strerror(SC_EEMPTY + 1), "unknown error");
}

/* ------------------------------------------------------------------------ */
/* NULL pointers                                                            */
/* ------------------------------------------------------------------------ */

static void test_null_pointers(void **state)
{
    sc_code c = code_of("535");
    sc_info d;
    sc_comparison r;
    sc_verdict v;
    char buf[SC_COMPARE_BUFSIZE];
    size_t pos = 0;
    (void)state;
    assert_int_equal(sc_protocol_find(NULL, 0), -1);
    assert_int_equal(sc_protocol_find(NULL, 4), -1);
    assert_int_equal(sc_lang_find(NULL, 0), -1);
    assert_int_equal(sc_lang_find(NULL, 2), -1);
    assert_int_equal(sc_code_parse(SMTP, NULL, 0, &c), SC_EINVAL);
    assert_int_equal(sc_code_parse(SMTP, NULL, 3, &c), SC_EINVAL);
    assert_int_equal(sc_code_parse(SMTP, "535", 3, NULL), SC_EINVAL);
    assert_int_equal(sc_code_from_int(SMTP, 535, NULL), SC_EINVAL);
    assert_int_equal(sc_code_format(NULL, buf, 10), 0);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(sc_code_format(&c, NULL, 10), 0);
    assert_int_equal(sc_describe(SMTP, NULL, 0, &d), SC_EINVAL);
    assert_int_equal(sc_describe(SMTP, &c, 0, NULL), SC_EINVAL);
    assert_int_equal(sc_code_at(SMTP, 0, NULL), SC_EINVAL);
    assert_int_equal(sc_compare(SMTP, NULL, &c, 0, &r, buf, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(SMTP, &c, NULL, 0, &r, buf, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(SMTP, &c, &c, 0, NULL, buf, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(SMTP, &c, &c, 0, &r, NULL, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(SMTP, &c, &c, 0, &r, buf, 0), SC_EINVAL);
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
    static const sc_code bad[] = {
        {0, 535, 0, 0}, {3, 535, 0, 0}, {-1, 535, 0, 0}, {INT_MAX, 5, 1, 1},
        {SC_CODE_BASIC, 199, 0, 0}, {SC_CODE_BASIC, 600, 0, 0},
        {SC_CODE_BASIC, -535, 0, 0}, {SC_CODE_BASIC, INT_MIN, 0, 0},
        {SC_CODE_BASIC, INT_MAX, 0, 0}, {SC_CODE_ENHANCED, 3, 1, 1},
        {SC_CODE_ENHANCED, 535, 1, 1}, {SC_CODE_ENHANCED, 5, -1, 1},
        {SC_CODE_ENHANCED, 5, 1, -1}, {SC_CODE_ENHANCED, 5, 1000, 1},
        {SC_CODE_ENHANCED, 5, 1, 1000}, {SC_CODE_ENHANCED, 5, INT_MIN, INT_MAX},
        {SC_CODE_ENHANCED, INT_MIN, 1, 1}};
    sc_code good = code_of("5.7.8");
    sc_info d;
    sc_comparison r;
    char buf[SC_COMPARE_BUFSIZE], text[SC_CODE_TEXT_MAX];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&d, 0x5a, sizeof d);
        assert_int_equal(sc_describe(SMTP, &bad[i], 0, &d), SC_EMALFORMED);
        assert_int_equal(((unsigned char *)&d)[0], 0x5a); /* left alone */
        assert_int_equal(sc_compare(SMTP, &bad[i], &good, 0, &r, buf, sizeof buf),
                         SC_EMALFORMED);
        assert_int_equal(sc_compare(SMTP, &good, &bad[i], 0, &r, buf, sizeof buf),
                         SC_EMALFORMED);
        text[0] = 'x';
        assert_int_equal(sc_code_format(&bad[i], text, sizeof text), 0);
        assert_int_equal(text[0], '\0');
    }
}

static void test_garbage_verdict(void **state)
{
    static const int evidence[] = {-1, SC_EVIDENCE_NONE, SC_EVIDENCE_PHRASE,
                                   SC_EVIDENCE_ENHANCED, SC_EVIDENCE_BASIC,
                                   SC_EVIDENCE_CLASS, 99, INT_MIN};
    sc_verdict v;
    char why[SC_WHY_MAX];
    size_t i, n;
    (void)state;
    for (i = 0; i < sizeof evidence / sizeof *evidence; i++) {
        /* Codes that are no codes, a class out of range, no phrase. */
        memset(&v, 0, sizeof v);
        v.evidence = evidence[i];
        v.has_code = v.has_enhanced = 1;
        v.code.kind = 77;
        v.code.value = INT_MIN;
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
    static const struct {
        const char *s;
        size_t len;
    } names[] = {{"smtp", 4}, {"smtpx", 4}, {"fr-CA", 5}, {"fr-CAxx", 5},
                 {"fr-", 3}, {"fr", 2}, {"f", 1}, {"-", 1}, {"", 0}, {"pt_BR", 5}};
    static const char *const replies[] = {
        "550", "5", "55", "550-", "550 5", "550 5.", "550 5.1", "550 5.1.",
        "550 5.1.1", "said: 55", "smtp;", "smtp; 550", "x: 550 5.1.1",
        "550-a\r\n550", "550-a\n550-", "(in reply to RCPT TO command)",
        "550 x (in reply to RCPT TO command", "\r", "550\r", "250 #5.1",
        "550 blocked using", "550 user unknow",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof codes / sizeof *codes; i++) {
        char *p = exact(codes[i].s, codes[i].len);
        sc_code c;
        assert_int_equal(sc_code_parse(SMTP, p, codes[i].len, &c), codes[i].rc);
        free(p);
    }
    for (i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = exact(names[i].s, names[i].len);
        (void)sc_protocol_find(p, names[i].len);
        (void)sc_lang_find(p, names[i].len);
        free(p);
    }
    assert_int_equal(sc_protocol_find("smtpx", 4), 0);
    assert_true(sc_lang_find("fr-CAxx", 5) >= 0);
    assert_int_equal(sc_lang_find("fr-", 3), -1);
    for (i = 0; i < sizeof replies / sizeof *replies; i++) {
        size_t n = strlen(replies[i]), k;
        /* Every prefix of every reply, each in a block of its own size. */
        for (k = 0; k <= n; k++) {
            char *p = exact(replies[i], k), *text = malloc(k + 1);
            sc_verdict v;
            size_t pos = 0;
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
            free(p);
            free(text);
        }
    }
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
    sc_comparison r;
    sc_verdict v;
    char ref[SC_WHY_MAX], text[sizeof reply];
    size_t size, need = 0, n;
    (void)state;
    /* sc_code_format: 0 and an empty string until the text fits. */
    for (size = 1; size <= SC_CODE_TEXT_MAX; size++) {
        char *buf = malloc(size);
        assert_non_null(buf);
        n = sc_code_format(&big, buf, size);
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
    /* sc_compare: SC_ENOSPACE until the sentences fit, then SC_OK. */
    for (size = 1; size <= SC_COMPARE_BUFSIZE; size++) {
        char *buf = malloc(size);
        int rc;
        assert_non_null(buf);
        rc = sc_compare(SMTP, &a, &b, 0, &r, buf, size);
        free(buf);
        if (rc == SC_OK) {
            need = size;
            break;
        }
        assert_int_equal(rc, SC_ENOSPACE);
    }
    assert_true(need > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_out_of_range),
        cmocka_unit_test(test_null_pointers),
        cmocka_unit_test(test_garbage_codes),
        cmocka_unit_test(test_garbage_verdict),
        cmocka_unit_test(test_inputs_not_terminated),
        cmocka_unit_test(test_length_that_wraps),
        cmocka_unit_test(test_output_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
