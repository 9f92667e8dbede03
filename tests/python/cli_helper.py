"""The command line as the tests run it: `python3 -m statuscodes` of the
package this process imported (never a source tree that would shadow it),
from a scratch directory, with a timeout."""

import os
import subprocess
import sys
import tempfile

import statuscodes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(statuscodes.__file__)))


def cli_env(**extra):
    """os.environ with the package under test first on PYTHONPATH, UTF-8
    output, no start-up file, and `extra` (a value of None removes the
    variable)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [ROOT, env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONSTARTUP", None)
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def run_cli(*args, stdin=None, text=True, env=None, timeout=120):
    """subprocess.CompletedProcess of `python3 -m statuscodes ARGS`: stdout
    and stderr as str (UTF-8) when `text`, else bytes; `stdin` str or bytes
    to match; `env` as cli_env() makes it by default."""
    return subprocess.run([sys.executable, "-m", "statuscodes", *args],
                          input=stdin, capture_output=True, text=text,
                          encoding="utf-8" if text else None,
                          env=cli_env() if env is None else env,
                          cwd=tempfile.gettempdir(), timeout=timeout)
