/*
 * _statuscodes.c — the CPython extension module statuscodes._statuscodes.
 *
 * A thin binding over <statuscodes.h>: it checks Python arguments, calls the
 * core, and turns what the core hands back into plain Python objects (dict,
 * list, str, int, bool, None). It holds no knowledge of codes.
 *
 * Every result is built fresh on each call, so callers may mutate it. To keep
 * that cheap, the module state caches what never changes: the interned keys
 * of the result dicts, one labels dict per language (copied per result), and
 * the Python str of every static string the core has handed out, keyed by its
 * address (the core's strings are static and read-only for the life of the
 * program, so an address always names the same text). Text the core writes
 * into our buffers (compare's sentences, parse's text, why) is never cached.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "statuscodes.h"

/* ------------------------------------------------------------------------ */
/* Keys of the result dicts                                                 */
/* ------------------------------------------------------------------------ */

enum {
    /* describe */
    K_PROTOCOL, K_CODE, K_NAME, K_CLASS, K_CLASS_NAME, K_SUBJECT,
    K_SUBJECT_NAME, K_DESCRIPTION, K_WHEN, K_FIX, K_KNOWN, K_SOURCE, K_RETRY,
    K_RETRY_ADVICE, K_RETRYABLE, K_ACTOR, K_ACTOR_TEXT, K_COMMANDS,
    K_REFERENCES, K_RELATED, K_VARIANTS, K_BASIC, K_LANG, K_UNTRANSLATED,
    K_LABELS,
    /* compare */
    K_TITLE, K_SUMMARY, K_SAME_CLASS, K_A, K_B, K_DIFFERENCES, K_WHEN_TO_USE,
    K_LEARN_MORE,
    /* parse */
    K_ENHANCED, K_TEXT, K_LINES, K_PERMANENT, K_ACTION, K_REASON, K_WHY,
    K_EVIDENCE, K_PHRASE, K_RETRY_HINT, K_CLASS_CONFLICT, K_CODE_INFO,
    K_ENHANCED_INFO,
    /* values: evidence "none" (the other evidence names are keys too) */
    K_NONE,
    K_COUNT
};

static const char *const key_names[K_COUNT] = {
    "protocol", "code", "name", "class", "class_name", "subject",
    "subject_name", "description", "when", "fix", "known", "source", "retry",
    "retry_advice", "retryable", "actor", "actor_text", "commands",
    "references", "related", "variants", "basic", "lang", "untranslated",
    "labels",
    "title", "summary", "same_class", "a", "b", "differences", "when_to_use",
    "learn_more",
    "enhanced", "text", "lines", "permanent", "action", "reason", "why",
    "evidence", "phrase", "retry_hint", "class_conflict", "code_info",
    "enhanced_info",
    "none",
};

/* sc_evidence -> key holding its name. */
static const int evidence_keys[] = {K_NONE, K_PHRASE, K_ENHANCED, K_BASIC,
                                    K_CLASS};
#define N_EVIDENCE ((int)(sizeof evidence_keys / sizeof evidence_keys[0]))

/* The keys of describe's and parse's dicts, in order. */
static const int info_keys[] = {
    K_PROTOCOL, K_CODE, K_NAME, K_CLASS, K_CLASS_NAME, K_SUBJECT,
    K_SUBJECT_NAME, K_DESCRIPTION, K_WHEN, K_FIX, K_KNOWN, K_SOURCE, K_RETRY,
    K_RETRY_ADVICE, K_RETRYABLE, K_ACTOR, K_ACTOR_TEXT, K_COMMANDS,
    K_REFERENCES, K_RELATED, K_VARIANTS, K_BASIC, K_LANG, K_UNTRANSLATED,
    K_LABELS,
};
static const int verdict_keys[] = {
    K_CODE, K_ENHANCED, K_TEXT, K_LINES, K_CLASS, K_PERMANENT, K_RETRYABLE,
    K_ACTION, K_REASON, K_WHY, K_EVIDENCE, K_PHRASE, K_RETRY_HINT,
    K_CLASS_CONFLICT, K_KNOWN, K_CODE_INFO, K_ENHANCED_INFO,
};
#define N_KEYS(a) (sizeof(a) / sizeof(a)[0])

/* SC_TEXT_* bit -> the field it names, for describe's "untranslated". */
static const struct {
    unsigned bit;
    int key;
} text_bits[] = {
    {SC_TEXT_NAME, K_NAME},
    {SC_TEXT_DESCRIPTION, K_DESCRIPTION},
    {SC_TEXT_WHEN, K_WHEN},
    {SC_TEXT_FIX, K_FIX},
};
#define N_TEXT_BITS (sizeof text_bits / sizeof text_bits[0])

/* ------------------------------------------------------------------------ */
/* A small cache: 64-bit key -> Python object                               */
/* ------------------------------------------------------------------------ */

/* Open addressing with linear probing; key 0 marks an empty slot. Keys are
 * the address of a static string, or a packed sc_code (never 0: the kind is
 * in the top bits). The cache holds one reference to each value. It stops
 * growing at CACHE_MAX entries; past that, new objects are simply not
 * cached. */
#define CACHE_MAX 65536

typedef struct {
    unsigned long long key;
    PyObject *value;
} cache_slot;

typedef struct {
    cache_slot *slots;
    size_t mask; /* capacity - 1; capacity is a power of two, 0 if unset */
    size_t used;
} cache;

static size_t
cache_hash(unsigned long long key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return (size_t)key;
}

/* The cached object for `key` (borrowed), or NULL. */
static PyObject *
cache_get(const cache *c, unsigned long long key)
{
    size_t i;

    if (c->slots == NULL)
        return NULL;
    for (i = cache_hash(key) & c->mask;; i = (i + 1) & c->mask) {
        if (c->slots[i].key == key)
            return c->slots[i].value;
        if (c->slots[i].key == 0)
            return NULL;
    }
}

/* Store `value` (a new reference is taken) under `key`, which must be
 * absent. Failing to store is not an error: the cache only saves work. */
static void
cache_put(cache *c, unsigned long long key, PyObject *value)
{
    size_t i;

    if (c->used >= CACHE_MAX)
        return;
    if ((c->used + 1) * 2 > c->mask + 1 || c->slots == NULL) {
        size_t cap = c->slots == NULL ? 256 : (c->mask + 1) * 2;
        cache_slot *slots = PyMem_Calloc(cap, sizeof *slots);
        size_t j;

        if (slots == NULL)
            return; /* no memory: simply don't cache */
        for (j = 0; c->slots != NULL && j <= c->mask; j++) {
            if (c->slots[j].key == 0)
                continue;
            for (i = cache_hash(c->slots[j].key) & (cap - 1); slots[i].key;
                 i = (i + 1) & (cap - 1))
                ;
            slots[i] = c->slots[j];
        }
        PyMem_Free(c->slots);
        c->slots = slots;
        c->mask = cap - 1;
    }
    for (i = cache_hash(key) & c->mask; c->slots[i].key;
         i = (i + 1) & c->mask)
        ;
    c->slots[i].key = key;
    Py_INCREF(value);
    c->slots[i].value = value;
    c->used++;
}

static int
cache_traverse(const cache *c, visitproc visit, void *arg)
{
    size_t i;

    for (i = 0; c->slots != NULL && i <= c->mask; i++)
        Py_VISIT(c->slots[i].value);
    return 0;
}

static void
cache_clear(cache *c)
{
    cache_slot *slots = c->slots;
    size_t i, n = c->mask + 1;

    c->slots = NULL;
    c->mask = 0;
    c->used = 0;
    for (i = 0; slots != NULL && i < n; i++)
        Py_XDECREF(slots[i].value);
    PyMem_Free(slots);
}

/* ------------------------------------------------------------------------ */
/* Module state                                                             */
/* ------------------------------------------------------------------------ */

typedef struct {
    PyObject *keys[K_COUNT]; /* interned key strings */
    PyObject *classes[10];   /* "1xx" .. "9xx" for parse's reply class */
    PyObject *info_tmpl;     /* describe's keys -> None, copied per result */
    PyObject *verdict_tmpl;  /* parse's keys -> None, copied per result */
    PyObject **labels;       /* per language id: label key -> heading */
    size_t nlabels;
    cache strs;  /* static C string address -> str */
    cache codes; /* packed sc_code -> int or str */
    int smtp;    /* id of the default protocol "smtp", or -1 */
} sc_state;

static sc_state *
get_state(PyObject *module)
{
    sc_state *st = PyModule_GetState(module);

    if (st == NULL)
        return NULL;
    if (st->keys[0] == NULL) {
        PyErr_SetString(PyExc_RuntimeError,
                        "statuscodes: module state is not initialised");
        return NULL;
    }
    return st;
}

#define KEY(st, k) ((st)->keys[(k)])

/* ------------------------------------------------------------------------ */
/* Small builders. Each returns a new reference, or NULL with an exception. */
/* ------------------------------------------------------------------------ */

static PyObject *
new_none(void)
{
    Py_INCREF(Py_None);
    return Py_None;
}

/* d[key] = value, releasing value. A NULL value (a failed builder) fails. */
static int
put(PyObject *d, PyObject *key, PyObject *value)
{
    int rc;

    if (value == NULL)
        return -1;
    rc = PyDict_SetItem(d, key, value);
    Py_DECREF(value);
    return rc;
}

/* A str from text the core wrote into one of our buffers; never cached. */
static PyObject *
buf_str(const char *s, size_t n)
{
    if (s == NULL)
        return new_none();
    if (n > (size_t)PY_SSIZE_T_MAX)
        n = (size_t)PY_SSIZE_T_MAX;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, "replace");
}

/* A str from one of the core's static strings, or None for NULL. */
static PyObject *
static_str(sc_state *st, const char *s)
{
    unsigned long long key;
    PyObject *value;

    if (s == NULL)
        return new_none();
    key = (unsigned long long)(Py_uintptr_t)s;
    value = cache_get(&st->strs, key);
    if (value != NULL) {
        Py_INCREF(value);
        return value;
    }
    value = PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
    if (value != NULL)
        cache_put(&st->strs, key, value);
    return value;
}

/* A list of `n` static strings. */
static PyObject *
static_list(sc_state *st, const char *const *items, size_t n)
{
    PyObject *list, *item;
    size_t i;

    if (items == NULL)
        n = 0;
    list = PyList_New((Py_ssize_t)n);
    if (list == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        item = static_str(st, items[i]);
        if (item == NULL)
            goto error;
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

/* A list of `n` strings the core wrote into our buffer. */
static PyObject *
buf_list(const char *const *items, size_t n)
{
    PyObject *list, *item;
    size_t i;

    if (items == NULL)
        n = 0;
    list = PyList_New((Py_ssize_t)n);
    if (list == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        item = buf_str(items[i], items[i] ? strlen(items[i]) : 0);
        if (item == NULL)
            goto error;
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

/* A code as Python sees it: int for a basic code, str ("5.7.8") for an
 * enhanced one. */
static PyObject *
code_obj(sc_state *st, const sc_code *code)
{
    unsigned long long key = 0;
    PyObject *value;
    char text[SC_CODE_TEXT_MAX];
    size_t n;

    if (code->kind == SC_CODE_BASIC && code->value >= 0)
        key = (1ULL << 62) | (unsigned long long)code->value;
    else if (code->kind == SC_CODE_ENHANCED && code->value >= 0 &&
             code->value < (1 << 20) && code->subject >= 0 &&
             code->subject < (1 << 20) && code->detail >= 0 &&
             code->detail < (1 << 20))
        key = (2ULL << 62) | ((unsigned long long)code->value << 40) |
              ((unsigned long long)code->subject << 20) |
              (unsigned long long)code->detail;
    if (key != 0) {
        value = cache_get(&st->codes, key);
        if (value != NULL) {
            Py_INCREF(value);
            return value;
        }
    }
    if (code->kind == SC_CODE_BASIC) {
        value = PyLong_FromLong(code->value);
    }
    else {
        n = sc_code_format(code, text, sizeof text);
        if (n == 0) {
            PyErr_SetString(PyExc_RuntimeError,
                            "statuscodes: the core returned an invalid code");
            return NULL;
        }
        value = PyUnicode_FromStringAndSize(text, (Py_ssize_t)n);
    }
    if (value != NULL && key != 0)
        cache_put(&st->codes, key, value);
    return value;
}

static PyObject *
code_list(sc_state *st, const sc_code *codes, size_t n)
{
    PyObject *list, *item;
    size_t i;

    if (codes == NULL)
        n = 0;
    list = PyList_New((Py_ssize_t)n);
    if (list == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        item = code_obj(st, &codes[i]);
        if (item == NULL)
            goto error;
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

/* A fresh dict of the headings of language `lang`: label key -> heading. */
static PyObject *
make_labels(sc_state *st, int lang)
{
    PyObject *d = PyDict_New();
    int id;

    if (d == NULL)
        return NULL;
    for (id = 0; id < SC_LABEL_COUNT; id++) {
        const char *key = sc_label_key(id);
        PyObject *k;

        if (key == NULL)
            continue;
        k = static_str(st, key);
        if (k == NULL)
            goto error;
        if (put(d, k, static_str(st, sc_label(lang, id))) < 0) {
            Py_DECREF(k);
            goto error;
        }
        Py_DECREF(k);
    }
    return d;

error:
    Py_DECREF(d);
    return NULL;
}

static PyObject *
labels_obj(sc_state *st, int lang)
{
    if (lang >= 0 && (size_t)lang < st->nlabels && st->labels[lang] != NULL)
        return PyDict_Copy(st->labels[lang]);
    return make_labels(st, lang);
}

/* ------------------------------------------------------------------------ */
/* Errors and arguments                                                     */
/* ------------------------------------------------------------------------ */

/* Raise for a core status that argument checks should have ruled out. */
static PyObject *
status_error(int status)
{
    PyObject *exc = PyExc_ValueError;

    if (status == SC_EINVAL || status == SC_ENOSPACE)
        exc = PyExc_RuntimeError;
    PyErr_Format(exc, "statuscodes: %s", sc_strerror(status));
    return NULL;
}

/* repr(arg) for an error message, shortened when long. */
static PyObject *
short_repr(PyObject *arg)
{
    PyObject *r = PyObject_Repr(arg), *head;

    if (r == NULL) {
        /* An int too large to print (sys.set_int_max_str_digits). */
        if (!PyErr_ExceptionMatches(PyExc_ValueError))
            return NULL;
        PyErr_Clear();
        return PyUnicode_FromString("<a very large int>");
    }
    if (PyUnicode_GET_LENGTH(r) <= 60)
        return r;
    head = PyUnicode_Substring(r, 0, 56);
    Py_DECREF(r);
    if (head == NULL)
        return NULL;
    r = PyUnicode_FromFormat("%U...", head);
    Py_DECREF(head);
    return r;
}

/* "a, b, c": the `count` names of `name` (sc_protocol_name, sc_lang_tag). */
static PyObject *
join_names(size_t count, const char *(*name)(size_t))
{
    PyObject *list = NULL, *sep = NULL, *item, *joined = NULL;
    size_t i;

    list = PyList_New(0);
    if (list == NULL)
        goto error;
    for (i = 0; i < count; i++) {
        const char *s = name(i);

        if (s == NULL)
            continue;
        item = PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
        if (item == NULL)
            goto error;
        if (PyList_Append(list, item) < 0) {
            Py_DECREF(item);
            goto error;
        }
        Py_DECREF(item);
    }
    sep = PyUnicode_FromString(", ");
    if (sep == NULL)
        goto error;
    joined = PyUnicode_Join(sep, list);

error:
    Py_XDECREF(sep);
    Py_XDECREF(list);
    return joined;
}

/* Raise "unknown <what> <repr>; valid: ...". */
static void
unknown_name(const char *what, PyObject *arg, size_t count,
             const char *(*name)(size_t))
{
    PyObject *valid = join_names(count, name), *shown = NULL;

    if (valid == NULL)
        goto error;
    shown = short_repr(arg);
    if (shown == NULL)
        goto error;
    PyErr_Format(PyExc_ValueError, "unknown %s %U; valid: %U", what, shown,
                 valid);

error:
    Py_XDECREF(valid);
    Py_XDECREF(shown);
}

/* Look the protocol or language named by argument `param` up with `find`.
 * Returns the id, or -1 with an exception set. */
static int
find_name(const char *param, const char *what, PyObject *arg,
          int (*find)(const char *, size_t), size_t (*count)(void),
          const char *(*name)(size_t))
{
    const char *s;
    Py_ssize_t n;
    int id = -1;

    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s must be str, not %.200s", param,
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    s = PyUnicode_AsUTF8AndSize(arg, &n);
    if (s != NULL)
        id = find(s, (size_t)n);
    else if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
        PyErr_Clear(); /* lone surrogates: no such name */
    else
        return -1;
    if (id < 0)
        unknown_name(what, arg, count(), name);
    return id;
}

/* `*out` = the protocol id named by `arg` (NULL: the default, "smtp"). */
static int
get_protocol(sc_state *st, PyObject *arg, int *out)
{
    if (arg == NULL && st->smtp >= 0) {
        *out = st->smtp;
        return 0;
    }
    if (arg == NULL) {
        PyErr_SetString(PyExc_ValueError,
                        "statuscodes: the library has no protocol \"smtp\"");
        return -1;
    }
    *out = find_name("protocol", "protocol", arg, sc_protocol_find,
                     sc_protocol_count, sc_protocol_name);
    return *out < 0 ? -1 : 0;
}

/* `*out` = the language id named by `arg` (NULL: English, id 0). */
static int
get_lang(PyObject *arg, int *out)
{
    if (arg == NULL) {
        *out = 0;
        return 0;
    }
    *out = find_name("lang", "language", arg, sc_lang_find, sc_lang_count,
                     sc_lang_tag);
    return *out < 0 ? -1 : 0;
}

/* `*out` = the code `arg` (an int or a str) of `protocol`. */
static int
get_code(PyObject *arg, int protocol, sc_code *out)
{
    PyObject *shown;
    int status;

    if (PyLong_Check(arg) && !PyBool_Check(arg)) {
        int overflow;
        long value = PyLong_AsLongAndOverflow(arg, &overflow);

        if (value == -1 && PyErr_Occurred())
            return -1;
        status = overflow ? SC_EMALFORMED
                          : sc_code_from_int(protocol, value, out);
    }
    else if (PyUnicode_Check(arg)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(arg, &n);

        if (s != NULL) {
            status = sc_code_parse(protocol, s, (size_t)n, out);
        }
        else if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_Clear(); /* lone surrogates: not a code */
            status = SC_EMALFORMED;
        }
        else {
            return -1;
        }
    }
    else {
        PyErr_Format(PyExc_TypeError, "code must be int or str, not %.200s",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    if (status == SC_OK)
        return 0;
    if (status != SC_EMALFORMED) {
        status_error(status);
        return -1;
    }
    shown = short_repr(arg);
    if (shown == NULL)
        return -1;
    PyErr_Format(PyExc_ValueError, "%U is not a well-formed %s code", shown,
                 sc_protocol_name((size_t)protocol));
    Py_DECREF(shown);
    return -1;
}

/* The bytes of a reply: str (as UTF-8), bytes, or any contiguous buffer. */
typedef struct {
    const char *data;
    Py_ssize_t len;
    PyObject *owner; /* UTF-8 bytes made from a str with lone surrogates */
    Py_buffer view;  /* view.obj != NULL while a buffer is held */
} reply_bytes;

#define REPLY_BYTES_INIT {NULL, 0, NULL, {0}}

static void
reply_release(reply_bytes *r)
{
    Py_CLEAR(r->owner);
    if (r->view.obj != NULL)
        PyBuffer_Release(&r->view);
    r->view.obj = NULL;
    r->data = NULL;
    r->len = 0;
}

/* Fill `r` from `arg`, the argument called `what`; `index` >= 0 names the
 * item in error messages. */
static int
reply_get(PyObject *arg, const char *what, Py_ssize_t index, reply_bytes *r)
{
    if (PyUnicode_Check(arg)) {
        r->data = PyUnicode_AsUTF8AndSize(arg, &r->len);
        if (r->data != NULL)
            return 0;
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return -1;
        /* Lone surrogates. Text read with errors="surrogateescape" gets its
         * bytes back; any other surrogate becomes "?". */
        PyErr_Clear();
        r->owner = PyUnicode_AsEncodedString(arg, "utf-8", "surrogateescape");
        if (r->owner == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
                return -1;
            PyErr_Clear();
            r->owner = PyUnicode_AsEncodedString(arg, "utf-8", "replace");
            if (r->owner == NULL)
                return -1;
        }
        r->data = PyBytes_AS_STRING(r->owner);
        r->len = PyBytes_GET_SIZE(r->owner);
        return 0;
    }
    if (PyBytes_Check(arg)) {
        r->data = PyBytes_AS_STRING(arg);
        r->len = PyBytes_GET_SIZE(arg);
        return 0;
    }
    if (PyObject_CheckBuffer(arg)) {
        if (PyObject_GetBuffer(arg, &r->view, PyBUF_SIMPLE) == 0) {
            r->data = r->view.buf;
            r->len = r->view.len;
            return 0;
        }
        r->view.obj = NULL;
        if (!PyErr_ExceptionMatches(PyExc_BufferError))
            return -1;
        /* A buffer that is not contiguous (memoryview(b)[::2]): copy it. */
        PyErr_Clear();
        r->owner = PyBytes_FromObject(arg);
        if (r->owner == NULL)
            return -1;
        r->data = PyBytes_AS_STRING(r->owner);
        r->len = PyBytes_GET_SIZE(r->owner);
        return 0;
    }
    if (index >= 0)
        PyErr_Format(PyExc_TypeError,
                     "%s at index %zd must be str or bytes, not %.200s", what,
                     index, Py_TYPE(arg)->tp_name);
    else
        PyErr_Format(PyExc_TypeError, "%s must be str or bytes, not %.200s",
                     what, Py_TYPE(arg)->tp_name);
    return -1;
}

/* ------------------------------------------------------------------------ */
/* Results                                                                  */
/* ------------------------------------------------------------------------ */

static PyObject *
untranslated_list(sc_state *st, unsigned bits)
{
    PyObject *list = PyList_New(0);
    size_t i;

    if (list == NULL)
        return NULL;
    for (i = 0; i < N_TEXT_BITS; i++) {
        if ((bits & text_bits[i].bit) &&
            PyList_Append(list, KEY(st, text_bits[i].key)) < 0)
            goto error;
    }
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

/* describe's dict for `in`. */
static PyObject *
info_dict(sc_state *st, const sc_info *in)
{
    PyObject *d = PyDict_Copy(st->info_tmpl);

    if (d == NULL)
        return NULL;
    if (put(d, KEY(st, K_PROTOCOL),
            static_str(st, sc_protocol_name((size_t)in->protocol))) < 0 ||
        put(d, KEY(st, K_CODE), code_obj(st, &in->code)) < 0 ||
        put(d, KEY(st, K_NAME), static_str(st, in->name)) < 0 ||
        put(d, KEY(st, K_CLASS), static_str(st, in->class_code)) < 0 ||
        put(d, KEY(st, K_CLASS_NAME), static_str(st, in->class_name)) < 0 ||
        put(d, KEY(st, K_SUBJECT), static_str(st, in->subject_code)) < 0 ||
        put(d, KEY(st, K_SUBJECT_NAME), static_str(st, in->subject_name)) < 0 ||
        put(d, KEY(st, K_DESCRIPTION), static_str(st, in->description)) < 0 ||
        put(d, KEY(st, K_WHEN), static_str(st, in->when)) < 0 ||
        put(d, KEY(st, K_FIX), static_str(st, in->fix)) < 0 ||
        put(d, KEY(st, K_KNOWN), PyBool_FromLong(in->known)) < 0 ||
        put(d, KEY(st, K_SOURCE), static_str(st, in->source)) < 0 ||
        put(d, KEY(st, K_RETRY), static_str(st, in->retry)) < 0 ||
        put(d, KEY(st, K_RETRY_ADVICE), static_str(st, in->retry_advice)) < 0 ||
        put(d, KEY(st, K_RETRYABLE), PyBool_FromLong(in->retryable)) < 0 ||
        put(d, KEY(st, K_ACTOR), static_str(st, in->actor)) < 0 ||
        put(d, KEY(st, K_ACTOR_TEXT), static_str(st, in->actor_text)) < 0 ||
        put(d, KEY(st, K_COMMANDS),
            static_list(st, in->commands, in->ncommands)) < 0 ||
        put(d, KEY(st, K_REFERENCES),
            static_list(st, in->references, in->nreferences)) < 0 ||
        put(d, KEY(st, K_RELATED),
            code_list(st, in->related, in->nrelated)) < 0 ||
        put(d, KEY(st, K_VARIANTS),
            static_list(st, in->variants, in->nvariants)) < 0 ||
        put(d, KEY(st, K_BASIC), code_list(st, in->basic, in->nbasic)) < 0 ||
        put(d, KEY(st, K_LANG),
            static_str(st, sc_lang_tag((size_t)in->lang))) < 0 ||
        put(d, KEY(st, K_UNTRANSLATED),
            untranslated_list(st, in->untranslated)) < 0 ||
        put(d, KEY(st, K_LABELS), labels_obj(st, in->lang)) < 0)
        goto error;
    return d;

error:
    Py_DECREF(d);
    return NULL;
}

/* describe's dict of `code` (SMTP, English) for parse, or None if the core
 * cannot describe it. */
static PyObject *
verdict_info(sc_state *st, int has, const sc_code *code)
{
    sc_info info;

    if (!has || st->smtp < 0 || sc_describe(st->smtp, code, 0, &info) != SC_OK)
        return new_none();
    return info_dict(st, &info);
}

/* The lines of `s` (`n` bytes), without their line ends. */
static PyObject *
lines_list(const char *s, size_t n)
{
    PyObject *list = PyList_New(0), *line;
    size_t i = 0;

    if (list == NULL)
        return NULL;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl != NULL ? (size_t)(nl - s) : n;
        size_t stop = end;

        if (stop > i && s[stop - 1] == '\r')
            stop--;
        line = PyUnicode_DecodeUTF8(s + i, (Py_ssize_t)(stop - i), "replace");
        if (line == NULL)
            goto error;
        if (PyList_Append(list, line) < 0) {
            Py_DECREF(line);
            goto error;
        }
        Py_DECREF(line);
        i = end + 1;
    }
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

/* parse's dict for verdict `v` on `input` (`len` bytes); `text` (`size`
 * bytes) is the buffer the core wrote the human text into. */
static PyObject *
verdict_dict(sc_state *st, const sc_verdict *v, const char *input, size_t len,
             const char *text, size_t size)
{
    PyObject *d = NULL, *permanent, *cls, *evidence;
    char why[SC_WHY_MAX];
    size_t why_len, start = v->start, end = v->end, text_len = v->text_len;

    /* Offsets and lengths come from the core; never read past our buffers. */
    if (end > len)
        end = len;
    if (start > end)
        start = end;
    if (v->text != text || text_len >= size)
        text_len = v->text != NULL ? strlen(v->text) : 0;
    why_len = sc_verdict_why(v, why, sizeof why);
    if (why_len >= sizeof why)
        why_len = sizeof why - 1;

    permanent = v->permanent == 1 ? Py_True
                : v->permanent == 0 ? Py_False
                                    : Py_None;
    cls = v->reply_class > 0 && v->reply_class < 10
              ? st->classes[v->reply_class]
              : Py_None;
    evidence = v->evidence >= 0 && v->evidence < N_EVIDENCE
                   ? KEY(st, evidence_keys[v->evidence])
                   : Py_None;
    Py_INCREF(permanent);
    Py_INCREF(cls);
    Py_INCREF(evidence);

    d = PyDict_Copy(st->verdict_tmpl);
    if (d == NULL)
        goto error;
    if (put(d, KEY(st, K_CODE),
            v->has_code ? code_obj(st, &v->code) : new_none()) < 0 ||
        put(d, KEY(st, K_ENHANCED),
            v->has_enhanced ? code_obj(st, &v->enhanced) : new_none()) < 0 ||
        put(d, KEY(st, K_TEXT), buf_str(v->text, text_len)) < 0 ||
        put(d, KEY(st, K_LINES), lines_list(input + start, end - start)) < 0 ||
        PyDict_SetItem(d, KEY(st, K_CLASS), cls) < 0 ||
        PyDict_SetItem(d, KEY(st, K_PERMANENT), permanent) < 0 ||
        put(d, KEY(st, K_RETRYABLE), PyBool_FromLong(v->retryable)) < 0 ||
        put(d, KEY(st, K_ACTION),
            static_str(st, sc_action_name(v->action))) < 0 ||
        put(d, KEY(st, K_REASON),
            static_str(st, sc_reason_name(v->reason))) < 0 ||
        put(d, KEY(st, K_WHY), buf_str(why, why_len)) < 0 ||
        PyDict_SetItem(d, KEY(st, K_EVIDENCE), evidence) < 0 ||
        put(d, KEY(st, K_PHRASE), static_str(st, v->phrase)) < 0 ||
        put(d, KEY(st, K_RETRY_HINT), PyBool_FromLong(v->retry_hint)) < 0 ||
        put(d, KEY(st, K_CLASS_CONFLICT),
            PyBool_FromLong(v->class_conflict)) < 0 ||
        put(d, KEY(st, K_KNOWN), PyBool_FromLong(v->known)) < 0 ||
        put(d, KEY(st, K_CODE_INFO),
            verdict_info(st, v->has_code, &v->code)) < 0 ||
        put(d, KEY(st, K_ENHANCED_INFO),
            verdict_info(st, v->has_enhanced, &v->enhanced)) < 0)
        goto error;
    Py_DECREF(permanent);
    Py_DECREF(cls);
    Py_DECREF(evidence);
    return d;

error:
    Py_XDECREF(d);
    Py_DECREF(permanent);
    Py_DECREF(cls);
    Py_DECREF(evidence);
    return NULL;
}

/* A dict of the `n` keys `keys` -> None. Filling a copy of it is cheaper
 * than growing a new dict key by key, and fixes the order of the keys. */
static PyObject *
make_template(sc_state *st, const int *keys, size_t n)
{
    PyObject *d = PyDict_New();
    size_t i;

    if (d == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (PyDict_SetItem(d, KEY(st, keys[i]), Py_None) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

/* ------------------------------------------------------------------------ */
/* describe, compare, codes                                                 */
/* ------------------------------------------------------------------------ */

PyDoc_STRVAR(describe_doc,
"describe($module, /, code, protocol='smtp', lang='en')\n"
"--\n"
"\n"
"Describe a status code: what it means, when you see it, how to fix it,\n"
"its class, retry advice, references and related codes.\n"
"\n"
"code is an int (535) or a str (\"535\", \"5.7.8\"). A well-formed code the\n"
"base does not list is described from its class, with known False.\n"
"Returns a new dict. Raises TypeError for a code that is neither int nor\n"
"str, ValueError for a malformed code or an unknown protocol or language.");

static PyObject *
sc_py_describe(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"code", "protocol", "lang", NULL};
    PyObject *code_arg, *protocol_arg = NULL, *lang_arg = NULL;
    sc_state *st = get_state(module);
    int protocol, lang, status;
    sc_code code;
    sc_info info;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "O|OO:describe", kwlist,
                                     &code_arg, &protocol_arg, &lang_arg) ||
        get_protocol(st, protocol_arg, &protocol) < 0 ||
        get_lang(lang_arg, &lang) < 0 ||
        get_code(code_arg, protocol, &code) < 0)
        return NULL;
    status = sc_describe(protocol, &code, lang, &info);
    if (status != SC_OK)
        return status_error(status);
    return info_dict(st, &info);
}

PyDoc_STRVAR(compare_doc,
"compare($module, /, a, b, protocol='smtp', lang='en')\n"
"--\n"
"\n"
"Compare two status codes: a title, a summary, both descriptions, the key\n"
"differences, when each applies, and references to learn more.\n"
"\n"
"Returns a new dict whose \"a\" and \"b\" are describe() dicts. Raises as\n"
"describe() does.");

static PyObject *
sc_py_compare(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"a", "b", "protocol", "lang", NULL};
    PyObject *a_arg, *b_arg, *protocol_arg = NULL, *lang_arg = NULL;
    PyObject *d = NULL;
    sc_state *st = get_state(module);
    int protocol, lang, status;
    sc_code a, b;
    sc_comparison cmp;
    char buf[SC_COMPARE_BUFSIZE];
    size_t ndiff, nwhen, nlearn;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "OO|OO:compare", kwlist,
                                     &a_arg, &b_arg, &protocol_arg,
                                     &lang_arg) ||
        get_protocol(st, protocol_arg, &protocol) < 0 ||
        get_lang(lang_arg, &lang) < 0 ||
        get_code(a_arg, protocol, &a) < 0 ||
        get_code(b_arg, protocol, &b) < 0)
        return NULL;
    status = sc_compare(protocol, &a, &b, lang, &cmp, buf, sizeof buf);
    if (status != SC_OK)
        return status_error(status);

    ndiff = cmp.ndifferences < SC_MAX_DIFFERENCES ? cmp.ndifferences
                                                  : SC_MAX_DIFFERENCES;
    nwhen = cmp.nwhen_to_use < 2 ? cmp.nwhen_to_use : 2;
    nlearn = cmp.nlearn_more < SC_MAX_LEARN_MORE ? cmp.nlearn_more
                                                 : SC_MAX_LEARN_MORE;
    d = PyDict_New();
    if (d == NULL)
        goto error;
    if (put(d, KEY(st, K_PROTOCOL),
            static_str(st, sc_protocol_name((size_t)protocol))) < 0 ||
        put(d, KEY(st, K_TITLE),
            buf_str(cmp.title, cmp.title ? strlen(cmp.title) : 0)) < 0 ||
        put(d, KEY(st, K_SUMMARY),
            buf_str(cmp.summary, cmp.summary ? strlen(cmp.summary) : 0)) < 0 ||
        put(d, KEY(st, K_SAME_CLASS), PyBool_FromLong(cmp.same_class)) < 0 ||
        put(d, KEY(st, K_A), info_dict(st, &cmp.a)) < 0 ||
        put(d, KEY(st, K_B), info_dict(st, &cmp.b)) < 0 ||
        put(d, KEY(st, K_DIFFERENCES), buf_list(cmp.differences, ndiff)) < 0 ||
        put(d, KEY(st, K_WHEN_TO_USE), buf_list(cmp.when_to_use, nwhen)) < 0 ||
        put(d, KEY(st, K_LEARN_MORE),
            static_list(st, cmp.learn_more, nlearn)) < 0 ||
        put(d, KEY(st, K_LANG),
            static_str(st, sc_lang_tag((size_t)lang))) < 0 ||
        put(d, KEY(st, K_LABELS), labels_obj(st, lang)) < 0)
        goto error;
    return d;

error:
    Py_XDECREF(d);
    return NULL;
}

PyDoc_STRVAR(codes_doc,
"codes($module, /, protocol='smtp')\n"
"--\n"
"\n"
"Return a new list of every code the base lists for a protocol: basic\n"
"codes as ints in numeric order, then enhanced codes as strs.");

static PyObject *
sc_py_codes(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"protocol", NULL};
    PyObject *protocol_arg = NULL, *list = NULL, *item;
    sc_state *st = get_state(module);
    int protocol, status;
    size_t i, n;
    sc_code code;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "|O:codes", kwlist,
                                     &protocol_arg) ||
        get_protocol(st, protocol_arg, &protocol) < 0)
        return NULL;
    n = sc_code_count(protocol);
    if (n > (size_t)PY_SSIZE_T_MAX) {
        PyErr_NoMemory();
        goto error;
    }
    list = PyList_New((Py_ssize_t)n);
    if (list == NULL)
        goto error;
    for (i = 0; i < n; i++) {
        status = sc_code_at(protocol, i, &code);
        if (status != SC_OK) {
            status_error(status);
            goto error;
        }
        item = code_obj(st, &code);
        if (item == NULL)
            goto error;
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;

error:
    Py_XDECREF(list);
    return NULL;
}

PyDoc_STRVAR(protocols_doc,
"protocols($module, /)\n"
"--\n"
"\n"
"Return a new list of the names of the protocols the base covers.");

static PyObject *
sc_py_protocols(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *list = NULL, *item;
    sc_state *st = get_state(module);
    size_t i, n = sc_protocol_count();

    if (st == NULL)
        return NULL;
    list = PyList_New(0);
    if (list == NULL)
        goto error;
    for (i = 0; i < n; i++) {
        const char *name = sc_protocol_name(i);

        if (name == NULL)
            continue;
        item = static_str(st, name);
        if (item == NULL)
            goto error;
        if (PyList_Append(list, item) < 0) {
            Py_DECREF(item);
            goto error;
        }
        Py_DECREF(item);
    }
    return list;

error:
    Py_XDECREF(list);
    return NULL;
}

PyDoc_STRVAR(languages_doc,
"languages($module, /)\n"
"--\n"
"\n"
"Return a new dict of the languages labels exist in: tag -> the\n"
"language's name for itself, English first.");

static PyObject *
sc_py_languages(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *d = NULL, *tag = NULL;
    sc_state *st = get_state(module);
    size_t i, n = sc_lang_count();

    if (st == NULL)
        return NULL;
    d = PyDict_New();
    if (d == NULL)
        goto error;
    for (i = 0; i < n; i++) {
        const char *t = sc_lang_tag(i);

        if (t == NULL)
            continue;
        tag = static_str(st, t);
        if (tag == NULL)
            goto error;
        if (put(d, tag, static_str(st, sc_lang_name(i))) < 0)
            goto error;
        Py_CLEAR(tag);
    }
    return d;

error:
    Py_XDECREF(tag);
    Py_XDECREF(d);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* parse                                                                    */
/* ------------------------------------------------------------------------ */

PyDoc_STRVAR(parse_doc,
"parse($module, /, reply)\n"
"--\n"
"\n"
"Parse one SMTP reply as a server or a log wrote it (one line, a multi-line\n"
"reply, a DSN Diagnostic-Code, a Postfix or Exim log line) into a verdict:\n"
"code, enhanced code, class, permanent or transient, the action to take\n"
"and the bounce reason, with the evidence that decided it.\n"
"\n"
"reply is a str or bytes (bytes are decoded leniently). Returns a new\n"
"dict. Raises ValueError for an empty reply, TypeError for another type.");

static PyObject *
sc_py_parse(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"reply", NULL};
    PyObject *arg, *result = NULL;
    sc_state *st = get_state(module);
    reply_bytes r = REPLY_BYTES_INIT;
    char *text = NULL;
    size_t size;
    sc_verdict v;
    int status;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "O:parse", kwlist, &arg))
        return NULL;
    if (reply_get(arg, "reply", -1, &r) < 0)
        goto error;
    size = SC_PARSE_BUFSIZE((size_t)r.len);
    text = PyMem_Malloc(size);
    if (text == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    status = sc_parse(r.data, (size_t)r.len, text, size, &v);
    if (status == SC_EEMPTY) {
        PyErr_SetString(PyExc_ValueError, "empty reply");
        goto error;
    }
    if (status != SC_OK) {
        status_error(status);
        goto error;
    }
    result = verdict_dict(st, &v, r.data, (size_t)r.len, text, size);

error:
    PyMem_Free(text);
    reply_release(&r);
    return result;
}

PyDoc_STRVAR(parse_many_doc,
"parse_many($module, /, replies)\n"
"--\n"
"\n"
"Parse every reply of an iterable of str or bytes, as parse() does, in\n"
"one call. Returns a new list of parse() dicts. Raises ValueError naming\n"
"the index of an empty reply, TypeError for an item of another type.");

static PyObject *
sc_py_parse_many(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"replies", NULL};
    PyObject *arg, *it = NULL, *item = NULL, *list = NULL, *d;
    sc_state *st = get_state(module);
    reply_bytes r = REPLY_BYTES_INIT;
    char *text = NULL, *grown;
    size_t size = 0, need;
    Py_ssize_t index = 0;
    sc_verdict v;
    int status;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "O:parse_many", kwlist,
                                     &arg))
        return NULL;
    if (PyUnicode_Check(arg) || PyBytes_Check(arg) || PyByteArray_Check(arg)) {
        PyErr_Format(PyExc_TypeError,
                     "parse_many() takes an iterable of replies, not one "
                     "%.200s; use parse() or parse_log()",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    if (Py_TYPE(arg)->tp_iter == NULL && !PySequence_Check(arg)) {
        PyErr_Format(PyExc_TypeError,
                     "replies must be an iterable of str or bytes, not %.200s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    it = PyObject_GetIter(arg);
    if (it == NULL)
        goto error;
    list = PyList_New(0);
    if (list == NULL)
        goto error;
    while ((item = PyIter_Next(it)) != NULL) {
        if (reply_get(item, "reply", index, &r) < 0)
            goto error;
        need = SC_PARSE_BUFSIZE((size_t)r.len);
        if (need > size) {
            size_t grow = size * 2 > need ? size * 2 : need;

            grown = PyMem_Realloc(text, grow < 256 ? 256 : grow);
            if (grown == NULL) {
                PyErr_NoMemory();
                goto error;
            }
            text = grown;
            size = grow < 256 ? 256 : grow;
        }
        status = sc_parse(r.data, (size_t)r.len, text, size, &v);
        if (status == SC_EEMPTY) {
            PyErr_Format(PyExc_ValueError, "empty reply at index %zd", index);
            goto error;
        }
        if (status != SC_OK) {
            status_error(status);
            goto error;
        }
        d = verdict_dict(st, &v, r.data, (size_t)r.len, text, size);
        if (d == NULL)
            goto error;
        if (PyList_Append(list, d) < 0) {
            Py_DECREF(d);
            goto error;
        }
        Py_DECREF(d);
        reply_release(&r);
        Py_CLEAR(item);
        index++;
    }
    if (PyErr_Occurred())
        goto error;
    Py_DECREF(it);
    PyMem_Free(text);
    return list;

error:
    reply_release(&r);
    Py_XDECREF(item);
    Py_XDECREF(it);
    Py_XDECREF(list);
    PyMem_Free(text);
    return NULL;
}

PyDoc_STRVAR(parse_log_doc,
"parse_log($module, /, text)\n"
"--\n"
"\n"
"Parse every reply of a log held in one str or bytes: one reply per line,\n"
"the lines of a multi-line reply kept together, blank lines skipped.\n"
"Returns a new list of parse() dicts (empty for an empty log).");

static PyObject *
sc_py_parse_log(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"text", NULL};
    PyObject *arg, *list = NULL, *d;
    sc_state *st = get_state(module);
    reply_bytes r = REPLY_BYTES_INIT;
    char *text = NULL;
    size_t size, pos = 0, before;
    sc_verdict v;
    int status;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "O:parse_log", kwlist,
                                     &arg))
        return NULL;
    if (reply_get(arg, "text", -1, &r) < 0)
        goto error;
    size = SC_PARSE_BUFSIZE((size_t)r.len);
    text = PyMem_Malloc(size);
    if (text == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    list = PyList_New(0);
    if (list == NULL)
        goto error;
    for (;;) {
        before = pos;
        status = sc_parse_next(r.data, (size_t)r.len, &pos, text, size, &v);
        if (status == SC_EEMPTY)
            break;
        if (status != SC_OK) {
            status_error(status);
            goto error;
        }
        if (pos <= before || pos > (size_t)r.len) {
            PyErr_SetString(PyExc_RuntimeError,
                            "statuscodes: the core did not advance in the log");
            goto error;
        }
        d = verdict_dict(st, &v, r.data, (size_t)r.len, text, size);
        if (d == NULL)
            goto error;
        if (PyList_Append(list, d) < 0) {
            Py_DECREF(d);
            goto error;
        }
        Py_DECREF(d);
    }
    PyMem_Free(text);
    reply_release(&r);
    return list;

error:
    Py_XDECREF(list);
    PyMem_Free(text);
    reply_release(&r);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Module                                                                   */
/* ------------------------------------------------------------------------ */

static PyMethodDef sc_methods[] = {
    {"describe", (PyCFunction)(void (*)(void))sc_py_describe,
     METH_VARARGS | METH_KEYWORDS, describe_doc},
    {"compare", (PyCFunction)(void (*)(void))sc_py_compare,
     METH_VARARGS | METH_KEYWORDS, compare_doc},
    {"parse", (PyCFunction)(void (*)(void))sc_py_parse,
     METH_VARARGS | METH_KEYWORDS, parse_doc},
    {"parse_many", (PyCFunction)(void (*)(void))sc_py_parse_many,
     METH_VARARGS | METH_KEYWORDS, parse_many_doc},
    {"parse_log", (PyCFunction)(void (*)(void))sc_py_parse_log,
     METH_VARARGS | METH_KEYWORDS, parse_log_doc},
    {"codes", (PyCFunction)(void (*)(void))sc_py_codes,
     METH_VARARGS | METH_KEYWORDS, codes_doc},
    {"protocols", sc_py_protocols, METH_NOARGS, protocols_doc},
    {"languages", sc_py_languages, METH_NOARGS, languages_doc},
    {NULL, NULL, 0, NULL}
};

static int
sc_exec(PyObject *module)
{
    sc_state *st = PyModule_GetState(module);
    const char *version = sc_version();
    size_t i;
    int k;

    if (st == NULL)
        return -1;
    for (k = 0; k < K_COUNT; k++) {
        st->keys[k] = PyUnicode_InternFromString(key_names[k]);
        if (st->keys[k] == NULL)
            return -1;
    }
    for (k = 1; k < 10; k++) {
        st->classes[k] = PyUnicode_FromFormat("%dxx", k);
        if (st->classes[k] == NULL)
            return -1;
    }
    st->classes[0] = Py_None;
    Py_INCREF(Py_None);
    st->info_tmpl = make_template(st, info_keys, N_KEYS(info_keys));
    if (st->info_tmpl == NULL)
        return -1;
    st->verdict_tmpl = make_template(st, verdict_keys, N_KEYS(verdict_keys));
    if (st->verdict_tmpl == NULL)
        return -1;
    st->smtp = sc_protocol_find("smtp", 4);
    st->nlabels = sc_lang_count();
    st->labels = PyMem_Calloc(st->nlabels ? st->nlabels : 1,
                              sizeof *st->labels);
    if (st->labels == NULL) {
        st->nlabels = 0;
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < st->nlabels; i++) {
        st->labels[i] = make_labels(st, (int)i);
        if (st->labels[i] == NULL)
            return -1;
    }
    return PyModule_AddStringConstant(module, "__version__",
                                      version != NULL ? version : "unknown");
}

static int
sc_traverse(PyObject *module, visitproc visit, void *arg)
{
    sc_state *st = PyModule_GetState(module);
    size_t i;
    int k;

    if (st == NULL)
        return 0;
    for (k = 0; k < K_COUNT; k++)
        Py_VISIT(st->keys[k]);
    for (k = 0; k < 10; k++)
        Py_VISIT(st->classes[k]);
    Py_VISIT(st->info_tmpl);
    Py_VISIT(st->verdict_tmpl);
    for (i = 0; st->labels != NULL && i < st->nlabels; i++)
        Py_VISIT(st->labels[i]);
    if (cache_traverse(&st->strs, visit, arg))
        return -1;
    return cache_traverse(&st->codes, visit, arg);
}

static int
sc_clear(PyObject *module)
{
    sc_state *st = PyModule_GetState(module);
    PyObject **labels;
    size_t i, n;
    int k;

    if (st == NULL)
        return 0;
    for (k = 0; k < K_COUNT; k++)
        Py_CLEAR(st->keys[k]);
    for (k = 0; k < 10; k++)
        Py_CLEAR(st->classes[k]);
    Py_CLEAR(st->info_tmpl);
    Py_CLEAR(st->verdict_tmpl);
    labels = st->labels;
    n = st->nlabels;
    st->labels = NULL;
    st->nlabels = 0;
    for (i = 0; labels != NULL && i < n; i++)
        Py_XDECREF(labels[i]);
    PyMem_Free(labels);
    cache_clear(&st->strs);
    cache_clear(&st->codes);
    return 0;
}

static void
sc_free(void *module)
{
    sc_clear((PyObject *)module);
}

/* A slot holds its function as a void *; ISO C has no such conversion, so
 * -pedantic needs telling that this one is intended. */
#if defined(__GNUC__)
#define SLOT_FUNC(f) (__extension__(void *)(f))
#else
#define SLOT_FUNC(f) ((void *)(f))
#endif

static PyModuleDef_Slot sc_slots[] = {
    {Py_mod_exec, SLOT_FUNC(sc_exec)},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL}
};

PyDoc_STRVAR(module_doc,
"A knowledge base of protocol status codes (the C core of statuscodes).\n"
"\n"
"Import the statuscodes package rather than this module.");

static struct PyModuleDef sc_module = {
    PyModuleDef_HEAD_INIT,
    "statuscodes._statuscodes",
    module_doc,
    sizeof(sc_state),
    sc_methods,
    sc_slots,
    sc_traverse,
    sc_clear,
    sc_free,
};

PyMODINIT_FUNC PyInit__statuscodes(void);

PyMODINIT_FUNC
PyInit__statuscodes(void)
{
    return PyModuleDef_Init(&sc_module);
}
