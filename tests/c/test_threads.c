/*
 * test_threads.c — the core is reentrant: threads calling every function at
 * once get exactly the answers one thread gets alone.
 *
 * Each thread walks the same inputs from a different starting point (so
 * different calls overlap), each with its own output structs and buffers,
 * and compares every result with a reference computed before the threads
 * start. Built with -DSC_TSAN=ON, ThreadSanitizer reports any data race in
 * the core (there is no mutable global state, so there must be none).
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

static const char *const code_texts[] = {
    "535", "250", "299", "550", "421", "5.7.8", "5.1.1", "4.7.0", "2.0.0",
    "5.999.999", "4.2.2", "554",
};
#define NCODES (sizeof code_texts / sizeof code_texts[0])

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

static int same_info(const sc_info *a, const sc_info *b)
{
    /* Everything is static data: the same pointers, the same numbers. */
    return a->protocol == b->protocol && a->code.kind == b->code.kind &&
           a->code.value == b->code.value &&
           a->code.subject == b->code.subject &&
           a->code.detail == b->code.detail && a->known == b->known &&
           a->lang == b->lang && a->untranslated == b->untranslated &&
           a->name == b->name && a->class_code == b->class_code &&
           a->class_name == b->class_name &&
           a->subject_code == b->subject_code &&
           a->subject_name == b->subject_name &&
           a->description == b->description && a->when == b->when &&
           a->fix == b->fix && a->source == b->source &&
           a->retry == b->retry && a->retry_advice == b->retry_advice &&
           a->retryable == b->retryable && a->actor == b->actor &&
           a->actor_text == b->actor_text && a->commands == b->commands &&
           a->ncommands == b->ncommands && a->references == b->references &&
           a->nreferences == b->nreferences && a->related == b->related &&
           a->nrelated == b->nrelated && a->variants == b->variants &&
           a->nvariants == b->nvariants && a->basic == b->basic &&
           a->nbasic == b->nbasic;
}

static void do_compare(size_t i, int lang, compared *c)
{
    c->rc = sc_compare(0, &ref_code[i], &ref_code[(i + 1) % NCODES], lang,
                       &c->c, c->buf, sizeof c->buf);
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
                w->mismatches += sc_code_parse(0, code_texts[ci],
                                               strlen(code_texts[ci]),
                                               &code) != SC_OK ||
                                 memcmp(&code, &ref_code[ci], sizeof code) != 0;
                w->mismatches += sc_code_format(&code, ct, sizeof ct) == 0 ||
                                 strcmp(ct, code_texts[ci]) != 0;
                w->mismatches += sc_describe(0, &code, lang, &info) != SC_OK ||
                                 !same_info(&info, &ref_info[j - NREPLIES]);
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
    for (i = 0; i < NCODES; i++)
        if (sc_code_parse(0, code_texts[i], strlen(code_texts[i]),
                          &ref_code[i]) != SC_OK)
            return -1;
    for (i = 0; i < NCODES; i++) {
        for (lang = 0; lang < (int)nlang; lang++) {
            if (sc_describe(0, &ref_code[i], lang, &ref_info[i * nlang + (size_t)lang]) !=
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
    assert_true(ref_log_count >= NREPLIES);
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
