#!/usr/bin/env python3
"""Interop tests: our CLI tools (tls_licence_tools, signature) against real peers.

Peers (installed by scripts/setup-peers.sh into tests/interop/.venv and tests/interop/node_modules):
  * PyPI tls-sig-api 1.4   (v1, ECDSA via pyOpenSSL)  -> module TLSSigAPI
  * PyPI tls-sig-api-v2 1.1 (v2, HMAC-SHA256)          -> module TLSSigAPIv2
  * npm  tls-sig-api-v2 1.0.2 (v2)                     -> driven through node_peer.js
plus independent checks with OpenSSL (through `cryptography` and pyOpenSSL) and Python's hmac.

Run through tests/interop/run.sh. Environment:
  TLS_LICENCE_TOOLS, SIGNATURE_BIN  paths of our binaries (default target/release/...)
  INTEROP_FILTER                    only run tests whose name contains this substring
Prints one line per test, then `interop: N passed, M failed`; exits 1 if anything failed.

Notes on the peers, from their installed source:
  * tls-sig-api 1.4 writes every field as a JSON string with json.dumps (ASCII-escaped, ", " / ": "),
    TLS.appid_at_3rd = "" (empty), TLS.account_type = "0", TLS.version = "20151204",
    TLS.time = "%d" % time.time(), TLS.expire_after = "%d" % expire; zlib level 6.
    Its tls_verify_sig() is broken as shipped: it passes the PKey from load_publickey() to
    OpenSSL.crypto.verify(), which wants an X509 (AttributeError '_x509'). We call it with the public
    key wrapped in an X509 object (PeerV1 below), which is the only change; the rest (decode, inflate,
    rebuild the six lines, EVP_VerifyFinal) is the peer's own code. It raises on failure, returns None.
    It has no userbuf support and never compares identifier/sdkappid/expiry (its __check_field is dead
    code), so it only proves the signature.
  * tls-sig-api-v2 (PyPI) and tls-sig-api-v2 (npm) only generate; neither has a verify function. We
    check our v2 tickets with each peer's own HMAC routine (PyPI: TLSSigAPIv2._TLSSigAPIv2__hmacsha256,
    npm: Api.prototype._hmacsha256) and with Python's hmac.
"""
import base64
import contextlib
import hashlib
import hmac
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
import zlib

warnings.simplefilter("ignore")  # pyOpenSSL's sign()/verify() DeprecationWarnings

import OpenSSL  # noqa: E402
import TLSSigAPI  # noqa: E402  (PyPI tls-sig-api 1.4)
import TLSSigAPIv2  # noqa: E402  (PyPI tls-sig-api-v2)
from cryptography.exceptions import InvalidSignature  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
KEYS = os.path.join(ROOT, "tests", "data", "keys")
TOOLS = os.environ.get("TLS_LICENCE_TOOLS", os.path.join(ROOT, "target", "release", "tls_licence_tools"))
SIGNATURE = os.environ.get("SIGNATURE_BIN", os.path.join(ROOT, "target", "release", "signature"))
WORK = tempfile.mkdtemp(prefix="tls-sig-interop-")

CURVES = {"p256": ec.SECP256R1, "k256": ec.SECP256K1}
SDKAPPID = {"p256": 1400187352, "k256": 1400001052}  # k256 keys belong to old (<=2017) apps
V1_SIGNED_FIELDS = ["TLS.appid_at_3rd", "TLS.account_type", "TLS.identifier", "TLS.sdk_appid",
                    "TLS.time", "TLS.expire_after"]
DEFAULT_EXPIRE = 180 * 86400

# Identifiers: what the peers and our CLI must carry byte for byte.
IDS_COMMON = ["xiaojun", "user_01-A.b@c", "中文用户", "emoji😀👍🏽", "0", "a" * 300]
IDS_NASTY = ['quote"inside', "back\\slash", '"\\"\\\\', "tab\there", "ctl\x01\x1f", "json\",\"x\":\"y",
             "</script>&<>'", " lead and trail ", "é\u0301\u200b\ufeff", "𝕏" * 40, "x" * 4096]


# ------------------------------------------------------------------------------------------------
# tiny harness
# ------------------------------------------------------------------------------------------------
TESTS = []


def case(name, fn, *args, **kw):
    TESTS.append((name, lambda: fn(*args, **kw)))


class Fail(AssertionError):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


def eq(got, want, what):
    if got != want:
        raise Fail("%s: expected %r, got %r" % (what, want, got))


def short(s, n=300):
    s = repr(s)
    return s if len(s) <= n else s[:n] + "...(%d chars)" % len(s)


# ------------------------------------------------------------------------------------------------
# ticket codec (SPEC 1.4) and helpers
# ------------------------------------------------------------------------------------------------
def b64_tls_decode(ticket):
    s = "".join(ticket.split()).replace("*", "+").replace("-", "/").replace("_", "=")
    return base64.b64decode(s, validate=True)


def no_dup_object(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise Fail("duplicate JSON keys: %r" % keys)
    return dict(pairs)


def decode_ticket(ticket):
    """-> (dict, raw json text). Strict: valid alphabet, zlib wrapper, JSON object, no duplicate keys."""
    check(re.fullmatch(r"[A-Za-z0-9*\-_]+", ticket) is not None,
          "ticket has characters outside [A-Za-z0-9*-_]: %s" % short(ticket))
    raw = zlib.decompress(b64_tls_decode(ticket))  # zlib.decompress requires the RFC 1950 wrapper
    text = raw.decode("utf-8")
    doc = json.loads(text, object_pairs_hook=no_dup_object)
    check(isinstance(doc, dict), "ticket JSON is not an object")
    return doc, text


def v1_signed_text(doc, userbuf=False):
    text = "".join("%s:%s\n" % (f, doc[f]) for f in V1_SIGNED_FIELDS)
    if userbuf:
        text += "TLS.userbuf:%s\n" % doc["TLS.userbuf"]
    return text.encode("utf-8")


def v2_signed_text(doc):
    text = "TLS.identifier:%s\nTLS.sdkappid:%d\nTLS.time:%d\nTLS.expire:%d\n" % (
        doc["TLS.identifier"], doc["TLS.sdkappid"], doc["TLS.time"], doc["TLS.expire"])
    if "TLS.userbuf" in doc:
        text += "TLS.userbuf:%s\n" % doc["TLS.userbuf"]
    return text.encode("utf-8")


def keyfile(name):
    return os.path.join(KEYS, name)


def read_key(name):
    with open(keyfile(name), "rb") as f:
        return f.read()


def pub_obj(curve):
    return serialization.load_pem_public_key(read_key("%s_public_key.pem" % curve))


def manifest():
    rows = []
    with open(keyfile("MANIFEST.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


_seq = [0]


def tmpfile(content=None, binary=False):
    _seq[0] += 1
    p = os.path.join(WORK, "f%05d" % _seq[0])
    if content is not None:
        if binary:
            with open(p, "wb") as f:
                f.write(content)
        else:
            with open(p, "w", encoding="utf-8", newline="") as f:
                f.write(content)
    return p


_other_keys = {}


def other_key(curve):
    """A second, unrelated key pair on the same curve, made on the fly (for wrong-key tests)."""
    if curve not in _other_keys:
        k = ec.generate_private_key(CURVES[curve]())
        pri = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
        pub = k.public_key().public_bytes(serialization.Encoding.PEM,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
        _other_keys[curve] = (tmpfile(pri, binary=True), tmpfile(pub, binary=True))
    return _other_keys[curve]


# ------------------------------------------------------------------------------------------------
# our CLI
# ------------------------------------------------------------------------------------------------
def run(argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def cli_gen(cmd, key, sdkappid, ident, *extra):
    """Run a gen* subcommand; returns the ticket written to sig_file (asserts success)."""
    out = tmpfile()
    rc, so, se = run([TOOLS, cmd, key, out, str(sdkappid), ident] + [str(x) for x in extra])
    check(rc == 0, "%s exited %d; stdout=%s stderr=%s" % (cmd, rc, short(so), short(se)))
    check("generate sig ok" in so, "%s did not print 'generate sig ok': %s" % (cmd, short(so)))
    with open(out, encoding="utf-8") as f:
        ticket = f.read()
    check(ticket.strip() != "", "%s wrote an empty sig_file" % cmd)
    return ticket.strip()


_verify_re = re.compile(r"^expire (-?\d+) init time (-?\d+)\s*$", re.M)
_fail_re = re.compile(r"check sig faild: (-?\d+):")


def cli_verify(cmd, key, ticket, sdkappid, ident, *extra, ticket_is_file=False):
    """Run a verify* subcommand. Returns (code, expire, init). Asserts the output is consistent:
    exit 0 <=> 'verify sig ok' + 'expire E init time T'; failure <=> non-zero exit +
    'check sig faild: CODE:msg'."""
    path = ticket if ticket_is_file else tmpfile(ticket)
    rc, so, se = run([TOOLS, cmd, key, path, str(sdkappid), ident] + [str(x) for x in extra])
    both = so + se
    if rc == 0:
        check("verify sig ok" in so, "%s exit 0 but no 'verify sig ok': %s" % (cmd, short(both)))
        m = _verify_re.search(so)
        check(m is not None, "%s exit 0 but no 'expire <e> init time <t>' line: %s" % (cmd, short(so)))
        return 0, int(m.group(1)), int(m.group(2))
    m = _fail_re.search(both)
    check(m is not None, "%s exited %d without 'check sig faild: <code>:': %s" % (cmd, rc, short(both)))
    check("verify sig ok" not in so, "%s failed but printed 'verify sig ok'" % cmd)
    code = int(m.group(1))
    check(code != 0, "%s printed failure code 0" % cmd)
    return code, None, None


def cli_dump(ticket):
    rc, so, se = run([TOOLS, "dump", ticket])
    check(rc == 0, "dump exited %d: %s" % (rc, short(so + se)))
    return json.loads(so)


def expect_ok(res, doc, exp_field="TLS.expire_after", time_field="TLS.time", what="verify"):
    code, e, t = res
    eq(code, 0, what + " code")
    eq(e, int(doc[exp_field]), what + " printed expire vs ticket %s" % exp_field)
    eq(t, int(doc[time_field]), what + " printed init time vs ticket %s" % time_field)


def expect_ok_or_expired(res, doc, what="verify"):
    """For tiny expiries (0, 1 s) a second may pass between gen and verify: then 9 is the right answer."""
    if res[0] == 9:
        check(time.time() > int(doc["TLS.time"]) + int(doc["TLS.expire_after"]),
              "%s: code 9 (expired) but time %s + expire_after %s is not yet past"
              % (what, doc["TLS.time"], doc["TLS.expire_after"]))
        return
    expect_ok(res, doc, what=what)


def expect_code(res, code, what):
    eq(res[0], code, what + " code")


# ------------------------------------------------------------------------------------------------
# peers
# ------------------------------------------------------------------------------------------------
class FrozenTime:
    def __init__(self, now):
        self.now = now

    def time(self):
        return float(self.now)


@contextlib.contextmanager
def peer_clock(module, now):
    """Freeze the peer module's `time` (it calls time.time()) to make old / expired tickets."""
    if now is None:
        yield
        return
    real = module.time
    module.time = FrozenTime(now)
    try:
        yield
    finally:
        module.time = real


class PeerV1(TLSSigAPI.TLSSigAPI):
    """tls-sig-api 1.4 with its one shipping bug worked around (see module doc)."""

    def _TLSSigAPI__get_pub_key(self):
        pk = OpenSSL.crypto.load_publickey(OpenSSL.crypto.FILETYPE_PEM, self._pub_pem)
        x509 = OpenSSL.crypto.X509()
        x509.set_pubkey(pk)
        return x509


def peer_v1(curve, sdkappid):
    pri = read_key("%s_private_key.pem" % curve).decode()
    pub = read_key("%s_public_key.pem" % curve).decode()
    api = PeerV1(sdkappid, pri, pub)
    api._pub_pem = pub
    return api


def peer_v1_gen(curve, sdkappid, ident, expire=None, now=None):
    api = peer_v1(curve, sdkappid)
    with peer_clock(TLSSigAPI, now):
        return api.gen_sig(ident) if expire is None else api.gen_sig(ident, expire)


def peer_v1_verify(curve, ticket, ident):
    """The PyPI peer's own verify. Raises on a bad signature."""
    api = peer_v1(curve, 0)
    with contextlib.redirect_stdout(io.StringIO()):  # it prints the key and None
        api.tls_verify_sig(ticket.encode(), ident)


def peer_v2py_gen(key, sdkappid, ident, expire=DEFAULT_EXPIRE, userbuf=None, now=None):
    api = TLSSigAPIv2.TLSSigAPIv2(sdkappid, key)
    with peer_clock(TLSSigAPIv2, now):
        if userbuf is None:
            return api.gen_sig(ident, expire)
        return api.gen_sig_with_userbuf(ident, expire, userbuf)


def peer_v2py_hmac(key, doc):
    api = TLSSigAPIv2.TLSSigAPIv2(doc["TLS.sdkappid"], key)
    return api._TLSSigAPIv2__hmacsha256(doc["TLS.identifier"], doc["TLS.time"], doc["TLS.expire"],
                                        doc.get("TLS.userbuf")).decode()


def node(requests):
    p = subprocess.run(["node", os.path.join(HERE, "node_peer.js")], input=json.dumps(requests).encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=HERE, timeout=60)
    check(p.returncode == 0, "node_peer.js exited %d: %s" % (p.returncode, p.stderr.decode()[-2000:]))
    out = json.loads(p.stdout)
    for r in out:
        check("error" not in r, "npm peer error: %s" % r.get("error"))
    return out


def node1(**req):
    return node([req])[0]


# ------------------------------------------------------------------------------------------------
# independent v1 check of OUR tickets: rebuild the signed text, verify the DER signature with OpenSSL
# ------------------------------------------------------------------------------------------------
def check_our_v1(ticket, curve, sdkappid, ident, expire, userbuf=None, t0=None, t1=None):
    doc, _ = decode_ticket(ticket)
    want = {"TLS.account_type", "TLS.identifier", "TLS.appid_at_3rd", "TLS.sdk_appid", "TLS.expire_after",
            "TLS.version", "TLS.time", "TLS.sig"} | ({"TLS.userbuf"} if userbuf is not None else set())
    eq(set(doc), want, "v1 ticket field names")
    for k, v in doc.items():
        check(isinstance(v, str), "field %s is not a JSON string: %r" % (k, v))
    eq(doc["TLS.identifier"], ident, "TLS.identifier")
    eq(doc["TLS.sdk_appid"], str(sdkappid), "TLS.sdk_appid")
    eq(doc["TLS.account_type"], "0", "TLS.account_type")
    eq(doc["TLS.appid_at_3rd"], "0", "TLS.appid_at_3rd")
    eq(doc["TLS.expire_after"], str(expire), "TLS.expire_after")
    eq(doc["TLS.version"], "201803230000", "TLS.version")
    check(re.fullmatch(r"[0-9]+", doc["TLS.time"]) is not None, "TLS.time not decimal: %r" % doc["TLS.time"])
    if t0 is not None:
        check(t0 <= int(doc["TLS.time"]) <= t1, "TLS.time %s not within [%d, %d]" % (doc["TLS.time"], t0, t1))
    if userbuf is not None:
        eq(doc["TLS.userbuf"], base64.b64encode(userbuf).decode(), "TLS.userbuf")
    der = base64.b64decode(doc["TLS.sig"], validate=True)
    # OpenSSL via cryptography: DER-encoded ECDSA/SHA-256 over the rebuilt text.
    try:
        pub_obj(curve).verify(der, v1_signed_text(doc, userbuf is not None), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise Fail("OpenSSL (cryptography) rejects our signature over the rebuilt signed text")
    # The DER must be canonical: re-encoding (r, s) gives the same bytes.
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
    eq(encode_dss_signature(*decode_dss_signature(der)), der, "TLS.sig is canonical DER")
    # OpenSSL via pyOpenSSL's crypto.verify, as the peer does.
    x509 = OpenSSL.crypto.X509()
    x509.set_pubkey(OpenSSL.crypto.load_publickey(OpenSSL.crypto.FILETYPE_PEM,
                                                  read_key("%s_public_key.pem" % curve)))
    try:
        OpenSSL.crypto.verify(x509, der, v1_signed_text(doc, userbuf is not None), "sha256")
    except OpenSSL.crypto.Error as e:
        raise Fail("pyOpenSSL crypto.verify rejects our signature: %s" % e)
    return doc


# ------------------------------------------------------------------------------------------------
# 1. PyPI tls-sig-api 1.4 (v1) -> our verify
# ------------------------------------------------------------------------------------------------
def t_pyv1_to_ours(curve, ident, expire):
    sdk = SDKAPPID[curve]
    ticket = peer_v1_gen(curve, sdk, ident, expire)
    doc, _ = decode_ticket(ticket)
    eq(doc["TLS.identifier"], ident, "peer ticket identifier (sanity)")
    expect_ok(cli_verify("verify", keyfile("%s_public_key.pem" % curve), ticket, sdk, ident), doc)
    # and our dump shows the same JSON
    eq(cli_dump(ticket), doc, "dump of the peer ticket")


for _c in CURVES:
    for _i, _id in enumerate(IDS_COMMON + ['q"uote\\back']):
        case("pyv1->verify %s id#%d %s" % (_c, _i, short(_id, 24)), t_pyv1_to_ours, _c, _id, None)
    for _e in (1000, 86400, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1):
        case("pyv1->verify %s expire=%d" % (_c, _e), t_pyv1_to_ours, _c, "xiaojun", _e)


def t_pyv1_pub_forms(curve):
    sdk = SDKAPPID[curve]
    ticket = peer_v1_gen(curve, sdk, "forms", 3600)
    doc, _ = decode_ticket(ticket)
    forms = [r["file"] for r in manifest() if r["role"] == "public" and r["curve"] == curve and r["expect"] == "ok"]
    check(len(forms) >= 6, "manifest lists too few public forms for %s" % curve)
    bad = []
    for f in forms:
        res = cli_verify("verify", keyfile(f), ticket, sdk, "forms")
        if res != (0, int(doc["TLS.expire_after"]), int(doc["TLS.time"])):
            bad.append((f, res))
    check(not bad, "verify with these public key forms gave (code, expire, init) %r" % bad)


def t_pyv1_ticket_file_whitespace(curve):
    sdk = SDKAPPID[curve]
    ticket = peer_v1_gen(curve, sdk, "ws", 3600)
    doc, _ = decode_ticket(ticket)
    pub = keyfile("%s_public_key.pem" % curve)
    for variant, content in (("trailing LF", ticket + "\n"), ("trailing CRLF", ticket + "\r\n"),
                             ("wrapped at 64 with CRLF", "\r\n".join(ticket[i:i + 64] for i in range(0, len(ticket), 64)))):
        path = tmpfile(content)
        res = cli_verify("verify", pub, path, sdk, "ws", ticket_is_file=True)
        check(res[0] == 0, "%s: code %r" % (variant, res[0]))
        expect_ok(res, doc, what="verify (%s)" % variant)


def t_pyv1_errors(curve):
    sdk = SDKAPPID[curve]
    ticket = peer_v1_gen(curve, sdk, "alice", 3600)
    pub = keyfile("%s_public_key.pem" % curve)
    other_curve = "k256" if curve == "p256" else "p256"
    expect_code(cli_verify("verify", other_key(curve)[1], ticket, sdk, "alice"), 8, "wrong key (same curve)")
    expect_code(cli_verify("verify", keyfile("%s_public_key.pem" % other_curve), ticket, sdk, "alice"), 8,
                "wrong key (other curve)")
    expect_code(cli_verify("verify", pub, ticket, sdk, "bob"), 13, "wrong identifier")
    expect_code(cli_verify("verify", pub, ticket, sdk, "alice "), 13, "identifier with a trailing space")
    expect_code(cli_verify("verify", pub, ticket, sdk + 1, "alice"), 14, "wrong sdkappid")
    # wrong key AND wrong identifier: the signature is checked first (SPEC 2, order) -> 8
    expect_code(cli_verify("verify", other_key(curve)[1], ticket, sdk, "bob"), 8, "wrong key + wrong identifier")
    # a plain ticket given to the userbuf check -> 4 (SPEC 2, cross-use)
    expect_code(cli_verify("verifyuser", pub, ticket, sdk, "alice"), 4, "plain v1 ticket to verifyuser")


def t_pyv1_expired(curve):
    sdk = SDKAPPID[curve]
    now = int(time.time())
    pub = keyfile("%s_public_key.pem" % curve)
    old = peer_v1_gen(curve, sdk, "old", 100, now=now - 1000)
    expect_code(cli_verify("verify", pub, old, sdk, "old"), 9, "expired peer ticket (time=now-1000, expire=100)")
    # old but still valid: the printed init time is the ticket's, not now
    ok = peer_v1_gen(curve, sdk, "old", 100000, now=now - 1000)
    doc, _ = decode_ticket(ok)
    eq(doc["TLS.time"], str(now - 1000), "peer honoured the frozen clock (sanity)")
    expect_ok(cli_verify("verify", pub, ok, sdk, "old"), doc)


for _c in CURVES:
    case("pyv1->verify %s every public key form" % _c, t_pyv1_pub_forms, _c)
    case("pyv1->verify %s ticket file with whitespace/CRLF" % _c, t_pyv1_ticket_file_whitespace, _c)
    case("pyv1->verify %s error codes 8/13/14/4" % _c, t_pyv1_errors, _c)
    case("pyv1->verify %s expired -> 9" % _c, t_pyv1_expired, _c)


# ------------------------------------------------------------------------------------------------
# 2. our v1 tickets -> PyPI tls-sig-api 1.4 verify + OpenSSL
# ------------------------------------------------------------------------------------------------
def t_ours_v1(curve, ident, cmd, expire=None, userbuf=None, prikey=None):
    sdk = SDKAPPID[curve]
    pri = keyfile(prikey or "%s_private_key.pem" % curve)
    extra = ([] if expire is None else [expire]) + ([] if userbuf is None else [userbuf])
    t0 = int(time.time())
    ticket = cli_gen(cmd, pri, sdk, ident, *extra)
    t1 = int(time.time())
    doc = check_our_v1(ticket, curve, sdk, ident, DEFAULT_EXPIRE if expire is None else expire,
                       None if userbuf is None else userbuf.encode("utf-8"), t0, t1)
    pub = keyfile("%s_public_key.pem" % curve)
    if userbuf is None:
        try:
            peer_v1_verify(curve, ticket, ident)
        except Exception as e:
            raise Fail("PyPI tls-sig-api 1.4 verify rejects our ticket: %s: %s" % (type(e).__name__, e))
        expect_ok_or_expired(cli_verify("verify", pub, ticket, sdk, ident), doc, what="our verify")
    else:
        expect_ok_or_expired(cli_verify("verifyuser", pub, ticket, sdk, ident), doc, what="our verifyuser")
        # a userbuf ticket given to the plain check -> 8 (SPEC 2, cross-use)
        expect_code(cli_verify("verify", pub, ticket, sdk, ident), 8, "userbuf ticket to plain verify")
    eq(cli_dump(ticket), doc, "dump of our ticket")


for _c in CURVES:
    for _i, _id in enumerate(IDS_COMMON + IDS_NASTY):
        case("ours gen->pyv1+openssl %s id#%d %s" % (_c, _i, short(_id, 24)), t_ours_v1, _c, _id, "gen")
    for _e in (0, 1, 3600, 2 ** 31, 2 ** 32 - 1):
        case("ours genexpire->pyv1+openssl %s expire=%d" % (_c, _e), t_ours_v1, _c, "expiry", "genexpire", _e)
    for _i, (_id, _ub) in enumerate([("xiaojun", "hello"), ("中文", "房间1234"), ('q"\\', "ub with spaces\tand\"quotes"),
                                      ("emoji😀", "😀" * 50), ("u", "x" * 3000)]):
        case("ours genuser->openssl %s #%d %s/%s" % (_c, _i, short(_id, 12), short(_ub, 12)),
             t_ours_v1, _c, _id, "genuser", 86400, _ub)


def t_ours_v1_key_forms(curve):
    rows = [r for r in manifest() if r["role"] == "private" and r["curve"] == curve and r["expect"] == "ok"]
    check(len(rows) >= 10, "manifest lists too few private forms for %s" % curve)
    bad = []
    for r in rows:
        try:
            t_ours_v1(curve, "form-" + r["file"], "genexpire", 7200, prikey=r["file"])
        except Exception as e:
            bad.append("%s: %s" % (r["file"], e))
    check(not bad, "gen failed with these private key forms:\n    " + "\n    ".join(bad))


def t_ours_bad_private(row):
    out = tmpfile()
    rc, so, se = run([TOOLS, "gen", keyfile(row["file"]), out, "1400000000", "x"])
    check(rc != 0, "gen with %s (%s) exited 0: %s" % (row["file"], row["form"], short(so + se)))
    check("generate sig ok" not in so, "gen with a bad key printed 'generate sig ok'")
    check(not os.path.exists(out) or os.path.getsize(out) == 0, "gen with a bad key wrote a sig_file")
    # never echo key material
    key = read_key(row["file"]).decode("latin-1")
    for line in key.splitlines():
        line = line.strip()
        if len(line) >= 20 and not line.startswith("-----"):
            check(line not in so + se, "gen printed a line of the key file: %s" % short(line, 80))
    check((so + se).strip() != "", "gen with a bad key printed no message at all")


def t_ours_bad_public(row):
    curve = "p256"
    ticket = cli_gen("gen", keyfile("p256_private_key.pem"), SDKAPPID[curve], "x")
    expect_code(cli_verify("verify", keyfile(row["file"]), ticket, SDKAPPID[curve], "x"), 8,
                "verify with %s (%s)" % (row["file"], row["form"]))


def t_signature_bin(curve):
    sdk = SDKAPPID[curve]
    rc, so, se = run([SIGNATURE, keyfile("%s_private_key.pem" % curve), str(sdk), "php-user"])
    check(rc == 0, "signature exited %d: %s" % (rc, short(so + se)))
    lines = [l for l in so.splitlines() if l.strip()]
    eq(len(lines), 1, "signature prints exactly one non-empty line (the sig)")
    ticket = lines[0].strip()
    doc = check_our_v1(ticket, curve, sdk, "php-user", DEFAULT_EXPIRE)
    peer_v1_verify(curve, ticket, "php-user")
    expect_ok(cli_verify("verify", keyfile("%s_public_key.pem" % curve), ticket, sdk, "php-user"), doc)


for _c in CURVES:
    case("ours gen %s with every private key form -> openssl+pyv1+verify" % _c, t_ours_v1_key_forms, _c)
    case("signature binary %s -> pyv1+openssl+verify" % _c, t_signature_bin, _c)
for _r in manifest():
    if _r["expect"] == "reject" and _r["role"] in ("private", "any"):
        case("ours gen rejects %s" % _r["file"], t_ours_bad_private, _r)
    if _r["expect"] == "reject" and _r["role"] in ("public", "any"):
        case("ours verify rejects %s -> 8" % _r["file"], t_ours_bad_public, _r)


def t_ours_v1_errors(curve):
    sdk = SDKAPPID[curve]
    ticket = cli_gen("genexpire", keyfile("%s_private_key.pem" % curve), sdk, "alice", 3600)
    pub = keyfile("%s_public_key.pem" % curve)
    expect_code(cli_verify("verify", other_key(curve)[1], ticket, sdk, "alice"), 8, "wrong key")
    expect_code(cli_verify("verify", pub, ticket, sdk, "Alice"), 13, "wrong identifier")
    expect_code(cli_verify("verify", pub, ticket, 1400000001, "alice"), 14, "wrong sdkappid")
    # the peer must reject it with the other key too (proves the peer check can fail)
    try:
        api = PeerV1(sdk, "", "")
        with open(other_key(curve)[1], encoding="ascii") as f:
            api._pub_pem = f.read()
        with contextlib.redirect_stdout(io.StringIO()):
            api.tls_verify_sig(ticket.encode(), "alice")
        raise Fail("PyPI peer accepted our ticket with an unrelated public key")
    except OpenSSL.crypto.Error:
        pass
    # genuser with a wrong userbuf key / identifier
    ut = cli_gen("genuser", keyfile("%s_private_key.pem" % curve), sdk, "alice", 3600, "buf")
    expect_code(cli_verify("verifyuser", other_key(curve)[1], ut, sdk, "alice"), 8, "verifyuser wrong key")
    expect_code(cli_verify("verifyuser", pub, ut, sdk, "bob"), 13, "verifyuser wrong identifier")
    expect_code(cli_verify("verifyuser", pub, ut, sdk + 7, "alice"), 14, "verifyuser wrong sdkappid")


for _c in CURVES:
    case("ours v1 %s error codes 8/13/14" % _c, t_ours_v1_errors, _c)


# ------------------------------------------------------------------------------------------------
# 3. v2 (HMAC): PyPI tls-sig-api-v2, npm tls-sig-api-v2 <-> ours
# ------------------------------------------------------------------------------------------------
V2_KEYS = ["5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e",  # the peers' sample secret
           "test-only secret with spaces", "密钥🔑"]
V2_SDK = 1400000000


def v2_mac(key, doc):
    return base64.b64encode(hmac.new(key.encode("utf-8"), v2_signed_text(doc), hashlib.sha256).digest()).decode()


def check_v2_doc(doc, ident, sdk, userbuf_b64=None):
    eq(doc.get("TLS.ver"), "2.0", "TLS.ver")
    eq(doc.get("TLS.identifier"), ident, "TLS.identifier")
    for f in ("TLS.sdkappid", "TLS.time", "TLS.expire"):
        check(isinstance(doc.get(f), int) and not isinstance(doc.get(f), bool) and doc[f] >= 0,
              "%s must be an unsigned JSON number, got %r" % (f, doc.get(f)))
    eq(doc["TLS.sdkappid"], sdk, "TLS.sdkappid")
    eq(doc.get("TLS.userbuf"), userbuf_b64, "TLS.userbuf")


def t_v2_peer_to_ours(peer, key, ident, expire, userbuf):
    if peer == "pypi":
        ticket = peer_v2py_gen(key, V2_SDK, ident, expire, None if userbuf is None else userbuf.encode("utf-8"))
    else:
        ticket = node1(op="gen", sdkappid=V2_SDK, key=key, identifier=ident, expire=expire, userbuf=userbuf)["sig"]
    doc, _ = decode_ticket(ticket)
    ub64 = None if userbuf is None else base64.b64encode(userbuf.encode("utf-8")).decode()
    check_v2_doc(doc, ident, V2_SDK, ub64)
    eq(doc["TLS.sig"], v2_mac(key, doc), "peer MAC vs Python hmac (sanity)")
    if userbuf is None:
        expect_ok(cli_verify("verify2", key, ticket, V2_SDK, ident), doc, "TLS.expire", what="verify2")
        expect_code(cli_verify("verify2", key + "x", ticket, V2_SDK, ident), 8, "verify2 wrong key")
    else:
        expect_ok(cli_verify("verify2user", key, ticket, V2_SDK, ident, userbuf), doc, "TLS.expire",
                  what="verify2user")
        expect_code(cli_verify("verify2user", key, ticket, V2_SDK, ident, userbuf + "!"), 15,
                    "verify2user wrong userbuf")
        expect_code(cli_verify("verify2user", key + "x", ticket, V2_SDK, ident, userbuf), 8,
                    "verify2user wrong key")
        expect_code(cli_verify("verify2", key, ticket, V2_SDK, ident), 8, "v2 userbuf ticket to plain verify2")
    expect_code(cli_verify("verify2", key, ticket, V2_SDK, ident + "x"), 13, "verify2 wrong identifier")
    expect_code(cli_verify("verify2", key, ticket, V2_SDK + 1, ident), 14, "verify2 wrong sdkappid")
    eq(cli_dump(ticket), doc, "dump of the peer v2 ticket")


for _p in ("pypi", "npm"):
    for _k in V2_KEYS:
        for _i, _id in enumerate(["xiaojun", "中文", "emoji😀", 'q"uote\\back', "a" * 300]):
            case("%s v2->verify2 key=%s id#%d %s" % (_p, short(_k, 10), _i, short(_id, 16)),
                 t_v2_peer_to_ours, _p, _k, _id, 86400 * 180, None)
    for _e in (1000, 2 ** 31, 2 ** 32 - 1):
        case("%s v2->verify2 expire=%d" % (_p, _e), t_v2_peer_to_ours, _p, V2_KEYS[0], "xiaojun", _e, None)
    for _i, _ub in enumerate(["abc", "房间1234", "with \"quotes\" and \\", "x" * 2000]):
        case("%s v2 userbuf->verify2user #%d %s" % (_p, _i, short(_ub, 16)),
             t_v2_peer_to_ours, _p, V2_KEYS[0], "xiaojun", 86400, _ub)


def t_v2_expired(peer):
    now = int(time.time())
    if peer == "pypi":
        old = peer_v2py_gen(V2_KEYS[0], V2_SDK, "old", 100, now=now - 1000)
        fresh = peer_v2py_gen(V2_KEYS[0], V2_SDK, "old", 100000, now=now - 1000)
    else:
        old, fresh = [r["sig"] for r in node([
            dict(op="gen", sdkappid=V2_SDK, key=V2_KEYS[0], identifier="old", expire=100, now=now - 1000),
            dict(op="gen", sdkappid=V2_SDK, key=V2_KEYS[0], identifier="old", expire=100000, now=now - 1000)])]
    expect_code(cli_verify("verify2", V2_KEYS[0], old, V2_SDK, "old"), 9, "expired v2 ticket")
    doc, _ = decode_ticket(fresh)
    eq(doc["TLS.time"], now - 1000, "peer honoured the frozen clock (sanity)")
    expect_ok(cli_verify("verify2", V2_KEYS[0], fresh, V2_SDK, "old"), doc, "TLS.expire", what="verify2")


def t_npm_privatemapkey():
    r = node1(op="privatemapkey", sdkappid=V2_SDK, key=V2_KEYS[0], identifier="trtc-user", expire=300,
              roomid=1234, privilege=255)
    doc, _ = decode_ticket(r["sig"])
    check_v2_doc(doc, "trtc-user", V2_SDK, r["userbuf_b64"])
    check(b"\x00" in base64.b64decode(r["userbuf_b64"]), "binary userbuf (sanity)")
    eq(doc["TLS.sig"], v2_mac(V2_KEYS[0], doc), "peer MAC vs Python hmac (sanity)")
    # binary userbuf cannot be passed on a command line; the plain check must refuse it with 8 (SPEC 2)
    expect_code(cli_verify("verify2", V2_KEYS[0], r["sig"], V2_SDK, "trtc-user"), 8,
                "PrivateMapKey (v2 userbuf ticket) to plain verify2")
    eq(cli_dump(r["sig"]), doc, "dump of a PrivateMapKey")


for _p in ("pypi", "npm"):
    case("%s v2 expired -> 9, old-but-valid -> 0" % _p, t_v2_expired, _p)
case("npm v2 genPrivateMapKey -> verify2 8, dump", t_npm_privatemapkey)


def t_ours_v2(key, ident, userbuf):
    t0 = int(time.time())
    ticket = (cli_gen("gen2", key, V2_SDK, ident) if userbuf is None
              else cli_gen("gen2user", key, V2_SDK, ident, userbuf))
    t1 = int(time.time())
    doc, _ = decode_ticket(ticket)
    ub64 = None if userbuf is None else base64.b64encode(userbuf.encode("utf-8")).decode()
    check_v2_doc(doc, ident, V2_SDK, ub64)
    want = {"TLS.ver", "TLS.identifier", "TLS.sdkappid", "TLS.time", "TLS.expire", "TLS.sig"}
    eq(set(doc), want | ({"TLS.userbuf"} if userbuf is not None else set()), "v2 field names")
    check(t0 <= doc["TLS.time"] <= t1, "TLS.time %r not within [%d, %d]" % (doc["TLS.time"], t0, t1))
    eq(doc["TLS.expire"], DEFAULT_EXPIRE, "TLS.expire (gen2 default)")
    eq(doc["TLS.sig"], v2_mac(key, doc), "our MAC vs Python hmac")
    eq(doc["TLS.sig"], peer_v2py_hmac(key, doc), "our MAC vs the PyPI peer's own __hmacsha256")
    nres = node1(op="hmac", sdkappid=doc["TLS.sdkappid"], key=key, identifier=doc["TLS.identifier"],
                 time=doc["TLS.time"], expire=doc["TLS.expire"], userbuf_b64=doc.get("TLS.userbuf"))
    eq(doc["TLS.sig"], nres["sig"], "our MAC vs the npm peer's own _hmacsha256")
    eq(json.loads(node1(op="decode", ticket=ticket)["json"]), doc, "npm-side decode of our ticket")
    if userbuf is None:
        expect_ok(cli_verify("verify2", key, ticket, V2_SDK, ident), doc, "TLS.expire", what="verify2")
        expect_code(cli_verify("verify2", key[:-1], ticket, V2_SDK, ident), 8, "verify2 wrong key")
    else:
        expect_ok(cli_verify("verify2user", key, ticket, V2_SDK, ident, userbuf), doc, "TLS.expire",
                  what="verify2user")
        expect_code(cli_verify("verify2user", key, ticket, V2_SDK, ident, "other"), 15, "verify2user wrong userbuf")
    eq(cli_dump(ticket), doc, "dump of our v2 ticket")


for _k in V2_KEYS:
    for _i, _id in enumerate(IDS_COMMON + IDS_NASTY[:8]):
        case("ours gen2->hmac+peers key=%s id#%d %s" % (short(_k, 10), _i, short(_id, 16)),
             t_ours_v2, _k, _id, None)
for _i, _ub in enumerate(["abc", "房间1234", "q\"\\ \t", "😀" * 100]):
    case("ours gen2user->hmac+peers #%d %s" % (_i, short(_ub, 16)), t_ours_v2, V2_KEYS[0], "xiaojun", _ub)


def t_ours_v2_errors():
    key = V2_KEYS[0]
    ticket = cli_gen("gen2", key, V2_SDK, "alice")
    expect_code(cli_verify("verify2", "wrong", ticket, V2_SDK, "alice"), 8, "wrong key")
    expect_code(cli_verify("verify2", key, ticket, V2_SDK, "bob"), 13, "wrong identifier")
    expect_code(cli_verify("verify2", key, ticket, V2_SDK + 1, "alice"), 14, "wrong sdkappid")
    # order: identifier and sdkappid are checked before the MAC (SPEC 2, v2)
    expect_code(cli_verify("verify2", "wrong", ticket, V2_SDK, "bob"), 13, "wrong key + wrong identifier")
    expect_code(cli_verify("verify2", "wrong", ticket, V2_SDK + 1, "alice"), 14, "wrong key + wrong sdkappid")


case("ours v2 error codes 8/13/14 and their order", t_ours_v2_errors)


# ------------------------------------------------------------------------------------------------
# 4. high-S signatures and legacy ticket shapes signed by OpenSSL (through `cryptography`)
# ------------------------------------------------------------------------------------------------
CURVE_ORDER = {
    "p256": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    "k256": 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141,
}


def t_pyv1_high_s(curve):
    """OpenSSL (the peer) does not normalise S: find a peer ticket with S > n/2, ours must accept it."""
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
    sdk = SDKAPPID[curve]
    for i in range(64):
        ticket = peer_v1_gen(curve, sdk, "highs%d" % i, 3600)
        doc, _ = decode_ticket(ticket)
        _, s_ = decode_dss_signature(base64.b64decode(doc["TLS.sig"]))
        if s_ > CURVE_ORDER[curve] // 2:
            break
    else:
        raise Fail("no high-S signature in 64 peer tickets (sanity)")
    expect_ok(cli_verify("verify", keyfile("%s_public_key.pem" % curve), ticket, sdk, "highs%d" % i), doc)


for _c in CURVES:
    case("pyv1->verify %s high-S signature" % _c, t_pyv1_high_s, _c)


def pri_obj(curve):
    return serialization.load_pem_private_key(read_key("%s_private_key.pem" % curve), None)


def ossl_sign(curve, text):
    return base64.b64encode(pri_obj(curve).sign(text.encode("utf-8"), ec.ECDSA(hashes.SHA256()))).decode()


def tls_encode(json_text, level=6):
    return base64.b64encode(zlib.compress(json_text.encode("utf-8"), level)).decode() \
        .replace("+", "*").replace("/", "-").replace("=", "_")


def pretty(fields):
    """jsoncpp StyledWriter style: sorted keys, 3-space indent, ' : '."""
    body = ",\n".join('   %s : %s' % (json.dumps(k), json.dumps(v, ensure_ascii=False)) for k, v in sorted(fields))
    return "{\n" + body + "\n}\n"


def crafted_fields(curve, ident="legacy", now=None, expire="86400", appid3rd=True, version="201512300000"):
    now = int(time.time()) if now is None else now
    f = []
    if appid3rd:
        f.append(("TLS.appid_at_3rd", "0"))
    f += [("TLS.account_type", "0"), ("TLS.identifier", ident), ("TLS.sdk_appid", str(SDKAPPID[curve])),
          ("TLS.time", str(now)), ("TLS.expire_after", expire), ("TLS.version", version)]
    text = "".join("%s:%s\n" % (k, v) for k, v in f if k != "TLS.version")
    return f, text


def t_crafted_pretty(curve, appid3rd):
    f, text = crafted_fields(curve, appid3rd=appid3rd)
    f.append(("TLS.sig", ossl_sign(curve, text)))
    ticket = tls_encode(pretty(f))
    check(b64_tls_decode(ticket)[:2] == b"\x78\x9c", "zlib header 78 9c (sanity)")
    doc = dict(f)
    expect_ok(cli_verify("verify", keyfile("%s_public_key.pem" % curve), ticket, SDKAPPID[curve], "legacy"), doc)


def t_crafted_sig_crlf(curve):
    f, text = crafted_fields(curve)
    sig = ossl_sign(curve, text)
    sig = "\r\n".join(sig[i:i + 76] for i in range(0, len(sig), 76)) + "\r\n"
    check("\r\n" in sig.rstrip(), "wrapped (sanity)")
    doc = dict(f)
    doc["TLS.sig"] = sig
    ticket = tls_encode(json.dumps(doc, separators=(",", ":")))
    expect_ok(cli_verify("verify", keyfile("%s_public_key.pem" % curve), ticket, SDKAPPID[curve], "legacy"), doc)


def t_crafted_escapes(curve):
    ident = "a/b\u00e9\U0001F600<>&"
    f, text = crafted_fields(curve, ident=ident)
    doc = dict(f)
    doc["TLS.sig"] = ossl_sign(curve, text)
    js = json.dumps(doc, ensure_ascii=True).replace("/", "\\/").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")
    eq(json.loads(js), doc, "escaped JSON parses back (sanity)")
    ticket = tls_encode(js)
    expect_ok(cli_verify("verify", keyfile("%s_public_key.pem" % curve), ticket, SDKAPPID[curve], ident), doc)


def t_crafted_duplicate_key(curve):
    """SPEC 2.7: the first occurrence of a duplicated key wins, for the signed text and the checks."""
    f, text = crafted_fields(curve, ident="first")
    doc = dict(f)
    doc["TLS.sig"] = ossl_sign(curve, text)
    js = json.dumps(doc, separators=(",", ":"))
    js = js[:-1] + ',"TLS.identifier":"second"}'
    ticket = tls_encode(js)
    pub = keyfile("%s_public_key.pem" % curve)
    expect_ok(cli_verify("verify", pub, ticket, SDKAPPID[curve], "first"), doc)
    expect_code(cli_verify("verify", pub, ticket, SDKAPPID[curve], "second"), 13, "duplicate key: later value")


def t_crafted_atol(curve):
    """SPEC 2.6: TLS.time / TLS.expire_after read with atol; a negative expiry is expired, not malformed."""
    now = int(time.time())
    pub = keyfile("%s_public_key.pem" % curve)
    # leading spaces, sign, trailing junk
    f, text = crafted_fields(curve, now=now)
    doc = dict(f)
    doc["TLS.time"] = "  +%dxyz" % now
    doc["TLS.expire_after"] = "86400 days"
    text = "".join("%s:%s\n" % (k, doc[k]) for k in V1_SIGNED_FIELDS)
    doc["TLS.sig"] = ossl_sign(curve, text)
    res = cli_verify("verify", pub, tls_encode(json.dumps(doc)), SDKAPPID[curve], "legacy")
    eq(res, (0, 86400, now), "atol-style fields: (code, expire, init)")
    # legacy %d printing of 2^31: "-2147483648" -> expired from birth (9)
    f, text = crafted_fields(curve, now=now, expire="-2147483648")
    doc = dict(f)
    doc["TLS.sig"] = ossl_sign(curve, text)
    expect_code(cli_verify("verify", pub, tls_encode(json.dumps(doc)), SDKAPPID[curve], "legacy"), 9,
                "negative expire_after")


def t_crafted_codes(curve):
    """The early codes of SPEC 2/3 through the CLI, with a ticket OpenSSL signed."""
    pub = keyfile("%s_public_key.pem" % curve)
    sdk = SDKAPPID[curve]
    v = lambda t: cli_verify("verify", pub, t, sdk, "legacy")[0]  # noqa: E731
    f, text = crafted_fields(curve)
    good = dict(f)
    good["TLS.sig"] = ossl_sign(curve, text)
    eq(v(tls_encode(json.dumps(good))), 0, "the good crafted ticket")
    eq(v(""), 1, "empty ticket")
    eq(v("@@@@"), 2, "not base64")
    eq(v(tls_encode("x")[:-4] + "AAAA"), 3, "not zlib")
    eq(v(base64.b64encode(b"not zlib at all!").decode().replace("=", "_")), 3, "base64 but not zlib")
    eq(v(tls_encode("{not json")), 4, "zlib but not JSON")
    no_id = {k: val for k, val in good.items() if k != "TLS.identifier"}
    eq(v(tls_encode(json.dumps(no_id))), 4, "TLS.identifier missing")
    no_sig = {k: val for k, val in good.items() if k != "TLS.sig"}
    eq(v(tls_encode(json.dumps(no_sig))), 7, "TLS.sig missing")
    eq(v(tls_encode(json.dumps(dict(good, **{"TLS.sig": 12345})))), 7, "TLS.sig not a string")
    eq(v(tls_encode(json.dumps(dict(good, **{"TLS.sig": "!!!!"})))), 6, "TLS.sig not base64")
    eq(v(tls_encode(json.dumps(dict(good, **{"TLS.time": str(int(good["TLS.time"]) + 1)})))), 8,
       "TLS.time changed after signing")
    # non-string sdk_appid: signed as its compact JSON text, so the signature holds; then 14 (SPEC 2.2/2.4)
    num = dict(good, **{"TLS.sdk_appid": sdk})
    num["TLS.sig"] = ossl_sign(curve, "".join("%s:%s\n" % (k, json.dumps(num[k]) if not isinstance(num[k], str)
                                                          else num[k]) for k in V1_SIGNED_FIELDS))
    eq(v(tls_encode(json.dumps(num))), 14, "TLS.sdk_appid as a JSON number")


for _c in CURVES:
    case("openssl-signed %s pretty-printed sorted jsoncpp ticket" % _c, t_crafted_pretty, _c, True)
    case("openssl-signed %s pretty-printed, no TLS.appid_at_3rd" % _c, t_crafted_pretty, _c, False)
    case("openssl-signed %s TLS.sig wrapped with CRLF every 76" % _c, t_crafted_sig_crlf, _c)
    case("openssl-signed %s JSON with \\/ and \\u escapes" % _c, t_crafted_escapes, _c)
    case("openssl-signed %s duplicate key: first wins" % _c, t_crafted_duplicate_key, _c)
    case("openssl-signed %s atol fields, negative expiry -> 9" % _c, t_crafted_atol, _c)
    case("openssl-signed %s codes 1/2/3/4/6/7/8/14" % _c, t_crafted_codes, _c)


# ------------------------------------------------------------------------------------------------
def main():
    for tool in (TOOLS, SIGNATURE):
        if not os.access(tool, os.X_OK):
            print("interop: ERROR: %s is missing or not executable (build with cargo build --release --bins)"
                  % tool, file=sys.stderr)
            print("interop: 0 passed, 1 failed")
            return 1
    flt = os.environ.get("INTEROP_FILTER", "")
    passed = failed = 0
    failures = []
    for name, fn in TESTS:
        if flt and flt not in name:
            continue
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - every exception is a failure
            failed += 1
            detail = str(e) if isinstance(e, Fail) else traceback.format_exc(limit=4)
            failures.append((name, detail))
            print("FAIL %s\n     %s" % (name, detail.replace("\n", "\n     ")), flush=True)
        else:
            passed += 1
            print("ok   %s" % name, flush=True)
    if passed + failed == 0:
        print("interop: no test matched INTEROP_FILTER=%r" % flt, file=sys.stderr)
        print("interop: 0 passed, 1 failed")
        return 1
    if failures:
        print("\n%d failure(s):" % len(failures))
        for name, _ in failures:
            print("  - " + name)
    print("interop: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
