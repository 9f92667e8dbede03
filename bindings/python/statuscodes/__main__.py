"""Command line: python3 -m statuscodes.

    python3 -m statuscodes 535                 describe a code (every protocol
                                               that lists it)
    python3 -m statuscodes --protocol http 404 describe it in one protocol
    python3 -m statuscodes 250 535             compare two codes
    python3 -m statuscodes --protocol smtp --protocol-b http 421 503
                                               compare codes of two protocols
    python3 -m statuscodes --search "too many" find codes by name or meaning
    python3 -m statuscodes --list              list the codes of a protocol
    python3 -m statuscodes --parse "550 ..."   parse one reply
    python3 -m statuscodes < mail.log          parse a log, one line per reply
    python3 -m statuscodes --summary mail.log  summarise a mail log (Postfix,
                                               Exim, Sendmail): a table, or
                                               --json for pipes
    python3 -m statuscodes --merge a.json b.json
                                               merge --summary --json outputs
    python3 -m statuscodes --summary mail.log --html report.html
                                               the summary as a page with a
                                               chart of reasons over time
    python3 -m statuscodes --bounce PATH       read bounces: a message file, an
                                               mbox or a Maildir, one line per
                                               recipient
    tail -f mail.log | python3 -m statuscodes --parse -
                                               each reply as it comes

Readable text for people; --json for pipes. A bad code or option prints one
line on stderr and exits with status 2. The language is --lang's, else the
environment's as gettext reads it (LANGUAGE, then LC_ALL, LC_MESSAGES,
LANG; C and POSIX mean English), else English.
"""

import argparse
import datetime
import json
import os
import sys

from . import (
    __version__,
    codes,
    compare,
    describe,
    language,
    lookup,
    parse,
    parse_bounce,
    parse_stream,
    protocols,
    search,
)
from ._text import (
    format_comparison,
    format_description,
    format_listing,
    format_lookup,
    format_verdict,
    format_verdict_line,
    isolate_ltr,
)

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def _parser():
    parser = argparse.ArgumentParser(
        prog="statuscodes",
        usage="python3 -m statuscodes [options] CODE [CODE]\n"
        "       python3 -m statuscodes [options] --parse REPLY\n"
        "       python3 -m statuscodes [options] < LOG",
        description="Describe a status code, compare two, or parse what a server replied.",
        epilog="With no CODE and a pipe or file on stdin (or --parse -), stdin is read "
        "as a log and each reply in it is parsed.",
    )
    parser.add_argument("codes", nargs="*", metavar="CODE", help="535, 5.7.8, 404 ...")
    parser.add_argument("--parse", metavar="REPLY", help='a reply such as "550 5.1.1 ...", or - for stdin')
    parser.add_argument("--lang", help="language of labels and texts: en, fr, fr-CA, pt_BR.UTF-8 ... "
                        "(default: the environment's, as gettext reads LANGUAGE, LC_ALL, "
                        "LC_MESSAGES and LANG; else en)")
    parser.add_argument(
        "--protocol",
        help="protocol of the codes: " + ", ".join(protocols()) + " (default: every protocol that "
        "lists a code; two codes are compared in SMTP when it lists both; with --parse, "
        "the protocol read from the text's form)",
    )
    parser.add_argument("--summary", nargs="?", const="-", metavar="FILE",
                        help="summarise a mail log (Postfix, Exim, Sendmail or one reply per "
                        "line; FILE or - for stdin): counts by action, reason, MTA status, "
                        "recipient domain and relay, example texts, recipients to suppress")
    parser.add_argument("--merge", nargs="+", metavar="FILE",
                        help="merge the --summary --json outputs of consecutive parts of a log")
    parser.add_argument("--html", metavar="FILE",
                        help="with --summary or --merge: write the summary as one self-contained "
                        "HTML page (tables and a chart of reasons over time; it fetches nothing) "
                        "instead of printing the table")
    parser.add_argument("--year", type=int, metavar="YYYY",
                        help="with --html: the year of syslog time stamps, which carry none "
                        "(default: the year of the log file's modification date, or the year "
                        "before for a stamp on a later day of the year than that date, so a "
                        "log that spans New Year reads right; with --merge the newest JSON "
                        "file's date; on stdin today's)")
    parser.add_argument("--log-format", default="auto",
                        choices=["auto", "postfix", "exim", "sendmail", "reply"],
                        help="with --summary: the log's format (default: each line's own)")
    parser.add_argument("--protocol-b", metavar="PROTOCOL",
                        help="protocol of the second code of a comparison (default: --protocol)")
    parser.add_argument("--search", metavar="WORDS", help="find codes whose name or gist holds every word")
    parser.add_argument("--list", action="store_true", help="list the codes of --protocol (default: smtp)")
    parser.add_argument("--bounce", metavar="PATH",
                        help="read bounces from a message file, an mbox or a Maildir: "
                        "one line per recipient (recipient, DSN action, code, enhanced, "
                        "reason, action)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--version", action="version", version=f"statuscodes {__version__}")
    return parser


def _compute(args):
    """Call the library; return (result, formatter, is_log). Raises ValueError
    or TypeError for bad input."""
    modes = [args.parse is not None, args.search is not None, args.list]
    if sum(modes) > 1 or (any(modes) and args.codes):
        raise ValueError("give codes, --parse, --search or --list, one at a time")
    if args.search is not None:
        return search(args.search, protocol=args.protocol, lang=args.lang), format_listing, False
    if args.list:
        protocol = args.protocol or "smtp"
        found = [describe(c, protocol=protocol, lang=args.lang) for c in codes(protocol)]
        return found, format_listing, False
    if args.parse == "-" or (args.parse is None and not args.codes):
        stdin = sys.stdin
        if stdin is None or (args.parse is None and stdin.isatty()):
            raise ValueError("give a code to describe, two to compare, or --parse REPLY")
        # Each verdict as soon as its reply is complete (tail -f works), in
        # memory that stays flat over a log of any size.
        return (parse_stream(getattr(stdin, "buffer", stdin), protocol=args.protocol,
                             lang=args.lang),
                format_verdict_line, True)
    if args.parse is not None:
        return (parse(args.parse, protocol=args.protocol, lang=args.lang, details=True),
                format_verdict, False)
    if len(args.codes) == 1:
        code = args.codes[0]
        if args.protocol is None:
            # Every protocol that lists it; when none does, every protocol
            # that reads it describes it from its class or range. JSON:
            # always a list.
            found = lookup(code, lang=args.lang) or _read_anywhere(code, args.lang)
            return found, format_lookup, False
        d = describe(code, protocol=args.protocol, lang=args.lang)
        return d, format_description, False
    if len(args.codes) == 2:
        protocol = args.protocol
        if protocol is None and args.protocol_b is not None:
            listed = lookup(args.codes[0])
            protocol = listed[0]["protocol"] if listed else "smtp"
        elif protocol is None:
            protocol = _common_protocol(*args.codes)
        c = compare(args.codes[0], args.codes[1], protocol=protocol, lang=args.lang,
                    protocol_b=args.protocol_b)
        return c, format_comparison, False
    raise ValueError(f"give one code to describe or two to compare, not {len(args.codes)}")


def _read_anywhere(code, lang):
    """describe() of a code no protocol lists, in every protocol where it is
    well-formed; SMTP's error (the default protocol's) when none reads it."""
    found = []
    for protocol in protocols():
        try:
            found.append(describe(code, protocol=protocol, lang=lang))
        except ValueError:
            continue
    return found or [describe(code, lang=lang)]


def _common_protocol(a, b):
    """The protocol two codes are compared in when none is given: SMTP when
    it lists both (the library's default), else the first that lists both,
    else SMTP."""
    listed_a = [d["protocol"] for d in lookup(a)]
    listed_b = {d["protocol"] for d in lookup(b)}
    both = [p for p in listed_a if p in listed_b]
    if "smtp" in both or not both:
        return "smtp"
    return both[0]


def _emit(args, result, formatter, is_log):
    if is_log:
        out = sys.stdout
        for verdict in result:
            out.write((json.dumps(verdict, ensure_ascii=False) if args.json
                       else isolate_ltr(formatter(verdict, args.lang))) + "\n")
            out.flush()
    elif args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        # Text for people: left-to-right runs isolated in right-to-left lines.
        print(isolate_ltr(formatter(result, args.lang)))


# ---------------------------------------------------------------------------
# Bounces (--bounce)
# ---------------------------------------------------------------------------


def _bounce_messages(path):
    """(name, bytes) of each message at path: a Maildir's cur/ and new/
    files, an mbox's messages (split at "From " lines), or one message."""
    if os.path.isdir(path):
        for sub in ("cur", "new"):
            d = os.path.join(path, sub)
            if not os.path.isdir(d):
                continue
            for name in sorted(os.listdir(d)):
                f = os.path.join(d, name)
                if os.path.isfile(f):
                    with open(f, "rb") as fh:
                        yield f, fh.read()
        return
    with open(path, "rb") as fh:
        first = fh.readline()
        if not first.startswith(b"From "):
            yield path, first + fh.read()
            return
        lines, n = [], 1
        for line in fh:
            if line.startswith(b"From ") and (not lines or lines[-1].strip() == b""):
                yield f"{path}:{n}", b"".join(lines)
                lines, n = [], n + 1
                continue
            lines.append(line[1:] if line.startswith(b">From ") else line)
        yield f"{path}:{n}", b"".join(lines)


def _bounce_line(r):
    v = r["verdict"] or {}
    fields = (r["recipient"], r["dsn_action"], v.get("code"), v.get("enhanced"),
              v.get("reason"), v.get("action"))
    return "\t".join("-" if f is None else str(f) for f in fields)


def _bounce(args):
    """--bounce PATH: one line (or JSON line) per recipient."""
    if args.codes or args.parse is not None or args.search is not None or args.list:
        raise ValueError("give codes, --parse, --search, --list or --bounce, one at a time")
    if not os.path.exists(args.bounce):
        raise ValueError(f"{args.bounce}: no such file or directory")
    for name, data in _bounce_messages(args.bounce):
        for r in parse_bounce(data, lang=args.lang):
            if args.json:
                print(json.dumps(dict(r, message=name), ensure_ascii=False))
            else:
                print(_bounce_line(r))


def _file_date(file):
    """The local date of a file's (a path's or a descriptor's) last change."""
    return datetime.date.fromtimestamp(os.stat(file).st_mtime)


def _summary_main(args):
    """--summary and --merge: summarise a mail log, or merge summaries."""
    from . import merge_summaries, summarize
    from ._summary import summary_json, summary_text

    try:
        if args.summary is not None and args.merge:
            raise ValueError("give --summary or --merge, not both")
        if args.codes or args.parse is not None or args.search is not None or args.list:
            raise ValueError("--summary and --merge take no codes, --parse, --search or --list")
        if args.year is not None and (args.html is None or not 1 <= args.year <= 9999):
            raise ValueError("--year takes a year from 1 to 9999, with --html")
        # The date that decides the year of syslog time stamps (--html).
        reference = datetime.date.today()
        if args.merge:
            parts = []
            for name in args.merge:
                with open(name, encoding="utf-8") as f:
                    parts.append(json.load(f))
            result = merge_summaries(parts)
            reference = max(_file_date(name) for name in args.merge)
            source = " + ".join(args.merge)
        else:
            fmt = None if args.log_format == "auto" else args.log_format
            if args.summary == "-":
                if sys.stdin is None or sys.stdin.isatty():
                    raise ValueError("--summary reads a FILE, or a log piped to stdin")
                stdin = getattr(sys.stdin, "buffer", sys.stdin)
                result = summarize(iter(lambda: stdin.read(1 << 20), b""), format=fmt)
                source = "standard input"
            else:
                with open(args.summary, "rb") as f:
                    reference = _file_date(f.fileno())
                    result = summarize(iter(lambda: f.read(1 << 20), b""), format=fmt)
                source = args.summary
        if args.html is not None:
            from ._html import page

            with open(args.html, "w", encoding="utf-8") as f:
                f.write(page(result, source, year=args.year, reference=reference,
                             lang=args.lang))
    except (ValueError, TypeError, KeyError, OSError) as e:
        print(f"statuscodes: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    try:
        if args.json:
            print(summary_json(result))
        elif args.html is None:
            print(isolate_ltr(summary_text(result, lang=args.lang)))
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def _environment_language(env):
    """The language gettext would take from `env`: the first of LANGUAGE's
    tags (a list separated by colons) that we have, then the locale (LC_ALL,
    else LC_MESSAGES, else LANG); LANGUAGE is ignored when the locale is C
    or POSIX, and a language we lack means English. Traditional Chinese is
    never shown as Simplified: English, and a note on stderr says so."""
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or "C"
    if locale.split(".")[0] in ("C", "POSIX"):
        return "en"
    traditional = None
    for tag in env.get("LANGUAGE", "").split(":") + [locale]:
        if not tag:
            continue
        try:
            return language(tag)
        except ValueError:
            if tag[:2].lower() == "zh" and traditional is None:
                traditional = tag
    if traditional is not None:
        print(f"statuscodes: note: Traditional Chinese ({traditional}) is not available "
              "(zh is Simplified Chinese); showing English", file=sys.stderr)
    return "en"


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        args.lang = (language(args.lang) if args.lang is not None
                     else _environment_language(os.environ))
    except ValueError as e:
        print(f"statuscodes: error: {e}", file=sys.stderr)
        return 2
    if args.summary is not None or args.merge:
        return _summary_main(args)
    if args.html is not None or args.year is not None:
        print("statuscodes: error: --html and --year go with --summary or --merge",
              file=sys.stderr)
        return 2
    if args.bounce is not None:
        try:
            sys.stdout.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
        try:
            _bounce(args)
            sys.stdout.flush()
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        except (ValueError, OSError) as e:
            print(f"statuscodes: error: {e}", file=sys.stderr)
            return 2
        return 0
    try:
        result, formatter, is_log = _compute(args)
    except (ValueError, TypeError) as e:
        print(f"statuscodes: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    try:
        sys.stdout.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass
    try:
        _emit(args, result, formatter, is_log)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:  # ^C on a stream (tail -f)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
