"""A straightforward pure-Python reply parser: the baseline parse() is timed
against.

It is what a competent engineer writes in an afternoon, the way KumoMTA's
bounce classifier and ZoneMTA's bounces.txt work: split the lines, one regex
for the reply code and the enhanced code, then an ordered list of regex rules
over the reply, the first match deciding the reason; the enhanced code's
subject, then the class, when no rule matches. Patterns are compiled once,
at import.

It covers the same reasons and reply forms as statuscodes.parse() (DSN
prefixes, Postfix and Exim log lines, multi-line replies) with fewer phrases
and no languages other than English; it does not build the two describe()
dicts that statuscodes.parse() returns as code_info and enhanced_info. So it
does less work than the function it is compared with.
"""
import re

# The reply code: at the start of a line, after a DSN type ("smtp;"), or
# after "said: " / ": " in an MTA log line; the enhanced code right after.
CODE_RE = re.compile(
    r"(?:^|;|:)\s*([2-5][0-9][0-9])(?:[ \t-]+([245]\.[0-9]{1,3}\.[0-9]{1,3}))?"
    r"(?=[ \t-]|$)", re.M)
BARE_ENHANCED_RE = re.compile(r"^\s*(?:[A-Za-z-]+;\s*)?([245]\.[0-9]{1,3}\.[0-9]{1,3})\b")
LINE_PREFIX_RE = re.compile(r"^\s*[2-5][0-9][0-9][ \t-]+(?:[245]\.[0-9]{1,3}\.[0-9]{1,3}[ \t]*)?")
POSTFIX_SUFFIX_RE = re.compile(r"\s*\(in reply to [^()]* command\)\s*$")
RETRY_HINT_RE = re.compile(
    r"try again later|please try again|temporar|retry later|retry in|"
    r"try later|deferred|come back later")

# Ordered rules over the lower-cased text: the first that matches decides.
# Specific phrases first, looser words last.
RULES = [(re.compile(p), reason) for p, reason in [
    (r"greylist|graylist|grey-list|gray-list|try again in \d+ seconds", "greylisted"),
    (r"blocked using|spamhaus|spamcop|barracuda|blacklist|blocklist|block list|"
     r"black list|rbl\b|dnsbl|listed (?:on|at|in)|poor reputation|"
     r"bad reputation|ip reputation|sender reputation|blocked by|"
     r"has been blocked|ip .* blocked|is blocked", "blocked"),
    (r"spf\b|dkim|dmarc|sender policy framework|"
     r"not authenticated|unauthenticated|authentication checks", "email_auth_failed"),
    (r"reverse dns|reverse hostname|ptr record|rdns|helo.*(?:invalid|rejected)|"
     r"hostname .*not resolve", "ptr_required"),
    (r"virus|malware|infected|trojan|phishing", "virus_detected"),
    (r"spam\b|unsolicited|bulk mail|junk|content filter|looks like spam|"
     r"spam score|high probability", "spam_detected"),
    (r"rate limit|ratelimit|too many connections|too many messages|"
     r"too fast|slow down|throttl|frequency limit|receiving mail at a rate|"
     r"sending quota|daily limit|hourly limit|unexpected volume|"
     r"too many concurrent", "rate_limited"),
    (r"too many recipients|recipient limit|too many rcpt", "too_many_recipients"),
    (r"mailbox (?:is )?full|quota|over ?quota|insufficient (?:storage|space)|"
     r"storage (?:space|limit)|mailbox size limit|exceeded storage", "mailbox_full"),
    (r"message (?:size|too (?:big|large))|size limit|exceeds .*size|"
     r"too large|message length exceeds", "message_too_large"),
    (r"disabled|inactive|suspended|deactivated|not active|closed|"
     r"account (?:has been )?locked|expired", "mailbox_disabled"),
    (r"user unknown|unknown user|no such user|does not exist|doesn't exist|"
     r"invalid recipient|recipient (?:address )?rejected|not found|"
     r"unknown recipient|no mailbox|mailbox unavailable|address rejected|"
     r"invalid mailbox|no such (?:mailbox|recipient|address)|"
     r"user not found|unrouteable address|undeliverable address|"
     r"bad destination|not a valid", "user_unknown"),
    (r"domain (?:not found|does not exist)|host not found|no mx|"
     r"unrouteable domain|nxdomain|domain .*not exist|name service error",
     "domain_not_found"),
    (r"null mx|does not accept mail|accepts no mail", "no_mail_accepted"),
    (r"relay(?:ing)? (?:access )?denied|relay not permitted|not permitted to relay|"
     r"unable to relay|relaying denied|we do not relay|not allowed to relay",
     "relay_denied"),
    (r"starttls|must issue a starttls|tls required|encryption required|"
     r"requiretls", "tls_required"),
    (r"authentication required|auth required|must authenticate|"
     r"authentication is required|login required", "smtp_auth_required"),
    (r"authentication (?:failed|unsuccessful|credentials invalid)|"
     r"invalid credentials|bad credentials|username and password not accepted",
     "smtp_auth_failed"),
    (r"sender (?:address )?rejected|sender denied|sender verify failed|"
     r"invalid sender|sender domain|mail from", "sender_rejected"),
    (r"header|mime|line too long|8bit|encoding|attachment|message format|"
     r"invalid message|malformed|content rejected|bare lf", "content_rejected"),
    (r"syntax error|command unrecognized|unrecognized command|bad sequence|"
     r"command not implemented|parameter|out of sequence", "syntax_error"),
    (r"service (?:not )?(?:available|unavailable)|closing transmission channel|"
     r"shutting down|try again later|temporarily unavailable|too busy|"
     r"server busy|connection refused", "service_unavailable"),
    (r"local error|internal error|system error|disk|configuration error|"
     r"loop|routing loop|too many hops|i/o error", "system_error"),
    (r"policy|not allowed|prohibited|refused|rejected|denied|not accepted|"
     r"administrative", "policy_rejected"),
]]

# What an enhanced code's subject and detail say, when no rule matched.
ENHANCED_REASONS = {
    "1.1": "user_unknown", "1.2": "domain_not_found", "1.3": "user_unknown",
    "1.6": "user_unknown", "1.7": "sender_rejected", "1.8": "sender_rejected",
    "1.10": "no_mail_accepted", "2.1": "mailbox_disabled", "2.2": "mailbox_full",
    "2.3": "message_too_large", "3.4": "message_too_large", "4.4": "domain_not_found",
    "4.6": "system_error", "5.3": "too_many_recipients", "7.0": "policy_rejected",
    "7.1": "policy_rejected", "7.8": "smtp_auth_failed", "7.10": "tls_required",
    "7.11": "tls_required", "7.23": "email_auth_failed", "7.25": "ptr_required",
    "7.26": "email_auth_failed", "7.27": "no_mail_accepted",
}
BASIC_REASONS = {
    421: "service_unavailable", 450: "unknown", 451: "system_error",
    452: "mailbox_full", 500: "syntax_error", 501: "syntax_error",
    502: "syntax_error", 503: "syntax_error", 504: "syntax_error",
    530: "smtp_auth_required", 535: "smtp_auth_failed", 550: "user_unknown",
    551: "user_unknown", 552: "mailbox_full", 553: "sender_rejected",
    554: "policy_rejected",
}
SUPPRESS = {"user_unknown", "mailbox_disabled", "domain_not_found",
            "no_mail_accepted"}
FIX = {"message_too_large", "relay_denied", "smtp_auth_required",
       "smtp_auth_failed", "tls_required", "sender_rejected",
       "email_auth_failed", "ptr_required", "virus_detected",
       "content_rejected", "too_many_recipients", "syntax_error"}
RETRY = {"mailbox_full", "rate_limited", "greylisted"}


def parse(reply):
    if isinstance(reply, (bytes, bytearray)):
        reply = reply.decode("utf-8", "replace")
    elif not isinstance(reply, str):
        raise TypeError("reply must be str or bytes, not %s" % type(reply).__name__)
    lines = reply.strip().splitlines()
    if not lines:
        raise ValueError("empty reply")
    code = enhanced = None
    m = CODE_RE.search(lines[0])
    if m:
        code = int(m.group(1))
        enhanced = m.group(2)
        first = lines[0][m.end():]
    else:
        b = BARE_ENHANCED_RE.match(lines[0])
        if b:
            enhanced = b.group(1)
            first = lines[0][b.end():]
        else:
            first = lines[0]
    parts = [first.strip()]
    for line in lines[1:]:
        parts.append(LINE_PREFIX_RE.sub("", line).strip())
    text = POSTFIX_SUFFIX_RE.sub("", " ".join(p for p in parts if p))
    low = text.lower()  # once, so the rules need no re.IGNORECASE (5x slower)
    cls = code // 100 if code else int(enhanced[0]) if enhanced else None

    reason = why = None
    if cls == 2:
        reason, why = "delivered", "success"
    elif cls == 3:
        reason, why = "unknown", "intermediate reply"
    else:
        for rx, r in RULES:
            m = rx.search(low)
            if m:
                reason, why = r, "the text says %r" % m.group(0)
                break
        else:
            key = enhanced.split(".", 1)[1] if enhanced else None
            if key in ENHANCED_REASONS:
                reason, why = ENHANCED_REASONS[key], "the enhanced code " + enhanced
            elif code in BASIC_REASONS:
                reason, why = BASIC_REASONS[code], "the basic code %d" % code
            else:
                reason, why = "unknown", "nothing specific"
    hint = cls == 5 and RETRY_HINT_RE.search(low) is not None
    if cls in (2, 3):
        action = "none"
    elif cls == 4 or hint or reason in RETRY:
        action = "retry"
    elif reason in SUPPRESS:
        action = "suppress"
    elif reason in FIX:
        action = "fix"
    else:
        action = "review"
    return {
        "code": code,
        "enhanced": enhanced,
        "text": text,
        "lines": lines,
        "class": "%dxx" % cls if cls else None,
        "permanent": True if cls == 5 else False if cls == 4 else None,
        "retryable": action == "retry",
        "action": action,
        "reason": reason,
        "why": why,
    }
