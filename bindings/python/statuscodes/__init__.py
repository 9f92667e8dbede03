"""statuscodes: what a protocol status code means, and what a server said.

A knowledge base of status codes (SMTP reply codes and enhanced status codes,
HTTP, FTP, DNS, gRPC, WebSocket and SIP), held in a C core:

    >>> import statuscodes as sc
    >>> sc.describe(535)["class"]
    '5xx'
    >>> sc.parse("550 5.1.1 No such user")["enhanced"]
    '5.1.1'

Every result is a fresh, JSON-serialisable dict or list; ``text(result)``
gives it as readable text, as ``python3 -m statuscodes`` (the command-line
interface) prints it.
"""

from ._statuscodes import (
    __version__,
    actions,
    codes,
    compare,
    describe,
    languages,
    lookup,
    parse,
    parse_log,
    parse_log_lines,
    parse_many,
    protocols,
    reasons,
    search,
    summarize,
)
from ._statuscodes import parse_bounce
from ._summary import merge_summaries


def text(result):
    """Readable text of a result of describe(), compare(), parse(), or a
    list of them, as ``python3 -m statuscodes`` prints it; TypeError for
    anything else. (Formatting loads on first use: importing statuscodes
    stays cheap.)"""
    from ._text import text as _text

    return _text(result)


__all__ = [
    "__version__",
    "actions",
    "codes",
    "compare",
    "describe",
    "languages",
    "lookup",
    "merge_summaries",
    "parse",
    "parse_bounce",
    "parse_log",
    "parse_log_lines",
    "parse_many",
    "protocols",
    "reasons",
    "search",
    "summarize",
    "text",
]
