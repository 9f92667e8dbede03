--[[
error-page.lua — lighttpd error pages that explain the status, in the
visitor's language, from statuscodes.

A mod_magnet script for lighttpd with Lua 5.4 and the lighty.r API (1.4.60
and later; written against 1.4.69). lighttpd.conf runs it at response start:

    magnet.attract-response-start-to = ( "/path/to/error-page.lua" )

At that point the status and the headers are set and the body is ready, but
nothing has been sent: for every 4xx and 5xx answer, including the ones
lighttpd makes itself (a missing file, a refused directory), the script
replaces the body with a short HTML page saying what the code means, when
one sees it and how to fix it, in the language the browser prefers
(Accept-Language) among those statuscodes has labels for, English by
default. The status code stays; Content-Type, Content-Language and Vary
are set to match the new page.

Bodies that are not HTML (an API's JSON error, a problem+json document) are
left alone: a client of the API needs them more than a page.

The module is found through package.cpath. mod_magnet's Lua state is an
ordinary one: package.cpath starts from LUA_CPATH_5_4 or LUA_CPATH in
lighttpd's environment, else Lua's default directories
(/usr/local/lib/lua/5.4/ ...). On top of that this script puts
$SC_LUA_CPATH, a pattern such as /opt/statuscodes/lua/?.so, in front.

If anything goes wrong (no module, a status nothing can be said about), the
response goes out as it was, and the reason is written
to lighttpd's error log: an error page must never turn into a worse error.
--]]

local r = lighty.r

-- The page is only for errors; everything else passes untouched.
local status = r.req_item.http_status
if type(status) ~= "number" or status < 400 then
    return
end

-- A body a backend is still sending (len is nil until it is complete) is
-- left alone: replacing it halfway is not safe. lighttpd's own error pages,
-- and the short bodies a backend sent in one piece, are complete here.
local len = r.resp_body.len
if len == nil then
    return
end

-- Leave error bodies that are not HTML alone: an API's JSON is for its
-- clients. lighttpd's own error pages are text/html.
local content_type = r.resp_header["Content-Type"]
if len > 0 and content_type and content_type ~= ""
        and not content_type:lower():find("^%s*text/html") then
    return
end

-- package.cpath: $SC_LUA_CPATH first, once.
local extra = os.getenv("SC_LUA_CPATH")
if extra and extra ~= "" and not package.cpath:find(extra, 1, true) then
    package.cpath = extra .. ";" .. package.cpath
end

-- require caches the module in package.loaded, which lives as long as the
-- script's Lua state: the shared object is opened on the first error only.
local ok, sc = pcall(require, "statuscodes")
if not ok then
    print("error-page.lua: cannot load statuscodes, leaving the error page as it is: "
          .. tostring(sc))
    return
end

-- ---------------------------------------------------------------------------
-- Accept-Language (RFC 9110 §12.5.4), matched as RFC 4647 "lookup" does:
-- ranges by quality, highest first, ties in the order given; a range matches
-- a language when it is the language or the language followed by subtags
-- (fr-CA, then fr). q=0 refuses a language. "*" stands for any: English,
-- unless refused.
-- ---------------------------------------------------------------------------

local DEFAULT_LANG = "en"
local MAX_RANGES = 32 -- more than any browser sends; the rest is ignored

-- `available` maps lower-case tags to the tags as the library spells them.
local function negotiate(header, available)
    if type(header) ~= "string" or header == "" then
        return DEFAULT_LANG
    end
    local ranges, refused = {}, {}
    local n = 0
    for item in header:gmatch("[^,]+") do
        n = n + 1
        if n > MAX_RANGES then break end
        local tag, params = item:match("^%s*([%a%*][%w%-]*)%s*(.*)$")
        if tag and #tag <= 35 then
            tag = tag:lower()
            local q = 1
            if params ~= "" then
                local qs = params:match("^;%s*[qQ]%s*=%s*([%d%.]+)%s*$")
                q = qs and tonumber(qs) or nil
            end
            if q and q >= 0 and q <= 1 then
                if q == 0 then
                    refused[tag] = true
                else
                    ranges[#ranges + 1] = { tag = tag, q = q, i = #ranges + 1 }
                end
            end
        end
    end
    table.sort(ranges, function(a, b)
        if a.q ~= b.q then return a.q > b.q end
        return a.i < b.i
    end)
    for _, range in ipairs(ranges) do
        if range.tag == "*" then
            if not refused[DEFAULT_LANG] then return DEFAULT_LANG end
            local rest = {}
            for low in pairs(available) do
                if not refused[low] then rest[#rest + 1] = low end
            end
            table.sort(rest)
            if rest[1] then return available[rest[1]] end
        else
            local tag = range.tag
            while tag do
                if available[tag] and not refused[tag] then
                    return available[tag]
                end
                tag = tag:match("^(.+)%-[^%-]+$") -- drop the last subtag
            end
        end
    end
    return DEFAULT_LANG
end

local available = {}
for tag in pairs(sc.languages()) do
    available[tag:lower()] = tag
end
local lang = negotiate(r.req_header["Accept-Language"], available)

-- ---------------------------------------------------------------------------
-- What the code means. describe() answers every well-formed HTTP code: the
-- ones it lists, and the others from their class (known = false). It
-- answers nil, message for what is not an HTTP code at all (lighttpd passes
-- on whatever number a backend sends, 600 or 999): then the page says what
-- the class says, read from the first code of the class.
-- ---------------------------------------------------------------------------

local d, why = sc.describe(status, { protocol = "http", lang = lang })
if not d then
    local class = status < 500 and 400 or 500
    local c = sc.describe(class, { protocol = "http", lang = lang })
    if not c then
        print(("error-page.lua: cannot describe %d: %s"):format(status, tostring(why)))
        return
    end
    d = {
        code = status,
        name = c.class_name,
        retry_advice = c.retry_advice,
        labels = c.labels,
        lang = c.lang,
        untranslated = {},
    }
end

-- ---------------------------------------------------------------------------
-- The page.
-- ---------------------------------------------------------------------------

local ESCAPES = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
                  ['"'] = "&quot;", ["'"] = "&#39;" }
local function esc(s)
    return (tostring(s):gsub("[&<>\"']", ESCAPES))
end

-- Fields whose prose is not translated yet come in English: say so, for
-- screen readers and translation tools.
local in_english = {}
for _, field in ipairs(d.untranslated or {}) do
    in_english[field] = true
end
local function lang_attr(field)
    if in_english[field] and lang ~= "en" then
        return ' lang="en"'
    end
    return ""
end

local out = {}
local function add(...)
    for i = 1, select("#", ...) do
        out[#out + 1] = select(i, ...)
    end
end

local function section(field, heading, text)
    if text and text ~= "" then
        add("<h2>", esc(heading), "</h2>\n<p", lang_attr(field), ">",
            esc(text), "</p>\n")
    end
end

local labels = d.labels or {}
add('<!DOCTYPE html>\n<html lang="', esc(lang), '">\n<head>\n',
    '<meta charset="utf-8">\n',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    '<meta name="robots" content="noindex">\n',
    "<title>", esc(status), " ", esc(d.name), "</title>\n",
    "<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;",
    "margin:2rem auto;padding:0 1rem;color:#222}h1{font-size:1.6rem}",
    "h1 .code{color:#b00}h2{font-size:1.1rem;margin-top:1.5rem}",
    ".gist{font-size:1.1rem}</style>\n",
    "</head>\n<body>\n<main>\n",
    '<h1><span class="code">', esc(status), '</span> <span class="name"',
    lang_attr("name"), ">", esc(d.name), "</span></h1>\n")
if d.gist then
    add('<p class="gist"', lang_attr("gist"), ">", esc(d.gist), "</p>\n")
end
section("when", labels.when or "When you see it", d.when)
section("fix", labels.fix or "How to fix it", d.fix)
section("retry_advice", labels.retry or "Retrying", d.retry_advice)
add("</main>\n</body>\n</html>\n")

r.resp_body.set({ table.concat(out) })
r.resp_header["Content-Type"] = "text/html; charset=utf-8"
r.resp_header["Content-Language"] = lang
-- The body now depends on Accept-Language: caches must know.
local vary = r.resp_header["Vary"]
if not vary or vary == "" then
    r.resp_header["Vary"] = "Accept-Language"
elseif not vary:lower():find("accept%-language") and vary ~= "*" then
    r.resp_header["Vary"] = vary .. ", Accept-Language"
end

-- Return the response's own status, unchanged: that marks the new body as
-- complete. Returning nothing is not enough: in lighttpd 1.4.69 a body set
-- at response start is then sent chunked and never finished, and the client
-- waits for the rest.
return status
