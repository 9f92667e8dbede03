/*
 * test_threads.c — the core is reentrant: threads calling every function at
 * once get exactly the answers one thread gets alone.
 *
 * Each thread walks the same inputs from a different starting point (so
 * different calls overlap), each with its own output structs and buffers,
 * and compares every result with a reference computed before the threads
 * start. Built with -DSC_TSAN=ON, ThreadSanitizer reports any data race in
 * the core (there is no mutable global state, so there must be none).
 * The codes are of every protocol, and lookup and search run alongside.
 * SC_THREAD_ROUNDS (default 200) sets how many times each thread walks.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "statuscodes.h"

#define NTHREADS 4

static const char *const replies[] = {
    "250 2.0.0 Ok: queued as 4Tq9Lm2FkPz3",
    "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
    "550 5.1.1 Please try double-checking the recipient's address.",
    "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
    "zen.spamhaus.org",
    "smtp; 550 5.1.1 <bob@example.com>... User unknown",
    "host mx.example.com[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply "
    "to end of DATA command)",
    "SMTP error from remote mail server after RCPT TO:<a@b.example>: 550 "
    "5.7.1 rejected by policy",
    "421 4.7.0 Too many connections, try again later",
    "550 4.2.2 class conflict",
    "554 spam detected",
    "the server said nothing useful",
    "451 4.7.1 Greylisted, please try again in 300 seconds",
    "535 5.7.8 Error: authentication failed",
};
#define NREPLIES (sizeof replies / sizeof replies[0])

/* Codes of every protocol: {protocol, text, how it formats (NULL: as
 * written)}. Each is compared with the next code of its protocol. */
static const struct {
    const char *protocol, *text, *formatted;
} code_texts[] = {
    {"smtp", "535", NULL}, {"smtp", "250", NULL}, {"smtp", "299", NULL},
    {"smtp", "550", NULL}, {"smtp", "421", NULL}, {"smtp", "5.7.8", NULL},
    {"smtp", "5.1.1", NULL}, {"smtp", "4.7.0", NULL}, {"smtp", "2.0.0", NULL},
    {"smtp", "5.999.999", NULL}, {"smtp", "4.2.2", NULL}, {"smtp", "554", NULL},
    {"http", "404", NULL}, {"http", "401", NULL}, {"http", "299", NULL},
    {"http", "NOT_FOUND", "404"}, {"http", "HTTPStatus.TOO_MANY_REQUESTS", "429"},
    {"http", "503", NULL}, {"http", "100", NULL}, {"http", "499", NULL},
    {"ftp", "530", NULL}, {"ftp", "631", NULL}, {"ftp", "699", NULL},
    {"dns", "3", NULL}, {"dns", "NXDOMAIN", "3"}, {"dns", "BADSIG", "16"},
    {"dns", "30", NULL}, {"dns", "EDE 18", NULL}, {"dns", "ede: 18", "EDE 18"},
    {"dns", "EDE 49152", NULL},
    {"grpc", "14", NULL}, {"grpc", "StatusCode.UNAVAILABLE", "14"},
    {"grpc", "CANCELED", "1"}, {"grpc", "0", NULL},
    {"websocket", "1006", NULL}, {"websocket", "3008", NULL},
    {"websocket", "4001", NULL},
    {"sip", "486", NULL}, {"sip", "603", NULL}, {"sip", "429", NULL},
};
#define NCODES (sizeof code_texts / sizeof code_texts[0])

/* Words for sc_search, each searched in every protocol (-1). */
static const char *const queries[] = {
    "too many requests", "not found", "authentication", "mailbox", "zzz",
};
#define NQUERIES (sizeof queries / sizeof queries[0])
#define MAXFOUND 64

typedef struct found {
    size_t n;
    sc_code codes[MAXFOUND];
} found;

typedef struct parsed {
    int rc;
    sc_verdict v;
    char text[512];
    char why[SC_WHY_MAX];
} parsed;

typedef struct compared {
    int rc;
    sc_comparison c;
    char buf[SC_COMPARE_BUFSIZE];
} compared;

/* References, computed by the main thread before any worker starts. */
static size_t nlang;
static parsed ref_parse[NREPLIES];
static sc_code ref_code[NCODES];
static size_t ref_partner[NCODES]; /* the next code of the same protocol */
static found ref_lookup[NCODES], ref_search[NQUERIES];
static sc_info *ref_info;       /* [NCODES * nlang] */
static compared *ref_compare;   /* [NCODES * nlang]: code i vs code i+1 */
static char log_text[4096];
static size_t log_len, ref_log_count;
static int rounds = 200;

static void do_parse(size_t i, parsed *p)
{
    memset(p, 0, sizeof *p);
    p->rc = sc_parse(replies[i], strlen(replies[i]), p->text, sizeof p->text,
                     &p->v);
    if (p->rc == SC_OK)
        sc_verdict_why(&p->v, p->why, sizeof p->why);
}

static int same_parse(const parsed *a, const parsed *b)
{
    return a->rc == b->rc && a->v.has_code == b->v.has_code &&
           a->v.code.value == b->v.code.value &&
           a->v.has_enhanced == b->v.has_enhanced &&
           memcmp(&a->v.enhanced, &b->v.enhanced, sizeof a->v.enhanced) == 0 &&
           a->v.reason == b->v.reason && a->v.action == b->v.action &&
           a->v.evidence == b->v.evidence && a->v.phrase == b->v.phrase &&
           a->v.permanent == b->v.permanent && a->v.nlines == b->v.nlines &&
           a->v.text_len == b->v.text_len &&
           strcmp(a->text, b->text) == 0 && strcmp(a->why, b->why) == 0;
}

static int same_code(const sc_code *a, const sc_code *b)
{
    return a->protocol == b->protocol && a->kind == b->kind &&
           a->value == b->value && a->subject == b->subject &&
           a->detail == b->detail;
}

/* The lists of two descriptions, read through the accessors: the same
 * static strings, the same codes, the same equivalents. */
static int same_lists(const sc_info *a, const sc_info *b)
{
    int list;
    size_t i;
    for (list = 0; list < SC_LIST_COUNT; list++) {
        if (a->count[list] != b->count[list])
            return 0;
        for (i = 0; i < a->count[list]; i++) {
            sc_code x, y;
            int rx, ry;
            if (sc_info_string(a, list, i) != sc_info_string(b, list, i))
                return 0;
            rx = sc_info_code(a, list, i, &x);
            ry = sc_info_code(b, list, i, &y);
            if (rx != ry || (rx == SC_OK && !same_code(&x, &y)))
                return 0;
        }
    }
    for (i = 0; i < a->count[SC_LIST_EQUIVALENTS]; i++) {
        sc_equivalent x, y;
        if (sc_info_equivalent(a, i, &x) != SC_OK ||
            sc_info_equivalent(b, i, &y) != SC_OK ||
            !same_code(&x.code, &y.code) || x.name != y.name ||
            x.closeness != y.closeness || x.note != y.note)
            return 0;
    }
    return 1;
}

static int same_info(const sc_info *a, const sc_info *b)
{
    /* Everything is static data: the same pointers, the same numbers. */
    return same_code(&a->code, &b->code) && a->known == b->known &&
           a->lang == b->lang && a->untranslated == b->untranslated &&
           a->name == b->name && a->mnemonic == b->mnemonic &&
           a->gist == b->gist && a->class_code == b->class_code &&
           a->class_name == b->class_name &&
           a->subject_code == b->subject_code &&
           a->subject_name == b->subject_name &&
           a->description == b->description && a->when == b->when &&
           a->fix == b->fix && a->source == b->source &&
           a->origin == b->origin &&
           a->retry == b->retry && a->retry_advice == b->retry_advice &&
           a->retryable == b->retryable && a->actor == b->actor &&
           a->actor_text == b->actor_text && same_lists(a, b);
}

static void do_lookup(size_t i, found *f)
{
    const char *t = code_texts[i].text;
    f->n = sc_lookup(t, strlen(t), f->codes, MAXFOUND);
}

static void do_search(size_t i, found *f)
{
    f->n = sc_search(-1, queries[i], strlen(queries[i]), f->codes, MAXFOUND);
}

static int same_found(const found *a, const found *b)
{
    size_t i;
    if (a->n != b->n)
        return 0;
    for (i = 0; i < a->n && i < MAXFOUND; i++)
        if (!same_code(&a->codes[i], &b->codes[i]))
            return 0;
    return 1;
}

static void do_compare(size_t i, int lang, compared *c)
{
    c->rc = sc_compare(&ref_code[i], &ref_code[ref_partner[i]], lang, &c->c,
                       c->buf, sizeof c->buf);
}

static int same_compare(const compared *a, const compared *b)
{
    size_t i;
    if (a->rc != b->rc)
        return 0;
    if (a->rc != SC_OK)
        return 1;
    if (strcmp(a->c.title, b->c.title) != 0 ||
        strcmp(a->c.summary, b->c.summary) != 0 ||
        a->c.ndifferences != b->c.ndifferences ||
        a->c.nwhen_to_use != b->c.nwhen_to_use ||
        a->c.nlearn_more != b->c.nlearn_more ||
        !same_info(&a->c.a, &b->c.a) || !same_info(&a->c.b, &b->c.b))
        return 0;
    for (i = 0; i < a->c.ndifferences; i++)
        if (strcmp(a->c.differences[i], b->c.differences[i]) != 0)
            return 0;
    for (i = 0; i < a->c.nwhen_to_use; i++)
        if (strcmp(a->c.when_to_use[i], b->c.when_to_use[i]) != 0)
            return 0;
    for (i = 0; i < a->c.nlearn_more; i++)
        if (a->c.learn_more[i] != b->c.learn_more[i])
            return 0;
    return 1;
}

static size_t walk_log(void)
{
    char text[sizeof log_text + 1];
    sc_verdict v;
    size_t pos = 0, n = 0;
    while (sc_parse_next(log_text, log_len, &pos, text, sizeof text, &v) ==
           SC_OK)
        n++;
    return n;
}

typedef struct worker {
    size_t id;
    unsigned long calls, mismatches;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    parsed *p = malloc(sizeof *p);
    compared *c = malloc(sizeof *c);
    found f;
    int r;
    if (p == NULL || c == NULL) {
        w->mismatches++;
        free(p);
        free(c);
        return NULL;
    }
    for (r = 0; r < rounds; r++) {
        size_t k;
        for (k = 0; k < NREPLIES + NCODES * nlang; k++) {
            /* Each thread starts somewhere else, so calls overlap. */
            size_t j = (k + w->id * 7 + (size_t)r) % (NREPLIES + NCODES * nlang);
            if (j < NREPLIES) {
                do_parse(j, p);
                w->mismatches += !same_parse(p, &ref_parse[j]);
            } else {
                size_t ci = (j - NREPLIES) / nlang;
                int lang = (int)((j - NREPLIES) % nlang);
                sc_code code;
                sc_info info;
                char ct[SC_CODE_TEXT_MAX];
                const char *text = code_texts[ci].text;
                const char *want = code_texts[ci].formatted != NULL
                                       ? code_texts[ci].formatted
                                       : text;
                w->mismatches += sc_code_parse(ref_code[ci].protocol, text,
                                               strlen(text), &code) != SC_OK ||
                                 memcmp(&code, &ref_code[ci], sizeof code) != 0;
                w->mismatches += sc_code_format(&code, ct, sizeof ct) == 0 ||
                                 strcmp(ct, want) != 0;
                w->mismatches += sc_describe(&code, lang, &info) != SC_OK ||
                                 !same_info(&info, &ref_info[j - NREPLIES]);
                if (lang == 0) { /* once a code: search is the slow one */
                    do_lookup(ci, &f);
                    w->mismatches += !same_found(&f, &ref_lookup[ci]);
                    do_search(ci % NQUERIES, &f);
                    w->mismatches += !same_found(&f, &ref_search[ci % NQUERIES]);
                    w->calls += 2;
                }
                do_compare(ci, lang, c);
                w->mismatches += !same_compare(c, &ref_compare[j - NREPLIES]);
                w->mismatches += sc_lang_find(sc_lang_tag((size_t)lang),
                                              strlen(sc_lang_tag((size_t)lang))) !=
                                 lang;
                w->calls += 6;
            }
            w->calls++;
        }
        w->mismatches += walk_log() != ref_log_count;
    }
    free(p);
    free(c);
    return NULL;
}

static int setup(void **state)
{
    size_t i;
    int lang;
    const char *env = getenv("SC_THREAD_ROUNDS");
    (void)state;
    if (env != NULL && atoi(env) > 0)
        rounds = atoi(env);
    nlang = sc_lang_count();
    ref_info = calloc(NCODES * nlang, sizeof *ref_info);
    ref_compare = calloc(NCODES * nlang, sizeof *ref_compare);
    if (ref_info == NULL || ref_compare == NULL)
        return -1;
    for (i = 0; i < NREPLIES; i++)
        do_parse(i, &ref_parse[i]);
    for (i = 0; i < NCODES; i++) {
        const char *t = code_texts[i].text;
        int protocol = sc_protocol_find(code_texts[i].protocol,
                                        strlen(code_texts[i].protocol));
        if (protocol < 0 ||
            sc_code_parse(protocol, t, strlen(t), &ref_code[i]) != SC_OK)
            return -1;
        do_lookup(i, &ref_lookup[i]);
    }
    for (i = 0; i < NQUERIES; i++)
        do_search(i, &ref_search[i]);
    for (i = 0; i < NCODES; i++) {
        size_t k = (i + 1) % NCODES;
        while (ref_code[k].protocol != ref_code[i].protocol)
            k = (k + 1) % NCODES;
        ref_partner[i] = k;
    }
    for (i = 0; i < NCODES; i++) {
        for (lang = 0; lang < (int)nlang; lang++) {
            if (sc_describe(&ref_code[i], lang, &ref_info[i * nlang + (size_t)lang]) !=
                SC_OK)
                return -1;
            do_compare(i, lang, &ref_compare[i * nlang + (size_t)lang]);
        }
    }
    for (i = 0; i < NREPLIES; i++) {
        size_t n = strlen(replies[i]);
        if (log_len + n + 2 > sizeof log_text)
            break;
        memcpy(log_text + log_len, replies[i], n);
        log_len += n;
        log_text[log_len++] = '\n';
    }
    ref_log_count = walk_log();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(ref_info);
    free(ref_compare);
    return 0;
}

/* The references themselves are sane: the test compares real answers. */
static void test_references(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < NREPLIES; i++)
        assert_int_equal(ref_parse[i].rc, SC_OK);
    for (i = 0; i < NCODES * nlang; i++)
        assert_int_equal(ref_compare[i].rc, SC_OK);
    for (i = 0; i < NCODES; i++) {
        /* Every protocol is walked, and each code is compared with another
         * code of its own protocol. */
        assert_int_equal(ref_code[ref_partner[i]].protocol, ref_code[i].protocol);
        assert_true(ref_partner[i] != i);
        assert_true(ref_lookup[i].n <= sc_protocol_count());
    }
    assert_true(ref_code[0].protocol != ref_code[NCODES - 1].protocol);
    {
        /* Every protocol has codes here. */
        size_t p;
        for (p = 0; p < sc_protocol_count(); p++) {
            int seen = 0;
            for (i = 0; i < NCODES; i++)
                seen |= ref_code[i].protocol == (int)p;
            assert_true(seen);
        }
    }
    assert_int_equal(ref_lookup[4].n, 4); /* "421": SMTP, HTTP, FTP, SIP */
    assert_true(ref_search[0].n >= 1);     /* "too many requests" */
    assert_int_equal(ref_search[NQUERIES - 1].n, 0);
    /* Every reply but the one line that holds none. */
    assert_true(ref_log_count >= NREPLIES - 1);
}

static void test_threads_agree(void **state)
{
    pthread_t t[NTHREADS];
    worker w[NTHREADS];
    size_t i;
    unsigned long calls = 0, mismatches = 0;
    (void)state;
    for (i = 0; i < NTHREADS; i++) {
        w[i].id = i;
        w[i].calls = 0;
        w[i].mismatches = 0;
        assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (i = 0; i < NTHREADS; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        calls += w[i].calls;
        mismatches += w[i].mismatches;
    }
    print_message("%d threads, %lu calls, %lu mismatches\n", NTHREADS, calls,
                  mismatches);
    assert_int_equal(mismatches, 0);
    assert_true(calls > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_threads_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
