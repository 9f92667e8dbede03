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
    _parse_pending,
    actions,
    codes,
    compare,
    describe,
    language,
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
    words,
)
from ._statuscodes import parse_bounce
from ._summary import merge_summaries


# A reply still open (headers, dig's output) longer than this is parsed as
# it stands: the memory a stream holds stays bounded whatever it is fed.
_PENDING_MAX = 1 << 16


def parse_stream(source, protocol=None, lang="en", details=False):
    """Parse the replies of a log as its lines come: a generator of
    parse_log() verdicts, in order, holding at most one reply at a time.

    source is a file object, binary or text (``sys.stdin``, ``open(...)``),
    or any iterable of str or bytes lines (their line ends are optional).
    A reply is yielded as soon as it is complete: a one-line reply at once,
    the "NNN-" lines of a multi-line reply at their "NNN " line, a status
    line's headers or dig's output when the next line starts something
    else, or at the end. Blank lines and text with no reply are skipped, as
    parse_log() skips them; the verdicts are the ones parse_log() gives on
    the whole log. protocol, lang and details as for parse(). Raises
    ValueError for an unknown protocol or language (at the call), TypeError
    for a source that is one str or bytes, or a line of another type."""
    _parse_pending(b"", protocol, lang, details, True)  # checks the arguments
    if isinstance(source, (str, bytes, bytearray)):
        raise TypeError(
            "parse_stream() takes a file or an iterable of lines, not one "
            f"{type(source).__name__}; use parse_log()")
    return _stream(iter(source), protocol, lang, details)


def _stream(lines, protocol, lang, details):
    pending = b""
    for index, line in enumerate(lines):
        if isinstance(line, str):
            try:
                line = line.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:
                line = line.encode("utf-8", "replace")
        elif isinstance(line, (bytes, bytearray, memoryview)):
            line = bytes(line)
        else:
            raise TypeError(f"line {index} must be str or bytes, not {type(line).__name__}")
        if line.endswith(b"\n"):
            line = line[:-1]
        if not pending:
            if not line.strip():
                continue
            pending = line
        else:
            pending = pending + b"\n" + line
        verdicts, used = _parse_pending(pending, protocol, lang, details,
                                        len(pending) > _PENDING_MAX)
        pending = pending[used:]
        yield from verdicts
    if pending:
        yield from _parse_pending(pending, protocol, lang, details, True)[0]


def text(result, lang=None):
    """Readable text of a result of describe(), compare(), parse(), or a
    list of them, as ``python3 -m statuscodes`` prints it; TypeError for
    anything else. Its own words (a verdict's row names) are in `lang`, by
    default the result's language (English for a verdict, which does not
    carry one). (Formatting loads on first use: importing statuscodes
    stays cheap.)"""
    from ._text import text as _text

    return _text(result, lang)


__all__ = [
    "__version__",
    "actions",
    "codes",
    "compare",
    "describe",
    "language",
    "languages",
    "lookup",
    "merge_summaries",
    "parse",
    "parse_bounce",
    "parse_log",
    "parse_log_lines",
    "parse_many",
    "parse_stream",
    "protocols",
    "reasons",
    "search",
    "summarize",
    "text",
    "words",
]
