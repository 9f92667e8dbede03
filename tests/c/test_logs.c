/*
 * test_logs.c — mail log lines and their summary (statuscodes.h, "Mail
 * logs"): each format's fields, the verdict of a line, the summary's counts
 * against a count line by line, the cells by hour and reason, chunks and
 * merges against the whole, and bad input (NUL bytes, binary garbage, a
 * 100 MB line, a line cut in the middle) as counted skips.
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

#define S(x) (x), strlen(x)

static const char *const LOG[] = {
    "Dec  1 12:00:01 mail1 postfix/smtp[2211]: 4Tq9Lm2FkPz3: to=<kim.lee@example.org>, relay=mx1.example.org[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx1.example.org[192.0.2.10] said: 550 5.1.1 <kim.lee@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))",
    "Dec  1 12:00:02 mail1 postfix/smtp[2212]: 4Tq9Lm2FkPz4: to=<ops@nowhere.example>, relay=none, delay=0.5, delays=0.1/0/0.4/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=nowhere.example type=MX: Host not found)",
    "2026-12-01T12:00:03.123456+00:00 mail1 postfix/smtp[2213]: 4Tq9Lm2FkPz5: to=<a@mail.example.co.uk>, relay=mx.mail.example.co.uk[198.51.100.7]:25, delay=2, delays=0/0/1/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9AB12)",
    "Dec  1 12:00:04 mail1 postfix/smtpd[3001]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 554 5.7.1 <x@elsewhere.example>: Relay access denied; from=<spam@bad.example> to=<x@elsewhere.example> proto=ESMTP helo=<bad.example>",
    "Dec  1 12:00:05 mail1 postfix/qmgr[900]: 4Tq9Lm2FkPz3: from=<news@example.com>, size=2301, nrcpt=1 (queue active)",
    "Dec  1 12:00:06 mail1 postfix/qmgr[900]: 4Tq9Lm2FkPz6: from=<news@example.com>, status=expired, returned to sender",
    "Dec  1 12:00:06 mail1 postfix/pickup[901]: 4Tq9Lm2FkPz8: uid=1000 from=<app>",
    "Dec  1 12:00:06 mail1 postfix/cleanup[902]: 4Tq9Lm2FkPz8: message-id=<20261201120006.1@mail1.example>",
    "Dec  1 12:00:06 mail1 postfix/bounce[903]: 4Tq9Lm2FkPz3: sender non-delivery notification: 4Tq9Lm2FkPz9",
    "2026-12-01 12:00:08 1rABCd-000123-Ab ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown",
    "2026-12-01 12:00:09 1rABCe-000124-Ac == carol@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.20]: SMTP error from remote mail server after RCPT TO:<carol@example.net>: 451 4.7.1 Greylisted, please try again in 300 seconds",
    "2026-12-01 12:00:10 1rABCf-000125-Ad => dave@example.org R=dnslookup T=remote_smtp H=mx1.example.org [192.0.2.10] X=TLS1.3 CV=yes C=\"250 2.0.0 OK 1701432010 id\"",
    "2026-12-01 12:00:11 1rABCg-000126-Ae <= sender@example.com H=client.example.com [198.51.100.3] P=esmtps S=2311",
    "Dec  1 12:00:13 relay2 sm-mta[4412]: 4B1C0a1b012345: to=<erin@example.com>, ctladdr=<app@relay2.example> (1000/1000), delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=120386, relay=mx.example.com. [192.0.2.1], dsn=5.1.1, stat=User unknown",
    "Dec  1 12:00:14 relay2 sm-mta[4413]: 4B1C0a1b012346: to=<frank@example.net>, delay=00:00:05, mailer=esmtp, pri=120386, relay=mx.example.net. [192.0.2.20], dsn=4.0.0, stat=Deferred: 421 4.7.0 Try again later",
    "Dec  1 12:00:15 relay2 sm-mta[4414]: 4B1C0a1b012347: to=<gina@example.org>, delay=00:00:01, mailer=esmtp, pri=120386, relay=mx1.example.org. [192.0.2.10], dsn=2.0.0, stat=Sent (Ok: queued as 7788)",
    "Dec  1 12:00:16 relay2 sm-mta[4415]: 4B1C0a1b012348: ruleset=check_rcpt, arg1=<h@elsewhere.example>, relay=client.example [203.0.113.5], reject=550 5.7.1 <h@elsewhere.example>... Relaying denied",
    "550 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org",
    "hello world",
    "",
    "Dec  1 12:00:17 mail1 postfix/smtp[2215]: 4Tq9Lm2FkPzA: to=<kim.lee@example.org>, relay=mx1.example.org[192.0.2.10]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1)",
};
#define NLOG (sizeof LOG / sizeof LOG[0])

static int eq(const char *line, sc_span sp, const char *want)
{
    return sp.len == strlen(want) && memcmp(line + sp.off, want, sp.len) == 0;
}

static sc_verdict verdict_of(const char *line, sc_logline *ll, char *text)
{
    sc_verdict v;
    memset(&v, 0, sizeof v);
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, S(line), ll), SC_OK);
    assert_int_equal(sc_logline_verdict(S(line), ll, text, 4096, &v), SC_OK);
    return v;
}

static void test_postfix(void **state)
{
    char text[4096];
    sc_logline ll;
    sc_verdict v;
    (void)state;
    v = verdict_of(LOG[0], &ll, text);
    assert_int_equal(ll.format, SC_LOG_POSTFIX);
    assert_int_equal(ll.mta_status, SC_MTA_BOUNCED);
    assert_true(eq(LOG[0], ll.time, "Dec  1 12:00:01"));
    assert_true(eq(LOG[0], ll.host, "mail1"));
    assert_true(eq(LOG[0], ll.program, "postfix/smtp"));
    assert_true(eq(LOG[0], ll.queue_id, "4Tq9Lm2FkPz3"));
    assert_true(eq(LOG[0], ll.recipient, "kim.lee@example.org"));
    assert_true(eq(LOG[0], ll.relay, "mx1.example.org"));
    assert_true(eq(LOG[0], ll.dsn, "5.1.1"));
    assert_true(eq(LOG[0], ll.status, "bounced"));
    assert_string_equal(sc_reason_name(v.reason), "user_unknown");
    assert_int_equal(v.action, SC_ACTION_SUPPRESS);
    assert_true(v.end <= strlen(LOG[0]) && v.start >= ll.reply.off);
    /* no reply text with a code: the dsn decides */
    v = verdict_of(LOG[1], &ll, text);
    assert_int_equal(ll.relay.len, 0);
    assert_string_equal(sc_reason_name(v.reason), "domain_not_found");
    assert_int_equal(v.action, SC_ACTION_SUPPRESS);
    assert_string_equal(v.text, "Host or domain name not found. Name service "
                                "error for name=nowhere.example type=MX: Host not found");
    v = verdict_of(LOG[2], &ll, text);
    assert_true(eq(LOG[2], ll.time, "2026-12-01T12:00:03.123456+00:00"));
    assert_int_equal(ll.mta_status, SC_MTA_SENT);
    assert_int_equal(v.action, SC_ACTION_NONE);
    v = verdict_of(LOG[3], &ll, text);
    assert_int_equal(ll.mta_status, SC_MTA_REJECT);
    assert_int_equal(ll.queue_id.len, 0);
    assert_true(eq(LOG[3], ll.recipient, "x@elsewhere.example"));
    assert_true(eq(LOG[3], ll.client, "unknown"));
    assert_true(eq(LOG[3], ll.reply, "554 5.7.1 <x@elsewhere.example>: Relay access denied"));
    assert_string_equal(sc_reason_name(v.reason), "relay_denied");
    /* qmgr, pickup, cleanup, bounce: no reply */
    for (size_t i = 4; i <= 8; i++) {
        assert_int_equal(sc_logline_read(SC_LOG_AUTO, S(LOG[i]), &ll), SC_OK);
        assert_int_equal(ll.format, SC_LOG_POSTFIX);
        assert_int_equal(ll.has_reply, 0);
        assert_int_equal(sc_logline_verdict(S(LOG[i]), &ll, text, 4096, &v), SC_EEMPTY);
    }
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, S(LOG[5]), &ll), SC_OK);
    assert_int_equal(ll.mta_status, SC_MTA_EXPIRED);
}

static void test_exim(void **state)
{
    char text[4096];
    sc_logline ll;
    sc_verdict v;
    (void)state;
    v = verdict_of(LOG[9], &ll, text);
    assert_int_equal(ll.format, SC_LOG_EXIM);
    assert_int_equal(ll.mta_status, SC_MTA_BOUNCED);
    assert_true(eq(LOG[9], ll.time, "2026-12-01 12:00:08"));
    assert_true(eq(LOG[9], ll.queue_id, "1rABCd-000123-Ab"));
    assert_true(eq(LOG[9], ll.recipient, "bob@example.com"));
    assert_true(eq(LOG[9], ll.relay, "mx.example.com"));
    assert_int_equal(v.action, SC_ACTION_SUPPRESS);
    v = verdict_of(LOG[10], &ll, text);
    assert_int_equal(ll.mta_status, SC_MTA_DEFERRED);
    assert_string_equal(sc_reason_name(v.reason), "greylisted");
    v = verdict_of(LOG[11], &ll, text);
    assert_int_equal(ll.mta_status, SC_MTA_SENT);
    assert_true(eq(LOG[11], ll.reply, "250 2.0.0 OK 1701432010 id"));
    assert_int_equal(v.action, SC_ACTION_NONE);
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, S(LOG[12]), &ll), SC_OK);
    assert_int_equal(ll.has_reply, 0);
    /* a bounce with no code is permanent all the same */
    v = verdict_of("2026-12-01 12:00:12 1rABCh-000127-Af ** nobody@nowhere.example: Unrouteable address", &ll, text);
    assert_int_equal(v.permanent, 1);
    assert_int_equal(v.action, SC_ACTION_SUPPRESS);
    v = verdict_of("2026-12-01 12:00:12 H=(helo.example) [203.0.113.8] F=<s@bad.example> rejected RCPT <ivy@example.com>: 550 5.7.1 blocked using zen.spamhaus.org", &ll, text);
    assert_int_equal(ll.mta_status, SC_MTA_REJECT);
    assert_string_equal(sc_reason_name(v.reason), "blocked");
}

static void test_sendmail(void **state)
{
    char text[4096];
    sc_logline ll;
    sc_verdict v;
    (void)state;
    v = verdict_of(LOG[13], &ll, text);
    assert_int_equal(ll.format, SC_LOG_SENDMAIL);
    assert_int_equal(ll.mta_status, SC_MTA_BOUNCED);
    assert_true(eq(LOG[13], ll.program, "sm-mta"));
    assert_true(eq(LOG[13], ll.recipient, "erin@example.com"));
    assert_true(eq(LOG[13], ll.relay, "mx.example.com"));
    assert_true(eq(LOG[13], ll.dsn, "5.1.1"));
    assert_string_equal(v.text, "User unknown");
    assert_int_equal(v.action, SC_ACTION_SUPPRESS);
    v = verdict_of(LOG[14], &ll, text);
    assert_int_equal(ll.mta_status, SC_MTA_DEFERRED);
    assert_int_equal(v.action, SC_ACTION_RETRY);
    v = verdict_of(LOG[15], &ll, text);
    assert_int_equal(ll.mta_status, SC_MTA_SENT);
    assert_int_equal(v.action, SC_ACTION_NONE);
    v = verdict_of(LOG[16], &ll, text);
    assert_int_equal(ll.mta_status, SC_MTA_REJECT);
    assert_true(eq(LOG[16], ll.recipient, "h@elsewhere.example"));
    assert_string_equal(sc_reason_name(v.reason), "relay_denied");
}

static void test_reply_and_bad(void **state)
{
    char text[4096];
    sc_logline ll;
    sc_verdict v;
    static const char nul[] = "550 5.1.1 a\0b";
    (void)state;
    v = verdict_of(LOG[17], &ll, text);
    assert_int_equal(ll.format, SC_LOG_REPLY);
    assert_string_equal(sc_reason_name(v.reason), "blocked");
    assert_int_equal(sc_logline_read(SC_LOG_REPLY, S(LOG[0]), &ll), SC_OK);
    assert_int_equal(ll.reply.len, strlen(LOG[0]));
    /* Exim lines are not Postfix lines */
    assert_int_equal(sc_logline_read(SC_LOG_POSTFIX, S(LOG[9]), &ll), SC_OK);
    assert_int_equal(ll.has_reply, 0);
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, S("  \r\n"), &ll), SC_EEMPTY);
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, nul, sizeof nul - 1, &ll), SC_EMALFORMED);
    assert_int_equal(ll.damage, SC_LOGLINE_BINARY);
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, S("Dec  1 12:00:07 mail1 postfix/smtp[2214]: 4Tq9Lm2FkPz7: to=<b@example.net>, relay=mx.example.net[192.0.2.20]:25, dsn=4.2.2, status=deferred (host mx.example.net[192.0.2.20] said: 452 4.2.2 Mailb"), &ll), SC_EMALFORMED);
    assert_int_equal(ll.damage, SC_LOGLINE_CUT);
    assert_int_equal(ll.has_reply, 0);
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, NULL, 0, &ll), SC_EEMPTY);
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, NULL, 1, &ll), SC_EINVAL);
    assert_int_equal(sc_logline_read(-1, S("x"), &ll), SC_EINVAL);
    assert_int_equal(sc_logline_read(SC_LOG_AUTO, S("x"), NULL), SC_EINVAL);
    assert_int_equal(sc_logline_verdict(S("x"), NULL, text, 4096, &v), SC_EINVAL);
    assert_null(sc_log_format_name(SC_LOG_FORMAT_COUNT));
    assert_null(sc_mta_status_name(-1));
    assert_string_equal(sc_mta_status_name(SC_MTA_BOUNCED), "bounced");
}

/* The log of LOG[] as one buffer. */
static char *joined(size_t *len)
{
    size_t n = 0, i;
    char *b;
    for (i = 0; i < NLOG; i++)
        n += strlen(LOG[i]) + 1;
    b = malloc(n + 1);
    assert_non_null(b);
    for (n = 0, i = 0; i < NLOG; i++) {
        memcpy(b + n, LOG[i], strlen(LOG[i]));
        n += strlen(LOG[i]);
        b[n++] = '\n';
    }
    *len = n;
    return b;
}

static void test_summary_counts(void **state)
{
    size_t len, i, verdicts = 0;
    unsigned long long action[SC_ACTION_COUNT] = {0};
    char *log = joined(&len), text[4096];
    sc_summary *s = malloc(sizeof *s);
    (void)state;
    assert_non_null(s);
    assert_int_equal(sc_summary_init(s, SC_LOG_AUTO), SC_OK);
    assert_int_equal(sc_summary_feed(s, log, len, 1), len);
    /* the naive count: each line alone */
    for (i = 0; i < NLOG; i++) {
        sc_logline ll;
        sc_verdict v;
        if (sc_logline_read(SC_LOG_AUTO, S(LOG[i]), &ll) == SC_OK &&
            sc_logline_verdict(S(LOG[i]), &ll, text, sizeof text, &v) == SC_OK &&
            !v.no_reply) {
            verdicts++;
            action[v.action]++;
        }
    }
    assert_int_equal(s->lines, NLOG);
    assert_int_equal(s->verdicts, verdicts);
    assert_int_equal(s->skipped_blank, 1);
    for (i = 0; i < SC_ACTION_COUNT; i++)
        assert_int_equal(s->action[i], action[i]);
    assert_int_equal(s->verdicts + s->skipped_noreply + s->skipped_blank, s->lines);
    /* kim.lee bounced, then was delivered to: not suppressed any more */
    for (i = 0; i < s->nrecipients; i++)
        if (strcmp(s->recipients[i].addr, "kim.lee@example.org") == 0)
            assert_int_equal(s->recipients[i].action, SC_ACTION_NONE);
    assert_true(s->nrecipients >= 3);
    assert_string_equal(s->domains.keys[0].key, "example.org");
    assert_int_equal(s->domains.keys[0].count, 4);
    for (i = 0; i < s->relays.used; i++)
        assert_true(strcmp(s->relays.keys[i].key, "example.co.uk") == 0 ||
                    strcmp(s->relays.keys[i].key, "example.org") == 0 ||
                    strcmp(s->relays.keys[i].key, "example.com") == 0 ||
                    strcmp(s->relays.keys[i].key, "example.net") == 0);
    assert_true(s->examples[sc_reason_count() - 1][0].count == 0 ||
                s->examples[sc_reason_count() - 1][0].text[0] != '\0');
    /* Every reason's kept texts, commonest first, each slot once. */
    for (i = 0; i < sc_reason_count(); i++) {
        size_t order[SC_SUMMARY_SLOTS], n, j, kept = 0;
        n = sc_summary_examples(s, i, order);
        for (j = 0; j < SC_SUMMARY_SLOTS; j++)
            kept += s->examples[i][j].count != 0;
        assert_int_equal(n, kept);
        for (j = 1; j < n; j++) { /* equal counts: by text */
            const sc_summary_example *x = &s->examples[i][order[j - 1]],
                                     *y = &s->examples[i][order[j]];
            assert_true(x->count > y->count ||
                        (x->count == y->count && strcmp(x->text, y->text) < 0));
        }
    }
    assert_int_equal(sc_summary_examples(NULL, 0, NULL), 0);
    assert_int_equal(sc_summary_examples(s, SC_SUMMARY_REASONS, NULL), 0);
    free(s);
    free(log);
}

/* `rcpt` 0: leave the recipients out (see the merge's limit). */
static int same_summary(const sc_summary *a, const sc_summary *b, int rcpt)
{
    size_t i;
    if (a->lines != b->lines || a->bytes != b->bytes || a->verdicts != b->verdicts ||
        memcmp(a->action, b->action, sizeof a->action) != 0 ||
        memcmp(a->reason, b->reason, sizeof a->reason) != 0 ||
        memcmp(a->mta_status, b->mta_status, sizeof a->mta_status) != 0 ||
        a->domains.used != b->domains.used || a->relays.used != b->relays.used ||
        (rcpt && a->nrecipients != b->nrecipients) ||
        a->times.used != b->times.used || a->times.other != b->times.other ||
        a->times.untimed != b->times.untimed ||
        memcmp(a->times.cells, b->times.cells,
               a->times.used * sizeof a->times.cells[0]) != 0)
        return 0;
    for (i = 0; i < a->domains.used; i++)
        if (strcmp(a->domains.keys[i].key, b->domains.keys[i].key) != 0 ||
            a->domains.keys[i].count != b->domains.keys[i].count)
            return 0;
    for (i = 0; rcpt && i < a->nrecipients; i++)
        if (strcmp(a->recipients[i].addr, b->recipients[i].addr) != 0 ||
            a->recipients[i].action != b->recipients[i].action)
            return 0;
    return memcmp(a->examples, b->examples, sizeof a->examples) == 0;
}

static void test_summary_chunks_merge(void **state)
{
    size_t len, cut, used;
    char *log = joined(&len);
    sc_summary *whole = malloc(sizeof *whole), *a = malloc(sizeof *a),
               *b = malloc(sizeof *b);
    (void)state;
    assert_true(whole && a && b);
    sc_summary_init(whole, SC_LOG_AUTO);
    sc_summary_feed(whole, log, len, 1);
    for (cut = 0; cut <= len; cut += 7) {
        /* chunks */
        sc_summary_init(a, SC_LOG_AUTO);
        used = sc_summary_feed(a, log, cut, 0);
        assert_true(used <= cut);
        assert_int_equal(sc_summary_feed(a, log + used, len - used, 1), len - used);
        assert_true(same_summary(whole, a, 1));
        /* parts at a line's end, merged */
        if (cut == 0 || log[cut - 1] == '\n' || cut == len) {
            sc_summary_init(a, SC_LOG_AUTO);
            sc_summary_init(b, SC_LOG_AUTO);
            sc_summary_feed(a, log, cut, 1);
            sc_summary_feed(b, log + cut, len - cut, 1);
            assert_int_equal(sc_summary_merge(a, b), SC_OK);
            assert_true(same_summary(whole, a, 0));
            /* The documented limit: kim.lee, suppressed in the first part
             * and only delivered to in the second, stays suppressed; every
             * other recipient is as in the whole. */
            for (size_t i = 0; i < a->nrecipients; i++) {
                int k = strcmp(a->recipients[i].addr, "kim.lee@example.org") == 0;
                assert_int_equal(a->recipients[i].action,
                                 k && cut > 0 && cut < len ? SC_ACTION_SUPPRESS
                                 : k ? SC_ACTION_NONE : SC_ACTION_SUPPRESS);
            }
        }
    }
    assert_int_equal(sc_summary_merge(a, a), SC_EINVAL);
    assert_int_equal(sc_summary_merge(NULL, a), SC_EINVAL);
    free(whole);
    free(a);
    free(b);
    free(log);
}

static void test_summary_bad_input(void **state)
{
    sc_summary *s = malloc(sizeof *s);
    /* 100 MB; 16 MB under valgrind (SC_VALGRIND) */
    size_t big = (getenv("SC_VALGRIND") ? 16u : 100u) << 20, i, used;
    char *buf = malloc(big + 64);
    static const char tail[] = "\n550 5.1.1 User unknown\n";
    (void)state;
    assert_true(s && buf);
    /* a 100 MB line, then a reply: one counted skip, one verdict */
    memset(buf, 'x', big);
    memcpy(buf + big, tail, sizeof tail - 1);
    sc_summary_init(s, SC_LOG_AUTO);
    assert_int_equal(sc_summary_feed(s, buf, big + sizeof tail - 1, 1), big + sizeof tail - 1);
    assert_int_equal(s->skipped_long, 1);
    assert_int_equal(s->verdicts, 1);
    /* the same in 1 MB chunks, as a reader of a file gives them */
    sc_summary_init(s, SC_LOG_AUTO);
    for (i = 0; i < big + sizeof tail - 1; i += used) {
        size_t n = big + sizeof tail - 1 - i;
        int final = n <= (1u << 20);
        used = sc_summary_feed(s, buf + i, final ? n : (1u << 20), final);
        if (used == 0 && !final) /* a line longer than the chunk: re-read */
            used = 1u << 20;
    }
    assert_int_equal(s->skipped_long, 1);
    assert_int_equal(s->verdicts, 1);
    /* binary garbage and NUL bytes */
    for (i = 0; i < (1u << 20); i++)
        buf[i] = (char)((i * 2654435761u) >> 13);
    sc_summary_init(s, SC_LOG_AUTO);
    assert_int_equal(sc_summary_feed(s, buf, 1u << 20, 1), 1u << 20);
    assert_true(s->skipped_binary > 0);
    assert_int_equal(s->verdicts + s->skipped_blank + s->skipped_noreply + s->skipped_cut +
                         s->skipped_binary + s->skipped_long,
                     s->lines);
    /* a line cut in the middle at the end of the input */
    sc_summary_init(s, SC_LOG_AUTO);
    sc_summary_feed(s, S(LOG[0]), 1);
    assert_int_equal(s->unterminated, 1);
    assert_int_equal(s->verdicts, 1);
    sc_summary_init(s, SC_LOG_AUTO);
    sc_summary_feed(s, LOG[0], strlen(LOG[0]) - 40, 1);
    assert_int_equal(s->skipped_cut, 1);
    assert_int_equal(s->verdicts, 0);
    assert_int_equal(sc_summary_feed(NULL, "x", 1, 1), 0);
    assert_int_equal(sc_summary_feed(s, NULL, 1, 1), 0);
    assert_int_equal(sc_summary_init(s, 99), SC_EINVAL);
    free(buf);
    free(s);
}

static void test_summary_bounds(void **state)
{
    sc_summary *s = malloc(sizeof *s);
    char line[256];
    size_t i;
    (void)state;
    assert_non_null(s);
    sc_summary_init(s, SC_LOG_AUTO);
    for (i = 0; i < SC_SUMMARY_RECIPIENTS + 100; i++) {
        int n = snprintf(line, sizeof line,
                         "Dec  1 12:00:01 m postfix/smtp[1]: Q%zu: to=<u%zu@d%zu.example>, relay=mx.d%zu.example[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n",
                         i, i, i, i);
        assert_int_equal(sc_summary_feed(s, line, (size_t)n, 0), (size_t)n);
    }
    assert_int_equal(s->domains.used, SC_SUMMARY_KEYS);
    assert_int_equal(s->domains.other, SC_SUMMARY_RECIPIENTS + 100 - SC_SUMMARY_KEYS);
    assert_int_equal(s->nrecipients, SC_SUMMARY_RECIPIENTS);
    assert_int_equal(s->suppress_dropped, 100);
    free(s);
}

/* The cell of (year, month, day, hour, reason name) in `s`; NULL if none. */
static const sc_summary_cell *cell(const sc_summary *s, int y, int mo, int d,
                                   int h, const char *reason)
{
    size_t i;
    for (i = 0; i < s->times.used; i++) {
        const sc_summary_cell *c = &s->times.cells[i];
        if (c->year == y && c->month == mo && c->day == d && c->hour == h &&
            strcmp(sc_reason_name(c->reason), reason) == 0)
            return c;
    }
    return NULL;
}

#define BOUNCE(t) t " m postfix/smtp[1]: Q1: to=<a@x.example>, relay=mx.x.example[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n"

static void test_summary_times(void **state)
{
    static const char log[] =
        BOUNCE("Dec  2 02:13:11")
        BOUNCE("2026-12-02T02:59:59.5+01:00")
        BOUNCE("2026-12-02T02:00:00Z")
        "2026-12-02 03:00:00 1rABCd-000123-Ab ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 451 4.7.1 Greylisted, try again in 300 seconds\n"
        BOUNCE("Dec 12 23:00:00")
        BOUNCE("Feb 29 10:00:00")    /* no year: may be a leap year's */
        BOUNCE("2028-02-29T10:00:00Z")
        BOUNCE("2027-02-29T10:00:00Z") /* no such day: untimed */
        BOUNCE("Dec 32 10:00:00")
        BOUNCE("Foo  1 10:00:00")
        BOUNCE("2026-13-01T10:00:00Z")
        BOUNCE("0000-12-01T10:00:00Z")
        BOUNCE("2026-12-01T24:00:00Z")
        "550 5.1.1 User unknown\n"         /* one reply per line: no time */
        "Dec  2 02:14:00 m postfix/qmgr[9]: Q1: removed\n"; /* not judged */
    sc_summary *s = malloc(sizeof *s), *b = malloc(sizeof *b);
    unsigned long long total = 0;
    size_t i;
    char line[256];
    (void)state;
    assert_true(s && b);
    sc_summary_init(s, SC_LOG_AUTO);
    sc_summary_feed(s, log, sizeof log - 1, 1);
    assert_int_equal(s->verdicts, 14);
    assert_int_equal(cell(s, 0, 12, 2, 2, "user_unknown")->count, 1);
    assert_int_equal(cell(s, 2026, 12, 2, 2, "user_unknown")->count, 2);
    assert_int_equal(cell(s, 2026, 12, 2, 3, "greylisted")->count, 1);
    assert_int_equal(cell(s, 0, 12, 12, 23, "user_unknown")->count, 1);
    assert_int_equal(cell(s, 0, 2, 29, 10, "user_unknown")->count, 1);
    assert_int_equal(cell(s, 2028, 2, 29, 10, "user_unknown")->count, 1);
    assert_int_equal(s->times.used, 6);
    assert_int_equal(s->times.untimed, 7);
    assert_int_equal(s->times.other, 0);
    /* first-seen order */
    assert_int_equal(s->times.cells[0].year, 0);
    assert_int_equal(s->times.cells[1].year, 2026);
    for (i = 0; i < s->times.used; i++)
        total += s->times.cells[i].count;
    assert_int_equal(total + s->times.untimed, s->verdicts);
    /* the bound: hours past SC_SUMMARY_CELLS count in `other`, and a merge
     * adds both parts' cells and overflows */
    sc_summary_init(s, SC_LOG_AUTO);
    for (i = 0; i < SC_SUMMARY_CELLS + 10; i++) {
        int n = snprintf(line, sizeof line, BOUNCE("%04zu-01-01T%02zu:00:00Z"),
                         1000 + i / 24, i % 24);
        assert_int_equal(sc_summary_feed(s, line, (size_t)n, 0), (size_t)n);
    }
    assert_int_equal(s->times.used, SC_SUMMARY_CELLS);
    assert_int_equal(s->times.other, 10);
    sc_summary_init(b, SC_LOG_AUTO);
    sc_summary_feed(b, S(BOUNCE("Jan  1 00:00:00")), 1);  /* a new cell */
    sc_summary_feed(b, S(BOUNCE("1000-01-01T00:00:00Z")), 1); /* a kept one */
    assert_int_equal(sc_summary_merge(s, b), SC_OK);
    assert_int_equal(s->times.used, SC_SUMMARY_CELLS);
    assert_int_equal(s->times.other, 11);
    assert_int_equal(s->times.cells[0].count, 2);
    free(s);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_postfix),
        cmocka_unit_test(test_exim),
        cmocka_unit_test(test_sendmail),
        cmocka_unit_test(test_reply_and_bad),
        cmocka_unit_test(test_summary_counts),
        cmocka_unit_test(test_summary_chunks_merge),
        cmocka_unit_test(test_summary_bad_input),
        cmocka_unit_test(test_summary_bounds),
        cmocka_unit_test(test_summary_times),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
