/*
 * logs.c — MTA log lines (Postfix, Exim, Sendmail, one reply per line) and
 * the bounded summary of many (statuscodes.h, "Mail logs").
 *
 * Every scan here goes forward over the line a bounded number of times with
 * needles of fixed length: time linear in the line. Nothing is allocated;
 * the summary's state is the caller's struct.
 */
#include <stddef.h>
#include <string.h>

#include "statuscodes.h"

/* --- small helpers -------------------------------------------------------- */

static int sc__lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int sc__isdigit(int c) { return c >= '0' && c <= '9'; }

static int sc__isalnum(int c)
{
    return sc__isdigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Offset of the first `n`-byte needle `k` in s[from, to), or `to`. */
static size_t sc__find(const char *s, size_t from, size_t to, const char *k)
{
    size_t n = strlen(k), i;
    if (n == 0 || to < n)
        return to;
    for (i = from; i + n <= to; i++)
        if (s[i] == k[0] && memcmp(s + i + 1, k + 1, n - 1) == 0)
            return i;
    return to;
}

/* Does s[at, to) start with `k`? */
static int sc__at(const char *s, size_t at, size_t to, const char *k)
{
    size_t n = strlen(k);
    return at <= to && to - at >= n && memcmp(s + at, k, n) == 0;
}

static sc_span sc__span(size_t off, size_t len)
{
    sc_span sp;
    sp.off = off;
    sp.len = len;
    return sp;
}

/* The value of "key=" at `at` (just past the '='): up to ", " or the end;
 * an <address> loses its brackets. */
static sc_span sc__value(const char *s, size_t at, size_t to)
{
    size_t e = at;
    if (at < to && s[at] == '<') {
        for (e = at + 1; e < to && s[e] != '>'; e++)
            ;
        return sc__span(at + 1, e - at - 1);
    }
    while (e < to && !(s[e] == ',' && (e + 1 == to || s[e + 1] == ' ')))
        e++;
    return sc__span(at, e - at);
}

/* The value of ", key=" (or "key=" at `from`) in s[from, to). */
static sc_span sc__key(const char *s, size_t from, size_t to, const char *key)
{
    char k[24];
    size_t n = strlen(key), p;
    if (n + 3 > sizeof k)
        return sc__span(0, 0);
    if (sc__at(s, from, to, key) && from + n < to && s[from + n] == '=')
        return sc__value(s, from + n + 1, to);
    k[0] = ' ';
    memcpy(k + 1, key, n);
    k[n + 1] = '=';
    k[n + 2] = '\0';
    p = sc__find(s, from, to, k);
    if (p == to)
        return sc__span(0, 0);
    return sc__value(s, p + n + 2, to);
}

/* A relay value "mx.example.net[192.0.2.5]:25" or "mx.example.net.
 * [192.0.2.5]" as its host name; none for "none", "local" and an empty
 * name. */
static sc_span sc__relay_host(const char *s, sc_span v)
{
    size_t e = v.off, end = v.off + v.len;
    while (e < end && s[e] != '[' && s[e] != ' ' && s[e] != ':')
        e++;
    if (e > v.off && s[e - 1] == '.')
        e--;
    if (e == v.off && e < end && s[e] == '[') { /* "[192.0.2.5]" */
        size_t b = e + 1;
        for (e = b; e < end && s[e] != ']'; e++)
            ;
        return sc__span(b, e - b);
    }
    if ((e - v.off == 4 && memcmp(s + v.off, "none", 4) == 0) ||
        (e - v.off == 5 && memcmp(s + v.off, "local", 5) == 0))
        return sc__span(0, 0);
    return sc__span(v.off, e - v.off);
}

/* --- the syslog prefix ---------------------------------------------------- */

/* "Dec  1 12:00:01 " or an RFC 3339 stamp: its length, 0 if neither. */
static size_t sc__syslog_time(const char *s, size_t n)
{
    size_t i;
    if (n >= 16 && s[3] == ' ' && s[6] == ' ' && s[9] == ':' && s[12] == ':' &&
        s[15] == ' ' && (s[4] == ' ' || sc__isdigit(s[4])) &&
        sc__isdigit(s[5]) && s[0] >= 'A' && s[0] <= 'Z')
        return 15;
    if (n >= 20 && sc__isdigit(s[0]) && s[4] == '-' && s[7] == '-' &&
        s[10] == 'T') {
        for (i = 10; i < n && s[i] != ' '; i++)
            ;
        return i < n ? i : 0;
    }
    return 0;
}

/* Exim's "2026-12-01 12:00:01[.123][ +0100] ": its length, 0 if not. */
static size_t sc__exim_time(const char *s, size_t n)
{
    size_t i;
    if (n < 20 || !sc__isdigit(s[0]) || s[4] != '-' || s[7] != '-' ||
        s[10] != ' ' || s[13] != ':' || s[16] != ':' || !sc__isdigit(s[18]))
        return 0;
    i = 19;
    if (i < n && s[i] == '.')
        for (i++; i < n && sc__isdigit(s[i]); i++)
            ;
    if (i + 5 < n && s[i] == ' ' && (s[i + 1] == '+' || s[i + 1] == '-') &&
        sc__isdigit(s[i + 2]) && sc__isdigit(s[i + 5]))
        i += 6;
    return i;
}

/* An Exim message id at `at`: 6-6-2 or 6-11-4 characters; its length. */
static size_t sc__exim_id(const char *s, size_t at, size_t n)
{
    size_t i = at, parts = 0, len = 0;
    while (i < n && s[i] != ' ') {
        if (s[i] == '-') {
            if (len == 0)
                return 0;
            parts++;
            len = 0;
        } else if (!sc__isalnum((unsigned char)s[i])) {
            return 0;
        } else {
            len++;
        }
        i++;
    }
    if (parts != 2 || len == 0 || i - at < 16 || i - at > 23 ||
        s[at + 6] != '-')
        return 0;
    return i - at;
}

/* --- Postfix -------------------------------------------------------------- */

static int sc__postfix(const char *s, size_t m, size_t n, sc_logline *o)
{
    size_t p = m, q, e;
    sc_span st;
    /* "QUEUEID: " or "NOQUEUE: " */
    for (q = m; q < n && sc__isalnum((unsigned char)s[q]); q++)
        ;
    if (q > m && q + 1 < n && s[q] == ':' && s[q + 1] == ' ') {
        if (!(q - m == 7 && memcmp(s + m, "NOQUEUE", 7) == 0))
            o->queue_id = sc__span(m, q - m);
        p = q + 2;
    }
    /* A reject of the SMTP server, a cleanup header check or a milter. */
    if (sc__at(s, p, n, "reject: ") || sc__at(s, p, n, "milter-reject: ")) {
        size_t r = p + (s[p] == 'r' ? 8 : 15), f, cl, h;
        o->mta_status = SC_MTA_REJECT;
        o->status = sc__span(p, s[p] == 'r' ? 6 : 13);
        f = sc__find(s, r, n, "; from=<");
        if (f < n) {
            sc_span to = sc__key(s, f + 2, n, "to");
            o->recipient = to;
            /* "helo=<x>: 5.7.1 text": the reply comes last. */
            h = sc__find(s, f, n, " helo=<");
            if (h < n) {
                for (h += 7; h < n && s[h] != '>'; h++)
                    ;
                if (h + 2 < n && s[h + 1] == ':' && s[h + 2] == ' ') {
                    o->reply = sc__span(h + 3, n - h - 3);
                }
            }
        }
        /* "RCPT from host[ip]: 554 5.7.1 ...; from=<" */
        cl = sc__find(s, r, f, " from ");
        if (cl < f) {
            size_t c = cl + 6, ce = c;
            while (ce < f && s[ce] != '[' && s[ce] != ' ' && s[ce] != ';')
                ce++;
            o->client = sc__span(c, ce - c);
            e = sc__find(s, ce, f, "]: ");
            if (o->reply.len == 0 && e < f)
                o->reply = sc__span(e + 3, f - e - 3);
        }
        if (o->reply.len == 0) {
            e = sc__find(s, r, f, ": ");
            if (e < f)
                o->reply = sc__span(e + 2, f - e - 2);
        }
        o->has_reply = o->reply.len > 0;
        return SC_OK;
    }
    /* A delivery: "to=<...>, relay=..., dsn=..., status=word (text)". */
    if (sc__at(s, p, n, "to=")) {
        o->recipient = sc__key(s, p, n, "to");
        o->relay = sc__relay_host(s, sc__key(s, p, n, "relay"));
        o->dsn = sc__key(s, p, n, "dsn");
        st = sc__key(s, p, n, "status");
        if (st.len == 0)
            return SC_OK; /* "to=<...>, orig_to=..." alone: nothing told */
        for (e = st.off; e < st.off + st.len && s[e] != ' '; e++)
            ;
        o->status = sc__span(st.off, e - st.off);
        if (sc__at(s, st.off, e, "sent") && e - st.off == 4)
            o->mta_status = SC_MTA_SENT;
        else if (sc__at(s, st.off, e, "deferred"))
            o->mta_status = SC_MTA_DEFERRED;
        else if (sc__at(s, st.off, e, "bounced"))
            o->mta_status = SC_MTA_BOUNCED;
        else if (sc__at(s, st.off, e, "expired"))
            o->mta_status = SC_MTA_EXPIRED;
        if (e + 1 < n && s[e] == ' ' && s[e + 1] == '(') {
            size_t b = e + 2, last = n;
            while (last > b && s[last - 1] == ' ')
                last--;
            if (last == b || s[last - 1] != ')') {
                o->damage = SC_LOGLINE_CUT;
                return SC_EMALFORMED;
            }
            o->reply = sc__span(b, last - 1 - b);
        }
        o->has_reply = o->mta_status != SC_MTA_NONE;
        return SC_OK;
    }
    /* qmgr's "from=<...>, status=expired, returned to sender": no reply. */
    st = sc__key(s, p, n, "status");
    if (sc__at(s, st.off, st.off + st.len, "expired") && st.len >= 7) {
        o->mta_status = SC_MTA_EXPIRED;
        o->status = sc__span(st.off, 7);
    }
    return SC_OK;
}

/* --- Exim ----------------------------------------------------------------- */

/* The message at `m`: "ID ** rcpt R=... T=... H=host [ip]: reply". */
static int sc__exim(const char *s, size_t m, size_t n, sc_logline *o)
{
    size_t id = sc__exim_id(s, m, n), p, e, c;
    sc_span h;
    if (id == 0) {
        /* "H=(helo) [ip] F=<a> rejected RCPT <b>: text" */
        p = sc__find(s, m, n, " rejected RCPT ");
        if (p < n) {
            size_t a = p + 15;
            o->mta_status = SC_MTA_REJECT;
            o->status = sc__span(p + 1, 8);
            if (a < n && s[a] == '<')
                a++;
            for (e = a; e < n && s[e] != '>' && s[e] != ':' && s[e] != ' '; e++)
                ;
            o->recipient = sc__span(a, e - a);
            c = sc__find(s, e, n, ": ");
            if (c < n)
                o->reply = sc__span(c + 2, n - c - 2);
            h = sc__key(s, m, n, "H");
            if (h.len)
                o->client = sc__relay_host(s, h);
            o->has_reply = o->reply.len > 0;
        }
        return SC_OK;
    }
    o->queue_id = sc__span(m, id);
    p = m + id + 1;
    if (p + 3 > n || s[p + 2] != ' ')
        return SC_OK; /* "Completed", "Frozen", ... */
    o->status = sc__span(p, 2);
    if (sc__at(s, p, n, "** "))
        o->mta_status = SC_MTA_BOUNCED;
    else if (sc__at(s, p, n, "== "))
        o->mta_status = SC_MTA_DEFERRED;
    else if (sc__at(s, p, n, "=> ") || sc__at(s, p, n, "-> ") ||
             sc__at(s, p, n, "*> "))
        o->mta_status = SC_MTA_SENT;
    else
        return SC_OK; /* "<=" arrivals and the rest tell no result */
    p += 3;
    for (e = p; e < n && s[e] != ' ' && !(s[e] == ':' && (e + 1 == n ||
                                                          s[e + 1] == ' '));
         e++)
        ;
    if (e > p && s[p] == '<' && s[e - 1] == '>')
        o->recipient = sc__span(p + 1, e - p - 2);
    else
        o->recipient = sc__span(p, e - p);
    h = sc__key(s, e, n, "H");
    if (h.len)
        o->relay = sc__relay_host(s, h);
    if (o->mta_status == SC_MTA_SENT) {
        c = sc__find(s, e, n, " C=\"");
        if (c < n) {
            size_t b = c + 4, z = b;
            while (z < n && s[z] != '"')
                z++;
            o->reply = sc__span(b, z - b);
        }
    } else {
        c = sc__find(s, e, n, ": ");
        if (c < n)
            o->reply = sc__span(c + 2, n - c - 2);
        else if (e < n && s[e] == ':')
            o->reply = sc__span(e + 1, n - e - 1);
    }
    o->has_reply = 1;
    return SC_OK;
}

/* --- Sendmail ------------------------------------------------------------- */

static int sc__sendmail(const char *s, size_t m, size_t n, sc_logline *o)
{
    size_t p = m, q;
    sc_span v;
    for (q = m; q < n && sc__isalnum((unsigned char)s[q]); q++)
        ;
    if (q > m && q + 1 < n && s[q] == ':' && s[q + 1] == ' ') {
        o->queue_id = sc__span(m, q - m);
        p = q + 2;
    }
    v = sc__key(s, p, n, "reject");
    if (v.len) { /* "ruleset=check_rcpt, arg1=<x>, relay=..., reject=550 ..." */
        o->mta_status = SC_MTA_REJECT;
        o->status = sc__span(v.off - 7, 6);
        o->reply = sc__span(v.off, n - v.off);
        o->recipient = sc__key(s, p, n, "arg1");
        o->client = sc__relay_host(s, sc__key(s, p, n, "relay"));
        o->has_reply = 1;
        return SC_OK;
    }
    if (!sc__at(s, p, n, "to="))
        return SC_OK; /* from= lines and the rest */
    o->recipient = sc__key(s, p, n, "to");
    /* "to=a@x,b@y": the first address. */
    for (q = o->recipient.off; q < o->recipient.off + o->recipient.len &&
                               s[q] != ',' && s[q] != '>';
         q++)
        ;
    o->recipient.len = q - o->recipient.off;
    o->relay = sc__relay_host(s, sc__key(s, p, n, "relay"));
    o->dsn = sc__key(s, p, n, "dsn");
    v = sc__key(s, p, n, "stat");
    if (v.len == 0)
        return SC_OK;
    o->reply = sc__span(v.off, n - v.off);
    for (q = v.off; q < n && s[q] != ':' && !(s[q] == ' ' && q + 1 < n &&
                                             s[q + 1] == '(');
         q++)
        ;
    o->status = sc__span(v.off, q - v.off);
    if (sc__at(s, v.off, n, "Sent"))
        o->mta_status = SC_MTA_SENT;
    else if (sc__at(s, v.off, n, "Deferred"))
        o->mta_status = SC_MTA_DEFERRED;
    else if (o->dsn.len && s[o->dsn.off] == '5')
        o->mta_status = SC_MTA_BOUNCED;
    else if (o->dsn.len && s[o->dsn.off] == '4')
        o->mta_status = SC_MTA_DEFERRED;
    else if (o->dsn.len && s[o->dsn.off] == '2')
        o->mta_status = SC_MTA_SENT;
    else
        o->mta_status = SC_MTA_BOUNCED; /* "stat=User unknown" without dsn */
    o->has_reply = 1;
    return SC_OK;
}

/* --- one line ------------------------------------------------------------- */

static const char *const sc__format_names[SC_LOG_FORMAT_COUNT] = {
    "auto", "postfix", "exim", "sendmail", "reply"};
static const char *const sc__mta_names[SC_MTA_STATUS_COUNT] = {
    "none", "sent", "deferred", "bounced", "expired", "reject"};

const char *sc_log_format_name(int format)
{
    return format >= 0 && format < SC_LOG_FORMAT_COUNT
               ? sc__format_names[format]
               : NULL;
}

const char *sc_mta_status_name(int status)
{
    return status >= 0 && status < SC_MTA_STATUS_COUNT ? sc__mta_names[status]
                                                       : NULL;
}

/* A program name's family: "postfix/smtp", "postfix-out/qmgr" → Postfix. */
static int sc__program_format(const char *s, sc_span p)
{
    size_t i;
    if (p.len >= 7 && memcmp(s + p.off, "postfix", 7) == 0)
        return SC_LOG_POSTFIX;
    if ((p.len >= 4 && memcmp(s + p.off, "exim", 4) == 0))
        return SC_LOG_EXIM;
    if ((p.len >= 8 && memcmp(s + p.off, "sendmail", 8) == 0) ||
        (p.len >= 3 && memcmp(s + p.off, "sm-", 3) == 0))
        return SC_LOG_SENDMAIL;
    for (i = 0; i < p.len; i++)
        if (s[p.off + i] == '/')
            return SC_LOG_POSTFIX; /* another instance's name: "mx-in/smtpd" */
    return SC_LOG_REPLY;
}

int sc_logline_read(int format, const char *line, size_t len, sc_logline *out)
{
    size_t n = len, i, b, t, ctl = 0, m;
    int fmt;
    sc_logline o;
    if (out == NULL || (line == NULL && len > 0) || format < 0 ||
        format >= SC_LOG_FORMAT_COUNT)
        return SC_EINVAL;
    memset(&o, 0, sizeof o);
    o.format = format == SC_LOG_AUTO ? SC_LOG_REPLY : format;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    for (b = 0; b < n && (line[b] == ' ' || line[b] == '\t'); b++)
        ;
    if (b == n) {
        *out = o;
        return SC_EEMPTY;
    }
    for (i = b; i < n; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c == 0) {
            ctl = n;
            break;
        }
        ctl += c < 32 && c != '\t';
    }
    if (ctl * 4 > n - b) {
        o.damage = SC_LOGLINE_BINARY;
        *out = o;
        return SC_EMALFORMED;
    }
    if (format == SC_LOG_REPLY) {
        o.reply = sc__span(b, n - b);
        o.has_reply = 1;
        *out = o;
        return SC_OK;
    }
    /* Exim's own log: a date, a space, a time. */
    t = sc__exim_time(line + b, n - b);
    if (t > 0 && (format == SC_LOG_AUTO || format == SC_LOG_EXIM)) {
        int r;
        o.format = SC_LOG_EXIM;
        o.time = sc__span(b, t);
        m = b + t;
        while (m < n && line[m] == ' ')
            m++;
        if (m < n && line[m] == '[') { /* log_selector +pid */
            while (m < n && line[m] != ']')
                m++;
            m += m < n;
            while (m < n && line[m] == ' ')
                m++;
        }
        r = sc__exim(line, m, n, &o);
        *out = o;
        return r;
    }
    t = sc__syslog_time(line + b, n - b);
    if (t > 0) {
        size_t h = b + t + 1, he, pe;
        o.time = sc__span(b, t);
        for (he = h; he < n && line[he] != ' '; he++)
            ;
        o.host = sc__span(h, he - h);
        for (pe = he < n ? he + 1 : n; pe < n && line[pe] != '[' && line[pe] != ':' &&
                          line[pe] != ' ';
             pe++)
            ;
        if (he < n)
            o.program = sc__span(he + 1, pe - he - 1);
        m = pe;
        if (m < n && line[m] == '[')
            while (m < n && line[m] != ']')
                m++;
        m += m < n && line[m] == ']';
        if (m < n && line[m] == ':')
            m++;
        while (m < n && line[m] == ' ')
            m++;
        fmt = sc__program_format(line, o.program);
        if (fmt == SC_LOG_EXIM && sc__exim_id(line, m, n) == 0 &&
            sc__find(line, m, n, " rejected RCPT ") == n)
            fmt = SC_LOG_REPLY;
        if (format != SC_LOG_AUTO && fmt != format) {
            o.format = format;
            *out = o; /* another format's line: nothing to judge */
            return SC_OK;
        }
        o.format = fmt;
        switch (fmt) {
        case SC_LOG_POSTFIX: {
            int r = sc__postfix(line, m, n, &o);
            *out = o;
            return r;
        }
        case SC_LOG_EXIM: {
            int r = sc__exim(line, m, n, &o);
            *out = o;
            return r;
        }
        case SC_LOG_SENDMAIL: {
            int r = sc__sendmail(line, m, n, &o);
            *out = o;
            return r;
        }
        default:
            o.reply = sc__span(m, n - m);
            o.has_reply = m < n;
            *out = o;
            return SC_OK;
        }
    }
    if (format != SC_LOG_AUTO) {
        *out = o;
        return SC_OK;
    }
    o.format = SC_LOG_REPLY;
    o.reply = sc__span(b, n - b);
    o.has_reply = 1;
    *out = o;
    return SC_OK;
}

int sc_logline_verdict(const char *line, size_t len, const sc_logline *ll,
                       char *text, size_t size, sc_verdict *out)
{
    static const char sent[] = "250";
    int smtp = sc_protocol_find("smtp", 4), r;
    size_t off;
    sc_verdict v;
    if (ll == NULL || text == NULL || out == NULL || (line == NULL && len > 0))
        return SC_EINVAL;
    if (!ll->has_reply)
        return SC_EEMPTY;
    if (ll->reply.off > len || ll->reply.len > len - ll->reply.off ||
        ll->dsn.off > len || ll->dsn.len > len - ll->dsn.off)
        return SC_EINVAL;
    if (size <= ll->reply.len)
        return SC_ENOSPACE;
    off = ll->reply.off;
    r = ll->reply.len ? sc_parse_as(smtp, line + off, ll->reply.len, text,
                                    size, &v)
                      : SC_EEMPTY;
    if ((r == SC_EEMPTY || (r == SC_OK && !v.has_code && !v.has_enhanced)) &&
        ll->dsn.len > 0) {
        size_t end = ll->reply.len ? ll->reply.off + ll->reply.len
                                   : ll->dsn.off + ll->dsn.len;
        if (end < ll->dsn.off + ll->dsn.len)
            end = ll->dsn.off + ll->dsn.len;
        if (size <= end - ll->dsn.off)
            return SC_ENOSPACE;
        off = ll->dsn.off;
        r = sc_parse_as(smtp, line + off, end - off, text, size, &v);
        /* The text is the reply's, not ", status=bounced (...". */
        if (r == SC_OK && ll->reply.len > 0 && v.text_len >= ll->reply.len &&
            memcmp(text + v.text_len - ll->reply.len, line + ll->reply.off,
                   ll->reply.len) == 0) {
            memmove(text, text + v.text_len - ll->reply.len, ll->reply.len);
            text[ll->reply.len] = '\0';
            v.text_len = ll->reply.len;
        }
    }
    if (r == SC_EEMPTY && ll->mta_status == SC_MTA_SENT) {
        r = sc_parse_as(smtp, sent, sizeof sent - 1, text, size, &v);
        if (r == SC_OK) {
            v.start = v.end = 0;
            *out = v;
        }
        return r;
    }
    if (r != SC_OK)
        return r;
    /* An MTA that says it bounced the message has given up: with no code
     * to say otherwise, the verdict is permanent. */
    if (!v.has_code && !v.has_enhanced && !v.no_reply &&
        ll->mta_status == SC_MTA_BOUNCED) {
        v.permanent = 1;
        v.action = sc_reason_action(v.reason, 1);
        v.retryable = v.action == SC_ACTION_RETRY;
    }
    v.start += off;
    v.end += off;
    if (v.retry_at_len)
        v.retry_at += off;
    *out = v;
    return SC_OK;
}

/* --- the summary ---------------------------------------------------------- */

static unsigned long sc__hash(const char *k, size_t n)
{
    unsigned long h = 2166136261UL;
    size_t i;
    for (i = 0; i < n; i++)
        h = ((h ^ (unsigned char)k[i]) * 16777619UL) & 0xffffffffUL;
    return h;
}

/* The slot of key `k` (`n` bytes, already lower case and cut) in table
 * `t`, inserted if there is room; -1 when it is absent and the table full. */
static long sc__table_slot(sc_summary_table *t, const char *k, size_t n)
{
    size_t mask = 2 * SC_SUMMARY_KEYS - 1, i = sc__hash(k, n) & mask;
    for (;;) {
        unsigned short x = t->index[i];
        if (x == 0)
            break;
        if (strlen(t->keys[x - 1].key) == n &&
            memcmp(t->keys[x - 1].key, k, n) == 0)
            return (long)(x - 1);
        i = (i + 1) & mask;
    }
    if (t->used >= SC_SUMMARY_KEYS)
        return -1;
    memset(&t->keys[t->used], 0, sizeof t->keys[t->used]);
    memcpy(t->keys[t->used].key, k, n);
    t->keys[t->used].key[n] = '\0';
    t->index[i] = (unsigned short)(t->used + 1);
    return (long)t->used++;
}

/* Count one line of action `a` (`w` times) under key `k` (`n` bytes). */
static void sc__table_add(sc_summary_table *t, const char *k, size_t n,
                          const unsigned long long *actions,
                          unsigned long long w)
{
    char key[SC_SUMMARY_KEY_MAX];
    size_t i, a;
    long slot;
    if (n > SC_SUMMARY_KEY_MAX - 1)
        n = SC_SUMMARY_KEY_MAX - 1;
    for (i = 0; i < n; i++)
        key[i] = (char)sc__lower((unsigned char)k[i]);
    slot = sc__table_slot(t, key, n);
    if (slot < 0) {
        t->other += w;
        return;
    }
    t->keys[slot].count += w;
    for (a = 0; a < SC_ACTION_COUNT; a++)
        t->keys[slot].action[a] += actions[a];
}

/* The provider of a relay host: its last two labels, three under a
 * two-letter country code whose second level is short ("co.uk"); an IP
 * address as it is. */
static sc_span sc__provider(const char *s, sc_span h)
{
    size_t end = h.off + h.len, i, dots = 0, cut[3] = {0, 0, 0}, digits = 1;
    for (i = h.off; i < end; i++)
        if (!sc__isdigit(s[i]) && s[i] != '.' && s[i] != ':')
            digits = 0;
    if (digits)
        return h;
    for (i = end; i > h.off && dots < 3; i--)
        if (s[i - 1] == '.')
            cut[dots++] = i;
    if (dots < 2)
        return h;
    /* cut[0] starts the last label, cut[1] the last two, cut[2] three */
    if (end - cut[0] == 2 && cut[0] - 1 - cut[1] <= 3)
        return dots >= 3 ? sc__span(cut[2], end - cut[2]) : h;
    return sc__span(cut[1], end - cut[1]);
}

/* An example text: addresses masked as <>, bracketed hosts as []. */
static size_t sc__mask(const char *t, size_t n, char *o)
{
    size_t i, k = 0;
    for (i = 0; i < n && k < SC_SUMMARY_TEXT_MAX - 1; i++) {
        char c = t[i], close = c == '<' ? '>' : c == '[' ? ']' : 0;
        if (close) {
            size_t j = i + 1;
            while (j < n && j - i < 256 && t[j] != close && t[j] != ' ')
                j++;
            if (j < n && t[j] == close) {
                if (k + 2 > SC_SUMMARY_TEXT_MAX - 1)
                    break;
                o[k++] = c;
                o[k++] = close;
                i = j;
                continue;
            }
        }
        o[k++] = c;
    }
    /* Never end inside a UTF-8 sequence. */
    if (k == SC_SUMMARY_TEXT_MAX - 1 && i < n) {
        while (k > 0 && ((unsigned char)o[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)o[k - 1] & 0xC0) == 0xC0)
            k--;
    }
    o[k] = '\0';
    return k;
}

/* Space-Saving: count `text` `w` times among the slots of one reason. */
static void sc__example_add(sc_summary *s, size_t reason, const char *text,
                            unsigned long long w)
{
    sc_summary_example *ex = s->examples[reason];
    size_t i, min = 0;
    for (i = 0; i < SC_SUMMARY_SLOTS; i++) {
        if (ex[i].count > 0 && strcmp(ex[i].text, text) == 0) {
            ex[i].count += w;
            return;
        }
    }
    for (i = 0; i < SC_SUMMARY_SLOTS; i++) {
        if (ex[i].count == 0) {
            ex[i].count = w;
            strcpy(ex[i].text, text);
            return;
        }
        if (ex[i].count < ex[min].count)
            min = i;
    }
    s->examples_evicted++;
    ex[min].count += w;
    strcpy(ex[min].text, text);
}

/* `n` digits at `s` as a number; -1 if one is not a digit. */
static int sc__digits(const char *s, size_t n)
{
    int v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        if (!sc__isdigit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The hour the time stamp `s` (`n` bytes: sc_logline.time) names, into
 * `c`'s year, month, day and hour: "2026-12-02T02:13:11..." (RFC 3339),
 * "2026-12-02 02:13:11" (Exim), "Dec  2 02:13:11" (syslog: year 0). 1 when
 * it is a date that exists, else 0. */
static int sc__time_hour(const char *s, size_t n, sc_summary_cell *c)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    static const int mdays[12] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    int y = 0, mo = 0, d, h, i;
    if (n >= 13 && s[4] == '-' && s[7] == '-' &&
        (s[10] == 'T' || s[10] == ' ')) {
        y = sc__digits(s, 4);
        mo = sc__digits(s + 5, 2);
        d = sc__digits(s + 8, 2);
        h = sc__digits(s + 11, 2);
        if (y <= 0)
            return 0;
    } else if (n >= 9 && s[3] == ' ' && s[6] == ' ') {
        for (i = 0; i < 12; i++)
            if (memcmp(s, months + 3 * i, 3) == 0)
                mo = i + 1;
        d = s[4] == ' ' ? sc__digits(s + 5, 1) : sc__digits(s + 4, 2);
        h = sc__digits(s + 7, 2);
    } else {
        return 0;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h < 0 || h > 23)
        return 0;
    if (mo == 2 && d == 29 && y != 0 &&
        !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return 0;
    c->year = (unsigned short)y;
    c->month = (unsigned char)mo;
    c->day = (unsigned char)d;
    c->hour = (unsigned char)h;
    return 1;
}

/* Count `w` lines in the cell of `c`'s hour and reason, inserted if there
 * is room; `other` counts them when the cell is new and the table full. */
static void sc__cell_add(sc_summary_times *t, const sc_summary_cell *c,
                         unsigned long long w)
{
    size_t mask = 2 * SC_SUMMARY_CELLS - 1, i;
    unsigned char k[6];
    k[0] = (unsigned char)(c->year >> 8);
    k[1] = (unsigned char)(c->year & 0xff);
    k[2] = c->month;
    k[3] = c->day;
    k[4] = c->hour;
    k[5] = c->reason;
    for (i = sc__hash((const char *)k, sizeof k) & mask;; i = (i + 1) & mask) {
        unsigned short x = t->index[i];
        sc_summary_cell *m;
        if (x == 0)
            break;
        m = &t->cells[x - 1];
        if (m->year == c->year && m->month == c->month && m->day == c->day &&
            m->hour == c->hour && m->reason == c->reason) {
            m->count += w;
            return;
        }
    }
    if (t->used >= SC_SUMMARY_CELLS) {
        t->other += w;
        return;
    }
    t->cells[t->used] = *c;
    t->cells[t->used].count = w;
    t->index[i] = (unsigned short)(t->used + 1);
    t->used++;
}

static long sc__recipient_slot(sc_summary *s, const char *a, size_t n,
                               int insert)
{
    size_t mask = 2 * SC_SUMMARY_RECIPIENTS - 1, i = sc__hash(a, n) & mask;
    for (;;) {
        unsigned short x = s->rindex[i];
        if (x == 0)
            break;
        if (strlen(s->recipients[x - 1].addr) == n &&
            memcmp(s->recipients[x - 1].addr, a, n) == 0)
            return (long)(x - 1);
        i = (i + 1) & mask;
    }
    if (!insert || s->nrecipients >= SC_SUMMARY_RECIPIENTS)
        return -1;
    memcpy(s->recipients[s->nrecipients].addr, a, n);
    s->recipients[s->nrecipients].addr[n] = '\0';
    s->rindex[i] = (unsigned short)(s->nrecipients + 1);
    return (long)s->nrecipients++;
}

/* The last verdict of recipient `a`: `action`, `reason`. */
static void sc__recipient_set(sc_summary *s, const char *a, size_t n,
                              int action, size_t reason)
{
    long slot;
    if (n == 0)
        return;
    if (n > SC_SUMMARY_ADDR_MAX - 1)
        n = SC_SUMMARY_ADDR_MAX - 1;
    slot = sc__recipient_slot(s, a, n, action == SC_ACTION_SUPPRESS);
    if (slot < 0) {
        if (action == SC_ACTION_SUPPRESS)
            s->suppress_dropped++;
        return;
    }
    s->recipients[slot].action = action;
    s->recipients[slot].reason = reason;
}

int sc_summary_init(sc_summary *s, int format)
{
    if (s == NULL || format < 0 || format >= SC_LOG_FORMAT_COUNT ||
        sc_reason_count() > SC_SUMMARY_REASONS)
        return SC_EINVAL;
    /* Everything but the recipients' texts and the text buffer, which are
     * written before they are read (a third of the struct). */
    memset(s, 0, offsetof(sc_summary, recipients));
    memset(s->rindex, 0, sizeof s->rindex);
    s->nrecipients = 0;
    s->in_long = 0;
    s->format = format;
    return SC_OK;
}

static void sc__summary_line(sc_summary *s, const char *line, size_t n)
{
    sc_logline ll;
    sc_verdict v;
    unsigned long long acts[SC_ACTION_COUNT];
    sc_summary_cell cell;
    char masked[SC_SUMMARY_TEXT_MAX];
    int r;
    s->lines++;
    if (n > SC_LOGLINE_MAX) {
        s->skipped_long++;
        return;
    }
    r = sc_logline_read(s->format, line, n, &ll);
    if (r == SC_EEMPTY) {
        s->skipped_blank++;
        return;
    }
    if (r != SC_OK) {
        if (ll.damage & SC_LOGLINE_BINARY)
            s->skipped_binary++;
        else
            s->skipped_cut++;
        return;
    }
    if (!ll.has_reply ||
        sc_logline_verdict(line, n, &ll, s->text, sizeof s->text, &v) !=
            SC_OK ||
        v.no_reply || v.action < 0 || v.action >= SC_ACTION_COUNT ||
        v.reason >= SC_SUMMARY_REASONS) {
        s->skipped_noreply++;
        return;
    }
    s->verdicts++;
    s->format_count[ll.format]++;
    s->mta_status[ll.mta_status]++;
    s->action[v.action]++;
    s->reason[v.reason]++;
    s->permanent += v.permanent == 1;
    s->transient += v.permanent == 0;
    memset(&cell, 0, sizeof cell);
    if (sc__time_hour(line + ll.time.off, ll.time.len, &cell)) {
        cell.reason = (unsigned char)v.reason;
        sc__cell_add(&s->times, &cell, 1);
    } else {
        s->times.untimed++;
    }
    memset(acts, 0, sizeof acts);
    acts[v.action] = 1;
    if (ll.recipient.len) {
        size_t at = ll.recipient.off + ll.recipient.len, e = at;
        while (at > ll.recipient.off && line[at - 1] != '@')
            at--;
        if (at > ll.recipient.off && e > at)
            sc__table_add(&s->domains, line + at, e - at, acts, 1);
        sc__recipient_set(s, line + ll.recipient.off, ll.recipient.len,
                          v.action, v.reason);
    }
    if (ll.relay.len) {
        sc_span p = sc__provider(line, ll.relay);
        sc__table_add(&s->relays, line + p.off, p.len, acts, 1);
    }
    if (v.action != SC_ACTION_NONE && v.text_len > 0) {
        sc__mask(v.text, v.text_len, masked);
        sc__example_add(s, v.reason, masked, 1);
    }
}

size_t sc_summary_feed(sc_summary *s, const char *buf, size_t len, int final)
{
    size_t pos = 0;
    if (s == NULL || (buf == NULL && len > 0))
        return 0;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t e = nl ? (size_t)(nl - buf) : len;
        if (s->in_long) {
            /* the rest of a line already counted as too long */
            if (nl == NULL) {
                s->bytes += len - pos;
                if (final)
                    s->in_long = 0;
                return len;
            }
            s->in_long = 0;
            s->bytes += e + 1 - pos;
            pos = e + 1;
            continue;
        }
        if (nl == NULL) {
            if (len - pos > SC_LOGLINE_MAX) {
                s->lines++;
                s->skipped_long++;
                s->bytes += len - pos;
                s->in_long = !final;
                return len;
            }
            if (!final)
                return pos;
            s->unterminated++;
            sc__summary_line(s, buf + pos, e - pos);
            s->bytes += len - pos;
            return len;
        }
        sc__summary_line(s, buf + pos, e - pos);
        s->bytes += e + 1 - pos;
        pos = e + 1;
    }
    if (final)
        s->in_long = 0;
    return pos;
}

int sc_summary_merge(sc_summary *a, const sc_summary *b)
{
    size_t i, k;
    if (a == NULL || b == NULL || a == b)
        return SC_EINVAL;
    a->lines += b->lines;
    a->bytes += b->bytes;
    a->verdicts += b->verdicts;
    a->skipped_blank += b->skipped_blank;
    a->skipped_noreply += b->skipped_noreply;
    a->skipped_cut += b->skipped_cut;
    a->skipped_binary += b->skipped_binary;
    a->skipped_long += b->skipped_long;
    a->unterminated += b->unterminated;
    for (i = 0; i < SC_LOG_FORMAT_COUNT; i++)
        a->format_count[i] += b->format_count[i];
    for (i = 0; i < SC_MTA_STATUS_COUNT; i++)
        a->mta_status[i] += b->mta_status[i];
    for (i = 0; i < SC_ACTION_COUNT; i++)
        a->action[i] += b->action[i];
    for (i = 0; i < SC_SUMMARY_REASONS; i++)
        a->reason[i] += b->reason[i];
    a->permanent += b->permanent;
    a->transient += b->transient;
    for (k = 0; k < 2; k++) {
        sc_summary_table *t = k ? &a->relays : &a->domains;
        const sc_summary_table *u = k ? &b->relays : &b->domains;
        for (i = 0; i < u->used; i++)
            sc__table_add(t, u->keys[i].key, strlen(u->keys[i].key),
                          u->keys[i].action, u->keys[i].count);
        t->other += u->other;
    }
    for (k = 0; k < SC_SUMMARY_REASONS; k++)
        for (i = 0; i < SC_SUMMARY_SLOTS; i++)
            if (b->examples[k][i].count > 0)
                sc__example_add(a, k, b->examples[k][i].text,
                                b->examples[k][i].count);
    a->examples_evicted += b->examples_evicted;
    for (i = 0; i < b->times.used; i++)
        sc__cell_add(&a->times, &b->times.cells[i], b->times.cells[i].count);
    a->times.other += b->times.other;
    a->times.untimed += b->times.untimed;
    for (i = 0; i < b->nrecipients; i++) {
        const sc_summary_recipient *r = &b->recipients[i];
        size_t n = strlen(r->addr);
        long slot = sc__recipient_slot(a, r->addr, n, 1);
        if (slot < 0) {
            a->suppress_dropped += r->action == SC_ACTION_SUPPRESS;
            continue;
        }
        a->recipients[slot].action = r->action;
        a->recipients[slot].reason = r->reason;
    }
    a->suppress_dropped += b->suppress_dropped;
    return SC_OK;
}

/* 1 if example x is listed before y: a higher count, or the same count and
 * a text that sorts first (bytewise), so that a summary and the merge of its
 * parts list equal counts alike. */
static int example_before(const sc_summary_example *x,
                          const sc_summary_example *y)
{
    return x->count > y->count ||
           (x->count == y->count && strcmp(x->text, y->text) < 0);
}

size_t sc_summary_examples(const sc_summary *s, size_t reason,
                           size_t order[SC_SUMMARY_SLOTS])
{
    size_t i, m = 0, a, b;
    if (s == NULL || order == NULL || reason >= SC_SUMMARY_REASONS)
        return 0;
    for (i = 0; i < SC_SUMMARY_SLOTS; i++)
        if (s->examples[reason][i].count)
            order[m++] = i;
    for (a = 1; a < m; a++) /* insertion sort: count, then text */
        for (b = a; b > 0 && example_before(&s->examples[reason][order[b]],
                                            &s->examples[reason][order[b - 1]]);
             b--) {
            size_t t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    return m;
}
