#!/usr/bin/env python3
"""Print the README's table of parse() reasons from core/data/reasons.txt.

    python3 core/tools/reasons_table.py

The README embeds its output between the markers <!-- reasons --> and
<!-- /reasons -->; tests/python/test_generator.py checks they agree.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_kb  # noqa: E402


def table(data_dir=os.path.join(gen_kb.CORE, "data")):
    rows = ["| reason | 4xx / 5xx action | what it means | example reply |",
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


if __name__ == "__main__":
    sys.stdout.write(table())
