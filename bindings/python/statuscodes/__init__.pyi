"""Type stubs of statuscodes (implemented by the C extension _statuscodes)."""

from typing import Dict, Iterable, List, Literal, Optional, TypedDict, Union

# A code as given: 535, "535" or "5.7.8". In results, basic codes are ints
# and enhanced codes are strs.
Code = Union[int, str]
Reply = Union[str, bytes, bytearray, memoryview]

Retry = Literal["not_needed", "continue", "later", "after_fix", "never"]
Actor = Literal["nobody", "client", "sender", "recipient", "server"]
Source = Literal["rfc", "registry", "common", "class"]
Action = Literal["none", "retry", "suppress", "fix", "review"]
Evidence = Literal["none", "phrase", "enhanced", "basic", "class"]
TextField = Literal["name", "description", "when", "fix"]

# "class" is a keyword, so these use the functional TypedDict syntax.
Description = TypedDict(
    "Description",
    {
        "protocol": str,
        "code": Code,
        "name": str,
        "class": str,
        "class_name": str,
        "subject": Optional[str],
        "subject_name": Optional[str],
        "description": str,
        "when": str,
        "fix": str,
        "known": bool,
        "source": Source,
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
        "labels": Dict[str, str],
    },
)

Verdict = TypedDict(
    "Verdict",
    {
        "code": Optional[int],
        "enhanced": Optional[str],
        "text": str,
        "lines": List[str],
        "class": Optional[str],
        "permanent": Optional[bool],
        "retryable": bool,
        "action": Action,
        "reason": str,
        "why": str,
        "evidence": Evidence,
        "phrase": Optional[str],
        "retry_hint": bool,
        "class_conflict": bool,
        "known": bool,
        "code_info": Optional[Description],
        "enhanced_info": Optional[Description],
    },
)

__version__: str
__all__: List[str]

def describe(code: Code, protocol: str = "smtp", lang: str = "en") -> Description: ...
def compare(a: Code, b: Code, protocol: str = "smtp", lang: str = "en") -> Comparison: ...
def parse(reply: Reply) -> Verdict: ...
def parse_many(replies: Iterable[Reply]) -> List[Verdict]: ...
def parse_log(text: Reply) -> List[Verdict]: ...
def codes(protocol: str = "smtp") -> List[Code]: ...
def protocols() -> List[str]: ...
def languages() -> Dict[str, str]: ...
