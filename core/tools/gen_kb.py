#!/usr/bin/env python3
"""Generate core/src/kb_data.inc from the knowledge base in core/data/.

    python3 core/tools/gen_kb.py            rewrite core/src/kb_data.inc
    python3 core/tools/gen_kb.py --check    exit 1 if the checked-in file is stale
    python3 core/tools/gen_kb.py --data D --out F   other paths (tests use this)

Standard library only. The input is checked and any error stops the run with
file:line and what is wrong: unknown or missing keys, duplicate codes, bad
enum values, over-long strings, dangling related codes, unknown language
tags, label records whose keys or placeholders differ from English.
Record syntax and keys: core/data/README.md.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORE = os.path.dirname(HERE)

NAME_MAX = 100
TEXT_MAX = 1000
PHRASE_MAX = 64

RETRY = ["not_needed", "continue", "later", "after_fix", "never"]
ACTOR = ["nobody", "client", "sender", "recipient", "server"]
SOURCE = ["rfc", "registry", "common", "class"]
COMMANDS = ("CONNECT HELO EHLO MAIL RCPT DATA BDAT RSET VRFY EXPN HELP NOOP "
            "QUIT AUTH STARTTLS ETRN ATRN END-OF-DATA ANY").split()
ACTIONS = ["none", "retry", "suppress", "fix", "review"]
REASONS = """delivered user_unknown mailbox_disabled mailbox_full message_too_large
domain_not_found no_mail_accepted relay_denied smtp_auth_required
smtp_auth_failed tls_required sender_rejected email_auth_failed ptr_required
blocked spam_detected virus_detected content_rejected policy_rejected
rate_limited greylisted too_many_recipients syntax_error service_unavailable
system_error unknown""".split()
RETRY_HINT = "@retry_hint"
# Evidence tiers of reasons.txt and their priorities (see its header).
TIERS = {"strong": 50, "enhanced": 40, "phrase": 30, "basic": 20, "weak": 10,
         "fallback": 5}
# sc_label_id order of statuscodes.h -> heading keys of labels.txt.
HEADINGS = ["summary", "description", "when", "fix", "retry", "actor",
            "commands", "references", "related", "variants", "differences",
            "when_to_use", "learn_more"]
TEXT_FIELDS = ["name", "description", "when", "fix"]
LANG_RE = re.compile(r"^[a-z]{2,3}$")
BASIC_RE = re.compile(r"^[2-5][0-9][0-9]$")
ENH_RE = re.compile(r"^([245])\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$")
XENH_RE = re.compile(r"^X\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$")


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
                cur.items[-1] = (k, (v + " " + line.strip()).strip(), ln)
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
    if len(value.encode("utf-8")) > limit:
        rec.fail("'%s' is %d bytes, over the limit of %d"
                 % (key, len(value.encode("utf-8")), limit))
    if "\\" in value or "\x00" in value:
        rec.fail("'%s' holds a backslash or NUL" % key)


def split_key(rec, key, langs):
    """'description.fr' -> ('description', 'fr'); checks the tag."""
    if "." in key:
        base, tag = key.rsplit(".", 1)
        if tag not in langs:
            rec.fail("unknown language tag '%s' in key '%s'" % (tag, key))
        return base, tag
    return key, "en"


# ---------------------------------------------------------------------------
# labels.txt
# ---------------------------------------------------------------------------

PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


def load_labels(path):
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
        langs.append(tag)
        table[tag] = vals
    return langs, en_keys, table


# ---------------------------------------------------------------------------
# smtp.txt, smtp_enhanced.txt
# ---------------------------------------------------------------------------

ENTRY_KEYS = {"code", "name", "source", "retry", "actor", "classes",
              "commands", "basic", "description", "when", "fix", "ref",
              "related", "variant"}
REPEATABLE = {"ref", "variant"}


def parse_entry_common(rec, langs):
    seen = set()
    for key, _, line in rec.items:
        base, tag = split_key(rec, key, langs)
        if base not in ENTRY_KEYS:
            rec.fail("unknown key '%s'" % key, line)
        if tag != "en" and base not in TEXT_FIELDS:
            rec.fail("'%s' cannot be translated" % base, line)
        if key in seen and base not in REPEATABLE:
            rec.fail("key '%s' given twice" % key, line)
        seen.add(key)
    e = {"rec": rec, "code": rec.get("code", True)}
    for f in TEXT_FIELDS:
        e[f] = {"en": rec.get(f, True)}
        check_text(rec, f, e[f]["en"], NAME_MAX if f == "name" else TEXT_MAX)
    for key, value, _ in rec.items:
        base, tag = split_key(rec, key, langs)
        if base in TEXT_FIELDS and tag != "en":
            check_text(rec, key, value, NAME_MAX if base == "name" else TEXT_MAX)
            e[base][tag] = value
    for key, allowed in (("source", SOURCE), ("retry", RETRY),
                         ("actor", ACTOR)):
        v = rec.get(key, True)
        if v not in allowed:
            rec.fail("%s '%s' is not one of %s" % (key, v, ", ".join(allowed)))
        e[key] = v
    cmds = (rec.get("commands") or "").split()
    for c in cmds:
        if c not in COMMANDS:
            rec.fail("unknown command '%s'" % c)
    if len(set(cmds)) != len(cmds):
        rec.fail("a command is listed twice")
    e["commands"] = cmds
    e["refs"] = rec.values("ref")
    for r in e["refs"]:
        check_text(rec, "ref", r, NAME_MAX)
    if not e["refs"] and e["source"] not in ("common",):
        rec.fail("at least one 'ref' is needed")
    e["variants"] = rec.values("variant")
    for v in e["variants"]:
        check_text(rec, "variant", v, TEXT_MAX)
    e["related"] = (rec.get("related") or "").split()
    for r in e["related"]:
        if not (BASIC_RE.match(r) or ENH_RE.match(r)):
            rec.fail("related code '%s' is not a basic or enhanced code" % r)
    if len(set(e["related"])) != len(e["related"]):
        rec.fail("a related code is listed twice")
    return e


def load_basic(path, langs):
    classes, entries = {}, {}
    for rec in read_records(path):
        e = parse_entry_common(rec, langs)
        code = e["code"]
        if rec.get("classes") or rec.get("basic"):
            rec.fail("'classes' and 'basic' belong to enhanced codes")
        m = re.match(r"^([2-5])xx$", code)
        if m:
            if e["source"] != "class":
                rec.fail("a class entry has source: class")
            if int(m.group(1)) in classes:
                rec.fail("class %s defined twice" % code)
            classes[int(m.group(1))] = e
            continue
        if not BASIC_RE.match(code):
            rec.fail("'%s' is not a basic code (three digits, 2..5 first)"
                     % code)
        if e["source"] == "class":
            rec.fail("source: class is only for class entries")
        if int(code) in entries:
            rec.fail("code %s defined twice (first at %s)"
                     % (code, entries[int(code)]["rec"].where()))
        entries[int(code)] = e
    for c in (2, 3, 4, 5):
        if c not in classes:
            raise DataError("%s: class entry %dxx is missing" % (path, c))
    return classes, entries


def load_enhanced(path, langs):
    classes, subjects, details = {}, {}, {}
    for rec in read_records(path):
        e = parse_entry_common(rec, langs)
        code = e["code"]
        m_cls = re.match(r"^([245])\.X\.X$", code)
        m_sub = re.match(r"^X\.([0-9]+)\.X$", code)
        m_det = XENH_RE.match(code)
        if m_cls or m_sub:
            if e["source"] != "class":
                rec.fail("class and subject entries have source: class")
            if rec.get("classes") or rec.get("basic"):
                rec.fail("'classes' and 'basic' belong to detail entries")
        if m_cls:
            k = int(m_cls.group(1))
            if k in classes:
                rec.fail("%s defined twice" % code)
            classes[k] = e
        elif m_sub:
            k = int(m_sub.group(1))
            if k > 999 or k in subjects:
                rec.fail("%s defined twice or out of range" % code)
            subjects[k] = e
        elif m_det:
            key = (int(m_det.group(1)), int(m_det.group(2)))
            if key in details:
                rec.fail("%s defined twice (first at %s)"
                         % (code, details[key]["rec"].where()))
            if e["source"] == "class":
                rec.fail("source: class is only for class and subject entries")
            cl = (rec.get("classes", True)).split()
            if not cl or any(c not in ("2", "4", "5") for c in cl) \
                    or len(set(cl)) != len(cl):
                rec.fail("classes must list 2, 4 or 5, each once")
            e["classes"] = sorted(int(c) for c in cl)
            e["basic"] = (rec.get("basic") or "").split()
            for b in e["basic"]:
                if not BASIC_RE.match(b):
                    rec.fail("basic code '%s' is not three digits" % b)
            details[key] = e
        else:
            rec.fail("'%s' is not 2.X.X, X.n.X or X.n.n" % code)
    for c in (2, 4, 5):
        if c not in classes:
            raise DataError("%s: class entry %d.X.X is missing" % (path, c))
    for (s, _), e in details.items():
        if s not in subjects:
            e["rec"].fail("no subject entry X.%d.X for this code" % s)
    return classes, subjects, details


def check_related(basic, details):
    for e in list(basic.values()) + list(details.values()):
        for r in e["related"]:
            if BASIC_RE.match(r):
                if int(r) not in basic:
                    e["rec"].fail("related code %s is not in the base" % r)
            else:
                m = ENH_RE.match(r)
                key = (int(m.group(2)), int(m.group(3)))
                if key not in details:
                    e["rec"].fail("related code %s is not in the base" % r)
                if int(m.group(1)) not in details[key]["classes"]:
                    e["rec"].fail("related code %s: %s is not used with "
                                  "class %s" % (r, "X.%d.%d" % key,
                                                m.group(1)))
        for b in e.get("basic", []):
            if int(b) not in basic:
                e["rec"].fail("basic code %s is not in the base" % b)


# ---------------------------------------------------------------------------
# reasons.txt
# ---------------------------------------------------------------------------

REASON_KEYS = {"reason", "summary", "example", "action"} | set(TIERS)


def load_reasons(path, basic, details):
    recs = read_records(path)
    reasons, hint = [], None
    phrases, seen_phrase, seen_code = [], {}, {}
    for rec in recs:
        name = rec.get("reason", True)
        if rec.keys()[0] != "reason":
            rec.fail("a reason record starts with 'reason'")
        for k, _, line in rec.items:
            if k not in REASON_KEYS:
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
            reasons.append({"name": name, "summary": summary,
                            "example": example, "action": act,
                            "enhanced": [], "basic": []})
        for k, v, line in rec.items:
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
                        key = (int(m.group(1)), int(m.group(2)))
                        if key not in details:
                            rec.fail("code %s is not in the base" % item, line)
                        if k == "basic":
                            rec.fail("'basic' takes basic codes", line)
                        kind = "enhanced"
                    elif BASIC_RE.match(item):
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
                phrases.append({"text": raw, "reason": rid, "prio": prio,
                                "wstart": wstart, "wend": wend})
    if len(reasons) != len(REASONS):
        raise DataError("%s: reasons missing after '%s'"
                        % (path, reasons[-1]["name"] if reasons else "start"))
    if hint is None:
        raise DataError("%s: no %s record" % (path, RETRY_HINT))
    return reasons, phrases


# ---------------------------------------------------------------------------
# Aho-Corasick automaton over the phrases, as a dense DFA on byte classes.
# ASCII letters fold to lower case through the byte-class map.
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
    for pid, ph in enumerate(phrases):
        s = 0
        for b in ph["text"]:
            c = classes[b]
            if c not in goto[s]:
                goto.append({})
                out.append([])
                goto[s][c] = len(goto) - 1
            s = goto[s][c]
        out[s].append(pid)
    fail = [0] * len(goto)
    order = []
    queue = list(goto[0].values())
    for s in queue:
        fail[s] = 0
    while queue:
        s = queue.pop(0)
        order.append(s)
        for c, t in goto[s].items():
            queue.append(t)
            f = fail[s]
            while f and c not in goto[f]:
                f = fail[f]
            fail[t] = goto[f][c] if c in goto[f] and goto[f][c] != t else 0
    # Dense transitions, in BFS order so that fail states are done first.
    n = len(goto)
    if n >= 65535:
        raise DataError("phrase automaton too large (%d states)" % n)
    delta = [[0] * ncls for _ in range(n)]
    for c in range(ncls):
        delta[0][c] = goto[0].get(c, 0)
    for s in order:
        for c in range(ncls):
            delta[s][c] = goto[s][c] if c in goto[s] else delta[fail[s]][c]
    # Full output sets: own outputs plus those of the fail chain.
    full = [None] * n
    full[0] = list(out[0])
    for s in order:
        full[s] = out[s] + full[fail[s]]
    # Number the states with no output first, the others after, each group
    # in trie order (a phrase's states stay next to each other, which the
    # cache likes better than breadth-first order): then "has an output" is
    # `state >= nplain`, a comparison instead of a second table lookup per
    # byte. The root stays state 0.
    new_order = ([s for s in range(n) if not full[s]] +
                 [s for s in range(n) if full[s]])
    if new_order[0] != 0:
        raise DataError("the root of the phrase automaton has an output")
    renum = [0] * n
    for i, s in enumerate(new_order):
        renum[s] = i
    delta = [[renum[t] for t in delta[s]] for s in new_order]
    full = [full[s] for s in new_order]
    nplain = sum(1 for f in full if not f)
    return classes, ncls, delta, full, nplain


# ---------------------------------------------------------------------------
# C output
# ---------------------------------------------------------------------------

def c_str(s):
    """A C string literal. Bytes outside printable ASCII become three-digit
    octal escapes, which end by themselves (a hex escape would swallow a
    following hex digit and need the literal split in two)."""
    if s is None:
        return "NULL"
    b = s.encode("utf-8") if isinstance(s, str) else s
    out = []
    for ch in b:
        if ch == 0x22:
            out.append('\\"')
        elif ch == 0x5C:
            out.append("\\\\")
        elif ch == 0x3F and out and out[-1] == "?":
            out.append("\\?")  # no "??x" trigraph under -std=c11
        elif 0x20 <= ch < 0x7F:
            out.append(chr(ch))
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'


class Pool:
    """Flattened arrays that entries point into by (first, count)."""

    def __init__(self):
        self.strs, self.codes, self.trs = [], [], []

    def add_strs(self, items):
        first = len(self.strs)
        self.strs.extend(items)
        return first, len(items)

    def add_codes(self, items):
        first = len(self.codes)
        self.codes.extend(items)
        return first, len(items)


def code_c(text):
    if BASIC_RE.match(text):
        return "{SC_CODE_BASIC, %d, 0, 0}" % int(text)
    m = ENH_RE.match(text)
    return "{SC_CODE_ENHANCED, %s, %s, %s}" % m.groups()


def entry_c(e, key, pool, langs):
    trs = []
    for fi, f in enumerate(TEXT_FIELDS):
        for tag, text in sorted(e[f].items()):
            if tag != "en":
                trs.append((langs.index(tag), fi, text))
    tr_first = len(pool.trs)
    pool.trs.extend(trs)
    cf, cn = pool.add_strs(e["commands"])
    rf, rn = pool.add_strs(e["refs"])
    vf, vn = pool.add_strs(e["variants"])
    lf, ln = pool.add_codes(e["related"])
    bf, bn = pool.add_codes(e.get("basic", []))
    cls_mask = sum(1 << c for c in e.get("classes", []))
    return ("    {%d, %d, %d, %d, 0x%02x,\n     {%s,\n      %s,\n      %s,\n"
            "      %s},\n     %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d},"
            "  /* %s */\n"
            % (key, SOURCE.index(e["source"]), RETRY.index(e["retry"]),
               ACTOR.index(e["actor"]), cls_mask,
               c_str(e["name"]["en"]), c_str(e["description"]["en"]),
               c_str(e["when"]["en"]), c_str(e["fix"]["en"]),
               tr_first, len(trs), cf, cn, rf, rn, vf, vn, lf, ln, bf, bn,
               e["code"]))


def generate(data_dir):
    labels_path = os.path.join(data_dir, "labels.txt")
    langs, label_keys, labels = load_labels(labels_path)
    with open(os.path.join(data_dir, "VERSION"), encoding="utf-8") as f:
        version = f.read().strip()
    if not re.match(r"^[0-9]+\.[0-9]+\.[0-9]+$", version):
        raise DataError("VERSION: '%s' is not N.N.N" % version)
    bclasses, basic = load_basic(os.path.join(data_dir, "smtp.txt"), langs)
    eclasses, subjects, details = load_enhanced(
        os.path.join(data_dir, "smtp_enhanced.txt"), langs)
    check_related(basic, details)
    reasons, phrases = load_reasons(os.path.join(data_dir, "reasons.txt"),
                                    basic, details)
    for r in reasons:
        if not r["example"]:
            raise DataError("reason %s has no example" % r["name"])

    pool = Pool()
    o = []
    w = o.append
    w("/* kb_data.inc — GENERATED by core/tools/gen_kb.py from core/data/"
      "{smtp,smtp_enhanced,labels,reasons}.txt\n"
      " * and core/data/VERSION. Do not edit: edit the data and run\n"
      " * `python3 core/tools/gen_kb.py`. Included once, by core/src/kb.c. */\n\n")
    w("#define KB_VERSION %s\n" % c_str(version))
    w("#define KB_NLANG %d\n#define KB_NLABEL %d\n" % (len(langs),
                                                       len(label_keys)))
    for i, k in enumerate(label_keys):
        w("#define KB_L_%s %d\n" % (re.sub(r"[^A-Za-z0-9]", "_", k).upper(), i))
    w("\nstatic const char *const kb_lang_tags[KB_NLANG] = {%s};\n"
      % ", ".join(c_str(t) for t in langs))
    w("static const char *const kb_lang_names[KB_NLANG] = {%s};\n"
      % ", ".join(c_str(labels[t]["language"]) for t in langs))
    w("static const unsigned char kb_heading_index[SC_LABEL_COUNT] = {%s};\n"
      % ", ".join(str(label_keys.index("heading." + h)) for h in HEADINGS))
    w("\nstatic const char *const kb_labels[KB_NLANG][KB_NLABEL] = {\n")
    for t in langs:
        w("  { /* %s */\n" % t)
        for k in label_keys:
            w("    %s,\n" % c_str(labels[t][k]))
        w("  },\n")
    w("};\n\n")

    # Entries.
    def table(name, items):
        w("static const kb_entry %s[] = {\n" % name)
        for key, e in items:
            w(entry_c(e, key, pool, langs))
        w("};\n\n")

    table("kb_smtp_basic_class", [(k, bclasses[k]) for k in (2, 3, 4, 5)])
    table("kb_smtp_basic", sorted(basic.items()))
    table("kb_smtp_enh_class", [(k, eclasses[k]) for k in (2, 4, 5)])
    table("kb_smtp_enh_subject", sorted(subjects.items()))
    table("kb_smtp_enh_detail", [(s * 1000 + d, e) for (s, d), e
                                 in sorted(details.items())])
    w("#define KB_SMTP_NBASIC %d\n#define KB_SMTP_NSUBJECT %d\n"
      "#define KB_SMTP_NDETAIL %d\n\n" % (len(basic), len(subjects),
                                         len(details)))

    # Every listed code, in sc_code_at order.
    code_list = ["%d" % c for c in sorted(basic)]
    for cls in (2, 4, 5):
        for (s, d), e in sorted(details.items()):
            if cls in e["classes"]:
                code_list.append("%d.%d.%d" % (cls, s, d))
    w("static const sc_code kb_smtp_codes[] = {\n")
    for c in code_list:
        w("    %s,\n" % code_c(c))
    w("};\n\n")

    w("static const char *const kb_strs[] = {\n")
    for s in pool.strs or [""]:
        w("    %s,\n" % c_str(s))
    w("};\n\n")
    w("static const sc_code kb_codes[] = {\n")
    for c in pool.codes or ["250"]:
        w("    %s,\n" % code_c(c))
    w("};\n\n")
    w("static const kb_translation kb_trs[] = {\n")
    for lang, field, text in pool.trs or [(0, 0, None)]:
        w("    {%d, %d, %s},\n" % (lang, field, c_str(text)))
    w("};\n\n")

    # Reasons and their rules.
    w("#define KB_NREASON %d\n" % len(reasons))
    w("#define KB_REASON_UNKNOWN %d\n#define KB_REASON_DELIVERED %d\n"
      "#define KB_RETRY_HINT %d\n\n" % (REASONS.index("unknown"),
                                        REASONS.index("delivered"),
                                        len(reasons)))
    w("static const kb_reason kb_reasons[KB_NREASON] = {\n")
    for r in reasons:
        w("    {%s, %s,\n     %s, {%d, %d}},\n"
          % (c_str(r["name"]), c_str(r["summary"]), c_str(r["example"]),
             ACTIONS.index(r["action"][0]), ACTIONS.index(r["action"][1])))
    w("};\n\n")
    erules, brules = [], []
    for rid, r in enumerate(reasons):
        erules += [(k[0] * 1000 + k[1], rid, p) for k, p in r["enhanced"]]
        brules += [(k, rid, p) for k, p in r["basic"]]
    for name, rules in (("kb_enh_rules", erules), ("kb_basic_rules", brules)):
        rules.sort()
        w("static const kb_code_rule %s[] = {\n" % name)
        for k, rid, p in rules or [(-1, 0, 0)]:
            w("    {%d, %d, %d},\n" % (k, rid, p))
        w("};\n#define %s_N %d\n\n" % (name.upper(), len(rules)))

    w("static const kb_phrase kb_phrases[] = {\n")
    for ph in phrases:
        rid = ph["reason"] if ph["reason"] >= 0 else len(reasons)
        w("    {%s, %d, %d, %d, %d},\n"
          % (c_str(ph["text"]), len(ph["text"]), rid, ph["prio"],
             (1 if ph["wstart"] else 0) | (2 if ph["wend"] else 0)))
    w("};\n\n")
    classes, ncls, delta, full, nplain = build_automaton(phrases)
    # Rows padded to a power of two: a state's row is then found with a
    # shift, not a multiplication, on the scan's critical path.
    stride = 1 << (ncls - 1).bit_length()
    w("#define KB_AC_NCLASS %d\n#define KB_AC_STRIDE %d\n"
      "#define KB_AC_NSTATE %d\n#define KB_AC_NPLAIN %d\n"
      % (ncls, stride, len(delta), nplain))
    w("static const unsigned char kb_ac_class[256] = {\n")
    for i in range(0, 256, 16):
        w("    %s,\n" % ", ".join("%d" % c for c in classes[i:i + 16]))
    w("};\n\n")
    w("/* States 0 .. KB_AC_NPLAIN-1 have no output; the others have. */\n")
    w("static const unsigned short kb_ac_delta[KB_AC_NSTATE][KB_AC_STRIDE] = {\n")
    for row in delta:
        w("    {%s},\n" % ",".join(str(x) for x in row + [0] * (stride - ncls)))
    w("};\n\n")
    # kb_ac_out[s - KB_AC_NPLAIN]: index into kb_ac_outs of the
    # -1-terminated list of the phrases state s ends.
    outs, index = [-1], []
    for s in range(nplain, len(delta)):
        index.append(len(outs))
        outs.extend(sorted(set(full[s])))
        outs.append(-1)
    if len(outs) > 65535:
        raise DataError("phrase automaton has too many outputs (%d)"
                        % len(outs))
    w("static const unsigned short kb_ac_out[KB_AC_NSTATE - KB_AC_NPLAIN] = {\n")
    for i in range(0, len(index), 16):
        w("    %s,\n" % ", ".join(str(x) for x in index[i:i + 16]))
    w("};\n\n")
    w("static const short kb_ac_outs[] = {\n")
    for i in range(0, len(outs), 16):
        w("    %s,\n" % ", ".join(str(x) for x in outs[i:i + 16]))
    w("};\n")
    return "".join(o)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(CORE, "data"))
    ap.add_argument("--out", default=os.path.join(CORE, "src", "kb_data.inc"))
    ap.add_argument("--check", action="store_true",
                    help="fail if the output file is not up to date")
    args = ap.parse_args(argv)
    try:
        text = generate(args.data)
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
