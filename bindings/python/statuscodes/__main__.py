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
    tail -f mail.log | python3 -m statuscodes --parse -
                                               each reply as it comes

Readable text for people; --json for pipes. A bad code or option prints one
line on stderr and exits with status 2.
"""

import argparse
import json
import os
import sys

from . import (
    __version__,
    codes,
    compare,
    describe,
    lookup,
    parse,
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
    parser.add_argument("--lang", default="en", help="language of labels and texts (default: en)")
    parser.add_argument(
        "--protocol",
        help="protocol of the codes: " + ", ".join(protocols()) + " (default: every protocol that "
        "lists a code; two codes are compared in SMTP when it lists both; with --parse, "
        "the protocol read from the text's form)",
    )
    parser.add_argument("--protocol-b", metavar="PROTOCOL",
                        help="protocol of the second code of a comparison (default: --protocol)")
    parser.add_argument("--search", metavar="WORDS", help="find codes whose name or gist holds every word")
    parser.add_argument("--list", action="store_true", help="list the codes of --protocol (default: smtp)")
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
                       else formatter(verdict)) + "\n")
            out.flush()
    elif args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(formatter(result))


def main(argv=None):
    args = _parser().parse_args(argv)
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
