--[[
bench.lua — the Lua binding beside pure Lua.

    LUA_CPATH='build-bench/lua/?.so' lua5.4 benchmarks/bench.lua

describe(535) and describe("5.7.8") against the best pure-Lua equivalent: a
table of precomputed results, copied into a fresh table after the same
argument check: one constructor with every key (the table is sized once,
each field one VM instruction), the arrays copied with {table.unpack(t)}
(faster than a loop), the labels with a constructor too. Strings are shared,
as a Lua table copy shares them. Timed with os.clock, best of several
repeats. Prints "name value unit" lines for bench.py.
--]]

local sc = require("statuscodes")
local clock = os.clock

local REPEATS = 7

-- Seconds per call of f(arg), best of REPEATS runs of n calls.
local function best(f, arg, n)
    local b = math.huge
    for _ = 1, REPEATS do
        local t = clock()
        for _ = 1, n do
            f(arg)
        end
        t = clock() - t
        if t < b then
            b = t
        end
    end
    return b / n
end

-- The precomputed results: every code the base lists, in English.
local TABLE = {}
for _, code in ipairs(sc.codes()) do
    TABLE[code] = sc.describe(code)
    if math.type(code) == "integer" then
        TABLE[tostring(code)] = TABLE[code]
    end
end

local unpack = table.unpack

local function copy_equivalents(list)
    local out = {}
    for i, q in ipairs(list) do
        out[i] = {protocol = q.protocol, code = q.code, name = q.name,
                  closeness = q.closeness, note = q.note}
    end
    return out
end

local function describe_lua(code)
    local t = type(code)
    if t ~= "number" and t ~= "string" then
        error("bad argument #1 to 'describe' (integer or string expected, got "
              .. t .. ")", 2)
    end
    local d = TABLE[code]
    if d == nil then
        return nil, "smtp code: code is not well-formed"
    end
    local l = d.labels
    return {
        protocol = d.protocol, code = d.code, name = d.name, class = d.class,
        class_name = d.class_name, subject = d.subject,
        subject_name = d.subject_name, description = d.description,
        when = d.when, fix = d.fix, known = d.known, source = d.source,
        mnemonic = d.mnemonic, gist = d.gist, origin = d.origin,
        aliases = {unpack(d.aliases)}, equivalents = copy_equivalents(d.equivalents),
        retry = d.retry, retry_advice = d.retry_advice,
        retryable = d.retryable, actor = d.actor, actor_text = d.actor_text,
        commands = {unpack(d.commands)},
        references = {unpack(d.references)},
        related = {unpack(d.related)}, variants = {unpack(d.variants)},
        basic = {unpack(d.basic)}, lang = d.lang,
        untranslated = {unpack(d.untranslated)},
        labels = {
            summary = l.summary, description = l.description, when = l.when,
            fix = l.fix, retry = l.retry, actor = l.actor,
            commands = l.commands, references = l.references,
            related = l.related, variants = l.variants,
            differences = l.differences, when_to_use = l.when_to_use,
            learn_more = l.learn_more, gist = l.gist,
            equivalents = l.equivalents, aliases = l.aliases,
        },
    }
end

-- The copy must hold what describe() returns.
local function same(a, b)
    if type(a) ~= "table" or type(b) ~= "table" then
        return a == b
    end
    for k, v in pairs(a) do
        if not same(v, b[k]) then return false end
    end
    for k in pairs(b) do
        if a[k] == nil then return false end
    end
    return true
end
assert(same(describe_lua(535), sc.describe(535)), "the baseline differs")
assert(same(describe_lua("5.7.8"), sc.describe("5.7.8")), "the baseline differs")

local N = 100000
for _, c in ipairs({{535, "535"}, {"5.7.8", "5.7.8"}}) do
    local ours = best(sc.describe, c[1], N)
    local base = best(describe_lua, c[1], N)
    print(string.format("lua_describe_%s %.1f ns", c[2], ours * 1e9))
    print(string.format("lua_describe_%s_baseline %.1f ns", c[2], base * 1e9))
end

-- parse_many over the field manual's replies (a file of one reply a line,
-- given as arg[1]), results kept, the collector on: ns per reply, best of 3.
if arg and arg[1] then
    local replies = {}
    for line in io.lines(arg[1]) do
        if line:find("%S") then replies[#replies + 1] = line end
    end
    local many = {}
    while #many < 100000 do
        for _, r in ipairs(replies) do many[#many + 1] = r end
    end
    local b = math.huge
    for _ = 1, 3 do
        collectgarbage()
        local t = clock()
        local kept = sc.parse_many(many)
        t = clock() - t
        assert(#kept == #many)
        if t < b then b = t end
        kept = nil
    end
    print(string.format("lua_parse_many_kept %.1f ns", b / #many * 1e9))
end
