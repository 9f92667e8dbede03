/* test_core.c — cmocka tests of the C core: codes, describe, compare, parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "statuscodes.h"

#define SMTP 0

static int lang(const char *tag)
{
    int id = sc_lang_find(tag, strlen(tag));
    assert_true(id >= 0);
    return id;
}

static sc_code code_of(const char *s)
{
    sc_code c;
    assert_int_equal(sc_code_parse(SMTP, s, strlen(s), &c), SC_OK);
    return c;
}

/* ------------------------------------------------------------------------ */

static void test_code_parse(void **state)
{
    static const char *const good[] = {"535", "299", "200", "599", "5.7.8",
                                       "4.2.2", "2.0.0", "5.7.999", "5.999.9",
                                       "5.1.10"};
    static const char *const bad[] = {
        "", "53", "5350", "99", "199", "600", "abc", "5.x.1", "5.7.",
        "5.7", ".7.8", "3.1.1", "6.1.1", "5.07.1", "5.7.01", "5.1000.1",
        " 535", "535 ", "+535", "-535", "5 35", "\xef\xbc\x95\xef\xbc\x93\xef\xbc\x95",
        "5..1", "5.1.1.1", "535\0"};
    sc_code c;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof good / sizeof *good; i++)
        assert_int_equal(sc_code_parse(SMTP, good[i], strlen(good[i]), &c),
                         SC_OK);
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        size_t n = strlen(bad[i]) + (strcmp(bad[i], "535") == 0 ? 1 : 0);
        c.kind = 99;
        assert_int_equal(sc_code_parse(SMTP, bad[i], n, &c), SC_EMALFORMED);
        assert_int_equal(c.kind, 99); /* untouched on failure */
    }
    /* Not NUL-terminated: only `len` bytes are read. */
    assert_int_equal(sc_code_parse(SMTP, "5350", 3, &c), SC_OK);
    assert_int_equal(c.value, 535);
    assert_int_equal(sc_code_parse(SMTP, NULL, 3, &c), SC_EINVAL);
    assert_int_equal(sc_code_parse(SMTP, "535", 3, NULL), SC_EINVAL);
    assert_int_equal(sc_code_parse(7, "535", 3, &c), SC_EPROTOCOL);
    assert_int_equal(sc_code_parse(-1, "535", 3, &c), SC_EPROTOCOL);
}

static void test_code_from_int_and_format(void **state)
{
    sc_code c;
    char buf[SC_CODE_TEXT_MAX];
    (void)state;
    assert_int_equal(sc_code_from_int(SMTP, 535, &c), SC_OK);
    assert_int_equal(sc_code_format(&c, buf, sizeof buf), 3);
    assert_string_equal(buf, "535");
    assert_int_equal(sc_code_from_int(SMTP, 99, &c), SC_EMALFORMED);
    assert_int_equal(sc_code_from_int(SMTP, -535, &c), SC_EMALFORMED);
    assert_int_equal(sc_code_from_int(SMTP, 600, &c), SC_EMALFORMED);
    c = code_of("5.999.999");
    assert_int_equal(sc_code_format(&c, buf, sizeof buf), 9);
    assert_string_equal(buf, "5.999.999");
    assert_int_equal(sc_code_format(&c, buf, 5), 0); /* too small */
    assert_string_equal(buf, "");
    assert_int_equal(sc_code_format(NULL, buf, sizeof buf), 0);
    c.kind = 42;
    assert_int_equal(sc_code_format(&c, buf, sizeof buf), 0);
}

static void test_protocols_and_languages(void **state)
{
    (void)state;
    assert_true(sc_protocol_count() >= 1);
    assert_string_equal(sc_protocol_name(0), "smtp");
    assert_null(sc_protocol_name(sc_protocol_count()));
    assert_int_equal(sc_protocol_find("SMTP", 4), 0);
    assert_int_equal(sc_protocol_find("smtpx", 5), -1);
    assert_int_equal(sc_protocol_find(NULL, 0), -1);
    assert_true(sc_lang_count() >= 3);
    assert_string_equal(sc_lang_tag(0), "en");
    assert_int_equal(lang("fr-CA"), lang("fr"));
    assert_int_equal(lang("pt_BR"), lang("pt"));
    assert_int_equal(lang("ES"), lang("es"));
    assert_int_equal(sc_lang_find("xx", 2), -1);
    assert_int_equal(sc_lang_find("", 0), -1);
    assert_int_equal(sc_lang_find("fr-", 3), -1);
    assert_int_equal(sc_lang_find("-fr", 3), -1);
    assert_null(sc_lang_tag(sc_lang_count()));
    assert_null(sc_label(0, SC_LABEL_COUNT));
    assert_null(sc_label(-1, 0));
    assert_null(sc_label_key(-1));
    assert_string_equal(sc_strerror(SC_EMALFORMED), "code is not well-formed");
    assert_string_equal(sc_strerror(1234), "unknown error");
    assert_string_equal(sc_evidence_name(SC_EVIDENCE_PHRASE), "phrase");
    assert_null(sc_evidence_name(-1));
    assert_null(sc_evidence_name(5));
    assert_string_equal(sc_action_name(SC_ACTION_SUPPRESS), "suppress");
    assert_null(sc_action_name(SC_ACTION_COUNT));
}

static void check_info(const sc_info *d, const sc_code *c)
{
    char digit[2] = {0, 0};
    size_t i;
    assert_non_null(d->name);
    assert_true(d->name[0] != '\0');
    assert_true(strlen(d->description) > 20);
    assert_true(strlen(d->when) > 10);
    assert_true(strlen(d->fix) > 10);
    assert_non_null(d->class_name);
    assert_non_null(d->retry_advice);
    assert_non_null(d->actor_text);
    assert_non_null(d->source);
    digit[0] = (char)('0' + (c->kind == SC_CODE_BASIC ? c->value / 100
                                                      : c->value));
    assert_true(d->class_code[0] == digit[0]);
    if (c->kind == SC_CODE_BASIC)
        assert_string_equal(d->class_code + 1, "xx");
    else
        assert_string_equal(d->class_code + 1, ".X.X");
    for (i = 0; i < d->nrelated; i++) {
        sc_info r;
        assert_int_equal(sc_describe(SMTP, &d->related[i], 0, &r), SC_OK);
        assert_true(r.known);
    }
    for (i = 0; i < d->nreferences; i++)
        assert_true(strlen(d->references[i]) > 3);
}

static void test_describe_every_code(void **state)
{
    size_t i, n = sc_code_count(SMTP), l;
    (void)state;
    assert_true(n > 100);
    for (i = 0; i < n; i++) {
        sc_code c;
        sc_info d;
        assert_int_equal(sc_code_at(SMTP, i, &c), SC_OK);
        for (l = 0; l < sc_lang_count(); l++) {
            assert_int_equal(sc_describe(SMTP, &c, (int)l, &d), SC_OK);
            assert_true(d.known);
            check_info(&d, &c);
        }
    }
    {
        sc_code c;
        assert_int_equal(sc_code_at(SMTP, n, &c), SC_EINVAL);
        assert_int_equal(sc_code_count(9), 0);
    }
}

static void test_describe_examples(void **state)
{
    sc_info d;
    sc_code c = code_of("535");
    (void)state;
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_OK);
    assert_true(d.known);
    assert_string_equal(d.class_code, "5xx");
    assert_string_equal(d.retry, "after_fix");
    assert_false(d.retryable);
    assert_int_equal(d.untranslated, 0);

    c = code_of("421");
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_OK);
    assert_true(d.retryable);

    c = code_of("5.7.26");
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_OK);
    assert_true(d.known);
    assert_string_equal(d.subject_code, "X.7.X");
    assert_string_equal(d.class_code, "5.X.X");

    c = code_of("4.2.2");
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_OK);
    assert_true(d.known);
    assert_string_equal(d.retry, "later");
}

static void test_describe_unknown(void **state)
{
    sc_info d;
    sc_code c = code_of("299");
    (void)state;
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_OK);
    assert_false(d.known);
    assert_string_equal(d.class_code, "2xx");
    check_info(&d, &c);

    c = code_of("5.7.999");
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_OK);
    assert_false(d.known);
    assert_string_equal(d.subject_code, "X.7.X");
    check_info(&d, &c);

    c = code_of("5.7.606");
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_OK);
    assert_false(d.known);

    c = code_of("4.9.1"); /* no such subject: the class describes it */
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_OK);
    assert_false(d.known);
    assert_null(d.subject_code);
    check_info(&d, &c);
}

static void test_describe_errors(void **state)
{
    sc_info d;
    sc_code c = code_of("535");
    (void)state;
    assert_int_equal(sc_describe(SMTP, NULL, 0, &d), SC_EINVAL);
    assert_int_equal(sc_describe(SMTP, &c, 0, NULL), SC_EINVAL);
    assert_int_equal(sc_describe(5, &c, 0, &d), SC_EPROTOCOL);
    assert_int_equal(sc_describe(SMTP, &c, -1, &d), SC_ELANG);
    assert_int_equal(sc_describe(SMTP, &c, 1000, &d), SC_ELANG);
    c.value = 99;
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_EMALFORMED);
    c.kind = SC_CODE_ENHANCED;
    c.value = 3;
    assert_int_equal(sc_describe(SMTP, &c, 0, &d), SC_EMALFORMED);
}

/* A sentence of compare: no placeholder left, no doubled words or spaces. */
static void check_sentence(const char *s)
{
    const char *p;
    assert_non_null(s);
    assert_true(strlen(s) > 5);
    assert_null(strchr(s, '{'));
    assert_null(strchr(s, '}'));
    assert_null(strstr(s, "  "));
    assert_null(strstr(s, "when when"));
    assert_null(strstr(s, "when after"));
    for (p = strstr(s, " ."); p != NULL; p = strstr(p + 1, " ."))
        assert_true(p[2] == '.'); /* an ellipsis, not a stray space */
    assert_true(s[0] != ' ' && s[strlen(s) - 1] != ' ');
}

static void check_comparison(const sc_comparison *r)
{
    size_t i;
    const char *last;
    check_sentence(r->title);
    check_sentence(r->summary);
    assert_true(r->ndifferences >= 3);
    for (i = 0; i < r->ndifferences; i++) {
        check_sentence(r->differences[i]);
        last = r->differences[i] + strlen(r->differences[i]) - 1;
        assert_true(*last == '.' || strcmp(last - 2, "\xe3\x80\x82") == 0);
    }
    assert_int_equal(r->nwhen_to_use, 2);
    for (i = 0; i < 2; i++)
        check_sentence(r->when_to_use[i]);
    assert_true(r->nlearn_more >= 1);
}

static void test_compare_all_pairs(void **state)
{
    static const char *const tags[] = {"en", "fr", "es"};
    size_t i, j, t, n = sc_code_count(SMTP);
    static char buf[SC_COMPARE_BUFSIZE];
    sc_comparison r;
    (void)state;
    for (t = 0; t < 3; t++) {
        int l = lang(tags[t]);
        for (i = 0; i < n; i += (i < 100 ? 1 : 7)) {
            for (j = 0; j < n; j += (j < 100 ? 1 : 5)) {
                sc_code a, b;
                sc_code_at(SMTP, i, &a);
                sc_code_at(SMTP, j, &b);
                assert_int_equal(sc_compare(SMTP, &a, &b, l, &r, buf, sizeof buf),
                                 SC_OK);
                check_comparison(&r);
            }
        }
    }
}

static void test_compare_reference_pages(void **state)
{
    static char buf[SC_COMPARE_BUFSIZE];
    sc_comparison r;
    sc_code a = code_of("235"), b = code_of("250"), c = code_of("535");
    int fr = lang("fr"), es = lang("es");
    (void)state;
    /* 235 vs 250, French headings. */
    assert_int_equal(sc_compare(SMTP, &a, &b, fr, &r, buf, sizeof buf), SC_OK);
    assert_true(r.same_class);
    assert_non_null(strstr(r.title, "235"));
    assert_non_null(strstr(r.title, "250"));
    assert_string_equal(sc_label(fr, SC_LABEL_DESCRIPTION), "Description");
    assert_string_equal(sc_label(fr, SC_LABEL_WHEN), "Quand vous le voyez");
    assert_string_equal(sc_label(fr, SC_LABEL_FIX), "Comment résoudre");
    assert_string_equal(sc_label(fr, SC_LABEL_DIFFERENCES), "Différences clés");
    assert_string_equal(sc_label(fr, SC_LABEL_WHEN_TO_USE), "Quand utiliser lequel");
    assert_string_equal(r.a.description, sc_describe(SMTP, &a, fr, &r.b) == SC_OK
                                             ? r.b.description : "");
    check_comparison(&r);
    /* 250 vs 535, Spanish headings: different classes. */
    assert_int_equal(sc_compare(SMTP, &b, &c, es, &r, buf, sizeof buf), SC_OK);
    assert_false(r.same_class);
    assert_non_null(strstr(r.summary, "2xx"));
    assert_non_null(strstr(r.summary, "5xx"));
    assert_string_equal(sc_label(es, SC_LABEL_WHEN), "Cuándo lo verás");
    assert_string_equal(sc_label(es, SC_LABEL_FIX), "Cómo solucionarlo");
    assert_string_equal(sc_label(es, SC_LABEL_DIFFERENCES), "Diferencias clave");
    assert_string_equal(sc_label(es, SC_LABEL_WHEN_TO_USE), "Cuándo usar cada uno");
    assert_string_equal(sc_label(es, SC_LABEL_LEARN_MORE), "Saber más");
    assert_true(r.nlearn_more >= 2);
    check_comparison(&r);
}

static void test_compare_errors(void **state)
{
    char small[64];
    static char buf[SC_COMPARE_BUFSIZE];
    sc_comparison r;
    sc_code a = code_of("250"), b = code_of("535");
    (void)state;
    assert_int_equal(sc_compare(SMTP, &a, &b, 0, &r, small, sizeof small),
                     SC_ENOSPACE);
    assert_int_equal(sc_compare(SMTP, NULL, &b, 0, &r, buf, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(SMTP, &a, &b, 0, NULL, buf, sizeof buf), SC_EINVAL);
    assert_int_equal(sc_compare(SMTP, &a, &b, 0, &r, NULL, 10), SC_EINVAL);
    assert_int_equal(sc_compare(SMTP, &a, &b, 99, &r, buf, sizeof buf), SC_ELANG);
    b.value = 42;
    assert_int_equal(sc_compare(SMTP, &a, &b, 0, &r, buf, sizeof buf),
                     SC_EMALFORMED);
}

/* ------------------------------------------------------------------------ */
/* parse                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct parse_case {
    const char *reply;
    int code;
    const char *enhanced; /* NULL: none */
    const char *reason;   /* NULL: not checked */
    const char *text;     /* NULL: not checked */
} parse_case;

static const parse_case cases[] = {
    {"550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown",
     550, "5.1.1", "user_unknown", NULL},
    {"550-5.1.1 The email account that you tried to reach does not exist.\r\n"
     "550 5.1.1 Please try double-checking the recipient's address.",
     550, "5.1.1", "user_unknown",
     "The email account that you tried to reach does not exist. Please try "
     "double-checking the recipient's address."},
    {"550-The account does not exist\n550 please check the address", 550, NULL,
     "user_unknown", "The account does not exist please check the address"},
    {"smtp;550 5.7.1 Service unavailable; client [192.0.2.1] blocked using "
     "zen.spamhaus.org", 550, "5.7.1", "blocked", NULL},
    {"Diagnostic-Code: smtp; 552 5.2.2 Mailbox full", 552, "5.2.2",
     "mailbox_full", "Mailbox full"},
    {"host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: "
     "Recipient address rejected: User unknown (in reply to RCPT TO command)",
     550, "5.1.1", "user_unknown",
     "<bob@example.com>: Recipient address rejected: User unknown"},
    {"SMTP error from remote mail server after RCPT TO:<bob@example.com>: "
     "550 5.1.1 No such user", 550, "5.1.1", "user_unknown", "No such user"},
    {"535 5.7.8 Authentication credentials invalid", 535, "5.7.8",
     "smtp_auth_failed", NULL},
    {"554 spam detected", 554, NULL, "spam_detected", "spam detected"},
    {"550 4.2.2 mailbox full", 550, "4.2.2", "mailbox_full", NULL},
    {"5.1.1 User unknown", 0, "5.1.1", "user_unknown", "User unknown"},
    {"250 2.0.0 Ok: queued as 4Bk9z spam-checked", 250, "2.0.0", "delivered",
     NULL},
    {"354 End data with <CR><LF>.<CR><LF>", 354, NULL, NULL, NULL},
    {"530 5.7.57 Client not authenticated. Error: 535 5.7.139 Authentication "
     "unsuccessful", 530, "5.7.57", NULL, NULL},
    {"550 Mailbox 192.168.1.1 unavailable, version 5.4.3.2", 550, NULL, NULL,
     "Mailbox 192.168.1.1 unavailable, version 5.4.3.2"},
    {"550 5.1.1.2 not an enhanced code", 550, NULL, NULL, NULL},
    {"421 4.7.0 Try again later, closing connection.", 421, "4.7.0", NULL, NULL},
    {"  \t550 5.1.1 leading space", 550, "5.1.1", NULL, "leading space"},
    {"550", 550, NULL, NULL, ""},
    {"550 #5.1.0 Address rejected", 550, "5.1.0", NULL, "Address rejected"},
    {"550 #5.1.0.1 not a code", 550, NULL, NULL, "#5.1.0.1 not a code"},
    {"Connection timed out", 0, NULL, "service_unavailable",
     "Connection timed out"},
    {"Delivery failed for reasons of its own", 0, NULL, "unknown", NULL},
};

static void test_parse_cases(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        const parse_case *k = &cases[i];
        size_t len = strlen(k->reply);
        char text[1024], ct[SC_CODE_TEXT_MAX], why[SC_WHY_MAX];
        sc_verdict v;
        print_message("case %zu: %s\n", i, k->reply);
        assert_int_equal(sc_parse(k->reply, len, text, sizeof text, &v), SC_OK);
        assert_int_equal(v.has_code, k->code != 0);
        if (k->code)
            assert_int_equal(v.code.value, k->code);
        assert_int_equal(v.has_enhanced, k->enhanced != NULL);
        if (k->enhanced) {
            sc_code_format(&v.enhanced, ct, sizeof ct);
            assert_string_equal(ct, k->enhanced);
        }
        if (k->reason)
            assert_string_equal(sc_reason_name(v.reason), k->reason);
        if (k->text)
            assert_string_equal(v.text, k->text);
        assert_true(v.end <= len && v.start <= v.end);
        assert_true(sc_verdict_why(&v, why, sizeof why) > 0);
        assert_non_null(sc_action_name(v.action));
        assert_non_null(sc_evidence_name(v.evidence));
        assert_int_equal(v.retryable, v.action == SC_ACTION_RETRY);
    }
}

static void test_parse_verdicts(void **state)
{
    char text[512], why[SC_WHY_MAX];
    sc_verdict v;
    const char *r;
    (void)state;
    r = "550 4.2.2 mailbox full";
    assert_int_equal(sc_parse(r, strlen(r), text, sizeof text, &v), SC_OK);
    assert_true(v.class_conflict);
    assert_int_equal(v.permanent, 1);
    sc_verdict_why(&v, why, sizeof why);
    assert_non_null(strstr(why, "disagree"));

    r = "250 OK";
    assert_int_equal(sc_parse(r, strlen(r), text, sizeof text, &v), SC_OK);
    assert_int_equal(v.permanent, -1);
    assert_int_equal(v.action, SC_ACTION_NONE);

    r = "452 4.5.3 Too many recipients";
    assert_int_equal(sc_parse(r, strlen(r), text, sizeof text, &v), SC_OK);
    assert_string_equal(sc_reason_name(v.reason), "too_many_recipients");
    assert_int_equal(v.permanent, 0);
    assert_int_equal(v.action, SC_ACTION_RETRY);

    r = "554 5.7.1 Rejected: too much mail, try again later";
    assert_int_equal(sc_parse(r, strlen(r), text, sizeof text, &v), SC_OK);
    assert_true(v.retry_hint);
    assert_int_equal(v.permanent, 1);
    assert_true(v.retryable);

    r = "550 5.1.1 user unknown";
    assert_int_equal(sc_parse(r, strlen(r), text, sizeof text, &v), SC_OK);
    assert_int_equal(v.action, SC_ACTION_SUPPRESS);
    assert_false(v.retryable);
    assert_true(v.known);

    r = "599 9 strange";
    assert_int_equal(sc_parse(r, strlen(r), text, sizeof text, &v), SC_OK);
    assert_false(v.known);
}

static void test_parse_errors(void **state)
{
    char text[64];
    sc_verdict v;
    (void)state;
    assert_int_equal(sc_parse("", 0, text, sizeof text, &v), SC_EEMPTY);
    assert_int_equal(sc_parse(NULL, 0, text, sizeof text, &v), SC_EEMPTY);
    assert_int_equal(sc_parse(" \r\n\t ", 5, text, sizeof text, &v), SC_EEMPTY);
    assert_int_equal(sc_parse(NULL, 3, text, sizeof text, &v), SC_EINVAL);
    assert_int_equal(sc_parse("550 x", 5, NULL, 10, &v), SC_EINVAL);
    assert_int_equal(sc_parse("550 x", 5, text, sizeof text, NULL), SC_EINVAL);
    assert_int_equal(sc_parse("550 x", 5, text, 5, &v), SC_ENOSPACE);
    /* Only `len` bytes are read: the rest of the buffer is not the reply. */
    assert_int_equal(sc_parse("550 5.1.1 user unknown", 3, text, sizeof text, &v),
                     SC_OK);
    assert_int_equal(v.code.value, 550);
    assert_false(v.has_enhanced);
    assert_int_equal(sc_verdict_why(NULL, text, sizeof text), 0);
    assert_int_equal(sc_verdict_why(&v, text, 0), 0);
    assert_true(sc_verdict_why(&v, text, 8) <= 7); /* truncated, terminated */
    assert_int_equal(text[7], '\0');
}

static void test_parse_next(void **state)
{
    static const char log[] =
        "550 5.1.1 user unknown\n"
        "\n"
        "250-first\r\n250-second\r\n250 last\r\n"
        "   \n"
        "421 4.7.0 try later\n"
        "550-5.7.1 part one\n"
        "451 4.3.0 other";
    char text[sizeof log];
    sc_verdict v;
    size_t pos = 0;
    int codes[8], n = 0;
    (void)state;
    while (sc_parse_next(log, sizeof log - 1, &pos, text, sizeof text, &v) ==
           SC_OK) {
        assert_true(n < 8);
        codes[n++] = v.code.value;
        if (v.code.value == 250) {
            assert_int_equal(v.nlines, 3);
            assert_string_equal(v.text, "first second last");
        }
    }
    assert_int_equal(n, 5);
    assert_int_equal(codes[0], 550);
    assert_int_equal(codes[1], 250);
    assert_int_equal(codes[2], 421);
    assert_int_equal(codes[3], 550); /* a broken multi-line reply ends */
    assert_int_equal(codes[4], 451);
    assert_int_equal(pos, sizeof log - 1);
    assert_int_equal(sc_parse_next(log, sizeof log - 1, &pos, text, sizeof text,
                                   &v), SC_EEMPTY);
    assert_int_equal(sc_parse_next(NULL, 1, &pos, text, sizeof text, &v),
                     SC_EINVAL);
}

static void test_reasons_table(void **state)
{
    size_t i, n = sc_reason_count();
    (void)state;
    assert_int_equal(n, 26);
    assert_string_equal(sc_reason_name(0), "delivered");
    assert_string_equal(sc_reason_name(n - 1), "unknown");
    assert_null(sc_reason_name(n));
    /* Each reason's documented example gets that reason. */
    for (i = 0; i < n; i++) {
        const char *ex = sc_reason_example(i);
        char text[1024];
        sc_verdict v;
        assert_non_null(sc_reason_summary(i));
        assert_int_equal(sc_parse(ex, strlen(ex), text, sizeof text, &v), SC_OK);
        print_message("%s: %s\n", sc_reason_name(i), ex);
        assert_string_equal(sc_reason_name(v.reason), sc_reason_name(i));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_parse),
        cmocka_unit_test(test_code_from_int_and_format),
        cmocka_unit_test(test_protocols_and_languages),
        cmocka_unit_test(test_describe_every_code),
        cmocka_unit_test(test_describe_examples),
        cmocka_unit_test(test_describe_unknown),
        cmocka_unit_test(test_describe_errors),
        cmocka_unit_test(test_compare_all_pairs),
        cmocka_unit_test(test_compare_reference_pages),
        cmocka_unit_test(test_compare_errors),
        cmocka_unit_test(test_parse_cases),
        cmocka_unit_test(test_parse_verdicts),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_next),
        cmocka_unit_test(test_reasons_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
