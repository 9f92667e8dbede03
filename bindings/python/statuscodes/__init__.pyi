"""Type stubs of statuscodes (implemented by the C extension _statuscodes)."""

from typing import IO, Any, Dict, Iterable, Iterator, List, Literal, Optional, TypedDict, Union

# A code as given: 535, "535", "5.7.8", "EDE 18", a symbol ("NOT_FOUND"),
# or an http.HTTPStatus member. In results, basic codes are ints, enhanced
# codes and Extended DNS Errors strs.
Code = Union[int, str]
Protocol = Literal["smtp", "http", "ftp", "dns", "grpc", "websocket", "sip"]
Reply = Union[str, bytes, bytearray, memoryview]

Retry = Literal["not_needed", "continue", "follow", "later", "idempotent", "after_fix", "never"]
Actor = Literal["nobody", "client", "sender", "recipient", "server", "proxy"]
Source = Literal["rfc", "registry", "common", "vendor", "class"]
Action = Literal["none", "retry", "suppress", "fix", "review"]
Reason = Literal[
    "delivered",
    "user_unknown",
    "mailbox_disabled",
    "mailbox_full",
    "message_too_large",
    "domain_not_found",
    "no_mail_accepted",
    "relay_denied",
    "smtp_auth_required",
    "smtp_auth_failed",
    "tls_required",
    "sender_rejected",
    "email_auth_failed",
    "ptr_required",
    "blocked",
    "spam_detected",
    "virus_detected",
    "content_rejected",
    "policy_rejected",
    "rate_limited",
    "greylisted",
    "too_many_recipients",
    "syntax_error",
    "service_unavailable",
    "system_error",
    "not_found",
    "forbidden",
    "auth_required",
    "auth_failed",
    "timeout",
    "unreachable",
    "conflict",
    "redirected",
    "tls_failed",
    "busy",
    "declined",
    "quota_exceeded",
    "cancelled",
    "dnssec_failed",
    "unknown",
]
Evidence = Literal["none", "phrase", "enhanced", "basic", "class"]
TextField = Literal["name", "gist", "description", "when", "fix", "variants",
                    "class_name", "subject_name", "contrasts"]

Equivalent = TypedDict(
    "Equivalent",
    {
        "protocol": str,
        "code": Code,
        "name": str,
        "closeness": Literal["exact", "close"],
        "note": Optional[str],
    },
)

# "class" is a keyword, so these use the functional TypedDict syntax.
Description = TypedDict(
    "Description",
    {
        "protocol": str,
        "code": Code,
        "mnemonic": Optional[str],
        "aliases": List[str],
        "name": str,
        "gist": Optional[str],
        "class": Optional[str],
        "class_name": Optional[str],
        "subject": Optional[str],
        "subject_name": Optional[str],
        "description": str,
        "when": str,
        "fix": str,
        "known": bool,
        "source": Source,
        "origin": Optional[str],
        "retry": Retry,
        "retry_advice": str,
        "retryable": bool,
        "actor": Actor,
        "actor_text": str,
        "commands": List[str],
        "references": List[str],
        "related": List[Code],
        "variants": List[str],
        "basic": List[int],
        "equivalents": List[Equivalent],
        "lang": str,
        "untranslated": List[TextField],
        "labels": Dict[str, str],
    },
)

Comparison = TypedDict(
    "Comparison",
    {
        "protocol": str,
        "title": str,
        "summary": str,
        "same_class": bool,
        "a": Description,
        "b": Description,
        "differences": List[str],
        "when_to_use": List[str],
        "learn_more": List[str],
        "lang": str,
        "untranslated": List[TextField],
        "labels": Dict[str, str],
    },
)

Verdict = TypedDict(
    "Verdict",
    {
        "protocol": Optional[Protocol],
        "code": Optional[int],
        "mnemonic": Optional[str],
        "ede": Optional[str],
        "enhanced": Optional[str],
        "text": str,
        "lines": List[str],
        "class": Optional[str],
        "permanent": Optional[bool],
        "retryable": bool,
        "action": Optional[Action],
        "reason": Reason,
        "why": str,
        "evidence": Evidence,
        "phrase": Optional[str],
        "retry_hint": bool,
        "class_conflict": bool,
        "known": bool,
        "retry_after": Optional[int],
        "retry_at": Optional[str],
        "assumed": bool,
        "no_reply": bool,
        # describe() of code and enhanced with details=True; else None
        "code_info": Optional[Description],
        "enhanced_info": Optional[Description],
    },
)

__version__: str
__all__: List[str]

def describe(code: Code, protocol: str = "smtp", lang: str = "en") -> Description: ...
def compare(
    a: Code, b: Code, protocol: str = "smtp", lang: str = "en", protocol_b: Optional[str] = None
) -> Comparison: ...

# --- mail logs ---------------------------------------------------------------
LogFormat = Literal["auto", "postfix", "exim", "sendmail", "reply"]
MtaStatus = Literal["none", "sent", "deferred", "bounced", "expired", "reject"]

LogLine = TypedDict("LogLine", {
    "line": int, "format": str, "time": Optional[str], "host": Optional[str],
    "program": Optional[str], "queue_id": Optional[str], "recipient": Optional[str],
    "relay": Optional[str], "client": Optional[str], "dsn": Optional[str],
    "status": Optional[str], "mta_status": MtaStatus, "verdict": Verdict,
})

def parse_log_lines(text: Reply, format: Optional[LogFormat] = None,
                    lang: str = "en", details: bool = False) -> List[LogLine]: ...

SummaryKey = TypedDict("SummaryKey", {"count": int, "actions": Dict[str, int]}, total=False)
SummaryTable = TypedDict("SummaryTable", {"keys": List[Dict[str, Any]], "other": int})
SummaryExample = TypedDict("SummaryExample", {"text": str, "count": int})
SummaryRecipient = TypedDict("SummaryRecipient", {"recipient": str, "action": str, "reason": str})
SummaryCell = TypedDict("SummaryCell", {"year": int, "month": int, "day": int, "hour": int,
                                         "reason": str, "count": int})
SummaryTimes = TypedDict("SummaryTimes", {"cells": List[SummaryCell], "other": int, "untimed": int})
Summary = TypedDict("Summary", {
    "lines": int, "bytes": int, "verdicts": int, "permanent": int, "transient": int,
    "unterminated": int, "skipped": Dict[str, int], "formats": Dict[str, int],
    "mta_status": Dict[str, int], "actions": Dict[str, int], "reasons": Dict[str, int],
    "domains": SummaryTable, "relays": SummaryTable,
    "examples": Dict[str, List[SummaryExample]],
    "recipients": List[SummaryRecipient], "suppress": List[str], "times": SummaryTimes,
    "overflow": Dict[str, int], "bounds": Dict[str, int],
})

def summarize(log: Union[Reply, Iterable[Reply]],
              format: Optional[LogFormat] = None) -> Summary: ...
def merge_summaries(summaries: Iterable[Summary]) -> Summary: ...

def lookup(code: Code, lang: str = "en") -> List[Description]: ...
def search(words: str, protocol: Optional[str] = None, lang: str = "en") -> List[Description]: ...
def parse(
    reply: Reply, protocol: Optional[Protocol] = None, lang: str = "en", details: bool = False
) -> Verdict: ...
def parse_many(
    replies: Iterable[Reply], protocol: Optional[Protocol] = None, lang: str = "en", details: bool = False
) -> List[Verdict]: ...
def parse_log(
    text: Reply, protocol: Optional[Protocol] = None, lang: str = "en", details: bool = False
) -> List[Verdict]: ...
def parse_stream(
    source: Union[IO[str], IO[bytes], Iterable[Union[str, bytes]]],
    protocol: Optional[Protocol] = None,
    lang: str = "en",
    details: bool = False,
) -> Iterator[Verdict]: ...
def codes(protocol: str = "smtp") -> List[Code]: ...
def protocols() -> List[str]: ...

ReasonInfo = TypedDict("ReasonInfo", {"summary": str, "example": str, "actions": List[Action]})

def reasons(lang: str = ...) -> Dict[Reason, ReasonInfo]: ...
def text(result: Union[Description, Comparison, Verdict, List[Description], List[Verdict]], lang: Optional[str] = ...) -> str: ...
def actions(lang: str = ...) -> Dict[Action, str]: ...
def words(lang: str = ...) -> Dict[str, str]: ...
def language(tag: str) -> str: ...
def languages() -> Dict[str, str]: ...

# Bounces
BounceRecipient = TypedDict(
    "BounceRecipient",
    {
        "recipient": Optional[str],
        "original_recipient": Optional[str],
        "dsn_action": Optional[str],
        "status": Optional[str],
        "remote_mta": Optional[str],
        "diagnostic": Optional[str],
        "source": Literal["dsn", "text"],
        "verdict": Optional[Verdict],
    },
)

def parse_bounce(data: Reply, lang: str = "en", details: bool = False) -> List[BounceRecipient]: ...
