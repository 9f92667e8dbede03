"""A summary of a mail log as one self-contained HTML page (--html).

The page fetches nothing: its Content-Security-Policy allows no source but
its own inline style and script, named by their SHA-256 hashes. Every text
that comes from the log (reply texts, domains, relays, recipients, the
file's name) is escaped. The chart is an SVG drawn here: stacked bars of
the judged lines per hour (per day when the log spans more than four days),
one colour per reason, with a legend and axis labels; each bar has a title
that shows on hover.
"""

import base64
import datetime
import hashlib
import html

from . import __version__, actions, reasons

HOURLY_SPAN = datetime.timedelta(days=4)  # longer logs: a bar per day
MAX_SLOTS = 1000                          # days drawn at most: the latest
PALETTE = ["#4e79a7", "#e15759", "#f28e2b", "#76b7b2", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac", "#1170aa", "#fc7d0b", "#c85200"]
DELIVERED = "#59a14f"
TOP = 25  # rows of the domain and relay tables

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 1000px;
       padding: 0 1em; color: #222; background: #fff; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
.note { color: #555; }
.cards { display: flex; flex-wrap: wrap; gap: .6em; margin: 1em 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .4em .8em; min-width: 7em; }
.card b { display: block; font-size: 1.5em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { padding: .2em .6em; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid #bbb; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) td { background: #f6f6f6; }
meter { width: 6em; }
.keep { white-space: nowrap; }
svg.chart { width: 100%; height: auto; }
svg.chart rect.bar:hover { opacity: .7; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em 1.2em; }
code, pre { font-size: .92em; }
pre { background: #f6f6f6; padding: .6em; max-height: 30em; overflow: auto; }
"""

# Errors of any kind, and anything the policy blocks, go into the page's
# data-errors attribute; data-rendered says how many bars there are once
# the page has loaded.
SCRIPT = """
(function () {
  var root = document.documentElement, errors = [];
  function note(m) { errors.push(String(m)); root.setAttribute("data-errors", errors.join("\\n")); }
  window.addEventListener("error", function (e) { note(e.message || "error"); }, true);
  window.addEventListener("unhandledrejection", function (e) { note("rejection: " + e.reason); });
  document.addEventListener("securitypolicyviolation", function (e) {
    note("blocked: " + e.violatedDirective + " " + e.blockedURI);
  });
  var error = console.error;
  console.error = function () {
    note(Array.prototype.join.call(arguments, " "));
    return error.apply(console, arguments);
  };
  window.addEventListener("load", function () {
    root.setAttribute("data-rendered", String(document.querySelectorAll("svg.chart rect.bar").length));
  });
})();
"""


def _e(text):
    """Any text as HTML text or attribute value."""
    return html.escape(str(text), quote=True)


def _n(count):
    return "{:,}".format(count)


def _sha256(text):
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def policy():
    """The Content-Security-Policy of the page: nothing may be fetched."""
    return ("default-src 'none'; script-src %s; style-src %s; img-src 'none'; "
            "font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
            "frame-src 'none'; base-uri 'none'; form-action 'none'"
            % (_sha256(SCRIPT), _sha256(STYLE)))


def resolve_year(month, day, year=None, reference=None):
    """The year of a syslog time stamp, which has none: `year` if given;
    else the year of `reference` (a date: the log file's, or today), less
    one for a stamp on a later day of the year than `reference`'s (a log
    that spans New Year)."""
    if year is not None:
        return year
    reference = reference or datetime.date.today()
    return reference.year - ((month, day) > (reference.month, reference.day))


def hours(summary, year=None, reference=None):
    """The summary's cells as {(datetime of the hour, reason): count}, the
    year of stamps without one decided by resolve_year(), and the count of
    lines whose date does not exist in the year decided (Feb 29)."""
    out, bad = {}, 0
    for c in summary["times"]["cells"]:
        y = c["year"] or resolve_year(c["month"], c["day"], year, reference)
        try:
            key = (datetime.datetime(y, c["month"], c["day"], c["hour"]), c["reason"])
        except ValueError:
            bad += c["count"]
            continue
        out[key] = out.get(key, 0) + c["count"]
    return out, bad


def colours(order):
    """A colour per reason: delivered green, the others from a palette."""
    out, i = {}, 0
    for r in order:
        if r == "delivered":
            out[r] = DELIVERED
            continue
        out[r] = PALETTE[i] if i < len(PALETTE) else "hsl(%d,55%%,50%%)" % (i * 137.5 % 360)
        i += 1
    return out


def buckets(by_hour):
    """The chart's slots: (start, {reason: count}) for every hour from the
    first to the last, or every day when that spans more than HOURLY_SPAN
    (the latest MAX_SLOTS days); the unit ("hour" or "day"); the lines left
    out of the chart."""
    if not by_hour:
        return [], "hour", 0
    first = min(h for h, _ in by_hour)
    last = max(h for h, _ in by_hour)
    if last - first <= HOURLY_SPAN:
        unit, step, key = "hour", datetime.timedelta(hours=1), lambda h: h
    else:
        unit, step = "day", datetime.timedelta(days=1)
        key = lambda h: h.replace(hour=0)  # noqa: E731
        first = max(key(first), key(last) - step * (MAX_SLOTS - 1))
    slots, index, t = [], {}, key(first)
    while t <= key(last):
        index[t] = len(slots)
        slots.append((t, {}))
        t += step
    dropped = 0
    for (h, reason), n in by_hour.items():
        i = index.get(key(h))
        if i is None:
            dropped += n
            continue
        counts = slots[i][1]
        counts[reason] = counts.get(reason, 0) + n
    return slots, unit, dropped


def _nice(top):
    """The smallest of 5, 10, 20, 50, 100, ... at least `top`."""
    k = 5
    while k < top:
        k = k * 2 if str(k)[0] in "15" else k * 5 // 2
    return k


def chart(slots, unit, order, colour, cid, label, w):
    """One SVG of stacked bars: a rect.bar per non-empty (slot, reason); its
    axes named with the words `w` (words())."""
    width, height, left, right, top, bottom = 960, 320, 64, 16, 12, 52
    pw, ph = width - left - right, height - top - bottom
    ymax = _nice(max([sum(c.values()) for _, c in slots] + [1]))
    slot = pw / max(len(slots), 1)
    fmt = "%m-%d %H:00" if unit == "hour" else "%Y-%m-%d"      # the axis
    when = "%Y-%m-%d %H:00" if unit == "hour" else "%Y-%m-%d"  # a bar's title
    out = ['<svg class="chart" id="%s" viewBox="0 0 %d %d" role="img" aria-label="%s" '
           'xmlns="http://www.w3.org/2000/svg">' % (cid, width, height, _e(label))]
    for i in range(6):  # grid lines and the y axis's labels
        v = ymax * i // 5
        y = top + ph - ph * i / 5
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (left, width - right, y, y))
        out.append('<text x="%d" y="%.1f" text-anchor="end" font-size="12" fill="#555">%s</text>'
                   % (left - 6, y + 4, _n(v)))
    out.append('<text transform="translate(14,%d) rotate(-90)" text-anchor="middle" font-size="12" '
               'fill="#333">%s</text>' % (top + ph // 2, _e(w["judged_lines"])))
    every = max(1, -(-len(slots) // 8))
    for i, (t, counts) in enumerate(slots):
        x = left + i * slot
        y = top + ph
        for reason in order:
            n = counts.get(reason, 0)
            if not n:
                continue
            h = ph * n / ymax
            y -= h
            out.append('<rect class="bar" data-reason="%s" x="%.2f" y="%.2f" width="%.2f" '
                       'height="%.2f" fill="%s"><title>%s: %s %s</title></rect>'
                       % (_e(reason), x + slot * 0.1, y, max(slot * 0.8, 0.5), h, colour[reason],
                          _e(t.strftime(when)), _n(n), _e(reason)))
        if i % every == 0:
            out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#888"/>'
                       % (x, x, top + ph, top + ph + 5))
            out.append('<text x="%.1f" y="%d" font-size="12" fill="#555">%s</text>'
                       % (x, top + ph + 18, _e(t.strftime(fmt))))
    out.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#888"/>'
               % (left, width - right, top + ph, top + ph))
    out.append('<text x="%d" y="%d" text-anchor="middle" font-size="12" fill="#333">%s</text>'
               % (left + pw // 2, height - 8,
                  _e(w["axis_" + unit])))
    out.append("</svg>")
    return "\n".join(out)


def _legend(order, colour, totals):
    items = ['<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" '
             'fill="%s"/></svg> %s (%s)</li>' % (colour[r], _e(r), _n(totals[r])) for r in order]
    return '<ul class="legend">%s</ul>' % "".join(items)


def _join(sentences, lang):
    """Sentences one after another: a space between them, none in Chinese
    and Japanese, whose full stop takes the place of one."""
    return ("" if lang in ("ja", "zh") else " ").join(sentences)


def _table(head, rows, numeric=()):
    out = ["<table><tr>%s</tr>" % "".join("<th>%s</th>" % _e(h) for h in head)]
    for row in rows:
        out.append("<tr>%s</tr>" % "".join(
            '<td class="n">%s</td>' % c if i in numeric else "<td>%s</td>" % c
            for i, c in enumerate(row)))
    out.append("</table>")
    return "\n".join(out)


def _share(n, total):
    if not total:
        return ""
    return ('<span class="keep"><meter min="0" max="1" value="%.4f"></meter> %.1f%%</span>'
            % (n / total, 100.0 * n / total))


def _keys_table(t, name, total, w):
    keys = sorted(t["keys"], key=lambda e: -e["count"])
    rows = []
    for e in keys[:TOP]:
        a = e["actions"]
        rows.append((_e(e[name]), _n(e["count"]), _share(e["count"], total),
                     _n(a.get("suppress", 0)), _n(a.get("retry", 0)), _n(a.get("none", 0)),
                     _n(e["count"] - a.get("suppress", 0) - a.get("retry", 0) - a.get("none", 0))))
    rest = sum(e["count"] for e in keys[TOP:]) + t["other"]
    if rest:
        rows.append((_e(w["others"]), _n(rest), _share(rest, total), "", "", "", ""))
    return _table((w[name], w["lines"], w["share"], w["suppress"], w["retry"],
                   w["delivered"], w["other"]), rows,
                  numeric=(1, 3, 4, 5, 6))


def page(summary, source="-", year=None, reference=None, lang="en"):
    """The HTML page of a summarize() or merge_summaries() dict, its words
    in `lang`. `source` names the log; `year` and `reference` decide the
    year of syslog time stamps (resolve_year())."""
    from ._text import _words

    w = _words(lang)
    s = summary
    total = s["verdicts"]
    meaning = reasons(lang=lang)
    acts = actions(lang=lang)
    order = [r for r, _ in sorted(s["reasons"].items(), key=lambda kv: (-kv[1], kv[0]))]
    by_hour, bad_dates = hours(s, year, reference)
    for _, r in by_hour:
        if r not in order:
            order.append(r)
    colour = colours(order)
    slots, unit, dropped = buckets(by_hour)
    failures = [(t, {r: n for r, n in c.items() if r != "delivered"}) for t, c in slots]
    totals = {}
    for (_, r), n in by_hour.items():
        totals[r] = totals.get(r, 0) + n
    charted = [r for r in order if r in totals]
    sk = s["skipped"]

    counts = w["summary_counts"].format(
        lines=_n(s["lines"]), judged=_n(total), skipped=_n(sum(sk.values())),
        no_reply=_n(sk["no_reply"]), blank=_n(sk["blank"]), cut=_n(sk["cut"]),
        binary=_n(sk["binary"]), long=_n(sk["long"]))
    body = ["<h1>%s</h1>" % _e(w["summary_title"]),
            '<p class="note">%s &middot; %s &middot; statuscodes %s</p>'
            % (_e(source), _e(counts), _e(__version__))]
    cards = ['<div class="card"><b>%s</b>%s</div>' % (_n(total), _e(w["judged_lines"]))]
    for a, n in sorted(s["actions"].items(), key=lambda kv: -kv[1]):
        if n:
            cards.append('<div class="card" title="%s"><b>%s</b>%s</div>'
                         % (_e(acts.get(a, "")), _n(n), _e(w["delivered"]) if a == "none" else _e(a)))
    cards.append('<div class="card"><b>%s</b>%s</div>'
                 % (_n(len(s["suppress"])), _e(w["suppress_heading"])))
    body.append('<div class="cards">%s</div>' % "".join(cards))

    body.append("<h2>%s</h2>" % _e(w["over_time"]))
    if slots:
        body.append(chart(slots, unit, order, colour, "chart-all", w["chart_" + unit], w))
        body.append(_legend(charted, colour, totals))
        if any(c for _, c in failures) and "delivered" in totals:
            body.append("<h3>%s</h3>" % _e(w["but_delivered"]))
            body.append(chart(failures, unit, order, colour, "chart-failures",
                              w["failures_" + unit], w))
    else:
        body.append('<p class="note">%s</p>' % _e(w["no_time"]))
    notes = [w["note_" + unit]]
    if any(c["year"] == 0 for c in s["times"]["cells"]):
        if year is not None:
            notes.append(w["year_option"].format(year=year))
        else:
            ref = reference or datetime.date.today()
            notes.append(w["year_file"].format(year=ref.year, date=ref.isoformat()))
    if s["times"]["untimed"]:
        notes.append(w["untimed"].format(count=_n(s["times"]["untimed"])))
    if s["times"]["other"]:
        notes.append(w["cells_full"].format(count=_n(s["times"]["other"]),
                                            cells=_n(s["bounds"]["cells"])))
    if bad_dates:
        notes.append(w["bad_dates"].format(count=_n(bad_dates)))
    if dropped:
        notes.append(w["too_old"].format(count=_n(dropped), days=MAX_SLOTS))
    body.append('<p class="note">%s</p>' % _e(_join(notes, lang)))

    body.append("<h2>%s</h2>" % _e(w["reasons"]))
    rows = []
    for r in order:
        if r not in s["reasons"]:
            continue
        ex = s["examples"].get(r) or []
        rows.append(('<span class="keep"><svg width="12" height="12" aria-hidden="true">'
                     '<rect width="12" height="12" fill="%s"/></svg> <code>%s</code></span>'
                     % (colour[r], _e(r)),
                     _n(s["reasons"][r]), _share(s["reasons"][r], total),
                     _e(meaning.get(r, {}).get("summary", "")),
                     _e(ex[0]["text"]) if ex else ""))
    body.append(_table((w["reason"], w["lines"], w["share"], w["what_it_means"],
                        w["commonest_text"]), rows, numeric=(1,)))
    body.append("<h2>%s</h2>" % _e(w["actions"]))
    body.append(_table((w["action"], w["lines"], w["share"], w["what_to_do"]),
                       [("<code>%s</code>" % _e(a), _n(n), _share(n, total), _e(acts.get(a, "")))
                        for a, n in sorted(s["actions"].items(), key=lambda kv: -kv[1]) if n],
                       numeric=(1,)))
    body.append("<h2>%s</h2>" % _e(w["mta_said"]))
    body.append(_table((w["mta_status"], w["lines"], w["share"]),
                       [("<code>%s</code>" % _e(k), _n(n), _share(n, total))
                        for k, n in sorted(s["mta_status"].items(), key=lambda kv: -kv[1])],
                       numeric=(1,)))
    for title, key, name in (("domains", "domains", "domain"),
                             ("relays", "relays", "relay")):
        if s[key]["keys"] or s[key]["other"]:
            body.append("<h2>%s</h2>" % _e(w[title]))
            body.append(_keys_table(s[key], name, total, w))

    body.append("<h2>%s</h2>" % _e(w["commonest_texts"]))
    body.append('<p class="note">%s</p>' % _e(w["masked"]))
    for r in order:
        ex = s["examples"].get(r)
        if not ex:
            continue
        body.append("<h3><code>%s</code></h3>" % _e(r))
        body.append(_table((w["lines"], w["text"]),
                           [(_n(x["count"]), _e(x["text"])) for x in ex],
                           numeric=(0,)))

    body.append("<h2>%s</h2>" % _e(w["suppress_heading"]))
    sup = s["suppress"]
    dropped_sup = s["overflow"]["suppress_dropped"]
    said = [w["suppress_count"].format(count=_n(len(sup)))]
    if dropped_sup:
        said.append(w["suppress_dropped"].format(count=_n(dropped_sup),
                                                 bound=_n(s["bounds"]["recipients"])))
    body.append("<p>%s</p>" % _e(_join(said, lang)))
    if sup:
        body.append("<pre>%s</pre>" % "\n".join(_e(a) for a in sup))

    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="%s"%s data-errors="">' % (lang, ' dir="rtl"' if lang == "ar" else ""),
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="%s">' % _e(policy()),
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>%s: %s</title>" % (_e(w["summary_title"]), _e(source)),
        "<style>%s</style>" % STYLE,
        "<script>%s</script>" % SCRIPT,
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])
