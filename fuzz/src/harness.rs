//! What every fuzz target checks, written once: the cargo-fuzz targets (`fuzz/fuzz_targets/`) call
//! these functions, and the stable corpus replay (`tests/fuzz_corpus.rs`) includes this file by
//! path and calls them on every file of `fuzz/corpus/*/`.
//!
//! Each function panics when an invariant fails; otherwise it returns normally, whatever the input.
//! Invariants checked on every input:
//! * errors carry a legacy code in 1..=17 other than the never-returned 5, 11, 12, with a message,
//!   and times only for code 9 (expired);
//! * no error message and no `Debug` output contains the HMAC secret or the private key text;
//! * decoding and checking agree: codes 1–3 come only from decoding, and when decoding fails the
//!   check fails with that same error;
//! * `dump` round-trips through `ticket::encode`;
//! * keys that parse sign and verify, and re-encode to the same key;
//! * v2 tickets get exactly the code an independent model of the SPEC's v2 check order predicts.

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use tls_sig::json::TicketJson;
use tls_sig::ticket::{self, TicketFormat};
use tls_sig::verify::{check, CheckKind, CheckRequest, VerificationKey};
use tls_sig::{ErrorCode, HmacKey, KeyError, PrivateKey, PublicKey, SigError};

/// The sdkappid of the seed tickets.
pub const APPID: u64 = 1_400_000_267;
/// The identifier of the seed tickets.
pub const IDENT: &str = "fuzz_user";
/// The userbuf of the seed userbuf tickets.
pub const USERBUF: &[u8] = b"fuzz-userbuf";
/// The v2 shared secret of the seed v2 tickets (a made-up console-style secret).
pub const SECRET: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
/// "Now" for every check: a little after the seed tickets were made (they are valid 180 days, so
/// seeds made later, up to 180 days after this instant, are valid at it too).
pub const NOW: i64 = 1_796_500_000;

/// The fixture keys the seed tickets are signed with (test-only keys, tests/data/keys/).
pub const P256_PUBLIC_PEM: &str = include_str!("../../tests/data/keys/p256_public_key.pem");
pub const K256_PUBLIC_PEM: &str = include_str!("../../tests/data/keys/k256_public_key.pem");
pub const P256_PRIVATE_PEM: &str = include_str!("../../tests/data/keys/p256_private_key.pem");
pub const K256_PRIVATE_PEM: &str = include_str!("../../tests/data/keys/k256_private_key.pem");

/// Base64 lines of the private key fixtures: none may ever appear in a message or `Debug` text.
fn private_key_bodies() -> Vec<&'static str> {
    [P256_PRIVATE_PEM, K256_PRIVATE_PEM]
        .iter()
        .flat_map(|pem| pem.lines())
        .filter(|l| !l.starts_with("-----") && l.len() >= 16)
        .collect()
}

/// Asserts the invariants of any error: a legacy code that can be returned, a message, times only
/// for code 9, and no secret in the message or `Debug` output.
pub fn assert_error_ok(e: &SigError) {
    let code = e.code().as_i32();
    assert!((1..=17).contains(&code) && ![5, 11, 12].contains(&code), "impossible code {code}: {e}");
    assert!(!e.message().is_empty(), "empty message for code {code}");
    assert_eq!(e.ticket_times().is_some(), e.code() == ErrorCode::Expired, "times iff expired: {e:?}");
    let debug = format!("{e:?}");
    let display = e.to_string();
    for text in [&debug, &display] {
        assert!(!text.contains(SECRET), "the HMAC secret leaked into an error: {text}");
        for body in private_key_bodies() {
            assert!(!text.contains(body), "private key text leaked into an error: {text}");
        }
    }
}

fn assert_key_error_ok(e: &KeyError) {
    let shown = e.to_string();
    assert!(!shown.is_empty());
    assert_eq!(e.clone().into_sign_error().code(), ErrorCode::SignFailed);
    assert_eq!(e.clone().into_verify_error().code(), ErrorCode::BadSignature);
    assert_error_ok(&e.clone().into_sign_error());
    assert_error_ok(&e.clone().into_verify_error());
}

fn code_of<T>(r: &Result<T, SigError>) -> i32 {
    match r {
        Ok(_) => 0,
        Err(e) => e.code().as_i32(),
    }
}

// ---------------------------------------------------------------------------------------------
// verify_ticket: arbitrary ticket text against real keys and the v2 secret.

/// Checks arbitrary ticket text with the fixture public keys (as text and parsed), the v2 secret
/// (as text and as an `HmacKey`), in the plain and both userbuf modes.
pub fn verify_ticket(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let p256 = PublicKey::from_pem(P256_PUBLIC_PEM).expect("fixture key");
    let k256 = PublicKey::from_pem(K256_PUBLIC_PEM).expect("fixture key");
    let hmac = HmacKey::new(SECRET.as_bytes());
    let decoded = ticket::decode(&text);

    let keys = [
        VerificationKey::Text(P256_PUBLIC_PEM),
        VerificationKey::Text(K256_PUBLIC_PEM),
        VerificationKey::Text(SECRET),
        VerificationKey::Public(&p256),
        VerificationKey::Public(&k256),
        VerificationKey::Hmac(&hmac),
    ];
    let kinds = [
        CheckKind::Plain,
        CheckKind::Userbuf { expected: None },
        CheckKind::Userbuf { expected: Some(USERBUF) },
    ];
    for key in keys {
        for kind in kinds {
            let request = CheckRequest { sdkappid: APPID, identifier: IDENT, kind, now: Some(NOW) };
            let result = check(&text, key, &request);
            match (&decoded, &result) {
                (Err(d), r) => {
                    let e = r.as_ref().expect_err("a ticket that does not decode passed the check");
                    assert_eq!(e, d, "check and decode disagree");
                    assert!((1..=4).contains(&d.code().as_i32()), "decode gave {d}");
                    assert_error_ok(e);
                }
                (Ok(_), Err(e)) => {
                    assert_error_ok(e);
                    assert!(e.code().as_i32() >= 4, "a decodable ticket got a decode code: {e}");
                }
                (Ok(t), Ok(v)) => {
                    assert_eq!(t.json.get_str("TLS.identifier"), Some(IDENT), "passed for another identifier");
                    let key_is_secret = matches!(key, VerificationKey::Hmac(_) | VerificationKey::Text(SECRET));
                    assert_eq!(t.is_v2(), key_is_secret, "v1 ticket passed with the secret, or v2 with a public key");
                    if !t.is_v2() {
                        assert!(
                            i128::from(v.init_time) + i128::from(v.expire_time) >= i128::from(NOW),
                            "expired v1 ticket passed"
                        );
                    }
                    assert_eq!(v.userbuf.is_some(), kind != CheckKind::Plain);
                    if let CheckKind::Userbuf { expected: Some(e) } = kind {
                        if t.is_v2() {
                            assert_eq!(v.userbuf.as_deref(), Some(e));
                        }
                    }
                }
            }
        }
    }
    // The legacy entry points are the Text-key checks with the system clock: same decode codes.
    let r = tls_sig::verify(&text, P256_PUBLIC_PEM, APPID, IDENT);
    if let Err(e) = &r {
        assert_error_ok(e);
    }
    if let Err(d) = &decoded {
        assert_eq!(code_of(&r), d.code().as_i32());
    }
    let r = tls_sig::verify_userbuf(&text, SECRET, APPID, IDENT, Some(USERBUF));
    if let Err(e) = &r {
        assert_error_ok(e);
    }
}

// ---------------------------------------------------------------------------------------------
// dump

/// `dump` on arbitrary text: only decode codes; on success the JSON parses and round-trips
/// through `ticket::encode`.
pub fn dump(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match tls_sig::dump(&text) {
        Err(e) => {
            assert_error_ok(&e);
            assert!((1..=4).contains(&e.code().as_i32()), "dump gave {e}");
        }
        Ok(json) => {
            TicketJson::parse(json.as_bytes()).expect("dump returned JSON that does not parse");
            let decoded = ticket::decode(&text).expect("dump passed, decode failed");
            assert_eq!(decoded.json_text, json);
            if decoded.format == TicketFormat::PlainJson {
                assert_eq!(json, text.trim_matches(|c: char| c.is_ascii_whitespace()));
            }
            let again = ticket::encode(&json).expect("encode of dumped JSON");
            let redumped = tls_sig::dump(&again).expect("re-encoded dump does not decode");
            assert_eq!(redumped, json, "dump/encode round trip changed the JSON");
            assert_eq!(ticket::decode(&again).unwrap().format, TicketFormat::Compressed);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// parse_key

/// Every key parser on arbitrary bytes: no panic; keys that parse sign, verify and re-encode to
/// the same key; errors map to codes 17 / 8 and show no key material.
pub fn parse_key(data: &[u8]) {
    const MESSAGE: &[u8] = b"TLS.identifier:fuzz_user\n";
    let text = std::str::from_utf8(data).ok();

    let mut privates = vec![PrivateKey::parse(data), PrivateKey::from_der(data)];
    let mut publics = vec![PublicKey::parse(data), PublicKey::from_der(data)];
    if let Some(text) = text {
        privates.push(PrivateKey::from_pem(text));
        publics.push(PublicKey::from_pem(text));
    }
    for private in privates {
        match private {
            Ok(key) => {
                let signature = key.sign_der(MESSAGE);
                let public = key.public_key();
                assert_eq!(public.curve(), key.curve());
                assert!(public.verify_der(MESSAGE, &signature), "own signature does not verify");
                assert!(!public.verify_der(b"another message", &signature));
                let pem = key.to_pkcs8_pem().expect("re-encode private key");
                let again = PrivateKey::from_pem(&pem).expect("re-parse private key");
                assert_eq!(again.public_key(), public);
                let debug = format!("{key:?}");
                for line in pem.lines().filter(|l| !l.starts_with("-----")) {
                    assert!(!debug.contains(line), "private key Debug shows key material");
                }
            }
            Err(e) => assert_key_error_ok(&e),
        }
    }
    for public in publics {
        match public {
            Ok(key) => {
                let pem = key.to_spki_pem().expect("re-encode public key");
                let again = PublicKey::from_pem(&pem).expect("re-parse public key");
                assert_eq!(again, key);
                // Arbitrary bytes as a signature: must not panic.
                let _ = key.verify_der(MESSAGE, data);
            }
            Err(e) => assert_key_error_ok(&e),
        }
    }
    // Arbitrary bytes as a DER signature under real keys.
    for pem in [P256_PUBLIC_PEM, K256_PUBLIC_PEM] {
        let key = PublicKey::from_pem(pem).unwrap();
        let _ = key.verify_der(MESSAGE, data);
    }
}

// ---------------------------------------------------------------------------------------------
// v2_structured: tickets built from fuzzer-chosen JSON members, checked against a model.

/// Reads fuzzer bytes as choices; past the end every read is zero.
pub struct Choices<'a> {
    data: &'a [u8],
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Choices { data }
    }

    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    pub fn u64(&mut self) -> u64 {
        let mut v = 0u64;
        for _ in 0..8 {
            v = (v << 8) | u64::from(self.u8());
        }
        v
    }

    /// A short string of arbitrary (lossily decoded) bytes, up to 31 bytes.
    pub fn string(&mut self) -> String {
        let n = usize::from(self.u8() % 32).min(self.data.len());
        let (s, rest) = self.data.split_at(n);
        self.data = rest;
        String::from_utf8_lossy(s).into_owned()
    }
}

const FIELDS: [&str; 9] = [
    "TLS.ver",
    "TLS.identifier",
    "TLS.sdkappid",
    "TLS.time",
    "TLS.expire",
    "TLS.sig",
    "TLS.userbuf",
    "TLS.sdk_appid",
    "TLS.expire_after",
];

/// A JSON value (as text) for member `name`, chosen by the fuzzer.
fn value_for(name: &str, c: &mut Choices<'_>) -> String {
    let quoted = |s: &str| Value::String(s.to_string()).to_string();
    match c.u8() % 12 {
        // The right kind of value for the field.
        0 | 1 => match name {
            "TLS.ver" => quoted("2.0"),
            "TLS.identifier" => quoted(IDENT),
            "TLS.sdkappid" => APPID.to_string(),
            "TLS.time" => (NOW as u64).saturating_sub(u64::from(c.u8()) * 1000).to_string(),
            "TLS.expire" => (u64::from(c.u8()) * 100).to_string(),
            "TLS.userbuf" => quoted(&base64::engine::general_purpose::STANDARD.encode(USERBUF)),
            _ => quoted(&c.string()),
        },
        2 => quoted(&c.string()),
        3 => c.u64().to_string(),
        4 => format!("-{}", c.u64() % 1000),
        5 => ["1.5", "1e3", "1400000267.0", "-0", "0", "1E2", "0.0"][usize::from(c.u8() % 7)].to_string(),
        6 => ["true", "false", "null"][usize::from(c.u8() % 3)].to_string(),
        7 => ["[]", "{}", "[1,2]", "{\"a\":[{}]}", "[\"2.0\"]"][usize::from(c.u8() % 5)].to_string(),
        8 => ["18446744073709551615", "18446744073709551616", "99999999999999999999999"][usize::from(c.u8() % 3)]
            .to_string(),
        9 => quoted(&APPID.to_string()),
        10 => quoted("2.0 "),
        _ => quoted(&format!("{IDENT}\u{0}")),
    }
}

/// Builds a v2 ticket from fuzzer choices (members, duplicates, layout, optionally a correct or
/// mangled MAC) and checks it with the v2 secret; the code must equal the model's.
pub fn v2_structured(data: &[u8]) {
    v2_structured_code(data);
}

/// [`v2_structured`], returning the code the check gave (0 for success).
pub fn v2_structured_code(data: &[u8]) -> i32 {
    let mut c = Choices::new(data);
    let flags = c.u8();
    let count = usize::from(c.u8() % 12);
    let mut members: Vec<(String, String)> = Vec::new();
    if flags & 1 == 0 {
        members.push(("TLS.ver".into(), "\"2.0\"".into()));
    }
    for _ in 0..count {
        let pick = c.u8();
        let name = if usize::from(pick) < FIELDS.len() * 25 {
            FIELDS[usize::from(pick) % FIELDS.len()].to_string()
        } else {
            c.string()
        };
        let value = value_for(&name, &mut c);
        members.push((name, value));
    }

    // Parse every member value once; the model reads first occurrences like the legacy parser.
    let parsed: Vec<(String, Value)> =
        members.iter().map(|(k, v)| (k.clone(), serde_json::from_str(v).expect("member JSON"))).collect();

    let sign_with_userbuf = flags & 4 != 0;
    if flags & 2 != 0 {
        // Put a correct MAC (over the ticket's own fields) in the first TLS.sig, maybe mangled.
        if let Some(mac) = model_mac(&parsed, sign_with_userbuf) {
            let b64 = base64::engine::general_purpose::STANDARD.encode(mac);
            let sig = match c.u8() % 6 {
                0 | 1 => b64,
                2 => format!("{}\r\n{}", &b64[..20], &b64[20..]),
                3 => b64.trim_end_matches('=').to_string(),
                4 => {
                    let mut m = mac;
                    m[usize::from(c.u8() % 32)] ^= 1 << (c.u8() % 8);
                    base64::engine::general_purpose::STANDARD.encode(m)
                }
                _ => format!(" {b64} "),
            };
            let value = Value::String(sig).to_string();
            match members.iter_mut().find(|(k, _)| k == "TLS.sig") {
                Some(m) => m.1 = value,
                None => members.insert(usize::from(c.u8()) % (members.len() + 1), ("TLS.sig".into(), value)),
            }
        }
    }
    let parsed: Vec<(String, Value)> =
        members.iter().map(|(k, v)| (k.clone(), serde_json::from_str(v).expect("member JSON"))).collect();

    let pretty = flags & 8 != 0;
    let mut json = String::from("{");
    for (i, (k, v)) in members.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        if pretty {
            json.push_str("\n   ");
        }
        json.push_str(&Value::String(k.clone()).to_string());
        json.push_str(if pretty { " : " } else { ":" });
        json.push_str(v);
    }
    json.push_str(if pretty { "\n}\n" } else { "}" });
    let ticket_text = ticket::encode(&json).expect("encode");

    let identifier = match c.u8() % 8 {
        0 => String::new(),
        1 => format!("{IDENT}\u{0}"),
        2 => c.string(),
        _ => IDENT.to_string(),
    };
    let sdkappid = match c.u8() % 8 {
        0 => 0,
        1 => APPID + 1,
        2 => c.u64(),
        _ => APPID,
    };
    let now = match c.u8() % 4 {
        0 => i64::MAX,
        1 => i64::MIN,
        2 => c.u64() as i64,
        _ => NOW,
    };
    let other_userbuf = c.string();
    let kind = match c.u8() % 4 {
        0 => CheckKind::Userbuf { expected: None },
        1 => CheckKind::Userbuf { expected: Some(USERBUF) },
        2 => CheckKind::Userbuf { expected: Some(other_userbuf.as_bytes()) },
        _ => CheckKind::Plain,
    };
    let hmac = HmacKey::new(SECRET.as_bytes());
    let request = CheckRequest { sdkappid, identifier: &identifier, kind, now: Some(now) };
    let got = check(&ticket_text, VerificationKey::Hmac(&hmac), &request);
    let via_text = check(&ticket_text, VerificationKey::Text(SECRET), &request);
    assert_eq!(got, via_text, "HmacKey and secret text disagree");
    if let Err(e) = &got {
        assert_error_ok(e);
    }
    let expected = model_check(&parsed, &identifier, sdkappid, kind, now);
    assert_eq!(code_of(&got), expected, "v2 model disagrees for JSON {json} request {identifier:?}/{sdkappid}/{now}/{kind:?}: {got:?}");
    if let Ok(v) = &got {
        let first = |k: &str| parsed.iter().find(|(n, _)| n == k).map(|(_, v)| v);
        assert_eq!(v.init_time as u64, first("TLS.time").and_then(Value::as_u64).unwrap().min(i64::MAX as u64));
        assert_eq!(v.expire_time as u64, first("TLS.expire").and_then(Value::as_u64).unwrap().min(i64::MAX as u64));
    }
    expected
}

fn lenient_base64(text: &str) -> Option<Vec<u8>> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    LENIENT.decode(compact).ok()
}

fn first<'v>(members: &'v [(String, Value)], name: &str) -> Option<&'v Value> {
    members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The v2 MAC over the ticket's own (first-occurrence) fields, if they are well-typed.
fn model_mac(members: &[(String, Value)], with_userbuf: bool) -> Option<[u8; 32]> {
    let id = first(members, "TLS.identifier")?.as_str()?;
    let appid = first(members, "TLS.sdkappid")?.as_u64()?;
    let time = first(members, "TLS.time")?.as_u64()?;
    let expire = first(members, "TLS.expire")?.as_u64()?;
    let mut text = format!("TLS.identifier:{id}\nTLS.sdkappid:{appid}\nTLS.time:{time}\nTLS.expire:{expire}\n");
    if with_userbuf {
        text.push_str(&format!("TLS.userbuf:{}\n", first(members, "TLS.userbuf")?.as_str()?));
    }
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(text.as_bytes());
    Some(mac.finalize().into_bytes().into())
}

/// The code the SPEC's check order gives (section 2), written independently of the library.
fn model_check(members: &[(String, Value)], identifier: &str, sdkappid: u64, kind: CheckKind<'_>, now: i64) -> i32 {
    let get = |name: &str| first(members, name);
    let userbuf_mode = kind != CheckKind::Plain;
    if get("TLS.ver").and_then(Value::as_str) != Some("2.0") {
        // A v1 ticket checked with an HMAC key: rebuild (4), TLS.sig (7, 6), then the key (8).
        let mut required = vec!["TLS.account_type", "TLS.identifier", "TLS.sdk_appid", "TLS.time", "TLS.expire_after"];
        if userbuf_mode {
            required.push("TLS.appid_at_3rd");
            required.push("TLS.userbuf");
        }
        if required.iter().any(|r| get(r).is_none()) {
            return 4;
        }
        let Some(sig) = get("TLS.sig").and_then(Value::as_str) else { return 7 };
        if lenient_base64(sig).is_none() {
            return 6;
        }
        return 8;
    }
    let Some(id) = get("TLS.identifier").and_then(Value::as_str) else { return 7 };
    if id != identifier {
        return 13;
    }
    let Some(appid) = get("TLS.sdkappid").and_then(Value::as_u64) else { return 7 };
    if appid != sdkappid {
        return 14;
    }
    let Some(time) = get("TLS.time").and_then(Value::as_u64) else { return 7 };
    let Some(expire) = get("TLS.expire").and_then(Value::as_u64) else { return 7 };
    if i128::from(now) > i128::from(time) + i128::from(expire) {
        return 9;
    }
    let Some(sig) = get("TLS.sig").and_then(Value::as_str) else { return 7 };
    let mut text = format!("TLS.identifier:{id}\nTLS.sdkappid:{appid}\nTLS.time:{time}\nTLS.expire:{expire}\n");
    if userbuf_mode {
        let ub_text = get("TLS.userbuf").and_then(Value::as_str);
        let Some(ub) = ub_text.and_then(lenient_base64) else { return 15 };
        if let CheckKind::Userbuf { expected: Some(e) } = kind {
            if ub != e {
                return 15;
            }
        }
        text.push_str(&format!("TLS.userbuf:{}\n", ub_text.unwrap()));
    }
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(text.as_bytes());
    let mac: [u8; 32] = mac.finalize().into_bytes().into();
    if lenient_base64(sig).as_deref() != Some(&mac[..]) {
        return 8;
    }
    0
}
