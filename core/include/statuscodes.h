/*
 * statuscodes.h — a knowledge base of protocol status codes.
 *
 * One public header for libstatuscodes. Everything the library knows is
 * static, read-only data compiled into it; looking anything up allocates
 * nothing, and every function is reentrant (no global mutable state).
 *
 * Ownership, once for the whole header: every `const char *` and every array
 * that a function hands out points into the library's static data and lives
 * as long as the program. Never free it, never write to it. The only memory a
 * function writes is what the caller passes in (an output struct, a buffer).
 *
 * Strings the library hands out are UTF-8 and NUL-terminated. Inputs are
 * taken as pointer plus length and need not be NUL-terminated.
 *
 * Bad arguments, once for the whole header: no argument value crashes a
 * function, short of a pointer that does not point to as many bytes as its
 * length says. Only `len` bytes of an input are read, never one past them;
 * only `size` bytes of an output buffer are written. A NULL pointer gives
 * SC_EINVAL, or the documented not-found value of a lookup (-1, NULL, 0);
 * an id out of range gives SC_EPROTOCOL, SC_ELANG or NULL; a code struct
 * that is not a well-formed code gives SC_EMALFORMED. Each function below
 * says which.
 */
#ifndef STATUSCODES_H
#define STATUSCODES_H

#include <stddef.h>

#include "statuscodes_export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Version, ABI and errors                                                  */
/* ------------------------------------------------------------------------ */

/** Version of this header and of the library built with it. */
#define SC_VERSION_MAJOR 0
#define SC_VERSION_MINOR 2
#define SC_VERSION_PATCH 0
#define SC_VERSION "0.2.0"

/**
 * The ABI promise. The structs this header declares (sc_code, sc_info,
 * sc_equivalent, sc_comparison, sc_verdict) are filled in by the library
 * and read by the caller, so their layout is part of the binary interface.
 * Whenever a release changes the layout of any of them, or the meaning of a
 * field, SC_ABI_VERSION goes up by one; it is the shared library's soname
 * (libstatuscodes.so.SC_ABI_VERSION), so a program built against one layout
 * never loads a library with another. Lists (aliases, references, related
 * codes, equivalents, ...) are read through accessor functions, not through
 * arrays in the structs, so that adding a list or growing one does not
 * change a layout. Enum values and the X-macro field lists only ever grow
 * at their end within one ABI version.
 */
#define SC_ABI_VERSION 1

/** Version of the library and its knowledge base, e.g. "0.2.0". Static. */
SC_EXPORT const char *sc_version(void);

/** Result of every function that can fail. */
typedef enum sc_status {
    SC_OK = 0,
    SC_EINVAL,     /**< a NULL pointer or an out-of-range index or option */
    SC_EMALFORMED, /**< the code (or reply) is not well-formed */
    SC_EPROTOCOL,  /**< unknown protocol */
    SC_ELANG,      /**< unknown language */
    SC_ENOSPACE,   /**< the caller's buffer is too small */
    SC_EEMPTY      /**< the reply is empty or only white space */
} sc_status;

/** An English sentence for a status ("code is not well-formed"). Static;
 *  an unknown status gives "unknown error". Never NULL. */
SC_EXPORT const char *sc_strerror(int status);

/* ------------------------------------------------------------------------ */
/* Protocols and languages                                                  */
/* ------------------------------------------------------------------------ */

/** Number of protocols the base covers. Protocol ids are 0 .. count-1, in
 *  the order core/data/protocols.txt declares them. */
SC_EXPORT size_t sc_protocol_count(void);

/** Name of protocol `id` ("smtp", "http"); NULL when `id` is out of range.
 *  Static. */
SC_EXPORT const char *sc_protocol_name(size_t id);

/** How protocol `id` is written in prose ("SMTP", "HTTP"); NULL when out of
 *  range. Static. */
SC_EXPORT const char *sc_protocol_display(size_t id);

/** An English phrase saying what a code of protocol `id` looks like ("a
 *  status code from 100 to 599 (404), or its name ..."), for error
 *  messages; NULL when out of range. Static. */
SC_EXPORT const char *sc_protocol_help(size_t id);

/** Id of the protocol called `name` (`len` bytes, ASCII case ignored), or -1
 *  when there is none or `name` is NULL. */
SC_EXPORT int sc_protocol_find(const char *name, size_t len);

/** Id of the protocol describe and compare use when none is given: smtp. */
SC_EXPORT int sc_protocol_default(void);

/** Number of languages labels exist in. Language ids are 0 .. count-1; id 0
 *  is English, the language every text falls back to. */
SC_EXPORT size_t sc_lang_count(void);

/** Tag of language `id` ("fr"); NULL when out of range. Static. */
SC_EXPORT const char *sc_lang_tag(size_t id);

/** The language's name for itself ("Français"); NULL when out of range. */
SC_EXPORT const char *sc_lang_name(size_t id);

/**
 * Id of the language of `tag` (`len` bytes, ASCII case ignored), or -1.
 * `tag` is a BCP 47 tag ("fr", "fr-CA", "zh-Hans-CN") or a POSIX locale
 * ("pt_BR", "de_DE.UTF-8", "sr_RS@latin"); its language subtag decides, the
 * rest is checked and ignored. -1 for a NULL `tag`, a language not
 * available, a tag that is not well formed ("fr-", "fr--", "fr_x_y", a
 * space or NUL byte in it) and Traditional Chinese ("zh-TW", "zh-Hant",
 * "zh_HK.UTF-8"), which is never taken for Simplified Chinese ("zh").
 */
SC_EXPORT int sc_lang_find(const char *tag, size_t len);

/** Why `tag` cannot name a language at all, for an error message: a static
 *  English phrase when it is not well formed ("not a language tag: ...") or
 *  is Traditional Chinese; NULL otherwise (an accepted tag, or a well-formed
 *  tag of a language not available: the list of those available says
 *  enough). */
SC_EXPORT const char *sc_lang_refusal(const char *tag, size_t len);

/* ------------------------------------------------------------------------ */
/* Codes                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum sc_code_kind {
    SC_CODE_BASIC = 1,   /**< a protocol's status code: SMTP 535, HTTP 404 */
    SC_CODE_ENHANCED = 2 /**< a code that refines it: SMTP's 5.7.8 */
} sc_code_kind;

/** A code of one protocol. A basic code is `value`; an enhanced code is
 *  `value`.`subject`.`detail` (SMTP: class 2, 4 or 5; subject and detail
 *  0..999). A code knows its protocol: describe and compare need nothing
 *  else. */
typedef struct sc_code {
    int protocol; /**< protocol id */
    int kind;     /**< sc_code_kind */
    int value;
    int subject;
    int detail;
} sc_code;

/** Longest code text, NUL included: "5.999.999". */
#define SC_CODE_TEXT_MAX 12

/**
 * Read the code text `s` (`len` bytes) as a code of `protocol`.
 *
 * Accepts a number in the protocol's range ("535", "404": ASCII digits, no
 * sign, no leading zero), an enhanced code where the protocol has them
 * ("5.7.8": class digit, subject and detail of 1..3 digits without leading
 * zeros; DNS's Extended Errors "EDE 18", also "EDE: 18", "EDE-18",
 * "ede18"), or a symbol the protocol lists, ASCII case, '_', '-' and spaces
 * ignored, and anything up to a last '.' dropped: "NOT_FOUND", "not found",
 * "HTTPStatus.NOT_FOUND". Returns SC_OK and fills `*out`; SC_EMALFORMED for
 * anything else (sc_protocol_help() says what is valid); SC_EPROTOCOL for a
 * bad protocol id; SC_EINVAL if `s` or `out` is NULL. `*out` is written
 * only on success.
 */
SC_EXPORT int sc_code_parse(int protocol, const char *s, size_t len,
                            sc_code *out);

/** Make the basic code `value` of `protocol`: SC_OK, SC_EMALFORMED when the
 *  number is outside the protocol's codes (SMTP 99, HTTP 600, -1),
 *  SC_EPROTOCOL, SC_EINVAL. */
SC_EXPORT int sc_code_from_int(int protocol, long value, sc_code *out);

/** Write the code as text ("535", "5.7.8") into `buf` (`size` bytes, at least
 *  SC_CODE_TEXT_MAX is always enough). Returns the length written (without
 *  the NUL), or 0 when `code` or `buf` is NULL, `size` too small or the code
 *  invalid; `buf` is then an empty string if `size` > 0. */
SC_EXPORT size_t sc_code_format(const sc_code *code, char *buf, size_t size);

/**
 * Every protocol that lists the code written `s` (`len` bytes): a number
 * ("421"), an enhanced code, or a symbol ("NXDOMAIN"), read by each
 * protocol as sc_code_parse() does. Writes the first `max` of them, in
 * protocol order, to `out` and returns how many there are (0: no protocol
 * lists it; `out` may be NULL when `max` is 0). Only listed codes count: a
 * well-formed code no protocol lists gives 0.
 */
SC_EXPORT size_t sc_lookup(const char *s, size_t len, sc_code *out,
                           size_t max);

/**
 * The listed codes whose English name, gist or symbol holds every word of
 * `words` (`len` bytes; words are split at white space, ASCII case is
 * ignored; "too many requests"). `protocol` -1 searches every protocol.
 * Writes the first `max` matches (protocol order, then the order of
 * sc_code_at()) to `out` and returns how many there are; 0 for no words, a
 * NULL `words`, more than SC_SEARCH_WORDS words or a word longer than any
 * name could hold (SC_SEARCH_WORD_MAX bytes); (size_t)-1 for a bad
 * protocol id. Time: at most SC_SEARCH_WORDS passes over the base's names.
 */
#define SC_SEARCH_WORDS 32
#define SC_SEARCH_WORD_MAX 240
SC_EXPORT size_t sc_search(int protocol, const char *words, size_t len,
                           sc_code *out, size_t max);

/* ------------------------------------------------------------------------ */
/* Labels                                                                   */
/* ------------------------------------------------------------------------ */

/** Ids of the headings a description or comparison shows. */
typedef enum sc_label_id {
    SC_LABEL_SUMMARY = 0,
    SC_LABEL_DESCRIPTION,
    SC_LABEL_WHEN,
    SC_LABEL_FIX,
    SC_LABEL_RETRY,
    SC_LABEL_ACTOR,
    SC_LABEL_COMMANDS,
    SC_LABEL_REFERENCES,
    SC_LABEL_RELATED,
    SC_LABEL_VARIANTS,
    SC_LABEL_DIFFERENCES,
    SC_LABEL_WHEN_TO_USE,
    SC_LABEL_LEARN_MORE,
    SC_LABEL_GIST,
    SC_LABEL_EQUIVALENTS,
    SC_LABEL_ALIASES,
    SC_LABEL_COUNT
} sc_label_id;

/** The key of heading `id` ("when", "learn_more"); NULL if out of range. */
SC_EXPORT const char *sc_label_key(int id);

/** Heading `id` in language `lang` ("Quand vous le voyez"); NULL if either is
 *  out of range. Static. */
SC_EXPORT const char *sc_label(int lang, int id);

/* ------------------------------------------------------------------------ */
/* Words around results                                                     */
/* ------------------------------------------------------------------------ */

/* The words a program shows around results, in every language labels have:
 * the row names of a verdict as text ("retry after"), the headings and
 * notes of a mail log summary. The command line and its HTML report use
 * them; an embedder that shows results to people may too. A word may hold
 * {placeholders} ("recipients to suppress: {count}") for the caller to
 * fill; every language's word has the same ones. */

/** Number of words; ids are 0 .. count-1, in no promised order. */
SC_EXPORT int sc_word_count(void);

/** The key of word `id` ("retry_after", "summary_title"); NULL if out of
 *  range. Static. */
SC_EXPORT const char *sc_word_key(int id);

/** Word `id` in language `lang` ("réessayer après"); NULL if either is out
 *  of range. Static. */
SC_EXPORT const char *sc_word(int lang, int id);

/* ------------------------------------------------------------------------ */
/* describe                                                                 */
/* ------------------------------------------------------------------------ */

/** Bits of sc_info.untranslated: which texts fell back to English. */
enum {
    SC_TEXT_NAME = 1 << 0,
    SC_TEXT_GIST = 1 << 1,
    SC_TEXT_DESCRIPTION = 1 << 2,
    SC_TEXT_WHEN = 1 << 3,
    SC_TEXT_FIX = 1 << 4,
    SC_TEXT_VARIANTS = 1 << 5,
    SC_TEXT_CLASS_NAME = 1 << 6,  /**< a class or range name of the data */
    SC_TEXT_SUBJECT_NAME = 1 << 7,
    SC_TEXT_CONTRASTS = 1 << 8    /**< sc_comparison: the contrast it shows */
};

/** The translatable texts: X(key, bit). */
#define SC_TEXT_FIELDS(X)                                                   \
    X(name, SC_TEXT_NAME)                                                   \
    X(gist, SC_TEXT_GIST)                                                   \
    X(description, SC_TEXT_DESCRIPTION)                                     \
    X(when, SC_TEXT_WHEN)                                                   \
    X(fix, SC_TEXT_FIX)                                                     \
    X(variants, SC_TEXT_VARIANTS)                                           \
    X(class_name, SC_TEXT_CLASS_NAME)                                       \
    X(subject_name, SC_TEXT_SUBJECT_NAME)                                   \
    X(contrasts, SC_TEXT_CONTRASTS)

/** The lists of a description, read with sc_info_string(), sc_info_code()
 *  or sc_info_equivalent(); sc_info.count[] holds their lengths. */
typedef enum sc_list {
    SC_LIST_ALIASES = 0, /**< strings: other symbols of the code */
    SC_LIST_COMMANDS,    /**< strings: commands or methods it answers */
    SC_LIST_REFERENCES,  /**< strings: "RFC 9110 §15.5.5" */
    SC_LIST_VARIANTS,    /**< strings: other meanings, translated */
    SC_LIST_RELATED,     /**< codes of the same protocol */
    SC_LIST_BASIC,       /**< codes: basic codes an enhanced code travels with */
    SC_LIST_EQUIVALENTS, /**< equivalents in other protocols */
    SC_LIST_COUNT
} sc_list;

/** Everything the base says about one code. All pointers are static. */
typedef struct sc_info {
    sc_code code;             /**< the code as asked; its protocol too */
    int known;                /**< 1 if the base lists it, 0 if described from its class */
    int lang;                 /**< language id of labels and translated texts */
    unsigned untranslated;    /**< SC_TEXT_* bits of texts shown in English */
    const char *name;         /**< short name: the registry's, translated where a translation exists */
    const char *mnemonic;     /**< its symbol ("NOT_FOUND"), or NULL */
    const char *gist;         /**< one sentence: what it means; NULL if the base has none */
    const char *class_code;   /**< "5xx", "5.X.X" (enhanced), "4000-4999" (a range); NULL where no class covers the code (gRPC; a listed DNS or WebSocket code outside every range) */
    const char *class_name;   /**< localized: "Permanent Negative Completion", "Client Error"; NULL with class_code */
    const char *subject_code; /**< enhanced only: "X.7.X"; NULL otherwise */
    const char *subject_name; /**< enhanced only: "Security or Policy Status" */
    const char *description;
    const char *when;
    const char *fix;
    const char *source;       /**< "rfc", "registry", "common", "vendor" or "class" */
    const char *origin;       /**< who uses a vendor or common code ("nginx"), or NULL */
    const char *retry;        /**< "not_needed", "continue", "follow", "later", "idempotent", "after_fix", "never" */
    const char *retry_advice; /**< localized sentence for `retry` */
    int retryable;            /**< 1 when the same thing may succeed later ("later", "idempotent") */
    const char *actor;        /**< "nobody", "client", "sender", "recipient", "server", "proxy" */
    const char *actor_text;   /**< localized clause for `actor` */
    size_t count[SC_LIST_COUNT]; /**< length of each sc_list */
    unsigned entry;           /**< private: the entry the lists are read from */
} sc_info;

/** A code of another protocol that means the same or nearly. */
typedef struct sc_equivalent {
    sc_code code;
    const char *name;      /**< its name, in the sc_info's language */
    const char *closeness; /**< "exact" or "close" */
    const char *note;      /**< English: what differs, or NULL */
} sc_equivalent;

/**
 * The fields of describe, in the order the bindings show them: X(key, type,
 * member). `type` says how a binding reads the member of sc_info:
 *   PROTOCOL  an int protocol id, shown as its name
 *   CODE      an sc_code, shown as a number or "5.7.8"
 *   STR       a const char *; NULL shows as None (Python), absent (Lua)
 *   BOOL      an int
 *   LIST      an sc_list id: a list of strings, of codes, or of
 *             {protocol, code, name, closeness, note} tables
 *   LANG      an int language id, shown as its tag
 *   UNTRANSLATED  SC_TEXT_* bits, shown as the list of SC_TEXT_FIELDS keys
 *   LABELS    the headings (sc_label()) of the language `member`
 * Bindings expand this list; they never spell the keys themselves.
 */
#define SC_INFO_FIELDS(X)                                                   \
    X(protocol, PROTOCOL, code.protocol)                                    \
    X(code, CODE, code)                                                     \
    X(mnemonic, STR, mnemonic)                                              \
    X(aliases, LIST, SC_LIST_ALIASES)                                       \
    X(name, STR, name)                                                      \
    X(gist, STR, gist)                                                      \
    X(class, STR, class_code)                                               \
    X(class_name, STR, class_name)                                          \
    X(subject, STR, subject_code)                                           \
    X(subject_name, STR, subject_name)                                      \
    X(description, STR, description)                                       \
    X(when, STR, when)                                                      \
    X(fix, STR, fix)                                                        \
    X(known, BOOL, known)                                                   \
    X(source, STR, source)                                                  \
    X(origin, STR, origin)                                                  \
    X(retry, STR, retry)                                                    \
    X(retry_advice, STR, retry_advice)                                      \
    X(retryable, BOOL, retryable)                                           \
    X(actor, STR, actor)                                                    \
    X(actor_text, STR, actor_text)                                          \
    X(commands, LIST, SC_LIST_COMMANDS)                                     \
    X(references, LIST, SC_LIST_REFERENCES)                                 \
    X(related, LIST, SC_LIST_RELATED)                                       \
    X(variants, LIST, SC_LIST_VARIANTS)                                     \
    X(basic, LIST, SC_LIST_BASIC)                                           \
    X(equivalents, LIST, SC_LIST_EQUIVALENTS)                               \
    X(lang, LANG, lang)                                                     \
    X(untranslated, UNTRANSLATED, untranslated)                             \
    X(labels, LABELS, lang)

/** The keys of an equivalent, in order: X(key). */
#define SC_EQUIVALENT_FIELDS(X) X(protocol) X(code) X(name) X(closeness) X(note)

/**
 * Describe `code` (of its own protocol) in language `lang` (labels and class
 * names in that language; prose translated where a translation exists, else
 * English, with the fallback recorded in `untranslated`).
 *
 * A well-formed code the base does not list is described from its class or
 * range (and, for an enhanced code, its subject) with `known` = 0. Returns
 * SC_OK; SC_EINVAL if `code` or `out` is NULL; SC_EMALFORMED if `*code` is
 * not a well-formed code of its protocol; SC_EPROTOCOL for a bad protocol
 * id; SC_ELANG. `*out` is fully written on success, left alone otherwise.
 */
SC_EXPORT int sc_describe(const sc_code *code, int lang, sc_info *out);

/** String `i` of list `list` (SC_LIST_ALIASES, _COMMANDS, _REFERENCES,
 *  _VARIANTS: variants in `in`'s language where translated) of a
 *  description; NULL when `in` is NULL, `list` is not a list of strings, or
 *  `i` >= in->count[list]. Static. */
SC_EXPORT const char *sc_info_string(const sc_info *in, int list, size_t i);

/** Code `i` of list `list` (SC_LIST_RELATED, _BASIC, _EQUIVALENTS) into
 *  `*out`: SC_OK, or SC_EINVAL for a NULL pointer, a list of strings or an
 *  `i` out of range. */
SC_EXPORT int sc_info_code(const sc_info *in, int list, size_t i,
                           sc_code *out);

/** Equivalent `i` of a description into `*out`: SC_OK, or SC_EINVAL for a
 *  NULL pointer or `i` >= in->count[SC_LIST_EQUIVALENTS]. */
SC_EXPORT int sc_info_equivalent(const sc_info *in, size_t i,
                                 sc_equivalent *out);

/** Number of codes the base lists for `protocol` (0 for a bad id). */
SC_EXPORT size_t sc_code_count(int protocol);

/** Fill `*out` with the `index`th listed code of `protocol` (basic codes in
 *  numeric order, then enhanced codes: 2.x.x, 4.x.x, 5.x.x). Returns SC_OK,
 *  SC_EINVAL when `index` >= sc_code_count() or `out` is NULL, or
 *  SC_EPROTOCOL. */
SC_EXPORT int sc_code_at(int protocol, size_t index, sc_code *out);

/* ------------------------------------------------------------------------ */
/* compare                                                                  */
/* ------------------------------------------------------------------------ */

#define SC_MAX_DIFFERENCES 8
#define SC_MAX_LEARN_MORE 16

/** A comparison of two codes. The sentences live in the buffer the caller
 *  passed to sc_compare(); the rest is static. */
typedef struct sc_comparison {
    sc_info a, b;
    int same_class;
    const char *title;
    const char *summary;
    const char *differences[SC_MAX_DIFFERENCES];
    size_t ndifferences;
    const char *when_to_use[2];
    size_t nwhen_to_use;
    const char *learn_more[SC_MAX_LEARN_MORE]; /**< static references */
    size_t nlearn_more;
    unsigned untranslated; /**< SC_TEXT_* bits of the comparison's own texts
                                shown in English (SC_TEXT_CONTRASTS); those of
                                each code are in a and b */
} sc_comparison;

/**
 * The fields of compare, in order: X(key, type, member). Types as for
 * SC_INFO_FIELDS, and: TEXT, a sentence in the caller's buffer; TEXTS and
 * STRS, `member` and `n`member arrays of sentences (the caller's buffer) or
 * of static strings; INFO, an sc_info shown as describe shows it.
 */
#define SC_COMPARE_FIELDS(X)                                                \
    X(protocol, PROTOCOL, a.code.protocol)                                  \
    X(title, TEXT, title)                                                   \
    X(summary, TEXT, summary)                                               \
    X(same_class, BOOL, same_class)                                         \
    X(a, INFO, a)                                                           \
    X(b, INFO, b)                                                           \
    X(differences, TEXTS, differences)                                      \
    X(when_to_use, TEXTS, when_to_use)                                      \
    X(learn_more, STRS, learn_more)                                         \
    X(lang, LANG, a.lang)                                                   \
    X(untranslated, UNTRANSLATED, untranslated)                             \
    X(labels, LABELS, a.lang)

/** A buffer of this size always holds a comparison's sentences. */
#define SC_COMPARE_BUFSIZE 8192

/**
 * Compare codes `a` and `b` in language `lang`.
 *
 * The summary says what each code means (its gist, where the base has one),
 * their classes, and how retrying differs; `differences` lists what really
 * differs first (what tells them apart, retrying, who acts, the commands
 * they answer, class) and then at most one thing they share. Codes of two
 * protocols compare too: then the summary says they belong to different
 * protocols (their classes are not compared, `same_class` is 0), and the
 * first difference says whether the base lists them as equivalents, or
 * warns that the same number means different things (SIP 429 is not HTTP
 * 429); retry and actor are each worded as their own protocol words them. The sentences (title,
 * summary, differences, when_to_use) are written into `buf` (`size` bytes;
 * SC_COMPARE_BUFSIZE is always enough) and `*out` points into it, so `buf`
 * must outlive `*out`. Returns SC_OK; SC_EINVAL for a NULL argument or a
 * `size` of 0; SC_EPROTOCOL, SC_EMALFORMED and SC_ELANG as sc_describe();
 * SC_ENOSPACE if `size` is too small. `*out` is written only on success.
 */
SC_EXPORT int sc_compare(const sc_code *a, const sc_code *b, int lang,
                         sc_comparison *out, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* parse                                                                    */
/* ------------------------------------------------------------------------ */

/** What a sender should do about a reply. */
typedef enum sc_action {
    SC_ACTION_NONE = 0, /**< success: nothing to do */
    SC_ACTION_RETRY,    /**< try again later, unchanged */
    SC_ACTION_SUPPRESS, /**< stop sending to this address */
    SC_ACTION_FIX,      /**< change something on the sending side first */
    SC_ACTION_REVIEW,   /**< a policy or reputation block a person should see */
    SC_ACTION_COUNT
} sc_action;

/** "none", "retry", "suppress", "fix", "review"; NULL if out of range. */
SC_EXPORT const char *sc_action_name(int action);

/** One English sentence saying what action `action` asks for ("Try again
 *  later: the same message to the same address."); NULL if out of range.
 *  Static. The same as sc_action_summary_in(action, 0). */
SC_EXPORT const char *sc_action_summary(int action);

/** That sentence in language `lang` (English for a `lang` out of range);
 *  NULL if `action` is out of range. Static. */
SC_EXPORT const char *sc_action_summary_in(int action, int lang);

/** Number of reasons; reason ids are 0 .. count-1, in the order of
 *  core/data/reasons.txt (the README's reason table), the last being
 *  "unknown". */
SC_EXPORT size_t sc_reason_count(void);

/** Name of reason `id` ("user_unknown"); NULL if out of range. Static. */
SC_EXPORT const char *sc_reason_name(size_t id);

/** One-sentence English summary of reason `id`; NULL if out of range. */
SC_EXPORT const char *sc_reason_summary(size_t id);

/** The summary of reason `id` in language `lang` (English where it has no
 *  translation, and for a `lang` out of range); NULL when `id` is out of
 *  range. Static. */
SC_EXPORT const char *sc_reason_summary_in(size_t id, int lang);

/** An example reply for reason `id`; NULL if out of range. */
SC_EXPORT const char *sc_reason_example(size_t id);

/** The action (sc_action) reason `id` asks for after a permanent reply
 *  (`permanent` 1) or a transient one (0); -1 if `id` is out of range. */
SC_EXPORT int sc_reason_action(size_t id, int permanent);

/** Where the evidence that decided a reason came from. */
typedef enum sc_evidence {
    SC_EVIDENCE_NONE = 0, /**< nothing: the reason is "unknown" or from the class */
    SC_EVIDENCE_PHRASE,   /**< a phrase in the text */
    SC_EVIDENCE_ENHANCED, /**< the enhanced status code */
    SC_EVIDENCE_BASIC,    /**< the basic reply code */
    SC_EVIDENCE_CLASS,    /**< only the class: success, intermediate */
    SC_EVIDENCE_COUNT
} sc_evidence;

/** "none", "phrase", "enhanced", "basic", "class"; NULL if out of range. */
SC_EXPORT const char *sc_evidence_name(int evidence);

/** The verdict on one reply. Offsets point into the caller's input. */
typedef struct sc_verdict {
    int has_code;          /**< 1 if a basic reply code was found */
    sc_code code;
    int has_enhanced;      /**< 1 if an enhanced status code was found */
    sc_code enhanced;
    int reply_class;       /**< 2..5: from the basic code, else the enhanced one; 0 if neither */
    const char *class_code; /**< "5xx" for reply_class 5 (static), NULL if 0 */
    int permanent;         /**< 1 (5xx), 0 (4xx), -1 (success, intermediate or no code) */
    int retryable;         /**< 1 when action is retry */
    int action;            /**< sc_action; -1 when no_reply (nothing to advise) */
    size_t reason;         /**< reason id */
    int evidence;          /**< sc_evidence */
    const char *phrase;    /**< the phrase that matched (static), or NULL */
    int retry_hint;        /**< 1 if the text says to try again later */
    int class_conflict;    /**< 1 if basic and enhanced codes disagree on class */
    int known;             /**< 1 if the base lists the code(s) found */
    size_t nlines;         /**< lines that belong to the reply */
    size_t start;          /**< offset of the reply (its first code) in the input */
    size_t end;            /**< offset just past the reply's last line */
    const char *text;      /**< the human text, lines joined by one space: in the caller's buffer */
    size_t text_len;
    int protocol;          /**< protocol id the text was read as (sc_protocol_name()) */
    int assumed;           /**< 1 when nothing in the text named the protocol:
                                a bare reply code that SMTP and FTP share reads as SMTP */
    int no_reply;          /**< 1 when the text holds no status and no failure
                                ("hello world", a Postfix qmgr line): code and
                                enhanced absent, reason "unknown", action -1 */
    const char *mnemonic;  /**< the code's symbol ("UNAVAILABLE", "NXDOMAIN"), static, or NULL */
    int has_ede;           /**< 1 if a DNS Extended DNS Error was found */
    sc_code ede;
    long retry_after;      /**< seconds the reply asks to wait (Retry-After,
                                "try again in 5 minutes"), up to seven days,
                                or -1 if it says nothing (or asks for more) */
    size_t retry_at;       /**< an HTTP-date to retry at that no Date header
                                turns into seconds: offset in the input */
    size_t retry_at_len;   /**< its length; 0 when there is none */
} sc_verdict;

/**
 * The fields of parse, in order: X(key, type, member). Types as for
 * SC_INFO_FIELDS, and: OPTCODE, an sc_code shown only when `has_`member is
 * 1 (else None / absent); TRISTATE, an int 1, 0 or -1 shown as True, False
 * or None (absent in Lua); ACTION, REASON, EVIDENCE, ids shown by name
 * (sc_action_name(), sc_reason_name(), sc_evidence_name()); VTEXT, the
 * human text; LINES, the reply's lines (sc_next_line()); WHY,
 * sc_verdict_why(); OPTINFO, the describe of an OPTCODE member; PROTOCOL,
 * a protocol id shown by name; OPTSECONDS, a long shown as a number, or
 * None (absent in Lua) when -1; SPAN, the `member`, `member`_len bytes of
 * the input at that offset, shown as a string, or None when the length is 0.
 */
#define SC_VERDICT_FIELDS(X)                                                \
    X(protocol, PROTOCOL, protocol)                                         \
    X(code, OPTCODE, code)                                                  \
    X(mnemonic, STR, mnemonic)                                              \
    X(ede, OPTCODE, ede)                                                    \
    X(enhanced, OPTCODE, enhanced)                                          \
    X(text, VTEXT, text)                                                    \
    X(lines, LINES, nlines)                                                 \
    X(class, STR, class_code)                                               \
    X(permanent, TRISTATE, permanent)                                       \
    X(retryable, BOOL, retryable)                                           \
    X(action, ACTION, action)                                               \
    X(reason, REASON, reason)                                               \
    X(why, WHY, reason)                                                     \
    X(evidence, EVIDENCE, evidence)                                         \
    X(phrase, STR, phrase)                                                  \
    X(retry_hint, BOOL, retry_hint)                                         \
    X(class_conflict, BOOL, class_conflict)                                 \
    X(known, BOOL, known)                                                   \
    X(retry_after, OPTSECONDS, retry_after)                                 \
    X(retry_at, SPAN, retry_at)                                             \
    X(assumed, BOOL, assumed)                                               \
    X(no_reply, BOOL, no_reply)                                             \
    X(code_info, OPTINFO, code)                                             \
    X(enhanced_info, OPTINFO, enhanced)

/**
 * The lines of `s` (`len` bytes) one by one, as parse counts them: from
 * `*pos`, a line ends at LF or at `len`, and a CR that ends it is not part
 * of it. Returns 1 and sets `*start` and `*n` to the line's offset and
 * length, moving `*pos` past it (to `len` at most); 0 when `*pos` >= `len`
 * or a pointer is NULL.
 */
SC_EXPORT int sc_next_line(const char *s, size_t len, size_t *pos,
                           size_t *start, size_t *n);

/** A text buffer of this size always suffices for sc_parse() of `len` bytes
 *  (`len` < SIZE_MAX: no buffer can hold more). */
#define SC_PARSE_BUFSIZE(len) ((len) + 1)

/**
 * Parse one reply `reply` (`len` bytes): one line, a multi-line reply
 * ("550-..." lines then "550 ..."), a DSN Diagnostic-Code ("smtp; 550 ..."),
 * or an MTA log line (Postfix "said: 550 ...", Exim "SMTP error from remote
 * mail server after RCPT TO:<...>: 550 ..."). CRLF or LF.
 *
 * The human text (codes removed, lines joined) is written to `text` (`size`
 * bytes, SC_PARSE_BUFSIZE(len) is always enough; it must not overlap
 * `reply`) and NUL-terminated; `out->text` points to it. Returns SC_OK;
 * SC_EEMPTY when the reply is empty or white space; SC_ENOSPACE when `size`
 * is too small (`size` <= `len`), with nothing written; SC_EINVAL for NULL
 * pointers (`reply` may be NULL only if `len` is 0). `*out` is written only
 * on success. A reply with no code at all is not an error: has_code and
 * has_enhanced are 0 and the text decides. Runs in time linear in `len`.
 */
SC_EXPORT int sc_parse(const char *reply, size_t len, char *text, size_t size,
                       sc_verdict *out);

/**
 * sc_parse() for text of protocol `protocol` (an id of sc_protocol_find()),
 * or, with `protocol` -1, of the protocol its form shows, which is what
 * sc_parse() does. The forms read, in the first 16 KB of the text:
 * HTTP status lines with their Retry-After and Date headers, curl's
 * "returned error: 504", Python's requests, httpx and urllib errors,
 * "status code 503", nginx access log lines and JSON error bodies with a
 * "code"; gRPC errors as Go, Python, Java, Node and .NET print them and
 * "grpc-status:" trailers; SIP status lines and headers; dig, host and
 * nslookup output and resolver errors ("Name or service not known" is
 * NXDOMAIN; an Extended DNS Error is `ede`); WebSocket closes as gorilla,
 * Python's websockets and browsers print them. Anything else is a reply
 * as SMTP and FTP servers write them: FTP's when its code is FTP's only or
 * its words are an FTP server's ("PASV", "Login incorrect"), else SMTP's
 * (`assumed` is 1 when FTP has the code too). With a protocol given, a
 * code at the start of the text is read as that protocol's ("503", for
 * HTTP). Text with no status may name a failure ("connection refused",
 * "timed out", a TLS error): reason timeout, unreachable, tls_failed or
 * service_unavailable, `code` absent, `protocol` the one the text names or
 * -1. Text with neither is `no_reply`. Returns as sc_parse() does, and
 * SC_EPROTOCOL for an unknown protocol id (SC_EINVAL below -1). Linear in
 * `len`.
 */
SC_EXPORT int sc_parse_as(int protocol, const char *reply, size_t len,
                          char *text, size_t size, sc_verdict *out);

/** Longest sentence sc_verdict_why() and sc_verdict_why_in() write, NUL
 *  included, in any language. */
#define SC_WHY_MAX 2048

/**
 * Write into `buf` (`size` bytes; SC_WHY_MAX is always enough) an English
 * sentence saying which evidence decided `v`'s reason ("the enhanced code
 * 5.1.1 (Bad destination mailbox address)", "the text says \"blocked
 * using\""), and that the codes disagree if they do. Returns the length
 * written; 0 if `v` or `buf` is NULL or `size` is 0. Truncates to fit.
 * A code in `v` that is not well-formed is left out, and an evidence out of
 * range reads as none; `v->phrase` must be NULL or a NUL-terminated string,
 * as sc_parse() leaves it.
 */
SC_EXPORT size_t sc_verdict_why(const sc_verdict *v, char *buf, size_t size);

/** sc_verdict_why() in language `lang` (a language id; English for one out
 *  of range): the sentence's words in that language, codes' names and
 *  gists as describe gives them there, the phrase quoted as the reply has
 *  it. Cut at a UTF-8 character boundary to fit. */
SC_EXPORT size_t sc_verdict_why_in(const sc_verdict *v, int lang, char *buf,
                                   size_t size);

/**
 * Bulk path: parse the next reply of a buffer of many (a log: one reply per
 * line, a multi-line reply's lines kept together), starting at `*pos`.
 * Skips blank lines, and lines that hold no reply (sc_verdict.no_reply:
 * a Postfix qmgr line, "hello world"). On SC_OK, `*pos` is moved past the reply and `*out`
 * filled as sc_parse() does; returns SC_EEMPTY when no reply is left (and
 * sets `*pos` to `len`, also when it was past `len`); SC_EINVAL for NULL
 * pointers (`buf` may be NULL only if `len` is 0). `text` needs
 * SC_PARSE_BUFSIZE of the longest reply; SC_PARSE_BUFSIZE(len) always
 * suffices.
 */
SC_EXPORT int sc_parse_next(const char *buf, size_t len, size_t *pos,
                            char *text, size_t size, sc_verdict *out);

/** sc_parse_next() reading every reply as sc_parse_as() does with
 *  `protocol` (-1: each reply's own). An HTTP or SIP status line and the
 *  header lines after it, dig's output and a Python gRPC error block are
 *  one reply each. SC_EPROTOCOL for an unknown protocol id. */
SC_EXPORT int sc_parse_next_as(int protocol, const char *buf, size_t len,
                               size_t *pos, char *text, size_t size,
                               sc_verdict *out);

/**
 * Streaming: whether the next reply of `buf` (`len` bytes), from `pos`, is
 * complete, as sc_parse_next() groups lines. `buf` holds the lines read so
 * far joined by LF, the last one without its LF (a buffer that ends in LF
 * ends with an empty line). Returns 1 and sets `*end` (past the reply's last
 * line) when no line still to come can belong to the reply: a line follows
 * it in `buf`, or it has ended ("NNN " after "NNN-" lines, a line that
 * starts no block, dig's ";; msg size" line); then sc_parse_next_as() on
 * `buf` up to `*end` reads it as it would the whole log. Returns 0 (and sets
 * `*end`) when lines still to come may join it (a "NNN-" line, a status
 * line's headers, dig's output); SC_EEMPTY when only blank lines are left;
 * SC_EINVAL for NULL pointers (`buf` may be NULL only if `len` is 0).
 */
SC_EXPORT int sc_parse_next_complete(const char *buf, size_t len, size_t pos,
                                     size_t *end);

/* ------------------------------------------------------------------------ */
/* Bounces                                                                  */
/* ------------------------------------------------------------------------ */

/** Where a bounce recipient came from (sc_bounce_rcpt.source). */
enum {
    SC_BOUNCE_DSN = 1, /**< a recipient block of an RFC 3464 / RFC 6533
                            delivery-status part */
    SC_BOUNCE_TEXT = 2 /**< a reply quoted in the bounce's text (qmail, old
                            Exchange, webmail: no delivery-status part) */
};

/** What the verdict of a bounce recipient read (sc_bounce_rcpt.from). */
enum {
    SC_BOUNCE_FROM_NONE = 0,       /**< nothing: no Diagnostic-Code, no Status */
    SC_BOUNCE_FROM_DIAGNOSTIC = 1, /**< the Diagnostic-Code, after "smtp;" */
    SC_BOUNCE_FROM_STATUS = 2,     /**< the Status field ("5.1.1") */
    SC_BOUNCE_FROM_TEXT = 3        /**< the reply quoted in the text */
};

/** "dsn" or "text" for an SC_BOUNCE_DSN / SC_BOUNCE_TEXT; NULL otherwise. */
SC_EXPORT const char *sc_bounce_source_name(int source);

/** Longest reply text a recipient's verdict reads: a longer Diagnostic-Code
 *  or quoted reply is cut there (sc_bounce_rcpt.truncated). */
#define SC_BOUNCE_REPLY_MAX 8192

/** The text buffer sc_bounce_next() needs, whatever the message's size. */
#define SC_BOUNCE_BUFSIZE (2 * (SC_BOUNCE_REPLY_MAX + 1))

/** How many recipients the text reading remembers to give each one verdict. */
#define SC_BOUNCE_SEEN 16

/** The walk over one message. Start it zeroed (SC_BOUNCE_STATE_INIT, or
 *  memset 0) and pass it to every sc_bounce_next() call on that message;
 *  its members are private except `found` and `skipped`. */
typedef struct sc_bounce_state {
    size_t pos, end, body; /**< private */
    int mode;              /**< private */
    size_t found;          /**< recipients returned so far */
    size_t skipped;        /**< blocks or replies skipped: a DSN block with
                                an Action but no recipient, a base64
                                delivery-status part, a second reply of a
                                recipient already given */
    unsigned long seen[SC_BOUNCE_SEEN]; /**< private */
} sc_bounce_state;

#define SC_BOUNCE_STATE_INIT {0, 0, 0, 0, 0, 0, {0}}

/** One recipient of a bounce. The fields `recipient` .. `remote_mta` are
 *  offset and length in the message (length 0: absent; a folded field is
 *  its first line, trimmed); `diagnostic` and
 *  `reply` point into the caller's text buffer. */
typedef struct sc_bounce_rcpt {
    int source;           /**< SC_BOUNCE_DSN or SC_BOUNCE_TEXT */
    size_t start, end;    /**< the recipient's block, or the text lines that
                               gave it, in the message */
    size_t recipient, recipient_len; /**< Final-Recipient, its address type
                               ("rfc822;", "utf-8;") and <> removed; in text,
                               the address nearest the reply */
    size_t original, original_len;     /**< Original-Recipient, the same way */
    size_t dsn_action, dsn_action_len; /**< Action: "failed", "delayed",
                               "delivered", "relayed", "expanded" as written */
    size_t status, status_len;         /**< Status ("5.1.1") */
    size_t remote_mta, remote_mta_len; /**< Remote-MTA, after "dns;" */
    const char *diagnostic; /**< the Diagnostic-Code after its type
                               ("smtp;"), unfolded (a fold before "550-" stays
                               a line break, other folds are one space); in
                               text, the quoted reply; NUL-terminated; NULL
                               when there is none */
    size_t diagnostic_len;
    const char *reply;      /**< the text the verdict read: `diagnostic`, or a
                               copy of `status` (see `from`) */
    size_t reply_len;
    int from;               /**< SC_BOUNCE_FROM_* */
    int truncated;          /**< 1 when the reply was cut at SC_BOUNCE_REPLY_MAX */
    int has_verdict;        /**< 1 when `verdict` is set (`from` is not NONE) */
    sc_verdict verdict;     /**< sc_parse_as(smtp) of `reply`: its offsets
                               (start, end, retry_at) are into `reply`, its
                               text is in the caller's buffer */
} sc_bounce_rcpt;

/**
 * The next recipient of the bounce `msg` (`len` bytes: one whole message,
 * headers and body, CRLF or LF; it need not be NUL-terminated), from where
 * `*st` stopped.
 *
 * The first call looks for the delivery-status part: a part whose
 * Content-Type (any case, folded or not) is message/delivery-status or
 * message/global-delivery-status (RFC 3464, RFC 6533), ending at the next
 * boundary line of a multipart Content-Type seen before it (quoted or not),
 * or at the message's end when the boundary never comes. Its blocks of
 * fields, separated by blank lines, give one recipient each: the block
 * with Final-Recipient or Original-Recipient; the verdict is of its
 * Diagnostic-Code, else of its Status. A message with no such part, or
 * whose part gave no recipient, is read as text: each line quoting a 4xx or
 * 5xx reply (a code at the line's start, or after "said:", "<<<",
 * "reason:", "returned '", "#"), with the lines that continue it, gives the
 * recipient whose address is the last one written since the previous reply
 * (qmail's "<user@domain>:"), else the one on its line; one verdict per
 * recipient; the reading stops where the quoted copy of the original message
 * starts ("--- Below this line is a copy of the message.").
 *
 * Not read: a base64 delivery-status part (counted in `skipped`; the text
 * is read instead); quoted-printable is read as it is written (=XX not
 * decoded); RFC 6533's \x{...} escapes in utf-8 addresses are returned as
 * written; header fields encoded as RFC 2047 words are not decoded; in
 * text, failures with no reply code (qmail's local "Sorry, no mailbox here
 * by that name. (#5.1.1)") give no recipient.
 *
 * `text` (`size` bytes, at least SC_BOUNCE_BUFSIZE; it must not overlap
 * `msg`) receives the recipient's diagnostic and verdict text, which the
 * next call overwrites. Returns SC_OK with `*out` filled; SC_EEMPTY when
 * no recipient is left (then every later call returns it too); SC_EINVAL
 * for a NULL `st`, `out` or `text` (`msg` may be NULL only if `len` is 0);
 * SC_ENOSPACE when `size` < SC_BOUNCE_BUFSIZE, with nothing written. Any
 * bytes are valid input: binary, NUL bytes, truncated MIME and a boundary
 * that never closes give what they hold, never an error. Each call moves
 * forward, so a whole walk runs in time linear in `len` (a few passes); it
 * allocates nothing. `*st` must stay with the same `msg` and `len`.
 */
SC_EXPORT int sc_bounce_next(const char *msg, size_t len, sc_bounce_state *st,
                             sc_bounce_rcpt *out, char *text, size_t size);

/* ------------------------------------------------------------------------ */
/* Mail logs: one line, and a summary of many                               */
/* ------------------------------------------------------------------------ */

/** The log formats sc_logline_read() knows. */
typedef enum sc_log_format {
    SC_LOG_AUTO = 0,  /**< as input: tell each line's format by its form */
    SC_LOG_POSTFIX,   /**< syslog lines of postfix/<program>[pid] */
    SC_LOG_EXIM,      /**< Exim's main log ("** ", "== ", "=> " lines) */
    SC_LOG_SENDMAIL,  /**< syslog lines of sendmail / sm-mta (stat=, dsn=) */
    SC_LOG_REPLY,     /**< one reply per line, no log syntax */
    SC_LOG_FORMAT_COUNT
} sc_log_format;

/** "auto", "postfix", "exim", "sendmail", "reply"; NULL if out of range. */
SC_EXPORT const char *sc_log_format_name(int format);

/** What the MTA itself says it did with the message (its own status). */
typedef enum sc_mta_status {
    SC_MTA_NONE = 0,  /**< the line says nothing of the kind */
    SC_MTA_SENT,      /**< Postfix status=sent, Exim "=>" / "->", stat=Sent */
    SC_MTA_DEFERRED,  /**< status=deferred, Exim "==", stat=Deferred */
    SC_MTA_BOUNCED,   /**< status=bounced, Exim "**", a Sendmail 5.x.x dsn */
    SC_MTA_EXPIRED,   /**< status=expired (Postfix qmgr: given up) */
    SC_MTA_REJECT,    /**< an SMTP server's reject: Postfix "reject:",
                           Exim "rejected RCPT", Sendmail reject= */
    SC_MTA_STATUS_COUNT
} sc_mta_status;

/** "none", "sent", "deferred", "bounced", "expired", "reject"; NULL if out
 *  of range. */
SC_EXPORT const char *sc_mta_status_name(int status);

/** A piece of a line: `len` bytes at offset `off`; `len` 0 when absent. */
typedef struct sc_span {
    size_t off;
    size_t len;
} sc_span;

/** Damage sc_logline_read() found (sc_logline.damage). */
enum {
    SC_LOGLINE_CUT = 1,   /**< the line stops in the middle ("status=bounced
                               (host ... said: 5" with no closing ')') */
    SC_LOGLINE_BINARY = 2 /**< a NUL byte, or mostly control bytes */
};

/** What one MTA log line tells. Every span points into the line. */
typedef struct sc_logline {
    int format;      /**< sc_log_format the line was read as (never AUTO) */
    int mta_status;  /**< sc_mta_status */
    int has_reply;   /**< 1: the line tells a delivery result to judge;
                          0: skip it (pickup, cleanup, qmgr, bounce,
                          connect lines, Exim "<=" arrivals, damage) */
    int damage;      /**< SC_LOGLINE_* bits; 0 for a sound line */
    sc_span time;      /**< "Dec  1 12:00:01", "2026-12-01T12:00:01+00:00" */
    sc_span host;      /**< the syslog host name */
    sc_span program;   /**< "postfix/smtp", "sm-mta", "exim" (no pid) */
    sc_span queue_id;  /**< Postfix / Sendmail queue id, Exim message id */
    sc_span recipient; /**< the address, without <> */
    sc_span relay;     /**< the next hop's host name ("mx.example.net"); none
                            for "relay=none" and for local deliveries */
    sc_span client;    /**< the SMTP client a reject line names */
    sc_span dsn;       /**< "5.1.1" */
    sc_span status;    /**< the MTA's own word: "bounced", "**", "Deferred" */
    sc_span reply;     /**< the reply text to judge (Postfix: inside the
                            parentheses after status=; Exim: after the
                            address's ": "; Sendmail: stat= or reject=) */
} sc_logline;

/** Lines longer than this are not read: sc_summary counts them as
 *  `skipped_long` (a log line of an MTA is far shorter). */
#define SC_LOGLINE_MAX 65536

/**
 * Read one log line `line` (`len` bytes; a trailing CR and LF are not part
 * of it) as `format` (SC_LOG_AUTO: Postfix, Exim, Sendmail by their form,
 * else one reply). Fills `*out`. Returns SC_OK; SC_EEMPTY for a blank line;
 * SC_EMALFORMED for a damaged line (`out->damage` says how, `has_reply`
 * is 0, the spans read so far are kept); SC_EINVAL for NULL pointers
 * (`line` may be NULL only if `len` is 0). A line in the form of another
 * format than the one asked reads as having no reply. Time linear in
 * `len`; nothing allocated.
 */
SC_EXPORT int sc_logline_read(int format, const char *line, size_t len,
                              sc_logline *out);

/**
 * The verdict on the line `ll` was read from (`line`, `len` the same as
 * given to sc_logline_read()): sc_parse_as() of SMTP on the reply span; when
 * that holds no code and the line has a dsn, on the text from the dsn to
 * the end of the reply ("5.4.4, status=bounced (Host or domain name not
 * found...)", the verdict's text then being the reply's); a sent line with
 * neither reads as a plain "250"; a bounced line whose text holds no code
 * is permanent (its action the reason's for a permanent reply). `text`
 * (`size` bytes, SC_PARSE_BUFSIZE(len) always suffices) as for sc_parse();
 * the verdict's start and end are offsets in `line`. Returns SC_OK;
 * SC_EEMPTY when the line has no reply (`has_reply` 0); SC_ENOSPACE;
 * SC_EINVAL.
 */
SC_EXPORT int sc_logline_verdict(const char *line, size_t len,
                                 const sc_logline *ll, char *text,
                                 size_t size, sc_verdict *out);

/* --- the summary ----------------------------------------------------------
 * Counts of a whole log without an allocation per line: a struct the caller
 * owns (static or on the heap: it is about 1 MB, too big for a stack),
 * set up by sc_summary_init(), fed with sc_summary_feed(), read directly.
 * Nothing else is allocated, nothing needs freeing, and two summaries never
 * share state. The layouts of sc_logline and sc_summary (and the bounds
 * below, which size it) are part of the ABI promise, as the structs above
 * are: SC_ABI_VERSION goes up when they change. The bounds:
 *
 *   domains, relays  SC_SUMMARY_KEYS keys each, counted exactly, in the
 *                    order they first appear; a line whose key comes after
 *                    the table is full is counted in `other` (and
 *                    `other_keys` counts how many such lines, not keys).
 *                    Keys are cut at SC_SUMMARY_KEY_MAX - 1 bytes.
 *   examples         per reason, SC_SUMMARY_SLOTS texts (addresses and
 *                    bracketed hosts masked as "<>" and "[]", cut at
 *                    SC_SUMMARY_TEXT_MAX - 1 bytes) with their counts, kept
 *                    by the Space-Saving rule: exact while a reason has at
 *                    most SC_SUMMARY_SLOTS distinct texts, else the
 *                    commonest texts stay and a count may be over by at
 *                    most the smallest count kept.
 *   recipients       SC_SUMMARY_RECIPIENTS recipients that have had a
 *                    suppress verdict, with their last action; later
 *                    verdicts of a kept recipient update it. Past the bound
 *                    a newly suppressed recipient is not kept:
 *                    `suppress_dropped` counts those lines.
 *   times            SC_SUMMARY_CELLS cells, each the judged lines of one
 *                    reason in one hour of the line's own time stamp
 *                    (sc_summary_cell), in the order they first appear; a
 *                    line whose cell comes after the table is full is
 *                    counted in `times.other`, a judged line with no time
 *                    stamp it can read (one reply per line) in
 *                    `times.untimed`.
 *
 * Merging: sc_summary_merge(a, b) with b the summary of the input after a's
 * adds every count; keys, cells and texts go in as if b's lines came after
 * a's. The merge equals the summary of the whole input exactly while no
 * table of either part overflowed (`other`, `times.other`,
 * `suppress_dropped` and `examples_evicted` 0) and the union fits, except
 * for one thing a part cannot know: b lists only the recipients it
 * suppressed, so a recipient suppressed in a and only delivered to, or
 * retried, in b (never suppressed there) keeps a's verdict. Feed the parts
 * to one summary in order for that to be exact too.
 */
#define SC_SUMMARY_REASONS 64
#define SC_SUMMARY_KEYS 512
#define SC_SUMMARY_KEY_MAX 64
#define SC_SUMMARY_SLOTS 8
#define SC_SUMMARY_TEXT_MAX 120
#define SC_SUMMARY_RECIPIENTS 4096
#define SC_SUMMARY_ADDR_MAX 128
#define SC_SUMMARY_CELLS 4096

/** One key of a table, and its lines by action. */
typedef struct sc_summary_key {
    char key[SC_SUMMARY_KEY_MAX]; /**< NUL-terminated, lower case */
    unsigned long long count;
    unsigned long long action[SC_ACTION_COUNT];
} sc_summary_key;

/** A bounded table of keys (recipient domains, relay providers). */
typedef struct sc_summary_table {
    size_t used;                    /**< keys[0 .. used-1], first-seen order */
    unsigned long long other;       /**< lines whose key did not fit */
    sc_summary_key keys[SC_SUMMARY_KEYS];
    unsigned short index[2 * SC_SUMMARY_KEYS]; /**< private: slot + 1 */
} sc_summary_table;

/** An example text of a reason. */
typedef struct sc_summary_example {
    unsigned long long count;       /**< 0: an empty slot */
    char text[SC_SUMMARY_TEXT_MAX]; /**< NUL-terminated */
} sc_summary_example;

/** A recipient that has had a suppress verdict. */
typedef struct sc_summary_recipient {
    char addr[SC_SUMMARY_ADDR_MAX]; /**< NUL-terminated, as the log writes it */
    int action;                     /**< the last verdict's sc_action */
    size_t reason;                  /**< the last verdict's reason */
} sc_summary_recipient;

/**
 * The judged lines of one reason in one hour, as the line's time stamp
 * writes it: syslog's "Dec  2 02:13:11" (no year: `year` is 0, for the
 * reader to decide), RFC 3339's "2026-12-02T02:13:11.5+01:00" as rsyslog
 * writes it (the offset is not applied: the hour is the log's own) and
 * Exim's "2026-12-02 02:13:11". A date that does not exist (month 13,
 * "Feb 30", a year 0000) is no time: the line counts in `untimed`.
 */
typedef struct sc_summary_cell {
    unsigned short year;  /**< 1-9999; 0 when the stamp has none */
    unsigned char month;  /**< 1-12 */
    unsigned char day;    /**< 1-31 */
    unsigned char hour;   /**< 0-23 */
    unsigned char reason; /**< the reason id (sc_reason_name()) */
    unsigned long long count;
} sc_summary_cell;

/** The keys of a cell as the bindings show it, in order: X(member, type),
 *  type NUM (a number) or REASON (an id shown by its name). Bindings expand
 *  this list; they never spell the keys themselves. */
#define SC_SUMMARY_CELL_FIELDS(X)                                           \
    X(year, NUM) X(month, NUM) X(day, NUM) X(hour, NUM) X(reason, REASON)   \
    X(count, NUM)

/** Judged lines by (hour, reason): a bounded table of cells. */
typedef struct sc_summary_times {
    size_t used;                  /**< cells[0 .. used-1], first-seen order */
    unsigned long long other;     /**< judged lines whose cell did not fit */
    unsigned long long untimed;   /**< judged lines with no time stamp read */
    sc_summary_cell cells[SC_SUMMARY_CELLS];
    unsigned short index[2 * SC_SUMMARY_CELLS]; /**< private: slot + 1 */
} sc_summary_times;

typedef struct sc_summary {
    int format;                     /**< sc_log_format asked for */
    unsigned long long lines;       /**< every line seen, blank ones too */
    unsigned long long bytes;       /**< every byte consumed */
    unsigned long long verdicts;    /**< lines judged */
    unsigned long long skipped_blank;
    unsigned long long skipped_noreply; /**< lines with no reply (qmgr...) */
    unsigned long long skipped_cut;     /**< damaged: cut in the middle */
    unsigned long long skipped_binary;  /**< damaged: NUL or control bytes */
    unsigned long long skipped_long;    /**< longer than SC_LOGLINE_MAX */
    unsigned long long unterminated;    /**< a last line with no LF, read */
    unsigned long long format_count[SC_LOG_FORMAT_COUNT]; /**< judged lines by format */
    unsigned long long mta_status[SC_MTA_STATUS_COUNT];   /**< judged lines by MTA status */
    unsigned long long action[SC_ACTION_COUNT];           /**< judged lines by action */
    unsigned long long reason[SC_SUMMARY_REASONS];        /**< judged lines by reason id */
    unsigned long long permanent;   /**< judged lines with a permanent verdict */
    unsigned long long transient;   /**< ... and with a transient one */
    sc_summary_table domains;       /**< by recipient domain */
    sc_summary_table relays;        /**< by relay provider: the relay's
                                         last two labels, three under a
                                         two-letter country code with a
                                         short second level ("co.uk") */
    sc_summary_example examples[SC_SUMMARY_REASONS][SC_SUMMARY_SLOTS];
    unsigned long long examples_evicted; /**< texts pushed out of a full reason */
    sc_summary_times times;         /**< by hour and reason */
    size_t nrecipients;             /**< recipients[0 .. nrecipients-1] */
    unsigned long long suppress_dropped;
    sc_summary_recipient recipients[SC_SUMMARY_RECIPIENTS];
    unsigned short rindex[2 * SC_SUMMARY_RECIPIENTS]; /**< private */
    int in_long;                    /**< private: inside an over-long line */
    char text[SC_LOGLINE_MAX + 1];  /**< private: the verdicts' text */
} sc_summary;

/** Set `*s` up, empty, to read lines as `format`. SC_OK; SC_EINVAL for a
 *  NULL `s` or a bad format. */
SC_EXPORT int sc_summary_init(sc_summary *s, int format);

/**
 * Count the lines of `buf` (`len` bytes) into `s`. Reads every line that
 * ends in LF and returns how many bytes it consumed (up to and including
 * the last LF); give the rest again, followed by the next chunk. With
 * `final` 1 the rest is read too (a last line without LF: `unterminated`)
 * and everything is consumed. A line longer than SC_LOGLINE_MAX is
 * consumed without being read, also across chunks, and counted once in
 * `skipped_long`. Returns 0 for a NULL `s`, or a NULL `buf` with `len` > 0.
 * Linear time; nothing allocated.
 */
SC_EXPORT size_t sc_summary_feed(sc_summary *s, const char *buf, size_t len,
                                 int final);

/** Add summary `b` (of the input that follows `a`'s) into `a`. SC_OK;
 *  SC_EINVAL for NULL pointers or `a` == `b`. See the bounds above. */
SC_EXPORT int sc_summary_merge(sc_summary *a, const sc_summary *b);

/** The kept example texts of reason `reason` in `s`, commonest first (equal
 *  counts by text, bytewise, as strcmp() orders them): their slot indexes
 *  go to order[0 .. n-1], and n (at most SC_SUMMARY_SLOTS) is returned; 0
 *  for NULL pointers or a reason out of range. */
SC_EXPORT size_t sc_summary_examples(const sc_summary *s, size_t reason,
                                     size_t order[SC_SUMMARY_SLOTS]);


#ifdef __cplusplus
}
#endif

#endif /* STATUSCODES_H */
