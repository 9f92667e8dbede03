/*
 * lstatuscodes.c — the Lua 5.4 binding of libstatuscodes: `statuscodes`.
 *
 *   local sc = require("statuscodes")
 *   sc.describe(535)                       sc.describe("5.7.8", {lang = "fr"})
 *   sc.compare(250, 535, {lang = "es"})    sc.parse("550 5.1.1 No such user")
 *
 * A thin layer over <statuscodes.h>: it knows no code, label or reason; it
 * turns the core's structs into fresh Lua tables, one call at a time.
 *
 * Errors, as in Lua's own libraries:
 *   - misuse raises (luaL_argerror style): a code that is neither an integer
 *     nor a string, a number with no integer representation, a reply that is
 *     not a string, options that are not a table, an unknown option key, an
 *     option value that is not a string;
 *   - input a config or a log may well contain returns `nil, message`, like
 *     io.open: a malformed code ("abc", 99, "5.x.1"), an unknown protocol or
 *     language (the message lists the valid ones), an empty reply.
 *
 * Options are a trailing table: {protocol = "smtp", lang = "en"}. Absent or
 * nil options, or absent keys, mean SMTP and English. Keys are read raw.
 *
 * Tables are built directly from the core's structs, with no intermediate
 * copies. The core's strings are static, so each becomes a Lua string once
 * per Lua state and is reused from then on (see push_static). A describe
 * table of a listed code is made by a constructor compiled for it on first
 * use (see "describe constructors"): less than copying a Lua table of the
 * same shape in pure Lua costs. The Lua stack never grows with the input:
 * the deepest path (parse_many pushing a describe table inside a verdict)
 * uses ten slots, fewer than the LUA_MINSTACK a C function is given; only
 * compiling a constructor asks for more (lua_checkstack).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lua.h"
#include "lauxlib.h"

#include "statuscodes.h"

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */
/* ------------------------------------------------------------------------ */

/* Replies up to this size are parsed into a buffer on the C stack; longer
 * ones into a userdata, which the GC reclaims even if a Lua error unwinds. */
#define SMALL_REPLY 1024

/* Longest piece of a caller's input quoted back in a message. */
#define SHOW_MAX 40

/* Which option keys a function accepts. */
#define OPT_PROTOCOL 1
#define OPT_LANG 2
#define OPT_PROTOCOL_B 4
#define OPT_DETAILS 8

/* Push `s`, a string of the core's static data, which lives as long as the
 * program. Upvalue 1 of every function is a table mapping each such string's
 * address to the Lua string made from it the first time, so a string is
 * hashed and copied once per Lua state, and pushing it again costs one
 * lookup: as cheap as copying a field of a Lua table. The table grows to the
 * strings used, at most the knowledge base's own size (it also holds the
 * describe constructors, under integer keys). Never pass a string of a
 * buffer here: the address would outlive the text. */
static void push_static(lua_State *L, const char *s) {
    if (lua_rawgetp(L, lua_upvalueindex(1), s) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushstring(L, s);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, lua_upvalueindex(1), s);
    }
}

/* t[key] = s, a static string, where t is on top; nothing when s is NULL (the
 * key is then absent). */
static void set_string(lua_State *L, const char *key, const char *s) {
    if (s != NULL) {
        push_static(L, s);
        lua_setfield(L, -2, key);
    }
}

/* t[key] = s, a string in a caller's buffer; nothing when s is NULL. */
static void set_text(lua_State *L, const char *key, const char *s) {
    if (s != NULL) {
        lua_pushstring(L, s);
        lua_setfield(L, -2, key);
    }
}

static void set_boolean(lua_State *L, const char *key, int b) {
    lua_pushboolean(L, b);
    lua_setfield(L, -2, key);
}

static int narr(size_t n) {
    return n <= (size_t)INT_MAX ? (int)n : 0;
}

/* Push a code: an integer for a basic code, a string ("5.7.8") otherwise. */
static void push_code(lua_State *L, const sc_code *c) {
    if (c->kind == SC_CODE_BASIC) {
        lua_pushinteger(L, c->value);
    } else {
        char buf[SC_CODE_TEXT_MAX];
        size_t n = sc_code_format(c, buf, sizeof buf);
        lua_pushlstring(L, buf, n);
    }
}

/* t[key] = array of the non-NULL strings of v[0 .. n-1], static strings
 * when `is_static`, else strings in a buffer. */
static void set_strings(lua_State *L, const char *key,
                        const char *const *v, size_t n, int is_static) {
    size_t i;
    lua_Integer j = 0;
    if (v == NULL)
        n = 0;
    lua_createtable(L, narr(n), 0);
    for (i = 0; i < n; i++) {
        if (v[i] != NULL) {
            if (is_static)
                push_static(L, v[i]);
            else
                lua_pushstring(L, v[i]);
            lua_rawseti(L, -2, ++j);
        }
    }
    lua_setfield(L, -2, key);
}

/* t[key] = {label key = heading} for every heading, in language `lang`. */
static void set_labels(lua_State *L, const char *key, int lang) {
    int id;
    lua_createtable(L, 0, SC_LABEL_COUNT);
    for (id = 0; id < SC_LABEL_COUNT; id++) {
        const char *k = sc_label_key(id);
        const char *text = sc_label(lang, id);
        if (k != NULL && text != NULL) {
            push_static(L, text);
            lua_setfield(L, -2, k);
        }
    }
    lua_setfield(L, -2, key);
}

/* Append `s` to `b` as a short printable token a Lua reader can paste back:
 * between `quote`s, at most SHOW_MAX bytes, other than printable ASCII as
 * \ddd, then "..." if cut. */
static void add_shown(luaL_Buffer *b, const char *s, size_t len, char quote) {
    size_t i, n = len < SHOW_MAX ? len : SHOW_MAX;
    luaL_addchar(b, quote);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != (unsigned char)quote && c != '\\') {
            luaL_addchar(b, (char)c);
        } else {
            char e[4];
            e[0] = '\\';
            e[1] = (char)('0' + c / 100);
            e[2] = (char)('0' + c / 10 % 10);
            e[3] = (char)('0' + c % 10);
            luaL_addlstring(b, e, sizeof e);
        }
    }
    luaL_addchar(b, quote);
    if (len > n)
        luaL_addstring(b, "...");
}

/* Keep only the `n` values on top of the stack above its first `base` slots
 * (the arguments), dropping what lies between (a text buffer, a partial
 * result), and return n: every path leaves exactly arguments + results. */
static int finish(lua_State *L, int base, int n) {
    if (lua_gettop(L) - n > base) {
        lua_rotate(L, base + 1, n);
        lua_settop(L, base + n);
    }
    return n;
}

/* Push nil and `msg`; the caller returns 2. */
static int fail(lua_State *L, const char *msg) {
    lua_pushnil(L);
    lua_pushstring(L, msg);
    return 2;
}

/* ------------------------------------------------------------------------ */
/* Arguments                                                                */
/* ------------------------------------------------------------------------ */

/* Raise unless argument `arg` can be a code: a string, an integer, or a float
 * with an exact integer value (as luaL_checkinteger accepts). */
static void check_code(lua_State *L, int arg) {
    int t = lua_type(L, arg);
    if (t == LUA_TSTRING)
        return;
    if (t == LUA_TNUMBER) {
        int isint;
        (void)lua_tointegerx(L, arg, &isint);
        if (!isint)
            luaL_argerror(L, arg, "number has no integer representation");
        return;
    }
    luaL_typeerror(L, arg, "integer or string");
}

/* The code at `arg` (already checked) as a code of `protocol`: an sc_status. */
static int to_code(lua_State *L, int arg, int protocol, sc_code *out) {
    if (lua_type(L, arg) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, arg, &len);
        return sc_code_parse(protocol, s, len, out);
    } else {
        lua_Integer v = lua_tointegerx(L, arg, NULL);
#if LUA_MAXINTEGER > LONG_MAX
        if (v < LONG_MIN || v > LONG_MAX)
            return SC_EMALFORMED;
#endif
        return sc_code_from_int(protocol, (long)v, out);
    }
}

/* Return nil and a message about the code at `arg` that gave `status`:
 * 'smtp code "5.x.1": code is not well-formed'. */
static int fail_code(lua_State *L, int arg, int protocol, int status) {
    luaL_Buffer b;
    const char *name = sc_protocol_name((size_t)protocol);
    lua_pushnil(L);
    luaL_buffinit(L, &b);
    if (name != NULL) {
        luaL_addstring(&b, name);
        luaL_addchar(&b, ' ');
    }
    luaL_addstring(&b, "code ");
    if (lua_type(L, arg) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, arg, &len);
        add_shown(&b, s, len, '"');
    } else {
        lua_pushfstring(L, "%I", (LUAI_UACINT)lua_tointegerx(L, arg, NULL));
        luaL_addvalue(&b);
    }
    luaL_addstring(&b, ": ");
    luaL_addstring(&b, sc_strerror(status));
    if (status == SC_EMALFORMED && name != NULL) {
        luaL_addstring(&b, "; give ");
        luaL_addstring(&b, sc_protocol_help((size_t)protocol));
    }
    luaL_pushresult(&b);
    return 2;
}

/* parse's protocol: the one given, or -1 to read it from the text. */
#define PARSE_PROTOCOL(o) ((o)->protocol_given ? (o)->protocol : -1)

typedef struct options {
    int protocol;
    int protocol_given; /* 0: the default, which parse reads as "detect" */
    int protocol_b; /* compare's second code; the protocol unless given */
    int lang;
    int details; /* parse: 1 to add code_info and enhanced_info */
} options;

/* Return nil and "unknown <what> "x" (valid: a, b, c)". */
static int fail_name(lua_State *L, const char *what, const char *s,
                     size_t len, const char *(*name_of)(size_t),
                     size_t count) {
    luaL_Buffer b;
    size_t i;
    const char *sep = "";
    lua_pushnil(L);
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "unknown ");
    luaL_addstring(&b, what);
    luaL_addchar(&b, ' ');
    add_shown(&b, s, len, '"');
    if (name_of == sc_lang_tag && sc_lang_refusal(s, len) != NULL) {
        luaL_addstring(&b, " (");
        luaL_addstring(&b, sc_lang_refusal(s, len));
        luaL_addchar(&b, ')');
    }
    luaL_addstring(&b, " (valid: ");
    for (i = 0; i < count; i++) {
        const char *n = name_of(i);
        if (n != NULL) {
            luaL_addstring(&b, sep);
            luaL_addstring(&b, n);
            sep = ", ";
        }
    }
    luaL_addchar(&b, ')');
    luaL_pushresult(&b);
    return 2;
}

/* Read the options table at `arg` (absent or nil: defaults) into `o`,
 * accepting the keys in `allowed`. Misuse raises. Returns 0 when all is well;
 * else pushes nil and a message (unknown protocol or language) and returns 2,
 * for the caller to return. */
static int get_options(lua_State *L, int arg, int allowed, options *o) {
    const char *proto = NULL, *lang = NULL, *proto_b = NULL;
    size_t proto_len = 0, lang_len = 0, proto_b_len = 0;
    /* The core's default protocol (smtp); English, id 0, the language every
     * text falls back to, the default language. */
    o->protocol = sc_protocol_default();
    o->lang = 0;
    o->details = 0;
    if (!lua_isnoneornil(L, arg)) {
        luaL_checktype(L, arg, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, arg) != 0) {
            size_t klen, vlen;
            const char *key, *val;
            int which = 0;
            if (lua_type(L, -2) != LUA_TSTRING)
                return luaL_argerror(L, arg, lua_pushfstring(L,
                    "option keys must be strings, got %s",
                    luaL_typename(L, -2)));
            key = lua_tolstring(L, -2, &klen);
            if ((allowed & OPT_PROTOCOL) && klen == 8
                && memcmp(key, "protocol", 8) == 0)
                which = OPT_PROTOCOL;
            else if ((allowed & OPT_LANG) && klen == 4
                     && memcmp(key, "lang", 4) == 0)
                which = OPT_LANG;
            else if ((allowed & OPT_PROTOCOL_B) && klen == 10
                     && memcmp(key, "protocol_b", 10) == 0)
                which = OPT_PROTOCOL_B;
            else if ((allowed & OPT_DETAILS) && klen == 7
                     && memcmp(key, "details", 7) == 0) {
                if (!lua_isboolean(L, -1))
                    return luaL_argerror(L, arg, lua_pushfstring(L,
                        "option 'details' must be a boolean, got %s",
                        luaL_typename(L, -1)));
                o->details = lua_toboolean(L, -1);
                lua_pop(L, 1);
                continue;
            }
            else {
                luaL_Buffer b;
                luaL_buffinit(L, &b);
                luaL_addstring(&b, "unknown option ");
                add_shown(&b, key, klen, '\'');
                luaL_pushresult(&b);
                return luaL_argerror(L, arg, lua_tostring(L, -1));
            }
            if (lua_type(L, -1) != LUA_TSTRING)
                return luaL_argerror(L, arg, lua_pushfstring(L,
                    "option '%s' must be a string, got %s", key,
                    luaL_typename(L, -1)));
            /* The strings stay alive: the options table holds them. */
            val = lua_tolstring(L, -1, &vlen);
            if (which == OPT_PROTOCOL) {
                proto = val;
                proto_len = vlen;
            } else if (which == OPT_PROTOCOL_B) {
                proto_b = val;
                proto_b_len = vlen;
            } else {
                lang = val;
                lang_len = vlen;
            }
            lua_pop(L, 1);
        }
    }
    o->protocol_given = proto != NULL;
    if (proto != NULL) {
        o->protocol = sc_protocol_find(proto, proto_len);
        if (o->protocol < 0)
            return fail_name(L, "protocol", proto, proto_len,
                             sc_protocol_name, sc_protocol_count());
    }
    o->protocol_b = o->protocol;
    if (proto_b != NULL) {
        o->protocol_b = sc_protocol_find(proto_b, proto_b_len);
        if (o->protocol_b < 0)
            return fail_name(L, "protocol", proto_b, proto_b_len,
                             sc_protocol_name, sc_protocol_count());
    }
    if (lang != NULL) {
        o->lang = sc_lang_find(lang, lang_len);
        if (o->lang < 0)
            return fail_name(L, "language", lang, lang_len, sc_lang_tag,
                             sc_lang_count());
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* describe                                                                 */
/* ------------------------------------------------------------------------ */

/* The names of the SC_TEXT_* bits, for "untranslated". */
#define TEXT_FIELD(key, bit) {bit, #key},
static const struct {
    unsigned bit;
    const char *field;
} text_fields[] = {SC_TEXT_FIELDS(TEXT_FIELD)};

#define NTEXT_FIELDS (sizeof text_fields / sizeof text_fields[0])

#define EQUIV_FIELD(key) #key,
static const char *const equiv_keys[] = {SC_EQUIVALENT_FIELDS(EQUIV_FIELD)};

/* Push equivalent `q` as {protocol =, code =, name =, closeness =, note =}
 * (note absent when there is none). */
static void push_equivalent(lua_State *L, const sc_equivalent *q) {
    lua_createtable(L, 0, 5);
    set_string(L, equiv_keys[0], sc_protocol_name((size_t)q->code.protocol));
    push_code(L, &q->code);
    lua_setfield(L, -2, equiv_keys[1]);
    set_string(L, equiv_keys[2], q->name);
    set_string(L, equiv_keys[3], q->closeness);
    set_string(L, equiv_keys[4], q->note);
}

/* Push item `i` of list `list` of `in`: a string, a code or an equivalent
 * table. */
static void push_item(lua_State *L, const sc_info *in, int list, size_t i) {
    sc_code c;
    sc_equivalent q;
    if (list == SC_LIST_EQUIVALENTS && sc_info_equivalent(in, i, &q) == SC_OK)
        push_equivalent(L, &q);
    else if (sc_info_code(in, list, i, &c) == SC_OK)
        push_code(L, &c);
    else
        push_static(L, sc_info_string(in, list, i));
}

/* t[key] = array of list `list` of `in`. */
static void set_list(lua_State *L, const sc_info *in, const char *key,
                     int list) {
    size_t i, n = in->count[list];
    lua_createtable(L, narr(n), 0);
    for (i = 0; i < n; i++) {
        push_item(L, in, list, i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, key);
}

static void set_untranslated(lua_State *L, const char *key, unsigned bits) {
    size_t i;
    lua_Integer n = 0;
    lua_createtable(L, (int)NTEXT_FIELDS, 0);
    for (i = 0; i < NTEXT_FIELDS; i++) {
        if (bits & text_fields[i].bit) {
            push_static(L, text_fields[i].field);
            lua_rawseti(L, -2, ++n);
        }
    }
    lua_setfield(L, -2, key);
}

/* How each field type of SC_INFO_FIELDS reads its member (GET_) and sets
 * it in the table on top (SET_). */
#define GET_PROTOCOL(in, m) ((in)->m)
#define GET_CODE(in, m) (&(in)->m)
#define GET_STR(in, m) ((in)->m)
#define GET_BOOL(in, m) ((in)->m)
#define GET_LIST(in, m) (m)
#define GET_LANG(in, m) ((in)->m)
#define GET_UNTRANSLATED(in, m) ((in)->m)
#define GET_LABELS(in, m) ((in)->m)
#define SET_PROTOCOL(L, in, k, v) set_string(L, k, sc_protocol_name((size_t)(v)))
#define SET_CODE(L, in, k, v) (push_code(L, v), lua_setfield(L, -2, k))
#define SET_STR(L, in, k, v) set_string(L, k, v)
#define SET_BOOL(L, in, k, v) set_boolean(L, k, v)
#define SET_LIST(L, in, k, v) set_list(L, in, k, v)
#define SET_LANG(L, in, k, v) set_string(L, k, sc_lang_tag((size_t)(v)))
#define SET_UNTRANSLATED(L, in, k, v) set_untranslated(L, k, v)
#define SET_LABELS(L, in, k, v) set_labels(L, k, v)

#define COUNT_FIELD(key, type, member) +1
enum { NINFO_FIELDS = 0 SC_INFO_FIELDS(COUNT_FIELD) };

/* Push the describe table of `in`, built field by field. Uses six stack
 * slots at most. */
static void build_info(lua_State *L, const sc_info *in) {
    lua_createtable(L, 0, NINFO_FIELDS);
#define SET_INFO(key, type, member)                                         \
    SET_##type(L, in, #key, GET_##type(in, member));
    SC_INFO_FIELDS(SET_INFO)
#undef SET_INFO
}

/* ------------------------------------------------------------------------ */
/* describe constructors                                                    */
/* ------------------------------------------------------------------------ */

/* describe() runs in loops, and a C function filling a table through the API
 * pays a few calls per field, where Lua's own table constructor pays one
 * instruction: field by field, a describe cost more than copying the same
 * table in pure Lua. So the first describe of a listed code in a language
 * compiles a constructor for its table: a Lua function whose upvalues are
 * the values (the core's strings as Lua strings, the codes) and whose body
 * is a single table constructor, with nested constructors for the arrays and
 * the labels. Every later describe of that code runs it: a fresh table, at
 * the speed of the Lua VM, with no lookups. The source holds only the keys
 * (this file's names and sc_label_key()'s) and the names of the upvalues,
 * never a value, so nothing from the knowledge base is parsed as code.
 *
 * Constructors live in the cache of upvalue 1 under an integer key
 * (ctor_key), at most CTOR_MAX of them per Lua state: they are bounded by the
 * listed codes times the languages, and cost about 2 KiB each. A table with
 * more values than a Lua function may have locals is built field by field. */
#define CTOR_MAX 1024
#define CTOR_VALUES 180 /* Lua allows 200 locals per function */
#define CTOR_HEAD 1536  /* "local a1,...,a180=... return function() " */
#define CTOR_SRC 8192

/* Key of the count of constructors in the cache. */
static const char ctor_count_key = 0;

/* The cache key of the constructor of describe(code, protocol, lang), or 0
 * when the values do not fit (never for a code sc_describe accepted). */
static lua_Integer ctor_key(int protocol, int lang, const sc_code *c) {
    if (protocol < 0 || protocol > 255 || lang < 0 || lang > 255 ||
        c->kind < 1 || c->kind > 2 || c->value < 0 || c->value > 0xFFFFF ||
        c->subject < 0 || c->subject > 1023 || c->detail < 0 ||
        c->detail > 1023)
        return 0;
    return ((lua_Integer)c->kind << 56) | ((lua_Integer)protocol << 48) |
           ((lua_Integer)lang << 40) | ((lua_Integer)c->value << 20) |
           ((lua_Integer)c->subject << 10) | (lua_Integer)c->detail;
}

/* The source of a constructor being written, after CTOR_HEAD bytes kept for
 * its header, and the number of values pushed for it. `ok` turns 0 when it
 * does not fit. */
typedef struct ctor {
    char src[CTOR_HEAD + CTOR_SRC];
    size_t len;
    int n, ok;
} ctor;

static void ctor_put(ctor *g, const char *s, size_t k) {
    if (!g->ok || k >= CTOR_SRC - g->len) {
        g->ok = 0;
        return;
    }
    memcpy(g->src + CTOR_HEAD + g->len, s, k);
    g->len += k;
}

#define CTOR_LIT(g, lit) ctor_put((g), (lit), sizeof(lit) - 1)

/* `["key"]=`; a key that is not a plain name makes the constructor fail. */
static void ctor_key_text(ctor *g, const char *key) {
    size_t i, k = key != NULL ? strlen(key) : 0;
    for (i = 0; i < k; i++) {
        char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            g->ok = 0;
    }
    if (k == 0)
        g->ok = 0;
    CTOR_LIT(g, "[\"");
    ctor_put(g, key != NULL ? key : "", k);
    CTOR_LIT(g, "\"]=");
}

/* The value on top of the stack becomes the next upvalue: writes "aN,". */
static void ctor_value(ctor *g) {
    char name[16];
    int k;
    if (g->n >= CTOR_VALUES) {
        g->ok = 0;
        return;
    }
    k = snprintf(name, sizeof name, "a%d,", ++g->n);
    ctor_put(g, name, (size_t)k);
}

static void ctor_string(lua_State *L, ctor *g, const char *key,
                        const char *s) {
    if (s != NULL && g->ok) {
        ctor_key_text(g, key);
        push_static(L, s);
        ctor_value(g);
    }
}

static void ctor_boolean(ctor *g, const char *key, int b) {
    ctor_key_text(g, key);
    if (b)
        CTOR_LIT(g, "true,");
    else
        CTOR_LIT(g, "false,");
}

/* `key={v1,v2,...},`: list `list` of `in`; an equivalent is a nested
 * constructor of its fields. */
static void ctor_list(lua_State *L, ctor *g, const sc_info *in,
                      const char *key, int list) {
    size_t i, n = in->count[list];
    ctor_key_text(g, key);
    CTOR_LIT(g, "{");
    for (i = 0; i < n && g->ok; i++) {
        sc_equivalent q;
        if (list == SC_LIST_EQUIVALENTS &&
            sc_info_equivalent(in, i, &q) == SC_OK) {
            CTOR_LIT(g, "{");
            ctor_string(L, g, equiv_keys[0],
                        sc_protocol_name((size_t)q.code.protocol));
            ctor_key_text(g, equiv_keys[1]);
            push_code(L, &q.code);
            ctor_value(g);
            ctor_string(L, g, equiv_keys[2], q.name);
            ctor_string(L, g, equiv_keys[3], q.closeness);
            ctor_string(L, g, equiv_keys[4], q.note);
            CTOR_LIT(g, "},");
        } else {
            push_item(L, in, list, i);
            ctor_value(g);
        }
    }
    CTOR_LIT(g, "},");
}

static void ctor_untranslated(lua_State *L, ctor *g, const char *key,
                              unsigned bits) {
    size_t i;
    ctor_key_text(g, key);
    CTOR_LIT(g, "{");
    for (i = 0; i < NTEXT_FIELDS && g->ok; i++) {
        if (bits & text_fields[i].bit) {
            push_static(L, text_fields[i].field);
            ctor_value(g);
        }
    }
    CTOR_LIT(g, "},");
}

static void ctor_labels(lua_State *L, ctor *g, const char *key, int lang) {
    int id;
    ctor_key_text(g, key);
    CTOR_LIT(g, "{");
    for (id = 0; id < SC_LABEL_COUNT && g->ok; id++) {
        const char *k = sc_label_key(id);
        const char *text = sc_label(lang, id);
        if (k != NULL && text != NULL) {
            ctor_key_text(g, k);
            push_static(L, text);
            ctor_value(g);
        }
    }
    CTOR_LIT(g, "},");
}

/* How each field type of SC_INFO_FIELDS goes into a constructor. */
#define CTOR_PROTOCOL(L, g, in, k, v)                                       \
    ctor_string(L, g, k, sc_protocol_name((size_t)(v)))
#define CTOR_CODE(L, g, in, k, v)                                           \
    (ctor_key_text(g, k), push_code(L, v), ctor_value(g))
#define CTOR_STR(L, g, in, k, v) ctor_string(L, g, k, v)
#define CTOR_BOOL(L, g, in, k, v) ctor_boolean(g, k, v)
#define CTOR_LIST(L, g, in, k, v) ctor_list(L, g, in, k, v)
#define CTOR_LANG(L, g, in, k, v) ctor_string(L, g, k, sc_lang_tag((size_t)(v)))
#define CTOR_UNTRANSLATED(L, g, in, k, v) ctor_untranslated(L, g, k, v)
#define CTOR_LABELS(L, g, in, k, v) ctor_labels(L, g, k, v)

/* Compile the constructor of the describe table of `in` (what build_info
 * makes, field for field) and push it; returns 1. Returns 0, the stack as it
 * was, if it cannot be made. Raises only when out of memory. */
static int make_ctor(lua_State *L, const sc_info *in) {
    ctor *g;
    char head[CTOR_HEAD];
    size_t hlen;
    int id, base = lua_gettop(L);
    if (!lua_checkstack(L, CTOR_VALUES + 8))
        return 0;
    /* The source buffer is a userdata, freed by the GC even if a Lua error
     * unwinds (it is too large for the C stack of a library function). */
    g = (ctor *)lua_newuserdatauv(L, sizeof *g, 0);
    g->len = 0;
    g->n = 0;
    g->ok = 1;
    CTOR_LIT(g, "return {");
#define CTOR_INFO(key, type, member)                                        \
    CTOR_##type(L, g, in, #key, GET_##type(in, member));
    SC_INFO_FIELDS(CTOR_INFO)
#undef CTOR_INFO
    CTOR_LIT(g, "} end");
    if (!g->ok || g->n == 0) {
        lua_settop(L, base);
        return 0;
    }
    /* "local a1,...,aN=... return function() return {...} end" */
    hlen = (size_t)snprintf(head, sizeof head, "local a1");
    for (id = 2; id <= g->n && hlen < sizeof head - 64; id++)
        hlen += (size_t)snprintf(head + hlen, sizeof head - hlen, ",a%d", id);
    hlen += (size_t)snprintf(head + hlen, sizeof head - hlen,
                             "=... return function() ");
    if (id <= g->n || hlen > CTOR_HEAD) {
        lua_settop(L, base);
        return 0;
    }
    memcpy(g->src + CTOR_HEAD - hlen, head, hlen);
    if (luaL_loadbuffer(L, g->src + CTOR_HEAD - hlen, hlen + g->len,
                        "=statuscodes.describe") != LUA_OK) {
        lua_settop(L, base);
        return 0;
    }
    /* Stack: userdata, the n values, the chunk. Run the chunk with the
     * values: it returns the constructor, which keeps them as upvalues. */
    lua_insert(L, base + 2);
    lua_call(L, g->n, 1);
    lua_remove(L, base + 1); /* the userdata */
    return 1;
}

/* Push the describe table of `in`: from its constructor for a listed code
 * (compiled now if need be), else field by field. */
static void push_info(lua_State *L, const sc_info *in) {
    lua_Integer key = in->known ? ctor_key(in->code.protocol, in->lang, &in->code)
                                : 0, count;
    if (key == 0) {
        build_info(L, in);
        return;
    }
    if (lua_rawgeti(L, lua_upvalueindex(1), key) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        lua_rawgetp(L, lua_upvalueindex(1), &ctor_count_key);
        count = lua_tointeger(L, -1);
        lua_pop(L, 1);
        if (count >= CTOR_MAX || !make_ctor(L, in)) {
            build_info(L, in);
            return;
        }
        lua_pushvalue(L, -1);
        lua_rawseti(L, lua_upvalueindex(1), key);
        lua_pushinteger(L, count + 1);
        lua_rawsetp(L, lua_upvalueindex(1), &ctor_count_key);
    }
    lua_call(L, 0, 1);
}

/* describe(code [, opts]) --> table | nil, err
 * code: 535, "535" or "5.7.8"; opts: {protocol = "smtp", lang = "en"}.
 * Keys: protocol, code (integer, or string for an enhanced code), name,
 * class, class_name, subject and subject_name (enhanced codes only),
 * description, when, fix, known, source, retry, retry_advice, retryable,
 * actor, actor_text, commands, references, related, variants, basic (arrays),
 * lang, untranslated (names of the texts shown in English), labels. */
static int l_describe(lua_State *L) {
    options o;
    sc_code code;
    sc_info info;
    lua_Integer key;
    int st;
    check_code(L, 1);
    if (get_options(L, 2, OPT_PROTOCOL | OPT_LANG, &o) != 0)
        return 2;
    st = to_code(L, 1, o.protocol, &code);
    if (st != SC_OK)
        return fail_code(L, 1, o.protocol, st);
    /* Only listed codes have constructors, so one found needs no core call. */
    key = ctor_key(o.protocol, o.lang, &code);
    if (key != 0) {
        if (lua_rawgeti(L, lua_upvalueindex(1), key) == LUA_TFUNCTION) {
            lua_call(L, 0, 1);
            return 1;
        }
        lua_pop(L, 1);
    }
    st = sc_describe(&code, o.lang, &info);
    if (st != SC_OK)
        return fail_code(L, 1, o.protocol, st);
    push_info(L, &info);
    return 1;
}

/* ------------------------------------------------------------------------ */
/* compare                                                                  */
/* ------------------------------------------------------------------------ */

/* How each field type of SC_COMPARE_FIELDS sets its member. */
#define CSET_PROTOCOL(L, c, k, m) set_string(L, k, sc_protocol_name((size_t)(c)->m))
#define CSET_TEXT(L, c, k, m) set_text(L, k, (c)->m)
#define CSET_BOOL(L, c, k, m) set_boolean(L, k, (c)->m)
#define CSET_INFO(L, c, k, m) (push_info(L, &(c)->m), lua_setfield(L, -2, k))
#define CSET_TEXTS(L, c, k, m)                                              \
    set_strings(L, k, (c)->m,                                               \
                (c)->n##m < sizeof (c)->m / sizeof (c)->m[0]                \
                    ? (c)->n##m : sizeof (c)->m / sizeof (c)->m[0], 0)
#define CSET_STRS(L, c, k, m)                                               \
    set_strings(L, k, (c)->m,                                               \
                (c)->n##m < sizeof (c)->m / sizeof (c)->m[0]                \
                    ? (c)->n##m : sizeof (c)->m / sizeof (c)->m[0], 1)
#define CSET_LANG(L, c, k, m) set_string(L, k, sc_lang_tag((size_t)(c)->m))
#define CSET_UNTRANSLATED(L, c, k, m) set_untranslated(L, k, (c)->m)
#define CSET_LABELS(L, c, k, m) set_labels(L, k, (c)->m)

static void push_comparison(lua_State *L, const sc_comparison *cmp) {
    lua_createtable(L, 0, 12);
#define SET_COMPARE(key, type, member) CSET_##type(L, cmp, #key, member);
    SC_COMPARE_FIELDS(SET_COMPARE)
#undef SET_COMPARE
}

/* compare(a, b [, opts]) --> table | nil, err
 * opts: {protocol = "smtp", lang = "en", protocol_b = "http"}: b is read in
 * protocol_b when given, else in protocol (SMTP 421 against HTTP 503).
 * Keys: those of SC_COMPARE_FIELDS (statuscodes.h): protocol, title, summary,
 * same_class, a and b (describe tables), differences, when_to_use,
 * learn_more (arrays), lang, labels. */
static int l_compare(lua_State *L) {
    options o;
    sc_code a, b;
    sc_comparison cmp;
    char buf[SC_COMPARE_BUFSIZE];
    int st;
    check_code(L, 1);
    check_code(L, 2);
    if (get_options(L, 3, OPT_PROTOCOL | OPT_LANG | OPT_PROTOCOL_B, &o) != 0)
        return 2;
    if ((st = to_code(L, 1, o.protocol, &a)) != SC_OK)
        return fail_code(L, 1, o.protocol, st);
    if ((st = to_code(L, 2, o.protocol_b, &b)) != SC_OK)
        return fail_code(L, 2, o.protocol_b, st);
    st = sc_compare(&a, &b, o.lang, &cmp, buf, sizeof buf);
    if (st != SC_OK)
        return fail(L, sc_strerror(st));
    push_comparison(L, &cmp);
    return 1;
}

/* ------------------------------------------------------------------------ */
/* parse                                                                    */
/* ------------------------------------------------------------------------ */

/* t[key] = the lines of the reply s[start .. end), each without its CR LF
 * or LF. */
static void set_lines(lua_State *L, const char *key, const char *s,
                      size_t len, const sc_verdict *v) {
    size_t end = v->end < len ? v->end : len;
    size_t p = v->start < end ? v->start : end, pos = 0, start, n;
    lua_Integer i = 0;
    lua_createtable(L, narr(v->nlines), 0);
    while (sc_next_line(s + p, end - p, &pos, &start, &n)) {
        lua_pushlstring(L, s + p + start, n);
        lua_rawseti(L, -2, ++i);
    }
    lua_setfield(L, -2, key);
}

/* t[key] = describe table of `c` in language `lang`. */
static void set_info(lua_State *L, const char *key, const sc_code *c,
                     int lang) {
    sc_info info;
    if (sc_describe(c, lang, &info) == SC_OK) {
        push_info(L, &info);
        lua_setfield(L, -2, key);
    }
}

static void set_why(lua_State *L, const char *key, const sc_verdict *v,
                    int lang) {
    char why[SC_WHY_MAX];
    size_t n = sc_verdict_why_in(v, lang, why, sizeof why);
    lua_pushlstring(L, why, n < sizeof why ? n : sizeof why - 1);
    lua_setfield(L, -2, key);
}

/* How each field type of SC_VERDICT_FIELDS sets its member; a field with
 * nothing to say is absent. */
#define VSET_OPTCODE(L, v, k, m)                                            \
    do {                                                                    \
        if ((v)->has_##m) {                                                 \
            push_code(L, &(v)->m);                                          \
            lua_setfield(L, -2, k);                                         \
        }                                                                   \
    } while (0)
#define VSET_VTEXT(L, v, k, m)                                              \
    do {                                                                    \
        if ((v)->m != NULL) {                                               \
            lua_pushlstring(L, (v)->m, (v)->text_len);                      \
            lua_setfield(L, -2, k);                                         \
        }                                                                   \
    } while (0)
#define VSET_LINES(L, v, k, m) set_lines(L, k, s, len, v)
#define VSET_STR(L, v, k, m) set_string(L, k, (v)->m)
#define VSET_TRISTATE(L, v, k, m)                                           \
    do {                                                                    \
        if ((v)->m >= 0)                                                    \
            set_boolean(L, k, (v)->m);                                      \
    } while (0)
#define VSET_BOOL(L, v, k, m) set_boolean(L, k, (v)->m)
#define VSET_ACTION(L, v, k, m) set_string(L, k, sc_action_name((v)->m))
#define VSET_REASON(L, v, k, m) set_string(L, k, sc_reason_name((v)->m))
#define VSET_WHY(L, v, k, m) set_why(L, k, v, o->lang)
#define VSET_EVIDENCE(L, v, k, m) set_string(L, k, sc_evidence_name((v)->m))
#define VSET_PROTOCOL(L, v, k, m)                                           \
    set_string(L, k, sc_protocol_name((size_t)(v)->m))
#define VSET_OPTSECONDS(L, v, k, m)                                         \
    do {                                                                    \
        if ((v)->m >= 0) {                                                  \
            lua_pushinteger(L, (lua_Integer)(v)->m);                        \
            lua_setfield(L, -2, k);                                         \
        }                                                                   \
    } while (0)
#define VSET_SPAN(L, v, k, m)                                               \
    do {                                                                    \
        if ((v)->m##_len > 0 && (v)->m <= len &&                            \
            (v)->m##_len <= len - (v)->m) {                                 \
            lua_pushlstring(L, s + (v)->m, (v)->m##_len);                   \
            lua_setfield(L, -2, k);                                         \
        }                                                                   \
    } while (0)
#define VSET_OPTINFO(L, v, k, m)                                            \
    do {                                                                    \
        if (o->details && (v)->has_##m)                                     \
            set_info(L, k, &(v)->m, o->lang);                               \
    } while (0)

/* Push the parse table of verdict `v` on reply `s` (`len` bytes). Uses five
 * stack slots at most. */
static void push_verdict(lua_State *L, const char *s, size_t len,
                         const sc_verdict *v, const options *o) {
    lua_createtable(L, 0, 24);
#define SET_VERDICT(key, type, member) VSET_##type(L, v, #key, member);
    SC_VERDICT_FIELDS(SET_VERDICT)
#undef SET_VERDICT
}

/* A text buffer of `size` bytes: `small` if it fits, else a userdata pushed
 * on the stack (freed by the GC, so a Lua error cannot leak it). */
static char *text_buffer(lua_State *L, char *small, size_t size) {
    if (size <= SMALL_REPLY)
        return small;
    return (char *)lua_newuserdatauv(L, size, 0);
}

/* parse(reply [, opts]) --> table | nil, err
 * opts: {protocol = "http", lang = "en", details = true}: with details,
 * code_info and enhanced_info, the describe tables of the codes (in `lang`).
 * Keys: code (integer), enhanced (string), text, lines, class ("5xx"),
 * permanent (absent for success or no code), retryable, action, reason, why,
 * evidence, phrase, retry_hint, class_conflict, known, code_info and
 * enhanced_info (with details only); keys with nothing to say are absent. */
static int l_parse(lua_State *L) {
    options o;
    sc_verdict v;
    char small[SMALL_REPLY];
    char *text;
    size_t len;
    const char *s;
    int st, base = lua_gettop(L);
    luaL_checktype(L, 1, LUA_TSTRING);
    s = lua_tolstring(L, 1, &len);
    if (get_options(L, 2, OPT_PROTOCOL | OPT_LANG | OPT_DETAILS, &o) != 0)
        return 2;
    text = text_buffer(L, small, SC_PARSE_BUFSIZE(len));
    st = sc_parse_as(PARSE_PROTOCOL(&o), s, len, text, SC_PARSE_BUFSIZE(len), &v);
    if (st == SC_EEMPTY)
        return finish(L, base, fail(L, "empty reply"));
    if (st != SC_OK)
        return finish(L, base, fail(L, sc_strerror(st)));
    push_verdict(L, s, len, &v, &o);
    return finish(L, base, 1);
}

/* parse_many(replies [, opts]) --> array | nil, err
 * `replies` is either a sequence of replies, one string each (the result has
 * one table per element; an empty element fails the call with
 * "empty reply at index N"), or one string holding many, as a log does (the
 * result has one table per reply found, blank lines skipped). */
static int l_parse_many(lua_State *L) {
    options o;
    sc_verdict v;
    char small[SMALL_REPLY];
    char *text;
    size_t size, len;
    const char *s;
    lua_Integer i, n;
    int st, bslot, base = lua_gettop(L);
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t pos = 0;
        s = lua_tolstring(L, 1, &len);
        if (get_options(L, 2, OPT_PROTOCOL | OPT_LANG | OPT_DETAILS, &o) != 0)
            return 2;
        size = SC_PARSE_BUFSIZE(len);
        text = text_buffer(L, small, size);
        lua_newtable(L);
        for (i = 1;; i++) {
            size_t before = pos;
            st = sc_parse_next_as(PARSE_PROTOCOL(&o), s, len, &pos, text,
                                  size, &v);
            if (st == SC_EEMPTY)
                break;
            if (st != SC_OK)
                return finish(L, base, fail(L, sc_strerror(st)));
            push_verdict(L, s, len, &v, &o);
            lua_rawseti(L, -2, i);
            if (pos <= before || pos > len) /* no progress: stop, never loop */
                break;
        }
        return finish(L, base, 1);
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    /* Each element is parsed as it is read, with a buffer sized for it: a
     * finalizer run by the work on one element may change the table, and
     * must not make a valid reply fail (sizes measured in an earlier pass
     * would no longer hold). */
    n = (lua_Integer)lua_rawlen(L, 1);
    for (i = 1; i <= n; i++) { /* misuse raises before any work */
        if (lua_rawgeti(L, 1, i) != LUA_TSTRING)
            return luaL_argerror(L, 1, lua_pushfstring(L,
                "string expected at index %I, got %s", (LUAI_UACINT)i,
                luaL_typename(L, -1)));
        lua_pop(L, 1);
    }
    if (get_options(L, 2, OPT_PROTOCOL | OPT_LANG | OPT_DETAILS, &o) != 0)
        return 2;
    text = small;
    size = SMALL_REPLY;
    lua_pushnil(L); /* the slot of a larger text buffer */
    bslot = lua_gettop(L);
    lua_createtable(L, n <= INT_MAX ? (int)n : 0, 0);
    for (i = 1; i <= n; i++) {
        if (lua_rawgeti(L, 1, i) != LUA_TSTRING)
            return luaL_argerror(L, 1, lua_pushfstring(L,
                "string expected at index %I, got %s", (LUAI_UACINT)i,
                luaL_typename(L, -1)));
        s = lua_tolstring(L, -1, &len);
        if (SC_PARSE_BUFSIZE(len) > size) {
            size = SC_PARSE_BUFSIZE(len);
            if (size < 2 * SMALL_REPLY)
                size = 2 * SMALL_REPLY;
            text = (char *)lua_newuserdatauv(L, size, 0);
            lua_replace(L, bslot); /* the old buffer is garbage now */
        }
        st = sc_parse_as(PARSE_PROTOCOL(&o), s, len, text, size, &v);
        if (st == SC_EEMPTY) {
            lua_pushnil(L);
            lua_pushfstring(L, "empty reply at index %I", (LUAI_UACINT)i);
            return finish(L, base, 2);
        }
        if (st != SC_OK) {
            lua_pushnil(L);
            lua_pushfstring(L, "%s at index %I", sc_strerror(st),
                            (LUAI_UACINT)i);
            return finish(L, base, 2);
        }
        push_verdict(L, s, len, &v, &o);
        lua_rawseti(L, -3, i);
        lua_pop(L, 1); /* the reply */
    }
    return finish(L, base, 1);
}

/* parse_stream(source [, opts]) --> iterator | nil, err
 * The replies of a log as its lines come, as parse_log reads them: `source`
 * is a function that returns the next line, or nil at the end (io.lines(),
 * f:lines()), or a file (read with f:read("l")). Each call of the iterator
 * returns the next verdict, as soon as its reply is complete (a one-line
 * reply at once, "NNN-" lines at their "NNN " line, headers and dig's output
 * when a line starts something else, or at the end), or nil at the end.
 * Holds at most one reply that is still open. */

/* A reply still open longer than this is parsed as it stands. */
#define STREAM_PENDING_MAX 65536

/* The iterator's upvalues; the first, as every function's, is the table of
 * push_static(). */
enum { SU_STATIC = 1, SU_SOURCE, SU_OPTS, SU_QUEUE, SU_HEAD, SU_TAIL,
       SU_PENDING, SU_DONE };

/* Parse the complete replies of the pending lines (all of them if `final`)
 * into the queue, and keep the rest pending. */
static void stream_step(lua_State *L, const options *o, int final) {
    char small[SMALL_REPLY];
    char *text;
    size_t len, size, pos = 0, end, at;
    const char *s;
    lua_Integer tail = lua_tointeger(L, lua_upvalueindex(SU_TAIL));
    int top = lua_gettop(L), st;
    sc_verdict v;
    lua_pushvalue(L, lua_upvalueindex(SU_PENDING));
    s = lua_tolstring(L, -1, &len);
    size = SC_PARSE_BUFSIZE(len);
    text = text_buffer(L, small, size);
    lua_pushvalue(L, lua_upvalueindex(SU_QUEUE));
    for (;;) {
        st = sc_parse_next_complete(s, len, pos, &end);
        if (st == SC_EEMPTY) {
            pos = len;
            break;
        }
        if (st < 0 || (st == 0 && !final) || end > len || end < pos)
            break;
        at = pos;
        while (sc_parse_next_as(PARSE_PROTOCOL(o), s, end, &at, text, size,
                                &v) == SC_OK) {
            push_verdict(L, s, end, &v, o);
            lua_rawseti(L, -2, ++tail);
        }
        pos = end < len ? end + 1 : len;
    }
    lua_pushinteger(L, tail);
    lua_replace(L, lua_upvalueindex(SU_TAIL));
    lua_pushlstring(L, s + pos, len - pos);
    lua_replace(L, lua_upvalueindex(SU_PENDING));
    lua_settop(L, top);
}

static int stream_next(lua_State *L) {
    const options *o = (const options *)lua_touserdata(L,
                                                       lua_upvalueindex(SU_OPTS));
    for (;;) {
        lua_Integer head = lua_tointeger(L, lua_upvalueindex(SU_HEAD));
        lua_Integer tail = lua_tointeger(L, lua_upvalueindex(SU_TAIL));
        size_t n, plen;
        const char *line;
        if (head < tail) { /* a verdict is ready */
            lua_rawgeti(L, lua_upvalueindex(SU_QUEUE), ++head);
            lua_pushnil(L);
            lua_rawseti(L, lua_upvalueindex(SU_QUEUE), head);
            lua_pushinteger(L, head);
            lua_replace(L, lua_upvalueindex(SU_HEAD));
            return 1;
        }
        if (lua_toboolean(L, lua_upvalueindex(SU_DONE)))
            return 0;
        /* The next line. */
        if (lua_type(L, lua_upvalueindex(SU_SOURCE)) == LUA_TFUNCTION) {
            lua_pushvalue(L, lua_upvalueindex(SU_SOURCE));
            lua_call(L, 0, 1);
        } else {
            lua_pushvalue(L, lua_upvalueindex(SU_SOURCE));
            lua_getfield(L, -1, "read");
            lua_insert(L, -2);
            lua_pushliteral(L, "l");
            lua_call(L, 2, 1);
        }
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushboolean(L, 1);
            lua_replace(L, lua_upvalueindex(SU_DONE));
            stream_step(L, o, 1);
            continue;
        }
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "parse_stream: a line must be a string, "
                                 "got %s", luaL_typename(L, -1));
        line = lua_tolstring(L, -1, &n);
        if (n > 0 && line[n - 1] == '\n') /* f:lines("L") */
            n--;
        lua_tolstring(L, lua_upvalueindex(SU_PENDING), &plen);
        if (plen == 0) {
            size_t i;
            for (i = 0; i < n && strchr(" \t\r\v\f", line[i]) != NULL; i++)
                ;
            if (i == n) { /* a blank line between replies */
                lua_pop(L, 1);
                continue;
            }
            lua_pushlstring(L, line, n);
        } else {
            lua_pushvalue(L, lua_upvalueindex(SU_PENDING));
            lua_pushliteral(L, "\n");
            lua_pushlstring(L, line, n);
            lua_concat(L, 3);
        }
        plen = lua_rawlen(L, -1);
        lua_replace(L, lua_upvalueindex(SU_PENDING));
        lua_pop(L, 1); /* the line */
        stream_step(L, o, plen > STREAM_PENDING_MAX);
    }
}

static int l_parse_stream(lua_State *L) {
    options o, *kept;
    int t = lua_type(L, 1);
    if (t != LUA_TFUNCTION && t != LUA_TUSERDATA && t != LUA_TTABLE)
        return luaL_argerror(L, 1, lua_pushfstring(L,
            "function or file expected, got %s", luaL_typename(L, 1)));
    if (get_options(L, 2, OPT_PROTOCOL | OPT_LANG | OPT_DETAILS, &o) != 0)
        return 2;
    lua_settop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));              /* SU_STATIC */
    lua_pushvalue(L, 1);                                /* SU_SOURCE */
    kept = (options *)lua_newuserdatauv(L, sizeof o, 0); /* SU_OPTS */
    *kept = o;
    lua_newtable(L);                                    /* SU_QUEUE */
    lua_pushinteger(L, 0);                              /* SU_HEAD */
    lua_pushinteger(L, 0);                              /* SU_TAIL */
    lua_pushliteral(L, "");                             /* SU_PENDING */
    lua_pushboolean(L, 0);                              /* SU_DONE */
    lua_pushcclosure(L, stream_next, SU_DONE);
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Listings                                                                 */
/* ------------------------------------------------------------------------ */

/* codes([opts]) --> array | nil, err
 * Every code the base lists for opts.protocol: basic codes as integers in
 * numeric order, then enhanced codes as strings. */
static int l_codes(lua_State *L) {
    options o;
    size_t i, count;
    lua_Integer n = 0;
    if (get_options(L, 1, OPT_PROTOCOL, &o) != 0)
        return 2;
    count = sc_code_count(o.protocol);
    lua_createtable(L, narr(count), 0);
    for (i = 0; i < count; i++) {
        sc_code c;
        if (sc_code_at(o.protocol, i, &c) == SC_OK) {
            push_code(L, &c);
            lua_rawseti(L, -2, ++n);
        }
    }
    return 1;
}

/* parse_log(text [, opts]) --> array | nil, err
 * Every reply of a log held in one string: one reply per line, the lines of
 * a multi-line reply kept together, blank lines skipped (as Python's
 * parse_log; parse_many(text) does the same). */
static int l_parse_log(lua_State *L) {
    luaL_checktype(L, 1, LUA_TSTRING);
    return l_parse_many(L);
}

/* reasons([{lang=}]) --> array of {name =, summary = (in lang, English where
 * untranslated), example =, actions = {transient,
 * permanent}}, in the order parse() knows them. */
static int l_reasons(lua_State *L) {
    size_t i, n = sc_reason_count();
    options o;
    if (get_options(L, 1, OPT_LANG, &o) != 0)
        return 2;
    lua_createtable(L, narr(n), 0);
    for (i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        set_string(L, "name", sc_reason_name(i));
        set_string(L, "summary", sc_reason_summary_in(i, o.lang));
        set_string(L, "example", sc_reason_example(i));
        lua_createtable(L, 2, 0);
        push_static(L, sc_action_name(sc_reason_action(i, 0)));
        lua_rawseti(L, -2, 1);
        push_static(L, sc_action_name(sc_reason_action(i, 1)));
        lua_rawseti(L, -2, 2);
        lua_setfield(L, -2, "actions");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* A map of `count` strings in the language of the options at index 1:
 * key(i) -> text(i, lang); nil, message for bad options. What actions()
 * and words() return. */
static int lang_map(lua_State *L, int count, const char *(*key)(int),
                    const char *(*text)(int, int)) {
    int i;
    options o;
    if (get_options(L, 1, OPT_LANG, &o) != 0)
        return 2;
    lua_createtable(L, 0, count);
    for (i = 0; i < count; i++)
        set_string(L, key(i), text(i, o.lang));
    return 1;
}

/* actions([{lang=}]) --> map of action name to a sentence (in lang) saying
 * what it asks for */
static int l_actions(lua_State *L) {
    return lang_map(L, SC_ACTION_COUNT, sc_action_name, sc_action_summary_in);
}

static const char *word_in(int id, int lang) { return sc_word(lang, id); }

/* words([{lang=}]) --> map of key to the word shown around results, in lang
 * ("retry_after" -> "retry after"); a word may hold {placeholders}. */
static int l_words(lua_State *L) {
    return lang_map(L, sc_word_count(), sc_word_key, word_in);
}

/* protocols() --> array of names ("smtp", ...) */
static int l_protocols(lua_State *L) {
    size_t i, count = sc_protocol_count();
    lua_Integer n = 0;
    lua_createtable(L, narr(count), 0);
    for (i = 0; i < count; i++) {
        const char *name = sc_protocol_name(i);
        if (name != NULL) {
            push_static(L, name);
            lua_rawseti(L, -2, ++n);
        }
    }
    return 1;
}

/* language(tag) --> the tag of the language `tag` names ("fr" for "fr-CA"
 * or "fr_CA.UTF-8"), or nil and a message for a language not available, a
 * tag not well formed and Traditional Chinese. */
static int l_language(lua_State *L) {
    size_t len;
    const char *tag = luaL_checklstring(L, 1, &len);
    int id = sc_lang_find(tag, len);
    if (id < 0)
        return fail_name(L, "language", tag, len, sc_lang_tag,
                         sc_lang_count());
    push_static(L, sc_lang_tag((size_t)id));
    return 1;
}

/* languages() --> map of tag to the language's own name ({en = "English",
 * fr = "Français", ...}). English, the fallback of every text, is "en". */
static int l_languages(lua_State *L) {
    size_t i, count = sc_lang_count();
    lua_createtable(L, 0, narr(count));
    for (i = 0; i < count; i++) {
        const char *tag = sc_lang_tag(i);
        const char *name = sc_lang_name(i);
        if (tag != NULL && name != NULL) {
            push_static(L, name);
            lua_setfield(L, -2, tag);
        }
    }
    return 1;
}

/* Push an array of the describe tables of codes[0 .. n-1] in `lang`. */
static void push_infos(lua_State *L, const sc_code *codes, size_t n,
                       int lang) {
    size_t i;
    lua_Integer k = 0;
    lua_createtable(L, narr(n), 0);
    for (i = 0; i < n; i++) {
        sc_info info;
        if (sc_describe(&codes[i], lang, &info) == SC_OK) {
            push_info(L, &info);
            lua_rawseti(L, -2, ++k);
        }
    }
}

/* lookup(code [, opts]) --> array of describe tables | nil, err
 * Every protocol that lists `code` (an integer, or a string: a number, an
 * enhanced code, a symbol), in protocol order; an empty array when none
 * does. opts: {lang = "en"}. */
static int l_lookup(lua_State *L) {
    options o;
    sc_code found[64];
    char num[32];
    const char *s;
    size_t len, count;
    check_code(L, 1);
    if (get_options(L, 2, OPT_LANG, &o) != 0)
        return 2;
    if (lua_type(L, 1) == LUA_TSTRING) {
        s = lua_tolstring(L, 1, &len);
    } else {
        int k = snprintf(num, sizeof num, LUA_INTEGER_FMT,
                         (LUAI_UACINT)lua_tointegerx(L, 1, NULL));
        s = num;
        len = k > 0 ? (size_t)k : 0;
    }
    count = sc_lookup(s, len, found, sizeof found / sizeof found[0]);
    if (count > sizeof found / sizeof found[0])
        count = sizeof found / sizeof found[0];
    push_infos(L, found, count, o.lang);
    return 1;
}

/* search(words [, opts]) --> array of describe tables | nil, err
 * Listed codes whose name, gist or symbol holds every word (ASCII case
 * ignored). opts: {protocol = "http", lang = "en"}; without a protocol,
 * every protocol. */
static int l_search(lua_State *L) {
    options o;
    size_t len, count;
    int protocol = -1, base;
    sc_code *found;
    const char *s = luaL_checklstring(L, 1, &len);
    if (get_options(L, 2, OPT_PROTOCOL | OPT_LANG, &o) != 0)
        return 2;
    if (lua_type(L, 2) == LUA_TTABLE) {
        if (lua_getfield(L, 2, "protocol") != LUA_TNIL)
            protocol = o.protocol;
        lua_pop(L, 1);
    }
    base = lua_gettop(L);
    count = sc_search(protocol, s, len, NULL, 0);
    /* The matches go to a userdata: freed by the GC, even if a Lua error
     * unwinds, and alive while it sits on the stack. */
    found = (sc_code *)lua_newuserdatauv(L, (count ? count : 1) * sizeof *found,
                                         0);
    count = sc_search(protocol, s, len, found, count);
    push_infos(L, found, count, o.lang);
    return finish(L, base, 1);
}

/* ------------------------------------------------------------------------ */
/* Bounces                                                                  */
/* ------------------------------------------------------------------------ */

/* t[key] = msg[off, off+n), unless n is 0. */
static void set_span(lua_State *L, const char *key, const char *msg,
                     size_t len, size_t off, size_t n) {
    if (n == 0 || off > len || n > len - off)
        return;
    lua_pushlstring(L, msg + off, n);
    lua_setfield(L, -2, key);
}

/* parse_bounce(message [, opts]) --> array | nil, err
 * One table per recipient of a bounce (sc_bounce_next()): recipient,
 * original_recipient, dsn_action, status, remote_mta, diagnostic, source
 * ("dsn" or "text") and verdict (a parse table); absent keys say nothing.
 * opts: {lang = "en"}. */
static int l_parse_bounce(lua_State *L) {
    options o;
    sc_bounce_state bs = SC_BOUNCE_STATE_INIT;
    sc_bounce_rcpt rc;
    char *text;
    size_t len;
    const char *msg;
    lua_Integer i = 0;
    int st, base = lua_gettop(L);
    luaL_checktype(L, 1, LUA_TSTRING);
    msg = lua_tolstring(L, 1, &len);
    if (get_options(L, 2, OPT_LANG | OPT_DETAILS, &o) != 0)
        return 2;
    text = (char *)lua_newuserdatauv(L, SC_BOUNCE_BUFSIZE, 0);
    lua_newtable(L);
    while ((st = sc_bounce_next(msg, len, &bs, &rc, text,
                                SC_BOUNCE_BUFSIZE)) == SC_OK) {
        lua_createtable(L, 0, 8);
        set_span(L, "recipient", msg, len, rc.recipient, rc.recipient_len);
        set_span(L, "original_recipient", msg, len, rc.original,
                 rc.original_len);
        set_span(L, "dsn_action", msg, len, rc.dsn_action, rc.dsn_action_len);
        set_span(L, "status", msg, len, rc.status, rc.status_len);
        set_span(L, "remote_mta", msg, len, rc.remote_mta, rc.remote_mta_len);
        if (rc.diagnostic != NULL) {
            lua_pushlstring(L, rc.diagnostic, rc.diagnostic_len);
            lua_setfield(L, -2, "diagnostic");
        }
        set_string(L, "source", sc_bounce_source_name(rc.source));
        if (rc.has_verdict) {
            push_verdict(L, rc.reply, rc.reply_len, &rc.verdict, &o);
            lua_setfield(L, -2, "verdict");
        }
        lua_rawseti(L, -2, ++i);
    }
    if (st != SC_EEMPTY)
        return finish(L, base, fail(L, sc_strerror(st)));
    return finish(L, base, 1);
}

/* ------------------------------------------------------------------------ */
/* Mail logs: summarize                                                     */
/* ------------------------------------------------------------------------ */

static void lg_setint(lua_State *L, const char *key, unsigned long long n) {
    lua_pushinteger(L, (lua_Integer)n);
    lua_setfield(L, -2, key);
}

/* {name = n} of the nonzero counts (all of them with `all`). */
static void lg_counts(lua_State *L, const char *key,
                      const unsigned long long *c, size_t n,
                      const char *(*name)(int), int all) {
    size_t i;
    lua_createtable(L, 0, (int)n);
    for (i = 0; i < n; i++)
        if ((all || c[i]) && name((int)i) != NULL)
            lg_setint(L, name((int)i), c[i]);
    lua_setfield(L, -2, key);
}

static const char *lg_reason_name(int id) { return sc_reason_name((size_t)id); }

static void lg_table(lua_State *L, const char *key, const sc_summary_table *t,
                     const char *key_name) {
    size_t i;
    int a;
    lua_createtable(L, 0, 2);
    lua_createtable(L, (int)t->used, 0);
    for (i = 0; i < t->used; i++) {
        lua_createtable(L, 0, 3);
        lua_pushstring(L, t->keys[i].key);
        lua_setfield(L, -2, key_name);
        lg_setint(L, "count", t->keys[i].count);
        lua_createtable(L, 0, SC_ACTION_COUNT);
        for (a = 0; a < SC_ACTION_COUNT; a++)
            if (t->keys[i].action[a])
                lg_setint(L, sc_action_name(a), t->keys[i].action[a]);
        lua_setfield(L, -2, "actions");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "keys");
    lg_setint(L, "other", t->other);
    lua_setfield(L, -2, key);
}

/* {cells = {...}, other =, untimed =}: the time table, each cell a table
 * of the keys of SC_SUMMARY_CELL_FIELDS. */
#define LG_CELL_NUM(c, m) lua_pushinteger(L, (lua_Integer)(c)->m)
#define LG_CELL_REASON(c, m) lua_pushstring(L, sc_reason_name((c)->m))
#define LG_CELL_SET(m, type) LG_CELL_##type(c, m); lua_setfield(L, -2, #m);
static void lg_times(lua_State *L, const sc_summary_times *t) {
    size_t i;
    lua_createtable(L, 0, 3);
    lua_createtable(L, (int)t->used, 0);
    for (i = 0; i < t->used; i++) {
        const sc_summary_cell *c = &t->cells[i];
        lua_createtable(L, 0, 6);
        SC_SUMMARY_CELL_FIELDS(LG_CELL_SET)
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "cells");
    lg_setint(L, "other", t->other);
    lg_setint(L, "untimed", t->untimed);
    lua_setfield(L, -2, "times");
}
#undef LG_CELL_SET
#undef LG_CELL_REASON
#undef LG_CELL_NUM

/* sc.summarize(log [, {format = "postfix"}]) --> table, as Python's
 * summarize(): counts of a whole mail log held in one string. */
static int l_summarize(lua_State *L) {
    size_t len, i, k, nr = sc_reason_count();
    const char *log = luaL_checklstring(L, 1, &len);
    int format = SC_LOG_AUTO;
    lua_Integer nsup = 0;
    sc_summary *s;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "format") != LUA_TNIL) {
            const char *f = luaL_checkstring(L, -1);
            for (format = 0; format < SC_LOG_FORMAT_COUNT; format++)
                if (strcmp(f, sc_log_format_name(format)) == 0)
                    break;
            if (format == SC_LOG_FORMAT_COUNT) {
                lua_pushnil(L);
                lua_pushfstring(L, "unknown log format '%s': give auto, "
                                   "postfix, exim, sendmail or reply",
                                f);
                return 2;
            }
        }
        lua_pop(L, 1);
    }
    /* The state: a userdata the GC frees, even if an error unwinds. */
    s = (sc_summary *)lua_newuserdatauv(L, sizeof *s, 0);
    sc_summary_init(s, format);
    sc_summary_feed(s, log, len, 1);
    lua_createtable(L, 0, 25);
    lg_setint(L, "lines", s->lines);
    lg_setint(L, "bytes", s->bytes);
    lg_setint(L, "verdicts", s->verdicts);
    lg_setint(L, "permanent", s->permanent);
    lg_setint(L, "transient", s->transient);
    lg_setint(L, "unterminated", s->unterminated);
    lua_createtable(L, 0, 5);
    lg_setint(L, "blank", s->skipped_blank);
    lg_setint(L, "no_reply", s->skipped_noreply);
    lg_setint(L, "cut", s->skipped_cut);
    lg_setint(L, "binary", s->skipped_binary);
    lg_setint(L, "long", s->skipped_long);
    lua_setfield(L, -2, "skipped");
    lg_counts(L, "formats", s->format_count, SC_LOG_FORMAT_COUNT,
              sc_log_format_name, 0);
    lg_counts(L, "mta_status", s->mta_status, SC_MTA_STATUS_COUNT,
              sc_mta_status_name, 0);
    lg_counts(L, "actions", s->action, SC_ACTION_COUNT, sc_action_name, 1);
    lg_counts(L, "reasons", s->reason, nr, lg_reason_name, 0);
    lg_table(L, "domains", &s->domains, "domain");
    lg_table(L, "relays", &s->relays, "relay");
    /* examples: per reason, the kept texts, commonest first */
    lua_createtable(L, 0, 8);
    for (k = 0; k < nr; k++) {
        size_t order[SC_SUMMARY_SLOTS];
        size_t m = sc_summary_examples(s, k, order);
        if (m == 0)
            continue;
        lua_createtable(L, (int)m, 0);
        for (i = 0; i < m; i++) {
            lua_createtable(L, 0, 2);
            lua_pushstring(L, s->examples[k][order[i]].text);
            lua_setfield(L, -2, "text");
            lg_setint(L, "count", s->examples[k][order[i]].count);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        lua_setfield(L, -2, sc_reason_name(k));
    }
    lua_setfield(L, -2, "examples");
    lua_createtable(L, (int)s->nrecipients, 0);
    lua_createtable(L, 0, 0);
    for (i = 0; i < s->nrecipients; i++) {
        const sc_summary_recipient *r = &s->recipients[i];
        lua_createtable(L, 0, 3);
        lua_pushstring(L, r->addr);
        lua_setfield(L, -2, "recipient");
        lua_pushstring(L, sc_action_name(r->action));
        lua_setfield(L, -2, "action");
        lua_pushstring(L, sc_reason_name(r->reason));
        lua_setfield(L, -2, "reason");
        lua_rawseti(L, -3, (lua_Integer)i + 1);
        if (r->action == SC_ACTION_SUPPRESS) {
            lua_pushstring(L, r->addr);
            lua_rawseti(L, -2, ++nsup);
        }
    }
    lua_setfield(L, -3, "suppress");
    lua_setfield(L, -2, "recipients");
    lg_times(L, &s->times);
    lua_createtable(L, 0, 4);
    lg_setint(L, "suppress_dropped", s->suppress_dropped);
    lg_setint(L, "examples_evicted", s->examples_evicted);
    lg_setint(L, "key_lines", s->domains.other + s->relays.other);
    lg_setint(L, "time_lines", s->times.other);
    lua_setfield(L, -2, "overflow");
    lua_createtable(L, 0, 7);
    lg_setint(L, "keys", SC_SUMMARY_KEYS);
    lg_setint(L, "key_bytes", SC_SUMMARY_KEY_MAX - 1);
    lg_setint(L, "examples", SC_SUMMARY_SLOTS);
    lg_setint(L, "text_bytes", SC_SUMMARY_TEXT_MAX - 1);
    lg_setint(L, "recipients", SC_SUMMARY_RECIPIENTS);
    lg_setint(L, "line_bytes", SC_LOGLINE_MAX);
    lg_setint(L, "cells", SC_SUMMARY_CELLS);
    lua_setfield(L, -2, "bounds");
    return 1;
}

/* ------------------------------------------------------------------------ */
/* Module                                                                   */
/* ------------------------------------------------------------------------ */

static const luaL_Reg funcs[] = {
    {"describe", l_describe},
    {"compare", l_compare},
    {"parse", l_parse},
    {"parse_many", l_parse_many},
    {"parse_log", l_parse_log},
    {"parse_stream", l_parse_stream},
    {"reasons", l_reasons},
    {"actions", l_actions},
    {"words", l_words},
    {"codes", l_codes},
    {"lookup", l_lookup},
    {"search", l_search},
    {"protocols", l_protocols},
    {"language", l_language},
    {"languages", l_languages},
    {"summarize", l_summarize},
    {"parse_bounce", l_parse_bounce},
    {"_VERSION", NULL}, /* placeholder, set below */
    {NULL, NULL}
};

#if defined(_WIN32)
#define LUAMOD_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define LUAMOD_EXPORT __attribute__((visibility("default")))
#else
#define LUAMOD_EXPORT
#endif

LUAMOD_EXPORT int luaopen_statuscodes(lua_State *L);

/* require("statuscodes") --> module table */
LUAMOD_EXPORT int luaopen_statuscodes(lua_State *L) {
    luaL_newlibtable(L, funcs);
    lua_newtable(L); /* the cache (push_static, push_info): upvalue 1 of each */
    luaL_setfuncs(L, funcs, 1);
    lua_pushstring(L, sc_version());
    lua_setfield(L, -2, "_VERSION");
    return 1;
}
