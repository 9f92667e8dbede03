#!/usr/bin/env lua5.4
--[[
test_soak.lua — a million mixed calls of the Lua binding, with memory flat
and the stack in order.

    LUA_CPATH='build/lua/?.so' lua5.4 tests/lua/test_soak.lua

The calls mix every function, every kind of argument and both kinds of error
(raised, and nil, message). Checked: every call of a kind returns the same
number of values (nothing left behind on the stack, nothing missing); the
memory Lua holds after a full collection does not grow; the answers at the
end are the answers at the start; the same holds inside a coroutine and with
many extra arguments; parse_many over a hundred thousand replies keeps the
stack flat (valgrind, which sees liblua's own writes, checks that no push
goes past the stack's end).

SC_SOAK_CALLS sets the number of calls (default 1000000); sanitizer and
valgrind runs use fewer. Prints "N passed, N failed"; exits non-zero on
failure.
--]]

local sc = require("statuscodes")

package.path = (arg[0]:match("^(.*)[/\\]") or ".") .. "/?.lua;" .. package.path
local t = require("harness")
local check, deep_equal = t.check, t.deep_equal
local CALLS = tonumber(os.getenv("SC_SOAK_CALLS") or "1000000") or 1000000

local REPLY = "550-5.1.1 The email account that you tried to reach does not exist.\r\n" ..
              "550 5.1.1 Please try double-checking the recipient's address."
local LOG = "250 ok\n\n550-5.7.1 a\r\n550 5.7.1 blocked using zen.spamhaus.org\n451 4.7.1 greylisted\n"
local LONG = "550 5.1.1 " .. string.rep("z", 3000) -- past the binding's stack buffer
local BAD = string.rep("x", 10000)

-- {name, function, number of values it returns}
local OPS = {
    { "describe", function() return sc.describe(535) end, 1 },
    { "describe enhanced fr", function() return sc.describe("5.7.8", { lang = "fr-CA" }) end, 1 },
    { "describe unlisted ja", function() return sc.describe(299, { protocol = "SMTP", lang = "ja" }) end, 1 },
    { "compare", function() return sc.compare(250, 535) end, 1 },
    { "compare es", function() return sc.compare("5.7.8", 535, { lang = "es" }) end, 1 },
    { "parse", function() return sc.parse(REPLY) end, 1 },
    { "parse long", function() return sc.parse(LONG) end, 1 },
    { "parse odd bytes", function() return sc.parse("421 4.7.0 \255\0 try again later") end, 1 },
    { "parse_many list", function() return sc.parse_many({ "250 ok", REPLY, "452 4.5.3 too many" }) end, 1 },
    { "parse_many log", function() return sc.parse_many(LOG) end, 1 },
    { "codes", function() return sc.codes() end, 1 },
    { "protocols", function() return sc.protocols() end, 1 },
    { "languages", function() return sc.languages() end, 1 },
    { "describe malformed", function() return sc.describe("abc") end, 2 },
    { "describe huge string", function() return sc.describe(BAD) end, 2 },
    { "describe bad integer", function() return sc.describe(math.mininteger) end, 2 },
    { "describe bad lang", function() return sc.describe(535, { lang = "xx" }) end, 2 },
    { "compare malformed", function() return sc.compare(250, "5.x.1") end, 2 },
    { "parse empty", function() return sc.parse(" \r\n") end, 2 },
    { "parse_many empty item", function() return sc.parse_many({ "250 ok", "" }) end, 2 },
    { "raise describe(nil)", function() return pcall(sc.describe, nil) end, 2 },
    { "raise describe(nan)", function() return pcall(sc.describe, 0 / 0) end, 2 },
    { "raise describe bad option", function() return pcall(sc.describe, 535, { lang = 1 }) end, 2 },
    { "raise unknown option", function() return pcall(sc.describe, 535, { ["x\0y"] = 1 }) end, 2 },
    { "raise parse(5)", function() return pcall(sc.parse, 5) end, 2 },
    { "raise parse_many item", function() return pcall(sc.parse_many, { "250 ok", {} }) end, 2 },
}

local function counted(f)
    return select("#", f())
end

-- Run `calls` calls round the ops; returns the first op whose number of
-- values was wrong, or nil.
local function soak(calls)
    local n = #OPS
    for i = 0, calls - 1 do
        local op = OPS[i % n + 1]
        local got = counted(op[2])
        if got ~= op[3] then
            return ("%s returned %d values, want %d (call %d)"):format(op[1], got, op[3], i + 1)
        end
    end
    return nil
end

local function memory()
    collectgarbage("collect")
    collectgarbage("collect")
    return collectgarbage("count")
end

-- The answers at the start.
local first = {}
for i, op in ipairs(OPS) do first[i] = table.pack(op[2]()) end

-- Warm up (the binding caches the strings it has pushed), then soak.
check("warm-up keeps the stack in order", soak(20 * #OPS) == nil)
local before = memory()
local bad = soak(CALLS)
local after = memory()
check(CALLS .. " mixed calls: every call returns what it should", bad == nil, bad)
check(CALLS .. " mixed calls: memory stays flat", after - before < 256,
      ("%.1f KB before, %.1f KB after"):format(before, after))

-- The same answers at the end.
for i, op in ipairs(OPS) do
    local now = table.pack(op[2]())
    -- Error objects of pcall are strings: compare everything.
    check(op[1] .. ": same answer after the soak", deep_equal(now, first[i]))
end

-- Inside a coroutine, yielding between calls.
do
    local co = coroutine.wrap(function()
        local n = #OPS
        for i = 0, CALLS // 10 - 1 do
            local op = OPS[i % n + 1]
            if counted(op[2]) ~= op[3] then return op[1] end
            if i % 97 == 0 then coroutine.yield(false) end
        end
        return true
    end)
    local result
    repeat result = co() until result ~= false
    check("in a coroutine: every call returns what it should", result == true, tostring(result))
end

-- Many extra arguments: the binding uses the slots above them.
do
    local extra = {}
    for i = 1, 200 do extra[i] = i end
    local ok = true
    for _ = 1, 1000 do
        local d = sc.describe(535, nil, table.unpack(extra))
        local v = sc.parse(REPLY, nil, table.unpack(extra))
        local m = sc.parse_many({ "250 ok", REPLY }, nil, table.unpack(extra))
        if type(d) ~= "table" or type(v) ~= "table" or #m ~= 2 then ok = false break end
    end
    check("200 extra arguments: answers as usual", ok)
end

-- A hundred thousand replies in one call: the loop keeps the stack flat.
do
    local n = math.max(CALLS // 10, 1000)
    local list = {}
    for i = 1, n do list[i] = (i % 3 == 0) and LONG or REPLY end
    local m0 = memory()
    local all = sc.parse_many(list)
    check(n .. " replies in one parse_many", #all == n, tostring(#all))
    local log = sc.parse_many(table.concat(list, "\n"))
    check(n .. " replies in one log", #log == n, tostring(#log))
    all, log, list = nil, nil, nil
    local m1 = memory()
    check("their results are collected", m1 - m0 < 256,
          ("%.1f KB before, %.1f KB after"):format(m0, m1))
end

t.finish()
