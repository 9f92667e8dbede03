#!/usr/bin/env python3
"""Read a valgrind memcheck XML log; fail on errors that involve our code.

    vgcheck.py LOG.xml [--ours REGEX] [--all]

With --all every error counts (the C and Lua runs: the programs there are
ours or free everything). Without it (CPython, which does not free all of
its memory at exit and has its own quirks), an error counts when any frame
of its stack lies in an object or source file matching --ours (default: the
statuscodes extension and the core's sources): memory errors anywhere in
such a stack, and leaks of kind "definitely lost" allocated under our code.
Prints each counted error with its stack; exits 1 if any, 0 otherwise.
Standard library only.
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET

DEFAULT_OURS = r"_statuscodes|statuscodes\.so|lstatuscodes\.c|/core/src/|kb\.c$|parse\.c$"
IGNORED_LEAKS = {"Leak_PossiblyLost", "Leak_StillReachable", "Leak_IndirectlyLost"}


def frames(error):
    stack = error.find("stack")
    if stack is None:
        return []
    out = []
    for f in stack.findall("frame"):
        out.append({k: f.findtext(k) or "" for k in ("fn", "obj", "file", "line", "dir")})
    return out


def describe(error):
    what = error.findtext("what")
    if what is None:
        what = error.findtext("xwhat/text") or ""
    lines = ["%s: %s" % (error.findtext("kind"), what)]
    for f in frames(error)[:14]:
        where = "%s:%s" % (f["file"], f["line"]) if f["file"] else f["obj"]
        lines.append("    %s (%s)" % (f["fn"] or "???", where))
    return "\n".join(lines)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log")
    ap.add_argument("--ours", default=DEFAULT_OURS)
    ap.add_argument("--all", action="store_true")
    args = ap.parse_args(argv[1:])
    ours = re.compile(args.ours)
    try:
        root = ET.parse(args.log).getroot()
    except (OSError, ET.ParseError) as e:
        print("vgcheck: cannot read %s: %s" % (args.log, e), file=sys.stderr)
        return 2
    counted, seen = [], 0
    for error in root.iter("error"):
        seen += 1
        kind = error.findtext("kind") or ""
        if kind in IGNORED_LEAKS:
            continue
        if not args.all:
            mine = any(ours.search(f["obj"]) or ours.search(f["file"]) or
                       ours.search(f["dir"]) for f in frames(error))
            if not mine:
                continue
        counted.append(error)
    for error in counted:
        print(describe(error))
    print("vgcheck: %s: %d errors and definite leaks in %s, %d reported in all"
          % (args.log, len(counted), "the whole run" if args.all else "our code", seen))
    return 1 if counted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
