/* parse.c — read a raw server reply and give a verdict.
 *
 * Two steps. First the reply is read: where its code is, its enhanced code,
 * its human text with codes removed and lines joined. Then the verdict: the
 * rules of core/data/reasons.txt (through kb.c) weigh the enhanced code, the
 * basic code and the phrases of the text. Every loop here moves forward over
 * the input, so the work is linear in its length; nothing is allocated. */
#include <string.h>

#include "kb.h"
#include "statuscodes.h"

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_space(int c) { return c == ' ' || c == '\t'; }
static int is_blank(int c) { return is_space(c) || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

/* End of the line that starts at `i`: the offset of its '\n', or len. */
static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
}

/* A basic reply code at s[i]: three digits, the first 2..5, then the end of
 * the line, a space, a tab or '-', or ':' or ',' and a blank ("550: 5.2.2
 * ...", Yahoo; "ERROR_CODE :550, ...", Zoho). Returns the code or 0. */
static int basic_at(const char *s, size_t end, size_t i)
{
    int c;
    if (i + 3 > end || s[i] < '2' || s[i] > '5' || !is_digit(s[i + 1]) ||
        !is_digit(s[i + 2]))
        return 0;
    if (i + 3 < end) {
        c = (unsigned char)s[i + 3];
        if ((c == ':' || c == ',') &&
            (i + 4 == end || is_blank((unsigned char)s[i + 4])))
            c = ' ';
        if (!is_space(c) && c != '-' && c != '\r')
            return 0;
    }
    return (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
}

static int is_hex(int c)
{
    return is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f');
}

/* Does s[i] end an IPv6 address written without brackets ("2001:db8::250")?
 * It does when the run of hex digits and ':' before it holds two ':' or
 * more. Looks back at most 40 bytes (an IPv6 address is at most 39). */
static int ends_ipv6(const char *s, size_t i)
{
    size_t k = i, colons = 0;
    while (k > 0 && i - k < 40 &&
           (is_hex((unsigned char)s[k - 1]) || s[k - 1] == ':')) {
        colons += s[k - 1] == ':';
        k--;
    }
    return colons >= 2;
}

/* Is the number at s[i] a port: right after "host:" where the host ends in
 * a digit or ']' ("192.0.2.10:443", "[2001:db8::1]:587"), or after "port "? */
static int is_port(const char *s, size_t i)
{
    if (i >= 2 && s[i - 1] == ':' && (is_digit(s[i - 2]) || s[i - 2] == ']'))
        return 1;
    return i >= 5 && (s[i - 5] == 'p' || s[i - 5] == 'P') &&
           (s[i - 4] == 'o' || s[i - 4] == 'O') &&
           (s[i - 3] == 'r' || s[i - 3] == 'R') &&
           (s[i - 2] == 't' || s[i - 2] == 'T') && s[i - 1] == ' ';
}

/* Digits of an enhanced-code part at s[i]: 1..3 digits, no leading zero. */
static size_t part_at(const char *s, size_t end, size_t i, int *v)
{
    size_t n = 0;
    *v = 0;
    while (i + n < end && is_digit(s[i + n]) && n < 4) {
        *v = *v * 10 + (s[i + n] - '0');
        n++;
    }
    if (n == 0 || n > 3 || (n > 1 && s[i] == '0'))
        return 0;
    return n;
}

/* An enhanced status code at s[i] ("5.1.1"), not followed by another digit,
 * letter or ".digit" (so "5.1.1.2" and version numbers are not taken).
 * Returns its length, or 0. */
static size_t enhanced_at(const char *s, size_t end, size_t i, sc_code *out)
{
    size_t n, m, k;
    int subject, detail;
    if (i + 5 > end || (s[i] != '2' && s[i] != '4' && s[i] != '5') ||
        s[i + 1] != '.')
        return 0;
    if ((n = part_at(s, end, i + 2, &subject)) == 0 || i + 2 + n >= end ||
        s[i + 2 + n] != '.')
        return 0;
    if ((m = part_at(s, end, i + 3 + n, &detail)) == 0)
        return 0;
    k = i + 3 + n + m;
    if (k < end && (is_alpha((unsigned char)s[k]) ||
                    (s[k] == '.' && k + 1 < end && is_digit(s[k + 1]))))
        return 0;
    out->protocol = sc__smtp();
    out->kind = SC_CODE_ENHANCED;
    out->value = s[i] - '0';
    out->subject = subject;
    out->detail = detail;
    return k - i;
}

/* May a code start right after the byte `c`? */
static int code_boundary(int c)
{
    return is_space(c) || c == ':' || c == ';' || c == '(' || c == '[' ||
           c == '"' || c == '\'' || c == '<' || c == '=' || c == '#' ||
           c == ',';
}

/* Skip a DSN type prefix such as "smtp;" or "X-Postfix; " at s[i]. */
static size_t skip_dsn_prefix(const char *s, size_t end, size_t i)
{
    size_t j = i;
    if (j >= end || !is_alpha((unsigned char)s[j]))
        return i;
    while (j < end && (is_alpha((unsigned char)s[j]) || is_digit(s[j]) ||
                       s[j] == '-'))
        j++;
    while (j < end && is_space(s[j]))
        j++;
    if (j >= end || s[j] != ';')
        return i;
    j++;
    while (j < end && is_space(s[j]))
        j++;
    return j;
}

/* Where the reply's code is. Looks at the first line with text: a code at
 * its start (after a DSN prefix), else the best code inside it: one followed
 * by an enhanced code beats one after ':' or ';', which beats the first. A
 * line with no code sends the search to the next line. */
typedef struct found {
    size_t line, pos; /* start of the line, of the code */
    size_t end;       /* end of the line (its '\n', or the input's end) */
    int code;         /* basic code, or 0 (a bare enhanced code at pos) */
} found;

static int find_reply(const char *s, size_t len, found *f)
{
    size_t ls = 0;
    while (ls < len) {
        size_t le = line_end(s, len, ls), p = ls, i;
        int best_score = -1;
        sc_code e;
        while (p < le && is_blank((unsigned char)s[p]))
            p++;
        p = skip_dsn_prefix(s, le, p);
        f->line = ls;
        f->end = le;
        if ((f->code = basic_at(s, le, p)) != 0) {
            f->pos = p;
            return 1;
        }
        if (enhanced_at(s, le, p, &e) != 0) {
            f->pos = p;
            return 1;
        }
        for (i = p + 1; i + 3 <= le; i++) {
            int code, score;
            size_t j;
            if (s[i] < '2' || s[i] > '5' ||
                !code_boundary((unsigned char)s[i - 1]) ||
                (code = basic_at(s, le, i)) == 0 ||
                (s[i - 1] == ':' && ends_ipv6(s, i)) || is_port(s, i))
                continue;
            score = 0;
            if (s[i - 1] == ':' || s[i - 1] == ';' ||
                (i >= 2 && is_space(s[i - 1]) &&
                 (s[i - 2] == ':' || s[i - 2] == ';')))
                score = 1;
            j = i + 3;
            while (j < le && (is_space(s[j]) || s[j] == '-'))
                j++;
            if (enhanced_at(s, le, j, &e) != 0)
                score += 2;
            if (score > best_score) {
                best_score = score;
                f->pos = i;
                f->code = code;
            }
            i += 2;
        }
        if (best_score >= 0)
            return 1;
        ls = le + 1;
    }
    return 0;
}

/* Text output: pieces joined by one space. */
typedef struct textbuf {
    char *p;
    size_t n;
} textbuf;

static void add_piece(textbuf *t, const char *s, size_t a, size_t b)
{
    while (a < b && is_blank((unsigned char)s[a]))
        a++;
    while (b > a && is_blank((unsigned char)s[b - 1]))
        b--;
    if (a == b)
        return;
    if (t->n > 0)
        t->p[t->n++] = ' ';
    memcpy(t->p + t->n, s + a, b - a);
    t->n += b - a;
}

/* Drop a Postfix log suffix "(in reply to RCPT TO command)", or
 * "(in reply to RCPT TO command))" where a log line's status closes too. */
static void drop_postfix_suffix(textbuf *t)
{
    static const char open[] = "(in reply to ";
    static const char close[] = " command)";
    size_t i, lim, n = t->n;
    /* "... command))": the status of a log line closes its own
     * parenthesis after the suffix; the extra ')' goes with it. */
    while (n > 1 && t->p[n - 1] == ')' && t->p[n - 2] == ')')
        n--;
    if (n < sizeof open + sizeof close - 2 ||
        memcmp(t->p + n - (sizeof close - 1), close, sizeof close - 1) != 0)
        return;
    lim = n > 80 ? n - 80 : 0;
    for (i = n - (sizeof close - 1); i-- > lim;) {
        if (t->p[i] == '(' && t->n - i >= sizeof open - 1 &&
            memcmp(t->p + i, open, sizeof open - 1) == 0) {
            while (i > 0 && t->p[i - 1] == ' ')
                i--;
            t->n = i;
            return;
        }
    }
}

/* ASCII case-insensitive: does s[i..end) start with the lower-case `lit`? */
static int starts_nocase(const char *s, size_t end, size_t i, const char *lit)
{
    size_t k;
    for (k = 0; lit[k] != '\0'; k++) {
        int c = i + k < end ? (unsigned char)s[i + k] : -1;
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != (unsigned char)lit[k])
            return 0;
    }
    return 1;
}

/* Past a basic code at s[p]: its ':' or ',' (Yahoo's "550: 5.2.2", Zoho's
 * "550, ERROR_CODE :5.1.1"), blanks and '-', and a repeated Zoho label. */
static size_t skip_after_code(const char *s, size_t le, size_t p)
{
    p += 3;
    if (p < le && (s[p] == ':' || s[p] == ','))
        p++;
    while (p < le && (is_space(s[p]) || s[p] == '-'))
        p++;
    if (starts_nocase(s, le, p, "error_code")) {
        p += 10;
        while (p < le && (is_space(s[p]) || s[p] == ':'))
            p++;
    }
    return p;
}

/* qmail and vpopmail put the enhanced code at the end, in parentheses:
 * "550 no mailbox here by that name (#5.1.1 - chkusr)". */
static int paren_enhanced(const char *s, size_t a, size_t b, sc_code *e)
{
    const char *p;
    size_t i;
    for (i = a; i + 2 < b && (p = memchr(s + i, '(', b - 2 - i)) != NULL;
         i++) {
        i = (size_t)(p - s);
        if (s[i + 1] == '#' && enhanced_at(s, b, i + 2, e))
            return 1;
    }
    return 0;
}

/* A Postfix delivery log line without the server's words ("to=<...>,
 * relay=none, ..., dsn=5.4.4, status=bounced (Host or domain name not
 * found ...)"): its dsn= field is the enhanced code, the text in
 * parentheses after status= the text. Reads the line s[a..b). */
static int postfix_status(const char *s, size_t a, size_t b, sc_code *e,
                          size_t *ta, size_t *tb)
{
    size_t i, d = b, st = b;
    for (i = a; i + 4 < b; i++) {
        if (d == b && starts_nocase(s, b, i, "dsn=") &&
            (i == a || !is_alpha((unsigned char)s[i - 1])) &&
            enhanced_at(s, b, i + 4, e))
            d = i;
        else if (d < b && starts_nocase(s, b, i, "status=")) {
            st = i + 7;
            break;
        }
    }
    if (d == b)
        return 0;
    *ta = *tb = b;
    if (st < b) {
        while (st < b && s[st] != '(' && !is_blank((unsigned char)s[st]))
            st++;
        while (st < b && is_space(s[st]))
            st++;
        if (st < b && s[st] == '(') {
            size_t end = b;
            while (end > st && (is_blank((unsigned char)s[end - 1])))
                end--;
            if (end > st + 1 && s[end - 1] == ')')
                end--;
            *ta = st + 1;
            *tb = end;
        }
    }
    return 1;
}

/* A log line of a Postfix daemon that never carries a server's reply:
 * pickup, cleanup, qmgr ("postfix/qmgr[12]: 4Tq9Lm: from=<...>, size=...,
 * nrcpt=1 (queue active)"). Looks at the line s[a..b). */
static int postfix_quiet_daemon(const char *s, size_t a, size_t b)
{
    static const char *const names[] = {"pickup[", "cleanup[", "qmgr["};
    size_t i = sc__find_ci(s, b, a, "postfix", 7), k, n;
    /* Only the first "postfix" is the tag, and "postfix/" and a letter
     * must fit before b. */
    if (i + 8 >= b)
        return 0;
    /* "postfix/qmgr[" or "postfix-out/qmgr[": the tag's '/'. */
    for (k = i + 7; k < b && k < i + 40 && s[k] != '/' &&
                    !is_blank((unsigned char)s[k]);
         k++)
        ;
    if (k < b && s[k] == '/') {
        for (n = 0; n < sizeof names / sizeof names[0]; n++) {
            if (starts_nocase(s, b, k + 1, names[n]))
                return 1;
        }
    }
    return 0;
}

/* Transcripts that join several replies ("354 End data ... 451 4.3.0 Error:
 * queue file write error"; "450 busy 551 not our user 503 need RCPT"): the
 * reply that failed for the recipient decides. An embedded reply is a 4xx or
 * 5xx code after a blank (not after ": ", which quotes an inner error:
 * "530 5.7.57 ... Error: 535 5.7.139 ..."), followed by an enhanced code of
 * its class or by a word; one with the code of the reply before it is that reply's next line
 * ("550-5.7.1 ... 550 5.7.1 ..."). The text is taken for a transcript when its first reply is 2xx or
 * 3xx, or when it embeds two replies or one with an enhanced code: a lone
 * "500 messages" is a number. The last failing reply that is not a 503 (the
 * aftermath of an earlier refusal) decides; its code, its enhanced code and
 * its text up to the next reply replace the first reply's. */
typedef struct piece {
    size_t from, to; /* its text in the verdict's text */
    int code;
    int has_enhanced;
    sc_code enhanced;
} piece;

static size_t embedded_at(const char *t, size_t n, size_t i, piece *r)
{
    size_t j;
    int code;
    if ((t[i] != '4' && t[i] != '5') || i == 0 || !is_space(t[i - 1]) ||
        (i >= 2 && t[i - 2] == ':') || (code = basic_at(t, n, i)) == 0)
        return 0;
    j = skip_after_code(t, n, i);
    r->code = code;
    r->has_enhanced = 0;
    if (j < n && t[j] == '#')
        j++;
    {
        size_t k = enhanced_at(t, n, j, &r->enhanced);
        if (k != 0 && r->enhanced.value == code / 100) {
            r->has_enhanced = 1;
            j += k;
        } else if (j >= n || !is_alpha((unsigned char)t[j])) {
            return 0;
        }
    }
    r->from = j;
    return j;
}

/* `first`: the first reply (from 0, its code and enhanced code); on return,
 * the deciding reply. Returns 1 when the text is a transcript. */
static int pick_transcript(const char *t, size_t n, piece *first)
{
    piece cur, best = *first;
    size_t i, count = 0;
    int with_enhanced = 0, first_class = first->code / 100;
    int have = first_class == 4 || first_class == 5;
    int non503 = have && first->code != 503, prev = first->code;
    best.to = n;
    for (i = 1; i + 3 <= n; i++) {
        size_t j;
        if (!is_digit(t[i + 2])) {
            i += 2; /* no code starts at i, i + 1 or i + 2 */
            continue;
        }
        if ((j = embedded_at(t, n, i, &cur)) == 0)
            continue;
        i = j - 1;
        if (cur.code == prev)
            continue; /* the next line of the same reply: "550-... 550 ..." */
        prev = cur.code;
        if (have && best.to == n)
            best.to = i; /* the deciding reply's text ends at the next */
        count++;
        with_enhanced |= cur.has_enhanced;
        if (cur.code != 503 || !non503) {
            best = cur;
            best.to = n;
            have = 1;
            non503 = cur.code != 503;
        }
    }
    if (!have || !(first_class == 2 || first_class == 3 || count >= 2 ||
                   with_enhanced))
        return 0;
    *first = best;
    return 1;
}

/* Seconds in the time unit s[a..b) ("s", "secs", "minute", "hrs"), or 0. */
static long unit_seconds(const char *s, size_t a, size_t b)
{
    static const struct {
        const char *word;
        long seconds;
    } units[] = {{"s", 1},       {"sec", 1},      {"secs", 1},
                 {"second", 1},  {"seconds", 1},  {"m", 60},
                 {"min", 60},    {"mins", 60},    {"minute", 60},
                 {"minutes", 60}, {"h", 3600},    {"hr", 3600},
                 {"hrs", 3600},  {"hour", 3600},  {"hours", 3600}};
    size_t k;
    for (k = 0; k < sizeof units / sizeof units[0]; k++) {
        if (strlen(units[k].word) == b - a &&
            starts_nocase(s, b, a, units[k].word))
            return units[k].seconds;
    }
    return 0;
}

/* "try again in 300 seconds", "retry after 10 minutes", "greylisted for 5
 * min": the wait the text s[a..b) asks for, in seconds, or -1. After one of
 * the hint words (and "at least" or "about"), a number of at most nine
 * digits and a unit; more than seven days is not a retry hint. Each hint
 * is a first word, a space and more, and no hint's first word ends another:
 * one pass goes from space to space (memchr) and, where the word before
 * ends like a hint's, compares that hint, so hints are met in the order of
 * their start; each comparison reads a bounded number of bytes. */

static long retry_after_in(const char *s, size_t a, size_t b)
{
    static const struct {
        const char *text;
        size_t word; /* the length of its first word */
    } hints[] = {{"again in ", 5},   {"again after ", 5}, {"retry in ", 5},
                 {"retry after ", 5}, {"listed for ", 6},  {"wait ", 4}};
    const char *sp;
    size_t k, h;
    for (k = a; k < b && (sp = memchr(s + k, ' ', b - k)) != NULL; k++) {
        int c, d;
        k = (size_t)(sp - s);
        if (k < a + 4)
            continue; /* the shortest first word is "wait" */
        /* "again", "retry", "listed", "wait" end in "in", "ry", "ed", "it" */
        c = s[k - 1] | 0x20;
        d = s[k - 2] | 0x20;
        if (!(((c == 'n' || c == 't') && d == 'i') || (c == 'y' && d == 'r') ||
              (c == 'd' && d == 'e')))
            continue;
        for (h = 0; h < sizeof hints / sizeof hints[0]; h++) {
            size_t i, j, u, nd = 0, w = hints[h].word;
            long num = 0, unit;
            if (k - a < w || c != hints[h].text[w - 1] ||
                !starts_nocase(s, b, k - w, hints[h].text))
                continue;
            i = k - w;
            j = i + strlen(hints[h].text);
            while (j < b && is_space(s[j]))
                j++;
            if (starts_nocase(s, b, j, "at least "))
                j += 9;
            else if (starts_nocase(s, b, j, "about "))
                j += 6;
            while (j < b && is_digit(s[j]) && nd < 10) {
                num = num * 10 + (s[j] - '0');
                j++;
                nd++;
            }
            if (nd == 0 || nd > 9)
                continue;
            while (j < b && is_space(s[j]))
                j++;
            for (u = j; u < b && u - j < 8 && is_alpha((unsigned char)s[u]);
                 u++)
                ;
            if ((u < b && is_alpha((unsigned char)s[u])) ||
                (unit = unit_seconds(s, j, u)) == 0 ||
                num > SC__RETRY_AFTER_MAX / unit)
                continue;
            return num * unit;
        }
    }
    return -1;
}

/* ------------------------------------------------------------------------ */
/* The verdict                                                              */
/* ------------------------------------------------------------------------ */

/* The reasons of the reply, from its codes and the phrases of its text
 * v->text[from..to) (the deciding reply of a transcript). `quiet`: the text
 * is a log line that carries no reply (a Postfix daemon's own). */
static void decide(sc_verdict *v, size_t from, size_t to, int quiet)
{
    size_t reason = 0;
    int prio = -1, p, best, hint;
    size_t r;

    sc__match_phrases(v->text + from, to - from, &best, &hint);
    v->retry_hint = hint;
    v->retry_after = retry_after_in(v->text, from, to);
    if (quiet && !v->has_code && !v->has_enhanced) {
        v->reason = sc__reason_unknown();
        v->evidence = SC_EVIDENCE_NONE;
        v->phrase = NULL;
        v->retry_hint = 0;
        v->retry_after = -1;
        v->no_reply = 1;
        v->action = -1;
        v->retryable = 0;
        return;
    }
    v->evidence = SC_EVIDENCE_NONE;
    v->phrase = NULL;
    if (v->reply_class == 2 || v->reply_class == 3) {
        v->reason = v->reply_class == 2 ? sc__reason_delivered()
                                        : sc__reason_unknown();
        v->evidence = SC_EVIDENCE_CLASS;
        v->action = SC_ACTION_NONE;
        v->retryable = 0;
        return;
    }
    if (v->has_enhanced &&
        sc__rule_enhanced(v->enhanced.subject, v->enhanced.detail, &r, &p) &&
        p > prio) {
        prio = p;
        reason = r;
        v->evidence = SC_EVIDENCE_ENHANCED;
    }
    if (v->has_code && sc__rule_basic(v->code.value, &r, &p) && p > prio) {
        prio = p;
        reason = r;
        v->evidence = SC_EVIDENCE_BASIC;
    }
    if (best >= 0 && sc__phrase_at(best)->prio > prio) {
        prio = sc__phrase_at(best)->prio;
        reason = sc__phrase_at(best)->reason;
        v->evidence = SC_EVIDENCE_PHRASE;
        v->phrase = sc__str(sc__phrase_at(best)->text);
    }
    v->reason = prio < 0 ? sc__reason_unknown() : reason;
    if (prio < 0 && !v->has_code && !v->has_enhanced) {
        /* No code and no phrase: this text is not a reply, and a wait it
         * names ("again in 5 min") is nobody's retry hint. */
        v->no_reply = 1;
        v->retry_after = -1;
        v->action = -1;
        v->retryable = 0;
        return;
    }
    v->action = sc__reason_action(v->reason, v->permanent == 1 && !hint);
    v->retryable = v->action == SC_ACTION_RETRY;
}

static const sc_verdict zero_verdict;

/* Read a reply as SMTP and FTP servers write it, with SMTP's verdict
 * (sc_parse_as() turns it into FTP's where the reply is FTP's). */
int sc__parse_reply(const char *reply, size_t len, char *text, size_t size,
                    sc_verdict *out)
{
    sc_verdict v;
    found f;
    textbuf t;
    size_t ls, i, from = 0, to;
    int quiet;
    piece first;

    if ((reply == NULL && len > 0) || text == NULL || out == NULL)
        return SC_EINVAL;
    for (i = 0; i < len && is_blank((unsigned char)reply[i]); i++)
        ;
    if (i == len)
        return SC_EEMPTY;
    if (size <= len) /* not size < len + 1: that wraps for len SIZE_MAX */
        return SC_ENOSPACE;
    v = zero_verdict; /* cheaper than memset, which gcc makes a rep stos */
    v.protocol = sc__smtp();
    v.retry_after = -1;
    t.p = text;
    t.n = 0;
    v.start = i;
    v.end = len;
    while (v.end > v.start && is_blank((unsigned char)reply[v.end - 1]))
        v.end--;

    /* A quiet daemon's line matters only when it holds no code (decide()):
     * it is looked for there alone. */
    quiet = 0;
    if (!find_reply(reply, len, &f)) {
        /* No code at all: the whole input is text, or the status of a
         * Postfix log line ("dsn=5.4.4, status=bounced (...)"). */
        size_t ta, tb;
        int status;
        quiet = postfix_quiet_daemon(reply, v.start,
                                     line_end(reply, len, v.start));
        status = !quiet && postfix_status(reply, v.start,
                                          line_end(reply, v.end, v.start),
                                          &v.enhanced, &ta, &tb);
        if (status) {
            v.has_enhanced = 1;
            add_piece(&t, reply, ta, tb);
        }
        for (ls = v.start; ls < v.end; ls = line_end(reply, len, ls) + 1) {
            if (!status)
                add_piece(&t, reply, ls, line_end(reply, v.end, ls));
            v.nlines++;
        }
        if (status)
            drop_postfix_suffix(&t);
    } else {
        size_t le = f.end, p, n;
        v.start = f.pos;
        p = f.pos;
        if (f.code) {
            v.has_code = 1;
            v.code.protocol = sc__smtp();
            v.code.kind = SC_CODE_BASIC;
            v.code.value = f.code;
            p = skip_after_code(reply, le, p);
        }
        /* Exchange and some gateways write the enhanced code as "#5.1.0". */
        if (f.code && p + 1 < le && reply[p] == '#' &&
            enhanced_at(reply, le, p + 1, &v.enhanced) != 0)
            p++;
        if ((n = enhanced_at(reply, le, p, &v.enhanced)) != 0) {
            v.has_enhanced = 1;
            p += n;
        } else if (f.code && paren_enhanced(reply, p, le, &v.enhanced) &&
                   v.enhanced.value == f.code / 100) {
            v.has_enhanced = 1;
        }
        add_piece(&t, reply, p, le);
        v.nlines = 1;
        /* Following lines: strip a repeated code and enhanced code. */
        for (ls = le + 1; ls < v.end; ls = le + 1) {
            le = line_end(reply, len, ls);
            p = ls;
            while (p < le && is_space(reply[p]))
                p++;
            if (f.code && basic_at(reply, le, p) == f.code) {
                sc_code e;
                p = skip_after_code(reply, le, p);
                if ((n = enhanced_at(reply, le, p, &e)) != 0) {
                    if (!v.has_enhanced) {
                        v.has_enhanced = 1;
                        v.enhanced = e;
                    }
                    p += n;
                }
            }
            add_piece(&t, reply, p, le);
            v.nlines++;
        }
        drop_postfix_suffix(&t);
    }
    text[t.n] = '\0';
    v.text = text;
    v.text_len = t.n;

    /* A transcript of several replies: the failing one decides. */
    to = t.n;
    first.from = 0;
    first.code = v.has_code ? v.code.value : 0;
    first.has_enhanced = v.has_enhanced;
    first.enhanced = v.enhanced;
    if (v.has_code && pick_transcript(text, t.n, &first)) {
        v.code.value = first.code;
        v.has_enhanced = first.has_enhanced;
        if (first.has_enhanced)
            v.enhanced = first.enhanced;
        from = first.from;
        to = first.to;
    }
    v.reply_class = v.has_code ? v.code.value / 100
                    : v.has_enhanced ? v.enhanced.value : 0;
    v.class_conflict = v.has_code && v.has_enhanced &&
                       v.enhanced.value != v.code.value / 100;
    v.class_code = sc__class_code(sc__smtp(), v.reply_class);
    v.permanent = v.reply_class == 5 ? 1 : v.reply_class == 4 ? 0 : -1;
    v.known = (v.has_code || v.has_enhanced) &&
              (!v.has_code || sc__code_known(&v.code)) &&
              (!v.has_enhanced || sc__code_known(&v.enhanced));
    decide(&v, from, to, quiet);
    *out = v;
    return SC_OK;
}

/* ------------------------------------------------------------------------ */
/* why                                                                      */
/* ------------------------------------------------------------------------ */

/* A code as text ("5.1.1", "14 UNAVAILABLE" with its mnemonic). */
static void code_text(const sc_code *c, const char *mnemonic, char *out,
                      size_t size)
{
    size_t n;
    sc_code_format(c, out, size);
    n = strlen(out);
    if (mnemonic != NULL && n + 1 + strlen(mnemonic) < size) {
        out[n] = ' ';
        memcpy(out + n + 1, mnemonic, strlen(mnemonic) + 1);
    }
}

/* The name and the gist of code `c` in `lang` (English where untranslated;
 * the gist without its final full stop, in `gist`). */
static const char *code_name_gist(const sc_code *c, int lang, char *gist,
                                  size_t size)
{
    sc_info info;
    size_t k;
    gist[0] = '\0';
    if (sc_describe(c, lang, &info) != SC_OK)
        return sc__code_name(c);
    if (info.gist != NULL && (k = strlen(info.gist)) < size) {
        memcpy(gist, info.gist, k + 1);
        if (k > 0 && gist[k - 1] == '.')
            gist[k - 1] = '\0';
        else if (k >= 3 && memcmp(gist + k - 3, "\xE3\x80\x82", 3) == 0)
            gist[k - 3] = '\0'; /* 。 */
    }
    return info.name;
}

/* A fragment with one placeholder. */
static void put1(sc__sentence *s, int lang, int id, const char *name,
                 const char *value)
{
    sc__why_put(s, lang, id, &name, &value, 1);
}

/* A fragment naming a code: "the enhanced code {code} ({name})". */
static void put_code(sc__sentence *s, int lang, int id, const sc_code *c,
                     const char *mnemonic)
{
    static const char *const names[] = {"code", "name"};
    char ct[SC_CODE_TEXT_MAX + 64], gist[1024];
    const char *values[2];
    code_text(c, mnemonic, ct, sizeof ct);
    values[0] = ct;
    values[1] = code_name_gist(c, lang, gist, sizeof gist);
    sc__why_put(s, lang, id, names, values, 2);
}

/* why for a code of a protocol other than SMTP: the code, what it means,
 * and what changed the verdict. */
static void why_code(sc__sentence *s, const sc_verdict *v, int lang)
{
    static const char *const names[] = {"protocol", "code", "name", "gist"};
    char ct[SC_CODE_TEXT_MAX + 64], gist[1024];
    const char *values[4];
    size_t reason;
    int retry;
    const char *display;
    display = sc_protocol_display((size_t)v->code.protocol);
    code_text(&v->code, v->mnemonic, ct, sizeof ct);
    values[0] = display ? display : "";
    values[1] = ct;
    values[2] = code_name_gist(&v->code, lang, gist, sizeof gist);
    values[3] = gist;
    sc__why_put(s, lang, gist[0] ? SC__WHY_CODE : SC__WHY_CODE_NO_GIST, names,
                values, 4);
    if (v->evidence == SC_EVIDENCE_PHRASE && v->phrase != NULL)
        put1(s, lang, SC__WHY_TEXT_SAYS, "phrase", v->phrase);
    if (v->evidence == SC_EVIDENCE_ENHANCED && v->has_ede &&
        sc__code_valid(&v->ede))
        put_code(s, lang, SC__WHY_EDE, &v->ede, NULL);
    if (v->action == SC_ACTION_RETRY &&
        sc__code_verdict(&v->code, &reason, &retry, NULL, NULL) &&
        retry == SC__RETRY_IDEMPOTENT && v->evidence != SC_EVIDENCE_ENHANCED)
        sc__why_put(s, lang, SC__WHY_IDEMPOTENT, NULL, NULL, 0);
}

size_t sc_verdict_why(const sc_verdict *v, char *buf, size_t size)
{
    return sc_verdict_why_in(v, 0, buf, size);
}

size_t sc_verdict_why_in(const sc_verdict *v, int lang, char *buf,
                         size_t size)
{
    sc__sentence s;
    if (v == NULL || buf == NULL || size == 0)
        return 0;
    if (lang < 0 || (size_t)lang >= sc_lang_count())
        lang = 0;
    s.buf = buf;
    s.size = size;
    s.n = 0;
    s.full = 0;
    buf[0] = '\0';
    if (v->has_code && v->code.protocol != sc__smtp() &&
        sc__code_valid(&v->code)) {
        why_code(&s, v, lang);
        if (v->code.protocol == sc__ids.ftp)
            sc__why_put(&s, lang, SC__WHY_FTP, NULL, NULL, 0);
        goto notes;
    }
    switch (v->evidence) {
    case SC_EVIDENCE_PHRASE:
        put1(&s, lang, SC__WHY_TEXT_SAYS, "phrase", v->phrase ? v->phrase : "");
        break;
    case SC_EVIDENCE_ENHANCED:
    case SC_EVIDENCE_BASIC: {
        /* A code that is not well-formed is left out: the sentence then
         * says what it says of a reply with nothing specific in it. */
        const sc_code *c =
            v->evidence == SC_EVIDENCE_ENHANCED ? &v->enhanced : &v->code;
        if (sc__code_valid(c)) {
            put_code(&s, lang,
                     v->evidence == SC_EVIDENCE_ENHANCED
                         ? SC__WHY_ENHANCED_CODE
                         : SC__WHY_BASIC_CODE,
                     c, NULL);
            break;
        }
        sc__why_put(&s, lang, SC__WHY_NOTHING, NULL, NULL, 0);
        break;
    }
    case SC_EVIDENCE_CLASS:
        sc__why_put(&s, lang,
                    v->reply_class == 2 ? SC__WHY_CLASS_2 : SC__WHY_CLASS_3,
                    NULL, NULL, 0);
        break;
    default:
        sc__why_put(&s, lang,
                    v->no_reply                       ? SC__WHY_NO_REPLY
                    : v->has_code || v->has_enhanced ? SC__WHY_NOTHING
                                                      : SC__WHY_NO_CODE,
                    NULL, NULL, 0);
        break;
    }
    if (v->retry_hint && v->permanent == 1)
        sc__why_put(&s, lang, SC__WHY_TEMPORARY, NULL, NULL, 0);
    if (v->class_conflict && sc__code_valid(&v->code) &&
        sc__code_valid(&v->enhanced)) {
        static const char *const names[] = {"basic", "enhanced"};
        char a[SC_CODE_TEXT_MAX], e[SC_CODE_TEXT_MAX];
        const char *values[2];
        sc_code_format(&v->code, a, sizeof a);
        sc_code_format(&v->enhanced, e, sizeof e);
        values[0] = a;
        values[1] = e;
        sc__why_put(&s, lang, SC__WHY_CLASS_CONFLICT, names, values, 2);
    }
    if (v->assumed)
        sc__why_put(&s, lang, SC__WHY_ASSUMED, NULL, NULL, 0);
notes:
    if (v->retry_after == 1) {
        sc__why_put(&s, lang, SC__WHY_WAIT_ONE, NULL, NULL, 0);
    } else if (v->retry_after >= 0) {
        char t[24];
        size_t i = sizeof t;
        long x = v->retry_after;
        t[--i] = '\0';
        do {
            t[--i] = (char)('0' + x % 10);
            x /= 10;
        } while (x > 0 && i > 0);
        put1(&s, lang, SC__WHY_WAIT, "seconds", t + i);
    }
    if (v->retry_at_len > 0)
        sc__why_put(&s, lang, SC__WHY_RETRY_AT, NULL, NULL, 0);
    return s.n;
}

const char *sc_action_name(int action)
{
    static const char *const names[SC_ACTION_COUNT] = {
        "none", "retry", "suppress", "fix", "review"};
    return action >= 0 && action < SC_ACTION_COUNT ? names[action] : NULL;
}

const char *sc_evidence_name(int evidence)
{
    static const char *const names[SC_EVIDENCE_COUNT] = {
        "none", "phrase", "enhanced", "basic", "class"};
    return evidence >= 0 && evidence < SC_EVIDENCE_COUNT ? names[evidence]
                                                         : NULL;
}

int sc_next_line(const char *s, size_t len, size_t *pos, size_t *start,
                 size_t *n)
{
    size_t end, stop;
    if (s == NULL || pos == NULL || start == NULL || n == NULL || *pos >= len)
        return 0;
    end = line_end(s, len, *pos);
    stop = end;
    if (stop > *pos && s[stop - 1] == '\r')
        stop--;
    *start = *pos;
    *n = stop - *pos;
    *pos = end < len ? end + 1 : len;
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Bulk path                                                                */
/* ------------------------------------------------------------------------ */

/* The first line of the next reply from `from`, past blank lines: its
 * offset in `*ls` and its end in `*le`; 0 when only blank lines are left. */
static int first_line(const char *buf, size_t len, size_t from, size_t *ls,
                      size_t *le)
{
    size_t a, e = 0;
    for (a = from; a < len; a = e + 1) {
        size_t i;
        e = line_end(buf, len, a);
        for (i = a; i < e && is_blank((unsigned char)buf[i]); i++)
            ;
        if (i < e) {
            *ls = a;
            *le = e;
            return 1;
        }
    }
    return 0;
}

/* The end of the reply whose first line is [ls, le): past its last line.
 * `*open` is 1 when a line after `len` could still belong to it. */
static size_t reply_end(const char *buf, size_t len, size_t ls, size_t le,
                        int *open)
{
    size_t end = le;
    /* A multi-line reply: "NNN-" lines up to the "NNN " one. */
    int code = basic_at(buf, le, ls);
    if (code && ls + 3 < le && buf[ls + 3] == '-') {
        size_t n = le + 1;
        *open = le >= len;
        while (n < len) {
            size_t ne = line_end(buf, len, n);
            if (basic_at(buf, ne, n) != code)
                break;
            end = ne;
            if (n + 3 >= ne || buf[n + 3] != '-')
                break; /* "NNN " or a bare "NNN": the last line */
            *open = ne >= len;
            n = ne + 1;
        }
        return end;
    }
    return sc__block_end_open(buf, len, ls, le, open); /* headers, dig */
}

/* The next reply from *pos, no-reply text included. */
static int next_reply(int protocol, const char *buf, size_t len, size_t *pos,
                      char *text, size_t size, sc_verdict *out)
{
    size_t ls, le, end;
    int rc, open;
    if (!first_line(buf, len, *pos, &ls, &le)) {
        *pos = len;
        return SC_EEMPTY;
    }
    end = reply_end(buf, len, ls, le, &open);
    rc = sc_parse_as(protocol, buf + ls, end - ls, text, size, out);
    if (rc != SC_OK)
        return rc;
    out->start += ls;
    out->end += ls;
    *pos = end < len ? end + 1 : len;
    return SC_OK;
}

int sc_parse_next_complete(const char *buf, size_t len, size_t pos,
                           size_t *end)
{
    size_t ls, le;
    int open;
    if ((buf == NULL && len > 0) || end == NULL)
        return SC_EINVAL;
    if (!first_line(buf, len, pos, &ls, &le))
        return SC_EEMPTY;
    *end = reply_end(buf, len, ls, le, &open);
    return !open;
}

int sc_parse_next(const char *buf, size_t len, size_t *pos, char *text,
                  size_t size, sc_verdict *out)
{
    return sc_parse_next_as(-1, buf, len, pos, text, size, out);
}

int sc_parse_next_as(int protocol, const char *buf, size_t len, size_t *pos,
                     char *text, size_t size, sc_verdict *out)
{
    sc_verdict v;
    int rc;
    if ((buf == NULL && len > 0) || pos == NULL || text == NULL || out == NULL)
        return SC_EINVAL;
    if (protocol != -1 && sc_protocol_name((size_t)protocol) == NULL)
        return protocol < 0 ? SC_EINVAL : SC_EPROTOCOL;
    /* Text that holds no reply is skipped, as blank lines are; each pass
     * moves *pos forward, so the whole walk stays linear. */
    while ((rc = next_reply(protocol, buf, len, pos, text, size, &v)) ==
               SC_OK &&
           v.no_reply)
        ;
    if (rc == SC_OK)
        *out = v;
    return rc;
}
