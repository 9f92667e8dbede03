--[[
maintenance.lua — answer 503 Service Unavailable, as a site down for
maintenance does, so that error-page.lua has a 5xx to explain.

lighttpd.conf runs it as soon as the URL is known, for /maintenance only:

    $HTTP["url"] == "/maintenance" {
        magnet.attract-raw-url-to = ( "/path/to/maintenance.lua" )
    }

Returning a status of 200 or more ends the request with that status.
Retry-After tells clients and crawlers when to come back. The short body
matters: lighttpd answers an error status that has no body with its own
error page, and drops the headers set with it, Retry-After included.
error-page.lua then replaces this body with the explained page.
--]]

local r = lighty.r
r.resp_header["Retry-After"] = "120"
r.resp_header["Content-Type"] = "text/html; charset=utf-8"
r.resp_body.set({ "<!DOCTYPE html>\n<title>503 Service Unavailable</title>\n",
                  "<p>Down for maintenance; please come back in a few minutes.</p>\n" })
return 503
