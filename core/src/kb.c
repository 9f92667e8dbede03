/* kb.c — the knowledge base: lookups, describe, compare, labels.
 *
 * The data is core/src/kb_data.inc, generated from core/data/ by
 * core/tools/gen_kb.py. Everything here reads static tables and writes only
 * to what the caller passes in. */
#include <string.h>

#include "kb.h"
#include "statuscodes.h"

#include "kb_data.inc"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* Version, errors, protocols, languages                                    */
/* ------------------------------------------------------------------------ */

const char *sc_version(void) { return KB_VERSION; }

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

static const struct {
    const char *name, *display;
} protocols[] = {
    {"smtp", "SMTP"},
};

size_t sc_protocol_count(void) { return COUNT(protocols); }

const char *sc_protocol_name(size_t id)
{
    return id < COUNT(protocols) ? protocols[id].name : NULL;
}

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
    size_t i;
    if (name == NULL)
        return -1;
    for (i = 0; i < COUNT(protocols); i++) {
        if (eq_nocase(name, len, protocols[i].name))
            return (int)i;
    }
    return -1;
}

size_t sc_lang_count(void) { return KB_NLANG; }

const char *sc_lang_tag(size_t id)
{
    return id < KB_NLANG ? kb_lang_tags[id] : NULL;
}

const char *sc_lang_name(size_t id)
{
    return id < KB_NLANG ? kb_lang_names[id] : NULL;
}

int sc_lang_find(const char *tag, size_t len)
{
    size_t i, n = len;
    if (tag == NULL)
        return -1;
    for (i = 0; i < len; i++) {
        if (tag[i] == '-' || tag[i] == '_') {
            n = i;
            break;
        }
    }
    if (n == 0 || n == len - 1)
        return -1;
    for (i = 0; i < KB_NLANG; i++) {
        if (eq_nocase(tag, n, kb_lang_tags[i]))
            return (int)i;
    }
    return -1;
}

/* ------------------------------------------------------------------------ */
/* Codes                                                                    */
/* ------------------------------------------------------------------------ */

static int valid_protocol(int protocol)
{
    return protocol >= 0 && (size_t)protocol < COUNT(protocols);
}

/* Digits of an enhanced-code part: 1..3 ASCII digits, no leading zero. */
static int parse_part(const char *s, size_t len, int *out)
{
    size_t i;
    int v = 0;
    if (len == 0 || len > 3 || (len > 1 && s[0] == '0'))
        return 0;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static int valid_code(const sc_code *c)
{
    if (c->kind == SC_CODE_BASIC)
        return c->value >= 200 && c->value <= 599;
    if (c->kind == SC_CODE_ENHANCED)
        return (c->value == 2 || c->value == 4 || c->value == 5) &&
               c->subject >= 0 && c->subject <= 999 && c->detail >= 0 &&
               c->detail <= 999;
    return 0;
}

int sc_code_parse(int protocol, const char *s, size_t len, sc_code *out)
{
    sc_code c = {0, 0, 0, 0};
    const char *dot1, *dot2;
    if (s == NULL || out == NULL)
        return SC_EINVAL;
    if (!valid_protocol(protocol))
        return SC_EPROTOCOL;
    dot1 = memchr(s, '.', len);
    if (dot1 == NULL) {
        c.kind = SC_CODE_BASIC;
        if (len != 3 || !parse_part(s, 3, &c.value))
            return SC_EMALFORMED;
    } else {
        size_t rest = len - (size_t)(dot1 - s) - 1;
        dot2 = memchr(dot1 + 1, '.', rest);
        if (dot2 == NULL)
            return SC_EMALFORMED;
        c.kind = SC_CODE_ENHANCED;
        if (dot1 - s != 1 || !parse_part(s, 1, &c.value) ||
            !parse_part(dot1 + 1, (size_t)(dot2 - dot1 - 1), &c.subject) ||
            !parse_part(dot2 + 1, len - (size_t)(dot2 - s) - 1, &c.detail))
            return SC_EMALFORMED;
    }
    if (!valid_code(&c))
        return SC_EMALFORMED;
    *out = c;
    return SC_OK;
}

int sc_code_from_int(int protocol, long value, sc_code *out)
{
    if (out == NULL)
        return SC_EINVAL;
    if (!valid_protocol(protocol))
        return SC_EPROTOCOL;
    if (value < 200 || value > 599)
        return SC_EMALFORMED;
    out->kind = SC_CODE_BASIC;
    out->value = (int)value;
    out->subject = 0;
    out->detail = 0;
    return SC_OK;
}

/* Write the decimal digits of 0 <= v <= 999; returns how many. */
static size_t put_uint(char *p, int v)
{
    char tmp[4];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < 3);
    for (i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return n;
}

size_t sc_code_format(const sc_code *code, char *buf, size_t size)
{
    char tmp[SC_CODE_TEXT_MAX];
    size_t n = 0;
    if (buf == NULL || size == 0)
        return 0;
    buf[0] = '\0';
    if (code == NULL || !valid_code(code))
        return 0;
    if (code->kind == SC_CODE_BASIC) {
        n = put_uint(tmp, code->value);
    } else {
        n = put_uint(tmp, code->value);
        tmp[n++] = '.';
        n += put_uint(tmp + n, code->subject);
        tmp[n++] = '.';
        n += put_uint(tmp + n, code->detail);
    }
    if (n + 1 > size)
        return 0;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return n;
}

/* ------------------------------------------------------------------------ */
/* Entry lookup                                                             */
/* ------------------------------------------------------------------------ */

static const kb_entry *find_entry(const kb_entry *t, size_t n, int key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].key == key)
            return &t[mid];
        if (t[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const kb_entry *enh_class_entry(int cls)
{
    return &kb_smtp_enh_class[cls == 2 ? 0 : cls == 4 ? 1 : 2];
}

/* The entry that describes `c`; *known says whether it is the code's own. */
static const kb_entry *entry_for(const sc_code *c, int *known)
{
    const kb_entry *e;
    if (c->kind == SC_CODE_BASIC) {
        e = find_entry(kb_smtp_basic, KB_SMTP_NBASIC, c->value);
        *known = e != NULL;
        return e ? e : &kb_smtp_basic_class[c->value / 100 - 2];
    }
    e = find_entry(kb_smtp_enh_detail, KB_SMTP_NDETAIL,
                   c->subject * 1000 + c->detail);
    /* RFC 3463 defines a detail apart from the class it comes with; servers
     * do use unusual pairs (Microsoft's 550 5.4.1), so any class counts. */
    *known = e != NULL;
    if (e != NULL)
        return e;
    e = find_entry(kb_smtp_enh_subject, KB_SMTP_NSUBJECT, c->subject);
    return e ? e : enh_class_entry(c->value);
}

int kb_code_known(const sc_code *c)
{
    int known = 0;
    if (valid_code(c))
        (void)entry_for(c, &known);
    return known;
}

const char *kb_code_name(const sc_code *c)
{
    int known;
    if (!valid_code(c))
        return "";
    return entry_for(c, &known)->text[0];
}

/* Text `field` of `e` in `lang`, or English; sets `bit` in *fallback. */
static const char *entry_text(const kb_entry *e, int field, int lang,
                              unsigned bit, unsigned *fallback)
{
    size_t i;
    if (lang != 0) {
        for (i = e->tr_first; i < (size_t)e->tr_first + e->tr_count; i++) {
            if (kb_trs[i].lang == lang && kb_trs[i].field == field)
                return kb_trs[i].text;
        }
        *fallback |= bit;
    }
    return e->text[field];
}

/* ------------------------------------------------------------------------ */
/* Labels                                                                   */
/* ------------------------------------------------------------------------ */

static const char *const label_keys[SC_LABEL_COUNT] = {
    "summary", "description", "when", "fix", "retry", "actor", "commands",
    "references", "related", "variants", "differences", "when_to_use",
    "learn_more"};

const char *sc_label_key(int id)
{
    return id >= 0 && id < SC_LABEL_COUNT ? label_keys[id] : NULL;
}

const char *sc_label(int lang, int id)
{
    if (lang < 0 || lang >= KB_NLANG || id < 0 || id >= SC_LABEL_COUNT)
        return NULL;
    return kb_labels[lang][kb_heading_index[id]];
}

static const char *const retry_names[] = {"not_needed", "continue", "later",
                                          "after_fix", "never"};
static const int advice_label[] = {
    KB_L_ADVICE_NOT_NEEDED, KB_L_ADVICE_CONTINUE, KB_L_ADVICE_LATER,
    KB_L_ADVICE_AFTER_FIX, KB_L_ADVICE_NEVER};
static const int retry_label[] = {
    KB_L_RETRY_NOT_NEEDED, KB_L_RETRY_CONTINUE, KB_L_RETRY_LATER,
    KB_L_RETRY_AFTER_FIX, KB_L_RETRY_NEVER};
static const char *const actor_names[] = {"nobody", "client", "sender",
                                          "recipient", "server"};
static const int actor_label[] = {KB_L_ACTOR_NOBODY, KB_L_ACTOR_CLIENT,
                                  KB_L_ACTOR_SENDER, KB_L_ACTOR_RECIPIENT,
                                  KB_L_ACTOR_SERVER};
static const char *const source_names[] = {"rfc", "registry", "common",
                                           "class"};
enum { RETRY_NOT_NEEDED, RETRY_CONTINUE, RETRY_LATER };

static size_t retry_index(const char *name)
{
    size_t i;
    for (i = 0; i < COUNT(retry_names); i++) {
        if (strcmp(retry_names[i], name) == 0)
            return i;
    }
    return RETRY_LATER;
}

static const char *const basic_class_codes[] = {"2xx", "3xx", "4xx", "5xx"};
static const int basic_class_label[] = {KB_L_CLASS_BASIC_2, KB_L_CLASS_BASIC_3,
                                        KB_L_CLASS_BASIC_4, KB_L_CLASS_BASIC_5};
static const char *const subject_codes[] = {"X.0.X", "X.1.X", "X.2.X", "X.3.X",
                                            "X.4.X", "X.5.X", "X.6.X", "X.7.X"};

/* ------------------------------------------------------------------------ */
/* describe                                                                 */
/* ------------------------------------------------------------------------ */

int sc_describe(int protocol, const sc_code *code, int lang, sc_info *out)
{
    sc_info r;
    const kb_entry *e;
    int known, retry;
    if (code == NULL || out == NULL)
        return SC_EINVAL;
    if (!valid_protocol(protocol))
        return SC_EPROTOCOL;
    if (lang < 0 || lang >= KB_NLANG)
        return SC_ELANG;
    if (!valid_code(code))
        return SC_EMALFORMED;
    memset(&r, 0, sizeof r);
    e = entry_for(code, &known);
    r.protocol = protocol;
    r.code = *code;
    r.known = known;
    r.lang = lang;
    r.name = entry_text(e, 0, lang, SC_TEXT_NAME, &r.untranslated);
    r.description = entry_text(e, 1, lang, SC_TEXT_DESCRIPTION, &r.untranslated);
    r.when = entry_text(e, 2, lang, SC_TEXT_WHEN, &r.untranslated);
    r.fix = entry_text(e, 3, lang, SC_TEXT_FIX, &r.untranslated);
    r.source = source_names[e->source];
    retry = e->retry;
    if (code->kind == SC_CODE_BASIC) {
        int k = code->value / 100 - 2;
        r.class_code = basic_class_codes[k];
        r.class_name = kb_labels[lang][basic_class_label[k]];
    } else {
        r.class_code = code->value == 2   ? "2.X.X"
                       : code->value == 4 ? "4.X.X"
                                          : "5.X.X";
        r.class_name = kb_labels[lang][code->value == 2   ? KB_L_CLASS_ENHANCED_2
                                       : code->value == 4 ? KB_L_CLASS_ENHANCED_4
                                                          : KB_L_CLASS_ENHANCED_5];
        if (code->subject < (int)COUNT(subject_codes)) {
            const kb_entry *se = find_entry(kb_smtp_enh_subject,
                                            KB_SMTP_NSUBJECT, code->subject);
            r.subject_code = subject_codes[code->subject];
            r.subject_name = se ? se->text[0] : NULL;
        }
        if (code->value == 2)
            retry = RETRY_NOT_NEEDED;
        else if (code->value == 4)
            retry = RETRY_LATER;
    }
    r.retry = retry_names[retry];
    r.retry_advice = kb_labels[lang][advice_label[retry]];
    r.retryable = retry == RETRY_LATER;
    r.actor = actor_names[e->actor];
    r.actor_text = kb_labels[lang][actor_label[e->actor]];
    r.commands = &kb_strs[e->cmd_first];
    r.ncommands = e->cmd_count;
    r.references = &kb_strs[e->ref_first];
    r.nreferences = e->ref_count;
    r.variants = &kb_strs[e->var_first];
    r.nvariants = e->var_count;
    r.related = &kb_codes[e->rel_first];
    r.nrelated = e->rel_count;
    r.basic = &kb_codes[e->basic_first];
    r.nbasic = e->basic_count;
    *out = r;
    return SC_OK;
}

size_t sc_code_count(int protocol)
{
    return valid_protocol(protocol) ? COUNT(kb_smtp_codes) : 0;
}

int sc_code_at(int protocol, size_t index, sc_code *out)
{
    if (out == NULL || !valid_protocol(protocol))
        return out == NULL ? SC_EINVAL : SC_EPROTOCOL;
    if (index >= COUNT(kb_smtp_codes))
        return SC_EINVAL;
    *out = kb_smtp_codes[index];
    return SC_OK;
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

/* Append `tmpl` with its {placeholders} replaced from `args`. A placeholder
 * with no argument is copied as it stands (the generator makes sure every
 * language uses the placeholders of the English template). */
static void put_template(writer *w, const char *tmpl, const arg *args,
                         size_t nargs)
{
    const char *p = tmpl;
    while (*p) {
        const char *open = strchr(p, '{'), *close;
        size_t i;
        if (open == NULL) {
            put(w, p, strlen(p));
            return;
        }
        close = strchr(open, '}');
        if (close == NULL) {
            put(w, p, strlen(p));
            return;
        }
        put(w, p, (size_t)(open - p));
        for (i = 0; i < nargs; i++) {
            size_t n = strlen(args[i].name);
            if (n == (size_t)(close - open - 1) &&
                memcmp(args[i].name, open + 1, n) == 0)
                break;
        }
        if (i < nargs)
            put(w, args[i].value, strlen(args[i].value));
        else
            put(w, open, (size_t)(close - open + 1));
        p = close + 1;
    }
}

static const char *format(writer *w, const char *tmpl, const arg *args,
                          size_t nargs)
{
    size_t start = begin(w);
    put_template(w, tmpl, args, nargs);
    return finish(w, start);
}

static const char *command_text(int lang, const char *cmd)
{
    if (strcmp(cmd, "CONNECT") == 0)
        return kb_labels[lang][KB_L_COMMAND_CONNECT];
    if (strcmp(cmd, "END-OF-DATA") == 0)
        return kb_labels[lang][KB_L_COMMAND_END_OF_DATA];
    if (strcmp(cmd, "ANY") == 0)
        return kb_labels[lang][KB_L_COMMAND_ANY];
    return cmd;
}

/* "EHLO, MAIL and RCPT" in `lang`. */
static const char *command_list(writer *w, int lang, const sc_info *info)
{
    size_t start = begin(w), i, n = info->ncommands;
    char rest[SC_COMPARE_BUFSIZE / 4];
    writer rw = {rest, sizeof rest, 0, 0};
    arg a[2];
    if (n == 1) {
        const char *c = command_text(lang, info->commands[0]);
        put(w, c, strlen(c));
        return finish(w, start);
    }
    for (i = 0; i + 1 < n; i++) {
        const char *c = command_text(lang, info->commands[i]);
        if (i > 0)
            put(&rw, ", ", 2);
        put(&rw, c, strlen(c));
    }
    a[0].name = "rest";
    a[0].value = finish(&rw, 0);
    a[1].name = "last";
    a[1].value = command_text(lang, info->commands[n - 1]);
    put_template(w, kb_labels[lang][KB_L_TMPL_LIST], a, 2);
    return finish(w, start);
}

static int same_commands(const sc_info *a, const sc_info *b)
{
    size_t i, j;
    if (a->ncommands != b->ncommands)
        return 0;
    for (i = 0; i < a->ncommands; i++) {
        for (j = 0; j < b->ncommands; j++) {
            if (strcmp(a->commands[i], b->commands[j]) == 0)
                break;
        }
        if (j == b->ncommands)
            return 0;
    }
    return 1;
}

static int class_digit(const sc_code *c)
{
    return c->kind == SC_CODE_BASIC ? c->value / 100 : c->value;
}

static int lists_code(const sc_info *enh, const sc_code *basic)
{
    size_t i;
    for (i = 0; i < enh->nbasic; i++) {
        if (enh->basic[i].value == basic->value)
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* compare                                                                  */
/* ------------------------------------------------------------------------ */

int sc_compare(int protocol, const sc_code *a, const sc_code *b, int lang,
               sc_comparison *out, char *buf, size_t size)
{
    sc_comparison r;
    writer w;
    char at[SC_CODE_TEXT_MAX], bt[SC_CODE_TEXT_MAX];
    const char *const *L;
    const sc_info *ia = &r.a, *ib = &r.b;
    const char *retry_a, *retry_b;
    int rc;
    size_t i, j, nd = 0, start;
    arg args[10];

    if (a == NULL || b == NULL || out == NULL || buf == NULL || size == 0)
        return SC_EINVAL;
    memset(&r, 0, sizeof r);
    if ((rc = sc_describe(protocol, a, lang, &r.a)) != SC_OK ||
        (rc = sc_describe(protocol, b, lang, &r.b)) != SC_OK)
        return rc;
    w.buf = buf;
    w.size = size;
    w.used = 0;
    w.full = 0;
    L = kb_labels[lang];
    sc_code_format(a, at, sizeof at);
    sc_code_format(b, bt, sizeof bt);
    r.same_class = class_digit(a) == class_digit(b);
    retry_a = L[retry_label[retry_index(ia->retry)]];
    retry_b = L[retry_label[retry_index(ib->retry)]];

    args[0].name = "protocol";
    args[0].value = protocols[protocol].display;
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
    r.title = format(&w, L[KB_L_TMPL_TITLE], args, 5);

    /* Summary: the class sentence, then what each means for retrying. */
    start = begin(&w);
    if (r.same_class) {
        arg s[6] = {{"a", at}, {"a_name", ia->name}, {"b", bt},
                    {"b_name", ib->name}, {"class", ia->class_code},
                    {"class_name", ia->class_name}};
        put_template(&w, L[KB_L_TMPL_SUMMARY_SAME], s, 6);
    } else {
        put_template(&w, L[KB_L_TMPL_SUMMARY_DIFF], args + 1, 8);
    }
    put(&w, " ", 1);
    if (strcmp(ia->retry, ib->retry) == 0) {
        arg s[1] = {{"retry", retry_a}};
        put_template(&w, L[KB_L_TMPL_SUMMARY_RETRY_SAME], s, 1);
    } else {
        arg s[4] = {{"a", at}, {"a_retry", retry_a}, {"b", bt},
                    {"b_retry", retry_b}};
        put_template(&w, L[KB_L_TMPL_SUMMARY_RETRY], s, 4);
    }
    r.summary = finish(&w, start);

    /* Differences. */
    if (a->kind != b->kind) {
        const sc_info *enh = a->kind == SC_CODE_ENHANCED ? ia : ib;
        const sc_code *basic = a->kind == SC_CODE_BASIC ? a : b;
        arg s[2] = {{"basic", a->kind == SC_CODE_BASIC ? at : bt},
                    {"enhanced", a->kind == SC_CODE_ENHANCED ? at : bt}};
        r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_KIND], s, 2);
        if (lists_code(enh, basic))
            r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_TRAVEL], s, 2);
    }
    if (r.same_class) {
        arg s[2] = {{"class", ia->class_code}, {"class_name", ia->class_name}};
        r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_CLASS_SAME], s, 2);
    } else {
        r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_CLASS], args + 1, 8);
    }
    if (strcmp(ia->retry, ib->retry) == 0) {
        arg s[1] = {{"retry", retry_a}};
        r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_RETRY_SAME], s, 1);
    } else {
        arg s[4] = {{"a", at}, {"a_retry", retry_a}, {"b", bt},
                    {"b_retry", retry_b}};
        r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_RETRY], s, 4);
    }
    if (ia->ncommands > 0 && ib->ncommands > 0) {
        if (same_commands(ia, ib)) {
            arg s[1] = {{"commands", command_list(&w, lang, ia)}};
            r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_COMMANDS_SAME],
                                         s, 1);
        } else {
            arg s[4] = {{"a", at}, {"a_commands", NULL}, {"b", bt},
                        {"b_commands", NULL}};
            s[1].value = command_list(&w, lang, ia);
            s[3].value = command_list(&w, lang, ib);
            r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_COMMANDS], s, 4);
        }
    } else if (ia->ncommands > 0 || ib->ncommands > 0) {
        const sc_info *one = ia->ncommands > 0 ? ia : ib;
        arg s[2] = {{"a", one == ia ? at : bt}, {"a_commands", NULL}};
        s[1].value = command_list(&w, lang, one);
        r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_COMMANDS_ONE], s, 2);
    }
    if (strcmp(ia->actor, ib->actor) == 0) {
        arg s[1] = {{"actor", ia->actor_text}};
        r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_ACTOR_SAME], s, 1);
    } else {
        arg s[4] = {{"a", at}, {"a_actor", ia->actor_text}, {"b", bt},
                    {"b_actor", ib->actor_text}};
        r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_ACTOR], s, 4);
    }
    for (i = 0; i < 2; i++) {
        const sc_info *x = i == 0 ? ia : ib;
        if (!x->known && nd < SC_MAX_DIFFERENCES) {
            arg s[1] = {{"a", i == 0 ? at : bt}};
            r.differences[nd++] = format(&w, L[KB_L_TMPL_DIFF_UNKNOWN], s, 1);
        }
    }
    r.ndifferences = nd;

    /* When each applies: the entries' own `when` prose after a label. */
    for (i = 0; i < 2; i++) {
        const sc_info *x = i == 0 ? ia : ib;
        arg s[3] = {{"a", i == 0 ? at : bt}, {"a_name", x->name},
                    {"when", x->when}};
        r.when_to_use[i] = format(&w, L[KB_L_TMPL_WHEN_TO_USE], s, 3);
    }
    r.nwhen_to_use = 2;

    /* Learn more: the references of both, each once. */
    for (i = 0; i < 2; i++) {
        const sc_info *x = i == 0 ? ia : ib;
        for (j = 0; j < x->nreferences; j++) {
            size_t k;
            for (k = 0; k < r.nlearn_more; k++) {
                if (strcmp(r.learn_more[k], x->references[j]) == 0)
                    break;
            }
            if (k == r.nlearn_more && r.nlearn_more < SC_MAX_LEARN_MORE)
                r.learn_more[r.nlearn_more++] = x->references[j];
        }
    }
    /* Codes in common use that no RFC defines have no references of their
     * own: point to where their class is defined. */
    for (i = 0; i < 2 && r.nlearn_more == 0; i++) {
        const sc_code *x = i == 0 ? a : b;
        const kb_entry *ce = x->kind == SC_CODE_BASIC
                                 ? &kb_smtp_basic_class[x->value / 100 - 2]
                                 : enh_class_entry(x->value);
        for (j = 0; j < ce->ref_count && r.nlearn_more < SC_MAX_LEARN_MORE; j++)
            r.learn_more[r.nlearn_more++] = kb_strs[ce->ref_first + j];
    }
    if (w.full)
        return SC_ENOSPACE;
    *out = r;
    return SC_OK;
}

/* ------------------------------------------------------------------------ */
/* For parse.c: reasons, rules, phrases                                     */
/* ------------------------------------------------------------------------ */

size_t sc_reason_count(void) { return KB_NREASON; }

const char *sc_reason_name(size_t id)
{
    return id < KB_NREASON ? kb_reasons[id].name : NULL;
}

const char *sc_reason_summary(size_t id)
{
    return id < KB_NREASON ? kb_reasons[id].summary : NULL;
}

const char *sc_reason_example(size_t id)
{
    return id < KB_NREASON ? kb_reasons[id].example : NULL;
}

size_t kb_reason_delivered(void) { return KB_REASON_DELIVERED; }

size_t kb_reason_unknown(void) { return KB_REASON_UNKNOWN; }

int kb_reason_action(size_t id, int permanent)
{
    return id < KB_NREASON ? kb_reasons[id].action[permanent ? 1 : 0]
                           : SC_ACTION_REVIEW;
}

static int find_rule(const kb_code_rule *t, size_t n, int key, size_t *reason,
                     int *prio)
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

int kb_rule_enhanced(int subject, int detail, size_t *reason, int *prio)
{
    return find_rule(kb_enh_rules, KB_ENH_RULES_N, subject * 1000 + detail,
                     reason, prio);
}

int kb_rule_basic(int code, size_t *reason, int *prio)
{
    return find_rule(kb_basic_rules, KB_BASIC_RULES_N, code, reason, prio);
}

const kb_phrase *kb_phrase_at(int i)
{
    return i >= 0 && (size_t)i < COUNT(kb_phrases) ? &kb_phrases[i] : NULL;
}

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* The phrases found so far and the best of them: highest priority, then the
 * earliest end, then the lowest phrase index -- the one a single scan from
 * left to right would keep, whatever order the matches are found in. */
typedef struct phrase_scan {
    const unsigned char *s;
    size_t len;
    int best, prio, hint;
    size_t end;
} phrase_scan;

/* Record the phrases that end at s[i], where the automaton is in `state`,
 * a state with outputs (>= KB_AC_NPLAIN). */
static void take_phrases(phrase_scan *m, size_t i, unsigned state)
{
    const short *o;
    for (o = &kb_ac_outs[kb_ac_out[state - KB_AC_NPLAIN]]; *o >= 0; o++) {
        const kb_phrase *p = &kb_phrases[*o];
        size_t first = i + 1 - p->len;
        if ((p->flags & 1) && first > 0 && word_byte(m->s[first - 1]))
            continue;
        if ((p->flags & 2) && i + 1 < m->len && word_byte(m->s[i + 1]))
            continue;
        if (p->reason == KB_RETRY_HINT) {
            m->hint = 1;
        } else if ((int)p->prio > m->prio ||
                   ((int)p->prio == m->prio &&
                    (i < m->end || (i == m->end && *o < m->best)))) {
            m->prio = p->prio;
            m->best = *o;
            m->end = i;
        }
    }
}

#define AC_NEXT(state, byte) ((unsigned)kb_ac_delta[state][kb_ac_class[byte]])
#define AC_TAKE(m, i, state)                                                \
    do {                                                                    \
        if ((state) >= KB_AC_NPLAIN)                                        \
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

void kb_match_phrases(const char *text, size_t len, int *best, int *hint)
{
    const unsigned char *s = (const unsigned char *)text;
    phrase_scan m;
    size_t i;

    m.s = s;
    m.len = len;
    m.best = -1;
    m.prio = -1;
    m.hint = 0;
    m.end = 0;
    if (len < AC_SPLIT) {
        unsigned state = 0;
        for (i = 0; i < len; i++) {
            state = AC_NEXT(state, s[i]);
            AC_TAKE(&m, i, state);
        }
    } else {
        size_t q = len / 4, b[5], k;
        unsigned s0 = 0, s1 = 0, s2 = 0, s3 = 0, t;
        unsigned entry[4], last[4];
        int j;

        b[0] = 0;
        b[1] = q;
        b[2] = 2 * q;
        b[3] = 3 * q;
        b[4] = len;
        for (k = 0; k < AC_WARMUP; k++) {
            size_t i1 = b[1] - AC_WARMUP + k, i2 = b[2] - AC_WARMUP + k,
                   i3 = b[3] - AC_WARMUP + k;
            s1 = AC_NEXT(s1, s[i1]);
            s2 = AC_NEXT(s2, s[i2]);
            s3 = AC_NEXT(s3, s[i3]);
            AC_TAKE(&m, i1, s1);
            AC_TAKE(&m, i2, s2);
            AC_TAKE(&m, i3, s3);
        }
        entry[1] = s1;
        entry[2] = s2;
        entry[3] = s3;
        for (k = 0; k < q; k++) {
            s0 = AC_NEXT(s0, s[k]);
            s1 = AC_NEXT(s1, s[b[1] + k]);
            s2 = AC_NEXT(s2, s[b[2] + k]);
            s3 = AC_NEXT(s3, s[b[3] + k]);
            if ((s0 >= KB_AC_NPLAIN) | (s1 >= KB_AC_NPLAIN) |
                (s2 >= KB_AC_NPLAIN) | (s3 >= KB_AC_NPLAIN)) {
                AC_TAKE(&m, k, s0);
                AC_TAKE(&m, b[1] + k, s1);
                AC_TAKE(&m, b[2] + k, s2);
                AC_TAKE(&m, b[3] + k, s3);
            }
        }
        for (k = b[3] + q; k < len; k++) { /* the last segment's 0-3 extra bytes */
            s3 = AC_NEXT(s3, s[k]);
            AC_TAKE(&m, k, s3);
        }
        last[1] = s1;
        last[2] = s2;
        last[3] = s3;
        /* t: the state of a single scan at the end of segment j - 1. */
        t = s0;
        for (j = 1; j < 4; j++) {
            unsigned w = entry[j];
            for (i = b[j]; t != w && i < b[j + 1]; i++) {
                t = AC_NEXT(t, s[i]);
                w = AC_NEXT(w, s[i]);
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
