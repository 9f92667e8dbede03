#!/usr/bin/env python3
"""Generate core/src/kb_data.inc from the knowledge base in core/data/.

    python3 core/tools/gen_kb.py            rewrite core/src/kb_data.inc
    python3 core/tools/gen_kb.py --check    exit 1 if the checked-in file is stale
    python3 core/tools/gen_kb.py --data D --out F   other paths (tests use this)
    python3 core/tools/gen_kb.py --langs en,fr --out F
                                            a table with only these languages

Standard library only. The input is checked and any error stops the run with
file:line and what is wrong: unknown or missing keys, duplicate codes or
symbols, bad enum values, over-long strings, dangling related codes and
equivalents, unknown language tags, label records whose keys or placeholders
differ from English. Record syntax and keys: core/data/README.md.

What it writes: every string in one blob addressed by 32-bit offsets (no
pointer in the tables, so the library's data needs no relocation at load),
one entry table for every protocol and kind, the symbol table, the labels
with their per-protocol rows, the verdict rules of parse(), and the phrase
automaton of parse() compressed by row displacement.

With --langs the table holds only the languages named (English always,
first: every text falls back to it); the checks still read every language,
so a reduced table never hides an error of the data.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORE = os.path.dirname(HERE)

NAME_MAX = 160  # registry names are kept whole (X.6.9's is long)
HELP_MAX = 200
GIST_MAX = 240
REF_MAX = 200
TEXT_MAX = 1000
PHRASE_MAX = 64
SYMBOL_MAX = 48

# Enumerations shared with core/src/kb.h (their order is the C value).
RETRY = ["not_needed", "continue", "follow", "later", "idempotent",
         "after_fix", "never"]
RETRYABLE = {"later", "idempotent"}
ACTOR = ["nobody", "client", "sender", "recipient", "server", "proxy"]
# sc_action order of statuscodes.h -> action.* keys of labels.txt.
ACTION = ["none", "retry", "suppress", "fix", "review"]
SOURCE = ["rfc", "registry", "common", "vendor", "class"]
CLOSENESS = ["exact", "close"]
SYNTAX = ["number", "dotted", "prefixed"]
SCHEME = ["digit", "ranges", "none"]
# Entry texts, in kb.h's SC__T_* order; a variant n is translated as field
# len(TEXT_FIELDS) + n.
TEXT_FIELDS = ["name", "gist", "description", "when", "fix"]
# Lists of an entry, in sc_list order (statuscodes.h).
LISTS = ["aliases", "commands", "references", "variants", "related", "basic",
         "equivalents"]
ACTIONS = ["none", "retry", "suppress", "fix", "review"]
REASONS = """delivered user_unknown mailbox_disabled mailbox_full message_too_large
domain_not_found no_mail_accepted relay_denied smtp_auth_required
smtp_auth_failed tls_required sender_rejected email_auth_failed ptr_required
blocked spam_detected virus_detected content_rejected policy_rejected
rate_limited greylisted too_many_recipients syntax_error service_unavailable
system_error not_found forbidden auth_required auth_failed timeout unreachable
conflict redirected tls_failed busy declined quota_exceeded cancelled
dnssec_failed unknown""".split()
# Failures with no status (reasons.txt `failure:` phrases) are tried in this
# order of reasons: the first that matches decides ("TLS handshake timed
# out" is a TLS failure, "failed to connect ... timeout" a timeout).
FAILURE_ORDER = ["tls_failed", "timeout", "unreachable", "service_unavailable",
                 "not_found"]
RETRY_HINT = "@retry_hint"
# Evidence tiers of reasons.txt and their priorities (see its header).
TIERS = {"strong": 50, "enhanced": 40, "phrase": 30, "basic": 20, "weak": 10,
         "fallback": 5, "vague": 3}
# sc_label_id order of statuscodes.h -> heading keys of labels.txt.
HEADINGS = ["summary", "description", "when", "fix", "retry", "actor",
            "commands", "references", "related", "variants", "differences",
            "when_to_use", "learn_more", "gist", "equivalents", "aliases"]
LANG_RE = re.compile(r"^[a-z]{2,3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*$")
SYMBOL_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
NUMBER_RE = re.compile(r"^(0|[1-9][0-9]*)$")
ENH_RE = re.compile(r"^([0-9])\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$")
XENH_RE = re.compile(r"^X\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$")
SMTP = "smtp"  # the protocol whose replies parse() reads
PREFIX_RE = re.compile(r"^([A-Za-z]+)[ :_-]*(0|[1-9][0-9]*)$")


class DataError(Exception):
    pass


# ---------------------------------------------------------------------------
# Record reader
# ---------------------------------------------------------------------------

class Record:
    def __init__(self, path, line):
        self.path, self.line = path, line
        self.items = []  # (key, value, line)

    def where(self, line=None):
        return "%s:%d" % (os.path.relpath(self.path), line or self.line)

    def fail(self, msg, line=None):
        raise DataError("%s: %s" % (self.where(line), msg))

    def values(self, key):
        return [v for k, v, _ in self.items if k == key]

    def get(self, key, required=False):
        vals = self.values(key)
        if not vals:
            if required:
                self.fail("missing key '%s'" % key)
            return None
        return vals[0]

    def keys(self):
        return [k for k, _, _ in self.items]


def wide(ch):
    """True for Chinese and Japanese characters and full-width marks, which
    are written with no space between them."""
    o = ord(ch)
    return 0x2e80 <= o <= 0x9fff or 0xf900 <= o <= 0xfaff or \
        0xff00 <= o <= 0xffef


def join_lines(value, more):
    """A value and its continuation line: one space between them, none where
    either side is Chinese or Japanese."""
    if not value or not more:
        return (value + more).strip()
    if wide(value[-1]) or wide(more[0]):
        return value + more
    return value + " " + more


def read_records(path):
    records, cur = [], None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.endswith("\r"):
                raise DataError("%s:%d: CR line ending" % (path, n))
            if line.strip() == "":
                cur = None
                continue
            if line.lstrip().startswith("#"):
                continue
            if line[0] in " \t":
                if cur is None or not cur.items:
                    raise DataError("%s:%d: continuation line outside a record"
                                    % (path, n))
                k, v, ln = cur.items[-1]
                cur.items[-1] = (k, join_lines(v, line.strip()), ln)
                continue
            m = re.match(r"^([A-Za-z@_.\-0-9]+):(.*)$", line)
            if not m:
                raise DataError("%s:%d: expected 'key: value'" % (path, n))
            if cur is None:
                cur = Record(path, n)
                records.append(cur)
            cur.items.append((m.group(1), m.group(2).strip(), n))
    return records


def check_text(rec, key, value, limit):
    if value == "":
        rec.fail("empty value for '%s'" % key)
    if len(value) > limit:
        rec.fail("'%s' is %d characters, over the limit of %d"
                 % (key, len(value), limit))
    if "\\" in value or "\x00" in value:
        rec.fail("'%s' holds a backslash or NUL" % key)
    if "  " in value or value != value.strip():
        rec.fail("'%s' has doubled or trailing white space" % key)


# French typography: a `:`, `;`, `?` or `!` used as punctuation (followed by
# white space or the end) takes a narrow no-break space (U+202F) or a no-break
# space (U+00A0) before it, and « » take U+202F inside. Not checked: code in
# backticks, the text quoted inside « » (replies quoted as servers send
# them), URLs; a colon not followed by white space (10:30, tel:, 2001:db8::1)
# is not punctuation, and one attached to the word before it is a field or a
# key of code (Depth: 1, Retry-After: 120, "error": {...}).
FR_NBSP = "\u202f\u00a0"
FR_SKIP_RE = re.compile(r"`[^`]*`|«[^»]*»|\b[a-z][a-z0-9+.-]*://\S+")


def french_typography(text):
    """The first breach of French typography in `text`, worded, or None."""
    masked = list(text)
    for m in FR_SKIP_RE.finditer(text):
        a, b = m.start(), m.end()
        if m.group(0).startswith("«"):
            a, b = a + 1, b - 1
        masked[a:b] = "x" * (b - a)
    masked = "".join(masked)
    for m in re.finditer(r"[:;?!](?=\s|$|\u202f»)", masked):
        i, ch = m.start(), m.group(0)
        before = text[i - 1] if i > 0 else ""
        if before in FR_NBSP and before:
            continue
        if before == " " or (ch != ":" and before != ""):
            return ("'%s' after %r: French puts a narrow no-break space "
                    "(U+202F) before it" % (ch, text[max(0, i - 20):i]))
    m = re.search(r"«(?!\u202f)|(?<!\u202f)»", text)
    if m:
        return ("%r: French guillemets take a narrow no-break space (U+202F) "
                "inside" % text[max(0, m.start() - 15):m.start() + 15])
    return None


def check_french(rec, key, value, line=None):
    problem = french_typography(value)
    if problem:
        rec.fail("'%s': %s" % (key, problem), line)


# Chinese and Japanese typography: punctuation after a Chinese or Japanese
# character is full-width (，。：；！？), not the ASCII mark (one that a
# letter follows, as in .NET, is not punctuation). Not checked:
# code in backticks and text quoted in 「」 or “” (replies as servers send
# them).
CJK_SKIP_RE = re.compile(r"`[^`]*`|「[^」]*」|“[^”]*”")


def cjk_typography(text):
    """The first ASCII mark after a Chinese or Japanese character in
    `text`, worded, or None."""
    masked = CJK_SKIP_RE.sub(lambda m: "x" * len(m.group(0)), text)
    for i in range(1, len(masked)):
        nxt = masked[i + 1] if i + 1 < len(masked) else " "
        if masked[i] in ",.;:!?" and wide(masked[i - 1]) and \
                masked[i - 1] not in "」”" and (nxt.isspace() or wide(nxt)):
            return ("%r: after a Chinese or Japanese character, write the "
                    "full-width mark, not '%s'"
                    % (text[max(0, i - 10):i + 3], masked[i]))
    return None


def check_script(rec, key, tag, value, line=None):
    """The typography of `tag`'s script: French, Chinese and Japanese."""
    if tag == "fr":
        check_french(rec, key, value, line)
    elif tag in ("ja", "zh"):
        problem = cjk_typography(value)
        if problem:
            rec.fail("'%s': %s" % (key, problem), line)


def split_key(rec, key, langs):
    """'description.fr' -> ('description', 'fr'); checks the tag."""
    if "." in key:
        base, tag = key.rsplit(".", 1)
        if tag not in langs:
            rec.fail("unknown language tag '%s' in key '%s'" % (tag, key))
        return base, tag
    return key, "en"


def normalize_symbol(s):
    """The form symbols are looked up in: what follows the last '.', ASCII
    letters and digits only, lower case (kb.c does the same)."""
    s = s.rsplit(".", 1)[-1]
    return "".join(ch.lower() for ch in s if ch.isascii() and ch.isalnum())


# ---------------------------------------------------------------------------
# protocols.txt
# ---------------------------------------------------------------------------

def load_protocols(path):
    protocols, kinds = [], {}
    for rec in read_records(path):
        first = rec.keys()[0]
        if first == "protocol":
            allowed = {"protocol", "display", "kinds", "commands", "labelled",
                       "help"}
            for k in rec.keys():
                if k not in allowed:
                    rec.fail("unknown key '%s' in a protocol record" % k)
            name = rec.get("protocol", True)
            if not NAME_RE.match(name) or any(p["name"] == name
                                              for p in protocols):
                rec.fail("bad or duplicate protocol name '%s'" % name)
            p = {"rec": rec, "name": name, "display": rec.get("display", True),
                 "kinds": rec.get("kinds", True).split(),
                 "commands": (rec.get("commands") or "").split(),
                 "labelled": (rec.get("labelled") or "").split(),
                 "help": rec.get("help", True)}
            check_text(rec, "help", p["help"], HELP_MAX)
            if not 1 <= len(p["kinds"]) <= 2:
                rec.fail("a protocol has one or two kinds of code")
            for c in p["labelled"]:
                if c not in p["commands"]:
                    rec.fail("labelled command '%s' is not in commands" % c)
            protocols.append(p)
        elif first == "kind":
            allowed = {"kind", "protocol", "syntax", "classes", "subjects",
                       "class_retry", "files"}
            for k in rec.keys():
                if k not in allowed:
                    rec.fail("unknown key '%s' in a kind record" % k)
            name = rec.get("kind", True)
            if not NAME_RE.match(name) or name in kinds:
                rec.fail("bad or duplicate kind name '%s'" % name)
            syn = rec.get("syntax", True).split()
            k = {"rec": rec, "name": name, "protocol": rec.get("protocol", True),
                 "syntax": syn[0], "scheme": rec.get("classes", True),
                 "subjects": rec.get("subjects") == "yes",
                 "class_retry": [int(x) for x in
                                 (rec.get("class_retry") or "").split()],
                 "files": rec.get("files", True).split()}
            if k["syntax"] == "number":
                m = re.match(r"^([0-9]+)-([0-9]+)$", syn[1] if len(syn) == 2
                             else "")
                if not m or int(m.group(1)) > int(m.group(2)) or \
                        int(m.group(2)) > 0x7FFFFFFF:
                    rec.fail("syntax: number MIN-MAX")
                k["min"], k["max"] = int(m.group(1)), int(m.group(2))
            elif k["syntax"] == "prefixed":
                m = re.match(r"^([0-9]+)-([0-9]+)$", syn[2] if len(syn) == 3
                             else "")
                if not m or not re.match(r"^[A-Z]{2,8}$", syn[1]):
                    rec.fail("syntax: prefixed PREFIX MIN-MAX")
                k["prefix"] = syn[1]
                k["min"], k["max"] = int(m.group(1)), int(m.group(2))
            elif k["syntax"] == "dotted":
                digits = syn[1:]
                if not digits or any(not re.match(r"^[0-9]$", d)
                                     for d in digits):
                    rec.fail("syntax: dotted followed by the class digits")
                k["digits"] = sorted(int(d) for d in digits)
                k["min"], k["max"] = k["digits"][0], k["digits"][-1]
            else:
                rec.fail("syntax is 'number MIN-MAX', 'prefixed PREFIX "
                         "MIN-MAX' or 'dotted C ...'")
            if k["scheme"] not in SCHEME:
                rec.fail("classes is one of %s" % ", ".join(SCHEME))
            if k["subjects"] and k["syntax"] != "dotted":
                rec.fail("only a dotted kind has subjects")
            kinds[name] = k
        else:
            rec.fail("a record starts with 'protocol' or 'kind'")
    for p in protocols:
        for kn in p["kinds"]:
            if kn not in kinds or kinds[kn]["protocol"] != p["name"]:
                p["rec"].fail("kind '%s' is not declared for %s"
                              % (kn, p["name"]))
    for kn, k in kinds.items():
        if not any(kn in p["kinds"] for p in protocols):
            k["rec"].fail("kind '%s' belongs to no protocol" % kn)
    if not any(p["name"] == SMTP for p in protocols):
        raise DataError("%s: no protocol '%s' (parse reads its replies)"
                        % (path, SMTP))
    return protocols, kinds


# ---------------------------------------------------------------------------
# labels.txt
# ---------------------------------------------------------------------------

PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


def load_labels(path, protocol_names):
    """Returns (langs, keys, scoped, table). `keys` are the generic keys in
    file order; `scoped` the keys written `key@protocol`, each of which
    overrides a generic key for one protocol."""
    recs = read_records(path)
    if not recs or recs[0].get("lang") != "en":
        raise DataError("%s: the first record must be lang: en" % path)
    langs, table = [], {}
    en_keys = None
    for rec in recs:
        if rec.keys()[0] != "lang":
            rec.fail("a label record starts with 'lang'")
        tag = rec.get("lang")
        if not LANG_RE.match(tag):
            rec.fail("bad language tag '%s'" % tag)
        if tag in table:
            rec.fail("language '%s' defined twice" % tag)
        keys = rec.keys()[1:]
        if len(set(keys)) != len(keys):
            dup = [k for k in keys if keys.count(k) > 1][0]
            rec.fail("key '%s' given twice" % dup)
        vals = {k: v for k, v, _ in rec.items[1:]}
        if en_keys is None:
            en_keys = keys
            for h in HEADINGS:
                if "heading." + h not in vals:
                    rec.fail("missing heading.%s" % h)
            for r in RETRY:
                for p in ("advice.", "retry."):
                    if p + r not in vals:
                        rec.fail("missing %s%s" % (p, r))
            for a in ACTOR:
                if "actor." + a not in vals:
                    rec.fail("missing actor.%s" % a)
            for a in ACTION:
                if "action." + a not in vals:
                    rec.fail("missing action.%s" % a)
            for k in keys:
                if "@" in k:
                    base, proto = k.split("@", 1)
                    if proto not in protocol_names:
                        rec.fail("key '%s': no protocol '%s'" % (k, proto))
                    if base not in vals:
                        rec.fail("key '%s' has no generic key '%s'"
                                 % (k, base))
        else:
            missing = [k for k in en_keys if k not in vals]
            extra = [k for k in keys if k not in en_keys]
            if missing or extra:
                rec.fail("language '%s': missing %s, unknown %s"
                         % (tag, missing, extra))
            for k in en_keys:
                want = set(PLACEHOLDER_RE.findall(table["en"][k]))
                got = set(PLACEHOLDER_RE.findall(vals[k]))
                if want != got:
                    rec.fail("language '%s', key '%s': placeholders %s, "
                             "English has %s" % (tag, k, sorted(got),
                                                 sorted(want)))
        for k, v in vals.items():
            check_text(rec, k, v, TEXT_MAX)
            check_script(rec, k, tag, v)
        # compare's "when each applies" must not repeat describe's "when":
        # its heading is its own, and each line names the code before the
        # entry's `when`.
        if vals.get("heading.when_to_use") == vals.get("heading.when"):
            rec.fail("language '%s': heading.when_to_use repeats heading.when "
                     "word for word" % tag)
        for k in vals:
            if k.split("@")[0] == "tmpl.when_to_use" and \
                    PLACEHOLDER_RE.sub("", vals[k]).strip(" :：（）()") == "" \
                    and "{a}" not in vals[k]:
                rec.fail("language '%s': %s would repeat each entry's when "
                         "word for word: name the code ({a})" % (tag, k))
        langs.append(tag)
        table[tag] = vals
    generic = [k for k in en_keys if "@" not in k]
    scoped = [k for k in en_keys if "@" in k]
    return langs, generic, scoped, table


# ---------------------------------------------------------------------------
# Entry files
# ---------------------------------------------------------------------------

ENTRY_KEYS = {"code", "name", "mnemonic", "alias", "source", "origin",
              "retry", "actor", "classes", "commands", "basic", "gist",
              "description", "when", "fix", "ref", "related", "variant",
              "contrast", "reason", "reason_if"}
REPEATABLE = {"ref", "variant", "alias", "contrast", "reason_if"}
REASON_IF_RE = re.compile(r"^([a-z_]+) ([a-z_]+): (.+)$")
TRANSLATABLE = set(TEXT_FIELDS) | {"variant", "contrast"}
# Translations of a variant i are field len(TEXT_FIELDS) + i, of a contrast
# i field CONTRAST_FIELD + i (kb.h's SC__T_VARIANT and SC__T_CONTRAST).
CONTRAST_FIELD = 128
CONTRAST_RE = re.compile(r"^([0-9A-Za-z.]+): (.+)$")


def load_glossary(path, langs):
    """{lang: [(compiled pattern, word, term record)]} of glossary.txt's
    avoided words. A record: `term` (the English concept), `term.xx` (the
    word language xx uses for it), `avoid.xx` (words it must not use,
    separated by " | ")."""
    avoid = {}
    seen = set()
    for rec in read_records(path):
        term = rec.get("term", True)
        if term in seen:
            rec.fail("term '%s' given twice" % term)
        seen.add(term)
        for key, value, line in rec.items:
            base, tag = split_key(rec, key, langs)
            if base not in ("term", "avoid"):
                rec.fail("unknown key '%s'" % key, line)
            if base == "avoid":
                if rec.get("term." + tag) is None:
                    rec.fail("'%s' without 'term.%s'" % (key, tag), line)
                for word in (w.strip() for w in value.split("|")):
                    if not word:
                        rec.fail("empty word in '%s'" % key, line)
                    if word.lower() in rec.get("term." + tag).lower():
                        rec.fail("'%s' avoids '%s', a part of the term itself"
                                 % (key, word), line)
                    if wide(word[0]):
                        pat = re.compile(re.escape(word))
                    else:
                        pat = re.compile(r"(?<![^\W_])%s(?![^\W_])"
                                         % re.escape(word), re.IGNORECASE)
                    avoid.setdefault(tag, []).append((pat, word, rec, term))
    return avoid


GLOSSARY_SKIP_RE = re.compile(r"`[^`]*`")


def check_glossary(e, glossary):
    """Fails when a translated text of entry `e` uses an avoided word (code
    in backticks aside)."""
    texts = [(f, e[f]) for f in TEXT_FIELDS] + \
        [("variant", v) for v in e["variants"]] + \
        [("contrast", c) for c in e["contrasts"]]
    for field, by_lang in texts:
        for tag, text in by_lang.items():
            if tag in ("en", "code") or tag not in glossary:
                continue
            plain = GLOSSARY_SKIP_RE.sub(" ", text)
            for pat, word, _, term in glossary[tag]:
                if pat.search(plain):
                    e["rec"].fail("'%s.%s' says '%s', which glossary.txt "
                                  "avoids for '%s'" % (field, tag, word, term))


def parse_entry(rec, langs, proto):
    seen = set()
    for key, _, line in rec.items:
        base, tag = split_key(rec, key, langs)
        if base not in ENTRY_KEYS:
            rec.fail("unknown key '%s'" % key, line)
        if tag != "en" and base not in TRANSLATABLE:
            rec.fail("'%s' cannot be translated" % base, line)
        if key in seen and base not in REPEATABLE:
            rec.fail("key '%s' given twice" % key, line)
        seen.add(key)
    e = {"rec": rec, "code": rec.get("code", True), "protocol": proto["name"]}
    for f in TEXT_FIELDS:
        limit = NAME_MAX if f == "name" else GIST_MAX if f == "gist" \
            else TEXT_MAX
        v = rec.get(f, f != "gist")
        e[f] = {}
        if v is not None:
            check_text(rec, f, v, limit)
            e[f]["en"] = v
    e["variants"] = [{"en": v} for v in rec.values("variant")]
    for v in e["variants"]:
        check_text(rec, "variant", v["en"], TEXT_MAX)
    if len(e["variants"]) >= CONTRAST_FIELD - len(TEXT_FIELDS):
        rec.fail("too many variants")
    e["contrasts"] = []
    for v in rec.values("contrast"):
        m = CONTRAST_RE.match(v)
        if not m:
            rec.fail("contrast '%s' is not 'CODE: sentence'" % v[:40])
        check_text(rec, "contrast", m.group(2), TEXT_MAX)
        e["contrasts"].append({"code": m.group(1), "en": m.group(2)})
    if len(e["contrasts"]) > 255 - CONTRAST_FIELD:
        rec.fail("too many contrasts")
    ccount = {}
    vcount = {}
    for key, value, line in rec.items:
        base, tag = split_key(rec, key, langs)
        if tag == "en":
            continue
        if base == "contrast":
            i = ccount.get(tag, 0)
            m = CONTRAST_RE.match(value)
            if i >= len(e["contrasts"]):
                rec.fail("more '%s' than 'contrast' lines" % key, line)
            if not m or m.group(1) != e["contrasts"][i]["code"]:
                rec.fail("'%s' must start with '%s: ', as the contrast it "
                         "translates" % (key, e["contrasts"][i]["code"]), line)
            check_text(rec, key, m.group(2), TEXT_MAX)
            check_script(rec, key, tag, m.group(2), line)
            e["contrasts"][i][tag] = m.group(2)
            ccount[tag] = i + 1
        elif base == "variant":
            i = vcount.get(tag, 0)
            if i >= len(e["variants"]):
                rec.fail("more '%s' than 'variant' lines" % key, line)
            check_text(rec, key, value, TEXT_MAX)
            check_script(rec, key, tag, value, line)
            e["variants"][i][tag] = value
            vcount[tag] = i + 1
        else:
            limit = NAME_MAX if base == "name" else GIST_MAX \
                if base == "gist" else TEXT_MAX
            check_text(rec, key, value, limit)
            check_script(rec, key, tag, value, line)
            if "en" not in e[base]:
                rec.fail("'%s' translates a '%s' that is not there"
                         % (key, base), line)
            e[base][tag] = value
    for tag, n in ccount.items():
        if n != len(e["contrasts"]):
            rec.fail("%d 'contrast.%s' for %d contrasts"
                     % (n, tag, len(e["contrasts"])))
    for tag, n in vcount.items():
        if n != len(e["variants"]):
            rec.fail("%d 'variant.%s' for %d variants"
                     % (n, tag, len(e["variants"])))
    for key, allowed in (("source", SOURCE), ("retry", RETRY),
                         ("actor", ACTOR)):
        v = rec.get(key, True)
        if v not in allowed:
            rec.fail("%s '%s' is not one of %s" % (key, v, ", ".join(allowed)))
        e[key] = v
    e["origin"] = rec.get("origin")
    if e["origin"] is not None:
        check_text(rec, "origin", e["origin"], 100)
    if e["origin"] is None and (e["source"] == "vendor" or (
            e["source"] == "common" and proto["name"] != SMTP)):
        rec.fail("a %s code says whose it is in 'origin'" % e["source"])
    cmds = (rec.get("commands") or "").split()
    for c in cmds:
        if c not in proto["commands"]:
            rec.fail("'%s' is not a command of %s" % (c, proto["name"]))
    if len(set(cmds)) != len(cmds):
        rec.fail("a command is listed twice")
    e["commands"] = cmds
    e["refs"] = rec.values("ref")
    for r in e["refs"]:
        check_text(rec, "ref", r, REF_MAX)
    if not e["refs"] and e["source"] not in ("common", "vendor"):
        rec.fail("at least one 'ref' is needed")
    e["related"] = (rec.get("related") or "").split()
    if len(set(e["related"])) != len(e["related"]):
        rec.fail("a related code is listed twice")
    syms = []
    if rec.get("mnemonic") is not None:
        syms.append(rec.get("mnemonic"))
    syms += rec.values("alias")
    if rec.values("alias") and rec.get("mnemonic") is None:
        rec.fail("'alias' needs a 'mnemonic'")
    for s in syms:
        if not SYMBOL_RE.match(s) or len(s) > SYMBOL_MAX:
            rec.fail("symbol '%s' is not UPPER_SNAKE_CASE (at most %d)"
                     % (s, SYMBOL_MAX))
    e["has_mnemonic"] = rec.get("mnemonic") is not None
    e["symbols"] = syms
    # The verdict of parse() for this code (protocols other than SMTP, whose
    # verdicts come from reasons.txt): a reason, and phrases of the text
    # that change it ("reason_if: message_too_large never: larger than max").
    e["reason"] = rec.get("reason")
    e["reason_if"] = []
    if (e["reason"] is not None or rec.values("reason_if")) and \
            proto["name"] == SMTP:
        rec.fail("SMTP verdicts come from reasons.txt, not 'reason'")
    if e["reason"] is not None and e["reason"] not in REASONS:
        rec.fail("reason '%s' is not one of reasons.txt" % e["reason"])
    for v in rec.values("reason_if"):
        m = REASON_IF_RE.match(v)
        if not m or m.group(1) not in REASONS or m.group(2) not in RETRY:
            rec.fail("reason_if '%s' is not 'REASON RETRY: phrase | ...'"
                     % v[:40])
        for ph in m.group(3).split("|"):
            ph = ph.strip()
            if not ph or ph != ph.lower() or len(ph.encode()) > PHRASE_MAX:
                rec.fail("reason_if phrase '%s' must be lowercase, short"
                         % ph)
            e["reason_if"].append((REASONS.index(m.group(1)),
                                   RETRY.index(m.group(2)), ph.encode()))
    return e


def load_kind(data_dir, kind, proto, langs):
    """Entries of one kind: listed codes by key, class entries by class key,
    subject entries by subject."""
    listed, classes, subjects = {}, {}, {}
    dotted = kind["syntax"] == "dotted"
    for fname in kind["files"]:
        path = os.path.join(data_dir, fname)
        for rec in read_records(path):
            e = parse_entry(rec, langs, proto)
            code = e["code"]
            if dotted and rec.get("classes") is None and \
                    (XENH_RE.match(code)):
                rec.fail("missing key 'classes'")
            if not dotted and (rec.get("classes") or rec.get("basic")):
                rec.fail("'classes' and 'basic' belong to dotted codes")
            m_digit = re.match(r"^([0-9])xx$", code) if not dotted else \
                re.match(r"^([0-9])\.X\.X$", code)
            m_range = re.match(r"^(0|[1-9][0-9]*)-(0|[1-9][0-9]*)$", code)
            m_sub = re.match(r"^X\.([0-9]+)\.X$", code) if dotted else None
            if m_digit or m_range or m_sub:
                if e["source"] != "class":
                    rec.fail("a class, range or subject entry has "
                             "source: class")
                if rec.get("classes") or rec.get("basic"):
                    rec.fail("'classes' and 'basic' belong to listed codes")
                if e["symbols"]:
                    rec.fail("a class entry has no symbols")
            elif e["source"] == "class":
                rec.fail("source: class is only for class entries")
            if m_digit:
                if kind["scheme"] != "digit":
                    rec.fail("'%s': kind %s has no digit classes"
                             % (code, kind["name"]))
                d = int(m_digit.group(1))
                lo, hi = kind_class_span(kind, d)
                if lo is None:
                    rec.fail("class %s is outside the kind's codes" % code)
                key = d
                if key in classes:
                    rec.fail("%s defined twice" % code)
                e["lo"], e["hi"] = lo, hi
                classes[key] = e
            elif m_range:
                if kind["scheme"] != "ranges":
                    rec.fail("'%s': kind %s has no range classes"
                             % (code, kind["name"]))
                lo, hi = int(m_range.group(1)), int(m_range.group(2))
                if lo > hi or lo < kind["min"] or hi > kind["max"]:
                    rec.fail("range %s is outside %d-%d"
                             % (code, kind["min"], kind["max"]))
                if lo in classes:
                    rec.fail("%s defined twice" % code)
                e["lo"], e["hi"] = lo, hi
                classes[lo] = e
            elif m_sub:
                if not kind["subjects"]:
                    rec.fail("kind %s has no subjects" % kind["name"])
                k = int(m_sub.group(1))
                if k > 999 or k in subjects:
                    rec.fail("%s defined twice or out of range" % code)
                subjects[k] = e
            elif dotted:
                m = XENH_RE.match(code)
                if not m:
                    rec.fail("'%s' is not %s, X.n.X or X.n.n"
                             % (code, "C.X.X"))
                key = int(m.group(1)) * 1000 + int(m.group(2))
                if key in listed:
                    rec.fail("code %s defined twice (first at %s)"
                             % (code, listed[key]["rec"].where()))
                cl = rec.get("classes", True).split()
                if not cl or any(c not in [str(d) for d in kind["digits"]]
                                 for c in cl) or len(set(cl)) != len(cl):
                    rec.fail("classes must list %s, each once"
                             % " ".join(map(str, kind["digits"])))
                e["classes"] = sorted(int(c) for c in cl)
                e["basic"] = (rec.get("basic") or "").split()
                e["lo"] = e["hi"] = key
                listed[key] = e
            else:
                if kind["syntax"] == "prefixed":
                    m = PREFIX_RE.match(code)
                    if m and m.group(1).upper() == kind["prefix"]:
                        code = m.group(2)
                if not NUMBER_RE.match(code):
                    rec.fail("'%s' is not a %s code" % (code, kind["name"]))
                key = int(code)
                if not kind["min"] <= key <= kind["max"]:
                    rec.fail("%s is outside %d-%d" % (code, kind["min"],
                                                      kind["max"]))
                if key in listed:
                    rec.fail("code %s defined twice (first at %s)"
                             % (code, listed[key]["rec"].where()))
                e["lo"] = e["hi"] = key
                listed[key] = e
    if kind["scheme"] == "digit":
        for d in kind_digits(kind):
            if d not in classes:
                raise DataError("kind %s: class entry for %d is missing"
                                % (kind["name"], d))
    elif kind["scheme"] == "ranges":
        spans = sorted((e["lo"], e["hi"]) for e in classes.values())
        for (a_lo, a_hi), (b_lo, _) in zip(spans, spans[1:]):
            if b_lo <= a_hi:
                raise DataError("kind %s: ranges %d-%d and %d-... overlap"
                                % (kind["name"], a_lo, a_hi, b_lo))
        # Every code of the space is listed or in a range.
        pos = kind["min"]
        cover = sorted([(k, k) for k in listed] + spans)
        for lo, hi in cover:
            if lo > pos:
                raise DataError("kind %s: codes %d-%d are neither listed nor "
                                "in a range" % (kind["name"], pos, lo - 1))
            pos = max(pos, hi + 1)
        if pos <= kind["max"]:
            raise DataError("kind %s: codes %d-%d are neither listed nor in "
                            "a range" % (kind["name"], pos, kind["max"]))
    else:
        missing = [c for c in range(kind["min"], kind["max"] + 1)
                   if c not in listed]
        if missing:
            raise DataError("kind %s lists every code, but not %s"
                            % (kind["name"], missing[:5]))
    if kind["subjects"]:
        for key, e in listed.items():
            if key // 1000 not in subjects:
                e["rec"].fail("no subject entry X.%d.X" % (key // 1000))
    return listed, classes, subjects


def kind_digits(kind):
    if kind["syntax"] == "dotted":
        return kind["digits"]
    lo, hi = kind["min"], kind["max"]
    width = len(str(hi))
    if len(str(lo)) != width:
        raise DataError("kind %s: digit classes need codes of one width"
                        % kind["name"])
    step = 10 ** (width - 1)
    return list(range(lo // step, hi // step + 1))


def kind_class_span(kind, d):
    if d not in kind_digits(kind):
        return None, None
    if kind["syntax"] == "dotted":
        return d, d
    step = 10 ** (len(str(kind["max"])) - 1)
    return max(d * step, kind["min"]), min(d * step + step - 1, kind["max"])


def code_key(kinds_of, proto, text, rec, prefer=None):
    """(kind index within the protocol, key) of a code written `text`. A
    plain number is read in kind `prefer` when that kind takes numbers (the
    related codes of an EDE entry are EDEs), else in the first kind that
    does."""
    ks = kinds_of[proto]
    if prefer is not None and ks[prefer]["syntax"] in ("number", "prefixed") \
            and NUMBER_RE.match(text):
        return prefer, int(text)
    for ki, k in enumerate(ks):
        if k["syntax"] == "number" and NUMBER_RE.match(text):
            return ki, int(text)
        if k["syntax"] == "prefixed":
            m = PREFIX_RE.match(text)
            if m and m.group(1).upper() == k["prefix"]:
                return ki, int(m.group(2))
        if k["syntax"] == "dotted":
            m = ENH_RE.match(text)
            if m:
                if int(m.group(1)) not in k["digits"]:
                    rec.fail("'%s': class %s is not a class of %s"
                             % (text, m.group(1), k["name"]))
                return ki, (int(m.group(1)), int(m.group(2)) * 1000
                            + int(m.group(3)))
            m = XENH_RE.match(text)
            if m:
                return ki, (None, int(m.group(1)) * 1000 + int(m.group(2)))
    rec.fail("'%s' is not a code of %s" % (text, proto))


# ---------------------------------------------------------------------------
# equivalents.txt
# ---------------------------------------------------------------------------

def load_equivalents(path, protocols, kinds_of, tables):
    """Concepts linking codes of several protocols; returns, per entry id,
    the list of (protocol, kind, key/digits, closeness, note)."""
    names = [p["name"] for p in protocols]
    links = {}
    seen = set()
    for rec in read_records(path):
        if rec.keys()[0] != "concept":
            rec.fail("a record starts with 'concept'")
        for k in rec.keys():
            if k not in ("concept", "member"):
                rec.fail("unknown key '%s'" % k)
        concept = rec.get("concept")
        if not NAME_RE.match(concept.replace("_", "a")) or concept in seen:
            rec.fail("bad or duplicate concept '%s'" % concept)
        seen.add(concept)
        members = []
        for v in rec.values("member"):
            head, _, note = v.partition(";")
            parts = head.split()
            if len(parts) < 3 or parts[0] not in names or \
                    parts[-1] not in CLOSENESS:
                rec.fail("member '%s': PROTOCOL CODE exact|close [; note]"
                         % v)
            note = note.strip() or None
            if note is not None:
                check_text(rec, "member note", note, TEXT_MAX // 2)
            proto, code, closeness = parts[0], " ".join(parts[1:-1]), \
                parts[-1]
            ki, key = code_key(kinds_of, proto, code, rec)
            listed = tables[proto][ki][0]
            k = key[1] if isinstance(key, tuple) else key
            if k not in listed:
                rec.fail("member %s %s is not a listed code" % (proto, code))
            members.append((proto, ki, key, code, closeness, note, listed[k]))
        if len(members) < 2:
            rec.fail("a concept links two codes at least")
        if len({(m[0], m[3]) for m in members}) != len(members):
            rec.fail("a member is listed twice")
        for m in members:
            for o in members:
                if o is m or o[0] == m[0]:
                    continue
                closeness = "exact" if m[4] == o[4] == "exact" else "close"
                lst = links.setdefault(id(m[6]), [])
                # The link holds for the member's own class only: an
                # enhanced entry (X.7.28) serves 4.7.28 and 5.7.28, and
                # equivalents.txt names one of them.
                mclass = m[2][0] if isinstance(m[2], tuple) else 0
                # One link per code: the closest, the first concept's note.
                for i, old in enumerate(lst):
                    if old[0] == o[0] and old[3] == o[3] and old[6] == mclass:
                        if old[4] == "close" and closeness == "exact":
                            lst[i] = (o[0], o[1], o[2], o[3], closeness,
                                      o[5], mclass)
                        break
                else:
                    lst.append((o[0], o[1], o[2], o[3], closeness, o[5],
                                mclass))
    return links


# ---------------------------------------------------------------------------
# reasons.txt
# ---------------------------------------------------------------------------

REASON_KEYS = {"reason", "summary", "example", "action", "failure"} | \
    set(TIERS)


def load_reasons(path, basic, details, langs):
    recs = read_records(path)
    reasons, hint = [], None
    phrases, seen_phrase, seen_code = [], {}, {}
    for rec in recs:
        name = rec.get("reason", True)
        if rec.keys()[0] != "reason":
            rec.fail("a reason record starts with 'reason'")
        for k, _, line in rec.items:
            if k.startswith("summary."):
                split_key(rec, k, langs)
            elif k not in REASON_KEYS:
                rec.fail("unknown key '%s'" % k, line)
            if k in ("reason", "summary", "example", "action") and \
                    rec.keys().count(k) > 1:
                rec.fail("key '%s' given twice" % k, line)
        if name == RETRY_HINT:
            if hint is not None:
                rec.fail("%s defined twice" % RETRY_HINT)
            rid = -1
            hint = rec
            for k in rec.keys()[1:]:
                if k != "strong":
                    rec.fail("%s takes only 'strong' phrases" % RETRY_HINT)
        else:
            idx = len(reasons)
            if idx >= len(REASONS) or REASONS[idx] != name:
                want = REASONS[idx] if idx < len(REASONS) else "nothing more"
                rec.fail("reason '%s' out of order or unknown: expected '%s'"
                         % (name, want))
            act = (rec.get("action", True)).split()
            if len(act) != 2 or any(a not in ACTIONS for a in act):
                rec.fail("action needs two of %s" % ", ".join(ACTIONS))
            summary = rec.get("summary", True)
            example = rec.get("example", True)
            check_text(rec, "summary", summary, TEXT_MAX)
            check_text(rec, "example", example, TEXT_MAX)
            rid = idx
            tr = {}
            for k, v, line in rec.items:
                if k.startswith("summary."):
                    tag = k.split(".", 1)[1]
                    if tag in tr:
                        rec.fail("key '%s' given twice" % k, line)
                    check_text(rec, k, v, TEXT_MAX)
                    check_script(rec, k, tag, v, line)
                    tr[tag] = v
            reasons.append({"name": name, "summary": summary, "tr": tr,
                            "example": example, "action": act,
                            "enhanced": [], "basic": [], "failure": []})
        for k, v, line in rec.items:
            if k == "failure":
                if rid < 0 or name not in FAILURE_ORDER:
                    rec.fail("only %s take 'failure' phrases"
                             % ", ".join(FAILURE_ORDER), line)
                for item in v.split("|"):
                    item = item.strip()
                    if not item or item != item.lower() or \
                            len(item.encode()) > PHRASE_MAX:
                        rec.fail("failure phrase '%s' must be lowercase, "
                                 "short" % item, line)
                    reasons[rid]["failure"].append(item.encode())
                continue
            if k not in TIERS:
                continue
            prio = TIERS[k]
            items = v.split("|") if k not in ("enhanced", "basic", "fallback") \
                else v.split()
            for item in items:
                item = item.strip()
                if k in ("enhanced", "basic", "fallback"):
                    if rid < 0:
                        rec.fail("%s cannot have codes" % RETRY_HINT, line)
                    if XENH_RE.match(item):
                        m = XENH_RE.match(item)
                        key = int(m.group(1)) * 1000 + int(m.group(2))
                        if key not in details:
                            rec.fail("code %s is not in the base" % item, line)
                        if k == "basic":
                            rec.fail("'basic' takes basic codes", line)
                        kind = "enhanced"
                    elif re.match(r"^[2-5][0-9][0-9]$", item):
                        if int(item) not in basic:
                            rec.fail("code %s is not in the base" % item, line)
                        if k == "enhanced":
                            rec.fail("'enhanced' takes X.s.d codes", line)
                        key = int(item)
                        kind = "basic"
                    else:
                        rec.fail("'%s' is not a code" % item, line)
                    if (kind, key) in seen_code:
                        rec.fail("code %s already decides '%s'"
                                 % (item, seen_code[(kind, key)]), line)
                    seen_code[(kind, key)] = name
                    reasons[rid][kind].append((key, prio))
                    continue
                if item == "":
                    rec.fail("empty phrase", line)
                p = item
                wstart = p.startswith("<")
                wend = p.endswith(">")
                p = p[1:] if wstart else p
                p = p[:-1] if wend else p
                if p != p.lower() or p.strip() != p or p == "":
                    rec.fail("phrase '%s' must be lowercase and trimmed"
                             % item, line)
                if re.fullmatch(r"[0-9. ]+", p):
                    rec.fail("phrase '%s' is only digits" % item, line)
                raw = p.encode("utf-8")
                if len(raw) > PHRASE_MAX:
                    rec.fail("phrase '%s' is over %d bytes" % (item,
                                                               PHRASE_MAX), line)
                if raw in seen_phrase:
                    rec.fail("phrase '%s' already used for '%s'"
                             % (p, seen_phrase[raw]), line)
                seen_phrase[raw] = name
                # A strong phrase of blocked or spam_detected names a list
                # ("spamhaus", "uribl"), one with a '.' a status token
                # ("resolver.rst."): they count inside host names and URLs,
                # where other words name a machine (flag 4).
                names = ("." in p) or (k == "strong" and name in
                                       ("blocked", "spam_detected"))
                phrases.append({"text": raw, "reason": rid, "prio": prio,
                                "wstart": wstart, "wend": wend,
                                "names": names})
    if len(reasons) != len(REASONS):
        raise DataError("%s: reasons missing after '%s'"
                        % (path, reasons[-1]["name"] if reasons else "start"))
    if hint is None:
        raise DataError("%s: no %s record" % (path, RETRY_HINT))
    return reasons, phrases


# ---------------------------------------------------------------------------
# Aho-Corasick automaton over the phrases: a DFA on byte classes (ASCII
# letters fold to lower case through the byte-class map), compressed.
# ---------------------------------------------------------------------------

def build_automaton(phrases):
    used = set()
    for ph in phrases:
        used.update(ph["text"])
    classes = [0] * 256  # class 0: a byte no phrase uses
    ordered = sorted(used)
    for i, b in enumerate(ordered, 1):
        classes[b] = i
    for b in range(ord("A"), ord("Z") + 1):
        classes[b] = classes[b + 32]
    ncls = len(ordered) + 1
    goto = [{}]
    out = [[]]
    last = [0]  # the class of the last byte of each state's string
    for pid, ph in enumerate(phrases):
        s = 0
        for b in ph["text"]:
            c = classes[b]
            if c not in goto[s]:
                goto.append({})
                out.append([])
                last.append(c)
                goto[s][c] = len(goto) - 1
            s = goto[s][c]
        out[s].append(pid)
    fail = [0] * len(goto)
    order = []
    queue = list(goto[0].values())
    head = 0
    while head < len(queue):
        s = queue[head]
        head += 1
        order.append(s)
        for c, t in goto[s].items():
            queue.append(t)
            if s == 0:
                continue
            f = fail[s]
            while f and c not in goto[f]:
                f = fail[f]
            fail[t] = goto[f][c] if c in goto[f] and goto[f][c] != t else 0
    n = len(goto)
    delta = [None] * n
    delta[0] = [goto[0].get(c, 0) for c in range(ncls)]
    for s in order:
        row = list(delta[fail[s]])
        for c, t in goto[s].items():
            row[c] = t
        delta[s] = row
    full = [None] * n
    full[0] = list(out[0])
    for s in order:
        full[s] = out[s] + full[fail[s]]
    if full[0]:
        raise DataError("the root of the phrase automaton has an output")
    return classes, ncls, delta, full, last


def compress_automaton(ncls, delta, full, last):
    """Row displacement against a default row. The scan knows the byte it
    read before the current one; the state that byte alone leads to from
    the root (its class's "first state") has a row that a state ending in
    that byte mostly shares: both end in the same byte, and they differ only
    where a longer suffix is a phrase's start. So a state stores only the
    entries where its row differs from the row of the first state of its
    last byte's class (the root for the root), and the scan falls back on
    that row, kept whole for every class in sc__ac_def.

    The stored entries of all states share one array, each state's placed at
    an offset (its base) where they fall in free slots, and a state is named
    by its base. An entry holds the next state (24 bits) and a tag (8 bits):
    the low byte of the base of the row that owns the slot. Two rows that
    reach the same slot have bases less than a row's width (the number of
    byte classes, under 256) apart, so the tag tells them apart; a free slot
    p gets the tag p + 1, which no row that reaches p can have. With pc the
    class of the byte before (0 at the start of a scan), one step is:

        e = table[s + c];
        s' = e >> 24 == (s & 0xFF) ? e & 0xFFFFFF : def[pc][c]

    which keeps one dependent lookup per byte: def[pc][c] does not wait for
    s. In C the check is one comparison: (table[s + c] ^ (s << 24)) is below
    1 << 24 exactly when the tags match, and is then the next state. States with no output get the lower bases, so "has an output" is
    s >= NPLAIN. Returns (def rows, table, {state: base}, nplain)."""
    if ncls >= 0x100:
        raise DataError("too many byte classes for the phrase automaton")
    root = delta[0]
    n = len(delta)
    default = [0] + [root[last[s]] for s in range(1, n)]
    cols = [[c for c in range(ncls) if delta[s][c] != delta[default[s]][c]]
            for s in range(n)]
    limit = sum(len(c) for c in cols) * 3 + n + 4 * ncls
    used = bytearray(limit)
    taken = bytearray(limit)
    base = {0: 0}
    taken[0] = 1

    def place(states, start):
        # First fit, largest rows first: they find room while the array is
        # empty, and the small ones fill the holes between them. A row starts
        # its search where the last row of the same shape was put.
        states = sorted(states, key=lambda s: (-len(cols[s]), cols[s]))
        first, top, hint = start, start, {}
        for s in states:
            cs = cols[s]
            while used[first] or taken[first]:
                first += 1
            if not cs:
                b = first
            else:
                c0, rest = cs[0], cs[1:]
                p = max(first + c0, hint.get(tuple(cs), 0))
                while True:
                    if not used[p] and not taken[p - c0]:
                        bb = p - c0
                        for c in rest:
                            if used[bb + c]:
                                break
                        else:
                            b = bb
                            break
                    p += 1
                hint[tuple(cs)] = b + c0 + 1
            taken[b] = 1
            base[s] = b
            for c in cs:
                used[b + c] = 1
            top = max(top, b)
        return top

    plain = [s for s in range(n) if not full[s] and s != 0]
    output = [s for s in range(n) if full[s]]
    nplain = (place(plain, 1) if plain else 0) + 1
    place(output, nplain)
    size = max(base.values()) + ncls
    if size > 0xFFFFFF:
        raise DataError("phrase automaton table too large (%d slots)" % size)
    table = [((p + 1) & 0xFF) << 24 for p in range(size)]
    for s in range(n):
        b = base[s]
        for c in cols[s]:
            table[b + c] = ((b & 0xFF) << 24) | base[delta[s][c]]
    defrows = [[base[t] for t in delta[root[pc]]] for pc in range(ncls)]
    return defrows, table, base, nplain


# ---------------------------------------------------------------------------
# C output
# ---------------------------------------------------------------------------

class Blob:
    """Every string of the library, NUL-terminated, in one array; a string
    is its offset. Offset 0 is the empty string."""

    def __init__(self):
        self.parts = [b"\0"]
        self.size = 1
        self.index = {b"": 0}

    def add(self, s):
        if s is None:
            return 0
        b = s.encode("utf-8") if isinstance(s, str) else s
        if b"\0" in b:
            raise DataError("a string holds a NUL byte")
        if b in self.index:
            return self.index[b]
        off = self.size
        self.index[b] = off
        self.parts.append(b + b"\0")
        self.size += len(b) + 1
        return off

    def c_text(self):
        """The blob as one C string literal, in lines of about 100 bytes."""
        data = b"".join(self.parts)
        lines, cur, width = [], [], 0
        for ch in data[:-1]:  # the literal's own NUL ends the blob
            if ch == 0x22:
                tok = '\\"'
            elif ch == 0x5C:
                tok = "\\\\"
            elif ch == 0x3F:
                tok = "\\?"  # no "??x" trigraph under -std=c11
            elif 0x20 <= ch < 0x7F:
                tok = chr(ch)
            else:
                tok = "\\%03o" % ch
            cur.append(tok)
            width += len(tok)
            if ch == 0 and width >= 100 or width >= 160:
                lines.append('    "' + "".join(cur) + '"')
                cur, width = [], 0
        if cur:
            lines.append('    "' + "".join(cur) + '"')
        return "\n".join(lines)


def c_str(s):
    """A C string literal for banners and the version."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


KB_PARTS = ("protocols", "pnames", "langs", "label_keys", "scoped", "labels",
            "version", "kinds_of", "tables", "symbols", "equiv", "reasons",
            "phrases", "automaton")


def generate(data_dir, keep=None):
    """The C text of the table; `keep`, a list of language tags, limits it
    to English and those languages (None: every language)."""
    return write_table(load(data_dir), keep)


def load(data_dir):
    """Everything in `data_dir`, read and checked in every language: a dict
    of KB_PARTS, which write_table() turns into C."""
    protocols, kinds = load_protocols(os.path.join(data_dir, "protocols.txt"))
    pnames = [p["name"] for p in protocols]
    langs, label_keys, scoped, labels = load_labels(
        os.path.join(data_dir, "labels.txt"), pnames)
    with open(os.path.join(data_dir, "VERSION"), encoding="utf-8") as f:
        version = f.read().strip()
    if not re.match(r"^[0-9]+\.[0-9]+\.[0-9]+$", version):
        raise DataError("VERSION: '%s' is not N.N.N" % version)
    for k in kinds.values():
        for p in ("class.%s.%d" % (k["name"], d) for d in
                  (kind_digits(k) if k["scheme"] == "digit" else [])):
            if p not in label_keys:
                raise DataError("labels.txt: no '%s' for kind %s's classes"
                                % (p, k["name"]))
    for p in protocols:
        for c in p["labelled"]:
            if "command." + c not in label_keys and \
                    "command.%s@%s" % (c, p["name"]) not in scoped:
                raise DataError("labels.txt: no 'command.%s' for %s"
                                % (c, p["name"]))

    # Entries of every kind, and the checks across them.
    kinds_of = {p["name"]: [kinds[k] for k in p["kinds"]] for p in protocols}
    tables = {}
    for p in protocols:
        tables[p["name"]] = [load_kind(data_dir, k, p, langs)
                             for k in kinds_of[p["name"]]]
    # compare's "when each applies" shows each code's `when`: two entries of
    # one protocol with the same `when` word for word would repeat it.
    for p in protocols:
        seen_when = {}
        for listed, classes, subjects in tables[p["name"]]:
            for e in list(listed.values()) + list(classes.values()) + \
                    list(subjects.values()):
                for lang, text in e["when"].items():
                    other = seen_when.setdefault((lang, text), e)
                    if other is not e:
                        e["rec"].fail("'when%s' repeats the when of %s word "
                                      "for word; compare would show it twice"
                                      % ("" if lang == "en" else "." + lang,
                                         other["rec"].where()))
    # One term per concept: no translated text uses a word the glossary
    # avoids in its language.
    glossary = load_glossary(os.path.join(data_dir, "glossary.txt"), langs)
    for p in protocols:
        for listed, classes, subjects in tables[p["name"]]:
            for e in list(listed.values()) + list(classes.values()) + \
                    list(subjects.values()):
                check_glossary(e, glossary)
    symbols = {}
    for p in protocols:
        for ki, (listed, _, _) in enumerate(tables[p["name"]]):
            for key, e in listed.items():
                for s in e["symbols"]:
                    norm = normalize_symbol(s)
                    if (p["name"], norm) in symbols:
                        e["rec"].fail("symbol %s is also %s's" % (
                            s, symbols[(p["name"], norm)][2]))
                    symbols[(p["name"], norm)] = (ki, key, e["code"])
    for p in protocols:
        for ki, (listed, classes, subjects) in enumerate(tables[p["name"]]):
            every = list(listed.values()) + list(classes.values()) + \
                list(subjects.values())
            for e in every:
                rels = []
                for r in e["related"]:
                    rki, rkey = code_key(kinds_of, p["name"], r, e["rec"], ki)
                    rl = tables[p["name"]][rki][0]
                    k = rkey[1] if isinstance(rkey, tuple) else rkey
                    if k not in rl:
                        e["rec"].fail("related code %s is not in the base" % r)
                    if isinstance(rkey, tuple) and rkey[0] not in \
                            rl[k]["classes"]:
                        e["rec"].fail("related code %s: its detail is not "
                                      "used with class %d" % (r, rkey[0]))
                    rels.append((rki, rkey))
                e["related_keys"] = rels
                cons = []
                for ct in e["contrasts"]:
                    cki, ckey = code_key(kinds_of, p["name"], ct["code"],
                                         e["rec"], ki)
                    k = ckey[1] if isinstance(ckey, tuple) else ckey
                    if k not in tables[p["name"]][cki][0]:
                        e["rec"].fail("contrast with %s, which is not in the "
                                      "base" % ct["code"])
                    if isinstance(ckey, tuple) and ckey[0] is None:
                        e["rec"].fail("contrast with %s: give its class"
                                      % ct["code"])
                    if ct["code"] == e["code"]:
                        e["rec"].fail("a contrast with the code itself")
                    cons.append((cki, ckey))
                e["contrast_keys"] = cons
                bas = []
                for b in e.get("basic", []):
                    if not NUMBER_RE.match(b) or int(b) not in \
                            tables[p["name"]][0][0]:
                        e["rec"].fail("basic code %s is not in the base" % b)
                    bas.append((0, int(b)))
                e["basic_keys"] = bas
    equiv = load_equivalents(os.path.join(data_dir, "equivalents.txt"),
                             protocols, kinds_of, tables)
    smtp_tables = tables[SMTP]
    reasons, phrases = load_reasons(os.path.join(data_dir, "reasons.txt"),
                                    smtp_tables[0][0], smtp_tables[1][0]
                                    if len(smtp_tables) > 1 else {}, langs)
    classes, ncls, delta, full, last = build_automaton(phrases)
    automaton = (classes, ncls, delta, full) + \
        compress_automaton(ncls, delta, full, last)
    kb = locals()
    return {k: kb[k] for k in KB_PARTS}


def write_table(kb, keep=None):
    """The C text of the table of `kb` (load()): every language, or English
    and those of `keep`, a list of tags."""
    protocols, pnames, langs, label_keys, scoped, labels, version, kinds_of, \
        tables, symbols, equiv, reasons, phrases, automaton = \
        (kb[k] for k in KB_PARTS)
    if keep is not None:
        for t in keep:
            if t not in langs:
                raise DataError("--langs: no language '%s' in labels.txt "
                                "(it has %s)" % (t, " ".join(langs)))
        langs = [t for t in langs if t == "en" or t in keep]

    blob = Blob()
    strs, codes, equivs, trs, entries = [], [], [], [], []
    contrasts = []
    reason_ifs = []

    def code_tuple(pi, ki, key):
        if isinstance(key, tuple):
            return (pi, ki, key[0], key[1] // 1000, key[1] % 1000)
        return (pi, ki, key, 0, 0)

    def add_entry(e, pi, ki, key, hi):
        tr_first = len(trs)
        for fi, f in enumerate(TEXT_FIELDS):
            for tag, text in sorted(e[f].items()):
                if tag != "en" and tag in langs:
                    trs.append((langs.index(tag), fi, blob.add(text)))
        for vi, v in enumerate(e["variants"]):
            for tag, text in sorted(v.items()):
                if tag != "en" and tag in langs:
                    trs.append((langs.index(tag), len(TEXT_FIELDS) + vi,
                                blob.add(text)))
        for ci, v in enumerate(e["contrasts"]):
            for tag, text in sorted(v.items()):
                if tag not in ("en", "code") and tag in langs:
                    trs.append((langs.index(tag), CONTRAST_FIELD + ci,
                                blob.add(text)))
        con_first = len(contrasts)
        for (cki, ckey), ct in zip(e.get("contrast_keys", []),
                                   e["contrasts"]):
            contrasts.append((code_tuple(pi, cki, ckey), blob.add(ct["en"])))
        if len(trs) - tr_first > 255:
            e["rec"].fail("too many translations")
        lists = []
        for name in LISTS:
            if name in ("aliases", "commands", "references", "variants"):
                items = {"aliases": e["symbols"], "commands": e["commands"],
                         "references": e["refs"],
                         "variants": [v["en"] for v in e["variants"]]}[name]
                lists.append((len(strs), len(items)))
                strs.extend(blob.add(s) for s in items)
            elif name in ("related", "basic"):
                items = e["related_keys"] if name == "related" \
                    else e["basic_keys"]
                lists.append((len(codes), len(items)))
                codes.extend(code_tuple(pi, rk, rkey) for rk, rkey in items)
            else:
                # Protocol order, then the closest first, then the code.
                items = sorted(equiv.get(id(e), []),
                               key=lambda x: (pnames.index(x[0]),
                                              CLOSENESS.index(x[4]), x[1],
                                              x[2] if not isinstance(x[2], tuple)
                                              else x[2][0] * 1000000 + x[2][1]))
                lists.append((len(equivs), len(items)))
                for proto, eki, ekey, _, closeness, note, mclass in items:
                    equivs.append((code_tuple(pnames.index(proto), eki, ekey),
                                   CLOSENESS.index(closeness),
                                   blob.add(note), mclass))
        texts = [blob.add(e[f].get("en")) for f in TEXT_FIELDS]
        cls_mask = sum(1 << c for c in e.get("classes", []))
        entries.append({
            "key": key, "hi": hi, "texts": texts,
            "ctext": blob.add(e["code"]), "origin": blob.add(e["origin"]),
            "source": SOURCE.index(e["source"]),
            "retry": RETRY.index(e["retry"]),
            "actor": ACTOR.index(e["actor"]), "classes": cls_mask,
            "flags": 1 if e["has_mnemonic"] else 0,
            "tr": (tr_first, len(trs) - tr_first), "lists": lists,
            "contrast": (con_first, len(contrasts) - con_first),
            "reason": REASONS.index(e["reason"]) if e["reason"] else 255,
            "rif": (len(reason_ifs), len(e["reason_if"])),
            "comment": "%s %s" % (pnames[pi], e["code"])})
        reason_ifs.extend(e["reason_if"])
        return len(entries) - 1

    kind_rows, proto_rows, listed_codes, labelled = [], [], [], []
    for pi, p in enumerate(protocols):
        kfirst = len(kind_rows)
        for ki, k in enumerate(kinds_of[p["name"]]):
            listed, classes, subjects = tables[p["name"]][ki]
            row = {"protocol": pi, "syntax": SYNTAX.index(k["syntax"]),
                   "scheme": SCHEME.index(k["scheme"]),
                   "min": k["min"], "max": k["max"],
                   "name": blob.add(k["name"]),
                   "prefix": blob.add(k.get("prefix")),
                   "class_retry": sum(1 << c for c in k["class_retry"])}
            row["entry_first"] = len(entries)
            for key in sorted(listed):
                add_entry(listed[key], pi, ki, key, key)
            row["entry_count"] = len(entries) - row["entry_first"]
            row["class_first"] = len(entries)
            for key in sorted(classes):
                e = classes[key]
                lab = "class.%s.%d" % (k["name"], key) \
                    if k["scheme"] == "digit" else None
                i = add_entry(e, pi, ki, e["lo"], e["hi"])
                entries[i]["label"] = lab
            row["class_count"] = len(entries) - row["class_first"]
            row["sub_first"] = len(entries)
            for key in sorted(subjects):
                add_entry(subjects[key], pi, ki, key, key)
            row["sub_count"] = len(entries) - row["sub_first"]
            kind_rows.append(row)
        # sc_code_at order: the primary kind in numeric order, then a dotted
        # kind class by class.
        lfirst = len(listed_codes)
        for ki, k in enumerate(kinds_of[p["name"]]):
            listed = tables[p["name"]][ki][0]
            if k["syntax"] == "dotted":
                for d in k["digits"]:
                    for key in sorted(listed):
                        if d in listed[key]["classes"]:
                            listed_codes.append(code_tuple(pi, ki, (d, key)))
            else:
                for key in sorted(listed):
                    listed_codes.append(code_tuple(pi, ki, key))
        labelled_first = len(labelled)
        for c in p["labelled"]:
            key = "command.%s@%s" % (c, p["name"])
            labelled.append((blob.add(c), c, key if key in scoped
                             else "command." + c))
        proto_rows.append({"labelled": (labelled_first,
                                        len(labelled) - labelled_first),
                           "name": blob.add(p["name"]),
                           "display": blob.add(p["display"]),
                           "help": blob.add(p["help"]),
                           "kind_first": kfirst,
                           "kind_count": len(kinds_of[p["name"]]),
                           "list_first": lfirst,
                           "list_count": len(listed_codes) - lfirst})
    if len(entries) > 0xFFFF or len(strs) > 0xFFFF or len(codes) > 0xFFFF \
            or len(trs) > 0xFFFF or len(equivs) > 0xFFFF or \
            len(contrasts) > 0xFFFF:
        raise DataError("a table is over 65535 rows")

    # Symbols, sorted by protocol then normalized name.
    sym_rows = []
    for (pname, norm), (ki, key, _) in symbols.items():
        sym_rows.append((pnames.index(pname), norm, ki, key))
    sym_rows.sort()
    for p_i, p in enumerate(proto_rows):
        ids = [i for i, r in enumerate(sym_rows) if r[0] == p_i]
        p["sym_first"] = ids[0] if ids else 0
        p["sym_count"] = len(ids)

    # Labels: one row per generic key, then one per scoped key; a protocol's
    # row map sends each generic key to its own row where it has one.
    rows = label_keys + scoped
    label_map = []
    for p in protocols:
        label_map.append([rows.index(k + "@" + p["name"])
                          if k + "@" + p["name"] in scoped else i
                          for i, k in enumerate(label_keys)])
    for e in entries:
        lab = e.get("label")
        e["label"] = label_keys.index(lab) if lab else 0xFFFF

    o = []
    w = o.append
    w("/* kb_data.inc — GENERATED by core/tools/gen_kb.py from core/data/ "
      "(protocols.txt,\n * labels.txt, equivalents.txt, reasons.txt, "
      "VERSION and each protocol's\n * folder). Do not edit: edit the data "
      "and run `python3 core/tools/gen_kb.py`.\n"
      " * Included once, by core/src/kb.c. */\n\n")
    if keep is not None:
        w("/* Reduced table (--langs): the languages %s only. */\n\n"
          % " ".join(langs))
    w("#define SC__VERSION %s\n" % c_str(version))
    w("#define SC__NLANG %d\n#define SC__NLABEL %d\n#define SC__NROW %d\n"
      % (len(langs), len(label_keys), len(rows)))
    nword = sum(k.startswith("word.") for k in label_keys)
    if nword == 0:
        raise DataError("labels.txt: no word.* keys (the words of readable "
                        "text around results)")
    w("#define SC__NWORD %d\n" % nword)
    w("#define SC__NPROTO %d\n#define SC__NKIND %d\n#define SC__NENTRY %d\n"
      % (len(protocols), len(kind_rows), len(entries)))
    w("#define SC__NLISTED %d\n#define SC__NSYMBOL %d\n"
      % (len(listed_codes), len(sym_rows)))
    w("#define SC__SMTP %d\n" % pnames.index(SMTP))
    for i, name in enumerate(pnames):
        w("#define SC__PROTO_%s %d\n" % (name.upper(), i))
    for i, k in enumerate(label_keys):
        w("#define SC__L_%s %d\n" % (re.sub(r"[^A-Za-z0-9]", "_", k).upper(),
                                     i))
    w("\n")
    # Everything below adds strings to the blob; it is written last.
    body = []
    b = body.append

    b("static const uint32_t sc__lang_tags[SC__NLANG] = {%s};\n"
      % ", ".join(str(blob.add(t)) for t in langs))
    b("static const uint32_t sc__lang_names[SC__NLANG] = {%s};\n"
      % ", ".join(str(blob.add(labels[t]["language"])) for t in langs))
    b("static const uint16_t sc__heading_key[SC_LABEL_COUNT] = {%s};\n"
      % ", ".join(str(label_keys.index("heading." + h)) for h in HEADINGS))
    # The words of readable text around results (labels.txt's word.*):
    # each one's key without its prefix, and its row of sc__labels.
    words = [k for k in label_keys if k.startswith("word.")]
    b("static const uint32_t sc__word_keys[SC__NWORD] = {%s};\n"
      % ", ".join(str(blob.add(k[len("word."):])) for k in words))
    b("static const uint16_t sc__word_row[SC__NWORD] = {%s};\n"
      % ", ".join(str(label_keys.index(k)) for k in words))
    b("\nstatic const uint32_t sc__labels[SC__NLANG][SC__NROW] = {\n")
    for t in langs:
        b("  { /* %s */\n" % t)
        vals = [str(blob.add(labels[t][k])) for k in rows]
        for i in range(0, len(vals), 12):
            b("    %s,\n" % ", ".join(vals[i:i + 12]))
        b("  },\n")
    b("};\n\n")
    b("static const uint16_t sc__label_row[SC__NPROTO][SC__NLABEL] = {\n")
    for m in label_map:
        b("  {%s},\n" % ", ".join(str(x) for x in m))
    b("};\n\n")
    # Label ids of the retry, actor and command fragments, by value.
    b("static const uint16_t sc__advice_label[%d] = {%s};\n"
      % (len(RETRY), ", ".join(str(label_keys.index("advice." + r))
                               for r in RETRY)))
    b("static const uint16_t sc__retry_label[%d] = {%s};\n"
      % (len(RETRY), ", ".join(str(label_keys.index("retry." + r))
                               for r in RETRY)))
    b("static const uint16_t sc__action_label[SC_ACTION_COUNT] = {%s};\n"
      % ", ".join(str(label_keys.index("action." + a)) for a in ACTION))
    b("static const uint16_t sc__actor_label[%d] = {%s};\n"
      % (len(ACTOR), ", ".join(str(label_keys.index("actor." + a))
                               for a in ACTOR)))
    for name, values in (("retry", RETRY), ("actor", ACTOR),
                         ("source", SOURCE), ("closeness", CLOSENESS)):
        b("static const uint32_t sc__%s_names[%d] = {%s};\n"
          % (name, len(values), ", ".join(str(blob.add(v)) for v in values)))
    b("static const unsigned char sc__retryable[%d] = {%s};\n\n"
      % (len(RETRY), ", ".join("1" if r in RETRYABLE else "0"
                               for r in RETRY)))

    b("static const sc__protocol sc__protocols[SC__NPROTO] = {\n")
    for p in proto_rows:
        b("    {%d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d},\n"
          % (p["name"], p["display"], p["help"], p["kind_first"],
             p["kind_count"], p["list_first"], p["list_count"],
             p["sym_first"], p["sym_count"], p["labelled"][0],
             p["labelled"][1]))
    b("};\n\n")
    b("/* The commands each protocol shows through a label (protocols.txt's\n"
      " * `labelled`): the command, the label key id. */\n")
    b("static const sc__labelled sc__labelled_commands[] = {\n")
    for cmd, name, key in labelled or [(0, "", "command.ANY")]:
        base = key.split("@")[0]
        b("    {%d, %d},  /* %s */\n" % (cmd, label_keys.index(base), name))
    b("};\n\n")
    b("static const sc__kind sc__kinds[SC__NKIND] = {\n")
    for k in kind_rows:
        b("    {%d, %d, %d, 0x%02x, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d},\n"
          % (k["protocol"], k["syntax"], k["scheme"], k["class_retry"],
             k["min"], k["max"], k["name"], k["prefix"], k["entry_first"],
             k["entry_count"], k["class_first"], k["class_count"],
             k["sub_first"], k["sub_count"]))
    b("};\n\n")
    b("static const sc__entry sc__entries[SC__NENTRY] = {\n")
    for e in entries:
        b("    {%d, %d, {%s}, %d, %d, %d, %d, %d, %d, 0x%02x, %d, %d, %d,\n"
          "     %d, %d, %d, %d, %d, {%s}, {%s}},  /* %s */\n"
          % (e["key"], e["hi"], ", ".join(map(str, e["texts"])), e["ctext"],
             e["origin"], e["label"], e["source"], e["retry"], e["actor"],
             e["classes"], e["flags"], e["tr"][0], e["tr"][1],
             e["contrast"][0], e["contrast"][1], e["reason"], e["rif"][0],
             e["rif"][1],
             ", ".join(str(f) for f, _ in e["lists"]),
             ", ".join(str(n) for _, n in e["lists"]),
             e["comment"].replace("*/", "* /")))
    b("};\n\n")
    b("/* Phrases that change an entry's verdict: reason, retry, phrase. */\n")
    b("static const sc__reason_if sc__reason_ifs[] = {\n")
    for rid, retry, ph in reason_ifs or [(0, 0, b"")]:
        b("    {%d, %d, %d, %d},\n" % (rid, retry, len(ph), blob.add(ph)))
    b("};\n\n")
    b("static const sc__tr sc__trs[] = {\n")
    for lang, field, text in trs or [(0, 0, 0)]:
        b("    {%d, %d, %d},\n" % (lang, field, text))
    b("};\n\n")
    b("static const uint32_t sc__strs[] = {\n")
    for i in range(0, max(len(strs), 1), 12):
        b("    %s,\n" % ", ".join(str(x) for x in (strs or [0])[i:i + 12]))
    b("};\n\n")

    def pc(t):
        return "{%d, %d, %d, %d, %d}" % t

    b("static const sc__pcode sc__codes[] = {\n")
    for c in codes or [(0, 0, 0, 0, 0)]:
        b("    %s,\n" % pc(c))
    b("};\n\n")
    b("static const sc__pcode sc__listed[SC__NLISTED] = {\n")
    for c in listed_codes:
        b("    %s,\n" % pc(c))
    b("};\n\n")
    b("static const sc__contrast sc__contrasts[] = {\n")
    for c, text in contrasts or [((0, 0, 0, 0, 0), 0)]:
        b("    {%s, %d},\n" % (pc(c), text))
    b("};\n\n")
    b("static const sc__equiv sc__equivs[] = {\n")
    for c, closeness, note, mclass in equivs or [((0, 0, 0, 0, 0), 0, 0, 0)]:
        b("    {%s, %d, %d, %d},\n" % (pc(c), closeness, mclass, note))
    b("};\n\n")
    b("static const sc__symbol sc__symbols[] = {\n")
    for pi, norm, ki, key in sym_rows or [(0, "", 0, 0)]:
        b("    {%d, %d, %d},  /* %s */\n" % (blob.add(norm), ki, key, norm))
    b("};\n\n")

    # Reasons and their rules.
    b("#define SC__NREASON %d\n" % len(reasons))
    b("#define SC__REASON_UNKNOWN %d\n#define SC__REASON_DELIVERED %d\n"
      "#define SC__RETRY_HINT %d\n\n" % (REASONS.index("unknown"),
                                         REASONS.index("delivered"),
                                         len(reasons)))
    b("static const sc__reason sc__reasons[SC__NREASON] = {\n")
    for r in reasons:
        b("    {%d, %d, %d, {%d, %d}},\n"
          % (blob.add(r["name"]), blob.add(r["summary"]),
             blob.add(r["example"]), ACTIONS.index(r["action"][0]),
             ACTIONS.index(r["action"][1])))
    b("};\n\n")
    # A reason's summary in each language: English where untranslated.
    b("static const uint32_t sc__reason_summaries[SC__NLANG][SC__NREASON] "
      "= {\n")
    for t in langs:
        b("    {%s},\n" % ", ".join(str(blob.add(r["tr"].get(t, r["summary"])))
                                 for r in reasons))
    b("};\n\n")
    erules, brules = [], []
    for rid, r in enumerate(reasons):
        erules += [(k, rid, p) for k, p in r["enhanced"]]
        brules += [(k, rid, p) for k, p in r["basic"]]
    for name, rules in (("sc__enh_rules", erules), ("sc__basic_rules",
                                                    brules)):
        rules.sort()
        b("static const sc__code_rule %s[] = {\n" % name)
        for k, rid, p in rules or [(-1, 0, 0)]:
            b("    {%d, %d, %d},\n" % (k, rid, p))
        b("};\n#define %s_N %d\n\n" % (name.upper(), len(rules)))

    # Failures with no status, in FAILURE_ORDER.
    b("static const sc__failure_rec sc__failures[] = {\n")
    nfail = 0
    for name in FAILURE_ORDER:
        rid = REASONS.index(name)
        for ph in reasons[rid]["failure"]:
            b("    {%d, %d, %d},  /* %s */\n" % (blob.add(ph), len(ph), rid,
                                              name))
            nfail += 1
    if nfail == 0:
        b("    {0, 0, 0},\n")
    b("};\n#define SC__NFAILURE %d\n\n" % nfail)
    b("static const sc__phrase sc__phrases[] = {\n")
    for ph in phrases:
        rid = ph["reason"] if ph["reason"] >= 0 else len(reasons)
        b("    {%d, %d, %d, %d, %d},\n"
          % (blob.add(ph["text"]), len(ph["text"]), rid, ph["prio"],
             (1 if ph["wstart"] else 0) | (2 if ph["wend"] else 0) |
             (4 if ph["names"] else 0)))
    b("};\n\n")
    classes, ncls, delta, full, defrows, table, base, nplain = automaton
    b("#define SC__AC_NCLASS %d\n#define SC__AC_NSTATE %d\n"
      "#define SC__AC_NPLAIN %d\n#define SC__AC_NSLOT %d\n"
      % (ncls, len(delta), nplain, len(table)))
    b("static const unsigned char sc__ac_class[256] = {\n")
    for i in range(0, 256, 16):
        b("    %s,\n" % ", ".join("%d" % c for c in classes[i:i + 16]))
    b("};\n\n")
    b("/* sc__ac_def[pc][c]: the next state on class c after a byte of\n"
      " * class pc, for a state whose own row has no entry for c. */\n")
    # Rows padded to a power of two: a row is found with a shift.
    stride = 1 << (ncls - 1).bit_length()
    b("#define SC__AC_DEF_STRIDE %d\n" % stride)
    b("static const uint32_t sc__ac_def[SC__AC_NCLASS][SC__AC_DEF_STRIDE] = {\n")
    for row in defrows:
        b("    {%s},\n" % ", ".join(str(x) for x in row + [0] * (stride - ncls)))
    b("};\n\n")
    b("/* (tag << 24) | next: see compress_automaton() in the generator.\n"
      " * States are named by their base; 0 .. SC__AC_NPLAIN-1 have no\n"
      " * output. */\n")
    b("static const uint32_t sc__ac_table[SC__AC_NSLOT] = {\n")
    for i in range(0, len(table), 8):
        b("    %s,\n" % ", ".join("0x%08x" % x for x in table[i:i + 8]))
    b("};\n\n")
    # sc__ac_out[base - SC__AC_NPLAIN]: index into sc__ac_outs of the
    # -1-terminated list of the phrases the state ends (0: none).
    outs, index = [-1], {}
    for s in range(len(delta)):
        if full[s]:
            index[base[s]] = len(outs)
            outs.extend(sorted(set(full[s])))
            outs.append(-1)
    if len(outs) > 65535:
        raise DataError("phrase automaton has too many outputs (%d)"
                        % len(outs))
    top = max(base.values())
    out_index = [index.get(bb, 0) for bb in range(nplain, top + 1)]
    b("#define SC__AC_NOUT %d\n" % len(out_index))
    b("static const uint16_t sc__ac_out[SC__AC_NOUT] = {\n")
    for i in range(0, len(out_index), 16):
        b("    %s,\n" % ", ".join(str(x) for x in out_index[i:i + 16]))
    b("};\n\n")
    b("static const int16_t sc__ac_outs[] = {\n")
    for i in range(0, len(outs), 16):
        b("    %s,\n" % ", ".join(str(x) for x in outs[i:i + 16]))
    b("};\n\n")

    w("/* Every string, NUL-terminated; a string is its offset here. */\n")
    w("static const char sc__blob[] =\n%s;\n#define SC__BLOB_SIZE %d\n\n"
      % (blob.c_text(), blob.size))
    o.extend(body)
    return "".join(o)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(CORE, "data"))
    ap.add_argument("--out", default=os.path.join(CORE, "src", "kb_data.inc"))
    ap.add_argument("--check", action="store_true",
                    help="fail if the output file is not up to date")
    ap.add_argument("--langs", metavar="en,fr,...",
                    help="keep only these languages (English always); "
                    "needs --out: the checked-in table is the full one")
    args = ap.parse_args(argv)
    keep = None
    if args.langs is not None:
        if args.check or args.out == ap.get_default("out"):
            ap.error("--langs writes a reduced table elsewhere: give --out, "
                     "not --check")
        keep = [t for t in re.split(r"[,;\s]+", args.langs) if t]
    try:
        text = generate(args.data, keep)
    except (DataError, OSError) as exc:
        print("gen_kb: error: %s" % exc, file=sys.stderr)
        return 1
    if args.check:
        try:
            with open(args.out, encoding="utf-8") as f:
                current = f.read()
        except OSError:
            current = None
        if current != text:
            print("gen_kb: %s is stale: run python3 core/tools/gen_kb.py"
                  % os.path.relpath(args.out), file=sys.stderr)
            return 1
        return 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
