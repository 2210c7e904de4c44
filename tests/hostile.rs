//! Hostile inputs: each one checked for the exact legacy code and message, and for returning in
//! bounded time and memory.
//!
//! Memory is measured as the growth of the process's peak RSS during the call: the peak
//! (`VmHWM`) is reset through `/proc/self/clear_refs` right before the call, and every test in
//! this file holds one lock for its whole run, so no other test allocates meanwhile. Time bounds
//! are generous (this is an unoptimised test build of the crate, on a shared 2-core machine); the
//! real figures are printed with `--nocapture` and recorded in RELIABILITY.md.
//!
//! Lone surrogates and NUL arriving from Java are JNI-side and are exercised by the JNI soak
//! (tests/soak/).

use std::io::Write;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use base64::Engine;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use tls_sig::v1::{self, V1Request};
use tls_sig::v2::{self, V2Request};
use tls_sig::verify::{check, CheckKind, CheckRequest, VerificationKey};
use tls_sig::{dump, ErrorCode, HmacKey, PrivateKey, PublicKey, SigError, Verified};

const APPID: u64 = 1_400_000_267;
const NOW: i64 = 1_796_500_000;
const T0: i64 = 1_796_400_000;
const SECRET: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const KEYS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/keys/");
const MIB: u64 = 1 << 20;

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("{field} not in /proc/self/status"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Runs `f`, asserting it returns within `max_time` and grows the peak RSS by at most
/// `max_growth` bytes. Prints the measured figures. (Peak RSS counts pages; an allocation that
/// reuses resident free pages is not seen, so the heap is trimmed first.)
fn bounded<T>(what: &str, max_time: Duration, max_growth: u64, f: impl FnOnce() -> T) -> T {
    // Give freed heap back to the kernel first, so that memory the call allocates shows up as new
    // resident pages instead of reusing pages already counted.
    // SAFETY: malloc_trim has no preconditions; it only releases free memory of the allocator.
    unsafe {
        libc::malloc_trim(0);
    }
    std::fs::write("/proc/self/clear_refs", "5").expect("reset VmHWM via /proc/self/clear_refs");
    let rss_before = status_kib("VmRSS:") * 1024;
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    let peak = status_kib("VmHWM:") * 1024;
    let growth = peak.saturating_sub(rss_before);
    eprintln!("hostile {what}: {took:?}, peak RSS growth {:.1} MiB", growth as f64 / MIB as f64);
    assert!(took <= max_time, "{what} took {took:?} (bound {max_time:?})");
    assert!(growth <= max_growth, "{what} grew peak RSS by {growth} bytes (bound {max_growth})");
    out
}

fn key_text(name: &str) -> String {
    std::fs::read_to_string(format!("{KEYS}{name}")).unwrap()
}

fn p256() -> (PrivateKey, String) {
    let private = PrivateKey::from_pem(&key_text("p256_private_key.pem")).unwrap();
    (private, key_text("p256_public_key.pem"))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The ticket alphabet: standard base64 with `+`→`*`, `/`→`-`, `=`→`_`.
fn ticket_b64(bytes: &[u8]) -> String {
    b64(bytes).replace('+', "*").replace('/', "-").replace('=', "_")
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn check_at(ticket: &str, key: &str, id: &str, kind: CheckKind<'_>) -> Result<Verified, SigError> {
    check(ticket, VerificationKey::Text(key), &CheckRequest { sdkappid: APPID, identifier: id, kind, now: Some(NOW) })
}

fn assert_err(result: Result<Verified, SigError>, code: ErrorCode, message: &str) -> SigError {
    let e = result.expect_err("expected an error");
    assert_eq!((e.code(), e.message()), (code, message), "got {e}");
    e
}

/// A v1 ticket from raw JSON members; the signature covers the six lines built from `lines`
/// (the raw values, as the legacy signer pasted them), in the legacy order.
fn v1_ticket(key: &PrivateKey, members: &[(&str, Value)]) -> String {
    let text_of = |name: &str| {
        members.iter().find(|(k, _)| *k == name).map(|(_, v)| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    let mut text = String::new();
    for name in ["TLS.appid_at_3rd", "TLS.account_type", "TLS.identifier", "TLS.sdk_appid", "TLS.time", "TLS.expire_after"] {
        if let Some(v) = text_of(name) {
            text += &format!("{name}:{v}\n");
        }
    }
    let mut json = String::from("{");
    for (k, v) in members {
        json += &format!("{}:{},", Value::String(k.to_string()), v);
    }
    json += &format!("\"TLS.sig\":{}}}", Value::String(b64(&key.sign_der(text.as_bytes()))));
    ticket_b64(&zlib(json.as_bytes()))
}

fn v1_members<'a>(id: &'a str, sdkappid: &'a str, time: &'a str, expire: &'a str) -> Vec<(&'a str, Value)> {
    vec![
        ("TLS.account_type", json!("0")),
        ("TLS.identifier", json!(id)),
        ("TLS.appid_at_3rd", json!("0")),
        ("TLS.sdk_appid", json!(sdkappid)),
        ("TLS.expire_after", json!(expire)),
        ("TLS.version", json!("201803230000")),
        ("TLS.time", json!(time)),
    ]
}

/// A v2 ticket from raw JSON member texts (numbers as written), with a MAC over the given text.
fn v2_ticket(members: &[(&str, &str)], mac_text: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(mac_text.as_bytes());
    let sig = b64(&mac.finalize().into_bytes());
    let mut json = String::from("{\"TLS.ver\":\"2.0\",");
    for (k, v) in members {
        json += &format!("\"{k}\":{v},");
    }
    json += &format!("\"TLS.sig\":\"{sig}\"}}");
    ticket_b64(&zlib(json.as_bytes()))
}

fn v2_mac_text(id: &str, appid: &str, time: &str, expire: &str) -> String {
    format!("TLS.identifier:{id}\nTLS.sdkappid:{appid}\nTLS.time:{time}\nTLS.expire:{expire}\n")
}

// -------------------------------------------------------------------------------------------
// Size: a zlib bomb and a 10 MB ticket.

/// A ticket whose JSON inflates to 1 GiB: `{"TLS.identifier":"aaaa…` (never closed). Built
/// streaming from a reused buffer.
fn zlib_bomb() -> String {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::best());
    e.write_all(b"{\"TLS.identifier\":\"").unwrap();
    let chunk = vec![b'a'; 16 << 20];
    for _ in 0..64 {
        e.write_all(&chunk).unwrap();
    }
    ticket_b64(&e.finish().unwrap())
}

#[test]
fn zlib_bomb_of_one_gib_is_refused_early() {
    let _serial = serial();
    let start = Instant::now();
    let bomb = zlib_bomb();
    eprintln!("bomb: {} ticket bytes for 1 GiB inflated, built in {:?}", bomb.len(), start.elapsed());
    assert!(bomb.len() < 4 << 20, "bomb ticket unexpectedly large: {}", bomb.len());
    let message = "sig zlib uncompress failed: inflated size exceeds the limit";
    let (_, public) = p256();
    let e = bounded("zlib bomb verify", Duration::from_secs(5), 32 * MIB, || {
        assert_err(check_at(&bomb, &public, "a", CheckKind::Plain), ErrorCode::Inflate, message)
    });
    assert!(e.ticket_times().is_none());
    bounded("zlib bomb dump", Duration::from_secs(5), 32 * MIB, || {
        let e = dump(&bomb).unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::Inflate, message));
    });
    bounded("zlib bomb v2 userbuf check", Duration::from_secs(5), 32 * MIB, || {
        assert_err(check_at(&bomb, SECRET, "a", CheckKind::Userbuf { expected: Some(b"x") }), ErrorCode::Inflate, message)
    });
}

#[test]
fn ten_megabyte_tickets() {
    let _serial = serial();
    let (key, public) = p256();
    // 10 MB of valid base64 that is not zlib.
    let garbage: String = "QUJD".repeat(10_000_000 / 4);
    assert_eq!(garbage.len(), 10_000_000);
    bounded("10 MB base64 garbage", Duration::from_secs(20), 96 * MIB, || {
        assert_err(check_at(&garbage, &public, "a", CheckKind::Plain), ErrorCode::Inflate, "sig zlib uncompress failed")
    });
    // The same with one character outside the alphabet at the very end.
    let bad = format!("{}!", &garbage[..garbage.len() - 1]);
    bounded("10 MB with a bad last character", Duration::from_secs(20), 96 * MIB, || {
        assert_err(check_at(&bad, &public, "a", CheckKind::Plain), ErrorCode::TicketBase64, "sig base64 decode failed")
    });
    // A genuinely signed ticket whose identifier is 7.5 MB of incompressible text: the ticket
    // is over 10 MB and its JSON over the 1 MiB inflate bound.
    let mut noise = Vec::with_capacity(7_500_000);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while noise.len() < 7_500_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        noise.extend_from_slice(&x.to_le_bytes());
    }
    let id = b64(&noise);
    let request = V1Request { time: Some(T0 as u64), ..V1Request::new(APPID, &id) };
    let big = v1::generate_with(&key, &request).unwrap();
    assert!(big.len() > 10_000_000, "ticket is {} bytes", big.len());
    bounded("10 MB signed ticket", Duration::from_secs(20), 96 * MIB, || {
        assert_err(
            check_at(&big, &public, &id, CheckKind::Plain),
            ErrorCode::Inflate,
            "sig zlib uncompress failed: inflated size exceeds the limit",
        )
    });
    // Just under the bound, the same kind of ticket verifies (900 KB identifier).
    let id = &id[..900_000];
    let request = V1Request { time: Some(T0 as u64), ..V1Request::new(APPID, id) };
    let large = v1::generate_with(&key, &request).unwrap();
    let v = bounded("900 KB identifier ticket", Duration::from_secs(10), 64 * MIB, || {
        check_at(&large, &public, id, CheckKind::Plain).expect("a 900 KB identifier verifies")
    });
    assert_eq!(v.init_time, T0);
}

// -------------------------------------------------------------------------------------------
// JSON structure.

#[test]
fn deeply_nested_json() {
    let _serial = serial();
    let (key, public) = p256();
    for depth in [1_000usize, 100_000, 500_000] {
        let json = format!("{{\"TLS.identifier\":{}1{}}}", "[".repeat(depth), "]".repeat(depth));
        let ticket = ticket_b64(&zlib(json.as_bytes()));
        bounded(&format!("nesting {depth} compressed"), Duration::from_secs(5), 64 * MIB, || {
            assert_err(check_at(&ticket, &public, "a", CheckKind::Plain), ErrorCode::Json, "sig json parse failed: invalid JSON syntax")
        });
        // In the plain-JSON form the text does not parse, so it is taken as base64: `{` is not.
        bounded(&format!("nesting {depth} plain"), Duration::from_secs(5), 64 * MIB, || {
            assert_err(check_at(&json, &public, "a", CheckKind::Plain), ErrorCode::TicketBase64, "sig base64 decode failed")
        });
    }
    // Nesting the parser accepts, in a field of the signed text: rebuilt as compact JSON, the
    // signature covers it, and the check goes on to the identifier (not a string → 13).
    let nested: Value = serde_json::from_str(&format!("{}1{}", "[".repeat(100), "]".repeat(100))).unwrap();
    let mut members = v1_members("u", "1400000267", "1796400000", "15552000");
    members[1].1 = nested;
    let ticket = v1_ticket(&key, &members);
    bounded("nesting 100 in identifier", Duration::from_secs(5), 16 * MIB, || {
        assert_err(check_at(&ticket, &public, "u", CheckKind::Plain), ErrorCode::IdentifierMismatch, "identifier not match")
    });
}

#[test]
fn duplicate_json_keys_first_wins() {
    let _serial = serial();
    let (key, public) = p256();
    // v1: a duplicated identifier after a genuine ticket's members: the first one counts, for the
    // signed text and the checks alike.
    let mut members = v1_members("alice", "1400000267", "1796400000", "15552000");
    members.push(("TLS.identifier", json!("mallory")));
    members.push(("TLS.sdk_appid", json!("1")));
    let ticket = v1_ticket(&key, &members);
    assert_eq!(check_at(&ticket, &public, "alice", CheckKind::Plain).unwrap().init_time, T0);
    assert_err(check_at(&ticket, &public, "mallory", CheckKind::Plain), ErrorCode::IdentifierMismatch, "identifier not match");

    // A second TLS.sig that is garbage after a good one is ignored; a garbage first one is not.
    let good = tls_sig::dump(&ticket).unwrap();
    let sig_first = ticket_b64(&zlib(format!("{},\"TLS.sig\":\"!!\"}}", &good[..good.len() - 1]).as_bytes()));
    check_at(&sig_first, &public, "alice", CheckKind::Plain).unwrap();
    let garbage_first = ticket_b64(&zlib(format!("{{\"TLS.sig\":\"!!\",{}", &good[1..]).as_bytes()));
    assert_err(check_at(&garbage_first, &public, "alice", CheckKind::Plain), ErrorCode::SigFieldBase64, "TLS.sig base64 decode failed");

    // v2: a duplicated sdkappid: the first, MAC'd one counts.
    let mac = v2_mac_text("bob", "1400000267", "1796400000", "186400");
    let members = [
        ("TLS.identifier", "\"bob\""),
        ("TLS.sdkappid", "1400000267"),
        ("TLS.sdkappid", "1"),
        ("TLS.time", "1796400000"),
        ("TLS.expire", "186400"),
    ];
    let ticket = v2_ticket(&members, &mac);
    assert_eq!(check_at(&ticket, SECRET, "bob", CheckKind::Plain).unwrap().expire_time, 186400);

    // 35,000 copies of a key (just under the 1 MiB bound): still linear.
    let mut json = String::from("{");
    for i in 0..35_000 {
        json += &format!("\"TLS.identifier\":\"x{i}\",");
    }
    json += "\"TLS.ver\":\"2.0\"}";
    assert!(json.len() < 1 << 20);
    let ticket = ticket_b64(&zlib(json.as_bytes()));
    bounded("35,000 duplicated keys", Duration::from_secs(5), 64 * MIB, || {
        assert_err(check_at(&ticket, SECRET, "x0", CheckKind::Plain), ErrorCode::MissingField,
            "json field TLS.sdkappid is missing or not an unsigned number")
    });
}

#[test]
fn invalid_utf8_inside_the_json() {
    let _serial = serial();
    let (_, public) = p256();
    for bytes in [
        &b"{\"TLS.identifier\":\"\xff\"}"[..],
        b"{\"TLS.identifier\":\"\xc3\x28\"}",
        b"{\"TLS.identifier\":\"\xed\xa0\x80\"}", // an encoded lone surrogate (CESU-8 / modified UTF-8)
        b"{\"TLS.ident\xe2\x82ifier\":\"a\"}",
        b"{\"TLS.identifier\":\"a\"}\xff",
    ] {
        let ticket = ticket_b64(&zlib(bytes));
        let e = bounded("invalid UTF-8", Duration::from_secs(2), 8 * MIB, || check_at(&ticket, &public, "a", CheckKind::Plain));
        let e = e.unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::Json, "sig json parse failed: invalid JSON syntax"), "{bytes:?}");
        let e = dump(&ticket).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Json);
    }
    // A JSON escape of a lone surrogate is not valid text either.
    let ticket = ticket_b64(&zlib(br#"{"TLS.identifier":"\ud800"}"#));
    assert_err(check_at(&ticket, &public, "a", CheckKind::Plain), ErrorCode::Json, "sig json parse failed: invalid JSON syntax");
}

// -------------------------------------------------------------------------------------------
// Identifiers with NUL and control characters.

#[test]
fn nul_and_control_characters_in_identifiers() {
    let _serial = serial();
    let (key, public) = p256();
    let hmac = HmacKey::new(SECRET.as_bytes());
    for id in ["a\0b", "\0", "tab\there", "\u{1}\u{1f}\u{7f}", "quote\"back\\slash", "\u{2028}\u{feff}"] {
        let request = V1Request { time: Some(T0 as u64), ..V1Request::new(APPID, id) };
        let ticket = bounded("control-character identifier", Duration::from_secs(2), 8 * MIB, || {
            v1::generate_with(&key, &request).unwrap()
        });
        let json = dump(&ticket).unwrap();
        assert!(!json.bytes().any(|b| b < 0x20), "raw control byte in ticket JSON: {json:?}");
        assert_eq!(check_at(&ticket, &public, id, CheckKind::Plain).unwrap().init_time, T0, "{id:?}");
        // The identifier is compared whole: a NUL does not cut it short as a C string would.
        let shorter = id.split('\0').next().unwrap();
        if shorter != id {
            assert_err(check_at(&ticket, &public, shorter, CheckKind::Plain), ErrorCode::IdentifierMismatch, "identifier not match");
        }
        let ticket = v2::generate_with(&hmac, &V2Request { sdkappid: APPID, identifier: id, expire: 186400, userbuf: None, time: Some(T0 as u64) }).unwrap();
        assert_eq!(check_at(&ticket, SECRET, id, CheckKind::Plain).unwrap().init_time, T0);
        if shorter != id {
            assert_err(check_at(&ticket, SECRET, shorter, CheckKind::Plain), ErrorCode::IdentifierMismatch, "identifier not match");
        }
    }
}

/// The v1 signed text is `name:value` lines, so a value with a newline could carry forged lines.
/// An identifier with a newline, as a user could choose it on an app that issues tickets for
/// user-chosen ids, must not yield a ticket that re-splits into a valid ticket for ANOTHER
/// identifier with a longer life.
///
/// Fixed in the check: only the identifier may contain a line break, so a re-split that moves
/// lines into another field (here `TLS.expire_after`) is code 4.
#[test]
fn newline_in_identifier_cannot_forge_another_ticket() {
    let _serial = serial();
    let (key, public) = p256();
    let t0 = T0.to_string();
    let injected = format!("bob\nTLS.sdk_appid:1400000267\nTLS.time:{t0}\nTLS.expire_after:999999999 ");
    let request = V1Request { time: Some(T0 as u64), ..V1Request::new(APPID, &injected) };
    // Identifiers may hold any text, line breaks included: the ticket is issued.
    let genuine = v1::generate_with(&key, &request).expect("identifier with a line break is signed");
    assert_eq!(check_at(&genuine, &public, &injected, CheckKind::Plain).unwrap().init_time, T0);
    let original: Value = serde_json::from_str(&dump(&genuine).unwrap()).unwrap();
    let mut forged = original.as_object().unwrap().clone();
    forged.insert("TLS.identifier".into(), json!("bob"));
    forged.insert(
        "TLS.expire_after".into(),
        json!(format!("999999999 \nTLS.sdk_appid:1400000267\nTLS.time:{t0}\nTLS.expire_after:15552000")),
    );
    let forged = ticket_b64(&zlib(Value::Object(forged).to_string().as_bytes()));
    let result = check_at(&forged, &public, "bob", CheckKind::Plain);
    assert_err(result, ErrorCode::Json, "json field TLS.expire_after contains a line break");
}

// -------------------------------------------------------------------------------------------
// Numbers: `+`, spaces, overflow, negative, in v1 string fields and v2 numeric fields.

#[test]
fn v1_string_numbers_follow_atol_and_strtoul() {
    let _serial = serial();
    let (key, public) = p256();
    let verify = |sdkappid: &str, time: &str, expire: &str| {
        let ticket = v1_ticket(&key, &v1_members("u", sdkappid, time, expire));
        bounded("v1 number field", Duration::from_secs(2), 8 * MIB, || check_at(&ticket, &public, "u", CheckKind::Plain))
    };
    let ok = |r: Result<Verified, SigError>| {
        let v = r.expect("should verify");
        (v.init_time, v.expire_time)
    };
    // TLS.time / TLS.expire_after: atol.
    assert_eq!(ok(verify("1400000267", "+1796400000", "15552000")), (T0, 15_552_000));
    assert_eq!(ok(verify("1400000267", "  \t1796400000", "15552000")), (T0, 15_552_000));
    assert_eq!(ok(verify("1400000267", "1796400000 trailing", " +15552000x")), (T0, 15_552_000));
    assert_eq!(ok(verify("1400000267", "1796400000", "99999999999999999999999")), (T0, i64::MAX));
    assert_eq!(ok(verify("1400000267", "99999999999999999999999", "0")), (i64::MAX, 0));
    // Negative: expired from birth, with the times reported.
    for (time, expire, times) in [
        ("1796400000", "-1", (T0, -1)),
        ("1796400000", "-2147483648", (T0, -2_147_483_648)),
        ("-99999999999999999999", "99999999999999999999", (i64::MIN, i64::MAX)),
        ("1796400000", "- 5", (T0, 0)),
        ("+-1796400000", "15552000", (0, 15_552_000)),
        (" ", "", (0, 0)),
    ] {
        let e = assert_err(verify("1400000267", time, expire), ErrorCode::Expired, "sig expired");
        let t = e.ticket_times().unwrap();
        assert_eq!((t.init_time, t.expire_time), times, "{time:?} {expire:?}");
    }
    // TLS.sdk_appid: strtoul's leading digits.
    for sdkappid in ["+1400000267", " 1400000267", "1400000267abc", "\t1400000267 ", "01400000267"] {
        ok(verify(sdkappid, "1796400000", "15552000"));
    }
    for sdkappid in ["-1400000267", "99999999999999999999", "", "+ 1400000267", "0x537A7A0B", "14000002670"] {
        assert_err(verify(sdkappid, "1796400000", "15552000"), ErrorCode::SdkAppIdMismatch, "sdkappid not match");
    }
    // Non-string numbers in the v1 fields: signed as their JSON text, then code 14 / 10.
    let mut members = v1_members("u", "1400000267", "1796400000", "15552000");
    members[3].1 = json!(1400000267u64);
    assert_err(check_at(&v1_ticket(&key, &members), &public, "u", CheckKind::Plain), ErrorCode::SdkAppIdMismatch, "sdkappid not match");
    let mut members = v1_members("u", "1400000267", "1796400000", "15552000");
    members[6].1 = json!(1796400000u64);
    assert_err(
        check_at(&v1_ticket(&key, &members), &public, "u", CheckKind::Plain),
        ErrorCode::TimeFields,
        "json field TLS.time or TLS.expire_after is missing or not a string",
    );
}

#[test]
fn v2_numeric_fields_must_be_unsigned_json_numbers() {
    let _serial = serial();
    let check_v2 = |appid: &str, time: &str, expire: &str| {
        let mac = v2_mac_text("u", appid.trim(), time.trim(), expire.trim());
        let members = [("TLS.identifier", "\"u\""), ("TLS.sdkappid", appid), ("TLS.time", time), ("TLS.expire", expire)];
        let ticket = v2_ticket(&members, &mac);
        bounded("v2 number field", Duration::from_secs(2), 8 * MIB, || check_at(&ticket, SECRET, "u", CheckKind::Plain))
    };
    let v = check_v2("1400000267", "1796400000", " 186400 ").unwrap();
    assert_eq!((v.init_time, v.expire_time), (T0, 186_400));
    // Whole-u64 values: no overflow in time + expire; the times saturate at i64::MAX.
    let v = check_v2("1400000267", "18446744073709551615", "18446744073709551615").unwrap();
    assert_eq!((v.init_time, v.expire_time), (i64::MAX, i64::MAX));

    let appid_msg = "json field TLS.sdkappid is missing or not an unsigned number";
    let time_msg = "json field TLS.time is missing or not an unsigned number";
    let expire_msg = "json field TLS.expire is missing or not an unsigned number";
    for (appid, time, expire, msg) in [
        ("\"1400000267\"", "1796400000", "86400", appid_msg),
        ("-1400000267", "1796400000", "86400", appid_msg),
        ("1400000267.0", "1796400000", "86400", appid_msg),
        ("1.400000267e9", "1796400000", "86400", appid_msg),
        ("18446744073709551616", "1796400000", "86400", appid_msg),
        ("1400000267", "-1", "86400", time_msg),
        ("1400000267", "\"1796400000\"", "86400", time_msg),
        ("1400000267", "1796400000", "-86400", expire_msg),
        ("1400000267", "1796400000", "99999999999999999999", expire_msg),
        ("1400000267", "1796400000", "null", expire_msg),
    ] {
        assert_err(check_v2(appid, time, expire), ErrorCode::MissingField, msg);
    }
    // `+` and leading zeros are not JSON at all.
    for (appid, time, expire) in [("+1400000267", "1796400000", "86400"), ("1400000267", "01796400000", "86400")] {
        assert_err(check_v2(appid, time, expire), ErrorCode::Json, "sig json parse failed: invalid JSON syntax");
    }
    // Expired: time + expire < now.
    let e = assert_err(check_v2("1400000267", "1796400000", "0"), ErrorCode::Expired, "sig expired");
    assert_eq!(e.ticket_times().unwrap().init_time, T0);
}

// -------------------------------------------------------------------------------------------
// Keys.

#[test]
fn unusable_keys_give_clear_codes_and_messages() {
    let _serial = serial();
    let (key, public) = p256();
    let ticket = v1::generate_with(&key, &V1Request { time: Some(T0 as u64), ..V1Request::new(APPID, "u") }).unwrap();
    let p256_private = key_text("p256_private_key.pem");
    let truncated_public = {
        let full = key_text("p256_public_key.pem");
        let mut lines: Vec<&str> = full.lines().collect();
        lines.remove(1); // drop a body line but keep the armour
        lines.join("\n")
    };
    const NOT_A_KEY: &str = "no PEM or DER EC key found";
    const PUBLIC_GIVEN: &str = "a public key was given where a private key is needed";
    const PRIVATE_GIVEN: &str = "a private key was given where a public key is needed";
    const RSA: &str = "unsupported key algorithm RSA: only ECDSA keys on prime256v1 or secp256k1 are accepted";
    const ED25519: &str = "unsupported key algorithm Ed25519: only ECDSA keys on prime256v1 or secp256k1 are accepted";
    // (key text, reason as a private key, reason as a public key)
    let cases: Vec<(String, &str, &str)> = vec![
        (key_text("bad_encrypted_pkcs8.pem"), "the key is encrypted; give an unencrypted PKCS#8 or SEC1 key", PRIVATE_GIVEN),
        (key_text("bad_rsa_private.pem"), RSA, PRIVATE_GIVEN),
        (key_text("bad_ed25519_private.pem"), ED25519, PRIVATE_GIVEN),
        (key_text("bad_rsa_public.pem"), PUBLIC_GIVEN, RSA),
        (key_text("bad_ed25519_public.pem"), PUBLIC_GIVEN, ED25519),
        (key_text("bad_truncated.pem"), NOT_A_KEY, NOT_A_KEY),
        (key_text("bad_garbage.pem"), NOT_A_KEY, NOT_A_KEY),
        (String::new(), NOT_A_KEY, NOT_A_KEY),
        ("\0\0\0".to_string(), NOT_A_KEY, NOT_A_KEY),
    ];
    for (text, as_private, as_public) in &cases {
        // As a private key: code 17 with the reason.
        let e = bounded("bad private key", Duration::from_secs(1), 4 * MIB, || PrivateKey::from_pem(text).unwrap_err().into_sign_error());
        assert_eq!(e.code(), ErrorCode::SignFailed);
        assert_eq!(e.message(), format!("private key unusable: {as_private}"), "{text:.60}");
        assert_eq!(PrivateKey::parse(text.as_bytes()).unwrap_err().to_string(), *as_private, "{text:.60}");
        // As the public key of a check: code 8, reached only after the ticket's own checks.
        let e = bounded("bad public key", Duration::from_secs(1), 4 * MIB, || check_at(&ticket, text, "u", CheckKind::Plain).unwrap_err());
        assert_eq!(e.code(), ErrorCode::BadSignature);
        assert_eq!(e.message(), format!("public key unusable: {as_public}"), "{text:.60}");
    }
    // A public key where a private one belongs, and the reverse.
    let e = PrivateKey::from_pem(&public).unwrap_err().into_sign_error();
    assert_eq!((e.code(), e.message()), (ErrorCode::SignFailed, "private key unusable: a public key was given where a private key is needed"));
    assert_err(
        check_at(&ticket, &p256_private, "u", CheckKind::Plain),
        ErrorCode::BadSignature,
        "public key unusable: a private key was given where a public key is needed",
    );
    let public_der = std::fs::read(format!("{KEYS}p256_public_key.der")).unwrap();
    let private_der = std::fs::read(format!("{KEYS}p256_private_key.der")).unwrap();
    assert_eq!(PrivateKey::from_der(&public_der).unwrap_err().to_string(), "a public key was given where a private key is needed");
    assert_eq!(PublicKey::from_der(&private_der).unwrap_err().to_string(), "a private key was given where a public key is needed");
    // A PEM with its body cut short (armour intact).
    let e = check_at(&ticket, &truncated_public, "u", CheckKind::Plain).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadSignature);
    assert!(e.message().starts_with("public key unusable: malformed key: "), "{e}");
    // Every DER prefix of a real key: an error or (never) a different key, quickly.
    for der in [&public_der, &private_der] {
        bounded("DER prefixes", Duration::from_secs(5), 8 * MIB, || {
            for n in 0..der.len() {
                assert!(PublicKey::from_der(&der[..n]).is_err());
                assert!(PrivateKey::from_der(&der[..n]).is_err());
            }
        });
    }
    // A v2 secret that is a whole private key PEM is just bytes: the MAC does not match.
    let v2 = v2::generate_with(&HmacKey::new(SECRET.as_bytes()), &V2Request { sdkappid: APPID, identifier: "u", expire: 186400, userbuf: None, time: Some(T0 as u64) }).unwrap();
    assert_err(check_at(&v2, &p256_private, "u", CheckKind::Plain), ErrorCode::BadSignature, "hmac verify failed: the signature does not match the key");
}
