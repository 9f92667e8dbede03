/* kb.h — private to the core: the shape of the generated tables
 * (kb_data.inc, made by core/tools/gen_kb.py) and the lookups kb.c offers
 * parse.c. Not installed; bindings include only statuscodes.h. Every name
 * here starts with sc__ (two underscores): internal, never exported. */
#ifndef SC_KB_H
#define SC_KB_H

#include <stddef.h>
#include <stdint.h>

#include "statuscodes.h"

/* Strings are offsets into one blob (sc__blob); offset 0 is "". */

/* Texts of an entry; a variant i is translated as field SC__T_COUNT + i,
 * a contrast i as field SC__T_CONTRAST + i. */
enum { SC__T_NAME, SC__T_GIST, SC__T_DESCRIPTION, SC__T_WHEN, SC__T_FIX,
       SC__T_COUNT, SC__T_CONTRAST = 128 };

/* Values of the enums the generator writes (gen_kb.py's lists). */
enum { SC__RETRY_NOT_NEEDED, SC__RETRY_CONTINUE, SC__RETRY_FOLLOW,
       SC__RETRY_LATER, SC__RETRY_IDEMPOTENT, SC__RETRY_AFTER_FIX,
       SC__RETRY_NEVER, SC__RETRY_COUNT };
enum { SC__ACTOR_COUNT = 6 };
enum { SC__SOURCE_COUNT = 5 };
enum { SC__SYNTAX_NUMBER, SC__SYNTAX_DOTTED, SC__SYNTAX_PREFIXED };
enum { SC__SCHEME_DIGIT, SC__SCHEME_RANGES, SC__SCHEME_NONE };

/* One entry: a listed code, a class or range entry, or a subject entry.
 * Lists are (first, count) slices of sc__strs, sc__codes or sc__equivs. */
typedef struct sc__entry {
    int32_t key;   /* number; dotted detail: subject * 1000 + detail;
                      class: digit; range: first code; subject: subject */
    int32_t hi;    /* range entries: last code; else key */
    uint32_t text[SC__T_COUNT]; /* English texts (gist: 0 if none) */
    uint32_t ctext;  /* the code as the data writes it: "404", "4xx" */
    uint32_t origin; /* 0 if none */
    uint16_t label;  /* class entries: label id of the class name, or 0xFFFF */
    uint8_t source, retry, actor, classes; /* classes: bit n = class n */
    uint8_t flags;   /* 1: the first alias is the mnemonic */
    uint16_t tr_first, tr_count;
    uint16_t contrast_first, contrast_count; /* slice of sc__contrasts */
    uint8_t reason;      /* parse()'s reason for this code, or 0xFF */
    uint16_t rif_first;  /* slice of sc__reason_ifs */
    uint8_t rif_count;
    uint16_t list_first[SC_LIST_COUNT];
    uint16_t list_count[SC_LIST_COUNT];
} sc__entry;

/* A phrase of the text that changes an entry's verdict (reason_if). */
typedef struct sc__reason_if {
    uint8_t reason, retry, len;
    uint32_t text;
} sc__reason_if;

/* A phrase that names a failure with no status ("connection refused"). */
typedef struct sc__failure_rec {
    uint32_t text;
    uint8_t len, reason;
} sc__failure_rec;

typedef struct sc__tr {
    uint8_t lang, field;
    uint32_t text;
} sc__tr;

/* A code in the tables: protocol, kind index (0 basic, 1 enhanced),
 * value, subject, detail. */
typedef struct sc__pcode {
    uint8_t protocol, kind;
    int32_t value;
    uint16_t subject, detail;
} sc__pcode;

/* What tells an entry's code apart from another code: one sentence that
 * compare() says first. */
typedef struct sc__contrast {
    sc__pcode code;
    uint32_t text;
} sc__contrast;

typedef struct sc__equiv {
    sc__pcode code;
    uint8_t closeness;
    uint8_t klass;  /* the class of the entry's code the link holds for; 0: any */
    uint32_t note;  /* 0 if none */
} sc__equiv;

typedef struct sc__symbol {
    uint32_t norm; /* normalized: lower case letters and digits */
    uint8_t kind;
    int32_t key;
} sc__symbol;

typedef struct sc__kind {
    uint8_t protocol, syntax, scheme, class_retry;
    int32_t min, max; /* number, prefixed: the codes; dotted: the class digits */
    uint32_t name;
    uint32_t prefix;  /* prefixed: the word before the number ("EDE") */
    uint16_t entry_first, entry_count; /* listed codes, by key */
    uint16_t class_first, class_count; /* class or range entries, by key */
    uint16_t sub_first, sub_count;     /* subject entries, by subject */
} sc__kind;

typedef struct sc__protocol {
    uint32_t name, display, help;
    uint8_t kind_first, kind_count;
    uint16_t list_first, list_count; /* slice of sc__listed */
    uint16_t sym_first, sym_count;   /* slice of sc__symbols */
    uint16_t lab_first, lab_count;   /* slice of sc__labelled_commands */
} sc__protocol;

/* A command shown through a label ("CONNECT": the opening of the
 * connection). */
typedef struct sc__labelled {
    uint32_t command;
    uint16_t label; /* generic label key id; the protocol's row applies */
} sc__labelled;

typedef struct sc__reason {
    uint32_t name, summary, example;
    unsigned char action[2]; /* sc_action for a transient, a permanent reply */
} sc__reason;

typedef struct sc__code_rule {
    int key; /* basic code, or subject * 1000 + detail */
    unsigned char reason, prio;
} sc__code_rule;

typedef struct sc__phrase {
    uint32_t text;
    unsigned char len, reason, prio, flags; /* flags: 1 word start, 2 word end,
                                                4 counts in host names and URLs */
} sc__phrase;

/* A string of the blob. */
const char *sc__str(uint32_t offset);

/* Id of the SMTP protocol, whose replies parse() reads. */
int sc__smtp(void);

/* Ids of the protocols whose forms read.c reads, constant: no lookup by
 * name per parse. */
typedef struct sc__protocol_ids {
    int smtp, ftp, http, grpc, sip, dns, websocket;
} sc__protocol_ids;
extern const sc__protocol_ids sc__ids;

/* Ids of the reasons "delivered" and "unknown". */
size_t sc__reason_delivered(void);
size_t sc__reason_unknown(void);

/* The best rule for an enhanced code (subject, detail) or a basic code:
 * returns 1 and sets *reason, *prio, or 0 when no rule names it. */
int sc__rule_enhanced(int subject, int detail, size_t *reason, int *prio);
int sc__rule_basic(int code, size_t *reason, int *prio);

/* The action of reason `id` for a permanent (1) or transient (0) reply. */
int sc__reason_action(size_t id, int permanent);

/* Scan `text` for phrases. Sets *best (phrase index, or -1) to the match of
 * highest priority, earliest on ties (earliest start, then latest end, then
 * lowest index), and *hint to 1 if a retry-hint phrase occurs. Matches
 * inside addresses, URLs and host names are dropped (sc__in_name). Linear
 * in len: each byte is looked up at most three times, each match costs a
 * bounded look around it. */
void sc__match_phrases(const char *text, size_t len, int *best, int *hint);

/* 1 if the match text[first..last] lies in an e-mail address, a URL, an IP
 * address or, unless names_ok, a host name: words there do not vote. */
int sc__in_name(const char *text, size_t len, size_t first, size_t last,
                int names_ok);

/* Phrase `i` (from sc__match_phrases), or NULL. */
const sc__phrase *sc__phrase_at(int i);

/* 1 if `c` is a well-formed code of its protocol. */
int sc__code_valid(const sc_code *c);

/* 1 if the base lists code `c`. */
int sc__code_known(const sc_code *c);

/* Name (English) of a code, listed or not; never NULL. */
const char *sc__code_name(const sc_code *c);

/* Class string ("5xx") of class digit `d` of the primary kind of
 * `protocol`, or NULL. */
const char *sc__class_code(int protocol, int d);

/* The verdict a code of a protocol other than SMTP asks for: its entry's
 * reason (or its class's) and retry (SC__RETRY_*). Unless `rif` is NULL,
 * also its entry's reason_if records, `*nrif` of them (static), in their
 * order: the first whose phrase (sc__str(text), lower case) the reply's
 * text holds gives the reason and retry instead. Returns 0 for an invalid
 * code, and sets nothing. */
int sc__code_verdict(const sc_code *c, size_t *reason, int *retry,
                     const sc__reason_if **rif, size_t *nrif);

/* The mnemonic of a listed code ("UNAVAILABLE"), or NULL. Static. */
const char *sc__code_mnemonic(const sc_code *c);

/* The English gist of a listed code, or NULL. Static. */
const char *sc__code_gist(const sc_code *c);

/* Failure phrase `i` of reasons.txt, in their order (the first found in a
 * text decides): the words that name a failure with no status ("connection
 * refused"), lower case, in *phrase (static), and its reason. Returns 0
 * past the last. */
int sc__failure_at(size_t i, const char **phrase, size_t *reason);

/* First offset >= from of the lower-case literal `lit` (`m` bytes) in
 * s[0, n), ASCII case ignored; n if none. Linear in n for a short literal. */
size_t sc__find_ci(const char *s, size_t n, size_t from, const char *lit,
                   size_t m);

/* The longest wait a verdict's retry_after gives: seven days. A reply that
 * asks for more is not read as a retry hint. */
#define SC__RETRY_AFTER_MAX (7L * 24 * 3600)

/* The fragments of parse's `why`: labels why.* of labels.txt, in order. */
enum {
    SC__WHY_TEXT_SAYS,      /* {phrase} */
    SC__WHY_ENHANCED_CODE,  /* {code} {name} */
    SC__WHY_BASIC_CODE,     /* {code} {name} */
    SC__WHY_CLASS_2,
    SC__WHY_CLASS_3,
    SC__WHY_NO_REPLY,
    SC__WHY_NOTHING,
    SC__WHY_NO_CODE,
    SC__WHY_TEMPORARY,
    SC__WHY_CLASS_CONFLICT, /* {basic} {enhanced} */
    SC__WHY_ASSUMED,
    SC__WHY_WAIT,           /* {seconds} */
    SC__WHY_WAIT_ONE,
    SC__WHY_RETRY_AT,
    SC__WHY_CODE,           /* {protocol} {code} {name} {gist} */
    SC__WHY_CODE_NO_GIST,   /* {protocol} {code} {name} */
    SC__WHY_FTP,
    SC__WHY_EDE,            /* {code} {name} */
    SC__WHY_IDEMPOTENT,
    SC__WHY_COUNT
};

/* A sentence being written into buf[0, size): `n` bytes so far, always
 * NUL-terminated; `full` once something was cut (nothing more is added, so
 * the sentence is a prefix of the whole). */
#define SC__WHY_ARGS 4
typedef struct sc__sentence {
    char *buf;
    size_t size, n;
    int full;
} sc__sentence;

/* Append fragment `id` (SC__WHY_*) in language `lang` to `s`, its
 * {placeholders} filled: names[i] is replaced by values[i] (nargs pairs, at
 * most SC__WHY_ARGS: no fragment has more placeholders).
 * A fragment after the first is joined to what came before as why.then
 * says ("; " in English). What does not fit is cut at a UTF-8 character
 * boundary. */
void sc__why_put(sc__sentence *s, int lang, int id, const char *const *names,
                 const char *const *values, size_t nargs);

/* Between parse.c (replies as SMTP and FTP servers write them) and read.c
 * (the other forms, and the entry points that choose): */

/* Read a reply in the SMTP form, with SMTP's verdict (sc_parse() before
 * protocols other than SMTP). */
int sc__parse_reply(const char *reply, size_t len, char *text, size_t size,
                    sc_verdict *out);

/* End of the block that starts with the line [ls, le) of a log: the
 * header lines after a status line, dig's output, a Python gRPC error;
 * `le` when the line stands alone. */
size_t sc__block_end(const char *s, size_t n, size_t ls, size_t le);
/* sc__block_end(), and in `*open` 1 when lines after `n` could still join
 * the block (no line after it yet, and no last line of its own). */
size_t sc__block_end_open(const char *s, size_t n, size_t ls, size_t le,
                          int *open);

#endif /* SC_KB_H */
