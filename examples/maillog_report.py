#!/usr/bin/env python3
"""maillog_report.py — what a mail log says, reply by reply, in one page.

    PYTHONPATH=build/python python3 examples/maillog_report.py examples/data/mail.log
    grep 'status=' /var/log/mail.log | python3 examples/maillog_report.py

Reads a mail log (the file named, or stdin): Postfix lines ("... to=<x@y>,
... status=bounced (host ... said: 550 5.1.1 ...)") and raw SMTP replies,
multi-line ones included ("550-5.1.1 ..." then "550 5.1.1 ..."). One call
to statuscodes.parse_log reads them all; the report then gives

  - how many replies there are per reason and action,
  - the addresses to suppress (those whose log line names one, to=<...>),
  - the replies to retry, with what decided each verdict.

The output depends only on the input: counts are sorted by count then name,
addresses alphabetically, retries in log order.
"""
import re
import sys
from collections import Counter

import statuscodes as sc

TO_ADDRESS = re.compile(r"\bto=<([^<>\s]+)>")


def read_log(argv):
    """The log's text and a name for it: the file argument, or stdin."""
    if len(argv) > 2:
        sys.exit("usage: maillog_report.py [LOGFILE]   (stdin without one)")
    if len(argv) == 2 and argv[1] != "-":
        with open(argv[1], "rb") as f:
            data = f.read()
        name = argv[1]
    else:
        data = sys.stdin.buffer.read()
        name = "stdin"
    # Logs hold the odd byte that is not UTF-8; it must not stop the report.
    return data.decode("utf-8", errors="replace"), name


def locate(text, verdicts):
    """The log line numbers (1-based) of each verdict's reply.

    A verdict carries its reply's lines (for a Postfix line, from the reply
    code on: "550 5.1.1 ...") but not where they were in the log. parse_log
    keeps the log's order, skips blank lines and gives a multi-line reply
    one verdict, so walking the log beside the verdicts finds them: each
    line of a verdict is the end of the next non-blank log line.
    """
    log = [line.rstrip("\r") for line in text.split("\n")]
    pos = 0
    where = []
    for v in verdicts:
        numbers = []
        for piece in v["lines"]:
            while pos < len(log) and not log[pos].strip():
                pos += 1
            if pos == len(log) or not log[pos].rstrip().endswith(piece.rstrip()):
                # Not the layout expected: report without line numbers
                # rather than pin a reply on the wrong log line.
                return [[] for _ in verdicts], log
            numbers.append(pos + 1)
            pos += 1
        where.append(numbers)
    return where, log


def span(numbers):
    """'line 4' or 'lines 11-12' ('line ?' when unknown)."""
    if not numbers:
        return "line ?"
    if len(numbers) == 1:
        return "line %d" % numbers[0]
    return "lines %d-%d" % (numbers[0], numbers[-1])


def codes_of(v):
    """'550 5.1.1', '421', or '-' for a reply with no code."""
    shown = [str(c) for c in (v["code"], v["enhanced"]) if c is not None]
    return " ".join(shown) or "-"


def main(argv):
    text, name = read_log(argv)
    verdicts = sc.parse_log(text)
    where, log = locate(text, verdicts)

    print("mail log report: %d replies from %s" % (len(verdicts), name))
    if not verdicts:
        return 0

    # 1. Count per reason and action.
    counts = Counter((v["reason"], v["action"]) for v in verdicts)
    print()
    print("  count  reason               action")
    for (reason, action), n in sorted(counts.items(),
                                      key=lambda kv: (-kv[1], kv[0])):
        print("  %5d  %-20s %s" % (n, reason, action))

    # 2. Addresses to suppress: the log line's to=<...>, once each.
    suppress = {}
    no_address = []
    for v, numbers in zip(verdicts, where):
        if v["action"] != "suppress":
            continue
        found = [m.group(1) for n in numbers for m in TO_ADDRESS.finditer(log[n - 1])]
        if not found:
            no_address.append(span(numbers))
        for address in found:
            suppress.setdefault(address.lower(), (v, numbers))
    print()
    print("suppress (%d addresses):" % len(suppress))
    for address in sorted(suppress):
        v, numbers = suppress[address]
        print("  %-24s %-10s %-18s %s" % (address, codes_of(v), v["reason"], span(numbers)))
    if no_address:
        print("  and %d with no to=<...> in the log: %s"
              % (len(no_address), ", ".join(no_address)))

    # 3. Replies to retry, in log order, with what decided each one.
    retry = [(v, numbers) for v, numbers in zip(verdicts, where)
             if v["action"] == "retry"]
    print()
    print("retry (%d replies):" % len(retry))
    for v, numbers in retry:
        found = [m.group(1) for n in numbers for m in TO_ADDRESS.finditer(log[n - 1])]
        print("  %-9s %-11s %-20s %s" % (span(numbers), codes_of(v), v["reason"],
                                         found[0] if found else "-"))
        print("            because %s" % v["why"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
