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
/* Version and errors                                                       */
/* ------------------------------------------------------------------------ */

/** Version of the library and its knowledge base, e.g. "0.1.0". Static. */
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

/** Number of protocols the base covers. Protocol ids are 0 .. count-1. */
SC_EXPORT size_t sc_protocol_count(void);

/** Name of protocol `id` ("smtp"); NULL when `id` is out of range. Static. */
SC_EXPORT const char *sc_protocol_name(size_t id);

/** Id of the protocol called `name` (`len` bytes, ASCII case ignored), or -1
 *  when there is none or `name` is NULL. */
SC_EXPORT int sc_protocol_find(const char *name, size_t len);

/** Number of languages labels exist in. Language ids are 0 .. count-1; id 0
 *  is English, the language every text falls back to. */
SC_EXPORT size_t sc_lang_count(void);

/** Tag of language `id` ("fr"); NULL when out of range. Static. */
SC_EXPORT const char *sc_lang_tag(size_t id);

/** The language's name for itself ("Français"); NULL when out of range. */
SC_EXPORT const char *sc_lang_name(size_t id);

/** Id of the language tagged `tag` (`len` bytes, ASCII case ignored; a region
 *  suffix such as "fr-CA" or "pt_BR" falls back to "fr" / "pt"), or -1 when
 *  there is none or `tag` is NULL. */
SC_EXPORT int sc_lang_find(const char *tag, size_t len);

/* ------------------------------------------------------------------------ */
/* Codes                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum sc_code_kind {
    SC_CODE_BASIC = 1,   /**< a reply code: SMTP 535 */
    SC_CODE_ENHANCED = 2 /**< an SMTP enhanced status code: 5.7.8 */
} sc_code_kind;

/** A parsed code. For a basic code only `value` counts; an enhanced code is
 *  `value`.`subject`.`detail` (class 2, 4 or 5; subject and detail 0..999). */
typedef struct sc_code {
    int kind; /**< sc_code_kind */
    int value;
    int subject;
    int detail;
} sc_code;

/** Longest code text, NUL included: "5.999.999". */
#define SC_CODE_TEXT_MAX 10

/**
 * Parse the code text `s` (`len` bytes) of protocol `protocol`.
 *
 * Accepts exactly a basic code ("535": three ASCII digits, the first 2..5 for
 * SMTP) or an SMTP enhanced code ("5.7.8": class 2, 4 or 5, subject and detail
 * of 1..3 digits without leading zeros). No white space, signs or other digits
 * than ASCII. Returns SC_OK and fills `*out`; SC_EMALFORMED for anything else;
 * SC_EPROTOCOL for a bad protocol id; SC_EINVAL if `s` or `out` is NULL.
 * `*out` is written only on success.
 */
SC_EXPORT int sc_code_parse(int protocol, const char *s, size_t len,
                            sc_code *out);

/** Make the basic code `value` of `protocol`: SC_OK, SC_EMALFORMED when the
 *  number is not a well-formed code (99, 600, -1), SC_EPROTOCOL, SC_EINVAL. */
SC_EXPORT int sc_code_from_int(int protocol, long value, sc_code *out);

/** Write the code as text ("535", "5.7.8") into `buf` (`size` bytes, at least
 *  SC_CODE_TEXT_MAX is always enough). Returns the length written (without
 *  the NUL), or 0 when `code` or `buf` is NULL, `size` too small or the code
 *  invalid; `buf` is then an empty string if `size` > 0. */
SC_EXPORT size_t sc_code_format(const sc_code *code, char *buf, size_t size);

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
    SC_LABEL_COUNT
} sc_label_id;

/** The key of heading `id` ("when", "learn_more"); NULL if out of range. */
SC_EXPORT const char *sc_label_key(int id);

/** Heading `id` in language `lang` ("Quand vous le voyez"); NULL if either is
 *  out of range. Static. */
SC_EXPORT const char *sc_label(int lang, int id);

/* ------------------------------------------------------------------------ */
/* describe                                                                 */
/* ------------------------------------------------------------------------ */

/** Bits of sc_info.untranslated: which texts fell back to English. */
enum {
    SC_TEXT_NAME = 1 << 0,
    SC_TEXT_DESCRIPTION = 1 << 1,
    SC_TEXT_WHEN = 1 << 2,
    SC_TEXT_FIX = 1 << 3
};

/** Everything the base says about one code. All pointers are static. */
typedef struct sc_info {
    int protocol;             /**< protocol id */
    sc_code code;             /**< the code as asked */
    int known;                /**< 1 if the base lists it, 0 if described from its class */
    int lang;                 /**< language id of labels and translated texts */
    unsigned untranslated;    /**< SC_TEXT_* bits of texts shown in English */
    const char *name;         /**< short name */
    const char *class_code;   /**< "5xx" (basic) or "5.X.X" (enhanced) */
    const char *class_name;   /**< localized: "Permanent Negative Completion" */
    const char *subject_code; /**< enhanced only: "X.7.X"; NULL otherwise */
    const char *subject_name; /**< enhanced only: "Security or Policy Status" */
    const char *description;
    const char *when;
    const char *fix;
    const char *source;       /**< "rfc", "registry", "common" or "class" */
    const char *retry;        /**< "not_needed", "continue", "later", "after_fix", "never" */
    const char *retry_advice; /**< localized sentence for `retry` */
    int retryable;            /**< 1 when the same thing may succeed later */
    const char *actor;        /**< "nobody", "client", "sender", "recipient", "server" */
    const char *actor_text;   /**< localized clause for `actor` */
    const char *const *commands;   size_t ncommands;   /**< "AUTH", "CONNECT" .. */
    const char *const *references; size_t nreferences; /**< "RFC 4954 §6" */
    const sc_code *related;        size_t nrelated;
    const char *const *variants;   size_t nvariants;   /**< other extensions' meanings */
    const sc_code *basic;          size_t nbasic;      /**< enhanced: basic codes it travels with */
} sc_info;

/**
 * Describe `code` of `protocol` in language `lang` (labels and class names in
 * that language; prose translated where a translation exists, else English,
 * with the fallback recorded in `untranslated`).
 *
 * A well-formed code the base does not list is described from its class (and,
 * for an enhanced code, its subject) with `known` = 0. Returns SC_OK;
 * SC_EINVAL if `code` or `out` is NULL; SC_EMALFORMED if `*code` is not a
 * well-formed code of the protocol; SC_EPROTOCOL; SC_ELANG. `*out` is fully
 * written on success, left alone otherwise.
 */
SC_EXPORT int sc_describe(int protocol, const sc_code *code, int lang,
                          sc_info *out);

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
} sc_comparison;

/** A buffer of this size always holds a comparison's sentences. */
#define SC_COMPARE_BUFSIZE 8192

/**
 * Compare codes `a` and `b` of `protocol` in language `lang`.
 *
 * The sentences (title, summary, differences, when_to_use) are written into
 * `buf` (`size` bytes; SC_COMPARE_BUFSIZE is always enough) and `*out` points
 * into it, so `buf` must outlive `*out`. Returns SC_OK; SC_EINVAL for a NULL
 * argument or a `size` of 0; SC_EMALFORMED, SC_EPROTOCOL, SC_ELANG as
 * sc_describe(); SC_ENOSPACE if `size` is too small. `*out` is written only
 * on success.
 */
SC_EXPORT int sc_compare(int protocol, const sc_code *a, const sc_code *b,
                         int lang, sc_comparison *out, char *buf, size_t size);

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

/** Number of reasons; reason ids are 0 .. count-1, in SPEC.md's order, the
 *  last being "unknown". */
SC_EXPORT size_t sc_reason_count(void);

/** Name of reason `id` ("user_unknown"); NULL if out of range. Static. */
SC_EXPORT const char *sc_reason_name(size_t id);

/** One-sentence English summary of reason `id`; NULL if out of range. */
SC_EXPORT const char *sc_reason_summary(size_t id);

/** An example reply for reason `id`; NULL if out of range. */
SC_EXPORT const char *sc_reason_example(size_t id);

/** Where the evidence that decided a reason came from. */
typedef enum sc_evidence {
    SC_EVIDENCE_NONE = 0, /**< nothing: the reason is "unknown" or from the class */
    SC_EVIDENCE_PHRASE,   /**< a phrase in the text */
    SC_EVIDENCE_ENHANCED, /**< the enhanced status code */
    SC_EVIDENCE_BASIC,    /**< the basic reply code */
    SC_EVIDENCE_CLASS     /**< only the class: success, intermediate */
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
    int permanent;         /**< 1 (5xx), 0 (4xx), -1 (success, intermediate or no code) */
    int retryable;         /**< 1 when action is retry */
    int action;            /**< sc_action */
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
} sc_verdict;

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

/** Longest sentence sc_verdict_why() writes, NUL included. */
#define SC_WHY_MAX 512

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

/**
 * Bulk path: parse the next reply of a buffer of many (a log: one reply per
 * line, a multi-line reply's lines kept together), starting at `*pos`.
 * Skips blank lines. On SC_OK, `*pos` is moved past the reply and `*out`
 * filled as sc_parse() does; returns SC_EEMPTY when no reply is left (and
 * sets `*pos` to `len`, also when it was past `len`); SC_EINVAL for NULL
 * pointers (`buf` may be NULL only if `len` is 0). `text` needs
 * SC_PARSE_BUFSIZE of the longest reply; SC_PARSE_BUFSIZE(len) always
 * suffices.
 */
SC_EXPORT int sc_parse_next(const char *buf, size_t len, size_t *pos,
                            char *text, size_t size, sc_verdict *out);

#ifdef __cplusplus
}
#endif

#endif /* STATUSCODES_H */
