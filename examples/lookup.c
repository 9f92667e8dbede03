/*
 * lookup.c — what a status code means, from the command line, in C.
 *
 *     cc -std=c11 $(pkg-config --cflags statuscodes) examples/lookup.c \
 *        $(pkg-config --libs statuscodes) -o lookup
 *     ./lookup 421                    every protocol that lists 421
 *     ./lookup --protocol http 404    one protocol
 *     ./lookup -p dns NXDOMAIN        symbols too: NOT_FOUND, "EDE 18", ...
 *
 * Prints each code's name, class, retry advice and gist (SMTP codes have no
 * gist yet: the first sentence of the description stands in).
 *
 * Exit status: 0 found; 1 well-formed but listed by no protocol (without
 * --protocol); 2 bad input (usage, unknown protocol, malformed code).
 */
#include <stdio.h>
#include <string.h>

#include <statuscodes.h>

#define MAX_HITS 16

static void usage(FILE *f)
{
    fprintf(f, "usage: lookup [--protocol P] CODE\n"
               "  P is one of:");
    for (size_t i = 0; i < sc_protocol_count(); i++)
        fprintf(f, " %s", sc_protocol_name(i));
    fprintf(f, "\n");
}

/* The gist, or else the description up to its first sentence's end. */
static void print_gist(const sc_info *d)
{
    if (d->gist) {
        printf("  gist:  %s\n", d->gist);
        return;
    }
    const char *end = strstr(d->description, ". ");
    int n = end ? (int)(end - d->description + 1) : (int)strlen(d->description);
    printf("  about: %.*s\n", n, d->description);
}

/* Print one code; 0 on success, else an sc_status. */
static int print_code(const sc_code *c)
{
    sc_info d;
    char text[SC_CODE_TEXT_MAX];
    int rc = sc_describe(c, 0, &d);
    if (rc != SC_OK)
        return rc;
    sc_code_format(&d.code, text, sizeof text);
    printf("%s %s %s%s\n", sc_protocol_display((size_t)d.code.protocol), text,
           d.name, d.known ? "" : " (not listed: described from its class)");
    if (d.class_code)
        printf("  class: %s (%s)\n", d.class_code, d.class_name);
    else
        printf("  class: none\n");
    printf("  retry: [%s] %s\n", d.retry, d.retry_advice);
    print_gist(&d);
    return SC_OK;
}

int main(int argc, char **argv)
{
    const char *protocol = NULL, *code = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-p") == 0 || strcmp(a, "--protocol") == 0) {
            if (++i == argc) {
                usage(stderr);
                return 2;
            }
            protocol = argv[i];
        } else if (strncmp(a, "--protocol=", 11) == 0) {
            protocol = a + 11;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "lookup: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else if (code == NULL) {
            code = a;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (code == NULL) {
        usage(stderr);
        return 2;
    }

    if (protocol != NULL) {
        int p = sc_protocol_find(protocol, strlen(protocol));
        sc_code c;
        if (p < 0) {
            fprintf(stderr, "lookup: unknown protocol '%s'\n", protocol);
            usage(stderr);
            return 2;
        }
        if (sc_code_parse(p, code, strlen(code), &c) != SC_OK) {
            fprintf(stderr, "lookup: %s: '%s' is not well-formed: give %s\n",
                    sc_protocol_display((size_t)p), code,
                    sc_protocol_help((size_t)p));
            return 2;
        }
        return print_code(&c) == SC_OK ? 0 : 2;
    }

    /* No protocol: every protocol that lists it. */
    sc_code hits[MAX_HITS];
    size_t n = sc_lookup(code, strlen(code), hits, MAX_HITS);
    if (n == 0) {
        /* Well-formed in some protocol (but listed by none), or in none? */
        for (size_t i = 0; i < sc_protocol_count(); i++) {
            sc_code c;
            if (sc_code_parse((int)i, code, strlen(code), &c) == SC_OK) {
                fprintf(stderr, "lookup: no protocol lists %s "
                        "(try --protocol to describe it from its class)\n", code);
                return 1;
            }
        }
        fprintf(stderr, "lookup: '%s' is not a code of any protocol\n", code);
        return 2;
    }
    if (n > MAX_HITS)
        n = MAX_HITS;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            putchar('\n');
        if (print_code(&hits[i]) != SC_OK)
            return 2;
    }
    return 0;
}
