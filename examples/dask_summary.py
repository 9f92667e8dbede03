#!/usr/bin/env python3
"""dask_summary.py — summarise many mail logs in parallel with Dask.

    PYTHONPATH=build/python python3 examples/dask_summary.py \\
        /var/log/mail.log.2 /var/log/mail.log.1 /var/log/mail.log
    python3 examples/dask_summary.py --scheduler tcp://scheduler:8786 \\
        /shared/mail.log.2 /shared/mail.log.1 /shared/mail.log

Each file, or each piece of a big file (cut at a line end), is one Dask task
that calls statuscodes.summarize() on its bytes. The partial summaries are
then merged with statuscodes.merge_summaries() in the order the files were
given, so give them oldest first: whether a recipient is to be suppressed
depends on its last verdict. The output is what

    python3 -m statuscodes --summary FILE --json

prints for one file (--text: the table instead). The counts are those of
the files summarised one after the other (those of the bounded tables too,
while no piece overflowed them). As with any merge of summaries (README,
"Mail logs"), a recipient keeps the last verdict of the last piece that
suppressed it: one suppressed in a piece and only delivered to (or
retried) in later ones stays suppressed. Bigger pieces (--chunk-mb) leave
fewer such cases.

Without --scheduler, Dask's local threads do the work (summarize() runs in
C without holding the GIL). With --scheduler ADDRESS, the workers of a
dask.distributed cluster do: each needs statuscodes installed, and they
and this script must see the log files at the same paths (a shared file
system).

Needs: dask (Debian: python3-dask), and dask.distributed for --scheduler
(python3-distributed).
"""
import argparse
import os
import sys

import dask

import statuscodes
# The functions `python3 -m statuscodes --summary` prints a summary with.
from statuscodes._summary import summary_json, summary_text

CHUNK_BYTES = 64 << 20  # a task reads at most about this much of a file
FAN_IN = 16  # partial summaries merged by one task


def line_end_after(f, pos, size):
    """The offset just past the first newline at or after pos in the open
    file f of `size` bytes; size if there is none."""
    f.seek(pos)
    while True:
        block = f.read(1 << 16)
        if not block:
            return size
        i = block.find(b"\n")
        if i >= 0:
            return pos + i + 1
        pos += len(block)


def pieces(path, chunk_bytes=CHUNK_BYTES):
    """(path, start, end) byte ranges that cover the file in order, each
    about chunk_bytes long and ending at a line end (the last at the end of
    the file): no line is cut between two tasks. An empty file is one
    empty piece."""
    size = os.path.getsize(path)
    out, start = [], 0
    with open(path, "rb") as f:
        while True:
            end = size if start + chunk_bytes >= size else \
                line_end_after(f, start + chunk_bytes, size)
            out.append((path, start, end))
            if end >= size:
                return out
            start = end


def summarize_piece(path, start, end, log_format=None):
    """The task: summarize() of one piece of a file."""
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    return statuscodes.summarize(data, format=log_format)


def merge_in_order(parts, fan_in=FAN_IN):
    """One delayed summary of all parts: runs of fan_in neighbouring parts
    are merged by one task each, then those results the same way, until
    one is left. That gives the counts and verdicts of merging them all in
    a row, as long as every merge takes consecutive parts in their order:
    merge_summaries() is not commutative (a later verdict wins)."""
    while len(parts) > 1:
        parts = [dask.delayed(statuscodes.merge_summaries)(parts[i:i + fan_in])
                 for i in range(0, len(parts), fan_in)]
    return parts[0]


def summarize_files(paths, chunk_bytes=CHUNK_BYTES, fan_in=FAN_IN,
                    log_format=None, scheduler=None):
    """The summary of the files, one after the other, computed by Dask.

    scheduler is passed to dask.compute(): None for the default (a
    dask.distributed Client made before, else local threads), "threads",
    "processes" or "sync"."""
    if not paths:
        raise ValueError("no file to summarise")
    tasks = [dask.delayed(summarize_piece)(*piece, log_format=log_format)
             for path in paths for piece in pieces(path, chunk_bytes)]
    (summary,) = dask.compute(merge_in_order(tasks, fan_in), scheduler=scheduler)
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Summarise mail logs in parallel with Dask; give them oldest first.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="mail logs, oldest first")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a dask.distributed scheduler (tcp://host:8786); "
                        "default: threads on this machine")
    parser.add_argument("--chunk-mb", type=float, default=CHUNK_BYTES / (1 << 20),
                        help="cut files into pieces of about this many MB (default: %(default)g)")
    parser.add_argument("--log-format", default="auto",
                        choices=["auto", "postfix", "exim", "sendmail", "reply"],
                        help="the logs' format (default: each line's own)")
    parser.add_argument("--text", action="store_true",
                        help="print the table for people instead of JSON")
    args = parser.parse_args(argv)
    if args.chunk_mb <= 0:
        parser.error("--chunk-mb must be more than 0")

    client = None
    try:
        if args.scheduler:
            try:
                from dask.distributed import Client
            except ImportError:
                parser.error("--scheduler needs dask.distributed "
                             "(Debian: python3-distributed)")
            # While a Client is open, dask.compute() runs on its cluster.
            client = Client(args.scheduler)
        summary = summarize_files(
            args.files, chunk_bytes=max(1, int(args.chunk_mb * (1 << 20))),
            log_format=None if args.log_format == "auto" else args.log_format)
    except OSError as e:  # a file not found, a scheduler not reached
        print(f"dask_summary.py: {e}", file=sys.stderr)
        return 2
    finally:
        if client is not None:
            client.close()
    print(summary_text(summary) if args.text else summary_json(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
