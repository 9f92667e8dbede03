/* fuzz_lookup.c — libFuzzer target: sc_lookup and sc_search on any bytes.
 *
 * sc_lookup: the count is at most one code per protocol, the codes come in
 * protocol order, each is what sc_code_parse() reads for its protocol and a
 * code the base lists; and every protocol whose reading is a listed code is
 * there. sc_search, over every protocol (-1) and each one: the codes found
 * are exactly the listed codes, in sc_code_at() order, whose English name,
 * gist or symbol holds every word (split at space, tab, CR, LF; ASCII case
 * ignored), and each describes. Outputs go to blocks of exactly `max`
 * codes, so a write past `max` is caught by ASan. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statuscodes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_code(const sc_code *a, const sc_code *b)
{
    return a->protocol == b->protocol && a->kind == b->kind &&
           a->value == b->value && a->subject == b->subject &&
           a->detail == b->detail;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* 1 if `hay` holds the `n` bytes of `w`, ASCII case ignored. */
static int holds(const char *hay, const char *w, size_t n)
{
    size_t i, j, len;
    if (hay == NULL)
        return 0;
    len = strlen(hay);
    for (i = 0; i + n <= len; i++) {
        for (j = 0; j < n; j++) {
            if (lower((unsigned char)hay[i + j]) != lower((unsigned char)w[j]))
                break;
        }
        if (j == n)
            return 1;
    }
    return 0;
}

/* 1 if every word of `s` is in the English name, the gist or the symbol of
 * `c`; 0 also when `s` has no word. */
static int matches(const sc_code *c, const char *s, size_t len)
{
    sc_info d;
    size_t i = 0, words = 0;
    if (sc_describe(c, 0, &d) != SC_OK)
        __builtin_trap(); /* a listed code always describes */
    while (i < len) {
        size_t start;
        while (i < len && space((unsigned char)s[i]))
            i++;
        start = i;
        while (i < len && !space((unsigned char)s[i]))
            i++;
        if (i == start)
            break;
        words++;
        /* Past these limits no code matches (statuscodes.h). */
        if (words > SC_SEARCH_WORDS || i - start > SC_SEARCH_WORD_MAX)
            return 0;
        if (!holds(d.name, s + start, i - start) &&
            !holds(d.gist, s + start, i - start) &&
            !holds(d.mnemonic, s + start, i - start))
            return 0;
    }
    return words > 0;
}

/* A code that lookup or search hands out: listed, and it describes. */
static void listed(const sc_code *c)
{
    sc_info d;
    char buf[SC_CODE_TEXT_MAX];
    if (c->protocol < 0 || (size_t)c->protocol >= sc_protocol_count() ||
        sc_code_format(c, buf, sizeof buf) == 0 ||
        sc_describe(c, 0, &d) != SC_OK || !d.known ||
        sc_describe(c, (int)sc_lang_count() - 1, &d) != SC_OK)
        __builtin_trap();
}

static void lookup(const char *s, size_t size)
{
    size_t n = sc_lookup(s, size, NULL, 0), max, i, k;
    int p, np = (int)sc_protocol_count();
    if (n > (size_t)np || sc_lookup(NULL, size, NULL, 0) != 0 ||
        (size > 0 && sc_lookup(s, size, NULL, 1) != 0))
        __builtin_trap();
    for (max = 0; max <= n; max++) {
        sc_code *out = malloc((max ? max : 1) * sizeof *out);
        if (out == NULL)
            return;
        if (sc_lookup(s, size, max ? out : NULL, max) != n)
            __builtin_trap();
        for (i = 0; i < max; i++) {
            sc_code c;
            listed(&out[i]);
            if ((i > 0 && out[i].protocol <= out[i - 1].protocol) ||
                sc_code_parse(out[i].protocol, s, size, &c) != SC_OK ||
                !same_code(&c, &out[i]))
                __builtin_trap();
        }
        if (max == n) {
            /* Every protocol whose reading of the text is listed. */
            for (p = 0, k = 0; p < np; p++) {
                sc_code c;
                sc_info d;
                if (sc_code_parse(p, s, size, &c) != SC_OK ||
                    sc_describe(&c, 0, &d) != SC_OK || !d.known)
                    continue;
                if (k >= n || !same_code(&c, &out[k]))
                    __builtin_trap();
                k++;
            }
            if (k != n)
                __builtin_trap();
        }
        free(out);
    }
}

/* The codes `out[0 .. n)` sc_search found for `s`, checked against a plain
 * walk of every listed code. */
static void check_found(const sc_code *out, size_t n, const char *s,
                        size_t size)
{
    size_t i, k = 0;
    int p, np = (int)sc_protocol_count();
    /* Exactly the listed codes that hold every word, in order. */
    for (p = 0; p < np; p++) {
        for (i = 0; i < sc_code_count(p); i++) {
            sc_code c;
            if (sc_code_at(p, i, &c) != SC_OK)
                __builtin_trap();
            if (!matches(&c, s, size))
                continue;
            if (k >= n || !same_code(&c, &out[k]))
                __builtin_trap();
            k++;
        }
    }
    if (k != n)
        __builtin_trap();
    for (i = 0; i < n; i++)
        listed(&out[i]);
}

/* sc_search is the costly call here (every listed code, every word): each
 * check below calls it once. */
#define FEW 4

static void search(const char *s, size_t size)
{
    size_t total = 0, n, i, sum = 0;
    int p, np = (int)sc_protocol_count();
    sc_code *few, *out;
    for (p = 0; p < np; p++)
        total += sc_code_count(p);
    if (sc_search(np, s, size, NULL, 0) != (size_t)-1 ||
        sc_search(-2, s, size, NULL, 0) != (size_t)-1 ||
        sc_search(-1, NULL, size, NULL, 0) != 0 ||
        (size > 0 && sc_search(-1, s, size, NULL, 1) != 0))
        __builtin_trap();
    /* A few slots: the count, and the first codes (no more written). */
    few = malloc(FEW * sizeof *few);
    if (few == NULL)
        return;
    n = sc_search(-1, s, size, few, FEW);
    if (n > total)
        __builtin_trap();
    if (n <= FEW) {
        check_found(few, n, s, size);
        out = few;
    } else {
        /* Exactly as many slots as codes. */
        out = malloc(n * sizeof *out);
        if (out == NULL) {
            free(few);
            return;
        }
        if (sc_search(-1, s, size, out, n) != n)
            __builtin_trap();
        check_found(out, n, s, size);
        for (i = 0; i < FEW; i++)
            if (!same_code(&few[i], &out[i]))
                __builtin_trap();
    }
    /* One protocol: its share of the codes, in the same order. */
    for (p = 0; p < np; p++) {
        size_t m, j;
        sc_code *one = malloc((n ? n : 1) * sizeof *one);
        if (one == NULL)
            break;
        m = sc_search(p, s, size, one, n);
        if (m > n)
            __builtin_trap();
        for (j = 0; j < m; j++) {
            if (sum + j >= n || !same_code(&one[j], &out[sum + j]) ||
                one[j].protocol != p)
                __builtin_trap();
        }
        sum += m;
        free(one);
    }
    if (sum != n)
        __builtin_trap();
    if (out != few)
        free(out);
    free(few);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A block of exactly `size` bytes: a read past the input is caught. */
    char *s = malloc(size ? size : 1);
    if (s == NULL)
        return 0;
    if (size)
        memcpy(s, data, size);
    lookup(s, size);
    search(s, size);
    free(s);
    return 0;
}
