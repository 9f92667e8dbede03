#!/usr/bin/env lua5.4
--[[
test_bounce.lua — parse_bounce of the Lua binding: the test bounces of
tests/corpora/bounces (each MTA's structure) give the recipients and
verdicts Python gives, and bad input gives a table or nil, message.

    LUA_CPATH='build/lua/?.so' SC_SOURCE_DIR=. lua5.4 tests/lua/test_bounce.lua
--]]
local sc = require("statuscodes")
local src = os.getenv("SC_SOURCE_DIR") or "."
package.path = (arg[0]:match("^(.*)[/\\]") or ".") .. "/?.lua;" .. package.path
local t = require("harness")
local check, eq = t.check, t.eq

local function read(name)
    local f = assert(io.open(src .. "/tests/corpora/bounces/" .. name, "rb"))
    local s = f:read("a")
    f:close()
    return s
end

-- name -> { {recipient, dsn_action, code, enhanced, reason, action}, ... }
local expected = {
    ["postfix.eml"] = {
        { "nobody@example.org", "failed", 550, "5.1.1", "user_unknown", "suppress" },
        { "full@example.com", "delayed", 452, "4.2.2", "mailbox_full", "retry" } },
    ["gmail.eml"] = { { "ghost@example.org", "failed", 550, "5.1.1", "user_unknown", "suppress" } },
    ["sendmail.eml"] = { { "nobody@example.org", "failed", 550, "5.1.1", "user_unknown", "suppress" } },
    ["exchange.eml"] = { { "missing@example.com", "failed", 550, "5.1.10", "user_unknown", "suppress" } },
    ["exim-dsn.eml"] = { { "slow@example.org", "delayed", 451, "4.7.1", "greylisted", "retry" } },
    ["exim.eml"] = { { "nobody@example.org", nil, 550, "5.1.1", "user_unknown", "suppress" } },
    ["qmail.eml"] = {
        { "nobody@example.org", nil, 550, "5.1.1", "user_unknown", "suppress" },
        { "blocked@example.com", nil, 554, "5.7.1", "blocked", "review" } },
    ["exchange-2003.eml"] = { { "jdoe@corp.example.com", nil, 550, "5.1.1", "user_unknown", "suppress" } },
    ["postfix-smtputf8.eml"] = {
        { "josé@exämple.org", "failed", 550, "5.1.1", "user_unknown", "suppress" },
        { "ok@example.org", "delivered", 250, "2.0.0", "delivered", "none" } },
    ["status-only.eml"] = { { "later@example.org", "delayed", nil, "4.4.1", "service_unavailable", "retry" } },
}

for name, rows in pairs(expected) do
    local got = sc.parse_bounce(read(name))
    eq(name .. ": recipients", #got, #rows)
    for i, want in ipairs(rows) do
        local r = got[i] or { verdict = {} }
        eq(name .. "[" .. i .. "].recipient", r.recipient, want[1])
        eq(name .. "[" .. i .. "].dsn_action", r.dsn_action, want[2])
        eq(name .. "[" .. i .. "].code", r.verdict.code, want[3])
        eq(name .. "[" .. i .. "].enhanced", r.verdict.enhanced, want[4])
        eq(name .. "[" .. i .. "].reason", r.verdict.reason, want[5])
        eq(name .. "[" .. i .. "].action", r.verdict.action, want[6])
    end
end

-- Keys, the verdict as parse() gives it.
do
    local r = sc.parse_bounce(read("postfix.eml"))[1]
    eq("status", r.status, "5.1.1")
    eq("remote_mta", r.remote_mta, "mx.example.org")
    eq("original_recipient", r.original_recipient, "nobody@example.org")
    eq("source", r.source, "dsn")
    eq("diagnostic", r.diagnostic, "550 5.1.1 <nobody@example.org>: Recipient address "
        .. "rejected: User unknown in virtual mailbox table")
    eq("verdict text", r.verdict.text, sc.parse(r.diagnostic).text)
    eq("text source", sc.parse_bounce(read("qmail.eml"))[1].source, "text")
    local fr = sc.parse_bounce(read("postfix.eml"), { lang = "fr", details = true })[1]
    eq("lang", fr.verdict.enhanced_info.lang, "fr")
    eq("light by default", sc.parse_bounce(read("postfix.eml"))[1].verdict.enhanced_info, nil)
end

-- Bad input.
do
    eq("empty", #sc.parse_bounce(""), 0)
    eq("NUL bytes", #sc.parse_bounce(("\0"):rep(100000)), 0)
    local bytes = {}
    for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
    eq("binary", #sc.parse_bounce(table.concat(bytes):rep(300)), 0)
    local m = read("gmail.eml")
    for i = 0, #m, 101 do
        local rows = sc.parse_bounce(m:sub(1, i))
        check("cut at " .. i, type(rows) == "table" and #rows <= 1)
    end
    local r, err = sc.parse_bounce("x", { lang = "zz" })
    check("bad lang", r == nil and type(err) == "string")
    check("bad type", not pcall(sc.parse_bounce, nil))
    check("bad type", not pcall(sc.parse_bounce, {}))
    local big = ("x"):rep((os.getenv("SC_VALGRIND") and 1 or 16) * 1024 * 1024) .. "\n<a@example.org>:\nRemote host said: 550 5.1.1 no\n"
    local rows = sc.parse_bounce(big)
    eq("long line", rows[1] and rows[1].recipient, "a@example.org")
end

t.finish()
