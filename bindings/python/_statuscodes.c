/*
 * _statuscodes.c — the CPython extension module statuscodes._statuscodes.
 *
 * A thin binding over <statuscodes.h>: it checks Python arguments, calls the
 * core, and turns what the core hands back into plain Python objects (dict,
 * list, str, int, bool, None). It holds no knowledge of codes.
 *
 * Every result is built fresh on each call, so callers may mutate it. To keep
 * that cheap, the module state caches what never changes: the interned keys
 * of the result dicts, one labels dict per language used (copied per
 * result), and
 * the Python str of every static string the core has handed out, keyed by its
 * address (the core's strings are static and read-only for the life of the
 * program, so an address always names the same text). Text the core writes
 * into our buffers (compare's sentences, parse's text) is never cached by
 * address.
 *
 * On top of that, whole results are cached as templates (see "Result
 * templates"): the describe() dict of a listed code per language, the
 * compare() dict of two listed codes, and the part of a parse() dict that
 * does not depend on the reply's text. A call copies its template
 * (PyDict_Copy) and gives the copy fresh nested lists and dicts: several
 * times cheaper than building the dict key by key, and what makes the
 * binding faster than a dict of dicts in pure Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "statuscodes.h"

/* ------------------------------------------------------------------------ */
/* Keys of the result dicts: expanded from the header's field lists         */
/* ------------------------------------------------------------------------ */

#define ENUM_IK(key, type, member) IK_##key,
#define ENUM_CK(key, type, member) CK_##key,
#define ENUM_VK(key, type, member) VK_##key,
#define ENUM_EK(key) EK_##key,
#define ENUM_TK(key, bit) TK_##key,
enum { SC_INFO_FIELDS(ENUM_IK) IK_COUNT };
enum { SC_COMPARE_FIELDS(ENUM_CK) CK_COUNT };
enum { SC_VERDICT_FIELDS(ENUM_VK) VK_COUNT };
enum { SC_EQUIVALENT_FIELDS(ENUM_EK) EK_COUNT };
enum { SC_TEXT_FIELDS(ENUM_TK) TK_COUNT };

#define NAME3(key, type, member) #key,
#define NAME1(key) #key,
#define NAME2(key, bit) #key,
static const char *const info_names[IK_COUNT] = {SC_INFO_FIELDS(NAME3)};
static const char *const compare_names[CK_COUNT] = {SC_COMPARE_FIELDS(NAME3)};
static const char *const verdict_names[VK_COUNT] = {SC_VERDICT_FIELDS(NAME3)};
static const char *const equiv_names[EK_COUNT] = {SC_EQUIVALENT_FIELDS(NAME1)};
static const char *const text_names[TK_COUNT] = {SC_TEXT_FIELDS(NAME2)};
#define TEXT_BIT(key, bit) bit,
static const unsigned text_bits[TK_COUNT] = {SC_TEXT_FIELDS(TEXT_BIT)};

#define N_KEYS(a) (sizeof(a) / sizeof(a)[0])

/* ------------------------------------------------------------------------ */
/* A small cache: 64-bit key -> Python object                               */
/* ------------------------------------------------------------------------ */

/* Open addressing with linear probing; key 0 marks an empty slot. Keys are
 * the address of a static string, a packed sc_code (never 0: the kind is in
 * the top bits), or a key of a result template. The cache holds one
 * reference to each value. It stops growing at `limit` entries (CACHE_MAX if
 * 0); past that, new objects are simply not cached. */
#define CACHE_MAX 65536

typedef struct {
    unsigned long long key;
    PyObject *value;
} cache_slot;

typedef struct {
    cache_slot *slots;
    size_t mask; /* capacity - 1; capacity is a power of two, 0 if unset */
    size_t used;
    size_t limit; /* most entries; 0: CACHE_MAX */
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

    if (c->used >= (c->limit ? c->limit : CACHE_MAX))
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
    PyObject *ik[IK_COUNT];  /* interned keys: describe */
    PyObject *ck[CK_COUNT];  /* compare */
    PyObject *vk[VK_COUNT];  /* parse */
    PyObject *ek[EK_COUNT];  /* an equivalent */
    PyObject *tk[TK_COUNT];  /* the texts "untranslated" names */
    PyObject *info_tmpl;     /* describe's keys -> None, copied per result */
    PyObject *verdict_tmpl;  /* parse's keys -> None, copied per result */
    PyObject **labels;       /* per language id: label key -> heading */
    size_t nlabels;
    cache strs;     /* static C string address -> str */
    cache codes;    /* packed sc_code -> int or str */
    cache infos;    /* info_key() -> describe() template (info_template) */
    cache verdicts; /* verdict_sig hash -> parse() template (verdict_result) */
    cache compares; /* compare_key() -> compare() template (sc_py_compare) */
    int smtp;       /* id of the default protocol ("smtp"), for parse */
} sc_state;

static sc_state *
get_state(PyObject *module)
{
    sc_state *st = PyModule_GetState(module);

    if (st == NULL)
        return NULL;
    if (st->ik[0] == NULL) {
        PyErr_SetString(PyExc_RuntimeError,
                        "statuscodes: module state is not initialised");
        return NULL;
    }
    return st;
}

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
    else if (code->kind == SC_CODE_ENHANCED && code->protocol >= 0 &&
             code->protocol < 64 && code->value >= 0 &&
             code->value < (1 << 20) && code->subject >= 0 &&
             code->subject < (1 << 18) && code->detail >= 0 &&
             code->detail < (1 << 18))
        /* The text of an enhanced code depends on its protocol's syntax
         * ("2.0.0", "EDE 2"): the protocol is part of the key. */
        key = (2ULL << 62) | ((unsigned long long)code->protocol << 56) |
              ((unsigned long long)code->value << 36) |
              ((unsigned long long)code->subject << 18) |
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
    /* Made on first use: importing the module builds nothing of the
     * knowledge base. */
    if (lang >= 0 && (size_t)lang < st->nlabels) {
        if (st->labels[lang] == NULL) {
            st->labels[lang] = make_labels(st, lang);
            if (st->labels[lang] == NULL)
                return NULL;
        }
        return PyDict_Copy(st->labels[lang]);
    }
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

/* Raise "unknown <what> <repr>; valid: ...", or "unknown <what> <repr>
 * (<why>); valid: ..." when `why` is not NULL. */
static void
unknown_name(const char *what, PyObject *arg, size_t count,
             const char *(*name)(size_t), const char *why)
{
    PyObject *valid = join_names(count, name), *shown = NULL;

    if (valid == NULL)
        goto error;
    shown = short_repr(arg);
    if (shown == NULL)
        goto error;
    if (why != NULL)
        PyErr_Format(PyExc_ValueError, "unknown %s %U (%s); valid: %U", what,
                     shown, why, valid);
    else
        PyErr_Format(PyExc_ValueError, "unknown %s %U; valid: %U", what,
                     shown, valid);

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
        unknown_name(what, arg, count(), name,
                     s != NULL && find == sc_lang_find
                         ? sc_lang_refusal(s, (size_t)n) : NULL);
    return id;
}

/* `*out` = the protocol id named by `arg` (NULL: the default, "smtp"). */
static int
get_protocol(sc_state *st, PyObject *arg, int *out)
{
    if (arg == NULL) {
        *out = st->smtp;
        return 0;
    }
    *out = find_name("protocol", "protocol", arg, sc_protocol_find,
                     sc_protocol_count, sc_protocol_name);
    return *out < 0 ? -1 : 0;
}

/* parse's protocol: the one named by `arg`, or -1 (read it from the text)
 * for NULL or None. */
static int
get_parse_protocol(sc_state *st, PyObject *arg, int *out)
{
    if (arg == NULL || arg == Py_None) {
        *out = -1;
        return 0;
    }
    return get_protocol(st, arg, out);
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

/* `*out` = 1 if parse's `details` argument `arg` is true (NULL: false). */
static int
get_details(PyObject *arg, int *out)
{
    *out = arg != NULL ? PyObject_IsTrue(arg) : 0;
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
    PyErr_Format(PyExc_ValueError, "%U is not a well-formed %s code: give %s",
                 shown, sc_protocol_name((size_t)protocol),
                 sc_protocol_help((size_t)protocol));
    Py_DECREF(shown);
    return -1;
}

/* The bytes of a reply: str (as UTF-8), bytes, or any contiguous buffer. */
typedef struct {
    const char *data;
    Py_ssize_t len;
    PyObject *owner; /* UTF-8 bytes made from a str, freed after the call */
    Py_buffer view;  /* view.obj != NULL while a buffer is held */
    int exact;       /* 1: the bytes are the exact UTF-8 of a str */
} reply_bytes;

#define REPLY_BYTES_INIT {NULL, 0, NULL, {0}, 0}

static void
reply_release(reply_bytes *r)
{
    Py_CLEAR(r->owner);
    if (r->view.obj != NULL)
        PyBuffer_Release(&r->view);
    r->view.obj = NULL;
    r->data = NULL;
    r->len = 0;
    r->exact = 0;
}

/* Fill `r` from `arg`, the argument called `what`; `index` >= 0 names the
 * item in error messages. */
static int
reply_get(PyObject *arg, const char *what, Py_ssize_t index, reply_bytes *r)
{
    if (PyUnicode_Check(arg)) {
        /* An ASCII str is its own UTF-8. Any other is encoded into bytes of
         * our own, freed after the call: PyUnicode_AsUTF8AndSize() would
         * keep a copy on the caller's str for as long as it lives. */
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(arg) < 0)
            return -1;
#endif
        if (PyUnicode_IS_ASCII(arg)) {
            r->data = PyUnicode_DATA(arg);
            r->len = PyUnicode_GET_LENGTH(arg);
            r->exact = 1;
            return 0;
        }
        r->owner = PyUnicode_AsUTF8String(arg);
        if (r->owner != NULL) {
            r->data = PyBytes_AS_STRING(r->owner);
            r->len = PyBytes_GET_SIZE(r->owner);
            r->exact = 1;
            return 0;
        }
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
/* Fast argument parsing                                                    */
/* ------------------------------------------------------------------------ */

/* These functions run in hot loops (a reply per call in an MTA, a line per
 * call in a bounce pipeline), where PyArg_ParseTupleAndKeywords would cost
 * as much as building the result: 250-300 ns, for the tuple and dict it
 * parses. So they are METH_FASTCALL | METH_KEYWORDS, and fast_args() reads
 * well-formed arguments in place: positional ones, then keywords with a
 * known name not already given, the required ones all present. Anything
 * else goes to PyArg_ParseTupleAndKeywords with the same format and keyword
 * list, so every error ("missing required argument", "invalid keyword
 * argument", "given by name and position", too many) reads as it always
 * did. */
typedef struct {
    const char *format; /* as PyArg_ParseTupleAndKeywords takes it: "O|OO:f" */
    char **kwlist; /* not const: PyArg_ParseTupleAndKeywords takes char ** */
    Py_ssize_t nrequired, nmax; /* nmax <= ARGS_MAX, all "O" */
} arg_spec;

#define ARGS_MAX 5

static int
slow_args(const arg_spec *spec, PyObject *const *args, Py_ssize_t nargs,
          PyObject *kwnames, PyObject **out)
{
    PyObject *tuple = NULL, *kwargs = NULL;
    Py_ssize_t i, nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    int ok = 0;

    for (i = 0; i < ARGS_MAX; i++)
        out[i] = NULL;
    tuple = PyTuple_New(nargs);
    if (tuple == NULL)
        goto done;
    for (i = 0; i < nargs; i++) {
        Py_INCREF(args[i]);
        PyTuple_SET_ITEM(tuple, i, args[i]);
    }
    if (nkw > 0) {
        kwargs = PyDict_New();
        if (kwargs == NULL)
            goto done;
        for (i = 0; i < nkw; i++) {
            if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, i),
                               args[nargs + i]) < 0)
                goto done;
        }
    }
    /* The objects stay alive after the tuple goes: the caller holds them. */
    ok = PyArg_ParseTupleAndKeywords(tuple, kwargs, spec->format,
                                     spec->kwlist, &out[0], &out[1],
                                     &out[2], &out[3], &out[4]);

done:
    Py_XDECREF(tuple);
    Py_XDECREF(kwargs);
    return ok ? 0 : -1;
}

/* out[0 .. ARGS_MAX-1] = the arguments in kwlist order, NULL when absent.
 * Returns 0, or -1 with the exception PyArg_ParseTupleAndKeywords raises. */
static int
fast_args(const arg_spec *spec, PyObject *const *args, Py_ssize_t nargs,
          PyObject *kwnames, PyObject **out)
{
    Py_ssize_t i, k, nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;

    if (nargs > spec->nmax)
        return slow_args(spec, args, nargs, kwnames, out);
    for (i = 0; i < ARGS_MAX; i++)
        out[i] = i < nargs ? args[i] : NULL;
    for (k = 0; k < nkw; k++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, k);

        for (i = nargs; i < spec->nmax; i++) {
            if (out[i] == NULL && PyUnicode_Check(name) &&
                PyUnicode_CompareWithASCIIString(name, spec->kwlist[i]) == 0)
                break;
        }
        if (i == spec->nmax)
            return slow_args(spec, args, nargs, kwnames, out);
        out[i] = args[nargs + k];
    }
    for (i = 0; i < spec->nrequired; i++) {
        if (out[i] == NULL)
            return slow_args(spec, args, nargs, kwnames, out);
    }
    return 0;
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
    for (i = 0; i < TK_COUNT; i++) {
        if ((bits & text_bits[i]) && PyList_Append(list, st->tk[i]) < 0)
            goto error;
    }
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

static PyObject *
protocol_obj(sc_state *st, int protocol)
{
    return static_str(st, sc_protocol_name((size_t)protocol));
}

/* The equivalents of `in`: a list of dicts with SC_EQUIVALENT_FIELDS. */
static PyObject *
equivalents_list(sc_state *st, const sc_info *in)
{
    size_t i, n = in->count[SC_LIST_EQUIVALENTS];
    PyObject *list = PyList_New((Py_ssize_t)n), *d;
    sc_equivalent q;

    if (list == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (sc_info_equivalent(in, i, &q) != SC_OK) {
            status_error(SC_EINVAL);
            goto error;
        }
        d = PyDict_New();
        if (d == NULL)
            goto error;
        PyList_SET_ITEM(list, (Py_ssize_t)i, d);
        if (put(d, st->ek[EK_protocol], protocol_obj(st, q.code.protocol)) < 0 ||
            put(d, st->ek[EK_code], code_obj(st, &q.code)) < 0 ||
            put(d, st->ek[EK_name], static_str(st, q.name)) < 0 ||
            put(d, st->ek[EK_closeness], static_str(st, q.closeness)) < 0 ||
            put(d, st->ek[EK_note], static_str(st, q.note)) < 0)
            goto error;
    }
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

/* List `list` of `in`: strings, codes or equivalents. */
static PyObject *
info_list(sc_state *st, const sc_info *in, int list)
{
    size_t i, n = in->count[list];
    PyObject *out, *item;

    if (list == SC_LIST_EQUIVALENTS)
        return equivalents_list(st, in);
    out = PyList_New((Py_ssize_t)n);
    if (out == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (list == SC_LIST_RELATED || list == SC_LIST_BASIC) {
            sc_code c;

            item = sc_info_code(in, list, i, &c) == SC_OK
                       ? code_obj(st, &c)
                       : status_error(SC_EINVAL);
        }
        else {
            item = static_str(st, sc_info_string(in, list, i));
        }
        if (item == NULL)
            goto error;
        PyList_SET_ITEM(out, (Py_ssize_t)i, item);
    }
    return out;

error:
    Py_DECREF(out);
    return NULL;
}

/* One builder per field type of SC_INFO_FIELDS; GET_<type> reads the
 * member as the builder takes it. */
#define GET_PROTOCOL(in, m) ((in)->m)
#define GET_CODE(in, m) (&(in)->m)
#define GET_STR(in, m) ((in)->m)
#define GET_BOOL(in, m) ((in)->m)
#define GET_LIST(in, m) (m)
#define GET_LANG(in, m) ((in)->m)
#define GET_UNTRANSLATED(in, m) ((in)->m)
#define GET_LABELS(in, m) ((in)->m)
#define MAKE_PROTOCOL(st, in, v) protocol_obj((st), (v))
#define MAKE_CODE(st, in, v) code_obj((st), (v))
#define MAKE_STR(st, in, v) static_str((st), (v))
#define MAKE_BOOL(st, in, v) PyBool_FromLong(v)
#define MAKE_LIST(st, in, v) info_list((st), (in), (v))
#define MAKE_LANG(st, in, v) static_str((st), sc_lang_tag((size_t)(v)))
#define MAKE_UNTRANSLATED(st, in, v) untranslated_list((st), (v))
#define MAKE_LABELS(st, in, v) labels_obj((st), (v))

/* describe's dict for `in`, built key by key. */
static PyObject *
info_dict(sc_state *st, const sc_info *in)
{
    PyObject *d = PyDict_Copy(st->info_tmpl);

    if (d == NULL)
        return NULL;
#define PUT_INFO(key, type, member)                                         \
    if (put(d, st->ik[IK_##key],                                            \
            MAKE_##type(st, in, GET_##type(in, member))) < 0)               \
        goto error;
    SC_INFO_FIELDS(PUT_INFO)
#undef PUT_INFO
    return d;

error:
    Py_DECREF(d);
    return NULL;
}

static PyObject *info_result(sc_state *st, const sc_info *in);

/* describe's dict of `code` in language `lang` for parse, or None if the
 * core cannot describe it. */
static PyObject *
verdict_info(sc_state *st, int has, const sc_code *code, int lang)
{
    sc_info info;

    if (!has || sc_describe(code, lang, &info) != SC_OK)
        return new_none();
    return info_result(st, &info);
}

/* The lines of `s` (`n` bytes), without their line ends. */
static PyObject *
lines_list(const char *s, size_t n)
{
    PyObject *list = PyList_New(0), *line;
    size_t pos = 0, start, len;

    if (list == NULL)
        return NULL;
    while (sc_next_line(s, n, &pos, &start, &len)) {
        line = PyUnicode_DecodeUTF8(s + start, (Py_ssize_t)len, "replace");
        if (line == NULL)
            goto error;
        if (PyList_Append(list, line) < 0) {
            Py_DECREF(line);
            goto error;
        }
        Py_DECREF(line);
    }
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

/* parse()'s "text" of verdict `v`; `text` (`size` bytes) is the buffer the
 * core wrote it into. */
static PyObject *
verdict_text(const sc_verdict *v, const char *text, size_t size)
{
    size_t text_len = v->text_len;

    /* Lengths come from the core; never read past our buffer. */
    if (v->text != text || text_len >= size)
        text_len = v->text != NULL ? strlen(v->text) : 0;
    return buf_str(v->text, text_len);
}

/* parse()'s "lines" of verdict `v` on `input` (`len` bytes). `src` is the
 * exact str the input is the UTF-8 of, or NULL: a reply of one line that is
 * the whole input is then that same str, not a new one. */
static PyObject *
verdict_lines(const sc_verdict *v, const char *input, size_t len,
              PyObject *src)
{
    size_t start = v->start, end = v->end;
    PyObject *list;

    /* Offsets come from the core; never read past the input. */
    if (end > len)
        end = len;
    if (start > end)
        start = end;
    if (src != NULL && start == 0 && end == len && len > 0 &&
        input[len - 1] != '\r' && memchr(input, '\n', len) == NULL) {
        list = PyList_New(1);
        if (list == NULL)
            return NULL;
        Py_INCREF(src);
        PyList_SET_ITEM(list, 0, src);
        return list;
    }
    return lines_list(input + start, end - start);
}

/* What a parse() dict is made from, besides the verdict. */
typedef struct {
    const char *input; /* the reply, `len` bytes */
    size_t len;
    const char *text;  /* the buffer the core wrote the text into */
    size_t size;
    PyObject *src;     /* as for verdict_lines() */
    int lang;          /* language of code_info and enhanced_info */
    int details;       /* 1: code_info and enhanced_info are filled in */
} verdict_ctx;

/* A verdict_ctx with the options lang= and details= read from `lang` and
 * `details` (NULL: the defaults), and no reply yet. -1 with an exception
 * set for a bad option. */
static int
verdict_ctx_init(verdict_ctx *c, PyObject *lang, PyObject *details)
{
    memset(c, 0, sizeof *c);
    return get_lang(lang, &c->lang) < 0 || get_details(details, &c->details) < 0
               ? -1 : 0;
}

/* The reply of the next verdict: its input, the buffer the core wrote its
 * text into, and the object the input came from (see verdict_lines()). */
static void
verdict_ctx_reply(verdict_ctx *c, const char *input, size_t len,
                  const char *text, size_t size, PyObject *src)
{
    c->input = input;
    c->len = len;
    c->text = text;
    c->size = size;
    c->src = src;
}

static PyObject *
verdict_why(const sc_verdict *v, int lang)
{
    char why[SC_WHY_MAX];
    size_t n = sc_verdict_why_in(v, lang, why, sizeof why);

    return buf_str(why, n < sizeof why ? n : sizeof why - 1);
}

static PyObject *
tristate(int v)
{
    PyObject *o = v == 1 ? Py_True : v == 0 ? Py_False : Py_None;

    Py_INCREF(o);
    return o;
}

/* One builder per field type of SC_VERDICT_FIELDS. */
#define VMAKE_OPTCODE(st, v, c, m)                                          \
    ((v)->has_##m ? code_obj((st), &(v)->m) : new_none())
#define VMAKE_VTEXT(st, v, c, m) verdict_text((v), (c)->text, (c)->size)
#define VMAKE_LINES(st, v, c, m)                                            \
    verdict_lines((v), (c)->input, (c)->len, (c)->src)
#define VMAKE_STR(st, v, c, m) static_str((st), (v)->m)
#define VMAKE_TRISTATE(st, v, c, m) tristate((v)->m)
#define VMAKE_BOOL(st, v, c, m) PyBool_FromLong((v)->m)
#define VMAKE_ACTION(st, v, c, m) static_str((st), sc_action_name((v)->m))
#define VMAKE_REASON(st, v, c, m) static_str((st), sc_reason_name((v)->m))
#define VMAKE_WHY(st, v, c, m) verdict_why(v, (c)->lang)
#define VMAKE_EVIDENCE(st, v, c, m) static_str((st), sc_evidence_name((v)->m))
#define VMAKE_PROTOCOL(st, v, c, m)                                         \
    static_str((st), sc_protocol_name((size_t)(v)->m))
#define VMAKE_OPTSECONDS(st, v, c, m)                                       \
    ((v)->m >= 0 ? PyLong_FromLong((v)->m) : new_none())
#define VMAKE_SPAN(st, v, c, m)                                             \
    ((v)->m##_len > 0 && (v)->m <= (c)->len &&                              \
             (v)->m##_len <= (c)->len - (v)->m                              \
         ? buf_str((c)->input + (v)->m, (v)->m##_len)                       \
         : new_none())
#define VMAKE_OPTINFO(st, v, c, m)                                          \
    verdict_info((st), (c)->details && (v)->has_##m, &(v)->m, (c)->lang)

/* parse's dict for verdict `v`, built key by key. */
static PyObject *
verdict_dict(sc_state *st, const sc_verdict *v, const verdict_ctx *c)
{
    PyObject *d = PyDict_Copy(st->verdict_tmpl);

    if (d == NULL)
        return NULL;
#define PUT_VERDICT(key, type, member)                                      \
    if (put(d, st->vk[VK_##key], VMAKE_##type(st, v, c, member)) < 0)       \
        goto error;
    SC_VERDICT_FIELDS(PUT_VERDICT)
#undef PUT_VERDICT
    return d;

error:
    Py_DECREF(d);
    return NULL;
}

/* A dict of the `n` keys `keys` -> None. Filling a copy of it is cheaper
 * than growing a new dict key by key, and fixes the order of the keys. */
static PyObject *
make_template(PyObject *const *keys, size_t n)
{
    PyObject *d = PyDict_New();
    size_t i;

    if (d == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (PyDict_SetItem(d, keys[i], Py_None) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

/* make_template(), as a dict whose keys table is shared: what CPython
 * makes for the __dict__ of an instance. A copy of it (PyDict_Copy) then
 * shares the keys and holds only its values: about 330 bytes for a verdict
 * instead of 850, which matters to a caller who keeps many. Where the
 * interpreter makes no such dict, make_template()'s. */
static PyObject *
make_shared_template(PyObject *const *keys, size_t n)
{
    PyObject *cls, *obj = NULL, *d = NULL;
    size_t i;

    cls = PyObject_CallFunction((PyObject *)&PyType_Type, "s()N",
                                "_statuscodes_verdict", PyDict_New());
    if (cls == NULL)
        goto fallback;
    obj = PyObject_CallNoArgs(cls);
    for (i = 0; obj != NULL && i < n; i++) {
        if (PyObject_SetAttr(obj, keys[i], Py_None) < 0)
            goto fallback;
    }
    if (obj == NULL)
        goto fallback;
    d = PyObject_GenericGetDict(obj, NULL);
    if (d == NULL || !PyDict_CheckExact(d) ||
        ((PyDictObject *)d)->ma_values == NULL || /* not a shared-keys dict */
        PyDict_GET_SIZE(d) != (Py_ssize_t)n)
        goto fallback;
    Py_DECREF(obj);
    Py_DECREF(cls);
    return d;

fallback:
    PyErr_Clear();
    Py_XDECREF(d);
    Py_XDECREF(obj);
    Py_XDECREF(cls);
    return make_template(keys, n);
}

/* ------------------------------------------------------------------------ */
/* Result templates                                                         */
/* ------------------------------------------------------------------------ */

/* A template is a tuple: (dict, the dict's nested lists and dicts...). The
 * dict is never handed out; a result is PyDict_Copy(dict) with fresh copies
 * of the nested containers put in, so a caller may change anything in it.
 * Templates are made only from what the core says about listed codes, which
 * the knowledge base bounds (a few hundred codes times the languages), and
 * each cache also stops at a fixed size. */

/* The keys of describe()'s nested containers (lists and dicts), in
 * template order: the fields of SC_INFO_FIELDS whose type makes one. */
#define NEST_PROTOCOL(k)
#define NEST_CODE(k)
#define NEST_STR(k)
#define NEST_BOOL(k)
#define NEST_LIST(k) k,
#define NEST_LANG(k)
#define NEST_UNTRANSLATED(k) k,
#define NEST_LABELS(k) k,
#define INFO_NESTED(key, type, member) NEST_##type(IK_##key)
static const int info_nested[] = {SC_INFO_FIELDS(INFO_NESTED)};
#define N_INFO_NESTED ((Py_ssize_t)N_KEYS(info_nested))
#define INFOS_MAX 8192
#define VERDICTS_MAX 4096
#define COMPARES_MAX 1024

/* The cache key of describe(code, lang), or 0 when the values do not fit
 * (never for a code sc_describe accepted). */
static unsigned long long
info_key(int lang, const sc_code *c)
{
    int protocol = c->protocol;

    if (protocol < 0 || protocol > 255 || lang < 0 || lang > 255 ||
        c->kind < 1 || c->kind > 2 || c->value < 0 || c->value > 0xFFFFF ||
        c->subject < 0 || c->subject > 1023 || c->detail < 0 ||
        c->detail > 1023)
        return 0;
    return ((unsigned long long)c->kind << 62) |
           ((unsigned long long)protocol << 54) |
           ((unsigned long long)lang << 46) |
           ((unsigned long long)c->value << 20) |
           ((unsigned long long)c->subject << 10) |
           (unsigned long long)c->detail;
}

/* A template of dict `d` (which it keeps: `d` must be handed out no more)
 * whose nested containers are under `nested[0 .. n-1]`. */
static PyObject *
make_result_template(PyObject *const *keys, PyObject *d, const int *nested,
                     Py_ssize_t n)
{
    PyObject *t = PyTuple_New(n + 1), *item;
    Py_ssize_t i;

    if (t == NULL)
        return NULL;
    Py_INCREF(d);
    PyTuple_SET_ITEM(t, 0, d);
    for (i = 0; i < n; i++) {
        item = PyDict_GetItemWithError(d, keys[nested[i]]);
        if (item == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_RuntimeError,
                                "statuscodes: a result template lacks a key");
            Py_DECREF(t);
            return NULL;
        }
        Py_INCREF(item);
        PyTuple_SET_ITEM(t, i + 1, item);
    }
    return t;
}

/* A fresh copy of a list, a dict, or an info template (a nested describe()
 * dict of compare()); anything else (None) as it is. */
static PyObject *
fresh_copy(sc_state *st, PyObject *o);

/* A fresh result from template `t` with nested containers under
 * `keys[nested[0 .. n-1]]`. */
static PyObject *
result_from_template(sc_state *st, PyObject *const *keys, PyObject *t,
                     const int *nested, Py_ssize_t n)
{
    PyObject *d = PyDict_Copy(PyTuple_GET_ITEM(t, 0));
    Py_ssize_t i;

    if (d == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (put(d, keys[nested[i]],
                fresh_copy(st, PyTuple_GET_ITEM(t, i + 1))) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static PyObject *
fresh_copy(sc_state *st, PyObject *o)
{
    if (PyList_CheckExact(o)) {
        PyObject *list = PyList_GetSlice(o, 0, PyList_GET_SIZE(o)), *item;
        Py_ssize_t i;

        /* A list of dicts (equivalents): the dicts are fresh too. */
        for (i = 0; list != NULL && i < PyList_GET_SIZE(list); i++) {
            if (!PyDict_CheckExact(PyList_GET_ITEM(list, i)))
                continue;
            item = PyDict_Copy(PyList_GET_ITEM(list, i));
            if (item == NULL) {
                Py_CLEAR(list);
                break;
            }
            Py_SETREF(PyList_GET_ITEM(list, i), item);
        }
        return list;
    }
    if (PyDict_CheckExact(o))
        return PyDict_Copy(o);
    if (PyTuple_CheckExact(o))
        return result_from_template(st, st->ik, o, info_nested,
                                    N_INFO_NESTED);
    Py_INCREF(o);
    return o;
}

/* The describe() template of `in` (borrowed), from the cache or made and
 * cached now; NULL with an exception on failure. `in` must be of a listed
 * code, `key` its info_key(). */
static PyObject *
info_template(sc_state *st, const sc_info *in, unsigned long long key)
{
    PyObject *t = cache_get(&st->infos, key), *d;

    if (t != NULL)
        return t;
    d = info_dict(st, in);
    if (d == NULL)
        return NULL;
    t = make_result_template(st->ik, d, info_nested, N_INFO_NESTED);
    Py_DECREF(d);
    if (t == NULL)
        return NULL;
    cache_put(&st->infos, key, t);
    if (cache_get(&st->infos, key) != t) { /* the cache is full */
        Py_DECREF(t);
        return NULL;
    }
    Py_DECREF(t); /* the cache holds it */
    return t;
}

/* describe()'s dict for `in`: from its template when the code is listed. */
static PyObject *
info_result(sc_state *st, const sc_info *in)
{
    unsigned long long key =
        in->known ? info_key(in->lang, &in->code) : 0;
    PyObject *t;

    if (key != 0) {
        t = info_template(st, in, key);
        if (t != NULL)
            return result_from_template(st, st->ik, t, info_nested,
                                        N_INFO_NESTED);
        if (PyErr_Occurred())
            return NULL;
    }
    return info_dict(st, in);
}

/* Everything of a verdict that parse()'s dict shows, but the text and the
 * lines: two verdicts with the same signature give the same dict but for
 * those (why is computed from these fields alone). */
typedef struct {
    sc_code code, enhanced, ede; /* all zero when absent */
    int has_code, has_enhanced;
    int reply_class, permanent, retryable, action, evidence, retry_hint;
    int class_conflict, known, lang;
    int protocol, has_ede, assumed, no_reply;
    long retry_after;
    size_t reason;
    const char *phrase, *mnemonic;
} verdict_sig;

static void
make_verdict_sig(const sc_verdict *v, int lang, verdict_sig *g)
{
    memset(g, 0, sizeof *g); /* padding too: signatures are compared whole */
    g->lang = lang;
    /* The whole codes: their text depends on kind and protocol too. */
    g->has_code = v->has_code;
    if (v->has_code)
        g->code = v->code;
    g->has_enhanced = v->has_enhanced;
    if (v->has_enhanced)
        g->enhanced = v->enhanced;
    g->reply_class = v->reply_class;
    g->permanent = v->permanent;
    g->retryable = v->retryable;
    g->action = v->action;
    g->evidence = v->evidence;
    g->retry_hint = v->retry_hint;
    g->class_conflict = v->class_conflict;
    g->known = v->known;
    g->reason = v->reason;
    g->phrase = v->phrase;
    g->protocol = v->protocol;
    g->has_ede = v->has_ede;
    if (v->has_ede)
        g->ede = v->ede;
    g->assumed = v->assumed;
    g->no_reply = v->no_reply;
    g->retry_after = v->retry_after;
    g->mnemonic = v->mnemonic;
}

static unsigned long long
verdict_sig_hash(const verdict_sig *g)
{
    unsigned long long h = 0, w;
    const char *p = (const char *)g;
    size_t i;

    /* Word by word (bytes past the last whole word, if any, are left to
     * the memcmp that checks a hit). */
    for (i = 0; i + sizeof w <= sizeof *g; i += sizeof w) {
        memcpy(&w, p + i, sizeof w);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    }
    return h | 1; /* never 0, the empty slot */
}

/* The parse() template of verdict `v`, whose signature is `g`: a tuple
 * (dict with None for text, lines, code_info and enhanced_info; the
 * signature as bytes; the describe() templates of the code and the enhanced
 * code, or None). NULL, with no exception, when a describe() template cannot
 * be cached. */
static PyObject *
make_verdict_template(sc_state *st, const sc_verdict *v, const verdict_sig *g,
                      const verdict_ctx *c)
{
    static const int dropped[] = {VK_text, VK_lines, VK_code_info,
                                  VK_enhanced_info};
    PyObject *d, *t = NULL, *info[2] = {Py_None, Py_None};
    const sc_code *codes[2];
    int has[2], i;

    codes[0] = &v->code;
    codes[1] = &v->enhanced;
    has[0] = v->has_code;
    has[1] = v->has_enhanced;
    for (i = 0; i < 2; i++) {
        sc_info in;

        if (!has[i])
            continue;
        if (sc_describe(codes[i], c->lang, &in) != SC_OK || !in.known)
            return NULL;
        info[i] = info_template(st, &in, info_key(c->lang, codes[i]));
        if (info[i] == NULL)
            return NULL;
    }
    d = verdict_dict(st, v, c);
    if (d == NULL)
        return NULL;
    for (i = 0; i < (int)N_KEYS(dropped); i++) {
        if (PyDict_SetItem(d, st->vk[dropped[i]], Py_None) < 0)
            goto done;
    }
    t = Py_BuildValue("(Oy#OO)", d, (const char *)g, (Py_ssize_t)sizeof *g,
                      info[0], info[1]);

done:
    Py_DECREF(d);
    return t;
}

/* parse()'s dict for verdict `v` (arguments as for verdict_dict()). A reply
 * like one seen before (the same signature: codes, reason, phrase, ...)
 * gets a copy of that reply's template with its own text, lines and fresh
 * describe() dicts. */
static PyObject *
verdict_result(sc_state *st, const sc_verdict *v, const verdict_ctx *c)
{
    verdict_sig g;
    unsigned long long h;
    PyObject *t, *d;

    /* Only verdicts on listed codes: their describe() dicts are templates
     * too, and their number is bounded. */
    if (!(v->known || (!v->has_code && !v->has_enhanced)) ||
        v->retry_at_len > 0) /* retry_at is the input's own */
        return verdict_dict(st, v, c);
    make_verdict_sig(v, c->lang, &g);
    h = verdict_sig_hash(&g);
    t = cache_get(&st->verdicts, h);
    if (t == NULL) {
        t = make_verdict_template(st, v, &g, c);
        if (t == NULL)
            return PyErr_Occurred() ? NULL : verdict_dict(st, v, c);
        cache_put(&st->verdicts, h, t); /* unless the cache is full */
    }
    else if (memcmp(PyBytes_AS_STRING(PyTuple_GET_ITEM(t, 1)), &g,
                    sizeof g) != 0) {
        /* Another signature with the same hash. */
        return verdict_dict(st, v, c);
    }
    else {
        Py_INCREF(t);
    }
    d = PyDict_Copy(PyTuple_GET_ITEM(t, 0));
    if (d == NULL)
        goto error;
    if (put(d, st->vk[VK_text], verdict_text(v, c->text, c->size)) < 0 ||
        put(d, st->vk[VK_lines],
            verdict_lines(v, c->input, c->len, c->src)) < 0)
        goto error;
    if (c->details &&
        (put(d, st->vk[VK_code_info],
             fresh_copy(st, PyTuple_GET_ITEM(t, 2))) < 0 ||
         put(d, st->vk[VK_enhanced_info],
             fresh_copy(st, PyTuple_GET_ITEM(t, 3))) < 0))
        goto error;
    Py_DECREF(t);
    return d;

error:
    Py_XDECREF(d);
    Py_DECREF(t);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* describe, compare, codes                                                 */
/* ------------------------------------------------------------------------ */

PyDoc_STRVAR(describe_doc,
"describe($module, /, code, protocol='smtp', lang='en')\n"
"--\n"
"\n"
"Describe a status code: what it means, when you see it, how to fix it,\n"
"its class, retry advice, references, related codes and equivalents in\n"
"other protocols.\n"
"\n"
"code is an int (535), a str (\"535\", \"5.7.8\", a name such as\n"
"\"NOT_FOUND\"), or an http.HTTPStatus member (then the protocol is http\n"
"unless given). A well-formed code the base does not list is described\n"
"from its class, with known False. Returns a new dict. Raises TypeError\n"
"for a code that is neither int nor str, ValueError for a malformed code\n"
"or an unknown protocol or language.");

static char *describe_kwlist[] = {"code", "protocol", "lang", NULL};
static const arg_spec describe_args = {"O|OO:describe", describe_kwlist, 1, 3};

/* An http.HTTPStatus member: an int whose type is called HTTPStatus. */
static int
is_http_status(PyObject *arg)
{
    return PyLong_Check(arg) && !PyLong_CheckExact(arg) &&
           strcmp(Py_TYPE(arg)->tp_name, "HTTPStatus") == 0;
}

/* `*out` = the protocol named by `arg`, or the default for `code`: http for
 * an http.HTTPStatus member, else sc_protocol_default(). */
static int
get_protocol_for(sc_state *st, PyObject *arg, PyObject *code, int *out)
{
    if (arg == NULL && code != NULL && is_http_status(code)) {
        *out = sc_protocol_find("http", 4);
        if (*out >= 0)
            return 0;
    }
    return get_protocol(st, arg, out);
}

static PyObject *
describe_code(sc_state *st, const sc_code *code, int lang)
{
    unsigned long long key = info_key(lang, code);
    sc_info info;
    PyObject *t;
    int status;

    /* Only listed codes have templates, so a hit needs no sc_describe(). */
    if (key != 0 && (t = cache_get(&st->infos, key)) != NULL)
        return result_from_template(st, st->ik, t, info_nested,
                                    N_INFO_NESTED);
    status = sc_describe(code, lang, &info);
    if (status != SC_OK)
        return status_error(status);
    return info_result(st, &info);
}

static PyObject *
sc_py_describe(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
               PyObject *kwnames)
{
    PyObject *arg[ARGS_MAX];
    sc_state *st = get_state(module);
    int protocol, lang;
    sc_code code;

    if (st == NULL || fast_args(&describe_args, args, nargs, kwnames, arg) < 0 ||
        get_protocol_for(st, arg[1], arg[0], &protocol) < 0 ||
        get_lang(arg[2], &lang) < 0 ||
        get_code(arg[0], protocol, &code) < 0)
        return NULL;
    return describe_code(st, &code, lang);
}

PyDoc_STRVAR(compare_doc,
"compare($module, /, a, b, protocol='smtp', lang='en', protocol_b=None)\n"
"--\n"
"\n"
"Compare two status codes: a title, a summary of what each means, both\n"
"descriptions, the key differences, when each applies, and references to\n"
"learn more. b is read in protocol_b when given (SMTP 421 against HTTP\n"
"503), else in protocol.\n"
"\n"
"Returns a new dict whose \"a\" and \"b\" are describe() dicts. Raises as\n"
"describe() does.");

/* One builder per field type of SC_COMPARE_FIELDS. */
#define CMAKE_PROTOCOL(st, c, m) protocol_obj((st), (c)->m)
#define CMAKE_TEXT(st, c, m) buf_str((c)->m, (c)->m ? strlen((c)->m) : 0)
#define CMAKE_BOOL(st, c, m) PyBool_FromLong((c)->m)
#define CMAKE_INFO(st, c, m) info_result((st), &(c)->m)
#define CMAKE_TEXTS(st, c, m)                                               \
    buf_list((c)->m, (c)->n##m < N_KEYS((c)->m) ? (c)->n##m : N_KEYS((c)->m))
#define CMAKE_STRS(st, c, m)                                                \
    static_list((st), (c)->m,                                               \
                (c)->n##m < N_KEYS((c)->m) ? (c)->n##m : N_KEYS((c)->m))
#define CMAKE_LANG(st, c, m) static_str((st), sc_lang_tag((size_t)(c)->m))
#define CMAKE_UNTRANSLATED(st, c, m) untranslated_list((st), (c)->m)
#define CMAKE_LABELS(st, c, m) labels_obj((st), (c)->m)

/* compare()'s dict for `cmp`, built key by key. */
static PyObject *
compare_dict(sc_state *st, const sc_comparison *cmp)
{
    PyObject *d = PyDict_New();

    if (d == NULL)
        return NULL;
#define PUT_COMPARE(key, type, member)                                      \
    if (put(d, st->ck[CK_##key], CMAKE_##type(st, cmp, member)) < 0)        \
        goto error;
    SC_COMPARE_FIELDS(PUT_COMPARE)
#undef PUT_COMPARE
    return d;

error:
    Py_DECREF(d);
    return NULL;
}

/* compare()'s nested containers, in template order; "a" and "b" are
 * describe() templates in the compare template. */
#define CNEST_PROTOCOL(k)
#define CNEST_TEXT(k)
#define CNEST_BOOL(k)
#define CNEST_INFO(k) k,
#define CNEST_TEXTS(k) k,
#define CNEST_STRS(k) k,
#define CNEST_LANG(k)
#define CNEST_UNTRANSLATED(k) k,
#define CNEST_LABELS(k) k,
#define COMPARE_NESTED(key, type, member) CNEST_##type(CK_##key)
static const int compare_nested[] = {SC_COMPARE_FIELDS(COMPARE_NESTED)};
#define N_COMPARE_NESTED ((Py_ssize_t)N_KEYS(compare_nested))
_Static_assert(CK_a < CK_b && CK_b < CK_differences,
               "compare's nested order: a, b, then the lists");

/* A compare template: the make_result_template() of a fresh compare_dict()
 * with "a" and "b" as describe() templates, then the two info_key()s as
 * bytes (a cache hit checks them). NULL with no exception when a describe()
 * template cannot be cached. */
static PyObject *
make_compare_template(sc_state *st, const sc_comparison *cmp,
                      const unsigned long long keys[2])
{
    PyObject *d, *t = NULL, *u = NULL, *info[2], *k;
    Py_ssize_t i;

    info[0] = info_template(st, &cmp->a, keys[0]);
    info[1] = info_template(st, &cmp->b, keys[1]);
    if (info[0] == NULL || info[1] == NULL)
        return NULL;
    d = compare_dict(st, cmp);
    if (d == NULL)
        return NULL;
    t = make_result_template(st->ck, d, compare_nested, N_COMPARE_NESTED);
    Py_DECREF(d);
    if (t == NULL)
        return NULL;
    u = PyTuple_New(N_COMPARE_NESTED + 2);
    k = PyBytes_FromStringAndSize((const char *)keys, 2 * sizeof keys[0]);
    if (u == NULL || k == NULL) {
        Py_XDECREF(k);
        goto error;
    }
    for (i = 0; i <= N_COMPARE_NESTED; i++) {
        PyObject *item = i == 1 || i == 2 ? info[i - 1] : PyTuple_GET_ITEM(t, i);

        Py_INCREF(item);
        PyTuple_SET_ITEM(u, i, item);
    }
    PyTuple_SET_ITEM(u, N_COMPARE_NESTED + 1, k);
    Py_DECREF(t);
    return u;

error:
    Py_XDECREF(u);
    Py_DECREF(t);
    return NULL;
}

static char *compare_kwlist[] = {"a", "b", "protocol", "lang", "protocol_b",
                                 NULL};
static const arg_spec compare_args = {"OO|OOO:compare", compare_kwlist, 2, 5};

static PyObject *
sc_py_compare(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
              PyObject *kwnames)
{
    PyObject *arg[ARGS_MAX], *t = NULL, *d;
    sc_state *st = get_state(module);
    int protocol, protocol_b, lang, status;
    unsigned long long keys[2], h = 0;
    sc_code a, b;
    sc_comparison cmp;
    char buf[SC_COMPARE_BUFSIZE];

    if (st == NULL || fast_args(&compare_args, args, nargs, kwnames, arg) < 0 ||
        get_protocol_for(st, arg[2], arg[0], &protocol) < 0 ||
        get_lang(arg[3], &lang) < 0 ||
        get_code(arg[0], protocol, &a) < 0)
        return NULL;
    if (arg[4] == NULL || arg[4] == Py_None)
        protocol_b = protocol;
    else if (get_protocol(st, arg[4], &protocol_b) < 0)
        return NULL;
    if (get_code(arg[1], protocol_b, &b) < 0)
        return NULL;
    keys[0] = info_key(lang, &a);
    keys[1] = info_key(lang, &b);
    if (keys[0] != 0 && keys[1] != 0) {
        h = (cache_hash(keys[0]) * 31 + keys[1]) | 1; /* never 0 */
        t = cache_get(&st->compares, h);
        if (t != NULL &&
            memcmp(PyBytes_AS_STRING(PyTuple_GET_ITEM(t, N_COMPARE_NESTED + 1)),
                   keys, sizeof keys) == 0)
            return result_from_template(st, st->ck, t, compare_nested,
                                        N_COMPARE_NESTED);
    }
    status = sc_compare(&a, &b, lang, &cmp, buf, sizeof buf);
    if (status != SC_OK)
        return status_error(status);
    if (h == 0 || t != NULL || !cmp.a.known || !cmp.b.known)
        return compare_dict(st, &cmp);
    t = make_compare_template(st, &cmp, keys);
    if (t == NULL)
        return PyErr_Occurred() ? NULL : compare_dict(st, &cmp);
    cache_put(&st->compares, h, t); /* unless the cache is full */
    d = result_from_template(st, st->ck, t, compare_nested, N_COMPARE_NESTED);
    Py_DECREF(t);
    return d;
}

PyDoc_STRVAR(codes_doc,
"codes($module, /, protocol='smtp')\n"
"--\n"
"\n"
"Return a new list of every code the base lists for a protocol: basic\n"
"codes as ints in numeric order, then enhanced codes as strs.");

static char *codes_kwlist[] = {"protocol", NULL};
static const arg_spec codes_args = {"|O:codes", codes_kwlist, 0, 1};

static PyObject *
sc_py_codes(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
            PyObject *kwnames)
{
    PyObject *arg[ARGS_MAX], *list = NULL, *item;
    sc_state *st = get_state(module);
    int protocol, status;
    size_t i, n;
    sc_code code;

    if (st == NULL || fast_args(&codes_args, args, nargs, kwnames, arg) < 0 ||
        get_protocol(st, arg[0], &protocol) < 0)
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

/* A new list of the describe() dicts of `codes[0 .. n-1]`. */
static PyObject *
describe_list(sc_state *st, const sc_code *codes, size_t n, int lang)
{
    PyObject *list = PyList_New((Py_ssize_t)n), *d;
    size_t i;

    if (list == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        d = describe_code(st, &codes[i], lang);
        if (d == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, d);
    }
    return list;
}

/* The UTF-8 of a str argument, or of an int's decimal digits (into `buf`).
 * Returns NULL with TypeError for another type. */
static const char *
code_text(PyObject *arg, const char *param, char *buf, size_t size,
          Py_ssize_t *n)
{
    if (PyLong_Check(arg) && !PyBool_Check(arg)) {
        int overflow;
        long v = PyLong_AsLongAndOverflow(arg, &overflow);

        if (v == -1 && PyErr_Occurred())
            return NULL;
        if (overflow)
            v = -1; /* no protocol lists it */
        *n = (Py_ssize_t)PyOS_snprintf(buf, size, "%ld", v);
        return buf;
    }
    if (PyUnicode_Check(arg)) {
        const char *s = PyUnicode_AsUTF8AndSize(arg, n);

        if (s == NULL && PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_Clear(); /* lone surrogates: no such code */
            *n = 0;
            return "";
        }
        return s;
    }
    PyErr_Format(PyExc_TypeError, "%s must be int or str, not %.200s", param,
                 Py_TYPE(arg)->tp_name);
    return NULL;
}

PyDoc_STRVAR(lookup_doc,
"lookup($module, /, code, lang='en')\n"
"--\n"
"\n"
"Describe `code` in every protocol that lists it: a number (421 means\n"
"four different things in SMTP, HTTP, FTP and SIP), an enhanced code or a\n"
"name (\"NOT_FOUND\"). Returns a new list of describe() dicts in protocol\n"
"order; empty when no protocol lists the code. Raises TypeError for a code\n"
"that is neither int nor str, ValueError for an unknown language.");

static char *lookup_kwlist[] = {"code", "lang", NULL};
static const arg_spec lookup_args = {"O|O:lookup", lookup_kwlist, 1, 2};

static PyObject *
sc_py_lookup(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
             PyObject *kwnames)
{
    PyObject *arg[ARGS_MAX];
    sc_state *st = get_state(module);
    sc_code found[64];
    char num[32];
    const char *s;
    Py_ssize_t n;
    size_t count;
    int lang;

    if (st == NULL || fast_args(&lookup_args, args, nargs, kwnames, arg) < 0 ||
        get_lang(arg[1], &lang) < 0 ||
        (s = code_text(arg[0], "code", num, sizeof num, &n)) == NULL)
        return NULL;
    count = sc_lookup(s, (size_t)n, found, N_KEYS(found));
    return describe_list(st, found, count < N_KEYS(found) ? count
                                                         : N_KEYS(found), lang);
}

PyDoc_STRVAR(search_doc,
"search($module, /, words, protocol=None, lang='en')\n"
"--\n"
"\n"
"Find listed codes by name, gist or symbol: every word must occur (ASCII\n"
"case ignored), as in search(\"too many requests\"). protocol limits the\n"
"search to one protocol. Returns a new list of describe() dicts, protocol\n"
"by protocol.");

static char *search_kwlist[] = {"words", "protocol", "lang", NULL};
static const arg_spec search_args = {"O|OO:search", search_kwlist, 1, 3};

static PyObject *
sc_py_search(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
             PyObject *kwnames)
{
    PyObject *arg[ARGS_MAX], *result;
    sc_state *st = get_state(module);
    sc_code *found;
    const char *s;
    Py_ssize_t n;
    size_t count;
    int protocol = -1, lang;

    if (st == NULL || fast_args(&search_args, args, nargs, kwnames, arg) < 0 ||
        (arg[1] != NULL && arg[1] != Py_None &&
         get_protocol(st, arg[1], &protocol) < 0) ||
        get_lang(arg[2], &lang) < 0)
        return NULL;
    if (!PyUnicode_Check(arg[0])) {
        PyErr_Format(PyExc_TypeError, "words must be str, not %.200s",
                     Py_TYPE(arg[0])->tp_name);
        return NULL;
    }
    s = PyUnicode_AsUTF8AndSize(arg[0], &n);
    if (s == NULL)
        return NULL;
    count = sc_search(protocol, s, (size_t)n, NULL, 0);
    if (count == (size_t)-1)
        return status_error(SC_EPROTOCOL);
    found = PyMem_Calloc(count ? count : 1, sizeof *found);
    if (found == NULL)
        return PyErr_NoMemory();
    count = sc_search(protocol, s, (size_t)n, found, count);
    result = describe_list(st, found, count, lang);
    PyMem_Free(found);
    return result;
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

PyDoc_STRVAR(reasons_doc,
"reasons($module, /, lang='en')\n"
"--\n"
"\n"
"Return a new dict of the reasons parse() can give, in order: name ->\n"
"{\"summary\": one sentence (in `lang`, English where untranslated),\n"
"\"example\": a reply that gets it,\n"
"\"actions\": [action for a transient reply, for a permanent one]}.");

/* Keywords of the functions whose one argument is lang=. */
static char *lang_kwlist[] = {"lang", NULL};

static PyObject *
sc_py_reasons(PyObject *module, PyObject *args, PyObject *kwargs)
{
    PyObject *d = NULL, *item = NULL, *lang_arg = NULL;
    sc_state *st = get_state(module);
    size_t i, n = sc_reason_count();
    int lang;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "|O:reasons", lang_kwlist,
                                     &lang_arg) ||
        get_lang(lang_arg, &lang) < 0 || (d = PyDict_New()) == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        item = Py_BuildValue("{s:s,s:s,s:[ss]}", "summary",
                             sc_reason_summary_in(i, lang),
                             "example", sc_reason_example(i), "actions",
                             sc_action_name(sc_reason_action(i, 0)),
                             sc_action_name(sc_reason_action(i, 1)));
        if (item == NULL || PyDict_SetItemString(d, sc_reason_name(i), item) < 0)
            goto error;
        Py_CLEAR(item);
    }
    return d;

error:
    Py_XDECREF(item);
    Py_DECREF(d);
    return NULL;
}

/* A new dict of `count` static strings in the language of the keyword
 * lang= (read with PyArg format `fmt`): key(i) -> text(i, lang). What
 * actions() and words() return. */
static PyObject *
lang_map(PyObject *module, PyObject *args, PyObject *kwargs, const char *fmt,
         int count, const char *(*key)(int), const char *(*text)(int, int))
{
    PyObject *d, *lang_arg = NULL;
    sc_state *st = get_state(module);
    int i, lang;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, fmt, lang_kwlist, &lang_arg) ||
        get_lang(lang_arg, &lang) < 0 || (d = PyDict_New()) == NULL)
        return NULL;
    for (i = 0; i < count; i++) {
        PyObject *k = static_str(st, key(i));

        if (k == NULL || put(d, k, static_str(st, text(i, lang))) < 0) {
            Py_XDECREF(k);
            Py_DECREF(d);
            return NULL;
        }
        Py_DECREF(k);
    }
    return d;
}

PyDoc_STRVAR(actions_doc,
"actions($module, /, lang='en')\n"
"--\n"
"\n"
"Return a new dict of the actions parse() can give, in order: name -> one\n"
"sentence (in `lang`) saying what it asks for.");

static PyObject *
sc_py_actions(PyObject *module, PyObject *args, PyObject *kwargs)
{
    return lang_map(module, args, kwargs, "|O:actions", SC_ACTION_COUNT,
                    sc_action_name, sc_action_summary_in);
}

PyDoc_STRVAR(words_doc,
"words($module, /, lang='en')\n"
"--\n"
"\n"
"Return a new dict of the words shown around results, in `lang`: key ->\n"
"text ('retry_after' -> 'retry after', 'to_suppress' -> 'recipients to\n"
"suppress: {count}'). text() and the command line use them; a text may\n"
"hold {placeholders} to fill with str.format_map().");

static const char *word_in(int id, int lang) { return sc_word(lang, id); }

static PyObject *
sc_py_words(PyObject *module, PyObject *args, PyObject *kwargs)
{
    return lang_map(module, args, kwargs, "|O:words", sc_word_count(),
                    sc_word_key, word_in);
}

PyDoc_STRVAR(language_doc,
"language($module, tag, /)\n"
"--\n"
"\n"
"Return the tag of the language `tag` names, as languages() lists it:\n"
"'fr' for 'fr-CA' or 'fr_CA.UTF-8', 'zh' for 'zh-Hans' or 'zh_CN'. Raises\n"
"ValueError for a language not available, a tag that is not well formed\n"
"('fr-', 'fr--') and Traditional Chinese ('zh-TW', 'zh-Hant').");

static PyObject *
sc_py_language(PyObject *module, PyObject *arg)
{
    sc_state *st = get_state(module);
    int id;

    if (st == NULL || get_lang(arg, &id) < 0)
        return NULL;
    return static_str(st, sc_lang_tag((size_t)id));
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
"parse($module, /, reply, protocol=None, lang='en', details=False)\n"
"--\n"
"\n"
"Parse what a server or a tool said into a verdict: an SMTP or FTP reply\n"
"(one line, a multi-line reply, a DSN Diagnostic-Code, a Postfix or Exim\n"
"log line), an HTTP or SIP status line with its headers, a gRPC error,\n"
"dig or host output, a WebSocket close, or a failure with no status\n"
"('connection refused'). The verdict: protocol, code, permanent or\n"
"transient, the action to take and the reason, retry_after, with the\n"
"evidence that decided it; no_reply when the text holds none.\n"
"\n"
"reply is a str or bytes (bytes are decoded leniently); protocol (a name)\n"
"reads it as that protocol's, None from its form; lang is the\n"
"language of code_info and enhanced_info, which are describe() dicts of\n"
"the codes with details true, else None. Returns a new dict. Raises\n"
"ValueError for an empty reply or an unknown protocol or language, TypeError for\n"
"another type.");

static char *parse_kwlist[] = {"reply", "protocol", "lang", "details",
                               NULL};
static const arg_spec parse_args = {"O|OOO:parse", parse_kwlist, 1, 4};

/* The str a reply's bytes are the UTF-8 of, for verdict_lines(); NULL if
 * they were converted or copied. */
#define REPLY_SRC(arg, r)                                                   \
    (PyUnicode_CheckExact(arg) && (r).exact ? (arg) : NULL)

static PyObject *
sc_py_parse(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
            PyObject *kwnames)
{
    PyObject *argv[ARGS_MAX], *arg, *result = NULL;
    sc_state *st = get_state(module);
    reply_bytes r = REPLY_BYTES_INIT;
    char *text = NULL;
    size_t size;
    sc_verdict v;
    int status;

    verdict_ctx c;
    int protocol;

    if (st == NULL || fast_args(&parse_args, args, nargs, kwnames, argv) < 0 ||
        get_parse_protocol(st, argv[1], &protocol) < 0 ||
        verdict_ctx_init(&c, argv[2], argv[3]) < 0)
        return NULL;
    arg = argv[0];
    if (reply_get(arg, "reply", -1, &r) < 0)
        goto error;
    size = SC_PARSE_BUFSIZE((size_t)r.len);
    text = PyMem_Malloc(size);
    if (text == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    status = sc_parse_as(protocol, r.data, (size_t)r.len, text, size, &v);
    if (status == SC_EEMPTY) {
        PyErr_SetString(PyExc_ValueError, "empty reply");
        goto error;
    }
    if (status != SC_OK) {
        status_error(status);
        goto error;
    }
    verdict_ctx_reply(&c, r.data, (size_t)r.len, text, size,
                      REPLY_SRC(arg, r));
    result = verdict_result(st, &v, &c);

error:
    PyMem_Free(text);
    reply_release(&r);
    return result;
}

PyDoc_STRVAR(parse_many_doc,
"parse_many($module, /, replies, protocol=None, lang='en', details=False)\n"
"--\n"
"\n"
"Parse every reply of an iterable of str or bytes, as parse() does, in\n"
"one call. Returns a new list of parse() dicts. Raises ValueError naming\n"
"the index of an empty reply, TypeError for an item of another type.");

static char *parse_many_kwlist[] = {"replies", "protocol", "lang", "details",
                               NULL};
static const arg_spec parse_many_args = {"O|OOO:parse_many",
                                         parse_many_kwlist, 1, 4};

static PyObject *
sc_py_parse_many(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                 PyObject *kwnames)
{
    PyObject *argv[ARGS_MAX], *arg, *it = NULL, *item = NULL, *list = NULL, *d;
    sc_state *st = get_state(module);
    reply_bytes r = REPLY_BYTES_INIT;
    char *text = NULL, *grown;
    size_t size = 0, need;
    Py_ssize_t index = 0;
    sc_verdict v;
    int status;

    verdict_ctx c;
    int protocol;

    if (st == NULL ||
        fast_args(&parse_many_args, args, nargs, kwnames, argv) < 0 ||
        get_parse_protocol(st, argv[1], &protocol) < 0 ||
        verdict_ctx_init(&c, argv[2], argv[3]) < 0)
        return NULL;
    arg = argv[0];
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
        status = sc_parse_as(protocol, r.data, (size_t)r.len, text, size, &v);
        if (status == SC_EEMPTY) {
            PyErr_Format(PyExc_ValueError, "empty reply at index %zd", index);
            goto error;
        }
        if (status != SC_OK) {
            status_error(status);
            goto error;
        }
        verdict_ctx_reply(&c, r.data, (size_t)r.len, text, size,
                          REPLY_SRC(item, r));
        d = verdict_result(st, &v, &c);
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
"parse_log($module, /, text, protocol=None, lang='en', details=False)\n"
"--\n"
"\n"
"Parse every reply of a log held in one str or bytes: one reply per line,\n"
"the lines of a multi-line reply kept together, blank lines skipped.\n"
"Returns a new list of parse() dicts (empty for an empty log).");

static char *parse_log_kwlist[] = {"text", "protocol", "lang", "details",
                               NULL};
static const arg_spec parse_log_args = {"O|OOO:parse_log", parse_log_kwlist,
                                        1, 4};

static PyObject *
sc_py_parse_log(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                PyObject *kwnames)
{
    PyObject *argv[ARGS_MAX], *arg, *list = NULL, *d;
    sc_state *st = get_state(module);
    reply_bytes r = REPLY_BYTES_INIT;
    char *text = NULL;
    size_t size, pos = 0, before;
    sc_verdict v;
    int status;

    verdict_ctx c;
    int protocol;

    if (st == NULL ||
        fast_args(&parse_log_args, args, nargs, kwnames, argv) < 0 ||
        get_parse_protocol(st, argv[1], &protocol) < 0 ||
        verdict_ctx_init(&c, argv[2], argv[3]) < 0)
        return NULL;
    arg = argv[0];
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
        status = sc_parse_next_as(protocol, r.data, (size_t)r.len, &pos, text,
                                  size, &v);
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
        verdict_ctx_reply(&c, r.data, (size_t)r.len, text, size,
                      REPLY_SRC(arg, r));
        d = verdict_result(st, &v, &c);
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

PyDoc_STRVAR(parse_pending_doc,
"_parse_pending($module, /, buf, protocol=None, lang='en', details=False,\n"
"               final=False)\n"
"--\n"
"\n"
"parse_stream()'s step. buf (bytes) holds the lines read so far joined by\n"
"LF, the last one without its LF. Parses every reply of buf that is\n"
"complete (sc_parse_next_complete()), or all of them with final true.\n"
"Returns (verdicts, used): used is where the rest, a reply still open,\n"
"starts.");

static char *parse_pending_kwlist[] = {"buf", "protocol", "lang", "details",
                                       "final", NULL};
static const arg_spec parse_pending_args = {"O|OOOO:_parse_pending",
                                            parse_pending_kwlist, 1, 5};

static PyObject *
sc_py_parse_pending(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                    PyObject *kwnames)
{
    PyObject *argv[ARGS_MAX], *list = NULL, *d, *result = NULL;
    sc_state *st = get_state(module);
    const char *buf;
    char *text = NULL;
    size_t len, size, pos = 0, end, at;
    sc_verdict v;
    int status, final, protocol;
    verdict_ctx c;

    if (st == NULL ||
        fast_args(&parse_pending_args, args, nargs, kwnames, argv) < 0 ||
        get_parse_protocol(st, argv[1], &protocol) < 0 ||
        verdict_ctx_init(&c, argv[2], argv[3]) < 0 ||
        get_details(argv[4], &final) < 0)
        return NULL;
    if (!PyBytes_CheckExact(argv[0])) {
        PyErr_SetString(PyExc_TypeError, "buf must be bytes");
        return NULL;
    }
    buf = PyBytes_AS_STRING(argv[0]);
    len = (size_t)PyBytes_GET_SIZE(argv[0]);
    size = SC_PARSE_BUFSIZE(len);
    text = PyMem_Malloc(size);
    list = PyList_New(0);
    if (text == NULL || list == NULL) {
        if (text == NULL)
            PyErr_NoMemory();
        goto done;
    }
    for (;;) {
        status = sc_parse_next_complete(buf, len, pos, &end);
        if (status == SC_EEMPTY) {
            pos = len;
            break;
        }
        if (status < 0) {
            status_error(status);
            goto done;
        }
        if (status == 0 && !final)
            break; /* lines still to come may belong to it */
        if (end > len || end < pos) {
            PyErr_SetString(PyExc_RuntimeError,
                            "statuscodes: the core did not advance");
            goto done;
        }
        /* The replies up to `end`: one, or none if it holds no reply. */
        at = pos;
        while ((status = sc_parse_next_as(protocol, buf, end, &at, text, size,
                                          &v)) == SC_OK) {
            verdict_ctx_reply(&c, buf, end, text, size, NULL);
            d = verdict_result(st, &v, &c);
            if (d == NULL)
                goto done;
            if (PyList_Append(list, d) < 0) {
                Py_DECREF(d);
                goto done;
            }
            Py_DECREF(d);
        }
        if (status != SC_EEMPTY) {
            status_error(status);
            goto done;
        }
        pos = end < len ? end + 1 : len;
    }
    result = Py_BuildValue("(On)", list, (Py_ssize_t)pos);

done:
    Py_XDECREF(list);
    PyMem_Free(text);
    return result;
}

/* ------------------------------------------------------------------------ */
/* parse_bounce                                                             */
/* ------------------------------------------------------------------------ */

PyDoc_STRVAR(parse_bounce_doc,
"parse_bounce($module, /, data, lang='en', details=False)\n"
"--\n"
"\n"
"Read a bounce (a delivery status notification, RFC 3464 / RFC 6533, or\n"
"a bounce that only quotes the server's replies: qmail, old Exchange)\n"
"and return a new list with one dict per recipient: recipient,\n"
"original_recipient, dsn_action (the DSN's Action: failed, delayed,\n"
"delivered, relayed, expanded), status, remote_mta, diagnostic (the\n"
"Diagnostic-Code after its type, or the quoted reply), source ('dsn' or\n"
"'text') and verdict (a parse() dict of the diagnostic, else of the\n"
"status; None when there is neither; its code_info and enhanced_info\n"
"filled in with details true, as parse()'s). Absent fields are None.\n"
"\n"
"data is the whole message as bytes or str. Any bytes are read: input\n"
"with no recipient gives an empty list. Raises TypeError for another type,\n"
"ValueError for an unknown language.");

static char *parse_bounce_kwlist[] = {"data", "lang", "details", NULL};
static const arg_spec parse_bounce_args = {"O|OO:parse_bounce",
                                           parse_bounce_kwlist, 1, 3};

/* A str of the span [off, off+n) of the message, or None when n is 0. */
static PyObject *
bounce_span(const char *msg, size_t len, size_t off, size_t n)
{
    if (n == 0 || off > len || n > len - off)
        return new_none();
    return buf_str(msg + off, n);
}

static PyObject *
sc_py_parse_bounce(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    PyObject *argv[ARGS_MAX], *list = NULL, *d = NULL, *v = NULL;
    sc_state *st = get_state(module);
    reply_bytes r = REPLY_BYTES_INIT;
    sc_bounce_state bs = SC_BOUNCE_STATE_INIT;
    sc_bounce_rcpt rc;
    char *text = NULL;
    const char *msg;
    size_t len;
    verdict_ctx c;
    int status;

    if (st == NULL ||
        fast_args(&parse_bounce_args, args, nargs, kwnames, argv) < 0 ||
        verdict_ctx_init(&c, argv[1], argv[2]) < 0)
        return NULL;
    if (reply_get(argv[0], "data", -1, &r) < 0)
        goto error;
    msg = r.data;
    len = (size_t)r.len;
    text = PyMem_Malloc(SC_BOUNCE_BUFSIZE);
    list = PyList_New(0);
    if (text == NULL || list == NULL) {
        if (text == NULL)
            PyErr_NoMemory();
        goto error;
    }
    while ((status = sc_bounce_next(msg, len, &bs, &rc, text,
                                    SC_BOUNCE_BUFSIZE)) == SC_OK) {
        if (rc.has_verdict) {
            verdict_ctx_reply(&c, rc.reply, rc.reply_len, rc.verdict.text,
                              SC_BOUNCE_REPLY_MAX + 1, NULL);
            v = verdict_result(st, &rc.verdict, &c);
        }
        else {
            v = new_none();
        }
        if (v == NULL)
            goto error;
        d = PyDict_New();
        if (d == NULL)
            goto error;
#define BOUNCE_PUT(key, value)                                              \
    do {                                                                    \
        PyObject *o_ = (value);                                             \
        if (o_ == NULL || PyDict_SetItemString(d, key, o_) < 0) {           \
            Py_XDECREF(o_);                                                 \
            goto error;                                                     \
        }                                                                   \
        Py_DECREF(o_);                                                      \
    } while (0)
        BOUNCE_PUT("recipient", bounce_span(msg, len, rc.recipient,
                                            rc.recipient_len));
        BOUNCE_PUT("original_recipient",
                   bounce_span(msg, len, rc.original, rc.original_len));
        BOUNCE_PUT("dsn_action", bounce_span(msg, len, rc.dsn_action,
                                             rc.dsn_action_len));
        BOUNCE_PUT("status", bounce_span(msg, len, rc.status, rc.status_len));
        BOUNCE_PUT("remote_mta", bounce_span(msg, len, rc.remote_mta,
                                             rc.remote_mta_len));
        BOUNCE_PUT("diagnostic", buf_str(rc.diagnostic, rc.diagnostic_len));
        BOUNCE_PUT("source", static_str(st, sc_bounce_source_name(rc.source)));
#undef BOUNCE_PUT
        if (PyDict_SetItemString(d, "verdict", v) < 0)
            goto error;
        Py_CLEAR(v);
        if (PyList_Append(list, d) < 0)
            goto error;
        Py_CLEAR(d);
    }
    if (status != SC_EEMPTY) {
        status_error(status);
        goto error;
    }
    PyMem_Free(text);
    reply_release(&r);
    return list;

error:
    Py_XDECREF(v);
    Py_XDECREF(d);
    Py_XDECREF(list);
    PyMem_Free(text);
    reply_release(&r);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Mail logs: parse_log_lines, summarize                                    */
/* ------------------------------------------------------------------------ */

/* d["key"] = value, releasing value; a NULL value fails. */
static int
lg_set(PyObject *d, const char *key, PyObject *value)
{
    int rc;

    if (value == NULL)
        return -1;
    rc = PyDict_SetItemString(d, key, value);
    Py_DECREF(value);
    return rc;
}

/* A span of the line as a str, or None when absent. */
static PyObject *
lg_span(const char *line, sc_span sp)
{
    if (sp.len == 0)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(line + sp.off, (Py_ssize_t)sp.len, "replace");
}

/* The log format named by `arg` (None: auto). */
static int
lg_format(PyObject *arg, int *format)
{
    const char *name;
    int i;

    *format = SC_LOG_AUTO;
    if (arg == NULL || arg == Py_None)
        return 0;
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "format must be str or None, not %.200s",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    name = PyUnicode_AsUTF8(arg);
    if (name == NULL)
        return -1;
    for (i = 0; i < SC_LOG_FORMAT_COUNT; i++) {
        if (strcmp(name, sc_log_format_name(i)) == 0) {
            *format = i;
            return 0;
        }
    }
    PyErr_Format(PyExc_ValueError,
                 "unknown log format %R: give auto, postfix, exim, sendmail "
                 "or reply", arg);
    return -1;
}

PyDoc_STRVAR(parse_log_lines_doc,
"parse_log_lines($module, /, text, format=None, lang='en', details=False)\n"
"--\n"
"\n"
"Read every line of a mail log (Postfix, Exim's main log, Sendmail, or one\n"
"reply per line; format None tells each line's format by its form) and\n"
"return a new list of dicts, one per line that tells a delivery result:\n"
"time, host, program, queue_id, recipient, relay, client, dsn, status\n"
"(the MTA's own word), mta_status ('sent', 'deferred', 'bounced',\n"
"'expired', 'reject' or 'none'), format, line (its number, from 1) and\n"
"verdict (a parse() dict of the line's reply; its code_info and\n"
"enhanced_info with details true). Lines with no reply\n"
"(qmgr, pickup, cleanup, Exim arrivals), blank and damaged lines are\n"
"skipped: summarize() counts them.");

static PyObject *
sc_py_parse_log_lines(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"text", "format", "lang", "details", NULL};
    PyObject *arg, *fmt = NULL, *lang = NULL, *det = NULL, *list = NULL,
             *d = NULL;
    sc_state *st = get_state(module);
    reply_bytes r = REPLY_BYTES_INIT;
    char *text = NULL;
    size_t size = 0, pos = 0, start, n, lineno = 0;
    verdict_ctx c;
    int format;

    if (st == NULL ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "O|OOO:parse_log_lines",
                                     kwlist, &arg, &fmt, &lang, &det) ||
        lg_format(fmt, &format) < 0 || verdict_ctx_init(&c, lang, det) < 0)
        return NULL;
    if (reply_get(arg, "text", -1, &r) < 0)
        return NULL;
    list = PyList_New(0);
    if (list == NULL)
        goto error;
    while (sc_next_line(r.data, (size_t)r.len, &pos, &start, &n)) {
        const char *line = r.data + start;
        sc_logline ll;
        sc_verdict v;

        lineno++;
        if (n > SC_LOGLINE_MAX ||
            sc_logline_read(format, line, n, &ll) != SC_OK || !ll.has_reply)
            continue;
        if (SC_PARSE_BUFSIZE(n) > size) {
            PyMem_Free(text);
            size = SC_PARSE_BUFSIZE(n) < 4096 ? 4096 : SC_PARSE_BUFSIZE(n);
            text = PyMem_Malloc(size);
            if (text == NULL) {
                PyErr_NoMemory();
                goto error;
            }
        }
        if (sc_logline_verdict(line, n, &ll, text, size, &v) != SC_OK ||
            v.no_reply)
            continue;
        verdict_ctx_reply(&c, line, n, text, size, NULL);
        d = PyDict_New();
        if (d == NULL || lg_set(d, "line", PyLong_FromSize_t(lineno)) < 0 ||
            lg_set(d, "format",
                   PyUnicode_FromString(sc_log_format_name(ll.format))) < 0 ||
            lg_set(d, "time", lg_span(line, ll.time)) < 0 ||
            lg_set(d, "host", lg_span(line, ll.host)) < 0 ||
            lg_set(d, "program", lg_span(line, ll.program)) < 0 ||
            lg_set(d, "queue_id", lg_span(line, ll.queue_id)) < 0 ||
            lg_set(d, "recipient", lg_span(line, ll.recipient)) < 0 ||
            lg_set(d, "relay", lg_span(line, ll.relay)) < 0 ||
            lg_set(d, "client", lg_span(line, ll.client)) < 0 ||
            lg_set(d, "dsn", lg_span(line, ll.dsn)) < 0 ||
            lg_set(d, "status", lg_span(line, ll.status)) < 0 ||
            lg_set(d, "mta_status", PyUnicode_FromString(
                                        sc_mta_status_name(ll.mta_status))) < 0 ||
            lg_set(d, "verdict", verdict_result(st, &v, &c)) < 0 ||
            PyList_Append(list, d) < 0)
            goto error;
        Py_CLEAR(d);
    }
    PyMem_Free(text);
    reply_release(&r);
    return list;

error:
    Py_XDECREF(d);
    Py_XDECREF(list);
    PyMem_Free(text);
    reply_release(&r);
    return NULL;
}

/* A table as a list of {key_name: key, "count": n, "actions": {...}}. */
static PyObject *
lg_table(const sc_summary_table *t, const char *key_name)
{
    PyObject *list = PyList_New(0), *d = NULL, *acts = NULL;
    size_t i;
    int a;

    if (list == NULL)
        return NULL;
    for (i = 0; i < t->used; i++) {
        d = PyDict_New();
        acts = PyDict_New();
        if (d == NULL || acts == NULL ||
            lg_set(d, key_name, PyUnicode_DecodeUTF8(t->keys[i].key,
                                                     (Py_ssize_t)strlen(t->keys[i].key),
                                                     "replace")) < 0 ||
            lg_set(d, "count", PyLong_FromUnsignedLongLong(t->keys[i].count)) < 0)
            goto error;
        for (a = 0; a < SC_ACTION_COUNT; a++)
            if (t->keys[i].action[a] &&
                lg_set(acts, sc_action_name(a),
                       PyLong_FromUnsignedLongLong(t->keys[i].action[a])) < 0)
                goto error;
        if (lg_set(d, "actions", acts) < 0) {
            acts = NULL;
            goto error;
        }
        acts = NULL;
        if (PyList_Append(list, d) < 0)
            goto error;
        Py_CLEAR(d);
    }
    return list;

error:
    Py_XDECREF(acts);
    Py_XDECREF(d);
    Py_DECREF(list);
    return NULL;
}

/* {name: count} of the nonzero counts of an id range. */
static PyObject *
lg_counts(const unsigned long long *c, size_t n, const char *(*name)(int),
          int all)
{
    PyObject *d = PyDict_New();
    size_t i;

    if (d == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        if ((all || c[i]) && name((int)i) != NULL &&
            lg_set(d, name((int)i), PyLong_FromUnsignedLongLong(c[i])) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    return d;
}

static const char *
lg_reason_name(int id)
{
    return sc_reason_name((size_t)id);
}

/* The cells of a summary's time table as a list of dicts, the keys of
 * SC_SUMMARY_CELL_FIELDS. */
#define LG_CELL_NUM(c, m) PyLong_FromUnsignedLongLong((unsigned long long)(c)->m)
#define LG_CELL_REASON(c, m) PyUnicode_FromString(sc_reason_name((c)->m))
#define LG_CELL_SET(m, type) lg_set(it, #m, LG_CELL_##type(c, m)) < 0 ||
static PyObject *
lg_cells(const sc_summary_times *t)
{
    PyObject *list = PyList_New(0), *it = NULL;
    size_t i;

    if (list == NULL)
        return NULL;
    for (i = 0; i < t->used; i++) {
        const sc_summary_cell *c = &t->cells[i];
        it = PyDict_New();
        if (it == NULL || SC_SUMMARY_CELL_FIELDS(LG_CELL_SET)
            PyList_Append(list, it) < 0) {
            Py_XDECREF(it);
            Py_DECREF(list);
            return NULL;
        }
        Py_CLEAR(it);
    }
    return list;
}
#undef LG_CELL_SET
#undef LG_CELL_REASON
#undef LG_CELL_NUM

/* The dict of a summary (its layout: summarize()'s doc). */
static PyObject *
lg_summary_dict(const sc_summary *s)
{
    PyObject *d = PyDict_New(), *x = NULL, *y = NULL, *sup = NULL;
    size_t i, k, nr = sc_reason_count();

    if (d == NULL)
        return NULL;
#define LG_N(key, v) lg_set(d, key, PyLong_FromUnsignedLongLong(v))
    if (LG_N("lines", s->lines) < 0 || LG_N("bytes", s->bytes) < 0 ||
        LG_N("verdicts", s->verdicts) < 0 ||
        LG_N("permanent", s->permanent) < 0 ||
        LG_N("transient", s->transient) < 0 ||
        LG_N("unterminated", s->unterminated) < 0)
        goto error;
#undef LG_N
    x = Py_BuildValue("{sKsKsKsKsK}", "blank", s->skipped_blank, "no_reply",
                      s->skipped_noreply, "cut", s->skipped_cut, "binary",
                      s->skipped_binary, "long", s->skipped_long);
    if (lg_set(d, "skipped", x) < 0)
        goto error;
    if (lg_set(d, "formats", lg_counts(s->format_count, SC_LOG_FORMAT_COUNT,
                                       sc_log_format_name, 0)) < 0 ||
        lg_set(d, "mta_status", lg_counts(s->mta_status, SC_MTA_STATUS_COUNT,
                                          sc_mta_status_name, 0)) < 0 ||
        lg_set(d, "actions", lg_counts(s->action, SC_ACTION_COUNT,
                                       sc_action_name, 1)) < 0 ||
        lg_set(d, "reasons", lg_counts(s->reason, nr, lg_reason_name, 0)) < 0)
        goto error;
    x = Py_BuildValue("{sNsK}", "keys", lg_table(&s->domains, "domain"),
                      "other", s->domains.other);
    if (lg_set(d, "domains", x) < 0)
        goto error;
    x = Py_BuildValue("{sNsK}", "keys", lg_table(&s->relays, "relay"), "other",
                      s->relays.other);
    if (lg_set(d, "relays", x) < 0)
        goto error;
    /* examples: per reason, the kept texts, commonest first */
    x = PyDict_New();
    if (x == NULL)
        goto error;
    for (k = 0; k < nr; k++) {
        size_t order[SC_SUMMARY_SLOTS];
        size_t m = sc_summary_examples(s, k, order);
        if (m == 0)
            continue;
        y = PyList_New(0);
        if (y == NULL)
            goto error;
        for (i = 0; i < m; i++) {
            const sc_summary_example *e = &s->examples[k][order[i]];
            PyObject *it = Py_BuildValue("{sNsK}", "text",
                                         PyUnicode_DecodeUTF8(e->text,
                                                              (Py_ssize_t)strlen(e->text),
                                                              "replace"),
                                         "count", e->count);
            if (it == NULL || PyList_Append(y, it) < 0) {
                Py_XDECREF(it);
                goto error;
            }
            Py_DECREF(it);
        }
        if (lg_set(x, sc_reason_name(k), y) < 0) {
            y = NULL;
            goto error;
        }
        y = NULL;
    }
    if (lg_set(d, "examples", x) < 0) {
        x = NULL;
        goto error;
    }
    /* recipients: every one kept, in first-seen order; suppress: those
     * whose last verdict says suppress */
    x = PyList_New(0);
    sup = PyList_New(0);
    if (x == NULL || sup == NULL)
        goto error;
    for (i = 0; i < s->nrecipients; i++) {
        const sc_summary_recipient *rc = &s->recipients[i];
        PyObject *addr = PyUnicode_DecodeUTF8(rc->addr, (Py_ssize_t)strlen(rc->addr),
                                              "replace");
        PyObject *it;
        if (addr == NULL)
            goto error;
        it = Py_BuildValue("{sOssss}", "recipient", addr, "action",
                           sc_action_name(rc->action), "reason",
                           sc_reason_name(rc->reason));
        if (it == NULL || PyList_Append(x, it) < 0 ||
            (rc->action == SC_ACTION_SUPPRESS && PyList_Append(sup, addr) < 0)) {
            Py_XDECREF(it);
            Py_DECREF(addr);
            goto error;
        }
        Py_DECREF(it);
        Py_DECREF(addr);
    }
    if (lg_set(d, "recipients", x) < 0) {
        x = NULL;
        goto error;
    }
    x = NULL;
    if (lg_set(d, "suppress", sup) < 0) {
        sup = NULL;
        goto error;
    }
    sup = NULL;
    x = Py_BuildValue("{sNsKsK}", "cells", lg_cells(&s->times), "other",
                      s->times.other, "untimed", s->times.untimed);
    if (lg_set(d, "times", x) < 0)
        goto error;
    x = Py_BuildValue("{sKsKsKsK}", "suppress_dropped", s->suppress_dropped,
                      "examples_evicted", s->examples_evicted, "key_lines",
                      s->domains.other + s->relays.other, "time_lines",
                      s->times.other);
    if (lg_set(d, "overflow", x) < 0)
        goto error;
    x = Py_BuildValue("{snsnsnsnsnsnsn}", "keys", (Py_ssize_t)SC_SUMMARY_KEYS,
                      "key_bytes", (Py_ssize_t)(SC_SUMMARY_KEY_MAX - 1),
                      "examples", (Py_ssize_t)SC_SUMMARY_SLOTS, "text_bytes",
                      (Py_ssize_t)(SC_SUMMARY_TEXT_MAX - 1), "recipients",
                      (Py_ssize_t)SC_SUMMARY_RECIPIENTS, "line_bytes",
                      (Py_ssize_t)SC_LOGLINE_MAX, "cells",
                      (Py_ssize_t)SC_SUMMARY_CELLS);
    if (lg_set(d, "bounds", x) < 0)
        goto error;
    return d;

error:
    Py_XDECREF(y);
    Py_XDECREF(sup);
    Py_DECREF(d);
    return NULL;
}

/* Feed one chunk, keeping the unconsumed rest in *carry (at most
 * SC_LOGLINE_MAX + 1 bytes: a longer rest is consumed by the core). */
static int
lg_feed(sc_summary *s, const char *data, size_t len, char **carry,
        size_t *clen, int final)
{
    size_t used, take = 0;
    char *grown;

    if (*clen > 0) {
        const char *nl = memchr(data, '\n', len);
        take = nl ? (size_t)(nl - data) + 1 : len;
        if (*clen + take > SC_LOGLINE_MAX + 1)
            take = SC_LOGLINE_MAX + 1 - *clen;
        grown = PyMem_Realloc(*carry, *clen + take + 1);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *carry = grown;
        memcpy(*carry + *clen, data, take);
        *clen += take;
        used = sc_summary_feed(s, *carry, *clen, final && take == len);
        memmove(*carry, *carry + used, *clen - used);
        *clen -= used;
        if (*clen > 0 && take < len) {
            /* still no whole line: only possible when take == len */
            PyErr_SetString(PyExc_RuntimeError, "statuscodes: summary carry");
            return -1;
        }
        data += take;
        len -= take;
        if (len == 0)
            return 0;
    }
    used = sc_summary_feed(s, data, len, final);
    if (used < len) {
        grown = PyMem_Realloc(*carry, len - used + 1);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *carry = grown;
        memcpy(*carry, data + used, len - used);
        *clen = len - used;
    }
    return 0;
}

PyDoc_STRVAR(summarize_doc,
"summarize($module, /, log, format=None)\n"
"--\n"
"\n"
"Summarise a mail log: log is a str or bytes holding the whole log, or an\n"
"iterable of str or bytes chunks (a file opened in binary mode reads in\n"
"lines; any cut between chunks is fine). Counts, without a dict per\n"
"line: lines, verdicts, skipped lines by cause (blank, no_reply, cut,\n"
"binary, long), formats, mta_status, actions, reasons, permanent and\n"
"transient; domains and relays (providers) as {'keys': [{'domain' or\n"
"'relay', 'count', 'actions'}...], 'other'}, in first-seen order;\n"
"examples (per reason, the commonest texts with their counts); recipients\n"
"(every recipient kept, with its last action and reason) and suppress\n"
"(those whose last verdict says suppress); times, the judged lines by\n"
"hour and reason: {'cells': [{'year', 'month', 'day', 'hour', 'reason',\n"
"'count'}...], 'other', 'untimed'}, the hour as each line's time stamp\n"
"gives it (year 0 for a syslog stamp, which has none); overflow and\n"
"bounds (see the C API: sc_summary). merge_summaries() adds such dicts\n"
"up. Returns a new dict.");

static PyObject *
sc_py_summarize(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"log", "format", NULL};
    PyObject *arg, *fmt = NULL, *it = NULL, *item = NULL, *result = NULL;
    reply_bytes r = REPLY_BYTES_INIT;
    sc_summary *s = NULL;
    char *carry = NULL;
    size_t clen = 0;
    Py_ssize_t index = 0;
    int format;

    (void)module;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:summarize", kwlist,
                                     &arg, &fmt) ||
        lg_format(fmt, &format) < 0)
        return NULL;
    s = PyMem_Malloc(sizeof *s);
    if (s == NULL)
        return PyErr_NoMemory();
    sc_summary_init(s, format);
    if (PyUnicode_Check(arg) || PyBytes_Check(arg) || PyByteArray_Check(arg) ||
        PyMemoryView_Check(arg)) {
        if (reply_get(arg, "log", -1, &r) < 0)
            goto error;
        Py_BEGIN_ALLOW_THREADS
        sc_summary_feed(s, r.data, (size_t)r.len, 1);
        Py_END_ALLOW_THREADS
        reply_release(&r);
    } else {
        it = PyObject_GetIter(arg);
        if (it == NULL)
            goto error;
        while ((item = PyIter_Next(it)) != NULL) {
            if (reply_get(item, "chunk", index, &r) < 0 ||
                lg_feed(s, r.data, (size_t)r.len, &carry, &clen, 0) < 0)
                goto error;
            reply_release(&r);
            Py_CLEAR(item);
            index++;
        }
        if (PyErr_Occurred())
            goto error;
        if (lg_feed(s, "", 0, &carry, &clen, 1) < 0)
            goto error;
        if (clen > 0)
            sc_summary_feed(s, carry, clen, 1);
    }
    result = lg_summary_dict(s);

error:
    reply_release(&r);
    Py_XDECREF(item);
    Py_XDECREF(it);
    PyMem_Free(carry);
    PyMem_Free(s);
    return result;
}

/* ------------------------------------------------------------------------ */
/* Module                                                                   */
/* ------------------------------------------------------------------------ */

static PyMethodDef sc_methods[] = {
    {"describe", (PyCFunction)(void (*)(void))sc_py_describe,
     METH_FASTCALL | METH_KEYWORDS, describe_doc},
    {"compare", (PyCFunction)(void (*)(void))sc_py_compare,
     METH_FASTCALL | METH_KEYWORDS, compare_doc},
    {"parse", (PyCFunction)(void (*)(void))sc_py_parse,
     METH_FASTCALL | METH_KEYWORDS, parse_doc},
    {"parse_many", (PyCFunction)(void (*)(void))sc_py_parse_many,
     METH_FASTCALL | METH_KEYWORDS, parse_many_doc},
    {"parse_log", (PyCFunction)(void (*)(void))sc_py_parse_log,
     METH_FASTCALL | METH_KEYWORDS, parse_log_doc},
    {"_parse_pending", (PyCFunction)(void (*)(void))sc_py_parse_pending,
     METH_FASTCALL | METH_KEYWORDS, parse_pending_doc},
    {"codes", (PyCFunction)(void (*)(void))sc_py_codes,
     METH_FASTCALL | METH_KEYWORDS, codes_doc},
    {"lookup", (PyCFunction)(void (*)(void))sc_py_lookup,
     METH_FASTCALL | METH_KEYWORDS, lookup_doc},
    {"search", (PyCFunction)(void (*)(void))sc_py_search,
     METH_FASTCALL | METH_KEYWORDS, search_doc},
    {"protocols", sc_py_protocols, METH_NOARGS, protocols_doc},
    {"language", sc_py_language, METH_O, language_doc},
    {"languages", sc_py_languages, METH_NOARGS, languages_doc},
    {"reasons", (PyCFunction)(void (*)(void))sc_py_reasons,
     METH_VARARGS | METH_KEYWORDS, reasons_doc},
    {"actions", (PyCFunction)(void (*)(void))sc_py_actions,
     METH_VARARGS | METH_KEYWORDS, actions_doc},
    {"words", (PyCFunction)(void (*)(void))sc_py_words,
     METH_VARARGS | METH_KEYWORDS, words_doc},
    {"parse_log_lines", (PyCFunction)(void (*)(void))sc_py_parse_log_lines,
     METH_VARARGS | METH_KEYWORDS, parse_log_lines_doc},
    {"summarize", (PyCFunction)(void (*)(void))sc_py_summarize,
     METH_VARARGS | METH_KEYWORDS, summarize_doc},
    {"parse_bounce", (PyCFunction)(void (*)(void))sc_py_parse_bounce,
     METH_FASTCALL | METH_KEYWORDS, parse_bounce_doc},
    {NULL, NULL, 0, NULL}
};

static int
sc_exec(PyObject *module)
{
    sc_state *st = PyModule_GetState(module);
    const char *version = sc_version();
    int k;

    if (st == NULL)
        return -1;
#define INTERN(arr, names, n)                                               \
    for (k = 0; k < (n); k++) {                                             \
        if ((st->arr[k] = PyUnicode_InternFromString(names[k])) == NULL)    \
            return -1;                                                      \
    }
    INTERN(ik, info_names, IK_COUNT)
    INTERN(ck, compare_names, CK_COUNT)
    INTERN(vk, verdict_names, VK_COUNT)
    INTERN(ek, equiv_names, EK_COUNT)
    INTERN(tk, text_names, TK_COUNT)
#undef INTERN
    st->info_tmpl = make_template(st->ik, IK_COUNT);
    if (st->info_tmpl == NULL)
        return -1;
    st->verdict_tmpl = make_shared_template(st->vk, VK_COUNT);
    if (st->verdict_tmpl == NULL)
        return -1;
    st->smtp = sc_protocol_default();
    st->infos.limit = INFOS_MAX;
    st->verdicts.limit = VERDICTS_MAX;
    st->compares.limit = COMPARES_MAX;
    st->nlabels = sc_lang_count();
    st->labels = PyMem_Calloc(st->nlabels ? st->nlabels : 1,
                              sizeof *st->labels);
    if (st->labels == NULL) {
        st->nlabels = 0;
        PyErr_NoMemory();
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
#define VISIT(arr, n)                                                       \
    for (k = 0; k < (n); k++)                                               \
        Py_VISIT(st->arr[k]);
    VISIT(ik, IK_COUNT)
    VISIT(ck, CK_COUNT)
    VISIT(vk, VK_COUNT)
    VISIT(ek, EK_COUNT)
    VISIT(tk, TK_COUNT)
#undef VISIT
    Py_VISIT(st->info_tmpl);
    Py_VISIT(st->verdict_tmpl);
    for (i = 0; st->labels != NULL && i < st->nlabels; i++)
        Py_VISIT(st->labels[i]);
    if (cache_traverse(&st->strs, visit, arg) ||
        cache_traverse(&st->codes, visit, arg) ||
        cache_traverse(&st->infos, visit, arg) ||
        cache_traverse(&st->verdicts, visit, arg))
        return -1;
    return cache_traverse(&st->compares, visit, arg);
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
#define CLEAR(arr, n)                                                       \
    for (k = 0; k < (n); k++)                                               \
        Py_CLEAR(st->arr[k]);
    CLEAR(ik, IK_COUNT)
    CLEAR(ck, CK_COUNT)
    CLEAR(vk, VK_COUNT)
    CLEAR(ek, EK_COUNT)
    CLEAR(tk, TK_COUNT)
#undef CLEAR
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
    cache_clear(&st->infos);
    cache_clear(&st->verdicts);
    cache_clear(&st->compares);
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
