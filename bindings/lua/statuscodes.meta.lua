---@meta statuscodes
-- LuaLS annotations of the statuscodes module (the C module
-- bindings/lua/lstatuscodes.c): editors complete `sc.describe(...)` fields
-- from them. Add this file's folder to `workspace.library`. A value the base
-- does not have is an absent key (nil).

---@alias statuscodes.Code integer|string
---@alias statuscodes.Retry "not_needed"|"continue"|"follow"|"later"|"idempotent"|"after_fix"|"never"
---@alias statuscodes.Actor "nobody"|"client"|"sender"|"recipient"|"server"|"proxy"
---@alias statuscodes.Source "rfc"|"registry"|"common"|"vendor"|"class"
---@alias statuscodes.Action "none"|"retry"|"suppress"|"fix"|"review"

---@class statuscodes.Options
---@field protocol? string  "smtp" (default), "http", "ftp", "dns", "grpc", "websocket", "sip"; parse: read from the text unless given
---@field lang? string      "en" (default), "fr", "fr-CA", "pt_BR.UTF-8", ...: see language()
---@field protocol_b? string compare: the protocol of the second code
---@field details? boolean  parse: add code_info and enhanced_info (default false)

---@class statuscodes.Equivalent
---@field protocol string
---@field code statuscodes.Code
---@field name string
---@field closeness "exact"|"close"
---@field note? string

---@class statuscodes.Description
---@field protocol string
---@field code statuscodes.Code   integer, or a string: "5.7.8", "EDE 18"
---@field mnemonic? string        "NOT_FOUND"
---@field aliases string[]
---@field name string
---@field gist? string
---@field class? string           "5xx", "5.X.X", "4000-4999"
---@field class_name? string
---@field subject? string         enhanced codes: "X.7.X"
---@field subject_name? string
---@field description string
---@field when string
---@field fix string
---@field known boolean
---@field source statuscodes.Source
---@field origin? string          whose vendor or common code it is
---@field retry statuscodes.Retry
---@field retry_advice string
---@field retryable boolean
---@field actor statuscodes.Actor
---@field actor_text string
---@field commands string[]
---@field references string[]
---@field related statuscodes.Code[]
---@field variants string[]
---@field basic integer[]
---@field equivalents statuscodes.Equivalent[]
---@field lang string
---@field untranslated string[]
---@field labels table<string, string>

---@class statuscodes.Comparison
---@field protocol string
---@field title string
---@field summary string
---@field same_class boolean
---@field a statuscodes.Description
---@field b statuscodes.Description
---@field differences string[]
---@field when_to_use string[]
---@field learn_more string[]
---@field lang string
---@field untranslated string[]
---@field labels table<string, string>

---@class statuscodes.Verdict
---@field protocol? string absent for a failure whose text names no protocol
---@field code? integer
---@field mnemonic? string
---@field ede? string
---@field enhanced? string
---@field text string
---@field lines string[]
---@field class? string
---@field permanent? boolean
---@field retryable boolean
---@field action? statuscodes.Action absent when no_reply
---@field reason string
---@field why string
---@field evidence "none"|"phrase"|"enhanced"|"basic"|"class"
---@field phrase? string
---@field retry_hint boolean
---@field class_conflict boolean
---@field known boolean
---@field retry_after? integer seconds to wait
---@field retry_at? string an HTTP-date to retry at, when no Date header gives seconds
---@field assumed boolean
---@field no_reply boolean
---@field code_info? statuscodes.Description describe of code, with opts.details only
---@field enhanced_info? statuscodes.Description describe of enhanced, with opts.details only

---@class statuscodes.Reason
---@field name string
---@field summary string
---@field example string
---@field actions statuscodes.Action[] for a transient reply, for a permanent one

---@class statuscodes
---@field _VERSION string
local sc = {}

---Describe a code. Malformed input returns nil and a message.
---@param code statuscodes.Code
---@param opts? statuscodes.Options
---@return statuscodes.Description|nil, string?
function sc.describe(code, opts) end

---Compare two codes (of one protocol, or a in opts.protocol and b in
---opts.protocol_b).
---@param a statuscodes.Code
---@param b statuscodes.Code
---@param opts? statuscodes.Options
---@return statuscodes.Comparison|nil, string?
function sc.compare(a, b, opts) end

---Describe a code in every protocol that lists it.
---@param code statuscodes.Code
---@param opts? statuscodes.Options
---@return statuscodes.Description[]|nil, string?
function sc.lookup(code, opts) end

---Listed codes whose name, gist or symbol holds every word.
---@param words string
---@param opts? statuscodes.Options
---@return statuscodes.Description[]|nil, string?
function sc.search(words, opts) end

---Parse one reply: an SMTP or FTP reply, an HTTP or SIP status line with its
---headers, a gRPC error, dig output, a WebSocket close, or a failure with no
---status. The protocol comes from the text's form unless opts.protocol names it.
---@param reply string
---@param opts? statuscodes.Options
---@return statuscodes.Verdict|nil, string?
function sc.parse(reply, opts) end

---Parse a list of replies, or every reply of a log held in one string.
---@param replies string[]|string
---@param opts? statuscodes.Options
---@return statuscodes.Verdict[]|nil, string?
function sc.parse_many(replies, opts) end

---Parse every reply of a log held in one string.
---@param text string
---@param opts? statuscodes.Options
---@return statuscodes.Verdict[]|nil, string?
function sc.parse_log(text, opts) end

---Parse the replies of a log as its lines come, as parse_log reads them:
---each call of the iterator returns the next verdict as soon as its reply
---is complete, or nil at the end. `source` returns the next line, or nil at
---the end (io.lines(path), f:lines()), or is a file read with f:read("l").
---@param source (fun(): string|nil)|file*
---@param opts? statuscodes.Options
---@return (fun(): statuscodes.Verdict|nil)|nil, string?
function sc.parse_stream(source, opts) end

---Every code the base lists for opts.protocol.
---@param opts? statuscodes.Options
---@return statuscodes.Code[]|nil, string?
function sc.codes(opts) end

---@return string[]
function sc.protocols() end

---The tag of the language `tag` names: "fr" for "fr-CA" or "fr_CA.UTF-8",
---"zh" for "zh-Hans"; nil and a message for a language not available, a tag
---not well formed ("fr-") and Traditional Chinese ("zh-TW", "zh-Hant").
---@param tag string
---@return string|nil, string?
function sc.language(tag) end

---@return table<string, string> tag -> the language's own name
function sc.languages() end

---The reasons parse() gives, in order; summaries in opts.lang (English
---where untranslated).
---@param opts? {lang?: string}
---@return statuscodes.Reason[]|nil, string?
function sc.reasons(opts) end

---What each action asks for, as a sentence in opts.lang.
---@param opts? {lang?: string}
---@return table<statuscodes.Action, string>|nil, string?
function sc.actions(opts) end

---The words shown around results (row names of a verdict as text, a mail
---log summary's headings), in opts.lang: key -> text. A text may hold
---{placeholders} for the caller to fill.
---@param opts? {lang?: string}
---@return table<string, string>|nil, string?
function sc.words(opts) end

---@class statuscodes.BounceRecipient
---@field recipient? string Final-Recipient, its type and <> removed (or the address near a quoted reply)
---@field original_recipient? string
---@field dsn_action? string the DSN's Action: failed, delayed, delivered, relayed, expanded
---@field status? string the DSN's Status ("5.1.1")
---@field remote_mta? string
---@field diagnostic? string the Diagnostic-Code after its type, unfolded, or the quoted reply
---@field source "dsn"|"text"
---@field verdict? statuscodes.Verdict of the diagnostic, else of the status

---One table per recipient of a bounce (RFC 3464 / RFC 6533, or the replies
---a text bounce quotes).
---@param message string
---@param opts? statuscodes.Options
---@return statuscodes.BounceRecipient[]|nil, string?
function sc.parse_bounce(message, opts) end

---@class statuscodes.SummaryTable
---@field keys table[] {domain|relay = string, count = integer, actions = table<string, integer>}, first-seen order
---@field other integer lines whose key came after the table was full

---One hour of one reason: the hour as the line's time stamp gives it (year
---0 for a syslog stamp, which has none).
---@class statuscodes.SummaryCell
---@field year integer
---@field month integer
---@field day integer
---@field hour integer
---@field reason string
---@field count integer

---@class statuscodes.SummaryTimes
---@field cells statuscodes.SummaryCell[] first-seen order
---@field other integer lines whose cell did not fit
---@field untimed integer judged lines without a time stamp

---@class statuscodes.Summary
---@field lines integer
---@field bytes integer
---@field verdicts integer lines judged
---@field permanent integer
---@field transient integer
---@field unterminated integer
---@field skipped table<string, integer> blank, no_reply, cut, binary, long
---@field formats table<string, integer>
---@field mta_status table<string, integer>
---@field actions table<statuscodes.Action, integer>
---@field reasons table<string, integer>
---@field domains statuscodes.SummaryTable by recipient domain
---@field relays statuscodes.SummaryTable by relay provider
---@field examples table<string, {text: string, count: integer}[]>
---@field recipients {recipient: string, action: string, reason: string}[]
---@field suppress string[] recipients whose last verdict says suppress
---@field times statuscodes.SummaryTimes judged lines by hour and reason
---@field overflow table<string, integer>
---@field bounds table<string, integer>

---The summary of a mail log held in one string (Postfix, Exim, Sendmail or
---one reply per line), as Python's summarize() gives it. nil, message for
---an unknown opts.format ("auto", "postfix", "exim", "sendmail", "reply").
---@param log string
---@param opts? {format?: string}
---@return statuscodes.Summary|nil, string?
function sc.summarize(log, opts) end

return sc
