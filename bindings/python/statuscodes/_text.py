"""Readable text of statuscodes' results: what the command line prints, and
what ``statuscodes.text(result)`` returns for a REPL.

    >>> import statuscodes as sc
    >>> print(sc.text(sc.describe(404, protocol="http")))    # doctest: +ELLIPSIS
    404  Not Found  (NOT_FOUND)
    http · 4xx Client Error
    ...

Results stay plain dicts (JSON-serialisable, fresh per call); this module
only formats them.
"""

import functools
import re
import shutil
import unicodedata

INDENT = "    "


@functools.lru_cache(maxsize=None)
def _words(lang):
    """words(lang), read once per language (never handed out: callers only
    read it)."""
    from . import words

    return words(lang)


def _paren(text, lang, after=None):
    """text in parentheses, after `after` if given: full-width ones with no
    space before them in Chinese and Japanese."""
    if lang in ("ja", "zh"):
        return (after or "") + f"（{text}）"
    return (after + " " if after else "") + f"({text})"


def pad(text, width):
    """text and spaces to fill width columns (display width: cells()); for
    a negative width, the spaces before it (aligned right)."""
    gap = " " * max(0, abs(width) - cells(text))
    return gap + text if width < 0 else text + gap


def _width():
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def cells(text):
    """Columns a terminal gives text: 2 for an East Asian wide or fullwidth
    character, 0 for a combining mark or a format character (such as the
    bidi isolates), 1 for any other."""
    if text.isascii():
        return len(text)
    n = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


# Kinsoku: what never starts a line (closing and small characters) and what
# never ends one (opening brackets), beyond the Unicode categories Pe/Pf and
# Ps/Pi.
_NO_LINE_START = set("、。，．：；！？・ー…‥ゝゞヽヾ々〻"
                     "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")
# Wide characters of words that spaces separate (Korean's, and fullwidth
# Latin letters and digits): never broken.
_WORDS = ("HANGUL", "FULLWIDTH LATIN", "FULLWIDTH DIGIT")


def _ideographic(ch):
    """A character of Chinese or Japanese text, which has no spaces: a wide
    or fullwidth one, but for Hangul and fullwidth Latin letters and
    digits."""
    return (unicodedata.east_asian_width(ch) in ("W", "F")
            and unicodedata.category(ch) not in ("Mn", "Me")
            and not unicodedata.name(ch, "").startswith(_WORDS))


def _may_break(a, b):
    """Whether a line may break between a and b, two characters of a word
    (no space between them): between two ideographic characters, or an
    ideographic one and a letter or digit (Gmail|の, 5.1.1|は), unless b
    closes (、。」）...) or a opens (「（...)."""
    if not (_ideographic(a) or _ideographic(b)):
        return False  # Latin, Thai, Korean...: only spaces break
    if not all(_ideographic(c) or c.isalnum() for c in (a, b)):
        return False  # narrow punctuation keeps to its neighbour (的“550)
    return (unicodedata.category(a) not in ("Ps", "Pi")
            and unicodedata.category(b) not in ("Pe", "Pf")
            and b not in _NO_LINE_START)


def _breaks(word):
    """word (no spaces) cut where _may_break() allows. Latin letters,
    digits and code (5.1.1, RFC 5321's number, a `word`) are never
    ideographic, so never cut. Thai, which writes no spaces between words
    either, is never cut: the data marks no word boundaries and only a
    dictionary could find them, so a Thai run breaks at the spaces between
    its phrases, and a run longer than a line overflows rather than split
    a word."""
    if word.isascii():
        return [word]
    pieces, start = [], 0
    for i in range(1, len(word)):
        if _may_break(word[i - 1], word[i]):
            pieces.append(word[start:i])
            start = i
    pieces.append(word[start:])
    return pieces


def wrap(text, width, first="", indent=""):
    """text as lines of at most width columns (display width: cells()),
    the first line starting with first, the others with indent. Lines break
    at spaces, which the break drops, and inside Chinese and Japanese text
    as _breaks() allows; a word longer than a line stands alone on one.
    Text with spaces wraps as textwrap.fill(text, width, initial_indent=
    first, subsequent_indent=indent, break_long_words=False,
    break_on_hyphens=False) would, leading whitespace aside (dropped).
    Empty or blank text gives ""."""
    lines, line, used = [], None, 0
    # textwrap's whitespace: each character a space, tabs expanded first.
    chunks = re.split(r"([\t\n\x0b\x0c\r ]+)", text.expandtabs())
    space = ""
    for k, chunk in enumerate(chunks):
        if k % 2:
            space = " " * len(chunk)
            continue
        for j, piece in enumerate(_breaks(chunk) if chunk else ()):
            more = (space if j == 0 else "") + piece
            if line is None:
                line, used = first + piece, cells(first) + cells(piece)
            elif used + cells(more) <= width:
                line, used = line + more, used + cells(more)
            else:
                lines.append(line)
                line, used = indent + piece, cells(indent) + cells(piece)
    if line is not None:
        lines.append(line)
    return "\n".join(lines)


def _wrap(text, indent=INDENT, first=None):
    return wrap(text, _width(), indent if first is None else first, indent)


FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE, POP DIRECTIONAL ISOLATE
_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def isolate_ltr(text):
    """text for a terminal that lays out right-to-left script: in each line
    holding Arabic or Hebrew, each left-to-right run (a code, an RFC
    number, a Latin name, from its first to its last letter or digit, and
    the brackets that close or open those it holds) between FSI and PDI,
    so it shows in its own order. Line by line, as a terminal reorders;
    other lines are left as they are. Only for text output, never the
    results themselves."""
    out = []
    for line in text.split("\n"):
        classes = [unicodedata.bidirectional(ch) for ch in line]
        if "R" not in classes and "AL" not in classes:
            out.append(line)
            continue
        runs, start = [], None
        for i, cls in enumerate(classes + ["R"]):
            if cls in ("L", "EN"):
                start = i if start is None else start
                end = i + 1
            elif cls in ("R", "AL") and start is not None:
                runs.append([start, end])
                start = None
        for run in runs:
            start, end = run
            inner = line[start:end]
            for op, cl in _BRACKETS.items():
                unclosed = inner.count(op) - inner.count(cl)
                while unclosed > 0 and line[end:end + 1] == cl:
                    end, unclosed = end + 1, unclosed - 1
                while unclosed < 0 and start > 0 and line[start - 1] == op:
                    start, unclosed = start - 1, unclosed + 1
            run[:] = start, end
        for start, end in reversed(runs):
            line = line[:start] + FSI + line[start:end] + PDI + line[end:]
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Readable output
# ---------------------------------------------------------------------------


def format_description(d, lang=None):
    """describe()'s dict as text: a title line, then one section per
    heading; its own words in `lang` (default: the dict's language)."""
    lang = lang or d["lang"]
    labels = d["labels"]
    untranslated = set(d["untranslated"])
    title = f"{d['code']}  {d['name']}"
    if d["mnemonic"]:
        title += f"  ({d['mnemonic']})"
    out = [_wrap(title, "")]
    line = d["protocol"]
    if d["class"] is not None:
        line += f" · {d['class']} {d['class_name']}"
    if d["subject"] is not None:
        line += f" · {d['subject']} {d['subject_name']}"
    if d["origin"]:
        line += f" · {d['source']}: {d['origin']}"
    out.append(_wrap(line, ""))
    if not d["known"]:
        out.append(_paren(_words(lang)["not_listed"], lang))
    if d["gist"]:
        out += ["", _wrap(d["gist"], "")]

    def section(key, body):
        heading = labels.get(key, key)
        if key in untranslated:
            heading += " (en)"
        out.append("")
        out.append(heading)
        out.append(body)

    for key in ("description", "when", "fix"):
        if d[key]:
            section(key, _wrap(d[key]))
    if d["retry_advice"]:
        section("retry", _wrap(d["retry_advice"]))
    if d["actor_text"]:
        section("actor", _wrap(d["actor_text"]))
    if d["commands"]:
        section("commands", _wrap(", ".join(d["commands"])))
    if d["references"]:
        section("references", "\n".join(INDENT + r for r in d["references"]))
    related = list(d["related"])
    related += [c for c in d["basic"] if c not in related]
    if related:
        section("related", _wrap(", ".join(str(c) for c in related)))
    if d["variants"]:
        section("variants", "\n".join(_wrap(v, INDENT + "  ", INDENT + "- ") for v in d["variants"]))
    if d["equivalents"]:
        lines = []
        for q in d["equivalents"]:
            text = f"{q['protocol']} {q['code']} {q['name']} ({q['closeness']})"
            if q["note"]:
                text += f": {q['note']}"
            lines.append(_wrap(text, INDENT + "  ", INDENT + "- "))
        section("equivalents", "\n".join(lines))
    if d["aliases"]:
        section("aliases", _wrap(", ".join(d["aliases"])))
    return "\n".join(out)


def format_lookup(results, lang=None):
    """lookup()'s list as text: each protocol's description under its own
    heading, after a line saying the number means several things."""
    lang = lang or results[0]["lang"]
    if len(results) == 1:
        return format_description(results[0], lang)
    names = ", ".join(f"{d['protocol'].upper()} {d['code']}" for d in results)
    key = "listed_many" if any(d["known"] for d in results) else "listed_none"
    out = [_wrap(_words(lang)[key].format(codes=names), "")]
    for d in results:
        out += ["", f"=== {d['protocol'].upper()} ===", format_description(d, lang)]
    return "\n".join(out)


def format_listing(results, lang=None):
    """A list of describe() dicts, one line each: protocol, code, name."""
    return "\n".join(f"{d['protocol']:<9} {d['code']!s:<9} {d['name']}" for d in results)


def format_comparison(c, lang=None):
    """compare()'s dict as text: title, summary, each code's description,
    when you see it and how to fix it, differences, when each applies."""
    labels = c["labels"]
    out = [_wrap(c["title"], "")]
    out += ["", labels["summary"], _wrap(c["summary"])]
    for d in (c["a"], c["b"]):
        out += ["", _wrap(f"{d['code']}  {d['name']}", "")]
        for key in ("description", "when", "fix"):
            out += [INDENT + labels[key], _wrap(d[key], INDENT * 2)]
    if c["differences"]:
        out += ["", labels["differences"]]
        for i, diff in enumerate(c["differences"], 1):
            first = f"{INDENT}{i}. "
            out.append(_wrap(diff, " " * len(first), first))
    if c["when_to_use"]:
        out += ["", labels["when_to_use"]]
        out += [_wrap(w, INDENT + "  ", INDENT + "- ") for w in c["when_to_use"]]
    if c["learn_more"]:
        out += ["", labels["learn_more"]]
        out += [INDENT + "- " + ref for ref in c["learn_more"]]
    return "\n".join(out)


def format_verdict(v, lang="en"):
    """parse()'s dict as text: one field a line, the names in `lang` (a
    verdict does not say which language its `why` is in)."""
    w = _words(lang)
    cls = v["class"] or "-"
    if v["permanent"] is not None:
        cls = _paren(w["permanent" if v["permanent"] else "transient"], lang, cls)
    code = "-" if v["code"] is None else str(v["code"])
    if v["mnemonic"]:
        code += " " + v["mnemonic"]
    rows = [
        ("protocol", v["protocol"] or "-"),
        ("code", code),
        ("enhanced", v["enhanced"] or v["ede"] or "-"),
        ("class", cls),
        ("action", v["action"] or _paren(w["no_reply"], lang, "-")),
        ("reason", v["reason"]),
        ("why", v["why"]),
    ]
    if v["retry_after"] is not None:
        rows.append(("retry_after", w["seconds"].format(seconds=v["retry_after"])))
    if v["retry_at"] is not None:
        rows.append(("retry_at", v["retry_at"]))
    if v["class_conflict"]:
        rows.append(("conflict", w["conflict_text"]))
    if v["retry_hint"]:
        rows.append(("hint", w["hint_text"]))
    rows.append(("text", v["text"]))
    return "\n".join(_wrap(str(value), " " * 12, pad(w[name], 11) + " ")
                     for name, value in rows)


def format_verdict_line(v, lang=None):
    """One line per reply of a log: protocol, code, enhanced code (or
    Extended DNS Error), reason, action."""
    code = v["code"] if v["code"] is not None else "-"
    enhanced = (v["enhanced"] or v["ede"] or "-").replace(" ", "")
    return (f"{v['protocol'] or '-':<9} {code!s:<4} {enhanced:<9} "
            f"{v['reason']:<20} {v['action'] or '-'}")


def text(result, lang=None):
    """Readable text of a result of describe(), compare(), parse(), or a
    list of them (lookup(), search(), parse_many(), parse_log()), as the
    command line prints it; its own words (a verdict's row names) in
    `lang`, by default the result's language (English for a verdict).
    Raises TypeError for anything else, ValueError for a language not
    available."""
    if lang is not None:
        from . import language

        lang = language(lang)
    return isolate_ltr(_text(result, lang))


def _text(result, lang):
    if isinstance(result, list):
        if all(isinstance(x, dict) and "action" in x for x in result):
            return "\n".join(format_verdict_line(v) for v in result)
        if all(isinstance(x, dict) and "known" in x and "fix" in x for x in result):
            return format_listing(result)
    elif isinstance(result, dict):
        if "title" in result and "differences" in result:
            return format_comparison(result)
        if "action" in result and "lines" in result:
            return format_verdict(result, lang or "en")
        if "fix" in result and "labels" in result:
            return format_description(result, lang)
    raise TypeError("text() takes a result of describe, compare or parse, or a "
                    "list of them, not %s" % type(result).__name__)
