/* kb.c — the knowledge base: codes, symbols, describe, compare, labels.
 *
 * The data is core/src/kb_data.inc, generated from core/data/ by
 * core/tools/gen_kb.py, or a table of fewer languages (SC_KB_DATA below).
 * Nothing here knows a protocol by name: what a code looks like, its
 * classes and its entries come from the tables. Everything reads static
 * tables and writes only to what the caller passes in. */
#include <string.h>

#include "kb.h"
#include "statuscodes.h"

/* The blob is one long string literal: longer than the 4095 bytes C11
 * promises, which every compiler this builds with accepts. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif
/* SC_KB_DATA names a reduced table (CMake's SC_LANGUAGES generates one in
 * the build tree); without it, the full one beside this file. */
#ifdef SC_KB_DATA
#include SC_KB_DATA
#else
#include "kb_data.inc"
#endif
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The tables and the enums of kb.h must agree: a value added to the
 * generator without a place here fails the build, not a lookup. */
_Static_assert(COUNT(sc__retry_names) == SC__RETRY_COUNT, "retry values");
_Static_assert(COUNT(sc__actor_names) == SC__ACTOR_COUNT, "actor values");
_Static_assert(COUNT(sc__source_names) == SC__SOURCE_COUNT, "source values");
_Static_assert(COUNT(sc__heading_key) == SC_LABEL_COUNT, "headings");
_Static_assert(SC__BLOB_SIZE < 0xFFFFFFFFu, "blob offsets");

const char *sc__str(uint32_t offset)
{
    return offset < SC__BLOB_SIZE ? sc__blob + offset : "";
}

/* A string of the blob, or NULL for offset 0 (no such text). */
static const char *opt_str(uint32_t offset)
{
    return offset == 0 ? NULL : sc__str(offset);
}

/* ------------------------------------------------------------------------ */
/* Version, errors, protocols, languages                                    */
/* ------------------------------------------------------------------------ */

const char *sc_version(void) { return SC__VERSION; }

const char *sc_strerror(int status)
{
    switch (status) {
    case SC_OK: return "success";
    case SC_EINVAL: return "invalid argument";
    case SC_EMALFORMED: return "code is not well-formed";
    case SC_EPROTOCOL: return "unknown protocol";
    case SC_ELANG: return "unknown language";
    case SC_ENOSPACE: return "buffer too small";
    case SC_EEMPTY: return "empty reply";
    default: return "unknown error";
    }
}

size_t sc_protocol_count(void) { return SC__NPROTO; }

static int valid_protocol(int protocol)
{
    return protocol >= 0 && protocol < SC__NPROTO;
}

const char *sc_protocol_name(size_t id)
{
    return id < SC__NPROTO ? sc__str(sc__protocols[id].name) : NULL;
}

const char *sc_protocol_display(size_t id)
{
    return id < SC__NPROTO ? sc__str(sc__protocols[id].display) : NULL;
}

const char *sc_protocol_help(size_t id)
{
    return id < SC__NPROTO ? sc__str(sc__protocols[id].help) : NULL;
}

int sc_protocol_default(void) { return SC__SMTP; }

int sc__smtp(void) { return SC__SMTP; }

const sc__protocol_ids sc__ids = {SC__PROTO_SMTP, SC__PROTO_FTP,
                                  SC__PROTO_HTTP, SC__PROTO_GRPC,
                                  SC__PROTO_SIP,  SC__PROTO_DNS,
                                  SC__PROTO_WEBSOCKET};

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* 1 if `s` (`len` bytes) equals NUL-terminated `lit`, ASCII case ignored. */
static int eq_nocase(const char *s, size_t len, const char *lit)
{
    size_t i;
    for (i = 0; i < len; i++) {
        if (lit[i] == '\0' || ascii_lower((unsigned char)s[i]) != lit[i])
            return 0;
    }
    return lit[len] == '\0';
}

int sc_protocol_find(const char *name, size_t len)
{
    int i;
    if (name == NULL)
        return -1;
    for (i = 0; i < SC__NPROTO; i++) {
        if (eq_nocase(name, len, sc__str(sc__protocols[i].name)))
            return i;
    }
    return -1;
}

size_t sc_lang_count(void) { return SC__NLANG; }

const char *sc_lang_tag(size_t id)
{
    return id < SC__NLANG ? sc__str(sc__lang_tags[id]) : NULL;
}

const char *sc_lang_name(size_t id)
{
    return id < SC__NLANG ? sc__str(sc__lang_names[id]) : NULL;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int is_alnum(int c) { return is_alpha(c) || is_digit(c); }

/* Reading of a language tag: the language subtag, and what the rest says
 * of Chinese script. */
typedef struct {
    size_t lang_len;  /* the language subtag is tag[0, lang_len) */
    int hant, hans;   /* script Hant (or a region that writes it), Hans */
} lang_reading;

/* 1 if subtag `t` (`n` bytes) equals the lower-case `lit`, ASCII case
 * ignored. */
static int subtag_is(const char *t, size_t n, const char *lit)
{
    return strlen(lit) == n && eq_nocase(t, n, lit);
}

/* Read `tag` as a BCP 47 tag ("fr-CA", "zh-Hans-CN": subtags of 1 to 8
 * letters and digits after a language of 2 or 3 letters; after a
 * singleton such as "x", at least one subtag of the extension) or as a POSIX locale
 * ("de_DE.UTF-8", "sr_RS@latin": one territory of 2 letters or 3 digits,
 * then an optional .codeset and @modifier). 0 when it is neither. */
static int lang_read(const char *tag, size_t len, lang_reading *r)
{
    size_t i = 0, start, n;
    int posix, ext = 0, need = 0;
    memset(r, 0, sizeof *r);
    while (i < len && is_alpha((unsigned char)tag[i]))
        i++;
    if (i < 2 || i > 3)
        return 0;
    r->lang_len = i;
    if (i == len)
        return 1;
    posix = tag[i] == '_' || tag[i] == '.' || tag[i] == '@';
    if (posix) {
        /* _TERRITORY, .codeset and @modifier, each optional, in order. */
        if (tag[i] == '_') {
            start = ++i;
            while (i < len && is_alnum((unsigned char)tag[i]))
                i++;
            n = i - start;
            if (!(n == 2 && is_alpha((unsigned char)tag[start]) &&
                  is_alpha((unsigned char)tag[start + 1])) &&
                !(n == 3 && is_digit((unsigned char)tag[start]) &&
                  is_digit((unsigned char)tag[start + 1]) &&
                  is_digit((unsigned char)tag[start + 2])))
                return 0;
            r->hant = subtag_is(tag + start, n, "tw") ||
                      subtag_is(tag + start, n, "hk") ||
                      subtag_is(tag + start, n, "mo");
        }
        if (i < len && tag[i] == '.') {
            start = ++i;
            while (i < len && (is_alnum((unsigned char)tag[i]) ||
                               tag[i] == '-' || tag[i] == '_'))
                i++;
            if (i == start)
                return 0;
        }
        if (i < len && tag[i] == '@') {
            start = ++i;
            while (i < len && is_alnum((unsigned char)tag[i]))
                i++;
            if (i == start)
                return 0;
            if (subtag_is(tag + start, i - start, "hant"))
                r->hant = 1;
        }
        return i == len;
    }
    while (i < len) {
        if (tag[i] != '-')
            return 0;
        start = ++i;
        while (i < len && is_alnum((unsigned char)tag[i]))
            i++;
        n = i - start;
        if (n == 0 || n > 8)
            return 0;
        if (ext == 'x') {
            need = 0; /* private use: any subtag of 1 to 8 */
            continue;
        }
        if (n == 1) {
            if (need)
                return 0; /* an extension with no subtag */
            ext = ascii_lower((unsigned char)tag[start]);
            need = 1;
            continue;
        }
        need = 0;
        if (ext)
            continue; /* a subtag of an extension ("u-ca-japanese") */
        if (subtag_is(tag + start, n, "hant"))
            r->hant = 1;
        else if (subtag_is(tag + start, n, "hans"))
            r->hans = 1;
        else if (subtag_is(tag + start, n, "tw") ||
                 subtag_is(tag + start, n, "hk") ||
                 subtag_is(tag + start, n, "mo"))
            r->hant = 1; /* the region writes Traditional Chinese */
    }
    return !need;
}

int sc_lang_find(const char *tag, size_t len)
{
    lang_reading r;
    size_t i;
    if (tag == NULL || !lang_read(tag, len, &r))
        return -1;
    if (subtag_is(tag, r.lang_len, "zh") && r.hant && !r.hans)
        return -1; /* Traditional Chinese is not Simplified Chinese */
    for (i = 0; i < SC__NLANG; i++) {
        if (eq_nocase(tag, r.lang_len, sc__str(sc__lang_tags[i])))
            return (int)i;
    }
    return -1;
}

const char *sc_lang_refusal(const char *tag, size_t len)
{
    lang_reading r;
    if (tag == NULL || !lang_read(tag, len, &r))
        return "not a language tag: write one as fr, fr-CA or fr_CA.UTF-8";
    if (subtag_is(tag, r.lang_len, "zh") && sc_lang_find(tag, len) < 0)
        return "Traditional Chinese is not available; zh is Simplified "
               "Chinese";
    return NULL;
}

/* Label `id` (a generic key id) of `protocol` in `lang`: the protocol's own
 * wording where labels.txt has one (key@protocol), else the generic one. */
static const char *label(int protocol, int lang, unsigned id)
{
    return sc__str(sc__labels[lang][sc__label_row[protocol][id]]);
}

/* ------------------------------------------------------------------------ */
/* Codes                                                                    */
/* ------------------------------------------------------------------------ */

static const sc__kind *kind_of(int protocol, int kind)
{
    const sc__protocol *p = &sc__protocols[protocol];
    return kind >= 1 && kind <= p->kind_count
               ? &sc__kinds[p->kind_first + kind - 1]
               : NULL;
}

/* 1 if class digit `d` is one of a dotted kind's classes. */
static int dotted_class(const sc__kind *k, int d)
{
    const sc__entry *e = &sc__entries[k->class_first];
    size_t i;
    for (i = 0; i < k->class_count; i++) {
        if (e[i].key == d)
            return 1;
    }
    return 0;
}

int sc__code_valid(const sc_code *c)
{
    const sc__kind *k;
    if (c == NULL || !valid_protocol(c->protocol) ||
        (k = kind_of(c->protocol, c->kind)) == NULL)
        return 0;
    if (k->syntax != SC__SYNTAX_DOTTED)
        return c->value >= k->min && c->value <= k->max && c->subject == 0 &&
               c->detail == 0;
    return c->value >= k->min && c->value <= k->max && dotted_class(k, c->value) &&
           c->subject >= 0 && c->subject <= 999 && c->detail >= 0 &&
           c->detail <= 999;
}

/* Digits of a number: ASCII digits, no leading zero, at most 9. */
static int parse_number(const char *s, size_t len, int *out)
{
    size_t i;
    int v = 0;
    if (len == 0 || len > 9 || (len > 1 && s[0] == '0'))
        return 0;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* A dotted code "c.s.d" of kind `k` (index `kind`) into *c. */
static int parse_dotted(const char *s, size_t len, int protocol, int kind,
                        const sc__kind *k, sc_code *c)
{
    const char *dot1 = memchr(s, '.', len), *dot2;
    if (dot1 == NULL || dot1 - s != 1)
        return 0;
    dot2 = memchr(dot1 + 1, '.', len - 2);
    if (dot2 == NULL || dot2 - dot1 - 1 > 3 ||
        len - (size_t)(dot2 - s) - 1 > 3)
        return 0;
    c->protocol = protocol;
    c->kind = kind;
    if (!parse_number(s, 1, &c->value) ||
        !parse_number(dot1 + 1, (size_t)(dot2 - dot1 - 1), &c->subject) ||
        !parse_number(dot2 + 1, len - (size_t)(dot2 - s) - 1, &c->detail))
        return 0;
    (void)k;
    return sc__code_valid(c);
}

/* A prefixed code of kind `k`: its word ("EDE", any case), at most one
 * ':', '-' or '_' right after it, spaces, then the number ("EDE 18",
 * "EDE: 18", "EDE-18", "ede18"; not "EDE -1"). */
static int parse_prefixed(const char *s, size_t len, const sc__kind *k,
                          int *value)
{
    const char *w = sc__str(k->prefix);
    size_t n = strlen(w), i;
    if (len <= n)
        return 0;
    for (i = 0; i < n; i++) {
        if (ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)w[i]))
            return 0;
    }
    if (i < len && (s[i] == ':' || s[i] == '-' || s[i] == '_'))
        i++;
    while (i < len && s[i] == ' ')
        i++;
    return parse_number(s + i, len - i, value);
}

/* Normalize a symbol for lookup: what follows the last '.', ASCII letters
 * and digits only, lower case. Returns the length, 0 if none or too long. */
#define SYMBOL_MAX 64
static size_t normalize_symbol(const char *s, size_t len, char *out)
{
    size_t i, n = 0, from = 0;
    for (i = 0; i < len; i++) {
        if (s[i] == '.')
            from = i + 1;
    }
    for (i = from; i < len; i++) {
        int ch = (unsigned char)s[i];
        if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
            (ch >= 'A' && ch <= 'Z')) {
            if (n == SYMBOL_MAX)
                return 0;
            out[n++] = (char)ascii_lower(ch);
        } else if (ch != '_' && ch != '-' && ch != ' ') {
            return 0;
        }
    }
    return n;
}

/* The symbol `s` of `protocol` into *c; 1 if found. */
static int find_symbol(int protocol, const char *s, size_t len, sc_code *c)
{
    const sc__protocol *p = &sc__protocols[protocol];
    char norm[SYMBOL_MAX];
    size_t n = normalize_symbol(s, len, norm), lo = 0, hi = p->sym_count;
    if (n == 0)
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const sc__symbol *y = &sc__symbols[p->sym_first + mid];
        const char *t = sc__str(y->norm);
        int cmp = strncmp(t, norm, n);
        if (cmp == 0 && t[n] != '\0')
            cmp = 1;
        if (cmp == 0) {
            c->protocol = protocol;
            c->kind = y->kind + 1;
            c->value = y->key;
            c->subject = 0;
            c->detail = 0;
            return 1;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int sc_code_parse(int protocol, const char *s, size_t len, sc_code *out)
{
    const sc__protocol *p;
    sc_code c = {0, 0, 0, 0, 0};
    int kind;
    if (s == NULL || out == NULL)
        return SC_EINVAL;
    if (!valid_protocol(protocol))
        return SC_EPROTOCOL;
    p = &sc__protocols[protocol];
    for (kind = 1; kind <= p->kind_count; kind++) {
        const sc__kind *k = kind_of(protocol, kind);
        if (k->syntax != SC__SYNTAX_DOTTED) {
            c.protocol = protocol;
            c.kind = kind;
            c.subject = c.detail = 0;
            if ((k->syntax == SC__SYNTAX_NUMBER
                     ? parse_number(s, len, &c.value)
                     : parse_prefixed(s, len, k, &c.value)) &&
                sc__code_valid(&c)) {
                *out = c;
                return SC_OK;
            }
        } else if (parse_dotted(s, len, protocol, kind, k, &c)) {
            *out = c;
            return SC_OK;
        }
    }
    if (find_symbol(protocol, s, len, &c)) {
        *out = c;
        return SC_OK;
    }
    return SC_EMALFORMED;
}

int sc_code_from_int(int protocol, long value, sc_code *out)
{
    sc_code c;
    if (out == NULL)
        return SC_EINVAL;
    if (!valid_protocol(protocol))
        return SC_EPROTOCOL;
    if (value < 0 || value > 0x7FFFFFFFL)
        return SC_EMALFORMED;
    c.protocol = protocol;
    c.kind = SC_CODE_BASIC;
    c.value = (int)value;
    c.subject = 0;
    c.detail = 0;
    if (kind_of(protocol, SC_CODE_BASIC)->syntax != SC__SYNTAX_NUMBER ||
        !sc__code_valid(&c))
        return SC_EMALFORMED;
    *out = c;
    return SC_OK;
}

/* Write the decimal digits of 0 <= v; returns how many. */
static size_t put_uint(char *p, int v)
{
    char tmp[12];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < sizeof tmp);
    for (i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return n;
}

size_t sc_code_format(const sc_code *code, char *buf, size_t size)
{
    char tmp[SC_CODE_TEXT_MAX + 12];
    size_t n = 0;
    const sc__kind *k;
    if (buf == NULL || size == 0)
        return 0;
    buf[0] = '\0';
    if (code == NULL || !sc__code_valid(code))
        return 0;
    k = kind_of(code->protocol, code->kind);
    if (k->syntax == SC__SYNTAX_PREFIXED) {
        const char *w = sc__str(k->prefix);
        size_t wn = strlen(w);
        if (wn > 8)
            return 0;
        memcpy(tmp, w, wn);
        tmp[wn] = ' ';
        n = wn + 1;
    }
    n += put_uint(tmp + n, code->value);
    if (k->syntax == SC__SYNTAX_DOTTED) {
        tmp[n++] = '.';
        n += put_uint(tmp + n, code->subject);
        tmp[n++] = '.';
        n += put_uint(tmp + n, code->detail);
    }
    if (n + 1 > size || n + 1 > SC_CODE_TEXT_MAX)
        return 0;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return n;
}

/* ------------------------------------------------------------------------ */
/* Entry lookup                                                             */
/* ------------------------------------------------------------------------ */

/* Entry of key `key` in entries [first, first + n), or NULL. */
static const sc__entry *find_entry(size_t first, size_t n, int32_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const sc__entry *e = &sc__entries[first + mid];
        if (e->key == key)
            return e;
        if (e->key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The class or range entry that covers `value` (for a dotted kind, its
 * class digit) in kind `k`, or NULL. Class entries hold the codes they
 * cover as [key, hi]: 400-499 for "4xx". */
static const sc__entry *class_entry(const sc__kind *k, int value)
{
    size_t i;
    for (i = 0; i < k->class_count; i++) {
        const sc__entry *e = &sc__entries[k->class_first + i];
        if (value >= e->key && value <= e->hi)
            return e;
    }
    return NULL;
}

/* The listed entry of a valid code `c`, or NULL. */
static const sc__entry *listed_entry(const sc_code *c)
{
    const sc__kind *k = kind_of(c->protocol, c->kind);
    int32_t key = k->syntax == SC__SYNTAX_DOTTED ? c->subject * 1000 + c->detail
                                                 : c->value;
    /* RFC 3463 defines a detail apart from the class it comes with; servers
     * do use unusual pairs (Microsoft's 550 5.4.1), so any class counts. */
    return find_entry(k->entry_first, k->entry_count, key);
}

/* The entry that describes a valid code `c`; *known says whether it is the
 * code's own. Never NULL: the generator checks that classes, ranges and
 * listed codes cover every code of a kind. */
static const sc__entry *entry_for(const sc_code *c, int *known)
{
    const sc__kind *k = kind_of(c->protocol, c->kind);
    const sc__entry *e = listed_entry(c);
    *known = e != NULL;
    if (e != NULL)
        return e;
    if (k->sub_count > 0 &&
        (e = find_entry(k->sub_first, k->sub_count, c->subject)) != NULL)
        return e;
    e = class_entry(k, c->value);
    return e != NULL ? e : &sc__entries[k->class_first];
}

int sc__code_known(const sc_code *c)
{
    return sc__code_valid(c) && listed_entry(c) != NULL;
}

const char *sc__code_name(const sc_code *c)
{
    int known;
    if (!sc__code_valid(c))
        return "";
    return sc__str(entry_for(c, &known)->text[SC__T_NAME]);
}

const char *sc__class_code(int protocol, int d)
{
    const sc__kind *k;
    const sc__entry *e;
    if (!valid_protocol(protocol) ||
        (k = kind_of(protocol, SC_CODE_BASIC)) == NULL ||
        k->scheme != SC__SCHEME_DIGIT || d < 0 || d > 9)
        return NULL;
    e = class_entry(k, d * 100);
    return e != NULL ? sc__str(e->ctext) : NULL;
}

/* Text `field` of `e` in `lang`, or English; sets `bit` in *fallback when
 * a text exists in English only. NULL when the entry has no such text. */
static const char *entry_text(const sc__entry *e, int field, int lang,
                              unsigned bit, unsigned *fallback)
{
    size_t i;
    uint32_t en = field < SC__T_COUNT ? e->text[field] : 0;
    if (field < SC__T_COUNT && en == 0)
        return NULL;
    if (lang != 0) {
        for (i = e->tr_first; i < (size_t)e->tr_first + e->tr_count; i++) {
            if (sc__trs[i].lang == lang && sc__trs[i].field == field)
                return sc__str(sc__trs[i].text);
        }
        *fallback |= bit;
    }
    return field < SC__T_COUNT ? sc__str(en) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Labels                                                                   */
/* ------------------------------------------------------------------------ */

static const char *const label_keys[SC_LABEL_COUNT] = {
    "summary", "description", "when", "fix", "retry", "actor", "commands",
    "references", "related", "variants", "differences", "when_to_use",
    "learn_more", "gist", "equivalents", "aliases"};

const char *sc_label_key(int id)
{
    return id >= 0 && id < SC_LABEL_COUNT ? label_keys[id] : NULL;
}

const char *sc_label(int lang, int id)
{
    if (lang < 0 || lang >= SC__NLANG || id < 0 || id >= SC_LABEL_COUNT)
        return NULL;
    return sc__str(sc__labels[lang][sc__heading_key[id]]);
}

int sc_word_count(void) { return SC__NWORD; }

const char *sc_word_key(int id)
{
    return id >= 0 && id < SC__NWORD ? sc__str(sc__word_keys[id]) : NULL;
}

const char *sc_word(int lang, int id)
{
    if (lang < 0 || lang >= SC__NLANG || id < 0 || id >= SC__NWORD)
        return NULL;
    return sc__str(sc__labels[lang][sc__word_row[id]]);
}

const char *sc_action_summary_in(int action, int lang)
{
    if (action < 0 || action >= SC_ACTION_COUNT)
        return NULL;
    if (lang < 0 || lang >= SC__NLANG)
        lang = 0;
    return sc__str(sc__labels[lang][sc__action_label[action]]);
}

const char *sc_action_summary(int action)
{
    return sc_action_summary_in(action, 0);
}

/* ------------------------------------------------------------------------ */
/* describe                                                                 */
/* ------------------------------------------------------------------------ */

/* 1 if link `q` of an entry holds for `code`: links of an enhanced detail
 * hold for the class equivalents.txt named. */
static int equiv_holds(const sc__equiv *q, const sc_code *code)
{
    return q->klass == 0 || q->klass == code->value;
}

/* The `i`th link of `e` that holds for `code`, or NULL. */
static const sc__equiv *equiv_at(const sc__entry *e, const sc_code *code,
                                 size_t i)
{
    size_t j;
    for (j = 0; j < e->list_count[SC_LIST_EQUIVALENTS]; j++) {
        const sc__equiv *q = &sc__equivs[e->list_first[SC_LIST_EQUIVALENTS] + j];
        if (equiv_holds(q, code) && i-- == 0)
            return q;
    }
    return NULL;
}

int sc_describe(const sc_code *code, int lang, sc_info *out)
{
    sc_info r;
    const sc__kind *k;
    const sc__entry *e, *ce;
    int known, retry, i;
    if (code == NULL || out == NULL)
        return SC_EINVAL;
    if (!valid_protocol(code->protocol))
        return SC_EPROTOCOL;
    if (lang < 0 || lang >= SC__NLANG)
        return SC_ELANG;
    if (!sc__code_valid(code))
        return SC_EMALFORMED;
    memset(&r, 0, sizeof r);
    k = kind_of(code->protocol, code->kind);
    e = entry_for(code, &known);
    r.code = *code;
    r.known = known;
    r.lang = lang;
    r.name = entry_text(e, SC__T_NAME, lang, SC_TEXT_NAME, &r.untranslated);
    r.gist = entry_text(e, SC__T_GIST, lang, SC_TEXT_GIST, &r.untranslated);
    r.description = entry_text(e, SC__T_DESCRIPTION, lang, SC_TEXT_DESCRIPTION,
                               &r.untranslated);
    r.when = entry_text(e, SC__T_WHEN, lang, SC_TEXT_WHEN, &r.untranslated);
    r.fix = entry_text(e, SC__T_FIX, lang, SC_TEXT_FIX, &r.untranslated);
    r.source = sc__str(sc__source_names[e->source]);
    r.origin = opt_str(e->origin);
    if (e->flags & 1)
        r.mnemonic = sc__str(sc__strs[e->list_first[SC_LIST_ALIASES]]);
    retry = e->retry;
    ce = class_entry(k, code->value);
    if (ce != NULL) {
        r.class_code = sc__str(ce->ctext);
        r.class_name = ce->label != 0xFFFF
                           ? label(code->protocol, lang, ce->label)
                           : entry_text(ce, SC__T_NAME, lang,
                                        SC_TEXT_CLASS_NAME, &r.untranslated);
        if (k->syntax == SC__SYNTAX_DOTTED && code->value < 8 &&
            ((k->class_retry >> code->value) & 1))
            retry = ce->retry;
    }
    if (k->sub_count > 0) {
        const sc__entry *se = find_entry(k->sub_first, k->sub_count,
                                         code->subject);
        if (se != NULL) {
            r.subject_code = sc__str(se->ctext);
            r.subject_name = entry_text(se, SC__T_NAME, lang,
                                        SC_TEXT_SUBJECT_NAME, &r.untranslated);
        }
    }
    r.retry = sc__str(sc__retry_names[retry]);
    r.retry_advice = label(code->protocol, lang, sc__advice_label[retry]);
    r.retryable = sc__retryable[retry];
    r.actor = sc__str(sc__actor_names[e->actor]);
    r.actor_text = label(code->protocol, lang, sc__actor_label[e->actor]);
    for (i = 0; i < SC_LIST_COUNT; i++)
        r.count[i] = e->list_count[i];
    r.count[SC_LIST_EQUIVALENTS] = 0;
    for (i = 0; i < e->list_count[SC_LIST_EQUIVALENTS]; i++)
        r.count[SC_LIST_EQUIVALENTS] += equiv_holds(
            &sc__equivs[e->list_first[SC_LIST_EQUIVALENTS] + i], code);
    if (e->flags & 1)
        r.count[SC_LIST_ALIASES]--; /* the first is the mnemonic */
    if (lang != 0 && r.count[SC_LIST_VARIANTS] > 0) {
        size_t j;
        for (j = 0; j < r.count[SC_LIST_VARIANTS]; j++)
            (void)entry_text(e, SC__T_COUNT + (int)j, lang, SC_TEXT_VARIANTS,
                             &r.untranslated);
    }
    r.entry = (unsigned)(e - sc__entries);
    *out = r;
    return SC_OK;
}

/* The entry of a description, or NULL for a struct the library did not
 * fill in. */
static const sc__entry *info_entry(const sc_info *in, int list, size_t i)
{
    const sc__entry *e;
    size_t skip;
    if (in == NULL || list < 0 || list >= SC_LIST_COUNT ||
        in->entry >= SC__NENTRY)
        return NULL;
    e = &sc__entries[in->entry];
    skip = list == SC_LIST_ALIASES && (e->flags & 1) ? 1 : 0;
    if (i >= in->count[list] || i + skip >= e->list_count[list])
        return NULL;
    if (list == SC_LIST_EQUIVALENTS && equiv_at(e, &in->code, i) == NULL)
        return NULL;
    return e;
}

const char *sc_info_string(const sc_info *in, int list, size_t i)
{
    const sc__entry *e = info_entry(in, list, i);
    if (e == NULL || list == SC_LIST_RELATED || list == SC_LIST_BASIC ||
        list == SC_LIST_EQUIVALENTS)
        return NULL;
    if (list == SC_LIST_ALIASES && (e->flags & 1))
        i++;
    if (list == SC_LIST_VARIANTS && in->lang > 0 && in->lang < SC__NLANG) {
        unsigned dummy = 0;
        const char *t = entry_text(e, SC__T_COUNT + (int)i, in->lang, 0, &dummy);
        if (t != NULL)
            return t;
    }
    return sc__str(sc__strs[e->list_first[list] + i]);
}

static void unpack(const sc__pcode *p, sc_code *out)
{
    out->protocol = p->protocol;
    out->kind = p->kind + 1;
    out->value = p->value;
    out->subject = p->subject;
    out->detail = p->detail;
}

int sc_info_code(const sc_info *in, int list, size_t i, sc_code *out)
{
    const sc__entry *e = info_entry(in, list, i);
    if (e == NULL || out == NULL)
        return SC_EINVAL;
    if (list == SC_LIST_RELATED || list == SC_LIST_BASIC)
        unpack(&sc__codes[e->list_first[list] + i], out);
    else if (list == SC_LIST_EQUIVALENTS)
        unpack(&equiv_at(e, &in->code, i)->code, out);
    else
        return SC_EINVAL;
    return SC_OK;
}

int sc_info_equivalent(const sc_info *in, size_t i, sc_equivalent *out)
{
    const sc__entry *e = info_entry(in, SC_LIST_EQUIVALENTS, i);
    const sc__equiv *q;
    const sc__entry *other;
    int known;
    unsigned dummy = 0;
    if (e == NULL || out == NULL)
        return SC_EINVAL;
    q = equiv_at(e, &in->code, i);
    unpack(&q->code, &out->code);
    other = entry_for(&out->code, &known);
    out->name = entry_text(other, SC__T_NAME,
                           in->lang >= 0 && in->lang < SC__NLANG ? in->lang : 0,
                           0, &dummy);
    out->closeness = sc__str(sc__closeness_names[q->closeness]);
    out->note = opt_str(q->note);
    return SC_OK;
}

size_t sc_code_count(int protocol)
{
    return valid_protocol(protocol) ? sc__protocols[protocol].list_count : 0;
}

int sc_code_at(int protocol, size_t index, sc_code *out)
{
    const sc__protocol *p;
    if (out == NULL || !valid_protocol(protocol))
        return out == NULL ? SC_EINVAL : SC_EPROTOCOL;
    p = &sc__protocols[protocol];
    if (index >= p->list_count)
        return SC_EINVAL;
    unpack(&sc__listed[p->list_first + index], out);
    return SC_OK;
}

size_t sc_lookup(const char *s, size_t len, sc_code *out, size_t max)
{
    size_t n = 0;
    int p;
    sc_code c;
    if (s == NULL || (out == NULL && max > 0))
        return 0;
    for (p = 0; p < SC__NPROTO; p++) {
        if (sc_code_parse(p, s, len, &c) == SC_OK && sc__code_known(&c)) {
            if (n < max)
                out[n] = c;
            n++;
        }
    }
    return n;
}

/* 1 if `hay` holds `w` (`n` bytes), ASCII case ignored. */
static int has_word(const char *hay, const char *w, size_t n)
{
    size_t i, j;
    if (hay == NULL)
        return 0;
    for (i = 0; hay[i] != '\0'; i++) {
        for (j = 0; j < n && hay[i + j] != '\0' &&
                    ascii_lower((unsigned char)hay[i + j]) ==
                        ascii_lower((unsigned char)w[j]);
             j++)
            ;
        if (j == n)
            return 1;
    }
    return 0;
}

static int is_space_byte(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

size_t sc_search(int protocol, const char *words, size_t len, sc_code *out,
                 size_t max)
{
    size_t n = 0, i, j, nwords = 0;
    size_t start[SC_SEARCH_WORDS], wlen[SC_SEARCH_WORDS];
    int p;
    if (protocol != -1 && !valid_protocol(protocol))
        return (size_t)-1;
    if (words == NULL || (out == NULL && max > 0))
        return 0;
    /* Split the words once; past the limits no code matches, so the work
     * below is bounded by SC_SEARCH_WORDS passes, whatever the input. */
    for (i = 0; i < len;) {
        while (i < len && is_space_byte((unsigned char)words[i]))
            i++;
        if (i == len)
            break;
        if (nwords == SC_SEARCH_WORDS)
            return 0;
        start[nwords] = i;
        while (i < len && !is_space_byte((unsigned char)words[i]))
            i++;
        wlen[nwords] = i - start[nwords];
        if (wlen[nwords++] > SC_SEARCH_WORD_MAX)
            return 0;
    }
    if (nwords == 0)
        return 0;
    for (p = 0; p < SC__NPROTO; p++) {
        const sc__protocol *pr = &sc__protocols[p];
        if (protocol != -1 && p != protocol)
            continue;
        for (i = 0; i < pr->list_count; i++) {
            sc_code c;
            const sc__entry *e;
            const char *name, *gist, *sym;
            unpack(&sc__listed[pr->list_first + i], &c);
            e = listed_entry(&c);
            name = sc__str(e->text[SC__T_NAME]);
            gist = opt_str(e->text[SC__T_GIST]);
            sym = e->flags & 1
                      ? sc__str(sc__strs[e->list_first[SC_LIST_ALIASES]])
                      : NULL;
            for (j = 0; j < nwords; j++) {
                const char *w = words + start[j];
                if (!has_word(name, w, wlen[j]) && !has_word(gist, w, wlen[j]) &&
                    !has_word(sym, w, wlen[j]))
                    break;
            }
            if (j == nwords) {
                if (n < max)
                    out[n] = c;
                n++;
            }
        }
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Sentence templates                                                       */
/* ------------------------------------------------------------------------ */

/* Output buffer of compare: strings are appended NUL-terminated. */
typedef struct writer {
    char *buf;
    size_t size, used;
    int full;
} writer;

typedef struct arg {
    const char *name, *value;
} arg;

static void put(writer *w, const char *s, size_t n)
{
    if (w->full || w->used >= w->size || n >= w->size - w->used) {
        w->full = 1;
        return;
    }
    memcpy(w->buf + w->used, s, n);
    w->used += n;
}

/* The space between two sentences, left out after a full-width mark (the
 * ideographic full stop 。 and the full-width ！ ？ ） of Japanese and
 * Chinese), which carries its own spacing. */
static void put_sentence_gap(writer *w)
{
    const unsigned char *b = (const unsigned char *)w->buf;
    if (!w->full && w->used >= 3 &&
        ((b[w->used - 3] == 0xE3 && b[w->used - 2] == 0x80 &&
          b[w->used - 1] == 0x82) ||
         (b[w->used - 3] == 0xEF && b[w->used - 2] == 0xBC &&
          (b[w->used - 1] == 0x81 || b[w->used - 1] == 0x9F ||
           b[w->used - 1] == 0x89))))
        return;
    put(w, " ", 1);
}

/* Start a string in `w`; finish() NUL-terminates it and returns it. */
static size_t begin(const writer *w) { return w->used; }

static const char *finish(writer *w, size_t start)
{
    if (w->full || w->used >= w->size) {
        w->full = 1;
        return "";
    }
    w->buf[w->used++] = '\0';
    return w->buf + start;
}

/* Pass `tmpl` to `emit` (which appends bytes to `to`) with its
 * {placeholders} replaced from `args`. A placeholder with no argument is
 * copied as it stands (the generator makes sure every language uses the
 * placeholders of the English template). The one template filler of
 * compare's sentences and of parse's `why`. */
static void fill(const char *tmpl, const arg *args, size_t nargs,
                 void (*emit)(void *to, const char *s, size_t n), void *to)
{
    const char *p = tmpl;
    while (*p) {
        const char *open = strchr(p, '{'), *close;
        size_t i;
        if (open == NULL || (close = strchr(open, '}')) == NULL) {
            emit(to, p, strlen(p));
            return;
        }
        emit(to, p, (size_t)(open - p));
        for (i = 0; i < nargs; i++) {
            size_t n = strlen(args[i].name);
            if (n == (size_t)(close - open - 1) &&
                memcmp(args[i].name, open + 1, n) == 0)
                break;
        }
        if (i < nargs && args[i].value != NULL)
            emit(to, args[i].value, strlen(args[i].value));
        else
            emit(to, open, (size_t)(close - open + 1));
        p = close + 1;
    }
}

static void emit_writer(void *to, const char *s, size_t n)
{
    put((writer *)to, s, n);
}

/* Append `tmpl` with its {placeholders} replaced from `args`. */
static void put_template(writer *w, const char *tmpl, const arg *args,
                         size_t nargs)
{
    fill(tmpl, args, nargs, emit_writer, w);
}

static const char *format(writer *w, const char *tmpl, const arg *args,
                          size_t nargs)
{
    size_t start = begin(w);
    put_template(w, tmpl, args, nargs);
    return finish(w, start);
}

/* The labels of the SC__WHY_* fragments, in their order. */
static const unsigned short sc__why_labels[SC__WHY_COUNT] = {
    SC__L_WHY_TEXT_SAYS,      SC__L_WHY_ENHANCED_CODE, SC__L_WHY_BASIC_CODE,
    SC__L_WHY_CLASS_2,        SC__L_WHY_CLASS_3,       SC__L_WHY_NO_REPLY,
    SC__L_WHY_NOTHING,        SC__L_WHY_NO_CODE,       SC__L_WHY_TEMPORARY,
    SC__L_WHY_CLASS_CONFLICT, SC__L_WHY_ASSUMED,       SC__L_WHY_WAIT,
    SC__L_WHY_WAIT_ONE,       SC__L_WHY_RETRY_AT,      SC__L_WHY_CODE,
    SC__L_WHY_CODE_NO_GIST,   SC__L_WHY_FTP,           SC__L_WHY_EDE,
    SC__L_WHY_IDEMPOTENT};

/* Append what of the `k` bytes of `t` fit to `s` (cut at a UTF-8
 * character boundary). */
static void sentence_put(sc__sentence *s, const char *t, size_t k)
{
    if (s->full || s->n + 1 >= s->size) {
        s->full = 1;
        return;
    }
    if (k > s->size - s->n - 1) {
        s->full = 1;
        k = s->size - s->n - 1;
        while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
            k--;
    }
    memcpy(s->buf + s->n, t, k);
    s->n += k;
    s->buf[s->n] = '\0';
}

static void emit_sentence(void *to, const char *t, size_t k)
{
    sentence_put((sc__sentence *)to, t, k);
}

void sc__why_put(sc__sentence *s, int lang, int id, const char *const *names,
                 const char *const *values, size_t nargs)
{
    arg args[SC__WHY_ARGS];
    size_t i;
    if (id < 0 || id >= SC__WHY_COUNT)
        return;
    if (lang < 0 || lang >= SC__NLANG)
        lang = 0;
    if (s->n > 0) {
        /* why.then is "{why}<separator>{more}": put the separator. */
        const char *then = label(SC__SMTP, lang, SC__L_WHY_THEN);
        const char *a = strstr(then, "{why}"), *b = strstr(then, "{more}");
        if (a != NULL && b != NULL && b >= a + 5)
            sentence_put(s, a + 5, (size_t)(b - (a + 5)));
        else
            sentence_put(s, "; ", 2);
    }
    if (nargs > SC__WHY_ARGS)
        nargs = SC__WHY_ARGS;
    for (i = 0; i < nargs; i++) {
        args[i].name = names[i];
        args[i].value = values[i];
    }
    fill(label(SC__SMTP, lang, sc__why_labels[id]), args, nargs,
         emit_sentence, s);
}

/* The text of command `cmd` of `protocol`: a label for the pseudo-commands
 * protocols.txt marks as labelled (the opening of the connection), else
 * the command itself. */
static const char *command_text(int protocol, int lang, const char *cmd)
{
    const sc__protocol *p = &sc__protocols[protocol];
    size_t i;
    for (i = 0; i < p->lab_count; i++) {
        const sc__labelled *l = &sc__labelled_commands[p->lab_first + i];
        if (strcmp(cmd, sc__str(l->command)) == 0)
            return label(protocol, lang, l->label);
    }
    return cmd;
}

/* Whether the UTF-8 text `s` of `n` bytes ends with a Chinese or Japanese
 * character or a full-width mark (、 ，), which carries its own spacing; the
 * ranges of gen_kb.py's wide(). The Arabic comma ، does not. */
static int ends_wide(const char *s, size_t n)
{
    const unsigned char *b = (const unsigned char *)s;
    unsigned long cp;
    if (n < 3 || (b[n - 3] & 0xF0) != 0xE0)
        return 0;
    cp = ((unsigned long)(b[n - 3] & 0x0F) << 12) |
         ((unsigned long)(b[n - 2] & 0x3F) << 6) | (b[n - 1] & 0x3F);
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* "EHLO, MAIL and RCPT" in `lang`: the label list.separator between the
 * items but the last, followed by a space unless it is a full-width mark
 * (Japanese and Chinese 、), then tmpl.list. */
static const char *command_list(writer *w, int lang, const sc_info *info)
{
    size_t start = begin(w), i, n = info->count[SC_LIST_COMMANDS];
    int protocol = info->code.protocol;
    char rest[SC_COMPARE_BUFSIZE / 4];
    writer rw = {rest, sizeof rest, 0, 0};
    arg a[2];
    if (n == 1) {
        const char *c = command_text(
            protocol, lang, sc_info_string(info, SC_LIST_COMMANDS, 0));
        put(w, c, strlen(c));
        return finish(w, start);
    }
    for (i = 0; i + 1 < n; i++) {
        const char *c = command_text(
            protocol, lang, sc_info_string(info, SC_LIST_COMMANDS, i));
        if (i > 0) {
            const char *sep = label(protocol, lang, SC__L_LIST_SEPARATOR);
            size_t m = strlen(sep);
            put(&rw, sep, m);
            if (m > 0 && !ends_wide(sep, m))
                put(&rw, " ", 1);
        }
        put(&rw, c, strlen(c));
    }
    a[0].name = "rest";
    a[0].value = finish(&rw, 0);
    a[1].name = "last";
    a[1].value = command_text(protocol, lang,
                              sc_info_string(info, SC_LIST_COMMANDS, n - 1));
    put_template(w, label(protocol, lang, SC__L_TMPL_LIST), a, 2);
    return finish(w, start);
}

static int same_commands(const sc_info *a, const sc_info *b)
{
    size_t i, j, na = a->count[SC_LIST_COMMANDS];
    if (na != b->count[SC_LIST_COMMANDS])
        return 0;
    for (i = 0; i < na; i++) {
        const char *c = sc_info_string(a, SC_LIST_COMMANDS, i);
        for (j = 0; j < na; j++) {
            if (strcmp(c, sc_info_string(b, SC_LIST_COMMANDS, j)) == 0)
                break;
        }
        if (j == na)
            return 0;
    }
    return 1;
}

static int lists_code(const sc_info *enh, const sc_code *basic)
{
    size_t i;
    sc_code c;
    for (i = 0; i < enh->count[SC_LIST_BASIC]; i++) {
        if (sc_info_code(enh, SC_LIST_BASIC, i, &c) == SC_OK &&
            c.value == basic->value)
            return 1;
    }
    return 0;
}

static size_t actor_index(const char *name)
{
    size_t i;
    for (i = 0; i < SC__ACTOR_COUNT; i++) {
        if (strcmp(sc__str(sc__actor_names[i]), name) == 0)
            return i;
    }
    return 0;
}

static size_t retry_index(const char *name)
{
    size_t i;
    for (i = 0; i < SC__RETRY_COUNT; i++) {
        if (strcmp(sc__str(sc__retry_names[i]), name) == 0)
            return i;
    }
    return SC__RETRY_LATER;
}

/* ------------------------------------------------------------------------ */
/* compare                                                                  */
/* ------------------------------------------------------------------------ */

static int same_code(const sc_code *a, const sc_code *b)
{
    return a->protocol == b->protocol && a->kind == b->kind &&
           a->value == b->value && a->subject == b->subject &&
           a->detail == b->detail;
}

/* The sentence the knowledge base has to tell `a` and `b` apart (a
 * `contrast` of either entry), in `lang` where translated, else in English
 * with SC_TEXT_CONTRASTS set in *untranslated; NULL if none. */
static const char *contrast(const sc_info *a, const sc_info *b, int lang,
                            unsigned *untranslated)
{
    int k;
    for (k = 0; k < 2; k++) {
        const sc_info *x = k == 0 ? a : b, *y = k == 0 ? b : a;
        const sc__entry *e;
        size_t i;
        if (!x->known || x->entry >= SC__NENTRY)
            continue;
        e = &sc__entries[x->entry];
        for (i = 0; i < e->contrast_count; i++) {
            const sc__contrast *c = &sc__contrasts[e->contrast_first + i];
            sc_code code;
            const char *t;
            unpack(&c->code, &code);
            if (!same_code(&code, &y->code))
                continue;
            t = entry_text(e, SC__T_CONTRAST + (int)i, lang,
                           SC_TEXT_CONTRASTS, untranslated);
            return t != NULL ? t : sc__str(c->text);
        }
    }
    return NULL;
}

/* 1 if `a` and `b` are of one class: the same class entry, or, for a basic
 * and an enhanced code of digit classes, the same first digit (250 and
 * 2.5.0 both report success). */
static int same_class(const sc_info *a, const sc_info *b)
{
    const sc__kind *ka = kind_of(a->code.protocol, a->code.kind);
    const sc__kind *kb = kind_of(b->code.protocol, b->code.kind);
    if (a->class_code == NULL || b->class_code == NULL)
        return 0;
    if (ka->scheme == SC__SCHEME_DIGIT && kb->scheme == SC__SCHEME_DIGIT)
        return a->class_code[0] == b->class_code[0];
    return strcmp(a->class_code, b->class_code) == 0;
}

/* The closeness ("exact", "close") of the link from `x` to `y`, or NULL
 * when `x` does not list `y` as an equivalent. */
static const char *link_between(const sc_info *x, const sc_code *y)
{
    size_t i;
    sc_equivalent q;
    for (i = 0; i < x->count[SC_LIST_EQUIVALENTS]; i++) {
        if (sc_info_equivalent(x, i, &q) == SC_OK && same_code(&q.code, y))
            return q.closeness;
    }
    return NULL;
}

/* The learn_more of a comparison: the references of both, each once;
 * where neither has one, those of their classes. */
static void learn_more(sc_comparison *r)
{
    size_t i, j;
    for (i = 0; i < 2; i++) {
        const sc_info *x = i == 0 ? &r->a : &r->b;
        for (j = 0; j < x->count[SC_LIST_REFERENCES]; j++) {
            const char *ref = sc_info_string(x, SC_LIST_REFERENCES, j);
            size_t k;
            for (k = 0; k < r->nlearn_more; k++) {
                if (strcmp(r->learn_more[k], ref) == 0)
                    break;
            }
            if (k == r->nlearn_more && r->nlearn_more < SC_MAX_LEARN_MORE)
                r->learn_more[r->nlearn_more++] = ref;
        }
    }
    /* Codes in common use that no RFC defines have no references of their
     * own: point to where their class is defined. */
    for (i = 0; i < 2 && r->nlearn_more == 0; i++) {
        const sc_code *x = i == 0 ? &r->a.code : &r->b.code;
        const sc__kind *k = kind_of(x->protocol, x->kind);
        const sc__entry *ce = class_entry(k, x->value);
        if (ce == NULL)
            continue;
        for (j = 0; j < ce->list_count[SC_LIST_REFERENCES] &&
                    r->nlearn_more < SC_MAX_LEARN_MORE;
             j++)
            r->learn_more[r->nlearn_more++] =
                sc__str(sc__strs[ce->list_first[SC_LIST_REFERENCES] + j]);
    }
}

/* The summary's first sentence: what each code means, where both have a
 * gist (`at`, `bt`: the codes as the sentence names them). */
static void put_gists(writer *w, int protocol, int lang, const char *at,
                      const sc_info *ia, const char *bt, const sc_info *ib)
{
    arg s[6] = {{"a", at}, {"a_name", ia->name}, {"a_gist", ia->gist},
                {"b", bt}, {"b_name", ib->name}, {"b_gist", ib->gist}};
    /* Two codes of one entry (4.2.2 and 5.2.2) share their gist: saying it
     * twice tells nothing apart. */
    if (ia->gist == NULL || ib->gist == NULL || strcmp(ia->gist, ib->gist) == 0)
        return;
    put_template(w, label(protocol, lang, SC__L_TMPL_SUMMARY_GISTS), s, 6);
    put_sentence_gap(w);
}

/* The summary's last sentence, on retrying: one advice when both codes
 * share it, else each code's (`at`, `bt`: the codes as the sentence names
 * them; `retry_a`, `retry_b`: their advice, worded). */
static void put_retry_summary(writer *w, int protocol, int lang,
                              const sc_comparison *r, const char *at,
                              const char *retry_a, const char *bt,
                              const char *retry_b)
{
    if (strcmp(r->a.retry, r->b.retry) == 0) {
        arg s[1] = {{"retry", retry_a}};
        put_template(w, label(protocol, lang, SC__L_TMPL_SUMMARY_RETRY_SAME),
                     s, 1);
    } else {
        arg s[4] = {{"a", at}, {"a_retry", retry_a}, {"b", bt},
                    {"b_retry", retry_b}};
        put_template(w, label(protocol, lang, SC__L_TMPL_SUMMARY_RETRY), s, 4);
    }
}

/* Retrying, then who acts: a difference each where the codes differ, else
 * what they share into `*same` (the actor only when nothing came first;
 * `actor` words a shared actor). Appends to r->differences from `*nd`. */
static void diff_retry_actor(sc_comparison *r, writer *w, int protocol,
                             int lang, const char *at, const char *retry_a,
                             const char *bt, const char *retry_b,
                             const char *actor, size_t *nd, const char **same)
{
    const sc_info *ia = &r->a, *ib = &r->b;

    if (strcmp(ia->retry, ib->retry) != 0) {
        arg s[4] = {{"a", at}, {"a_retry", retry_a}, {"b", bt},
                    {"b_retry", retry_b}};
        r->differences[(*nd)++] = format(w, label(protocol, lang,
                                                  SC__L_TMPL_DIFF_RETRY), s, 4);
    } else {
        arg s[1] = {{"retry", retry_a}};
        *same = format(w, label(protocol, lang, SC__L_TMPL_DIFF_RETRY_SAME),
                       s, 1);
    }
    if (strcmp(ia->actor, ib->actor) != 0) {
        arg s[4] = {{"a", at}, {"a_actor", ia->actor_text}, {"b", bt},
                    {"b_actor", ib->actor_text}};
        r->differences[(*nd)++] = format(w, label(protocol, lang,
                                                  SC__L_TMPL_DIFF_ACTOR), s, 4);
    } else if (*same == NULL) {
        arg s[1] = {{"actor", actor}};
        *same = format(w, label(protocol, lang, SC__L_TMPL_DIFF_ACTOR_SAME),
                       s, 1);
    }
}

/* When each applies: each entry's own `when` prose after a label in its
 * protocol's wording. */
static void when_to_use(sc_comparison *r, writer *w, int lang,
                        const char *at, const char *bt)
{
    size_t i;
    for (i = 0; i < 2; i++) {
        const sc_info *x = i == 0 ? &r->a : &r->b;
        arg s[3] = {{"a", i == 0 ? at : bt}, {"a_name", x->name},
                    {"when", x->when}};
        r->when_to_use[i] = format(w, label(x->code.protocol, lang,
                                            SC__L_TMPL_WHEN_TO_USE), s, 3);
    }
    r->nwhen_to_use = 2;
}

/* The end of a comparison, the same for codes of one protocol and of two:
 * after the `nd` differences already written, a note for each code the base
 * does not list, the similarity `same` (or none), when each applies, where
 * to learn more. Writes `*out` and returns SC_OK, or SC_ENOSPACE when `w`
 * ran out of room. */
static int finish_comparison(sc_comparison *r, writer *w, int lang,
                             const char *at, const char *bt, size_t nd,
                             const char *same, sc_comparison *out)
{
    size_t i;
    for (i = 0; i < 2; i++) {
        const sc_info *x = i == 0 ? &r->a : &r->b;
        if (!x->known && nd < SC_MAX_DIFFERENCES) {
            arg s[1] = {{"a", i == 0 ? at : bt}};
            r->differences[nd++] = format(w, label(r->a.code.protocol, lang,
                                                   SC__L_TMPL_DIFF_UNKNOWN),
                                          s, 1);
        }
    }
    if (same != NULL && nd < SC_MAX_DIFFERENCES)
        r->differences[nd++] = same;
    r->ndifferences = nd;
    when_to_use(r, w, lang, at, bt);
    learn_more(r);
    if (w->full)
        return SC_ENOSPACE;
    *out = *r;
    return SC_OK;
}

/* compare() of two codes of different protocols: what each means in its
 * own protocol, whether the knowledge base links them (or the same number
 * is a false friend), and how retrying and acting differ, each worded as
 * its own protocol words it. Classes are not compared: they belong to
 * different schemes. */
static int compare_cross(const sc_code *a, const sc_code *b, int lang,
                         sc_comparison *out, char *buf, size_t size)
{
    sc_comparison r;
    writer w;
    char at[SC_CODE_TEXT_MAX], bt[SC_CODE_TEXT_MAX];
    char pa[SC_CODE_TEXT_MAX + 16], pb[SC_CODE_TEXT_MAX + 16];
    const sc_info *ia = &r.a, *ib = &r.b;
    const char *retry_a, *retry_b, *closeness, *same = NULL;
    const char *da, *db;
    int rc, pra = a->protocol, prb = b->protocol;
    size_t nd = 0, start;

    memset(&r, 0, sizeof r);
    if ((rc = sc_describe(a, lang, &r.a)) != SC_OK ||
        (rc = sc_describe(b, lang, &r.b)) != SC_OK)
        return rc;
    w.buf = buf;
    w.size = size;
    w.used = 0;
    w.full = 0;
    sc_code_format(a, at, sizeof at);
    sc_code_format(b, bt, sizeof bt);
    da = sc__str(sc__protocols[pra].display);
    db = sc__str(sc__protocols[prb].display);
    /* "SMTP 421", "HTTP 503": a code with its protocol, in sentences that
     * speak of both. */
    {
        size_t n = strlen(da), m = strlen(at);
        if (n + 1 + m + 1 > sizeof pa)
            return SC_EINVAL;
        memcpy(pa, da, n);
        pa[n] = ' ';
        memcpy(pa + n + 1, at, m + 1);
        n = strlen(db);
        m = strlen(bt);
        if (n + 1 + m + 1 > sizeof pb)
            return SC_EINVAL;
        memcpy(pb, db, n);
        pb[n] = ' ';
        memcpy(pb + n + 1, bt, m + 1);
    }
    r.same_class = 0;
    retry_a = label(pra, lang, sc__retry_label[retry_index(ia->retry)]);
    retry_b = label(prb, lang, sc__retry_label[retry_index(ib->retry)]);
    /* The same advice is said once, in the wording common to protocols. */
    if (strcmp(ia->retry, ib->retry) == 0)
        retry_a = retry_b =
            sc__str(sc__labels[lang][sc__retry_label[retry_index(ia->retry)]]);
    {
        arg s[6] = {{"a_protocol", da}, {"a", at}, {"a_name", ia->name},
                    {"b_protocol", db}, {"b", bt}, {"b_name", ib->name}};
        r.title = format(&w, label(pra, lang, SC__L_TMPL_TITLE_CROSS), s, 6);
    }

    /* Summary: what each means, that they belong to different protocols,
     * then what each means for retrying. */
    start = begin(&w);
    put_gists(&w, pra, lang, pa, ia, pb, ib);
    {
        arg s[4] = {{"a_protocol", da}, {"a", at}, {"b_protocol", db},
                    {"b", bt}};
        put_template(&w, label(pra, lang, SC__L_TMPL_SUMMARY_CROSS), s, 4);
        put_sentence_gap(&w);
    }
    put_retry_summary(&w, pra, lang, &r, pa, retry_a, pb, retry_b);
    r.summary = finish(&w, start);

    /* Differences: how the knowledge base relates them, retrying, who
     * acts; then at most one thing they share. */
    {
        arg s[4] = {{"a_protocol", da}, {"a", at}, {"b_protocol", db},
                    {"b", bt}};
        unsigned id;
        closeness = link_between(ia, b);
        if (closeness != NULL)
            id = strcmp(closeness, "exact") == 0 ? SC__L_TMPL_DIFF_EQUIVALENT_EXACT
                                                 : SC__L_TMPL_DIFF_EQUIVALENT_CLOSE;
        else if (strcmp(at, bt) == 0)
            id = SC__L_TMPL_DIFF_FALSE_FRIEND;
        else
            id = SC__L_TMPL_DIFF_UNRELATED;
        r.differences[nd++] = format(&w, label(pra, lang, id), s, 4);
    }
    /* A shared actor is worded as common to protocols. */
    diff_retry_actor(&r, &w, pra, lang, pa, retry_a, pb, retry_b,
                     sc__str(sc__labels[lang][sc__actor_label[actor_index(ia->actor)]]),
                     &nd, &same);
    return finish_comparison(&r, &w, lang, pa, pb, nd, same, out);
}

int sc_compare(const sc_code *a, const sc_code *b, int lang,
               sc_comparison *out, char *buf, size_t size)
{
    sc_comparison r;
    writer w;
    char at[SC_CODE_TEXT_MAX], bt[SC_CODE_TEXT_MAX];
    const sc_info *ia = &r.a, *ib = &r.b;
    const char *retry_a, *retry_b;
    int rc, protocol;
    size_t nd = 0, start;
    /* The first similarity, said after every difference. */
    const char *same = NULL;
    arg args[10];

    if (a == NULL || b == NULL || out == NULL || buf == NULL || size == 0)
        return SC_EINVAL;
    if (a->protocol != b->protocol)
        return compare_cross(a, b, lang, out, buf, size);
    memset(&r, 0, sizeof r);
    if ((rc = sc_describe(a, lang, &r.a)) != SC_OK ||
        (rc = sc_describe(b, lang, &r.b)) != SC_OK)
        return rc;
    protocol = a->protocol;
    w.buf = buf;
    w.size = size;
    w.used = 0;
    w.full = 0;
    sc_code_format(a, at, sizeof at);
    sc_code_format(b, bt, sizeof bt);
    r.same_class = same_class(ia, ib);
    retry_a = label(protocol, lang,
                    sc__retry_label[retry_index(ia->retry)]);
    retry_b = label(protocol, lang,
                    sc__retry_label[retry_index(ib->retry)]);

    args[0].name = "protocol";
    args[0].value = sc__str(sc__protocols[protocol].display);
    args[1].name = "a";
    args[1].value = at;
    args[2].name = "a_name";
    args[2].value = ia->name;
    args[3].name = "b";
    args[3].value = bt;
    args[4].name = "b_name";
    args[4].value = ib->name;
    args[5].name = "a_class";
    args[5].value = ia->class_code;
    args[6].name = "a_class_name";
    args[6].value = ia->class_name;
    args[7].name = "b_class";
    args[7].value = ib->class_code;
    args[8].name = "b_class_name";
    args[8].value = ib->class_name;
    r.title = format(&w, label(protocol, lang, SC__L_TMPL_TITLE), args, 5);

    /* Summary: what each means (where both have a gist), the classes, then
     * what each means for retrying. */
    start = begin(&w);
    put_gists(&w, protocol, lang, at, ia, bt, ib);
    if (ia->class_code != NULL && ib->class_code != NULL) {
        if (r.same_class) {
            arg s[6] = {{"a", at}, {"a_name", ia->name}, {"b", bt},
                        {"b_name", ib->name}, {"class", ia->class_code},
                        {"class_name", ia->class_name}};
            put_template(&w, label(protocol, lang, SC__L_TMPL_SUMMARY_SAME),
                         s, 6);
        } else {
            put_template(&w, label(protocol, lang, SC__L_TMPL_SUMMARY_DIFF),
                         args + 1, 8);
        }
        put_sentence_gap(&w);
    }
    put_retry_summary(&w, protocol, lang, &r, at, retry_a, bt, retry_b);
    r.summary = finish(&w, start);

    /* Differences: what differs first, in the order a reader acts on it
     * (what tells them apart, the kind of code, retrying, who acts, the
     * commands, the class); then at most one thing the two share. */
    {
        const char *t = contrast(ia, ib, lang, &r.untranslated);
        if (t != NULL) {
            size_t st = begin(&w);
            put(&w, t, strlen(t));
            r.differences[nd++] = finish(&w, st);
        }
    }
    if (a->kind != b->kind) {
        const sc_info *enh = a->kind == SC_CODE_ENHANCED ? ia : ib;
        const sc_code *basic = a->kind == SC_CODE_BASIC ? a : b;
        arg s[2] = {{"basic", a->kind == SC_CODE_BASIC ? at : bt},
                    {"enhanced", a->kind == SC_CODE_ENHANCED ? at : bt}};
        r.differences[nd++] = format(&w, label(protocol, lang,
                                               SC__L_TMPL_DIFF_KIND), s, 2);
        if (lists_code(enh, basic))
            r.differences[nd++] = format(&w, label(protocol, lang,
                                                   SC__L_TMPL_DIFF_TRAVEL),
                                         s, 2);
    }
    diff_retry_actor(&r, &w, protocol, lang, at, retry_a, bt, retry_b,
                     ia->actor_text, &nd, &same);
    if (ia->count[SC_LIST_COMMANDS] > 0 && ib->count[SC_LIST_COMMANDS] > 0) {
        if (same_commands(ia, ib)) {
            if (same == NULL) {
                arg s[1] = {{"commands", command_list(&w, lang, ia)}};
                same = format(&w, label(protocol, lang,
                                        SC__L_TMPL_DIFF_COMMANDS_SAME), s, 1);
            }
        } else {
            arg s[4] = {{"a", at}, {"a_commands", NULL}, {"b", bt},
                        {"b_commands", NULL}};
            s[1].value = command_list(&w, lang, ia);
            s[3].value = command_list(&w, lang, ib);
            r.differences[nd++] = format(&w, label(protocol, lang,
                                                   SC__L_TMPL_DIFF_COMMANDS),
                                         s, 4);
        }
    } else if (ia->count[SC_LIST_COMMANDS] > 0 ||
               ib->count[SC_LIST_COMMANDS] > 0) {
        const sc_info *one = ia->count[SC_LIST_COMMANDS] > 0 ? ia : ib;
        arg s[2] = {{"a", one == ia ? at : bt}, {"a_commands", NULL}};
        s[1].value = command_list(&w, lang, one);
        r.differences[nd++] = format(&w, label(protocol, lang,
                                               SC__L_TMPL_DIFF_COMMANDS_ONE),
                                     s, 2);
    }
    if (ia->class_code != NULL && ib->class_code != NULL) {
        if (r.same_class) {
            if (same == NULL) {
                arg s[2] = {{"class", ia->class_code},
                            {"class_name", ia->class_name}};
                same = format(&w, label(protocol, lang,
                                        SC__L_TMPL_DIFF_CLASS_SAME), s, 2);
            }
        } else {
            r.differences[nd++] = format(&w, label(protocol, lang,
                                                   SC__L_TMPL_DIFF_CLASS),
                                         args + 1, 8);
        }
    }
    return finish_comparison(&r, &w, lang, at, bt, nd, same, out);
}

/* ------------------------------------------------------------------------ */
/* For parse.c: reasons, rules, phrases                                     */
/* ------------------------------------------------------------------------ */

size_t sc_reason_count(void) { return SC__NREASON; }

const char *sc_reason_name(size_t id)
{
    return id < SC__NREASON ? sc__str(sc__reasons[id].name) : NULL;
}

const char *sc_reason_summary(size_t id)
{
    return id < SC__NREASON ? sc__str(sc__reasons[id].summary) : NULL;
}

const char *sc_reason_summary_in(size_t id, int lang)
{
    if (id >= SC__NREASON)
        return NULL;
    if (lang < 0 || lang >= SC__NLANG)
        lang = 0;
    return sc__str(sc__reason_summaries[lang][id]);
}

const char *sc_reason_example(size_t id)
{
    return id < SC__NREASON ? sc__str(sc__reasons[id].example) : NULL;
}

int sc_reason_action(size_t id, int permanent)
{
    return id < SC__NREASON ? sc__reasons[id].action[permanent ? 1 : 0] : -1;
}

size_t sc__reason_delivered(void) { return SC__REASON_DELIVERED; }

size_t sc__reason_unknown(void) { return SC__REASON_UNKNOWN; }

int sc__reason_action(size_t id, int permanent)
{
    return id < SC__NREASON ? sc__reasons[id].action[permanent ? 1 : 0]
                            : SC_ACTION_REVIEW;
}

static int find_rule(const sc__code_rule *t, size_t n, int key,
                     size_t *reason, int *prio)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].key == key) {
            *reason = t[mid].reason;
            *prio = t[mid].prio;
            return 1;
        }
        if (t[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int sc__rule_enhanced(int subject, int detail, size_t *reason, int *prio)
{
    return find_rule(sc__enh_rules, SC__ENH_RULES_N, subject * 1000 + detail,
                     reason, prio);
}

int sc__rule_basic(int code, size_t *reason, int *prio)
{
    return find_rule(sc__basic_rules, SC__BASIC_RULES_N, code, reason, prio);
}

const sc__phrase *sc__phrase_at(int i)
{
    return i >= 0 && (size_t)i < COUNT(sc__phrases) ? &sc__phrases[i] : NULL;
}

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* Is the match s[first..last] inside an e-mail address, a URL, an IP
 * address or (unless `names_ok`) a host name? Words there name a mailbox or
 * a machine ("virus.lab@example.org", "from=<x@spammer.example>", "host
 * spam-gw.example.net"), they say nothing about the failure. The token around
 * the match runs to the nearest blank, bracket, quote, ',' or ';'; it is
 * looked at no further than SC__NAME_WINDOW bytes each side, so each match
 * costs a bounded amount of work and the scan stays linear. */
#define SC__NAME_WINDOW 96

static int name_delim(unsigned char c)
{
    return c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' ||
           c == '[' || c == ']' || c == '{' || c == '}' || c == '"' ||
           c == '\'' || c == ',' || c == ';' || c == '|';
}

static int host_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

int sc__in_name(const char *text, size_t len, size_t first, size_t last,
                int names_ok)
{
    const unsigned char *s = (const unsigned char *)text, *c;
    size_t a = first, b = last + 1, i, lim, dots = 0, tld = 0;
    int whole, host = 1, tld_ok = 1;
    lim = first > SC__NAME_WINDOW ? first - SC__NAME_WINDOW : 0;
    while (a > lim && !name_delim(s[a - 1]))
        a--;
    whole = a == 0 || name_delim(s[a - 1]);
    lim = len - b > SC__NAME_WINDOW ? b + SC__NAME_WINDOW : len;
    while (b < lim && !name_delim(s[b]))
        b++;
    whole = whole && (b == len || name_delim(s[b]));
    /* An address: an '@' with something on both sides. */
    if (b - a > 2 && memchr(s + a + 1, '@', b - a - 2) != NULL)
        return 1;
    if (names_ok)
        return 0;
    /* A URL: "scheme://..." or "www.". */
    for (i = a; i + 2 < b && (c = memchr(s + i, ':', b - 2 - i)) != NULL;
         i++) {
        i = (size_t)(c - s);
        if (s[i + 1] == '/' && s[i + 2] == '/')
            return 1;
    }
    if (b - a > 4 && (s[a] | 32) == 'w' && (s[a + 1] | 32) == 'w' &&
        (s[a + 2] | 32) == 'w' && s[a + 3] == '.')
        return 1;
    /* A host name: labels of letters, digits, '-' and '_' joined by dots,
     * the last one (the top-level domain) two or more lower-case letters:
     * "mx1.spam-filter.example". "RESOLVER.RST.RecipSizeLimit" and
     * "rejected.Please" are not host names. A trailing '.' or ':' ends a
     * sentence or leads to a port or a reply, not the name. */
    if (!whole)
        return 0;
    while (b > a && (s[b - 1] == '.' || s[b - 1] == ':'))
        b--;
    if (b - a > 1 && (c = memchr(s + a + 1, ':', b - a - 1)) != NULL)
        b = (size_t)(c - s); /* "host.example:25" */
    for (i = a; i < b; i++) {
        if (!host_byte(s[i])) {
            host = 0;
            break;
        }
        if (s[i] == '.') {
            if (i == a || s[i - 1] == '.')
                host = 0;
            dots++;
            tld = 0;
            tld_ok = 1;
        } else {
            tld++;
            if (s[i] < 'a' || s[i] > 'z')
                tld_ok = 0;
        }
    }
    return host && dots > 0 && tld >= 2 && tld_ok;
}

/* The phrases found so far and the best of them: highest priority, then the
 * earliest start, then the latest end (a phrase that contains another says
 * more), then the lowest phrase index -- the one a single scan from left to
 * right would keep, whatever order the matches are found in. */
typedef struct phrase_scan {
    const unsigned char *s;
    size_t len;
    int best, prio, hint;
    size_t start, end;
} phrase_scan;

/* Record the phrases that end at s[i], where the automaton is in `state`,
 * a state with outputs (>= SC__AC_NPLAIN). A phrase inside an address, a
 * URL or a host name does not count (sc__in_name); a phrase with flag 4,
 * which names a block list or a dotted status token ("spamhaus",
 * "resolver.rst."), counts in a URL or a host name, never in an address. */
static void take_phrases(phrase_scan *m, size_t i, uint32_t state)
{
    const int16_t *o;
    if (state - SC__AC_NPLAIN >= SC__AC_NOUT)
        return;
    for (o = &sc__ac_outs[sc__ac_out[state - SC__AC_NPLAIN]]; *o >= 0; o++) {
        const sc__phrase *p = &sc__phrases[*o];
        size_t first = i + 1 - p->len;
        if ((p->flags & 1) && first > 0 && word_byte(m->s[first - 1]))
            continue;
        if ((p->flags & 2) && i + 1 < m->len && word_byte(m->s[i + 1]))
            continue;
        if (p->reason == SC__RETRY_HINT ? m->hint
            : ((int)p->prio < m->prio ||
             ((int)p->prio == m->prio &&
              (first > m->start ||
               (first == m->start &&
                (i < m->end || (i == m->end && *o > m->best)))))))
            continue; /* cannot beat the best: no need to look closer */
        if (sc__in_name((const char *)m->s, m->len, first, i,
                        (p->flags & 4) != 0))
            continue;
        if (p->reason == SC__RETRY_HINT) {
            m->hint = 1;
        } else {
            m->prio = p->prio;
            m->best = *o;
            m->start = first;
            m->end = i;
        }
    }
}

/* One step of the automaton (see compress_automaton() in the generator) on
 * `byte`: the state's own entry for the byte's class if the slot is its
 * own, else the default row of `pc`, the class of the byte before (0 at
 * the start of a scan), which then becomes the byte's class. Both loads
 * are made and one is kept without a branch: only the table lookup waits
 * for `state`. */
#define AC_STEP(state, pc, byte)                                            \
    do {                                                                    \
        unsigned c_ = sc__ac_class[(unsigned char)(byte)];                  \
        uint32_t e_ = sc__ac_table[(state) + c_] ^ ((state) << 24);         \
        uint32_t d_ = sc__ac_def[(pc)][c_];                                 \
        (state) = e_ < 0x1000000u ? e_ : d_;                                \
        (pc) = c_;                                                          \
    } while (0)
#define AC_TAKE(m, i, state)                                                \
    do {                                                                    \
        if ((state) >= SC__AC_NPLAIN)                                       \
            take_phrases((m), (i), (state));                                \
    } while (0)

/* The scan is a chain of table lookups, each waiting for the one before: the
 * processor's memory latency, not its width, sets the pace. So a text of
 * AC_SPLIT bytes or more is cut into four segments scanned side by side, one
 * step of each per round, which keeps four lookups in flight. Segments 1-3
 * start AC_WARMUP bytes early, from the root: by their first byte they are
 * usually in the state a scan from the start would be in (the state of the
 * last few bytes). Where one is not, the state that is right goes on from the
 * end of the segment before until the two meet, and reports what it finds
 * meanwhile. Every phrase either scan reports really is in the text, and
 * every byte is seen in the right state by one of them, so the result is
 * that of a single scan. Each byte is looked up at most three times. Replies
 * are short (a hundred bytes is typical), hence a short warm-up and an early
 * split: measured on the field-manual corpus, 4 and 24 beat 8 and 64 by a
 * tenth. */
#define AC_WARMUP 4
#define AC_SPLIT 24
_Static_assert(AC_SPLIT >= 4 * AC_WARMUP, "segments 1-3 must start in the text");

void sc__match_phrases(const char *text, size_t len, int *best, int *hint)
{
    const unsigned char *s = (const unsigned char *)text;
    phrase_scan m;
    size_t i;

    m.s = s;
    m.len = len;
    m.best = -1;
    m.prio = -1;
    m.hint = 0;
    m.start = 0;
    m.end = 0;
    if (len < AC_SPLIT) {
        uint32_t state = 0;
        unsigned pc = 0;
        for (i = 0; i < len; i++) {
            AC_STEP(state, pc, s[i]);
            AC_TAKE(&m, i, state);
        }
    } else {
        size_t q = len / 4, b[5], k;
        uint32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0, t;
        unsigned p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        uint32_t entry[4], last[4];
        unsigned entry_pc[4];
        int j;

        b[0] = 0;
        b[1] = q;
        b[2] = 2 * q;
        b[3] = 3 * q;
        b[4] = len;
        for (k = 0; k < AC_WARMUP; k++) {
            size_t i1 = b[1] - AC_WARMUP + k, i2 = b[2] - AC_WARMUP + k,
                   i3 = b[3] - AC_WARMUP + k;
            AC_STEP(s1, p1, s[i1]);
            AC_STEP(s2, p2, s[i2]);
            AC_STEP(s3, p3, s[i3]);
            AC_TAKE(&m, i1, s1);
            AC_TAKE(&m, i2, s2);
            AC_TAKE(&m, i3, s3);
        }
        entry[1] = s1;
        entry[2] = s2;
        entry[3] = s3;
        entry_pc[1] = p1;
        entry_pc[2] = p2;
        entry_pc[3] = p3;
        for (k = 0; k < q; k++) {
            AC_STEP(s0, p0, s[k]);
            AC_STEP(s1, p1, s[b[1] + k]);
            AC_STEP(s2, p2, s[b[2] + k]);
            AC_STEP(s3, p3, s[b[3] + k]);
            if ((s0 >= SC__AC_NPLAIN) | (s1 >= SC__AC_NPLAIN) |
                (s2 >= SC__AC_NPLAIN) | (s3 >= SC__AC_NPLAIN)) {
                AC_TAKE(&m, k, s0);
                AC_TAKE(&m, b[1] + k, s1);
                AC_TAKE(&m, b[2] + k, s2);
                AC_TAKE(&m, b[3] + k, s3);
            }
        }
        for (k = b[3] + q; k < len; k++) { /* the last segment's 0-3 extra bytes */
            AC_STEP(s3, p3, s[k]);
            AC_TAKE(&m, k, s3);
        }
        last[1] = s1;
        last[2] = s2;
        last[3] = s3;
        /* t: the state of a single scan at the end of segment j - 1. Both
         * t and w have read the byte before b[j], so they share its class. */
        t = s0;
        for (j = 1; j < 4; j++) {
            uint32_t w = entry[j];
            unsigned tp = entry_pc[j], wp = entry_pc[j];
            for (i = b[j]; t != w && i < b[j + 1]; i++) {
                AC_STEP(t, tp, s[i]);
                AC_STEP(w, wp, s[i]);
                if (t != w)
                    AC_TAKE(&m, i, t);
            }
            if (t == w)
                t = last[j];
        }
    }
    *best = m.best;
    *hint = m.hint;
}

/* ------------------------------------------------------------------------ */
/* Verdicts of protocols other than SMTP                                    */
/* ------------------------------------------------------------------------ */

/* ASCII lower case. */
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Next offset >= i of the byte c in s[0, n), or n. */
static size_t next_byte(const char *s, size_t n, size_t i, int c)
{
    const char *p = i < n ? memchr(s + i, c, n - i) : NULL;
    return p ? (size_t)(p - s) : n;
}

/* The candidates are found with memchr, for the first byte in lower and in
 * upper case; each of the two is looked for again only once passed, so the
 * walk stays linear in n for a short literal. */
size_t sc__find_ci(const char *s, size_t n, size_t from, const char *lit,
                   size_t m)
{
    size_t j, lo, up;
    int c = (unsigned char)lit[0];
    int cu = c >= 'a' && c <= 'z' ? c - 32 : c;
    if (m == 0 || m > n || from >= n)
        return n;
    lo = next_byte(s, n, from, c);
    up = cu != c ? next_byte(s, n, from, cu) : n;
    while (lo < n || up < n) {
        size_t i = lo < up ? lo : up;
        if (i + m > n)
            return n;
        for (j = 1; j < m && lower((unsigned char)s[i + j]) ==
                                 (unsigned char)lit[j];
             j++)
            ;
        if (j == m)
            return i;
        if (i == lo)
            lo = next_byte(s, n, i + 1, c);
        else
            up = next_byte(s, n, i + 1, cu);
    }
    return n;
}

int sc__code_verdict(const sc_code *c, size_t *reason, int *retry,
                     const sc__reason_if **rif, size_t *nrif)
{
    int known;
    const sc__entry *e, *cls;
    const sc__kind *k;
    if (!sc__code_valid(c))
        return 0;
    e = entry_for(c, &known);
    *retry = e->retry;
    *reason = e->reason != 0xFF ? e->reason : SC__REASON_UNKNOWN;
    if (e->reason == 0xFF && known) {
        /* A listed code without a reason of its own: its class's. */
        k = kind_of(c->protocol, c->kind);
        cls = class_entry(k, c->value);
        if (cls != NULL && cls->reason != 0xFF)
            *reason = cls->reason;
    }
    if (rif != NULL) {
        *rif = &sc__reason_ifs[e->rif_first];
        *nrif = e->rif_count;
    }
    return e->reason != 0xFF || known || *reason != SC__REASON_UNKNOWN;
}

const char *sc__code_mnemonic(const sc_code *c)
{
    const sc__entry *e;
    if (!sc__code_valid(c) || (e = listed_entry(c)) == NULL || !(e->flags & 1))
        return NULL;
    return sc__str(sc__strs[e->list_first[SC_LIST_ALIASES]]);
}

const char *sc__code_gist(const sc_code *c)
{
    int known;
    const sc__entry *e;
    if (!sc__code_valid(c))
        return NULL;
    e = entry_for(c, &known);
    return known && e->text[SC__T_GIST] ? sc__str(e->text[SC__T_GIST]) : NULL;
}

int sc__failure_at(size_t i, const char **phrase, size_t *reason)
{
    if (i >= SC__NFAILURE)
        return 0;
    *phrase = sc__str(sc__failures[i].text);
    *reason = sc__failures[i].reason;
    return 1;
}
