#!/usr/bin/env python3
"""repl_tour.py — a walk through the statuscodes API, as you would type it.

    PYTHONPATH=build/python python3 examples/repl_tour.py

Each step prints the call as it would look at the >>> prompt, then a few
short lines picked out of the result (the results are plain dicts with
some thirty keys; printing them whole tells you little).
"""
import http

import statuscodes as sc


def step(call):
    print()
    print(">>> " + call)


def code_line(d):
    """'SMTP 535 Authentication credentials invalid (5xx, retry: after_fix)'."""
    cls = d["class"] or "no class"
    return "%s %s %s (%s, retry: %s)" % (d["protocol"].upper(), d["code"],
                                         d["name"], cls, d["retry"])


def first_sentence(text):
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


print("statuscodes %s: %s" % (sc.__version__, ", ".join(sc.protocols())))

# 1. An SMTP code: SMTP is the default protocol.
step("d = sc.describe(535)")
d = sc.describe(535)
print(code_line(d))
print("  " + d["class_name"] + "; " + d["actor_text"])
print("  fix: " + first_sentence(d["fix"]))

# An enhanced status code is a string.
step('sc.describe("5.7.26")["name"]')
print(repr(sc.describe("5.7.26")["name"]))

# 2. An HTTP code by its http.HTTPStatus member: the member picks the protocol.
step("d = sc.describe(http.HTTPStatus.TOO_MANY_REQUESTS)")
d = sc.describe(http.HTTPStatus.TOO_MANY_REQUESTS)
print(code_line(d))
print("  gist: " + d["gist"])
print("  retry advice: " + d["retry_advice"])
for q in d["equivalents"]:
    print("  same in %s: %s %s (%s)" % (q["protocol"].upper(), q["code"], q["name"], q["closeness"]))

# 3. One number, several meanings.
step("sc.lookup(421)")
for d in sc.lookup(421):
    print(code_line(d))

# 4. Finding a code by what it says.
step('sc.search("too many requests")')
for d in sc.search("too many requests"):
    print(code_line(d))
step('sc.search("unavailable", protocol="grpc")')
for d in sc.search("unavailable", protocol="grpc"):
    print(code_line(d))

# 5. Comparing across protocols: protocol for the first code, protocol_b
#    for the second.
step('c = sc.compare(429, 429, protocol="http", protocol_b="sip")')
c = sc.compare(429, 429, protocol="http", protocol_b="sip")
print(c["title"])
print("  " + c["differences"][0])
step('c = sc.compare(421, 503, protocol="smtp", protocol_b="http")')
c = sc.compare(421, 503, protocol="smtp", protocol_b="http")
print(c["title"])
for line in c["differences"][:2]:
    print("  - " + line)

# 6. What did this server just tell me?
bounce = ("550-5.1.1 The email account that you tried to reach does not exist.\r\n"
          "550 5.1.1 Please try double-checking the recipient's address.")
step("v = sc.parse(bounce)")
v = sc.parse(bounce)
print("%s %s -> %s, action %s (%s)" % (v["code"], v["enhanced"], v["reason"], v["action"],
                                      "permanent" if v["permanent"] else "transient"))
print("  because " + v["why"])
print("  text: " + v["text"])

step('sc.parse("451 4.7.1 Greylisting in action, please come back later")')
v = sc.parse("451 4.7.1 Greylisting in action, please come back later")
print("%s %s -> %s, action %s, retryable %s" % (v["code"], v["enhanced"], v["reason"],
                                                v["action"], v["retryable"]))

# 7. Bad input is an exception that says what a code looks like.
step('sc.describe(600, protocol="http")')
try:
    sc.describe(600, protocol="http")
except ValueError as e:
    print("ValueError: %s" % e)
