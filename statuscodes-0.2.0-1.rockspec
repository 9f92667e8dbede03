-- luarocks make: the Lua 5.4 module with the C core compiled in (as a wheel
-- embeds it), so the rock stands alone. License: MIT.
rockspec_format = "3.0"
package = "statuscodes"
version = "0.2.0-1"
source = {
   url = "git+file://.",
}
description = {
   summary = "A knowledge base of protocol status codes: describe, compare, parse",
   detailed = [[
What SMTP, HTTP, FTP, DNS, gRPC, WebSocket and SIP status codes mean, how two
codes differ, and what a server's reply says to do (retry, suppress, fix,
review), from a C core with static, read-only data.]],
   license = "MIT",
   labels = { "smtp", "http", "dns", "grpc", "sip", "email" },
}
dependencies = {
   "lua >= 5.4, < 5.5",
}
build = {
   type = "builtin",
   modules = {
      statuscodes = {
         sources = {
            "bindings/lua/lstatuscodes.c",
            "core/src/kb.c",
            "core/src/logs.c",
            "core/src/parse.c",
            "core/src/read.c",
            "core/src/bounce.c",
         },
         incdirs = { "core/include", "core/src" },
         defines = { "SC_STATIC" },
      },
   },
   copy_directories = {},
}
