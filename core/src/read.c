/* read.c — what tools print about HTTP, gRPC, DNS, WebSocket and SIP, read
 * into a verdict; and the entry points of parse, which decide the protocol.
 *
 * sc_parse() looks at the text's form: a status line ("HTTP/1.1 503",
 * "SIP/2.0 486"), a client library's error ("rpc error: code =
 * Unavailable", "curl: (22) ... error: 504", "HTTP Error 503:"), a resolver
 * tool's output ("status: NXDOMAIN", "server can't find x: SERVFAIL"), a
 * WebSocket close ("websocket: close 1008", "received 1001 (going away)").
 * Text with none of these is a reply as SMTP and FTP servers write them,
 * read by parse.c; text with no status at all may still name a failure
 * ("connection refused"). The verdict of a code comes from its entry in
 * core/data (`reason`, `retry`, `reason_if`), through kb.c.
 *
 * Markers are looked for in the first SC__WINDOW bytes only, so finding
 * them costs a bounded time whatever the input's size; one pass over those
 * bytes notes the pairs of bytes they hold, so that a marker that cannot be
 * there is not searched for (find()); every loop moves forward; nothing is
 * allocated. */
#include <limits.h>
#include <string.h>

#include "kb.h"
#include "statuscodes.h"

#define SC__WINDOW 16384

enum { NONE = -1 };

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_alnum(int c)
{
    return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z');
}
static int is_space(int c) { return c == ' ' || c == '\t'; }
static int is_blank(int c)
{
    return is_space(c) || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* 1 if the lower-case literal `lit` is at s[i] (s has n bytes), ASCII case
 * ignored. */
static int starts(const char *s, size_t n, size_t i, const char *lit)
{
    size_t k;
    for (k = 0; lit[k] != '\0'; k++)
        if (i + k >= n || lower((unsigned char)s[i + k]) != lit[k])
            return 0;
    return 1;
}

/* The window the readers look at, s[0, n), and which pairs of adjacent
 * bytes it holds, ASCII case ignored: pair_hash() of each pair marks one of
 * PAIRS bytes (a mark may stand for several pairs). Filled by one pass over
 * the window the first time a literal is looked for; a literal one of
 * whose pairs is unmarked is not in the window, so most searches end
 * before they start. On the caller's stack: nothing shared between calls. */
#define PAIRS 1024
typedef struct win {
    const char *s;
    size_t n;
    int ready;
    unsigned char pairs[PAIRS];
} win;

static void win_init(win *g, const char *s, size_t n)
{
    g->s = s;
    g->n = n;
    g->ready = 0;
}

/* The hash of the pair (a, b): the low five bits of a, and b with bit 5
 * set, so that bytes differing in bit 5 alone (the two cases of a letter)
 * hash alike. Only a's low five bits count, so the scan rolls it:
 * h = pair_hash(h, next). */
static unsigned pair_hash(unsigned a, unsigned b)
{
    return ((a << 5) ^ (b | 0x20)) & (PAIRS - 1);
}

static void win_scan(win *g)
{
    const unsigned char *s = (const unsigned char *)g->s;
    size_t i;
    unsigned h;
    memset(g->pairs, 0, sizeof g->pairs);
    g->ready = 1;
    if (g->n == 0)
        return;
    h = s[0] | 0x20;
    for (i = 1; i < g->n; i++) {
        h = pair_hash(h, s[i]);
        g->pairs[h] = 1;
    }
}

/* First offset >= from of the lower-case literal `lit` in the window,
 * ASCII case ignored; n if none. Inline: a reply asks some thirty times,
 * and most answers are no after a pair or two. */
static inline size_t find(win *g, size_t from, const char *lit)
{
    const unsigned char *l = (const unsigned char *)lit;
    size_t m;
    if (l[0] == '\0')
        return g->n;
    if (!g->ready)
        win_scan(g);
    for (m = 1; l[m] != '\0'; m++)
        if (!g->pairs[pair_hash(l[m - 1], l[m])])
            return g->n;
    return sc__find_ci(g->s, g->n, from, lit, m);
}

/* 1 if s[i] starts a line, after blanks and curl -v's '<' at most: a
 * bounded look back, not a walk to the line's start. */
static int at_line_start(const char *s, size_t i)
{
    size_t k = 0;
    while (i > 0 && k < 8 && (is_space(s[i - 1]) || s[i - 1] == '<')) {
        i--;
        k++;
    }
    return i == 0 || s[i - 1] == '\n';
}

static size_t line_start(const char *s, size_t i)
{
    while (i > 0 && s[i - 1] != '\n')
        i--;
    return i;
}

static size_t line_end(const char *s, size_t n, size_t i)
{
    const char *nl;
    if (i >= n)
        return n;
    nl = memchr(s + i, '\n', n - i);
    return nl ? (size_t)(nl - s) : n;
}

/* Digits at s[i]: their value (at most `max`) and count; 0 digits if
 * none or more than `maxdig`. */
static size_t number_at(const char *s, size_t n, size_t i, size_t maxdig,
                        long *v)
{
    size_t k = 0;
    *v = 0;
    while (i + k < n && is_digit(s[i + k])) {
        if (k == maxdig)
            return 0;
        *v = *v * 10 + (s[i + k] - '0');
        k++;
    }
    return k;
}

/* What the markers found. */
typedef struct reading {
    int protocol;
    int has_code;
    sc_code code;
    int has_ede;
    sc_code ede;
    size_t ts, te;   /* the human text: a span of the input */
    int pct;         /* the text is a grpc-message: percent-decode it */
} reading;

static void set_text(reading *r, const char *s, size_t n, size_t a, size_t b)
{
    (void)s;
    if (b > n)
        b = n;
    r->ts = a < b ? a : b;
    r->te = b;
}

/* The text of the line holding offset i, from i on. */
static void text_to_eol(reading *r, const char *s, size_t n, size_t i)
{
    set_text(r, s, n, i, line_end(s, n, i));
}

/* A code of `protocol` from the number at s[i] (`maxdig` digits at most),
 * which must end there (no digit or letter after it). */
static int code_number(int protocol, const char *s, size_t n, size_t i,
                       size_t maxdig, sc_code *out, size_t *len)
{
    long v;
    size_t k = number_at(s, n, i, maxdig, &v);
    if (k == 0 || (i + k < n && is_alnum((unsigned char)s[i + k])) ||
        (i > 0 && is_alnum((unsigned char)s[i - 1])))
        return 0;
    *len = k;
    return sc_code_from_int(protocol, v, out) == SC_OK;
}

/* A symbol of `protocol` at s[i]: letters, digits and '_' ("UNAVAILABLE",
 * "Unavailable", "NXDOMAIN"). */
static int code_symbol(int protocol, const char *s, size_t n, size_t i,
                       sc_code *out, size_t *len)
{
    size_t k = 0;
    while (i + k < n && (is_alnum((unsigned char)s[i + k]) || s[i + k] == '_'))
        k++;
    if (k == 0 || k > 40)
        return 0;
    *len = k;
    return sc_code_parse(protocol, s + i, k, out) == SC_OK &&
           out->kind == SC_CODE_BASIC;
}

/* ------------------------------------------------------------------------ */
/* The forms, one reader each                                               */
/* ------------------------------------------------------------------------ */

/* Node's gRPC error at s[i]: "14 UNAVAILABLE: No connection established",
 * the number and the name in capitals of the same code, then ':'. */
static int node_error(const char *s, size_t n, size_t i, reading *r)
{
    int p = sc__ids.grpc;
    sc_code num;
    size_t u, k, m;
    if (i >= n || !is_digit(s[i]))
        return 0;
    for (u = i; u < n && is_digit(s[u]); u++)
        ;
    if (u + 2 < n && s[u] == ' ' && is_upper((unsigned char)s[u + 1])) {
        size_t w = u + 1;
        while (w < n && (is_upper((unsigned char)s[w]) || s[w] == '_'))
            w++;
        if (w - u < 3 || w >= n || s[w] != ':')
            return 0;
    }
    if (!code_number(p, s, n, i, 2, &num, &k) || i + k + 1 >= n ||
        s[i + k] != ' ' || !is_upper((unsigned char)s[i + k + 1]) ||
        !code_symbol(p, s, n, i + k + 1, &r->code, &m) ||
        r->code.value != num.value || i + k + 1 + m >= n ||
        s[i + k + 1 + m] != ':')
        return 0;
    r->protocol = p;
    r->has_code = 1;
    text_to_eol(r, s, n, i + k + 2 + m);
    return 1;
}

/* gRPC: Go, Python, Java, Node, .NET, raw trailers. */
static int read_grpc(win *g, reading *r)
{
    const char *s = g->s;
    size_t n = g->n;
    int p = sc__ids.grpc;
    size_t i, k, j, ls, le;
    static const char *const before[] = {
        "rpc error: code = ", "statuscode.", "statuscode=\"",
        "io.grpc.statusruntimeexception: ", "io.grpc.statusexception: "};
    for (j = 0; j < sizeof before / sizeof before[0]; j++) {
        i = find(g, 0, before[j]);
        if (i == n)
            continue;
        i += strlen(before[j]);
        if (!code_symbol(p, s, n, i, &r->code, &k))
            continue;
        r->protocol = p;
        r->has_code = 1;
        if (j == 0 && (i = find(g, i + k, "desc = ")) < n)
            text_to_eol(r, s, n, i + 7);
        else if (j == 1 && (i = find(g, i + k, "details = \"")) < n) {
            size_t e = i + 11;
            while (e < n && s[e] != '"' && s[e] != '\n')
                e++;
            set_text(r, s, n, i + 11, e);
        } else if (j == 2 && (i = find(g, i + k, "detail=\"")) < n) {
            size_t e = i + 8;
            while (e < n && s[e] != '"' && s[e] != '\n')
                e++;
            set_text(r, s, n, i + 8, e);
        } else {
            i += k;
            if (i < n && s[i] == ':')
                i++;
            text_to_eol(r, s, n, i);
        }
        return 1;
    }
    /* Trailers: "grpc-status: 14" and "grpc-message: ..." */
    if ((i = find(g, 0, "grpc-status:")) < n) {
        i += 12;
        while (i < n && is_space(s[i]))
            i++;
        if (code_number(p, s, n, i, 2, &r->code, &k)) {
            r->protocol = p;
            r->has_code = 1;
            text_to_eol(r, s, n, i + k);
            if ((i = find(g, 0, "grpc-message:")) < n) {
                i += 13;
                while (i < n && is_space(s[i]))
                    i++;
                text_to_eol(r, s, n, i);
                r->pct = 1;
            }
            return 1;
        }
    }
    /* Node: "Error: 14 UNAVAILABLE: No connection established", the
     * number at the start of a line or after ": ". */
    for (ls = 0; ls < n; ls = le + 1) {
        const char *c;
        le = line_end(s, n, ls);
        if (node_error(s, n, ls, r))
            return 1;
        for (i = ls; (c = memchr(s + i, ':', le - i)) != NULL;) {
            i = (size_t)(c - s) + 1;
            if (i < le && s[i] == ' ' && node_error(s, n, i + 1, r))
                return 1;
        }
    }
    return 0;
}

/* A status line "SIP/2.0 486 Busy Here" or "HTTP/1.1 503 ...", at the
 * start of a line (curl -v writes "< " first). */
static int status_line(int p, win *g, const char *mark, reading *r)
{
    const char *s = g->s;
    size_t n = g->n;
    size_t i = 0, k, m = strlen(mark);
    while ((i = find(g, i, mark)) < n) {
        size_t j = i + m;
        /* version: digits and dots */
        while (j < n && j < i + m + 8 && (is_digit(s[j]) || s[j] == '.'))
            j++;
        if (at_line_start(s, i) && j > i + m && j < n && s[j] == ' ' &&
            code_number(p, s, n, j + 1, 3, &r->code, &k)) {
            r->protocol = p;
            r->has_code = 1;
            text_to_eol(r, s, n, j + 1 + k);
            return 1;
        }
        i += m;
    }
    return 0;
}

/* A three-digit HTTP code right after the literal `lit`. */
static int http_after(win *g, const char *lit, reading *r)
{
    const char *s = g->s;
    size_t n = g->n;
    int p = sc__ids.http;
    size_t i = 0, k;
    while ((i = find(g, i, lit)) < n) {
        size_t j = i + strlen(lit);
        if (code_number(p, s, n, j, 3, &r->code, &k)) {
            r->protocol = p;
            r->has_code = 1;
            text_to_eol(r, s, n, line_start(s, i));
            return 1;
        }
        i = j;
    }
    return 0;
}

/* A three-digit HTTP code right before the literal `lit` ("429 Client
 * Error: "). */
static int http_before(win *g, const char *lit, reading *r)
{
    const char *s = g->s;
    size_t n = g->n;
    int p = sc__ids.http;
    size_t i = 0, k;
    while ((i = find(g, i, lit)) < n) {
        if (i >= 4 && s[i - 1] == ' ' &&
            code_number(p, s, n, i - 4, 3, &r->code, &k) && k == 3) {
            r->protocol = p;
            r->has_code = 1;
            text_to_eol(r, s, n, line_start(s, i));
            return 1;
        }
        i++;
    }
    return 0;
}

static int read_http(win *g, reading *r)
{
    const char *s = g->s;
    size_t n = g->n;
    int p = sc__ids.http;
    size_t i, k;
    if (status_line(p, g, "http/", r))
        return 1;
    /* nginx and Apache access logs: "GET / HTTP/1.1" 503 197 */
    i = 0;
    while ((i = find(g, i, " http/")) < n) {
        size_t j = i + 6;
        while (j < n && (is_digit(s[j]) || s[j] == '.'))
            j++;
        if (j + 2 < n && s[j] == '"' && s[j + 1] == ' ' &&
            code_number(p, s, n, j + 2, 3, &r->code, &k)) {
            r->protocol = p;
            r->has_code = 1;
            text_to_eol(r, s, n, line_start(s, i));
            return 1;
        }
        i = j;
    }
    if (http_after(g, "the requested url returned error: ", r) ||
        http_after(g, "http error ", r) ||
        http_after(g, "client error '", r) ||
        http_after(g, "server error '", r) ||
        http_after(g, "status code ", r) ||
        http_after(g, "status code: ", r) ||
        http_after(g, "status_code=", r) ||
        http_before(g, "client error: ", r) ||
        http_before(g, "server error: ", r))
        return 1;
    /* JSON error bodies: {"error": {"code": 429, ...}} */
    if (find(g, 0, "\"error\"") < n) {
        i = 0;
        while ((i = find(g, i, "\"code\"")) < n) {
            size_t j = i + 6;
            while (j < n && (is_space(s[j]) || s[j] == ':'))
                j++;
            if (code_number(p, s, n, j, 3, &r->code, &k)) {
                r->protocol = p;
                r->has_code = 1;
                if ((i = find(g, 0, "\"message\"")) < n) {
                    j = i + 9;
                    while (j < n && (is_space(s[j]) || s[j] == ':'))
                        j++;
                    if (j < n && s[j] == '"') {
                        size_t e = ++j;
                        while (e < n && s[e] != '"' && s[e] != '\n')
                            e += s[e] == '\\' && e + 1 < n ? 2 : 1;
                        set_text(r, s, n, j, e);
                        return 1;
                    }
                }
                text_to_eol(r, s, n, 0);
                return 1;
            }
            i = j;
        }
    }
    return 0;
}

static int read_dns(win *g, reading *r)
{
    const char *s = g->s;
    size_t n = g->n;
    int p = sc__ids.dns;
    size_t i, k;
    long v;
    if ((i = find(g, 0, "status: ")) < n &&
        code_symbol(p, s, n, i + 8, &r->code, &k)) {
        r->protocol = p;
        r->has_code = 1;
        text_to_eol(r, s, n, line_start(s, i));
    } else if ((i = find(g, 0, "server can't find ")) < n) {
        /* nslookup: "** server can't find x: NXDOMAIN" */
        size_t e = line_end(s, n, i), c = e;
        while (c > i && s[c - 1] != ':')
            c--;
        while (c < e && is_space(s[c]))
            c++;
        if (c <= i || !code_symbol(p, s, n, c, &r->code, &k))
            return 0;
        r->protocol = p;
        r->has_code = 1;
        text_to_eol(r, s, n, line_start(s, i));
    } else if ((i = find(g, 0, " not found: ")) < n &&
               (k = number_at(s, n, i + 12, 5, &v)) > 0 &&
               i + 12 + k < n && s[i + 12 + k] == '(' &&
               sc_code_from_int(p, v, &r->code) == SC_OK) {
        /* host: "Host x not found: 3(NXDOMAIN)" */
        r->protocol = p;
        r->has_code = 1;
        text_to_eol(r, s, n, line_start(s, i));
    } else {
        return 0;
    }
    /* dig: "; EDE: 6 (DNSSEC Bogus): ..." */
    if ((i = find(g, 0, "ede: ")) < n &&
        (k = number_at(s, n, i + 5, 5, &v)) > 0 &&
        sc_code_parse(p, s + i, 5 + k, &r->ede) == SC_OK)
        r->has_ede = 1;
    return 1;
}

static int read_websocket(win *g, reading *r)
{
    const char *s = g->s;
    size_t n = g->n;
    int p = sc__ids.websocket;
    size_t i, k, j;
    static const char *const before[] = {
        "websocket: close ", "received ", "close code ", "close code: ",
        "closed with code ", "code: ", "code=", "code "};
    int named = find(g, 0, "websocket") < n ||
                find(g, 0, "closeevent") < n || find(g, 0, "ws://") < n ||
                find(g, 0, "wss://") < n;
    for (j = 0; j < sizeof before / sizeof before[0]; j++) {
        i = 0;
        /* gorilla's form names WebSocket itself; "received 1001 (" is
         * Python websockets'; the rest need the word WebSocket nearby. */
        if (j >= 2 && !named)
            break;
        while ((i = find(g, i, before[j])) < n) {
            size_t at = i + strlen(before[j]);
            if (code_number(p, s, n, at, 4, &r->code, &k) &&
                (j != 1 || (at + k + 1 < n && s[at + k] == ' ' &&
                            s[at + k + 1] == '('))) {
                r->protocol = p;
                r->has_code = 1;
                text_to_eol(r, s, n, line_start(s, i));
                return 1;
            }
            i = at;
        }
    }
    if ((i = find(g, 0, "no close frame received")) < n &&
        sc_code_from_int(p, 1006, &r->code) == SC_OK) {
        r->protocol = p;
        r->has_code = 1;
        text_to_eol(r, s, n, line_start(s, i));
        return 1;
    }
    return 0;
}

/* Read the text as protocol `want` (-1: whichever its form shows). The
 * SMTP and FTP forms are parse.c's. */
static int read_form(win *g, int want, reading *r)
{
    memset(r, 0, sizeof *r);
    r->protocol = NONE;
    if (want == NONE || want == sc__ids.grpc)
        if (read_grpc(g, r))
            return 1;
    if (want == NONE || want == sc__ids.sip)
        if (status_line(sc__ids.sip, g, "sip/", r))
            return 1;
    if (want == NONE || want == sc__ids.http)
        if (read_http(g, r))
            return 1;
    if (want == NONE || want == sc__ids.dns)
        if (read_dns(g, r))
            return 1;
    if (want == NONE || want == sc__ids.websocket)
        if (read_websocket(g, r))
            return 1;
    return 0;
}

/* A bare code of `want` at the start of the text ("503 Service
 * Unavailable", "UNAVAILABLE: ...", "NXDOMAIN"), for a protocol given. */
static int read_bare(const char *s, size_t n, int want, reading *r)
{
    size_t i = 0, k;
    while (i < n && is_blank((unsigned char)s[i]))
        i++;
    memset(r, 0, sizeof *r);
    r->protocol = want;
    if (code_number(want, s, n, i, 5, &r->code, &k) ||
        code_symbol(want, s, n, i, &r->code, &k)) {
        r->has_code = 1;
        i += k;
        while (i < n && (is_space(s[i]) || s[i] == ':' || s[i] == '-'))
            i++;
        text_to_eol(r, s, n, i);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Retry-After and Date                                                     */
/* ------------------------------------------------------------------------ */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, int m, int d)
{
    long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int month_at(const char *s, size_t n, size_t i)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    int m;
    if (i + 3 > n)
        return 0;
    for (m = 0; m < 12; m++)
        if (lower((unsigned char)s[i]) == months[m * 3] &&
            lower((unsigned char)s[i + 1]) == months[m * 3 + 1] &&
            lower((unsigned char)s[i + 2]) == months[m * 3 + 2])
            return m + 1;
    return 0;
}

/* "08:49:37" at s[i]: seconds of the day, or -1. */
static long time_at(const char *s, size_t n, size_t i)
{
    long h, m, sec;
    if (i + 8 > n || number_at(s, n, i, 2, &h) != 2 || s[i + 2] != ':' ||
        number_at(s, n, i + 3, 2, &m) != 2 || s[i + 5] != ':' ||
        number_at(s, n, i + 6, 2, &sec) != 2 || h > 23 || m > 59 || sec > 60)
        return -1;
    return h * 3600 + m * 60 + sec;
}

/* An HTTP-date at s[i, e) (RFC 9110 §5.6.7: IMF-fixdate, RFC 850 and
 * asctime forms) as seconds since 1970, or -1. */
static long long http_date(const char *s, size_t e, size_t i)
{
    long d, y, t;
    int m;
    size_t k;
    while (i < e && !is_space(s[i]) && s[i] != ',')
        i++; /* the weekday */
    if (i < e && s[i] == ',') {
        i++;
        while (i < e && is_space(s[i]))
            i++;
        if ((k = number_at(s, e, i, 2, &d)) == 0)
            return -1;
        i += k;
        if (i < e && (s[i] == ' ' || s[i] == '-'))
            i++;
        if ((m = month_at(s, e, i)) == 0)
            return -1;
        i += 3;
        if (i < e && (s[i] == ' ' || s[i] == '-'))
            i++;
        if ((k = number_at(s, e, i, 4, &y)) != 4 && k != 2)
            return -1;
        if (k == 2)
            y += y < 70 ? 2000 : 1900;
        i += k + 1;
        t = time_at(s, e, i);
    } else { /* asctime: "Sun Nov  6 08:49:37 1994" */
        while (i < e && is_space(s[i]))
            i++;
        if ((m = month_at(s, e, i)) == 0)
            return -1;
        i += 3;
        while (i < e && is_space(s[i]))
            i++;
        if ((k = number_at(s, e, i, 2, &d)) == 0)
            return -1;
        i += k + 1;
        t = time_at(s, e, i);
        i += 9;
        if (number_at(s, e, i, 4, &y) != 4)
            return -1;
    }
    if (t < 0 || d < 1 || d > 31)
        return -1;
    return (long long)days_from_civil(y, m, (int)d) * 86400 + t;
}

/* The value of header `name` (lower case, with its ':') on a line of its
 * own: offsets of its value, trimmed. */
static int header(win *g, const char *name, size_t *a, size_t *b)
{
    const char *s = g->s;
    size_t n = g->n;
    size_t i = 0;
    while ((i = find(g, i, name)) < n) {
        if (at_line_start(s, i)) {
            *a = i + strlen(name);
            *b = line_end(s, n, i);
            while (*a < *b && is_space(s[*a]))
                (*a)++;
            while (*b > *a && is_blank((unsigned char)s[*b - 1]))
                (*b)--;
            return 1;
        }
        i++;
    }
    return 0;
}

static void read_retry_after(win *g, sc_verdict *v)
{
    const char *s = g->s;
    size_t a, b, da, db, k;
    long secs;
    if (!header(g, "retry-after:", &a, &b) || a == b)
        return;
    if ((k = number_at(s, b, a, 9, &secs)) > 0) {
        if (secs <= SC__RETRY_AFTER_MAX)
            v->retry_after = secs;
        return;
    }
    if (http_date(s, b, a) < 0)
        return;
    if (header(g, "date:", &da, &db) && http_date(s, db, da) >= 0) {
        long long diff = http_date(s, b, a) - http_date(s, db, da);
        if (diff <= SC__RETRY_AFTER_MAX)
            v->retry_after = diff < 0 ? 0 : (long)diff;
        return;
    }
    v->retry_at = a;
    v->retry_at_len = b - a;
}

/* ------------------------------------------------------------------------ */
/* The verdict                                                              */
/* ------------------------------------------------------------------------ */

/* Copy the text span to `text`, percent-decoding a grpc-message. */
static size_t copy_text(const char *s, const reading *r, char *text)
{
    size_t a = r->ts, b = r->te, n = 0;
    while (a < b && is_blank((unsigned char)s[a]))
        a++;
    while (b > a && is_blank((unsigned char)s[b - 1]))
        b--;
    for (; a < b; a++) {
        int c = (unsigned char)s[a];
        if (r->pct && c == '%' && a + 2 < b) {
            int h = 0, j;
            for (j = 1; j <= 2; j++) {
                int x = lower((unsigned char)s[a + j]);
                h = h * 16 + (is_digit(x) ? x - '0'
                              : x >= 'a' && x <= 'f' ? x - 'a' + 10 : -999);
            }
            if (h >= 0) {
                c = h;
                a += 2;
            }
        }
        text[n++] = (char)c;
    }
    text[n] = '\0';
    return n;
}

static int permanent_of(int retry)
{
    return retry == SC__RETRY_LATER || retry == SC__RETRY_IDEMPOTENT ? 0
           : retry == SC__RETRY_AFTER_FIX || retry == SC__RETRY_NEVER ? 1
                                                                    : -1;
}

static int action_of(int retry, size_t reason, int permanent)
{
    if (retry == SC__RETRY_NOT_NEEDED || retry == SC__RETRY_CONTINUE)
        return SC_ACTION_NONE;
    if (retry == SC__RETRY_FOLLOW)
        return SC_ACTION_FIX;
    return sc__reason_action(reason, permanent == 1);
}

/* The verdict of v->code, a code of a protocol other than SMTP (`*v` has
 * its text, offsets and protocol): its entry's, or that of the first of its
 * reason_if phrases the window holds. */
static void code_decide(sc_verdict *v, win *g)
{
    size_t reason, ereason, i, nrif = 0;
    int retry, eretry, d;
    const char *phrase = NULL;
    const sc__reason_if *rif = NULL;
    v->known = sc__code_known(&v->code);
    v->mnemonic = sc__code_mnemonic(&v->code);
    d = v->code.value / 100;
    v->class_code = sc__class_code(v->code.protocol, d);
    v->reply_class = v->class_code != NULL ? d : 0;
    sc__code_verdict(&v->code, &reason, &retry, &rif, &nrif);
    for (i = 0; i < nrif; i++) {
        if (find(g, 0, sc__str(rif[i].text)) < g->n) {
            reason = rif[i].reason;
            retry = rif[i].retry;
            phrase = sc__str(rif[i].text);
            break;
        }
    }
    v->evidence = phrase != NULL ? SC_EVIDENCE_PHRASE : SC_EVIDENCE_BASIC;
    v->phrase = phrase;
    /* An Extended DNS Error refines a failing RCODE. */
    if (v->has_ede && v->code.value != 0 &&
        sc__code_verdict(&v->ede, &ereason, &eretry, NULL, NULL) &&
        ereason != sc__reason_unknown() && phrase == NULL) {
        reason = ereason;
        retry = eretry;
        v->evidence = SC_EVIDENCE_ENHANCED;
    }
    v->reason = reason;
    v->permanent = permanent_of(retry);
    v->action = action_of(retry, reason, v->permanent);
    v->retryable = v->action == SC_ACTION_RETRY;
}

/* The first of the failure phrases (sc__failure_at()) the window holds:
 * 1 and its reason and phrase, or 0. */
static int failure_find(win *g, size_t *reason, const char **phrase)
{
    size_t i;
    for (i = 0; sc__failure_at(i, phrase, reason); i++)
        if (find(g, 0, *phrase) < g->n)
            return 1;
    return 0;
}

/* Which protocol a failure's text names, or -1. */
static int failure_protocol(win *g)
{
    size_t n = g->n;
    static const struct {
        const char *word, *protocol;
    } names[] = {
        {"grpc", "grpc"},          {"websocket", "websocket"},
        {"ws://", "websocket"},    {"wss://", "websocket"},
        {"smtp", "smtp"},          {"]:25:", "smtp"},
        {"postfix", "smtp"},       {"sip", "sip"},
        {"ftp", "ftp"},            {"name resolution", "dns"},
        {"resolv", "dns"},         {"servers could be reached", "dns"},
        {"name or service", "dns"}, {"servname", "dns"},
        {"no such host", "dns"},   {"getaddrinfo", "dns"},
        {"enotfound", "dns"},      {"non-existent domain", "dns"},
        {"dns", "dns"},            {"curl:", "http"},
        {"http", "http"},          {"upstream", "http"}};
    size_t j;
    for (j = 0; j < sizeof names / sizeof names[0]; j++)
        if (find(g, 0, names[j].word) < n)
            return sc_protocol_find(names[j].protocol,
                                    strlen(names[j].protocol));
    return NONE;
}

static size_t trimmed_copy(const char *s, size_t a, size_t b, char *text,
                           size_t *nlines)
{
    size_t n = 0, i;
    int space = 0;
    *nlines = 1;
    for (i = a; i < b; i++) {
        int c = (unsigned char)s[i];
        if (c == '\n')
            (*nlines)++;
        if (is_blank(c)) {
            space = n > 0;
            continue;
        }
        if (space)
            text[n++] = ' ';
        space = 0;
        text[n++] = (char)c;
    }
    text[n] = '\0';
    return n;
}

/* The lines of s[a, b): one more than its '\n'. */
static size_t count_lines(const char *s, size_t a, size_t b)
{
    const char *nl;
    size_t n = 1;
    for (; a < b && (nl = memchr(s + a, '\n', b - a)) != NULL; a++) {
        a = (size_t)(nl - s);
        n++;
    }
    return n;
}

static const sc_verdict zero_verdict;

/* 1 if the reply's words are an FTP server's: its commands and its usual
 * texts (vsftpd, ProFTPD, IIS, Pure-FTPd, FileZilla). */
static int ftp_words(win *g)
{
    size_t n = g->n;
    static const char *const words[] = {
        "ftp", "pasv", "epsv", "passive mode", "login incorrect",
        "login successful", "transfer complete", "data connection",
        "binary mode", "ascii mode", "file unavailable",
        "no such file or directory", "failed to open file",
        "directory send ok", "directory operation", "not a directory",
        "please specify the password", "password required for",
        "user name okay", "rnfr", "rnto", "file action",
        "control connection"};
    size_t j;
    for (j = 0; j < sizeof words / sizeof words[0]; j++)
        if (find(g, 0, words[j]) < n)
            return 1;
    return 0;
}

/* The verdict on a code read by one of the readers above. */
static int code_verdict(const char *s, size_t len, win *g, const reading *r,
                        char *text, sc_verdict *out)
{
    sc_verdict v = zero_verdict;
    size_t start = 0, end = len;
    while (start < len && is_blank((unsigned char)s[start]))
        start++;
    while (end > start && is_blank((unsigned char)s[end - 1]))
        end--;
    v.protocol = r->protocol;
    v.has_code = 1;
    v.code = r->code;
    v.has_ede = r->has_ede;
    v.ede = r->ede;
    v.start = start;
    v.end = end;
    v.nlines = count_lines(s, start, end);
    v.text_len = copy_text(s, r, text);
    v.text = text;
    v.retry_after = -1;
    code_decide(&v, g);
    if (r->protocol == sc__ids.http || r->protocol == sc__ids.sip)
        read_retry_after(g, &v);
    *out = v;
    return SC_OK;
}

int sc_parse_as(int protocol, const char *reply, size_t len, char *text,
                size_t size, sc_verdict *out)
{
    sc_verdict v;
    reading r;
    win g;
    size_t i, w, start, end;
    int smtp = sc__ids.smtp, ftp = sc__ids.ftp, rc, also_ftp;

    if ((reply == NULL && len > 0) || text == NULL || out == NULL)
        return SC_EINVAL;
    if (protocol != NONE && sc_protocol_name((size_t)protocol) == NULL)
        return protocol < 0 ? SC_EINVAL : SC_EPROTOCOL;
    for (i = 0; i < len && is_blank((unsigned char)reply[i]); i++)
        ;
    if (i == len)
        return SC_EEMPTY;
    if (size <= len)
        return SC_ENOSPACE;
    start = i;
    end = len;
    while (end > start && is_blank((unsigned char)reply[end - 1]))
        end--;
    w = len < SC__WINDOW ? len : SC__WINDOW;
    win_init(&g, reply, w);

    /* A text that starts with a reply code ("550 5.1.1 ...") is a reply as
     * SMTP and FTP servers write them: of the other forms only requests'
     * errors start so ("429 Client Error: ..."). */
    if (protocol != smtp && protocol != ftp &&
        !(protocol == NONE && start + 3 <= len && reply[start] >= '2' &&
          reply[start] <= '5' && is_digit(reply[start + 1]) &&
          is_digit(reply[start + 2]) &&
          (start + 3 == len || reply[start + 3] == '-' ||
           reply[start + 3] == '\r' || reply[start + 3] == '\n' ||
           (reply[start + 3] == ' ' &&
            !starts(reply, len, start + 4, "client error: ") &&
            !starts(reply, len, start + 4, "server error: ")))) &&
        (read_form(&g, protocol, &r) ||
         (protocol != NONE && read_bare(reply, w, protocol, &r))))
        return code_verdict(reply, len, &g, &r, text, out);
    if ((protocol == NONE && starts(reply, w, start, "curl: (")) ||
        (protocol != NONE && protocol != smtp && protocol != ftp)) {
        /* curl's errors carry no reply, though they name ports ("port
         * 443"); other protocols' text that no reader took has none. */
        v = zero_verdict;
        v.protocol = protocol;
        v.start = start;
        v.end = end;
        v.text_len = trimmed_copy(reply, start, end, text, &v.nlines);
        v.text = text;
        v.retry_after = -1;
        v.reason = sc__reason_unknown();
    } else {
        rc = sc__parse_reply(reply, len, text, size, &v);
        if (rc != SC_OK)
            return rc;
        /* A code of a reply without an enhanced code that FTP lists too
         * (v.known: SMTP lists it). */
        also_ftp = v.has_code && !v.has_enhanced && protocol != smtp &&
                   sc_code_from_int(ftp, v.code.value, &r.code) == SC_OK &&
                   sc__code_known(&r.code);
        if (v.has_code && !v.has_enhanced && protocol != smtp &&
            (protocol == ftp || (also_ftp && (!v.known || ftp_words(&g))))) {
            /* An FTP reply: its code's entry decides. */
            v.protocol = ftp;
            v.code.protocol = ftp;
            v.retry_hint = 0;
            v.class_conflict = 0;
            code_decide(&v, &g);
            *out = v;
            return SC_OK;
        }
        if (protocol == NONE && also_ftp && v.known)
            v.assumed = 1;
        if (v.has_code || v.has_enhanced) {
            *out = v;
            return SC_OK;
        }
        /* FTP's preliminary (1xx) and protected (6xx) replies, which
         * SMTP's reader does not take for codes. */
        if (protocol != smtp && (reply[start] == '1' || reply[start] == '6') &&
            read_bare(reply, w, ftp, &r) &&
            (protocol == ftp || sc__code_known(&r.code)))
            return code_verdict(reply, len, &g, &r, text, out);
        if (protocol == ftp)
            v.protocol = ftp;
    }
    /* No status: a failure, or no reply at all. */
    {
        size_t reason;
        const char *phrase;
        if (failure_find(&g, &reason, &phrase)) {
            int p = protocol != NONE ? protocol : failure_protocol(&g);
            v.protocol = p;
            v.no_reply = 0;
            v.reason = reason;
            v.evidence = SC_EVIDENCE_PHRASE;
            v.phrase = phrase;
            v.action = sc__reason_action(reason, 0);
            v.permanent = v.action == SC_ACTION_RETRY ? 0 : 1;
            v.retryable = v.action == SC_ACTION_RETRY;
            v.retry_hint = 0;
        } else if (v.protocol != smtp) {
            /* SMTP's phrases speak for SMTP replies only. */
            v.no_reply = 1;
            v.reason = sc__reason_unknown();
            v.action = -1;
            v.permanent = -1;
            v.retryable = 0;
            v.retry_hint = 0;
            v.evidence = SC_EVIDENCE_NONE;
            v.phrase = NULL;
            v.retry_after = -1; /* no reply, no wait */
        }
    }
    *out = v;
    return SC_OK;
}

int sc_parse(const char *reply, size_t len, char *text, size_t size,
             sc_verdict *out)
{
    return sc_parse_as(NONE, reply, len, text, size, out);
}

/* ------------------------------------------------------------------------ */
/* Blocks of a log: a reply of several lines that are not "NNN-" lines      */
/* ------------------------------------------------------------------------ */

size_t sc__block_end_open(const char *s, size_t n, size_t ls, size_t le,
                          int *open)
{
    size_t e = le, q = ls;
    *open = 0;
    while (q < le && is_space(s[q]))
        q++;
    if (starts(s, le, q, "http/") || starts(s, le, q, "sip/2.0 ")) {
        /* Header lines "Name: value" up to a blank line. */
        while (e < n) {
            size_t a = e + 1, b = line_end(s, n, a), c = a;
            while (c < b && (is_alnum((unsigned char)s[c]) || s[c] == '-'))
                c++;
            if (c == a || c >= b || s[c] != ':')
                break;
            e = b;
        }
        *open = e >= n; /* no line after the headers yet */
        return e;
    }
    if (starts(s, le, q, "; <<>> dig")) {
        while (e < n) {
            size_t a = e + 1, b = line_end(s, n, a);
            if (starts(s, b, a, "; <<>> dig"))
                break;
            e = b;
            if (starts(s, b, a, ";; msg size") ||
                starts(s, b, a, ";; connection timed out"))
                return e; /* its last line */
        }
        *open = e >= n;
        return e;
    }
    if (starts(s, le, q, ";; ->>header<<-")) {
        /* dig's header without its banner: the ';' lines after it. */
        while (e + 1 < n && s[e + 1] == ';')
            e = line_end(s, n, e + 1);
        *open = e >= n;
        return e;
    }
    if (starts(s, le, q, "<_inactiverpcerror") ||
        starts(s, le, q, "<_multithreadedrendezvous")) {
        while (e < n) {
            size_t a = e + 1, b = line_end(s, n, a), c = a;
            e = b;
            while (c < b && is_blank((unsigned char)s[c]))
                c++;
            if (c < b && s[c] == '>')
                return e; /* its last line */
        }
        *open = 1;
        return e;
    }
    return le;
}

size_t sc__block_end(const char *s, size_t n, size_t ls, size_t le)
{
    int open;
    return sc__block_end_open(s, n, ls, le, &open);
}
