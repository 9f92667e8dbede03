#!/usr/bin/env python3
"""Print the README's tables of parse() verdicts from core/data.

    python3 core/tools/reasons_table.py            # the reasons (reasons.txt)
    python3 core/tools/reasons_table.py --codes    # each protocol's codes by verdict

The README embeds the first between the markers <!-- reasons --> and
<!-- /reasons -->, the second between <!-- verdicts --> and <!-- /verdicts -->;
tests/python/test_generator.py checks they agree with the data.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_kb  # noqa: E402

DATA = os.path.join(gen_kb.CORE, "data")


def table(data_dir=DATA):
    rows = ["| reason | action, transient / permanent | what it means | example |",
            "| --- | --- | --- | --- |"]
    for rec in gen_kb.read_records(os.path.join(data_dir, "reasons.txt")):
        name = rec.get("reason")
        if name.startswith("@"):
            continue
        act = rec.get("action").split()
        rows.append("| `%s` | %s / %s | %s | `%s` |" % (
            name, act[0], act[1], rec.get("summary"),
            rec.get("example").replace("|", "\\|")))
    return "\n".join(rows) + "\n"


def _actions(data_dir):
    out = {}
    for rec in gen_kb.read_records(os.path.join(data_dir, "reasons.txt")):
        if not rec.get("reason").startswith("@"):
            out[rec.get("reason")] = rec.get("action").split()
    return out


def verdict_of(retry, reason, actions):
    """The action and `permanent` parse() gives a code (core/src/read.c)."""
    if retry in ("not_needed", "continue"):
        return "none", "-"
    if retry == "follow":
        return "fix", "-"
    permanent = retry in ("after_fix", "never")
    return actions[reason][1 if permanent else 0], "yes" if permanent else "no"


def codes_table(data_dir=DATA):
    """Per protocol other than SMTP: its listed codes grouped by verdict."""
    actions = _actions(data_dir)
    recs = gen_kb.read_records(os.path.join(data_dir, "protocols.txt"))
    display = {r.get("protocol"): r.get("display") for r in recs
               if r.keys()[0] == "protocol"}
    out = []
    for r in recs:
        if r.keys()[0] != "kind" or r.get("protocol") == gen_kb.SMTP:
            continue
        groups, classes = {}, {}
        for f in r.get("files").split():
            for e in gen_kb.read_records(os.path.join(data_dir, f)):
                code, reason = e.get("code"), e.get("reason") or "unknown"
                if e.get("source") == "class":
                    classes[code] = reason
                    continue
                key = (reason,) + verdict_of(e.get("retry"), reason, actions)
                groups.setdefault(key, []).append(code)
                for rif in e.values("reason_if"):
                    name, rest = rif.split(" ", 1)
                    retry, phrases = rest.split(": ", 1)
                    k = (name,) + verdict_of(retry, name, actions)
                    groups.setdefault(k, []).append(
                        "%s (\"%s\")" % (code, phrases.split(" | ")[0]))
        prefix = "EDE " if r.get("syntax").startswith("prefixed") else ""
        out.append("**%s%s**\n" % (display[r.get("protocol")],
                                    " Extended DNS Errors" if prefix else ""))
        out.append("| reason | action | permanent | codes |")
        out.append("| --- | --- | --- | --- |")
        for (reason, action, permanent), cs in sorted(
                groups.items(), key=lambda kv: kv[1][0].split()[0].zfill(6)):
            out.append("| `%s` | %s | %s | %s |" % (
                reason, action, permanent, ", ".join(prefix + c for c in cs)))
        if classes:
            out.append("| | | | unlisted codes: %s |" % ", ".join(
                "%s `%s`" % (c, n) for c, n in sorted(classes.items())))
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(codes_table() if sys.argv[1:] == ["--codes"] else table())
