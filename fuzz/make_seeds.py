#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ from real tickets and keys.

Tickets come from our CLI (target/release/tls_licence_tools; built if missing): v1 on both curves,
userbuf tickets, v2, an expired ticket, an identifier that needs JSON escapes. The legacy shapes
the CLI does not make are derived from them with the standard library and `openssl dgst`:
plain JSON (signed by openssl over the six lines, date-form TLS.time), the closed-source tools'
pretty-printed JSON (sorted keys, " : ", zlib 78 9c), a ticket without TLS.appid_at_3rd, a
CRLF-wrapped TLS.sig, a duplicated key, a trailing newline. Key seeds are every fixture in
tests/data/keys/ plus the DER of every PEM block. v2_structured seeds are choice bytes (see
fuzz/src/harness.rs) for a valid plain and a valid userbuf v2 ticket and some near misses.

Files named valid-* must pass a check (tests/fuzz_corpus.rs asserts it). Run from anywhere:
    python3 fuzz/make_seeds.py
"""
import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = os.path.join(ROOT, "tests", "data", "keys")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
TOOLS = os.environ.get("TOOLS", os.path.join(ROOT, "target", "release", "tls_licence_tools"))

# Must match fuzz/src/harness.rs.
APPID = "1400000267"
IDENT = "fuzz_user"
USERBUF = "fuzz-userbuf"
SECRET = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def cli(*args):
    with tempfile.TemporaryDirectory() as tmp:
        sig = os.path.join(tmp, "sig")
        a = [x.replace("@SIG", sig) for x in args]
        subprocess.run([TOOLS, *a], check=True, stdout=subprocess.DEVNULL)
        with open(sig) as f:
            return f.read()


def to_ticket(json_bytes, level=1):
    b = base64.b64encode(zlib.compress(json_bytes, level)).decode()
    return b.replace("+", "*").replace("/", "-").replace("=", "_")


def from_ticket(ticket):
    b = ticket.strip().replace("*", "+").replace("-", "/").replace("_", "=")
    return zlib.decompress(base64.b64decode(b))


def openssl_sign(key_file, text):
    out = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_file], input=text.encode(),
                         check=True, capture_output=True).stdout
    return base64.b64encode(out).decode()


def main():
    if not os.path.exists(TOOLS):
        subprocess.run(["cargo", "build", "--release", "--bin", "tls_licence_tools"], cwd=ROOT, check=True)
    p256 = os.path.join(KEYS, "p256_private_key.pem")
    k256 = os.path.join(KEYS, "k256_private_key.pem")
    expire = str(180 * 86400)
    t = {}
    t["valid-v1-p256"] = cli("gen", p256, "@SIG", APPID, IDENT)
    t["valid-v1-k256"] = cli("gen", k256, "@SIG", APPID, IDENT)
    t["v1-p256-expired"] = cli("genexpire", p256, "@SIG", APPID, IDENT, "1")
    t["valid-v1-p256-userbuf"] = cli("genuser", p256, "@SIG", APPID, IDENT, expire, USERBUF)
    t["valid-v1-k256-userbuf"] = cli("genuser", k256, "@SIG", APPID, IDENT, expire, USERBUF)
    t["valid-v2"] = cli("gen2", SECRET, "@SIG", APPID, IDENT)
    t["valid-v2-userbuf"] = cli("gen2user", SECRET, "@SIG", APPID, IDENT, USERBUF)
    t["v1-escaped-identifier"] = cli("gen", p256, "@SIG", APPID, 'fu"zz\\_\u7528\u6237\U0001F600</')
    t["v2-other-appid"] = cli("gen2", SECRET, "@SIG", "1400000001", IDENT)

    base = json.loads(from_ticket(t["valid-v1-p256"]))
    # Closed-source tools: pretty-printed (jsoncpp style), sorted keys, level 6 (78 9c).
    pretty = json.dumps(base, indent=3, sort_keys=True, separators=(",", " : "), ensure_ascii=False)
    t["valid-v1-pretty"] = to_ticket(pretty.encode(), 6)
    # TLS.sig wrapped with CRLF every 76 characters.
    wrapped = dict(base)
    wrapped["TLS.sig"] = "\r\n".join(re.findall(".{1,76}", base["TLS.sig"]))
    t["valid-v1-crlf-sig"] = to_ticket(json.dumps(wrapped, separators=(",", ":")).encode())
    # A duplicated identifier: the first occurrence wins.
    compact = from_ticket(t["valid-v1-p256"]).decode()
    t["valid-v1-duplicate-key"] = to_ticket((compact[:-1] + ',"TLS.identifier":"someone_else"}').encode())
    # A trailing newline, as read from a file.
    t["valid-v1-trailing-newline"] = t["valid-v1-k256"] + "\n"
    # No TLS.appid_at_3rd: five signed lines, signed by openssl.
    time_now = base["TLS.time"]
    five = {"TLS.account_type": "0", "TLS.identifier": IDENT, "TLS.sdk_appid": APPID,
            "TLS.time": time_now, "TLS.expire_after": expire, "TLS.version": "201512300000"}
    text = "".join(f"{k}:{five[k]}\n" for k in
                   ["TLS.account_type", "TLS.identifier", "TLS.sdk_appid", "TLS.time", "TLS.expire_after"])
    five["TLS.sig"] = openssl_sign(p256, text)
    t["valid-v1-no-appid3rd"] = to_ticket(json.dumps(five, indent=3, sort_keys=True, separators=(",", " : ")).encode(), 6)
    # The oldest form: plain JSON, date-form TLS.time, signed by openssl (valid until ~2047).
    plain = {"TLS.account_type": "0", "TLS.identifier": IDENT, "TLS.appid_at_3rd": "0",
             "TLS.sdk_appid": APPID, "TLS.expire_after": "999999999", "TLS.version": "201511190000",
             "TLS.time": "2016-05-01T12:00:00-08:00"}
    text = "".join(f"{k}:{plain[k]}\n" for k in ["TLS.appid_at_3rd", "TLS.account_type", "TLS.identifier",
                                                 "TLS.sdk_appid", "TLS.time", "TLS.expire_after"])
    plain["TLS.sig"] = openssl_sign(p256, text)
    t["valid-plain-json"] = json.dumps(plain, separators=(",", ":"))
    # Shapes that fail late, so the fuzzer starts near the deep checks.
    t["v1-sig-not-base64"] = to_ticket(json.dumps(dict(base, **{"TLS.sig": "!!!"})).encode())
    t["v1-time-number"] = to_ticket(json.dumps(dict(base, **{"TLS.time": 1796415074})).encode())
    t["not-zlib"] = base64.b64encode(b"not zlib at all").decode()
    t["not-json"] = to_ticket(b"{\"TLS.identifier\":")

    for name, ticket in t.items():
        write("verify_ticket", name, ticket)
        write("dump", name, ticket)

    # Keys: every fixture, and the DER of every PEM block.
    for f in sorted(os.listdir(KEYS)):
        if not (f.endswith(".pem") or f.endswith(".der")):
            continue
        with open(os.path.join(KEYS, f), "rb") as fh:
            data = fh.read()
        write("parse_key", f, data)
        if f.endswith(".pem"):
            blocks = re.findall(rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----", data, re.S)
            for i, (label, body) in enumerate(blocks):
                body = b"".join(l for l in body.split(b"\n") if b":" not in l)
                try:
                    der = base64.b64decode(b"".join(body.split()))
                except Exception:
                    continue
                write("parse_key", f"{f[:-4]}.block{i}.der", der)

    # v2_structured choice bytes (layout: flags, count, members..., MAC variant, request).
    def member(pick, *values):
        return bytes([pick, *values])
    good = (member(1, 0) + member(2, 0) + member(3, 0, 0) + member(4, 0, 10))
    request_plain = bytes([3, 3, 3, 0, 3])       # identifier, sdkappid, now, other userbuf "", Plain
    request_userbuf = bytes([3, 3, 3, 0, 1])     # ... Userbuf { expected: USERBUF }
    write("v2_structured", "valid-plain", bytes([0b0010, 4]) + good + bytes([0, 0]) + request_plain)
    write("v2_structured", "valid-userbuf",
          bytes([0b0110, 5]) + good + member(6, 0) + bytes([0, 0]) + request_userbuf)
    write("v2_structured", "pretty-wrapped-mac",
          bytes([0b1010, 4]) + good + bytes([2, 0]) + request_plain)
    write("v2_structured", "flipped-mac", bytes([0b0010, 4]) + good + bytes([4, 3, 5, 0]) + request_plain)
    write("v2_structured", "expired", bytes([0b0010, 4]) + good + bytes([0, 0]) + bytes([3, 3, 0, 0, 3]))
    write("v2_structured", "duplicates",
          bytes([0b0010, 7]) + good + member(1, 2, 3) + b"abc" + member(2, 5, 2) + member(0, 10) + bytes([0, 0])
          + request_plain)
    write("v2_structured", "not-v2", bytes([0b0011, 4]) + member(7, 9) + member(8, 3) + bytes(8) + good[:4]
          + bytes([0, 0]) + request_plain)
    print("seeds written to", CORPUS)


if __name__ == "__main__":
    sys.exit(main())
