#!/usr/bin/env lua5.4
--[[
lookup.lua — what statuscodes tells you, from Lua.

    LUA_CPATH='build/lua/?.so' lua5.4 examples/lookup.lua

Describes SMTP 535, shows what 421 means in every protocol that lists it,
describes HTTP 429 by its name, compares 250 with 535 with Spanish headings,
and reads a bounce a server sent back.
--]]

local sc = require("statuscodes")

-- Print a heading, then a paragraph or a numbered list under it.
local function section(heading, body)
    print(heading)
    if type(body) == "table" then
        for i, line in ipairs(body) do print(("  %d. %s"):format(i, line)) end
    else
        print("  " .. body)
    end
end

-- 1. What does 535 mean?
local d = assert(sc.describe(535))
print(("SMTP %s %s (%s, %s)"):format(d.code, d.name, d.class, d.class_name))
section(d.labels.description, d.description)
section(d.labels.when, d.when)
section(d.labels.fix, d.fix)
section(d.labels.retry, d.retry_advice)
section(d.labels.references, table.concat(d.references, "; "))
print()

-- 2. The same number means different things in different protocols.
for _, x in ipairs(sc.lookup(421)) do
    print(("%s 421: %s"):format(x.protocol:upper(), x.name))
end
local h = assert(sc.describe("TOO_MANY_REQUESTS", { protocol = "http" }))
print(("HTTP %d %s: %s"):format(h.code, h.name, h.retry_advice))
for _, q in ipairs(h.equivalents) do
    print(("  in %s: %s %s (%s)"):format(q.protocol:upper(), q.code, q.name, q.closeness))
end
print()

-- 3. How do 250 and 535 differ? Headings in Spanish; prose falls back to
--    English where no translation exists yet, and says so.
local c, err = sc.compare(250, 535, { lang = "es" })
if not c then error(err) end
print(c.title)
section(c.labels.summary, c.summary)
section(c.labels.differences, c.differences)
section(c.labels.when_to_use, c.when_to_use)
section(c.labels.learn_more, c.learn_more)
if #c.a.untranslated > 0 then
    print("  (in English, not yet translated: " .. table.concat(c.a.untranslated, ", ") .. ")")
end
print()

-- 4. What did this server just tell me?
local reply = "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
           .. "550 5.1.1 Please try double-checking the recipient's address."
local v = assert(sc.parse(reply))
print(("Reply %s %s: %s"):format(v.code, v.enhanced or "", v.text))
print(("  verdict: %s (%s), %s"):format(v.action, v.reason,
      v.permanent and "permanent" or v.permanent == false and "transient" or "not a failure"))
print("  because: " .. v.why)

-- Input a config may hold gives nil and a message, as io.open does; misuse
-- (describe(nil), describe(535.5)) raises an error instead.
print()
print(sc.describe("5.x.1"))
print(sc.describe(535, { lang = "tlh" }))
