#!/usr/bin/env python3
"""Benchmark: summarise a generated 40 MB Postfix log (benchmarks/maillog.py),
with `python3 -m statuscodes --summary FILE --json` and, when installed,
pflogsumm (Debian package pflogsumm, optional) on the same file: wall time
and peak RSS of each, as a separate process (os.wait4 gives its rusage).

    python3 benchmarks/bench_summary.py --build build-bench [--mb 40]

Also times summarize() in-process (the C core's sc_summary under the
binding), and parse_log_lines() on the first 4 MB for contrast (a dict per
line). Reports; never fails.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import maillog  # noqa: E402


def run(cmd, env=None):
    """Wall seconds, peak RSS (MB), stdout length and exit status of one
    process."""
    t = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.monotonic() - t, ru.ru_maxrss / 1024.0, len(out), p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build-bench")
    ap.add_argument("--mb", type=float, default=40)
    ap.add_argument("--log", help="use this log instead of generating one")
    args = ap.parse_args()
    pypath = os.path.abspath(os.path.join(args.build, "python"))
    env = dict(os.environ, PYTHONPATH=pypath)
    sys.path.insert(0, pypath)
    import statuscodes

    tmp = tempfile.mkdtemp(prefix="sc-bench-summary-")
    try:
        log = args.log
        if log is None:
            # Written by a child: the parent stays small, for a forked
            # child's peak RSS starts from its parent's.
            log = os.path.join(tmp, "mail.log")
            with open(log, "w") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "maillog.py"), "postfix",
                                str(args.mb)], stdout=f, check=True)
        size = os.path.getsize(log) / float(1 << 20)
        rows = []
        dt, rss, out, rc = run([sys.executable, "-m", "statuscodes", "--summary", log, "--json"], env)
        rows.append(("python3 -m statuscodes --summary --json", dt, rss, rc))
        dt, rss, out, rc = run([sys.executable, "-m", "statuscodes", "--summary", log], env)
        rows.append(("python3 -m statuscodes --summary (table)", dt, rss, rc))
        pfl = shutil.which("pflogsumm")
        if pfl:
            dt, rss, out, rc = run([pfl, log])
            rows.append(("pflogsumm", dt, rss, rc))
            dt, rss, out, rc = run([pfl, "--smtpd-stats", "--problems-first", "--verbose-msg-detail", log])
            rows.append(("pflogsumm --verbose-msg-detail --smtpd-stats", dt, rss, rc))
        else:
            rows.append(("pflogsumm (not installed: apt-get install pflogsumm)", None, None, None))
        with open(log, "rb") as f:
            data = f.read()
        lines = data.count(b"\n")
        print("summary benchmark: %.1f MB, %d lines (a generated Postfix log)" % (size, lines))
        t = time.perf_counter()
        s = statuscodes.summarize(data)
        dt = time.perf_counter() - t
        rows.insert(0, ("summarize() in-process (bytes in memory)", dt, None, s["verdicts"]))
        four = data[:4 << 20]
        t = time.perf_counter()
        statuscodes.parse_log_lines(four)
        dt4 = time.perf_counter() - t
        rows.insert(1, ("parse_log_lines() on 4 MB, scaled to the log", dt4 * len(data) / len(four), None, None))
        print("%-50s %9s %9s %10s" % ("", "seconds", "MB/s", "peak RSS"))
        for name, secs, rss, _ in rows:
            print("%-50s %9s %9s %10s" % (
                name, "%.2f" % secs if secs is not None else "-",
                "%.0f" % (size / secs) if secs else "-",
                "%.0f MB" % rss if rss is not None else "-"))
        print("verdicts %d; suppress %d; domains %d; relays %d" % (
            s["verdicts"], len(s["suppress"]), len(s["domains"]["keys"]), len(s["relays"]["keys"])))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
