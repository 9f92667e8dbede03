/*
 * bench_core.c — throughput of the C core, beside the limit.
 *
 *   bench_core REPLIES_FILE [MEGABYTES]
 *
 * REPLIES_FILE holds real replies, one per line (benchmarks/bench.py writes
 * it from tests/corpora/smtp-field-manual). They are repeated into one buffer
 * of MEGABYTES (default 16), a log as a bounce pipeline reads it. Then, each
 * several times, keeping the best (clock_gettime, CLOCK_MONOTONIC):
 *
 *   memchr   count the lines with memchr: every byte touched once, the limit
 *   parse    sc_parse_next over the whole buffer: the bulk path
 *   reply    sc_parse on each reply by itself, as an MTA calls it per reply
 *   describe sc_describe(535) and sc_describe(5.7.8)
 *
 * Prints one "name value unit" line per figure, for bench.py to read.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "statuscodes.h"

#define REPEATS 7

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Keep the compiler from dropping work whose result is unused. */
static volatile size_t sink;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (f == NULL)
        return NULL;
    do {
        if (n + 4096 > cap) {
            char *grown;
            cap = cap ? cap * 2 : 65536;
            grown = realloc(buf, cap);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static size_t count_lines(const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    size_t n = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            break;
        n++;
        p = nl + 1;
    }
    return n;
}

int main(int argc, char **argv)
{
    size_t flen, len, target, i, r, nreplies = 0;
    char *file, *buf, *text;
    double best_memchr = 1e30, best_parse = 1e30, best_reply = 1e30,
           best_describe = 1e30;
    sc_verdict v;
    long ndescribe = 200000;

    if (argc < 2) {
        fprintf(stderr, "usage: bench_core REPLIES_FILE [MEGABYTES]\n");
        return 2;
    }
    file = read_file(argv[1], &flen);
    if (file == NULL || flen == 0) {
        fprintf(stderr, "bench_core: cannot read %s\n", argv[1]);
        return 2;
    }
    if (file[flen - 1] != '\n') {
        fprintf(stderr, "bench_core: %s must end with a newline\n", argv[1]);
        return 2;
    }
    target = (size_t)(argc > 2 ? atof(argv[2]) : 16.0) * 1024 * 1024;
    len = (target / flen + 1) * flen;
    buf = malloc(len);
    text = malloc(SC_PARSE_BUFSIZE(len));
    if (buf == NULL || text == NULL)
        return 2;
    for (i = 0; i < len; i += flen)
        memcpy(buf + i, file, flen);
    for (i = 0; i < flen; i++)
        nreplies += file[i] == '\n';

    for (r = 0; r < REPEATS; r++) {
        double t = now(), t2;
        size_t lines = count_lines(buf, len), pos = 0, n = 0;
        t2 = now();
        if (t2 - t < best_memchr)
            best_memchr = t2 - t;
        sink = lines;

        t = now();
        while (sc_parse_next(buf, len, &pos, text, SC_PARSE_BUFSIZE(len),
                             &v) == SC_OK)
            n += v.reason;
        t2 = now();
        if (t2 - t < best_parse)
            best_parse = t2 - t;
        sink = n;

        /* One reply at a time, each its own call, over the file once. */
        t = now();
        for (pos = 0, n = 0; pos < flen;) {
            const char *nl = memchr(file + pos, '\n', flen - pos);
            size_t end = (size_t)(nl - file);
            if (sc_parse(file + pos, end - pos, text, SC_PARSE_BUFSIZE(len),
                         &v) == SC_OK)
                n += v.reason;
            pos = end + 1;
        }
        t2 = now();
        if (t2 - t < best_reply)
            best_reply = t2 - t;
        sink = n;
    }

    for (r = 0; r < REPEATS; r++) {
        sc_code a, b;
        sc_info info;
        long k;
        double t;
        size_t n = 0;
        sc_code_from_int(0, 535, &a);
        sc_code_parse(0, "5.7.8", 5, &b);
        t = now();
        for (k = 0; k < ndescribe; k++) {
            if (sc_describe((k & 1) ? &a : &b, 0, &info) == SC_OK)
                n += info.count[SC_LIST_REFERENCES];
        }
        t = now() - t;
        if (t < best_describe)
            best_describe = t;
        sink = n;
    }

    printf("buffer_mb %.1f MB\n", (double)len / 1e6);
    printf("memchr_mbs %.1f MB/s\n", (double)len / 1e6 / best_memchr);
    printf("parse_mbs %.1f MB/s\n", (double)len / 1e6 / best_parse);
    printf("parse_ns_per_reply %.1f ns\n",
           best_parse * 1e9 / ((double)nreplies * (double)(len / flen)));
    printf("reply_ns %.1f ns\n", best_reply * 1e9 / (double)nreplies);
    printf("describe_ns %.1f ns\n", best_describe * 1e9 / (double)ndescribe);
    free(buf);
    free(text);
    free(file);
    return 0;
}
