#!/usr/bin/env python3
"""Benchmark: the bytes each language adds to the library. Generates a table
with English alone and one with English and each other language
(core/tools/gen_kb.py --langs), compiles core/src/kb.c against each (as
-DSC_LANGUAGES does, with -O2 -fPIC), and prints the loaded size of kb.o
(text + data + bss, as binutils' `size` counts them: the code of kb.c and
the table; the rest of the library does not change with the languages):

    size_en       kb.o with English alone
    size_<lang>   the bytes English + <lang> adds to that
    size_all      kb.o with every language (the checked-in table)

    python3 benchmarks/bench_sizes.py [--jobs N]

The data is read and checked once (gen_kb.load), each table written from
it; the compilers run --jobs at a time (default: the number of CPUs).
Reports; never fails the build.
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "core", "tools"))
import gen_kb  # noqa: E402


def kb_object_size(table, obj, cc):
    """Compile kb.c against `table` into `obj`; its text + data + bss."""
    subprocess.run([cc, "-O2", "-std=c11", "-fPIC", "-fvisibility=hidden",
                    "-DSC_BUILDING", "-I", os.path.join(ROOT, "core", "include"),
                    "-I", os.path.join(ROOT, "core", "src"),
                    '-DSC_KB_DATA="%s"' % table, "-c",
                    os.path.join(ROOT, "core", "src", "kb.c"), "-o", obj],
                   check=True)
    out = subprocess.run(["size", obj], check=True, capture_output=True,
                         text=True).stdout
    return int(out.splitlines()[1].split()[3])  # text data bss dec ...


def write(tmp, kb, langs):
    """The table of `langs` (None: every language) written into `tmp`."""
    name = "all" if langs is None else "-".join(langs)
    path = os.path.join(tmp, name + ".inc")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(gen_kb.write_table(kb, langs))
    return path, os.path.join(tmp, name + ".o")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    cc = os.environ.get("CC", "cc")
    kb = gen_kb.load(os.path.join(ROOT, "core", "data"))
    tags = kb["langs"]
    others = [t for t in tags if t != "en"]
    sets = [["en"]] + [["en", t] for t in others] + [None]
    tmp = tempfile.mkdtemp(prefix="sc-bench-sizes-")
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            jobs = [pool.submit(kb_object_size, *write(tmp, kb, s), cc)
                    for s in sets]
            sizes = [j.result() for j in jobs]
    finally:
        shutil.rmtree(tmp)
    base = sizes[0]
    print("kb.o (the code of kb.c and its table), text + data + bss, -O2; "
          "size_<lang>: what English + <lang> adds to English alone")
    print("size_en %d bytes" % base)
    for t, s in zip(others, sizes[1:]):
        print("size_%s %d bytes" % (t, s - base))
    print("size_all %d bytes (%d languages)" % (sizes[-1], len(tags)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
