--[[
harness.lua — what the Lua test files share: assertions that count and
print each failure, and a last line "N passed, N failed" with the exit
status. A test file loads it from its own directory:

    package.path = (arg[0]:match("^(.*)[/\\]") or ".") .. "/?.lua;" .. package.path
    local t = require("harness")
--]]

local M = { passed = 0, failed = 0 }

-- A value as a failure message shows it: strings quoted and cut.
function M.show(v)
    if type(v) == "string" then
        local s = string.format("%q", #v > 80 and v:sub(1, 80) .. "..." or v)
        return (s:gsub("\n", "n"))
    end
    return tostring(v)
end

-- Record one assertion. `what` names the case; `detail` says what went
-- wrong. Returns ok.
function M.check(what, ok, detail)
    if ok then
        M.passed = M.passed + 1
    else
        M.failed = M.failed + 1
        print("FAIL " .. what .. (detail and (": " .. detail) or ""))
    end
    return ok
end

function M.eq(what, got, want)
    return M.check(what, got == want,
                   "got " .. M.show(got) .. ", want " .. M.show(want))
end

-- Deep equality of plain values and tables (NaN equals NaN): true, or
-- false and where they differ.
function M.deep_equal(a, b, path)
    path = path or ""
    if type(a) ~= type(b) or math.type(a) ~= math.type(b) then
        return false, path .. ": " .. M.show(a) .. " vs " .. M.show(b)
    end
    if type(a) ~= "table" then
        if a == b or (a ~= a and b ~= b) then return true end
        return false, path .. ": " .. M.show(a) .. " vs " .. M.show(b)
    end
    for k, v in pairs(a) do
        local ok, where = M.deep_equal(v, b[k], path .. "." .. tostring(k))
        if not ok then return false, where end
    end
    for k in pairs(b) do
        if a[k] == nil then return false, path .. "." .. tostring(k) .. " only on the right" end
    end
    return true
end

-- Run one case: an error inside it (a bug in the module or in the test) is
-- one failure, and the run goes on to the next case.
function M.run(what, f, ...)
    local ok, err = pcall(f, ...)
    if not ok then M.check(what, false, "error: " .. tostring(err)) end
end

-- Print the counts and exit: 0 when nothing failed. The state is closed,
-- so that a run under valgrind exits cleanly.
function M.finish()
    print(("%d passed, %d failed"):format(M.passed, M.failed))
    os.exit(M.failed == 0 and 0 or 1, true)
end

return M
