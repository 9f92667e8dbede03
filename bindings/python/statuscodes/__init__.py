"""statuscodes: what a protocol status code means, and what a server said.

A knowledge base of status codes (SMTP reply codes and enhanced status codes,
HTTP, FTP, DNS, gRPC, WebSocket and SIP), held in a C core:

    >>> import statuscodes as sc
    >>> sc.describe(535)["class"]
    '5xx'
    >>> sc.parse("550 5.1.1 No such user")["enhanced"]
    '5.1.1'

Every result is a fresh, JSON-serialisable dict or list. ``python3 -m
statuscodes`` is the command-line interface.
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
    parse_many,
    protocols,
    reasons,
    search,
)

__all__ = [
    "__version__",
    "actions",
    "codes",
    "compare",
    "describe",
    "languages",
    "lookup",
    "parse",
    "parse_log",
    "parse_many",
    "protocols",
    "reasons",
    "search",
]
