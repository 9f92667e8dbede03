"""examples/dask_summary.py: mail logs summarised in parallel with Dask,
one task per piece of a file, the partial summaries merged in input order.

Generates several Postfix logs (benchmarks/maillog.py) with recipients
planted across them: suppressed in one file and delivered to in a later one,
the other way round, suppressed then delivered within a later file, and
suppressed again for another reason. Runs the example's summarize_files()
on Dask's local schedulers (threads, with pieces small enough for a merge
tree of several levels; processes, one piece per file) and its command
line with --scheduler on a dask.distributed cluster on 127.0.0.1, and
checks the result against summarize() of the files one after the other,
key by key. Two differences are expected, both from merge_summaries() and
both checked exactly: texts of one reason with the same count may be
listed in another order, and a recipient keeps the last verdict of the
last part that suppressed it (a later part that never suppressed it does
not update it: suppressed in one file and only delivered to later, it
stays suppressed).

Skips when dask or dask.distributed is not installed (Debian: python3-dask,
python3-distributed, which scripts/tools-deps.sh installs), except in CI
(CI=true), where it fails.
Imports the built package (PYTHONPATH); finds the example and the log
generator through SC_SOURCE_DIR, else from this file.
"""
import contextlib
import importlib
import io
import json
import os
import random
import shutil
import sys
import tempfile
import unittest
import warnings

import statuscodes

SRC = os.environ.get("SC_SOURCE_DIR") or os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SRC, "benchmarks"))
sys.path.insert(0, os.path.join(SRC, "examples"))  # spawned workers inherit it
import maillog  # noqa: E402

IN_CI = os.environ.get("CI") == "true"
VALGRIND = os.environ.get("SC_VALGRIND") is not None  # smaller inputs
FILES = 5
FILE_BYTES = 8_000 if VALGRIND else 40_000

LINE = ("Dec  2 0%d:00:00 mail1 postfix/smtp[2400]: 4Tq9Lm2Fk%03d: to=<%s>, "
        "relay=mx1.plant.example[192.0.2.77]:25, delay=0.8, delays=0.1/0/0.3/0.4, "
        "dsn=%s, status=%s (%s)\n")
BOUNCED = ("5.1.1", "bounced", "host mx1.plant.example[192.0.2.77] said: 550 5.1.1 "
           "<{r}>: Recipient address rejected: User unknown (in reply to RCPT TO command)")
DISABLED = ("5.2.1", "bounced", "host mx1.plant.example[192.0.2.77] said: 550 5.2.1 "
            "<{r}>: Mailbox disabled, not accepting messages (in reply to RCPT TO command)")
SENT = ("2.0.0", "sent", "250 2.0.0 Ok: queued as 4Tq9Lm2FkQQQ")
GREYLISTED = ("4.7.1", "deferred", "host mx1.plant.example[192.0.2.77] said: 450 4.7.1 "
              "<{r}>: Recipient address rejected: Greylisted, please try again in 300 "
              "seconds (in reply to RCPT TO command)")
# recipient -> [(file, outcome), ...] in log order
PLANTED = {
    "late.delivery@plant.example": [(0, BOUNCED), (2, SENT)],
    "late.retry@plant.example": [(0, BOUNCED), (3, GREYLISTED)],
    "late.bounce@plant.example": [(0, SENT), (2, BOUNCED)],
    "same.file@plant.example": [(1, BOUNCED), (3, BOUNCED), (3, SENT)],
    "new.reason@plant.example": [(0, BOUNCED), (4, DISABLED)],
}


def unavailable(why):
    """Skip with the reason, or fail in CI, where dask must be installed."""
    if IN_CI:
        raise RuntimeError("the Dask example test must run in CI: " + why)
    raise unittest.SkipTest(why)


def make_logs(directory):
    """The paths of FILES generated Postfix logs with the planted lines in
    their middle, one after the other in time; the last has no newline at
    its end (which keeps their concatenation the same log), the third holds
    a line over the summary's line bound."""
    texts = []
    for i in range(FILES):
        lines = maillog.generate("postfix", FILE_BYTES, seed=10 + i).splitlines(keepends=True)
        planted = [LINE % (i, n, r, dsn, status, text.format(r=r))
                   for r, outcomes in PLANTED.items()
                   for n, (f, (dsn, status, text)) in enumerate(outcomes) if f == i]
        lines[len(lines) // 2:len(lines) // 2] = planted
        if i == 2:
            lines.insert(len(lines) // 3, "x" * (100 << 10) + "\n")
        texts.append("".join(lines))
    texts[-1] = texts[-1].rstrip("\n")
    paths = []
    for i, text in enumerate(texts):
        paths.append(os.path.join(directory, "mail.log.%d" % (FILES - 1 - i)))
        with open(paths[-1], "w") as f:
            f.write(text)
    return paths


def by_count_then_text(texts):
    return sorted(texts, key=lambda e: (-e["count"], e["text"]))


def recipients_as_merged(pieces):
    """The recipients list that merging the summaries of the pieces (path,
    start, end) in order gives, worked out line by line: for each recipient
    suppressed at least once, its last verdict in the last piece that
    suppressed it."""
    first, kept = [], {}
    for path, start, end in pieces:
        with open(path, "rb") as f:
            f.seek(start)
            lines = statuscodes.parse_log_lines(f.read(end - start))
        last, suppressed = {}, []
        for e in lines:
            r, v = e["recipient"], e["verdict"]
            if not r:
                continue
            if v["action"] == "suppress" and r not in last:
                suppressed.append(r)
            if v["action"] == "suppress" or r in last:
                last[r] = {"recipient": r, "action": v["action"], "reason": v["reason"]}
        for r in suppressed:
            if r not in kept:
                first.append(r)
        kept.update(last)
    return [kept[r] for r in first]


class TestDaskSummary(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        try:
            import dask  # noqa: F401
        except ImportError as e:
            unavailable("dask is not installed (%s; Debian: python3-dask, "
                        "scripts/tools-deps.sh installs it)" % e)
        cls.ex = importlib.import_module("dask_summary")
        cls.dir = tempfile.mkdtemp(prefix="sc-dask-")
        cls.paths = make_logs(cls.dir)
        whole = b""
        for p in cls.paths:
            with open(p, "rb") as f:
                whole += f.read()
        cls.whole = statuscodes.summarize(whole)
        # Nothing overflowed: the merge is to equal the whole.
        assert not any(cls.whole["overflow"].values()), cls.whole["overflow"]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def check_equals_whole(self, merged, pieces):
        """merged equals the whole but for the documented difference;
        pieces: those merged."""
        whole = self.whole
        self.assertEqual(sorted(merged), sorted(whole))
        for key in whole:
            if key not in ("examples", "recipients", "suppress"):
                self.assertEqual(merged[key], whole[key], key)
        self.assertEqual(whole["skipped"]["long"], 1)
        self.assertEqual(whole["unterminated"], 1)
        # examples: the same texts and counts, commonest first
        self.assertEqual(sorted(merged["examples"]), sorted(whole["examples"]))
        for reason, texts in whole["examples"].items():
            got = merged["examples"][reason]
            self.assertEqual(by_count_then_text(got), by_count_then_text(texts), reason)
            self.assertEqual([e["count"] for e in got], [e["count"] for e in texts], reason)
            if len(texts) < whole["bounds"]["examples"]:  # nothing evicted: exact
                self.assertEqual(got, texts, reason)
        # recipients: the same ones in the same order; each one's verdict
        # the whole's, but for those that a later piece only judged
        # without suppressing them (worked out line by line)
        as_merged = recipients_as_merged(pieces)
        self.assertEqual(merged["recipients"], as_merged)
        self.assertEqual([r["recipient"] for r in merged["recipients"]],
                         [r["recipient"] for r in whole["recipients"]])
        self.assertEqual(merged["suppress"], [r["recipient"] for r in as_merged
                                              if r["action"] == "suppress"])
        stale = {m["recipient"] for m, w in zip(merged["recipients"], whole["recipients"])
                 if m != w}
        self.assertEqual(set(merged["suppress"]) - set(whole["suppress"]),
                         {r for r in stale if r in merged["suppress"]})
        return stale

    @unittest.skipIf(VALGRIND, "valgrind follows no child process")
    def test_processes_one_piece_per_file(self):
        merged = self.ex.summarize_files(self.paths, scheduler="processes")
        stale = self.check_equals_whole(merged, [(p, 0, os.path.getsize(p)) for p in self.paths])
        # the planted recipients, by name
        mine = {r["recipient"]: r for r in merged["recipients"]}
        theirs = {r["recipient"]: r for r in self.whole["recipients"]}
        for r in ("late.delivery@plant.example", "late.retry@plant.example"):
            self.assertIn(r, stale)
            self.assertEqual(mine[r]["action"], "suppress", r)
            self.assertNotIn(r, self.whole["suppress"])
        self.assertEqual(theirs["late.delivery@plant.example"]["action"], "none")
        self.assertEqual(theirs["late.retry@plant.example"]["action"], "retry")
        for r in ("late.bounce@plant.example", "same.file@plant.example",
                  "new.reason@plant.example"):
            self.assertNotIn(r, stale)
        self.assertIn("late.bounce@plant.example", merged["suppress"])
        self.assertEqual(mine["same.file@plant.example"]["action"], "none")
        self.assertEqual(mine["new.reason@plant.example"]["reason"],
                         theirs["new.reason@plant.example"]["reason"])
        self.assertNotEqual(theirs["new.reason@plant.example"]["reason"], "user_unknown")

    def test_threads_small_pieces_merge_tree(self):
        size = FILE_BYTES // 10
        pieces = [p for path in self.paths for p in self.ex.pieces(path, size)]
        self.assertGreater(len(pieces), 4 * 4)  # a tree of three levels
        merged = self.ex.summarize_files(self.paths, chunk_bytes=size, fan_in=4,
                                         scheduler="threads")
        self.check_equals_whole(merged, pieces)

    def test_order_matters(self):
        # The files in the wrong order: the recipients delivered to last
        # in the log are wrongly suppressed.
        merged = self.ex.summarize_files(self.paths[::-1], scheduler="sync")
        self.assertIn("same.file@plant.example", merged["suppress"])
        self.assertEqual(merged["actions"], self.whole["actions"])  # counts add up all the same

    def test_pieces_cut_at_line_ends(self):
        r = random.Random(1)
        for path in self.paths:
            with open(path, "rb") as f:
                data = f.read()
            size = r.choice((1, 100, 4096, 70_000))
            got = self.ex.pieces(path, size)
            self.assertEqual(got[0][1], 0)
            self.assertEqual(got[-1][2], len(data))
            for (_, a, b), (_, c, _) in zip(got, got[1:]):
                self.assertEqual(b, c)
                self.assertEqual(data[b - 1:b], b"\n")
                self.assertGreaterEqual(b - a, size)
        empty = os.path.join(self.dir, "empty.log")
        open(empty, "wb").close()
        self.assertEqual(self.ex.pieces(empty), [(empty, 0, 0)])
        self.assertEqual(self.ex.summarize_files([empty], scheduler="sync"),
                         statuscodes.summarize(b""))

    def test_command_line(self):
        def run(*args):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                self.assertEqual(self.ex.main(list(args)), 0)
            return out.getvalue()

        path = self.paths[0]
        with open(path, "rb") as f:
            one = statuscodes.summarize(f.read())
        from statuscodes._summary import summary_json, summary_text
        self.assertEqual(run(path), summary_json(one) + "\n")
        self.assertEqual(run("--text", path), summary_text(one) + "\n")
        got = json.loads(run("--chunk-mb", "0.01", *self.paths))
        self.assertEqual(got, json.loads(json.dumps(self.ex.summarize_files(
            self.paths, chunk_bytes=int(0.01 * (1 << 20)), scheduler="sync"))))
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(self.ex.main([os.path.join(self.dir, "missing.log")]), 2)

    @unittest.skipIf(VALGRIND, "slow under valgrind; the threads test runs the same tasks")
    def test_distributed_scheduler(self):
        # --scheduler ADDRESS: a dask.distributed cluster on 127.0.0.1 (a
        # scheduler and two workers, threads of this process, over TCP).
        try:
            from distributed import LocalCluster
        except ImportError as e:
            unavailable("dask.distributed is not installed (%s; Debian: "
                        "python3-distributed, scripts/tools-deps.sh installs it)" % e)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # tornado's
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                   protocol="tcp://", host="127.0.0.1",
                                   dashboard_address=None)
        with cluster:
            self.assertTrue(cluster.scheduler_address.startswith("tcp://127.0.0.1:"))
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                self.assertEqual(self.ex.main(["--scheduler", cluster.scheduler_address,
                                               "--chunk-mb", "0.01", *self.paths]), 0)
            # the cluster ran the tasks
            self.assertLessEqual({"summarize_piece", "merge_summaries"},
                                 set(cluster.scheduler.task_prefixes))
        self.assertEqual(json.loads(out.getvalue()), json.loads(json.dumps(
            self.ex.summarize_files(self.paths, chunk_bytes=int(0.01 * (1 << 20)),
                                    scheduler="sync"))))


if __name__ == "__main__":
    unittest.main()
