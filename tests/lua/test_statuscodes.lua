#!/usr/bin/env lua5.4
--[[
test_statuscodes.lua — tests of the Lua binding `statuscodes`.

    LUA_CPATH='build/?.so' lua5.4 tests/lua/test_statuscodes.lua

Table-driven: each section is a list of cases run by one checker. Prints
every failure, then a last line "N passed, N failed", and exits non-zero when
anything failed. Assertions on the knowledge base's prose are kept light (the
data changes); shapes, types and error rules are checked strictly.
--]]

local sc = require("statuscodes")

package.path = (arg[0]:match("^(.*)[/\\]") or ".") .. "/?.lua;" .. package.path
local t = require("harness")
local show, check, eq, deep_equal, run = t.show, t.check, t.eq, t.deep_equal, t.run

-- True when t is a sequence: keys exactly 1 .. #t.
local function is_array(t)
    if type(t) ~= "table" then return false end
    local n = 0
    for k in pairs(t) do
        if math.type(k) ~= "integer" or k < 1 then return false end
        n = n + 1
    end
    return n == #t
end

local function set(list)
    local s = {}
    for _, v in ipairs(list) do s[v] = true end
    return s
end

-- Call f and return (number of results, results packed).
local function call(f, ...)
    local r = table.pack(f(...))
    return r.n, r
end

------------------------------------------------------------------------------
-- Shapes
------------------------------------------------------------------------------

-- Heading keys of sc_label_key(), in the header's order.
local LABEL_KEYS = {
    "summary", "description", "when", "fix", "retry", "actor", "commands",
    "references", "related", "variants", "differences", "when_to_use",
    "learn_more", "gist", "equivalents", "aliases",
}

local TEXT_FIELDS = set { "name", "gist", "description", "when", "fix", "variants",
    "class_name", "subject_name", "contrasts" }
local SOURCES = set { "rfc", "registry", "common", "vendor", "class" }
local RETRY = set { "not_needed", "continue", "follow", "later", "idempotent", "after_fix", "never" }
local RETRYABLE = set { "later", "idempotent" }
local ACTORS = set { "nobody", "client", "sender", "recipient", "server", "proxy" }
local PROTOCOLS = set(sc.protocols())
local ACTIONS = set { "none", "retry", "suppress", "fix", "review" }
local EVIDENCE = set { "none", "phrase", "enhanced", "basic", "class" }
local REASONS = set {
    "delivered", "user_unknown", "mailbox_disabled", "mailbox_full",
    "message_too_large", "domain_not_found", "no_mail_accepted",
    "relay_denied", "smtp_auth_required", "smtp_auth_failed", "tls_required",
    "sender_rejected", "email_auth_failed", "ptr_required", "blocked",
    "spam_detected", "virus_detected", "content_rejected", "policy_rejected",
    "rate_limited", "greylisted", "too_many_recipients", "syntax_error",
    "service_unavailable", "system_error", "not_found", "forbidden",
    "auth_required", "auth_failed", "timeout", "unreachable", "conflict",
    "redirected", "tls_failed", "busy", "declined", "quota_exceeded",
    "cancelled", "dnssec_failed", "unknown",
}

local ENHANCED = "^[245]%.%d%d?%d?%.%d%d?%d?$"

local EDE = "^EDE %d+$"  -- DNS Extended Errors

local function is_code(v)
    return math.type(v) == "integer" or (type(v) == "string" and
        (v:find(ENHANCED) ~= nil or v:find(EDE) ~= nil))
end

-- Protocols whose class is the first digit ("5xx"); DNS and WebSocket have
-- ranges, gRPC no classes.
local DIGIT_CLASSES = set { "smtp", "http", "ftp", "sip" }

local function nonempty_string(v) return type(v) == "string" and #v > 0 end
local function boolean(v) return type(v) == "boolean" end
local function one_of(s) return function(v) return s[v] == true end end
local function array_of(pred)
    return function(v)
        if not is_array(v) then return false end
        for _, x in ipairs(v) do if not pred(x) then return false end end
        return true
    end
end

-- Key -> predicate, for every key a describe table always has.
local DESCRIBE_KEYS = {
    protocol = nonempty_string,
    code = is_code,
    name = nonempty_string,

    description = nonempty_string,
    when = nonempty_string,
    fix = nonempty_string,
    known = boolean,
    source = one_of(SOURCES),
    retry = one_of(RETRY),
    retry_advice = nonempty_string,
    retryable = boolean,
    actor = one_of(ACTORS),
    actor_text = nonempty_string,
    commands = array_of(nonempty_string),
    references = array_of(nonempty_string),
    related = array_of(is_code),
    variants = array_of(nonempty_string),
    basic = array_of(function(v) return math.type(v) == "integer" end),
    aliases = array_of(function(v) return type(v) == "string" and v:find("^[A-Z][A-Z0-9_]*$") ~= nil end),
    equivalents = array_of(function(q)
        if type(q) ~= "table" or not PROTOCOLS[q.protocol] or not is_code(q.code)
            or not nonempty_string(q.name) or (q.closeness ~= "exact" and q.closeness ~= "close")
            or (q.note ~= nil and not nonempty_string(q.note)) then
            return false
        end
        for k in pairs(q) do
            if k ~= "protocol" and k ~= "code" and k ~= "name" and k ~= "closeness" and k ~= "note" then
                return false
            end
        end
        return true
    end),
    lang = nonempty_string,
    untranslated = array_of(function(v) return TEXT_FIELDS[v] == true end),
    labels = function(v)
        if type(v) ~= "table" then return false end
        local n = 0
        for k, x in pairs(v) do
            if not nonempty_string(x) then return false end
            n = n + 1
        end
        for _, k in ipairs(LABEL_KEYS) do
            if v[k] == nil then return false end
        end
        return n == #LABEL_KEYS
    end,
}

-- Keys only an enhanced code's describe table has.
local SUBJECT_KEYS = { subject = nonempty_string, subject_name = nonempty_string }

-- Keys absent when the base has nothing to say (None in Python).
local OPTIONAL_KEYS = {
    class = nonempty_string,
    class_name = nonempty_string,
    mnemonic = function(v) return type(v) == "string" and v:find("^[A-Z][A-Z0-9_]*$") ~= nil end,
    gist = nonempty_string,
    origin = nonempty_string,
}

-- Check that d is a describe table; `what` names the call.
local function check_describe(what, d, want)
    if not check(what .. " is a table", type(d) == "table", show(d)) then return end
    local enhanced = type(d.code) == "string" and d.code:find(ENHANCED) ~= nil
    for k, pred in pairs(DESCRIBE_KEYS) do
        check(what .. "." .. k, pred(d[k]), "bad value " .. show(d[k]))
    end
    for k, pred in pairs(SUBJECT_KEYS) do
        if enhanced then
            check(what .. "." .. k, pred(d[k]), "bad value " .. show(d[k]))
        else
            check(what .. "." .. k .. " absent for a basic code", d[k] == nil, show(d[k]))
        end
    end
    for k, pred in pairs(OPTIONAL_KEYS) do
        if d[k] ~= nil then
            check(what .. "." .. k, pred(d[k]), "bad value " .. show(d[k]))
        end
    end
    for k in pairs(d) do
        check(what .. " has no stray key " .. tostring(k),
              DESCRIBE_KEYS[k] ~= nil or SUBJECT_KEYS[k] ~= nil or OPTIONAL_KEYS[k] ~= nil)
    end
    if enhanced then
        check(what .. ".class of an enhanced code", d.class == d.code:sub(1, 1) .. ".X.X", show(d.class))
    elseif DIGIT_CLASSES[d.protocol] then
        check(what .. ".class of a basic code", d.class == tostring(d.code):sub(1, 1) .. "xx", show(d.class))
    end
    if DIGIT_CLASSES[d.protocol] or not d.known then
        check(what .. " has a class", d.class ~= nil, show(d.class))
    end
    check(what .. ": class and class_name go together", (d.class == nil) == (d.class_name == nil))
    check(what .. ".retryable agrees with .retry", d.retryable == (RETRYABLE[d.retry] == true),
          show(d.retry) .. " / " .. show(d.retryable))
    if d.known and (d.source == "rfc" or d.source == "registry") and type(d.references) == "table" then
        check(what .. ": a listed code has references", #d.references > 0)
    end
    if d.lang == "en" and type(d.untranslated) == "table" then
        eq(what .. ": nothing untranslated in English", #d.untranslated, 0)
    end
    if want then
        for k, v in pairs(want) do eq(what .. "." .. k, d[k], v) end
    end
end

-- Key -> predicate for a parse table; `required` says whether always present.
local PARSE_KEYS = {
    protocol = { nonempty_string, false }, -- absent: a failure whose text names none
    code = { function(v) return math.type(v) == "integer" end, false },
    mnemonic = { nonempty_string, false },
    ede = { nonempty_string, false },
    enhanced = { function(v) return type(v) == "string" and v:find(ENHANCED) ~= nil end, false },
    text = { function(v) return type(v) == "string" end, true },
    lines = { array_of(function(v) return type(v) == "string" and not v:find("[\r\n]") end), true },
    class = { function(v) return type(v) == "string" and v:find("^%dxx$") ~= nil end, false },
    permanent = { boolean, false },
    retryable = { boolean, true },
    action = { one_of(ACTIONS), false },
    reason = { one_of(REASONS), true },
    why = { nonempty_string, true },
    evidence = { one_of(EVIDENCE), true },
    phrase = { nonempty_string, false },
    retry_hint = { boolean, true },
    class_conflict = { boolean, true },
    known = { boolean, true },
    retry_after = { function(v) return math.type(v) == "integer" and v >= 0 end, false },
    retry_at = { nonempty_string, false },
    assumed = { boolean, true },
    no_reply = { boolean, true },
    code_info = { function(v) return type(v) == "table" end, false },
    enhanced_info = { function(v) return type(v) == "table" end, false },
}

-- `details`: r is of parse(..., {details = true}): code_info and
-- enhanced_info are the describe tables of the codes; else both absent.
local function check_parse(what, r, lang, details)
    if not check(what .. " is a table", type(r) == "table", show(r)) then return end
    for k, spec in pairs(PARSE_KEYS) do
        if r[k] ~= nil or spec[2] then
            check(what .. "." .. k, spec[1](r[k]), "bad value " .. show(r[k]))
        end
    end
    for k in pairs(r) do
        check(what .. " has no stray key " .. tostring(k), PARSE_KEYS[k] ~= nil)
    end
    eq(what .. ": code_info iff code and details", r.code_info ~= nil, r.code ~= nil and details == true)
    eq(what .. ": enhanced_info iff enhanced and details", r.enhanced_info ~= nil,
       r.enhanced ~= nil and details == true)
    eq(what .. ": class iff a code", r.class ~= nil, r.code ~= nil or r.enhanced ~= nil)
    eq(what .. ": permanent iff 4xx or 5xx", r.permanent ~= nil, r.class == "4xx" or r.class == "5xx")
    if r.permanent ~= nil then eq(what .. ".permanent", r.permanent, r.class == "5xx") end
    eq(what .. ": retryable iff action retry", r.retryable, r.action == "retry")
    if r.evidence == "phrase" then check(what .. ": a phrase for evidence phrase", r.phrase ~= nil) end
    if r.code ~= nil then
        eq(what .. ": class from the code", r.class, (r.code // 100) .. "xx")
    end
    if r.code_info then
        check_describe(what .. ".code_info", r.code_info, { code = r.code, lang = lang or "en" })
    end
    if r.enhanced_info then
        check_describe(what .. ".enhanced_info", r.enhanced_info, { code = r.enhanced, lang = lang or "en" })
    end
end

------------------------------------------------------------------------------
-- The module
------------------------------------------------------------------------------

check("_VERSION is a version", type(sc._VERSION) == "string" and sc._VERSION:find("^%d+%.%d+%.%d+") ~= nil,
      show(sc._VERSION))
for _, name in ipairs { "describe", "compare", "parse", "parse_many", "codes", "protocols", "language", "languages" } do
    eq("sc." .. name .. " is a function", type(sc[name]), "function")
end

local PROTOCOLS, LANGS = {}, {}
run("protocols()", function() PROTOCOLS = sc.protocols() end)
run("languages()", function() LANGS = sc.languages() end)
check("protocols() is an array of names", array_of(nonempty_string)(PROTOCOLS) and #PROTOCOLS > 0)
eq("protocols()[1] is smtp, the default", PROTOCOLS[1], "smtp")

check("languages() is a map tag -> name", type(LANGS) == "table" and next(LANGS) ~= nil)
for tag, name in pairs(LANGS) do
    check("languages()." .. tostring(tag), nonempty_string(tag) and nonempty_string(name), show(name))
end
for _, tag in ipairs { "en", "fr", "es" } do
    check("languages() has " .. tag, nonempty_string(LANGS[tag]))
end

-- Tags as people pass them; malformed tags and Traditional Chinese refused.
for tag in pairs(LANGS) do
    eq("language(" .. tag .. ")", sc.language(tag), tag)
end
for tag, want in pairs { ["fr-CA"] = "fr", ["pt_BR"] = "pt", ["zh-Hans"] = "zh",
                         ["zh_CN"] = "zh", ["de_DE.UTF-8"] = "de" } do
    eq("language(" .. tag .. ")", sc.language(tag), want)
    local d = sc.describe(535, { lang = tag })
    eq("describe(535, {lang=" .. tag .. "}).lang", d and d.lang, want)
end
for _, bad in ipairs { "fr-", "fr- ", "fr--", "fr-\0", "FR_x_y", "zh-TW", "zh-Hant", "tlh" } do
    local v, err = sc.language(bad)
    check("language(" .. show(bad) .. ") refused",
          v == nil and type(err) == "string" and err:find("unknown language", 1, true) ~= nil, show(err))
    local d, derr = sc.describe(535, { lang = bad })
    check("describe(535, {lang=" .. show(bad) .. "}) refused", d == nil and derr == err, show(derr))
end
local _, zh_err = sc.language("zh-TW")
check("zh-TW: says Traditional Chinese", zh_err:find("Traditional Chinese", 1, true) ~= nil, zh_err)
local _, fr_err = sc.language("fr-")
check("fr-: says not a language tag", fr_err:find("not a language tag", 1, true) ~= nil, fr_err)

------------------------------------------------------------------------------
-- describe: every listed code, in every language, of every protocol
------------------------------------------------------------------------------

for _, proto in ipairs(PROTOCOLS) do run("codes of " .. proto, function()
    local codes = sc.codes { protocol = proto }
    local what = "codes{protocol=" .. proto .. "}"
    if check(what .. " is an array of codes", array_of(is_code)(codes) and #codes > 0) then
        -- integers first, in numeric order, then enhanced strings
        local seen_string, sorted, unique = false, true, {}
        for i, c in ipairs(codes) do
            if type(c) == "string" then seen_string = true
            elseif seen_string then sorted = false
            elseif i > 1 and type(codes[i - 1]) == "number" and codes[i - 1] >= c then sorted = false end
            check(what .. " lists " .. c .. " once", not unique[c])
            unique[c] = true
        end
        check(what .. ": basic codes in order, then enhanced", sorted)
    end
    for _, c in ipairs(codes) do run("describe " .. c, function()
        local d = sc.describe(c, { protocol = proto })
        check_describe(("describe(%s, %s)"):format(show(c), proto), d,
                       { code = c, protocol = proto, known = true, lang = "en" })
        for tag in pairs(LANGS) do
            if tag ~= "en" then
                local dl = sc.describe(c, { protocol = proto, lang = tag })
                check_describe(("describe(%s, %s, %s)"):format(show(c), proto, tag), dl,
                               { code = c, protocol = proto, known = true, lang = tag })
            end
        end
        if math.type(c) == "integer" then
            check(("describe(%q) equals describe(%d)"):format(c, c),
                  deep_equal(sc.describe(tostring(c), { protocol = proto }), d))
        end
    end) end
end) end

-- Fixed cases: {args, expected fields}.
local describe_cases = {
    { { 535 }, { code = 535, class = "5xx", known = true, protocol = "smtp", lang = "en" } },
    { { "535" }, { code = 535, class = "5xx" } },
    { { 535.0 }, { code = 535 } },
    { { "5.7.8" }, { code = "5.7.8", class = "5.X.X", subject = "X.7.X", known = true } },
    { { 250 }, { code = 250, class = "2xx", retryable = false, retry = "not_needed" } },
    { { 299 }, { code = 299, class = "2xx", known = false, source = "class" } },
    { { "299" }, { code = 299, known = false } },
    { { 499 }, { class = "4xx", known = false, retryable = true } },
    { { "5.7.999" }, { code = "5.7.999", class = "5.X.X", subject = "X.7.X", known = false } },
    { { 535, { lang = "fr" } }, { lang = "fr" } },
    { { 535, { lang = "FR" } }, { lang = "fr" } },
    { { 535, { lang = "fr-CA" } }, { lang = "fr" } },
    { { 535, { lang = "es_MX" } }, { lang = "es" } },
    { { 535, { protocol = "SMTP" } }, { protocol = "smtp" } },
    { { 535, {} }, { protocol = "smtp", lang = "en" } },
    { { 535, nil }, { protocol = "smtp", lang = "en" } },
}
local HAS_HTTP = set(PROTOCOLS).http
if HAS_HTTP then
    describe_cases[#describe_cases + 1] =
        { { 404, { protocol = "http" } }, { code = 404, protocol = "http", class = "4xx" } }
end
for _, case in ipairs(describe_cases) do
    local args, want = case[1], case[2]
    local what = "describe(" .. show(args[1]) .. (args[2] and ", opts" or "") .. ")"
    run(what, function()
        local n, r = call(sc.describe, table.unpack(args, 1, 2))
        eq(what .. " returns one value", n, 1)
        check_describe(what, r[1], want)
    end)
end

local function contains(t, x)
    for _, v in ipairs(t) do if v == x then return true end end
    return false
end

run("describe: languages and freshness", function()
    check("describe(535).commands has AUTH", contains(sc.describe(535).commands, "AUTH"))
    check("describe('5.7.8').basic has 535", contains(sc.describe("5.7.8").basic, 535))
    local en, fr = sc.describe(535), sc.describe(535, { lang = "fr" })
    local differ = false
    for _, k in ipairs(LABEL_KEYS) do
        if en.labels[k] ~= fr.labels[k] then differ = true end
    end
    check("describe: French labels are not the English ones", differ)
    check("describe: a result is fresh on every call", sc.describe(535) ~= en)
    en.name, en.labels.fix = "changed", nil
    local again = sc.describe(535)
    check("describe: mutating a result changes no later one",
          again.name ~= "changed" and again.labels.fix ~= nil)
end)

------------------------------------------------------------------------------
-- compare
------------------------------------------------------------------------------

local COMPARE_KEYS = {
    protocol = nonempty_string, title = nonempty_string, summary = nonempty_string,
    same_class = boolean, a = function(v) return type(v) == "table" end,
    b = function(v) return type(v) == "table" end,
    differences = function(v) return array_of(nonempty_string)(v) and #v > 0 end,
    when_to_use = array_of(nonempty_string), learn_more = array_of(nonempty_string),
    lang = nonempty_string, untranslated = DESCRIBE_KEYS.untranslated,
    labels = DESCRIBE_KEYS.labels,
}

local compare_cases = {
    -- a, b, opts, same_class
    { 250, 535, nil, false },
    { 550, 554, nil, true },
    { "535", "5.7.8", nil, nil },
    { "4.2.2", "5.2.2", nil, false },
    { 250, 535, { lang = "en" }, false },
    { 250, 535, { lang = "fr" }, false },
    { 250, 535, { lang = "es" }, false },
    { 299, 535, { lang = "es" }, false },
}
if HAS_HTTP then compare_cases[#compare_cases + 1] = { 404, 503, { protocol = "http" }, false } end
for _, case in ipairs(compare_cases) do
    local a, b, opts, same = case[1], case[2], case[3], case[4]
    local lang = opts and opts.lang or "en"
    local what = ("compare(%s, %s, %s)"):format(show(a), show(b), lang)
    run(what, function()
    local n, r = call(sc.compare, a, b, opts)
    local c = r[1]
    eq(what .. " returns one value", n, 1)
    if check(what .. " is a table", type(c) == "table", show(r[2])) then
        for k, pred in pairs(COMPARE_KEYS) do
            check(what .. "." .. k, pred(c[k]), "bad value " .. show(c[k]))
        end
        for k in pairs(c) do
            check(what .. " has no stray key " .. tostring(k), COMPARE_KEYS[k] ~= nil)
        end
        eq(what .. ".lang", c.lang, lang)
        eq(what .. ".protocol", c.protocol, opts and opts.protocol or "smtp")
        local pa = (opts and opts.protocol) or "smtp"
        check_describe(what .. ".a", c.a, { code = sc.describe(a, { protocol = pa }).code, lang = lang })
        check_describe(what .. ".b", c.b, { code = sc.describe(b, { protocol = pa }).code, lang = lang })
        check(what .. ".a equals describe(a)",
              deep_equal(c.a, sc.describe(a, { protocol = pa, lang = lang })))
        check(what .. ".labels equal describe's", deep_equal(c.labels, c.a.labels))
        if same ~= nil then eq(what .. ".same_class", c.same_class, same) end
    end
    end)
end

------------------------------------------------------------------------------
-- parse and parse_many
------------------------------------------------------------------------------

local ABSENT = {} -- an expected value: the key must be absent

local REPLIES = {
    -- reply, expected fields (light: only what the header pins down)
    { "550-5.1.1 The email account that you tried to reach does not exist.\r\n" ..
      "550 5.1.1 Please try double-checking the recipient's address.",
      { code = 550, enhanced = "5.1.1", class = "5xx", permanent = true, nlines = 2 } },
    { "550-5.1.1 first line\n550 5.1.1 second line\n", { code = 550, nlines = 2 } },
    { "421 4.7.0 Try again later", { code = 421, enhanced = "4.7.0", class = "4xx",
                                     permanent = false, retryable = true, action = "retry" } },
    { "250 2.0.0 OK queued as 12345", { code = 250, class = "2xx", action = "none" } },
    { "250 OK", { code = 250, enhanced = ABSENT, class = "2xx", action = "none", nlines = 1 } },
    { "354 Start mail input; end with <CRLF>.<CRLF>", { code = 354, class = "3xx", action = "none" } },
    { "535 5.7.8 Authentication credentials invalid", { code = 535, enhanced = "5.7.8" } },
    { "smtp; 550 5.1.1 <nobody@example.com>: Recipient address rejected",
      { code = 550, enhanced = "5.1.1" } },
    { "host mx.example.com[192.0.2.1] said: 550 5.1.1 <x@example.com>: " ..
      "Recipient address rejected: User unknown (in reply to RCPT TO command)",
      { code = 550, enhanced = "5.1.1" } },
    { "550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org",
      { code = 550, enhanced = "5.7.1" } },
    { "554 spam detected", { code = 554 } },
    { "hello world", { code = ABSENT, enhanced = ABSENT } },
    { "550\r\n", { code = 550 } },
    { "\0\0\0", {} },
    { "550 \255\254 invalid utf-8 \0 and a NUL", { code = 550 } },
    { string.rep("x", 100000), { code = ABSENT } },
    { "550-" .. string.rep("a", 5000) .. "\n550 end", { code = 550 } },
}

for _, case in ipairs(REPLIES) do
    local reply, want = case[1], case[2]
    local what = "parse(" .. show(reply) .. ")"
    run(what, function()
    local n, r = call(sc.parse, reply)
    eq(what .. " returns one value", n, 1)
    check_parse(what, r[1])
    local v = r[1]
    if type(v) == "table" then
        for k, x in pairs(want) do
            if k == "nlines" then
                eq(what .. " #lines", #v.lines, x)
            elseif x == ABSENT then
                eq(what .. "." .. k .. " absent", v[k], nil)
            else
                eq(what .. "." .. k, v[k], x)
            end
        end
    end
    end)
end

run("parse: options and lines", function()
    local r = sc.parse("550 5.1.1 No such user", { lang = "fr", details = true })
    check_parse("parse(..., {lang=fr, details=true})", r, "fr", true)
    local light = sc.parse("550 5.1.1 No such user", { lang = "fr" })
    check_parse("parse(..., {lang=fr})", light, "fr")
    r.code_info, r.enhanced_info = nil, nil
    check("parse: details adds code_info and enhanced_info, nothing else", deep_equal(r, light))
    local fr = sc.parse("550 5.1.1 No such user", { lang = "fr-CA", details = true })
    eq("parse lang fr-CA: code_info.lang", fr and fr.code_info and fr.code_info.lang, "fr")
    local lines = sc.parse("550-a\r\n550-b\r\n550 c\r\n").lines
    check("parse: lines keep their codes, lose CR LF",
          #lines == 3 and lines[1]:find("^550%-") and lines[3]:find("^550 c$"), show(lines[3]))
end)

run("parse: every protocol", function()
    local cases = {
        { "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30", "http", 429, "rate_limited", 30 },
        { "rpc error: code = Unavailable desc = x", "grpc", 14, "service_unavailable" },
        { ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1", "dns", 3, "not_found" },
        { "websocket: close 1008 (policy violation)", "websocket", 1008, "policy_rejected" },
        { "SIP/2.0 486 Busy Here", "sip", 486, "busy" },
        { "227 Entering Passive Mode (192,0,2,1,4,1)", "ftp", 227, "delivered" },
    }
    for _, c in ipairs(cases) do
        local v = sc.parse(c[1])
        eq("parse(" .. c[1]:sub(1, 20) .. ").protocol", v.protocol, c[2])
        eq("parse(" .. c[1]:sub(1, 20) .. ").code", v.code, c[3])
        eq("parse(" .. c[1]:sub(1, 20) .. ").reason", v.reason, c[4])
        eq("parse(" .. c[1]:sub(1, 20) .. ").retry_after", v.retry_after, c[5])
    end
    local g = sc.parse("UNAVAILABLE: try later", { protocol = "grpc" })
    eq("parse with protocol grpc", g and g.code, 14)
    local none = sc.parse("hello world")
    check("hello world is no reply", none.no_reply == true and none.action == nil and none.code == nil)
    local fail = sc.parse("dial tcp 192.0.2.1:443: connect: connection refused")
    check("a failure with no status", fail.code == nil and fail.reason == "unreachable" and fail.action == "retry",
          show(fail.reason))
    local bad, msg = sc.parse("550 x", { protocol = "xmpp" })
    check("unknown protocol: nil and a message", bad == nil and msg:find("unknown protocol") ~= nil, show(msg))
    local log = sc.parse_log("HTTP/2 404\nhello\nrpc error: code = NotFound desc = x\n")
    check("parse_log: mixed protocols, no reply skipped",
          #log == 2 and log[1].protocol == "http" and log[2].protocol == "grpc", show(#log))
end)

-- parse_many agrees with parse, element by element.
run("parse_many", function()
    local list = {}
    for i, case in ipairs(REPLIES) do list[i] = case[1] end
    local n, r = call(sc.parse_many, list)
    eq("parse_many(list) returns one value", n, 1)
    local many = r[1]
    if check("parse_many(list) is an array", is_array(many) and #many == #list, show(r[2])) then
        for i, reply in ipairs(list) do
            local ok, where = deep_equal(many[i], sc.parse(reply))
            check("parse_many(list)[" .. i .. "] equals parse()", ok, where)
        end
    end
    eq("parse_many({}) is empty", #sc.parse_many({}), 0)
    local fr = sc.parse_many({ "550 5.1.1 x" }, { lang = "fr" })
    check("parse_many(list, {lang=fr})", deep_equal(fr[1], sc.parse("550 5.1.1 x", { lang = "fr" })))

    -- A log in one string: one verdict per reply, blank lines skipped.
    local log_lines = { "250 2.0.0 Ok: queued", "550 5.1.1 No such user", "421 4.7.0 Try again later" }
    local log = "\n" .. table.concat(log_lines, "\r\n") .. "\n\n"
    local from_log = sc.parse_many(log)
    if check("parse_many(log) is an array", is_array(from_log) and #from_log == #log_lines, show(from_log)) then
        for i, line in ipairs(log_lines) do
            local ok, where = deep_equal(from_log[i], sc.parse(line))
            check("parse_many(log)[" .. i .. "] equals parse(line)", ok, where)
        end
    end
    eq("parse_many(blank log) is empty", #sc.parse_many(" \n\r\n\t"), 0)
    eq("parse_many('') is empty", #sc.parse_many(""), 0)
end)

------------------------------------------------------------------------------
-- Errors
------------------------------------------------------------------------------

-- Misuse raises: {name, function, pattern of the message}.
local huge = string.rep("5", 1000000)
local raises = {
    { "describe()", function() return sc.describe() end, "#1.*integer or string expected, got no value" },
    { "describe(nil)", function() return sc.describe(nil) end, "#1.*integer or string expected, got nil" },
    { "describe(true)", function() return sc.describe(true) end, "#1.*got boolean" },
    { "describe({})", function() return sc.describe({}) end, "#1.*got table" },
    { "describe(print)", function() return sc.describe(print) end, "#1.*got function" },
    { "describe(535.5)", function() return sc.describe(535.5) end, "#1.*no integer representation" },
    { "describe(1e300)", function() return sc.describe(1e300) end, "#1.*no integer representation" },
    { "describe(math.huge)", function() return sc.describe(math.huge) end, "#1.*no integer representation" },
    { "describe(nan)", function() return sc.describe(0 / 0) end, "#1.*no integer representation" },
    { "describe(535, 5)", function() return sc.describe(535, 5) end, "#2.*table expected, got number" },
    { "describe(535, 'fr')", function() return sc.describe(535, "fr") end, "#2.*table expected, got string" },
    { "describe(535, {lang=1})", function() return sc.describe(535, { lang = 1 }) end, "#2.*'lang' must be a string" },
    { "describe(535, {lang=true})", function() return sc.describe(535, { lang = true }) end, "#2.*'lang'" },
    { "describe(535, {protocol={}})", function() return sc.describe(535, { protocol = {} }) end, "#2.*'protocol'" },
    { "describe(535, {lnag='fr'})", function() return sc.describe(535, { lnag = "fr" }) end, "#2.*unknown option 'lnag'" },
    { "describe(535, {'fr'})", function() return sc.describe(535, { "fr" }) end, "#2.*option keys must be strings" },
    { "describe(535, {['lang\\0x']='fr'})", function() return sc.describe(535, { ["lang\0x"] = "fr" }) end,
      "#2.*unknown option 'lang\\000x'%)$" },
    { "describe(535, {[long key]=1})", function() return sc.describe(535, { [huge] = 1 }) end,
      "#2.*unknown option '5+'%.%.%.%)$" },
    { "describe(nil, {protocol='x'})", function() return sc.describe(nil, { protocol = "x" }) end, "#1" },
    { "compare()", function() return sc.compare() end, "#1.*got no value" },
    { "compare(250)", function() return sc.compare(250) end, "#2.*got no value" },
    { "compare(250, {})", function() return sc.compare(250, {}) end, "#2.*got table" },
    { "compare(nil, 535)", function() return sc.compare(nil, 535) end, "#1.*got nil" },
    { "compare(250, 1.5)", function() return sc.compare(250, 1.5) end, "#2.*no integer representation" },
    { "compare(250, 535, 1)", function() return sc.compare(250, 535, 1) end, "#3.*table expected" },
    { "compare(250, 535, {lang=2})", function() return sc.compare(250, 535, { lang = 2 }) end, "#3.*'lang'" },
    { "compare('abc', 535, {x=1})", function() return sc.compare("abc", 535, { x = 1 }) end, "#3.*unknown option" },
    { "parse()", function() return sc.parse() end, "#1.*string expected, got no value" },
    { "parse(nil)", function() return sc.parse(nil) end, "#1.*string expected, got nil" },
    { "parse(550)", function() return sc.parse(550) end, "#1.*string expected, got number" },
    { "parse({})", function() return sc.parse({}) end, "#1.*string expected, got table" },
    { "parse('550 x', 1)", function() return sc.parse("550 x", 1) end, "#2.*table expected" },
    { "parse('550 x', {protocol_b='smtp'})", function() return sc.parse("550 x", { protocol_b = "smtp" }) end, "#2.*unknown option 'protocol_b'" },
    { "parse('550 x', {lang=false})", function() return sc.parse("550 x", { lang = false }) end, "#2.*'lang'" },
    { "parse_many()", function() return sc.parse_many() end, "#1.*table expected, got no value" },
    { "parse_many(5)", function() return sc.parse_many(5) end, "#1.*table expected, got number" },
    { "parse_many({'250 ok', 5})", function() return sc.parse_many({ "250 ok", 5 }) end, "#1.*string expected at index 2, got number" },
    { "parse_many({{}})", function() return sc.parse_many({ {} }) end, "#1.*index 1, got table" },
    { "parse_many({'', true})", function() return sc.parse_many({ "", true }) end, "#1.*index 2, got boolean" },
    { "parse_many({}, 5)", function() return sc.parse_many({}, 5) end, "#2.*table expected" },
    { "parse_many('x', {lang=1})", function() return sc.parse_many("x", { lang = 1 }) end, "#2.*'lang'" },
    { "codes(5)", function() return sc.codes(5) end, "#1.*table expected" },
    { "codes({protocol=1})", function() return sc.codes({ protocol = 1 }) end, "#1.*'protocol'" },
    { "codes({lang='en'})", function() return sc.codes({ lang = "en" }) end, "#1.*unknown option 'lang'" },
}
for _, case in ipairs(raises) do
    local name, f, pattern = case[1], case[2], case[3]
    local ok, err = pcall(f)
    if check(name .. " raises", not ok, "returned " .. show(err)) then
        check(name .. " raises an argument error",
              type(err) == "string" and err:find("bad argument") ~= nil and err:find(pattern) ~= nil,
              show(err) .. " does not match " .. show(pattern))
    end
end

-- Input a config may contain returns nil, message: {name, function, pattern}.
local soft = {
    { "describe('abc')", function() return sc.describe("abc") end, '"abc"' },
    { "describe('')", function() return sc.describe("") end, '""' },
    { "describe(99)", function() return sc.describe(99) end, "99" },
    { "describe(600)", function() return sc.describe(600) end, "600" },
    { "describe(0)", function() return sc.describe(0) end, "0" },
    { "describe(-535)", function() return sc.describe(-535) end, "%-535" },
    { "describe(99.0)", function() return sc.describe(99.0) end, "99" },
    { "describe(5350)", function() return sc.describe(5350) end, "5350" },
    { "describe(maxinteger)", function() return sc.describe(math.maxinteger) end, tostring(math.maxinteger) },
    { "describe(mininteger)", function() return sc.describe(math.mininteger) end, "%-%d+" },
    { "describe(2^40)", function() return sc.describe(1 << 40) end, tostring(1 << 40) },
    { "describe('5.x.1')", function() return sc.describe("5.x.1") end, '"5.x.1"' },
    { "describe('3.1.1')", function() return sc.describe("3.1.1") end, '"3.1.1"' },
    { "describe('5.7.8.9')", function() return sc.describe("5.7.8.9") end, "5.7.8.9" },
    { "describe('5.07.8')", function() return sc.describe("5.07.8") end, "5.07.8" },
    { "describe('5.1000.1')", function() return sc.describe("5.1000.1") end, "5.1000.1" },
    { "describe(full-width 535)", function() return sc.describe("５３５") end, "\\239" },
    { "describe(' 535')", function() return sc.describe(" 535") end, '" 535"' },
    { "describe('535 ')", function() return sc.describe("535 ") end, '"535 "' },
    { "describe('+535')", function() return sc.describe("+535") end, "%+535" },
    { "describe('535.0')", function() return sc.describe("535.0") end, "535.0" },
    { "describe('0x217')", function() return sc.describe("0x217") end, "0x217" },
    { "describe('535\\0')", function() return sc.describe("535\0") end, '"535\\000"' },
    { "describe(invalid utf-8)", function() return sc.describe("\255\254") end, "\\255\\254" },
    { "describe(huge string)", function() return sc.describe(huge) end, "%.%.%." },
    { "describe(535, {protocol='nope'})", function() return sc.describe(535, { protocol = "nope" }) end, "nope.*smtp" },
    { "describe(535, {protocol=''})", function() return sc.describe(535, { protocol = "" }) end, "smtp" },
    { "describe(535, {protocol='smtp\\0'})", function() return sc.describe(535, { protocol = "smtp\0" }) end, "smtp" },
    { "describe(535, {lang='xx'})", function() return sc.describe(535, { lang = "xx" }) end, "xx.*en" },
    { "describe('abc', {lang='xx'})", function() return sc.describe("abc", { lang = "xx" }) end, "xx" },
    { "compare('abc', 535)", function() return sc.compare("abc", 535) end, '"abc"' },
    { "compare(250, 99)", function() return sc.compare(250, 99) end, "99" },
    { "compare(250, 535, {lang='zz'})", function() return sc.compare(250, 535, { lang = "zz" }) end, "zz.*en" },
    { "compare(250, 535, {protocol='x'})", function() return sc.compare(250, 535, { protocol = "x" }) end, "smtp" },
    { "parse('')", function() return sc.parse("") end, "^empty reply$" },
    { "parse(white space)", function() return sc.parse(" \t\r\n \r\n") end, "^empty reply$" },
    { "parse('x', {lang='zz'})", function() return sc.parse("550 x", { lang = "zz" }) end, "zz" },
    { "parse_many({'250 ok', ''})", function() return sc.parse_many({ "250 ok", "" }) end, "^empty reply at index 2$" },
    { "parse_many({'250 ok', ' \\r\\n'})", function() return sc.parse_many({ "250 ok", " \r\n" }) end, "^empty reply at index 2$" },
    { "parse_many({'x'}, {lang='zz'})", function() return sc.parse_many({ "x" }, { lang = "zz" }) end, "zz" },
    { "codes({protocol='nope'})", function() return sc.codes({ protocol = "nope" }) end, "nope.*smtp" },
}
if HAS_HTTP then
    soft[#soft + 1] = { "describe('5.7.8', {protocol='http'})",
                        function() return sc.describe("5.7.8", { protocol = "http" }) end, "http" }
end
for _, case in ipairs(soft) do
    local name, f, pattern = case[1], case[2], case[3]
    local ok, n, r = pcall(call, f)
    if check(name .. " does not raise", ok, show(n)) then run(name, function()
        eq(name .. " returns two values", n, 2)
        eq(name .. " returns nil first", r[1], nil)
        check(name .. " returns a message", type(r[2]) == "string" and #r[2] > 0 and #r[2] < 400,
              show(r[2]))
        check(name .. " message matches", type(r[2]) == "string" and r[2]:find(pattern) ~= nil,
              show(r[2]) .. " does not match " .. show(pattern))
    end) end
end

------------------------------------------------------------------------------
-- Random input: never a crash or a raise, always a table or nil and a message
------------------------------------------------------------------------------

run("random input", function()
    math.randomseed(20240601)
    local alphabet = { "0", "1", "2", "4", "5", "5", "9", ".", ".", " ", "-", "\r", "\n",
                       "\0", "\255", "x", ";", ":", "smtp; ", "said: ", "５", "é" }
    local function random_string()
        local parts = {}
        for i = 1, math.random(0, 24) do parts[i] = alphabet[math.random(#alphabet)] end
        return table.concat(parts)
    end
    local function answer_ok(ok, a, b)
        return ok and (type(a) == "table" or (a == nil and type(b) == "string"))
    end
    local bad = {}
    for _ = 1, 3000 do
        local s, t = random_string(), random_string()
        local cases = {
            { "describe", pcall(sc.describe, s) },
            { "describe fr", pcall(sc.describe, s, { lang = "fr" }) },
            { "compare", pcall(sc.compare, s, t) },
            { "parse", pcall(sc.parse, s .. "\n" .. t) },
            { "parse_many", pcall(sc.parse_many, { s .. "x", t .. "y" }) },
            { "parse_many log", pcall(sc.parse_many, s .. "\n" .. t) },
        }
        for _, c in ipairs(cases) do
            if not answer_ok(c[2], c[3], c[4]) and not bad[c[1]] then
                bad[c[1]] = show(s) .. " / " .. show(t) .. ": " .. show(c[3])
            end
        end
    end
    for _, name in ipairs { "describe", "describe fr", "compare", "parse", "parse_many", "parse_many log" } do
        check("random input to " .. name, bad[name] == nil, bad[name])
    end
end)

------------------------------------------------------------------------------
-- Stack and memory discipline: many calls, memory stays flat
------------------------------------------------------------------------------

local N = tonumber(os.getenv("SC_TEST_ITERATIONS")) or 100000
local loops = {
    { "describe", function() return sc.describe(535) end, 1 },
    { "describe enhanced", function() return sc.describe("5.7.8", { lang = "fr" }) end, 1 },
    { "describe soft error", function() return sc.describe("abc") end, 2 },
    { "describe bad lang", function() return sc.describe(535, { lang = "zz" }) end, 2 },
    { "describe raising", function() return pcall(sc.describe, nil) end, 2 },
    { "describe bad option", function() return pcall(sc.describe, 535, { lang = 1 }) end, 2 },
    { "compare", function() return sc.compare(250, 535, { lang = "es" }) end, 1 },
    { "compare soft error", function() return sc.compare(250, "x") end, 2 },
    { "parse", function() return sc.parse("550-5.1.1 No such\r\n550 5.1.1 user here") end, 1 },
    { "parse long", function() return sc.parse("550 " .. string.rep("y", 2000)) end, 1 },
    { "parse empty", function() return sc.parse("  ") end, 2 },
    { "parse_many", function() return sc.parse_many({ "250 ok", "421 4.7.0 later" }) end, 1 },
    { "parse_many log", function() return sc.parse_many("250 ok\n421 4.7.0 later\n") end, 1 },
    { "parse_many empty", function() return sc.parse_many({ "250 ok", "" }) end, 2 },
    { "parse_many raising", function() return pcall(sc.parse_many, { 1 }) end, 2 },
    { "codes", function() return sc.codes() end, 1 },
    { "protocols", function() return sc.protocols() end, 1 },
    { "languages", function() return sc.languages() end, 1 },
}
for _, case in ipairs(loops) do
    local name, f, nresults = case[1], case[2], case[3]
    run(name .. " x" .. N, function()
    for _ = 1, 100 do f() end -- warm up: interned strings, caches
    collectgarbage("collect")
    collectgarbage("collect")
    local before = collectgarbage("count")
    local ok, bad = true, nil
    for i = 1, N do
        local n = select("#", f())
        if n ~= nresults then ok, bad = false, ("call %d gave %d results"):format(i, n) break end
    end
    check(name .. " x" .. N .. ": same number of results every call", ok, bad)
    collectgarbage("collect")
    collectgarbage("collect")
    local after = collectgarbage("count")
    check(name .. " x" .. N .. ": memory stays flat", after - before < 64,
          ("%.1f KB before, %.1f KB after"):format(before, after))
    end)
end

-- Two comparison pages as public status-code sites render them (235 vs 250
-- in French, 250 vs 535 in Spanish): every section, its heading in the
-- reader's language.
for _, page in ipairs({
    { 235, 250, "fr", true, { description = "Description", when = "Quand vous le voyez",
      fix = "Comment résoudre", differences = "Différences clés",
      when_to_use = "Quand utiliser lequel" } },
    { 250, 535, "es", false, { description = "Descripción", when = "Cuándo aparece",
      fix = "Cómo solucionarlo", differences = "Diferencias clave",
      when_to_use = "Cuándo usar cada uno", learn_more = "Saber más" } },
}) do
    local a, b, lang, same, headings = table.unpack(page)
    local what = ("reference page %d vs %d (%s)"):format(a, b, lang)
    local c = sc.compare(a, b, { lang = lang })
    eq(what .. ": same_class", c.same_class, same)
    for key, heading in pairs(headings) do
        eq(what .. ": heading " .. key, c.labels[key], heading)
    end
    check(what .. ": title names both", c.title:find(tostring(a), 1, true) ~= nil
          and c.title:find(tostring(b), 1, true) ~= nil, c.title)
    for _, d in ipairs({ c.a, c.b }) do
        for _, key in ipairs({ "description", "when", "fix" }) do
            check(what .. ": " .. d.code .. " has " .. key, #d[key] > 20, d[key])
        end
    end
    -- What differs, then at most one thing the two share.
    check(what .. ": differences", #c.differences >= 2)
    check(what .. ": when each applies", #c.when_to_use == 2)
    check(what .. ": learn more", #c.learn_more >= 1)
end

-- lookup, search, and codes of two protocols.
run("lookup and search", function()
    local found = sc.lookup(421)
    local names = {}
    for i, d in ipairs(found) do
        check_describe("lookup(421)[" .. i .. "]", d)
        names[i] = d.protocol
    end
    eq("lookup(421) protocols", table.concat(names, " "), "smtp http ftp sip")
    eq("lookup('EDE 18')", sc.lookup("EDE 18")[1].code, "EDE 18")
    eq("lookup of nothing", #sc.lookup("nonsense"), 0)
    eq("lookup(18) is DNS's RCODE", sc.lookup(18)[1].mnemonic, "BADTIME")
    local hits = sc.search("too many requests", { protocol = "http" })
    local has429 = false
    for _, d in ipairs(hits) do
        check("search hit is http", d.protocol == "http", d.protocol)
        has429 = has429 or d.code == 429
    end
    check("search finds HTTP 429", has429)
    eq("search of blanks", #sc.search("   "), 0)
    local r, err = sc.search("x", { protocol = "gopher" })
    check("search: unknown protocol", r == nil and err:find("unknown protocol", 1, true) ~= nil, err)
    check("lookup of a bad type raises", not pcall(sc.lookup, {}))
    check("search of a bad type raises", not pcall(sc.search, {}))
end)

run("compare across protocols", function()
    local c = assert(sc.compare(421, 503, { protocol = "smtp", protocol_b = "http" }))
    eq("cross: same_class", c.same_class, false)
    check("cross: title", c.title:find("SMTP 421", 1, true) and c.title:find("HTTP 503", 1, true), c.title)
    check("cross: linked", c.differences[1]:find("nearly the same", 1, true) ~= nil, c.differences[1])
    eq("cross: a's protocol", c.a.protocol, "smtp")
    eq("cross: b's protocol", c.b.protocol, "http")
    c = assert(sc.compare(429, 429, { protocol = "http", protocol_b = "sip", lang = "es" }))
    eq("cross: b is SIP 429", c.b.protocol, "sip")
    local r, err = sc.compare(421, 503, { protocol_b = "gopher" })
    check("cross: unknown protocol_b", r == nil and err:find("unknown protocol", 1, true) ~= nil, err)
    r, err = sc.compare(421, 600, { protocol_b = "http" })
    check("cross: b outside its protocol", r == nil and err:find("http code", 1, true) ~= nil, err)
    check("cross: protocol_b must be a string", not pcall(sc.compare, 421, 503, { protocol_b = 1 }))
end)

run("reasons, actions, parse_log", function()
    local reasons = sc.reasons()
    eq("reasons: the last is unknown", reasons[#reasons].name, "unknown")
    for _, r in ipairs(reasons) do
        check("reason " .. r.name, REASONS[r.name] and #r.summary > 0 and #r.example > 0
              and ACTIONS[r.actions[1]] and ACTIONS[r.actions[2]], show(r))
        eq("reason " .. r.name .. ": its example", sc.parse(r.example).reason, r.name)
    end
    -- Summaries and why in every language: the verdict itself does not change.
    local reply = "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown"
    local en_why = sc.parse(reply).why
    for lang in pairs(sc.languages()) do
        local tr = sc.reasons({ lang = lang })
        eq("reasons({lang=" .. lang .. "}) count", #tr, #reasons)
        for i, r in ipairs(tr) do
            check("reason " .. r.name .. " in " .. lang, r.name == reasons[i].name and #r.summary > 0
                  and (lang == "en") == (r.summary == reasons[i].summary), show(r.summary))
        end
        local v = sc.parse(reply, { lang = lang })
        check("why in " .. lang, v.why:find("5.1.1", 1, true) ~= nil
              and (lang == "en") == (v.why == en_why) and not v.why:find("{", 1, true), v.why)
        eq("reason in " .. lang, v.reason, "user_unknown")
    end
    local none, rerr = sc.reasons({ lang = "tlh" })
    check("reasons: unknown language", none == nil and rerr:find("unknown language", 1, true) ~= nil, rerr)
    local actions = sc.actions()
    for a in pairs(ACTIONS) do check("action " .. a, type(actions[a]) == "string", show(actions[a])) end
    eq("actions(): suppress", actions.suppress, "Stop sending to this address.")
    local words = sc.words()
    eq("words(): retry_after", words.retry_after, "retry after")
    eq("words(): to_suppress", words.to_suppress, "recipients to suppress: {count}")
    for lang in pairs(sc.languages()) do
        local w, a = sc.words({ lang = lang }), sc.actions({ lang = lang })
        for k, en in pairs(words) do
            check("word " .. k .. " in " .. lang, type(w[k]) == "string" and #w[k] > 0
                  and select(2, w[k]:gsub("{", "")) == select(2, en:gsub("{", "")), show(w[k]))
        end
        for k in pairs(w) do check("word " .. k .. " is English's", words[k] ~= nil) end
        for k, en in pairs(actions) do
            check("action " .. k .. " in " .. lang, (lang == "en") == (a[k] == en), show(a[k]))
        end
    end
    eq("words({lang='de-AT'})", sc.words({ lang = "de-AT" }).why, sc.words({ lang = "de" }).why)
    local nw, werr = sc.words({ lang = "tlh" })
    check("words: unknown language", nw == nil and werr:find("unknown language", 1, true) ~= nil, werr)
    local na, aerr = sc.actions({ lang = "zh-TW" })
    check("actions: Traditional Chinese refused", na == nil and type(aerr) == "string", aerr)
    local log = "550 5.1.1 no such user\n\n421 4.7.0 try again later\n"
    eq("parse_log count", #sc.parse_log(log), 2)
    eq("parse_log = parse_many(text)", sc.parse_log(log)[2].code, sc.parse_many(log)[2].code)
    check("parse_log of a table raises", not pcall(sc.parse_log, {"550 x"}))
end)

-- The LuaLS annotations name every function and every describe key.
run("LuaLS annotations", function()
    local src = os.getenv("SC_SOURCE_DIR")
    if not src then return end
    local f = assert(io.open(src .. "/bindings/lua/statuscodes.meta.lua"))
    local meta = f:read("a")
    f:close()
    local names = {}
    for name in meta:gmatch("\nfunction sc%.([%w_]+)%(") do names[name] = true end
    for k, v in pairs(sc) do
        if type(v) == "function" then check("meta has sc." .. k, names[k]) end
    end
    for k in pairs(names) do check("module has sc." .. k, type(sc[k]) == "function") end
    local fields = {}
    for class, body in meta:gmatch("%-%-%-@class statuscodes%.(%w+)\n(.-)\n\n") do
        fields[class] = {}
        for field in body:gmatch("%-%-%-@field ([%w_]+)") do fields[class][field] = true end
    end
    for k in pairs(sc.describe(535)) do check("meta: Description." .. k, fields.Description[k]) end
    for k in pairs(sc.describe(404, { protocol = "http" })) do
        check("meta: Description." .. k, fields.Description[k])
    end
    for k in pairs(sc.compare(250, 535)) do check("meta: Comparison." .. k, fields.Comparison[k]) end
    for k in pairs(sc.parse("550 5.1.1 no such user")) do check("meta: Verdict." .. k, fields.Verdict[k]) end
end)

------------------------------------------------------------------------------
-- parse_stream, and parse_many against a finalizer that changes the table
------------------------------------------------------------------------------

local STREAM_LOG = {
    "Dec  1 10:00:00 mx postfix/qmgr[1]: 4F2A: removed",
    "550 5.1.1 <a@example.com>: Recipient address rejected",
    "",
    "550-5.7.1 The user or domain that you are sending to",
    "550-5.7.1 has a policy that prohibited the mail",
    "550 5.7.1 that you sent.",
    "hello world",
    "HTTP/1.1 503 Service Unavailable",
    "Retry-After: 120",
    "Content-Type: text/html",
    "421 4.7.0 Try again later",
    "250 2.0.0 OK queued as 12345",
}

run("parse_stream", function()
    local want = sc.parse_log(table.concat(STREAM_LOG, "\n") .. "\n")
    eq("parse_log of the stream log", #want, 5)
    local fed, i = 0, 0
    local it = sc.parse_stream(function()
        i = i + 1
        fed = i
        return STREAM_LOG[i]
    end)
    local got = {}
    local v = it()
    got[#got + 1] = v
    eq("parse_stream: a one-line reply at once", fed, 2)
    v = it()
    got[#got + 1] = v
    eq("parse_stream: a multi-line reply at its last line", fed, 6)
    eq("parse_stream: its lines", v and #v.lines, 3)
    v = it()
    got[#got + 1] = v
    eq("parse_stream: headers when the next line starts a reply", fed, 11)
    eq("parse_stream: retry_after from the headers", v and v.retry_after, 120)
    for x in it do got[#got + 1] = x end
    check("parse_stream agrees with parse_log", deep_equal(got, want))
    eq("parse_stream: nil after the end", it(), nil)
    -- A file, and io.lines
    local path = os.tmpname()
    local f = assert(io.open(path, "w"))
    f:write(table.concat(STREAM_LOG, "\n"))
    f:close()
    f = assert(io.open(path))
    got = {}
    for x in sc.parse_stream(f) do got[#got + 1] = x end
    f:close()
    check("parse_stream(file) agrees with parse_log", deep_equal(got, want))
    got = {}
    for x in sc.parse_stream(io.lines(path, "L"), { details = true }) do got[#got + 1] = x end
    os.remove(path)
    check("parse_stream(io.lines, {details=true})", #got == 5 and got[1].code_info ~= nil)
    got = {}
    for x in sc.parse_stream(function() return nil end) do got[#got + 1] = x end
    eq("parse_stream of nothing", #got, 0)
    local j = 0
    local open = { "550-a", "550-b" }
    got = {}
    for x in sc.parse_stream(function() j = j + 1; return open[j] end) do got[#got + 1] = x end
    eq("parse_stream: a reply still open at the end", got[1] and #got[1].lines, 2)
    local n, r = call(sc.parse_stream, function() end, { protocol = "nope" })
    check("parse_stream: unknown protocol", n == 2 and r[1] == nil and r[2]:find("unknown protocol"), show(r[2]))
    check("parse_stream(5) raises", not pcall(sc.parse_stream, 5))
    local k = 0
    local bad = sc.parse_stream(function() k = k + 1; return k == 1 and "550 x" or 5 end)
    check("parse_stream: first verdict", bad().code == 550)
    check("parse_stream: a line of another type raises", not pcall(bad))
end)

-- Found by an outside attack: parse_many measured the replies in one pass
-- and read them again in another; a __gc that changed the table in between
-- made a valid reply fail ("buffer too small") or parsed another one.
run("parse_many reads each element once", function()
    local long = "550 5.1.1 " .. string.rep("x", 5000)
    for round = 1, 20 do
        local t = {}
        for i = 1, 50 do t[i] = "250 ok" end
        t[51] = "550 5.1.1 short"
        setmetatable({}, { __gc = function() t[51] = long end })
        collectgarbage()
        local r, err = sc.parse_many(t)
        if not check("parse_many with a __gc changing the table (round " .. round .. ")", r ~= nil, err) then
            break
        end
        check("parse_many: the element as read",
              r[51].lines[1] == long or r[51].lines[1] == "550 5.1.1 short", show(r[51].lines[1]))
    end
    -- The finalizer runs in the middle of the call: a replaced element is
    -- parsed as it is when read, and every verdict matches its reply.
    local t = {}
    for i = 1, 2000 do t[i] = "250 ok " .. i end
    collectgarbage("incremental", 10, 400) -- cycles within the call
    local armed = true
    local function arm()
        setmetatable({}, { __gc = function()
            if armed then
                t[2000] = long
                arm()
            end
        end })
    end
    arm()
    local r, err = sc.parse_many(t)
    armed = false
    collectgarbage("incremental", 200, 100) -- Lua's defaults
    if check("parse_many under finalizers returns", r ~= nil, err) then
        local ok = true
        for i = 1, 2000 do
            local line = r[i].lines[1]
            ok = ok and (line == "250 ok " .. i or (i == 2000 and line == long))
        end
        check("parse_many: every verdict is of its reply", ok)
    end
end)

t.finish()
