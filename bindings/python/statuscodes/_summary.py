"""Summaries of mail logs: merge_summaries(), and the table for people and
the JSON that the CLI prints.

summarize() (in the C core) counts a log; a summary is a plain dict, so the
summaries of parts of a log (made apart, kept as JSON) merge here, by the
same rules as the core's sc_summary_merge(): every count adds up, keys and
example texts go in as if the later part's lines came after the earlier
part's, within the same bounds (the dict's "bounds").
"""

_KEYS = ("lines", "bytes", "verdicts", "permanent", "transient", "unterminated")
_COUNTS = ("skipped", "formats", "mta_status", "actions", "reasons")


def _add_counts(into, other):
    for k, v in other.items():
        into[k] = into.get(k, 0) + v


def _merge_table(into, other, name, bound):
    index = {e[name]: e for e in into["keys"]}
    for e in other["keys"]:
        mine = index.get(e[name])
        if mine is None:
            if len(into["keys"]) >= bound:
                into["other"] += e["count"]
                continue
            mine = {name: e[name], "count": 0, "actions": {}}
            into["keys"].append(mine)
            index[e[name]] = mine
        mine["count"] += e["count"]
        _add_counts(mine["actions"], e["actions"])
    into["other"] += other["other"]


def _merge_examples(into, other, slots, overflow):
    # Space-Saving, as the core keeps them.
    for reason, texts in other.items():
        mine = into.setdefault(reason, [])
        for e in texts:
            for m in mine:
                if m["text"] == e["text"]:
                    m["count"] += e["count"]
                    break
            else:
                if len(mine) < slots:
                    mine.append({"text": e["text"], "count": e["count"]})
                else:
                    least = min(range(len(mine)), key=lambda i: mine[i]["count"])
                    overflow["examples_evicted"] += 1
                    mine[least] = {"text": e["text"],
                                   "count": mine[least]["count"] + e["count"]}
    for texts in into.values():
        # as the core lists them: commonest first, equal counts by text
        texts.sort(key=lambda e: (-e["count"], e["text"]))


def _cell_key(cell):
    return tuple(sorted((k, v) for k, v in cell.items() if k != "count"))


def _merge_times(into, other, bound):
    # Cells by hour and reason, in first-seen order, as the core keeps them.
    index = {_cell_key(c): c for c in into["cells"]}
    for c in other["cells"]:
        mine = index.get(_cell_key(c))
        if mine is None:
            if len(into["cells"]) >= bound:
                into["other"] += c["count"]
                continue
            mine = dict(c, count=0)
            into["cells"].append(mine)
            index[_cell_key(c)] = mine
        mine["count"] += c["count"]
    into["other"] += other["other"]
    into["untimed"] += other["untimed"]


def merge_summaries(summaries):
    """Merge summarize() dicts of consecutive parts of a log, in input order,
    into a new summary of the whole. Counts add up exactly; domains, relays,
    examples, recipients and the cells by hour follow the core's bounds
    (see sc_summary in statuscodes(3)): exact while no part overflowed them,
    except that a recipient keeps the last verdict of the last part that
    suppressed it (a part lists only the recipients it suppressed: one
    suppressed in a part and only delivered to, or retried, in later ones
    stays suppressed). ValueError for
    an empty list."""
    summaries = list(summaries)
    if not summaries:
        raise ValueError("merge_summaries() needs at least one summary")
    import copy

    out = copy.deepcopy(summaries[0])
    bounds = out["bounds"]
    for s in summaries[1:]:
        for k in _KEYS:
            out[k] += s[k]
        for k in _COUNTS:
            _add_counts(out[k], s[k])
        _merge_table(out["domains"], s["domains"], "domain", bounds["keys"])
        _merge_table(out["relays"], s["relays"], "relay", bounds["keys"])
        _merge_times(out["times"], s["times"], bounds["cells"])
        _add_counts(out["overflow"], s["overflow"])
        _merge_examples(out["examples"], s["examples"], bounds["examples"],
                        out["overflow"])
        index = {r["recipient"]: r for r in out["recipients"]}
        for r in s["recipients"]:
            mine = index.get(r["recipient"])
            if mine is None:
                if len(out["recipients"]) >= bounds["recipients"]:
                    out["overflow"]["suppress_dropped"] += r["action"] == "suppress"
                    continue
                mine = dict(r)
                out["recipients"].append(mine)
                index[r["recipient"]] = mine
            mine["action"], mine["reason"] = r["action"], r["reason"]
    out["overflow"]["key_lines"] = out["domains"]["other"] + out["relays"]["other"]
    out["overflow"]["time_lines"] = out["times"]["other"]
    out["suppress"] = [r["recipient"] for r in out["recipients"]
                       if r["action"] == "suppress"]
    return out


def summary_json(s):
    """The summary as one line of JSON, as --summary --json prints it."""
    import json

    return json.dumps(s, ensure_ascii=False)


def _by_count(counts):
    """(name, count) pairs, commonest first, equal counts by name: the same
    order for a summary and for a merge of its parts, whose dicts list the
    names in another order."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _pct(n, total):
    return "%5.1f%%" % (100.0 * n / total) if total else "     -"


def _cols(cells, widths):
    """A table row: each cell padded to its width in display columns
    (_text.pad(): a negative width aligns right, as for numbers)."""
    from ._text import pad

    return " ".join(pad(str(c), w) for c, w in zip(cells, widths)).rstrip()


def summary_text(s, top=10, lang="en"):
    """The summary as a table for people, its headings in `lang`."""
    from ._text import _words

    w = _words(lang)
    out = []
    total = s["verdicts"]
    sk = s["skipped"]
    out.append(w["summary_title"])
    out.append("  " + w["summary_counts"].format(
        lines=s["lines"], judged=total, skipped=sum(sk.values()),
        no_reply=sk["no_reply"], blank=sk["blank"], cut=sk["cut"],
        binary=sk["binary"], long=sk["long"]))
    if s["formats"]:
        out.append("  " + w["formats"].format(formats=", ".join(
            "%s %d" % kv for kv in sorted(s["formats"].items()))))
    three = (22, -10, -7)
    out.append("")
    out.append(_cols((w["mta_status"], w["lines"], w["share"]), three))
    for k, n in _by_count(s["mta_status"]):
        out.append(_cols((k, n, _pct(n, total)), three))
    out.append("")
    out.append(_cols((w["action"], w["lines"], w["share"]), three))
    for k, n in _by_count(s["actions"]):
        if n:
            out.append(_cols((k, n, _pct(n, total)), three))
    out.append("")
    four = (22, -10, -7, 0)
    out.append(_cols((w["reason"], w["lines"], w["share"], " " + w["commonest_text"]), four))
    for k, n in _by_count(s["reasons"]):
        # of texts of equal count, the first by name (as for the rows)
        ex = min(s["examples"].get(k) or [{"text": "", "count": 0}],
                 key=lambda e: (-e["count"], e["text"]))
        out.append(_cols((k, n, _pct(n, total), " " + ex["text"][:70]), four))
    five = (30, -10, -10, -10, -10)
    for title, key, name in (("recipient_domain", "domains", "domain"),
                             ("relay_provider", "relays", "relay")):
        t = s[key]
        if not t["keys"]:
            continue
        out.append("")
        out.append(_cols((w[title], w["lines"], w["suppress"], w["retry"],
                          w["delivered"]), five))
        for e in sorted(t["keys"], key=lambda e: -e["count"])[:top]:
            a = e["actions"]
            out.append(_cols((e[name][:30], e["count"], a.get("suppress", 0),
                              a.get("retry", 0), a.get("none", 0)), five))
        rest = sum(e["count"] for e in sorted(
            t["keys"], key=lambda e: -e["count"])[top:]) + t["other"]
        if rest:
            out.append(_cols((w["others"], rest), five))
    out.append("")
    line = w["to_suppress"].format(count=len(s["suppress"]))
    if s["overflow"]["suppress_dropped"]:
        line += " (%s)" % w["not_kept"].format(
            count=s["overflow"]["suppress_dropped"], bound=s["bounds"]["recipients"])
    out.append(line)
    for a in s["suppress"][:top]:
        out.append("  " + a)
    if len(s["suppress"]) > top:
        out.append("  ... (%s)" % w["json_lists_all"])
    return "\n".join(out)
