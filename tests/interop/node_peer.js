// Drives the npm `tls-sig-api-v2` peer for the interop tests (test-only).
// Reads a JSON array of requests on stdin, writes a JSON array of results on stdout.
//   {op:"gen", sdkappid, key, identifier, expire, userbuf?: string, now?: unix seconds}
//       -> {sig}            uses Api.genSig(userid, expire, userBuf) (genUserSig when no userbuf)
//   {op:"privatemapkey", sdkappid, key, identifier, expire, roomid, privilege}
//       -> {sig, userbuf_b64}   uses Api.genPrivateMapKey (binary userbuf)
//   {op:"hmac", sdkappid, key, identifier, time, expire, userbuf_b64?: string}
//       -> {sig}            the peer's own Api._hmacsha256 (to check OUR tickets' MACs)
//   {op:"decode", ticket} -> {json}   the peer's base64url alphabet + zlib inflate
// `now` freezes Date.now() for that one request (for expired-ticket tests).
'use strict';
const zlib = require('zlib');
const TLSSigAPIv2 = require('tls-sig-api-v2');

function withNow(now, fn) {
    if (now === undefined || now === null) return fn();
    const real = Date.now;
    Date.now = () => now * 1000;
    try { return fn(); } finally { Date.now = real; }
}

function handle(req) {
    const api = new TLSSigAPIv2.Api(req.sdkappid, req.key);
    switch (req.op) {
    case 'gen':
        return withNow(req.now, () => ({
            sig: req.userbuf === undefined || req.userbuf === null
                ? api.genUserSig(req.identifier, req.expire)
                : api.genSig(req.identifier, req.expire, req.userbuf),
        }));
    case 'privatemapkey': {
        const sig = withNow(req.now, () =>
            api.genPrivateMapKey(req.identifier, req.expire, req.roomid, req.privilege));
        const doc = JSON.parse(decode(sig));
        return { sig, userbuf_b64: doc['TLS.userbuf'] };
    }
    case 'hmac':
        return { sig: api._hmacsha256(req.identifier, req.time, req.expire,
                                      req.userbuf_b64 === undefined ? null : req.userbuf_b64) };
    case 'decode':
        return { json: decode(req.ticket) };
    default:
        throw new Error('unknown op ' + req.op);
    }
}

function decode(ticket) {
    const b64 = ticket.trim().replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    return zlib.inflateSync(Buffer.from(b64, 'base64')).toString('utf8');
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
    const out = JSON.parse(input).map((req) => {
        try { return handle(req); } catch (e) { return { error: String(e && e.stack || e) }; }
    });
    process.stdout.write(JSON.stringify(out));
});
