"""A real MTA: statuscodes.parse reads the replies a real Postfix sends.

setUpClass starts a private Postfix instance: its own configuration, queue
and data directories under a temporary directory, master(8) run in the
foreground in its own process group, smtpd listening only on two free
loopback ports. The tests drive real SMTP sessions with smtplib, take each
reply as smtplib hands it back (an int and bytes), rebuild the raw reply the
way a caller would (b"%d %s" % (code, message)) and check the verdict.

Postfix needs root (master(8) binds the ports and drops to the postfix user)
and the Debian package (scripts/postfix-deps.sh installs it). Without them the
tests are skipped and say why, except in CI (CI=true), where they fail.

Standard library only; imports the built statuscodes package (PYTHONPATH).
"""
import atexit
import base64
import grp
import os
import pwd
import shutil
import signal
import smtplib
import socket
import subprocess
import tempfile
import time
import unittest

import statuscodes

IN_CI = os.environ.get("CI") == "true"
POSTFIX = "/usr/sbin/postfix"
POSTCONF = "/usr/sbin/postconf"
DOMAIN = "test.example"             # RFC 2606: never a real domain
USERS = ("alice", "bob", "carol")   # the only local recipients
SENDER = "sender@client.example"
SIZE_LIMIT = 10000                  # message_size_limit
RCPT_LIMIT = 3                      # smtpd_recipient_limit == len(USERS)
START_TIMEOUT = 30.0
SMTP_TIMEOUT = 10.0


def unavailable(why):
    """Skip with the reason, or fail in CI, where Postfix must run."""
    if IN_CI:
        raise RuntimeError("the Postfix integration test must run in CI: " + why)
    raise unittest.SkipTest(why)


def free_port():
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reply_bytes(code, message):
    """The raw reply as a caller rebuilds it from smtplib's (code, bytes)."""
    return b"%d %s" % (code, message)


# ---------------------------------------------------------------------------
# The private Postfix instance
# ---------------------------------------------------------------------------

MAIN_CF = """\
# A private Postfix instance for statuscodes' integration test.
compatibility_level = 3.6
queue_directory = {queue}
data_directory = {data}
multi_instance_name = postfix-sctest
syslog_name = postfix-sctest
maillog_file = {log}
maillog_file_prefixes = {tmp}
myhostname = mx.{domain}
mydomain = {domain}
myorigin = $mydomain
mydestination = {domain}
inet_interfaces = loopback-only
inet_protocols = ipv4
# TEST-NET-1: the test client on 127.0.0.1 is not a trusted network, so
# relaying elsewhere is denied.
mynetworks = 192.0.2.0/24
local_recipient_maps = inline:{{ {users} }}
alias_maps =
alias_database =
unknown_local_recipient_reject_code = 550
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_sasl_auth_enable = no
smtpd_tls_security_level = none
smtpd_tls_cert_file = {cert}
smtpd_tls_key_file = {key}
message_size_limit = {size_limit}
smtpd_recipient_limit = {rcpt_limit}
smtpd_error_sleep_time = 0
smtpd_peername_lookup = no
smtpd_banner = $myhostname ESMTP statuscodes-test
biff = no
"""

MASTER_CF = """\
# service type private unpriv chroot wakeup maxproc command
127.0.0.1:{port} inet n - n - - smtpd
127.0.0.1:{tls_port} inet n - n - - smtpd
  -o syslog_name=postfix-sctest/tls
  -o smtpd_tls_security_level=encrypt
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
proxymap unix - - n - - proxymap
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""

# The queue layout postfix-files would make: (name, mode, group).
QUEUE_DIRS = [
    ("active", 0o700, None), ("bounce", 0o700, None),
    ("corrupt", 0o700, None), ("defer", 0o700, None),
    ("deferred", 0o700, None), ("flush", 0o700, None),
    ("hold", 0o700, None), ("incoming", 0o700, None),
    ("private", 0o700, None), ("saved", 0o700, None),
    ("trace", 0o700, None), ("public", 0o710, "postdrop"),
    ("maildrop", 0o1730, "postdrop"),
]


class Postfix:
    """One private Postfix instance: start() it, connect(), stop() it."""

    def __init__(self):
        self.tmp = None
        self.proc = None
        self.port = self.tls_port = None

    # -- setup ---------------------------------------------------------------

    @staticmethod
    def check_available():
        """Say why Postfix cannot run here, or None."""
        if not os.path.exists(POSTFIX):
            return ("Postfix is not installed (%s missing; "
                    "run scripts/postfix-deps.sh)" % POSTFIX)
        if not hasattr(os, "geteuid") or os.geteuid() != 0:
            return "Postfix's master(8) must run as root"
        for what, lookup, name in (("user", pwd.getpwnam, "postfix"),
                                   ("group", grp.getgrnam, "postdrop")):
            try:
                lookup(name)
            except KeyError:
                return "the %s %r that Postfix runs as does not exist" % (what, name)
        if not shutil.which("openssl"):
            return "openssl is missing (it makes the STARTTLS certificate)"
        return None

    def master_path(self):
        out = subprocess.run([POSTCONF, "-d", "-h", "daemon_directory"],
                             capture_output=True, text=True, check=True)
        return os.path.join(out.stdout.strip(), "master")

    def prepare(self):
        """Write configuration, queue and certificate under a fresh temp dir."""
        self.tmp = tempfile.mkdtemp(prefix="sc-postfix-")
        os.chmod(self.tmp, 0o755)       # the postfix user must get through
        self.conf = os.path.join(self.tmp, "etc")
        self.queue = os.path.join(self.tmp, "spool")
        self.data = os.path.join(self.tmp, "data")
        self.log = os.path.join(self.tmp, "maillog")
        uid = pwd.getpwnam("postfix").pw_uid
        postdrop = grp.getgrnam("postdrop").gr_gid
        os.mkdir(self.conf, 0o755)
        os.mkdir(self.queue, 0o755)     # root-owned, as Postfix wants
        os.mkdir(os.path.join(self.queue, "pid"), 0o755)
        for name, mode, group in QUEUE_DIRS:
            path = os.path.join(self.queue, name)
            os.mkdir(path)
            os.chown(path, uid, postdrop if group else -1)
            os.chmod(path, mode)
        os.mkdir(self.data, 0o700)
        os.chown(self.data, uid, -1)
        self.cert = os.path.join(self.conf, "cert.pem")
        self.key = os.path.join(self.conf, "key.pem")
        r = subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
             "-subj", "/CN=mx." + DOMAIN, "-keyout", self.key,
             "-out", self.cert], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("openssl req failed: " + r.stderr)
        os.chmod(self.key, 0o600)

    def write_config(self):
        users = ", ".join("%s=%s" % (u, u) for u in USERS)
        with open(os.path.join(self.conf, "main.cf"), "w") as f:
            f.write(MAIN_CF.format(
                queue=self.queue, data=self.data, log=self.log, tmp=self.tmp,
                domain=DOMAIN, users=users, cert=self.cert, key=self.key,
                size_limit=SIZE_LIMIT, rcpt_limit=RCPT_LIMIT))
        with open(os.path.join(self.conf, "master.cf"), "w") as f:
            f.write(MASTER_CF.format(port=self.port, tls_port=self.tls_port))
        # Postfix rereads a config file until its mtime is over a second
        # old, in case it is still being written: date ours back, to start
        # two seconds sooner.
        past = time.time() - 60
        for name in ("main.cf", "master.cf"):
            os.utime(os.path.join(self.conf, name), (past, past))

    # -- start and stop ------------------------------------------------------

    def start(self):
        """Start master(8) and wait until both listeners greet."""
        self.prepare()
        master = self.master_path()
        last = None
        for _ in range(3):      # a free port may be taken before master binds
            self.port, self.tls_port = free_port(), free_port()
            if self.port == self.tls_port:
                continue
            self.write_config()
            env = dict(os.environ, MAIL_CONFIG=self.conf)
            # -d: stay in the foreground, so this process owns it. Its own
            # process group: master(8) stops its children by signalling its
            # group, and we can sweep up anything left in it.
            self.stderr = open(os.path.join(self.tmp, "master.stderr"), "wb")
            self.proc = subprocess.Popen(
                [master, "-c", self.conf, "-d"], env=env,
                stdin=subprocess.DEVNULL, stdout=self.stderr,
                stderr=subprocess.STDOUT, start_new_session=True)
            last = self.wait_ready()
            if last is None:
                return
            self.stop_master()
        raise RuntimeError("Postfix did not start: %s\n%s" % (last, self.log_tail()))

    def wait_ready(self):
        """None once both ports greet with 220, else why not."""
        deadline = time.monotonic() + START_TIMEOUT
        pending = [self.port, self.tls_port]
        why = "timed out"
        while pending and time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return "master exited with status %d" % self.proc.returncode
            try:
                with socket.create_connection(("127.0.0.1", pending[0]),
                                              timeout=2) as s:
                    s.settimeout(5)
                    banner = s.recv(512)
                    s.sendall(b"QUIT\r\n")
                if banner.startswith(b"220 "):
                    pending.pop(0)
                    continue
                why = "banner %r" % banner
            except OSError as e:
                why = str(e)
            time.sleep(0.1)
        return None if not pending else why

    def stop_master(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        try:                    # children master(8) left behind, if any
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc = None
        self.stderr.close()

    def stop(self):
        """Stop master(8) and its children, remove every file. Idempotent."""
        try:
            self.stop_master()
        finally:
            if self.tmp:
                shutil.rmtree(self.tmp, ignore_errors=True)
                self.tmp = None

    def log_tail(self, lines=30):
        out = []
        for path in (self.log, os.path.join(self.tmp or "", "master.stderr")):
            try:
                with open(path, errors="replace") as f:
                    out += f.read().splitlines()[-lines:]
            except OSError:
                pass
        return "\n".join(out)

    # -- sessions ------------------------------------------------------------

    def connect(self, tls_port=False):
        """An smtplib session, after EHLO."""
        port = self.tls_port if tls_port else self.port
        smtp = smtplib.SMTP("127.0.0.1", port, local_hostname="client.example",
                            timeout=SMTP_TIMEOUT)
        code, msg = smtp.ehlo()
        if code != 250:
            smtp.close()
            raise RuntimeError("EHLO failed: %d %r" % (code, msg))
        return smtp


# ---------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------

class PostfixRepliesTest(unittest.TestCase):
    """Each scenario provokes one real reply; parse must judge it right."""

    postfix = None

    @classmethod
    def setUpClass(cls):
        why = Postfix.check_available()
        if why:
            unavailable(why)
        cls.postfix = Postfix()
        atexit.register(cls.postfix.stop)   # even if the run is interrupted
        try:
            cls.postfix.start()
        except BaseException:
            cls.postfix.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.postfix is not None:
            cls.postfix.stop()

    def session(self, tls_port=False):
        return self.postfix.connect(tls_port=tls_port)

    def assertReply(self, got, code, phrase):
        """Postfix really said this: smtplib's (code, bytes) as expected."""
        self.assertEqual((got[0], type(got[1])), (code, bytes),
                         "Postfix replied %r" % (got,))
        self.assertIn(phrase, got[1], "Postfix replied %r" % (got,))

    def assertVerdict(self, code, message, **want):
        """parse() of the rebuilt raw reply, as bytes and as str, has want."""
        raw = reply_bytes(code, message)
        verdict = statuscodes.parse(raw)
        self.assertIsInstance(verdict, dict)
        context = "parse(%r) returned %r" % (raw, verdict)
        expected = {"code": code, "class": "%dxx" % (code // 100),
                    "known": True}
        expected.update(want)
        for key, value in expected.items():
            self.assertEqual(verdict.get(key), value,
                             "%s: %s" % (key, context))
        self.assertIsInstance(verdict.get("why"), str, context)
        self.assertTrue(verdict["why"], context)
        self.assertIsInstance(verdict.get("text"), str, context)
        self.assertEqual(statuscodes.parse(raw.decode("ascii")), verdict,
                         "str and bytes differ: " + context)
        return verdict

    def assertFixFirst(self, code, message, enhanced, reason):
        """A permanent failure the sending side must fix before retrying."""
        return self.assertVerdict(code, message, enhanced=enhanced,
                                  permanent=True, retryable=False,
                                  action="fix", reason=reason)

    # -- recipients ----------------------------------------------------------

    def test_unknown_recipient(self):
        # The usual client path: sendmail() raises with every refused
        # recipient's (code, message).
        with self.session() as smtp:
            with self.assertRaises(smtplib.SMTPRecipientsRefused) as caught:
                smtp.sendmail(SENDER, ["nobody@" + DOMAIN],
                              b"Subject: hello\r\n\r\nhello\r\n")
        got = caught.exception.recipients["nobody@" + DOMAIN]
        # 550 5.1.1 <nobody@test.example>: Recipient address rejected:
        #   User unknown in local recipient table
        self.assertReply(got, 550, b"User unknown in local recipient table")
        v = self.assertVerdict(*got, enhanced="5.1.1", permanent=True,
                               retryable=False, action="suppress",
                               reason="user_unknown")
        self.assertIn("User unknown", v["text"])

    def test_relay_denied(self):
        with self.session() as smtp:
            self.assertEqual(smtp.mail(SENDER)[0], 250)
            got = smtp.rcpt("someone@elsewhere.example")
        # 554 5.7.1 <someone@elsewhere.example>: Relay access denied
        self.assertReply(got, 554, b"Relay access denied")
        # The sender must use its own submission server or authenticate.
        self.assertFixFirst(*got, enhanced="5.7.1", reason="relay_denied")

    def test_too_many_recipients(self):
        with self.session() as smtp:
            self.assertEqual(smtp.mail(SENDER)[0], 250)
            for user in USERS:
                self.assertEqual(smtp.rcpt("%s@%s" % (user, DOMAIN))[0], 250)
            got = smtp.rcpt("alice@" + DOMAIN)
            smtp.rset()
        # 452 4.5.3 Error: too many recipients
        self.assertReply(got, 452, b"too many recipients")
        # RFC 5321 4.5.3.1.10: send the rest in another transaction later.
        self.assertVerdict(*got, enhanced="4.5.3", permanent=False,
                           retryable=True, action="retry",
                           reason="too_many_recipients")

    # -- protocol errors -----------------------------------------------------

    def test_bad_command_sequence(self):
        with self.session() as smtp:
            got = smtp.rcpt("alice@" + DOMAIN)      # no MAIL FROM first
        # 503 5.5.1 Error: need MAIL command
        self.assertReply(got, 503, b"need MAIL command")
        self.assertFixFirst(*got, enhanced="5.5.1", reason="syntax_error")

    def test_unknown_command(self):
        with self.session() as smtp:
            got = smtp.docmd("FROBNICATE")
        # Postfix says 500 (not 502): 500 5.5.2 Error: command not recognized
        self.assertReply(got, 500, b"command not recognized")
        self.assertFixFirst(*got, enhanced="5.5.2", reason="syntax_error")

    def test_bad_parameter(self):
        with self.session() as smtp:
            got = smtp.mail(SENDER, ["FOO=BAR"])
        # 555 5.5.4 Unsupported option: FOO=BAR
        self.assertReply(got, 555, b"Unsupported option")
        self.assertFixFirst(*got, enhanced="5.5.4", reason="syntax_error")

    def test_authentication_not_enabled(self):
        # The client sent AUTH to a server that never offered it (no AUTH in
        # its EHLO reply). That is not "authentication required" (the server
        # asks for none: supplying credentials would not help) nor a failed
        # login: it is a command the server does not take in this session,
        # 503 "bad sequence" with 5.5.1 "invalid command". So syntax_error,
        # and the fix is on the sending side: do not send AUTH unless EHLO
        # advertises it.
        with self.session() as smtp:
            self.assertFalse(smtp.has_extn("auth"))
            token = base64.b64encode(b"\0alice\0secret").decode("ascii")
            got = smtp.docmd("AUTH", "PLAIN " + token)
        # 503 5.5.1 Error: authentication not enabled
        self.assertReply(got, 503, b"authentication not enabled")
        self.assertFixFirst(*got, enhanced="5.5.1", reason="syntax_error")

    # -- message size --------------------------------------------------------

    def test_message_too_large_by_size(self):
        # sendmail() declares SIZE= on MAIL FROM because the server
        # advertises SIZE; Postfix refuses before any data is sent.
        body = b"Subject: big\r\n\r\n" + b"x" * (2 * SIZE_LIMIT) + b"\r\n"
        with self.session() as smtp:
            self.assertEqual(smtp.esmtp_features.get("size"), str(SIZE_LIMIT))
            with self.assertRaises(smtplib.SMTPSenderRefused) as caught:
                smtp.sendmail(SENDER, ["alice@" + DOMAIN], body)
        got = (caught.exception.smtp_code, caught.exception.smtp_error)
        # 552 5.3.4 Message size exceeds fixed limit
        self.assertReply(got, 552, b"Message size exceeds fixed limit")
        self.assertFixFirst(*got, enhanced="5.3.4", reason="message_too_large")

    def test_message_too_large_in_data(self):
        # No SIZE= declared: Postfix only finds out while reading DATA.
        line = b"x" * 70 + b"\r\n"
        body = b"Subject: big\r\n\r\n" + line * (2 * SIZE_LIMIT // len(line))
        with self.session() as smtp:
            self.assertEqual(smtp.mail(SENDER)[0], 250)
            self.assertEqual(smtp.rcpt("alice@" + DOMAIN)[0], 250)
            got = smtp.data(body)
        # 552 5.3.4 Error: message file too big
        self.assertReply(got, 552, b"message file too big")
        self.assertFixFirst(*got, enhanced="5.3.4", reason="message_too_large")

    # -- TLS -----------------------------------------------------------------

    def test_starttls_required(self):
        with self.session(tls_port=True) as smtp:
            self.assertTrue(smtp.has_extn("starttls"))
            got = smtp.mail(SENDER)
        # 530 5.7.0 Must issue a STARTTLS command first. 530 5.7.0 is also
        # RFC 4954's "Authentication required": the text must decide.
        self.assertReply(got, 530, b"Must issue a STARTTLS command first")
        self.assertFixFirst(*got, enhanced="5.7.0", reason="tls_required")

    # -- success, for contrast -----------------------------------------------

    def test_accepted_recipient(self):
        with self.session() as smtp:
            self.assertEqual(smtp.mail(SENDER)[0], 250)
            got = smtp.rcpt("alice@" + DOMAIN)
            smtp.rset()
        # 250 2.1.5 Ok
        self.assertReply(got, 250, b"Ok")
        self.assertVerdict(*got, enhanced="2.1.5", permanent=None,
                           action="none")


if __name__ == "__main__":
    unittest.main()
