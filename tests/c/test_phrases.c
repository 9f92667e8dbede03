/*
 * test_phrases.c — the phrase scan against a naive search.
 *
 * sc__match_phrases (core/src/kb.c) runs the generated Aho-Corasick automaton
 * (compressed: see compress_automaton() in core/tools/gen_kb.py) over four
 * segments of a text at once and repairs the segments whose guessed
 * start state was wrong. Here every result is checked against the plainest
 * possible search: every phrase at every position, ASCII case ignored, word
 * boundaries checked, matches inside addresses and names dropped
 * (sc__in_name), the best match chosen by priority, then the earliest
 * start, then the latest end, then the lowest phrase index. Texts are built from pieces of real
 * phrases, case changes, word and non-word bytes, and bytes of every value,
 * at every length around the points where the scan changes its plan.
 *
 * This suite includes the private header kb.h: it tests an internal function
 * of the static library.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kb.h"
#include "statuscodes.h"

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static void naive(const char *text, size_t len, int *best, int *hint)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t start = 0, end = 0, retry_hint = sc_reason_count(), first;
    int id, prio = -1;
    const sc__phrase *p;

    *best = -1;
    *hint = 0;
    for (id = 0; (p = sc__phrase_at(id)) != NULL; id++) {
        const char *pt = sc__str(p->text);
        for (first = 0; first + p->len <= len; first++) {
            size_t i, last = first + p->len - 1;
            for (i = 0; i < p->len; i++) {
                if (fold(s[first + i]) != (unsigned char)pt[i])
                    break;
            }
            if (i < p->len)
                continue;
            if ((p->flags & 1) && first > 0 && word_byte(s[first - 1]))
                continue;
            if ((p->flags & 2) && last + 1 < len && word_byte(s[last + 1]))
                continue;
            if (sc__in_name(text, len, first, last,
                            (p->flags & 4) != 0))
                continue;
            if (p->reason == retry_hint) {
                *hint = 1;
            } else if (p->prio > prio ||
                       (p->prio == prio &&
                        (first < start ||
                         (first == start &&
                          (last > end || (last == end && id < *best)))))) {
                prio = p->prio;
                start = first;
                end = last;
                *best = id;
            }
        }
    }
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static size_t phrase_count(void)
{
    size_t n = 0;
    while (sc__phrase_at((int)n) != NULL)
        n++;
    return n;
}

/* A text of about `target` bytes (at most `size`). */
static size_t make_text(char *t, size_t size, size_t target, size_t nphrases)
{
    static const char bytes[] = "abcdefghijklmnopqrstuvwxyzABC .-':;<>@0123";
    size_t len = 0;
    while (len < target) {
        switch (next() % 5) {
        case 0:
        case 1: {
            const sc__phrase *p = sc__phrase_at((int)(next() % nphrases));
            size_t n = p->len, i;
            if (next() % 3 == 0)
                n = (size_t)(next() % (p->len + 1)); /* a prefix */
            if (n > size - len)
                n = size - len;
            for (i = 0; i < n; i++) {
                char c = sc__str(p->text)[i];
                if (next() % 4 == 0 && c >= 'a' && c <= 'z')
                    c = (char)(c - 32);
                t[len + i] = c;
            }
            len += n;
            break;
        }
        case 2:
            t[len++] = ' ';
            break;
        case 3:
            t[len++] = bytes[next() % (sizeof bytes - 1)];
            break;
        default:
            t[len++] = (char)(next() % 256);
            break;
        }
        if (len >= size)
            break;
    }
    return len;
}

static void check(const char *t, size_t len)
{
    int best, hint, want_best, want_hint;
    sc__match_phrases(t, len, &best, &hint);
    naive(t, len, &want_best, &want_hint);
    if (best != want_best || hint != want_hint)
        fail_msg("text of %zu bytes \"%.*s\": best %d, hint %d; the naive "
                 "search says %d, %d", len, (int)(len < 200 ? len : 200), t,
                 best, hint, want_best, want_hint);
}

/* The table the naive search reads: phrases of lower-case bytes (the scan
 * folds the text's ASCII case only), each as long as it says; an id out of
 * range is NULL. */
static void test_phrase_table(void **state)
{
    size_t n = phrase_count(), id, i;
    (void)state;
    assert_true(n > 0);
    for (id = 0; id < n; id++) {
        const sc__phrase *p = sc__phrase_at((int)id);
        const char *t = sc__str(p->text);
        assert_true(p->len > 0);
        assert_int_equal(strlen(t), p->len);
        for (i = 0; i < p->len; i++)
            assert_false(t[i] >= 'A' && t[i] <= 'Z');
        assert_true(p->reason < sc_reason_count() + 1);
    }
    assert_null(sc__phrase_at(-1));
    assert_null(sc__phrase_at((int)n));
}

static void test_random_texts(void **state)
{
    char t[400];
    size_t nphrases = phrase_count(), n;
    int round;
    (void)state;
    assert_true(nphrases > 0);
    for (round = 0; round < 3000; round++) {
        n = make_text(t, sizeof t, (size_t)(next() % sizeof t), nphrases);
        check(t, n);
    }
}

/* Every length from 0 to 160, where the scan goes from one stream to four
 * and its segments and warm-ups shift by a byte at a time. */
static void test_every_length(void **state)
{
    char t[160];
    size_t nphrases = phrase_count(), len;
    int round;
    (void)state;
    for (round = 0; round < 8; round++) {
        size_t n = make_text(t, sizeof t, sizeof t, nphrases);
        for (len = 0; len <= n; len++)
            check(t, len);
    }
}

/* One phrase placed across each segment boundary of a 100-byte text. */
static void test_phrase_across_boundaries(void **state)
{
    char t[100];
    size_t nphrases = phrase_count(), id, at;
    (void)state;
    for (id = 0; id < nphrases; id += 7) {
        const sc__phrase *p = sc__phrase_at((int)id);
        for (at = 0; at + p->len <= sizeof t; at += 3) {
            memset(t, 'x', sizeof t);
            t[at ? at - 1 : 0] = ' ';
            memcpy(t + at, sc__str(p->text), p->len);
            if (at + p->len < sizeof t)
                t[at + p->len] = ' ';
            check(t, sizeof t);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phrase_table),
        cmocka_unit_test(test_random_texts),
        cmocka_unit_test(test_every_length),
        cmocka_unit_test(test_phrase_across_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
