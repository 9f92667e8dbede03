/* bounce.c — the recipients of a bounce, one verdict each.
 *
 * sc_bounce_next() walks a delivery status notification (RFC 3464, and
 * RFC 6533's message/global-delivery-status) recipient block by recipient
 * block; a bounce with no such part is read as text, for the SMTP replies
 * it quotes (qmail, old Exchange, webmail). The state the walk keeps is the
 * caller's sc_bounce_state: every call moves forward from where the last
 * one stopped, so a whole message costs time linear in its size. Nothing
 * is allocated; the verdicts are sc_parse_as() of SMTP. */
#include <string.h>

#include "kb.h"
#include "statuscodes.h"

enum {
    MODE_START = 0, /* nothing read yet */
    MODE_DSN,       /* in the delivery-status part: [pos, end) */
    MODE_TEXT,      /* reading text for quoted replies: [pos, end) */
    MODE_DONE
};

static int is_space(int c) { return c == ' ' || c == '\t'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* The line at *pos of s[0, end): its start and length without CR LF or
 * LF; *pos moves past it. 0 when *pos >= end. */
static int next_line(const char *s, size_t end, size_t *pos, size_t *ls,
                     size_t *ln)
{
    const char *nl;
    size_t p = *pos, e;
    if (p >= end)
        return 0;
    nl = memchr(s + p, '\n', end - p);
    e = nl ? (size_t)(nl - s) : end;
    *ls = p;
    *ln = e - p;
    if (*ln > 0 && s[e - 1] == '\r')
        (*ln)--;
    *pos = nl ? e + 1 : end;
    return 1;
}

/* 1 if s[0, n) starts with the lower-case literal `lit`, case ignored. */
static int ci_prefix(const char *s, size_t n, const char *lit)
{
    size_t i;
    for (i = 0; lit[i] != '\0'; i++)
        if (i >= n || lower((unsigned char)s[i]) != lit[i])
            return 0;
    return 1;
}

/* Offset of the lower-case literal `lit` in s[0, n), case ignored; n if
 * none. */
static size_t ci_find(const char *s, size_t n, const char *lit)
{
    return sc__find_ci(s, n, 0, lit, strlen(lit));
}

/* Skip spaces and tabs at both ends of [*a, *a + *n). */
static void trim(const char *s, size_t *a, size_t *n)
{
    while (*n > 0 && (is_space((unsigned char)s[*a]) || s[*a] == '\r' ||
                      s[*a] == '\n')) {
        (*a)++;
        (*n)--;
    }
    while (*n > 0 && (is_space((unsigned char)s[*a + *n - 1]) ||
                      s[*a + *n - 1] == '\r' || s[*a + *n - 1] == '\n'))
        (*n)--;
}

/* A header field at line [ls, ls+ln) named `name` (lower case, with its
 * colon)? Then *val is the offset of its value. */
static int header_is(const char *s, size_t ls, size_t ln, const char *name,
                     size_t *val)
{
    size_t m = strlen(name), i = m;
    if (!ci_prefix(s + ls, ln, name))
        return 0;
    while (i < ln && is_space((unsigned char)s[ls + i]))
        i++;
    *val = ls + i;
    return 1;
}

/* The end of the header field whose first line ends at `after` (the offset
 * past that line): past its continuation lines, those that start with a
 * space or a tab. */
static size_t field_end(const char *s, size_t end, size_t after)
{
    size_t pos = after, ls, ln, last = after;
    while (pos < end && is_space((unsigned char)s[pos]) &&
           next_line(s, end, &pos, &ls, &ln)) {
        size_t i = 0;
        while (i < ln && is_space((unsigned char)s[ls + i]))
            i++;
        if (i == ln)
            break; /* a blank line ends the block, even with spaces on it */
        last = pos;
    }
    return last;
}

/* ------------------------------------------------------------------------ */
/* Addresses                                                                */
/* ------------------------------------------------------------------------ */

static int addr_char(int c)
{
    return c > ' ' && c != '<' && c != '>' && c != '(' && c != ')' &&
           c != '[' && c != ']' && c != ',' && c != ';' && c != ':' &&
           c != '"' && c != '\'' && c != '\\' && c != 127;
}

/* The first (last: 1) address in s[a, a+n): a run of address characters
 * with an '@' that has some before and after it, dots trimmed at its end.
 * Returns 1 and sets *off, *len. Linear in n. */
static int find_address(const char *s, size_t a, size_t n, int last,
                        size_t *off, size_t *len)
{
    size_t i = 0, found = 0;
    while (i < n) {
        size_t t = i, at = (size_t)-1;
        while (i < n && addr_char((unsigned char)s[a + i])) {
            if (s[a + i] == '@' && at == (size_t)-1)
                at = i;
            i++;
        }
        if (at != (size_t)-1 && at > t) {
            size_t e = i;
            while (e > at + 1 && s[a + e - 1] == '.')
                e--;
            if (e > at + 1) {
                *off = a + t;
                *len = e - t;
                found = 1;
                if (!last)
                    return 1;
            }
        }
        if (i == t)
            i++;
    }
    return (int)found;
}

static unsigned long addr_hash(const char *s, size_t n)
{
    unsigned long h = 2166136261UL;
    size_t i;
    for (i = 0; i < n; i++)
        h = ((h ^ (unsigned long)lower((unsigned char)s[i])) * 16777619UL) &
            0xffffffffUL;
    return h | 1; /* never 0: 0 is an empty slot */
}

/* ------------------------------------------------------------------------ */
/* Finding the delivery-status part                                         */
/* ------------------------------------------------------------------------ */

#define MAX_BOUNDARIES 8

typedef struct {
    size_t off[MAX_BOUNDARIES], len[MAX_BOUNDARIES], n;
} boundaries;

/* Record the boundary= parameter of a Content-Type value [v, e). */
static void add_boundary(const char *s, size_t v, size_t e, boundaries *b)
{
    size_t i = ci_find(s + v, e - v, "boundary="), a, n = 0;
    if (i == e - v || b->n >= MAX_BOUNDARIES)
        return;
    a = v + i + 9;
    if (a < e && s[a] == '"') {
        a++;
        while (a + n < e && s[a + n] != '"' && s[a + n] != '\n' &&
               s[a + n] != '\r')
            n++;
    }
    else {
        while (a + n < e && s[a + n] > ' ' && s[a + n] != ';' &&
               s[a + n] != '"')
            n++;
    }
    if (n > 0 && n <= 200) { /* RFC 2046: at most 70 */
        b->off[b->n] = a;
        b->len[b->n] = n;
        b->n++;
    }
}

/* 1 if line [ls, ls+ln) is "--" and a known boundary. */
static int is_boundary(const char *s, size_t ls, size_t ln,
                       const boundaries *b)
{
    size_t k;
    if (ln < 3 || s[ls] != '-' || s[ls + 1] != '-')
        return 0;
    for (k = 0; k < b->n; k++)
        if (ln - 2 >= b->len[k] &&
            memcmp(s + ls + 2, s + b->off[k], b->len[k]) == 0)
            return 1;
    return 0;
}

/* Where the body of the message starts: past its header block, or 0 when
 * the first line is not a header field (a pasted body). */
static size_t body_start(const char *s, size_t len)
{
    size_t pos = 0, ls, ln, i;
    if (!next_line(s, len, &pos, &ls, &ln))
        return 0;
    if (!ci_prefix(s + ls, ln, "from ")) {
        for (i = 0; i < ln && s[ls + i] > ' ' && s[ls + i] != ':'; i++)
            ;
        if (i == 0 || i >= ln || s[ls + i] != ':')
            return 0;
    }
    while (next_line(s, len, &pos, &ls, &ln))
        if (ln == 0)
            return pos;
    return 0; /* headers only, or no blank line: read it all */
}

/* Look for the delivery-status part from `from`. Sets the region of its
 * body; returns 1 if found (and readable: not base64). `*unreadable` is
 * set when one was found in an encoding not read. */
static int find_dsn_part(const char *s, size_t len, size_t *rs, size_t *re,
                         int *unreadable)
{
    boundaries b;
    size_t pos = 0, ls, ln, v, e, q;
    b.n = 0;
    while (next_line(s, len, &pos, &ls, &ln)) {
        if (!header_is(s, ls, ln, "content-type:", &v))
            continue;
        e = field_end(s, len, pos);
        if (ci_prefix(s + v, e - v, "multipart/")) {
            add_boundary(s, v, e, &b);
            continue;
        }
        if (!ci_prefix(s + v, e - v, "message/delivery-status") &&
            !ci_prefix(s + v, e - v, "message/global-delivery-status"))
            continue;
        /* The part's other header fields, to its blank line. */
        q = e;
        *unreadable = 0;
        while (next_line(s, len, &q, &ls, &ln) && ln > 0) {
            size_t cv;
            if (header_is(s, ls, ln, "content-transfer-encoding:", &cv) &&
                ci_prefix(s + cv, ln - (cv - ls), "base64"))
                *unreadable = 1;
        }
        if (*unreadable)
            return 0;
        *rs = q;
        *re = len;
        /* It ends at the next boundary line. */
        while (next_line(s, len, &q, &ls, &ln))
            if (is_boundary(s, ls, ln, &b)) {
                *re = ls;
                break;
            }
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Verdicts                                                                 */
/* ------------------------------------------------------------------------ */

/* Copy the value [v, e) into buf (at most SC_BOUNCE_REPLY_MAX bytes),
 * unfolded: a fold whose next line starts with a reply code ("550-") keeps
 * its line break (a multi-line reply), any other fold is one space. */
static size_t unfold(const char *s, size_t v, size_t e, char *buf, int *cut)
{
    size_t i = v, n = 0;
    while (i < e) {
        char c = s[i];
        if (c == '\r' || c == '\n') {
            size_t j = i;
            int code;
            while (j < e && (s[j] == '\r' || s[j] == '\n' ||
                             is_space((unsigned char)s[j])))
                j++;
            if (j >= e)
                break;
            code = j + 3 < e && is_digit((unsigned char)s[j]) &&
                   is_digit((unsigned char)s[j + 1]) &&
                   is_digit((unsigned char)s[j + 2]) &&
                   (s[j + 3] == '-' || s[j + 3] == ' ');
            c = code ? '\n' : ' ';
            while (n > 0 && buf[n - 1] == ' ')
                n--;
            i = j;
        }
        else {
            i++;
        }
        if (c == '\0')
            c = ' ';
        if (n >= SC_BOUNCE_REPLY_MAX) {
            *cut = 1;
            break;
        }
        buf[n++] = c;
    }
    while (n > 0 && is_space((unsigned char)buf[n - 1]))
        n--;
    buf[n] = '\0';
    return n;
}

/* Parse buf[0, n) into out->verdict, its text after the copy. */
static void verdict_of(char *text, size_t n, sc_bounce_rcpt *out)
{
    char *vt = text + SC_BOUNCE_REPLY_MAX + 1;
    int smtp = sc_protocol_find("smtp", 4);
    out->reply = text;
    out->reply_len = n;
    out->has_verdict =
        sc_parse_as(smtp, text, n, vt, SC_BOUNCE_REPLY_MAX + 1,
                    &out->verdict) == SC_OK;
}

static void clear(sc_bounce_rcpt *out)
{
    memset(out, 0, sizeof *out);
}

/* Strip a "type;" prefix from the value [*a, *a + *n): "rfc822;",
 * "utf-8;", "smtp;", "dns;", "X-Postfix;". */
static void strip_type(const char *s, size_t *a, size_t *n)
{
    size_t i;
    for (i = 0; i < *n && i < 40; i++) {
        unsigned char c = (unsigned char)s[*a + i];
        if (c == ';') {
            if (i == 0)
                break;
            *a += i + 1;
            *n -= i + 1;
            trim(s, a, n);
            return;
        }
        if (!(c > ' ' && c < 127 && c != ':' && c != '<' && c != '@'))
            break;
    }
}

static void strip_angles(const char *s, size_t *a, size_t *n)
{
    if (*n >= 2 && s[*a] == '<' && s[*a + *n - 1] == '>') {
        (*a)++;
        *n -= 2;
        trim(s, a, n);
    }
}

/* One recipient block of the delivery-status part, [bs, be). Returns 1 if
 * it names a recipient or says an Action or Status. */
static int read_block(const char *msg, size_t bs, size_t be,
                      sc_bounce_rcpt *out, char *text)
{
    size_t pos = bs, ls, ln, v, e, diag = 0, diag_end = 0;
    int have_diag = 0, any = 0, cut = 0;
    while (next_line(msg, be, &pos, &ls, &ln)) {
        size_t *off = NULL, *flen = NULL, a, n;
        int kind = 0;
        if (ln == 0 || is_space((unsigned char)msg[ls]))
            continue;
        if (header_is(msg, ls, ln, "final-recipient:", &v)) {
            off = &out->recipient;
            flen = &out->recipient_len;
            kind = 1;
        }
        else if (header_is(msg, ls, ln, "original-recipient:", &v)) {
            off = &out->original;
            flen = &out->original_len;
            kind = 1;
        }
        else if (header_is(msg, ls, ln, "action:", &v)) {
            off = &out->dsn_action;
            flen = &out->dsn_action_len;
        }
        else if (header_is(msg, ls, ln, "status:", &v)) {
            off = &out->status;
            flen = &out->status_len;
        }
        else if (header_is(msg, ls, ln, "remote-mta:", &v)) {
            off = &out->remote_mta;
            flen = &out->remote_mta_len;
            kind = 2;
        }
        else if (header_is(msg, ls, ln, "diagnostic-code:", &v)) {
            if (!have_diag) {
                have_diag = 1;
                diag = v;
                diag_end = field_end(msg, be, pos);
            }
            continue;
        }
        else {
            continue;
        }
        e = pos; /* a folded field is read on its first line */
        if (*flen != 0)
            continue; /* the first of a repeated field counts */
        a = v;
        n = e - v;
        trim(msg, &a, &n);
        if (kind)
            strip_type(msg, &a, &n);
        if (kind == 1)
            strip_angles(msg, &a, &n);
        *off = a;
        *flen = n;
        any = 1;
    }
    if (have_diag) {
        size_t a = diag, n = diag_end - diag;
        trim(msg, &a, &n);
        strip_type(msg, &a, &n);
        out->diagnostic_len = unfold(msg, a, a + n, text, &cut);
        out->diagnostic = text;
        if (out->diagnostic_len == 0)
            out->diagnostic = NULL;
        any = 1;
    }
    if (out->diagnostic != NULL) {
        out->from = SC_BOUNCE_FROM_DIAGNOSTIC;
        verdict_of(text, out->diagnostic_len, out);
    }
    else if (out->status_len > 0) {
        size_t n = unfold(msg, out->status, out->status + out->status_len,
                          text, &cut);
        out->from = SC_BOUNCE_FROM_STATUS;
        verdict_of(text, n, out);
    }
    out->truncated = cut;
    out->start = bs;
    out->end = be;
    out->source = SC_BOUNCE_DSN;
    return any;
}

/* ------------------------------------------------------------------------ */
/* Text: replies quoted in prose                                            */
/* ------------------------------------------------------------------------ */

/* A 4xx or 5xx reply code at s[i] of line s[0, n): three digits followed
 * by a space, '-' or the end, and not part of a longer word. */
static int code_at(const char *s, size_t n, size_t i)
{
    return i + 3 <= n && (s[i] == '4' || s[i] == '5') &&
           is_digit((unsigned char)s[i + 1]) &&
           is_digit((unsigned char)s[i + 2]) &&
           (i + 3 == n || s[i + 3] == ' ' || s[i + 3] == '-');
}

/* Where a quoted reply starts in line s[0, n): a code at the line's start
 * (after white space), or after "said:", "<<<", "reason:", "returned '",
 * "#", "smtp;" (Exchange): after ':', ';', '\'', '"', '<', '#' or '(' and
 * spaces. n if
 * none. */
static size_t reply_in_line(const char *s, size_t n)
{
    size_t i = 0, j;
    while (i < n && is_space((unsigned char)s[i]))
        i++;
    if (code_at(s, n, i))
        return i;
    for (; i < n; i++) {
        if (!code_at(s, n, i) || (i > 0 && !is_space((unsigned char)s[i - 1]) &&
                                  strchr(":;'\"<#(", s[i - 1]) == NULL))
            continue;
        j = i;
        while (j > 0 && is_space((unsigned char)s[j - 1]))
            j--;
        if (j > 0 && strchr(":;'\"<#(", s[j - 1]) != NULL && s[j - 1] != '\0')
            return i;
    }
    return n;
}

/* A line where the quoted copy of the message starts: the text reading
 * stops there. */
static int is_copy_marker(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (is_space((unsigned char)s[i]) || s[i] == '-' ||
                     s[i] == '='))
        i++;
    s += i;
    n -= i;
    return ci_prefix(s, n, "below this line is a copy") ||
           ci_prefix(s, n, "this is a copy of the message") ||
           ci_prefix(s, n, "original message") ||
           ci_prefix(s, n, "content-type: message/rfc822") ||
           ci_prefix(s, n, "content-type: message/global") ||
           ci_prefix(s, n, "content-type: text/rfc822-headers") ||
           ci_prefix(s, n, "undelivered message follows");
}

/* The next reply quoted in the text from st->pos: one per recipient. */
static int next_text(const char *msg, sc_bounce_state *st,
                     sc_bounce_rcpt *out, char *text)
{
    size_t ls, ln;
    size_t addr = 0, addr_len = 0;
    size_t block = st->pos;
    while (next_line(msg, st->end, &st->pos, &ls, &ln)) {
        size_t r, a, n, rpos, rls, rln, k;
        int cut = 0, dup = 0, indented;
        if (is_copy_marker(msg + ls, ln)) {
            st->pos = st->end;
            return 0;
        }
        r = reply_in_line(msg + ls, ln);
        if (r == ln) {
            if (find_address(msg, ls, ln, 1, &a, &n)) {
                addr = a;
                addr_len = n;
                if (st->pos > block && addr_len > 0 &&
                    (msg[ls] == '<' || (ln > 0 && msg[ls + ln - 1] == ':')))
                    block = ls; /* qmail's "<user@domain>:" starts a block */
            }
            continue;
        }
        /* A reply: its address is the last one seen since the last reply,
         * else one on its own line (before the code, else after). */
        if (addr_len == 0 &&
            !find_address(msg, ls, r, 0, &addr, &addr_len) &&
            !find_address(msg, ls + r, ln - r, 0, &addr, &addr_len) &&
            st->found > 0) {
            st->skipped++;
            continue; /* a second reply of the same recipient */
        }
        /* The reply's lines: more lines of the same code ("550-"), and,
         * for a reply not indented, the indented lines that wrap it. */
        indented = ln > 0 && is_space((unsigned char)msg[ls]);
        rpos = st->pos;
        n = ls + ln;
        while (next_line(msg, st->end, &rpos, &rls, &rln)) {
            size_t t = 0;
            while (t < rln && is_space((unsigned char)msg[rls + t]))
                t++;
            if (t == rln)
                break;
            if (!(rln - t >= 4 && memcmp(msg + rls + t, msg + ls + r, 3) == 0 &&
                  (msg[rls + t + 3] == '-' || msg[rls + t + 3] == ' ')) &&
                !(!indented && t > 0))
                break;
            n = rls + rln;
            st->pos = rpos;
        }
        clear(out);
        out->source = SC_BOUNCE_TEXT;
        out->start = block;
        out->end = st->pos;
        out->recipient = addr;
        out->recipient_len = addr_len;
        out->diagnostic_len = unfold(msg, ls + r, n, text, &cut);
        out->diagnostic = text;
        out->truncated = cut;
        out->from = SC_BOUNCE_FROM_TEXT;
        if (addr_len > 0) {
            unsigned long h = addr_hash(msg + addr, addr_len);
            for (k = 0; k < SC_BOUNCE_SEEN; k++)
                dup |= st->seen[k] == h;
            if (dup) {
                addr_len = 0;
                addr = 0;
                block = st->pos;
                continue; /* this recipient has its verdict */
            }
            st->seen[st->found % SC_BOUNCE_SEEN] = h;
        }
        verdict_of(text, out->diagnostic_len, out);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* The walk                                                                 */
/* ------------------------------------------------------------------------ */

int sc_bounce_next(const char *msg, size_t len, sc_bounce_state *st,
                   sc_bounce_rcpt *out, char *text, size_t size)
{
    if (st == NULL || out == NULL || text == NULL || (msg == NULL && len > 0))
        return SC_EINVAL;
    if (size < SC_BOUNCE_BUFSIZE)
        return SC_ENOSPACE;
    if (st->mode == MODE_START || st->pos > len || st->end > len) {
        size_t rs, re;
        int unreadable = 0;
        if (st->mode != MODE_START) { /* a state for another message */
            st->mode = MODE_DONE;
            return SC_EEMPTY;
        }
        st->found = 0;
        st->skipped = 0;
        memset(st->seen, 0, sizeof st->seen);
        st->body = body_start(msg, len);
        if (find_dsn_part(msg, len, &rs, &re, &unreadable)) {
            st->mode = MODE_DSN;
            st->pos = rs;
            st->end = re;
        }
        else {
            st->skipped += (size_t)unreadable;
            st->mode = MODE_TEXT;
            st->pos = st->body;
            st->end = len;
        }
    }
    while (st->mode == MODE_DSN) {
        size_t ls, ln, bs, be, p;
        /* Skip blank lines, then read a block to the next blank line. */
        for (;;) {
            p = st->pos;
            if (!next_line(msg, st->end, &st->pos, &ls, &ln)) {
                bs = st->end;
                break;
            }
            while (ln > 0 && is_space((unsigned char)msg[ls]))
                ls++, ln--;
            if (ln > 0) {
                bs = p;
                break;
            }
        }
        if (bs >= st->end) {
            if (st->found == 0) { /* nothing read: try the text */
                st->mode = MODE_TEXT;
                st->pos = st->body;
                st->end = len;
            }
            else {
                st->mode = MODE_DONE;
            }
            break;
        }
        be = st->pos;
        for (;;) {
            size_t q = st->pos, i = 0;
            if (!next_line(msg, st->end, &q, &ls, &ln))
                break;
            while (i < ln && is_space((unsigned char)msg[ls + i]))
                i++;
            st->pos = q;
            if (i == ln)
                break;
            be = q;
        }
        clear(out);
        if (!read_block(msg, bs, be, out, text))
            continue; /* not a field block */
        if (out->recipient_len == 0 && out->original_len == 0) {
            /* The per-message block (Reporting-MTA, Arrival-Date) has no
             * Action; a recipient block without a recipient is skipped. */
            if (out->dsn_action_len > 0)
                st->skipped++;
            continue;
        }
        st->found++;
        return SC_OK;
    }
    if (st->mode == MODE_TEXT) {
        if (next_text(msg, st, out, text)) {
            st->found++;
            return SC_OK;
        }
        st->mode = MODE_DONE;
    }
    st->pos = len;
    st->end = len;
    return SC_EEMPTY;
}

const char *sc_bounce_source_name(int source)
{
    switch (source) {
    case SC_BOUNCE_DSN:
        return "dsn";
    case SC_BOUNCE_TEXT:
        return "text";
    default:
        return NULL;
    }
}
