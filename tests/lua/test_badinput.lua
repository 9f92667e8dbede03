#!/usr/bin/env lua5.4
--[[
test_badinput.lua — the bad-input matrix of the Lua binding.

    LUA_CPATH='build/lua/?.so' lua5.4 tests/lua/test_badinput.lua

Every function, every argument position and every option, against every kind
of hostile value: nil, booleans, NaN and infinities, floats with no integer
value, the extreme integers, empty and white-space strings, NUL bytes,
invalid UTF-8, non-ASCII digits, megabyte strings, tables, functions,
coroutines and userdata where a string or a table belongs, option tables
with odd keys, values and metatables. Each gets what the binding documents:
a Lua error of the argerror kind (`bad argument #n to ...`) for a wrong type,
`nil, message` for malformed or unknown input, or a correct answer; never a
crash, never another kind of error, never a message as long as the input.
parse of a 10 MB reply returns promptly (linear time).

Table-driven; prints every failure, then "N passed, N failed", and exits
non-zero when anything failed. SC_TIME_FACTOR multiplies the time bound
(sanitizer builds); SC_VALGRIND=1 shrinks the big inputs and drops it.
--]]

local sc = require("statuscodes")

package.path = (arg[0]:match("^(.*)[/\\]") or ".") .. "/?.lua;" .. package.path
local t = require("harness")
local show, check = t.show, t.check
local VALGRIND = os.getenv("SC_VALGRIND") ~= nil
local TIME_FACTOR = tonumber(os.getenv("SC_TIME_FACTOR") or "1") or 1
local MB = 1024 * 1024
local BIG = (VALGRIND and 1 or 10) * MB
local MAX_MESSAGE = 400

------------------------------------------------------------------------------
-- The values
------------------------------------------------------------------------------

-- {name, value}. A table, not a list of values: nil must have a place.
local NOT_CODES = {    -- not a string, not a number: raise "integer or string"
    { "nil", nil }, { "true", true }, { "false", false }, { "{}", {} },
    { "{535}", { 535 } }, { "print", print },
    { "coroutine", coroutine.create(print) }, { "io.stdout", io.stdout },
}
local NOT_INTEGRAL = { -- a number with no integer value: raise
    { "nan", 0 / 0 }, { "-nan", -(0 / 0) }, { "inf", math.huge },
    { "-inf", -math.huge }, { "535.5", 535.5 }, { "1e300", 1e300 },
    { "-1e300", -1e300 }, { "2^63", 2.0 ^ 63 }, { "tiny", 5e-324 },
}
local BAD_INTEGERS = { -- integers that are no code: nil, message
    { "0", 0 }, { "-1", -1 }, { "-535", -535 }, { "99", 99 }, { "600", 600 },
    { "1000", 1000 }, { "maxinteger", math.maxinteger },
    { "mininteger", math.mininteger }, { "2^31", 1 << 31 },
    { "2^32+535", (1 << 32) + 535 }, { "-0.0", -0.0 }, { "99.0", 99.0 },
}
local BAD_CODE_STRINGS = { -- strings that are no code: nil, message
    { "empty", "" }, { "space", " " }, { "tab", "\t" }, { "newline", "\n" },
    { "NUL", "\0" }, { "535 NUL", "535\0" }, { "NUL 535", "\0535" },
    { "5 NUL 35", "5\0" .. "35" }, { "5.7.8 NUL", "5.7.8\0" },
    { "leading space", " 535" }, { "trailing space", "535 " },
    { "sign", "+535" }, { "minus", "-535" }, { "float text", "535.0" },
    { "hex", "0x217" }, { "exponent", "1e3" }, { "leading zero", "0535" },
    { "5.x.1", "5.x.1" }, { "5.7.8.9", "5.7.8.9" }, { "5..8", "5..8" },
    { "5.07.8", "5.07.8" }, { "5.7.1000", "5.7.1000" }, { "3.1.1", "3.1.1" },
    { "invalid utf-8", "\255\254\253" }, { "overlong", "\192\175" },
    { "utf-8 surrogate", "\237\160\128" },
    { "fullwidth 535", "５３５" }, { "arabic-indic 535", "٥٣٥" },
    { "devanagari 535", "५३५" }, { "fullwidth 5.7.8", "５.７.８" },
    { "BOM 535", "\239\187\191" .. "535" }, { "nbsp 535", "\194\160" .. "535" },
    { "megabyte of 5", string.rep("5", MB) }, { "megabyte of x", string.rep("x", MB) },
}
local BAD_NAMES = { -- option values that name nothing: nil, message
    { "empty", "" }, { "space", " " }, { "NUL", "\0" }, { "trailing NUL", "fr\0" },
    { "trailing space", "fr " }, { "dash", "-" }, { "fr-", "fr-" }, { "-fr", "-fr" },
    { "invalid utf-8", "\255" }, { "fullwidth", "ｆｒ" }, { "unknown", "xx" },
    { "megabyte", string.rep("x", MB) },
}
local NOT_STRINGS = {  -- where a string belongs: raise
    { "true", true }, { "false", false }, { "number", 5 }, { "float", 1.5 },
    { "nan", 0 / 0 }, { "{}", {} }, { "print", print },
    { "coroutine", coroutine.create(print) }, { "io.stdout", io.stdout },
}
local NOT_TABLES = {   -- where an options table belongs: raise
    { "true", true }, { "false", false }, { "number", 5 }, { "nan", 0 / 0 },
    { "string", "fr" }, { "print", print }, { "io.stdout", io.stdout },
    { "coroutine", coroutine.create(print) },
}

------------------------------------------------------------------------------
-- Checkers
------------------------------------------------------------------------------

-- f raises an argument error for argument #arg matching `pattern`.
local function raises(what, arg, pattern, f, ...)
    local ok, err = pcall(f, ...)
    if not check(what .. " raises", not ok, "returned " .. show(err)) then return end
    check(what .. " raises an argument error",
          type(err) == "string" and err:find("bad argument #" .. arg, 1, true) ~= nil
          and (pattern == nil or err:find(pattern) ~= nil),
          show(err) .. " does not match " .. show(pattern))
    check(what .. " message is short", type(err) == "string" and #err < MAX_MESSAGE, show(err))
end

-- f returns exactly nil and a short message (matching `pattern`).
local function soft(what, pattern, f, ...)
    local r = table.pack(pcall(f, ...))
    if not check(what .. " does not raise", r[1], show(r[2])) then return end
    check(what .. " returns nil, message",
          r.n == 3 and r[2] == nil and type(r[3]) == "string",
          ("%d values: %s, %s"):format(r.n - 1, show(r[2]), show(r[3])))
    if type(r[3]) == "string" then
        check(what .. " message is short", #r[3] < MAX_MESSAGE, show(r[3]))
        if pattern then
            check(what .. " message matches", r[3]:find(pattern) ~= nil,
                  show(r[3]) .. " does not match " .. show(pattern))
        end
    end
end

-- f returns one table for which pred holds.
local function answers(what, pred, f, ...)
    local r = table.pack(pcall(f, ...))
    if not check(what .. " does not raise", r[1], show(r[2])) then return end
    check(what .. " returns one table", r.n == 2 and type(r[2]) == "table",
          ("%d values: %s, %s"):format(r.n - 1, show(r[2]), show(r[3])))
    if type(r[2]) == "table" and pred then
        local ok, why = pred(r[2])
        check(what .. " answer is right", ok, why)
    end
end

local function is_verdict(v)
    -- Text that holds no reply gets no action; every other verdict has one.
    if type(v.reason) ~= "string" or (type(v.action) ~= "string") ~= (v.no_reply == true) or
       type(v.why) ~= "string" or type(v.text) ~= "string" or type(v.lines) ~= "table" then
        return false, "verdict keys missing"
    end
    return true
end

local function is_description(d)
    if type(d.name) ~= "string" or d.code == nil or type(d.labels) ~= "table" then
        return false, "describe keys missing"
    end
    return true
end

------------------------------------------------------------------------------
-- Codes: describe(code), compare(a, _), compare(_, b)
------------------------------------------------------------------------------

local code_calls = {
    { "describe(%s)", 1, function(c) return sc.describe(c) end },
    { "describe(%s, {lang='fr'})", 1, function(c) return sc.describe(c, { lang = "fr" }) end },
    { "compare(%s, 535)", 1, function(c) return sc.compare(c, 535) end },
    { "compare(250, %s)", 2, function(c) return sc.compare(250, c) end },
    { "compare('5.7.8', %s, {lang='de'})", 2, function(c) return sc.compare("5.7.8", c, { lang = "de" }) end },
}

for _, call in ipairs(code_calls) do
    local fmt, arg, f = call[1], call[2], call[3]
    for _, v in ipairs(NOT_CODES) do
        raises(fmt:format(v[1]), arg, "integer or string expected", f, v[2])
    end
    for _, v in ipairs(NOT_INTEGRAL) do
        raises(fmt:format(v[1]), arg, "no integer representation", f, v[2])
    end
    for _, v in ipairs(BAD_INTEGERS) do
        soft(fmt:format(v[1]), "not well%-formed", f, v[2])
    end
    for _, v in ipairs(BAD_CODE_STRINGS) do
        soft(fmt:format(v[1]), "not well%-formed", f, v[2])
    end
    for _, c in ipairs { 200, 599, 535.0, "200", "599", "2.0.0", "5.999.999" } do
        answers(fmt:format(show(c)), nil, f, c)
    end
end

-- A code that is not a code quotes the input, cut short and printable.
do
    local _, msg = sc.describe("5\0" .. string.rep("x", 100))
    check("quoted code: NUL shown as \\000", msg ~= nil and msg:find("\\000", 1, true) ~= nil, show(msg))
    check("quoted code: cut short", msg ~= nil and msg:find("...", 1, true) ~= nil, show(msg))
end

------------------------------------------------------------------------------
-- Options: every function that takes a table
------------------------------------------------------------------------------

local opt_calls = {
    -- {name, position, function(opts), accepts protocol, accepts lang}
    { "describe(535, %s)", 2, function(o) return sc.describe(535, o) end, true, true },
    { "compare(250, 535, %s)", 3, function(o) return sc.compare(250, 535, o) end, true, true },
    { "parse('550 5.1.1 x', %s)", 2, function(o) return sc.parse("550 5.1.1 x", o) end, true, true },
    { "parse_many({'550 x'}, %s)", 2, function(o) return sc.parse_many({ "550 x" }, o) end, true, true },
    { "parse_many('550 x', %s)", 2, function(o) return sc.parse_many("550 x", o) end, true, true },
    { "codes(%s)", 1, function(o) return sc.codes(o) end, true, false },
}

for _, call in ipairs(opt_calls) do
    local fmt, arg, f, has_protocol, has_lang = call[1], call[2], call[3], call[4], call[5]
    for _, v in ipairs(NOT_TABLES) do
        raises(fmt:format(v[1]), arg, "table expected", f, v[2])
    end
    answers(fmt:format("nil"), nil, f, nil)
    answers(fmt:format("{}"), nil, f, {})
    -- Keys: only strings, only the known ones; read raw.
    raises(fmt:format("{'fr'}"), arg, "option keys must be strings", f, { "fr" })
    raises(fmt:format("{[true]=1}"), arg, "option keys must be strings", f, { [true] = 1 })
    raises(fmt:format("{[1.5]='x'}"), arg, "option keys must be strings", f, { [1.5] = "x" })
    raises(fmt:format("{language='fr'}"), arg, "unknown option 'language'", f, { language = "fr" })
    raises(fmt:format("{['lang\\0x']='fr'}"), arg, "unknown option 'lang\\000x'", f, { ["lang\0x"] = "fr" })
    raises(fmt:format("{[megabyte]=1}"), arg, "unknown option", f, { [string.rep("k", MB)] = 1 })
    answers(fmt:format("metatable __index"), nil, f,
            setmetatable({}, { __index = function() return "xx" end }))
    answers(fmt:format("metatable __pairs"), nil, f,
            setmetatable({}, { __pairs = function() error("never called") end }))
    for _, name in ipairs { "protocol", "lang" } do
        local accepted = (name == "protocol" and has_protocol) or (name == "lang" and has_lang)
        if not accepted then
            raises(fmt:format("{" .. name .. "='x'}"), arg, "unknown option '" .. name .. "'", f, { [name] = "x" })
        else
            for _, v in ipairs(NOT_STRINGS) do
                raises(fmt:format("{" .. name .. "=" .. v[1] .. "}"), arg,
                       "option '" .. name .. "' must be a string", f, { [name] = v[2] })
            end
            for _, v in ipairs(BAD_NAMES) do
                soft(fmt:format("{" .. name .. "=" .. v[1] .. "}"),
                     "unknown " .. (name == "lang" and "language" or "protocol") .. ".*valid:",
                     f, { [name] = v[2] })
            end
        end
    end
    if has_lang then
        for _, lang in ipairs { "en", "FR", "fr-CA", "pt_BR", "zh-Hans-CN" } do
            answers(fmt:format("{lang='" .. lang .. "'}"), nil, f, { lang = lang })
        end
    end
    if has_protocol then
        answers(fmt:format("{protocol='SMTP'}"), nil, f, { protocol = "SMTP" })
    end
end

------------------------------------------------------------------------------
-- Replies: parse(reply), parse_many(list), parse_many(log)
------------------------------------------------------------------------------

for _, v in ipairs(NOT_STRINGS) do
    raises("parse(" .. v[1] .. ")", 1, "string expected", sc.parse, v[2])
end
raises("parse(nil)", 1, "string expected", sc.parse, nil)
for _, v in ipairs { { "nil", nil }, { "true", true }, { "number", 5 }, { "print", print },
                     { "io.stdout", io.stdout }, { "nan", 0 / 0 } } do
    raises("parse_many(" .. v[1] .. ")", 1, "table expected", sc.parse_many, v[2])
end
for _, v in ipairs(NOT_STRINGS) do
    raises("parse_many({'250 ok', " .. v[1] .. "})", 1, "string expected at index 2",
           sc.parse_many, { "250 ok", v[2] })
end

local EMPTY = { "", " ", "\t", "\r\n", "\n\n\n", " \t\r\n\v\f " }
for _, e in ipairs(EMPTY) do
    soft("parse(" .. show(e) .. ")", "^empty reply$", sc.parse, e)
    soft("parse_many({'250 ok', " .. show(e) .. "})", "^empty reply at index 2$",
         sc.parse_many, { "250 ok", e })
    answers("parse_many(" .. show(e) .. ")", function(t) return #t == 0, #t .. " replies" end,
            sc.parse_many, e)
end

local ODD = {
    "\0", "550\0", "550 5.1.1 a\0b", "\0" .. "550 5.1.1 x", string.rep("\0", 100),
    "\255", "\255\254\253", "550 5.1.1 \195\40 bad utf-8", "\192\175", "\237\160\128",
    "550 \244\144\128\128 too big", string.rep("\128", 1000),
    "５５０ 5.1.1 user unknown", "٥٥٠ no ASCII digits", "550 ５.１.１ x",
    "\226\128\168" .. "550 x", "\239\187\191" .. "550 5.1.1 x",
    "550", "5", "5.", "550-", "550 -", "-550", "550-\n", "550-\r\n550",
    "5.1.1", "5.1.1.", "999 x", "550 9.9.9 x", "550 5.1000.1 x",
    "smtp;", "smtp; ", ";550", "said:", "said: 550", "(in reply to  command)",
    "\r\r\r550 x\r", "550 x\r\n\r\n\r\n", "\n550 x", "550 x\n\n\n550 y",
    string.rep("x", 100000), "550 " .. string.rep("y", 100000), string.rep("550-", 10000),
    "550 5.1.1 " .. string.rep("x", MB), string.rep("\255", MB),
    string.rep("550-x\r\n", MB // 8),
}
for _, reply in ipairs(ODD) do
    local name = show(reply)
    answers("parse(" .. name .. ")", is_verdict, sc.parse, reply)
    answers("parse(" .. name .. ", {lang='ja'})", is_verdict, sc.parse, reply, { lang = "ja" })
    answers("parse_many({" .. name .. "})", function(t) return #t == 1, #t .. " results" end,
            sc.parse_many, { reply })
    answers("parse_many(" .. name .. ")", function(t)
        for i = 1, #t do
            local ok, why = is_verdict(t[i])
            if not ok then return false, "reply " .. i .. ": " .. why end
        end
        -- A log reader skips text that holds no reply.
        return #t >= (sc.parse(reply).no_reply and 0 or 1), #t .. " replies"
    end, sc.parse_many, reply)
end

-- Only ASCII digits count; a NUL does not cut the reply.
do
    local v = sc.parse("５５０ 5.1.1 user unknown")
    check("full-width digits are no code", v.code == nil, show(v.code))
    v = sc.parse("550 5.1.1 a\0b")
    check("NUL kept in the text", v.text == "a\0b", show(v.text))
    check("code before a NUL", v.code == 550, show(v.code))
end

-- Odd containers: holes, metatables, huge sequences.
answers("parse_many({})", function(t) return #t == 0 end, sc.parse_many, {})
raises("parse_many({'550 x', nil, '550 y'})", 1, "string expected at index 2", sc.parse_many,
       { "550 x", nil, "550 y" })
answers("parse_many(proxy with __index)", function(t) return #t == 0, #t .. " results" end,
        sc.parse_many, setmetatable({}, { __index = function() return "550 x" end,
                                          __len = function() return 3 end }))
do
    local n = VALGRIND and 10000 or 100000
    local many = {}
    for i = 1, n do many[i] = (i % 2 == 0) and "250 ok" or "550 5.1.1 no such user" end
    answers("parse_many(" .. n .. " replies)", function(t) return #t == n, #t .. " results" end,
            sc.parse_many, many)
    answers("parse_many(log of " .. n .. " lines)", function(t) return #t == n, #t .. " results" end,
            sc.parse_many, table.concat(many, "\n"))
end

-- Extra arguments are ignored, as Lua functions do.
answers("describe(535, nil, 'extra', {})", is_description, sc.describe, 535, nil, "extra", {})
answers("protocols(1, 2, 3)", nil, sc.protocols, 1, 2, 3)
answers("languages({})", nil, sc.languages, {})

------------------------------------------------------------------------------
-- Linear time: 10 MB of the worst shapes, each promptly
------------------------------------------------------------------------------

local function fill(unit, n)
    return string.rep(unit, n // #unit + 1):sub(1, n)
end

local shapes = {
    { "one long line", "550 5.1.1 " .. fill("x", BIG) },
    { "digits", fill("5", BIG) },
    { "codes after colons", fill(": 550 ", BIG) },
    { "codes after spaces", fill(" 550", BIG) },
    { "enhanced-looking", fill("5.1.", BIG) },
    { "code then spaces", "x 550" .. string.rep(" ", BIG) .. "5.1.1" },
    { "continuation lines", fill("550-5.1.1 user unknown\r\n", BIG) },
    { "blank lines", string.rep("\n", BIG) .. "550 x" },
    { "dsn prefixes", fill("smtp;", BIG) },
    { "postfix suffix", fill("(in reply to ", BIG) .. " command)" },
    { "phrase prefixes", fill("user unknow", BIG) },
}
local bound = 5 * TIME_FACTOR
for _, s in ipairs(shapes) do
    local name, text = s[1], s[2]
    local t0 = os.clock()
    local v = sc.parse(text)
    local spent = os.clock() - t0
    check("10 MB " .. name .. ": a verdict", type(v) == "table" and type(v.reason) == "string")
    if not VALGRIND then
        check("10 MB " .. name .. ": parse is prompt", spent < bound, ("%.2f s"):format(spent))
    end
    t0 = os.clock()
    local all = sc.parse_many(text)
    spent = os.clock() - t0
    check("10 MB " .. name .. ": parse_many reads it", type(all) == "table" and #all >= (v.no_reply and 0 or 1))
    if not VALGRIND then
        check("10 MB " .. name .. ": parse_many is prompt", spent < 4 * bound, ("%.2f s"):format(spent))
    end
end

t.finish()
