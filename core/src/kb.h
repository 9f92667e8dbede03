/* kb.h — private to the core: the shape of the generated tables
 * (kb_data.inc, made by core/tools/gen_kb.py) and the lookups kb.c offers
 * parse.c. Not installed; bindings include only statuscodes.h. */
#ifndef SC_KB_H
#define SC_KB_H

#include <stddef.h>

#include "statuscodes.h"

/* One knowledge-base entry: a basic code, or an enhanced class, subject or
 * detail. Lists are (first, count) slices of kb_strs / kb_codes / kb_trs. */
typedef struct kb_entry {
    int key; /* 535; class digit; subject; subject * 1000 + detail */
    unsigned char source, retry, actor, classes; /* classes: bit n = class n */
    const char *text[4];                         /* name, description, when, fix */
    unsigned short tr_first, tr_count;
    unsigned short cmd_first, cmd_count;
    unsigned short ref_first, ref_count;
    unsigned short var_first, var_count;
    unsigned short rel_first, rel_count;
    unsigned short basic_first, basic_count;
} kb_entry;

typedef struct kb_translation {
    unsigned char lang, field; /* field: index into kb_entry.text */
    const char *text;
} kb_translation;

typedef struct kb_reason {
    const char *name, *summary, *example;
    unsigned char action[2]; /* sc_action for a transient, a permanent reply */
} kb_reason;

typedef struct kb_code_rule {
    int key; /* basic code, or subject * 1000 + detail */
    unsigned char reason, prio;
} kb_code_rule;

typedef struct kb_phrase {
    const char *text;
    unsigned char len, reason, prio, flags; /* flags: 1 word start, 2 word end */
} kb_phrase;

/* Ids of the reasons "delivered" and "unknown". */
size_t kb_reason_delivered(void);
size_t kb_reason_unknown(void);

/* The best rule for an enhanced code (subject, detail) or a basic code:
 * returns 1 and sets *reason, *prio, or 0 when no rule names it. */
int kb_rule_enhanced(int subject, int detail, size_t *reason, int *prio);
int kb_rule_basic(int code, size_t *reason, int *prio);

/* The action of reason `id` for a permanent (1) or transient (0) reply. */
int kb_reason_action(size_t id, int permanent);

/* Scan `text` for phrases. Sets *best (phrase index, or -1) to the match of
 * highest priority, earliest on ties (earliest end, then lowest index), and
 * *hint to 1 if a retry-hint phrase occurs. Linear in len: each byte is
 * looked up at most three times. */
void kb_match_phrases(const char *text, size_t len, int *best, int *hint);

/* Phrase `i` (from kb_match_phrases). */
const kb_phrase *kb_phrase_at(int i);

/* 1 if the base lists code `c` (of SMTP). */
int kb_code_known(const sc_code *c);

/* Name (English) of a code, listed or not; never NULL. */
const char *kb_code_name(const sc_code *c);

#endif /* SC_KB_H */
