#!/usr/bin/env lua5.4
--[[
test_logs.lua — sc.summarize of mail logs from Lua.

    LUA_CPATH='build/lua/?.so' lua5.4 tests/lua/test_logs.lua

Postfix, Exim, Sendmail and reply lines (invented hosts and addresses); the
counts against a count made here line by line; bad input (NUL bytes,
binary garbage, a 20 MB line, a cut line) as counted skips. Prints
"N passed, N failed"; exits non-zero on a failure.
--]]

local sc = require("statuscodes")
package.path = (arg[0]:match("^(.*)[/\\]") or ".") .. "/?.lua;" .. package.path
local t = require("harness")
local check = t.check

local LOG = {
    "Dec  1 12:00:01 mail1 postfix/smtp[2211]: 4Tq9Lm2FkPz3: to=<kim.lee@example.org>, relay=mx1.example.org[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx1.example.org[192.0.2.10] said: 550 5.1.1 <kim.lee@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
    "Dec  1 12:00:02 mail1 postfix/smtp[2212]: 4Tq9Lm2FkPz4: to=<ops@nowhere.example>, relay=none, delay=0.5, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=nowhere.example type=MX: Host not found)",
    "Dec  1 12:00:03 mail1 postfix/smtp[2213]: 4Tq9Lm2FkPz5: to=<a@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9AB12)",
    "Dec  1 12:00:05 mail1 postfix/qmgr[900]: 4Tq9Lm2FkPz3: from=<news@example.com>, size=2301, nrcpt=1 (queue active)",
    "2026-12-01 12:00:09 1rABCe-000124-Ac == carol@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.20]: SMTP error from remote mail server after RCPT TO:<carol@example.net>: 451 4.7.1 Greylisted, please try again in 300 seconds",
    "2026-12-01 12:00:11 1rABCg-000126-Ae <= sender@example.com H=client.example.com [198.51.100.3] P=esmtps S=2311",
    "Dec  1 12:00:13 relay2 sm-mta[4412]: 4B1C0a1b012345: to=<erin@example.com>, delay=00:00:02, mailer=esmtp, relay=mx.example.com. [192.0.2.1], dsn=5.1.1, stat=User unknown",
    "550 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org",
    "",
}
local text = table.concat(LOG, "\n") .. "\n"
local s = sc.summarize(text)
check("lines", s.lines == #LOG)
check("verdicts", s.verdicts == 6)
check("skipped add up", s.verdicts + s.skipped.no_reply + s.skipped.blank + s.skipped.cut
      + s.skipped.binary + s.skipped.long == s.lines)
check("no reply", s.skipped.no_reply == 2 and s.skipped.blank == 1)
check("actions", s.actions.suppress == 3 and s.actions.retry == 1 and s.actions.none == 1
      and s.actions.review == 1)
check("formats", s.formats.postfix == 3 and s.formats.exim == 1 and s.formats.sendmail == 1
      and s.formats.reply == 1)
check("mta_status", s.mta_status.bounced == 3 and s.mta_status.deferred == 1 and s.mta_status.sent == 1)
check("reasons", s.reasons.user_unknown == 2 and s.reasons.domain_not_found == 1
      and s.reasons.greylisted == 1 and s.reasons.blocked == 1)
check("domains", s.domains.keys[1].domain == "example.org" and s.domains.keys[1].count == 1
      and s.domains.keys[1].actions.suppress == 1 and s.domains.other == 0)
check("relays", s.relays.keys[1].relay == "example.org")
local sup = {}
for _, a in ipairs(s.suppress) do sup[a] = true end
check("suppress", sup["kim.lee@example.org"] and sup["ops@nowhere.example"]
      and sup["erin@example.com"] and not sup["a@example.net"] and #s.suppress == 3)
check("examples", s.examples.user_unknown[1].count == 1 and type(s.examples.user_unknown[1].text) == "string")
check("bounds", s.bounds.keys == 512 and s.bounds.recipients == 4096 and s.bounds.cells == 4096)
-- by hour and reason: syslog stamps have no year (0), Exim's have one
local cells = {}
for _, c in ipairs(s.times.cells) do
    cells[string.format("%d-%d-%d %d %s", c.year, c.month, c.day, c.hour, c.reason)] = c.count
end
check("cells", cells["0-12-1 12 user_unknown"] == 2 and cells["2026-12-1 12 greylisted"] == 1
      and cells["0-12-1 12 delivered"] == 1)
check("untimed", s.times.untimed == 1 and s.times.other == 0 and s.overflow.time_lines == 0)
local total = s.times.untimed
for _, c in ipairs(s.times.cells) do total = total + c.count end
check("cells add up", total == s.verdicts)
-- the same log, one reply per line: every line a reply
local r = sc.summarize(text, {format = "reply"})
check("format reply", r.formats.reply == r.verdicts and r.formats.postfix == nil)
local none, msg = sc.summarize(text, {format = "qmail"})
check("bad format", none == nil and msg:find("unknown log format", 1, true))
check("bad type", not pcall(sc.summarize, {}) and not pcall(sc.summarize, "x", 1))
-- bad input: counted skips, never a crash
s = sc.summarize("550 5.1.1 a\0b\n" .. LOG[1] .. "\n")
check("nul", s.skipped.binary == 1 and s.verdicts == 1)
local junk = {}
for i = 1, 100000 do junk[i] = string.char((i * 2654435761 >> 13) % 256) end
s = sc.summarize(table.concat(junk))
check("garbage", s.lines == s.verdicts + s.skipped.no_reply + s.skipped.blank + s.skipped.cut
      + s.skipped.binary + s.skipped.long)
s = sc.summarize(string.rep("x", 20 * 1024 * 1024) .. "\n" .. LOG[1] .. "\n")
check("long line", s.skipped.long == 1 and s.verdicts == 1)
s = sc.summarize(LOG[1]:sub(1, 250))
check("cut line", s.skipped.cut == 1 and s.verdicts == 0 and s.unterminated == 1)
check("empty", sc.summarize("").lines == 0)

t.finish()
