#!/usr/bin/env lua5.4
--[[
retry_policy.lua — a retry policy for a mail transfer agent configured in Lua.

As a module (what the MTA's configuration loads):

    local policy = require("retry_policy")
    local d = policy.decide("450 4.2.0 Greylisted, try again in 300 seconds", 1)
    -- d.decision: "delivered", "retry", "bounce" or "suppress"
    -- d.delay (seconds, for "retry"), d.review (a person should look),
    -- d.reason, d.code, d.enhanced, d.why

As a script, it runs the policy on a few sample replies and prints the
decisions:

    LUA_CPATH='build/lua/?.so' lua5.4 examples/retry_policy.lua

statuscodes' parse reads the reply (code, enhanced code, text) and says why
it failed (the reason) and what a sender should do (the action). The policy
maps that onto the MTA's choices: when to try again, or when to stop.
--]]

local sc = require("statuscodes")

local policy = {}

-- Seconds to wait before attempt n+1 after a transient failure, per reason;
-- when a reason's list runs out, the message bounces. Greylisting clears
-- within minutes; a full mailbox takes hours; a rate limit wants a slower
-- sender.
policy.backoff = {
    greylisted          = { 300, 600, 1800, 3600 },
    rate_limited        = { 900, 1800, 3600, 7200, 14400 },
    mailbox_full        = { 3600, 14400, 43200, 86400 },
    service_unavailable = { 300, 900, 1800, 3600, 7200, 14400 },
    blocked             = { 3600, 14400 },     -- a listed IP rarely clears fast
    default             = { 600, 1800, 3600, 7200, 14400 },
}

-- The delay before the next attempt, or nil when the reason's list is spent.
function policy.delay(reason, attempt)
    local steps = policy.backoff[reason] or policy.backoff.default
    return steps[attempt]
end

--- Decide what to do with a reply.
-- reply: the raw reply text (one line or several, CRLF or LF, or an MTA log
-- line); attempt: how many times delivery has been tried (1 = the first).
-- Returns a table: decision ("delivered", "retry", "bounce", "suppress"),
-- delay (for "retry"), review (true when a person should look: a block or a
-- policy refusal), and what parse found (reason, code, enhanced, why).
function policy.decide(reply, attempt)
    attempt = attempt or 1
    local v, err = sc.parse(reply)
    if not v then
        -- An empty reply: the connection broke before the server said
        -- anything. Treat it as a transient failure.
        local delay = policy.delay("default", attempt)
        return { decision = delay and "retry" or "bounce", delay = delay,
                 reason = "unknown", why = err }
    end
    local d = { reason = v.reason, code = v.code, enhanced = v.enhanced,
                why = v.why, review = v.action == "review" }
    if v.action == "none" then
        d.decision = "delivered"
    elseif v.action == "retry" then
        d.delay = policy.delay(v.reason, attempt)
        d.decision = d.delay and "retry" or "bounce"   -- out of attempts
    elseif v.action == "suppress" then
        d.decision = "suppress"     -- bounce, and never send to this address again
    else
        d.decision = "bounce"       -- "fix" or "review": retrying unchanged will not help
    end
    return d
end

-- The decision in one line: "retry in 5m (greylisted, 450 4.2.0)".
function policy.explain(d)
    local what = d.decision
    if d.delay then
        what = d.delay % 3600 == 0 and ("retry in %dh"):format(d.delay // 3600)
            or ("retry in %dm"):format(d.delay // 60)
    end
    if d.review then what = what .. ", review" end
    local codes = {}
    if d.code then codes[#codes + 1] = tostring(d.code) end
    if d.enhanced then codes[#codes + 1] = d.enhanced end
    codes = table.concat(codes, " ")
    return ("%s (%s%s)"):format(what, d.reason, codes ~= "" and ", " .. codes or "")
end

-- Run as a script (not require'd): lua passes no module name in `...`, and
-- there is no caller four levels up the stack.
if not pcall(debug.getlocal, 4, 1) then
    local samples = {
        { "250 2.0.0 Ok: queued as 4Tq9Lm2FkPz3", 1 },
        { "450 4.2.0 <mia@example.com>: Recipient address rejected: Greylisted, please try again in 300 seconds", 1 },
        { "450 4.2.0 <mia@example.com>: Recipient address rejected: Greylisted, please try again in 300 seconds", 5 },
        { "421 4.7.0 Too many connections from your IP address, slow down", 2 },
        { "452 4.2.2 <anna@example.com>: Mailbox full, quota exceeded", 3 },
        { "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
          .. "550 5.1.1 Please try double-checking the recipient's address.", 1 },
        { "554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org", 1 },
        { "552 5.3.4 Message size exceeds fixed limit", 1 },
        { "", 1 },
    }
    for _, s in ipairs(samples) do
        local reply, attempt = s[1], s[2]
        local first = reply:match("[^\r\n]*")
        if #first > 56 then first = first:sub(1, 53) .. "..." end
        print(("attempt %d  %-56s  -> %s"):format(attempt, first == "" and "(empty reply)" or first,
                                                  policy.explain(policy.decide(reply, attempt))))
    end
end

return policy
