//! Ticket issue and check through the library: every code the API can return, provoked by a real
//! input, in the legacy check order (SPEC sections 1–3).

use std::io::Write;

use base64::Engine;
use serde_json::{json, Value};
use tls_sig::v1::{self, V1Request};
use tls_sig::v2::{self, V2Request};
use tls_sig::verify::{check, CheckKind, CheckRequest, VerificationKey};
use tls_sig::{dump, generate_plain_json, verify, verify_userbuf, Curve, ErrorCode, HmacKey, PrivateKey, PublicKey};

const APPID: u64 = 1400000267;
const NOW: i64 = 1_700_000_000;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn key(curve: Curve) -> (PrivateKey, String) {
    let private = PrivateKey::generate(curve);
    let public = private.public_key().to_spki_pem().unwrap();
    (private, public)
}

/// Checks with a fixed clock.
fn check_at(ticket: &str, public_pem: &str, id: &str, now: i64) -> Result<tls_sig::Verified, tls_sig::SigError> {
    let request = CheckRequest { now: Some(now), ..CheckRequest::new(APPID, id) };
    check(ticket, VerificationKey::Text(public_pem), &request)
}

fn gen_at(key: &PrivateKey, id: &str, expire: u32, time: u64) -> String {
    v1::generate_with(key, &V1Request { expire, time: Some(time), ..V1Request::new(APPID, id) }).unwrap()
}

/// Builds a compressed ticket from JSON members, signing `signed_text` with `key`.
fn forge(key: &PrivateKey, members: Value, signed_text: &str) -> String {
    let mut object = members.as_object().unwrap().clone();
    object.insert("TLS.sig".into(), Value::String(b64(&key.sign_der(signed_text.as_bytes()))));
    tls_sig::ticket::encode(&Value::Object(object).to_string()).unwrap()
}

fn six_lines(appid3rd: Option<&str>, account: &str, id: &str, sdkappid: &str, time: &str, expire: &str) -> String {
    let mut text = String::new();
    if let Some(a) = appid3rd {
        text += &format!("TLS.appid_at_3rd:{a}\n");
    }
    text + &format!("TLS.account_type:{account}\nTLS.identifier:{id}\nTLS.sdk_appid:{sdkappid}\nTLS.time:{time}\nTLS.expire_after:{expire}\n")
}

fn code(result: Result<tls_sig::Verified, tls_sig::SigError>) -> i32 {
    match result {
        Ok(_) => 0,
        Err(e) => e.code().as_i32(),
    }
}

fn zlib(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn ticket_b64(bytes: &[u8]) -> String {
    b64(bytes).replace('+', "*").replace('/', "-").replace('=', "_")
}

#[test]
fn round_trip_on_both_curves_reports_times() {
    for curve in [Curve::P256, Curve::Secp256k1] {
        let (private, public) = key(curve);
        let ticket = gen_at(&private, "xiaojun", 86400, NOW as u64);
        let verified = check_at(&ticket, &public, "xiaojun", NOW + 10).unwrap();
        assert_eq!((verified.expire_time, verified.init_time, verified.userbuf), (86400, NOW, None));
        let json: Value = serde_json::from_str(&dump(&ticket).unwrap()).unwrap();
        assert_eq!(json["TLS.version"], "201803230000");
        assert_eq!(json["TLS.sdk_appid"], "1400000267");
        assert_eq!(json["TLS.account_type"], "0");
        assert_eq!(json["TLS.appid_at_3rd"], "0");
        // Default expiry and the system clock.
        let ticket = v1::generate(&private, APPID, "xiaojun", tls_sig::DEFAULT_EXPIRE, None).unwrap();
        assert_eq!(verify(&ticket, &public, APPID, "xiaojun").unwrap().expire_time, 15_552_000);
    }
}

#[test]
fn codes_1_to_4_from_the_ticket_text() {
    let (_, public) = key(Curve::P256);
    assert_eq!(code(check_at("", &public, "a", NOW)), 1);
    assert_eq!(code(check_at(" \r\n", &public, "a", NOW)), 1);
    assert_eq!(code(check_at("abc!def", &public, "a", NOW)), 2);
    assert_eq!(code(check_at(&ticket_b64(b"not a zlib stream"), &public, "a", NOW)), 3);
    assert_eq!(code(check_at(&ticket_b64(&zlib(b"{not json", 6)), &public, "a", NOW)), 4);
    assert_eq!(code(check_at(&ticket_b64(&zlib(b"[1,2]", 6)), &public, "a", NOW)), 4);
    assert_eq!(code(check_at(&ticket_b64(&zlib(b"{\"TLS.identifier\":\"\xff\"}", 6)), &public, "a", NOW)), 4);
    let e = check_at(&ticket_b64(&zlib(b"{not json", 6)), &public, "a", NOW).unwrap_err();
    assert!(e.message().contains("json"), "{}", e.message());
}

#[test]
fn missing_signed_field_is_4_and_sig_field_problems_are_7_and_6() {
    let (private, public) = key(Curve::P256);
    let fields = json!({"TLS.account_type":"0","TLS.identifier":"a","TLS.sdk_appid":"1400000267","TLS.time":"1700000000"});
    let t = forge(&private, fields, "x");
    let e = check_at(&t, &public, "a", NOW).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Json);
    assert!(e.message().contains("TLS.expire_after"));

    let full = json!({"TLS.account_type":"0","TLS.identifier":"a","TLS.sdk_appid":"1400000267","TLS.time":"1700000000","TLS.expire_after":"100"});
    let no_sig = tls_sig::ticket::encode(&full.to_string()).unwrap();
    assert_eq!(code(check_at(&no_sig, &public, "a", NOW)), 7);
    let mut numeric_sig = full.clone();
    numeric_sig["TLS.sig"] = json!(12);
    assert_eq!(code(check_at(&tls_sig::ticket::encode(&numeric_sig.to_string()).unwrap(), &public, "a", NOW)), 7);
    let mut bad_sig = full;
    bad_sig["TLS.sig"] = json!("!!!notbase64!!!");
    assert_eq!(code(check_at(&tls_sig::ticket::encode(&bad_sig.to_string()).unwrap(), &public, "a", NOW)), 6);
}

#[test]
fn code_8_for_wrong_key_garbage_key_and_tampering() {
    let (private, public) = key(Curve::P256);
    let (_, other_public) = key(Curve::P256);
    let (_, k1_public) = key(Curve::Secp256k1);
    let t = gen_at(&private, "a", 100, NOW as u64);
    assert_eq!(code(check_at(&t, &other_public, "a", NOW)), 8);
    assert_eq!(code(check_at(&t, &k1_public, "a", NOW)), 8);
    assert_eq!(code(check_at(&t, "garbage", "a", NOW)), 8);
    assert_eq!(code(check_at(&t, "", "a", NOW)), 8);
    // Signature check comes before the identifier check (legacy order): wrong key + wrong id = 8.
    assert_eq!(code(check_at(&t, &other_public, "b", NOW)), 8);
    // A tampered field breaks the signature.
    let mut json: Value = serde_json::from_str(&dump(&t).unwrap()).unwrap();
    json["TLS.expire_after"] = json!("999999");
    assert_eq!(code(check_at(&tls_sig::ticket::encode(&json.to_string()).unwrap(), &public, "a", NOW)), 8);
}

#[test]
fn codes_13_14_10_9_after_the_signature() {
    let (private, public) = key(Curve::Secp256k1);
    let t = gen_at(&private, "alice", 100, NOW as u64);
    assert_eq!(code(check_at(&t, &public, "bob", NOW)), 13);
    let request = CheckRequest { now: Some(NOW), ..CheckRequest::new(APPID + 1, "alice") };
    assert_eq!(check(&t, VerificationKey::Text(&public), &request).unwrap_err().code(), ErrorCode::SdkAppIdMismatch);
    // Expiry: time + expire < now is expired; equal is still valid.
    assert_eq!(code(check_at(&t, &public, "alice", NOW + 100)), 0);
    let e = check_at(&t, &public, "alice", NOW + 101).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Expired);
    let times = e.ticket_times().expect("times are reported for an expired ticket");
    assert_eq!((times.expire_time, times.init_time), (100, NOW));

    // Non-string time fields (signed as their JSON text) give 10.
    let members = json!({"TLS.account_type":"0","TLS.identifier":"alice","TLS.sdk_appid":"1400000267","TLS.time":1700000000,"TLS.expire_after":"100"});
    let text = six_lines(None, "0", "alice", "1400000267", "1700000000", "100");
    assert_eq!(code(check_at(&forge(&private, members, &text), &public, "alice", NOW)), 10);
    // A non-string identifier is 13, a non-string sdk_appid 14.
    let members = json!({"TLS.account_type":"0","TLS.identifier":7,"TLS.sdk_appid":"1400000267","TLS.time":"1700000000","TLS.expire_after":"100"});
    let text = six_lines(None, "0", "7", "1400000267", "1700000000", "100");
    assert_eq!(code(check_at(&forge(&private, members, &text), &public, "7", NOW)), 13);
    let members = json!({"TLS.account_type":"0","TLS.identifier":"a","TLS.sdk_appid":1400000267,"TLS.time":"1700000000","TLS.expire_after":"100"});
    let text = six_lines(None, "0", "a", "1400000267", "1700000000", "100");
    assert_eq!(code(check_at(&forge(&private, members, &text), &public, "a", NOW)), 14);
}

#[test]
fn legacy_number_reading_strtoul_and_atol() {
    let (private, public) = key(Curve::P256);
    // sdk_appid with trailing text still matches by its leading digits; time/expire read by atol.
    let members = json!({"TLS.account_type":"0","TLS.identifier":"a","TLS.sdk_appid":"1400000267xyz","TLS.time":" 1700000000abc","TLS.expire_after":"+100s"});
    let text = six_lines(None, "0", "a", "1400000267xyz", " 1700000000abc", "+100s");
    let v = check_at(&forge(&private, members, &text), &public, "a", NOW).unwrap();
    assert_eq!((v.expire_time, v.init_time), (100, NOW));
    // A negative expiry (legacy %d of values >= 2^31) is expired from birth.
    let members = json!({"TLS.account_type":"0","TLS.identifier":"a","TLS.sdk_appid":"1400000267","TLS.time":"1700000000","TLS.expire_after":"-2147483648"});
    let text = six_lines(None, "0", "a", "1400000267", "1700000000", "-2147483648");
    assert_eq!(code(check_at(&forge(&private, members, &text), &public, "a", NOW)), 9);
}

#[test]
fn expiry_edges_written_unsigned() {
    let (private, public) = key(Curve::P256);
    for expire in [0u32, 1, 1 << 31, u32::MAX] {
        let t = gen_at(&private, "a", expire, NOW as u64);
        let json: Value = serde_json::from_str(&dump(&t).unwrap()).unwrap();
        assert_eq!(json["TLS.expire_after"], Value::String(expire.to_string()));
        let v = check_at(&t, &public, "a", NOW).unwrap();
        assert_eq!(v.expire_time, i64::from(expire));
        assert_eq!(code(check_at(&t, &public, "a", NOW + i64::from(expire))), 0);
        assert_eq!(code(check_at(&t, &public, "a", NOW + i64::from(expire) + 1)), 9);
    }
}

#[test]
fn appid_at_3rd_is_optional_and_never_compared() {
    let (private, public) = key(Curve::P256);
    let members = json!({"TLS.account_type":"7","TLS.identifier":"a","TLS.sdk_appid":"1400000267","TLS.time":"1700000000","TLS.expire_after":"100"});
    let text = six_lines(None, "7", "a", "1400000267", "1700000000", "100");
    assert_eq!(code(check_at(&forge(&private, members, &text), &public, "a", NOW)), 0);
    let t = v1::generate_with(&private, &V1Request { appid_at_3rd: "abc", account_type: "9", time: Some(NOW as u64), ..V1Request::new(APPID, "a") }).unwrap();
    assert_eq!(code(check_at(&t, &public, "a", NOW)), 0);
}

#[test]
fn duplicate_keys_first_occurrence_wins() {
    let (private, public) = key(Curve::P256);
    let text = six_lines(Some("0"), "0", "alice", "1400000267", "1700000000", "100");
    let sig = b64(&private.sign_der(text.as_bytes()));
    let json = format!(r#"{{"TLS.appid_at_3rd":"0","TLS.account_type":"0","TLS.identifier":"alice","TLS.sdk_appid":"1400000267","TLS.time":"1700000000","TLS.expire_after":"100","TLS.identifier":"bob","TLS.sig":"{sig}","TLS.sig":"xx"}}"#);
    let t = tls_sig::ticket::encode(&json).unwrap();
    assert_eq!(code(check_at(&t, &public, "alice", NOW)), 0);
    assert_eq!(code(check_at(&t, &public, "bob", NOW)), 13);
}

#[test]
fn identifiers_are_json_escaped_and_unlimited() {
    let (private, public) = key(Curve::Secp256k1);
    let long = "長".repeat(1400); // 4200 bytes
    for id in ["a\"b", "back\\slash", "ctl\u{1}\n\t\r", "小军", "emoji😀🎉", "</script>", long.as_str()] {
        let t = gen_at(&private, id, 100, NOW as u64);
        let v = check_at(&t, &public, id, NOW).unwrap_or_else(|e| panic!("{id:?}: {e}"));
        assert_eq!(v.init_time, NOW);
        let json: Value = serde_json::from_str(&dump(&t).unwrap()).unwrap();
        assert_eq!(json["TLS.identifier"], Value::String(id.to_string()));
    }
    assert!(long.len() > 4096);
}

#[test]
fn whitespace_in_ticket_and_crlf_inside_sig_field() {
    let (private, public) = key(Curve::P256);
    let t = gen_at(&private, "a", 100, NOW as u64);
    assert_eq!(code(check_at(&format!("{t}\n"), &public, "a", NOW)), 0);
    let wrapped: String = t.as_bytes().chunks(20).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join("\r\n");
    assert_eq!(code(check_at(&wrapped, &public, "a", NOW)), 0);
    // TLS.sig wrapped with CRLF every 76 characters, as some peers wrote it.
    let mut json: Value = serde_json::from_str(&dump(&t).unwrap()).unwrap();
    let sig = json["TLS.sig"].as_str().unwrap().to_string();
    // A DER ECDSA signature is ~96 base64 characters: wrap it after 76.
    let wrapped_sig = format!("{}\r\n{}", &sig[..76], &sig[76..]);
    json["TLS.sig"] = Value::String(wrapped_sig);
    assert_eq!(code(check_at(&tls_sig::ticket::encode(&json.to_string()).unwrap(), &public, "a", NOW)), 0);
}

#[test]
fn pretty_printed_closed_source_ticket_verifies() {
    let (private, public) = key(Curve::Secp256k1);
    let text = six_lines(None, "0", "xiaojun", "1400000267", "1700000000", "15552000");
    let sig = b64(&private.sign_der(text.as_bytes()));
    // jsoncpp StyledWriter: sorted keys, " : ", tabs/newlines, no appid_at_3rd, zlib level 6 (78 9c).
    let json = format!(
        "{{\n   \"TLS.account_type\" : \"0\",\n   \"TLS.expire_after\" : \"15552000\",\n   \"TLS.identifier\" : \"xiaojun\",\n   \"TLS.sdk_appid\" : \"1400000267\",\n   \"TLS.sig\" : \"{sig}\",\n   \"TLS.time\" : \"1700000000\",\n   \"TLS.version\" : \"201512300000\"\n}}\n"
    );
    let compressed = zlib(json.as_bytes(), 6);
    assert_eq!(&compressed[..2], &[0x78, 0x9c]);
    let v = check_at(&ticket_b64(&compressed), &public, "xiaojun", NOW).unwrap();
    assert_eq!((v.expire_time, v.init_time), (15_552_000, NOW));
}

#[test]
fn plain_json_legacy_ticket_with_a_date() {
    let (private, public) = key(Curve::P256);
    let input = r#"{"TLS.account_type":"0","TLS.identifier":"xiaojun","TLS.appid_at_3rd":"0","TLS.sdk_appid":"1400000267","TLS.time":"2023-11-14T22:13:20-08:00","TLS.expire_after":"86400"}"#;
    let ticket = generate_plain_json(input, &private).unwrap();
    assert!(ticket.starts_with('{') && ticket.contains("\"TLS.sig\""));
    // The date is read as local time (mktime); find what that is and check around it.
    let v = check_at(&ticket, &public, "xiaojun", 0).unwrap();
    let init = v.init_time;
    assert!((init - 1_700_000_000).abs() <= 86_400, "{init}");
    assert_eq!(code(check_at(&ticket, &public, "xiaojun", init + 86_400)), 0);
    assert_eq!(code(check_at(&ticket, &public, "xiaojun", init + 86_401)), 9);
    assert_eq!(code(check_at(&ticket, &public, "other", init)), 13);
    assert_eq!(generate_plain_json("[]", &private).unwrap_err().code(), ErrorCode::Json);
    assert_eq!(generate_plain_json(r#"{"TLS.identifier":"a"}"#, &private).unwrap_err().code(), ErrorCode::Json);
}

#[test]
fn high_s_secp256k1_signatures_verify() {
    let (private, public) = key(Curve::Secp256k1);
    let text = six_lines(Some("0"), "0", "a", "1400000267", "1700000000", "100");
    let low = k256::ecdsa::Signature::from_der(&private.sign_der(text.as_bytes())).unwrap();
    let (r, s) = low.split_scalars();
    let high = k256::ecdsa::Signature::from_scalars(r, -*s).unwrap();
    assert!(high.normalize_s().is_some(), "the forged signature must be high-S");
    let members = json!({"TLS.appid_at_3rd":"0","TLS.account_type":"0","TLS.identifier":"a","TLS.sdk_appid":"1400000267","TLS.time":"1700000000","TLS.expire_after":"100","TLS.sig": b64(high.to_der().as_bytes())});
    let t = tls_sig::ticket::encode(&members.to_string()).unwrap();
    assert_eq!(code(check_at(&t, &public, "a", NOW)), 0);
}

#[test]
fn v1_userbuf_tickets_and_cross_use() {
    let (private, public) = key(Curve::P256);
    let userbuf = b"\x00\x01binary\xffuserbuf";
    let t = v1::generate_with(&private, &V1Request { userbuf: Some(userbuf), expire: 100, time: Some(NOW as u64), ..V1Request::new(APPID, "a") }).unwrap();
    let request = CheckRequest { kind: CheckKind::Userbuf { expected: None }, now: Some(NOW), ..CheckRequest::new(APPID, "a") };
    let v = check(&t, VerificationKey::Text(&public), &request).unwrap();
    assert_eq!(v.userbuf.as_deref(), Some(&userbuf[..]));
    // A userbuf ticket given to the plain check: 8. A plain ticket given to the userbuf check: 4.
    assert_eq!(code(check_at(&t, &public, "a", NOW)), 8);
    let plain = gen_at(&private, "a", 100, NOW as u64);
    assert_eq!(check(&plain, VerificationKey::Text(&public), &request).unwrap_err().code(), ErrorCode::Json);
    // A signed but malformed userbuf: 15, after the other checks.
    let mut text = six_lines(Some("0"), "0", "a", "1400000267", "1700000000", "100");
    text += "TLS.userbuf:!!bad!!\n";
    let members = json!({"TLS.appid_at_3rd":"0","TLS.account_type":"0","TLS.identifier":"a","TLS.sdk_appid":"1400000267","TLS.time":"1700000000","TLS.expire_after":"100","TLS.userbuf":"!!bad!!"});
    let bad = forge(&private, members, &text);
    assert_eq!(check(&bad, VerificationKey::Text(&public), &request).unwrap_err().code(), ErrorCode::Userbuf);
    // Through the convenience API with the system clock.
    let t = v1::generate(&private, APPID, "a", 100, Some(b"hi")).unwrap();
    assert_eq!(verify_userbuf(&t, &public, APPID, "a", None).unwrap().userbuf.as_deref(), Some(&b"hi"[..]));
}

#[test]
fn parsed_key_api_and_key_kind_mismatch() {
    let (private, public_pem) = key(Curve::P256);
    let public = PublicKey::from_pem(&public_pem).unwrap();
    let t = gen_at(&private, "a", 100, NOW as u64);
    let request = CheckRequest { now: Some(NOW), ..CheckRequest::new(APPID, "a") };
    assert!(check(&t, VerificationKey::Public(&public), &request).is_ok());
    let hmac = HmacKey::new(b"secret");
    assert_eq!(check(&t, VerificationKey::Hmac(&hmac), &request).unwrap_err().code(), ErrorCode::BadSignature);
    let t2 = v2::generate_with(&hmac, &V2Request { sdkappid: APPID, identifier: "a", expire: 100, userbuf: None, time: Some(NOW as u64) }).unwrap();
    assert!(check(&t2, VerificationKey::Hmac(&hmac), &request).is_ok());
    assert_eq!(check(&t2, VerificationKey::Public(&public), &request).unwrap_err().code(), ErrorCode::BadSignature);
}

fn v2_at(secret: &[u8], id: &str, expire: u64, userbuf: Option<&[u8]>) -> String {
    v2::generate_with(&HmacKey::new(secret), &V2Request { sdkappid: APPID, identifier: id, expire, userbuf, time: Some(NOW as u64) }).unwrap()
}

fn check_v2(ticket: &str, secret: &str, id: &str, kind: CheckKind<'_>, now: i64) -> i32 {
    let request = CheckRequest { kind, now: Some(now), ..CheckRequest::new(APPID, id) };
    code(check(ticket, VerificationKey::Text(secret), &request))
}

#[test]
fn v2_round_trip_and_codes_in_order() {
    let t = v2_at(b"s3cr3t", "xiaojun", 100, None);
    let json: Value = serde_json::from_str(&dump(&t).unwrap()).unwrap();
    assert_eq!(json["TLS.ver"], "2.0");
    assert_eq!(json["TLS.sdkappid"], json!(APPID));
    assert_eq!(json["TLS.time"], json!(NOW));
    assert_eq!(check_v2(&t, "s3cr3t", "xiaojun", CheckKind::Plain, NOW), 0);
    assert_eq!(check_v2(&t, "wrong", "xiaojun", CheckKind::Plain, NOW), 8);
    assert_eq!(check_v2(&t, "s3cr3t", "other", CheckKind::Plain, NOW), 13);
    assert_eq!(check_v2(&t, "s3cr3t", "xiaojun", CheckKind::Plain, NOW + 100), 0);
    assert_eq!(check_v2(&t, "s3cr3t", "xiaojun", CheckKind::Plain, NOW + 101), 9);
    // Expiry is checked before the MAC: an expired ticket with the wrong key is 9.
    assert_eq!(check_v2(&t, "wrong", "xiaojun", CheckKind::Plain, NOW + 101), 9);
    let request = CheckRequest { now: Some(NOW), ..CheckRequest::new(APPID + 1, "xiaojun") };
    assert_eq!(code(check(&t, VerificationKey::Text("s3cr3t"), &request)), 14);

    let base = json!({"TLS.ver":"2.0","TLS.identifier":"a","TLS.sdkappid":APPID,"TLS.time":NOW,"TLS.expire":100,"TLS.sig":"AAAA"});
    for (field, replacement, expected) in [
        ("TLS.identifier", Value::Null, 7),
        ("TLS.identifier", json!(5), 7),
        ("TLS.sdkappid", Value::Null, 7),
        ("TLS.sdkappid", json!("1400000267"), 7),
        ("TLS.sdkappid", json!(-1), 7),
        ("TLS.time", Value::Null, 7),
        ("TLS.expire", Value::Null, 7),
        ("TLS.expire", json!(-5), 7),
        ("TLS.sig", Value::Null, 7),
        ("TLS.sig", json!("AAAA"), 8),
    ] {
        let mut j = base.clone();
        match replacement {
            Value::Null => {
                j.as_object_mut().unwrap().remove(field);
            }
            other => j[field] = other,
        }
        let t = tls_sig::ticket::encode(&j.to_string()).unwrap();
        assert_eq!(check_v2(&t, "k", "a", CheckKind::Plain, NOW), expected, "{field} -> {j}");
    }
}

#[test]
fn v2_userbuf_and_cross_use() {
    let t = v2_at(b"k", "a", 100, Some(b"payload"));
    let json: Value = serde_json::from_str(&dump(&t).unwrap()).unwrap();
    assert_eq!(json["TLS.userbuf"], b64(b"payload"));
    assert_eq!(check_v2(&t, "k", "a", CheckKind::Userbuf { expected: Some(b"payload") }, NOW), 0);
    assert_eq!(check_v2(&t, "k", "a", CheckKind::Userbuf { expected: Some(b"other") }, NOW), 15);
    // The userbuf comparison comes before the MAC.
    assert_eq!(check_v2(&t, "wrong", "a", CheckKind::Userbuf { expected: Some(b"other") }, NOW), 15);
    assert_eq!(check_v2(&t, "wrong", "a", CheckKind::Userbuf { expected: Some(b"payload") }, NOW), 8);
    let request = CheckRequest { kind: CheckKind::Userbuf { expected: None }, now: Some(NOW), ..CheckRequest::new(APPID, "a") };
    assert_eq!(check(&t, VerificationKey::Text("k"), &request).unwrap().userbuf.as_deref(), Some(&b"payload"[..]));
    // A v2 userbuf ticket given to the plain check: 8. A plain v2 ticket to the userbuf check: 15.
    assert_eq!(check_v2(&t, "k", "a", CheckKind::Plain, NOW), 8);
    let plain = v2_at(b"k", "a", 100, None);
    assert_eq!(check_v2(&plain, "k", "a", CheckKind::Userbuf { expected: Some(b"payload") }, NOW), 15);
}

#[test]
fn zlib_bomb_is_code_3_quickly() {
    // 64 MiB of zeros compresses to ~64 KiB; the inflate stops at the 1 MiB bound.
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..64 {
        e.write_all(&chunk).unwrap();
    }
    let bomb = ticket_b64(&e.finish().unwrap());
    let started = std::time::Instant::now();
    let err = verify(&bomb, "k", APPID, "a").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Inflate);
    assert!(err.message().contains("limit"), "{}", err.message());
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn dump_reports_decode_errors() {
    assert_eq!(dump("").unwrap_err().code(), ErrorCode::EmptyTicket);
    assert_eq!(dump("%%%").unwrap_err().code(), ErrorCode::TicketBase64);
    let (private, _) = key(Curve::P256);
    let t = gen_at(&private, "a", 100, NOW as u64);
    assert!(dump(&t).unwrap().contains("\"TLS.identifier\":\"a\""));
}

#[test]
fn line_breaks_only_in_the_identifier() {
    let (private, public) = key(Curve::P256);
    // Generation refuses a multi-line account type or appid_at_3rd.
    let request = V1Request { account_type: "0\nTLS.x:1", ..V1Request::new(APPID, "a") };
    let e = v1::generate_with(&private, &request).unwrap_err();
    assert_eq!((e.code(), e.message()), (ErrorCode::Internal, "invalid account_type: must not contain a line break"));
    // A signed ticket whose sdk_appid holds a line break is not accepted (code 4), even though
    // its signature matches.
    let members = json!({"TLS.account_type":"0","TLS.identifier":"a","TLS.sdk_appid":"1400000267\n","TLS.time":"1700000000","TLS.expire_after":"100"});
    let text = six_lines(None, "0", "a", "1400000267\n", "1700000000", "100");
    let e = check_at(&forge(&private, members, &text), &public, "a", NOW).unwrap_err();
    assert_eq!((e.code(), e.message()), (ErrorCode::Json, "json field TLS.sdk_appid contains a line break"));
}
